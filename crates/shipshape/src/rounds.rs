//! The rounds commands: recording each audit in the history store, `shipshape diff` and
//! `shipshape history`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use shipshape_core::config::Config;
use shipshape_core::parse::ParseCache;
use shipshape_core::report::Report;
use shipshape_core::rounds::{self, FindingCounts, HistoryPoint, Round, RoundDiff};
use shipshape_core::source::FsSource;
use shipshape_history::{GitRepo, NewRun, Store};
use shipshape_render::rounds as render;

use crate::{emit, load_config, read_text};

/// Where runs are recorded.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "History")]
pub struct StoreArgs {
    /// The history database (default: `shipshape/history.sqlite3` in the user's data directory).
    #[arg(long, value_name = "PATH", env = "SHIPSHAPE_STORE")]
    pub store: Option<PathBuf>,
    /// Neither read nor record history.
    #[arg(long, env = "SHIPSHAPE_NO_HISTORY", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_history: bool,
}

impl StoreArgs {
    /// Where the store is: `--store`, else the user's data directory (if there is one).
    fn path(&self) -> Option<PathBuf> {
        self.store.clone().or_else(Store::default_path)
    }

    /// The store, unless history is off.
    pub fn open(&self) -> Result<Option<Store>, String> {
        if self.no_history {
            return Ok(None);
        }
        let Some(path) = self.path() else {
            // No home directory (a bare container): history is a convenience, not the job.
            let _ = writeln!(anstream::stderr(), "note: no user data directory, so this run is not recorded (--store PATH keeps history)");
            return Ok(None);
        };
        Store::open(&path).map(Some)
    }

