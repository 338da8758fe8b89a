//! Findings: what every output format renders. Formats differ in
//! presentation only; they all read this.

use std::sync::OnceLock;

use crate::model::Value;
use crate::rules::{Materiality, Rule};

/// One change of meaning. Built with [`Finding::new`] and the builder
/// methods; the classify stage places it at its clause.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule that claims the change.
    pub rule: Rule,
    /// How material this finding is: the rule's, unless the finding knows better.
    materiality: Materiality,
    /// The clause id, or `None` for agreement-level findings (metadata,
    /// parties, definitions).
    pub clause: Option<String>,
    /// How to name the clause or section to a reader.
    pub label: String,
    /// The field, or `None` for a whole clause.
    pub field: Option<String>,
    /// The value before, if there was one.
    pub old: Option<Shown>,
    /// The value after, if there is one.
    pub new: Option<Shown>,
    /// Party keys the change favours.
    pub favours: Vec<String>,
    /// Party keys the change disfavours.
    pub disfavours: Vec<String>,
    /// Party keys for whom the change cuts both ways: it helps or hurts each
    /// depending on future events. Never also in `favours`/`disfavours`.
    pub mixed: Vec<String>,
    /// One sentence saying what changed.
    pub message: String,
    /// The line in the old file.
    pub old_line: Option<u32>,
    /// The line in the new file.
    pub new_line: Option<u32>,
    /// For something removed (no `new_line`): where in the new file it stood.
    pub anchor: Option<Anchor>,
    /// The word-level change of prose, where the finding is about prose.
    pub words: Option<Vec<WordOp>>,
    /// What the prose stage read: the sentences and the words behind the
    /// finding (for a typed finding, the wording change folded into it).
    pub evidence: Option<Box<Evidence>>,
    /// Whether the finding was read in the wording rather than a typed field.
    from_text: bool,
    /// The reviewers' reason, when an acknowledgement covers this finding.
    pub acknowledged: Option<String>,
    /// The digest of the change, worked out when first asked for.
    change: OnceLock<String>,
}

impl Finding {
    /// A finding of `rule` saying `message`, with the rule's materiality and
    /// nothing else filled in yet.
    pub fn new(rule: Rule, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            materiality: rule.materiality(),
            clause: None,
            label: String::new(),
            field: None,
            old: None,
            new: None,
            favours: Vec::new(),
            disfavours: Vec::new(),
            mixed: Vec::new(),
            message: message.into(),
            old_line: None,
            new_line: None,
            anchor: None,
            words: None,
            evidence: None,
            from_text: false,
            acknowledged: None,
            change: OnceLock::new(),
        }
    }

    /// The change this finding reports, as a short digest that an
    /// acknowledgement names (`change:`) to approve this change and no other:
    /// the first 32 hex digits (128 bits) of the SHA-256 of the field and the
    /// old and new values (each as its compact JSON, `render::json`). The
    /// same on every run and machine; a different value on either side, or
    /// another field, gives another digest. 128 bits, not fewer: whoever
    /// writes both versions could otherwise search for two changes with the
    /// same digest (about 2^32 tries for 64 bits), have the harmless one
    /// acknowledged and then push the other.
    pub fn change(&self) -> &str {
        self.change.get_or_init(|| {
            let mut h = Digest(sha2::Sha256::default());
            h.part(b"agreement-diff change 1");
            h.part(self.field.as_deref().unwrap_or("").as_bytes());
            for side in [&self.old, &self.new] {
                match side {
                    Some(shown) => crate::render::json::write_compact(&mut h, shown),
                    None => h.part(b"null"),
                }
                h.part(b"");
            }
            use sha2::Digest as _;
            h.0.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
        })
    }

    /// How material the finding is.
    pub fn materiality(&self) -> Materiality {
        self.materiality
    }

    /// A materiality other than the rule's, where the finding knows better
    /// (a right of a commercial kind, a carve-out from an exclusivity).
    pub fn materiality_of(mut self, m: Materiality) -> Finding {
        self.materiality = m;
        self
    }

    /// The field the finding is about.
    pub fn field(mut self, name: impl Into<String>) -> Finding {
        self.field = Some(name.into());
        self
    }

    /// The old and new values.
    pub fn values(self, old: Option<Value>, new: Option<Value>) -> Finding {
        self.shown(old.map(Shown::Value), new.map(Shown::Value))
    }

    /// The old and new values, as shown (a value or a whole clause).
    pub fn shown(mut self, old: Option<Shown>, new: Option<Shown>) -> Finding {
        (self.old, self.new) = (old, new);
        self
    }

    /// The lines in the old and new files.
    pub fn lines(mut self, (old, new): (Option<u32>, Option<u32>)) -> Finding {
        (self.old_line, self.new_line) = (old, new);
        self
    }

    /// Whom the change favours and disfavours (party keys).
    pub fn favouring(mut self, (favours, disfavours): (Vec<String>, Vec<String>)) -> Finding {
        (self.favours, self.disfavours) = (favours, disfavours);
        self
    }

    /// The change cuts both ways for these parties: whom it favours depends
    /// on future events. Clears any favours.
    pub fn cuts_both_ways(mut self, parties: Vec<String>) -> Finding {
        (self.favours, self.disfavours, self.mixed) = (Vec::new(), Vec::new(), parties);
        self
    }

    /// "favours", "cuts-both-ways", or "none": what the finding says about
    /// who benefits.
    pub fn direction(&self) -> &'static str {
        if !self.mixed.is_empty() {
            "cuts-both-ways"
        } else if self.favours.is_empty() && self.disfavours.is_empty() {
            "none"
        } else {
            "favours"
        }
    }

    /// The word-level change of prose.
    pub fn words(mut self, words: Option<Vec<WordOp>>) -> Finding {
        self.words = words;
        self
    }

    /// What the prose stage read: the finding comes from the wording.
    pub fn evidence(mut self, evidence: Evidence) -> Finding {
        self.evidence = Some(Box::new(evidence));
        self.from_text = true;
        self
    }

    /// Where the finding was read: `"text"` (the wording) or `"field"` (a typed value).
    pub fn source(&self) -> &'static str {
        if self.from_text { "text" } else { "field" }
    }

    /// Where the finding belongs: a clause id (or none) and how to name it.
    pub fn at(mut self, clause: Option<String>, label: String) -> Finding {
        (self.clause, self.label) = (clause, label);
        self
    }
}

