//! Two aligned sentences: what changed in meaning, and for whom.
//!
//! The canonical words of the two sentences are diffed (Myers, on words).
//! Each detector claims the changed words it explains and says what the
//! change means; changed words that no detector claims are left for the
//! caller to report as an unexplained wording change.

use similar::{Algorithm, DiffOp};

use super::frame::{Actor, Actors, Frame, Modality, is_condition_word, lemma, same_verb};
use super::tokens::{Kind, Word};
use super::{Change, Sentence};
use crate::rules::{Materiality, Rule};

/// The efforts ladder, strongest first.
const EFFORTS: &[(&[&str], u8, &str)] = &[
    (&["reasonable", "best", "efforts"], 4, "reasonable best efforts"),
    (&["reasonable", "best", "endeavors"], 4, "reasonable best endeavours"),
    (&["best", "efforts"], 5, "best efforts"),
    (&["best", "endeavors"], 5, "best endeavours"),
    (&["commercially", "reasonable", "efforts"], 3, "commercially reasonable efforts"),
    (&["commercially", "reasonable", "endeavors"], 3, "commercially reasonable endeavours"),
    (&["reasonable", "efforts"], 2, "reasonable efforts"),
    (&["reasonable", "endeavors"], 2, "reasonable endeavours"),
    (&["good", "faith", "efforts"], 1, "good-faith efforts"),
    (&["good-faith", "efforts"], 1, "good-faith efforts"),
];

/// Discretion, widest first.
const DISCRETION: &[(&[&str], u8, &str)] = &[
    (&["sole", "and", "absolute", "discretion"], 3, "sole and absolute discretion"),
    (&["absolute", "discretion"], 3, "absolute discretion"),
    (&["sole", "discretion"], 3, "sole discretion"),
    (&["reasonable", "discretion"], 1, "reasonable discretion"),
    (&["discretion"], 2, "discretion"),
];

/// Words that carve out or condition what a sentence says.
const EXCEPTIONS: &[&[&str]] =
    &[&["except"], &["excluding"], &["other", "than"], &["save"], &["notwithstanding"], &["but", "not"]];
const CONDITIONS: &[&[&str]] = &[
    &["unless"],
    &["provided", "that"],
    &["provided", "however"],
    &["only", "if"],
    &["if"],
    &["subject", "to"],
    &["to", "the", "extent"],
    &["on", "condition", "that"],
    &["conditional", "upon"],
    &["conditioned", "on"],
    &["as", "long", "as"],
    &["so", "long", "as"],
    &["when"],
    &["after"],
    &["upon"],
];
/// Times that condition what follows them ("The first time you subscribe,
/// if you cancel within 30 days, you may request a refund"): words added
/// to or dropped from one change when the sentence applies. Only read to
/// place a changed run in its condition, never counted as a condition of
/// their own ("for the first time" is no condition added).
const TIME_CONDITIONS: &[&[&str]] = &[&["the", "first", "time"], &["each", "time"], &["every", "time"], &["whenever"]];

/// Qualifiers that narrow what they qualify (knowledge, materiality,
/// reasonableness) or widen it ("without limitation").
const QUALIFIERS: &[(&[&str], bool, &str)] = &[
    (&["to", "the", "best", "of", "its", "knowledge"], true, "to the best of its knowledge"),
    (&["to", "its", "knowledge"], true, "to its knowledge"),
    (&["knowingly"], true, "knowingly"),
    (&["material"], true, "material"),
    (&["materially"], true, "materially"),
    (&["reasonable"], true, "reasonable"),
    (&["reasonably"], true, "reasonably"),
    (&["solely"], true, "solely"),
    (&["only"], true, "only"),
    (&["substantially"], true, "substantially"),
    (&["without", "limitation"], false, "without limitation"),
    (&["including", "but", "not", "limited", "to"], false, "including but not limited to"),
    (&["any", "and", "all"], false, "any and all"),
];

/// What a party must obtain from another before it acts.
const CONSENTS: &[&str] = &["approval", "consent", "authorization", "permission"];

/// Words of a cap on liability or on an amount.
const CAP_WORDS: &[&str] = &["exceed", "liability", "liable", "cap", "maximum", "aggregate", "limited", "up"];

/// The state of one comparison: the words each side has explained.
pub(super) struct Pair<'a> {
    pub o: &'a Sentence,
    pub n: &'a Sentence,
    pub actors: &'a Actors,
    /// Changed words on each side, and whether something explained them.
    old_changed: Vec<bool>,
    new_changed: Vec<bool>,
    old_done: Vec<bool>,
    new_done: Vec<bool>,
    /// One-for-one replacements (old word, new word).
    replaced: Vec<(usize, usize)>,
    /// Words the diff kept (old word, new word).
    kept: Vec<(usize, usize)>,
    pub out: Vec<Change>,
    /// The two sentences are one term for each party, said once or twice.
    pub mirrored: bool,
    /// Ownership moved (from, to): a grant that moved with it is part of it.
    owner_moved: Option<(Actor, Actor)>,
}

