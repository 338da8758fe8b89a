//! The command line: its arguments (clap) and what each command does. The
//! binary (`src/main.rs`) parses, calls [`execute`] and prints.

use std::path::Path;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::ack::{self, Acknowledgements};
use crate::error::{EXIT_SAME, EXIT_TROUBLE, Error};
use crate::load::{self, DEFAULT_MAX_BYTES, LoadOptions};
use crate::render::{self, Format};
use crate::report::Report;
use crate::rules::{Materiality, RULES, Rule};
use crate::{dirs, history, safe};

/// Compare two versions of a structured agreement (YAML) and report each
/// change of meaning: who gains, who loses, how material, and where.
///
/// OLD and NEW are files, `REV:PATH` (a file at a git revision), `-`
/// (standard input, for one of them), or two directories (agreements paired
/// by id). Exit status: 0 no differences, 1 differences (with --fail-on,
/// findings at or above that materiality), 2 trouble. Run by git as an
/// external diff driver (7 or 9 arguments), it prints one report per file;
/// see docs/git.md.
///
/// Options may come before a command (`agreement-diff --max-bytes N check
/// FILE`) when the command takes them.
#[derive(Parser)]
#[command(name = "agreement-diff", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
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
    #[command(flatten)]
    input: InputArgs,
    /// Exit 1 only for findings at or above this materiality (otherwise 0). Overrides `defaults: {fail-on: ...}`
    /// of the config file.
    #[arg(long, value_enum)]
    fail_on: Option<Materiality>,
    /// Mark each finding for or against this party (a key of `parties`), and sort by impact on it. Overrides
    /// `defaults: {perspective: ...}` of the config file.
    #[arg(long, value_name = "PARTY")]
    perspective: Option<String>,
    /// The config file: acknowledged findings and `defaults` (format, fail-on, perspective). A FILE, or REV:PATH
    /// read through git (in CI, the base branch's, so that a pull request cannot approve itself nor loosen its
    /// gate). Default: .agreement-diff.yaml beside the new file, or at the repository root.
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Ignore any .agreement-diff.yaml.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

