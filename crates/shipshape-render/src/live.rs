//! The "Live deployment" section of the Markdown and HTML reports, when a probe ran: the grade,
//! TLS, latency, health endpoints, and each security header as configured in the repository
//! and as served, side by side.

use std::fmt::Write;

use serde_json::Value;
use shipshape_core::facts::security::SECURITY_HEADERS;
use shipshape_core::report::{EvidenceReport, FactReport, Report};

use crate::location;

/// One row of the section: a label and its value, plain text.
struct Row {
    label: String,
    value: String,
}

/// Where a list fact's item was read, if its evidence names it.
fn cited(fact: Option<&FactReport>, item: &str, live: bool) -> Option<String> {
    let fact = fact?;
    if !fact.value.as_array().is_some_and(|a| a.iter().any(|v| v == item)) {
        return None;
    }
    let matches =
        |e: &&EvidenceReport| crate::is_live(e) == live && e.snippet.as_deref().is_none_or(|s| s.to_ascii_lowercase().contains(item));
    Some(fact.evidence.iter().find(matches).map_or_else(|| "yes".to_string(), location))
}

fn ms(v: &Value) -> String {
    v.as_f64().map_or_else(|| "—".to_string(), |v| format!("{v:.0} ms"))
}

/// The probe's summary rows; `None` without a probe.
fn summary(report: &Report) -> Option<Vec<Row>> {
    let fact = |key: &str| report.facts.get(key).map(|f| &f.value).filter(|v| !v.is_null());
    let url = fact("live.url")?.as_str()?.to_string();
    let mut rows = vec![Row { label: "Page".into(), value: url }];
    if let Some(g) = fact("live.header_grade") {
        rows.push(Row {
            label: "Security headers grade".into(),
            value: format!("{} ({}/100)", g["grade"].as_str().unwrap_or("?"), g["score"]),
        });
    }
    match fact("live.tls") {
        Some(tls) => {
            let days = tls["cert_days_left"].as_i64().map_or_else(|| "unknown".to_string(), |d| format!("{d} days left"));
            let h2 = if fact("live.http2").and_then(Value::as_bool) == Some(true) { "HTTP/2" } else { "HTTP/1.1 only" };
            rows.push(Row { label: "TLS".into(), value: format!("{}, certificate {days}, {h2}", tls["version"].as_str().unwrap_or("?")) });
        }
        None => rows.push(Row { label: "TLS".into(), value: "not used (plain HTTP)".into() }),
    }
    let redirect = match fact("live.https_redirect").and_then(Value::as_bool) {
        Some(true) => "yes",
        Some(false) => "no: plain HTTP is served",
        None => "nothing answers on plain HTTP",
    };
    rows.push(Row { label: "HTTP → HTTPS redirect".into(), value: redirect.into() });
    if let Some(l) = fact("live.latency") {
        rows.push(Row {
            label: format!("Time to first byte ({} samples)", l["samples"]),
            value: format!("p50 {}, p95 {}, max {}", ms(&l["ttfb_ms"]["p50"]), ms(&l["ttfb_ms"]["p95"]), ms(&l["ttfb_ms"]["max"])),
        });
        rows.push(Row {
            label: "Total time".into(),
            value: format!("p50 {}, p95 {}, max {}", ms(&l["total_ms"]["p50"]), ms(&l["total_ms"]["p95"]), ms(&l["total_ms"]["max"])),
        });
    }
    let list = |key: &str, none: &str| {
        fact(key)
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .map_or_else(|| none.to_string(), |a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
    };
    rows.push(Row { label: "Compression".into(), value: list("live.compression", "none") });
    if let Some(asset) = fact("live.asset_caching") {
        rows.push(Row {
            label: "Static asset caching".into(),
            value: format!("{}: {}", asset["url"].as_str().unwrap_or("?"), asset["cache_control"].as_str().unwrap_or("no Cache-Control")),
        });
    }
    for api in fact("live.api_caching").and_then(Value::as_array).into_iter().flatten() {
        rows.push(Row {
            label: format!("API caching {}", api["path"].as_str().unwrap_or("?")),
            value: format!("Cache-Control: {}", api["cache_control"].as_str().unwrap_or("none")),
        });
    }
    rows.push(Row { label: "Rate-limit headers".into(), value: list("live.rate_limit_headers", "none seen") });
    for h in fact("live.health").and_then(Value::as_array).into_iter().flatten() {
        rows.push(Row {
            label: format!("Health {}", h["path"].as_str().unwrap_or("?")),
            value: format!(
                "{} · {} · Cache-Control: {} · {}",
                h["status"],
                h["content_type"].as_str().unwrap_or("no content type"),
                h["cache_control"].as_str().unwrap_or("none"),
                ms(&h["latency_ms"])
            ),
        });
    }
    if let Some(off) = fact("live.offhost_redirects").and_then(Value::as_array).filter(|a| !a.is_empty()) {
        rows.push(Row {
            label: "Redirects to other hosts (not followed)".into(),
            value: off.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
        });
    }
    Some(rows)
}

/// Each security header: where the repository configures it, and where the deployment served it.
fn headers(report: &Report) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let configured = report.facts.get("security.headers");
    let served = report.facts.get("live.headers");
    SECURITY_HEADERS
        .iter()
        .map(|h| (*h, cited(configured, h, false), cited(served, h, true)))
        // CSP and HSTS always show; the others when either side has them.
        .filter(|(h, c, s)| c.is_some() || s.is_some() || ["content-security-policy", "strict-transport-security"].contains(h))
        .collect()
}

