//! The HTML report: one self-contained file (inline CSS and SVG, no script, no font, no
//! network), readable on a laptop and a phone, light and dark, printable.

use std::fmt::Write;

use shipshape_core::report::{FindingReport, Report};
use shipshape_core::rules::{Category, Severity};
use shipshape_core::score::LEVEL_NAMES;

use crate::{COMPONENTS, EVIDENCE_CLAIM, fact_text, location, score_text, status_text};

const SEVERITIES: [Severity; 5] = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info];

const CSS: &str = "
:root{--bg:#fff;--fg:#1d2433;--muted:#5c6578;--line:#dde1e8;--card:#f6f7f9;--bar:#2f6fde;--ok:#1f8a4c;
--critical:#b3123b;--high:#d9480f;--medium:#b7791f;--low:#2b7bb9;--info:#6b7280;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#12151c;--fg:#e6e9ef;--muted:#9aa3b5;--line:#2a303c;--card:#1a1f29;--bar:#5b93f0;--ok:#3fbf78}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 16px 64px}h1{font-size:1.6em;margin:0 0 4px}h2{margin:32px 0 8px;font-size:1.25em}
h3{margin:16px 0 4px;font-size:1em}.muted{color:var(--muted)}.warn{border-left:4px solid #b58900;padding:6px 10px;background:rgba(181,137,0,.08)}code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}.card b{display:block;font-size:1.8em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,400px),1fr));gap:16px}.charts figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px}
figcaption{font-weight:600;margin-bottom:8px}svg{width:100%;height:auto;display:block}svg text{fill:var(--fg);font:12px system-ui,sans-serif}
.finding{border-left:4px solid var(--info);background:var(--card);border-radius:4px;padding:8px 12px;margin:8px 0}
.sev{font-weight:700;text-transform:uppercase;font-size:.8em}ul.ev{margin:4px 0;padding-left:18px}ul.ev li{overflow-wrap:anywhere}
.critical{border-color:var(--critical)}.critical .sev{color:var(--critical)}.high{border-color:var(--high)}.high .sev{color:var(--high)}
.medium{border-color:var(--medium)}.medium .sev{color:var(--medium)}.low{border-color:var(--low)}.low .sev{color:var(--low)}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
.table{overflow-x:auto}ul.checklist{list-style:none;padding-left:4px}
@media print{:root{--bg:#fff;--fg:#000;--card:#fff}main{max-width:none}.finding,figure{break-inside:avoid}}
";

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escape text, and render its `inline code` as code: messages, fixes and reasons are written
/// with backticks, as in Markdown. An unpaired backtick stays as it is.
pub(crate) fn rich(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return esc(s);
    }
    parts.iter().enumerate().map(|(i, p)| if i % 2 == 1 { format!("<code>{}</code>", esc(p)) } else { esc(p) }).collect()
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "var(--critical)",
        Severity::High => "var(--high)",
        Severity::Medium => "var(--medium)",
        Severity::Low => "var(--low)",
        Severity::Info => "var(--info)",
    }
}

/// The document head and the page's `<h1>`.
pub(crate) fn page_start(h: &mut String, title: &str) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{CSS}</style></head><body><main>\n",
        esc(title)
    );
    let _ = writeln!(h, "<h1>{}</h1>", esc(title));
}

pub(crate) fn page_end(h: &mut String) {
    let _ = writeln!(h, "</main></body></html>");
}

pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let mut h = String::new();
    page_start(&mut h, &format!("Production readiness: {}", report.source.path));
    let mut commit = report.source.commit.as_deref().map(|c| format!("commit <code>{}</code> · ", esc(c))).unwrap_or_default();
    if let Some(date) = &report.source.date {
        commit.push_str(&format!("{} · ", esc(date)));
    }
    let _ = writeln!(
        h,
        "<p class=\"muted\">{commit}{} {} · {} · {}</p>",
        report.tool.name,
        report.tool.version,
        esc(&crate::scope_text(report)),
        esc(EVIDENCE_CLAIM)
    );
    let _ = writeln!(h, "<h2 id=\"summary\">Executive summary</h2>");
    let c = &s.findings;
    let _ = writeln!(
        h,
        "<section class=\"cards\"><div class=\"card\">Overall score<b>{}<span class=\"muted\">/100</span></b></div>\
         <div class=\"card\">Maturity level<b>{} {}</b></div><div class=\"card\">Posture<b>{}</b></div>\
         <div class=\"card\">Findings<b>{}</b><span class=\"muted\">{} critical · {} high · {} medium · {} low</span></div></section>",
        score_text(s.score),
        s.level.value,
        esc(s.level.name),
        esc(s.posture),
        report.findings.len(),
        c.critical,
        c.high,
        c.medium,
        c.low
    );

    let _ = writeln!(h, "<p class=\"muted\">{}</p>", esc(shipshape_core::score::POSTURE_RULE));
    if let Some(headline) = s.not_evaluated.headline() {
        let _ = writeln!(h, "<p class=\"warn\"><b>Not evaluated:</b> {}.</p>", rich(&headline));
    }
    if let Some(next) = &s.level.next {
        if next.blockers.is_empty() {
            let _ = writeln!(h, "<p>Level {} ({}) is not demonstrated yet: no rule of that level applies.</p>", next.value, esc(next.name));
        } else {
            let blockers: Vec<String> = next.blockers.iter().map(|b| format!("<code>{b}</code>")).collect();
            let _ = writeln!(h, "<p>To reach level {} ({}): fix {}.</p>", next.value, esc(next.name), blockers.join(", "));
        }
    }
    let _ = writeln!(
        h,
        "<div class=\"table\"><table><tr><th>Category</th><th>Score</th><th>Passed</th><th>Failed</th><th>Not applicable</th></tr>"
    );
    for cat in &report.categories {
        let title = if cat.passed + cat.failed + cat.not_evaluated > 0 {
            format!("<a href=\"#{}\">{}</a>", cat.id, esc(cat.title))
        } else {
            esc(cat.title)
        };
        let _ = writeln!(
            h,
            "<tr><td>{title}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            score_text(cat.score),
            cat.passed,
            cat.failed,
            cat.not_applicable
        );
    }
    let _ = writeln!(h, "</table></div>");
    let top: Vec<&FindingReport> = report.findings.iter().take(5).collect();
    if !top.is_empty() {
        let _ = writeln!(h, "<p>Most severe:</p><ul>");
        for f in top {
            let _ = writeln!(h, "<li><b>{}</b> <code>{}</code> {}</li>", f.severity.as_str(), f.rule, rich(&f.message));
        }
        let _ = writeln!(h, "</ul>");
    }
    let _ = writeln!(h, "<section class=\"charts\">");
    category_chart(&mut h, report);
    severity_chart(&mut h, report);
    findings_by_category(&mut h, report);
    ladder(&mut h, report);
    let _ = writeln!(h, "</section>");
    if let Some(diff) = &report.since_last_round {
        h.push_str(&crate::rounds::diff_html_section(diff));
    }
    if let Some(live) = crate::live::html_section(report) {
        h.push_str(&live);
    }

    let _ = writeln!(
        h,
        "<h2 id=\"components\">Infrastructure components</h2><div class=\"table\"><table><tr><th>Component</th><th>Found</th><th>Evidence</th></tr>"
    );
    for (component, key) in COMPONENTS {
        let fact = report.facts.get(*key);
        let found = fact.and_then(|f| fact_text(&f.value)).map_or_else(|| "not found".to_string(), |t| esc(&t));
        let evidence =
            fact.and_then(|f| f.evidence.first()).map_or_else(|| "—".to_string(), |ev| format!("<code>{}</code>", esc(&location(ev))));
        let _ = writeln!(h, "<tr><td>{component}</td><td>{found}</td><td>{evidence}</td></tr>");
    }
    let _ = writeln!(h, "</table></div>");

    for cat in report.categories.iter().filter(|c| c.passed + c.failed + c.not_evaluated > 0) {
        let _ = writeln!(
            h,
            "<h2 id=\"{}\">{} <span class=\"muted\">{}/100 · {} passed · {} failed</span></h2>",
            cat.id,
            esc(cat.title),
            score_text(cat.score),
            cat.passed,
            cat.failed
        );
        let findings: Vec<&FindingReport> = report.findings.iter().filter(|f| f.category.id() == cat.id).collect();
        if findings.is_empty() {
            let _ = writeln!(h, "<p class=\"muted\">No findings.</p>");
        }
        for f in findings {
            finding(&mut h, f);
        }
    }

    if !report.attestations.is_empty() {
        let _ = writeln!(h, "<h2 id=\"attested\">Attested, not verified</h2><ul>");
        for a in &report.attestations {
            let _ = writeln!(h, "<li><code>{}</code> {}</li>", a.rule, esc(&a.statement));
        }
        let _ = writeln!(h, "</ul>");
    }
    if !report.suppressed.is_empty() {
        let _ = writeln!(h, "<h2 id=\"suppressed\">Suppressed findings</h2><ul>");
        for sup in &report.suppressed {
            let at = sup.evidence.first().map(|ev| format!(" at <code>{}</code>", esc(&location(ev)))).unwrap_or_default();
            let _ = writeln!(h, "<li><code>{}</code>{at}: {} — {}</li>", sup.rule, esc(&sup.message), esc(&sup.reason));
        }
        let _ = writeln!(h, "</ul>");
    }

    let not_assessed: Vec<_> = report.rules.iter().filter(|r| r.status == "not_evaluated").collect();
    if !not_assessed.is_empty() {
        let _ = writeln!(
            h,
            "<h2 id=\"not-assessed\">Not assessed</h2><p class=\"muted\">These rules could not be judged from what was read; they count neither for nor against the score.</p><ul>"
        );
        for r in not_assessed {
            let _ = writeln!(h, "<li><code>{}</code> {}: {}</li>", r.id, esc(r.done), rich(r.reason.as_deref().unwrap_or("")));
        }
        let _ = writeln!(h, "</ul>");
    }

    if !report.findings.is_empty() {
        let _ = writeln!(
            h,
            "<h2 id=\"priority\">Priority matrix</h2><div class=\"table\"><table><tr><th>Finding</th><th>Severity (impact)</th><th>Effort</th><th>Priority</th><th>Phase</th></tr>"
        );
        for f in &report.findings {
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                f.rule,
                f.name,
                f.severity.as_str(),
                f.effort,
                f.priority,
                f.phase
            );
        }
        let _ = writeln!(h, "</table></div>");
    }

    let _ = writeln!(h, "<h2 id=\"roadmap\">Roadmap</h2><ul>");
    for phase in &report.roadmap {
        let ids = if phase.findings.is_empty() {
            "—".to_string()
        } else {
            phase.findings.iter().map(|i| format!("<code>{i}</code>")).collect::<Vec<_>>().join(" ")
        };
        let _ = writeln!(h, "<li><b>{}</b>: {ids}</li>", esc(phase.title));
    }
    let _ = writeln!(h, "</ul>");

    let _ = writeln!(
        h,
        "<h2 id=\"checklist\">Production-readiness checklist</h2><p class=\"muted\">Ticked: done. Unticked: still to do.</p><ul class=\"checklist\">"
    );
    for r in report.rules.iter().filter(|r| matches!(r.status, "pass" | "fail" | "attested")) {
        let (mark, label) = if r.status == "fail" { ("☐", "to do") } else { ("☑", "done") };
        let note = if r.status == "attested" { " (attested, not verified)" } else { "" };
        let _ = writeln!(h, "<li><span aria-label=\"{label}\">{mark}</span> {} (<code>{}</code>){note}</li>", esc(r.done), r.id);
    }
    let _ = writeln!(h, "</ul>");

    let _ = writeln!(
        h,
        "<h2 id=\"rules\">Rules evaluated</h2><div class=\"table\"><table><tr><th>Rule</th><th>Name</th><th>Severity</th><th>Level</th><th>Status</th></tr>"
    );
    for r in &report.rules {
        let status = status_text(r, rich);
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{status}</td></tr>",
            r.id, r.name, r.severity, r.level
        );
    }
    let _ = writeln!(h, "</table></div>");
    if !report.skipped.is_empty() {
        let _ = writeln!(h, "<h2 id=\"skipped\">Files skipped</h2><ul>");
        for sk in &report.skipped {
            let _ = writeln!(h, "<li><code>{}</code>: {}</li>", esc(&sk.path), esc(&sk.reason));
        }
        let _ = writeln!(h, "</ul>");
    }
    page_end(&mut h);
    h
}

