//! SARIF 2.1.0, for GitHub code scanning and every other SARIF consumer: one result per
//! finding, every evaluated rule as a descriptor with its documentation as help.

use crate::is_live;
use serde_json::{Value, json};
use shipshape_core::report::{EvidenceReport, FindingReport, Report};
use shipshape_core::rules::{self, Category, Severity};

/// At most this many locations per result: the rest are in the JSON report.
const MAX_LOCATIONS: usize = 10;

pub fn render(report: &Report) -> String {
    let ids: Vec<&str> = report.rules.iter().map(|r| r.id).collect();
    let descriptors: Vec<Value> = report.rules.iter().map(|r| descriptor(r.id, r.severity, r.category)).collect();
    // A finding seen only on the live deployment has no file to point at: SARIF carries the
    // findings that map to the repository (the other formats carry them all).
    let results: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| f.evidence.is_empty() || f.evidence.iter().any(|e| !is_live(e)))
        .map(|f| result(f, ids.iter().position(|id| *id == f.rule)))
        .collect();
    let mut run = json!({
        "tool": { "driver": {
            "name": report.tool.name,
            "version": report.tool.version,
            "semanticVersion": report.tool.version,
            "rules": descriptors,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(commit) = &report.source.commit {
        run["versionControlProvenance"] = json!([{ "repositoryUri": ".", "revisionId": commit }]);
    }
    // What could not be evaluated is a warning of the run, not silence.
    if let Some(headline) = report.summary.not_evaluated.headline() {
        run["invocations"] = json!([{
            "executionSuccessful": true,
            "toolExecutionNotifications": [{ "level": "warning", "message": { "text": headline } }],
        }]);
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut out = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` (a CVSS-like score) for the categories that are about
/// security: hardening, and configuration & secrets.
fn security_severity(category: Category, severity: Severity) -> Option<&'static str> {
    if !matches!(category, Category::Security | Category::Config) {
        return None;
    }
    Some(match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    })
}

/// `severity` is the effective one (after `shipshape.toml` overrides).
fn descriptor(id: &str, severity: Severity, category: Category) -> Value {
    let Some(rule) = rules::find(id) else { return json!({ "id": id }) };
    let m = rule.meta();
    // SARIF's `precision` takes the confidence names as they are (it adds `very-high`).
    let mut properties = json!({ "tags": [category.id()], "precision": m.confidence.as_str() });
    if let Some(score) = security_severity(category, severity) {
        properties["security-severity"] = json!(score);
        if category != Category::Security {
            properties["tags"] = json!([category.id(), "security"]);
        }
    }
    json!({
        "id": m.id,
        "name": m.name,
        "shortDescription": { "text": m.summary() },
        "fullDescription": { "text": m.summary() },
        "help": { "text": m.docs(), "markdown": m.docs() },
        "defaultConfiguration": { "level": level(severity) },
        "properties": properties,
    })
}

fn result(f: &FindingReport, rule_index: Option<usize>) -> Value {
    let mut locations: Vec<Value> = f.evidence.iter().filter(|e| !is_live(e)).take(MAX_LOCATIONS).map(location).collect();
    if locations.is_empty() {
        // Nothing was found to cite (rules anchor an absence to the file where the fix belongs
        // whenever that file exists, as evidence): the fix belongs at the repository root. The
        // places looked at, which may not exist, go in the message rather than the location.
        locations.push(location(&EvidenceReport { path: ".".to_string(), line: None, snippet: None }));
    }
    let mut text = f.message.clone();
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    if !f.searched.is_empty() && f.evidence.is_empty() {
        text.push_str(&format!(" Looked at: {}.", f.searched.join(", ")));
    }
    text.push_str(&format!(" Fix: {}", f.remediation));
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": text },
        "locations": locations,
        "properties": {
            "severity": f.severity.as_str(),
            "priority": f.priority,
            "effort": f.effort,
            "confidence": f.confidence.as_str(),
            "phase": f.phase,
        },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    result
}

fn location(ev: &EvidenceReport) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(&ev.path), "uriBaseId": "%SRCROOT%" } });
    if let Some(line) = ev.line {
        let mut region = json!({ "startLine": line });
        if let Some(snippet) = &ev.snippet {
            region["snippet"] = json!({ "text": snippet });
        }
        physical["region"] = region;
    }
    json!({ "physicalLocation": physical })
}

/// A repo-relative path as a relative URI reference: unreserved characters and `/` as is,
/// everything else percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("src/app.ts"), "src/app.ts");
        assert_eq!(uri("my dir/[id].tsx"), "my%20dir/%5Bid%5D.tsx");
        assert_eq!(uri("é.yml"), "%C3%A9.yml");
    }

    #[test]
    fn levels_follow_severity() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(security_severity(Category::Ci, Severity::High), None);
        assert_eq!(security_severity(Category::Security, Severity::High), Some("8.0"));
    }
}
