//! Classifying one field's change by the effect its schema entry names: one
//! function per kind of effect, each given the [`Change`] it judges.

use std::cmp::Ordering;

use super::{At, Cx, Spot, brief, clip, prose};
use crate::model::schema::{ClauseKind, Effect, FieldSpec, Side, is_commercial_right};
use crate::model::{Field, Level, Modality, Value};
use crate::report::Finding;
use crate::rules::{Materiality, Rule};

type Lines = (Option<u32>, Option<u32>);

/// One field of a clause present in both versions, before and after.
pub(super) struct Change<'a> {
    pub at: At<'a>,
    pub spec: &'static FieldSpec,
    pub old: Option<&'a Field>,
    pub new: Option<&'a Field>,
}

impl<'a> Change<'a> {
    fn ov(&self) -> Option<&'a Value> {
        self.old.map(|f| &f.value)
    }

    fn nv(&self) -> Option<&'a Value> {
        self.new.map(|f| &f.value)
    }

    pub(super) fn lines(&self) -> Lines {
        (self.old.map(|f| f.pos.line), self.new.map(|f| f.pos.line))
    }

    fn name(&self) -> &'static str {
        self.spec.name
    }

    /// The field as a reader calls it.
    fn what(&self) -> &'static str {
        field_name(self.spec.name)
    }

    /// The clause's label, quoted.
    fn label(&self) -> String {
        q(&self.at.label())
    }

    fn kind(&self) -> Option<ClauseKind> {
        self.at.new.or(self.at.old).map(|c| c.ctype.kind)
    }

    /// A finding about this field with its values and lines filled in.
    fn finding(&self, rule: Rule, message: String) -> Finding {
        self.bare(rule, message).values(self.ov().cloned(), self.nv().cloned())
    }

    /// A finding about this field with its lines, and values left to the caller.
    fn bare(&self, rule: Rule, message: String) -> Finding {
        Finding::new(rule, message).field(self.name()).lines(self.lines())
    }

    /// Where this field's prose sits, for the numbers and hidden-character checks.
    pub(super) fn spot<'s>(&self, label: &'s str) -> Spot<'s>
    where
        'a: 's,
    {
        Spot { at: Some(self.at), label, field: self.spec.name, lines: self.lines() }
    }
}

fn field_name(name: &str) -> &str {
    match name {
        "until" => "end",
        "exclusive" => "exclusivity",
        "exclusive-until" => "end of exclusivity",
        "text" => "wording",
        other => other,
    }
}

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// A change no rule claims.
pub(super) fn unclassified(cx: &mut Cx, ch: &Change) {
    let (l, what) = (ch.label(), ch.what());
    let message = match (ch.ov(), ch.nv()) {
        (Some(a), Some(b)) => {
            format!("The {what} of {l} changed from {} to {}; no rule classifies this change.", brief(a), brief(b))
        }
        (None, Some(b)) => format!("{l} now states a {what}: {}; no rule classifies this change.", brief(b)),
        (Some(a), None) => format!("{l} no longer states a {what} (was {}); no rule classifies this change.", brief(a)),
        (None, None) => return,
    };
    cx.push_clause(ch.at, ch.finding(Rule::UnclassifiedChange, message));
}

/// A payment whose payer and payee swapped: one finding for both fields.
pub(super) fn payment_swap(cx: &mut Cx, at: At) -> bool {
    let (Some(co), Some(cn)) = (at.old, at.new) else {
        return false;
    };
    if co.ctype.kind != ClauseKind::Payment || cn.ctype.kind != ClauseKind::Payment {
        return false;
    }
    let (op, oe, np, ne) =
        (co.party(Some("payer")), co.party(Some("payee")), cn.party(Some("payer")), cn.party(Some("payee")));
    let (Some(op), Some(oe), Some(np), Some(ne)) = (op, oe, np, ne) else {
        return false;
    };
    if op != ne || oe != np || op == oe {
        return false;
    }
    let message = format!(
        "The direction of {} is reversed: {} now pays {} (before, {} paid {}).",
        q(&at.label()),
        cx.name(np),
        cx.name(ne),
        cx.name(op),
        cx.name(oe)
    );
    let f = Finding::new(Rule::PaymentDirectionReversed, message)
        .field("payer")
        .values(Some(Value::Party(op.to_string())), Some(Value::Party(np.to_string())))
        .lines((co.field("payer").map(|f| f.pos.line), cn.field("payer").map(|f| f.pos.line)))
        .favouring((vec![ne.to_string()], vec![np.to_string()]));
    cx.push_clause(at, f);
    true
}

