//! Rounds: the "Improvements since the last round" section of the Markdown and HTML reports,
//! `shipshape diff` in every format, and the `shipshape history` table and trend chart.

use std::fmt::Write;

use shipshape_core::rounds::{HistoryPoint, RoundDiff, RoundFinding, RoundSide};

use crate::html::{esc, page_end, page_start};
use crate::score_text;

const SECTION: &str = "Improvements since the last round";

fn signed(delta: Option<i64>) -> String {
    match delta {
        Some(d) if d > 0 => format!("+{d}"),
        Some(d) => d.to_string(),
        None => "—".to_string(),
    }
}

fn side_text(side: &RoundSide) -> String {
    let mut parts = vec![side.label.clone()];
    if let Some(commit) = &side.commit
        && !side.label.contains(commit.get(..7).unwrap_or(commit))
    {
        parts.push(format!("commit {}", commit.get(..12).unwrap_or(commit)));
    }
    parts.extend(side.date.clone());
    parts.join(", ")
}

fn level_change(d: &RoundDiff) -> String {
    let (b, a) = (&d.before.level, &d.after.level);
    if b.value == a.value {
        format!("level {} {} (unchanged)", a.value, a.name)
    } else {
        format!("level {} {} → {} {}", b.value, b.name, a.value, a.name)
    }
}

fn headline(d: &RoundDiff) -> String {
    format!("score {} → {} ({}), {}", score_text(d.before.score), score_text(d.after.score), signed(d.score_delta()), level_change(d))
}

fn first_place(f: &RoundFinding) -> String {
    f.evidence.first().map_or_else(String::new, |e| crate::place(&e.path, e.line))
}

/// `shipshape diff` for a terminal.
pub fn diff_terminal(d: &RoundDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}", side_text(&d.before), side_text(&d.after));
    let _ = writeln!(out, "{}\n", headline(d));
    for c in d.categories.iter().filter(|c| c.before.is_some() || c.after.is_some()) {
        let _ = writeln!(out, "  {:<38} {:>3} → {:>3}  {:>4}", c.title, score_text(c.before), score_text(c.after), signed(c.delta()));
    }
    for (title, findings) in [("resolved", &d.resolved), ("new", &d.new)] {
        let _ = writeln!(out, "\n{} {title}", findings.len());
        for f in findings {
            let _ = writeln!(out, "  {:<8} {:<7} {}  {}", f.severity, f.rule, f.message, first_place(f));
        }
    }
    let _ = writeln!(out, "\n{} unchanged", d.unchanged.len());
    out
}

/// The Markdown section, headed at `##`.
pub fn diff_markdown_section(d: &RoundDiff) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut md = String::new();
    let _ = writeln!(md, "## {SECTION}\n");
    let _ = writeln!(md, "Compared with {}: {}.\n", side_text(&d.before), headline(d));
    let _ = writeln!(md, "| Category | Before | After | Change |\n|---|---:|---:|---:|");
    for c in d.categories.iter().filter(|c| c.before.is_some() || c.after.is_some()) {
        let _ = writeln!(md, "| {} | {} | {} | {} |", c.title, score_text(c.before), score_text(c.after), signed(c.delta()));
    }
    for (title, findings) in [("Resolved", &d.resolved), ("New", &d.new)] {
        let _ = writeln!(md, "\n{title}: {}\n", findings.len());
        for f in findings {
            let _ = writeln!(md, "- **{}** `{}` {} `{}`", f.severity, f.rule, esc(&f.message), first_place(f));
        }
    }
    let _ = writeln!(md, "\nUnchanged: {} finding(s).\n", d.unchanged.len());
    md
}

/// `shipshape diff -f markdown`: the section as a document.
pub fn diff_markdown(d: &RoundDiff) -> String {
    format!("# Rounds: {} → {}\n\n{}", side_text(&d.before), side_text(&d.after), diff_markdown_section(d))
}

