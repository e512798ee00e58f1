//! The Markdown report, for a pull request, a wiki or a CTO's inbox. GitHub-flavoured: plain
//! tables, no raw HTML.

use std::fmt::Write;

use shipshape_core::report::{FindingReport, Report};

use crate::{location, score_text};

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(report: &Report) -> String {
    let mut md = String::new();
    let s = &report.summary;
    let _ = writeln!(md, "# Production readiness: `{}`\n", report.source.path);
    if let Some(commit) = &report.source.commit {
        let _ = writeln!(md, "Commit `{commit}`. ");
    }
    let _ = writeln!(
        md,
        "Audited by {} {} from {} files ({} read). Every statement below cites the file and line it rests on.\n",
        report.tool.name, report.tool.version, report.source.files, report.source.files_read
    );

    let _ = writeln!(md, "## Executive summary\n");
    let _ = writeln!(md, "| Overall score | Maturity level | Posture |");
    let _ = writeln!(md, "|---|---|---|");
    let _ = writeln!(md, "| **{}**/100 | {} — {} | {} |\n", score_text(s.score), s.level.value, s.level.name, s.posture);
    let c = &s.findings;
    let _ = writeln!(md, "Findings: {} critical, {} high, {} medium, {} low.\n", c.critical, c.high, c.medium, c.low);
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
        let _ = writeln!(md, "| {} | {} | {} | {} | {} |", cat.title, score_text(cat.score), cat.passed, cat.failed, cat.not_applicable);
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

    for cat in report.categories.iter().filter(|c| c.passed + c.failed + c.not_evaluated > 0) {
        let _ = writeln!(md, "## {} — {}\n", cat.title, score_text(cat.score));
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

    let _ = writeln!(md, "## Appendix: rules evaluated\n");
    let _ = writeln!(md, "| Rule | Name | Severity | Level | Status |");
    let _ = writeln!(md, "|---|---|---|---:|---|");
    for r in &report.rules {
        let status = match &r.reason {
            Some(reason) => format!("{} ({})", r.status.replace('_', " "), escape(reason)),
            None => r.status.replace('_', " "),
        };
        let _ = writeln!(md, "| `{}` | {} | {} | {} | {} |", r.id, r.name, r.severity, r.level, status);
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