/// The roles of a clause when either version names several parties in one
/// (`[acme, beta]`) or `mutual`: one finding for the pair of roles, saying
/// who now has the clause's benefit and who now bears it. `false` when both
/// versions name single parties (the per-field rules apply).
///
/// The reasoning, as a contracts lawyer reads it: a clause benefits one side
/// (the licensee, payee, holder, the party that may terminate; for a
/// liability cap, the liable party it protects) and burdens the other. A
/// party that joins the benefited side gains (`liable: acme` → `mutual`:
/// Beta's liability is now capped too); a party that joins the burdened side
/// loses (Acme's claims against Beta are now capped). Leaving a side is the
/// reverse. A role left unsaid is read as the parties the other does not name.
pub(super) fn roles(cx: &mut Cx, at: At) -> bool {
    let (Some(co), Some(cn)) = (at.old, at.new) else { return false };
    if co.ctype.kind != cn.ctype.kind {
        return false;
    }
    let fields = [cn.ctype.grantee, cn.ctype.grantor];
    let several = |c: &crate::model::Clause| {
        fields.iter().flatten().any(|f| matches!(c.value(f), Some(Value::Parties(_) | Value::Mutual)))
    };
    if !several(co) && !several(cn) {
        return false;
    }
    let benefits = cn.ctype.benefits();
    let sets = |c: &crate::model::Clause, parties: &[crate::model::Party]| {
        (c.role_parties(benefits, parties, true), c.role_parties(benefits.other(), parties, true))
    };
    let (b_old, u_old) = sets(co, &cx.old.parties);
    let (b_new, u_new) = sets(cn, &cx.new.parties);
    if b_old == b_new && u_old == u_new {
        // `mutual` against every party listed: the same parties.
        return true;
    }
    let minus = |a: &[String], b: &[String]| -> Vec<String> { a.iter().filter(|p| !b.contains(p)).cloned().collect() };
    let union = |mut a: Vec<String>, b: Vec<String>| {
        a.extend(b);
        a.sort();
        a.dedup();
        a
    };
    let gain = union(minus(&b_new, &b_old), minus(&u_old, &u_new));
    let loss = union(minus(&b_old, &b_new), minus(&u_new, &u_old));
    let overlap = |a: &[String], b: &[String]| a.iter().any(|p| b.contains(p));
    let (was_mutual, is_mutual) = (overlap(&b_old, &u_old), overlap(&b_new, &u_new));
    let rule = match (was_mutual, is_mutual) {
        (false, true) => Rule::RoleMadeMutual,
        (true, false) => Rule::RoleMadeOneSided,
        _ => Rule::PartySubstituted,
    };
    // The role field to show: the benefited side's, unless only the other changed.
    let changed = |f: &str| !matches!((co.value(f), cn.value(f)), (Some(a), Some(b)) if a.same_meaning(b));
    let field = [cn.ctype.role_field(benefits), cn.ctype.role_field(benefits.other())]
        .into_iter()
        .flatten()
        .find(|f| changed(f))
        .or(cn.ctype.role_field(benefits))
        .expect("a clause with roles");
    let l = q(&at.label());
    let old_at = At { old: Some(co), new: None };
    let new_at = At { old: None, new: Some(cn) };
    let shown_side = if cn.ctype.role_field(benefits) == Some(field) { benefits } else { benefits.other() };
    let who = |cx: &Cx, at: At| cx.who(at, shown_side).unwrap_or_else(|| "nobody named".into());
    let (was, now) = (who(cx, old_at), who(cx, new_at));
    let kind = cn.ctype.kind;
    let role = role_name(field);
    // What the roles now say, in the clause's own terms.
    let says = match (kind, shown_side == benefits) {
        (ClauseKind::LiabilityCap, true) if rule == Rule::RoleMadeMutual => {
            format!("the cap limits the liability of {now} (before, only of {was})")
        }
        (ClauseKind::LiabilityCap, true) => format!("the cap limits the liability of {now} (before, of {was})"),
        (ClauseKind::Termination, true) if rule == Rule::RoleMadeMutual => {
            format!("{now} may terminate (before, only {was})")
        }
        (ClauseKind::Termination, true) => format!("{now} may terminate (before, {was})"),
        _ => format!("its {role} is now {now} (was {was})"),
    };
    let mut message = match rule {
        Rule::RoleMadeMutual => format!("{l} is now mutual: {says}."),
        Rule::RoleMadeOneSided => format!("{l} is no longer mutual: {says}."),
        _ => format!("The {role} of {l} is now {now} (was {was})."),
    };
    let both: Vec<String> = gain.iter().filter(|p| loss.contains(p)).cloned().collect();
    let mut f = Finding::new(rule, String::new())
        .field(field)
        .values(co.value(field).cloned(), cn.value(field).cloned())
        .lines((co.field(field).map(|f| f.pos.line), cn.field(field).map(|f| f.pos.line)));
    if !both.is_empty() {
        message.push_str(&format!(
            " This cuts both ways for {}: each now has the clause's benefit in one capacity and bears it in another.",
            cx.names(&both)
        ));
        f = f.cuts_both_ways(union(gain, loss));
    } else {
        // Why each party gains or loses, in the clause's own terms.
        let why = |moved: Moved| match (kind, moved) {
            (ClauseKind::LiabilityCap, Moved::JoinedBenefit) => "whose liability the cap now limits too",
            (ClauseKind::LiabilityCap, Moved::LeftBurden) => "whose claims the cap no longer limits",
            (ClauseKind::LiabilityCap, Moved::LeftBenefit) => "whose liability the cap no longer limits",
            (ClauseKind::LiabilityCap, Moved::JoinedBurden) => "whose claims the cap now limits",
            (ClauseKind::Termination, Moved::JoinedBenefit) => "who may now terminate",
            (ClauseKind::Termination, Moved::LeftBurden) => "who can no longer be terminated under it",
            (ClauseKind::Termination, Moved::LeftBenefit) => "who may no longer terminate",
            (ClauseKind::Termination, Moved::JoinedBurden) => "who can now be terminated under it",
            (_, Moved::JoinedBenefit) => "who now has the clause's benefit",
            (_, Moved::LeftBurden) => "whom the clause no longer binds",
            (_, Moved::LeftBenefit) => "who no longer has the clause's benefit",
            (_, Moved::JoinedBurden) => "whom the clause now binds",
        };
        let say = |moves: [(Vec<String>, Moved); 2]| -> Vec<String> {
            moves
                .into_iter()
                .filter(|(ps, _)| !ps.is_empty())
                .map(|(ps, m)| format!("{}, {}", cx.names(&ps), why(m)))
                .collect()
        };
        let favoured = say([(minus(&b_new, &b_old), Moved::JoinedBenefit), (minus(&u_old, &u_new), Moved::LeftBurden)]);
        let disfavoured =
            say([(minus(&b_old, &b_new), Moved::LeftBenefit), (minus(&u_new, &u_old), Moved::JoinedBurden)]);
        let mut parts = Vec::new();
        if !favoured.is_empty() {
            parts.push(format!("It favours {}", favoured.join(", and ")));
        }
        if !disfavoured.is_empty() {
            parts.push(format!("it disfavours {}", disfavoured.join(", and ")));
        }
        if !parts.is_empty() {
            message.push_str(&format!(" {}.", capitalise(&parts.join("; "))));
        }
        f = f.favouring((gain, loss));
    }
    f.message = message;
    // Who is covered by a clause matters as much as the clause itself.
    let commercial = cn.ctype.added_rule.materiality() == Materiality::Commercial
        || (kind == ClauseKind::Right && cn.text_of("right").is_some_and(is_commercial_right));
    if commercial {
        f = f.materiality_of(Materiality::Commercial);
    }
    cx.push_clause(at, f);
    true
}

