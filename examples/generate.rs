//! Write a pair of agreement versions for benchmarks and smoke tests.
//!
//! ```sh
//! cargo run --release --example generate -- --clauses 10000 --seed 1 --out bench/data/10k
//! ```
//!
//! The old version has N clauses of every clause type with about 60 words of
//! prose each. The new version changes about 10% of them in every way the
//! differ understands: field edits, prose edits, removals, insertions,
//! renamed ids, moves and a swapped payer and payee. Deterministic for a
//! given seed. Options for pathological pairs:
//! `--rename-all` (every id renamed, content kept), `--reverse` (clauses in
//! reverse order), `--rewrite-words N` (one clause whose N-word prose is
//! entirely rewritten).

use std::fmt::Write as _;
use std::path::PathBuf;

/// splitmix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "the",
    "licensee",
    "shall",
    "pay",
    "within",
    "days",
    "of",
    "each",
    "quarter",
    "revenue",
    "net",
    "gross",
    "territory",
    "exclusive",
    "rights",
    "party",
    "agreement",
    "notice",
    "written",
    "term",
    "renewal",
    "services",
    "platform",
    "model",
    "products",
    "customers",
    "provider",
    "cloud",
    "capacity",
    "support",
    "capabilities",
    "reasonable",
    "efforts",
    "confidential",
    "information",
    "audit",
    "records",
    "fees",
    "invoice",
    "currency",
    "applicable",
    "law",
    "dispute",
    "court",
    "obligation",
    "breach",
    "cure",
    "period",
    "affiliate",
    "subsidiary",
    "intellectual",
    "property",
    "license",
    "grant",
    "sublicense",
    "transfer",
    "assign",
    "warranty",
    "liability",
];
const PARTIES: &[&str] = &["alpha", "beta", "gamma", "delta"];
const PLACES: &[&str] = &["US", "EU", "UK", "JP", "CA", "AU", "IN", "BR"];
const TYPES: &[&str] = &[
    "license",
    "payment",
    "exclusivity",
    "right",
    "obligation",
    "commitment",
    "equity",
    "termination",
    "liability-cap",
    "governing-law",
    "term",
    "text",
];

#[derive(Clone)]
struct Clause {
    id: String,
    number: u32,
    kind: &'static str,
    fields: Vec<(String, String)>,
    text: Vec<String>,
}

fn prose(rng: &mut Rng, words: usize) -> Vec<String> {
    (0..words).map(|_| rng.pick(WORDS).to_string()).collect()
}

fn two_parties(rng: &mut Rng) -> (&'static str, &'static str) {
    let a = rng.below(PARTIES.len() as u64) as usize;
    let b = (a + 1 + rng.below(PARTIES.len() as u64 - 1) as usize) % PARTIES.len();
    (PARTIES[a], PARTIES[b])
}

fn date(rng: &mut Rng) -> String {
    format!("{}-{:02}-{:02}", 2026 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28))
}

