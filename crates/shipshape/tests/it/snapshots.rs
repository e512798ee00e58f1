//! Full reports of realistic fixture repositories, in every format, through the real binary.

use crate::fixtures::workspace_root;

const REPOS: &[&str] = &[
    "nextjs-vercel",
    "nextjs-supabase",
    "express-prisma-render",
    "python-compose-gitlab",
    "k8s-helm-terraform",
    "monorepo-two-services",
    "near-empty",
    "rails-api-next-web",
];

fn run(repo: &str, format: &str) -> String {
    let out = crate::fixtures::command()
        .current_dir(workspace_root())
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .args(["audit", &format!("tests/fixtures/repos/{repo}"), "--format", format])
        .output()
        .expect("run shipshape");
    assert!(out.status.success(), "{repo}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn json_reports() {
    for repo in REPOS {
        insta::assert_snapshot!(format!("{repo}.json"), run(repo, "json"));
    }
}

#[test]
fn markdown_reports() {
    for repo in REPOS {
        insta::assert_snapshot!(format!("{repo}.md"), run(repo, "markdown"));
    }
}

#[test]
fn terminal_reports() {
    for repo in REPOS {
        insta::assert_snapshot!(format!("{repo}.txt"), run(repo, "terminal"));
    }
}

#[test]
fn reports_are_byte_identical_across_runs() {
    for repo in REPOS {
        assert_eq!(run(repo, "json"), run(repo, "json"), "{repo}");
    }
}

#[test]
fn a_near_empty_repository_is_level_one_without_alarm() {
    let report: serde_json::Value = serde_json::from_str(&run("near-empty", "json")).expect("json");
    assert_eq!(report["summary"]["level"]["value"], 1);
    assert_eq!(report["summary"]["posture"], "not assessed");
    for severity in ["critical", "high", "medium"] {
        assert_eq!(report["summary"]["findings"][severity], 0, "{severity}");
    }
}

/// The official SARIF 2.1.0 schema (test data), compiled.
pub(crate) fn sarif_schema() -> (boon::Schemas, boon::SchemaIndex) {
    const SCHEMA_URL: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    let schema_text =
        std::fs::read_to_string(workspace_root().join("crates/shipshape/tests/data/sarif-schema-2.1.0.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema json");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(SCHEMA_URL, schema).expect("add schema");
    let index = compiler.compile(SCHEMA_URL, &mut schemas).expect("compile schema");
    (schemas, index)
}

/// The SARIF results (rule descriptors carry every rule's full docs, which `shipshape rules`
/// covers: snapshotting them seven times would only add noise).
#[test]
fn sarif_results() {
    for repo in REPOS {
        let sarif: serde_json::Value = serde_json::from_str(&run(repo, "sarif")).expect("sarif is json");
        let results = serde_json::to_string_pretty(&sarif["runs"][0]["results"]).expect("results");
        insta::assert_snapshot!(format!("{repo}.sarif"), results);
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let (schemas, index) = sarif_schema();
    for repo in REPOS {
        let sarif: serde_json::Value = serde_json::from_str(&run(repo, "sarif")).expect("sarif is json");
        if let Err(error) = schemas.validate(&sarif, index) {
            panic!("{repo}: {error:#}");
        }
        let findings: serde_json::Value = serde_json::from_str(&run(repo, "json")).expect("json");
        let results = sarif["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), findings["findings"].as_array().expect("findings").len(), "{repo}: one result per finding");
        for result in results {
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"][index]["id"], result["ruleId"], "{repo}");
            assert!(!result["locations"].as_array().expect("locations").is_empty(), "{repo}: every result has a location");
        }
    }
}

#[test]
fn the_schema_check_rejects_a_broken_sarif() {
    // Guard against a validator that accepts anything.
    let (schemas, index) = sarif_schema();
    let mut sarif: serde_json::Value = serde_json::from_str(&run("nextjs-vercel", "sarif")).expect("json");
    sarif["runs"][0]["results"][0]["level"] = serde_json::json!("catastrophic");
    assert!(schemas.validate(&sarif, index).is_err());
}

#[test]
fn markdown_links_point_at_headings_and_tables_stay_narrow() {
    for repo in REPOS {
        let md = run(repo, "markdown");
        let anchors: Vec<String> = md
            .lines()
            .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
            .map(|h| {
                h.to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect()
            })
            .collect();
        for link in md.split("](#").skip(1) {
            let target = link.split(')').next().unwrap_or("");
            assert!(anchors.iter().any(|a| a == target), "{repo}: #{target} has no heading");
        }
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let columns = line.replace("\\|", "").matches('|').count() - 1;
            assert!(columns < 8, "{repo}: {line}");
        }
        assert!(md.contains("## Infrastructure components") && md.contains("## Production-readiness checklist"), "{repo}");
    }
}

#[test]
fn html_reports() {
    for repo in REPOS {
        insta::assert_snapshot!(format!("{repo}.html"), run(repo, "html"));
    }
}

#[test]
fn html_reports_are_self_contained() {
    for repo in REPOS {
        let html = run(repo, "html");
        for forbidden in ["<script", "<link", "@import", "url(", "http://", "https://", "<img", "@font-face"] {
            assert!(!html.contains(forbidden), "{repo}: {forbidden}");
        }
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"), "{repo}");
        assert!(html.contains("prefers-color-scheme:dark") && html.contains("@media print"), "{repo}");
    }
}

/// The fixture for #11: a workflow saved with a byte-order mark, a UTF-16 `.env.example`, a
/// Rails API next to a Next.js app, a CI job calling another repository's workflow, and test
/// fixtures and examples that must not count.
#[test]
fn a_rails_api_next_to_a_next_app_says_what_it_could_not_read() {
    let report: serde_json::Value = serde_json::from_str(&run("rails-api-next-web", "json")).expect("json");
    let facts = &report["facts"];
    assert_eq!(facts["ci.runs_tests"]["value"], true, "the workflow with a BOM is read");
    assert_eq!(facts["env.example_files"]["value"], serde_json::json!(["web/.env.example"]), "the UTF-16 example is read");
    assert_eq!(facts["stack.code_unread"]["value"], serde_json::json!([{"language": "ruby", "files": 5}]));
    assert_eq!(facts["env.committed_env_files"]["value"], serde_json::json!([]), "a fixture's .env is not committed config");
    assert_eq!(facts["secrets.hardcoded"]["value"], serde_json::json!([]), "a fixture's password is not a leak");
    assert_eq!(facts["security.rls"]["value"], serde_json::Value::Null, "a fixture's migration is not the schema");
    let status = |id: &str| report["rules"].as_array().expect("rules").iter().find(|r| r["id"] == id).expect("rule")["status"].clone();
    assert_eq!(status("DEP006"), "pass", "an example's node:latest is not the app's image");
    assert_eq!(status("DAT004"), "not_applicable", "the Rails API's pg is not in a Vercel function");
    assert_eq!(status("SEC005"), "not_evaluated");
    assert_eq!(status("CI004"), "not_evaluated");
    let stopped = &report["summary"]["not_evaluated"];
    assert_eq!(stopped["languages"][0]["language"], "ruby");
    assert_eq!(stopped["files"][0]["path"], "acme/workflows/.github/workflows/rails.yml@v2");
    let terminal = run("rails-api-next-web", "terminal");
    assert!(
        terminal.contains(
            "rules not evaluated: Ruby source is not read (5 files); acme/workflows/.github/workflows/rails.yml@v2 could not be read"
        ),
        "{terminal}"
    );
}
