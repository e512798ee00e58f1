//! The whole pipeline, end to end.

use crate::parse;
use crate::report::{self, Report};
use crate::source::Source;
use crate::{facts, policy, score};

/// Audit a source: walk, parse, extract facts, evaluate rules, score, and build the report.
pub fn audit(source: &dyn Source) -> Report {
    let repo = parse::load(source);
    let inventory = facts::extract(&repo);
    let outcomes = policy::evaluate(&inventory);
    let scores = score::score(&outcomes);
    report::build(&repo, &inventory, &outcomes, &scores)
}
