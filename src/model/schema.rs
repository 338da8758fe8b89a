//! The agreement vocabulary as data: clause types, their fields, the kind of
//! value each field holds, and what a change to it means.
//!
//! Adding a field or a clause type touches this table only; the loader,
//! comparer, classifier and JSON Schema read it. Each clause type carries the
//! sentences that describe a clause of that type appearing or disappearing,
//! as templates (see [`ClauseType::added`]).

use crate::rules::Rule;

/// The kind of value a field holds, which decides how it is parsed and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A key of `parties`, a list of keys (`[acme, beta]`), or `mutual`
    /// (every party).
    Party,
    /// `20%`.
    Percent,
    /// `USD 38,000,000,000` or `USD 1.5 billion`.
    Money,
    /// A cap: money, or a multiple of a base over a look-back period
    /// (`{multiple: 1, of: fees paid, period: 12 months}`).
    Cap,
    /// `2030-12-31`.
    Date,
    /// `until:` a date, `{event: ...}`, or `{earliest: [...]}`.
    End,
    /// `30 days`.
    Duration,
    /// A date or a duration (deadlines).
    DateOrDuration,
    /// A list of items compared as a set.
    List,
    /// `true` / `false`.
    Flag,
    /// `true`, `false`, or a level: exclusive, sole, co-exclusive, non-exclusive.
    Exclusive,
    /// shall, may, shall-not.
    Modality,
    /// A percentage or words ("major shareholder").
    Stake,
    /// Free text, compared word by word.
    Text,
}

/// One side of a clause's two roles. `Grantee` is the side that receives
/// (licensee, payee, beneficiary, holder, obligee); `Grantor` gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The side that receives: licensee, payee, beneficiary, holder, obligee.
    Grantee,
    /// The side that gives: licensor, payer, bound party, grantor, obligor.
    Grantor,
}

impl Side {
    /// The opposite side.
    pub fn other(self) -> Side {
        match self {
            Side::Grantee => Side::Grantor,
            Side::Grantor => Side::Grantee,
        }
    }
}

/// What a change to a field means, and so which rules can claim it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A party role; a changed party is a substitution.
    Role(Side),
    /// An ordered quantity: `up` when it grows, `down` when it shrinks; growth favours `more`.
    Ordered {
        /// The side growth favours.
        more: Side,
        /// The rule for growth.
        up: Rule,
        /// The rule for shrinkage.
        down: Rule,
    },
    /// A cap on what `protects` owes: adding or lowering it favours that side.
    Cap {
        /// The side the cap protects.
        protects: Side,
    },
    /// When the clause ends: later favours the grantee.
    End,
    /// Exclusivity: more favours the grantee.
    Exclusive,
    /// A set or flag that widens the grant when it grows; growth favours `more`.
    Widen {
        /// The side growth favours.
        more: Side,
    },
    /// Carve-outs: an added item favours `added`.
    Exception {
        /// The side an added item favours.
        added: Side,
    },
    /// Conditions on an obligation: an added condition favours `added`.
    Condition {
        /// The side an added condition favours.
        added: Side,
    },
    /// The strength of an obligation (may < shall).
    Modality,
    /// Any change is claimed by this rule, favouring nobody in particular.
    Changed(Rule),
}

/// A field of a clause type.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// The key written in a clause.
    pub name: &'static str,
    /// The kind of value it holds.
    pub kind: Kind,
    /// What a change to it means.
    pub effect: Effect,
    /// Whether every clause of the type must have it.
    pub required: bool,
    /// A short description (for the JSON Schema).
    pub doc: &'static str,
}

/// The clause types, by a compiler-checked name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClauseKind {
    /// A licence.
    License,
    /// One direction of money.
    Payment,
    /// A restriction for another's benefit.
    Exclusivity,
    /// A right held against another party.
    Right,
    /// A duty.
    Obligation,
    /// A commitment to spend or purchase.
    Commitment,
    /// A holding in a party.
    Equity,
    /// The term of the agreement.
    Term,
    /// A right to terminate.
    Termination,
    /// A limit on liability.
    LiabilityCap,
    /// Governing law and forum.
    GoverningLaw,
    /// Prose only.
    Text,
}