    /// The store, to read runs from: nothing is created or written, and `None` also when
    /// no run was ever recorded there.
    pub fn open_read_only(&self) -> Result<Option<Store>, String> {
        if self.no_history {
            return Ok(None);
        }
        match self.path() {
            Some(path) => Store::open_read_only(&path),
            None => Ok(None),
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RoundsFormat {
    Terminal,
    Json,
    Markdown,
    Html,
}

/// Which repository runs belong to: the canonical path of the audited directory.
fn identity(path: &Path) -> String {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Record an audit, and attach to its report what changed since the previous run of the same
/// repository. `commit` is the audited revision (`--rev`); for a working tree, HEAD is noted.
pub fn record(store: &mut Store, path: &Path, commit: Option<&str>, report: &mut Report) -> Result<i64, String> {
    let repo = identity(path);
    if let Some(previous) = store.runs(&repo, 1)?.into_iter().next()
        && let Some((json, _)) = store.report(previous.id)?
        && let Ok(before) = Round::parse(&format!("run {}", previous.id), &json)
    {
        let label = format!("run {}", previous.id);
        report.since_last_round = Some(rounds::diff((&label, &before), ("this run", &Round::of(report))));
    }
    let head = if commit.is_none() { GitRepo::discover(path).ok().and_then(|g| g.head()) } else { None };
    let run = NewRun { repo: &repo, commit: commit.or(head.as_deref()), worktree: commit.is_none(), recorded_at: now() };
    store.record(&run, report)
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier round: `run:ID`, a JSON report file, or a git revision [default: the
    /// second-to-last recorded run].
    a: Option<String>,
    /// The later round, in the same forms [default: the last recorded run; with A alone, the
    /// working tree now].
    b: Option<String>,
    /// The repository.
    #[arg(long = "repo", short = 'C', value_name = "PATH", default_value = ".")]
    repo: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RoundsFormat::Terminal)]
    format: RoundsFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn diff(args: DiffArgs) -> Result<(), String> {
    let store = args.store.open_read_only()?;
    let resolve = |operand: &str| round_of(operand, &args.repo, store.as_ref());
    let (before, after) = match (&args.a, &args.b) {
        (Some(a), Some(b)) => (resolve(a)?, resolve(b)?),
        (Some(a), None) => (resolve(a)?, worktree_round(&args.repo)?),
        (None, _) => {
            let Some(store) = store.as_ref() else {
                return Err(match args.store.path() {
                    Some(path) if !args.store.no_history => format!(
                        "no recorded run of {} in {}: audit it twice, or name two rounds (`run:ID`, a JSON report, a git revision)",
                        args.repo.display(),
                        path.display()
                    ),
                    _ => "with --no-history, name the two rounds to compare".to_string(),
                });
            };
            let runs = store.runs(&identity(&args.repo), 2)?;
            let [last, previous] = runs.as_slice() else {
                let (found, todo) =
                    if runs.is_empty() { ("no recorded run", "audit it twice") } else { ("one recorded run", "audit it again") };
                return Err(format!(
                    "{found} of {} in {}: {todo}, or name two rounds (`run:ID`, a JSON report, a git revision)",
                    args.repo.display(),
                    store.path().display()
                ));
            };
            (stored_round(store, previous.id)?, stored_round(store, last.id)?)
        }
    };
    let d = rounds::diff((&before.0, &before.1), (&after.0, &after.1));
    emit(&render_diff(&d, args.format), args.output.as_ref())
}

fn render_diff(d: &RoundDiff, format: RoundsFormat) -> String {
    match format {
        RoundsFormat::Terminal => render::diff_terminal(d),
        RoundsFormat::Json => serde_json::to_string_pretty(d).unwrap_or_default() + "\n",
        RoundsFormat::Markdown => render::diff_markdown(d),
        RoundsFormat::Html => render::diff_html(d),
    }
}

/// A labelled round: `run:ID`, a JSON report file, or a git revision audited now.
fn round_of(operand: &str, repo: &Path, store: Option<&Store>) -> Result<(String, Round), String> {
    if let Some(id) = operand.strip_prefix("run:") {
        let id: i64 = id.parse().map_err(|_| format!("`{operand}`: a run id is a number (`run:12`)"))?;
        let store = store.ok_or("run ids need a history store: none was found here (or --no-history is set)")?;
        return stored_round(store, id);
    }
    let file = Path::new(operand);
    if file.is_file() {
        return Ok((operand.to_string(), Round::parse(operand, &read_text(file)?)?));
    }
    let git = GitRepo::discover(repo)?;
    let revision = git.resolve(operand)?;
    let source = git.source(&revision)?;
    let report = shipshape_core::audit(&source, &load_config(&source, None)?)?;
    Ok((format!("{operand} ({})", &revision.id[..revision.id.len().min(7)]), Round::of(&report)))
}

fn stored_round(store: &Store, id: i64) -> Result<(String, Round), String> {
    let label = format!("run {id}");
    let (json, commit) = store.report(id)?.ok_or_else(|| format!("no run {id} in {}", store.path().display()))?;
    let mut round = Round::parse(&label, &json)?;
    // A working tree's report names no commit; the run knows the HEAD it was made on.
    round.source.commit = round.source.commit.or(commit);
    Ok((label, round))
}

/// The working tree at `path`, with what git tracks there read even where an ignore file
/// lists it (what is committed is what counts).
pub fn worktree(path: &Path) -> Result<FsSource, String> {
    let source = FsSource::new(path)?;
    let Ok(git) = GitRepo::discover(path) else { return Ok(source) };
    match git.tracked() {
        Ok(paths) => Ok(source.with_tracked(paths)),
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "warning: {e}; files that .gitignore lists are skipped even if committed");
            Ok(source)
        }
    }
}

fn worktree_round(repo: &Path) -> Result<(String, Round), String> {
    let source = worktree(repo)?;
    let report = shipshape_core::audit(&source, &load_config(&source, None)?)?;
    Ok(("working tree".to_string(), Round::of(&report)))
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The repository (a directory in a git working tree).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Audit this many commits, following first parents back from `--rev` [default: 20].
    #[arg(long, value_name = "N", conflicts_with = "since")]
    commits: Option<usize>,
    /// Audit the commits made on or after DATE (`YYYY-MM-DD`, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<i64>,
    /// Where the history ends.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    rev: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RoundsFormat::Terminal)]
    format: RoundsFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Read configuration from FILE instead of each commit's own `shipshape.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print no timing line on standard error.
    #[arg(long, short)]
    quiet: bool,
}

/// `YYYY-MM-DD` to seconds since the epoch, at midnight UTC.
fn parse_date(s: &str) -> Result<i64, String> {
    let date: jiff::civil::Date = s.parse().map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))?;
    date.to_zoned(jiff::tz::TimeZone::UTC).map(|z| z.timestamp().as_second()).map_err(|e| format!("`{s}`: {e}"))
}

