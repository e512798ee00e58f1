//! The whole pipeline, end to end.

use crate::config::Config;
use crate::live::{self, LiveCapture};
use crate::parse::{self, ParseCache, Repo};
use crate::report::{self, Report};
use crate::rules::Meta;
use crate::source::Source;
use crate::source::SourceInfo;
use crate::{facts, policy, score};

/// Audit a source: walk, parse, extract facts, evaluate rules, score, and build the report.
/// An error only when the tree is beyond the walk's bounds.
pub fn audit(source: &dyn Source, config: &Config) -> Result<Report, String> {
    audit_cached(source, config, None)
}

/// [`audit`], reusing parses from `cache` for files whose content id it has seen (history
/// replays audit many revisions that share most files).
pub fn audit_cached(source: &dyn Source, config: &Config, cache: Option<&ParseCache>) -> Result<Report, String> {
    Ok(finish(parse::load(source, config, cache)?, config, |_| true))
}

/// [`audit`] with what a live probe of the deployment captured: `live.*` facts and the rules
/// that read them join the report.
pub fn audit_live(source: &dyn Source, config: &Config, capture: LiveCapture) -> Result<Report, String> {
    let mut repo = parse::load(source, config, None)?;
    live::attach(&mut repo, capture);
    Ok(finish(repo, config, |_| true))
}

/// A probe alone, without a repository: only the rules that read nothing but `live.*` facts.
pub fn probe_report(capture: LiveCapture, config: &Config) -> Report {
    let mut repo = Repo { source: SourceInfo { path: capture.url.clone(), commit: None }, ..Repo::default() };
    live::attach(&mut repo, capture);
    let mut report = finish(repo, config, |rule| rule.needs.iter().all(|k| k.starts_with("live.")));
    report.facts.retain(|key, _| key.starts_with("live."));
    report
}

fn finish(repo: Repo, config: &Config, keep: impl Fn(&Meta) -> bool) -> Report {
    let inventory = facts::extract(&repo);
    let outcomes: Vec<_> = policy::evaluate(&inventory, &repo, config).into_iter().filter(|o| keep(o.rule)).collect();
    let scores = score::score(&outcomes);
    report::build(&repo, &inventory, &outcomes, &scores)
}
