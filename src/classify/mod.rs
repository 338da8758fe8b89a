//! Compare and classify: turn two aligned versions into findings.
//!
//! `compare` walks the aligned clauses field by field and hands each
//! difference to the rule family its schema entry names; the rules (in
//! [`rules`]) give each finding its id and materiality, and the clause roles
//! decide whom it favours.

pub mod prose;
mod wording;

mod describe;
mod fields;
mod joins;
mod party_names;
mod refs;

use std::collections::HashMap;

use crate::align::{Pair, align};
use crate::model::schema::{FieldSpec, Side};
use crate::model::value::normalise_space;
use crate::model::{Agreement, Clause, Value};
use crate::report::{Anchor, Finding, Place, Report, Shown, Side as ReportSide};
use crate::rules::{Materiality, Rule};

/// At most this many unchanged commercial clauses are restated as "key terms
/// that did not change" (the first ones, in document order).
const KEY_TERMS: usize = 12;

/// The one-line caveat when either version says it is modelled from
/// announcements rather than the signed text.
fn caveat(old: &Agreement, new: &Agreement) -> Option<String> {
    let from_announcements = |a: &Agreement| matches!(a.meta("provenance").map(|f| &f.value), Some(Value::Text(t)) if t.as_str() == "announcements");
    (from_announcements(old) || from_announcements(new))
        .then(|| "Based on public announcements, not the definitive agreement.".to_string())
}

/// From this many clauses on, clauses are compared on two threads.
const PARALLEL_CLAUSES: usize = 2_000;

/// How many changed definitions are read for the parties their term binds
/// (each reading scans the agreement's wording; this keeps the work linear).
const DEFINITIONS_READ: usize = 64;

/// Compare two versions of an agreement.
pub fn diff(old: &Agreement, new: &Agreement) -> Report {
    diff_with_threshold(old, new, PARALLEL_CLAUSES)
}

/// [`diff`], comparing clauses on two threads from `parallel` clauses on
/// (tests use it to check that both ways give the same report).
#[doc(hidden)]
pub fn diff_with_threshold(old: &Agreement, new: &Agreement, parallel: usize) -> Report {
    let mut cx = Cx { old, new, out: Vec::new(), unchanged: Vec::new(), key_terms: Vec::new() };
    cx.meta();
    cx.bidi();
    cx.parties();
    cx.definitions();
    let alignment = cx.clauses(parallel);
    cx.references(&alignment);
    let mut party_names: Vec<(String, String)> = Vec::new();
    for p in new.parties.iter().chain(old.parties.iter()) {
        if !party_names.iter().any(|(k, _)| *k == p.key) {
            party_names.push((p.key.clone(), p.display().to_string()));
        }
    }
    let themes = describe::themes(old, new, &cx.out);
    Report {
        themes,
        old: side(old),
        new: side(new),
        findings: cx.out,
        party_names,
        perspective: None,
        stale: Vec::new(),
        unchanged: cx.unchanged,
        key_terms: cx.key_terms,
        caveat: caveat(old, new),
    }
}

fn side(a: &Agreement) -> ReportSide {
    ReportSide { path: a.path.clone(), agreement: a.id.clone(), version: a.version.clone() }
}

/// The clause a finding is about: one or both sides.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub old: Option<&'a Clause>,
    pub new: Option<&'a Clause>,
}

impl<'a> At<'a> {
    fn any(&self) -> &'a Clause {
        self.new.or(self.old).expect("a clause on at least one side")
    }

    /// The party on one side of the clause's roles, new version first.
    pub fn party(&self, side: Side) -> Option<String> {
        let of = |c: Option<&Clause>| c.and_then(|c| c.party(c.ctype.role_field(side)).map(str::to_string));
        of(self.new).or_else(|| of(self.old))
    }

    pub fn label(&self) -> String {
        self.any().label()
    }
}

pub(crate) struct Cx<'a> {
    pub old: &'a Agreement,
    pub new: &'a Agreement,
    pub out: Vec<Finding>,
    pub unchanged: Vec<(String, String)>,
    pub key_terms: Vec<(String, String)>,
}