/// How a party moved between a clause's benefited and burdened sides.
#[derive(Clone, Copy)]
enum Moved {
    JoinedBenefit,
    LeftBenefit,
    JoinedBurden,
    LeftBurden,
}

/// A role field as a reader calls it.
fn role_name(field: &str) -> &str {
    match field {
        "liable" => "liable party",
        "by" => "party that may terminate",
        other => other,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Compare one field of a clause present in both versions.
pub(super) fn compare(cx: &mut Cx, ch: &Change) {
    if let (Some(a), Some(b)) = (ch.ov(), ch.nv()) {
        if a.same_meaning(b) {
            if let (Value::Text(x), Value::Text(y)) = (a, b)
                && x != y
            {
                reformatted(cx, ch);
            }
            return;
        }
        if let (Value::Text(x), Value::Text(y)) = (a, b)
            && prose::same_but_layout(x, y)
        {
            return reformatted(cx, ch);
        }
        if matches!(a, Value::Undisclosed) != matches!(b, Value::Undisclosed) {
            return disclosure(cx, ch, a, b);
        }
    }
    match ch.spec.effect {
        Effect::Role(_) => role(cx, ch),
        Effect::Ordered { more, up, down } => ordered(cx, ch, more, (up, down)),
        Effect::Cap { protects } => cap(cx, ch, protects),
        Effect::End => end(cx, ch),
        Effect::Exclusive => exclusive(cx, ch),
        Effect::Widen { more } => widen(cx, ch, more),
        Effect::Exception { added } => {
            items(cx, ch, (Rule::ExceptionAdded, added), (Rule::ExceptionRemoved, added.other()))
        }
        Effect::Condition { added } => {
            items(cx, ch, (Rule::ConditionAdded, added), (Rule::ConditionRemoved, added.other()))
        }
        Effect::Modality => modality(cx, ch),
        Effect::Changed(rule) => changed(cx, ch, rule),
    }
}

/// A value that became disclosed or undisclosed: never a rise or a fall.
fn disclosure(cx: &mut Cx, ch: &Change, a: &Value, b: &Value) {
    let (l, what) = (ch.label(), ch.what());
    let message = if matches!(a, Value::Undisclosed) {
        format!("The {what} of {l} is now disclosed: {} (was undisclosed).", brief(b))
    } else {
        format!("The {what} of {l} is no longer disclosed (was {}).", brief(a))
    };
    cx.push_clause(ch.at, ch.finding(Rule::DisclosureChanged, message));
}

/// A party role now filled by another party.
fn role(cx: &mut Cx, ch: &Change) {
    let (Some(Value::Party(a)), Some(Value::Party(b))) = (ch.ov(), ch.nv()) else {
        return unclassified(cx, ch);
    };
    let message = format!("The {} of {} is now {} (was {}).", ch.what(), ch.label(), cx.name(b), cx.name(a));
    let f = ch.finding(Rule::PartySubstituted, message).favouring((vec![b.clone()], vec![a.clone()]));
    cx.push_clause(ch.at, f);
}

/// An ordered quantity: a rise is `up`, a fall is `down`; a rise favours `more`.
fn ordered(cx: &mut Cx, ch: &Change, more: Side, (up, down): (Rule, Rule)) {
    let (Some(a), Some(b)) = (ch.ov(), ch.nv()) else {
        return unclassified(cx, ch);
    };
    match order(a, b) {
        Some(Ordering::Equal) | None => match (a, b) {
            (Value::Money { currency: c1, .. }, Value::Money { currency: c2, .. }) if c1 != c2 => {
                let message = format!(
                    "The {} of {} is now in {c2} (was {c1}): {} → {}.",
                    ch.what(),
                    ch.label(),
                    brief(a),
                    brief(b)
                );
                cx.push_clause(ch.at, ch.finding(Rule::CurrencyChanged, message));
            }
            _ => unclassified(cx, ch),
        },
        Some(o) => {
            let grew = o == Ordering::Less;
            let (rule, side) = if grew { (up, more) } else { (down, more.other()) };
            let mut message =
                format!("The {} of {} {} from {} to {}.", ch.what(), ch.label(), verb(grew, b), brief(a), brief(b));
            if let (Some(ra), Some(rb)) = (yearly(a), yearly(b))
                && !matches!((a, b), (Value::Money { per: p1, .. }, Value::Money { per: p2, .. }) if p1 == p2)
            {
                message = format!(
                    "The {} of {} {} from {} a year to {} a year (from {} to {}).",
                    ch.what(),
                    ch.label(),
                    verb(grew, b),
                    ra,
                    rb,
                    brief(a),
                    brief(b)
                );
            }
            let f = ch.finding(rule, message).favouring(cx.sides(ch.at, Some(side)));
            cx.push_clause(ch.at, f);
        }
    }
}

/// An exclusivity level that went up or down.
fn exclusive(cx: &mut Cx, ch: &Change) {
    let level = |v: Option<&Value>| match v {
        Some(Value::Level(l)) => Some(*l),
        None => Some(Level::NonExclusive),
        _ => None,
    };
    let (Some(a), Some(b)) = (level(ch.ov()), level(ch.nv())) else {
        return unclassified(cx, ch);
    };
    if a == b {
        return unclassified(cx, ch);
    }
    let l = ch.label();
    let dropped = b < a;
    // What the old level was, with its own end when it had one (a licence
    // exclusive only until AGI), so the reader knows which end ended.
    let was = match ch.at.old.and_then(|c| c.value("exclusive-until")) {
        Some(Value::End(crate::model::End::Event(e))) if a > Level::NonExclusive => format!("{} until {e}", a.name()),
        Some(end @ Value::End(_)) if a > Level::NonExclusive => format!("{} until {end}", a.name()),
        _ => a.name().to_string(),
    };
    let mut message = format!("{l} is now {} (was {was}).", b.name());
    if ch.kind() == Some(ClauseKind::License)
        && let Some(licensee) = ch.at.party(Side::Grantee)
    {
        message = format!("{}'s licence ({l}) is now {} (was {was}).", cx.name(&licensee), b.name());
    }
    if dropped
        && ch.kind() == Some(ClauseKind::Exclusivity)
        && b == Level::NonExclusive
        && let Some(bound) = ch.at.party(Side::Grantor)
    {
        message = format!("{l} is now {} (was {was}): this clause no longer restricts {}.", b.name(), cx.name(&bound));
    }
    let (rule, side) =
        if dropped { (Rule::ExclusivityDropped, Side::Grantor) } else { (Rule::ExclusivityAdded, Side::Grantee) };
    let f = ch.finding(rule, message).favouring(cx.sides(ch.at, Some(side)));
    cx.push_clause(ch.at, f);
}

/// A flag or a set that widens a grant when it grows.
fn widen(cx: &mut Cx, ch: &Change, more: Side) {
    let (ov, nv) = (ch.ov(), ch.nv());
    if !matches!((ov, nv), (Some(Value::Flag(_)) | None, Some(Value::Flag(_)) | None)) {
        // A scope or territory left unsaid is unrestricted: stating one
        // narrows the grant, and dropping it widens the grant to everything.
        match (ov, nv) {
            (None, Some(Value::List(items))) => return limit(cx, ch, Rule::ScopeNarrowed, more.other(), items, true),
            (Some(Value::List(items)), None) => return limit(cx, ch, Rule::ScopeWidened, more, items, false),
            _ => {}
        }
        return items(cx, ch, (Rule::ScopeWidened, more), (Rule::ScopeNarrowed, more.other()));
    }
    let flag = |v: Option<&Value>| matches!(v, Some(Value::Flag(true)));
    let (a, b) = (flag(ov), flag(nv));
    if a == b {
        // `false` written out where it was left unsaid: same meaning.
        return unclassified(cx, ch);
    }
    let (l, what) = (ch.label(), ch.what());
    let (rule, side, message) = if b {
        (Rule::ScopeWidened, more, format!("{l} is now {what}."))
    } else {
        (Rule::ScopeNarrowed, more.other(), format!("{l} is no longer {what}."))
    };
    let f = ch.finding(rule, message).favouring(cx.sides(ch.at, Some(side)));
    cx.push_clause(ch.at, f);
}

/// A scope or territory stated where there was none (`now_limited`), or
/// dropped where there was one: unrestricted is wider than any list.
fn limit(cx: &mut Cx, ch: &Change, rule: Rule, side: Side, items: &[String], now_limited: bool) {
    let (l, what) = (ch.label(), ch.what());
    let list = items.iter().map(|i| format!("\"{}\"", clip(i))).collect::<Vec<_>>().join(", ");
    let message = if now_limited {
        format!("The {what} of {l} is now limited to {list}; before, it stated no {what} and so was unrestricted.")
    } else {
        format!("The {what} of {l} is no longer limited to {list}: it states no {what} now, so it is unrestricted.")
    };
    let f = ch.finding(rule, message).favouring(cx.sides(ch.at, Some(side)));
    cx.push_clause(ch.at, f);
}

/// An obligation's modality that got stronger, weaker or reversed.
fn modality(cx: &mut Cx, ch: &Change) {
    let m = |v: Option<&Value>| match v {
        Some(Value::Modality(m)) => Some(*m),
        None => Some(Modality::Shall),
        _ => None,
    };
    let (Some(a), Some(b)) = (m(ch.ov()), m(ch.nv())) else {
        return unclassified(cx, ch);
    };
    if a == b {
        return unclassified(cx, ch);
    }
    let (rule, side) = match (a, b) {
        (Modality::May, _) => (Rule::ModalityStrengthened, Some(Side::Grantee)),
        (_, Modality::May) => (Rule::ModalityWeakened, Some(Side::Grantor)),
        _ => (Rule::ModalityReversed, None),
    };
    let message = format!("The duty in {} changed from \"{}\" to \"{}\".", ch.label(), a.name(), b.name());
    let f = ch.finding(rule, message).favouring(cx.sides(ch.at, side));
    cx.push_clause(ch.at, f);
}

fn reformatted(cx: &mut Cx, ch: &Change) {
    let message = format!(
        "Only the layout of the {} of {} changed (line breaks, spacing or quotation marks); the words are the same.",
        ch.what(),
        ch.label()
    );
    cx.push_clause(ch.at, ch.finding(Rule::TextReformatted, message));
}

/// How `a` compares with `b` where the comparison is meaningful.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Percent(x), Value::Percent(y)) => Some(x.cmp(y)),
        // Totals compare with totals; recurring amounts by their yearly run
        // rate (USD 300,000 per quarter is USD 1,200,000 a year); a total
        // and a recurring amount do not compare.
        (Value::Money { currency: c1, amount: x, per: p1 }, Value::Money { currency: c2, amount: y, per: p2 })
            if c1 == c2 =>
        {
            match (p1, p2) {
                (None, None) => Some(x.cmp(y)),
                (Some(p1), Some(p2)) => Some(x.times(p1.per_year()).cmp(&y.times(p2.per_year()))),
                _ => None,
            }
        }
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Duration(x), Value::Duration(y)) => x.compare(y),
        _ => None,
    }
}