/// The prose a finding was read from: the old and new sentence and the
/// words that triggered it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// The sentence before, if there was one.
    pub old: Option<String>,
    /// The sentence after, if there is one.
    pub new: Option<String>,
    /// The words that made the rule fire.
    pub triggers: Vec<String>,
}

/// Where something removed stood in the new file: next to a line that is
/// still there, so that an annotation lands beside the gap and not on an
/// unrelated clause that now has the old line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// A line of the new file.
    pub line: u32,
    /// How the removed thing stood relative to that line.
    pub place: Place,
}

/// How something removed stood relative to an anchor line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// After the clause on that line (its nearest surviving predecessor).
    After,
    /// Before the clause on that line (it had no surviving predecessor).
    Before,
    /// Inside the clause on that line (a field or item of a clause that stays).
    Within,
}

impl Place {
    /// The word JSON uses.
    pub fn name(self) -> &'static str {
        match self {
            Place::After => "after",
            Place::Before => "before",
            Place::Within => "within",
        }
    }

    /// Where a removal happened, said to a reader at the anchor line.
    pub fn sentence(self) -> &'static str {
        match self {
            Place::After => "Removed after this clause",
            Place::Before => "Removed before this clause",
            Place::Within => "Removed from this clause",
        }
    }
}

/// SHA-256 fed as a writer; parts are ended by a NUL byte, which neither
/// field names nor compact JSON contain.
struct Digest(sha2::Sha256);

impl Digest {
    fn part(&mut self, bytes: &[u8]) {
        use sha2::Digest as _;
        self.0.update(bytes);
        self.0.update([0]);
    }
}

impl std::io::Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest as _;
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A value as a finding shows it: a typed value, or a whole clause.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// A typed value.
    Value(Value),
    /// A whole clause: its type and fields, in schema order.
    Clause {
        /// The clause's type.
        clause_type: &'static str,
        /// Its fields, in schema order.
        fields: Vec<(&'static str, Value)>,
    },
}

/// One piece of a word-level diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordOp {
    /// Text in both versions.
    Same(String),
    /// Text only in the old version.
    Deleted(String),
    /// Text only in the new version.
    Inserted(String),
}

/// Which file a side of the report came from.
#[derive(Clone, Debug)]
pub struct Side {
    /// The file as named on the command line.
    pub path: String,
    /// The agreement id.
    pub agreement: String,
    /// The version, if the file states one.
    pub version: Option<String>,
}

