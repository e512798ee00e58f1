//! Rounds: what changed between two audits. Both sides are JSON reports (a stored run, a file,
//! or a report just made), so any two rounds compare, whichever shipshape wrote them, as long
//! as the report schema is the same.
//!
//! Findings are matched one to one by rule and the places they cite (path and snippet), never
//! by line, so an edit above a finding does not make it new; a finding whose cited line was
//! itself edited still matches its rule in the same files.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::report::{Report, SCHEMA_VERSION};

/// The parts of a JSON report a comparison reads.
#[derive(Debug, Clone, Deserialize)]
pub struct Round {
    pub schema_version: u32,
    pub source: RoundSource,
    pub summary: RoundSummary,
    #[serde(default)]
    pub categories: Vec<RoundCategory>,
    #[serde(default)]
    pub findings: Vec<RoundFinding>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoundSource {
    pub path: String,
    pub commit: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoundSummary {
    pub score: Option<u32>,
    pub level: RoundLevel,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RoundLevel {
    pub value: u8,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoundCategory {
    pub id: String,
    pub title: String,
    pub score: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RoundFinding {
    pub rule: String,
    pub severity: String,
    pub message: String,
    #[serde(default)]
    pub evidence: Vec<RoundEvidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RoundEvidence {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

impl Round {
    /// Read a JSON report; `name` says where it came from in errors.
    pub fn parse(name: &str, text: &str) -> Result<Round, String> {
        let not_a_report = |e: serde_json::Error| format!("{name}: not a shipshape JSON report: {e}");
        let mut value: serde_json::Value = serde_json::from_str(text).map_err(not_a_report)?;
        // A report file may come from anywhere: its text reaches the terminal escaped.
        crate::escape::json(&mut value);
        // The version first: a report of another schema is named as such, not as malformed.
        match value.get("schema_version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(SCHEMA_VERSION) => serde_json::from_value(value).map_err(not_a_report),
            Some(v) => Err(format!("{name}: report schema_version {v} (this shipshape reads {SCHEMA_VERSION})")),
            None => Err(format!("{name}: not a shipshape JSON report: no schema_version")),
        }
    }

    /// The round of a report just made.
    pub fn of(report: &Report) -> Round {
        let value = serde_json::to_value(report).unwrap_or_default();
        serde_json::from_value(value).unwrap_or_else(|_| Round {
            schema_version: SCHEMA_VERSION,
            source: RoundSource { path: report.source.path.clone(), commit: None, date: None },
            summary: RoundSummary { score: None, level: RoundLevel { value: 0, name: String::new() } },
            categories: Vec::new(),
            findings: Vec::new(),
        })
    }
}

impl RoundFinding {
    /// Path and snippet of every place cited: what stays put when lines shift.
    pub fn places(&self) -> BTreeSet<(&str, Option<&str>)> {
        self.evidence.iter().map(|e| (e.path.as_str(), e.snippet.as_deref())).collect()
    }

    fn paths(&self) -> BTreeSet<&str> {
        self.evidence.iter().map(|e| e.path.as_str()).collect()
    }
}

/// What changed from one round to the next.
#[derive(Debug, Clone, Serialize)]
pub struct RoundDiff {
    pub before: RoundSide,
    pub after: RoundSide,
    pub categories: Vec<CategoryChange>,
    pub resolved: Vec<RoundFinding>,
    pub new: Vec<RoundFinding>,
    pub unchanged: Vec<RoundFinding>,
}

/// One side of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct RoundSide {
    /// What the round was: `run 12`, a revision, a file name.
    pub label: String,
    pub commit: Option<String>,
    pub date: Option<String>,
    pub score: Option<u32>,
    pub level: RoundLevel,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryChange {
    pub id: String,
    pub title: String,
    pub before: Option<u32>,
    pub after: Option<u32>,
}

impl CategoryChange {
    /// Points gained (negative: lost); `None` when either side has no score.
    pub fn delta(&self) -> Option<i64> {
        Some(i64::from(self.after?) - i64::from(self.before?))
    }
}

impl RoundDiff {
    pub fn score_delta(&self) -> Option<i64> {
        Some(i64::from(self.after.score?) - i64::from(self.before.score?))
    }
}

/// Whether a later finding is an earlier one.
type Same = dyn Fn(&RoundFinding, &RoundFinding) -> bool;

/// Compare two rounds, labelled for the reader.
pub fn diff(before: (&str, &Round), after: (&str, &Round)) -> RoundDiff {
    let ((before_label, before), (after_label, after)) = (before, after);
    let mut categories: Vec<CategoryChange> = after
        .categories
        .iter()
        .map(|c| CategoryChange {
            id: c.id.clone(),
            title: c.title.clone(),
            before: before.categories.iter().find(|b| b.id == c.id).and_then(|b| b.score),
            after: c.score,
        })
        .collect();
    for gone in before.categories.iter().filter(|b| !after.categories.iter().any(|c| c.id == b.id)) {
        categories.push(CategoryChange { id: gone.id.clone(), title: gone.title.clone(), before: gone.score, after: None });
    }

    let mut open: Vec<Option<&RoundFinding>> = before.findings.iter().map(Some).collect();
    let mut matched: Vec<Option<RoundFinding>> = vec![None; after.findings.len()];
    // Exact places first, then the same files, then the rule alone (the problem persists though
    // every file it cited changed, e.g. a renamed workflow): a one-to-one matching, so two
    // findings of one rule never both claim the same earlier one.
    let passes: [&Same; 3] =
        [&|a, b| a.rule == b.rule && a.places() == b.places(), &|a, b| a.rule == b.rule && a.paths() == b.paths(), &|a, b| {
            a.rule == b.rule
        }];
    for same in passes {
        for (i, finding) in after.findings.iter().enumerate() {
            if matched[i].is_some() {
                continue;
            }
            if let Some(slot) = open.iter_mut().find(|slot| slot.is_some_and(|b| same(b, finding))) {
                matched[i] = slot.take().cloned();
            }
        }
    }
    let mut new = Vec::new();
    let mut unchanged = Vec::new();
    for (finding, earlier) in after.findings.iter().zip(matched) {
        if earlier.is_some() { unchanged.push(finding.clone()) } else { new.push(finding.clone()) }
    }
    let resolved = open.into_iter().flatten().cloned().collect();
    RoundDiff { before: side(before_label, before), after: side(after_label, after), categories, resolved, new, unchanged }
}

fn side(label: &str, round: &Round) -> RoundSide {
    RoundSide {
        label: label.to_string(),
        commit: round.source.commit.clone(),
        date: round.source.date.clone(),
        score: round.summary.score,
        level: round.summary.level.clone(),
    }
}

/// One commit of a replayed history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryPoint {
    pub commit: String,
    /// Committer date, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// The first line of the commit message.
    pub summary: String,
    pub score: Option<u32>,
    pub level: RoundLevel,
    pub findings: FindingCounts,
    /// Rules with a finding here that the previous commit did not have.
    pub appeared: Vec<String>,
    /// Rules whose finding the previous commit had and this one does not.
    pub resolved: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
}

impl FindingCounts {
    pub fn of(findings: &[RoundFinding]) -> FindingCounts {
        let mut counts = FindingCounts::default();
        for f in findings {
            match f.severity.as_str() {
                "critical" => counts.critical += 1,
                "high" => counts.high += 1,
                "medium" => counts.medium += 1,
                "low" => counts.low += 1,
                _ => counts.info += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, path: &str, line: u32, snippet: &str) -> RoundFinding {
        RoundFinding {
            rule: rule.into(),
            severity: "high".into(),
            message: format!("{rule} at {path}"),
            evidence: vec![RoundEvidence { path: path.into(), line: Some(line), snippet: Some(snippet.into()) }],
        }
    }

    fn round(score: u32, findings: Vec<RoundFinding>) -> Round {
        Round {
            schema_version: SCHEMA_VERSION,
            source: RoundSource { path: ".".into(), commit: None, date: None },
            summary: RoundSummary { score: Some(score), level: RoundLevel { value: 1, name: "Basic".into() } },
            categories: vec![RoundCategory { id: "ci".into(), title: "CI/CD".into(), score: Some(score) }],
            findings,
        }
    }

    #[test]
    fn lines_shift_without_making_findings_new() {
        let before = round(40, vec![finding("CI001", "a.yml", 3, "run: x"), finding("CI002", "b.yml", 9, "on: push")]);
        let after = round(55, vec![finding("CI001", "a.yml", 12, "run: x"), finding("CI003", "c.yml", 1, "jobs:")]);
        let d = diff(("run 1", &before), ("run 2", &after));
        assert_eq!(d.unchanged.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["CI001"]);
        assert_eq!(d.new.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["CI003"]);
        assert_eq!(d.resolved.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["CI002"]);
        assert_eq!(d.score_delta(), Some(15));
        assert_eq!(d.categories[0].delta(), Some(15));
    }

    #[test]
    fn matching_is_one_to_one() {
        // Two findings of one rule in one file, one of them fixed: one is resolved, not neither.
        let before = round(50, vec![finding("SEC001", "a.js", 1, "x = 1"), finding("SEC001", "a.js", 5, "y = 2")]);
        let after = round(50, vec![finding("SEC001", "a.js", 7, "y = 2")]);
        let d = diff(("a", &before), ("b", &after));
        assert_eq!((d.unchanged.len(), d.new.len(), d.resolved.len()), (1, 0, 1));
        assert_eq!(d.resolved[0].evidence[0].snippet.as_deref(), Some("x = 1"));
    }

    #[test]
    fn a_problem_that_moved_files_is_the_same_finding() {
        let before = round(50, vec![finding("CI003", ".github/workflows/ci.yml", 1, "jobs:")]);
        let after = round(50, vec![finding("CI003", ".github/workflows/test.yml", 1, "jobs:")]);
        let d = diff(("a", &before), ("b", &after));
        assert_eq!((d.unchanged.len(), d.new.len(), d.resolved.len()), (1, 0, 0));
    }

    #[test]
    fn an_edited_line_still_matches_its_file() {
        let before = round(50, vec![finding("DEP001", "Dockerfile", 1, "FROM node:18")]);
        let after = round(50, vec![finding("DEP001", "Dockerfile", 1, "FROM node:20")]);
        let d = diff(("a", &before), ("b", &after));
        assert_eq!((d.unchanged.len(), d.new.len(), d.resolved.len()), (1, 0, 0));
    }
}