fn clause(rng: &mut Rng, i: usize, words: usize) -> Clause {
    let kind = TYPES[i % TYPES.len()];
    let (a, b) = two_parties(rng);
    let f = |k: &str, v: String| (k.to_string(), v);
    let places = |rng: &mut Rng| {
        let n = 1 + rng.below(3) as usize;
        let start = rng.below(PLACES.len() as u64) as usize;
        format!("[{}]", (0..n).map(|k| PLACES[(start + k) % PLACES.len()]).collect::<Vec<_>>().join(", "))
    };
    let fields = match kind {
        "license" => vec![
            f("licensor", a.into()),
            f("licensee", b.into()),
            f("subject", format!("the {} {}", rng.pick(WORDS), rng.pick(WORDS))),
            f("exclusive", if rng.below(2) == 0 { "true".into() } else { "non-exclusive".into() }),
            f("territory", places(rng)),
            f("sublicensable", (rng.below(2) == 0).to_string()),
            f("until", date(rng)),
        ],
        "payment" => vec![
            f("payer", a.into()),
            f("payee", b.into()),
            f("basis", "revenue share".into()),
            f("rate", format!("{}.{}%", 1 + rng.below(30), rng.below(10))),
            f("cap", format!("USD {},000,000", 1 + rng.below(900))),
            f("until", date(rng)),
        ],
        "exclusivity" => vec![
            f("bound", a.into()),
            f("beneficiary", b.into()),
            f("subject", format!("{} services", rng.pick(WORDS))),
            f("exclusive", "true".into()),
            f("exceptions", format!("[{} {}]", rng.pick(WORDS), rng.pick(WORDS))),
        ],
        "right" => vec![
            f("holder", a.into()),
            f("grantor", b.into()),
            f("right", rng.pick(&["first-refusal", "first-negotiation", "audit", "approval"]).into()),
            f("subject", format!("new {}", rng.pick(WORDS))),
        ],
        "obligation" => vec![
            f("obligor", a.into()),
            f("obligee", b.into()),
            f("duty", format!("deliver the {} report", rng.pick(WORDS))),
            f("modality", rng.pick(&["shall", "may"]).into()),
            f("deadline", format!("{} days", 10 + rng.below(80))),
        ],
        "commitment" => vec![
            f("committer", a.into()),
            f("counterparty", b.into()),
            f("amount", format!("USD {} million", 1 + rng.below(999))),
            f("subject", format!("{} services", rng.pick(WORDS))),
        ],
        "equity" => vec![f("holder", a.into()), f("issuer", b.into()), f("stake", format!("{}%", 1 + rng.below(49)))],
        "termination" => vec![
            f("by", a.into()),
            f("counterparty", b.into()),
            f("grounds", "[material breach]".into()),
            f("notice", format!("{} days", 30 + rng.below(60))),
        ],
        "liability-cap" => {
            vec![f("liable", a.into()), f("claimant", b.into()), f("cap", format!("USD {} million", 1 + rng.below(99)))]
        }
        "governing-law" => vec![f("law", rng.pick(&["English law", "New York law", "Delaware law"]).into())],
        "term" => vec![f("start", date(rng))],
        _ => vec![],
    };
    Clause { id: format!("clause-{i:06}"), number: i as u32 + 1, kind, fields, text: prose(rng, words) }
}

fn yaml(clauses: &[Clause], version: &str) -> String {
    let mut s = String::with_capacity(clauses.len() * 700);
    let _ =
        writeln!(s, "agreement: generated-master-agreement\nversion: \"{version}\"\ntitle: Generated master agreement");
    s.push_str("parties:\n");
    for p in PARTIES {
        let _ = writeln!(s, "  {p}: {{name: {} Corporation}}", p[..1].to_uppercase() + &p[1..]);
    }
    s.push_str("definitions:\n  Platform: The services described in the clauses below.\nclauses:\n");
    for c in clauses {
        let _ = writeln!(s, "  - id: {}\n    number: \"{}\"\n    type: {}", c.id, c.number, c.kind);
        for (k, v) in &c.fields {
            let _ = writeln!(s, "    {k}: {v}");
        }
        let _ = writeln!(s, "    text: >-\n      {}", c.text.join(" "));
    }
    s
}

fn mutate(rng: &mut Rng, c: &mut Clause) {
    let choice = rng.below(6);
    match choice {
        0 => {
            // Prose edit: replace a few words.
            for _ in 0..3 {
                let i = rng.below(c.text.len().max(1) as u64) as usize;
                if let Some(w) = c.text.get_mut(i) {
                    *w = rng.pick(WORDS).to_string();
                }
            }
            c.text.push("promptly".into());
        }
        _ => {
            // A field edit of whatever the clause has.
            let edits: Vec<usize> = (0..c.fields.len()).collect();
            if edits.is_empty() {
                c.text.push("amended".into());
                return;
            }
            let i = edits[rng.below(edits.len() as u64) as usize];
            let (k, v) = c.fields[i].clone();
            let nv = match k.as_str() {
                "rate" => format!("{}.{}%", 31 + rng.below(9), rng.below(10)),
                "cap" | "amount" => format!("USD {} billion", 1 + rng.below(9)),
                "until" | "start" => date(rng),
                "exclusive" => {
                    if v == "true" {
                        "false".into()
                    } else {
                        "sole".into()
                    }
                }
                "territory" => format!("[{}, ZA]", v.trim_matches(['[', ']'])),
                "sublicensable" => (v != "true").to_string(),
                "modality" => {
                    if v == "shall" {
                        "may".into()
                    } else {
                        "shall".into()
                    }
                }
                "deadline" | "notice" => format!("{} days", 100 + rng.below(50)),
                "stake" => format!("{}%", 50 + rng.below(20)),
                "subject" | "duty" => format!("{v} and {}", rng.pick(WORDS)),
                "law" => "Scots law".into(),
                "right" => "first-negotiation".into(),
                "exceptions" | "grounds" => "[force majeure]".into(),
                _ => {
                    c.text.push("amended".into());
                    return;
                }
            };
            c.fields[i].1 = nv;
        }
    }
}