impl<'a> Cx<'a> {
    /// The display name of a party key.
    pub fn name(&self, key: &str) -> String {
        self.new
            .party(key)
            .or_else(|| self.old.party(key))
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| key.to_string())
    }

    /// Favours and disfavours for a change that benefits `side` of a clause.
    /// On a mutual clause both lists name the same parties; [`Cx::push_clause`]
    /// turns such a finding into one that cuts both ways.
    pub fn sides(&self, at: At, side: Option<Side>) -> (Vec<String>, Vec<String>) {
        let Some(side) = side else { return (vec![], vec![]) };
        let f = self.role_parties(at, side, false);
        let d: Vec<String> =
            self.role_parties(at, side.other(), false).into_iter().filter(|p| !f.contains(p)).collect();
        (f, d)
    }

    /// The parties in the role on `side` of a clause (new version first),
    /// `mutual` read as every party of that version (see [`Clause::role_parties`]).
    pub fn role_parties(&self, at: At, side: Side, complement: bool) -> Vec<String> {
        match (at.new, at.old) {
            (Some(c), _) => c.role_parties(side, &self.new.parties, complement),
            (None, Some(c)) => c.role_parties(side, &self.old.parties, complement),
            (None, None) => Vec::new(),
        }
    }

    /// The parties of a clause that is mutual in either version (some party
    /// on both sides of its roles), sorted; empty for a one-sided clause.
    pub fn mutual_parties(&self, at: At) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (c, a) in [(at.old, self.old), (at.new, self.new)] {
            if let Some(c) = c
                && c.is_mutual(&a.parties)
            {
                out.extend(c.role_parties(Side::Grantee, &a.parties, false));
                out.extend(c.role_parties(Side::Grantor, &a.parties, false));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Who fills a role, in words: a party's name, "Acme and Beta", or
    /// "each party" for `mutual`; `None` when the role is unsaid.
    pub fn who(&self, at: At, side: Side) -> Option<String> {
        let c = at.new.or(at.old)?;
        Some(match c.value(c.ctype.role_field(side)?)? {
            Value::Party(p) => self.name(p),
            Value::Parties(ps) => and_list(&ps.iter().map(|p| self.name(p)).collect::<Vec<_>>()),
            Value::Mutual => "each party".to_string(),
            _ => return None,
        })
    }

    /// Names of party keys joined with "and".
    pub fn names(&self, keys: &[String]) -> String {
        and_list(&keys.iter().map(|p| self.name(p)).collect::<Vec<_>>())
    }

    /// Record a finding about a clause. Something removed from a clause that
    /// survives is anchored at that clause in the new file.
    pub fn push_clause(&mut self, at: At, mut f: Finding) {
        // A mutual clause binds and benefits each party alike: whatever
        // favours one side of it favours every party in one capacity and
        // disfavours it in the other, so the change cuts both ways. Findings
        // about who fills the roles work out their own direction.
        if !f.favours.is_empty() || !f.disfavours.is_empty() {
            let role_rule = matches!(
                f.rule,
                Rule::PartySubstituted | Rule::RoleMadeMutual | Rule::RoleMadeOneSided | Rule::PaymentDirectionReversed
            );
            let mutual = if role_rule { Vec::new() } else { self.mutual_parties(at) };
            if mutual.len() >= 2 {
                let why = match at.any().ctype.kind {
                    crate::model::schema::ClauseKind::LiabilityCap => {
                        "the cap is mutual: it protects each party when it is liable and limits each when it claims"
                    }
                    crate::model::schema::ClauseKind::Termination => {
                        "either party may terminate: each gains the option and bears the other's"
                    }
                    _ => "the clause is mutual: it binds and benefits each party alike",
                };
                f.message.push_str(&format!(" This cuts both ways: {why}."));
                f = f.cuts_both_ways(mutual);
            }
        }
        if f.new_line.is_none()
            && f.anchor.is_none()
            && let Some(c) = at.new
        {
            f.anchor = Some(Anchor { line: c.pos.line, place: Place::Within });
        }
        let c = at.any();
        self.out.push(f.at(Some(c.id.clone()), at.label()));
    }

    /// Record an agreement-level finding, under a section `label`.
    fn push(&mut self, label: &str, f: Finding) {
        self.out.push(f.at(None, label.to_string()));
    }

    fn meta(&mut self) {
        let names = crate::model::schema::TOP_LEVEL_KEYS;
        for name in names {
            let (o, n) = (self.old.meta(name), self.new.meta(name));
            let (ov, nv) = (o.map(|f| &f.value), n.map(|f| &f.value));
            let same = match (ov, nv) {
                (Some(a), Some(b)) => a.same_meaning(b),
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            let message = match (ov, nv) {
                (Some(a), Some(b)) => {
                    format!("The agreement's {} changed from {} to {}.", meta_name(name), brief(a), brief(b))
                }
                (None, Some(b)) => format!("The agreement now states its {}: {}.", meta_name(name), brief(b)),
                (Some(a), None) => {
                    format!("The agreement no longer states its {} (was {}).", meta_name(name), brief(a))
                }
                (None, None) => unreachable!(),
            };
            let mut f = Finding::new(Rule::MetadataChanged, message)
                .field(*name)
                .values(ov.cloned(), nv.cloned())
                .lines((o.map(|f| f.pos.line), n.map(|f| f.pos.line)));
            // A wording that counts from the agreement's date ("the Term begins on
            // the date of this Agreement") makes a new date a change of when
            // things happen: for review, not a detail.
            if *name == "effective"
                && let Some(quote) = [self.old, self.new].iter().find_map(|a| counts_from_its_date(a))
            {
                f.message.push_str(&format!(
                    " The wording counts from that date (\"{quote}\"), so this moves when its terms run: review it."
                ));
                f = f.materiality_of(Materiality::Substantive);
            }
            self.push("Agreement", f);
        }
    }

    /// Bidirectional controls the new file brings anywhere, comments and
    /// markup included (Trojan Source): those in values are reported with
    /// their field too; these catch what no value holds.
    fn bidi(&mut self) {
        let mut before: HashMap<char, usize> = HashMap::new();
        for (_, c) in &self.old.bidi {
            *before.entry(*c).or_default() += 1;
        }
        let mut brought: Vec<(u32, char)> = Vec::new();
        let mut seen: HashMap<char, usize> = HashMap::new();
        for &(line, c) in &self.new.bidi {
            let n = seen.entry(c).or_default();
            *n += 1;
            if *n > before.get(&c).copied().unwrap_or(0) {
                brought.push((line, c));
            }
        }
        let Some(&(first_line, _)) = brought.first() else { return };
        let listed: Vec<String> =
            brought.iter().take(20).map(|(l, c)| format!("U+{:04X} at line {l}", *c as u32)).collect();
        let message = format!(
            "The new file has {} more bidirectional control character{} (which can reorder what a reader sees, \
             CVE-2021-42574), in comments, markup or values: {}{}.",
            brought.len(),
            if brought.len() == 1 { "" } else { "s" },
            listed.join(", "),
            if brought.len() > 20 { ", ..." } else { "" }
        );
        let f = Finding::new(Rule::HiddenCharacters, message)
            .field("file")
            .values(None, Some(Value::List(listed)))
            .lines((None, Some(first_line)));
        self.push("Agreement", f);
    }

    fn parties(&mut self) {
        for p in &self.new.parties {
            match self.old.party(&p.key) {
                None => {
                    let f = Finding::new(Rule::PartyAdded, format!("{} ({}) is now a party.", p.name, p.key))
                        .field(format!("parties.{}", p.key))
                        .values(None, Some(Value::text(p.name.clone())))
                        .lines((None, Some(p.pos.line)));
                    self.push("Parties", f);
                }
                Some(o) => {
                    if normalise_space(&o.name) != normalise_space(&p.name) || o.short != p.short {
                        // Composed versus decomposed accents (NFC/NFD): the same name to a reader.
                        let nfc = |s: &str| -> String {
                            use unicode_normalization::UnicodeNormalization;
                            normalise_space(s).nfc().collect()
                        };
                        let reformatted =
                            nfc(&o.name) == nfc(&p.name) && o.short.as_deref().map(nfc) == p.short.as_deref().map(nfc);
                        let corrected = !reformatted
                            && party_names::corrected(&o.name, &p.name)
                            && match (&o.short, &p.short) {
                                (Some(a), Some(b)) => party_names::corrected(a, b),
                                (None, None) => true,
                                _ => false,
                            };
                        let f = if corrected {
                            let message = format!(
                                "Party `{}` is now named {} (was {}): a correction of spelling, punctuation, legal \
                                 suffix or initials, not a different party.",
                                p.key,
                                quoted(&name_with_short(&p.name, &p.short)),
                                quoted(&name_with_short(&o.name, &o.short))
                            );
                            Finding::new(Rule::PartyNameCorrected, message)
                        } else if reformatted {
                            let message = format!(
                                "Only the Unicode form (NFC/NFD) of the name of party `{}` changed; it reads the \
                                 same: {}.",
                                p.key,
                                quoted(&name_with_short(&p.name, &p.short))
                            );
                            Finding::new(Rule::TextReformatted, message)
                        } else {
                            let message = format!(
                                "Party `{}` is now named {} (was {}).",
                                p.key,
                                quoted(&name_with_short(&p.name, &p.short)),
                                quoted(&name_with_short(&o.name, &o.short))
                            );
                            Finding::new(Rule::PartyRenamed, message)
                        };
                        let field = format!("parties.{}", p.key);
                        let lines = (Some(o.pos.line), Some(p.pos.line));
                        let f = f
                            .field(field.clone())
                            .values(Some(Value::text(o.name.clone())), Some(Value::text(p.name.clone())))
                            .lines(lines);
                        self.push("Parties", f);
                        self.hidden(Spot { at: None, label: "Parties", field: &field, lines }, &o.name, &p.name);
                    } else if !same_aliases(&o.aliases, &p.aliases) {
                        let message = format!(
                            "The agreement now calls party `{}` {} (before: {}).",
                            p.key,
                            alias_list(&p.aliases),
                            alias_list(&o.aliases)
                        );
                        let f = Finding::new(Rule::PartyRenamed, message)
                            .field(format!("parties.{}.aliases", p.key))
                            .values(Some(Value::List(o.aliases.clone())), Some(Value::List(p.aliases.clone())))
                            .lines((Some(o.pos.line), Some(p.pos.line)));
                        self.push("Parties", f);
                    }
                }
            }
        }
        for o in &self.old.parties {
            if self.new.party(&o.key).is_none() {
                let f = Finding::new(Rule::PartyRemoved, format!("{} ({}) is no longer a party.", o.name, o.key))
                    .field(format!("parties.{}", o.key))
                    .values(Some(Value::text(o.name.clone())), None)
                    .lines((Some(o.pos.line), None));
                self.push("Parties", f);
            }
        }
    }

    fn definitions(&mut self) {
        let find = |a: &'a Agreement, t: &str| a.definitions.iter().find(|d| d.term == t);
        let mut read = 0;
        for d in &self.new.definitions {
            let field = format!("definitions.{}", d.term);
            match find(self.old, &d.term) {
                None => {
                    let message = format!("\"{}\" is now defined: {}", d.term, clip(&d.text));
                    let f = Finding::new(Rule::DefinitionAdded, message)
                        .field(field)
                        .values(None, Some(Value::text(d.text.clone())))
                        .lines((None, Some(d.pos.line)));
                    self.push("Definitions", f);
                }
                Some(o) if o.text != d.text => {
                    let lines = (Some(o.pos.line), Some(d.pos.line));
                    let values = (Some(Value::text(o.text.clone())), Some(Value::text(d.text.clone())));
                    if prose::same_but_layout(&o.text, &d.text) {
                        let message = format!("Only the layout of the definition of \"{}\" changed.", d.term);
                        let f = Finding::new(Rule::TextReformatted, message)
                            .field(field)
                            .values(values.0, values.1)
                            .lines(lines);
                        self.push("Definitions", f);
                        continue;
                    }
                    let message =
                        format!("The definition of \"{}\" changed; every clause using it changes with it.", d.term);
                    let mut f = Finding::new(Rule::DefinitionChanged, message)
                        .field(field.clone())
                        .values(values.0, values.1)
                        .lines(lines)
                        .words(prose::word_diff(&o.text, &d.text));
                    if read < DEFINITIONS_READ {
                        read += 1;
                        let parties = wording::bound_by_term(self.old, self.new, &d.term);
                        if parties.len() >= 2 {
                            f.message.push_str(
                                " Sentences using it bind each party, so whom the change favours depends on them: it cuts both ways.",
                            );
                            f = f.cuts_both_ways(parties);
                        }
                    }
                    self.push("Definitions", f);
                    let spot = Spot { at: None, label: "Definitions", field: &field, lines };
                    self.numbers(spot, &o.text, &d.text);
                    self.hidden(spot, &o.text, &d.text);
                }
                Some(_) => {}
            }
        }
        for o in &self.old.definitions {
            if find(self.new, &o.term).is_none() {
                let f = Finding::new(Rule::DefinitionRemoved, format!("\"{}\" is no longer defined.", o.term))
                    .field(format!("definitions.{}", o.term))
                    .values(Some(Value::text(o.text.clone())), None)
                    .lines((Some(o.pos.line), None));
                self.push("Definitions", f);
            }
        }
    }

    fn clauses(&mut self, parallel: usize) -> crate::align::Alignment {
        let alignment = align(self.old, self.new);
        let joins = joins::find(self.old, self.new, &alignment);
        let n_new = self.new.clauses.len();
        // Where each removed clause is shown: before the new position of the
        // next old clause that survived.
        let mut new_of_old: Vec<Option<usize>> = vec![None; self.old.clauses.len()];
        let mut pair_of_new: Vec<Option<Pair>> = vec![None; n_new];
        for p in &alignment.pairs {
            new_of_old[p.old] = Some(p.new);
            pair_of_new[p.new] = Some(*p);
        }
        let mut anchor = vec![n_new; self.old.clauses.len()];
        let mut next = n_new;
        for i in (0..self.old.clauses.len()).rev() {
            anchor[i] = next;
            if let Some(j) = new_of_old[i] {
                next = j;
            }
        }
        // Where a removed clause stood in the new file: after its nearest
        // surviving predecessor, else before its successor.
        let mut place: Vec<Option<Anchor>> = vec![None; self.old.clauses.len()];
        let mut previous: Option<usize> = None;
        for i in 0..self.old.clauses.len() {
            match new_of_old[i] {
                Some(j) => previous = Some(j),
                None => {
                    place[i] = match previous {
                        Some(j) => Some(Anchor { line: self.new.clauses[j].pos.line, place: Place::After }),
                        None if anchor[i] < n_new => {
                            Some(Anchor { line: self.new.clauses[anchor[i]].pos.line, place: Place::Before })
                        }
                        None => None,
                    }
                }
            }
        }
        let mut removed: Vec<(usize, usize)> = alignment.removed.iter().map(|&i| (anchor[i], i)).collect();
        removed.sort_unstable();
        // Compare the clauses in two halves on two cores when there are many;
        // the halves' findings are joined in order, so the output is the same.
        let (old, new) = (self.old, self.new);
        let run = |lo: usize, hi: usize| {
            let mut cx = Cx { old, new, out: Vec::new(), unchanged: Vec::new(), key_terms: Vec::new() };
            let mut r = removed.partition_point(|&(a, _)| a < lo);
            let gone = |cx: &mut Cx<'a>, i: usize| match joins.merged_parts.get(&i) {
                Some(&head) => cx.joined(&old.clauses[i], &new.clauses[head], false),
                None => cx.removed_clause(&old.clauses[i], place[i]),
            };
            for (j, pair) in pair_of_new.iter().enumerate().take(hi).skip(lo) {
                while r < removed.len() && removed[r].0 <= j {
                    gone(&mut cx, removed[r].1);
                    r += 1;
                }
                match (pair, joins.split_parts.get(&j)) {
                    (Some(p), _) => cx.pair(*p, joins.heads.contains(&j)),
                    (None, Some(&head)) => {
                        cx.joined(&new.clauses[j], &old.clauses[pair_of_new[head].expect("a head is paired").old], true)
                    }
                    (None, None) => cx.added_clause(&new.clauses[j]),
                }
            }
            if hi == n_new {
                for &(_, i) in &removed[r..] {
                    gone(&mut cx, i);
                }
            }
            (cx.out, cx.unchanged, cx.key_terms)
        };
        let halves = if n_new >= parallel {
            let mid = n_new / 2;
            std::thread::scope(|s| {
                let first = s.spawn(|| run(0, mid));
                let second = run(mid, n_new);
                vec![first.join().expect("comparing does not panic"), second]
            })
        } else {
            vec![run(0, n_new)]
        };
        for (out, unchanged, key_terms) in halves {
            self.out.extend(out);
            self.unchanged.extend(unchanged);
            self.key_terms.extend(key_terms);
            self.key_terms.truncate(KEY_TERMS);
        }
        alignment
    }

    fn added_clause(&mut self, c: &'a Clause) {
        self.whole_clause(c, true, None);
        let at = At { old: None, new: Some(c) };
        wording::against_fields(self, at, false);
        for f in &c.fields {
            let text: Option<&str> = match &f.value {
                Value::Text(t) => Some(t),
                Value::Party(p) => Some(p),
                Value::Multiple(m) => Some(&m.of),
                _ => None,
            };
            if let Some(t) = text {
                let label = at.label();
                let spot = Spot { at: Some(at), label: &label, field: f.name, lines: (None, Some(f.pos.line)) };
                self.hidden(spot, "", t);
            }
        }
    }

    fn removed_clause(&mut self, c: &'a Clause, anchor: Option<Anchor>) {
        self.whole_clause(c, false, anchor);
    }

    /// A clause present on one side only: its type's own rule (payment-added,
    /// right-revoked...) favouring the side that gains, or the generic one.
    fn whole_clause(&mut self, c: &'a Clause, added: bool, anchor: Option<Anchor>) {
        // A clause that appears favours the side it benefits (the liable
        // party, for a liability cap); one that goes favours the other side.
        let (at, rule, side) = if added {
            (At { old: None, new: Some(c) }, c.ctype.added_rule, c.ctype.benefits())
        } else {
            (At { old: Some(c), new: None }, c.ctype.removed_rule, c.ctype.benefits().other())
        };
        if added && let Some(Value::Date(d)) = c.value("disclosed") {
            // A term that existed before, first made public in this version.
            let message = format!(
                "\"{}\" ({}) is disclosed for the first time ({}); it existed before, so it is not a new term.",
                c.label(),
                c.ctype.name,
                d.plain()
            );
            let f = Finding::new(Rule::FirstDisclosed, message)
                .shown(None, Some(shown_clause(c)))
                .lines((None, Some(c.pos.line)));
            return self.push_clause(at, f);
        }
        let template = if added { c.ctype.added } else { c.ctype.removed };
        let message = describe::sentence(template, c, &|key| self.name(key));
        let mut f = Finding::new(rule, message);
        f = if added {
            f.shown(None, Some(shown_clause(c))).lines((None, Some(c.pos.line)))
        } else {
            f.shown(Some(shown_clause(c)), None).lines((Some(c.pos.line), None))
        };
        f.anchor = anchor;
        if !matches!(rule, Rule::ClauseAdded | Rule::ClauseRemoved) {
            f = f.favouring(self.sides(at, Some(side)));
        } else if let Some(text) = c.text_of("text") {
            // A clause of prose that grants a licence or sets a payment is as material as that.
            // Whom it favours is derived only from its duties, restrictions, licences,
            // payments and caps, when they all agree: measured on the labelled corpus, the
            // permissions of whole informational clauses ("you can report …") named the
            // wrong party more often than the right one, so they are not read for it.
            let top = wording::whole_materiality(self.old, self.new, text, added);
            if let Some(m) = top.filter(|m| *m > f.materiality()) {
                f = f.materiality_of(m);
            }
            if let Some(sides) = wording::whole_favours(self.old, self.new, text, added) {
                f = f.favouring(sides);
            } else if let Some(link) = wording::lone_link(c, text) {
                // "* [MDN Plus](https://…/privacy/mdn-plus/)": an entry that is only a
                // reference to another document takes in (or drops) what that says.
                let parties = wording::actors(self.old, self.new).keys();
                if parties.len() >= 2 {
                    let how = if added { "now refers to" } else { "no longer refers to" };
                    f.message.push_str(&format!(
                        " The agreement {how} the document it links to ({link}): whom that favours depends on what the document says, so it cuts both ways."
                    ));
                    f = f.cuts_both_ways(parties);
                }
            }
            if c.heading.as_deref().is_some_and(wording::lists_offerings)
                && let Some(sides) = wording::offering(self.old, self.new, text, added)
            {
                let how = if added { "added to" } else { "removed from" };
                f.message.push_str(&format!(" It describes an offering {how} the list of what the agreement provides: the scope of the service {}.", if added { "widened" } else { "narrowed" }));
                f = f.materiality_of(crate::rules::Materiality::Commercial).favouring(sides);
            }
        }
        if c.ctype.kind == crate::model::schema::ClauseKind::Right
            && c.text_of("right").is_some_and(crate::model::schema::is_commercial_right)
        {
            f = f.materiality_of(crate::rules::Materiality::Commercial);
        }
        self.push_clause(at, f);
    }

    /// A clause that is the split-off end of another (`split`), or that
    /// was joined onto the end of another: `part` is that clause, `whole` the
    /// clause it left or joined, on the other side.
    fn joined(&mut self, part: &'a Clause, whole: &'a Clause, split: bool) {
        let (rule, message, at, lines) = if split {
            let message = format!(
                "\"{}\" was split: its closing words are now the separate clause \"{}\", word for word.",
                whole.label(),
                part.label()
            );
            (Rule::ClauseSplit, message, At { old: None, new: Some(part) }, (Some(whole.pos.line), Some(part.pos.line)))
        } else {
            let message =
                format!("\"{}\" was joined onto the end of \"{}\", word for word.", part.label(), whole.label());
            (
                Rule::ClauseMerged,
                message,
                At { old: Some(part), new: None },
                (Some(part.pos.line), Some(whole.pos.line)),
            )
        };
        self.push_clause(at, Finding::new(rule, message).lines(lines));
    }

    /// A clause present in both versions; `joined` when its text differs
    /// only by words split off or joined on (reported by [`Cx::joined`]).
    fn pair(&mut self, p: Pair, joined: bool) {
        let (co, cn) = (&self.old.clauses[p.old], &self.new.clauses[p.new]);
        // Most clauses of an amendment are untouched: skip them at the cost of
        // one comparison of their values.
        if !p.renamed && !p.moved && co.same_content(cn) {
            if self.key_terms.len() < KEY_TERMS && !cn.ctype.still.is_empty() {
                let sentence = describe::sentence(cn.ctype.still, cn, &|key| self.name(key));
                self.key_terms.push((cn.label(), sentence));
            }
            return;
        }
        let before = self.out.len();
        self.pair_fields(p, joined);
        fold_wording(&mut self.out[before..]);
        self.out.truncate(before + self.out[before..].iter().filter(|f| !f.message.is_empty()).count());
        wording::against_fields(self, At { old: Some(co), new: Some(cn) }, joined);
        if self.out.len() > before {
            let mut kept = Vec::new();
            // An exclusivity that is no longer exclusive has nothing left to end.
            let moot_end = cn.ctype.kind == crate::model::schema::ClauseKind::Exclusivity
                && matches!(cn.value("exclusive"), Some(Value::Level(crate::model::Level::NonExclusive)));
            for name in ["rate", "amount", "cap", "until"] {
                if name == "until" && moot_end {
                    continue;
                }
                if let (Some(a), Some(b)) = (co.value(name), cn.value(name))
                    && a.same_meaning(b)
                {
                    let v = clip(&b.plain());
                    kept.push(match (name, b) {
                        ("until", Value::End(crate::model::End::Date(_))) => format!("It still runs until {v}."),
                        ("until", Value::Undisclosed) => "Its end is still undisclosed.".to_string(),
                        ("until", _) => format!("It still ends {v}."),
                        _ => format!("The {name} is unchanged ({v})."),
                    });
                }
            }
            if !kept.is_empty() {
                self.unchanged.push((cn.id.clone(), kept.join(" ")));
            }
        }
    }

    fn pair_fields(&mut self, p: Pair, joined: bool) {
        let (co, cn) = (&self.old.clauses[p.old], &self.new.clauses[p.new]);
        let at = At { old: Some(co), new: Some(cn) };
        let lines = (Some(co.pos.line), Some(cn.pos.line));
        if p.renamed {
            let message = format!("Clause `{}` is now `{}`; it is the same clause under a new id.", co.id, cn.id);
            let f = Finding::new(Rule::ClauseRenamed, message)
                .field("id")
                .values(Some(Value::text(co.id.clone())), Some(Value::text(cn.id.clone())))
                .lines(lines);
            self.push_clause(at, f);
        }
        if p.moved {
            let message = format!("\"{}\" moved to a different place among the clauses.", cn.label());
            self.push_clause(at, Finding::new(Rule::ClauseMoved, message).lines(lines));
        }
        if co.ctype.kind != cn.ctype.kind {
            let message = format!("\"{}\" changed type from {} to {}.", cn.label(), co.ctype.name, cn.ctype.name);
            let f = Finding::new(Rule::ClauseTypeChanged, message)
                .field("type")
                .values(Some(Value::text(co.ctype.name)), Some(Value::text(cn.ctype.name)))
                .lines(lines);
            self.push_clause(at, f);
        }
        let swapped = fields::payment_swap(self, at);
        // Roles naming several parties or `mutual`: one finding for both.
        let roles = !swapped && fields::roles(self, at);
        // An exclusivity clause that is no longer exclusive restricts nothing: the scope,
        // exceptions and end it drops go with the exclusivity-dropped finding, as a licence's
        // `exclusive-until` does, rather than read as a wider scope or a lost carve-out.
        let ended = exclusivity_ended(co, cn);
        let mut specs: Vec<&'static FieldSpec> = cn.ctype.all_fields().collect();
        for spec in co.ctype.all_fields() {
            if !specs.iter().any(|s| s.name == spec.name) {
                specs.push(spec);
            }
        }
        for spec in specs {
            if swapped && matches!(spec.name, "payer" | "payee")
                || roles && matches!(spec.effect, crate::model::schema::Effect::Role(_))
                || joined && spec.name == "text"
            {
                continue;
            }
            let (fo, fnew) = (co.field(spec.name), cn.field(spec.name));
            if fo.is_none() && fnew.is_none() {
                continue;
            }
            if ended && fnew.is_none() && matches!(spec.name, "scope" | "exceptions" | "until") {
                continue;
            }
            let old_spec = co.ctype.field(spec.name);
            let change = fields::Change { at, spec, old: fo, new: fnew };
            if old_spec.is_some_and(|o| o.kind != spec.kind) {
                fields::unclassified(self, &change);
                continue;
            }
            fields::compare(self, &change);
        }
    }

    /// Report numbers edited inside prose.
    pub fn numbers(&mut self, spot: Spot, old: &str, new: &str) {
        let (gone, came) = prose::changed_numbers(old, new);
        let before = prose::word_digit_mismatches(old);
        let before: std::collections::HashSet<&str> = before.iter().map(String::as_str).collect();
        let disagree: Vec<String> =
            prose::word_digit_mismatches(new).into_iter().filter(|m| !before.contains(m.as_str())).collect();
        if gone.is_empty() && came.is_empty() && disagree.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        if !gone.is_empty() {
            parts.push(format!("{} no longer there", gone.join(", ")));
        }
        if !came.is_empty() {
            parts.push(format!("{} now there", came.join(", ")));
        }
        if !disagree.is_empty() {
            parts.push(format!("words and digits disagree in {}", disagree.join(", ")));
        }
        let whose = if spot.at.is_some() {
            format!("the {} of \"{}\"", if spot.field == "text" { "wording" } else { spot.field }, spot.label)
        } else {
            spot.field.to_string()
        };
        let message = format!("Numbers in {whose} changed: {}.", parts.join("; "));
        let f = Finding::new(Rule::NumberChangedInText, message)
            .field(spot.field)
            .values(Some(Value::List(gone)), Some(Value::List(came)))
            .lines(spot.lines);
        self.push_at(spot, f);
    }

    /// Report number words that disagree with the digits beside them
    /// ("thirty (60) days") where a change brings them in.
    pub fn numbers_disagree(&mut self, spot: Spot, old: &str, new: &str) {
        let before = prose::word_digit_mismatches(old);
        let found: Vec<String> =
            prose::word_digit_mismatches(new).into_iter().filter(|m| !before.contains(m)).collect();
        if found.is_empty() {
            return;
        }
        let message = format!("Words and digits disagree in the wording of \"{}\": {}.", spot.label, found.join(", "));
        let f = Finding::new(Rule::NumberChangedInText, message)
            .field(spot.field)
            .values(None, Some(Value::List(found)))
            .lines(spot.lines);
        self.push_at(spot, f);
    }

    /// Report invisible or mixed-script characters that a change brings in.
    pub fn hidden(&mut self, spot: Spot, old: &str, new: &str) {
        let before = prose::hidden_in(old);
        let found: Vec<String> = prose::hidden_in(new).into_iter().filter(|h| !before.contains(h)).collect();
        if found.is_empty() {
            return;
        }
        let message = format!(
            "The new {} contains characters a reader cannot see or tell apart: {}.",
            spot.field,
            found.join(", ")
        );
        let f = Finding::new(Rule::HiddenCharacters, message)
            .field(spot.field)
            .values(None, Some(Value::List(found)))
            .lines(spot.lines);
        self.push_at(spot, f);
    }

    fn push_at(&mut self, spot: Spot, f: Finding) {
        match spot.at {
            Some(at) => self.push_clause(at, f),
            None => self.push(spot.label, f),
        }
    }
}

/// An exclusivity clause exclusive in `old` and non-exclusive in `new`.
/// One finding per change: where a typed field of the clause already reports
/// a change (at substantive or above), the wording change that says the same
/// thing joins it as its redline instead of standing apart. Folded findings
/// are emptied and moved to the end, for the caller to drop.
fn fold_wording(found: &mut [Finding]) {
    let typed: Vec<usize> = (0..found.len())
        .filter(|&i| {
            let f = &found[i];
            // A typed field's finding, not one about the wording itself (hidden characters).
            let family = f.rule.info().family;
            f.source() == "field"
                && f.field.as_deref() != Some("text")
                && f.materiality() >= Materiality::Substantive
                && !matches!(family, crate::rules::Family::Wording | crate::rules::Family::Format)
        })
        .collect();
    let Some(&lead) = typed.iter().max_by_key(|&&i| found[i].materiality()) else { return };
    for i in 0..found.len() {
        if found[i].source() != "text" {
            continue;
        }
        let f = &found[i];
        let same = typed.iter().any(|&t| {
            let g = &found[t];
            g.rule.info().family == f.rule.info().family || !f.favours.is_empty() && g.favours == f.favours
        });
        if !(same || matches!(f.rule, Rule::TextChanged | Rule::TextEquivalent)) {
            continue;
        }
        let target =
            typed.iter().copied().find(|&t| found[t].rule.info().family == f.rule.info().family).unwrap_or(lead);
        // The rewording goes with the typed finding as its evidence (the typed
        // finding's own values and word diff stay those of its field).
        let evidence = found[i].evidence.take();
        let g = &mut found[target];
        if g.evidence.is_none() {
            g.evidence = evidence.map(|mut e| {
                e.triggers.clear();
                e
            });
        }
        found[i].message.clear();
    }
    // Emptied findings go last, in a stable order for the rest.
    found.sort_by_key(|f| f.message.is_empty());
}

fn exclusivity_ended(old: &Clause, new: &Clause) -> bool {
    use crate::model::Level;
    use crate::model::schema::ClauseKind;
    let level = |c: &Clause| match c.value("exclusive") {
        None => Some(Level::NonExclusive),
        Some(Value::Level(l)) => Some(*l),
        _ => None,
    };
    old.ctype.kind == ClauseKind::Exclusivity
        && new.ctype.kind == ClauseKind::Exclusivity
        && level(old).is_some_and(|l| l > Level::NonExclusive)
        && level(new) == Some(Level::NonExclusive)
}

/// Where a piece of prose sits: its clause (if any), how to name it, its
/// field, and its lines in the old and new files.
#[derive(Clone, Copy)]
pub(crate) struct Spot<'a> {
    pub at: Option<At<'a>>,
    pub label: &'a str,
    pub field: &'a str,
    pub lines: (Option<u32>, Option<u32>),
}

