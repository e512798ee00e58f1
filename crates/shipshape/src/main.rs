//! The `shipshape` command line: arguments, wiring and exit codes. All the work happens in
//! `shipshape-core` and `shipshape-render`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod init;
mod probe;
mod rounds;

use clap::{Parser, Subcommand, ValueEnum};
use shipshape_core::baseline::Baseline;
use shipshape_core::config::{CONFIG_FILE, Config};
use shipshape_core::report::Report;
use shipshape_core::rules::{self, Confidence, Severity};
use shipshape_core::source::{ReadError, Source};
use shipshape_history::GitRepo;

/// Audit a repository for infrastructure and DevOps production readiness, from evidence alone.
#[derive(Debug, Parser)]
#[command(name = "shipshape", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit a repository and print its production-readiness report.
    Audit(AuditArgs),
    /// List every rule.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a commented `shipshape.toml` listing today's failing rules, and print a GitHub
    /// Actions workflow that uploads the SARIF report.
    Init {
        /// The repository to write `shipshape.toml` into.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Overwrite an existing `shipshape.toml`.
        #[arg(long)]
        force: bool,
    },
    /// Probe a live deployment: security headers and their grade, HTTPS, TLS, health
    /// endpoints, latency, compression and caching, as served.
    Probe(ProbeCommand),
    /// Compare two rounds: scores per category, level, findings resolved, new and unchanged.
    Diff(rounds::DiffArgs),
    /// Audit the commits of a branch's history (first parents) and show how readiness moved.
    History(rounds::HistoryArgs),
    /// Print a rule's documentation.
    Explain {
        /// Rule id (`CI004`) or name (`no-staging-environment`).
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
struct AuditArgs {
    /// The repository to audit.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Audit this git revision (`HEAD`, `main~3`, a tag or commit id) from the object database,
    /// without a checkout.
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
    /// Hide findings from rules below this confidence.
    #[arg(long, value_name = "LEVEL", value_parser = parse_confidence, default_value = "low")]
    min_confidence: Confidence,
    /// A previous JSON report: `--fail-on` then counts only findings it does not have.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Read configuration from FILE instead of the repository's `shipshape.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    history: rounds::StoreArgs,
    /// Also probe the deployment at URL: live facts and rules join the report.
    #[arg(long, value_name = "URL", help_heading = "Live probe")]
    url: Option<String>,
    #[command(flatten)]
    probe: probe::ProbeArgs,
}

#[derive(Debug, clap::Args)]
struct ProbeCommand {
    /// The deployment: an http:// or https:// URL. Only this host is contacted.
    url: String,
    /// Also try the health routes this repository defines.
    #[arg(long, value_name = "PATH")]
    repo: Option<PathBuf>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    probe: probe::ProbeArgs,
}

/// How a report is written and what fails the run (audit and probe).
#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Terminal)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with status 1 if a finding at or above this severity remains.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    fail_on: Option<Severity>,
    /// Terminal format: print only failing findings and the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Terminal,
    Json,
    Markdown,
    Html,
    Sarif,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| format!("`{s}` is not a severity: use critical, high, medium, low or info"))
}

fn parse_confidence(s: &str) -> Result<Confidence, String> {
    Confidence::parse(s).ok_or_else(|| format!("`{s}` is not a confidence: use low, medium or high"))
}