/// A clause type.
#[derive(Debug)]
pub struct ClauseType {
    /// The type's compiler-checked name.
    pub kind: ClauseKind,
    /// The name written in `type:`.
    pub name: &'static str,
    /// A short description.
    pub doc: &'static str,
    /// The field naming the grantee and grantor parties, if the type has roles.
    pub grantee: Option<&'static str>,
    /// The field naming the grantor party, if the type has roles.
    pub grantor: Option<&'static str>,
    /// The typed fields, in reading order.
    pub fields: &'static [FieldSpec],
    /// The rule for a whole clause of this type appearing.
    pub added_rule: Rule,
    /// The rule for a whole clause of this type disappearing.
    pub removed_rule: Rule,
    /// The sentence for a clause of this type that appears. `{field}` is the
    /// field's value in plain English (a role names its party), `{a field}`
    /// adds an indefinite article, `{or field}` joins a list with "or",
    /// `{field|words}` falls back to `words` when the field is absent,
    /// `{label}` is the clause's title or id and `{type}` its type; a `[...]`
    /// group is left out when a field inside it is absent.
    pub added: &'static str,
    /// The sentence for a clause of this type that disappears (same template
    /// language as [`ClauseType::added`]).
    pub removed: &'static str,
    /// For a commercial clause type, the sentence that restates its key terms
    /// when they did not change ("unchanged key terms"); empty for the others.
    pub still: &'static str,
    /// The theme a report groups a clause of this type under when it has no
    /// `topic` and sits under no section heading ("Money", "Licences"...).
    pub theme: &'static str,
}

impl ClauseType {
    /// The field spec for `name`, among this type's fields and the common ones.
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().chain(COMMON_FIELDS.iter()).find(|f| f.name == name)
    }

    /// Every field allowed in a clause of this type, in reading order:
    /// number and title, the typed fields, then until, text and notes.
    pub fn all_fields(&self) -> impl Iterator<Item = &'static FieldSpec> {
        COMMON_FIELDS[..2].iter().chain(self.fields.iter()).chain(COMMON_FIELDS[2..].iter())
    }

    /// The two role fields, when the type has both and one party in both
    /// makes no sense (paying oneself, licensing to oneself...). Equity is
    /// the exception: a company may hold its own shares.
    pub fn distinct_roles(&self) -> Option<(&'static str, &'static str)> {
        match (self.grantor, self.grantee) {
            (Some(a), Some(b)) if self.kind != ClauseKind::Equity => Some((a, b)),
            _ => None,
        }
    }

    /// The side a clause of this type benefits: the grantee, except for a
    /// liability cap, which protects the liable party (its grantor) against
    /// the claimant. A party added to this side gains; one added to the
    /// other side bears the clause.
    pub fn benefits(&self) -> Side {
        if self.kind == ClauseKind::LiabilityCap { Side::Grantor } else { Side::Grantee }
    }

    /// The field naming the party on `side`, if the type has roles.
    pub fn role_field(&self, side: Side) -> Option<&'static str> {
        match side {
            Side::Grantee => self.grantee,
            Side::Grantor => self.grantor,
        }
    }
}

const fn f(name: &'static str, kind: Kind, effect: Effect, doc: &'static str) -> FieldSpec {
    FieldSpec { name, kind, effect, required: false, doc }
}

const fn req(name: &'static str, kind: Kind, effect: Effect, doc: &'static str) -> FieldSpec {
    FieldSpec { name, kind, effect, required: true, doc }
}

use Effect::{Cap, Changed, Condition, Exception, Ordered, Role, Widen};
use Kind::*;
use Side::*;

/// Keys every clause has besides its typed fields: `id` and `type` are
/// structural; these are compared like fields.
pub const COMMON_FIELDS: &[FieldSpec] = &[
    f("number", Text, Changed(Rule::ClauseRenumbered), "display numbering such as \"2.1\""),
    f("title", Text, Changed(Rule::TitleChanged), "a heading"),
    f("until", End, Effect::End, "when the clause ends: a date, {event: ...} or {earliest: [...]}"),
    f("text", Text, Changed(Rule::TextChanged), "the clause's prose"),
    f("notes", Text, Changed(Rule::NotesChanged), "drafting notes that are not terms"),
    f(
        "disclosed",
        Date,
        Changed(Rule::DisclosureChanged),
        "when the term was first made public, if it existed before (a clause first appearing with it is first-disclosed, not added)",
    ),
    f("links", List, Changed(Rule::LinkChanged), "links in the prose, as `text <url>` (read from Markdown)"),
    f(
        "topic",
        Text,
        Changed(Rule::TopicChanged),
        "the theme a report groups the clause under, such as cloud, IP or money (default: its section or type)",
    ),
];