/// The HTML section.
pub fn diff_html_section(d: &RoundDiff) -> String {
    let mut h = String::new();
    let _ = writeln!(h, "<h2 id=\"since-last-round\">{SECTION}</h2>");
    let _ = writeln!(h, "<p>Compared with {}: <b>{}</b>.</p>", esc(&side_text(&d.before)), esc(&headline(d)));
    let _ = writeln!(h, "<div class=\"table\"><table><tr><th>Category</th><th>Before</th><th>After</th><th>Change</th></tr>");
    for c in d.categories.iter().filter(|c| c.before.is_some() || c.after.is_some()) {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.title),
            score_text(c.before),
            score_text(c.after),
            signed(c.delta())
        );
    }
    let _ = writeln!(h, "</table></div>");
    for (title, findings) in [("Resolved", &d.resolved), ("New", &d.new)] {
        let _ = writeln!(h, "<h3>{title}: {}</h3>", findings.len());
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(h, "<ul>");
        for f in findings {
            let _ = writeln!(
                h,
                "<li><span class=\"sev {}\">{}</span> <code>{}</code> {} <code>{}</code></li>",
                esc(&f.severity),
                esc(&f.severity),
                esc(&f.rule),
                esc(&f.message),
                esc(&first_place(f))
            );
        }
        let _ = writeln!(h, "</ul>");
    }
    let _ = writeln!(h, "<p class=\"muted\">Unchanged: {} finding(s).</p>", d.unchanged.len());
    h
}

/// `shipshape diff -f html`: the section as a page.
pub fn diff_html(d: &RoundDiff) -> String {
    let mut h = String::new();
    let title = format!("Rounds: {} → {}", side_text(&d.before), side_text(&d.after));
    page_start(&mut h, &title);
    h.push_str(&diff_html_section(d));
    page_end(&mut h);
    h
}

fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// `shipshape history` for a terminal: one row per commit, newest first.
pub fn history_terminal(points: &[HistoryPoint]) -> String {
    let mut out = format!(
        "{:<10}  {:<10}  {:>5}  {:<14}  {:>4} {:>4} {:>4} {:>4}  {}\n",
        "date", "commit", "score", "level", "crit", "high", "med", "low", "changes"
    );
    for p in points.iter().rev() {
        let c = &p.findings;
        let _ = writeln!(
            out,
            "{:<10}  {:<10}  {:>5}  {:<14}  {:>4} {:>4} {:>4} {:>4}  {}",
            p.date,
            short(&p.commit),
            score_text(p.score),
            format!("{} {}", p.level.value, p.level.name),
            c.critical,
            c.high,
            c.medium,
            c.low,
            changes(p)
        );
    }
    out
}

fn changes(p: &HistoryPoint) -> String {
    let mut parts: Vec<String> = p.appeared.iter().map(|r| format!("+{r}")).collect();
    parts.extend(p.resolved.iter().map(|r| format!("-{r}")));
    parts.join(" ")
}

/// `shipshape history -f markdown`.
pub fn history_markdown(title: &str, points: &[HistoryPoint]) -> String {
    let mut md = format!(
        "# History: `{title}`\n\n| Date | Commit | Score | Level | Critical | High | Medium | Low | Appeared | Resolved |\n|---|---|---:|---|---:|---:|---:|---:|---|---|\n"
    );
    for p in points.iter().rev() {
        let c = &p.findings;
        let list = |rules: &[String]| rules.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            md,
            "| {} | `{}` | {} | {} {} | {} | {} | {} | {} | {} | {} |",
            p.date,
            short(&p.commit),
            score_text(p.score),
            p.level.value,
            p.level.name,
            c.critical,
            c.high,
            c.medium,
            c.low,
            list(&p.appeared),
            list(&p.resolved)
        );
    }
    md
}

/// `shipshape history -f html`: the trend chart (score and level over time, marked where a
/// finding appeared or was resolved) over the table.
pub fn history_html(title: &str, points: &[HistoryPoint]) -> String {
    let mut h = String::new();
    page_start(&mut h, &format!("History: {title}"));
    let _ = writeln!(
        h,
        "<p class=\"muted\">{} commits, oldest on the left. Red marks: a finding appeared; green: one was resolved.</p>",
        points.len()
    );
    trend_chart(&mut h, points);
    let _ = writeln!(
        h,
        "<div class=\"table\"><table><tr><th>Date</th><th>Commit</th><th>Score</th><th>Level</th><th>Critical</th><th>High</th><th>Medium</th><th>Low</th><th>Changes</th></tr>"
    );
    for p in points.iter().rev() {
        let c = &p.findings;
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td><code title=\"{}\">{}</code></td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&p.date),
            esc(&p.summary),
            esc(short(&p.commit)),
            score_text(p.score),
            p.level.value,
            esc(&p.level.name),
            c.critical,
            c.high,
            c.medium,
            c.low,
            esc(&changes(p))
        );
    }
    let _ = writeln!(h, "</table></div>");
    page_end(&mut h);
    h
}