impl<'a> Pair<'a> {
    pub fn new(o: &'a Sentence, n: &'a Sentence, actors: &'a Actors) -> Pair<'a> {
        let a: Vec<&str> = o.words.iter().map(|w| w.norm.as_str()).collect();
        let b: Vec<&str> = n.words.iter().map(|w| w.norm.as_str()).collect();
        let mut old_changed = vec![false; a.len()];
        let mut new_changed = vec![false; b.len()];
        let mut replaced = Vec::new();
        let (mut old_done, mut new_done) = (vec![false; a.len()], vec![false; b.len()]);
        let mut kept = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
        let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline));
        // "an d" → "and", "e mail" → "email": words whose letters are the same, only a
        // space moved, are a typo (the diff gives them as one replacement, or as a
        // deletion next to an insertion).
        for (k, op) in ops.iter().enumerate() {
            let pair = match (op, ops.get(k + 1)) {
                (DiffOp::Replace { old_index, old_len, new_index, new_len }, _) => {
                    Some((*old_index..old_index + old_len, *new_index..new_index + new_len))
                }
                (DiffOp::Delete { old_index, old_len, .. }, Some(DiffOp::Insert { new_index, new_len, .. }))
                | (DiffOp::Insert { new_index, new_len, .. }, Some(DiffOp::Delete { old_index, old_len, .. })) => {
                    Some((*old_index..old_index + old_len, *new_index..new_index + new_len))
                }
                _ => None,
            };
            // A modal or a negation joined or split ("may be" → "maybe", "can not" →
            // "cannot") is left for a reader: those words carry the duty.
            let plain = |w: &[&str]| w.iter().all(|w| !modal_word(w) && !matches!(*w, "not" | "no" | "never"));
            if let Some((x, y)) = pair
                && x.len() + y.len() > 2
                && plain(&a[x.clone()])
                && plain(&b[y.clone()])
                && {
                    // The words as written (a norm folds "an" into "a"), without their spaces.
                    let letters = |s: &Sentence, r: &std::ops::Range<usize>| {
                        s.text_of(r.start, r.end)
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .flat_map(char::to_lowercase)
                            .collect::<String>()
                    };
                    letters(o, &x) == letters(n, &y)
                }
            {
                old_done[x].fill(true);
                new_done[y].fill(true);
            }
        }
        for op in ops {
            match op {
                DiffOp::Equal { old_index, new_index, len } => {
                    kept.extend((0..len).map(|k| (old_index + k, new_index + k)));
                }
                DiffOp::Delete { old_index, old_len, .. } => old_changed[old_index..old_index + old_len].fill(true),
                DiffOp::Insert { new_index, new_len, .. } => new_changed[new_index..new_index + new_len].fill(true),
                DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                    old_changed[old_index..old_index + old_len].fill(true);
                    new_changed[new_index..new_index + new_len].fill(true);
                    for k in 0..old_len.min(new_len) {
                        replaced.push((old_index + k, new_index + k));
                    }
                }
            }
        }
        Pair {
            o,
            n,
            actors,
            old_done,
            new_done,
            old_changed,
            new_changed,
            replaced,
            kept,
            out: Vec::new(),
            owner_moved: None,
            mirrored: false,
        }
    }

    /// Run every detector, most specific first.
    pub fn run(&mut self) {
        self.equivalents();
        if self.metadata() || self.mirrored() {
            return;
        }
        self.postal_address();
        self.payment_reversed();
        self.refundability();
        self.timing();
        self.exclusivity();
        self.efforts();
        self.discretion();
        self.run_rates();
        self.bounds();
        self.quantities();
        self.indemnity_scope();
        self.owners();
        self.modalities();
        self.tail_period();
        self.limiters();
        self.conjunction();
        self.qualifiers();
        self.consent_exception();
        self.formality();
        self.lists();
        self.condition_edits();
        self.merge_mirrored();
    }

    /// Two changes alike in all but their parties ("Notice period lengthened:
    /// from 30 days to 60 days", once for each party's notice) are one change
    /// that cuts both ways: the reader cannot tell them apart, and together
    /// they favour no one.
    fn merge_mirrored(&mut self) {
        let mut k = 0;
        while k < self.out.len() {
            let c = &self.out[k];
            let twin = (k + 1..self.out.len()).find(|&j| {
                let d = &self.out[j];
                d.rule == c.rule
                    && d.message == c.message
                    && !c.favours.is_empty()
                    && c.favours == d.disfavours
                    && c.disfavours == d.favours
            });
            if let Some(j) = twin {
                let d = self.out.remove(j);
                let c = &mut self.out[k];
                c.mixed = c.favours.iter().chain(&d.favours).cloned().collect();
                c.mixed.sort();
                c.mixed.dedup();
                c.favours.clear();
                c.disfavours.clear();
                for t in d.triggers {
                    if !c.triggers.contains(&t) {
                        c.triggers.push(t);
                    }
                }
            }
            k += 1;
        }
    }

    /// "Version 3.2, effective August 11, 2021" → "Version 3.3, …": the
    /// document's own version and dates.
    fn metadata(&mut self) -> bool {
        const WORDS: &[&str] = &[
            "version",
            "effective",
            "as",
            "of",
            "last",
            "updated",
            "revised",
            "modified",
            "date",
            "dated",
            "on",
            "v",
            "date:",
            "updated:",
            "this",
            "policy",
            "terms",
            "were",
            "was",
            "is",
        ];
        // "Version 3.2 …", "Last updated …". A bare "Effective <date>" is not read
        // as a version line: when terms take effect is for a reader to review
        // (tests/trust.rs: a date moved in prose is never graded harmless).
        let meta = |s: &Sentence| {
            s.words.iter().any(|w| matches!(w.norm.as_str(), "version" | "updated" | "revised"))
                && s.words.iter().all(|w| w.quantity.is_some() || WORDS.contains(&w.norm.as_str()))
        };
        if !meta(self.o) || !meta(self.n) {
            return false;
        }
        self.old_done.fill(true);
        self.new_done.fill(true);
        let m = format!(
            "The document's version line changed: \"{}\" → \"{}\".",
            self.o.text_of(0, self.o.words.len()),
            self.n.text_of(0, self.n.words.len())
        );
        self.push(Rule::MetadataChanged, m, Direction::None, Vec::new());
        true
    }

    /// "2 Harrison St. #175" → "149 New Montgomery Street, 4th Floor": a
    /// postal address changed. Read only when every changed word on both sides
    /// lies in an address (a stretch of house or suite numbers, capitalised
    /// names and street or floor words that holds a street or floor word):
    /// where mail goes is an administrative detail, not a right or a duty.
    fn postal_address(&mut self) {
        // Only where the sentence is about where mail goes: a street word elsewhere
        // ("the London Court of Arbitration", "100 Unit Licences") is no address.
        let about_mail = |s: &Sentence| {
            s.words.iter().any(|w| {
                matches!(
                    w.norm.trim_end_matches(':'),
                    "notice"
                        | "notices"
                        | "attn"
                        | "attention"
                        | "address"
                        | "addressed"
                        | "mail"
                        | "mailing"
                        | "correspondence"
                        | "contact"
                )
            })
        };
        if !about_mail(self.o) || !about_mail(self.n) {
            return;
        }
        let o = address_runs(self.o, &self.old_changed, &self.old_done, self.actors);
        let n = address_runs(self.n, &self.new_changed, &self.new_done, self.actors);
        let (Some(o), Some(n)) = (o, n) else { return };
        if o.is_empty() || n.is_empty() {
            return;
        }
        o.iter().for_each(|&(a, b)| self.claim_old(a, b));
        n.iter().for_each(|&(a, b)| self.claim_new(a, b));
        let show = |s: &Sentence, runs: &[(usize, usize)]| {
            runs.iter().map(|&(a, b)| s.text_of(a, b)).collect::<Vec<_>>().join(" … ")
        };
        let (was, now) = (show(self.o, &o), show(self.n, &n));
        let m = format!("A postal address changed: \"{was}\" is now \"{now}\".");
        self.push(Rule::AddressChanged, m, Direction::None, vec![was, now]);
    }

    /// Words added to or dropped from a condition ("if you cancel your
    /// account and request a refund within 30 days").
    fn condition_edits(&mut self) {
        for added in [true, false] {
            let side = if added { self.n } else { self.o };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            for (from, to) in runs(changed, done) {
                // A number replaced by another ("if Beta misses 3 payments" → "5 payments")
                // is no words added or dropped: which way it cuts depends on what the
                // condition triggers, so it is left for a reader, not said twice.
                let other = |k: usize| {
                    self.replaced
                        .iter()
                        .find(|&&(a, b)| if added { b == k } else { a == k })
                        .map(|&(a, b)| if added { a } else { b })
                };
                let numbers_swapped = (from..to).all(|k| {
                    side.words[k].quantity.is_some()
                        && other(k).is_some_and(|j| (if added { self.o } else { self.n }).words[j].quantity.is_some())
                });
                // Likewise any words replaced in a condition ("twice" → "three times",
                // "shipped" → "accepted", "a competitor" → "anyone"): a condition
                // reworded, not words added or dropped; whom it favours depends on what
                // the words mean, so no winner is read and a reader is asked to review.
                let reworded = (from..to).any(|k| other(k).is_some());
                if numbers_swapped || reworded {
                    continue;
                }
                // The condition word this run sits in, within its clause.
                let mut k = from;
                let mut cond = None;
                while k > 0 && from - k < 16 {
                    k -= 1;
                    if phrase_at(&side.words, k, CONDITIONS)
                        .or_else(|| phrase_at(&side.words, k, TIME_CONDITIONS))
                        .is_some()
                    {
                        cond = Some(k);
                        break;
                    }
                    if side.words[k + 1].after_break && k + 1 != from {
                        break;
                    }
                }
                let Some(c) = cond else { continue };
                // Words dropped from a condition and others put in it ("provided that Beta
                // notifies Acme" → "provided that Acme approves"): the condition reworded,
                // not one requirement added and another dropped. Whom it favours depends
                // on what the words mean: no winner, left for a reader.
                let (other_side, other_changed, other_done) = if added {
                    (self.o, &self.old_changed, &self.old_done)
                } else {
                    (self.n, &self.new_changed, &self.new_done)
                };
                let twin = self.kept.iter().find(|&&(a, b)| if added { b == c } else { a == c });
                if let Some(&(a, b)) = twin {
                    let j = if added { a } else { b };
                    // A word only made plural or singular ("Year" → "Years") is no rewording.
                    let inflected = |k: usize| {
                        self.replaced.iter().any(|&(a, b)| {
                            let (x, y) = if added { (a, b) } else { (b, a) };
                            x == k && lemma(&other_side.words[k].norm) == lemma(&side.words[y].norm)
                        })
                    };
                    if (j + 1..other_side.clause_end(j)).any(|k| other_changed[k] && !other_done[k] && !inflected(k)) {
                        continue;
                    }
                }
                // An "or" limb: "or misses a date" after the kept limb, or "fails to pay or"
                // before it. Either way one more (or one fewer) way to meet the condition.
                let looser = side.words[from].norm == "or" || (to - from > 1 && side.words[to - 1].norm == "or");
                // "unless Beta has not paid" → "unless Beta has paid": the condition is inverted.
                // A limb joined by "and" or "or" ("and does not cure it") is no inversion.
                let inverted = !matches!(side.words[from].norm.as_str(), "and" | "or")
                    && side.words[from..to].iter().any(|w| matches!(w.norm.as_str(), "not" | "no" | "never"));
                let tighter = added != looser;
                // "unless prevented by a strike" → "… or by Acme": an excuse widened, so
                // what it qualifies applies less often, as a condition tightened does.
                let excuse = side.words[c].norm == "unless";
                let applies_less = tighter != excuse;
                // "if Acme fails to deliver the Goods" → "… on time": words put into (or
                // taken out of) what a party fails to do change what counts as the
                // failure, and which way depends on the words ("on time" makes failing
                // easier, "other than by Force Majeure" harder): no winner is read. A word
                // put between a determiner and its noun ("any [undisputed] amount",
                // "any [material] obligation") restricts what is failed: fewer failures.
                let restricts = from > 0
                    && matches!(side.words[from - 1].norm.as_str(), "any" | "the" | "a" | "an" | "its" | "each")
                    && side.words.get(to).is_some_and(|w| !w.after_break && w.norm.chars().all(char::is_alphabetic))
                    && !side.words[from..to].iter().any(|w| w.after_break);
                let in_failure = !looser
                    && !excuse
                    && !restricts
                    && !matches!(side.words[from].norm.as_str(), "and" | "or")
                    && side.words[c..from].iter().any(|w| {
                        matches!(
                            w.norm.as_str(),
                            "fails" | "fail" | "failed" | "failure" | "breach" | "breaches" | "breached" | "violates"
                        )
                    });
                let frame = governed_frame(side, c, side.clause_end(c)).cloned();
                let costs = frame.as_ref().and_then(|f| qualified_costs(side, f, c));
                let direction = match (&frame, costs) {
                    _ if inverted || in_failure => Direction::None,
                    (Some(f), Some(costs)) if costs == applies_less => Direction::For(f.actor.clone()),
                    (Some(f), Some(_)) => Direction::Against(f.actor.clone()),
                    _ => Direction::None,
                };
                let what = side.text_of(from, to);
                let cond_text = side.text_of(c, side.clause_end(c));
                let (rule, m) = if in_failure {
                    let (rule, how) = if added {
                        (Rule::ConditionAdded, "now also says")
                    } else {
                        (Rule::ConditionRemoved, "no longer says")
                    };
                    (
                        rule,
                        format!(
                            "Condition changed: \"{cond_text}\" {how} \"{what}\"; whether that makes the failure easier or harder to meet depends on the words: review it."
                        ),
                    )
                } else if excuse {
                    // An item added to or dropped from an "unless": an exception widened or narrowed.
                    let (rule, noun) = if applies_less {
                        (Rule::ExceptionAdded, "widened")
                    } else {
                        (Rule::ExceptionRemoved, "narrowed")
                    };
                    let how = match (added, looser) {
                        (true, true) => "now also covers",
                        (false, true) => "no longer covers",
                        (true, false) => "now also requires",
                        (false, false) => "no longer requires",
                    };
                    (rule, format!("Exception {noun}: \"{cond_text}\" {how} \"{what}\"."))
                } else if tighter && !added {
                    // An "or" limb dropped: one way fewer to meet the condition.
                    (
                        Rule::ConditionAdded,
                        format!("Condition tightened: \"{cond_text}\" no longer accepts \"{what}\"."),
                    )
                } else if tighter {
                    (
                        Rule::ConditionAdded,
                        format!("Condition tightened: \"{cond_text}\" now also requires \"{what}\"."),
                    )
                } else if added {
                    (
                        Rule::ConditionRemoved,
                        format!("Condition loosened: \"{cond_text}\" now also accepts \"{what}\"."),
                    )
                } else {
                    (Rule::ConditionRemoved, format!("Condition loosened: \"{what}\" is no longer required."))
                };
                self.claim(added, from, to);
                self.push(rule, m, direction, vec![what]);
            }
        }
    }

    /// Where the words `from..to` of one side (the new one when `added`)
    /// stand, all changed and not yet explained, on the other side too: a
    /// phrase that moved within the sentence. The index of its first word there.
    fn moved_phrase(&self, added: bool, from: usize, to: usize) -> Option<usize> {
        let (side, other, changed, done) = if added {
            (self.n, self.o, &self.old_changed, &self.old_done)
        } else {
            (self.o, self.n, &self.new_changed, &self.new_done)
        };
        let want = &side.words[from..to];
        if want.len() < 2 {
            return None;
        }
        other
            .words
            .windows(want.len())
            .position(|win| win.iter().zip(want).all(|(w, x)| w.norm == x.norm))
            .filter(|&j| (j..j + want.len()).all(|i| changed[i] && !done[i]))
    }

    /// The changed words nothing explained: (old, new) word indices.
    pub fn unexplained(&self) -> (Vec<usize>, Vec<usize>) {
        let left = |changed: &[bool], done: &[bool]| -> Vec<usize> {
            (0..changed.len()).filter(|&k| changed[k] && !done[k]).collect()
        };
        (left(&self.old_changed, &self.old_done), left(&self.new_changed, &self.new_done))
    }

    fn claim_old(&mut self, from: usize, to: usize) {
        let to = to.min(self.old_done.len());
        self.old_done[from.min(to)..to].fill(true);
    }

    /// Claim words of the new side (`added`) or of the old one.
    fn claim(&mut self, added: bool, from: usize, to: usize) {
        if added {
            self.claim_new(from, to);
        } else {
            self.claim_old(from, to);
        }
    }

    fn claim_new(&mut self, from: usize, to: usize) {
        let to = to.min(self.new_done.len());
        self.new_done[from.min(to)..to].fill(true);
    }

    fn push(&mut self, rule: Rule, message: String, direction: Direction, triggers: Vec<String>) {
        let mut c = Change::of(rule, message, &direction, self.actors, triggers);
        (c.old, c.new) = (Some(self.o.span), Some(self.n.span));
        self.out.push(c);
    }

    /// "Fees are non-refundable" ↔ "Fees are refundable": a payer who may now
    /// (or may no longer) get its money back. The payer is the party a payment
    /// frame of the sentence binds, else, in terms a provider ("we") offers its
    /// users ("you"), "you"; otherwise the words do not say.
    fn refundability(&mut self) {
        let refundable = |w: &str| match w {
            "refundable" => Some(true),
            "non-refundable" | "nonrefundable" => Some(false),
            _ => None,
        };
        for (a, b, now) in self.flips(refundable) {
            let payer = self
                .n
                .frames
                .iter()
                .find(|f| f.verb == "pay" && matches!(f.actor, Actor::Party(_)))
                .map(|f| f.actor.clone())
                .or_else(|| self.addressed());
            let direction = match payer {
                Some(p) if now => Direction::For(p),
                Some(p) => Direction::Against(p),
                None => Direction::None,
            };
            let (rule, m) = if now {
                (Rule::RightGranted, "Refund right granted: what was non-refundable is now refundable.".to_string())
            } else {
                (Rule::RightRevoked, "Refund right removed: what was refundable is now non-refundable.".to_string())
            };
            self.old_done[a] = true;
            self.new_done[b] = true;
            let trig = vec![self.o.text_of(a, a + 1), self.n.text_of(b, b + 1)];
            self.push(rule, m, direction, trig);
        }
    }

    /// Replaced words that flip between the two sides of `class` ("refundable" /
    /// "non-refundable"): (old index, new index, the new side).
    fn flips(&self, class: impl Fn(&str) -> Option<bool>) -> Vec<(usize, usize, bool)> {
        self.replaced
            .iter()
            .filter_map(|&(a, b)| match (class(&self.o.words[a].norm), class(&self.n.words[b].norm)) {
                (Some(was), Some(now)) if was != now => Some((a, b, now)),
                _ => None,
            })
            .collect()
    }

    /// "pay the fee before delivery" → "after delivery": a duty that now falls
    /// later favours the party bound by it, one that falls earlier weighs on
    /// it. For a right or a restriction, whether later helps depends on what it
    /// is: the words do not say.
    fn timing(&mut self) {
        let when = |w: &str| match w {
            "before" | "prior" => Some(false),
            "after" | "following" => Some(true),
            _ => None,
        };
        for (a, b, now) in self.flips(when) {
            let frame = self.frame_near(b, false).cloned();
            // "expenses incurred after the Effective Date" limits what is covered,
            // not when a duty falls: only a duty's own verb right before it is timing.
            let own = frame.as_ref().is_some_and(|f| b > 0 && b <= f.action + 4 && f.action < b);
            let direction =
                match &frame {
                    Some(f) if own && f.modality == Modality::Obligation && matches!(f.actor, Actor::Party(_)) => {
                        if now { Direction::For(f.actor.clone()) } else { Direction::Against(f.actor.clone()) }
                    }
                    _ => Direction::None,
                };
            let what = self.n.text_of(b, (b + 4).min(self.n.clause_end(b)));
            let (rule, m) = if now {
                (Rule::DeadlineExtended, format!("Timing changed: now \"{what}\", where it was before it."))
            } else {
                (Rule::DeadlineShortened, format!("Timing changed: now \"{what}\", where it was after it."))
            };
            self.old_done[a] = true;
            self.new_done[b] = true;
            let trig = vec![self.o.text_of(a, a + 1), self.n.text_of(b, b + 1)];
            self.push(rule, m, direction, trig);
        }
    }

    /// The party the terms address as "you" when another speaks as "we".
    fn addressed(&self) -> Option<Actor> {
        self.actors.provider_and_user().map(|(_, you)| Actor::Party(you))
    }

    /// Typos: one word for another a letter or two apart, not a word
    /// that carries meaning on its own.
    fn equivalents(&mut self) {
        for &(a, b) in &self.replaced.clone() {
            let (x, y) = (&self.o.words[a], &self.n.words[b]);
            if x.quantity.is_some() || y.quantity.is_some() || is_function_word(&x.norm) || is_function_word(&y.norm) {
                continue;
            }
            if negation_pair(&x.norm, &y.norm) {
                continue;
            }
            if is_typo(&x.norm, &y.norm) {
                self.old_done[a] = true;
                self.new_done[b] = true;
            }
        }
        // "licensed under the licence" ↔ "licensed under the terms of the
        // licence": a document and its terms are one reference.
        for added in [true, false] {
            let side = if added { self.n } else { self.o };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            let mut found = Vec::new();
            for (from, to) in runs(changed, done) {
                let run: Vec<&str> =
                    side.words[from..to].iter().map(|w| w.norm.as_str()).filter(|w| *w != "the").collect();
                let terms = matches!(run.as_slice(), ["terms", "of"] | ["terms", "and", "conditions", "of"]);
                let before = side.words[..from].iter().rev().find(|w| w.norm != "the").map(|w| w.norm.as_str());
                let refers = matches!(before, Some("under" | "with" | "to" | "by"));
                if terms && refers && to < side.words.len() {
                    found.push((from, to));
                }
            }
            let done = if added { &mut self.new_done } else { &mut self.old_done };
            for (from, to) in found {
                done[from..to].fill(true);
            }
        }
    }

    /// "Each party shall keep the other party's information confidential" ↔
    /// "Acme shall keep Beta's information confidential, and Beta shall keep
    /// Acme's information confidential": one term for each party, said once
    /// or twice, means the same. Read only where the two halves, with each
    /// party's name in its role, are the mutual sentence word for word.
    fn mirrored(&mut self) -> bool {
        for old_mutual in [true, false] {
            let (m, s) = if old_mutual { (self.o, self.n) } else { (self.n, self.o) };
            if !m.frames.iter().any(|f| f.actor == Actor::Mutual) {
                continue;
            }
            let Some((a, b, sa, sb)) = s.frames.iter().enumerate().find_map(|(i, fa)| {
                let Actor::Party(a) = &fa.actor else { return None };
                let fb = s.frames[i + 1..].iter().find(|g| {
                    same_verb(&g.verb, &fa.verb) && g.modality == fa.modality && g.actor != fa.actor && !g.passive
                })?;
                let Actor::Party(b) = &fb.actor else { return None };
                let (sa, sb) = (fa.subject?.0, fb.subject?.0);
                (!fa.passive && sa < sb && s.words[sb - 1].norm == "and").then(|| (a.clone(), b.clone(), sa, sb))
            }) else {
                continue;
            };
            let (mut split, _) = self.roles(&s.words, 0, sa, &a, false);
            let (first, _) = self.roles(&s.words, sa, sb - 1, &a, false);
            let (rest, ends) = self.roles(&s.words, sb, s.words.len(), &b, false);
            if first.is_empty() || !rest.starts_with(&first) {
                continue;
            }
            split.extend_from_slice(&first);
            split.extend_from_slice(&rest[first.len()..]);
            let (mutual, _) = self.roles(&m.words, 0, m.words.len(), "", true);
            if split == mutual {
                self.old_done.fill(true);
                self.new_done.fill(true);
                self.mirrored = true;
                return true;
            }
            // The halves mirror each other, but the mutual sentence says more (or
            // less): the second half repeats the first, and the names are roles;
            // what else changed is read as usual.
            let end = ends[first.len() - 1];
            self.claim(old_mutual, sb - 1, end);
            self.claim_actor_words();
            let (done, words) =
                if old_mutual { (&mut self.old_done, &m.words) } else { (&mut self.new_done, &m.words) };
            for k in 0..words.len().saturating_sub(2) {
                if words[k].norm == "the" && words[k + 1].norm == "other" && words[k + 2].norm.starts_with("part") {
                    done[k..k + 3].fill(true);
                }
            }
            return false;
        }
        false
    }

    /// The words from `from` to `to` with each party named by its role: "<p>"
    /// for `p` (or, in a mutual sentence, "each party"), "<q>" for the other
    /// (or "the other party"); a possessive keeps its "'s".
    /// With the words, where each token ends.
    fn roles(&self, w: &[Word], from: usize, to: usize, p: &str, mutual: bool) -> (Vec<String>, Vec<usize>) {
        let mut out = Vec::new();
        let mut ends = Vec::new();
        let mut k = from;
        while k < to {
            if out.len() > ends.len() {
                ends.push(k);
            }
            let owns = |last: usize| if w[last].norm.ends_with("'s") { "'s" } else { "" };
            if mutual
                && w[k].norm == "the"
                && w.get(k + 1).is_some_and(|x| x.norm == "other")
                && k + 2 < to
                && w[k + 2].norm.starts_with("part")
            {
                out.push(format!("<q>{}", owns(k + 2)));
                k += 3;
                continue;
            }
            match self.actors.at(w, k) {
                Some((Actor::Mutual, len)) if mutual && w[k].norm != "neither" => {
                    out.push(format!("<p>{}", owns(k + len - 1)));
                    k += len;
                }
                Some((Actor::Party(key), len)) if !mutual => {
                    let role = if key == p { "<p>" } else { "<q>" };
                    out.push(format!("{role}{}", owns(k + len - 1)));
                    k += len;
                }
                _ => {
                    out.push(w[k].norm.clone());
                    k += 1;
                }
            }
        }
        if out.len() > ends.len() {
            ends.push(k);
        }
        (out, ends)
    }

    /// "Beta shall pay Acme" → "Acme shall pay Beta".
    fn payment_reversed(&mut self) {
        let pays = |f: &Frame| is_payment(&f.verb) && matches!(f.actor, Actor::Party(_));
        for fo in self.o.frames.iter().filter(|f| pays(f)) {
            for fnew in self.n.frames.iter().filter(|f| pays(f) && same_verb(&f.verb, &fo.verb)) {
                let (Actor::Party(op), Actor::Party(np)) = (&fo.actor, &fnew.actor) else { continue };
                if op == np {
                    continue;
                }
                let payee_was = fo.object.clone().or_else(|| self.actors.other(op).map(|k| Actor::Party(k.into())));
                if payee_was.as_ref() != Some(&fnew.actor) {
                    continue;
                }
                // A reversal: the new payer did not pay before, and the old payer no longer pays.
                let pays_in = |frames: &[Frame], who: &Actor| {
                    frames.iter().any(|f| same_verb(&f.verb, &fo.verb) && &f.actor == who)
                };
                if pays_in(&self.o.frames, &fnew.actor) || pays_in(&self.n.frames, &fo.actor) {
                    continue;
                }
                let message = format!(
                    "Payment direction reversed: {} now {} {} (before, {} paid {}).",
                    self.name(np),
                    if fnew.modality == Modality::Obligation { "pays" } else { fnew.modality.phrase() },
                    fnew.object.as_ref().map_or_else(|| "the other party".to_string(), |a| self.actor_name(a)),
                    self.name(op),
                    self.name(np),
                );
                let trig =
                    vec![self.o.text_of(fo.modal.0, fo.action + 2), self.n.text_of(fnew.modal.0, fnew.action + 2)];
                self.push(Rule::PaymentDirectionReversed, message, Direction::Against(fnew.actor.clone()), trig);
                // The payer and payee words, wherever they stand.
                self.claim_actor_words();
                return;
            }
        }
    }

    /// Party names swapped between positions are explained by a reversal.
    fn claim_actor_words(&mut self) {
        // A party's name, and the "to" or "by" that marks its role ("paid by Beta to Acme").
        let marks = |w: &[Word], k: usize| k > 0 && matches!(w[k - 1].norm.as_str(), "to" | "by");
        for k in 0..self.o.words.len() {
            if let Some((_, len)) = self.actors.at(&self.o.words, k) {
                self.old_done[k..(k + len).min(self.o.words.len())].fill(true);
                if marks(&self.o.words, k) {
                    self.old_done[k - 1] = true;
                }
            }
        }
        for k in 0..self.n.words.len() {
            if let Some((_, len)) = self.actors.at(&self.n.words, k) {
                self.new_done[k..(k + len).min(self.n.words.len())].fill(true);
                if marks(&self.n.words, k) {
                    self.new_done[k - 1] = true;
                }
            }
        }
    }

    fn exclusivity(&mut self) {
        let level = |w: &[Word]| -> Option<(bool, usize)> {
            w.iter().enumerate().find_map(|(k, x)| match x.norm.as_str() {
                "non-exclusive" | "nonexclusive" => Some((false, k)),
                "non" if w.get(k + 1).is_some_and(|y| y.norm == "exclusive") => Some((false, k)),
                "exclusive" | "exclusively" if k == 0 || w[k - 1].norm != "non" => Some((true, k)),
                _ => None,
            })
        };
        let (Some((was, ko)), Some((now, kn))) = (level(&self.o.words), level(&self.n.words)) else { return };
        if was == now {
            return;
        }
        // "exclusive jurisdiction", "exclusive remedy": not a grant's exclusivity
        // (the change is left for review).
        let of = |w: &[Word], k: usize| {
            w[k..(k + 4).min(w.len())].iter().any(|x| {
                matches!(x.norm.as_str(), "jurisdiction" | "venue" | "forum" | "remedy" | "remedies" | "courts")
            })
        };
        if of(&self.o.words, ko) || of(&self.n.words, kn) {
            return;
        }
        let grant = self.n.frames.iter().chain(&self.o.frames).find(|f| f.modality == Modality::Grant).cloned();
        let grantor = grant.as_ref().map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
        let (rule, message, direction) = if was {
            let m = format!("Exclusivity dropped: the grant{} is now non-exclusive.", self.by(&grantor));
            (Rule::ExclusivityDropped, m, Direction::For(grantor))
        } else {
            let m = format!("Exclusivity added: the grant{} is now exclusive.", self.by(&grantor));
            (Rule::ExclusivityAdded, m, Direction::Against(grantor))
        };
        self.claim_old(ko, ko + 2);
        self.claim_new(kn, kn + 2);
        let trig = vec![self.o.words[ko].norm.clone(), self.n.words[kn].norm.clone()];
        self.push(rule, message, direction, trig);
    }

    fn efforts(&mut self) {
        let (o, n) = (find_ladder(&self.o.words, EFFORTS), find_ladder(&self.n.words, EFFORTS));
        let frame = match (o, n) {
            (Some((ko, ..)), None) => self.frame_near(ko, true),
            _ => self.frame_near(n.map(|x| x.0).unwrap_or(0), false),
        };
        let actor = frame.map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
        // An efforts standard that came or went with its duty ("shall use
        // reasonable efforts to mitigate" → "need not mitigate"), or with a
        // condition that named it ("provided that Acme uses reasonable efforts"),
        // says nothing about how hard a remaining duty binds: the duty or the
        // condition removed is the change.
        let bound =
            |side: &Sentence| side.frames.iter().any(|f| f.actor == actor && f.modality == Modality::Obligation);
        let in_condition = |side: &Sentence, k: usize| {
            side.words[..k]
                .iter()
                .rev()
                .take_while(|w| !w.after_break)
                .chain(side.words[..k].iter().rev().find(|w| w.after_break))
                .any(|w| is_condition_word(&w.norm))
        };
        let (rule, message, direction) = match (o, n) {
            (Some((ko, lo, no, a)), Some((kn, ln, nn, b))) if a != b => {
                self.claim_old(ko, ko + lo);
                self.claim_new(kn, kn + ln);
                let weaker = b < a;
                let m = format!(
                    "{}: {} now owes {} instead of {}.",
                    if weaker { "Efforts weakened" } else { "Efforts strengthened" },
                    self.actor_name(&actor),
                    nn,
                    no
                );
                let rule = if weaker { Rule::EffortsWeakened } else { Rule::EffortsStrengthened };
                (rule, m, if weaker { Direction::For(actor) } else { Direction::Against(actor) })
            }
            (Some((ko, lo, no, _)), None) if self.old_changed[ko] && bound(self.n) && !in_condition(self.o, ko) => {
                self.claim_old(ko, ko + lo);
                let m = format!(
                    "Efforts strengthened: the \"{no}\" standard is gone, so {}'s obligation is no longer limited to efforts.",
                    self.actor_name(&actor)
                );
                (Rule::EffortsStrengthened, m, Direction::Against(actor))
            }
            (None, Some((kn, ln, nn, _))) if self.new_changed[kn] && bound(self.o) && !in_condition(self.n, kn) => {
                self.claim_new(kn, kn + ln);
                let m = format!(
                    "Efforts weakened: {} now owes only {nn}, where before the obligation was absolute.",
                    self.actor_name(&actor)
                );
                (Rule::EffortsWeakened, m, Direction::For(actor))
            }
            _ => return,
        };
        self.push(rule, message, direction, vec![o.map_or("", |x| x.2).into(), n.map_or("", |x| x.2).into()]);
    }

    fn discretion(&mut self) {
        let (o, n) = (find_ladder(&self.o.words, DISCRETION), find_ladder(&self.n.words, DISCRETION));
        let (Some((ko, lo, no, a)), Some((kn, ln, nn, b))) = (o, n) else {
            if let Some((k, l, name, _)) = n.filter(|x| self.new_changed[x.0]) {
                let actor = self.frame_near(k, false).map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
                self.claim_new(k, k + l);
                let m = format!("Discretion widened: {} now acts in its {name}.", self.actor_name(&actor));
                self.push(Rule::DiscretionWidened, m, Direction::For(actor), vec![name.into()]);
            } else if let Some((k, l, name, _)) = o.filter(|x| self.old_changed[x.0]) {
                let actor = self.frame_near(k, true).map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
                self.claim_old(k, k + l);
                let m = format!("Discretion narrowed: {} no longer acts in its {name}.", self.actor_name(&actor));
                self.push(Rule::DiscretionNarrowed, m, Direction::Against(actor), vec![name.into()]);
            }
            return;
        };
        if a == b {
            return;
        }
        self.claim_old(ko, ko + lo);
        self.claim_new(kn, kn + ln);
        let actor = self.frame_near(kn, false).map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
        let wider = b > a;
        let m = format!(
            "Discretion {}: {} now acts in its {nn} (was {no}).",
            if wider { "widened" } else { "narrowed" },
            self.actor_name(&actor)
        );
        let (rule, d) = if wider {
            (Rule::DiscretionWidened, Direction::For(actor))
        } else {
            (Rule::DiscretionNarrowed, Direction::Against(actor))
        };
        self.push(rule, m, d, vec![no.into(), nn.into()]);
    }

    /// "1.5% per month" → "1.5% per year", "$1,000 per month" → "$10,000 per
    /// year": a recurring sum or rate whose period changed, compared as what
    /// it comes to in a year (the brief: recurring amounts compare as run
    /// rates). The same run rate at another interval is a change of when money
    /// is paid, which is left for review.
    fn run_rates(&mut self) {
        let candidates: Vec<(usize, usize)> = self.replaced.iter().chain(&self.kept).copied().collect();
        for (a, b) in candidates {
            let (Some(x), Some(y)) = (&self.o.words[a].quantity, &self.n.words[b].quantity) else { continue };
            let percent = match (&x.kind, &y.kind) {
                (Kind::Percent, Kind::Percent) => true,
                (Kind::Money(c), Kind::Money(d)) if c == d => false,
                _ => continue,
            };
            let (Some((fo, lo)), Some((fnew, ln))) = (period(&self.o.words, a + 1), period(&self.n.words, b + 1))
            else {
                continue;
            };
            let (was, now) = (x.value * fo, y.value * fnew);
            if fo == fnew || was == now {
                continue;
            }
            let up = now > was;
            let yearly = |q: &super::tokens::Quantity, v: f64| {
                super::tokens::Quantity { value: v, inconsistent: false, digits: None, ..q.clone() }.show()
            };
            let (old_q, new_q) = (self.o.text_of(a, a + 1 + lo), self.n.text_of(b, b + 1 + ln));
            let (what, rule) = match (percent, up) {
                (true, true) => ("Rate increased", Rule::RateIncreased),
                (true, false) => ("Rate decreased", Rule::RateDecreased),
                (false, true) => ("Amount increased", Rule::AmountIncreased),
                (false, false) => ("Amount decreased", Rule::AmountDecreased),
            };
            let m = format!("{what}: from {old_q} to {new_q} (in a year: {}, was {}).", yearly(y, now), yearly(x, was));
            let direction = self.paid_direction(b, percent, up);
            self.claim_old(a, a + 1 + lo);
            self.claim_new(b, b + 1 + ln);
            self.push(rule, m, direction, vec![old_q, new_q]);
        }
    }

    /// "at least $5,000" → "at most $5,000": a floor on what a party must pay
    /// or do made a ceiling (or back). Whatever the figures, a ceiling weighs
    /// less on the party bound than a floor: it may now do less, never must do
    /// more. Read for a party's duty only; a floor on what the actor is paid
    /// ("shall charge at least"), or one inside a condition, names no one.
    fn bounds(&mut self) {
        const FLOORS: &[&[&str]] = &[
            &["at", "least"],
            &["not", "less", "than"],
            &["no", "less", "than"],
            &["a", "minimum", "of"],
            &["minimum", "of"],
        ];
        const CEILINGS: &[&[&str]] = &[
            &["at", "most"],
            &["not", "more", "than"],
            &["no", "more", "than"],
            &["a", "maximum", "of"],
            &["maximum", "of"],
            &["up", "to"],
        ];
        // The bound right before word `k`: (floor, its first word).
        let bound = |w: &[Word], k: usize| {
            [(true, FLOORS), (false, CEILINGS)].into_iter().find_map(|(floor, list)| {
                list.iter().find(|p| k >= p.len() && phrase_matches(w, k - p.len(), p)).map(|p| (floor, k - p.len()))
            })
        };
        let candidates: Vec<(usize, usize)> = self.replaced.iter().chain(&self.kept).copied().collect();
        for (a, b) in candidates {
            let (Some(x), Some(y)) = (&self.o.words[a].quantity, &self.n.words[b].quantity) else { continue };
            let (Some((was_floor, ka)), Some((floor, kb))) = (bound(&self.o.words, a), bound(&self.n.words, b)) else {
                continue;
            };
            if was_floor == floor || self.old_done[a] || self.new_done[b] {
                continue;
            }
            let frame = self.frame_near(b, false).cloned();
            let conditional =
                frame.as_ref().is_some_and(|f| (f.modal.1..b).any(|k| is_condition_word(&self.n.words[k].norm)));
            let direction = match frame {
                Some(f)
                    if f.modality == Modality::Obligation
                        && f.action <= kb
                        && !receives(&f.verb)
                        && !conditional
                        && f.actor != Actor::Unknown =>
                {
                    if floor {
                        Direction::Against(f.actor)
                    } else {
                        Direction::For(f.actor)
                    }
                }
                _ => Direction::None,
            };
            let (rule, what) = match (&y.kind, floor) {
                (Kind::Money(_), true) => (Rule::AmountIncreased, "Maximum made a minimum"),
                (Kind::Money(_), false) => (Rule::AmountDecreased, "Minimum made a maximum"),
                (Kind::Percent, true) => (Rule::RateIncreased, "Maximum made a minimum"),
                (Kind::Percent, false) => (Rule::RateDecreased, "Minimum made a maximum"),
                (_, true) => (Rule::ModalityStrengthened, "Maximum made a minimum"),
                (_, false) => (Rule::ModalityWeakened, "Minimum made a maximum"),
            };
            let (old_b, new_b) =
                (format!("{} {}", self.o.text_of(ka, a), x.show()), format!("{} {}", self.n.text_of(kb, b), y.show()));
            let m = format!("{what}: \"{old_b}\" is now \"{new_b}\".");
            self.claim_old(ka, a + 1);
            self.claim_new(kb, b + 1);
            self.push(rule, m, direction, vec![old_b, new_b]);
        }
    }

    /// Amounts, rates, caps, deadlines, notice periods and dates.
    fn quantities(&mut self) {
        for (a, b) in self.replaced.clone() {
            // A sum whose period changed is compared as a run rate, or not at all.
            let per = |w: &[Word], k: usize| period(w, k + 1).map(|p| p.0);
            if self.old_done[a] || self.new_done[b] || per(&self.o.words, a) != per(&self.n.words, b) {
                continue;
            }
            let (Some(x), Some(y)) = (&self.o.words[a].quantity, &self.n.words[b].quantity) else { continue };
            // Sums in two currencies: which is worth more depends on the exchange rate.
            if let (Kind::Money(c), Kind::Money(d)) = (&x.kind, &y.kind)
                && c != d
            {
                let (old_q, new_q) = (x.show(), y.show());
                let m = format!(
                    "Currency changed: from {old_q} to {new_q}; which is worth more depends on the exchange rate."
                );
                self.old_done[a] = true;
                self.new_done[b] = true;
                self.push(Rule::CurrencyChanged, m, Direction::None, vec![old_q, new_q]);
                continue;
            }
            if !x.comparable(y) {
                continue;
            }
            let (old_q, new_q) = (x.show(), y.show());
            let up = y.magnitude() > x.magnitude();
            if y.magnitude() == x.magnitude() {
                continue;
            }
            let n = &self.n.words;
            let frame = self.frame_of_number(b).cloned();
            let actor = frame.as_ref().map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
            let near = |words: &[&str]| window(n, b, 10).any(|w| words.contains(&w.norm.as_str()));
            let (rule, message, direction) = match &y.kind {
                Kind::Money(_) if near(CAP_WORDS) && near(&["exceed", "limited", "cap", "maximum", "up"]) => {
                    // The party whose liability (or payment) is capped gains from a lower cap.
                    let liable = self.possessor_near(b).unwrap_or(actor);
                    let rule = if up { Rule::CapRaised } else { Rule::CapLowered };
                    let m = format!("Cap {}: from {old_q} to {new_q}.", if up { "raised" } else { "lowered" });
                    (rule, m, if up { Direction::Against(liable) } else { Direction::For(liable) })
                }
                Kind::Money(_) | Kind::Count if frame.as_ref().is_some_and(|f| is_payment(&f.verb)) => {
                    let rule = if up { Rule::AmountIncreased } else { Rule::AmountDecreased };
                    let m = format!("Amount {}: from {old_q} to {new_q}.", if up { "increased" } else { "decreased" });
                    (rule, m, self.paid_direction(b, false, up))
                }
                Kind::Money(_) => {
                    let rule = if up { Rule::AmountIncreased } else { Rule::AmountDecreased };
                    let m = format!("Amount {}: from {old_q} to {new_q}.", if up { "increased" } else { "decreased" });
                    (rule, m, Direction::None)
                }
                Kind::Percent => {
                    let rule = if up { Rule::RateIncreased } else { Rule::RateDecreased };
                    let m = format!("Rate {}: from {old_q} to {new_q}.", if up { "increased" } else { "decreased" });
                    (rule, m, self.paid_direction(b, true, up))
                }
                // "shall not exceed the Fees paid in the 12 months before the claim": the
                // period follows the cap it measures ("warrants the Goods for 12 months,
                // and its liability shall not exceed the Price" is a warranty period).
                Kind::Duration(_)
                    if (b.saturating_sub(16)..b).any(|k| {
                        matches!(n[k].norm.as_str(), "exceed" | "limited" | "cap")
                            && n[k.saturating_sub(24)..k]
                                .iter()
                                .any(|w| matches!(w.norm.as_str(), "liability" | "liable"))
                    }) =>
                {
                    // The look-back of a cap of fees: a longer one is a higher cap. The
                    // party capped is named before the cap ("Acme's total liability …
                    // shall not exceed").
                    let cap_at = (b.saturating_sub(16)..b)
                        .rev()
                        .find(|&k| matches!(n[k].norm.as_str(), "exceed" | "limited" | "cap"));
                    let liable =
                        cap_at.and_then(|k| self.possessor_near(k)).or_else(|| self.possessor_near(b)).unwrap_or(actor);
                    let rule = if up { Rule::CapRaised } else { Rule::CapLowered };
                    let m = format!(
                        "Cap {}: its look-back period went from {old_q} to {new_q}.",
                        if up { "raised" } else { "lowered" }
                    );
                    (rule, m, if up { Direction::Against(liable) } else { Direction::For(liable) })
                }
                Kind::Duration(_)
                    if frame.as_ref().is_some_and(|f| f.modality == Modality::Prohibition)
                        && !near(&["within", "notice"]) =>
                {
                    // How long a restriction lasts: longer weighs on the party restricted.
                    let rule = if up { Rule::TermExtended } else { Rule::TermShortened };
                    let m = format!(
                        "Restriction {}: from {old_q} to {new_q}.",
                        if up { "lengthened" } else { "shortened" }
                    );
                    (rule, m, if up { Direction::Against(actor) } else { Direction::For(actor) })
                }
                Kind::Duration(_) if near(&["cure", "cured", "remedy", "remedied"]) => {
                    // "fails to cure within 30 days after notice": the time the party in
                    // breach has to put it right; more of it favours that party.
                    let w = &self.n.words;
                    let cure = window(n, b, 10)
                        .position(|x| matches!(x.norm.as_str(), "cure" | "cured" | "remedy" | "remedied"))
                        .map(|p| b.saturating_sub(10) + p);
                    let cure = cure.filter(|&c| {
                        c < b
                            && !n[c..b]
                                .iter()
                                .any(|x| modal_word(&x.norm) || matches!(x.norm.as_str(), "and" | "refund"))
                    });
                    let curer = cure.and_then(|c| {
                        (c.saturating_sub(5)..c).rev().find_map(|k| self.actors.at(w, k).map(|(a, _)| a))
                    });
                    let rule = if up { Rule::DeadlineExtended } else { Rule::DeadlineShortened };
                    let m = format!(
                        "Cure period {}: from {old_q} to {new_q}.",
                        if up { "lengthened" } else { "shortened" }
                    );
                    let d = match curer {
                        Some(c) if up => Direction::For(c),
                        Some(c) => Direction::Against(c),
                        None => Direction::None,
                    };
                    (rule, m, d)
                }
                // "give Acme notice of any defect within 10 days": a deadline to give
                // notice (more time favours the party giving it), not a notice period.
                Kind::Duration(_)
                    if near(&["notice"])
                        && !(b.saturating_sub(2)..b)
                            .any(|k| matches!(n[k].norm.as_str(), "within" | "by" | "before")) =>
                {
                    let rule = if up { Rule::NoticeLengthened } else { Rule::NoticeShortened };
                    let m = format!(
                        "Notice period {}: from {old_q} to {new_q}.",
                        if up { "lengthened" } else { "shortened" }
                    );
                    // Notice burdens the party who must give it before acting.
                    let d = match self.notice_giver(b, frame.as_ref()) {
                        Some(g) if up => Direction::Against(g),
                        Some(g) => Direction::For(g),
                        None => Direction::None,
                    };
                    (rule, m, d)
                }
                Kind::Duration(_) if near(&["term", "period", "renew", "renews", "expire", "expires", "initial"]) => {
                    let rule = if up { Rule::TermExtended } else { Rule::TermShortened };
                    let m = format!("Term {}: from {old_q} to {new_q}.", if up { "extended" } else { "shortened" });
                    (rule, m, Direction::None)
                }
                Kind::Duration(_) => {
                    let rule = if up { Rule::DeadlineExtended } else { Rule::DeadlineShortened };
                    // The word before the period ("within thirty (30) days": up to three back).
                    let lead = (b.saturating_sub(3)..b).rev().map(|k| n[k].norm.as_str()).find(|w| {
                        matches!(*w, "within" | "by" | "before" | "than" | "in" | "for" | "after" | "during")
                    });
                    // A period inside a condition ("Acme may terminate if Beta fails to pay
                    // within 30 days"), or inside a failure that picks out what the frame
                    // acts on ("any Order that Beta has not confirmed within 5 days"), is
                    // not the time of the frame's actor: whom a change favours depends on
                    // the right it triggers, so no party.
                    let conditional = frame.as_ref().is_some_and(|f| {
                        (f.modal.1..b).any(|k| is_condition_word(&n[k].norm)) || failure_clause(n, f, b)
                    });
                    let modality = frame.as_ref().map(|f| f.modality);
                    let actor_name = self.actor_name(&actor);
                    // "a late fee on payments more than 10 days overdue": a threshold the
                    // frame needs passed, not a time to act; a longer one means the frame
                    // applies less ("no more than 30 days after" is a time limit).
                    let threshold = lead == Some("than")
                        && (b.saturating_sub(3)..b).rev().find(|&k| n[k].norm == "than").is_some_and(|t| {
                            t > 0
                                && matches!(n[t - 1].norm.as_str(), "more" | "longer")
                                && (t < 2 || !matches!(n[t - 2].norm.as_str(), "no" | "not"))
                        });
                    let (what, direction) = match lead {
                        _ if conditional => ("Time limit", Direction::None),
                        _ if threshold => (
                            "Threshold",
                            match modality {
                                Some(Modality::Obligation | Modality::Prohibition | Modality::Grant) => {
                                    if up {
                                        Direction::For(actor)
                                    } else {
                                        Direction::Against(actor)
                                    }
                                }
                                Some(Modality::Permission) => {
                                    if up {
                                        Direction::Against(actor)
                                    } else {
                                        Direction::For(actor)
                                    }
                                }
                                _ => Direction::None,
                            },
                        ),
                        // "keep it confidential for five years": how long a duty lasts; a
                        // shorter duty frees the bound party, a shorter grant or right
                        // takes from its holder.
                        Some("for" | "during") => match modality {
                            Some(Modality::Obligation | Modality::Prohibition | Modality::Grant) => {
                                ("Duration", if up { Direction::Against(actor) } else { Direction::For(actor) })
                            }
                            Some(Modality::Permission) => {
                                ("Duration", if up { Direction::For(actor) } else { Direction::Against(actor) })
                            }
                            _ => ("Duration", Direction::None),
                        },
                        // More time favours whoever must (or may) act within it.
                        Some(_) => ("Time limit", if up { Direction::For(actor) } else { Direction::Against(actor) }),
                        None => ("Time limit", Direction::None),
                    };
                    // Whose time it is, and to do what ("Acme's time to deliver"): two
                    // periods of one sentence changed alike read as two findings, each
                    // saying whose period it was.
                    let lead_at = (b.saturating_sub(3)..b)
                        .rev()
                        .find(|&k| matches!(n[k].norm.as_str(), "within" | "by" | "before" | "than" | "in" | "after"));
                    let whose = match (&direction, frame.as_ref(), lead_at) {
                        (Direction::For(Actor::Party(_)) | Direction::Against(Actor::Party(_)), Some(f), Some(l))
                            if what == "Time limit" && f.action < l && l - f.action <= 8 =>
                        {
                            // "deliver the Goods no more than 10 days after": the action without
                            // the words that bound the period.
                            let mut e = l;
                            while e > f.action + 1
                                && matches!(n[e - 1].norm.as_str(), "no" | "not" | "more" | "less" | "longer" | "later")
                            {
                                e -= 1;
                            }
                            format!("{actor_name}'s time to {}, ", self.n.text_of(f.action, e))
                        }
                        _ => String::new(),
                    };
                    let m = match what {
                        "Threshold" => format!(
                            "Threshold {}: from more than {old_q} to more than {new_q}.",
                            if up { "raised" } else { "lowered" }
                        ),
                        _ => format!(
                            "{what} {}: {whose}from {old_q} to {new_q}.",
                            if up { "extended" } else { "shortened" }
                        ),
                    };
                    (rule, m, direction)
                }
                Kind::Count
                    if let Some(f) = frame.as_ref().filter(|f| f.modal.0 < b)
                        && {
                            // A ceiling right before the number ("up to 5", "no more than 5") on what a
                            // right lets its holder do, or a prohibition forbids beyond ("may not
                            // create more than 5"), with no condition between the modal and it.
                            let before = |p: &[&str]| {
                                b >= p.len() && n[b - p.len()..b].iter().map(|w| w.norm.as_str()).eq(p.iter().copied())
                            };
                            let ceiling =
                                before(&["up", "to"]) || before(&["at", "most"]) || before(&["maximum", "of"]);
                            let conditional = (f.modal.1..b).any(|k| is_condition_word(&n[k].norm));
                            !conditional
                                && match f.modality {
                                    Modality::Permission | Modality::Grant => {
                                        ceiling || before(&["no", "more", "than"]) || before(&["not", "more", "than"])
                                    }
                                    Modality::Prohibition => ceiling || before(&["more", "than"]),
                                    _ => false,
                                }
                        } =>
                {
                    // A higher ceiling lets the holder do more: the party that may act, or
                    // for a grant the grantee ("Acme grants Beta a licence to install up
                    // to 5 copies" holds Beta's licence, not Acme's).
                    let holder = if f.modality == Modality::Grant { f.object.clone() } else { Some(f.actor.clone()) };
                    let rule = if up { Rule::ScopeWidened } else { Rule::ScopeNarrowed };
                    let m = format!(
                        "Limit {} from {old_q} to {new_q} on what {} may do: \"{}\".",
                        if up { "raised" } else { "lowered" },
                        holder.as_ref().map_or_else(|| "the holder".to_string(), |h| self.actor_name(h)),
                        self.n.text_of(f.action, self.n.clause_end(b)),
                    );
                    let d = match holder {
                        Some(h) if up => Direction::For(h),
                        Some(h) => Direction::Against(h),
                        None => Direction::None,
                    };
                    (rule, m, d)
                }
                Kind::Date | Kind::Year
                    if near(&["until", "through", "expire", "expires", "term", "terminate", "ends", "end"]) =>
                {
                    let rule = if up { Rule::TermExtended } else { Rule::TermShortened };
                    let m = format!("End date {}: from {old_q} to {new_q}.", if up { "later" } else { "earlier" });
                    (rule, m, Direction::None)
                }
                _ => continue,
            };
            self.old_done[a] = true;
            self.new_done[b] = true;
            self.push(rule, message, direction, vec![old_q, new_q]);
        }
    }

    /// "indemnify Acme against all claims" → "against third-party claims":
    /// a modifier put before (or taken from) what an indemnity covers. The
    /// claims it covers are then fewer (or more), which frees (or binds) the
    /// indemnitor. Read only where one side's changed words are a modifier of
    /// a few plain words right after "against", "from" or "for", and the
    /// other side's are nothing or "all" / "any (and all)", before the same
    /// noun; two different modifiers ("direct" → "third-party") are left for
    /// review.
    fn indemnity_scope(&mut self) {
        let indemnity = |s: &Sentence| {
            s.frames
                .iter()
                .find(|f| {
                    f.modality == Modality::Obligation && matches!(f.verb.as_str(), "indemnify" | "defend" | "hold")
                })
                .cloned()
        };
        let (Some(fo), Some(fnew)) = (indemnity(self.o), indemnity(self.n)) else { return };
        if fo.actor != fnew.actor || fo.actor == Actor::Unknown {
            return;
        }
        let (ro, rn) = (runs(&self.old_changed, &self.old_done), runs(&self.new_changed, &self.new_done));
        if ro.len() > 1 || rn.len() > 1 || ro.len() + rn.len() == 0 {
            return;
        }
        let quantifier = |w: &Word| matches!(w.norm.as_str(), "all" | "any" | "and");
        let plain = |s: &Sentence, (from, to): (usize, usize)| {
            to - from <= 4
                && from > 0
                && matches!(s.words[from - 1].norm.as_str(), "against" | "from" | "for")
                && s.words[from..to].iter().all(|w| {
                    w.quantity.is_none()
                        && !is_function_word(&w.norm)
                        && !EXCEPTIONS.iter().chain(CONDITIONS).any(|p| p[0] == w.norm)
                })
                && s.words[from + 1..to].iter().all(|w| !w.after_break)
                && (from..to).all(|k| self.actors.at(&s.words, k).is_none())
        };
        // (modifier side is new, its run, the other side's run if any)
        let (narrowed, run, other) = match (ro.first().copied(), rn.first().copied()) {
            (o, Some(n)) if plain(self.n, n) && o.is_none_or(|o| self.o.words[o.0..o.1].iter().all(quantifier)) => {
                (true, n, o)
            }
            (Some(o), n) if plain(self.o, o) && n.is_none_or(|n| self.n.words[n.0..n.1].iter().all(quantifier)) => {
                (false, o, n)
            }
            _ => return,
        };
        let (side, rest) = if narrowed { (self.n, self.o) } else { (self.o, self.n) };
        // The same noun after the modifier on both sides, unchanged, in the indemnity.
        let head = run.1;
        let frame = if narrowed { &fnew } else { &fo };
        if head >= side.words.len() || side.words[head].after_break || frame.action >= run.0 {
            return;
        }
        let rest_head = match other {
            Some((_, to)) => to,
            None => {
                let changed = if narrowed { &self.old_changed } else { &self.new_changed };
                // With nothing changed on that side, its noun is the one its diff kept.
                match (0..rest.words.len()).find(|&k| !changed[k] && rest.words[k].norm == side.words[head].norm) {
                    Some(k) => k,
                    None => return,
                }
            }
        };
        if rest.words.get(rest_head).is_none_or(|w| w.norm != side.words[head].norm) {
            return;
        }
        let rest_from = other.map_or(rest_head, |(from, _)| from);
        let (modified, plain_np) = (side.text_of(run.0, head + 1), rest.text_of(rest_from, rest_head + 1));
        let a = self.actor_name(&fo.actor);
        let (rule, m, d) = if narrowed {
            (
                Rule::ScopeNarrowed,
                format!("Indemnity narrowed: {a} now indemnifies against \"{modified}\" (was \"{plain_np}\")."),
                Direction::For(fo.actor.clone()),
            )
        } else {
            (
                Rule::ScopeWidened,
                format!("Indemnity widened: {a} now indemnifies against \"{plain_np}\" (was \"{modified}\")."),
                Direction::Against(fo.actor.clone()),
            )
        };
        for &(from, to) in ro.iter() {
            self.claim_old(from, to);
        }
        for &(from, to) in rn.iter() {
            self.claim_new(from, to);
        }
        let (was, now) = if narrowed { (plain_np, modified) } else { (modified, plain_np) };
        self.push(rule, m, d, vec![was, now]);
    }

    /// "Acme shall own the Deliverables" → "Beta shall own the Deliverables":
    /// what a party owns is now another party's, which favours the new owner.
    fn owners(&mut self) {
        let (Some((ko, Actor::Party(a), lo, vo)), Some((kn, Actor::Party(b), ln, vn))) =
            (super::owner(&self.o.words, self.actors), super::owner(&self.n.words, self.actors))
        else {
            return;
        };
        // The owner's name itself changed (not a statement moved within the sentence).
        if a == b || !(ko..ko + lo).any(|k| self.old_changed[k]) || !(kn..kn + ln).any(|k| self.new_changed[k]) {
            return;
        }
        let n = self.n;
        // What is owned: to the end of its clause, or to the next frame ("and grants Acme …").
        let next = n.frames.iter().map(|f| f.modal.0).find(|&k| k > vn);
        let mut end = n.clause_end(vn).min(next.unwrap_or(usize::MAX));
        while end > vn + 1 && matches!(n.words[end - 1].norm.as_str(), "and" | "or") {
            end -= 1;
        }
        let what = n.text_of(vn + 1, end);
        let what = what.trim_end_matches(['.', ';', ',', ':']);
        let verb = if n.words[vn].norm.starts_with("retain") { "retains" } else { "owns" };
        let (was, now) = (self.name(&a), self.name(&b));
        let (from, to) = (Actor::Party(a), Actor::Party(b));
        // "… and grants Beta a licence to use them" → "… and grants Acme …": the
        // owner licenses the other party, so the licence turned with the ownership.
        let grant_of = |s: &Sentence, by: &Actor, to: &Actor| {
            s.frames.iter().any(|f| f.modality == Modality::Grant && f.actor == *by && f.object.as_ref() == Some(to))
        };
        let turned = grant_of(self.o, &from, &to) && grant_of(n, &to, &from);
        let m = if turned {
            format!("{now} now {verb} {what} (was {was}), and the licence now runs from {now} to {was}.")
        } else {
            format!("{now} now {verb} {what} (was {was}).")
        };
        self.claim_old(ko, vo + 1);
        self.claim_new(kn, vn + 1);
        if turned {
            self.owner_moved = Some((from, to.clone()));
        }
        self.push(Rule::PartySubstituted, m, Direction::For(to), vec![was, now]);
    }

    /// Modality and actor of the same action, old against new.
    fn modalities(&mut self) {
        let mut used = vec![false; self.n.frames.len()];
        for fo in self.o.frames.clone() {
            let Some(j) = (0..self.n.frames.len()).find(|&j| !used[j] && same_verb(&self.n.frames[j].verb, &fo.verb))
            else {
                continue;
            };
            used[j] = true;
            let fnew = self.n.frames[j].clone();
            let (mo, mn) = (fo.modality, fnew.modality);
            if fo.actor != fnew.actor && fo.actor != Actor::Unknown && fnew.actor != Actor::Unknown && mo == mn {
                if is_payment(&fo.verb) && self.out.iter().any(|c| c.rule == Rule::PaymentDirectionReversed) {
                    continue;
                }
                // "Each party shall keep …" ↔ "Acme shall keep …, and Beta shall keep
                // …": the term binds each party on both sides; nobody took it over.
                let mirror = |side: &Sentence, f: &Frame| {
                    let Actor::Party(key) = &f.actor else { return false };
                    let Some(other) = self.actors.other(key) else { return false };
                    side.frames.iter().any(|g| {
                        g.actor == Actor::Party(other.to_string())
                            && g.modality == f.modality
                            && same_verb(&g.verb, &f.verb)
                    })
                };
                if fo.actor == Actor::Mutual && mirror(self.n, &fnew)
                    || fnew.actor == Actor::Mutual && mirror(self.o, &fo)
                {
                    self.claim_actor_words();
                    continue;
                }
                // A licence that turned with the ownership is said with it.
                if mo == Modality::Grant && self.owner_moved == Some((fo.actor.clone(), fnew.actor.clone())) {
                    self.claim_actor_words();
                    self.claim_old(fo.modal.0, fo.action);
                    self.claim_new(fnew.modal.0, fnew.action);
                    continue;
                }
                // A passive ("shall be determined by Beta") is said as written: its
                // action reads "be determined by …", not what the agent must do.
                let passive = fo.passive || fnew.passive;
                let m = if passive {
                    format!(
                        "{} now acts where {} did: \"{}\".",
                        self.actor_name(&fnew.actor),
                        self.actor_name(&fo.actor),
                        self.n.text_of(fnew.modal.0, self.n.clause_end(fnew.action))
                    )
                } else {
                    format!(
                        "{} now {} {} (was {}).",
                        self.actor_name(&fnew.actor),
                        mn.phrase(),
                        self.n.action_text(&fnew),
                        self.actor_name(&fo.actor)
                    )
                };
                // A duty moving away relieves the old actor; a right moving away costs it.
                // From each party to one ("either party may" → "Acme may"): the others
                // lose the right (or shed the duty), so the one left gains (or bears) it;
                // from one to each party, the reverse.
                // "shall be determined by Acme", "shall be approved by Acme": a passive
                // duty often names who decides, a power, not a burden; whom moving it
                // favours the words do not show (a payment's payer they do).
                let d = match (&fo.actor, &fnew.actor) {
                    _ if passive && !is_payment(&fo.verb) && fo.modality != Modality::Grant => Direction::None,
                    (Actor::Mutual, one @ Actor::Party(_)) if mo.costs_actor() => Direction::Against(one.clone()),
                    (Actor::Mutual, one @ Actor::Party(_)) => Direction::For(one.clone()),
                    (one @ Actor::Party(_), Actor::Mutual) if mo.costs_actor() => Direction::For(one.clone()),
                    (one @ Actor::Party(_), Actor::Mutual) => Direction::Against(one.clone()),
                    _ if mo.costs_actor() => Direction::For(fo.actor.clone()),
                    _ => Direction::Against(fo.actor.clone()),
                };
                self.claim_actor_words();
                // The modal words that carried the negation of "neither" go with the subject.
                self.claim_old(fo.modal.0, fo.action);
                self.claim_new(fnew.modal.0, fnew.action);
                self.push(Rule::PartySubstituted, m, d, vec![self.actor_name(&fo.actor), self.actor_name(&fnew.actor)]);
                continue;
            }
            if mo == mn || !self.modal_changed(&fo, &fnew) {
                continue;
            }
            // "Acme may control the defence" → "Beta will control the defence": who
            // acts and how both changed. One party lost a right and the other took a
            // duty (or the like); whom that favours depends on what the action is
            // worth, which the words do not say.
            if fo.actor != fnew.actor && matches!(fo.actor, Actor::Party(_)) && matches!(fnew.actor, Actor::Party(_)) {
                let m = format!(
                    "Who acts and how changed: {} now {} {} (before, {} {} {}); whom that favours depends on what the action is worth.",
                    self.actor_name(&fnew.actor),
                    mn.phrase(),
                    self.n.action_text(&fnew),
                    self.actor_name(&fo.actor),
                    mo.phrase(),
                    self.o.action_text(&fo),
                );
                self.claim_actor_words();
                self.claim_old(fo.modal.0, fo.action);
                self.claim_new(fnew.modal.0, fnew.action);
                self.push(
                    Rule::PartySubstituted,
                    m,
                    Direction::None,
                    vec![self.actor_name(&fo.actor), self.actor_name(&fnew.actor)],
                );
                continue;
            }
            let who = if fnew.actor == Actor::Unknown { fo.actor.clone() } else { fnew.actor.clone() };
            let action = self.n.action_text(&fnew);
            let a = self.actor_name(&who);
            // "shall not unreasonably withhold consent": the adverb between the
            // modal and the action was part of what the old words said.
            let was = match self.o.manner(&fo) {
                manner if manner.is_empty() => format!("{a} {}", mo.phrase()),
                manner => format!("{a} {} {manner} {}", mo.phrase(), self.o.action_text(&fo)),
            };
            use Modality::*;
            let (rule, message, direction) = match (mo, mn) {
                (Prohibition, Permission) | (Prohibition, NoDuty) => (
                    Rule::ModalityReversed,
                    format!("Prohibition lifted: {a} may now {action} (before, {was})."),
                    Direction::For(who),
                ),
                (Permission, Prohibition) | (NoDuty, Prohibition) => (
                    Rule::ModalityReversed,
                    format!("Permission reversed: {a} may no longer {action} (before, {was})."),
                    Direction::Against(who),
                ),
                (Obligation, Permission) => (
                    Rule::ModalityWeakened,
                    format!("Obligation weakened to a permission: {a} may {action} but no longer must."),
                    Direction::For(who),
                ),
                (Obligation, NoDuty) if is_liability(&fo.verb) => {
                    let m = match liability_of(&action) {
                        Some((adj, rest)) => format!("Liability excluded: {a} is no longer {adj} {rest}"),
                        None => format!("Obligation removed: {a} need no longer {action}"),
                    };
                    (Rule::ModalityWeakened, format!("{}.", m.trim_end()), Direction::For(who))
                }
                (Obligation, NoDuty) => (
                    Rule::ModalityWeakened,
                    format!("Obligation removed: {a} need no longer {action}."),
                    Direction::For(who),
                ),
                (NoDuty, Obligation) if is_liability(&fnew.verb) => {
                    let m = match liability_of(&action) {
                        Some((adj, rest)) => format!("Liability added: {a} is now {adj} {rest}"),
                        None => format!("Obligation strengthened: {a} now must {action}"),
                    };
                    (Rule::ModalityStrengthened, format!("{}.", m.trim_end()), Direction::Against(who))
                }
                (Permission, Obligation) | (NoDuty, Obligation) => (
                    Rule::ModalityStrengthened,
                    format!("Obligation strengthened: {a} now must {action} (before, {a} {}).", mo.phrase()),
                    Direction::Against(who),
                ),
                (Obligation, Prohibition) | (Prohibition, Obligation) => (
                    Rule::ModalityReversed,
                    format!("Duty reversed: {a} now {} {action} (before, {}).", mn.phrase(), mo.phrase()),
                    Direction::None,
                ),
                _ => (
                    Rule::ModalityReversed,
                    format!("{a} now {} {action} (before, {}).", mn.phrase(), mo.phrase()),
                    Direction::None,
                ),
            };
            self.claim_old(fo.modal.0, fo.action);
            self.claim_new(fnew.modal.0, fnew.action);
            let trig = vec![self.o.text_of(fo.modal.0, fo.modal.1), self.n.text_of(fnew.modal.0, fnew.modal.1)];
            self.push(rule, message, direction, trig);
        }
        // Frames that came or went while the rest of the sentence stayed.
        let old_verbs: Vec<String> = self.o.frames.iter().map(|f| f.verb.clone()).collect();
        let new_verbs: Vec<String> = self.n.frames.iter().map(|f| f.verb.clone()).collect();
        let named = |f: &Frame| f.actor != Actor::Unknown || f.modality == Modality::Grant;
        for f in self.n.frames.clone().into_iter().filter(named) {
            if !old_verbs.iter().any(|v| same_verb(v, &f.verb))
                && self.new_changed.get(f.modal.0).copied().unwrap_or(false)
            {
                let end = self.n.clause_end(f.action);
                self.claim_new(f.subject.map_or(f.modal.0, |s| s.0).min(f.modal.0), end);
                self.frame_added(&f, true);
            }
        }
        for f in self.o.frames.clone().into_iter().filter(named) {
            if !new_verbs.iter().any(|v| same_verb(v, &f.verb))
                && self.old_changed.get(f.modal.0).copied().unwrap_or(false)
            {
                let end = self.o.clause_end(f.action);
                self.claim_old(f.subject.map_or(f.modal.0, |s| s.0).min(f.modal.0), end);
                self.frame_added(&f, false);
            }
        }
    }

    fn modal_changed(&self, fo: &Frame, fnew: &Frame) -> bool {
        // The modal words, or the subject that negates them ("Neither party shall").
        let from = |f: &Frame| f.subject.map_or(f.modal.0, |s| s.0.min(f.modal.0));
        (from(fo)..fo.action).any(|k| self.old_changed[k]) || (from(fnew)..fnew.action).any(|k| self.new_changed[k])
    }

    /// An obligation, prohibition, right or grant that came (`added`) or went.
    fn frame_added(&mut self, f: &Frame, added: bool) {
        let side = if added { self.n } else { self.o };
        let (rule, message, direction) = describe_frame(self.actors, side, f, added);
        self.push(rule, message, direction, vec![side.text_of(f.modal.0, f.action + 1)]);
    }

    /// "during the Term" → "during the Term and for 12 months after its end": a
    /// period added after the end of the time a frame applies (or taken away)
    /// makes it last longer (or shorter); it conditions nothing. A longer duty,
    /// restriction or grant weighs on its actor, a longer right favours its
    /// holder; inside a condition it names no one.
    fn tail_period(&mut self) {
        // What the period runs after: the end of the Term or Agreement.
        const END: &[&str] = &[
            "its",
            "it",
            "the",
            "this",
            "of",
            "or",
            "term",
            "agreement",
            "end",
            "ends",
            "ending",
            "expiry",
            "expiration",
            "expires",
            "termination",
            "terminates",
            "is",
            "terminated",
            "expired",
        ];
        for added in [true, false] {
            let side = if added { self.n } else { self.o };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            for (from, to) in runs(changed, done) {
                let w = &side.words;
                let replaced = (from..to).any(|k| self.replaced.iter().any(|&(a, b)| k == if added { b } else { a }));
                let start = from + usize::from(w[from].norm == "and");
                let tail = !replaced
                    && from > 0
                    && to - start >= 3
                    && w[start].norm == "for"
                    && w[start + 1].quantity.as_ref().is_some_and(|q| matches!(q.kind, Kind::Duration(_)))
                    && matches!(w[start + 2].norm.as_str(), "after" | "following" | "thereafter")
                    && w[start + 3..to].iter().all(|x| END.contains(&x.norm.as_str()))
                    && w[start + 1..to].iter().all(|x| !x.after_break)
                    && w.get(to).is_none_or(|x| x.after_break);
                if !tail {
                    continue;
                }
                let frame = self.frame_near(from, !added).filter(|f| f.modal.0 < from).cloned();
                let conditional =
                    frame.as_ref().is_some_and(|f| (f.modal.1..from).any(|k| is_condition_word(&w[k].norm)));
                let direction = match frame.as_ref().map(|f| (f.modality, f.actor.clone())) {
                    _ if conditional => Direction::None,
                    Some((Modality::Obligation | Modality::Prohibition | Modality::Grant, a)) => {
                        if added {
                            Direction::Against(a)
                        } else {
                            Direction::For(a)
                        }
                    }
                    Some((Modality::Permission, a)) => {
                        if added {
                            Direction::For(a)
                        } else {
                            Direction::Against(a)
                        }
                    }
                    _ => Direction::None,
                };
                let what = side.text_of(start, to);
                let (rule, m) = if added {
                    (Rule::TermExtended, format!("Duration extended: it now also lasts \"{what}\"."))
                } else {
                    (Rule::TermShortened, format!("Duration shortened: it no longer lasts \"{what}\"."))
                };
                self.claim(added, from, to);
                self.push(rule, m, direction, vec![what]);
            }
        }
    }

    /// Carve-outs and conditions added or removed.
    fn limiters(&mut self) {
        for (added, list, rule_kind) in
            [(true, EXCEPTIONS, true), (false, EXCEPTIONS, true), (true, CONDITIONS, false), (false, CONDITIONS, false)]
        {
            let side = if added { self.n } else { self.o };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            let hits: Vec<(usize, usize)> = (0..side.words.len())
                .filter(|&k| changed[k] && !done[k])
                .filter_map(|k| phrase_at(&side.words, k, list).map(|len| (k, len)))
                // "including but not limited to" widens: its "but not" carves nothing out.
                .filter(|&(k, _)| {
                    !(side.words[k].norm == "but"
                        && side.words.get(k + 2).is_some_and(|w| matches!(w.norm.as_str(), "limited" | "restricted")))
                })
                // "during the Term and for 12 months after": a condition word that ends its
                // clause conditions nothing.
                .filter(|&(k, len)| side.words.get(k + len).is_some_and(|w| !w.after_break))
                .collect();
            for (k, len) in hits {
                // "only if": "if" inside a carve-out or condition already read is part of it.
                if if added { self.new_done[k] } else { self.old_done[k] } {
                    continue;
                }
                // "if Beta fails to pay when due" → "… within 15 days after it is due": a
                // time inside a condition kept on both sides is part of that condition,
                // an edit of it, not a condition of its own (left to condition_edits).
                let nested = !rule_kind
                    && (k.saturating_sub(14)..k).rev().take_while(|&j| !side.words[j + 1].after_break).any(|j| {
                        let kept = if added { !self.new_changed[j] } else { !self.old_changed[j] };
                        kept && phrase_at(&side.words, j, CONDITIONS).is_some()
                    });
                if nested {
                    continue;
                }
                let end = side.clause_end(k + len);
                let what = side.text_of(k, end);
                let frame = if rule_kind { self.frame_near(k, !added) } else { governed_frame(side, k, end) }.cloned();
                // "We may suspend your account if you fail to pay" → "If you fail to pay,
                // we may suspend your account": the same words, qualifying the same
                // frame, only moved.
                if let Some(j) = self.moved_phrase(added, k, end) {
                    let other = if added { self.o } else { self.n };
                    let there = if rule_kind {
                        self.frame_near(j, added)
                    } else {
                        governed_frame(other, j, other.clause_end(j))
                    };
                    let same =
                        |a: &Frame, b: &Frame| a.actor == b.actor && a.modality == b.modality && a.verb == b.verb;
                    if frame.as_ref().zip(there).is_some_and(|(a, b)| same(a, b)) {
                        let n = end - k;
                        self.claim(added, k, end);
                        self.claim(!added, j, j + n);
                        continue;
                    }
                }
                // "We are not responsible for third-party apps, even if we recommend
                // them": "even if" says where the frame still applies; it widens what
                // the frame covers where a condition narrows it.
                let concessive = !rule_kind
                    && k > 0
                    && side.words[k - 1].norm == "even"
                    && (if added { &self.new_changed } else { &self.old_changed })[k - 1];
                if concessive {
                    let direction = match &frame {
                        Some(f) if matches!(f.actor, Actor::Party(_)) => {
                            if f.modality.costs_actor() == added {
                                Direction::Against(f.actor.clone())
                            } else {
                                Direction::For(f.actor.clone())
                            }
                        }
                        _ => Direction::None,
                    };
                    let what = side.text_of(k - 1, end);
                    let (rule, m) = if added {
                        (Rule::ScopeWidened, format!("Scope widened: it now applies \"{what}\"."))
                    } else {
                        (Rule::ScopeNarrowed, format!("Scope narrowed: it no longer says it applies \"{what}\"."))
                    };
                    self.claim(added, k - 1, end);
                    self.push(rule, m, direction, vec![what]);
                    if let Some(c) = self.out.last_mut() {
                        c.materiality = Some(Materiality::Substantive);
                    }
                    continue;
                }
                // "We will bill you and may bill you again if a payment fails": a
                // condition of a frame that itself came (or went) is part of that
                // frame, not a condition put on what stayed.
                let frame_is_new = !rule_kind
                    && frame
                        .as_ref()
                        .is_some_and(|f| (if added { &self.new_changed } else { &self.old_changed })[f.modal.0]);
                let actor = frame.as_ref().map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
                // A carve-out narrows the frame it qualifies: a narrower duty
                // helps its actor, a narrower right or protection hurts it. A
                // condition may qualify a carve-out or a restriction of the frame
                // instead, or it may be arguable which (no winner).
                let costs = match &frame {
                    Some(f) if !rule_kind => qualified_costs(side, f, k),
                    Some(f) => Some(f.modality.costs_actor()),
                    None => Some(false),
                };
                let helps = costs == Some(added);
                // "excluding VAT" → "including VAT": what an amount covers, not a
                // carve-out dropped; and a carve-out that names a party of its own
                // ("except that Beta may not …") in a term for either party binds
                // that party, not each alike. Neither says whom it favours here.
                let now_included = !added
                    && self.replaced.iter().any(|&(x, y)| {
                        // or a condition reworded with another connective ("unless" → "until").
                        x == k
                            && matches!(
                                self.n.words[y].norm.as_str(),
                                "including" | "inclusive" | "plus" | "until" | "while" | "once" | "before"
                            )
                    });
                let names_party = actor == Actor::Mutual
                    && (k..end).any(|j| matches!(self.actors.at(&side.words, j), Some((Actor::Party(_), _))));
                // "only if" → "if": the condition stays; whether it is still the only way
                // (a necessary condition made a sufficient one) is arguable, so no winner.
                let only_dropped =
                    !added && !rule_kind && len == 2 && side.words[k].norm == "only" && !self.old_changed[k + 1];
                let direction = if frame.is_some()
                    && costs.is_some()
                    && !now_included
                    && !names_party
                    && !only_dropped
                    && !frame_is_new
                {
                    if helps { Direction::For(actor) } else { Direction::Against(actor) }
                } else {
                    Direction::None
                };
                if only_dropped {
                    self.claim_old(k, end);
                    let m = format!(
                        "Condition changed: \"{what}\" is now a plain \"if\"; whether it is still the only way is for a reader to judge."
                    );
                    self.push(Rule::ConditionRemoved, m, Direction::None, vec![what.clone()]);
                    continue;
                }
                let (rule, noun) = match (rule_kind, added) {
                    (true, true) => (Rule::ExceptionAdded, "Exception added"),
                    (true, false) => (Rule::ExceptionRemoved, "Exception removed"),
                    (false, true) => (Rule::ConditionAdded, "Condition added"),
                    (false, false) => (Rule::ConditionRemoved, "Condition removed"),
                };
                self.claim(added, k, end);
                self.push(rule, format!("{noun}: \"{what}\"."), direction, vec![what.clone()]);
            }
        }
    }

    /// "and" ↔ "or" in a list of conditions or items.
    fn conjunction(&mut self) {
        for (a, b) in self.replaced.clone() {
            let (x, y) = (self.o.words[a].norm.as_str(), self.n.words[b].norm.as_str());
            if matches!((x, y), ("and", "or") | ("or", "and") | ("and", "and/or") | ("or", "and/or") | ("and/or", _)) {
                self.old_done[a] = true;
                self.new_done[b] = true;
                let m = format!(
                    "Conjunction changed from \"{x}\" to \"{y}\": {}",
                    match (x, y) {
                        ("and", "or") | ("and", "and/or") => "any one item is now enough where all were needed.",
                        ("or", "and") => "all items are now needed where any one was enough.",
                        _ => "whether one item is enough or all are needed has changed.",
                    }
                );
                self.push(Rule::ConjunctionChanged, m, Direction::None, vec![x.into(), y.into()]);
            }
        }
    }

    /// "prior approval" → "prior written approval", "notice" → "notice in
    /// writing": the act now needs a form it did not, which burdens the party
    /// that acts (the one that must get the approval or give the notice), and
    /// protects the other. Removing the form does the reverse.
    /// "Beta shall not sell competing products" → "… without Acme's prior
    /// written consent": a ban that had no way out now has one (consent), which
    /// favours the party banned; the way out taken away costs it. "Acme may
    /// subcontract" → "… with Beta's consent": a right now needs consent, which
    /// costs its holder; the need taken away favours it. Only where the same
    /// ban or right on the other side speaks of no consent (a consent that was
    /// there is a formality or an edit, read elsewhere).
    fn consent_exception(&mut self) {
        for added in [true, false] {
            let (side, other) = if added { (self.n, self.o) } else { (self.o, self.n) };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            let w = &side.words;
            let Some((k, c)) = (0..w.len()).find_map(|k| {
                if !matches!(w[k].norm.as_str(), "without" | "with") || !changed[k] || done[k] {
                    return None;
                }
                let c = (k + 1..(k + 6).min(w.len())).find(|&c| CONSENTS.contains(&w[c].norm.as_str()))?;
                (k..=c).all(|i| changed[i] && !done[i]).then_some((k, c))
            }) else {
                continue;
            };
            let Some(f) = side.frames.iter().rev().find(|f| f.modal.0 < k).cloned() else { continue };
            // "may not … without Acme's consent" is a way out of a ban; "may … with
            // Beta's consent" a condition on a right.
            let ban = match (w[k].norm.as_str(), f.modality) {
                ("without", Modality::Prohibition) => true,
                ("with", Modality::Permission) => false,
                _ => continue,
            };
            if !matches!(f.actor, Actor::Party(_)) || f.passive {
                continue;
            }
            // The same ban (or right) on the other side, which spoke of no consent:
            // a ban lifted into a right with consent is read as a modality reversed.
            let Some(g) = other
                .frames
                .iter()
                .find(|g| same_verb(&g.verb, &f.verb) && g.modality == f.modality && g.actor == f.actor)
            else {
                continue;
            };
            let g_end = other.frames.iter().map(|h| h.modal.0).find(|&m| m > g.action).unwrap_or(other.words.len());
            if other.words[g.action..g_end].iter().any(|x| CONSENTS.contains(&x.norm.as_str())) {
                continue;
            }
            let who = self.actor_name(&f.actor);
            let action = side.text_of(f.action, k);
            let consent = side.text_of(k + 1, c + 1);
            let (rule, m, d) = if !ban {
                if added {
                    (
                        Rule::ConditionAdded,
                        format!("Condition added: {who} may now {action} only with {consent}."),
                        Direction::Against(f.actor.clone()),
                    )
                } else {
                    (
                        Rule::ConditionRemoved,
                        format!("Condition removed: {who} may now {action} without {consent}."),
                        Direction::For(f.actor.clone()),
                    )
                }
            } else if added {
                (
                    Rule::ExceptionAdded,
                    format!("Exception added: {who} may now {action} with {consent}; before, it could not at all."),
                    Direction::For(f.actor.clone()),
                )
            } else {
                (
                    Rule::ExceptionRemoved,
                    format!("Exception removed: {who} may no longer {action}, even with {consent}."),
                    Direction::Against(f.actor.clone()),
                )
            };
            self.claim(added, k, c + 1);
            self.push(rule, m, d, vec![side.text_of(k, c + 1)]);
        }
    }

    fn formality(&mut self) {
        // Only what the acting party must obtain: a notice, request or
        // instructions may come from either side, so their form names no one.
        const ACTS: &[&str] = CONSENTS;
        for added in [true, false] {
            let side = if added { self.n } else { self.o };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            let mut hits = Vec::new();
            for k in 0..side.words.len() {
                if !changed[k] || done[k] {
                    continue;
                }
                let w = |i: usize| side.words.get(i).map_or("", |x| x.norm.as_str());
                // The consent itself was there before: only its form changed.
                let act = if w(k) == "written" && ACTS.contains(&w(k + 1)) && changed.get(k + 1) == Some(&false) {
                    Some((k, 1, w(k + 1)))
                } else if w(k) == "in"
                    && w(k + 1) == "writing"
                    && changed.get(k + 1) == Some(&true)
                    && k > 0
                    && ACTS.contains(&w(k - 1))
                    && !changed[k - 1]
                {
                    Some((k, 2, w(k - 1)))
                } else {
                    None
                };
                hits.extend(act.map(|(k, len, act)| (k, len, act.to_string())));
            }
            for (k, len, act) in hits {
                let Some(frame) = self.frame_near(k, !added).cloned() else { continue };
                if frame.actor == Actor::Unknown {
                    continue;
                }
                let who = self.actor_name(&frame.actor);
                let (rule, m, direction) = if added {
                    (
                        Rule::QualifierAdded,
                        format!("Qualifier added: the {act} must now be in writing, a form {who} must now meet."),
                        Direction::Against(frame.actor.clone()),
                    )
                } else {
                    (
                        Rule::QualifierRemoved,
                        format!(
                            "Qualifier removed: the {act} no longer needs to be in writing, a form {who} no longer has to meet."
                        ),
                        Direction::For(frame.actor.clone()),
                    )
                };
                self.claim(added, k, k + len);
                self.push(rule, m, direction, vec![side.text_of(k, k + len + usize::from(len == 1))]);
            }
        }
    }

    fn qualifiers(&mut self) {
        for added in [true, false] {
            let side = if added { self.n } else { self.o };
            let changed = if added { &self.new_changed } else { &self.old_changed };
            let done = if added { &self.new_done } else { &self.old_done };
            let mut hits = Vec::new();
            for k in 0..side.words.len() {
                if !changed[k] || done[k] {
                    continue;
                }
                if let Some((words, narrows, name)) =
                    QUALIFIERS.iter().find(|(p, _, _)| phrase_matches(&side.words, k, p))
                {
                    hits.push((k, words.len(), *narrows, *name));
                }
            }
            for (k, len, narrows, name) in hits {
                // "Only Beta may terminate" (from "Either party may"): the word says who
                // holds the right, which the change of actor reports; it narrows nothing
                // that Beta may do.
                let names_actor = (if added { &self.n.frames } else { &self.o.frames })
                    .iter()
                    .any(|f| f.subject.is_some_and(|(from, _)| from == k + len));
                if names_actor {
                    self.claim(added, k, k + len);
                    continue;
                }
                let frame = self.frame_near(k, !added).cloned();
                let actor = frame.as_ref().map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
                // Narrowing a duty helps its actor; narrowing a right hurts it.
                let narrower = narrows == added;
                // "including" → "including without limitation": an "including" list is
                // not a closed one either way; the words only say so. Whom that favours
                // the sentence does not show.
                let confirms = !narrows && k > 0 && side.words[k - 1].norm == "including";
                // "on reasonable notice" ↔ "on 30 days' notice": a standard traded for a
                // fixed measure (or back). Whether the measure is more or less than what
                // was reasonable the words do not say.
                let other = if added { self.o } else { self.n };
                let other_changed = if added { &self.old_changed } else { &self.new_changed };
                let traded = side.words.get(k + len).and_then(|next| {
                    other.words.iter().enumerate().position(|(j, w)| {
                        w.norm == next.norm
                            && (j.saturating_sub(4)..j).any(|i| other_changed[i] && other.words[i].quantity.is_some())
                    })
                });
                let traded = traded.and_then(|j| {
                    (j.saturating_sub(4)..j).find(|&i| other_changed[i] && other.words[i].quantity.is_some())
                });
                if let Some(q) = traded {
                    let measure = other.words[q].quantity.as_ref().map(|x| x.show()).unwrap_or_default();
                    let m = if added {
                        format!(
                            "Qualifier replaced: \"{name}\" now stands where a fixed {measure} stood; whom that favours depends on what is {name}."
                        )
                    } else {
                        format!(
                            "Qualifier replaced: a fixed {measure} now stands where \"{name}\" stood; whom that favours depends on what was {name}."
                        )
                    };
                    let rule = if added { Rule::QualifierAdded } else { Rule::QualifierRemoved };
                    self.claim(added, k, k + len);
                    self.push(rule, m, Direction::None, vec![name.into()]);
                    continue;
                }
                // "shall accept the Goods if they conform in all material respects": a
                // qualifier on a standard inside a condition of the frame loosens what
                // the condition asks, which may widen the frame or narrow it; the words do
                // not say which. On a failure ("if Acme commits a material breach") it
                // narrows the trigger, and so the frame.
                let failure = side.words[k + len..(k + len + 2).min(side.words.len())].iter().any(|x| {
                    matches!(
                        x.norm.as_str(),
                        "breach" | "breaches" | "default" | "defaults" | "fails" | "failure" | "violates" | "violation"
                    )
                });
                let in_condition = !failure
                    && frame.as_ref().is_some_and(|f| {
                        (f.action..k).any(|j| {
                            matches!(side.words[j].norm.as_str(), "if" | "unless" | "provided" | "when" | "whenever")
                        })
                    });
                // "shall buy the Products only from Acme": "only" before a preposition
                // confines whom (or where, or how) the actor deals with; it narrows no
                // duty. Confined to a party, that party gains; otherwise the words do
                // not say whom it favours.
                let next = |i: usize| side.words.get(k + len + i).map_or("", |x| x.norm.as_str());
                let confined = name == "only"
                    && matches!(next(0), "from" | "through" | "via" | "with" | "to" | "by" | "in" | "at" | "for");
                let dealer =
                    confined.then(|| self.actors.at(&side.words, k + len + 1)).flatten().map(|(a, _)| a).filter(|a| {
                        matches!(a, Actor::Party(_))
                            && *a != actor
                            && matches!(next(0), "from" | "through" | "via" | "with" | "to")
                            && frame
                                .as_ref()
                                .is_some_and(|f| matches!(f.modality, Modality::Obligation | Modality::Permission))
                    });
                let direction = match &frame {
                    _ if confirms || in_condition => Direction::None,
                    _ if dealer.is_some() => {
                        let p = dealer.clone().unwrap_or(Actor::Unknown);
                        if added { Direction::For(p) } else { Direction::Against(p) }
                    }
                    Some(f) if confined && f.modality == Modality::Obligation => Direction::None,
                    Some(f) if f.modality.costs_actor() == narrower => Direction::For(actor),
                    Some(_) => Direction::Against(actor),
                    None => Direction::None,
                };
                let (rule, m) = if let Some(p) = &dealer {
                    let phrase = side.text_of(k, k + len + 1);
                    let p = self.actor_name(p);
                    if added {
                        (
                            Rule::QualifierAdded,
                            format!("Qualifier added: \"{phrase} {p}\" now rules out any party but {p}."),
                        )
                    } else {
                        (
                            Rule::QualifierRemoved,
                            format!("Qualifier removed: \"{phrase} {p}\" no longer rules out parties other than {p}."),
                        )
                    }
                } else if added {
                    (
                        Rule::QualifierAdded,
                        format!(
                            "Qualifier added: \"{name}\" now {} what the sentence covers.",
                            if narrows { "narrows" } else { "widens" }
                        ),
                    )
                } else {
                    (
                        Rule::QualifierRemoved,
                        format!(
                            "Qualifier removed: \"{name}\" no longer {} what the sentence covers.",
                            if narrows { "narrows" } else { "widens" }
                        ),
                    )
                };
                self.claim(added, k, k + len);
                self.push(rule, m, direction, vec![name.into()]);
            }
        }
    }

    /// Items added to or removed from a list: "Germany and France" joining
    /// the countries where the service is available.
    fn lists(&mut self) {
        let listy = |s: &Sentence| {
            s.words.iter().filter(|w| w.after_break).count() >= 2 || s.words.iter().any(|w| w.norm == "including")
        };
        // "A or B" → "A, B or C": a list of two on one side is still a list.
        let joined = |s: &Sentence| s.words.iter().any(|w| matches!(w.norm.as_str(), "and" | "or"));
        let list_side = |s: &Sentence| listy(s) || joined(s);
        if !(listy(self.o) && list_side(self.n) || listy(self.n) && list_side(self.o)) {
            return;
        }
        // Items added (or removed) under one reading of the sentence are one
        // change: "Bulgaria", "Croatia, Cyprus" and "Malta" joining the list of
        // countries are one finding naming them all.
        let mut found: Vec<(bool, Option<&'static str>, Direction, Vec<String>)> = Vec::new();
        for added in [true, false] {
            let side = if added { self.n } else { self.o };
            let (changed, done) =
                if added { (&self.new_changed, &self.new_done) } else { (&self.old_changed, &self.old_done) };
            let runs = runs(changed, done);
            for (from, to) in runs {
                let run = &side.words[from..to];
                if to - from > 6 || run.iter().any(|w| w.quantity.is_some() || modal_word(&w.norm)) {
                    continue;
                }
                // "bookmarks, and [-certain -]browser preferences": a word that
                // qualifies an item is no item; which way it moves the list is for
                // the wording review.
                if run.iter().all(|w| item_qualifier(&w.norm)) {
                    continue;
                }
                // "Acme may, acting reasonably, reject …", "approve each Deliverable,
                // acting in good faith, within …": words set off after a modal, or
                // saying how a party acts, qualify the action; they are no list.
                let aside = side.frames.iter().any(|f| {
                    let p = f.modal.1;
                    side.words.get(p).is_some_and(|w| w.after_break) && p <= from && {
                        let close = (p + 1..side.words.len()).find(|&q| side.words[q].after_break);
                        close.is_some_and(|q| to <= q)
                    }
                });
                let manner = run
                    .iter()
                    .any(|w| matches!(w.norm.as_str(), "acting" | "faith" | "reasonably" | "diligently" | "promptly"));
                if aside || manner {
                    continue;
                }
                // A postal address ("149 New Montgomery St, 4th Floor") is no list of what is covered.
                let street = |w: &str| {
                    matches!(
                        w,
                        "floor" | "suite" | "st" | "street" | "ave" | "avenue" | "road" | "rd" | "blvd" | "boulevard"
                    )
                };
                if side.words[from.saturating_sub(4)..(to + 4).min(side.words.len())].iter().any(|w| street(&w.norm)) {
                    continue;
                }
                // A party's name is not a list item; a list has other items close by.
                if (from..to).any(|k| self.actors.at(&side.words, k).is_some()) {
                    continue;
                }
                let near = side.words[from.saturating_sub(8)..(to + 8).min(side.words.len())]
                    .iter()
                    .filter(|w| w.after_break)
                    .count();
                // "A or B": a list of two has its conjunction beside the item.
                let conj = |k: usize| side.words.get(k).is_some_and(|w| matches!(w.norm.as_str(), "and" | "or"));
                let of_two = from > 0 && conj(from - 1) || conj(to);
                if near < 2 && !of_two && !side.words.iter().any(|w| w.norm == "including") {
                    continue;
                }
                let in_list = run.iter().any(|w| w.after_break)
                    || side.words.get(to).is_some_and(|w| w.after_break || matches!(w.norm.as_str(), "and" | "or"))
                    || from > 0 && matches!(side.words[from - 1].norm.as_str(), "and" | "or" | "including");
                if !in_list {
                    continue;
                }
                // The items of the run ("Croatia, Cyprus and Malta"), each without the
                // conjunction that joined it. An item that only moved within the list
                // (it is still there on the other side), or an article, neither widens
                // nor narrows it.
                let other = if added { self.o } else { self.n };
                let joiner = |w: &Word| matches!(w.norm.as_str(), "and" | "or");
                let mut items: Vec<(usize, usize)> = Vec::new();
                for k in from..to {
                    if joiner(&side.words[k]) {
                        continue;
                    }
                    let starts = k == from || side.words[k].after_break || joiner(&side.words[k - 1]);
                    match items.last_mut() {
                        Some(item) if !starts => item.1 = k + 1,
                        _ => items.push((k, k + 1)),
                    }
                }
                let new_items: Vec<String> = items
                    .into_iter()
                    .filter(|&(a, b)| {
                        // "Currently, the Service is available in …": a word that opens the
                        // sentence and is set off by a comma is no item of a list after it.
                        if a == 0 && b == 1 && sentence_adverb(&side.words[0].norm) {
                            return false;
                        }
                        let item: Vec<&str> = side.words[a..b]
                            .iter()
                            .map(|w| w.norm.as_str())
                            .filter(|w| !matches!(*w, "the" | "a" | "an"))
                            .collect();
                        !item.is_empty()
                            && !other
                                .words
                                .windows(item.len())
                                .any(|win| win.iter().zip(&item).all(|(w, i)| w.norm == *i))
                    })
                    .map(|(a, b)| side.text_of(a, b))
                    .collect();
                if new_items.is_empty() {
                    self.claim(added, from, to);
                    continue;
                }
                // "nicknames such as BMO, [-Webmaker, -]MozReps": examples illustrate
                // what the sentence covers; they do not set it.
                let example = illustrative(side, from);
                let frame = self.frame_near(from, !added).cloned();
                let wider = added;
                // A list of exceptions ("except to its employees, advisors or
                // contractors") widens the carve-out, not the duty: no winner is read.
                let carve_out = side.words[..from]
                    .iter()
                    .any(|w| matches!(w.norm.as_str(), "except" | "excluding" | "other" | "save" | "unless"));
                // "a nonexclusive, royalty-free, worldwide license": terms of the licence
                // (some narrow it, some widen it), not items of its scope.
                let licence_terms = side.words[from..to].iter().any(|w| {
                    let n = w.norm.as_str();
                    n.contains("exclusive")
                        || n.contains("revocable")
                        || n.contains("royalty")
                        || n.contains("transferable")
                        || n.contains("sublicensable")
                        || n.contains("assignable")
                });
                let direction = match &frame {
                    _ if carve_out || licence_terms || example.is_some() => Direction::None,
                    Some(f) if f.modality == Modality::Grant => match &f.object {
                        Some(o) if wider => Direction::For(o.clone()),
                        Some(o) => Direction::Against(o.clone()),
                        None => Direction::None,
                    },
                    Some(f) if f.modality.burden() == wider => Direction::Against(f.actor.clone()),
                    Some(f) => Direction::For(f.actor.clone()),
                    None => match self.offered_to(side, from) {
                        Some(to) if wider => Direction::For(to),
                        Some(to) => Direction::Against(to),
                        None => Direction::None,
                    },
                };
                self.claim(added, from, to);
                // A conjunction that moved to the new last item goes with it.
                self.claim_conjunctions();
                match found.iter_mut().find(|(a, e, d, _)| *a == added && *e == example && *d == direction) {
                    Some((_, _, _, items)) => items.extend(new_items),
                    None => found.push((added, example, direction, new_items)),
                }
            }
        }
        for (added, example, direction, items) in found {
            let verb = if added { "added to" } else { "removed from" };
            let m = match (example, items.as_slice()) {
                (Some(opener), _) => format!(
                    "{} {}: {} {} a list of examples (\"{opener}\"). Examples illustrate and do not set what the sentence covers, so no party is named; review it.",
                    if items.len() == 1 { "Example" } else { "Examples" },
                    if added { "added" } else { "removed" },
                    match items.as_slice() {
                        [one] => format!("\"{one}\""),
                        _ => named_list(&items),
                    },
                    if added { "joined" } else { "left" },
                ),
                (None, [one]) => {
                    format!("{}: \"{one}\" {verb} the list.", if added { "Scope widened" } else { "Scope narrowed" })
                }
                (None, _) => format!(
                    "{}: {} items {verb} the list: {}.",
                    if added { "Scope widened" } else { "Scope narrowed" },
                    items.len(),
                    named_list(&items)
                ),
            };
            let rule = match (example.is_some(), added) {
                (true, true) => Rule::ExampleAdded,
                (true, false) => Rule::ExampleRemoved,
                (false, true) => Rule::ScopeWidened,
                (false, false) => Rule::ScopeNarrowed,
            };
            self.push(rule, m, direction, items);
        }
    }

    /// "The Service is available in A, B and C", with no party bound: where
    /// (or to whom) something is made available, offered or provided. The
    /// party it is offered to is the one the agreement addresses as "you",
    /// when another party speaks as "we" (terms a provider offers its users);
    /// otherwise the words do not say.
    fn offered_to(&self, side: &Sentence, k: usize) -> Option<Actor> {
        let offered = side.words[..k]
            .iter()
            .any(|w| matches!(w.norm.as_str(), "available" | "offered" | "provided" | "sold" | "supported"));
        if !offered {
            return None;
        }
        self.addressed()
    }

    fn claim_conjunctions(&mut self) {
        for (k, w) in self.o.words.iter().enumerate() {
            if matches!(w.norm.as_str(), "and" | "or") && self.old_changed[k] {
                self.old_done[k] = true;
            }
        }
        for (k, w) in self.n.words.iter().enumerate() {
            if matches!(w.norm.as_str(), "and" | "or") && self.new_changed[k] {
                self.new_done[k] = true;
            }
        }
    }

    /// The frame governing word `k` (the nearest modal before it, else the
    /// first). A frame with no party inside what a party warrants ("Acme
    /// warrants that the Software will perform …") is governed by the warranty.
    fn frame_near(&self, k: usize, old: bool) -> Option<&Frame> {
        let side = if old { self.o } else { self.n };
        let frames = &side.frames;
        let f = frames.iter().rev().find(|f| f.modal.0 <= k).or_else(|| frames.first())?;
        if f.actor != Actor::Unknown {
            return Some(f);
        }
        let warranty = frames.iter().rev().find(|g| {
            g.verb == "warrant"
                && g.modal.0 < f.modal.0
                && matches!(g.actor, Actor::Party(_) | Actor::Mutual)
                && side.words[g.action..f.modal.0].iter().skip(1).all(|w| !w.after_break)
        });
        Some(warranty.unwrap_or(f))
    }

    /// Whom a higher (`up`) or lower sum (or rate, `percent`) at new word `b`
    /// favours, from the payment frame governing it: a higher sum the actor
    /// pays is against it, one it charges for it; a ceiling on a sum ("shall
    /// not charge more than") says no more than that. A rate with no payment
    /// frame is read as interest, paid by the party that owes the late amounts.
    /// The frame a number at new word `b` belongs to. A number in a condition
    /// that leads the sentence ("If an audit reveals an underpayment of more
    /// than 5%, Beta shall pay …") is a threshold of the condition, not a term
    /// of the frame after it: none, so no winner is read.
    fn frame_of_number(&self, b: usize) -> Option<&Frame> {
        let n = &self.n.words;
        self.frame_near(b, false).filter(|f| f.modal.0 < b || !n[..b].iter().any(|w| is_condition_word(&w.norm)))
    }

    fn paid_direction(&self, b: usize, percent: bool, up: bool) -> Direction {
        let frame = self.frame_of_number(b);
        let actor = frame.map(|f| f.actor.clone()).unwrap_or(Actor::Unknown);
        let (paid, pays) = (frame.is_some_and(|f| receives(&f.verb)), frame.is_some_and(|f| is_payment(&f.verb)));
        let near = |words: &[&str]| window(&self.n.words, b, 10).any(|w| words.contains(&w.norm.as_str()));
        match (percent, paid, pays) {
            (false, _, false) => Direction::None,
            // "Acme shall not charge more than": a ceiling on what the actor is paid.
            (false, _, true) if near(&["more", "exceed", "maximum", "most"]) => Direction::None,
            (_, true, _) if up => Direction::For(actor),
            (_, true, _) => Direction::Against(actor),
            (_, false, true) if up => Direction::Against(actor),
            (_, false, true) => Direction::For(actor),
            // "Late payments by Beta bear interest at 1.5%": paid by the debtor.
            (true, false, false) => match self.interest_debtor(b) {
                Some(debtor) if up => Direction::Against(debtor),
                Some(debtor) => Direction::For(debtor),
                None => Direction::None,
            },
        }
    }

    /// "Late payments by Beta bear interest at 1.5% per month": who pays the
    /// interest at new word `k`, the party that owes the late amounts. Read
    /// from "owed by X", "payments by X", "X owes", or "owed to X" (the other
    /// party of two owes them); `None` unless "interest" stands near and the
    /// sentence names exactly one debtor.
    fn interest_debtor(&self, k: usize) -> Option<Actor> {
        let w = &self.n.words;
        if !window(w, k, 8).any(|x| x.norm == "interest") {
            return None;
        }
        let owed = |x: &str| {
            matches!(
                x,
                "owed" | "owing" | "payable" | "due" | "paid" | "payment" | "payments" | "amount" | "amounts" | "sums"
            )
        };
        let mut debtors: Vec<Actor> = Vec::new();
        for i in 1..w.len() {
            let Some((a, len)) = self.actors.at(w, i) else { continue };
            let (before, after) = (w[i - 1].norm.as_str(), w.get(i + len).map_or("", |x| x.norm.as_str()));
            // "owed by Beta", "payments by Beta to Acme", "owed by Beta or by Acme".
            let owed_before = (i.saturating_sub(6)..i - 1).any(|j| owed(&w[j].norm));
            let debtor = if before == "by" && owed_before || matches!(after, "owes" | "owe") {
                Some(a)
            } else if before == "to" && owed_before {
                match &a {
                    Actor::Party(key) => self.actors.other(key).map(|o| Actor::Party(o.to_string())),
                    _ => Some(a),
                }
            } else {
                None
            };
            if let Some(d) = debtor
                && !debtors.contains(&d)
            {
                debtors.push(d);
            }
        }
        // Two debtors ("by Beta or by Acme"): the words do not say.
        match debtors.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        }
    }

    /// Who gives the notice a period at word `b` of the new side belongs to:
    /// the party named after it ("notice from Beta"); else, for a duty done
    /// on notice ("Acme shall give Beta access to the Site on 5 days'
    /// notice"), the party it is done for, who asks for it; else the actor of
    /// the frame ("Acme may terminate on 30 days' notice", "Acme shall give
    /// Beta 30 days' notice"). `None` where the words do not say.
    fn notice_giver(&self, b: usize, frame: Option<&Frame>) -> Option<Actor> {
        let w = &self.n.words;
        let notice = (b + 1..(b + 5).min(w.len())).find(|&k| w[k].norm == "notice");
        if let Some(k) = notice
            && w.get(k + 1).is_some_and(|x| matches!(x.norm.as_str(), "from" | "by"))
            && let Some((a @ Actor::Party(_), _)) = self.actors.at(w, k + 2)
        {
            return Some(a);
        }
        let f = frame?;
        let on = (b.saturating_sub(2)..b).any(|k| matches!(w[k].norm.as_str(), "on" | "upon"));
        if on && f.modality == Modality::Obligation {
            return match &f.object {
                Some(o @ Actor::Party(_)) if *o != f.actor => Some(o.clone()),
                _ => None,
            };
        }
        matches!(f.actor, Actor::Party(_) | Actor::Mutual).then(|| f.actor.clone())
    }

    /// "Acme's liability …", "our liability …": the party whose liability a cap limits.
    fn possessor_near(&self, k: usize) -> Option<Actor> {
        let w = &self.n.words;
        let from = k.saturating_sub(24);
        (from..k).rev().find_map(|i| {
            let next_is_liability =
                w.get(i + 1).is_some_and(|x| matches!(x.norm.as_str(), "liability" | "aggregate" | "total" | "entire"));
            if next_is_liability { self.actors.at(w, i).map(|(a, _)| a) } else { None }
        })
    }

    fn name(&self, key: &str) -> String {
        self.actors.display(key)
    }

    fn actor_name(&self, a: &Actor) -> String {
        actor_label(self.actors, a)
    }

    fn by(&self, a: &Actor) -> String {
        match a {
            Actor::Party(k) => format!(" by {}", self.name(k)),
            _ => String::new(),
        }
    }
}

