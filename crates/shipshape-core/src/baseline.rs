//! `--baseline FILE`: a previous JSON report. A finding is known when the baseline has a
//! finding of the same rule citing every place it cites, matched by path and snippet, not by
//! line, so edits above it do not make it new. `--fail-on` then counts only new findings.

use std::collections::BTreeSet;

use crate::report::{FindingReport, Report};
use crate::rounds::{Round, RoundFinding};

/// The previous findings.
#[derive(Debug)]
pub struct Baseline {
    findings: Vec<RoundFinding>,
}

impl Baseline {
    /// Parse a JSON report written by `shipshape audit -f json`.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, String> {
        Round::parse(name, text).map(|round| Baseline { findings: round.findings })
    }

    /// Whether the baseline already had this finding.
    pub fn contains(&self, finding: &FindingReport) -> bool {
        let places: BTreeSet<(&str, Option<&str>)> = finding.evidence.iter().map(|e| (e.path.as_str(), e.snippet.as_deref())).collect();
        self.findings.iter().any(|known| known.rule == finding.rule && places.is_subset(&known.places()))
    }

    /// Mark the report's findings that the baseline had; returns how many are new.
    pub fn apply(&self, report: &mut Report) -> usize {
        for finding in &mut report.findings {
            finding.in_baseline = self.contains(finding);
        }
        report.findings.iter().filter(|f| !f.in_baseline).count()
    }
}
