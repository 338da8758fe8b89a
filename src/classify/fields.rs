//! Classifying one field's change by the effect its schema entry names.

use std::cmp::Ordering;

use super::{At, Cx, Emit, brief, clip, prose};
use crate::model::schema::{Effect, FieldSpec, Side};
use crate::model::{Clause, Field, Level, Modality, Value};
use crate::report::Shown;

type Lines = (Option<u32>, Option<u32>);

fn field_name(name: &str) -> &str {
    match name {
        "until" => "end",
        "exclusive" => "exclusivity",
        "text" => "wording",
        other => other,
    }
}

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// Fill in the common parts of a field finding and record it.
#[allow(clippy::too_many_arguments)]
fn emit(
    cx: &mut Cx,
    at: At,
    field: &str,
    rule: &'static str,
    message: String,
    old: Option<Value>,
    new: Option<Value>,
    lines: Lines,
    sides: (Vec<String>, Vec<String>),
) {
    let mut e = Emit::new(rule, message);
    e.field = Some(field.to_string());
    e.old = old.map(Shown::Value);
    e.new = new.map(Shown::Value);
    (e.old_line, e.new_line) = lines;
    (e.favours, e.disfavours) = sides;
    cx.push_clause(at, e);
}

/// A change no rule claims.
pub(super) fn unclassified(cx: &mut Cx, at: At, name: &str, fo: Option<&Field>, fnew: Option<&Field>) {
    let (ov, nv) = (fo.map(|f| &f.value), fnew.map(|f| &f.value));
    let l = q(&at.label());
    let what = field_name(name);
    let message = match (ov, nv) {
        (Some(a), Some(b)) => {
            format!("The {what} of {l} changed from {} to {}; no rule classifies this change.", brief(a), brief(b))
        }
        (None, Some(b)) => format!("{l} now states a {what}: {}; no rule classifies this change.", brief(b)),
        (Some(a), None) => format!("{l} no longer states a {what} (was {}); no rule classifies this change.", brief(a)),
        (None, None) => return,
    };
    let lines = (fo.map(|f| f.pos.line), fnew.map(|f| f.pos.line));
    emit(cx, at, name, "unclassified-change", message, ov.cloned(), nv.cloned(), lines, (vec![], vec![]));
}

