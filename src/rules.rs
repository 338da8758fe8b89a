//! The rule catalogue: every kind of finding the tool can report, as data.
//!
//! A rule has a compiler-checked name ([`Rule::CapAdded`]), a stable
//! kebab-case id (`cap-added`), a materiality, a family, a one-line title,
//! the rule it becomes when the change is read backwards (its mirror), and an
//! explanation for `agreement-diff explain RULE`. The [`catalogue!`] macro
//! turns the table at the end of this file into the [`Rule`] enum and the
//! [`RULES`] table, so a misspelt rule does not compile.
//!
//! Adding a rule: `scripts/new-rule.sh ID` adds an entry here and a fixture
//! pair under `tests/rules/ID/`; see `docs/adding.md`.

use std::fmt;

/// How much a change matters. Declared from least to most material, so that
/// `a > b` means `a` matters more and `max()` finds the most material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Materiality {
    /// Renumbering, moves, titles, formatting, metadata.
    Administrative,
    /// Wording that is shown not to change a right, duty or value.
    Clarification,
    /// Obligations, rights, conditions, termination, definitions.
    Substantive,
    /// Money, rates, caps, direction of payment, exclusivity, scope, term.
    Commercial,
}

impl Materiality {
    /// Every materiality, most material first (the order reports use).
    pub const ALL: [Materiality; 4] =
        [Materiality::Commercial, Materiality::Substantive, Materiality::Clarification, Materiality::Administrative];

    /// The lowercase name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Materiality::Commercial => "commercial",
            Materiality::Substantive => "substantive",
            Materiality::Clarification => "clarification",
            Materiality::Administrative => "administrative",
        }
    }

    /// The materiality with this name.
    pub fn parse(s: &str) -> Option<Materiality> {
        Materiality::ALL.into_iter().find(|m| m.name() == s)
    }
}

impl fmt::Display for Materiality {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a rule is about: the families a reviewer (and the labelled corpus,
/// `tests/corpus/LABELLING.md`) sorts changes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// A whole clause added, removed or retyped.
    Clause,
    /// No change of meaning: layout, ids, numbering, moves, titles, notes.
    Format,
    /// The agreement's own metadata: version, dates, sources.
    Metadata,
    /// Exclusive or not.
    Exclusivity,
    /// A licence granted or removed.
    License,
    /// Who pays whom and how much.
    Payment,
    /// A limit on payments or liability.
    Cap,
    /// How long something lasts.
    Term,
    /// What a grant or duty covers.
    Scope,
    /// Carve-outs and conditions.
    Exception,
    /// Duties and their strength.
    Obligation,
    /// Rights held by a party.
    Right,
    /// Deadlines and notice periods.
    Deadline,
    /// Defined terms.
    Definition,
    /// The parties.
    Party,
    /// Cross-references and incorporated documents.
    Reference,
    /// Any other change in the words.
    Wording,
}

impl Family {
    /// The lowercase name used in docs and the labelled corpus.
    pub fn name(self) -> &'static str {
        match self {
            Family::Clause => "clause",
            Family::Format => "format",
            Family::Metadata => "metadata",
            Family::Exclusivity => "exclusivity",
            Family::License => "license",
            Family::Payment => "payment",
            Family::Cap => "cap",
            Family::Term => "term",
            Family::Scope => "scope",
            Family::Exception => "exception",
            Family::Obligation => "obligation",
            Family::Right => "right",
            Family::Deadline => "deadline",
            Family::Definition => "definition",
            Family::Party => "party",
            Family::Reference => "reference",
            Family::Wording => "wording",
        }
    }
}

/// Everything the catalogue says about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// The rule's compiler-checked name.
    pub rule: Rule,
    /// The stable kebab-case id shown in every format.
    pub id: &'static str,
    /// How material a finding of this rule is, unless the finding says otherwise.
    pub materiality: Materiality,
    /// What the rule is about.
    pub family: Family,
    /// A one-line title.
    pub title: &'static str,
    /// Who the finding favours, in words.
    pub favours: &'static str,
    /// The rule reported when the same change is read backwards (new → old):
    /// `cap-added` for `cap-removed`, itself for a change with no direction,
    /// `None` when reading backwards need not report anything.
    pub mirror: Option<Rule>,
    /// The explanation `agreement-diff explain` prints.
    pub explanation: &'static str,
}

/// Builds [`Rule`] and [`RULES`] from one table, so the two cannot drift.
macro_rules! catalogue {
    ($( $name:ident = $id:literal {
        materiality: $m:ident,
        family: $fam:ident,
        title: $title:literal,
        favours: $fav:literal,
        mirror: $mirror:ident,
        explanation: $expl:literal $(,)?
    } )*) => {
        /// Every kind of finding, by a compiler-checked name. The id, title
        /// and explanation of each are in [`RULES`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(
                #[doc = $title]
                $name,
            )*
        }

        /// The catalogue, in the order of [`Rule`].
        pub static RULES: &[RuleInfo] = &[$(
            RuleInfo {
                rule: Rule::$name,
                id: $id,
                materiality: Materiality::$m,
                family: Family::$fam,
                title: $title,
                favours: $fav,
                mirror: catalogue!(@mirror $mirror),
                explanation: $expl,
            },
        )*];
    };
    (@mirror None) => { None };
    (@mirror $m:ident) => { Some(Rule::$m) };
}