/// A recurring amount as a yearly run rate: "USD 1,200,000".
fn yearly(v: &Value) -> Option<String> {
    match v {
        Value::Money { currency, amount, per: Some(p) } => Some(format!("{currency} {}", amount.times(p.per_year()))),
        _ => None,
    }
}

fn verb(grew: bool, new: &Value) -> &'static str {
    match (new, grew) {
        (Value::Date(_), true) => "moved later",
        (Value::Date(_), false) => "moved earlier",
        (Value::Duration(_), true) => "got longer",
        (Value::Duration(_), false) => "got shorter",
        (_, true) => "rose",
        (_, false) => "fell",
    }
}

/// A cap on what `protects` owes: added, removed, raised or lowered, or
/// changed in form where the old and new caps cannot be ordered.
fn cap(cx: &mut Cx, ch: &Change, protects: Side) {
    let l = ch.label();
    let who = cx.who(ch.at, protects).unwrap_or_else(|| "a party".into());
    let limits = if ch.kind() == Some(ClauseKind::LiabilityCap) {
        format!("what {who} can be liable for")
    } else {
        format!("what {who} pays")
    };
    let amount = |v: &Value| match v {
        Value::Undisclosed => "an undisclosed amount".to_string(),
        other => other.plain(),
    };
    let (rule, side, message) = match (ch.ov(), ch.nv()) {
        (None, Some(b)) => (Rule::CapAdded, protects, format!("A cap ({}) now limits {limits} under {l}.", amount(b))),
        (Some(a), None) => {
            (Rule::CapRemoved, protects.other(), format!("The cap ({}) on {limits} under {l} was removed.", amount(a)))
        }
        (Some(a), Some(b)) => match cap_order(a, b) {
            Some(Ordering::Less) => (
                Rule::CapRaised,
                protects.other(),
                format!("The cap on {limits} under {l} rose from {} to {}.{}", a.plain(), b.plain(), look_back(a, b)),
            ),
            Some(Ordering::Greater) => (
                Rule::CapLowered,
                protects,
                format!("The cap on {limits} under {l} fell from {} to {}.{}", a.plain(), b.plain(), look_back(a, b)),
            ),
            _ if matches!((a, b), (Value::Money { currency: c1, .. }, Value::Money { currency: c2, .. }) if c1 != c2) =>
            {
                let message = format!("The cap under {l} is now in another currency: {} → {}.", a.plain(), b.plain());
                return cx.push_clause(ch.at, ch.finding(Rule::CurrencyChanged, message));
            }
            _ => return cap_changed_form(cx, ch, a, b, &limits),
        },
        (None, None) => return,
    };
    let f = ch.finding(rule, message).favouring(cx.sides(ch.at, Some(side)));
    cx.push_clause(ch.at, f);
}