pub(crate) fn shown_clause(c: &Clause) -> Shown {
    Shown::Clause { clause_type: c.ctype.name, fields: c.fields.iter().map(|f| (f.name, f.value.clone())).collect() }
}

/// The words of a clause that count from the agreement's own date ("the date
/// of this Agreement", "the Effective Date"), if any clause has them.
fn counts_from_its_date(a: &Agreement) -> Option<String> {
    // Said of this agreement's own date; "an effective date" posted at the top
    // of published terms is their version's date, and is not read this way.
    const PHRASES: &[&str] = &[
        "date of this agreement",
        "date of these terms",
        "date first written",
        "date first above written",
        "date stated under",
        "date hereof",
        "date of signature",
    ];
    a.clauses.iter().filter_map(|c| c.text_of("text")).find_map(|t| {
        if t.contains("Effective Date") {
            return Some("Effective Date".to_string());
        }
        let lower = t.to_lowercase();
        PHRASES.iter().find(|p| lower.contains(*p)).map(|p| p.to_string())
    })
}

fn meta_name(name: &str) -> &str {
    match name {
        "effective" => "effective date",
        "previous" => "previous version",
        "agreement" => "id",
        other => other,
    }
}

/// Whether two alias lists name the same words, in any order and case.
fn same_aliases(a: &[String], b: &[String]) -> bool {
    let norm = |l: &[String]| {
        let mut v: Vec<String> = l.iter().map(|s| normalise_space(s).to_lowercase()).collect();
        v.sort();
        v.dedup();
        v
    };
    norm(a) == norm(b)
}