impl Rule {
    /// Everything the catalogue says about this rule.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// The stable kebab-case id.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The rule's default materiality.
    pub fn materiality(self) -> Materiality {
        self.info().materiality
    }

    /// The rule with this kebab-case id.
    pub fn from_id(id: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.id == id).map(|r| r.rule)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    Rule::from_id(id).map(Rule::info)
}

// The catalogue. Keep related rules together; `scripts/new-rule.sh` adds new
// entries just above the end marker.
catalogue! {
    ClauseAdded = "clause-added" {
        materiality: Substantive,
        family: Clause,
        title: "A clause was added",
        favours: "nobody in particular",
        mirror: ClauseRemoved,
        explanation: "A clause id appears in the new version that matches no clause of the old version, by id or by content. Clause types with their own rule (payment, licence, exclusivity, right, obligation, commitment, liability cap, termination) report that rule instead. In a Markdown agreement, a clause under a heading that lists what the agreement provides (\"Services\", \"Products\", \"Features\") that describes an offering rather than binding a party widens the scope of the service: commercial, favouring the party the text says it serves (\"lets you\", \"allows you to\"), if any. Otherwise, a clause of prose whose duties, restrictions, licences, payments and caps all favour one party (a duty added costs its obligor) says so; a clause of permissions alone names no party.",
    }
    ClauseRemoved = "clause-removed" {
        materiality: Substantive,
        family: Clause,
        title: "A clause was removed",
        favours: "nobody in particular",
        mirror: ClauseAdded,
        explanation: "A clause of the old version matches no clause of the new version, by id or by content. Clause types with their own rule report that rule instead. In a Markdown agreement, an offering removed from a heading that lists what the agreement provides (\"Services\", \"Products\", \"Features\") narrows the scope of the service: commercial, against the party the text says it served, if any; an entry still listed elsewhere is a duplicate removed, not an offering.",
    }
    ClauseRenamed = "clause-renamed" {
        materiality: Administrative,
        family: Format,
        title: "A clause id changed, content kept",
        favours: "nobody",
        mirror: ClauseRenamed,
        explanation: "A clause's id changed but its content is the same or nearly the same, so it is one clause under a new id rather than a removal and an addition. Any change to its content is reported as well, under the new id.",
    }
    ClauseMoved = "clause-moved" {
        materiality: Administrative,
        family: Format,
        title: "A clause moved",
        favours: "nobody",
        mirror: ClauseMoved,
        explanation: "A clause changed position relative to the others. Only clauses outside the longest run kept in order are reported, so one moved clause is one finding. Moving a clause does not change its meaning.",
    }
    ClauseRenumbered = "clause-renumbered" {
        materiality: Administrative,
        family: Format,
        title: "A clause's number changed",
        favours: "nobody",
        mirror: ClauseRenumbered,
        explanation: "A clause's display number (`number:`) changed. Numbers are for reading; renumbering does not change meaning.",
    }
    ClauseTypeChanged = "clause-type-changed" {
        materiality: Substantive,
        family: Clause,
        title: "A clause changed type",
        favours: "nobody in particular",
        mirror: ClauseTypeChanged,
        explanation: "A clause kept its id but changed `type:`, so its fields now mean something else. Its fields are compared by name as well.",
    }
    TitleChanged = "title-changed" {
        materiality: Administrative,
        family: Format,
        title: "A clause's title changed",
        favours: "nobody",
        mirror: TitleChanged,
        explanation: "A clause's heading changed. Titles are for reading and do not change the terms.",
    }
    NotesChanged = "notes-changed" {
        materiality: Administrative,
        family: Format,
        title: "Drafting notes changed",
        favours: "nobody",
        mirror: NotesChanged,
        explanation: "A clause's `notes:` changed. Notes record drafting context and are not terms of the agreement.",
    }
    TopicChanged = "topic-changed" {
        materiality: Administrative,
        family: Format,
        title: "A clause's topic changed",
        favours: "nobody",
        mirror: TopicChanged,
        explanation: "A clause's `topic:` changed. The topic decides the theme a report groups the clause under \
                      (cloud, IP, money...); it does not change the terms.",
    }
    MetadataChanged = "metadata-changed" {
        materiality: Administrative,
        family: Metadata,
        title: "The agreement's metadata changed",
        favours: "nobody",
        mirror: MetadataChanged,
        explanation: "A top-level field other than parties, definitions and clauses changed: version, title, effective date, previous version, sources or notes.",
    }
    ExclusivityDropped = "exclusivity-dropped" {
        materiality: Commercial,
        family: Exclusivity,
        title: "Exclusivity dropped or reduced",
        favours: "the bound party or licensor",
        mirror: ExclusivityAdded,
        explanation: "An exclusivity clause was removed, or an exclusivity level went down (exclusive > sole > co-exclusive > non-exclusive). The restricted party, or the licensor, may now deal with others. The end, scope and exceptions an exclusivity drops along with it (a licence's `exclusive-until`; an exclusivity clause's `until`, `scope` and `exceptions` once it is non-exclusive) are part of this finding, not findings of their own.",
    }
    ExclusivityAdded = "exclusivity-added" {
        materiality: Commercial,
        family: Exclusivity,
        title: "Exclusivity added or increased",
        favours: "the beneficiary or licensee",
        mirror: ExclusivityDropped,
        explanation: "An exclusivity clause was added, or an exclusivity level went up (non-exclusive < co-exclusive < sole < exclusive).",
    }
    LicenseGranted = "license-granted" {
        materiality: Commercial,
        family: License,
        title: "A licence was granted",
        favours: "the licensee",
        mirror: LicenseRevoked,
        explanation: "A licence clause appears in the new version.",
    }
    LicenseRevoked = "license-revoked" {
        materiality: Commercial,
        family: License,
        title: "A licence was removed",
        favours: "the licensor",
        mirror: LicenseGranted,
        explanation: "A licence clause of the old version is gone.",
    }
    PaymentAdded = "payment-added" {
        materiality: Commercial,
        family: Payment,
        title: "A payment was added",
        favours: "the payee",
        mirror: PaymentRemoved,
        explanation: "A payment clause appears: one party now pays another.",
    }
    PaymentRemoved = "payment-removed" {
        materiality: Commercial,
        family: Payment,
        title: "A payment was removed",
        favours: "the payer",
        mirror: PaymentAdded,
        explanation: "A payment clause is gone: its payer no longer pays.",
    }
    PaymentDirectionReversed = "payment-direction-reversed" {
        materiality: Commercial,
        family: Payment,
        title: "Payer and payee swapped",
        favours: "the new payee",
        mirror: PaymentDirectionReversed,
        explanation: "The payer and payee of a payment clause swapped: money now flows the other way.",
    }
    PartySubstituted = "party-substituted" {
        materiality: Commercial,
        family: Party,
        title: "A different party fills a role",
        favours: "the party brought in",
        mirror: PartySubstituted,
        explanation: "A role (payer, licensee, holder, obligor...) now names a different party. A role may name several parties (`licensee: [acme, beta]`): when the parties it names change, the finding favours those who gain the clause's benefit or leave its burden and disfavours those who lose the benefit or take on the burden. A role made mutual, or no longer mutual, is role-made-mutual or role-made-one-sided.",
    }
    RateIncreased = "rate-increased" {
        materiality: Commercial,
        family: Payment,
        title: "A rate went up",
        favours: "the payee",
        mirror: RateDecreased,
        explanation: "A percentage rate of a payment went up. Compared exactly as decimals.",
    }
    RateDecreased = "rate-decreased" {
        materiality: Commercial,
        family: Payment,
        title: "A rate went down",
        favours: "the payer",
        mirror: RateIncreased,
        explanation: "A percentage rate of a payment went down. Compared exactly as decimals.",
    }
    AmountIncreased = "amount-increased" {
        materiality: Commercial,
        family: Payment,
        title: "An amount went up",
        favours: "the receiving side",
        mirror: AmountDecreased,
        explanation: "A sum of money (a payment amount or minimum, a commitment, a stated value) went up. Compared exactly, in the same currency.",
    }
    AmountDecreased = "amount-decreased" {
        materiality: Commercial,
        family: Payment,
        title: "An amount went down",
        favours: "the paying side",
        mirror: AmountIncreased,
        explanation: "A sum of money went down. Compared exactly, in the same currency.",
    }
    CurrencyChanged = "currency-changed" {
        materiality: Commercial,
        family: Payment,
        title: "A currency changed",
        favours: "nobody in particular",
        mirror: CurrencyChanged,
        explanation: "A sum of money is now stated in a different currency, so the amounts cannot be compared.",
    }
    CapAdded = "cap-added" {
        materiality: Commercial,
        family: Cap,
        title: "A cap was added",
        favours: "the payer, or the liable party",
        mirror: CapRemoved,
        explanation: "A cap now limits what a payer pays (or what a liable party owes): a `cap` added to a payment or a liability-cap clause, or a whole liability-cap clause that appears, which favours the liable party it protects. A cap whose amount is undisclosed is still a cap. On a mutual clause (`liable: mutual`) a cap protects each party when it is liable and limits each when it claims, so the finding cuts both ways and names no winner.",
    }
    CapRemoved = "cap-removed" {
        materiality: Commercial,
        family: Cap,
        title: "A cap was removed",
        favours: "the payee, or the claimant",
        mirror: CapAdded,
        explanation: "A cap that limited a payment or a liability is gone, or a whole liability-cap clause is: the payee or claimant can now recover in full. On a mutual clause (`liable: mutual`) a cap protects each party when it is liable and limits each when it claims, so the finding cuts both ways and names no winner.",
    }
    CapRaised = "cap-raised" {
        materiality: Commercial,
        family: Cap,
        title: "A cap went up",
        favours: "the payee, or the claimant",
        mirror: CapLowered,
        explanation: "A cap's amount went up: more can be paid or claimed before it bites. Caps written as a multiple of fees (`{multiple: 1, of: fees paid, period: 12 months}`) are ordered only where the order is certain: on the same base and look-back, by the multiple; on the same multiple and base, a longer look-back counts at least as many fees (none counts them all); a higher multiple with a look-back at least as long is higher. Otherwise the change is cap-changed-form. On a mutual clause (`liable: mutual`) a cap protects each party when it is liable and limits each when it claims, so the finding cuts both ways and names no winner.",
    }
    CapLowered = "cap-lowered" {
        materiality: Commercial,
        family: Cap,
        title: "A cap went down",
        favours: "the payer, or the liable party",
        mirror: CapRaised,
        explanation: "A cap's amount went down: less can be paid or claimed before it bites. Caps written as a multiple of fees (`{multiple: 1, of: fees paid, period: 12 months}`) are ordered only where the order is certain: on the same base and look-back, by the multiple; on the same multiple and base, a longer look-back counts at least as many fees (none counts them all); a higher multiple with a look-back at least as long is higher. Otherwise the change is cap-changed-form. On a mutual clause (`liable: mutual`) a cap protects each party when it is liable and limits each when it claims, so the finding cuts both ways and names no winner.",
    }
    // Mutual terms and formula caps (issue 12 item 4): kept together.
    CapChangedForm = "cap-changed-form" {
        materiality: Commercial,
        family: Cap,
        title: "A cap changed form",
        favours: "nobody: it cuts both ways",
        mirror: CapChangedForm,
        explanation: "A cap is now written another way and the old and new caps cannot be ordered whatever happens: a fixed amount (USD 1 million) against a multiple of fees (the fees paid in the 12 months before the claim, `{multiple: 1, of: fees paid, period: 12 months}`), two different bases (fees paid against fees payable), or a multiple and a look-back that pull in opposite directions (2x over 12 months against 1x over 24 months). Which cap is higher depends on the fees actually paid, so the change cuts both ways: it helps the liable party (or payer) if the new cap turns out lower and the claimant (or payee) if it turns out higher. Caps that can be ordered with certainty are cap-raised or cap-lowered instead: same base and look-back, the multiple orders them; same multiple and base, a longer look-back counts at least as many fees (no look-back counts them all); a higher multiple with a look-back at least as long is higher.",
    }
    RoleMadeMutual = "role-made-mutual" {
        materiality: Substantive,
        family: Party,
        title: "A one-sided term became mutual",
        favours: "the party newly protected or permitted",
        mirror: RoleMadeOneSided,
        explanation: "A role that named one party now names each party (`liable: acme` became `liable: mutual`; `by: acme` became `by: mutual`, \"either party may terminate\"). Read as a lawyer would: the party that now also has the clause's benefit gains (its liability is now capped too; it may now terminate too), and the party that alone had it loses, because the same clause now works against it (its claims against the other are now capped; it can now be terminated). The finding favours the first and disfavours the second. It has the materiality of the clause: commercial for a cap, payment, licence, exclusivity, commitment or a commercial right, substantive otherwise. Once a clause is mutual, later changes to it (a lower cap, a shorter notice) bind and benefit each party alike, so they cut both ways.",
    }
    RoleMadeOneSided = "role-made-one-sided" {
        materiality: Substantive,
        family: Party,
        title: "A mutual term became one-sided",
        favours: "the party that keeps the benefit alone",
        mirror: RoleMadeMutual,
        explanation: "A role that named each party (`mutual`, or the same parties on both sides) now names one side only (`liable: mutual` became `liable: acme`). The party that keeps the clause's benefit alone gains (only its liability is still capped, while its claims against the other are no longer capped), and the party that lost the benefit loses. It has the materiality of the clause, as for role-made-mutual.",
    }
    TiersChanged = "tiers-changed" {
        materiality: Commercial,
        family: Payment,
        title: "Rate tiers changed",
        favours: "nobody in particular",
        mirror: TiersChanged,
        explanation: "The tiers of a payment changed.",
    }
    BasisChanged = "basis-changed" {
        materiality: Commercial,
        family: Payment,
        title: "The basis of a payment changed",
        favours: "nobody in particular",
        mirror: BasisChanged,
        explanation: "What a payment is (revenue share, royalty, fee...) changed.",
    }
    DisclosureChanged = "disclosure-changed" {
        materiality: Substantive,
        family: Wording,
        title: "A value became disclosed or undisclosed",
        favours: "nobody",
        mirror: DisclosureChanged,
        explanation: "A value changed to or from `undisclosed`. An undisclosed value is opaque: the change is one of disclosure, never an increase or a decrease.",
    }
    TermExtended = "term-extended" {
        materiality: Commercial,
        family: Term,
        title: "Something now lasts longer",
        favours: "the grantee (licensee, payee, beneficiary, holder)",
        mirror: TermShortened,
        explanation: "A clause's end date moved later, or a commitment's period got longer (which favours the committer).",
    }
    TermShortened = "term-shortened" {
        materiality: Commercial,
        family: Term,
        title: "Something now ends sooner",
        favours: "the grantor (licensor, payer, bound party)",
        mirror: TermExtended,
        explanation: "A clause's end date moved earlier, or a commitment's period got shorter.",
    }
    TermConditionChanged = "term-condition-changed" {
        materiality: Commercial,
        family: Term,
        title: "What ends a clause changed",
        favours: "nobody in particular",
        mirror: TermConditionChanged,
        explanation: "A clause's end changed in kind: an event replaced by a date, an event changed, an end added or removed, or the earlier-of list changed. Also the start or renewal of a `term` clause. When one end is an event and the other a date (or another event), whether the change helps a side depends on when the event comes: the finding cuts both ways (JSON `direction: cuts-both-ways`) and names no winner.",
    }
    ScopeWidened = "scope-widened" {
        materiality: Commercial,
        family: Scope,
        title: "Scope widened",
        favours: "the grantee",
        mirror: ScopeNarrowed,
        explanation: "An item was added to a scope or territory, a scope or territory was dropped (a grant that states none is unrestricted), a licence became sublicensable, transferable or irrevocable, or a termination right gained a ground.",
    }
    ScopeNarrowed = "scope-narrowed" {
        materiality: Commercial,
        family: Scope,
        title: "Scope narrowed",
        favours: "the grantor",
        mirror: ScopeWidened,
        explanation: "An item was removed from a scope or territory, a scope or territory was stated where there was none (a grant that states none is unrestricted, so any list narrows it), or a licence lost sublicensability, transferability or irrevocability.",
    }
    SubjectChanged = "subject-changed" {
        materiality: Substantive,
        family: Scope,
        title: "What a clause is about changed",
        favours: "nobody in particular",
        mirror: SubjectChanged,
        explanation: "The subject of a licence, exclusivity, right or commitment, or the duty of an obligation, was reworded. The word-level change is shown.",
    }
    ExceptionAdded = "exception-added" {
        materiality: Substantive,
        family: Exception,
        title: "An exception was added",
        favours: "the party the exception relieves",
        mirror: ExceptionRemoved,
        explanation: "An item was added to exceptions, exclusions or `unless`. A carve-out from a licence, exclusivity or right favours the grantor; a carve-out from a liability cap favours the claimant. A carve-out from an exclusivity (or an exclusive licence) is a conditional loss of exclusivity, so commercial.",
    }
    ExceptionRemoved = "exception-removed" {
        materiality: Substantive,
        family: Exception,
        title: "An exception was removed",
        favours: "the party the exception burdened",
        mirror: ExceptionAdded,
        explanation: "An item was removed from exceptions, exclusions or `unless`.",
    }
    RightGranted = "right-granted" {
        materiality: Substantive,
        family: Right,
        title: "A right was granted",
        favours: "the holder",
        mirror: RightRevoked,
        explanation: "A right (or a termination right) appears in the new version. Rights of a commercial kind (first refusal, first negotiation or offer, ship-first, most-favoured terms, primary provider, preferred partner, exclusive dealing) are commercial findings. A termination right for each party (`by: mutual`, \"either party may terminate\") cuts both ways: each party gains the option to end the agreement and bears the other's.",
    }
    RightRevoked = "right-revoked" {
        materiality: Substantive,
        family: Right,
        title: "A right was removed",
        favours: "the grantor",
        mirror: RightGranted,
        explanation: "A right (or a termination right) of the old version is gone. Rights of a commercial kind (first refusal, ship-first, most-favoured terms, primary provider...) are commercial findings.",
    }
    RightChanged = "right-changed" {
        materiality: Substantive,
        family: Right,
        title: "The kind of a right changed",
        favours: "nobody in particular",
        mirror: RightChanged,
        explanation: "The `right:` of a right clause changed, for example from first-refusal to first-negotiation.",
    }
    ObligationAdded = "obligation-added" {
        materiality: Substantive,
        family: Obligation,
        title: "An obligation was added",
        favours: "the obligee",
        mirror: ObligationRemoved,
        explanation: "An obligation clause appears: a party now owes a duty.",
    }
    ObligationRemoved = "obligation-removed" {
        materiality: Substantive,
        family: Obligation,
        title: "An obligation was removed",
        favours: "the obligor",
        mirror: ObligationAdded,
        explanation: "An obligation clause is gone: its obligor is released.",
    }
    ModalityStrengthened = "modality-strengthened" {
        materiality: Substantive,
        family: Obligation,
        title: "\"may\" became \"shall\"",
        favours: "the obligee",
        mirror: ModalityWeakened,
        explanation: "An obligation's modality got stronger (may < shall, may < shall-not): what was permitted is now required or forbidden.",
    }
    ModalityWeakened = "modality-weakened" {
        materiality: Substantive,
        family: Obligation,
        title: "\"shall\" became \"may\"",
        favours: "the obligor",
        mirror: ModalityStrengthened,
        explanation: "An obligation's modality got weaker: what was required or forbidden is now merely permitted.",
    }
    ModalityReversed = "modality-reversed" {
        materiality: Substantive,
        family: Obligation,
        title: "\"shall\" became \"shall not\", or back",
        favours: "nobody in particular",
        mirror: ModalityReversed,
        explanation: "An obligation flipped between shall and shall-not: the duty is now the opposite.",
    }
    ConditionAdded = "condition-added" {
        materiality: Substantive,
        family: Exception,
        title: "A condition was added",
        favours: "the obligor",
        mirror: ConditionRemoved,
        explanation: "An obligation now depends on a further condition.",
    }
    ConditionRemoved = "condition-removed" {
        materiality: Substantive,
        family: Exception,
        title: "A condition was removed",
        favours: "the obligee",
        mirror: ConditionAdded,
        explanation: "A condition an obligation depended on is gone.",
    }
    DeadlineExtended = "deadline-extended" {
        materiality: Substantive,
        family: Deadline,
        title: "A deadline moved later",
        favours: "the obligor",
        mirror: DeadlineShortened,
        explanation: "An obligation's deadline moved later or got longer.",
    }
    DeadlineShortened = "deadline-shortened" {
        materiality: Substantive,
        family: Deadline,
        title: "A deadline moved earlier",
        favours: "the obligee",
        mirror: DeadlineExtended,
        explanation: "An obligation's deadline moved earlier or got shorter.",
    }
    NoticeLengthened = "notice-lengthened" {
        materiality: Substantive,
        family: Deadline,
        title: "A notice period got longer",
        favours: "the party receiving notice",
        mirror: NoticeShortened,
        explanation: "A termination notice period got longer.",
    }
    NoticeShortened = "notice-shortened" {
        materiality: Substantive,
        family: Deadline,
        title: "A notice period got shorter",
        favours: "the party giving notice",
        mirror: NoticeLengthened,
        explanation: "A termination notice period got shorter.",
    }
    CommitmentAdded = "commitment-added" {
        materiality: Commercial,
        family: Payment,
        title: "A commitment was added",
        favours: "the counterparty",
        mirror: CommitmentRemoved,
        explanation: "A commitment clause appears: a party commits to spend or purchase.",
    }
    CommitmentRemoved = "commitment-removed" {
        materiality: Commercial,
        family: Payment,
        title: "A commitment was removed",
        favours: "the committer",
        mirror: CommitmentAdded,
        explanation: "A commitment clause is gone.",
    }
    StakeIncreased = "stake-increased" {
        materiality: Commercial,
        family: Payment,
        title: "An equity stake went up",
        favours: "the holder",
        mirror: StakeDecreased,
        explanation: "An equity stake stated as a percentage went up.",
    }
    StakeDecreased = "stake-decreased" {
        materiality: Commercial,
        family: Payment,
        title: "An equity stake went down",
        favours: "the issuer",
        mirror: StakeIncreased,
        explanation: "An equity stake stated as a percentage went down.",
    }
    GoverningLawChanged = "governing-law-changed" {
        materiality: Substantive,
        family: Wording,
        title: "Governing law or forum changed",
        favours: "nobody in particular",
        mirror: GoverningLawChanged,
        explanation: "The governing law or the courts for disputes changed.",
    }
    PartyRenamed = "party-renamed" {
        materiality: Substantive,
        family: Party,
        title: "A party's name changed",
        favours: "nobody in particular",
        mirror: PartyRenamed,
        explanation: "A party kept its key but its name (or short name) changed. This may be a rename or a different legal entity: check which.",
    }
    PartyAdded = "party-added" {
        materiality: Substantive,
        family: Party,
        title: "A party was added",
        favours: "nobody in particular",
        mirror: PartyRemoved,
        explanation: "A new party appears in `parties`.",
    }
    PartyRemoved = "party-removed" {
        materiality: Substantive,
        family: Party,
        title: "A party was removed",
        favours: "nobody in particular",
        mirror: PartyAdded,
        explanation: "A party of the old version is gone from `parties`.",
    }
    DefinitionAdded = "definition-added" {
        materiality: Substantive,
        family: Definition,
        title: "A definition was added",
        favours: "nobody in particular",
        mirror: DefinitionRemoved,
        explanation: "A new term is defined.",
    }
    DefinitionRemoved = "definition-removed" {
        materiality: Substantive,
        family: Definition,
        title: "A definition was removed",
        favours: "nobody in particular",
        mirror: DefinitionAdded,
        explanation: "A defined term is no longer defined.",
    }
    DefinitionChanged = "definition-changed" {
        materiality: Substantive,
        family: Definition,
        title: "A definition changed",
        favours: "nobody in particular",
        mirror: DefinitionChanged,
        explanation: "The text of a definition changed. Every clause that uses the term changes with it. The word-level change is shown.",
    }
    TextChanged = "text-changed" {
        materiality: Substantive,
        family: Wording,
        title: "Wording changed: review",
        favours: "nobody in particular",
        mirror: TextChanged,
        explanation: "A clause's prose changed in a way no rule explains and that is not shown to leave the meaning alone. It is substantive so that a gate at `--fail-on substantive` stops it for a reader: silence is never graded as harmless. The word-level change and the words left unexplained are shown. Changes shown not to alter meaning are `text-equivalent` (clarification) or `text-reformatted` (administrative).",
    }
    TextReformatted = "text-reformatted" {
        materiality: Administrative,
        family: Format,
        title: "Only layout changed",
        favours: "nobody",
        mirror: TextReformatted,
        explanation: "A text changed only in line breaks, spacing or the style of quotation marks. The words are the same.",
    }
    NumberChangedInText = "number-changed-in-text" {
        materiality: Substantive,
        family: Wording,
        title: "A number changed inside prose",
        favours: "nobody in particular",
        mirror: None,
        explanation: "A number written in prose outside a clause's wording (notes, a definition, a party's details) changed, or a change brings in number words that disagree with the digits beside them (\"thirty (60) days\"): one of the two is wrong, and which one binds is a question for a court. Numbers in a clause's wording are read by the prose stage (amounts, caps, rates, deadlines, notice periods, dates); one it cannot explain is part of a `text-changed` finding.",
    }
    HiddenCharacters = "hidden-characters" {
        materiality: Commercial,
        family: Wording,
        title: "Invisible or look-alike characters",
        favours: "nobody in particular",
        mirror: None,
        explanation: "A changed value contains invisible characters (zero-width, byte-order mark, soft hyphen, bidirectional controls as in the Trojan Source attack, CVE-2021-42574) or mixes scripts within a word (a Cyrillic \"а\" in \"Microsoft\"). Such text reads the same as what it replaces while meaning, matching or sorting differently.",
    }
    UnclassifiedChange = "unclassified-change" {
        materiality: Substantive,
        family: Wording,
        title: "A change no rule classifies",
        favours: "nobody in particular",
        mirror: UnclassifiedChange,
        explanation: "Two values differ and no other rule understands the change. It is reported so that silence never looks like safety: read it yourself.",
    }
    PartyNameCorrected = "party-name-corrected" {
        materiality: Administrative,
        family: Party,
        title: "A party's name was corrected",
        favours: "nobody",
        mirror: PartyNameCorrected,
        explanation: "A party kept its key and its name changed only in spelling (one or two letters), punctuation, a legal suffix (Inc., LLC, Ltd., Corp., PBC...) or by spelling out its initials (\"WG, Inc.\" → \"Willcox & Gibbs, Inc.\"): the same party, written better. Any other change of name is `party-renamed`, which may be an assignment to a different legal entity.",
    }
    FirstDisclosed = "first-disclosed" {
        materiality: Substantive,
        family: Clause,
        title: "A term existing before is disclosed for the first time",
        favours: "nobody",
        mirror: None,
        explanation: "A clause appears that carries `disclosed: DATE`: the term existed before and this version is the first to make it public (an announcement revealing an arrangement already in force). It is reported as a disclosure, not as a new term: no party gains or loses by it, and its fields are not compared with an earlier version that did not state them.",
    }
    ClauseSplit = "clause-split" {
        materiality: Administrative,
        family: Format,
        title: "A clause was split in two",
        favours: "nobody",
        mirror: ClauseMerged,
        explanation: "The closing words of a clause are now a clause of their own (a paragraph split, a lead-in turned into a title), word for word. The words did not change, so neither did the meaning; any other change to either clause is reported as well.",
    }
    ClauseMerged = "clause-merged" {
        materiality: Administrative,
        family: Format,
        title: "Two clauses were joined",
        favours: "nobody",
        mirror: ClauseSplit,
        explanation: "A clause now ends with the words of the clause that followed it, which is gone (two paragraphs joined into one), word for word. The words did not change, so neither did the meaning; any other change is reported as well.",
    }
    ReferenceBroken = "reference-broken" {
        materiality: Substantive,
        family: Reference,
        title: "A cross-reference points elsewhere or nowhere",
        favours: "nobody in particular",
        mirror: None,
        explanation: "A clause refers to another by its number (\"Section 8\", \"Section D.4\", \"subsection (b)\"), and the clause it named in the old version is no longer the one with that number: it was renumbered or removed, so the same words now point at a different clause, or at none. Renumbering is harmless in itself; a reference that silently changes target is not. Fix the number, or confirm the new target is meant.",
    }
    LinkChanged = "link-changed" {
        materiality: Administrative,
        family: Reference,
        title: "A link's target changed",
        favours: "nobody",
        mirror: LinkChanged,
        explanation: "The links of a clause (`links:`, read from a document's Markdown links as `text <url>`) changed while the visible words stayed the same: typically a moved page or a new URL for the same policy. Read the new target if the linked document is incorporated by reference; a change of the visible text is reported as a change of wording.",
    }
    EffortsWeakened = "efforts-weakened" {
        materiality: Substantive,
        family: Obligation,
        title: "An efforts standard was weakened",
        favours: "the party whose efforts are owed",
        mirror: EffortsStrengthened,
        explanation: "The prose lowers the standard of an obligation on the efforts ladder (best efforts > reasonable best efforts > commercially reasonable efforts > reasonable efforts > good-faith efforts), or turns an absolute obligation into one of efforts only. The obligor owes less: it favours the obligor.",
    }
    EffortsStrengthened = "efforts-strengthened" {
        materiality: Substantive,
        family: Obligation,
        title: "An efforts standard was strengthened",
        favours: "the other party",
        mirror: EffortsWeakened,
        explanation: "The prose raises the standard of an obligation on the efforts ladder (best efforts > reasonable best efforts > commercially reasonable efforts > reasonable efforts > good-faith efforts), or drops the efforts standard so that the obligation is absolute. The obligor owes more: it favours the other party.",
    }
    DiscretionWidened = "discretion-widened" {
        materiality: Substantive,
        family: Obligation,
        title: "A party's discretion was widened",
        favours: "the party whose discretion it is",
        mirror: DiscretionNarrowed,
        explanation: "A decision the prose leaves to one party is now in its sole or absolute discretion where it was reasonable (or unqualified), or a discretion was added. The party deciding need justify less: it favours that party.",
    }
    DiscretionNarrowed = "discretion-narrowed" {
        materiality: Substantive,
        family: Obligation,
        title: "A party's discretion was narrowed",
        favours: "the other party",
        mirror: DiscretionWidened,
        explanation: "A decision the prose leaves to one party must now be reasonable where it was sole or absolute, or the discretion is gone. It favours the other party.",
    }
    QualifierAdded = "qualifier-added" {
        materiality: Substantive,
        family: Obligation,
        title: "A qualifier was added",
        favours: "depends on what it qualifies",
        mirror: QualifierRemoved,
        explanation: "A word that narrows what a sentence covers (\"material\", \"reasonable\", \"to its knowledge\", \"solely\", \"only\") or widens it (\"without limitation\", \"any and all\") was added. Narrowing a duty favours the party who owes it; narrowing a right or protection disfavours the party who holds it. Where the sentence names no party, no party is named.",
    }
    QualifierRemoved = "qualifier-removed" {
        materiality: Substantive,
        family: Obligation,
        title: "A qualifier was removed",
        favours: "depends on what it qualified",
        mirror: QualifierAdded,
        explanation: "A word that narrowed what a sentence covers (\"material\", \"reasonable\", \"to its knowledge\", \"solely\", \"only\") or widened it (\"without limitation\") was removed: the sentence now covers more (or less). The direction follows the duty or right it qualified, as for `qualifier-added`.",
    }
    ConjunctionChanged = "conjunction-changed" {
        materiality: Substantive,
        family: Scope,
        title: "\"and\" became \"or\" (or the reverse)",
        favours: "nobody in particular",
        mirror: ConjunctionChanged,
        explanation: "A list of conditions, triggers or items changed its conjunction: with \"or\" any one item is enough, with \"and\" all are needed. Whom it favours depends on who relies on the list, which the words rarely settle, so no party is named: read it.",
    }
    ExampleAdded = "example-added" {
        materiality: Substantive,
        family: Scope,
        title: "An example was added to a list of examples",
        favours: "nobody in particular",
        mirror: ExampleRemoved,
        explanation: "An item joined a list that only illustrates (\"such as\", \"like\", \"for example\", \"e.g.\", \"for instance\"). Examples do not set what the sentence covers, so no party is named; but a named example settles a doubt about that item, so the change is put to review rather than passed as harmless.",
    }
    ExampleRemoved = "example-removed" {
        materiality: Substantive,
        family: Scope,
        title: "An example was removed from a list of examples",
        favours: "nobody in particular",
        mirror: ExampleAdded,
        explanation: "An item left a list that only illustrates (\"such as\", \"like\", \"for example\", \"e.g.\", \"for instance\"). Examples do not set what the sentence covers, so the scope is not read as narrowed and no party is named; but a dropped example can be argued to be no longer covered, so the change is put to review rather than passed as harmless.",
    }
    TextEquivalent = "text-equivalent" {
        materiality: Clarification,
        family: Format,
        title: "Wording changed without changing meaning",
        favours: "nobody",
        mirror: TextEquivalent,
        explanation: "The wording changed only in ways shown not to alter meaning: punctuation, capitalisation, a spelling variant (licence/license), number words against numerals of equal value (\"thirty (30) days\" / \"30 days\"), a typo fixed (a word one or two letters apart that is not a word of its own meaning such as not/now), a document named by its terms (\"under the terms of the licence\" / \"under the licence\"), sentences moved within the clause, or a term said once for each party by name (\"Acme shall …, and Beta shall …\") now said once for \"each party\" (or the reverse) in the same words. Every other change of wording is explained by a rule or reported as `text-changed`.",
    }
    TextContradictsFields = "text-contradicts-fields" {
        materiality: Substantive,
        family: Wording,
        title: "The wording and a typed field now disagree",
        favours: "nobody: a reader must decide which governs",
        mirror: None,
        explanation: "A clause has both typed fields and wording, and the new version makes them disagree where the old \
                      version did not: the wording says \"non-exclusive\" while `exclusive: true`; it runs \"through 2032\" \
                      while `until` says 2030; it states a sum or a percentage other than the typed amount, cap, minimum, \
                      value, rate or stake; or it no longer mentions a carve-out (`exclusions`, `exceptions`, `unless`) that \
                      the old wording mentioned and the typed field still lists. Only what is certain is claimed: one \
                      polarity of exclusivity words, one stated end, exactly one sum (or percentage) not hedged \
                      (\"about\", \"up to\") in the field's currency. Which of the two governs is a question for a reader, \
                      so the finding favours nobody. `agreement-diff check` warns of the same disagreements in one file \
                      (a dropped carve-out needs two versions).",
    }
    AddressChanged = "address-changed" {
        materiality: Administrative,
        family: Metadata,
        title: "A postal address in the wording changed",
        favours: "nobody",
        mirror: AddressChanged,
        explanation: "A sentence changed only in a postal address (house or suite number, street, floor): typically where notices are to be sent. Only read in a sentence about where mail goes (notices, attention, address, mail, correspondence, contact), and only when every changed word lies in an address: from its first house, suite or box number on, in a stretch of numbers, capitalised names and street or floor words that holds a street or floor word (an entity's name such as \"Gamma Holdings\" is never part of it); a change of who receives the notice, or of anything else in the sentence, is reported by its own rule or put to review.",
    }
    ReferenceRenamed = "reference-renamed" {
        materiality: Clarification,
        family: Reference,
        title: "A linked document was renamed; the link is the same",
        favours: "nobody",
        mirror: ReferenceRenamed,
        explanation: "A sentence changed only in the visible name of a linked document (\"Conditions of Use\" → \"Acceptable Use Policy\") while the link still points to the same address: the wording refers to the same page as before. What that page says is outside the comparison (it can change with or without a rename), so read it if it is incorporated by reference. Read only when the rest of the sentence is word for word the same and both names are names of documents (capitalised words ending in a document's noun such as Policy, Terms, Notice or Conditions; no duty, right or negation) naming the same parties: a link called \"Laws of England\" renamed \"Laws of Delaware\" is a change of wording. A new link target is `link-changed`; a different document is a change of wording for review.",
    }
    // new rules go above this line (scripts/new-rule.sh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_in_enum_order() {
        let mut seen = std::collections::HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.rule as usize, i, "{}", r.id);
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", r.id);
            assert!(!r.explanation.is_empty());
        }
    }

    #[test]
    fn mirrors_are_symmetric() {
        for r in RULES {
            if let Some(m) = r.mirror {
                assert_eq!(m.info().mirror, Some(r.rule), "{} ↔ {}", r.id, m.id());
            }
        }
    }
}