/// How to name an actor in a message.
pub(super) fn actor_label(actors: &Actors, a: &Actor) -> String {
    match a {
        Actor::Party(k) => actors.display(k),
        Actor::Mutual => "each party".into(),
        Actor::Unknown => "the party concerned".into(),
    }
}

/// Whose position a change improves.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Direction {
    /// The change helps this actor (and hurts the other party of two).
    For(Actor),
    /// The change hurts this actor (and helps the other party of two).
    Against(Actor),
    /// The words do not say.
    None,
}

impl Direction {
    /// The parties a change cuts both ways for: every party, when the actor is
    /// each of them ("either party", "the parties"): it binds and benefits
    /// each alike, so it names no winner.
    pub fn mixed(&self, actors: &Actors) -> Vec<String> {
        match self {
            Direction::For(Actor::Mutual) | Direction::Against(Actor::Mutual) => actors.keys(),
            _ => Vec::new(),
        }
    }

    /// (favours, disfavours) as party keys. A mutual or unknown actor gives no party.
    pub fn parties(&self, actors: &Actors) -> (Vec<String>, Vec<String>) {
        let (who, good) = match self {
            Direction::For(Actor::Party(k)) => (k, true),
            Direction::Against(Actor::Party(k)) => (k, false),
            _ => return (Vec::new(), Vec::new()),
        };
        let other: Vec<String> = actors.other(who).map(|o| vec![o.to_string()]).unwrap_or_default();
        if good { (vec![who.clone()], other) } else { (other, vec![who.clone()]) }
    }
}