/// A payment whose payer and payee swapped: one finding for both fields.
pub(super) fn payment_swap(cx: &mut Cx, at: At) -> bool {
    let (Some(co), Some(cn)) = (at.old, at.new) else {
        return false;
    };
    if co.ctype.name != "payment" || cn.ctype.name != "payment" {
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
    let mut e = Emit::new("payment-direction-reversed", message);
    e.field = Some("payer".into());
    e.old = Some(Shown::Value(Value::Party(op.to_string())));
    e.new = Some(Shown::Value(Value::Party(np.to_string())));
    e.old_line = co.field("payer").map(|f| f.pos.line);
    e.new_line = cn.field("payer").map(|f| f.pos.line);
    e.favours = vec![ne.to_string()];
    e.disfavours = vec![np.to_string()];
    cx.push_clause(at, e);
    true
}

/// Compare one field of a clause present in both versions.
pub(super) fn compare(cx: &mut Cx, at: At, spec: &'static FieldSpec, fo: Option<&Field>, fnew: Option<&Field>) {
    let (ov, nv) = (fo.map(|f| &f.value), fnew.map(|f| &f.value));
    let lines = (fo.map(|f| f.pos.line), fnew.map(|f| f.pos.line));
    let name = spec.name;
    let what = field_name(name);
    let l = q(&at.label());

    if let (Some(a), Some(b)) = (ov, nv) {
        if a.same_meaning(b) {
            if let (Value::Text(x), Value::Text(y)) = (a, b)
                && x != y
            {
                reformatted(cx, at, name, a, b, lines);
            }
            return;
        }
        if let (Value::Text(x), Value::Text(y)) = (a, b)
            && prose::same_but_layout(x, y)
        {
            reformatted(cx, at, name, a, b, lines);
            return;
        }
        if matches!(a, Value::Undisclosed) != matches!(b, Value::Undisclosed) {
            let message = if matches!(a, Value::Undisclosed) {
                format!("The {what} of {l} is now disclosed: {} (was undisclosed).", brief(b))
            } else {
                format!("The {what} of {l} is no longer disclosed (was {}).", brief(a))
            };
            emit(cx, at, name, "disclosure-changed", message, ov.cloned(), nv.cloned(), lines, (vec![], vec![]));
            return;
        }
    }

    match spec.effect {
        Effect::Role(_) => match (ov, nv) {
            (Some(Value::Party(a)), Some(Value::Party(b))) => {
                let message = format!("The {what} of {l} is now {} (was {}).", cx.name(b), cx.name(a));
                emit(
                    cx,
                    at,
                    name,
                    "party-substituted",
                    message,
                    ov.cloned(),
                    nv.cloned(),
                    lines,
                    (vec![b.clone()], vec![a.clone()]),
                );
            }
            _ => unclassified(cx, at, name, fo, fnew),
        },
        Effect::Ordered { more, up, down } => match (ov, nv) {
            (Some(a), Some(b)) => match order(a, b) {
                Some(Ordering::Equal) | None => {
                    if let (Value::Money { currency: c1, .. }, Value::Money { currency: c2, .. }) = (a, b)
                        && c1 != c2
                    {
                        let message =
                            format!("The {what} of {l} is now in {c2} (was {c1}): {} → {}.", brief(a), brief(b));
                        emit(
                            cx,
                            at,
                            name,
                            "currency-changed",
                            message,
                            ov.cloned(),
                            nv.cloned(),
                            lines,
                            (vec![], vec![]),
                        );
                    } else {
                        unclassified(cx, at, name, fo, fnew);
                    }
                }
                Some(o) => {
                    let grew = o == Ordering::Less;
                    let (rule, side) = if grew { (up, more) } else { (down, more.other()) };
                    let message = format!("The {what} of {l} {} from {} to {}.", verb(grew, b), brief(a), brief(b));
                    let sides = cx.sides(at, Some(side));
                    emit(cx, at, name, rule, message, ov.cloned(), nv.cloned(), lines, sides);
                }
            },
            _ => unclassified(cx, at, name, fo, fnew),
        },
        Effect::Cap { protects } => cap(cx, at, name, ov, nv, lines, protects),
        Effect::End => end(cx, at, name, ov, nv, lines),
        Effect::Exclusive => {
            let level = |v: Option<&Value>| match v {
                Some(Value::Level(l)) => Some(*l),
                None => Some(Level::NonExclusive),
                _ => None,
            };
            match (level(ov), level(nv)) {
                (Some(a), Some(b)) if a != b => {
                    let dropped = b < a;
                    let mut message = format!("{l} is now {} (was {}).", b.name(), a.name());
                    if at.any_type() == "license"
                        && let Some(licensee) = at.party(Side::Grantee)
                    {
                        message =
                            format!("{}'s licence ({l}) is now {} (was {}).", cx.name(&licensee), b.name(), a.name());
                    }
                    if dropped
                        && at.any_type() == "exclusivity"
                        && b == Level::NonExclusive
                        && let Some(bound) = at.party(Side::Grantor)
                    {
                        message = format!(
                            "{l} is now {} (was {}): {} is no longer restricted.",
                            b.name(),
                            a.name(),
                            cx.name(&bound)
                        );
                    }
                    let (rule, side) = if dropped {
                        ("exclusivity-dropped", Side::Grantor)
                    } else {
                        ("exclusivity-added", Side::Grantee)
                    };
                    let sides = cx.sides(at, Some(side));
                    emit(cx, at, name, rule, message, ov.cloned(), nv.cloned(), lines, sides);
                }
                _ => unclassified(cx, at, name, fo, fnew),
            }
        }
        Effect::Widen { more } => match (ov, nv) {
            (Some(Value::Flag(_)) | None, Some(Value::Flag(_)) | None) => {
                let flag = |v: Option<&Value>| matches!(v, Some(Value::Flag(true)));
                let (a, b) = (flag(ov), flag(nv));
                if a == b {
                    // `false` written out where it was left unsaid: same meaning.
                    return unclassified(cx, at, name, fo, fnew);
                }
                let (rule, side, message) = if b {
                    ("scope-widened", more, format!("{l} is now {what}."))
                } else {
                    ("scope-narrowed", more.other(), format!("{l} is no longer {what}."))
                };
                let sides = cx.sides(at, Some(side));
                emit(cx, at, name, rule, message, ov.cloned(), nv.cloned(), lines, sides);
            }
            _ => items(cx, at, spec, ov, nv, lines, ("scope-widened", more), ("scope-narrowed", more.other())),
        },
        Effect::Exception { added } => {
            items(cx, at, spec, ov, nv, lines, ("exception-added", added), ("exception-removed", added.other()))
        }
        Effect::Condition { added } => {
            items(cx, at, spec, ov, nv, lines, ("condition-added", added), ("condition-removed", added.other()))
        }
        Effect::Modality => {
            let m = |v: Option<&Value>| match v {
                Some(Value::Modality(m)) => Some(*m),
                None => Some(Modality::Shall),
                _ => None,
            };
            match (m(ov), m(nv)) {
                (Some(a), Some(b)) if a != b => {
                    let (rule, side) = match (a, b) {
                        (Modality::May, _) => ("modality-strengthened", Some(Side::Grantee)),
                        (_, Modality::May) => ("modality-weakened", Some(Side::Grantor)),
                        _ => ("modality-reversed", None),
                    };
                    let message = format!("The duty in {l} changed from \"{}\" to \"{}\".", a.name(), b.name());
                    let sides = cx.sides(at, side);
                    emit(cx, at, name, rule, message, ov.cloned(), nv.cloned(), lines, sides);
                }
                _ => unclassified(cx, at, name, fo, fnew),
            }
        }
        Effect::Changed(rule) => changed(cx, at, name, rule, ov, nv, lines),
    }
}

impl At<'_> {
    fn any_type(&self) -> &'static str {
        self.new.or(self.old).map(|c| c.ctype.name).unwrap_or("")
    }
}

