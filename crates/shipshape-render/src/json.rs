//! The JSON report: the report model as is, pretty-printed, with a trailing newline.

use shipshape_core::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