fn trend_chart(h: &mut String, points: &[HistoryPoint]) {
    let (left, top, width, height) = (36.0, 12.0, 760.0, 200.0);
    let x = |i: usize| left + if points.len() > 1 { width * i as f64 / (points.len() - 1) as f64 } else { width / 2.0 };
    let y_score = |s: u32| top + height * (1.0 - f64::from(s) / 100.0);
    let y_level = |l: u8| top + height * (1.0 - f64::from(l) / 5.0);
    let _ = writeln!(
        h,
        "<figure><figcaption>Score and level over time</figcaption><svg viewBox=\"0 0 840 250\" role=\"img\" aria-label=\"Score and maturity level per commit\">"
    );
    for tick in [0u32, 25, 50, 75, 100] {
        let y = y_score(tick);
        let _ = write!(h, "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"var(--line)\"/>", left + width);
        let _ = write!(h, "<text x=\"0\" y=\"{:.1}\">{tick}</text>", y + 4.0);
    }
    let line = |value: &dyn Fn(&HistoryPoint) -> Option<f64>| {
        points.iter().enumerate().filter_map(|(i, p)| value(p).map(|v| format!("{:.1},{v:.1}", x(i)))).collect::<Vec<_>>().join(" ")
    };
    let score_line = line(&|p| p.score.map(y_score));
    let level_line = line(&|p| Some(y_level(p.level.value)));
    let _ = write!(
        h,
        "<polyline points=\"{level_line}\" fill=\"none\" stroke=\"var(--muted)\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\"/>"
    );
    let _ = write!(h, "<polyline points=\"{score_line}\" fill=\"none\" stroke=\"var(--bar)\" stroke-width=\"2\"/>");
    let mut annotated = 0;
    for (i, p) in points.iter().enumerate() {
        let y = p.score.map_or(y_level(p.level.value), y_score);
        let tip = format!("{} {} — score {}, level {}{}", p.date, short(&p.commit), score_text(p.score), p.level.value, {
            let c = changes(p);
            if c.is_empty() { String::new() } else { format!(" — {c}") }
        });
        let color = match (p.appeared.is_empty(), p.resolved.is_empty()) {
            (true, true) => "var(--bar)",
            (false, true) => "var(--critical)",
            (true, false) => "var(--ok)",
            (false, false) => "var(--medium)",
        };
        let r = if color == "var(--bar)" { 2.5 } else { 5.0 };
        let _ = write!(h, "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"{color}\"><title>{}</title></circle>", x(i), esc(&tip));
        if color != "var(--bar)" {
            // Labels alternate between two heights so neighbours do not overwrite each other.
            annotated += 1;
            let lift = if annotated % 2 == 0 { 10.0 } else { 22.0 };
            let _ = write!(
                h,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"9\">{}</text>",
                x(i),
                y - lift,
                esc(&changes(p))
            );
        }
    }
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        let _ = write!(h, "<text x=\"{left}\" y=\"232\">{}</text>", esc(&first.date));
        let _ = write!(h, "<text x=\"{}\" y=\"232\" text-anchor=\"end\">{}</text>", left + width, esc(&last.date));
    }
    let _ = write!(
        h,
        "<line x1=\"300\" x2=\"324\" y1=\"242\" y2=\"242\" stroke=\"var(--bar)\" stroke-width=\"2\"/><text x=\"330\" y=\"246\">score</text>\
         <line x1=\"390\" x2=\"414\" y1=\"242\" y2=\"242\" stroke=\"var(--muted)\" stroke-dasharray=\"4 3\"/><text x=\"420\" y=\"246\">level (0–5)</text>"
    );
    let _ = writeln!(h, "</svg></figure>");
}