/// Why two caps of fees are ordered when their look-back periods differ.
fn look_back(a: &Value, b: &Value) -> &'static str {
    match (a, b) {
        (Value::Multiple(x), Value::Multiple(y)) if x.period.is_none() || y.period.is_none() => {
            " With no look-back period, every fee paid counts."
        }
        (Value::Multiple(x), Value::Multiple(y)) if x.period != y.period => {
            " A longer look-back counts at least as many fees."
        }
        _ => "",
    }
}

/// How two caps compare where the answer is certain: money with money (see
/// [`order`]); a multiple of fees with another on the same base, when the
/// multiple and the look-back do not pull apart ([`crate::model::Multiple::compare`]).
/// A fixed amount and a multiple of fees never compare.
fn cap_order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Multiple(x), Value::Multiple(y)) => x.compare(y),
        _ => order(a, b),
    }
}

/// Two caps that cannot be ordered: which is higher depends on the fees
/// actually paid, so the change cuts both ways between the protected party
/// and the other side, and names no winner.
fn cap_changed_form(cx: &mut Cx, ch: &Change, a: &Value, b: &Value, limits: &str) {
    let l = ch.label();
    let why = match (a, b) {
        (Value::Multiple(x), Value::Multiple(y)) if x.base() != y.base() => "they count different things",
        (Value::Multiple(_), Value::Multiple(_)) => {
            "the multiple and the look-back period moved in opposite directions"
        }
        (Value::Money { per: Some(_), .. }, Value::Money { per: None, .. })
        | (Value::Money { per: None, .. }, Value::Money { per: Some(_), .. }) => {
            "a recurring amount and a total do not compare"
        }
        _ => "a fixed amount and an amount that depends on the fees paid do not compare",
    };
    let mut message = format!(
        "The cap on {limits} under {l} changed form, from {a} to {b}: {why}, so which is higher depends on what is \
         paid."
    );
    let mut parties = cx.role_parties(ch.at, Side::Grantor, true);
    parties.extend(cx.role_parties(ch.at, Side::Grantee, true));
    parties.sort();
    parties.dedup();
    let mut f = ch.finding(Rule::CapChangedForm, String::new());
    if parties.len() >= 2 {
        message.push_str(&format!(" This cuts both ways between {}.", cx.names(&parties)));
        f = f.cuts_both_ways(parties);
    }
    f.message = message;
    cx.push_clause(ch.at, f);
}

