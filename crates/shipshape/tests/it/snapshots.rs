//! Full reports of realistic fixture repositories, in every format, through the real binary.

use std::process::Command;

use crate::fixtures::workspace_root;

const REPOS: &[&str] = &[
    "nextjs-vercel",
    "nextjs-supabase",
    "express-prisma-render",
    "python-compose-gitlab",
    "k8s-helm-terraform",
    "monorepo-two-services",
    "near-empty",
];

fn run(repo: &str, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .current_dir(workspace_root())
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
