//! The command line end to end: formats, output files, exit codes, errors.

use std::process::Output;

use crate::fixtures::{materialize, workspace_root};

fn shipshape(args: &[&str]) -> Output {
    crate::fixtures::command().current_dir(workspace_root()).args(args).output().expect("run shipshape")
}

const NEXT: &str = "tests/fixtures/repos/nextjs-vercel";

#[test]
fn audit_exits_zero_without_fail_on() {
    let out = shipshape(&["audit", NEXT]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("score "), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
}

#[test]
fn fail_on_sets_the_exit_code() {
    // The Next.js fixture has high findings and no critical one.
    assert_eq!(shipshape(&["audit", NEXT, "--fail-on", "high"]).status.code(), Some(1));
    assert_eq!(shipshape(&["audit", NEXT, "--fail-on", "critical"]).status.code(), Some(0));
    assert_eq!(shipshape(&["audit", NEXT, "--fail-on", "HIGH"]).status.code(), Some(1));
}

#[test]
fn usage_and_io_errors_exit_two() {
    let out = shipshape(&["audit", "does/not/exist"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: does/not/exist: not found"));
    assert_eq!(shipshape(&["audit", NEXT, "--fail-on", "severe"]).status.code(), Some(2));
    assert_eq!(shipshape(&["audit", NEXT, "--format", "pdf"]).status.code(), Some(2));
    assert_eq!(shipshape(&["explain", "NOPE999"]).status.code(), Some(2));
    assert_eq!(shipshape(&["audit", "Cargo.toml"]).status.code(), Some(2), "a file is not a repository");
}

#[test]
fn output_file_has_no_terminal_styles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.txt");
    let out = crate::fixtures::command()
        .current_dir(workspace_root())
        .args(["audit", NEXT, "--output", path.to_str().expect("utf-8 path")])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&path).expect("report written");
    assert!(text.contains("score ") && !text.contains('\u{1b}'));
}

#[test]
fn colour_is_forced_and_disabled_by_the_environment() {
    let forced =
        crate::fixtures::command().current_dir(workspace_root()).args(["audit", NEXT]).env("CLICOLOR_FORCE", "1").output().expect("run");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
    let none = crate::fixtures::command()
        .current_dir(workspace_root())
        .args(["audit", NEXT])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&none.stdout).contains('\u{1b}'));
}