/// The result of comparing two versions.
#[derive(Clone, Debug)]
pub struct Report {
    /// The earlier version.
    pub old: Side,
    /// The later version.
    pub new: Side,
    /// In document order: agreement-level findings first, then by clause
    /// position in the new file (removed clauses where they stood).
    pub findings: Vec<Finding>,
    /// Party key → display name, from both versions (new wins).
    pub party_names: Vec<(String, String)>,
    /// The party whose gains and losses the report is organised around.
    pub perspective: Option<String>,
    /// Acknowledgements that matched no finding, or whose change differs.
    pub stale: Vec<Stale>,
    /// For clauses with findings, the key terms that did not change
    /// (clause id, sentence), so that a summary can say what still holds.
    pub unchanged: Vec<(String, String)>,
    /// Commercial clauses that did not change at all, restated (clause label,
    /// sentence): the first few, in document order.
    pub key_terms: Vec<(String, String)>,
    /// A caveat on where the versions come from (modelled from announcements).
    pub caveat: Option<String>,
    /// For clauses with findings, the theme a reader finds them under (clause
    /// id, theme): the clause's `topic`, else its document section, else its
    /// type's theme.
    pub themes: Vec<(String, String)>,
}

/// A finding reviewers accepted, from `.agreement-diff.yaml` (read by
/// [`crate::ack`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Ack {
    /// The agreement id it is about.
    pub agreement: String,
    /// The rule id it accepts.
    pub rule: String,
    /// The clause; `None` matches agreement-level findings (no clause).
    pub clause: Option<String>,
    /// The field, or any field when `None`.
    pub field: Option<String>,
    /// The change it approves: a finding's [`Finding::change`].
    pub change: String,
    /// Why the reviewers accepted it.
    pub reason: String,
    /// Where it is written.
    pub file: String,
    /// The line it starts on.
    pub line: u32,
}

/// How an acknowledgement stands to a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AckMatch {
    /// It covers the finding: same agreement, rule, clause (and field, if
    /// it names one) and change.
    Covers,
    /// Same agreement, rule, clause (and field), but another change: the
    /// change it approved is not the one reported now.
    Differs,
    /// It is about something else.
    Unrelated,
}

impl Ack {
    /// How it stands to a finding of a report whose versions have these
    /// agreement ids (the same, unless the id itself changed).
    pub fn judge(&self, agreements: (&str, &str), f: &Finding) -> AckMatch {
        let about = (self.agreement == agreements.0 || self.agreement == agreements.1)
            && f.rule.id() == self.rule
            && f.clause == self.clause
            && self.field.as_ref().is_none_or(|field| f.field.as_deref() == Some(field));
        match (about, about && f.change() == self.change) {
            (true, true) => AckMatch::Covers,
            (true, false) => AckMatch::Differs,
            _ => AckMatch::Unrelated,
        }
    }
}

/// An acknowledgement that covered no finding: it matches none, or the
/// findings it matches report another change than the one it approved.
#[derive(Clone, Debug, PartialEq)]
pub struct Stale {
    /// The acknowledgement.
    pub ack: Ack,
    /// The changes now reported where it points (same agreement, rule,
    /// clause and field); empty when it matches no finding at all.
    pub now: Vec<String>,
}

/// An agreement present on one side only, in directory mode.
#[derive(Clone, Debug)]
pub struct Lone {
    /// The file.
    pub path: String,
    /// Its agreement id.
    pub agreement: String,
}

/// Directory mode: agreements paired by id and compared pair by pair.
#[derive(Clone, Debug, Default)]
pub struct DirReport {
    /// Agreements only in the new directory.
    pub added: Vec<Lone>,
    /// Agreements only in the old directory.
    pub removed: Vec<Lone>,
    /// One report per pair.
    pub reports: Vec<Report>,
    /// Acknowledgements that covered no finding in any pair.
    pub stale: Vec<Stale>,
}

impl DirReport {
    /// Agreements on one side only, with what happened to them.
    pub fn lone(&self) -> impl Iterator<Item = (&Lone, &'static str)> {
        self.added.iter().map(|l| (l, "added")).chain(self.removed.iter().map(|l| (l, "removed")))
    }
}

/// How a finding affects the party of `--perspective`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// The change goes against the party.
    Loss,
    /// The change goes for the party.
    Gain,
    /// The change helps or hurts the party depending on future events.
    Mixed,
    /// The change neither favours nor disfavours the party.
    Neutral,
}

impl Impact {
    /// The word used in every format: against, for, neutral.
    pub fn name(self) -> &'static str {
        match self {
            Impact::Loss => "against",
            Impact::Gain => "for",
            Impact::Mixed => "cuts both ways",
            Impact::Neutral => "neutral",
        }
    }
}

impl Report {
    /// Counts per materiality, most material first.
    pub fn summary(&self) -> Vec<(Materiality, usize)> {
        Materiality::ALL.iter().map(|m| (*m, self.findings.iter().filter(|f| f.materiality() == *m).count())).collect()
    }

