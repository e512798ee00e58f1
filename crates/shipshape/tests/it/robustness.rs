//! Bad input never stops an audit: each bad file is listed as skipped, with its reason.

use std::path::Path;

use shipshape_core::report::Report;

use crate::fixtures::{audit, materialize};

fn skipped<'r>(report: &'r Report, path: &str) -> Option<&'r str> {
    report.skipped.iter().find(|s| s.path == path).map(|s| s.reason.as_str())
}

#[test]
fn malformed_binary_non_utf8_and_huge_files_are_skipped_with_reasons() {
    let dir = materialize(&[
        (".github/workflows/broken.yml".into(), "on: push\njobs:\n  test: [unclosed\n".into()),
        (".github/workflows/ok.yml".into(), "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: pytest\n".into()),
        ("vercel.json".into(), "{ \"regions\": [\"fra1\" ".into()),
        ("fly.toml".into(), "app = \n".into()),
        ("infra/main.tf".into(), "terraform {\n  backend \"s3\" {\n".into()),
    ]);
    std::fs::write(dir.path().join("package.json"), b"{\x00\x01\x02}").expect("write");
    std::fs::write(dir.path().join("netlify.toml"), b"[build]\ncommand = \"\xff\xfe\"\n").expect("write");
    std::fs::write(dir.path().join("huge.js"), "x".repeat(5 * 1024 * 1024)).expect("write");
    let report = audit(dir.path());

    let broken = skipped(&report, ".github/workflows/broken.yml").expect("broken workflow skipped");
    assert!(broken.starts_with("malformed: YAML") && broken.contains("line"), "{broken}");
    assert!(skipped(&report, "vercel.json").is_some_and(|r| r.starts_with("malformed: JSON")));
    assert!(skipped(&report, "fly.toml").is_some_and(|r| r.contains("TOML") && r.contains("line 1")));
    assert!(
        skipped(&report, "infra/main.tf").is_some_and(|r| r.starts_with("malformed: HCL") && r.contains("line")),
        "{:?}",
        report.skipped
    );
    assert_eq!(skipped(&report, "package.json"), Some("binary file"));
    assert_eq!(skipped(&report, "netlify.toml"), Some("not valid UTF-8"));
    assert!(skipped(&report, "huge.js").is_some_and(|r| r.starts_with("too large")));
    // The rest of the audit went on: the good workflow counts.
    assert_eq!(report.facts["ci.runs_tests"].value, serde_json::json!(true));
}