/// How a report is printed (the comparison and `log`).
#[derive(Args, Clone, Copy)]
struct OutputArgs {
    /// Output format [default: text, or `defaults: {format: ...}` of the config file when comparing].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Colour: auto (only on a terminal; honours NO_COLOR, CLICOLOR, CLICOLOR_FORCE and TERM=dumb), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

/// How input files are read (every command that reads agreements).
#[derive(Args, Clone, Copy)]
struct InputArgs {
    /// Refuse input files larger than this many bytes (checked before parsing).
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

impl InputArgs {
    fn options(&self) -> LoadOptions {
        LoadOptions { max_bytes: self.max_bytes, ..LoadOptions::default() }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Validate agreement files: every error of each file (at most 50 a file), and a warning where a clause's
    /// wording disagrees with its typed fields; exit 0 if all are valid (warnings or not), 2 otherwise.
    Check {
        /// The agreement files to validate (`-` for standard input).
        #[arg(required = true)]
        files: Vec<String>,
        /// How errors and warnings are printed: text (on standard error), json (a list of {file, line, column,
        /// severity, message} on standard output) or github (workflow commands, one `::error` per error and
        /// `::warning` per warning, on standard output).
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Print an agreement (Markdown, plain text or YAML) in the YAML agreement format, every clause as `text`.
    Convert {
        /// The agreement file (or `REV:PATH`).
        file: String,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Summarise a chain of versions, one section per step (ordered by `effective`, then as given).
    Log {
        /// The versions, in any order.
        #[arg(required = true, num_args = 2..)]
        files: Vec<String>,
        #[command(flatten)]
        out: OutputArgs,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Apply amendments to an agreement and print the consolidated agreement (see docs/amendments.md).
    Apply {
        /// The agreement amended.
        base: String,
        /// The amendments, applied in this order.
        #[arg(required = true)]
        amendments: Vec<String>,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Draft the amendment that turns OLD into NEW (YAML for `apply`, or Markdown for people).
    Amend {
        /// The version amended.
        old: String,
        /// The version it becomes.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "yaml")]
        format: crate::amend::draft::DraftFormat,
        #[command(flatten)]
        input: InputArgs,
    },
    /// List every rule: id, materiality and title.
    Rules {
        /// Print the rule reference as Markdown (docs/rules.md is generated this way).
        #[arg(long)]
        markdown: bool,
    },
    /// Explain one rule.
    Explain {
        /// A rule id, such as `cap-added`.
        rule: String,
    },
    /// Print a JSON Schema of the agreement format (for editors).
    Schema,
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// How `check` prints its errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// `file:line:col: message` on standard error.
    Text,
    /// A JSON list of {file, line, column, severity, message} on standard output.
    Json,
    /// GitHub Actions workflow commands on standard output.
    Github,
}

/// Parse a command line (the git driver's form aside). Options written
/// before a command are handed to it (`--max-bytes N check FILE` is `check
/// --max-bytes N FILE`), so a command refuses those it does not take, as
/// clap does; `-` (standard input) may be given once.
pub fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args = command_first(args.into_iter().map(Into::into).collect());
    let cli = Cli::try_parse_from(args)?;
    let files: Vec<&String> = match &cli.command {
        Some(Command::Check { files, .. } | Command::Log { files, .. }) => files.iter().collect(),
        Some(Command::Apply { base, amendments, .. }) => std::iter::once(base).chain(amendments).collect(),
        Some(Command::Amend { old, new, .. }) => vec![old, new],
        Some(_) => Vec::new(),
        None => cli.diff.old.iter().chain(cli.diff.new.iter()).collect(),
    };
    if files.iter().filter(|f| f.as_str() == "-").count() > 1 {
        return Err(Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, "standard input (`-`) can be read only once in a run"));
    }
    Ok(cli)
}

/// Move a command's name before the options that precede it: the first
/// argument that is neither an option nor an option's value is either OLD
/// (nothing moves) or a command.
fn command_first(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let cmd = Cli::command();
    let takes_value =
        |long: &str| cmd.get_arguments().any(|a| a.get_long() == Some(long) && a.get_action().takes_values());
    let mut i = 1;
    while let Some(arg) = args.get(i).and_then(|a| a.to_str()) {
        if arg == "--" {
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            i += if !long.contains('=') && takes_value(long) { 2 } else { 1 };
            continue;
        }
        if arg.len() > 1 && arg.starts_with('-') {
            i += 1;
            continue;
        }
        if i > 1 && cmd.find_subcommand(arg).is_some() {
            let name = args.remove(i);
            args.insert(1, name);
        }
        break;
    }
    args
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What a command prints, and the status to exit with.
#[derive(Debug)]
pub struct Output {
    /// Everything for standard output, written at once.
    pub text: String,
    /// The exit status.
    pub status: u8,
}

impl Output {
    fn ok(text: String) -> Output {
        Output { text, status: EXIT_SAME }
    }
}

/// Whether standard output gets colour: `anstream` reads the terminal,
/// NO_COLOR, CLICOLOR and CLICOLOR_FORCE for `auto`.
pub fn stdout_color(always: Option<bool>) -> bool {
    let choice = match always {
        Some(true) => anstream::ColorChoice::Always,
        Some(false) => anstream::ColorChoice::Never,
        None => anstream::AutoStream::choice(&std::io::stdout()),
    };
    matches!(choice, anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi)
}

/// Run a parsed command line.
pub fn execute(cli: Cli) -> Result<Output, Error> {
    let color = |out: &OutputArgs| {
        stdout_color(match out.color {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        })
    };
    let renderer = |out: &OutputArgs| render::renderer_for_run(out.format.unwrap_or(Format::Text), color(out));
    match cli.command {
        Some(Command::Check { files, format, input }) => Ok(check(&files, &input.options(), format)),
        Some(Command::Convert { file, input }) => {
            let a = load::load_file(&file, &input.options())?;
            Ok(Output::ok(crate::convert::to_yaml(&a)))
        }
        Some(Command::Log { files, out, input }) => {
            Ok(Output::ok(renderer(&out).log(&history::chain(&files, &input.options())?)))
        }
        Some(Command::Apply { base, amendments, input }) => Ok(apply(&base, &amendments, &input.options())),
        Some(Command::Amend { old, new, format, input }) => {
            let options = input.options();
            let (old, new) = (crate::amend::load_base(&old, &options)?, crate::amend::load_base(&new, &options)?);
            Ok(Output::ok(crate::amend::draft::draft(&old, &new, format)?))
        }
        Some(Command::Rules { markdown }) => {
            Ok(Output::ok(if markdown { render::rules_markdown() } else { render::rules_table() }))
        }
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Schema) => {
            let s = serde_json::to_string_pretty(&crate::schema_json::schema()).expect("serialises");
            Ok(Output::ok(s + "\n"))
        }
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "agreement-diff", &mut buf);
            Ok(Output::ok(String::from_utf8_lossy(&buf).into_owned()))
        }
        Some(Command::Man) => {
            let buf = man_page().map_err(|e| format!("cannot render the man page: {e}"))?;
            Ok(Output::ok(String::from_utf8_lossy(&buf).into_owned()))
        }
        None => diff(&cli.diff, &cli.diff.input.options(), color(&cli.diff.out)),
    }
}

/// The options of one comparison: each flag, else the config file's
/// default, else the built-in default.
struct Settings<'a> {
    format: Format,
    fail_on: Option<Materiality>,
    /// The party, and where the config file names it (for a flag, nowhere).
    perspective: Option<(&'a str, Option<&'a load::LoadError>)>,
}

impl<'a> Settings<'a> {
    fn of(args: &'a DiffArgs, d: &'a ack::Defaults) -> Settings<'a> {
        Settings {
            format: args.out.format.or(d.format).unwrap_or(Format::Text),
            fail_on: args.fail_on.or(d.fail_on),
            perspective: match (&args.perspective, &d.perspective) {
                (Some(p), _) => Some((p.as_str(), None)),
                (None, Some((p, at))) => Some((p.as_str(), Some(at))),
                (None, None) => None,
            },
        }
    }