fn alias_list(aliases: &[String]) -> String {
    if aliases.is_empty() {
        return "by no other name".into();
    }
    aliases.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ")
}

fn name_with_short(name: &str, short: &Option<String>) -> String {
    match short {
        Some(s) if s != name => format!("{name} ({s})"),
        _ => name.to_string(),
    }
}

/// "A", "A and B", "A, B and C".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// A value for a one-sentence message, as a reader writes it (USD 250
/// billion, 31 December 2030, a list without brackets): prose is clipped.
pub(crate) fn brief(v: &Value) -> String {
    match v {
        Value::Text(t) => format!("\"{}\"", clip(t)),
        // A long list (sources, links) by its first item and a count.
        Value::List(items) if items.len() > 1 && v.plain().chars().count() > 80 => {
            format!("{} and {} more", clip_to(&items[0], 60), items.len() - 1)
        }
        other => clip(&other.plain()),
    }
}

/// About 80 characters of a text, on one line (see [`clip_to`]).
pub(crate) fn clip(s: &str) -> String {
    clip_to(s, 80)
}

/// Words that open a condition or carve-out: a cut must not hide them.
const CONDITION_WORDS: &[&str] =
    &["except", "unless", "provided", "subject", "excluding", "notwithstanding", "save", "but", "only", "if"];