#[test]
fn a_rule_failing_on_an_unreadable_file_is_not_evaluated() {
    let dir = materialize(&[
        (".github/workflows/ci.yml".into(), "on: push\njobs: [\n".into()),
        ("src/app.ts".into(), "export {}".into()),
        ("package.json".into(), r#"{"scripts":{"start":"node ."}}"#.into()),
    ]);
    let report = audit(dir.path());
    assert_eq!(report.status_of("CI013"), Some("not_applicable"));
    let rule = report.rules.iter().find(|r| r.id == "CI001").expect("CI001");
    assert_eq!(rule.status, "not_evaluated", "no CI found, but a CI file could not be read");
    assert!(rule.reason.as_deref().is_some_and(|r| r.contains(".github/workflows/ci.yml")));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_outside_the_tree_are_skipped() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.env"), "TOKEN=x").expect("write");
    let dir = materialize(&[("app/package.json".into(), r#"{"name":"a"}"#.into())]);
    symlink("..", dir.path().join("app/loop")).expect("symlink");
    symlink(outside.path().join("secret.env"), dir.path().join(".env")).expect("symlink");
    symlink(dir.path().join("missing-target"), dir.path().join("dangling.yml")).expect("symlink");
    let report = audit(dir.path());
    assert!(report.skipped.iter().any(|s| s.kind == "symlink-loop"), "{:?}", report.skipped);
    assert_eq!(skipped(&report, ".env"), Some("symlink to outside the repository (not followed)"));
    assert!(report.skipped.iter().any(|s| s.reason.contains("broken symlink")), "{:?}", report.skipped);
    assert!(report.facts["stack.package_managers"].evidence.is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = materialize(&[("vercel.json".into(), "{}".into())]);
    let path = dir.path().join("vercel.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not apply, nothing to test.
        return;
    }
    let report = audit(dir.path());
    assert_eq!(skipped(&report, "vercel.json"), Some("unreadable: permission denied"));
}

#[test]
fn dependencies_build_output_and_ignored_files_never_count() {
    let dir = materialize(&[
        (".gitignore".into(), "generated/\n".into()),
        ("node_modules/pkg/Dockerfile".into(), "FROM node\n".into()),
        ("dist/vercel.json".into(), "{}\n".into()),
        ("generated/fly.toml".into(), "app = \"x\"\n".into()),
        ("apps/web/.next/server/app.js".into(), "process.env.FROM_BUILD\n".into()),
    ]);
    let report = audit(dir.path());
    assert_eq!(report.facts["deploy.platforms"].value, serde_json::json!([]));
    assert_eq!(report.facts["env.vars_referenced"].value, serde_json::json!([]));
    assert_eq!(report.source.files, 1, "only .gitignore is listed");
}

#[test]
fn never_panics_on_an_empty_or_odd_tree() {
    let empty = tempfile::tempdir().expect("tempdir");
    let report = audit(empty.path());
    assert_eq!(report.summary.level.value, 1);
    assert!(report.findings.is_empty(), "nothing to judge in an empty tree");
    let odd = materialize(&[
        ("Dockerfile".into(), "\\\n\\\n".into()),
        ("docker-compose.yml".into(), "services: [1, 2]\n".into()),
        (".github/workflows/x.yml".into(), "jobs:\n  a:\n    steps: 7\n    needs: {x: 1}\n".into()),
        (".github/dependabot.yml".into(), "updates: [1, null, {directory: 3}]\n".into()),
        ("package.json".into(), "[1, 2, 3]\n".into()),
        ("k8s/x.yaml".into(), "apiVersion: v1\nkind: 5\n---\n- 1\n".into()),
    ]);
    let _ = audit(odd.path());
    let _ = Path::new(".");
}

/// A byte-order mark is decoding, not content (#11): a workflow and a JSON file that start
/// with one parse, and UTF-16 files with one (Windows editors save them so) are decoded.
#[test]
fn byte_order_marks_and_utf16_files_are_read() {
    let dir = materialize(&[("package.json".into(), "{\"name\": \"app\", \"scripts\": {\"start\": \"node server.js\"}}\n".into())]);
    let with_bom = |text: &str| [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    let utf16le = |text: &str| [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect::<Vec<u8>>();
    std::fs::create_dir_all(dir.path().join(".github/workflows")).expect("mkdir");
    std::fs::write(
        dir.path().join(".github/workflows/ci.yml"),
        with_bom("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n"),
    )
    .expect("write");
    std::fs::write(dir.path().join("vercel.json"), with_bom("{ \"regions\": [\"fra1\"] }\n")).expect("write");
    std::fs::write(dir.path().join(".env.example"), utf16le("DATABASE_URL=\nSENTRY_DSN=\n")).expect("write");
    std::fs::write(dir.path().join("docker-compose.yml"), utf16le("services:\n  api:\n    image: app:1.2.3\n")).expect("write");
    let report = audit(dir.path());
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.facts["ci.runs_tests"].value, serde_json::json!(true));
    assert_eq!(report.facts["deploy.regions"].value, serde_json::json!(["fra1"]));
    let examples = serde_json::to_string(&report.facts["env.example_files"].evidence).expect("json");
    assert!(examples.contains(".env.example"), "{examples}");
    assert_eq!(report.facts["deploy.compose_files"].value, serde_json::json!(["docker-compose.yml"]));
}

/// A file that could not be read is said in every format's headline, with the number of
/// rules it stopped (#11): never only in an appendix.
#[test]
fn rules_not_evaluated_are_in_every_headline() {
    let dir = materialize(&[
        (".github/workflows/ci.yml".into(), "on: push\njobs: [\n".into()),
        ("src/app.ts".into(), "export {}".into()),
        ("package.json".into(), r#"{"scripts":{"start":"node ."}}"#.into()),
    ]);
    let report = audit(dir.path());
    let stopped = &report.summary.not_evaluated;
    assert!(stopped.rules > 0, "{stopped:?}");
    assert_eq!(stopped.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), [".github/workflows/ci.yml"]);
    assert_eq!(report.rules.iter().filter(|r| r.status == "not_evaluated").count(), stopped.rules);
    let headline = format!("{} rule", stopped.rules);
    for format in ["terminal", "json", "markdown", "html", "sarif"] {
        let out = crate::fixtures::command().args(["audit", dir.path().to_str().expect("utf-8"), "-f", format]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&text).expect("json");
            assert_eq!(json["summary"]["not_evaluated"]["rules"], stopped.rules);
            assert_eq!(json["summary"]["not_evaluated"]["files"][0]["path"], ".github/workflows/ci.yml");
            assert!(json["summary"]["not_evaluated"]["files"][0]["reason"].as_str().is_some_and(|r| r.starts_with("malformed: YAML")));
            continue;
        }
        if format == "sarif" {
            let sarif: serde_json::Value = serde_json::from_str(&text).expect("sarif");
            let (schemas, index) = crate::snapshots::sarif_schema();
            if let Err(error) = schemas.validate(&sarif, index) {
                panic!("the SARIF with a notification is invalid: {error:#}");
            }
            let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
            assert_eq!(note["level"], "warning");
            assert!(
                note["message"]["text"].as_str().is_some_and(|t| t.starts_with(&headline) && t.contains(".github/workflows/ci.yml")),
                "{note}"
            );
            continue;
        }
        let head: String = text.lines().take(if format == "terminal" { 200 } else { 60 }).collect::<Vec<_>>().join("\n");
        assert!(head.contains(&headline) && head.contains(".github/workflows/ci.yml could not be read"), "{format}:\n{head}");
    }
}

/// A file that cannot change a verdict disables nothing (#11): a workflow in a nested
/// `.github/workflows` (GitHub runs only the top one), a generated type file, a test fixture.
/// They are still listed as skipped.
#[test]
fn files_that_cannot_change_a_verdict_disable_nothing() {
    let dir = materialize(&[
        (".github/workflows/ci.yml".into(), "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: npm test\n".into()),
        ("package.json".into(), "{\"name\": \"app\", \"scripts\": {\"test\": \"vitest run\", \"start\": \"node .\"}}\n".into()),
        ("apps/web/.github/workflows/ci.yml".into(), "on: push\njobs: [\n".into()),
        ("tests/fixtures/k8s/broken.yaml".into(), "kind: Deployment\nspec: [\n".into()),
        ("src/app.ts".into(), "export const url = process.env.API_URL;\n".into()),
    ]);
    std::fs::write(dir.path().join("src/types_db.ts"), b"export type Json = \"\xc3\x28\";\nconst k = process.env.X;\n").expect("write");
    let report = audit(dir.path());
    let skipped: Vec<&str> = report.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, ["apps/web/.github/workflows/ci.yml", "src/types_db.ts", "tests/fixtures/k8s/broken.yaml"]);
    assert_eq!(
        report.summary.not_evaluated.rules,
        0,
        "{:?}",
        report.rules.iter().filter(|r| r.status == "not_evaluated").collect::<Vec<_>>()
    );
}

/// A file that could not be read stops only the rules whose facts were built by an extractor
/// that asked for it (#11): a broken SQL migration leaves row level security unknown, but not
/// whether the database is backed up, which no extractor reads from SQL.
#[test]
fn a_failure_costs_only_what_depends_on_it() {
    let dir = materialize(&[
        ("package.json".into(), r#"{"name":"app","scripts":{"start":"node ."},"dependencies":{"pg":"8"}}"#.into()),
        ("docker-compose.yml".into(), "services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n".into()),
        ("supabase/config.toml".into(), "project_id = \"app\"\n".into()),
        ("supabase/migrations/001_init.sql".into(), "create table notes (id int);\n".into()),
        ("src/app.ts".into(), "export {}".into()),
    ]);
    std::fs::write(dir.path().join("supabase/migrations/002_more.sql"), b"create table t (name text default '\xff');\n").expect("write");
    let report = audit(dir.path());
    assert_eq!(skipped(&report, "supabase/migrations/002_more.sql"), Some("not valid UTF-8"));
    let rule = |id: &str| report.rules.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(rule("SEC009").status, "not_evaluated", "the unread migration may enable RLS: {:?}", rule("SEC009"));
    assert!(rule("SEC009").reason.as_deref().is_some_and(|r| r.contains("supabase/migrations/002_more.sql")));
    assert_eq!(rule("DAT001").status, "fail", "backups are not read from SQL: {:?}", rule("DAT001"));
}

fn rails_next_monorepo() -> tempfile::TempDir {
    let mut files = vec![
        ("web/package.json".into(), r#"{"name":"web","scripts":{"start":"next start"},"dependencies":{"next":"15"}}"#.into()),
        ("web/app/page.tsx".into(), "export default function Page() { return null }\n".into()),
        ("api/Gemfile".into(), "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'rack-attack'\n".into()),
        ("api/config.ru".into(), "require_relative 'config/environment'\nrun Rails.application\n".into()),
    ];
    for name in ["users", "posts", "sessions"] {
        files.push((format!("api/app/controllers/{name}_controller.rb"), format!("class {name}Controller < ApplicationController\nend\n")));
    }
    materialize(&files)
}

/// Code that is not read is not absent (#11): next to a Next.js app, a Rails API's rate
/// limiting, error tracking and health checks are in Ruby, which shipshape does not read, so
/// the rules reading code are not assessed, and every headline says why.
#[test]
fn source_in_a_language_not_read_is_not_assessed() {
    let dir = rails_next_monorepo();
    let report = audit(dir.path());
    assert_eq!(report.facts["stack.code_unread"].value, serde_json::json!([{"language": "ruby", "files": 3}]));
    let evidence = serde_json::to_string(&report.facts["stack.code_unread"].evidence).expect("json");
    assert!(evidence.contains("api/Gemfile") && evidence.contains("api/app/controllers/"), "{evidence}");
    for id in ["SEC005", "OBS001", "OBS005"] {
        let rule = report.rules.iter().find(|r| r.id == id).expect("rule");
        assert_eq!(rule.status, "not_evaluated", "{rule:?}");
        assert_eq!(rule.reason.as_deref(), Some("not assessed: Ruby source is not read"));
    }
    assert!(report.findings.iter().all(|f| !matches!(f.rule, "SEC005" | "OBS001" | "OBS005")), "no finding for code not read");
    let languages = &report.summary.not_evaluated.languages;
    assert_eq!(languages.len(), 1);
    assert_eq!((languages[0].language.as_str(), languages[0].files), ("ruby", 3));
    for format in ["terminal", "json"] {
        let out = crate::fixtures::command().args(["audit", dir.path().to_str().expect("utf-8"), "-f", format]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&text).expect("json");
            assert_eq!(json["summary"]["not_evaluated"]["languages"][0]["language"], "ruby");
        } else {
            assert!(text.contains("Ruby source is not read (3 files)"), "{text}");
        }
    }
}

/// The same rules still fail where all the code was read: the Ruby service removed, the
/// Next.js app alone has no rate limiting.
#[test]
fn source_all_read_still_fails() {
    let dir = rails_next_monorepo();
    std::fs::remove_dir_all(dir.path().join("api")).expect("rm");
    let report = audit(dir.path());
    assert_eq!(report.facts["stack.code_unread"].value, serde_json::json!([]));
    assert_eq!(report.status_of("SEC005"), Some("fail"));
    assert!(report.summary.not_evaluated.languages.is_empty());
}

/// Test fixtures and examples describe other systems (#11): no fact is read from them, and a
/// secret in one is reported apart, never as a leak.
#[test]
fn fixtures_and_examples_never_produce_production_findings() {
    let dir = materialize(&[
        ("package.json".into(), r#"{"name":"app","scripts":{"start":"next start"},"dependencies":{"next":"15"}}"#.into()),
        ("app/page.tsx".into(), "export default function Page() { return null }\n".into()),
        ("supabase/config.toml".into(), "project_id = \"app\"\n".into()),
        ("tests/fixtures/supabase/migrations/001_init.sql".into(), "create table notes (id int);\n".into()),
        ("tests/fixtures/app/.env".into(), "STRIPE_SECRET_KEY=sk_live_51HqLyjWDarjtT1zdp7dcXaQ3wPLmN8kR2vB5nZ4e\n".into()),
        ("examples/express-api/package.json".into(), r#"{"scripts":{"start":"node ."},"dependencies":{"express":"4"}}"#.into()),
        ("examples/express-api/Dockerfile".into(), "FROM node:20\nUSER root\n".into()),
    ]);
    let report = audit(dir.path());
    assert_eq!(report.facts["stack.services"].value, serde_json::json!(["."]), "an example is not a service");
    assert_eq!(report.facts["secrets.hardcoded"].value, serde_json::json!([]));
    let discarded = &report.facts["secrets.hardcoded"].discarded;
    assert!(discarded.iter().any(|d| d.at.path == "tests/fixtures/app/.env" && d.reason.contains("test fixture")), "{discarded:?}");
    assert_ne!(report.status_of("SEC009"), Some("fail"), "a fixture's table is not a table without RLS");
    assert_eq!(report.facts["env.committed_env_files"].value, serde_json::json!([]), "a fixture's .env is not committed config");
    assert_eq!(report.facts["deploy.docker_nonroot"].value, serde_json::Value::Null, "no Dockerfile of the app");
    let out = crate::fixtures::command().args(["audit", dir.path().to_str().expect("utf-8"), "-f", "terminal"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("tests/fixtures") && !text.contains("examples/"), "{text}");
}

/// A job that calls another repository's reusable workflow runs steps shipshape cannot read
/// (#11): whether CI runs tests is not assessed, with the workflow named in the headline, but
/// how the calling workflow is written (an unpinned `uses:`) is still judged.
#[test]
fn remote_reusable_workflows_are_unknown_not_absent() {
    let dir = materialize(&[
        (".github/workflows/ci.yml".into(), "on: [push]\njobs:\n  test:\n    uses: acme/ci/.github/workflows/node.yml@v1\n".into()),
        ("package.json".into(), r#"{"name":"app","scripts":{"start":"node .","test":"vitest run"}}"#.into()),
        ("src/app.ts".into(), "export {}".into()),
    ]);
    let report = audit(dir.path());
    let ci002 = report.rules.iter().find(|r| r.id == "CI002").expect("CI002");
    assert_eq!(ci002.status, "not_evaluated", "{ci002:?}");
    assert!(ci002.reason.as_deref().is_some_and(|r| r.contains("acme/ci/.github/workflows/node.yml@v1")), "{ci002:?}");
    assert_eq!(report.status_of("CI013"), Some("fail"), "the unpinned call is in the repository");
    let headline = report.summary.not_evaluated.headline().expect("headline");
    assert!(
        headline
            .contains("acme/ci/.github/workflows/node.yml@v1 could not be read (a reusable workflow in another repository: not fetched)"),
        "{headline}"
    );
}

/// A Django health view named in `urls.py` is defined in another module: whether it checks
/// the database is unknown, so OBS006 is not evaluated rather than "shallow" (#11). A
/// resource's `status` is not a health check.
#[test]
fn a_health_view_defined_elsewhere_is_unknown_not_shallow() {
    let dir = materialize(&[
        ("manage.py".into(), "import django\n".into()),
        ("requirements.txt".into(), "django==5.1\n".into()),
        (
            "app/urls.py".into(),
            "from django.urls import path\nfrom . import views\n\nurlpatterns = [\n    path(\"status/\", views.status),\n    path(\"orders/<int:id>/status/\", views.order_status),\n]\n".into(),
        ),
        ("app/views.py".into(), "from django.db import connection\n\ndef status(request):\n    with connection.cursor() as c:\n        c.execute(\"SELECT 1\")\n".into()),
    ]);
    let report = audit(dir.path());
    assert_eq!(report.facts["health.endpoints"].value, serde_json::json!(["/status"]));
    let obs006 = report.rules.iter().find(|r| r.id == "OBS006").expect("OBS006");
    assert_eq!(obs006.status, "not_evaluated", "{obs006:?}");
    assert!(obs006.reason.as_deref().is_some_and(|r| r.contains("the handler of /status (app/urls.py)")), "{obs006:?}");
}
