//! Renderers for shipshape reports. They format the report model and compute nothing.

pub mod html;
pub mod json;
pub mod live;
pub mod markdown;
pub mod rounds;
pub mod sarif;
pub mod terminal;

use shipshape_core::report::{EvidenceReport, RuleOutcome};

/// `path:line`, or `path` for file-level evidence.
pub fn location(ev: &EvidenceReport) -> String {
    match ev.line {
        Some(line) => format!("{}:{line}", ev.path),
        None => ev.path.clone(),
    }
}

/// "—" for a category without an applicable rule: never 0.
pub fn score_text(score: Option<u32>) -> String {
    score.map_or_else(|| "—".to_string(), |s| s.to_string())
}

/// A rule's status for a rules table: `not applicable (`reason`)`, the reason escaped for the
/// format.
pub fn status_text(rule: &RuleOutcome, escape: impl Fn(&str) -> String) -> String {
    let status = rule.status.replace('_', " ");
    match &rule.reason {
        Some(reason) => format!("{status} ({})", escape(reason)),
        None => status,
    }
}