/// About `n` characters of a text, whitespace folded. A longer text is cut
/// after a sentence or clause (a word ending in `.`, `;`, `:` or `,`) where
/// one falls in the second half of the room, else between words, and says
/// how many words it leaves out: `… (9 more words)`. A condition in the
/// words left out (except, unless, provided that, subject to...) is never
/// dropped: the text resumes there, `… (4 words left out) unless ...`.
/// Linear in the text's length, however long.
pub(crate) fn clip_to(s: &str, n: usize) -> String {
    clip_depth(s, n, 3)
}

/// [`clip_to`], resuming at a condition at most `depth` times (so that a
/// text of many conditions stays short).
fn clip_depth(s: &str, n: usize, depth: u8) -> String {
    let mut head = String::new();
    let mut chars = 0;
    // Where the head last ended a sentence or clause, in bytes.
    let mut boundary: Option<usize> = None;
    let mut words = s.split_whitespace();
    let mut next = None;
    for w in words.by_ref() {
        let len = w.chars().count() + usize::from(!head.is_empty());
        if chars + len > n && head.is_empty() {
            // One word longer than the room (a hash, a run of letters): cut inside it.
            let kept: String = w.chars().take(n).collect();
            let left = len - n + words.map(|w| w.chars().count() + 1).sum::<usize>();
            return format!("{kept}… ({left} more characters)");
        }
        if chars + len > n {
            next = Some(w);
            break;
        }
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(w);
        chars += len;
        if w.ends_with(['.', ';', ':', ',']) && chars >= n / 2 {
            boundary = Some(head.len());
        }
    }
    let Some(next) = next else { return head };
    let moved = boundary.map(|b| head.split_off(b)).unwrap_or_default();
    // Find the first condition among the words left out, reading on no
    // further than needed.
    let is_condition = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        CONDITION_WORDS.contains(&w.as_str())
    };
    let mut skipped = 0usize;
    let mut tail: Option<String> = None;
    let mut pending = moved.split_whitespace().chain(std::iter::once(next)).chain(words);
    for w in pending.by_ref() {
        if depth > 0 && is_condition(w) {
            let resumed: Vec<&str> = std::iter::once(w).chain(pending.by_ref()).collect();
            tail = Some(resumed.join(" "));
            break;
        }
        skipped += 1;
    }
    // Nothing left out before the condition: the words read as written.
    if let (Some(t), 0) = (&tail, skipped) {
        return format!("{head} {}", clip_depth(t, n.max(120), depth - 1));
    }
    let head = head.trim_end_matches(',').trim_end();
    match tail {
        None => format!("{head}… ({skipped} more word{})", if skipped == 1 { "" } else { "s" }),
        Some(t) => format!(
            "{head} … ({skipped} word{} left out) {}",
            if skipped == 1 { "" } else { "s" },
            clip_depth(&t, n.max(120), depth - 1)
        ),
    }
}

