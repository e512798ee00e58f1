//! The terminal report: compact, grouped by category, coloured by severity. It always emits
//! styles; the caller's stream (anstream) strips them when colour is off.

use std::fmt::Write;

use anstyle::{AnsiColor, Effects, Style};
use shipshape_core::report::Report;
use shipshape_core::rules::Severity;

use crate::{location, score_text};

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
        Severity::Info => AnsiColor::White,
    };
    Style::new().fg_color(Some(color.into())).effects(Effects::BOLD)
}

const BOLD: Style = Style::new().effects(Effects::BOLD);
const DIM: Style = Style::new().effects(Effects::DIMMED);
/// What the audit could not evaluate: said in the headline, never only in an appendix.
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))).effects(Effects::BOLD);

pub fn render(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    let s = &report.summary;
    if !quiet {
        for cat in report.categories.iter().filter(|c| c.passed + c.failed + c.not_evaluated > 0) {
            let _ = writeln!(
                out,
                "{BOLD}{}{BOLD:#} {DIM}{} · {} passed, {} failed{DIM:#}",
                cat.title,
                score_text(cat.score),
                cat.passed,
                cat.failed
            );
            for f in report.findings.iter().filter(|f| f.category.id() == cat.id) {
                let style = severity_style(f.severity);
                let _ = writeln!(out, "  {style}{:<8}{style:#} {BOLD}{}{BOLD:#} {}: {}", f.severity.as_str(), f.rule, f.name, f.message);
                for ev in f.evidence.iter().take(3) {
                    let snippet = ev.snippet.as_deref().map(|s| format!("  {DIM}{s}{DIM:#}")).unwrap_or_default();
                    let _ = writeln!(out, "           {}{snippet}", location(ev));
                }
                if f.evidence.is_empty() && !f.searched.is_empty() {
                    let _ = writeln!(out, "           {DIM}looked at: {}{DIM:#}", f.searched.join(", "));
                }
                if f.evidence.len() > 3 {
                    let _ = writeln!(out, "           {DIM}… and {} more{DIM:#}", f.evidence.len() - 3);
                }
                let _ = writeln!(out, "           {DIM}fix: {}{DIM:#}", f.remediation);
            }
            out.push('\n');
        }
        if !report.attestations.is_empty() {
            let _ = writeln!(out, "{BOLD}Attested{BOLD:#} {DIM}(stated in shipshape.toml, not verified){DIM:#}");
            for a in &report.attestations {
                let _ = writeln!(out, "  {} {}", a.rule, a.statement);
            }
            out.push('\n');
        }
        if !report.suppressed.is_empty() {
            let _ = writeln!(out, "{BOLD}Suppressed{BOLD:#} {} finding(s):", report.suppressed.len());
            for sup in &report.suppressed {
                let at = sup.evidence.first().map(location).unwrap_or_default();
                let _ = writeln!(out, "  {} {at} {DIM}{}{DIM:#}", sup.rule, sup.reason);
            }
            out.push('\n');
        }
        if !report.skipped.is_empty() {
            let _ = writeln!(out, "{BOLD}Skipped{BOLD:#} {} file(s):", report.skipped.len());
            for sk in &report.skipped {
                let _ = writeln!(out, "  {}: {}", sk.path, sk.reason);
            }
            out.push('\n');
        }
    } else {
        for f in &report.findings {
            let style = severity_style(f.severity);
            let first = f.evidence.first().map(location).unwrap_or_default();
            let _ = writeln!(out, "{style}{}{style:#} {} {} {}", f.severity.as_str(), f.rule, first, f.message);
        }
    }
    let c = &s.findings;
    let scope = crate::scope_text(report);
    let _ = writeln!(
        out,
        "{BOLD}score {}/100 · level {} {} · {}{BOLD:#} · {} critical, {} high, {} medium, {} low · {scope}",
        score_text(s.score),
        s.level.value,
        s.level.name,
        s.posture,
        c.critical,
        c.high,
        c.medium,
        c.low,
    );
    if let Some(headline) = s.not_evaluated.headline() {
        let _ = writeln!(out, "{WARN}{headline}{WARN:#}");
    }
    if let Some(next) = &s.level.next
        && !quiet
    {
        let needs =
            if next.blockers.is_empty() { "a passing rule of that level (none applies yet)".to_string() } else { next.blockers.join(", ") };
        let _ = writeln!(out, "{DIM}next: level {} {} needs {needs}{DIM:#}", next.value, next.name);
    }
    out
}