/// When a clause ends: later, sooner, or on a different kind of end.
fn end(cx: &mut Cx, ch: &Change) {
    let l = if ch.name() == "exclusive-until" { format!("the exclusivity of {}", ch.label()) } else { ch.label() };
    // An exclusivity that is dropped altogether takes its end with it: the
    // exclusivity finding says so, once.
    let dropped = |c: Option<&crate::model::Clause>| {
        matches!(c.and_then(|c| c.value("exclusive")), None | Some(Value::Level(Level::NonExclusive)))
    };
    if ch.name() == "exclusive-until" && ch.new.is_none() && dropped(ch.at.new) {
        return;
    }
    let (ov, nv) = (ch.ov(), ch.nv());
    let phrase = |v: Option<&Value>| match v {
        None => "no stated end".to_string(),
        Some(v) => clip(&v.plain()),
    };
    let dates = |v: Option<&Value>| match v {
        Some(Value::End(e)) => Some(e.parts()),
        _ => None,
    };
    // Comparable when both are single dates, or earliest-ofs with the same
    // events and one date each.
    let ordering = match (dates(ov), dates(nv)) {
        (Some((d1, e1)), Some((d2, e2))) if e1 == e2 && d1.len() == 1 && d2.len() == 1 => Some(d1[0].cmp(&d2[0])),
        _ => None,
    };
    let (rule, side, message) = match ordering {
        Some(Ordering::Less) => (
            Rule::TermExtended,
            Some(Side::Grantee),
            format!("{l} now runs until {} (was {}).", phrase(nv), phrase(ov)),
        ),
        Some(Ordering::Greater) => (
            Rule::TermShortened,
            Some(Side::Grantor),
            format!("{l} now ends sooner: {} (was {}).", phrase(nv), phrase(ov)),
        ),
        _ => {
            (Rule::TermConditionChanged, None, format!("What ends {l} changed: from {} to {}.", phrase(ov), phrase(nv)))
        }
    };
    let mut f = ch.finding(rule, message);
    let parties: Vec<String> = [Side::Grantee, Side::Grantor].into_iter().filter_map(|s| ch.at.party(s)).collect();
    let two_sides = parties.len() == 2 && parties[0] != parties[1];
    if rule == Rule::TermConditionChanged
        && two_sides
        && matches!(ov, Some(Value::End(_)))
        && matches!(nv, Some(Value::End(_)))
    {
        // An end that changed in kind (an event against a date, or another
        // event): who gains depends on when the event comes, so it cuts both
        // ways; the finding says so instead of naming a winner.
        f.message.push_str(&format!(
            " This cuts both ways: whether {} or {} gains depends on when the event comes.",
            cx.name(&parties[0]),
            cx.name(&parties[1])
        ));
        f = f.cuts_both_ways(parties);
    } else {
        f = f.favouring(cx.sides(ch.at, side));
    }
    cx.push_clause(ch.at, f);
}