/// What a whole frame coming or going means.
pub(super) fn describe_frame(actors: &Actors, side: &Sentence, f: &Frame, added: bool) -> (Rule, String, Direction) {
    let a = actor_label(actors, &f.actor);
    let action = side.action_text(f);
    let actor = f.actor.clone();
    // A grant helps its grantee and costs its grantor: where the grantee is not
    // a party the words name ("grants us", with "us" no alias), the grantor
    // still gives (or keeps) what the grant covers.
    let grant = |given: bool| match (&f.object, &actor) {
        (Some(to @ Actor::Party(_)), _) | (Some(to), Actor::Unknown | Actor::Mutual) => {
            if given {
                Direction::For(to.clone())
            } else {
                Direction::Against(to.clone())
            }
        }
        (_, by @ Actor::Party(_)) => {
            if given {
                Direction::Against(by.clone())
            } else {
                Direction::For(by.clone())
            }
        }
        (None, _) => {
            if given {
                Direction::For(Actor::Unknown)
            } else {
                Direction::Against(Actor::Unknown)
            }
        }
    };
    // An action cut short ends "…": the sentence's full stop is not added to it.
    let said = |(rule, message, direction): (Rule, String, Direction)| (rule, message.replace(" ….", " …"), direction);
    said(match (f.modality, added) {
        (Modality::Grant, true) if is_license(side) => {
            (Rule::LicenseGranted, format!("Licence granted: {a} grants {action}."), grant(true))
        }
        (Modality::Grant, false) if is_license(side) => {
            (Rule::LicenseRevoked, format!("Licence removed: {a} no longer grants {action}."), grant(false))
        }
        (Modality::Grant, true) => (Rule::RightGranted, format!("Right granted: {a} grants {action}."), grant(true)),
        (Modality::Grant, false) => {
            (Rule::RightRevoked, format!("Right removed: {a} no longer grants {action}."), grant(false))
        }
        (Modality::Permission, true) => {
            (Rule::RightGranted, format!("Right granted: {a} may {action}."), Direction::For(actor))
        }
        (Modality::Permission, false) => {
            (Rule::RightRevoked, format!("Right removed: {a} may no longer {action}."), Direction::Against(actor))
        }
        (Modality::NoDuty, added) => {
            // "Acme is not liable for lost profits": said as it reads, not "need not be liable".
            let said = match liability_of(&action) {
                Some((adj, rest)) => format!("is not {adj} {rest}").trim_end().to_string(),
                None => format!("{} {action}", f.modality.phrase()),
            };
            if added {
                (Rule::ObligationRemoved, format!("Protection added: {a} {said}."), Direction::For(actor))
            } else {
                (
                    Rule::ObligationAdded,
                    format!("Protection removed: it no longer says {a} {said}."),
                    Direction::Against(actor),
                )
            }
        }
        (Modality::Obligation, true) if f.verb == "warrant" => {
            (Rule::ObligationAdded, format!("Warranty given: {a} warrants {action}."), Direction::Against(actor))
        }
        (Modality::Obligation, false) if f.verb == "warrant" => (
            Rule::ObligationRemoved,
            format!("Warranty removed: {a} no longer warrants {action}."),
            Direction::For(actor),
        ),
        (_, true) if is_payment(&f.verb) => {
            (Rule::PaymentAdded, format!("New payment: {a} must {action}."), Direction::Against(actor))
        }
        (_, false) if is_payment(&f.verb) => {
            (Rule::PaymentRemoved, format!("Payment removed: {a} no longer must {action}."), Direction::For(actor))
        }
        (m, true) => (
            Rule::ObligationAdded,
            format!("Obligation added: {a} {} {action}.", m.phrase()),
            Direction::Against(actor),
        ),
        (m, false) => (
            Rule::ObligationRemoved,
            format!("Obligation removed: it no longer says {a} {} {action}.", m.phrase()),
            Direction::For(actor),
        ),
    })
}

