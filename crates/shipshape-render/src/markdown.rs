//! The Markdown report, for a pull request, a wiki or a CTO's inbox. GitHub-flavoured: plain
//! tables, no raw HTML.

use std::fmt::Write;

use shipshape_core::report::{FindingReport, Report};

use crate::{COMPONENTS, fact_text, location, score_text, status_text};

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

pub fn render(report: &Report) -> String {
    let mut md = String::new();
    let s = &report.summary;
    let _ = writeln!(md, "# Production readiness: `{}`\n", report.source.path);
    if let Some(commit) = &report.source.commit {
        let _ = writeln!(md, "Commit `{commit}`. ");
    }
    if let Some(date) = &report.source.date {
        let _ = writeln!(md, "Audited on {date}. ");
    }
    let _ = writeln!(
        md,
        "Audited by {} {} from {}. {}\n",
        report.tool.name,
        report.tool.version,
        crate::scope_text(report),
        crate::EVIDENCE_CLAIM
    );

    let _ = writeln!(md, "## Executive summary\n");
    let _ = writeln!(md, "| Overall score | Maturity level | Posture |");
    let _ = writeln!(md, "|---|---|---|");
    let _ = writeln!(md, "| **{}**/100 | {} — {} | {} |\n", score_text(s.score), s.level.value, s.level.name, s.posture);
    let c = &s.findings;
    let _ = writeln!(md, "Findings: {} critical, {} high, {} medium, {} low.\n", c.critical, c.high, c.medium, c.low);
    let _ = writeln!(md, "{}\n", shipshape_core::score::POSTURE_RULE);
    if let Some(headline) = s.not_evaluated.headline() {
        let _ = writeln!(md, "> **Not evaluated:** {}.\n", escape(&headline));
    }
    if let Some(next) = &s.level.next {
        if next.blockers.is_empty() {
            let _ = writeln!(md, "Level {} ({}) is not demonstrated yet: no rule of that level applies.\n", next.value, next.name);
        } else {
            let _ = writeln!(
                md,
                "To reach level {} ({}): fix {}.\n",
                next.value,
                next.name,
                next.blockers.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ")
            );
        }
    }
    let _ = writeln!(md, "| Category | Score | Passed | Failed | Not applicable |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|");
    for cat in &report.categories {
        let title = if cat.passed + cat.failed + cat.not_evaluated > 0 {
            format!("[{}](#{})", cat.title, anchor(cat.title))
        } else {
            cat.title.to_string()
        };
        let _ = writeln!(md, "| {} | {} | {} | {} | {} |", title, score_text(cat.score), cat.passed, cat.failed, cat.not_applicable);
    }
    md.push('\n');
    let top: Vec<&FindingReport> = report.findings.iter().take(5).collect();
    if !top.is_empty() {
        let _ = writeln!(md, "Most severe:\n");
        for f in top {
            let _ = writeln!(md, "- **{}** `{}` {}", f.severity, f.rule, escape(&f.message));
        }
        md.push('\n');
    }

    if let Some(diff) = &report.since_last_round {
        md.push_str(&crate::rounds::diff_markdown_section(diff));
    }
    if let Some(live) = crate::live::markdown_section(report) {
        md.push_str(&live);
    }

    let _ = writeln!(md, "## Infrastructure components\n");
    let _ = writeln!(md, "| Component | Found | Evidence |");
    let _ = writeln!(md, "|---|---|---|");
    for (component, key) in COMPONENTS {
        let fact = report.facts.get(*key);
        let found = fact.and_then(|f| fact_text(&f.value)).map_or_else(|| "not found".to_string(), |t| escape(&t));
        let evidence = fact.and_then(|f| f.evidence.first()).map_or_else(|| "—".to_string(), |ev| format!("`{}`", location(ev)));
        let _ = writeln!(md, "| {component} | {found} | {evidence} |");
    }
    md.push('\n');

    for cat in report.categories.iter().filter(|c| c.passed + c.failed + c.not_evaluated > 0) {
        let _ = writeln!(md, "## {}\n", cat.title);
        let _ = writeln!(md, "Score: **{}**/100 · {} passed · {} failed\n", score_text(cat.score), cat.passed, cat.failed);
        let findings: Vec<&FindingReport> = report.findings.iter().filter(|f| f.category.id() == cat.id).collect();
        if findings.is_empty() {
            let _ = writeln!(md, "No findings: {} rule(s) passed.\n", cat.passed);
        }
        for f in findings {
            let _ = writeln!(md, "### {} `{}` {}\n", f.severity.as_str().to_uppercase(), f.rule, f.name);
            let _ = writeln!(md, "{}\n", f.message);
            for ev in &f.evidence {
                match &ev.snippet {
                    Some(snippet) => {
                        let _ = writeln!(md, "- `{}` — `{}`", location(ev), snippet.replace('`', "'"));
                    }
                    None => {
                        let _ = writeln!(md, "- `{}`", location(ev));
                    }
                }
            }
            if f.evidence.is_empty() && !f.searched.is_empty() {
                let _ = writeln!(md, "Looked at: {}.", escape(&f.searched.join(", ")));
            }
            md.push('\n');
            let _ = writeln!(
                md,
                "**Fix:** {} (priority {}, effort {}, confidence {}; `shipshape explain {}`)\n",
                f.remediation.trim_end_matches('.'),
                f.priority,
                f.effort,
                f.confidence.as_str(),
                f.rule
            );
        }
    }

    if !report.attestations.is_empty() {
        let _ = writeln!(md, "## Attested, not verified\n");
        let _ = writeln!(md, "The repository's owners state these in `shipshape.toml`; the audit counts them but cannot check them.\n");
        for a in &report.attestations {
            let _ = writeln!(md, "- `{}` {}", a.rule, escape(&a.statement));
        }
        md.push('\n');
    }
    if !report.suppressed.is_empty() {
        let _ = writeln!(md, "## Suppressed findings\n");
        for sup in &report.suppressed {
            let at = sup.evidence.first().map(|ev| format!(" at `{}`", location(ev))).unwrap_or_default();
            let _ = writeln!(md, "- `{}`{at}: {} — reason: {}", sup.rule, escape(&sup.message), escape(&sup.reason));
        }
        md.push('\n');
    }

    let not_assessed: Vec<_> = report.rules.iter().filter(|r| r.status == "not_evaluated").collect();
    if !not_assessed.is_empty() {
        let _ = writeln!(md, "## Not assessed\n");
        let _ = writeln!(md, "These rules could not be judged from what was read; they count neither for nor against the score.\n");
        for r in not_assessed {
            let _ = writeln!(md, "- `{}` {}: {}", r.id, escape(r.done), escape(r.reason.as_deref().unwrap_or("")));
        }
        md.push('\n');
    }

    if !report.findings.is_empty() {
        let _ = writeln!(md, "## Priority matrix\n");
        let _ = writeln!(md, "| Finding | Severity (impact) | Effort | Priority | Phase |");
        let _ = writeln!(md, "|---|---|---|---|---:|");
        for f in &report.findings {
            let _ = writeln!(md, "| `{}` {} | {} | {} | {} | {} |", f.rule, f.name, f.severity, f.effort, f.priority, f.phase);
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## Roadmap\n");
    for phase in &report.roadmap {
        let ids = if phase.findings.is_empty() {
            "—".to_string()
        } else {
            phase.findings.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(md, "- **{}:** {}", phase.title, ids);
    }
    md.push('\n');

    let _ = writeln!(md, "## Production-readiness checklist\n");
    let _ = writeln!(md, "Ticked: done. Unticked: still to do.\n");
    for r in report.rules.iter().filter(|r| matches!(r.status, "pass" | "fail" | "attested")) {
        let mark = if r.status == "fail" { ' ' } else { 'x' };
        let note = if r.status == "attested" { " (attested, not verified)" } else { "" };
        let _ = writeln!(md, "- [{mark}] {} (`{}`){note}", escape(r.done), r.id);
    }
    md.push('\n');

    let _ = writeln!(md, "## Appendix: rules evaluated\n");
    let _ = writeln!(md, "| Rule | Name | Severity | Level | Status |");
    let _ = writeln!(md, "|---|---|---|---:|---|");
    for r in report.rules.iter().filter(|r| r.status != "not_applicable") {
        let status = status_text(r, escape);
        let _ = writeln!(md, "| `{}` | {} | {} | {} | {} |", r.id, r.name, r.severity, r.level, status);
    }
    md.push('\n');
    let _ = writeln!(md, "## Appendix: rules not applicable\n");
    let _ = writeln!(md, "| Rule | Name | Why not |");
    let _ = writeln!(md, "|---|---|---|");
    for r in report.rules.iter().filter(|r| r.status == "not_applicable") {
        let _ = writeln!(md, "| `{}` | {} | {} |", r.id, r.name, escape(r.reason.as_deref().unwrap_or("")));
    }
    md.push('\n');
    if !report.skipped.is_empty() {
        let _ = writeln!(md, "## Appendix: files skipped\n");
        for s in &report.skipped {
            let _ = writeln!(md, "- `{}`: {}", s.path, escape(&s.reason));
        }
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("Deployment & hosting"), "deployment--hosting");
        assert_eq!(anchor("CI/CD"), "cicd");
        assert_eq!(anchor("Data, backup & recovery"), "data-backup--recovery");
    }
}