    /// A party's display name, or its key when unknown.
    pub fn party_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.party_names.iter().find(|(k, _)| k == key).map(|(_, n)| n.as_str()).unwrap_or(key)
    }

    /// The highest materiality among the findings that are not acknowledged.
    pub fn max_materiality(&self) -> Option<Materiality> {
        self.findings.iter().filter(|f| f.acknowledged.is_none()).map(|f| f.materiality()).max()
    }

    /// Organise the report around a party (`--perspective`); an error names
    /// the parties when `party` is not one of them.
    pub fn set_perspective(&mut self, party: &str) -> Result<(), String> {
        if !self.party_names.iter().any(|(k, _)| k == party) {
            let keys: Vec<&str> = self.party_names.iter().map(|(k, _)| k.as_str()).collect();
            return Err(format!(
                "--perspective `{}` is not a party of either version; parties are: {}",
                crate::safe::line(party),
                keys.join(", ")
            ));
        }
        self.perspective = Some(party.to_string());
        Ok(())
    }

    /// How a finding affects the perspective party, if one is set.
    pub fn impact(&self, f: &Finding) -> Option<Impact> {
        let p = self.perspective.as_deref()?;
        Some(if f.disfavours.iter().any(|x| x == p) {
            Impact::Loss
        } else if f.favours.iter().any(|x| x == p) {
            Impact::Gain
        } else if f.mixed.iter().any(|x| x == p) {
            Impact::Mixed
        } else {
            Impact::Neutral
        })
    }

    /// (gains, losses, cuts both ways) for the perspective party.
    pub fn gains_and_losses(&self) -> Option<(usize, usize, usize)> {
        self.perspective.as_ref()?;
        let count = |i| self.findings.iter().filter(|f| self.impact(f) == Some(i)).count();
        Some((count(Impact::Gain), count(Impact::Loss), count(Impact::Mixed)))
    }

    /// The sentence on unchanged terms of a clause, if any.
    pub fn unchanged_of(&self, clause: &str) -> Option<&str> {
        self.unchanged.iter().find(|(c, _)| c == clause).map(|(_, s)| s.as_str())
    }

    /// The theme of a clause with findings, if known.
    pub fn theme_of(&self, clause: &str) -> Option<&str> {
        self.themes.iter().find(|(c, _)| c == clause).map(|(_, t)| t.as_str())
    }

    /// Findings not acknowledged, in document order.
    pub fn open_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.acknowledged.is_none())
    }

    /// A one-line verdict: counts per materiality.
    pub fn verdict(&self) -> String {
        if self.findings.is_empty() {
            return "no changes".to_string();
        }
        let counts: Vec<String> =
            self.summary().iter().filter(|(_, n)| *n > 0).map(|(m, n)| format!("{n} {m}")).collect();
        let total = self.findings.len();
        format!("{total} change{}: {}", if total == 1 { "" } else { "s" }, counts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decimal::Decimal;

    fn rate(field: &str, old: &str, new: &str) -> Finding {
        let percent = |s: &str| Value::Percent(Decimal::parse(s).unwrap());
        Finding::new(Rule::RateIncreased, "m").field(field).values(Some(percent(old)), Some(percent(new)))
    }

    #[test]
    fn a_change_has_a_stable_digest_of_its_field_and_values() {
        let f = rate("rate", "5", "6");
        // Pinned: the digest must not change between runs, machines or releases
        // (acknowledgements in repositories name it). Worked out apart from this
        // code, as docs/ci.md describes it:
        // sha256(b"agreement-diff change 1\0rate\0" + old JSON + b"\0" + new JSON + b"\0")[:32 hex]
        // with {"type":"percentage","value":"5"} and {"type":"percentage","value":"6"}.
        assert_eq!(f.change(), "9c44ddf449b7278648dd34bc6b324922");
        assert_eq!(f.clone().change(), f.change());
        // Same field and values, another message or rule: the same change.
        let mut g = rate("rate", "5", "6");
        g.message = "another sentence".into();
        assert_eq!(g.change(), f.change());
        // Another value on either side, another field, a side missing: another change.
        let others = [
            rate("rate", "5", "7").change().to_string(),
            rate("rate", "4", "6").change().to_string(),
            rate("share", "5", "6").change().to_string(),
            Finding::new(Rule::RateIncreased, "m").field("rate").change().to_string(),
        ];
        for o in &others {
            assert_ne!(o, f.change());
            assert!(o.len() == 32 && o.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
    }
}
