//! The whole pipeline, end to end.

use crate::config::Config;
use crate::parse::{self, ParseCache};
use crate::report::{self, Report};
use crate::source::Source;
use crate::{facts, policy, score};

/// Audit a source: walk, parse, extract facts, evaluate rules, score, and build the report.
pub fn audit(source: &dyn Source, config: &Config) -> Report {
    audit_cached(source, config, None)
}

/// [`audit`], reusing parses from `cache` for files whose content id it has seen (history
/// replays audit many revisions that share most files).
pub fn audit_cached(source: &dyn Source, config: &Config, cache: Option<&ParseCache>) -> Report {
    let repo = parse::load(source, config, cache);
    let inventory = facts::extract(&repo);
    let outcomes = policy::evaluate(&inventory, &repo, config);
    let scores = score::score(&outcomes);
    report::build(&repo, &inventory, &outcomes, &scores)
}