/// The frame a condition at word `c` (its clause ending at `end`) governs:
/// when the condition leads the sentence ("If Beta pays the Fees, Acme shall
/// …"), the first frame after its clause, never one inside it ("Beta pays"
/// states the condition); otherwise the frame it follows ("Acme may terminate
/// if …"). None when a leading condition governs no frame after it.
fn governed_frame(side: &Sentence, c: usize, end: usize) -> Option<&Frame> {
    let frames = &side.frames;
    let leads = !frames.iter().any(|f| f.modal.0 < c);
    frames.iter().find(|f| leads && f.modal.0 >= end).or_else(|| frames.iter().rev().find(|f| f.modal.0 < c))
}

/// Whether what a condition at word `c` qualifies costs the actor of the
/// frame `f` it governs, when it applies. Mostly the frame itself (a duty
/// costs its actor, a right does not). A proviso after a carve-out of the
/// frame ("shall not copy …, except for backup, provided that Beta labels each
/// copy") qualifies the carve-out, which relieves a duty (or takes from a
/// right); an "unless" after an "only" that restricts a right ("may move it
/// only with Acme's approval, unless …") lifts the restriction, which costs
/// the actor. None where which part it qualifies is arguable (any other
/// condition after a carve-out).
fn qualified_costs(side: &Sentence, f: &Frame, c: usize) -> Option<bool> {
    let base = f.modality.costs_actor();
    if c <= f.modal.1 {
        return Some(base);
    }
    let w = &side.words;
    let carve_out = (f.modal.1..c).rev().find(|&k| {
        phrase_at(w, k, EXCEPTIONS).is_some()
            && !(w[k].norm == "but"
                && w.get(k + 2).is_some_and(|x| matches!(x.norm.as_str(), "limited" | "restricted")))
    });
    if carve_out.is_some() {
        let proviso =
            [&["provided", "that"][..], &["provided", "however"], &["on", "condition", "that"], &["only", "if"]]
                .iter()
                .any(|p| phrase_matches(w, c, p));
        return proviso.then_some(!base);
    }
    if !base && w[c].norm == "unless" && (f.modal.1..c).any(|k| w[k].norm == "only") {
        return Some(true);
    }
    Some(base)
}