fn finding(h: &mut String, f: &FindingReport) {
    let _ = writeln!(
        h,
        "<div class=\"finding {}\"><span class=\"sev\">{}</span> <code>{}</code> <b>{}</b><br>{}",
        f.severity.as_str(),
        f.severity.as_str(),
        f.rule,
        f.name,
        rich(&f.message)
    );
    if !f.evidence.is_empty() {
        let _ = writeln!(h, "<ul class=\"ev\">");
        for ev in &f.evidence {
            let snippet = ev.snippet.as_deref().map(|s| format!(" — <code>{}</code>", esc(s))).unwrap_or_default();
            let _ = writeln!(h, "<li><code>{}</code>{snippet}</li>", esc(&location(ev)));
        }
        let _ = writeln!(h, "</ul>");
    } else if !f.searched.is_empty() {
        let _ = writeln!(h, "<div class=\"muted\">Looked at: {}</div>", esc(&f.searched.join(", ")));
    }
    let _ = writeln!(
        h,
        "<div><b>Fix:</b> {} <span class=\"muted\">(priority {}, effort {}, confidence {})</span></div></div>",
        rich(f.remediation),
        f.priority,
        f.effort,
        f.confidence.as_str()
    );
}

/// A chart: a captioned figure holding a 420-unit-wide SVG that scales to its box.
fn open_figure(h: &mut String, caption: &str, label: &str, height: usize) {
    let _ = writeln!(
        h,
        "<figure><figcaption>{caption}</figcaption><svg viewBox=\"0 0 420 {height}\" role=\"img\" aria-label=\"{}\">",
        esc(label)
    );
}