/// `YYYY-MM-DD` (UTC) of seconds since the epoch.
pub fn day_of(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds).map_or_else(|_| "?".to_string(), |t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
}

pub fn history(args: HistoryArgs) -> Result<(), String> {
    let started = Instant::now();
    let git = GitRepo::discover(&args.path)?;
    let tip = git.resolve(&args.rev)?;
    let limit = if args.since.is_some() { args.commits } else { Some(args.commits.unwrap_or(20)) };
    let mut revisions = git.first_parents(&tip, limit, args.since)?;
    revisions.reverse();
    let explicit = match &args.config {
        Some(path) => Some(Config::parse(&path.display().to_string(), &read_text(path)?)?),
        None => None,
    };
    let cache = ParseCache::default();
    let mut points: Vec<HistoryPoint> = Vec::with_capacity(revisions.len());
    let mut previous: Option<Round> = None;
    for revision in &revisions {
        let source = git.source(revision)?;
        let config = match &explicit {
            Some(config) => config.clone(),
            None => load_config(&source, None)?,
        };
        let report = shipshape_core::audit_cached(&source, &config, Some(&cache))?;
        let round = Round::of(&report);
        let (appeared, resolved) = match &previous {
            Some(before) => {
                let d = rounds::diff(("", before), ("", &round));
                (rule_ids(&d.new), rule_ids(&d.resolved))
            }
            None => (Vec::new(), Vec::new()),
        };
        points.push(HistoryPoint {
            commit: revision.id.clone(),
            date: day_of(revision.time),
            summary: revision.summary.clone(),
            score: round.summary.score,
            level: round.summary.level.clone(),
            findings: FindingCounts::of(&round.findings),
            appeared,
            resolved,
        });
        previous = Some(round);
    }
    let title = args.path.display().to_string();
    let text = match args.format {
        RoundsFormat::Terminal => render::history_terminal(&points),
        RoundsFormat::Json => serde_json::to_string_pretty(&points).unwrap_or_default() + "\n",
        RoundsFormat::Markdown => render::history_markdown(&title, &points),
        RoundsFormat::Html => render::history_html(&title, &points),
    };
    emit(&text, args.output.as_ref())?;
    if !args.quiet {
        let (hits, misses) = cache.stats();
        let share = if hits + misses == 0 { 0.0 } else { 100.0 * hits as f64 / (hits + misses) as f64 };
        let _ = writeln!(
            anstream::stderr(),
            "audited {} commit(s) in {:.2} s; {hits} of {} file parses reused from earlier commits ({share:.1}%)",
            points.len(),
            started.elapsed().as_secs_f64(),
            hits + misses
        );
    }
    Ok(())
}

fn rule_ids(findings: &[rounds::RoundFinding]) -> Vec<String> {
    let mut ids: Vec<String> = findings.iter().map(|f| f.rule.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::{day_of, parse_date};

    #[test]
    fn dates() {
        assert_eq!(day_of(0), "1970-01-01");
        assert_eq!(day_of(11_016 * 86_400), "2000-02-29");
        assert_eq!(day_of(-1), "1969-12-31");
        assert_eq!(parse_date("2025-11-23"), Ok(20_415 * 86_400));
        assert!(parse_date("2025-13-01").is_err());
        assert!(parse_date("yesterday").is_err());
    }
}