#[cfg(test)]
mod clip_tests {
    use super::clip_to;

    #[test]
    fn short_text_is_whole() {
        assert_eq!(clip_to("a  b\nc", 80), "a b c");
    }

    #[test]
    fn cuts_at_a_clause_and_counts_what_it_leaves_out() {
        let s = "Microsoft is the exclusive cloud provider for stateless APIs, for models and for IP, and for \
                 every product built with third parties that sell it.";
        let c = clip_to(s, 80);
        assert_eq!(c, "Microsoft is the exclusive cloud provider for stateless APIs… (16 more words)");
    }

    #[test]
    fn never_drops_a_condition() {
        let s = "OpenAI products will ship first on Azure across every region and every market the parties \
                 serve together, unless Microsoft cannot and chooses not to support the necessary capabilities.";
        let c = clip_to(s, 60);
        assert!(c.contains("unless Microsoft cannot and chooses not to support the necessary capabilities."), "{c}");
        assert!(c.contains("words left out)"), "{c}");
        // Resuming right at the condition keeps the words as written.
        let s = "OpenAI products will ship first on Azure, unless Microsoft cannot and chooses not to support the \
                 necessary capabilities.";
        assert_eq!(clip_to(s, 80), s);
        for word in ["except", "provided that", "subject to"] {
            let s = format!("{} {word} the licensee pays on time.", "The licence covers every model. ".repeat(5));
            assert!(clip_to(&s, 80).contains(&format!("{word} the licensee pays on time.")), "{word}");
        }
    }

    #[test]
    fn cuts_inside_a_word_longer_than_the_room() {
        assert_eq!(clip_to(&"a".repeat(100), 10), "aaaaaaaaaa… (90 more characters)");
    }

    #[test]
    fn is_linear_on_long_text() {
        let s = "word ".repeat(300_000);
        let c = clip_to(&s, 2000);
        assert!(c.len() < 2100 && c.ends_with("more words)"));
        let s = "a unless b ".repeat(100_000);
        assert!(clip_to(&s, 80).len() < 1000);
    }
}
