//! The rule catalogue: every kind of finding the tool can report, as data.
//!
//! A rule has a stable kebab-case id, a materiality, a one-line title, and an
//! explanation for `agreement-diff explain RULE`. Adding a rule means adding
//! an entry here, the code that emits it in `classify`, and a fixture pair
//! under `tests/rules/<id>/` (a test fails if the fixture is missing).

use std::fmt;

/// How much a change matters, from most to least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Materiality {
    Administrative,
    Clarification,
    Substantive,
    Commercial,
}

impl Materiality {
    pub const ALL: [Materiality; 4] =
        [Materiality::Commercial, Materiality::Substantive, Materiality::Clarification, Materiality::Administrative];

    pub fn name(self) -> &'static str {
        match self {
            Materiality::Commercial => "commercial",
            Materiality::Substantive => "substantive",
            Materiality::Clarification => "clarification",
            Materiality::Administrative => "administrative",
        }
    }

    pub fn parse(s: &str) -> Option<Materiality> {
        Materiality::ALL.into_iter().find(|m| m.name() == s)
    }
}

impl fmt::Display for Materiality {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub materiality: Materiality,
    pub title: &'static str,
    /// Who the finding favours, in words.
    pub favours: &'static str,
    pub explanation: &'static str,
}

use Materiality::*;

const fn rule(
    id: &'static str,
    materiality: Materiality,
    title: &'static str,
    favours: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule { id, materiality, title, favours, explanation }
}