/// Set comparison: one finding per item added or removed.
fn items(cx: &mut Cx, ch: &Change, added: (Rule, Side), removed: (Rule, Side)) {
    let list = |v: Option<&Value>| -> Option<Vec<String>> {
        match v {
            Some(Value::List(items)) => Some(items.clone()),
            None => Some(vec![]),
            _ => None,
        }
    };
    let (Some(a), Some(b)) = (list(ch.ov()), list(ch.nv())) else {
        return unclassified(cx, ch);
    };
    let norm = |s: &String| crate::model::value::normalise_space(s);
    let a_norm: Vec<String> = a.iter().map(norm).collect();
    let b_norm: Vec<String> = b.iter().map(norm).collect();
    let (l, what) = (ch.label(), ch.what());
    for (item, key) in a.iter().zip(&a_norm) {
        if !b_norm.contains(key) {
            let message = match removed.0 {
                Rule::ScopeNarrowed => format!("The {what} of {l} no longer includes \"{}\".", clip(item)),
                _ => format!("{l} no longer has the {} \"{}\" in its {what}.", singular(what), clip(item)),
            };
            let f = ch
                .bare(removed.0, message)
                .values(Some(Value::text(item.clone())), None)
                .favouring(cx.sides(ch.at, Some(removed.1)))
                .materiality_of(carve_out_materiality(ch, removed.0));
            cx.push_clause(ch.at, f);
        }
    }
    let label = ch.at.label();
    for (item, key) in b.iter().zip(&b_norm) {
        if !a_norm.contains(key) {
            let message = match added.0 {
                Rule::ScopeWidened => format!("The {what} of {l} now includes \"{}\".", clip(item)),
                _ => format!("{l} now has the {} \"{}\" in its {what}.", singular(what), clip(item)),
            };
            let f = ch
                .bare(added.0, message)
                .values(None, Some(Value::text(item.clone())))
                .favouring(cx.sides(ch.at, Some(added.1)))
                .materiality_of(carve_out_materiality(ch, added.0));
            cx.push_clause(ch.at, f);
            cx.hidden(ch.spot(&label), "", item);
        }
    }
}