#[test]
fn quiet_prints_findings_and_the_summary_only() {
    let out = shipshape(&["audit", NEXT, "--quiet"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.last().is_some_and(|l| l.starts_with("score ")));
    assert!(lines[..lines.len() - 1].iter().all(|l| l.starts_with(|c: char| c.is_ascii_lowercase())), "{text}");
    assert!(!text.contains("fix:"));
}

#[test]
fn min_confidence_hides_low_confidence_findings() {
    let dir = materialize(&[("package.json".into(), r#"{"name":"a","scripts":{"start":"node ."}}"#.into())]);
    let path = dir.path().to_str().expect("utf-8");
    let all = String::from_utf8(shipshape(&["audit", path, "-f", "json"]).stdout).expect("utf-8");
    let high = String::from_utf8(shipshape(&["audit", path, "-f", "json", "--min-confidence", "high"]).stdout).expect("utf-8");
    assert!(all.contains("\"rule\": \"DEP001\""));
    assert!(!high.contains("\"rule\": \"DEP001\""), "DEP001 has low confidence");
}

#[test]
fn rules_and_explain() {
    let out = shipshape(&["rules"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().count() >= 35);
    assert!(text.contains("CI008   no-staging-environment"));
    let json: serde_json::Value = serde_json::from_slice(&shipshape(&["rules", "--format", "json"]).stdout).expect("json");
    assert!(json.as_array().is_some_and(|a| a.len() >= 35));
    let explain = String::from_utf8_lossy(&shipshape(&["explain", "ci008"]).stdout).to_string();
    for section in ["CI008 no-staging-environment", "## What it checks", "## Why it matters", "## How to fix", "```yaml"] {
        assert!(explain.contains(section), "{section}");
    }
    let by_name = shipshape(&["explain", "unpinned-actions"]);
    assert!(String::from_utf8_lossy(&by_name.stdout).starts_with("CI013 unpinned-actions"));
}

#[test]
fn json_report_carries_the_contract() {
    let report: serde_json::Value = serde_json::from_slice(&shipshape(&["audit", NEXT, "-f", "json"]).stdout).expect("json");
    for key in
        ["schema_version", "scoring_version", "tool", "source", "summary", "categories", "findings", "roadmap", "rules", "facts", "skipped"]
    {
        assert!(report.get(key).is_some(), "{key}");
    }
    assert_eq!(report["source"]["path"], NEXT);
    let facts = report["facts"].as_object().expect("facts");
    let issue_two_keys = [
        "stack.languages",
        "stack.frameworks",
        "stack.package_managers",
        "stack.services",
        "deploy.platforms",
        "deploy.regions",
        "deploy.multi_region",
        "deploy.dockerfiles",
        "deploy.docker_nonroot",
        "deploy.docker_healthcheck",
        "deploy.compose_files",
        "deploy.k8s_manifests",
        "deploy.k8s_probes",
        "deploy.autoscaling",
        "deploy.resource_limits",
        "iac.tools",
        "ci.providers",
        "ci.workflows",
        "ci.runs_tests",
        "ci.runs_lint",
        "ci.runs_typecheck",
        "ci.runs_build",
        "ci.security_scans",
        "ci.deploys",
        "ci.environments",
        "ci.staging",
        "ci.post_deploy_check",
        "ci.rollback",
        "ci.migrations",
        "ci.perf_budget",
        "ci.pinned_actions",
        "ci.permissions_restricted",
        "deps.update_bot",
        "env.example_files",
        "env.vars_referenced",
        "env.vars_undocumented",
    ];
    for key in issue_two_keys {
        let fact = facts.get(key).unwrap_or_else(|| panic!("missing fact {key}"));
        assert!(fact.get("value").is_some() && fact.get("evidence").is_some(), "{key}");
    }
    for finding in report["findings"].as_array().expect("findings") {
        for key in ["rule", "severity", "category", "message", "evidence", "remediation"] {
            assert!(finding.get(key).is_some(), "{key}");
        }
    }
}

#[test]
fn no_format_ever_prints_a_detected_secret() {
    let secrets = [
        "AKIAIOSFODNN7REALKEY",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "Xk29fjQ8zPq",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ0aB1c",
        "9fK2mQ7xLp3Vz8RtY6wN",
    ];
    let dir = materialize(&[
        (
            "config/production.yml".into(),
            format!("aws:\n  key: {}\ndatabase: postgres://app:{}@db.prod.example.com/app\n", secrets[0], secrets[2]),
        ),
        (".env".into(), format!("GITHUB_TOKEN={}\nSTRIPE_SECRET_KEY={}\nSESSION_SECRET={}\n", secrets[1], secrets[3], secrets[4])),
        ("src/app.ts".into(), "export const t = process.env.GITHUB_TOKEN;\n".into()),
    ]);
    let path = dir.path().to_str().expect("utf-8");
    for format in ["terminal", "json", "markdown", "sarif", "html"] {
        let out = shipshape(&["audit", path, "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("CFG005"), "{format}: the secrets are found");
        for secret in secrets {
            assert!(!text.contains(secret), "{format} prints {secret}");
        }
    }
}

#[test]
fn the_audit_date_honours_source_date_epoch() {
    let run = |epoch: &str| {
        crate::fixtures::command()
            .current_dir(workspace_root())
            .args(["audit", NEXT, "-f", "json"])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .expect("run")
    };
    let out = run("1763856000");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["source"]["date"], "2025-11-23");
    let bad = run("yesterday");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}

/// The promise "never runs repository code, no network but the probe", kept structurally: no
/// source file of the tool spawns a process, and only the probe crate opens sockets.
#[test]
fn only_the_probe_opens_sockets_and_nothing_spawns_a_process() {
    let mut checked = 0;
    let mut stack = vec![workspace_root().join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("tests") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.components().any(|c| c.as_os_str() == "examples") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            let shown = path.display().to_string();
            for spawn in ["process::Command", "Command::new", "libc::exec", "fork("] {
                assert!(!text.contains(spawn), "{shown} spawns a process ({spawn})");
            }
            if !shown.contains("shipshape-probe") {
                for net in ["TcpStream", "UdpSocket", "TcpListener", "ToSocketAddrs", "lookup_host"] {
                    assert!(!text.contains(net), "{shown} opens a network connection ({net})");
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "the sources were found ({checked} files)");
}
