//! The `agreement-diff` command line.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use agreement_diff::classify::rules::{self, Materiality, RULES};
use agreement_diff::load::{self, DEFAULT_MAX_BYTES, LoadOptions};
use agreement_diff::model::Agreement;
use agreement_diff::render::{self, Format};
use agreement_diff::report::Report;
use agreement_diff::{ack, dirs, history, safe};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// Compare two versions of a structured agreement (YAML) and report each
/// change of meaning: who gains, who loses, how material, and where.
///
/// OLD and NEW are files, `REV:PATH` (a file at a git revision), or two
/// directories (agreements paired by id). Exit status: 0 no differences,
/// 1 differences (with --fail-on, findings at or above that materiality),
/// 2 trouble. Run by git as an external diff driver (7 or 9 arguments), it
/// prints one report per file; see docs/git.md.
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
    #[command(flatten)]
    out: OutputArgs,
    /// Exit 1 only for findings at or above this materiality (otherwise 0).
    #[arg(long, value_enum)]
    fail_on: Option<Level>,
    /// Mark each finding for or against this party (a key of `parties`), and sort by impact on it.
    #[arg(long, value_name = "PARTY")]
    perspective: Option<String>,
    /// Acknowledged findings (default: .agreement-diff.yaml beside the new file, or at the repository root).
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Ignore any .agreement-diff.yaml.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

#[derive(Args, Clone, Copy)]
struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text", global = true)]
    format: Format,
    /// Colour: auto (only on a terminal; honours NO_COLOR, CLICOLOR_FORCE and TERM=dumb), always, never.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    color: ColorChoice,
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
    /// Summarise a chain of versions, one section per step (ordered by `effective`, then as given).
    Log {
        #[arg(required = true, num_args = 2..)]
        files: Vec<String>,
    },
    /// List every rule: id, materiality and title.
    Rules,
    /// Explain one rule.
    Explain { rule: String },
    /// Print a JSON Schema of the agreement format (for editors).
    Schema,
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
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
    let args: Vec<String> = std::env::args().collect();
    if let Some(driver) = GitDriver::from_args(&args[1..]) {
        return driver.run();
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let out = cli.diff.out;
    let options = LoadOptions { max_bytes: out.max_bytes, ..LoadOptions::default() };
    let color = use_color(out.color, std::io::stdout().is_terminal());
    match cli.command {
        Some(Command::Check { files }) => check(&files, &options),
        Some(Command::Log { files }) => match history::chain(&files, &options) {
            Ok(steps) => emit(&history::render(&steps, out.format, color), 0),
            Err(e) => fail(&e.to_string()),
        },
        Some(Command::Rules) => emit(&rules_table(), 0),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Schema) => {
            let s = serde_json::to_string_pretty(&agreement_diff::schema_json::schema()).expect("serialises");
            emit(&(s + "\n"), 0)
        }
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "agreement-diff", &mut buf);
            emit(&String::from_utf8_lossy(&buf), 0)
        }
        Some(Command::Man) => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                Ok(()) => emit(&String::from_utf8_lossy(&buf), 0),
                Err(e) => fail(&format!("cannot render the man page: {e}")),
            }
        }
        None => run_diff(&cli.diff, &options, color),
    }
}

