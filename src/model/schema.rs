//! The agreement vocabulary as data: clause types, their fields, the kind of
//! value each field holds, and what a change to it means.
//!
//! Adding a field or a clause type touches this table only; the loader,
//! comparer and classifier read it.

/// The kind of value a field holds, which decides how it is parsed and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A key of `parties`.
    Party,
    /// `20%`.
    Percent,
    /// `USD 38,000,000,000` or `USD 1.5 billion`.
    Money,
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
    Grantee,
    Grantor,
}

impl Side {
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
    Ordered { more: Side, up: &'static str, down: &'static str },
    /// A cap on what `protects` owes: adding or lowering it favours that side.
    Cap { protects: Side },
    /// When the clause ends: later favours the grantee.
    End,
    /// Exclusivity: more favours the grantee.
    Exclusive,
    /// A set or flag that widens the grant when it grows; growth favours `more`.
    Widen { more: Side },
    /// Carve-outs: an added item favours `added`.
    Exception { added: Side },
    /// Conditions on an obligation: an added condition favours `added`.
    Condition { added: Side },
    /// The strength of an obligation (may < shall).
    Modality,
    /// Any change is claimed by this rule, favouring nobody in particular.
    Changed(&'static str),
}

/// A field of a clause type.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub effect: Effect,
    pub required: bool,
    pub doc: &'static str,
}

/// A clause type.
#[derive(Debug)]
pub struct ClauseType {
    pub name: &'static str,
    pub doc: &'static str,
    /// The field naming the grantee and grantor parties, if the type has roles.
    pub grantee: Option<&'static str>,
    pub grantor: Option<&'static str>,
    pub fields: &'static [FieldSpec],
    /// Rules for a whole clause of this type appearing or disappearing.
    pub added_rule: &'static str,
    pub removed_rule: &'static str,
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
    f("number", Text, Changed("clause-renumbered"), "display numbering such as \"2.1\""),
    f("title", Text, Changed("title-changed"), "a heading"),
    f("until", End, Effect::End, "when the clause ends: a date, {event: ...} or {earliest: [...]}"),
    f("text", Text, Changed("text-changed"), "the clause's prose"),
    f("notes", Text, Changed("notes-changed"), "drafting notes that are not terms"),
];