    /// Mark a report's findings for or against the perspective party; a
    /// default that names no party is an error at its place in the config.
    fn perspective(&self, report: &mut Report) -> Result<(), Error> {
        let Some((party, at)) = self.perspective else { return Ok(()) };
        match (report.set_perspective(party), at) {
            (Ok(()), _) => Ok(()),
            (Err(e), Some(at)) => Err(Error::Load(load::LoadError {
                message: format!("`defaults.perspective`: {}", e.to_string().trim_start_matches("--perspective ")),
                ..at.clone()
            })),
            (Err(e), None) => Err(e.into()),
        }
    }
}

fn diff(args: &DiffArgs, options: &LoadOptions, color: bool) -> Result<Output, Error> {
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        return Err(Error::Message("give two files to compare (OLD NEW), or a command; see --help".into()));
    };
    let acks_beside =
        |new_path: &str| Acknowledgements::for_run(args.config.as_deref(), args.no_config, new_path, options.max_bytes);
    if Path::new(old).is_dir() && Path::new(new).is_dir() {
        // One config file for the whole run, found in the new directory, read before comparing so that
        // a bad one stops the run before any work.
        let mut acks = acks_beside(&Path::new(new).join(ack::FILE_NAME).to_string_lossy())?;
        let mut d = dirs::compare(old, new, options)?;
        let defaults = std::mem::take(&mut acks.defaults);
        let settings = Settings::of(args, &defaults);
        let mut status = u8::from(!d.added.is_empty() || !d.removed.is_empty());
        for r in &mut d.reports {
            settings.perspective(r)?;
            acks.apply(r);
            status = status.max(exit_status(r, settings.fail_on));
        }
        d.stale = acks.stale();
        if settings.format == Format::Github {
            step_summary(&render::renderer_for_run(Format::Markdown, false).directory(&d))?;
        }
        return Ok(Output { text: render::renderer_for_run(settings.format, color).directory(&d), status });
    }
    let mut acks = acks_beside(new)?;
    let defaults = std::mem::take(&mut acks.defaults);
    let settings = Settings::of(args, &defaults);
    let mut report = crate::amend::diff_files(old, new, options)?;
    settings.perspective(&mut report)?;
    acks.apply(&mut report);
    report.stale = acks.stale();
    if settings.format == Format::Github {
        step_summary(&render::renderer_for_run(Format::Markdown, false).report(&report))?;
    }
    let text = render::renderer_for_run(settings.format, color).report(&report);
    Ok(Output { text, status: exit_status(&report, settings.fail_on) })
}

/// With `--format github` in GitHub Actions, the whole report (Markdown) goes
/// to the job summary, since the annotations show one finding per clause.
fn step_summary(markdown: &str) -> Result<(), Error> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut f| f.write_all(markdown.as_bytes()).and_then(|()| f.write_all(b"\n")))
        .map_err(|e| Error::Message(format!("cannot write the job summary ($GITHUB_STEP_SUMMARY): {e}")))
}