fn run_diff(args: &DiffArgs, options: &LoadOptions, color: bool) -> ExitCode {
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        eprintln!("agreement-diff: error: give two files to compare (OLD NEW), or a command; see --help");
        return ExitCode::from(2);
    };
    let fail_on = args.fail_on.map(Level::materiality);
    if Path::new(old).is_dir() && Path::new(new).is_dir() {
        let mut d = match dirs::compare(old, new, options) {
            Ok(d) => d,
            Err(e) => return fail(&e.to_string()),
        };
        // One acknowledgements file for the whole run, found in the new directory.
        let acks = match acknowledgements(args, &Path::new(new).join(ack::FILE_NAME).to_string_lossy(), options) {
            Ok(a) => a,
            Err(e) => return fail(&e),
        };
        let mut used = vec![false; acks.len()];
        let mut status = u8::from(!d.added.is_empty() || !d.removed.is_empty());
        for r in &mut d.reports {
            if let Err(e) = perspective(r, args) {
                return fail(&e);
            }
            for (u, here) in used.iter_mut().zip(ack::apply(r, &acks)) {
                *u |= here;
            }
            status = status.max(exit_status(r, fail_on));
        }
        d.stale = ack::stale(&acks, &used);
        return emit(&dirs::render(&d, args.out.format, color), status);
    }
    let mut report = match agreement_diff::diff_files(old, new, options) {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string()),
    };
    let acks = match perspective(&mut report, args).and_then(|()| acknowledgements(args, new, options)) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    let used = ack::apply(&mut report, &acks);
    report.stale = ack::stale(&acks, &used);
    let output = render::render(&report, args.out.format, color);
    emit(&output, exit_status(&report, fail_on))
}

/// Apply --perspective to a report, checking that it names a party.
fn perspective(report: &mut Report, args: &DiffArgs) -> Result<(), String> {
    if let Some(p) = &args.perspective {
        if !report.party_names.iter().any(|(k, _)| k == p) {
            let keys: Vec<&str> = report.party_names.iter().map(|(k, _)| k.as_str()).collect();
            return Err(format!(
                "--perspective `{}` is not a party of either version; parties are: {}",
                safe::line(p),
                keys.join(", ")
            ));
        }
        report.perspective = Some(p.clone());
    }
    Ok(())
}

/// The acknowledgements in force: `--config`, or the file found beside
/// `new_path` or at the repository root; none with `--no-config`.
fn acknowledgements(args: &DiffArgs, new_path: &str, options: &LoadOptions) -> Result<Vec<ack::Ack>, String> {
    if args.no_config {
        return Ok(Vec::new());
    }
    let file = match &args.config {
        Some(f) => Some(f.clone()),
        None => ack::discover(new_path).map(|p| p.to_string_lossy().to_string()),
    };
    match file {
        Some(f) => ack::load(&f, options.max_bytes).map_err(|e| e.to_string()),
        None => Ok(Vec::new()),
    }
}

fn exit_status(report: &Report, fail_on: Option<Materiality>) -> u8 {
    match fail_on {
        None => u8::from(!report.findings.is_empty()),
        Some(level) => u8::from(report.max_materiality().is_some_and(|m| m >= level)),
    }
}

/// git's external diff protocol: `path old-file old-hex old-mode new-file
/// new-hex new-mode`, plus `new-path rename-info` for a rename.
struct GitDriver {
    path: String,
    old_file: String,
    new_file: String,
    new_path: Option<String>,
}

impl GitDriver {
    fn from_args(args: &[String]) -> Option<GitDriver> {
        let mode = |s: &str| s == "." || (s.len() == 6 && s.bytes().all(|b| (b'0'..=b'7').contains(&b)));
        let hex = |s: &str| s == "." || (s.len() >= 40 && s.bytes().all(|b| b.is_ascii_hexdigit()));
        if !(args.len() == 7 || args.len() == 9)
            || !mode(&args[3])
            || !mode(&args[6])
            || !hex(&args[2])
            || !hex(&args[5])
        {
            return None;
        }
        Some(GitDriver {
            path: args[0].clone(),
            old_file: args[1].clone(),
            new_file: args[4].clone(),
            new_path: args.get(7).cloned(),
        })
    }

