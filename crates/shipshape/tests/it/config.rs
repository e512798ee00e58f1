//! `shipshape.toml` and inline suppressions, end to end through the command line.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::fixtures::materialize;

const WORKFLOW: &str = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: pnpm/action-setup@v4\n";
const COMPOSE: &str = "services:\n  app:\n    build: .\n    restart: always\n  db:\n    image: postgres:16\n";

fn repo(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let mut files =
        vec![(".github/workflows/ci.yml".to_string(), WORKFLOW.to_string()), ("docker-compose.yml".to_string(), COMPOSE.to_string())];
    files.extend(extra.iter().map(|(p, c)| (p.to_string(), c.to_string())));
    materialize(&files)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    crate::fixtures::command().arg("audit").arg(dir).args(args).output().expect("run shipshape")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, &[&["--format", "json"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json report")
}

fn status(report: &Value, rule: &str) -> String {
    report["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == rule)
        .map(|r| r["status"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

fn has_finding(report: &Value, rule: &str) -> bool {
    report["findings"].as_array().expect("findings").iter().any(|f| f["rule"] == rule)
}

#[test]
fn without_config_the_findings_stand() {
    let dir = repo(&[]);
    let report = json(dir.path(), &[]);
    assert_eq!(status(&report, "CI013"), "fail");
    assert_eq!(status(&report, "DAT001"), "fail");
    assert_eq!(report["attestations"], Value::Array(vec![]));
    assert_eq!(report["suppressed"], Value::Array(vec![]));
}

#[test]
fn disabled_rules_leave_the_report() {
    let dir = repo(&[("shipshape.toml", "[rules]\ndisable = [\"unpinned-actions\"]\n")]);
    let report = json(dir.path(), &[]);
    assert_eq!(status(&report, "CI013"), "disabled");
    assert!(!has_finding(&report, "CI013"));
}

#[test]
fn severity_overrides_change_the_finding_and_the_gate() {
    let dir = repo(&[]);
    let before = json(dir.path(), &[]);
    let finding = |r: &Value| r["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "DAT001").cloned().expect("DAT001");
    assert_eq!(finding(&before)["severity"], "high");
    assert_eq!(run(dir.path(), &["--fail-on", "high"]).status.code(), Some(1));

    std::fs::write(dir.path().join("shipshape.toml"), "[rules]\ndisable = [\"CI013\", \"CI005\"]\n[rules.severity]\nDAT001 = \"low\"\n")
        .expect("write");
    let after = json(dir.path(), &[]);
    assert_eq!(finding(&after)["severity"], "low");
    let highs: Vec<&Value> =
        after["findings"].as_array().expect("findings").iter().filter(|f| f["severity"] == "high" || f["severity"] == "critical").collect();
    let gate = run(dir.path(), &["--fail-on", "high"]).status.code();
    assert_eq!(gate, Some(if highs.is_empty() { 0 } else { 1 }), "the gate follows the overridden severities: {highs:?}");
}

#[test]
fn attestations_count_but_are_marked_unverified() {
    let dir = repo(&[("shipshape.toml", "[attest]\nbackups = \"Nightly pg_dump to S3, restore tested 2026-10\"\n")]);
    let report = json(dir.path(), &[]);
    assert_eq!(status(&report, "DAT001"), "attested");
    assert!(!has_finding(&report, "DAT001"));
    let attested = report["attestations"].as_array().expect("attestations");
    let dat001 = attested.iter().find(|a| a["rule"] == "DAT001").expect("DAT001 attested");
    assert_eq!(dat001["statement"], "Nightly pg_dump to S3, restore tested 2026-10");
    assert_eq!(dat001["verified"], false);

    let text = String::from_utf8(run(dir.path(), &[]).stdout).expect("utf-8");
    assert!(text.contains("not verified"), "{text}");
}

#[test]
fn inline_suppressions_need_a_comment_on_every_cited_line() {
    let suppressed = WORKFLOW
        .replace(
            "      - uses: pnpm/action-setup@v4\n",
            "      # shipshape: ignore[CI013] internal fork, reviewed monthly\n      - uses: pnpm/action-setup@v4\n",
        )
        .replace("      - uses: actions/checkout@v4\n", "      - uses: actions/checkout@v4 # shipshape: ignore[CI013] first-party\n");
    let dir = materialize(&[(".github/workflows/ci.yml".to_string(), suppressed)]);
    let report = json(dir.path(), &[]);
    assert_eq!(status(&report, "CI013"), "suppressed");
    let entry = report["suppressed"].as_array().expect("suppressed").iter().find(|s| s["rule"] == "CI013").cloned().expect("CI013");
    assert_eq!(entry["reason"], "internal fork, reviewed monthly");

    let partial = WORKFLOW
        .replace("      - uses: pnpm/action-setup@v4\n", "      - uses: pnpm/action-setup@v4 # shipshape: ignore[CI013] reviewed\n");
    let partial = partial.replace("actions/checkout@v4", "docker://alpine:3.20");
    let dir = materialize(&[(".github/workflows/ci.yml".to_string(), partial)]);
    assert_eq!(status(&json(dir.path(), &[]), "CI013"), "fail", "one unsuppressed line keeps the finding");

    let wrong_id = WORKFLOW.replace(
        "      - uses: pnpm/action-setup@v4\n",
        "      # shipshape: ignore[CI014] wrong rule\n      - uses: pnpm/action-setup@v4\n",
    );
    let dir = materialize(&[(".github/workflows/ci.yml".to_string(), wrong_id)]);
    assert_eq!(status(&json(dir.path(), &[]), "CI013"), "fail");
}

#[test]
fn suppressions_work_in_source_comments_but_not_strings() {
    let code = |line: &str| {
        materialize(&[
            ("package.json".to_string(), "{ \"dependencies\": { \"pino\": \"9.0.0\", \"express\": \"4.0.0\" } }".to_string()),
            ("src/server.ts".to_string(), format!("import pino from \"pino\";\nconst log = pino();\n{line}\nlog.info(\"up\");\n")),
        ])
    };
    let dir = code("console.log(\"debug\"); // shipshape: ignore[OBS004] one-off banner");
    assert_eq!(status(&json(dir.path(), &[]), "OBS004"), "suppressed");
    let dir = code("console.log(\"shipshape: ignore[OBS004] not a comment\");");
    assert_eq!(status(&json(dir.path(), &[]), "OBS004"), "fail");
}

#[test]
fn ignored_paths_are_not_read() {
    let dir = repo(&[("shipshape.toml", "[paths]\nignore = [\"docker-compose.yml\"]\n")]);
    let report = json(dir.path(), &[]);
    assert_ne!(status(&report, "DAT001"), "fail");
    let dir = repo(&[("shipshape.toml", "[paths]\nignore = [\"legacy/**\"]\n")]);
    assert_eq!(status(&json(dir.path(), &[]), "DAT001"), "fail");
}

#[test]
fn bad_configuration_is_a_usage_error() {
    for (text, message) in [
        ("[rules]\ndisable = [\"NOPE1\"]\n", "shipshape.toml:2: unknown rule `NOPE1`"),
        ("[rules\n", "shipshape.toml: TOML"),
        ("[attest]\nbakups = \"x\"\n", "neither a rule id nor a topic"),
    ] {
        let dir = repo(&[("shipshape.toml", text)]);
        let out = run(dir.path(), &[]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert!(out.stdout.is_empty(), "no report on a configuration error");
    }
}

#[test]
fn explicit_config_replaces_the_repository_one() {
    let dir = repo(&[("shipshape.toml", "[rules]\ndisable = [\"CI013\"]\n")]);
    let other = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(other.path(), "[rules]\ndisable = [\"DAT001\"]\n").expect("write");
    let report = json(dir.path(), &["--config", other.path().to_str().expect("utf-8 path")]);
    assert_eq!(status(&report, "DAT001"), "disabled");
    assert_eq!(status(&report, "CI013"), "fail");
    let missing = run(dir.path(), &["--config", "/nonexistent/shipshape.toml"]);
    assert_eq!(missing.status.code(), Some(2));
}

fn init(dir: &Path, args: &[&str]) -> Output {
    crate::fixtures::command().arg("init").arg(dir).args(args).output().expect("run shipshape init")
}

#[test]
fn init_writes_a_valid_config_listing_the_failing_rules() {
    let dir = repo(&[]);
    let out = init(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let config = std::fs::read_to_string(dir.path().join("shipshape.toml")).expect("written");
    assert!(config.contains("# \"CI013\","), "{config}");
    assert!(config.contains("# \"DAT001\","), "{config}");
    // As written, it changes nothing.
    let report = json(dir.path(), &[]);
    assert_eq!(status(&report, "CI013"), "fail");
    // Uncommenting a line disables that rule.
    std::fs::write(dir.path().join("shipshape.toml"), config.replace("# \"CI013\",", "\"CI013\",")).expect("write");
    assert_eq!(status(&json(dir.path(), &[]), "CI013"), "disabled");
    // It never overwrites without --force.
    let again = init(dir.path(), &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(init(dir.path(), &["--force"]).status.code(), Some(0));
}

#[test]
fn the_init_workflow_passes_shipshapes_own_ci_rules() {
    let dir = repo(&[]);
    let out = init(dir.path(), &[]);
    let workflow = String::from_utf8(out.stdout).expect("utf-8");
    assert!(workflow.contains("--format sarif") && workflow.contains("upload-sarif@"), "{workflow}");
    let repo = materialize(&[(".github/workflows/shipshape.yml".to_string(), workflow)]);
    let report = json(repo.path(), &[]);
    for rule in ["CI013", "CI014"] {
        assert_eq!(status(&report, rule), "pass", "{rule} on the workflow init prints");
    }
}

#[test]
fn a_baseline_gates_only_new_findings_and_survives_line_shifts() {
    let dir = repo(&[]);
    let baseline = dir.path().join("baseline.json");
    let out = run(dir.path(), &["--format", "json", "--output", baseline.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let gate = |dir: &Path| run(dir, &["--baseline", baseline.to_str().expect("utf-8"), "--fail-on", "low"]);
    assert_eq!(run(dir.path(), &["--fail-on", "low"]).status.code(), Some(1), "the repository has findings");
    assert_eq!(gate(dir.path()).status.code(), Some(0), "all of them are in the baseline");

    // Lines added above the cited ones: the same findings, on other lines.
    let shifted = WORKFLOW.replace("jobs:\n", "env:\n  A: 1\n  B: 2\njobs:\n");
    std::fs::write(dir.path().join(".github/workflows/ci.yml"), &shifted).expect("write");
    assert_eq!(gate(dir.path()).status.code(), Some(0), "a line shift is not a new finding");

    // A new unpinned action is a new place for CI013: the finding is new.
    std::fs::write(dir.path().join(".github/workflows/ci.yml"), format!("{shifted}      - uses: someone/else@main\n")).expect("write");
    let out = gate(dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in the baseline"));
    let report = json(dir.path(), &["--baseline", baseline.to_str().expect("utf-8")]);
    let ci013 = report["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "CI013").cloned().expect("CI013");
    assert_eq!(ci013.get("in_baseline"), None, "new findings carry no in_baseline key");
    let dat001 = report["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "DAT001").cloned().expect("DAT001");
    assert_eq!(dat001["in_baseline"], true);
}

#[test]
fn a_bad_baseline_is_a_usage_error() {
    let dir = repo(&[("old.json", "{\"schema_version\": 99, \"findings\": []}"), ("junk.json", "not json")]);
    for (file, message) in
        [("old.json", "schema_version 99"), ("junk.json", "not a shipshape JSON report"), ("missing.json", "cannot read")]
    {
        let path = dir.path().join(file);
        let out = run(dir.path(), &["--baseline", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(message), "{file}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