/// A carve-out from an exclusivity (or from an exclusive licence) is a
/// conditional change of exclusivity, so commercial; other items keep their
/// rule's materiality.
fn carve_out_materiality(ch: &Change, rule: Rule) -> Materiality {
    let exclusive = |c: Option<&crate::model::Clause>| {
        c.is_some_and(|c| match c.ctype.kind {
            ClauseKind::Exclusivity => true,
            ClauseKind::License => matches!(c.value("exclusive"), Some(Value::Level(l)) if *l > Level::NonExclusive),
            _ => false,
        })
    };
    let carve_out = matches!(rule, Rule::ExceptionAdded | Rule::ExceptionRemoved);
    if carve_out && (exclusive(ch.at.old) || exclusive(ch.at.new)) {
        Materiality::Commercial
    } else {
        rule.materiality()
    }
}

fn singular(what: &str) -> &'static str {
    match what {
        "exceptions" | "unless" => "exception",
        "exclusions" => "exclusion",
        "conditions" => "condition",
        _ => "item",
    }
}

/// A change claimed by one rule whatever its direction; prose gets a word diff.
fn changed(cx: &mut Cx, ch: &Change, rule: Rule) {
    let (l, what, name) = (ch.label(), ch.what(), ch.name());
    let (ov, nv) = (ch.ov(), ch.nv());
    if let (Rule::TextChanged, Some(Value::Text(a)), Some(Value::Text(b))) = (rule, ov, nv) {
        return super::wording::text(cx, ch, a, b);
    }
    // A link renamed under the same address changed the visible words: the
    // wording's finding reports it (`reference-renamed`, or a change for review).
    let wording = (ch.at.old.and_then(|c| c.text_of("text")), ch.at.new.and_then(|c| c.text_of("text")));
    if rule == Rule::LinkChanged && addresses(ov) == addresses(nv) && wording.0 != wording.1 {
        return;
    }
    let message = match (ov, nv) {
        (Some(_), Some(_)) if rule == Rule::TextChanged => format!("The wording of {l} changed."),
        (Some(Value::Text(_)), Some(Value::Text(_))) if !matches!(name, "number" | "title" | "topic") => {
            format!("The {what} of {l} was reworded.")
        }
        (Some(a), Some(b)) => format!("The {what} of {l} changed from {} to {}.", brief(a), brief(b)),
        (None, Some(b)) if name == "text" => format!("{l} now has wording: {}.", brief(b)),
        (Some(a), None) if name == "text" => format!("{l} no longer has wording (was {}).", brief(a)),
        (None, Some(b)) => format!("{l} now has a {what}: {}.", brief(b)),
        (Some(a), None) => format!("{l} no longer has a {what} (was {}).", brief(a)),
        (None, None) => return,
    };
    let mut f = ch.finding(rule, message);
    if rule == Rule::RightChanged
        && [ov, nv].iter().flatten().any(|v| matches!(v, Value::Text(t) if is_commercial_right(t)))
    {
        f = f.materiality_of(Materiality::Commercial);
    }
    let (old_text, new_text) = (text_of(ov), text_of(nv));
    if matches!(ov, Some(Value::Text(_))) && matches!(nv, Some(Value::Text(_))) && name != "number" {
        f = f.words(prose::word_diff(&old_text, &new_text));
        if f.words.is_none() {
            f.message.push_str(" (Too long to compare word by word: the old and new text are given in full.)");
        }
    }
    cx.push_clause(ch.at, f);
    let label = ch.at.label();
    // Numbers in a clause number or in a link's address are not amounts.
    if name != "number" && name != "links" {
        cx.numbers(ch.spot(&label), &old_text, &new_text);
    }
    cx.hidden(ch.spot(&label), &old_text, &new_text);
}

/// The addresses of a `links` list (`text <url>` items), in order.
fn addresses(v: Option<&Value>) -> Vec<String> {
    let address = |u: &str| crate::prose::documents::address_key(u.trim_end_matches('>'));
    match v {
        Some(Value::List(items)) => items.iter().filter_map(|l| l.rsplit_once(" <").map(|(_, u)| address(u))).collect(),
        _ => Vec::new(),
    }
}

fn text_of(v: Option<&Value>) -> std::borrow::Cow<'_, str> {
    match v {
        Some(Value::Text(t)) => std::borrow::Cow::Borrowed(t.as_str()),
        Some(Value::List(items)) => std::borrow::Cow::Owned(items.join("\n")),
        _ => std::borrow::Cow::Borrowed(""),
    }
}