fn reformatted(cx: &mut Cx, at: At, name: &str, a: &Value, b: &Value, lines: Lines) {
    let message = format!(
        "Only the layout of the {} of {} changed (line breaks, spacing or quotation marks); the words are the same.",
        field_name(name),
        q(&at.label())
    );
    emit(cx, at, name, "text-reformatted", message, Some(a.clone()), Some(b.clone()), lines, (vec![], vec![]));
}

/// How `a` compares with `b` where the comparison is meaningful.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Percent(x), Value::Percent(y)) => Some(x.cmp(y)),
        (Value::Money { currency: c1, amount: x }, Value::Money { currency: c2, amount: y }) if c1 == c2 => {
            Some(x.cmp(y))
        }
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Duration(x), Value::Duration(y)) => x.compare(y),
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

fn cap(cx: &mut Cx, at: At, name: &str, ov: Option<&Value>, nv: Option<&Value>, lines: Lines, protects: Side) {
    let l = q(&at.label());
    let who = at.party(protects).map(|p| cx.name(&p)).unwrap_or_else(|| "a party".into());
    let limits = if at.any_type() == "liability-cap" {
        format!("what {who} can be liable for")
    } else {
        format!("what {who} pays")
    };
    let amount = |v: &Value| match v {
        Value::Undisclosed => "an undisclosed amount".to_string(),
        other => other.to_string(),
    };
    let (rule, side, message) = match (ov, nv) {
        (None, Some(b)) => ("cap-added", protects, format!("A cap ({}) now limits {limits} under {l}.", amount(b))),
        (Some(a), None) => {
            ("cap-removed", protects.other(), format!("The cap ({}) on {limits} under {l} was removed.", amount(a)))
        }
        (Some(a), Some(b)) => match order(a, b) {
            Some(Ordering::Less) => {
                ("cap-raised", protects.other(), format!("The cap on {limits} under {l} rose from {a} to {b}."))
            }
            Some(Ordering::Greater) => {
                ("cap-lowered", protects, format!("The cap on {limits} under {l} fell from {a} to {b}."))
            }
            _ => {
                let message = format!("The cap under {l} is now in another currency: {a} → {b}.");
                emit(cx, at, name, "currency-changed", message, ov.cloned(), nv.cloned(), lines, (vec![], vec![]));
                return;
            }
        },
        (None, None) => return,
    };
    let sides = cx.sides(at, Some(side));
    emit(cx, at, name, rule, message, ov.cloned(), nv.cloned(), lines, sides);
}

fn end(cx: &mut Cx, at: At, name: &str, ov: Option<&Value>, nv: Option<&Value>, lines: Lines) {
    let l = q(&at.label());
    let phrase = |v: Option<&Value>| match v {
        None => "no stated end".to_string(),
        Some(v) => clip(&v.to_string()),
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
        Some(Ordering::Less) => {
            ("term-extended", Some(Side::Grantee), format!("{l} now runs until {} (was {}).", phrase(nv), phrase(ov)))
        }
        Some(Ordering::Greater) => (
            "term-shortened",
            Some(Side::Grantor),
            format!("{l} now ends sooner: {} (was {}).", phrase(nv), phrase(ov)),
        ),
        _ => ("term-condition-changed", None, format!("What ends {l} changed: from {} to {}.", phrase(ov), phrase(nv))),
    };
    let sides = cx.sides(at, side);
    emit(cx, at, name, rule, message, ov.cloned(), nv.cloned(), lines, sides);
}