fn intro(report: &Report) -> &'static str {
    if report.facts.contains_key("security.headers") {
        "What the deployment served when probed, next to what the repository configures."
    } else {
        "What the deployment served when probed."
    }
}

pub fn markdown_section(report: &Report) -> Option<String> {
    let rows = summary(report)?;
    let esc = |s: &str| s.replace('|', "\\|");
    let mut md = format!("## Live deployment\n\n{}\n\n| | |\n|---|---|\n", intro(report));
    for row in rows {
        let _ = writeln!(md, "| {} | {} |", esc(&row.label), esc(&row.value));
    }
    // A probe without a repository has no configuration to compare with.
    let with_repo = report.facts.contains_key("security.headers");
    let show = |v: Option<String>, none: &str| v.map_or_else(|| none.to_string(), |v| format!("`{}`", esc(&v)));
    if with_repo {
        let _ = writeln!(md, "\n| Header | Configured in the repository | Served live |\n|---|---|---|");
    } else {
        let _ = writeln!(md, "\n| Header | Served live |\n|---|---|");
    }
    for (h, configured, served) in headers(report) {
        if with_repo {
            let _ = writeln!(md, "| `{h}` | {} | {} |", show(configured, "—"), show(served, "**not served**"));
        } else {
            let _ = writeln!(md, "| `{h}` | {} |", show(served, "**not served**"));
        }
    }
    md.push('\n');
    Some(md)
}

pub fn html_section(report: &Report) -> Option<String> {
    use crate::html::esc;
    let rows = summary(report)?;
    let mut h = format!("<h2 id=\"live\">Live deployment</h2><p class=\"muted\">{}</p><div class=\"table\"><table>", intro(report));
    for row in rows {
        let _ = write!(h, "<tr><th>{}</th><td>{}</td></tr>", esc(&row.label), esc(&row.value));
    }
    let with_repo = report.facts.contains_key("security.headers");
    h.push_str("</table></div><h3>Security headers</h3><div class=\"table\"><table><tr><th>Header</th>");
    h.push_str(if with_repo { "<th>Configured in the repository</th><th>Served live</th></tr>" } else { "<th>Served live</th></tr>" });
    for (name, configured, served) in headers(report) {
        let served = served.map_or_else(|| "<b>not served</b>".to_string(), |s| format!("<code>{}</code>", esc(&s)));
        let configured = match (with_repo, configured) {
            (false, _) => String::new(),
            (true, None) => "<td>—</td>".to_string(),
            (true, Some(c)) => format!("<td><code>{}</code></td>", esc(&c)),
        };
        let _ = write!(h, "<tr><td><code>{name}</code></td>{configured}<td>{served}</td></tr>");
    }
    h.push_str("</table></div>\n");
    Some(h)
}