fn exit_status(report: &Report, fail_on: Option<Materiality>) -> u8 {
    match fail_on {
        None => u8::from(!report.findings.is_empty()),
        Some(level) => u8::from(report.max_materiality().is_some_and(|m| m >= level)),
    }
}

/// One man page for the whole tool: clap_mangen's own subcommands section
/// names a page per command (`agreement-diff-check(1)`), which does not
/// exist, so each command is described here instead, with its options.
fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    buf.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let roff = |t: &str| t.replace('\\', "\\\\").replace('-', "\\-");
        buf.extend_from_slice(
            format!(".TP\n\\fBagreement\\-diff {}\\fR\n{}\n", roff(sub.get_name()), roff(&about)).as_bytes(),
        );
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let name = match (arg.get_long(), arg.get_short()) {
                (Some(l), _) => format!("\\-\\-{}", roff(l)),
                (None, Some(c)) => format!("\\-{c}"),
                (None, None) => roff(&arg.get_id().to_string().to_uppercase()),
            };
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            buf.extend_from_slice(format!(".RS\n.TP\n{name}\n{}\n.RE\n", roff(&help)).as_bytes());
        }
    }
    man.render_version_section(&mut buf)?;
    Ok(buf)
}

/// Validate files, reporting every error of each (at most
/// [`load::MAX_ERRORS`] a file), exit 2 if any is invalid, and a warning
/// wherever a valid file's wording disagrees with its typed fields (which
/// leaves the exit status alone). In text, `ok:` lines go to standard output
/// and errors and warnings to standard error; in json and github, the errors
/// and warnings are the output.
fn check(files: &[String], options: &LoadOptions, format: CheckFormat) -> Output {
    let mut ok = true;
    let mut text = String::new();
    // Errors and warnings, each tagged, in the order of the files. Warnings
    // (wording that disagrees with a typed field) do not make a file invalid:
    // the exit status is that of the errors.
    let mut errors: Vec<(load::LoadError, &'static str)> = Vec::new();
    for (f, result) in files.iter().zip(crate::amend::check_all(files, options)) {
        match result {
            Ok(checked) => {
                let what = match checked {
                    crate::amend::Checked::Agreement(n, w) => {
                        // The `ok:` line keeps its form (the action reads it); warnings follow it.
                        errors.extend(w.into_iter().map(|w| (w, "warning")));
                        format!("{n} clauses")
                    }
                    crate::amend::Checked::Amendment(n) => format!("an amendment, {n} instructions"),
                };
                if format == CheckFormat::Text {
                    text.push_str(&format!("ok: {} ({what})\n", safe::line(f)));
                }
            }
            Err(mut e) => {
                ok = false;
                // In the order of the file; an error of the whole file last.
                e.sort_by_key(load::LoadError::place);
                errors.extend(e.into_iter().map(|e| (e, "error")));
            }
        }
    }
    match format {
        CheckFormat::Text => {
            for (e, severity) in &errors {
                eprintln!("{}", safe::inert_commands(&format!("agreement-diff: {severity}: {e}")));
            }
        }
        CheckFormat::Json => text = render::json::check_errors(&errors),
        CheckFormat::Github => text = render::github::check_errors(&errors),
    }
    Output { text, status: if ok { EXIT_SAME } else { EXIT_TROUBLE } }
}

/// Consolidate amendments into their base; on any error, every error of the
/// first amendment that has one on standard error, exit 2 and nothing printed.
fn apply(base: &str, amendments: &[String], options: &LoadOptions) -> Output {
    match crate::amend::consolidate_files(base, amendments, options) {
        Ok(c) => {
            let (text, note) = crate::amend::consolidated_text(base, amendments, &c);
            if let Some(note) = note {
                eprintln!("{}", safe::inert_commands(&format!("agreement-diff: note: {note}")));
            }
            Output::ok(text)
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{}", safe::inert_commands(&format!("agreement-diff: error: {e}")));
            }
            Output { text: String::new(), status: EXIT_TROUBLE }
        }
    }
}

fn explain(id: &str) -> Result<Output, Error> {
    let Some(rule) = Rule::from_id(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let hint = load::closest(id, &ids)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| "; `agreement-diff rules` lists them".into());
        return Err(Error::Message(format!("no rule named `{}`{hint}", safe::line(id))));
    };
    Ok(Output::ok(render::explanation(rule.info())))
}