pub const CLAUSE_TYPES: &[ClauseType] = &[
    ClauseType {
        name: "license",
        doc: "a licence of rights from a licensor to a licensee",
        grantee: Some("licensee"),
        grantor: Some("licensor"),
        added_rule: "license-granted",
        removed_rule: "license-revoked",
        fields: &[
            req("licensor", Party, Role(Grantor), "the party granting the licence"),
            req("licensee", Party, Role(Grantee), "the party receiving it"),
            f("subject", Text, Changed("subject-changed"), "what is licensed"),
            f("scope", List, Widen { more: Grantee }, "uses or fields the licence covers"),
            f("exclusions", List, Exception { added: Grantor }, "what is carved out of the licence"),
            f(
                "exclusive",
                Exclusive,
                Effect::Exclusive,
                "true, false, or exclusive / sole / co-exclusive / non-exclusive",
            ),
            f("territory", List, Widen { more: Grantee }, "where the licence applies"),
            f("sublicensable", Flag, Widen { more: Grantee }, "whether the licensee may sublicense"),
            f("transferable", Flag, Widen { more: Grantee }, "whether the licensee may transfer it"),
            f("irrevocable", Flag, Widen { more: Grantee }, "whether the licensor may revoke it"),
        ],
    },
    ClauseType {
        name: "payment",
        doc: "one direction of money from a payer to a payee",
        grantee: Some("payee"),
        grantor: Some("payer"),
        added_rule: "payment-added",
        removed_rule: "payment-removed",
        fields: &[
            req("payer", Party, Role(Grantor), "who pays"),
            req("payee", Party, Role(Grantee), "who is paid"),
            f("basis", Text, Changed("basis-changed"), "revenue share, royalty, fee, commission..."),
            f("rate", Percent, Ordered { more: Grantee, up: "rate-increased", down: "rate-decreased" }, "a percentage"),
            f(
                "amount",
                Money,
                Ordered { more: Grantee, up: "amount-increased", down: "amount-decreased" },
                "a fixed sum",
            ),
            f(
                "minimum",
                Money,
                Ordered { more: Grantee, up: "amount-increased", down: "amount-decreased" },
                "a floor on what is paid",
            ),
            f("cap", Money, Cap { protects: Grantor }, "a ceiling on what is paid"),
            f("tiers", List, Changed("tiers-changed"), "rate tiers, one item each"),
        ],
    },
    ClauseType {
        name: "exclusivity",
        doc: "a restriction on one party (bound) for another's benefit",
        grantee: Some("beneficiary"),
        grantor: Some("bound"),
        added_rule: "exclusivity-added",
        removed_rule: "exclusivity-dropped",
        fields: &[
            req("bound", Party, Role(Grantor), "the party restricted"),
            req("beneficiary", Party, Role(Grantee), "the party it protects"),
            f("subject", Text, Changed("subject-changed"), "what is exclusive"),
            req("exclusive", Exclusive, Effect::Exclusive, "true, false, or a level"),
            f("scope", List, Widen { more: Grantee }, "what the restriction covers"),
            f("exceptions", List, Exception { added: Grantor }, "what it does not cover"),
        ],
    },
    ClauseType {
        name: "right",
        doc: "a right held by one party against another",
        grantee: Some("holder"),
        grantor: Some("grantor"),
        added_rule: "right-granted",
        removed_rule: "right-revoked",
        fields: &[
            req("holder", Party, Role(Grantee), "who holds the right"),
            f("grantor", Party, Role(Grantor), "who grants it"),
            req(
                "right",
                Text,
                Changed("right-changed"),
                "first-refusal, first-negotiation, first-ship, primary-provider, approval, audit...",
            ),
            f("subject", Text, Changed("subject-changed"), "what the right is over"),
            f("unless", List, Exception { added: Grantor }, "exceptions to the right"),
        ],
    },
    ClauseType {
        name: "obligation",
        doc: "a duty owed by an obligor to an obligee",
        grantee: Some("obligee"),
        grantor: Some("obligor"),
        added_rule: "obligation-added",
        removed_rule: "obligation-removed",
        fields: &[
            req("obligor", Party, Role(Grantor), "who owes the duty"),
            f("obligee", Party, Role(Grantee), "to whom"),
            req("duty", Text, Changed("subject-changed"), "what must (or may) be done"),
            f("modality", Modality, Effect::Modality, "shall, may or shall-not"),
            f(
                "deadline",
                DateOrDuration,
                Ordered { more: Grantor, up: "deadline-extended", down: "deadline-shortened" },
                "a date or a duration",
            ),
            f("conditions", List, Condition { added: Grantor }, "conditions the duty depends on"),
        ],
    },
    ClauseType {
        name: "commitment",
        doc: "a commitment to spend or purchase",
        grantee: Some("counterparty"),
        grantor: Some("committer"),
        added_rule: "commitment-added",
        removed_rule: "commitment-removed",
        fields: &[
            req("committer", Party, Role(Grantor), "who commits"),
            f("counterparty", Party, Role(Grantee), "who benefits"),
            f(
                "amount",
                Money,
                Ordered { more: Grantee, up: "amount-increased", down: "amount-decreased" },
                "the committed sum",
            ),
            f(
                "period",
                Duration,
                Ordered { more: Grantor, up: "term-extended", down: "term-shortened" },
                "over how long",
            ),
            f("subject", Text, Changed("subject-changed"), "what is purchased"),
        ],
    },
    ClauseType {
        name: "equity",
        doc: "a holding in one party by another",
        grantee: Some("holder"),
        grantor: Some("issuer"),
        added_rule: "clause-added",
        removed_rule: "clause-removed",
        fields: &[
            req("holder", Party, Role(Grantee), "the shareholder"),
            req("issuer", Party, Role(Grantor), "the company"),
            f(
                "stake",
                Stake,
                Ordered { more: Grantee, up: "stake-increased", down: "stake-decreased" },
                "a percentage, or words such as \"major shareholder\"",
            ),
            f(
                "value",
                Money,
                Ordered { more: Grantee, up: "amount-increased", down: "amount-decreased" },
                "the stake's stated value",
            ),
        ],
    },
    ClauseType {
        name: "term",
        doc: "the term of the agreement",
        grantee: None,
        grantor: None,
        added_rule: "clause-added",
        removed_rule: "clause-removed",
        fields: &[
            f("start", Date, Changed("term-condition-changed"), "when the term starts"),
            f("renewal", Text, Changed("term-condition-changed"), "how the term renews"),
        ],
    },
    ClauseType {
        name: "termination",
        doc: "a right to terminate",
        grantee: Some("by"),
        grantor: Some("counterparty"),
        added_rule: "right-granted",
        removed_rule: "right-revoked",
        fields: &[
            req("by", Party, Role(Grantee), "who may terminate"),
            f("counterparty", Party, Role(Grantor), "the other side"),
            f("grounds", List, Widen { more: Grantee }, "the grounds for termination"),
            f(
                "notice",
                Duration,
                Ordered { more: Grantor, up: "notice-lengthened", down: "notice-shortened" },
                "the notice period",
            ),
        ],
    },
    ClauseType {
        name: "liability-cap",
        doc: "a limit on one party's liability",
        grantee: Some("claimant"),
        grantor: Some("liable"),
        added_rule: "cap-added",
        removed_rule: "cap-removed",
        fields: &[
            req("liable", Party, Role(Grantor), "whose liability is limited"),
            f("claimant", Party, Role(Grantee), "who would claim"),
            f("cap", Money, Cap { protects: Grantor }, "the limit"),
            f("exclusions", List, Exception { added: Grantee }, "liabilities outside the cap"),
        ],
    },
    ClauseType {
        name: "governing-law",
        doc: "which law governs and where disputes go",
        grantee: None,
        grantor: None,
        added_rule: "clause-added",
        removed_rule: "clause-removed",
        fields: &[
            req("law", Text, Changed("governing-law-changed"), "the governing law"),
            f("courts", Text, Changed("governing-law-changed"), "the forum for disputes"),
        ],
    },
    ClauseType {
        name: "text",
        doc: "prose only",
        grantee: None,
        grantor: None,
        added_rule: "clause-added",
        removed_rule: "clause-removed",
        fields: &[],
    },
];

pub fn clause_type(name: &str) -> Option<&'static ClauseType> {
    CLAUSE_TYPES.iter().find(|t| t.name == name)
}

/// Top-level keys of an agreement file.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "agreement",
    "version",
    "title",
    "effective",
    "previous",
    "sources",
    "notes",
    "parties",
    "definitions",
    "clauses",
];

/// Keys of a party entry.
pub const PARTY_KEYS: &[&str] = &["name", "short", "notes"];
