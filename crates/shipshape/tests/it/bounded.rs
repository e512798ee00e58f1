//! Bounded everywhere (#18): inputs that panicked, overflowed the stack or grew superlinearly,
//! each through the whole audit. Sizes are those that failed (they are small); growth itself is
//! bounded by work counts in the unit tests of the code index and script classification, never
//! by wall time here. Every run is under a generous time bound so a regression fails instead of
//! stalling the suite.

#![cfg(unix)]

use serde_json::Value;

use crate::fixtures::materialize;
use crate::hostile::{audit_cli, files, json, skipped};

fn fact<'a>(report: &'a Value, key: &str) -> &'a Value {
    &report["facts"][key]["value"]
}

#[test]
fn a_multibyte_character_near_rto_in_a_doc_is_read() {
    // The DR-document reader cut a 60-byte window inside "é": exit 101, no report.
    for doc in ["README.md", "docs/runbook.md"] {
        // "RTO 4 h " is 8 bytes, then 51 more: the 60-byte window ends inside "é".
        let text = format!("# Reprise\n\nRTO 4 h {}é, RPO 15 min {}🎉\n", "x".repeat(51), "y".repeat(47));
        let dir = materialize(&files(&[(doc, &text)]));
        let report = json(&audit_cli(dir.path(), &[]));
        assert_eq!(fact(&report, "dr.documented"), &Value::Bool(true), "{doc}");
    }
}

#[test]
fn pathological_source_files_are_indexed_or_reported_never_fatal() {
    let chain_js = format!("const v = process.env.KEPT;\na{}();\n", ".b".repeat(100_000));
    let chain_py = format!("import os\nv = os.environ[\"KEPT_PY\"]\na{}()\n", ".b".repeat(100_000));
    let schema = format!("const s = z.object({{ SCHEMA_KEY: z.string() }});\n{}", "s.parse(process.env);\n".repeat(10_000));
    let nested: String = (0..4_000).map(|i| format!("function f{i}(a) {{ process.env[a];\n")).collect::<String>() + &"}\n".repeat(4_000);
    let dir = materialize(&files(&[
        ("src/chain.js", &chain_js),
        ("app/chain.py", &chain_py),
        ("src/env.ts", &schema),
        ("src/nested.js", &nested),
        ("package.json", "{\"name\": \"app\"}\n"),
    ]));
    let report = json(&audit_cli(dir.path(), &[]));
    let skipped = skipped(&report);
    let reads: Vec<&str> =
        fact(&report, "env.vars_referenced").as_array().map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).collect());
    // Each file is indexed, or (on a machine slow enough to hit the 1 s clock) reported as not
    // indexed for that reason; never a crash, never half an index.
    for (path, name) in [("src/chain.js", "KEPT"), ("app/chain.py", "KEPT_PY"), ("src/env.ts", "SCHEMA_KEY")] {
        match skipped.iter().find(|(p, _)| p == path) {
            Some((_, reason)) => assert!(reason.contains("gave up after 1 s"), "{path}: {reason}"),
            None => assert!(reads.contains(&name), "{name} in {reads:?}"),
        }
    }
    assert!(skipped.iter().all(|(_, reason)| reason.contains("gave up after 1 s")), "{skipped:?}");
}

#[test]
fn nesting_a_hundred_thousand_deep_in_any_format_is_skipped_with_a_reason() {
    let n = 100_000;
    let open_close = |open: &str, close: &str| format!("{}{}", open.repeat(n), close.repeat(n));
    let dir = materialize(&files(&[
        ("main.tf", &format!("a = {}\n", open_close("[", "]"))),
        ("infra/expr.tf", &format!("a = {}1{}\n", "(".repeat(n), ")".repeat(n))),
        ("fly.toml", &format!("a = {}\n", open_close("[", "]"))),
        ("vercel.json", &open_close("[", "]")),
        ("docker-compose.yml", &format!("a: {}\n", open_close("[", "]"))),
        ("nginx.conf", &format!("http {}\n", open_close("{ a ", "}"))),
        (
            ".github/workflows/ci.yml",
            &format!("on: push\njobs:\n  t:\n    if: {}\n    runs-on: x\n    steps:\n      - run: pytest\n", "!".repeat(n) + "true"),
        ),
        ("src/deep.ts", &format!("const x = process.env.A;\nconst y = {};\n", open_close("[", "]"))),
    ]));
    let report = json(&audit_cli(dir.path(), &[]));
    let skipped = skipped(&report);
    for path in ["main.tf", "infra/expr.tf", "fly.toml", "vercel.json", "docker-compose.yml"] {
        assert!(skipped.iter().any(|(p, _)| p == path), "{path} is listed as skipped: {skipped:?}");
    }
}