/// The stack the audit runs on. Parsers recurse as deep as code nests: on a stack this size
/// every file but pathological ones parses in place (those get a stack of their own).
const STACK: usize = shipshape_core::PARSER_STACK;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match std::thread::Builder::new().name("shipshape".into()).stack_size(STACK).spawn(move || run(cli)) {
        Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Err(e) => Err(format!("cannot start the audit thread: {e}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(anstream::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Audit(args) => audit(args),
        Command::Probe(args) => probe_command(args),
        Command::Diff(args) => rounds::diff(args).map(|()| ExitCode::SUCCESS),
        Command::History(args) => rounds::history(args).map(|()| ExitCode::SUCCESS),
        Command::Init { path, force } => {
            let source = rounds::worktree(&path)?;
            let target = path.join(CONFIG_FILE);
            init::check_target(&target, force)?;
            let report = shipshape_core::audit(&source, &Config::default())?;
            init::write_config(&target, &init::config(&report))?;
            let _ = writeln!(anstream::stderr(), "wrote {} ({} failing rule(s) listed)", target.display(), report.findings.len());
            emit(&init::workflow(), None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { format } => {
            let text = match format {
                ListFormat::Text => rules_table(),
                ListFormat::Json => rules_json(),
            };
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => {
            let rule = rules::find(&rule).ok_or_else(|| format!("no rule `{rule}`: `shipshape rules` lists them"))?;
            let m = rule.meta();
            let text = format!(
                "{} {}\ncategory: {} · severity: {} · level: {} · effort: {} · confidence: {}\n\n{}\n",
                m.id,
                m.name,
                m.category.id(),
                m.severity,
                m.level,
                m.effort.as_str(),
                m.confidence.as_str(),
                m.docs()
            );
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn audit(args: AuditArgs) -> Result<ExitCode, String> {
    let git;
    let mut commit = None;
    let source: Box<dyn Source + '_> = match &args.rev {
        Some(rev) => {
            git = GitRepo::discover(&args.path)?;
            let revision = git.resolve(rev)?;
            commit = Some(revision.id.clone());
            Box::new(git.source(&revision)?)
        }
        None => Box::new(rounds::worktree(&args.path)?),
    };
    // History never costs the report: a store that cannot be used is a warning.
    let mut store = args.history.open().unwrap_or_else(|e| {
        warn_unrecorded(&e);
        None
    });
    let config = load_config(source.as_ref(), args.config.as_ref())?;
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::parse(&path.display().to_string(), &read_text(path)?)?),
        None => None,
    };
    let mut report: Report = shipshape_core::audit(source.as_ref(), &config)?;
    if let Some(url) = &args.url {
        let capture = probe::run(url, &args.probe, Some(&report))?;
        report = shipshape_core::audit_live(source.as_ref(), &config, capture)?;
    }
    report.source.date = Some(audit_date()?);
    report.retain_confidence(args.min_confidence);
    if let Some(baseline) = &baseline {
        let new = baseline.apply(&mut report);
        if !args.report.quiet {
            let _ = writeln!(anstream::stderr(), "{new} of {} finding(s) not in the baseline", report.findings.len());
        }
    }
    if let Some(store) = &mut store
        && let Err(e) = rounds::record(store, &args.path, commit.as_deref(), &mut report)
    {
        warn_unrecorded(&e);
    }
    finish(&report, &args.report)
}

fn warn_unrecorded(why: &str) {
    let _ = writeln!(anstream::stderr(), "warning: {why}\nwarning: this run is not recorded in the history (--no-history turns it off)");
}

fn probe_command(args: ProbeCommand) -> Result<ExitCode, String> {
    let repo = match &args.repo {
        Some(path) => {
            let source = rounds::worktree(path)?;
            Some(shipshape_core::audit(&source, &load_config(&source, None)?)?)
        }
        None => None,
    };
    let capture = probe::run(&args.url, &args.probe, repo.as_ref())?;
    let mut report = shipshape_core::probe_report(capture, &Config::default());
    report.source.date = Some(audit_date()?);
    finish(&report, &args.report)
}

/// Render, write, and choose the exit code.
fn finish(report: &Report, args: &ReportArgs) -> Result<ExitCode, String> {
    let text = match args.format {
        Format::Terminal => shipshape_render::terminal::render(report, args.quiet),
        Format::Json => shipshape_render::json::render(report),
        Format::Markdown => shipshape_render::markdown::render(report),
        Format::Html => shipshape_render::html::render(report),
        Format::Sarif => shipshape_render::sarif::render(report),
    };
    emit(&text, args.output.as_ref())?;
    let failed = args.fail_on.is_some_and(|s| report.has_findings_at_or_above(s));
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Today (UTC), or the day of `SOURCE_DATE_EPOCH` (the reproducible-builds convention).
fn audit_date() -> Result<String, String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<i64>().map_err(|_| format!("SOURCE_DATE_EPOCH=`{value}` is not a number of seconds"))?,
        Err(_) => jiff::Timestamp::now().as_second(),
    };
    Ok(rounds::day_of(seconds))
}

/// `--config FILE` if given, else the audited tree's own `shipshape.toml` if it has one (at the
/// audited revision, for `--rev`).
fn load_config(source: &dyn Source, explicit: Option<&PathBuf>) -> Result<Config, String> {
    if let Some(path) = explicit {
        return Config::parse(&path.display().to_string(), &read_text(path)?);
    }
    let name = format!("{}/{CONFIG_FILE}", source.info().path.trim_end_matches('/'));
    match source.read(CONFIG_FILE) {
        Ok(bytes) => Config::parse(&name, &String::from_utf8(bytes).map_err(|_| format!("{name}: not UTF-8"))?),
        Err(ReadError::NotFound) => Ok(Config::default()),
        Err(ReadError::Skip(why)) => Err(format!("cannot read {name}: {why}")),
    }
}

/// Most bytes read from a file the user names (`--config`, `--baseline`, a report to diff).
const MAX_USER_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file the user named (configuration, baseline), or a usage error naming it. A pipe the
/// user names (`--config <(…)`) is read too, but never past the size bound.
fn read_text(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(format!("cannot read {}: a directory", path.display()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_USER_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_USER_FILE_BYTES {
        return Err(format!("cannot read {}: larger than {MAX_USER_FILE_BYTES} bytes", path.display()));
    }
    String::from_utf8(bytes).map_err(|_| format!("cannot read {}: not valid UTF-8", path.display()))
}

/// Write to a file (styles stripped) or to standard output (styles kept only for a terminal
/// that wants colour: anstream honours NO_COLOR, CLICOLOR and redirection).
fn emit(text: &str, output: Option<&PathBuf>) -> Result<(), String> {
    match output {
        Some(path) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            std::fs::write(path, plain).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            let mut out = anstream::stdout();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`shipshape rules | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write output: {e}")),
            }
        }
    }
}

fn rules_table() -> String {
    let mut out = String::new();
    for rule in rules::all() {
        let m = rule.meta();
        out.push_str(&format!("{:<7} {:<34} {:<7} {:<8} L{}  {}\n", m.id, m.name, m.category.id(), m.severity, m.level, m.summary()));
    }
    out
}

fn rules_json() -> String {
    let list: Vec<serde_json::Value> = rules::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id, "name": m.name, "category": m.category.id(), "severity": m.severity.as_str(),
                "level": m.level, "effort": m.effort.as_str(), "confidence": m.confidence.as_str(),
                "summary": m.summary(), "fix": m.fix, "docs": m.docs(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
}