/// Whether the number at word `b` lies in a relative clause after frame `f`'s
/// action that states a failure ("any incident that Acme has not resolved
/// within 24 hours", "any Part that fails within 12 months"): a trigger
/// picking out what the frame acts on, not the frame's own time.
fn failure_clause(w: &[Word], f: &Frame, b: usize) -> bool {
    (f.action + 1..b).any(|k| {
        matches!(w[k].norm.as_str(), "that" | "which")
            && (k + 1..b).any(|j| {
                matches!(w[j].norm.as_str(), "not" | "no" | "never" | "fail" | "fails" | "failed" | "unresolved")
            })
    })
}

fn is_license(s: &Sentence) -> bool {
    s.words.iter().any(|w| w.norm.starts_with("license") || w.norm == "sublicense")
}

/// Verbs whose actor is paid: "Acme may charge", "Acme shall invoice".
fn receives(verb: &str) -> bool {
    matches!(verb, "charge" | "invoice" | "bill")
}

pub(super) fn is_payment(verb: &str) -> bool {
    matches!(verb, "pay" | "refund" | "reimburse" | "remit" | "compensate" | "charge" | "invoice" | "bill")
}

/// "be liable for lost profits" → ("liable", "for lost profits").
fn liability_of(action: &str) -> Option<(&'static str, &str)> {
    let rest = action.strip_prefix("be ")?;
    ["liable", "responsible"].into_iter().find_map(|adj| {
        let r = rest.get(adj.len()..).filter(|_| rest[..adj.len()].eq_ignore_ascii_case(adj))?;
        (r.is_empty() || r.starts_with(' ')).then(|| (adj, r.trim_start()))
    })
}

