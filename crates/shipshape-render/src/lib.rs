//! Renderers for shipshape reports. They format the report model and compute nothing.

pub mod html;
pub mod json;
pub mod live;
pub mod markdown;
pub mod rounds;
pub mod sarif;
pub mod terminal;

use serde_json::Value;
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

/// What every report says of its evidence, and no more than holds.
pub(crate) const EVIDENCE_CLAIM: &str =
    "Every finding cites the file and line it rests on; a finding about something absent names the places looked at.";

/// The infrastructure components table: a row per component and the fact it is read from.
pub(crate) const COMPONENTS: &[(&str, &str)] = &[
    ("Hosting", "deploy.platforms"),
    ("Database", "db.engines"),
    ("Cache", "cache.layers"),
    ("Queue / background jobs", "queue.jobs"),
    ("CDN / WAF", "security.waf_cdn"),
    ("CI/CD", "ci.providers"),
    ("Error tracking", "monitoring.error_tracking"),
    ("Logging", "monitoring.logging"),
    ("Uptime monitoring", "monitoring.uptime"),
    ("Infrastructure as code", "iac.tools"),
];

/// A fact value in a few words: strings as is, objects by their first string field.
pub(crate) fn fact_text(value: &Value) -> Option<String> {
    let item = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => map.values().find_map(|v| v.as_str().map(str::to_string)),
        Value::Bool(true) => Some("yes".to_string()),
        _ => None,
    };
    let words: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(item).collect(),
        other => item(other).into_iter().collect(),
    };
    let mut words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    words.dedup();
    (!words.is_empty()).then(|| words.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_values_in_words() {
        assert_eq!(fact_text(&serde_json::json!(["docker", "helm"])).as_deref(), Some("docker, helm"));
        assert_eq!(fact_text(&serde_json::json!([{ "name": "emails", "x": 1 }])).as_deref(), Some("emails"));
        assert_eq!(fact_text(&serde_json::json!([])), None);
        assert_eq!(fact_text(&Value::Null), None);
        assert_eq!(fact_text(&Value::Bool(false)), None);
    }
}