/// Set comparison: one finding per item added or removed.
#[allow(clippy::too_many_arguments)]
fn items(
    cx: &mut Cx,
    at: At,
    spec: &FieldSpec,
    ov: Option<&Value>,
    nv: Option<&Value>,
    lines: Lines,
    added: (&'static str, Side),
    removed: (&'static str, Side),
) {
    let list = |v: Option<&Value>| -> Option<Vec<String>> {
        match v {
            Some(Value::List(items)) => Some(items.clone()),
            None => Some(vec![]),
            _ => None,
        }
    };
    let (Some(a), Some(b)) = (list(ov), list(nv)) else {
        let (fo, fnew) = (at.old.and_then(|c| c.field(spec.name)), at.new.and_then(|c| c.field(spec.name)));
        return unclassified(cx, at, spec.name, fo, fnew);
    };
    let norm = |s: &String| crate::model::value::normalise_space(s);
    let a_norm: Vec<String> = a.iter().map(norm).collect();
    let b_norm: Vec<String> = b.iter().map(norm).collect();
    let l = q(&at.label());
    let what = field_name(spec.name);
    for (item, key) in a.iter().zip(&a_norm) {
        if !b_norm.contains(key) {
            let message = match removed.0 {
                "scope-narrowed" => format!("The {what} of {l} no longer includes \"{}\".", clip(item)),
                _ => format!("{l} no longer has the {} \"{}\" in its {what}.", singular(what), clip(item)),
            };
            let sides = cx.sides(at, Some(removed.1));
            emit(cx, at, spec.name, removed.0, message, Some(Value::text(item.clone())), None, lines, sides);
        }
    }
    for (item, key) in b.iter().zip(&b_norm) {
        if !a_norm.contains(key) {
            let message = match added.0 {
                "scope-widened" => format!("The {what} of {l} now includes \"{}\".", clip(item)),
                _ => format!("{l} now has the {} \"{}\" in its {what}.", singular(what), clip(item)),
            };
            let sides = cx.sides(at, Some(added.1));
            emit(cx, at, spec.name, added.0, message, None, Some(Value::text(item.clone())), lines, sides);
            cx.hidden(Some(at), &at.label(), spec.name, "", item, lines);
        }
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
fn changed(cx: &mut Cx, at: At, name: &str, rule: &'static str, ov: Option<&Value>, nv: Option<&Value>, lines: Lines) {
    let l = q(&at.label());
    let what = field_name(name);
    let message = match (ov, nv, rule) {
        (Some(_), Some(_), "text-changed") => format!("The wording of {l} changed."),
        (Some(Value::Text(_)), Some(Value::Text(_)), _) if name != "number" && name != "title" => {
            format!("The {what} of {l} was reworded.")
        }
        (Some(a), Some(b), _) => format!("The {what} of {l} changed from {} to {}.", brief(a), brief(b)),
        (None, Some(b), _) if name == "text" => format!("{l} now has wording: {}.", brief(b)),
        (Some(a), None, _) if name == "text" => format!("{l} no longer has wording (was {}).", brief(a)),
        (None, Some(b), _) => format!("{l} now has a {what}: {}.", brief(b)),
        (Some(a), None, _) => format!("{l} no longer has a {what} (was {}).", brief(a)),
        (None, None, _) => return,
    };
    let mut e = Emit::new(rule, message);
    e.field = Some(name.to_string());
    e.old = ov.cloned().map(Shown::Value);
    e.new = nv.cloned().map(Shown::Value);
    (e.old_line, e.new_line) = lines;
    let (old_text, new_text) = (text_of(ov), text_of(nv));
    if matches!(ov, Some(Value::Text(_))) && matches!(nv, Some(Value::Text(_))) && name != "number" {
        e.words = prose::word_diff(&old_text, &new_text);
        if e.words.is_none() {
            e.message.push_str(" (Too long to compare word by word: the old and new text are given in full.)");
        }
    }
    cx.push_clause(at, e);
    if name != "number" {
        cx.numbers(Some(at), &at.label(), name, &old_text, &new_text, lines);
    }
    cx.hidden(Some(at), &at.label(), name, &old_text, &new_text, lines);
}

fn text_of(v: Option<&Value>) -> std::borrow::Cow<'_, str> {
    match v {
        Some(Value::Text(t)) => std::borrow::Cow::Borrowed(t.as_str()),
        Some(Value::List(items)) => std::borrow::Cow::Owned(items.join("\n")),
        _ => std::borrow::Cow::Borrowed(""),
    }
}

fn party_phrase(cx: &Cx, c: &Clause, role: &str) -> String {
    c.party(Some(role)).map(|p| cx.name(p)).unwrap_or_else(|| "the other party".into())
}

fn with_article(basis: &str) -> String {
    let first = basis.chars().next().unwrap_or('x').to_ascii_lowercase();
    if "aeiou".contains(first) { format!("an {basis}") } else { format!("a {basis}") }
}

fn about(c: &Clause) -> String {
    c.text_of("subject").map(|s| format!(" ({})", clip(s))).unwrap_or_default()
}

/// The sentence for a clause that appears.
pub(super) fn added_message(cx: &Cx, c: &Clause) -> String {
    let p = |role| party_phrase(cx, c, role);
    match c.ctype.name {
        "payment" => {
            let basis = c.text_of("basis").map(|b| format!(" {}", with_article(b))).unwrap_or_default();
            format!("New payment: {} now pays {}{basis}.", p("payer"), p("payee"))
        }
        "license" => format!(
            "New licence: {} licenses {} to {}.",
            p("licensor"),
            c.text_of("subject").map(clip).unwrap_or_else(|| "rights".into()),
            p("licensee")
        ),
        "exclusivity" => {
            format!("New exclusivity: {} is restricted in favour of {}{}.", p("bound"), p("beneficiary"), about(c))
        }
        "right" => {
            let unless = match c.value("unless") {
                Some(Value::List(items)) if !items.is_empty() => {
                    format!(", unless {}", items.iter().map(|i| clip(i)).collect::<Vec<_>>().join("; or "))
                }
                _ => String::new(),
            };
            format!("New right for {}: {}{}{unless}.", p("holder"), c.text_of("right").unwrap_or("a right"), about(c))
        }
        "termination" => format!("{} may now terminate (\"{}\").", p("by"), c.label()),
        "obligation" => {
            let m = match c.value("modality") {
                Some(Value::Modality(m)) => m.name().replace('-', " "),
                _ => "shall".into(),
            };
            format!("New obligation: {} {m} {}.", p("obligor"), clip(c.text_of("duty").unwrap_or("act")))
        }
        "commitment" => {
            let amount = match c.value("amount") {
                Some(Value::Undisclosed) => " an undisclosed amount".to_string(),
                Some(a) => format!(" {a}"),
                None => String::new(),
            };
            format!("New commitment: {} commits{amount}{}.", p("committer"), about(c))
        }
        "liability-cap" => format!("A cap now limits the liability of {}.", p("liable")),
        _ => format!("New clause \"{}\" ({}).", c.label(), c.ctype.name),
    }
}

/// The sentence for a clause that disappears.
pub(super) fn removed_message(cx: &Cx, c: &Clause) -> String {
    let p = |role| party_phrase(cx, c, role);
    match c.ctype.name {
        "payment" => {
            let basis = c.text_of("basis").map(|b| format!(" {}", with_article(b))).unwrap_or_default();
            format!("{} no longer pays {}{basis}.", p("payer"), p("payee"))
        }
        "license" => {
            format!("{} no longer holds the licence from {} (\"{}\").", p("licensee"), p("licensor"), c.label())
        }
        "exclusivity" => format!(
            "Exclusivity removed: {} is no longer restricted in favour of {}{}.",
            p("bound"),
            p("beneficiary"),
            about(c)
        ),
        "right" => format!(
            "{} no longer has the right \"{}\"{}.",
            p("holder"),
            c.text_of("right").unwrap_or("right"),
            about(c)
        ),
        "termination" => format!("{} may no longer terminate under \"{}\".", p("by"), c.label()),
        "obligation" => format!("{} is released from the obligation \"{}\".", p("obligor"), c.label()),
        "commitment" => format!("{} no longer has the commitment \"{}\".", p("committer"), c.label()),
        "liability-cap" => format!("The cap on the liability of {} was removed.", p("liable")),
        _ => format!("Clause \"{}\" ({}) was removed.", c.label(), c.ctype.name),
    }
}