fn main() {
    let mut clauses_n = 1000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("bench/data");
    let mut rename_all = false;
    let mut reverse = false;
    let mut rewrite_words: Option<usize> = None;
    let mut words = 60usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = |i: usize| args.get(i + 1).cloned().unwrap_or_else(|| panic!("{} needs a value", args[i]));
        match args[i].as_str() {
            "--clauses" => (clauses_n, i) = (value(i).parse().expect("a number"), i + 1),
            "--seed" => (seed, i) = (value(i).parse().expect("a number"), i + 1),
            "--out" => (out, i) = (PathBuf::from(value(i)), i + 1),
            "--words" => (words, i) = (value(i).parse().expect("a number"), i + 1),
            "--rename-all" => rename_all = true,
            "--reverse" => reverse = true,
            "--rewrite-words" => (rewrite_words, i) = (Some(value(i).parse().expect("a number")), i + 1),
            other => panic!("unknown option {other}"),
        }
        i += 1;
    }
    let mut rng = Rng(seed);
    let mut old: Vec<Clause>;
    let mut new: Vec<Clause>;
    if let Some(n) = rewrite_words {
        let mut c = clause(&mut rng, 11, n);
        old = vec![c.clone()];
        c.text = prose(&mut Rng(seed ^ 0xDEAD_BEEF), n).into_iter().map(|w| w.to_uppercase()).collect();
        new = vec![c];
    } else {
        old = (0..clauses_n).map(|i| clause(&mut rng, i, words)).collect();
        new = old.clone();
        if rename_all {
            for c in &mut new {
                c.id = format!("renamed-{}", c.id);
            }
        } else if !reverse {
            // About 10% of clauses change, in every way the differ understands.
            let mut next_id = clauses_n;
            let mut result = Vec::with_capacity(new.len());
            let mut moved = Vec::new();
            for mut c in new.into_iter() {
                match (rng.below(10) == 0, rng.below(8)) {
                    (true, 0) => continue, // removed
                    (true, 1) => {
                        result.push(c);
                        result.push(clause(&mut rng, next_id, words)); // inserted
                        next_id += 1;
                    }
                    (true, 2) => {
                        c.id = format!("{}-renamed", c.id);
                        result.push(c);
                    }
                    (true, 3) => moved.push(c),
                    (true, 4) if c.kind == "payment" => {
                        let payer = c.fields[0].1.clone();
                        c.fields[0].1 = c.fields[1].1.clone();
                        c.fields[1].1 = payer;
                        result.push(c);
                    }
                    (true, _) => {
                        mutate(&mut rng, &mut c);
                        result.push(c);
                    }
                    _ => result.push(c),
                }
            }
            // Moved clauses go elsewhere, keeping their numbers.
            for (k, c) in moved.into_iter().enumerate() {
                let at = (k * 7919) % result.len().max(1);
                result.insert(at, c);
            }
            new = result;
        }
        if reverse {
            new.reverse();
        }
    }
    if rewrite_words.is_some() {
        old.truncate(1);
    }
    std::fs::create_dir_all(&out).expect("create output directory");
    std::fs::write(out.join("old.yaml"), yaml(&old, "1")).expect("write old.yaml");
    std::fs::write(out.join("new.yaml"), yaml(&new, "2")).expect("write new.yaml");
    eprintln!("wrote {} ({} → {} clauses)", out.display(), old.len(), new.len());
}