fn close_figure(h: &mut String) {
    let _ = writeln!(h, "</svg></figure>");
}

/// Horizontal bars: each category's score out of 100 ("no applicable rule" when it has none).
fn category_chart(h: &mut String, report: &Report) {
    let row = 26;
    let height = row * report.categories.len() + 8;
    open_figure(h, "Category scores", "Category scores", height);
    for (i, cat) in report.categories.iter().enumerate() {
        let y = i * row + 4;
        let _ = write!(h, "<text x=\"0\" y=\"{}\">{}</text>", y + 15, esc(short_title(cat.id)));
        let _ = write!(h, "<rect x=\"140\" y=\"{y}\" width=\"220\" height=\"18\" rx=\"3\" fill=\"var(--line)\"/>");
        match cat.score {
            Some(score) => {
                let width = 220 * score / 100;
                let _ = write!(h, "<rect x=\"140\" y=\"{y}\" width=\"{width}\" height=\"18\" rx=\"3\" fill=\"var(--bar)\"/>");
                let _ = writeln!(h, "<text x=\"368\" y=\"{}\">{score}</text>", y + 14);
            }
            None => {
                let _ = writeln!(h, "<text x=\"368\" y=\"{}\">—</text>", y + 14);
            }
        }
    }
    close_figure(h);
}

