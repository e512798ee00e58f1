//! `--baseline FILE`: a previous JSON report. A finding is known when the baseline has a
//! finding of the same rule citing every place it cites, matched by path and snippet, not by
//! line, so edits above it do not make it new. `--fail-on` then counts only new findings.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::report::{FindingReport, Report, SCHEMA_VERSION};

#[derive(Debug, Deserialize)]
struct BaselineReport {
    schema_version: u32,
    findings: Vec<BaselineFinding>,
}

#[derive(Debug, Deserialize)]
struct BaselineFinding {
    rule: String,
    #[serde(default)]
    evidence: Vec<BaselineEvidence>,
}

#[derive(Debug, Deserialize)]
struct BaselineEvidence {
    path: String,
    snippet: Option<String>,
}

/// Where a finding points: path and snippet, without the line, which edits shift.
type Places = BTreeSet<(String, Option<String>)>;

/// The previous findings, by rule and the places they cite.
#[derive(Debug)]
pub struct Baseline {
    findings: Vec<(String, Places)>,
}

impl Baseline {
    /// Parse a JSON report written by `shipshape audit -f json`.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, String> {
        let report: BaselineReport = serde_json::from_str(text).map_err(|e| format!("{name}: not a shipshape JSON report: {e}"))?;
        if report.schema_version != SCHEMA_VERSION {
            return Err(format!("{name}: report schema_version {} (this shipshape reads {SCHEMA_VERSION})", report.schema_version));
        }
        let findings =
            report.findings.into_iter().map(|f| (f.rule, f.evidence.into_iter().map(|e| (e.path, e.snippet)).collect())).collect();
        Ok(Baseline { findings })
    }

    /// Whether the baseline already had this finding.
    pub fn contains(&self, finding: &FindingReport) -> bool {
        let places: Places = finding.evidence.iter().map(|e| (e.path.clone(), e.snippet.clone())).collect();
        self.findings.iter().any(|(rule, known)| rule == finding.rule && places.is_subset(known))
    }

    /// Mark the report's findings that the baseline had; returns how many are new.
    pub fn apply(&self, report: &mut Report) -> usize {
        for finding in &mut report.findings {
            finding.in_baseline = self.contains(finding);
        }
        report.findings.iter().filter(|f| !f.in_baseline).count()
    }
}
