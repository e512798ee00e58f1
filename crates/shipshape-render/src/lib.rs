//! Renderers for shipshape reports. They format the report model and compute nothing.

pub mod html;
pub mod json;
pub mod live;
pub mod markdown;
pub mod rounds;
pub mod sarif;
pub mod terminal;

use shipshape_core::report::{EvidenceReport, Report, RuleOutcome};

/// `path:line`, or `path` for file-level evidence.
pub fn location(ev: &EvidenceReport) -> String {
    place(&ev.path, ev.line)
}

/// `path:line`, or `path` without a line.
pub fn place(path: &str, line: Option<u32>) -> String {
    match line {
        Some(line) => format!("{path}:{line}"),
        None => path.to_string(),
    }
}

/// Evidence from a live response: its path is the URL.
pub fn is_live(ev: &EvidenceReport) -> bool {
    ev.path.contains("://")
}

/// What was audited: `12 files (9 read)`, `… and the deployment at URL`, or only the deployment.
pub fn scope_text(report: &Report) -> String {
    let live = report.facts.get("live.url").and_then(|f| f.value.as_str());
    let files = format!("{} files ({} read)", report.source.files, report.source.files_read);
    match live {
        Some(url) if report.source.files == 0 => format!("the deployment at {url}"),
        Some(url) => format!("{files} and the deployment at {url}"),
        None => files,
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