fn short_title(id: &str) -> &'static str {
    Category::ALL.iter().find(|c| c.id() == id).map_or("", |c| match c {
        Category::Deploy => "Deployment",
        Category::Ci => "CI/CD",
        Category::Config => "Config & secrets",
        Category::Observability => "Observability",
        Category::Security => "Security",
        Category::Data => "Data & backups",
        Category::Scale => "Performance",
        Category::Iac => "Infra as code",
        Category::Ops => "Operations",
    })
}

/// Vertical bars: findings by severity, each bar stacked by category count.
fn severity_chart(h: &mut String, report: &Report) {
    let counts: Vec<(Severity, usize)> =
        SEVERITIES.iter().map(|s| (*s, report.findings.iter().filter(|f| f.severity == *s).count())).collect();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    open_figure(h, "Findings by severity", "Findings by severity", 200);
    for (i, (severity, n)) in counts.iter().enumerate() {
        let x = 20 + i * 80;
        let bar = 140 * n / max;
        let y = 160 - bar;
        let _ = write!(h, "<rect x=\"{x}\" y=\"{y}\" width=\"50\" height=\"{bar}\" rx=\"3\" fill=\"{}\"/>", severity_color(*severity));
        let _ = write!(h, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{n}</text>", x + 25, y.saturating_sub(4).max(12));
        let _ = writeln!(h, "<text x=\"{}\" y=\"180\" text-anchor=\"middle\">{}</text>", x + 25, severity.as_str());
    }
    close_figure(h);
}

/// Horizontal bars: how many findings each category has, split by severity.
fn findings_by_category(h: &mut String, report: &Report) {
    let row = 26;
    let height = row * report.categories.len() + 8;
    let max =
        report.categories.iter().map(|c| report.findings.iter().filter(|f| f.category.id() == c.id).count()).max().unwrap_or(0).max(1);
    open_figure(h, "Findings by category", "Findings by category", height);
    for (i, cat) in report.categories.iter().enumerate() {
        let y = i * row + 4;
        let _ = write!(h, "<text x=\"0\" y=\"{}\">{}</text>", y + 15, esc(short_title(cat.id)));
        let mut x = 140;
        let mut total = 0;
        for severity in SEVERITIES {
            let n = report.findings.iter().filter(|f| f.category.id() == cat.id && f.severity == severity).count();
            if n > 0 {
                let width = 220 * n / max;
                let _ = write!(h, "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"{}\"/>", severity_color(severity));
                x += width;
                total += n;
            }
        }
        let _ = writeln!(h, "<text x=\"{}\" y=\"{}\">{total}</text>", x + 8, y + 14);
    }
    close_figure(h);
}

/// The five maturity levels, the reached ones filled.
fn ladder(h: &mut String, report: &Report) {
    let level = report.summary.level.value as usize;
    open_figure(h, "Maturity level", &format!("Maturity level {level}"), 200);
    for (i, name) in LEVEL_NAMES.iter().enumerate() {
        let step = i + 1;
        let x = 10 + i * 82;
        let height = 30 + i * 28;
        let y = 170 - height;
        let fill = if step <= level { "var(--ok)" } else { "var(--line)" };
        let _ = write!(h, "<rect x=\"{x}\" y=\"{y}\" width=\"74\" height=\"{height}\" rx=\"3\" fill=\"{fill}\"/>");
        let _ = write!(h, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{step}</text>", x + 37, y.saturating_sub(4));
        let _ = writeln!(h, "<text x=\"{}\" y=\"188\" text-anchor=\"middle\">{name}</text>", x + 37);
    }
    close_figure(h);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<script>alert('x')</script> & \"y\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
    }

    #[test]
    fn inline_code_is_code_and_everything_is_escaped() {
        assert_eq!(rich("set `X-Frame-Options` in <head>"), "set <code>X-Frame-Options</code> in &lt;head&gt;");
        assert_eq!(rich("`a<b>` and `c`"), "<code>a&lt;b&gt;</code> and <code>c</code>");
        assert_eq!(rich("an odd ` backtick"), "an odd ` backtick", "unpaired: left as written");
        assert_eq!(rich(""), "");
    }
}