fn is_liability(verb: &str) -> bool {
    matches!(verb, "liable" | "responsible")
}

fn modal_word(w: &str) -> bool {
    matches!(w, "shall" | "must" | "may" | "will" | "not" | "can" | "cannot")
}

/// Words whose change is never a typo: they carry meaning on their own.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "no"
            | "now"
            | "nor"
            | "any"
            | "all"
            | "and"
            | "or"
            | "shall"
            | "will"
            | "may"
            | "must"
            | "can"
            | "its"
            | "it's"
            | "their"
            | "there"
            | "than"
            | "then"
            | "after"
            | "before"
            | "above"
            | "below"
            | "under"
            | "over"
            | "more"
            | "less"
            | "least"
            | "most"
            | "first"
            | "last"
            | "affect"
            | "effect"
            | "lessor"
            | "lessee"
            | "licensor"
            | "licensee"
            | "employer"
            | "employee"
            | "assignor"
            | "assignee"
            | "payor"
            | "payee"
            | "buyer"
            | "seller"
            | "include"
            | "exclude"
            | "included"
            | "excluded"
    )
}

/// A misspelling fixed: a letter or two apart inside the word, with the same
/// first and last two letters, so that a prefix or suffix that changes the
/// meaning ("neither"/"either", "increase"/"decrease", "inclusive"/"exclusive",
/// "Indemnitor"/"Indemnitee", "annually"/"biannually") is never a typo.
fn is_typo(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shortest = x.len().min(y.len());
    if shortest < 5 || x[..2] != y[..2] || x[x.len() - 2..] != y[y.len() - 2..] {
        return false;
    }
    let distance = strsim::damerau_levenshtein(a, b);
    distance == 1 || distance == 2 && shortest >= 8 && x[..3] == y[..3] && x[x.len() - 3..] == y[y.len() - 3..]
}