    fn run(self) -> ExitCode {
        let trusted = git_trusts_exit_code(&self.path);
        let options = LoadOptions::default();
        let new_name = self.new_path.clone().unwrap_or_else(|| self.path.clone());
        let load = |file: &str, shown: &str| -> Result<Option<Agreement>, String> {
            if file == "/dev/null" {
                return Ok(None);
            }
            // git hands the driver file names, never `REV:PATH`: `./` keeps a relative one a file.
            let file = if Path::new(file).is_relative() { format!("./{file}") } else { file.to_string() };
            let text = load::read_source(&file, options.max_bytes).map_err(|e| e.message)?;
            load::load_str(&text, shown, &options).map(Some).map_err(|e| e.to_string())
        };
        let mut out = String::new();
        let heading = match &self.new_path {
            Some(n) if *n != self.path => format!("agreement-diff a/{} b/{}", safe::line(&self.path), safe::line(n)),
            _ => format!("agreement-diff a/{} b/{}", safe::line(&self.path), safe::line(&new_name)),
        };
        out.push_str(&heading);
        out.push('\n');
        let status =
            match (load(&self.old_file, &format!("a/{}", self.path)), load(&self.new_file, &format!("b/{new_name}"))) {
                (Ok(old), Ok(new)) => {
                    let old = old.unwrap_or_else(|| empty_like(new.as_ref(), "/dev/null"));
                    let new = new.unwrap_or_else(|| empty_like(Some(&old), "/dev/null"));
                    let report = agreement_diff::diff(&old, &new);
                    out.push_str(&render::render(
                        &report,
                        Format::Text,
                        use_color(ColorChoice::Auto, std::io::stdout().is_terminal()),
                    ));
                    u8::from(!report.findings.is_empty())
                }
                (Err(e), _) | (_, Err(e)) => {
                    // git stops with "external diff died" on any status but 0 and 1:
                    // report the trouble in the output and count it as a difference.
                    out.push_str(&format!("agreement-diff: error: {}\n", safe::line(&e)));
                    1
                }
            };
        emit(&out, if trusted { status } else { 0 })
    }
}

/// An agreement with nothing in it, standing for an added or deleted file.
fn empty_like(other: Option<&Agreement>, path: &str) -> Agreement {
    Agreement {
        path: path.to_string(),
        id: other.map(|a| a.id.clone()).unwrap_or_default(),
        version: None,
        meta: Vec::new(),
        parties: Vec::new(),
        definitions: Vec::new(),
        clauses: Vec::new(),
    }
}

/// Whether git was told to trust this driver's exit code: the `diff`
/// attribute of the path names a driver whose `trustExitCode` is true (or
/// `diff.trustExitCode` for `diff.external`).
fn git_trusts_exit_code(path: &str) -> bool {
    if let Some(v) = std::env::var_os("AGREEMENT_DIFF_TRUST_EXIT_CODE") {
        return v == "1" || v == "true";
    }
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let driver = git(&["check-attr", "diff", "--", path])
        .and_then(|s| s.rsplit(": ").next().map(str::to_string))
        .filter(|d| !matches!(d.as_str(), "unspecified" | "set" | "unset" | ""));
    let key = match driver {
        Some(d) => format!("diff.{d}.trustExitCode"),
        None => "diff.trustExitCode".to_string(),
    };
    git(&["config", "--type=bool", "--get", &key]).is_some_and(|v| v == "true")
}

fn check(files: &[String], options: &LoadOptions) -> ExitCode {
    // Load on every core, report in the order given.
    let results = load_all(files, options);
    let mut ok = true;
    let mut out = String::new();
    for (f, result) in files.iter().zip(results) {
        match result {
            Ok(a) => out.push_str(&format!("ok: {} ({} clauses)\n", safe::line(f), a.clauses.len())),
            Err(e) => {
                eprintln!("agreement-diff: error: {e}");
                ok = false;
            }
        }
    }
    emit(&out, if ok { 0 } else { 2 })
}

fn load_all(files: &[String], options: &LoadOptions) -> Vec<Result<Agreement, load::LoadError>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Agreement, load::LoadError>>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    let r = load::load_file(f, options);
                    results.lock().expect("no panic while loading")[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().expect("no panic while loading").into_iter().map(|r| r.expect("every file loaded")).collect()
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
