//! The whole pipeline, end to end.

use crate::config::Config;
use crate::parse;
use crate::report::{self, Report};
use crate::source::Source;
use crate::{facts, policy, score};

/// Audit a source: walk, parse, extract facts, evaluate rules, score, and build the report.
pub fn audit(source: &dyn Source, config: &Config) -> Report {
    let repo = parse::load(source, config);
    let inventory = facts::extract(&repo);
    let outcomes = policy::evaluate(&inventory, &repo, config);
    let scores = score::score(&outcomes);
    report::build(&repo, &inventory, &outcomes, &scores)
}