/// "material"/"immaterial", "limited"/"unlimited": a prefix that negates.
fn negation_pair(a: &str, b: &str) -> bool {
    let neg = |x: &str, y: &str| {
        ["un", "in", "im", "il", "ir", "non", "non-", "dis"].iter().any(|p| x.strip_prefix(p) == Some(y))
    };
    neg(a, b) || neg(b, a)
}

fn phrase_matches(w: &[Word], k: usize, p: &[&str]) -> bool {
    k + p.len() <= w.len() && p.iter().enumerate().all(|(i, x)| w[k + i].norm == *x)
}

fn phrase_at(w: &[Word], k: usize, list: &[&[&str]]) -> Option<usize> {
    list.iter().find(|p| phrase_matches(w, k, p)).map(|p| p.len())
}

/// The first rung of a ladder in the words: (index, length, name, level).
fn find_ladder(w: &[Word], ladder: &[(&[&str], u8, &'static str)]) -> Option<(usize, usize, &'static str, u8)> {
    (0..w.len())
        .find_map(|k| ladder.iter().find(|(p, _, _)| phrase_matches(w, k, p)).map(|(p, l, n)| (k, p.len(), *n, *l)))
}

/// Words that name an entity ("Gamma Holdings", "Delta Trust"): who is at an
/// address, not where it is.
fn entity_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "holdings"
            | "inc"
            | "llc"
            | "ltd"
            | "limited"
            | "trust"
            | "corp"
            | "corporation"
            | "company"
            | "co"
            | "gmbh"
            | "bank"
            | "lp"
            | "llp"
            | "plc"
            | "partners"
            | "capital"
            | "group"
            | "foundation"
            | "fund"
    )
}

/// Street, building and floor words of a postal address.
fn street_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "st" | "street"
            | "ave"
            | "avenue"
            | "road"
            | "rd"
            | "blvd"
            | "boulevard"
            | "drive"
            | "dr"
            | "lane"
            | "ln"
            | "way"
            | "plaza"
            | "parkway"
            | "pkwy"
            | "place"
            | "pl"
            | "square"
            | "sq"
            | "court"
            | "ct"
            | "highway"
            | "hwy"
            | "floor"
            | "fl"
            | "suite"
            | "ste"
            | "unit"
            | "room"
            | "building"
            | "bldg"
            | "box"
    )
}

/// The runs of changed words of a side when each lies in a postal address:
/// a stretch of address words (a number such as "149", "#175" or "4th", a
/// capitalised name, a street or floor word) holding a street or floor word.
/// `None` when a changed word lies outside one (a party's name is not part
/// of an address: who gets the mail is no administrative detail).
fn address_runs(s: &Sentence, changed: &[bool], done: &[bool], actors: &Actors) -> Option<Vec<(usize, usize)>> {
    let n = s.words.len();
    let word = |k: usize| {
        let w = &s.words[k];
        let written = &s.full[w.start..w.end];
        let number = written.trim_start_matches('#').trim_end_matches([',', '.']);
        let numeral = number.chars().next().is_some_and(|c| c.is_ascii_digit())
            && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && w.quantity.as_ref().is_none_or(|q| q.kind == Kind::Count);
        (numeral || street_word(&w.norm) || written.starts_with(char::is_uppercase) && !modal_word(&w.norm))
            && !entity_word(&w.norm)
            && !(k.saturating_sub(3)..=k).any(|j| actors.at(&s.words, j).is_some_and(|(_, len)| j + len > k))
    };
    let numeral = |k: usize| {
        let w = &s.words[k];
        s.full[w.start..w.end].trim_start_matches('#').starts_with(|c: char| c.is_ascii_digit())
    };
    let mut inside = vec![false; n];
    let mut k = 0;
    while k < n {
        if !word(k) {
            k += 1;
            continue;
        }
        let from = k;
        while k < n && word(k) {
            k += 1;
        }
        // The address starts at its first number (a house, suite or box number):
        // the capitalised words before it name who is there, which is no detail.
        let Some(start) = (from..k).find(|&j| numeral(j)) else { continue };
        let start =
            if start > from && s.words[start - 1].norm.trim_end_matches('.') == "box" { start - 1 } else { start };
        if s.words[from..k].iter().any(|w| street_word(&w.norm)) {
            inside[start..k].fill(true);
        }
    }
    let runs = runs(changed, done);
    runs.iter().all(|&(a, b)| b - a <= 12 && inside[a..b].iter().all(|&x| x)).then_some(runs)
}

/// The period of a recurring sum or rate at word `k`, right after it:
/// "per month", "a year", "each week", "monthly": (times a year, words).
fn period(w: &[Word], k: usize) -> Option<(f64, usize)> {
    let per_year = |u: &str| match u {
        "day" | "daily" => Some(365.0),
        "week" | "weekly" => Some(52.0),
        "month" | "monthly" => Some(12.0),
        "quarter" | "quarterly" => Some(4.0),
        "year" | "annum" | "annually" | "yearly" => Some(1.0),
        _ => None,
    };
    let first = w.get(k)?.norm.as_str();
    match first {
        "per" | "a" | "each" | "every" => per_year(w.get(k + 1)?.norm.as_str()).map(|f| (f, 2)),
        "daily" | "weekly" | "monthly" | "quarterly" | "annually" | "yearly" => per_year(first).map(|f| (f, 1)),
        _ => None,
    }
}

fn window(w: &[Word], k: usize, n: usize) -> impl Iterator<Item = &Word> {
    w[k.saturating_sub(n)..(k + n).min(w.len())].iter()
}

/// Runs of changed words not yet explained.
/// "Bulgaria, Croatia, Cyprus … and 6 more": the items of a list change, the
/// first ten by name.
fn named_list(items: &[String]) -> String {
    const SHOWN: usize = 10;
    match items.len() {
        n if n > SHOWN => format!("{} and {} more", items[..SHOWN].join(", "), n - SHOWN),
        n => match items.split_last() {
            Some((last, rest)) if n > 1 => format!("{} and {last}", rest.join(", ")),
            _ => items.join(", "),
        },
    }
}

/// Words that open a sentence and qualify all of it ("Currently, …").
/// The words that open the list holding word `k` when it only illustrates
/// ("such as", "like", "for example", "for instance", "e.g."): the nearest
/// opener before `k` in the same part of the sentence (no modal, no
/// "including", no sentence-ending break between).
fn illustrative(side: &Sentence, k: usize) -> Option<&'static str> {
    let w = |j: usize| side.words[j].norm.as_str();
    for j in (k.saturating_sub(30)..k).rev() {
        match w(j) {
            "like" => return Some("like"),
            "as" if j > 0 && w(j - 1) == "such" => return Some("such as"),
            "example" if j > 0 && w(j - 1) == "for" => return Some("for example"),
            "instance" if j > 0 && w(j - 1) == "for" => return Some("for instance"),
            "e.g" | "e.g." | "eg" => return Some("e.g."),
            "including" | "includes" | "include" => return None,
            n if modal_word(n) => return None,
            _ => {}
        }
    }
    None
}

fn sentence_adverb(w: &str) -> bool {
    matches!(
        w,
        "currently"
            | "additionally"
            | "also"
            | "finally"
            | "further"
            | "furthermore"
            | "moreover"
            | "accordingly"
            | "however"
            | "now"
            | "today"
            | "generally"
            | "otherwise"
    )
}

/// Words that qualify a list item rather than name one: "certain browser
/// preferences", "other services", "all content".
fn item_qualifier(w: &str) -> bool {
    matches!(
        w,
        "certain" | "some" | "all" | "any" | "other" | "such" | "specific" | "selected" | "limited" | "additional"
    )
}

fn runs(changed: &[bool], done: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < changed.len() {
        if changed[k] && !done[k] {
            let s = k;
            while k < changed.len() && changed[k] && !done[k] {
                k += 1;
            }
            out.push((s, k));
        } else {
            k += 1;
        }
    }
    out
}