/// Every clause type.
pub const CLAUSE_TYPES: &[ClauseType] = &[
    ClauseType {
        kind: ClauseKind::License,
        theme: "Licences",
        name: "license",
        doc: "a licence of rights from a licensor to a licensee",
        grantee: Some("licensee"),
        grantor: Some("licensor"),
        added_rule: Rule::LicenseGranted,
        removed_rule: Rule::LicenseRevoked,
        added: "New licence: {licensor} licenses {subject|rights} to {licensee}.",
        removed: "{licensee} no longer holds the licence from {licensor} (\"{label}\").",
        still: "{licensee} holds {a exclusive|non-exclusive} licence from {licensor}[ to {subject}][ until {until}].",
        fields: &[
            req("licensor", Party, Role(Grantor), "the party granting the licence"),
            req("licensee", Party, Role(Grantee), "the party receiving it"),
            f("subject", Text, Changed(Rule::SubjectChanged), "what is licensed"),
            f("scope", List, Widen { more: Grantee }, "uses or fields the licence covers"),
            f("exclusions", List, Exception { added: Grantor }, "what is carved out of the licence"),
            f(
                "exclusive",
                Exclusive,
                Effect::Exclusive,
                "true, false, or exclusive / sole / co-exclusive / non-exclusive",
            ),
            f("territory", List, Widen { more: Grantee }, "where the licence applies"),
            f(
                "exclusive-until",
                End,
                Effect::End,
                "when the exclusivity ends, if before the licence itself (`until`): a date, {event: ...} or {earliest: [...]}",
            ),
            f("sublicensable", Flag, Widen { more: Grantee }, "whether the licensee may sublicense"),
            f("transferable", Flag, Widen { more: Grantee }, "whether the licensee may transfer it"),
            f("irrevocable", Flag, Widen { more: Grantee }, "whether the licensor may revoke it"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Payment,
        theme: "Money",
        name: "payment",
        doc: "one direction of money from a payer to a payee",
        grantee: Some("payee"),
        grantor: Some("payer"),
        added_rule: Rule::PaymentAdded,
        removed_rule: Rule::PaymentRemoved,
        added: "New payment: {payer} now pays {payee}[ {a basis}].",
        removed: "{payer} no longer pays {payee}[ {a basis}].",
        still: "{payer} pays {payee}[ {a basis}][ at {rate}][ of {amount}][, at least {minimum}][, capped at {cap}][ until {until}].",
        fields: &[
            req("payer", Party, Role(Grantor), "who pays"),
            req("payee", Party, Role(Grantee), "who is paid"),
            f("basis", Text, Changed(Rule::BasisChanged), "revenue share, royalty, fee, commission..."),
            f(
                "rate",
                Percent,
                Ordered { more: Grantee, up: Rule::RateIncreased, down: Rule::RateDecreased },
                "a percentage",
            ),
            f(
                "amount",
                Money,
                Ordered { more: Grantee, up: Rule::AmountIncreased, down: Rule::AmountDecreased },
                "a fixed sum",
            ),
            f(
                "minimum",
                Money,
                Ordered { more: Grantee, up: Rule::AmountIncreased, down: Rule::AmountDecreased },
                "a floor on what is paid",
            ),
            f(
                "cap",
                Kind::Cap,
                Cap { protects: Grantor },
                "a ceiling on what is paid: money, or {multiple: ..., of: ..., period: ...}",
            ),
            f("tiers", List, Changed(Rule::TiersChanged), "rate tiers, one item each"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Exclusivity,
        theme: "Exclusivity",
        name: "exclusivity",
        doc: "a restriction on one party (bound) for another's benefit",
        grantee: Some("beneficiary"),
        grantor: Some("bound"),
        added_rule: Rule::ExclusivityAdded,
        removed_rule: Rule::ExclusivityDropped,
        added: "New exclusivity: {bound} is restricted in favour of {beneficiary}[ ({subject})].",
        removed: "Exclusivity removed: {bound} is no longer restricted in favour of {beneficiary}[ ({subject})].",
        still: "{bound} is bound by {a exclusive|non-exclusive} exclusivity for {beneficiary}[ ({subject})][ until {until}].",
        fields: &[
            req("bound", Party, Role(Grantor), "the party restricted"),
            req("beneficiary", Party, Role(Grantee), "the party it protects"),
            f("subject", Text, Changed(Rule::SubjectChanged), "what is exclusive"),
            req("exclusive", Exclusive, Effect::Exclusive, "true, false, or a level"),
            f("scope", List, Widen { more: Grantee }, "what the restriction covers"),
            f("exceptions", List, Exception { added: Grantor }, "what it does not cover"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Right,
        theme: "Rights",
        name: "right",
        doc: "a right held by one party against another",
        grantee: Some("holder"),
        grantor: Some("grantor"),
        added_rule: Rule::RightGranted,
        removed_rule: Rule::RightRevoked,
        added: "New right for {holder}: {right}[ ({subject})][, unless {or unless}].",
        removed: "{holder} no longer has the right \"{right}\"[ ({subject})].",
        still: "",
        fields: &[
            req("holder", Party, Role(Grantee), "who holds the right"),
            f("grantor", Party, Role(Grantor), "who grants it"),
            req(
                "right",
                Text,
                Changed(Rule::RightChanged),
                "first-refusal, first-negotiation, first-ship, primary-provider, approval, audit...",
            ),
            f("subject", Text, Changed(Rule::SubjectChanged), "what the right is over"),
            f("unless", List, Exception { added: Grantor }, "exceptions to the right"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Obligation,
        theme: "Obligations",
        name: "obligation",
        doc: "a duty owed by an obligor to an obligee",
        grantee: Some("obligee"),
        grantor: Some("obligor"),
        added_rule: Rule::ObligationAdded,
        removed_rule: Rule::ObligationRemoved,
        added: "New obligation: {obligor} {modality|shall} {duty}.",
        removed: "{obligor} is released from the obligation \"{label}\".",
        still: "",
        fields: &[
            req("obligor", Party, Role(Grantor), "who owes the duty"),
            f("obligee", Party, Role(Grantee), "to whom"),
            req("duty", Text, Changed(Rule::SubjectChanged), "what must (or may) be done"),
            f("modality", Modality, Effect::Modality, "shall, may or shall-not"),
            f(
                "deadline",
                DateOrDuration,
                Ordered { more: Grantor, up: Rule::DeadlineExtended, down: Rule::DeadlineShortened },
                "a date or a duration",
            ),
            f("conditions", List, Condition { added: Grantor }, "conditions the duty depends on"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Commitment,
        theme: "Money",
        name: "commitment",
        doc: "a commitment to spend or purchase",
        grantee: Some("counterparty"),
        grantor: Some("committer"),
        added_rule: Rule::CommitmentAdded,
        removed_rule: Rule::CommitmentRemoved,
        added: "New commitment: {committer} commits[ {amount}][ ({subject})].",
        removed: "{committer} no longer has the commitment \"{label}\".",
        still: "{committer} commits[ {amount}][ ({subject})][ over {period}].",
        fields: &[
            req("committer", Party, Role(Grantor), "who commits"),
            f("counterparty", Party, Role(Grantee), "who benefits"),
            f(
                "amount",
                Money,
                Ordered { more: Grantee, up: Rule::AmountIncreased, down: Rule::AmountDecreased },
                "the committed sum",
            ),
            f(
                "period",
                Duration,
                Ordered { more: Grantor, up: Rule::TermExtended, down: Rule::TermShortened },
                "over how long",
            ),
            f("subject", Text, Changed(Rule::SubjectChanged), "what is purchased"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Equity,
        theme: "Equity",
        name: "equity",
        doc: "a holding in one party by another",
        grantee: Some("holder"),
        grantor: Some("issuer"),
        added_rule: Rule::ClauseAdded,
        removed_rule: Rule::ClauseRemoved,
        added: "New clause \"{label}\" ({type}).",
        removed: "Clause \"{label}\" ({type}) was removed.",
        still: "{holder} holds[ a stake of {stake}][ valued at {value}] in {issuer}.",
        fields: &[
            req("holder", Party, Role(Grantee), "the shareholder"),
            req("issuer", Party, Role(Grantor), "the company"),
            f(
                "stake",
                Stake,
                Ordered { more: Grantee, up: Rule::StakeIncreased, down: Rule::StakeDecreased },
                "a percentage, or words such as \"major shareholder\"",
            ),
            f(
                "value",
                Money,
                Ordered { more: Grantee, up: Rule::AmountIncreased, down: Rule::AmountDecreased },
                "the stake's stated value",
            ),
        ],
    },
    ClauseType {
        kind: ClauseKind::Term,
        theme: "Term and termination",
        name: "term",
        doc: "the term of the agreement",
        grantee: None,
        grantor: None,
        added_rule: Rule::ClauseAdded,
        removed_rule: Rule::ClauseRemoved,
        added: "New clause \"{label}\" ({type}).",
        removed: "Clause \"{label}\" ({type}) was removed.",
        still: "",
        fields: &[
            f("start", Date, Changed(Rule::TermConditionChanged), "when the term starts"),
            f("renewal", Text, Changed(Rule::TermConditionChanged), "how the term renews"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Termination,
        theme: "Term and termination",
        name: "termination",
        doc: "a right to terminate",
        grantee: Some("by"),
        grantor: Some("counterparty"),
        added_rule: Rule::RightGranted,
        removed_rule: Rule::RightRevoked,
        added: "{by} may now terminate (\"{label}\").",
        removed: "{by} may no longer terminate under \"{label}\".",
        still: "",
        fields: &[
            req("by", Party, Role(Grantee), "who may terminate (a party, a list, or mutual for either party)"),
            f("counterparty", Party, Role(Grantor), "the other side"),
            f("grounds", List, Widen { more: Grantee }, "the grounds for termination"),
            f(
                "notice",
                Duration,
                Ordered { more: Grantor, up: Rule::NoticeLengthened, down: Rule::NoticeShortened },
                "the notice period",
            ),
        ],
    },
    ClauseType {
        kind: ClauseKind::LiabilityCap,
        theme: "Liability",
        name: "liability-cap",
        doc: "a limit on one party's liability",
        grantee: Some("claimant"),
        grantor: Some("liable"),
        added_rule: Rule::CapAdded,
        removed_rule: Rule::CapRemoved,
        added: "A cap now limits the liability of {liable}.",
        removed: "The cap on the liability of {liable} was removed.",
        still: "The liability of {liable} is capped[ at {cap}].",
        fields: &[
            req("liable", Party, Role(Grantor), "whose liability is limited (a party, a list, or mutual)"),
            f("claimant", Party, Role(Grantee), "who would claim"),
            f(
                "cap",
                Kind::Cap,
                Cap { protects: Grantor },
                "the limit: money, or {multiple: 1, of: fees paid, period: 12 months}",
            ),
            f("exclusions", List, Exception { added: Grantee }, "liabilities outside the cap"),
        ],
    },
    ClauseType {
        kind: ClauseKind::GoverningLaw,
        theme: "Law and disputes",
        name: "governing-law",
        doc: "which law governs and where disputes go",
        grantee: None,
        grantor: None,
        added_rule: Rule::ClauseAdded,
        removed_rule: Rule::ClauseRemoved,
        added: "New clause \"{label}\" ({type}).",
        removed: "Clause \"{label}\" ({type}) was removed.",
        still: "",
        fields: &[
            req("law", Text, Changed(Rule::GoverningLawChanged), "the governing law"),
            f("courts", Text, Changed(Rule::GoverningLawChanged), "the forum for disputes"),
        ],
    },
    ClauseType {
        kind: ClauseKind::Text,
        theme: "Other terms",
        name: "text",
        doc: "prose only",
        grantee: None,
        grantor: None,
        added_rule: Rule::ClauseAdded,
        removed_rule: Rule::ClauseRemoved,
        added: "New clause \"{label}\" ({type}).",
        removed: "Clause \"{label}\" ({type}) was removed.",
        still: "",
        fields: &[],
    },
];

/// The clause type written `name` in a file.
pub fn clause_type(name: &str) -> Option<&'static ClauseType> {
    CLAUSE_TYPES.iter().find(|t| t.name == name)
}

/// Kinds of right (the `right:` of a right clause) that carry money or market
/// position, so granting, revoking or changing one is commercial rather than
/// substantive. Matched on the right's words, in any of the forms written
/// here (hyphens and spaces alike).
pub const COMMERCIAL_RIGHTS: &[&str] = &[
    "first-refusal",
    "rofr",
    "first-negotiation",
    "first-offer",
    "first-ship",
    "ship-first",
    "most-favoured",
    "most-favored",
    "mfn",
    "primary-provider",
    "primary-cloud",
    "preferred-partner",
    "exclusive-dealing",
];

/// Whether a right of this kind is commercial (see [`COMMERCIAL_RIGHTS`]).
pub fn is_commercial_right(right: &str) -> bool {
    let words: String = right
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty() && *w != "of" && *w != "right" && *w != "to" && *w != "the")
        .collect::<Vec<_>>()
        .join("-");
    COMMERCIAL_RIGHTS.iter().any(|k| words.contains(k))
}

/// Top-level keys of an agreement file.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "agreement",
    "version",
    "title",
    "effective",
    "previous",
    "sources",
    "provenance",
    "notes",
    "parties",
    "definitions",
    "clauses",
];

/// Keys of a party entry.
pub const PARTY_KEYS: &[&str] = &["name", "short", "aliases", "notes"];
