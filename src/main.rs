//! The `agreement-diff` command line.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use agreement_diff::classify::rules::{self, Materiality, RULES};
use agreement_diff::load::{self, DEFAULT_MAX_BYTES, LoadOptions};
use agreement_diff::render::{self, Format};
use agreement_diff::safe;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Compare two versions of a structured agreement (YAML) and report each
/// change of meaning: who gains, who loses, how material, and where.
///
/// Exit status: 0 no differences, 1 differences (with --fail-on, findings at
/// or above that materiality), 2 trouble.
#[derive(Parser)]
#[command(name = "agreement-diff", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    diff: DiffArgs,
}

#[derive(Args)]
struct DiffArgs {
    /// The earlier version.
    old: Option<String>,
    /// The later version.
    new: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Colour: auto (only on a terminal; honours NO_COLOR, CLICOLOR_FORCE and TERM=dumb), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Exit 1 only for findings at or above this materiality (otherwise 0).
    #[arg(long, value_enum)]
    fail_on: Option<Level>,
    #[command(flatten)]
    limits: Limits,
}

#[derive(Args, Clone, Copy)]
struct Limits {
    /// Refuse input files larger than this many bytes (checked before parsing).
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES, global = true)]
    max_bytes: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Validate agreement files: exit 0 if all are valid, 2 otherwise.
    Check {
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// List every rule: id, materiality and title.
    Rules,
    /// Explain one rule.
    Explain { rule: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    Commercial,
    Substantive,
    Clarification,
    Administrative,
}

impl Level {
    fn materiality(self) -> Materiality {
        match self {
            Level::Commercial => Materiality::Commercial,
            Level::Substantive => Materiality::Substantive,
            Level::Clarification => Materiality::Clarification,
            Level::Administrative => Materiality::Administrative,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let options = LoadOptions {
        max_bytes: cli.diff.limits.max_bytes,
        ..LoadOptions::default()
    };
    match cli.command {
        Some(Command::Check { files }) => check(&files, &options),
        Some(Command::Rules) => emit(&rules_table(), 0),
        Some(Command::Explain { rule }) => explain(&rule),
        None => run_diff(&cli.diff, &options),
    }
}

fn run_diff(args: &DiffArgs, options: &LoadOptions) -> ExitCode {
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        eprintln!("agreement-diff: error: give two files to compare (OLD NEW), or a command; see --help");
        return ExitCode::from(2);
    };
    let report = match agreement_diff::diff_files(old, new, options) {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string()),
    };
    let color = use_color(args.color, std::io::stdout().is_terminal());
    let output = render::render(&report, args.format, color);
    let status = match args.fail_on {
        None => u8::from(!report.findings.is_empty()),
        Some(level) => u8::from(report.max_materiality().is_some_and(|m| m >= level.materiality())),
    };
    emit(&output, status)
}

fn check(files: &[String], options: &LoadOptions) -> ExitCode {
    let mut ok = true;
    let mut out = String::new();
    for f in files {
        match load::load_file(f, options) {
            Ok(a) => out.push_str(&format!("ok: {} ({} clauses)\n", safe::line(f), a.clauses.len())),
            Err(e) => {
                eprintln!("agreement-diff: error: {e}");
                ok = false;
            }
        }
    }
    emit(&out, if ok { 0 } else { 2 })
}

fn rules_table() -> String {
    let mut out = String::new();
    for m in Materiality::ALL {
        out.push_str(&format!("{}:\n", m.name()));
        for r in RULES.iter().filter(|r| r.materiality == m) {
            out.push_str(&format!("  {:<28} {}\n", r.id, r.title));
        }
    }
    out.push_str("\nagreement-diff explain RULE for the details of one rule.\n");
    out
}

fn explain(id: &str) -> ExitCode {
    let Some(r) = rules::find(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let hint = load::closest(id, &ids)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| "; `agreement-diff rules` lists them".into());
        return fail(&format!("no rule named `{}`{hint}", safe::line(id)));
    };
    let text = format!(
        "{}: {}\n\nmateriality: {}\nfavours: {}\n\n{}\n",
        r.id, r.title, r.materiality, r.favours, r.explanation
    );
    emit(&text, 0)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("agreement-diff: error: {message}");
    ExitCode::from(2)
}

/// Write the whole output at once; a closed pipe ends quietly.
fn emit(output: &str, status: u8) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(output.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::from(status),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(status),
        Err(e) => fail(&format!("cannot write output: {e}")),
    }
}

fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some() {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
                false
            } else {
                terminal
            }
        }
    }
}