pub static RULES: &[Rule] = &[
    // Whole clauses.
    rule(
        "clause-added",
        Substantive,
        "A clause was added",
        "nobody in particular",
        "A clause id appears in the new version that matches no clause of the old version, by id or by content. Clause types with their own rule (payment, licence, exclusivity, right, obligation, commitment, liability cap, termination) report that rule instead.",
    ),
    rule(
        "clause-removed",
        Substantive,
        "A clause was removed",
        "nobody in particular",
        "A clause of the old version matches no clause of the new version, by id or by content. Clause types with their own rule report that rule instead.",
    ),
    rule(
        "clause-renamed",
        Administrative,
        "A clause id changed, content kept",
        "nobody",
        "A clause's id changed but its content is the same or nearly the same, so it is one clause under a new id rather than a removal and an addition. Any change to its content is reported as well, under the new id.",
    ),
    rule(
        "clause-moved",
        Administrative,
        "A clause moved",
        "nobody",
        "A clause changed position relative to the others. Only clauses outside the longest run kept in order are reported, so one moved clause is one finding. Moving a clause does not change its meaning.",
    ),
    rule(
        "clause-renumbered",
        Administrative,
        "A clause's number changed",
        "nobody",
        "A clause's display number (`number:`) changed. Numbers are for reading; renumbering does not change meaning.",
    ),
    rule(
        "clause-type-changed",
        Substantive,
        "A clause changed type",
        "nobody in particular",
        "A clause kept its id but changed `type:`, so its fields now mean something else. Its fields are compared by name as well.",
    ),
    rule(
        "title-changed",
        Administrative,
        "A clause's title changed",
        "nobody",
        "A clause's heading changed. Titles are for reading and do not change the terms.",
    ),
    rule(
        "notes-changed",
        Administrative,
        "Drafting notes changed",
        "nobody",
        "A clause's `notes:` changed. Notes record drafting context and are not terms of the agreement.",
    ),
    rule(
        "metadata-changed",
        Administrative,
        "The agreement's metadata changed",
        "nobody",
        "A top-level field other than parties, definitions and clauses changed: version, title, effective date, previous version, sources or notes.",
    ),
    // Exclusivity.
    rule(
        "exclusivity-dropped",
        Commercial,
        "Exclusivity dropped or reduced",
        "the bound party or licensor",
        "An exclusivity clause was removed, or an exclusivity level went down (exclusive > sole > co-exclusive > non-exclusive). The restricted party, or the licensor, may now deal with others.",
    ),
    rule(
        "exclusivity-added",
        Commercial,
        "Exclusivity added or increased",
        "the beneficiary or licensee",
        "An exclusivity clause was added, or an exclusivity level went up (non-exclusive < co-exclusive < sole < exclusive).",
    ),
    // Licences.
    rule(
        "license-granted",
        Commercial,
        "A licence was granted",
        "the licensee",
        "A licence clause appears in the new version.",
    ),
    rule(
        "license-revoked",
        Commercial,
        "A licence was removed",
        "the licensor",
        "A licence clause of the old version is gone.",
    ),
    // Payments.
    rule(
        "payment-added",
        Commercial,
        "A payment was added",
        "the payee",
        "A payment clause appears: one party now pays another.",
    ),
    rule(
        "payment-removed",
        Commercial,
        "A payment was removed",
        "the payer",
        "A payment clause is gone: its payer no longer pays.",
    ),
    rule(
        "payment-direction-reversed",
        Commercial,
        "Payer and payee swapped",
        "the new payee",
        "The payer and payee of a payment clause swapped: money now flows the other way.",
    ),
    rule(
        "party-substituted",
        Commercial,
        "A different party fills a role",
        "the party brought in",
        "A role (payer, licensee, holder, obligor...) now names a different party.",
    ),
    rule(
        "rate-increased",
        Commercial,
        "A rate went up",
        "the payee",
        "A percentage rate of a payment went up. Compared exactly as decimals.",
    ),
    rule(
        "rate-decreased",
        Commercial,
        "A rate went down",
        "the payer",
        "A percentage rate of a payment went down. Compared exactly as decimals.",
    ),
    rule(
        "amount-increased",
        Commercial,
        "An amount went up",
        "the receiving side",
        "A sum of money (a payment amount or minimum, a commitment, a stated value) went up. Compared exactly, in the same currency.",
    ),
    rule(
        "amount-decreased",
        Commercial,
        "An amount went down",
        "the paying side",
        "A sum of money went down. Compared exactly, in the same currency.",
    ),
    rule(
        "currency-changed",
        Commercial,
        "A currency changed",
        "nobody in particular",
        "A sum of money is now stated in a different currency, so the amounts cannot be compared.",
    ),
    rule(
        "cap-added",
        Commercial,
        "A cap was added",
        "the payer, or the liable party",
        "A cap now limits what a payer pays (or what a liable party owes). A cap whose amount is undisclosed is still a cap.",
    ),
    rule(
        "cap-removed",
        Commercial,
        "A cap was removed",
        "the payee, or the claimant",
        "A cap that limited a payment or a liability is gone.",
    ),
    rule(
        "cap-raised",
        Commercial,
        "A cap went up",
        "the payee, or the claimant",
        "A cap's amount went up: more can be paid or claimed before it bites.",
    ),
    rule("cap-lowered", Commercial, "A cap went down", "the payer, or the liable party", "A cap's amount went down."),
    rule("tiers-changed", Commercial, "Rate tiers changed", "nobody in particular", "The tiers of a payment changed."),
    rule(
        "basis-changed",
        Commercial,
        "The basis of a payment changed",
        "nobody in particular",
        "What a payment is (revenue share, royalty, fee...) changed.",
    ),
    rule(
        "disclosure-changed",
        Substantive,
        "A value became disclosed or undisclosed",
        "nobody",
        "A value changed to or from `undisclosed`. An undisclosed value is opaque: the change is one of disclosure, never an increase or a decrease.",
    ),
    // Term.
    rule(
        "term-extended",
        Commercial,
        "Something now lasts longer",
        "the grantee (licensee, payee, beneficiary, holder)",
        "A clause's end date moved later, or a commitment's period got longer (which favours the committer).",
    ),
    rule(
        "term-shortened",
        Commercial,
        "Something now ends sooner",
        "the grantor (licensor, payer, bound party)",
        "A clause's end date moved earlier, or a commitment's period got shorter.",
    ),
    rule(
        "term-condition-changed",
        Commercial,
        "What ends a clause changed",
        "nobody in particular",
        "A clause's end changed in kind: an event replaced by a date, an event changed, an end added or removed, or the earlier-of list changed. Also the start or renewal of a `term` clause.",
    ),
    // Scope.
    rule(
        "scope-widened",
        Commercial,
        "Scope widened",
        "the grantee",
        "An item was added to a scope or territory, a licence became sublicensable, transferable or irrevocable, or a termination right gained a ground.",
    ),
    rule(
        "scope-narrowed",
        Commercial,
        "Scope narrowed",
        "the grantor",
        "An item was removed from a scope or territory, or a licence lost sublicensability, transferability or irrevocability.",
    ),
    rule(
        "subject-changed",
        Substantive,
        "What a clause is about changed",
        "nobody in particular",
        "The subject of a licence, exclusivity, right or commitment, or the duty of an obligation, was reworded. The word-level change is shown.",
    ),
    rule(
        "exception-added",
        Substantive,
        "An exception was added",
        "the party the exception relieves",
        "An item was added to exceptions, exclusions or `unless`. A carve-out from a licence, exclusivity or right favours the grantor; a carve-out from a liability cap favours the claimant.",
    ),
    rule(
        "exception-removed",
        Substantive,
        "An exception was removed",
        "the party the exception burdened",
        "An item was removed from exceptions, exclusions or `unless`.",
    ),
    // Rights and obligations.
    rule(
        "right-granted",
        Substantive,
        "A right was granted",
        "the holder",
        "A right (or a termination right) appears in the new version.",
    ),
    rule(
        "right-revoked",
        Substantive,
        "A right was removed",
        "the grantor",
        "A right (or a termination right) of the old version is gone.",
    ),
    rule(
        "right-changed",
        Substantive,
        "The kind of a right changed",
        "nobody in particular",
        "The `right:` of a right clause changed, for example from first-refusal to first-negotiation.",
    ),
    rule(
        "obligation-added",
        Substantive,
        "An obligation was added",
        "the obligee",
        "An obligation clause appears: a party now owes a duty.",
    ),
    rule(
        "obligation-removed",
        Substantive,
        "An obligation was removed",
        "the obligor",
        "An obligation clause is gone: its obligor is released.",
    ),
    rule(
        "modality-strengthened",
        Substantive,
        "\"may\" became \"shall\"",
        "the obligee",
        "An obligation's modality got stronger (may < shall, may < shall-not): what was permitted is now required or forbidden.",
    ),
    rule(
        "modality-weakened",
        Substantive,
        "\"shall\" became \"may\"",
        "the obligor",
        "An obligation's modality got weaker: what was required or forbidden is now merely permitted.",
    ),
    rule(
        "modality-reversed",
        Substantive,
        "\"shall\" became \"shall not\", or back",
        "nobody in particular",
        "An obligation flipped between shall and shall-not: the duty is now the opposite.",
    ),
    rule(
        "condition-added",
        Substantive,
        "A condition was added",
        "the obligor",
        "An obligation now depends on a further condition.",
    ),
    rule(
        "condition-removed",
        Substantive,
        "A condition was removed",
        "the obligee",
        "A condition an obligation depended on is gone.",
    ),
    rule(
        "deadline-extended",
        Substantive,
        "A deadline moved later",
        "the obligor",
        "An obligation's deadline moved later or got longer.",
    ),
    rule(
        "deadline-shortened",
        Substantive,
        "A deadline moved earlier",
        "the obligee",
        "An obligation's deadline moved earlier or got shorter.",
    ),
    rule(
        "notice-lengthened",
        Substantive,
        "A notice period got longer",
        "the party receiving notice",
        "A termination notice period got longer.",
    ),
    rule(
        "notice-shortened",
        Substantive,
        "A notice period got shorter",
        "the party giving notice",
        "A termination notice period got shorter.",
    ),
    rule(
        "commitment-added",
        Commercial,
        "A commitment was added",
        "the counterparty",
        "A commitment clause appears: a party commits to spend or purchase.",
    ),
    rule("commitment-removed", Commercial, "A commitment was removed", "the committer", "A commitment clause is gone."),
    rule(
        "stake-increased",
        Commercial,
        "An equity stake went up",
        "the holder",
        "An equity stake stated as a percentage went up.",
    ),
    rule(
        "stake-decreased",
        Commercial,
        "An equity stake went down",
        "the issuer",
        "An equity stake stated as a percentage went down.",
    ),
    rule(
        "governing-law-changed",
        Substantive,
        "Governing law or forum changed",
        "nobody in particular",
        "The governing law or the courts for disputes changed.",
    ),
    // Parties and definitions.
    rule(
        "party-renamed",
        Substantive,
        "A party's name changed",
        "nobody in particular",
        "A party kept its key but its name (or short name) changed. This may be a rename or a different legal entity: check which.",
    ),
    rule("party-added", Substantive, "A party was added", "nobody in particular", "A new party appears in `parties`."),
    rule(
        "party-removed",
        Substantive,
        "A party was removed",
        "nobody in particular",
        "A party of the old version is gone from `parties`.",
    ),
    rule("definition-added", Substantive, "A definition was added", "nobody in particular", "A new term is defined."),
    rule(
        "definition-removed",
        Substantive,
        "A definition was removed",
        "nobody in particular",
        "A defined term is no longer defined.",
    ),
    rule(
        "definition-changed",
        Substantive,
        "A definition changed",
        "nobody in particular",
        "The text of a definition changed. Every clause that uses the term changes with it. The word-level change is shown.",
    ),
    // Prose.
    rule(
        "text-changed",
        Clarification,
        "Wording changed",
        "nobody in particular",
        "A clause's prose changed without a change to any typed value. The word-level change is shown. Read it: a typed field is what the tool can reason about; prose is what a court reads.",
    ),
    rule(
        "text-reformatted",
        Administrative,
        "Only layout changed",
        "nobody",
        "A text changed only in line breaks, spacing or the style of quotation marks. The words are the same.",
    ),
    rule(
        "number-changed-in-text",
        Substantive,
        "A number changed inside prose",
        "nobody in particular",
        "A number, percentage, amount or duration written in prose changed. Numbers in prose are easy to miss in a wording change and often carry commercial weight.",
    ),
    rule(
        "hidden-characters",
        Commercial,
        "Invisible or look-alike characters",
        "nobody in particular",
        "A changed value contains invisible characters (zero-width, byte-order mark, soft hyphen, bidirectional controls as in the Trojan Source attack, CVE-2021-42574) or mixes scripts within a word (a Cyrillic \"а\" in \"Microsoft\"). Such text reads the same as what it replaces while meaning, matching or sorting differently.",
    ),
    rule(
        "unclassified-change",
        Substantive,
        "A change no rule classifies",
        "nobody in particular",
        "Two values differ and no other rule understands the change. It is reported so that silence never looks like safety: read it yourself.",
    ),
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The rule with this id; the id must be in the catalogue.
pub fn get(id: &str) -> &'static Rule {
    find(id).unwrap_or_else(|| panic!("rule `{id}` is not in the catalogue"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{CLAUSE_TYPES, COMMON_FIELDS, Effect};

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", r.id);
            assert!(!r.explanation.is_empty());
        }
    }

    #[test]
    fn every_rule_named_by_the_schema_exists() {
        for t in CLAUSE_TYPES {
            assert!(find(t.added_rule).is_some(), "{}", t.added_rule);
            assert!(find(t.removed_rule).is_some(), "{}", t.removed_rule);
            for f in t.fields.iter().chain(COMMON_FIELDS) {
                match f.effect {
                    Effect::Changed(r) => assert!(find(r).is_some(), "{r}"),
                    Effect::Ordered { up, down, .. } => {
                        assert!(find(up).is_some(), "{up}");
                        assert!(find(down).is_some(), "{down}");
                    }
                    _ => {}
                }
            }
        }
    }
}
