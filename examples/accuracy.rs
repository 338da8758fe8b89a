//! Score the findings against the labelled corpus and print the table that
//! `docs/accuracy.md` records (issue 11, item 6).
//!
//! ```sh
//! cargo run --release --example accuracy -- [--corpus ../shared/corpus] [--labels tests/corpus/labels] [--verbose]
//! ```
//!
//! Prints a Markdown table (tuning set, hold-out set, all), then the ratchet
//! block to paste into `docs/accuracy.md` when every figure is at least the
//! recorded one. `--verbose` adds the party mapping and, per pair, the labels
//! missed, found too quietly or with the wrong party, and the findings at
//! substantive or above that match no label. Exit status 2 on an error.

use std::path::PathBuf;
use std::process::ExitCode;

use agreement_diff::accuracy;

const USAGE: &str = "usage: accuracy [--corpus DIR] [--labels DIR] [--verbose]";

fn main() -> ExitCode {
    let here = env!("CARGO_MANIFEST_DIR");
    let mut corpus = PathBuf::from(here).join("../shared/corpus");
    let mut labels = PathBuf::from(here).join("tests/corpus/labels");
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" | "--labels" => {
                let Some(dir) = args.next() else {
                    eprintln!("{arg} needs a directory\n{USAGE}");
                    return ExitCode::from(2);
                };
                *(if arg == "--corpus" { &mut corpus } else { &mut labels }) = PathBuf::from(dir);
            }
            "--verbose" | "-v" => verbose = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("unknown argument `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let started = std::time::Instant::now();
    let run = match accuracy::run(&corpus, &labels) {
        Ok(run) => run,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let labelled: usize = run.all.recall.of;
    println!(
        "Accuracy on {} labelled pairs ({labelled} labelled changes; hold-out: {}), scored in {:.1} s\n",
        run.all.pairs,
        accuracy::HOLD_OUT.join(", "),
        started.elapsed().as_secs_f64()
    );
    print!("{}", accuracy::table(&run));
    println!("\nRatchet block (docs/accuracy.md):\n\n```text\n{}```", accuracy::block(&run));
    if verbose {
        println!("\n{}", accuracy::details(&run));
    }
    ExitCode::SUCCESS
}
