//! Rounds end to end, on git repositories generated here with the `git` binary: `--rev`,
//! the history store (concurrency, damaged and newer files), `diff`, `history`, and the
//! "Improvements since the last round" section.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::fixtures::{command, materialize};

/// A repository with a CI workflow, a deploy config, ignore files and a symlink.
const BASE: &[(&str, &str)] = &[
    (
        "package.json",
        "{\"name\":\"app\",\"scripts\":{\"test\":\"vitest\",\"build\":\"next build\",\"lint\":\"eslint .\"},\"dependencies\":{\"next\":\"15.0.0\"}}\n",
    ),
    ("package-lock.json", "{\"lockfileVersion\":3}\n"),
    (
        ".github/workflows/ci.yml",
        "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n",
    ),
    ("deploy/compose.yml", "services:\n  web:\n    image: node:latest\n    ports: [\"3000:3000\"]\n"),
    (".gitignore", "logs/\n*.local.yml\n"),
    ("ignored.local.yml", "services:\n  db:\n    image: postgres\n"),
    ("sub/.gitignore", "*.tmp\n!keep.tmp\n"),
    ("sub/keep.tmp", "kept\n"),
    ("sub/drop.tmp", "dropped\n"),
    ("logs/app.yml", "services:\n  log:\n    image: busybox\n"),
    ("apps/web/package.json", "{\"name\":\"web\",\"dependencies\":{\"express\":\"4.0.0\"}}\n"),
    ("apps/web/Dockerfile", "FROM node:20\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"),
];

pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Commit everything, dated `day` days after 2026-01-01.
pub fn commit(dir: &Path, message: &str, day: i64) {
    let date = format!("{} +0000", 1_767_225_600 + day * 86_400);
    git(dir, &["add", "-A"]);
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message])
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git commit");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn base_repo() -> tempfile::TempDir {
    let files: Vec<(String, String)> = BASE.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
    let dir = materialize(&files);
    #[cfg(unix)]
    for (link, target) in [
        ("docker-compose.yml", "deploy/compose.yml"),
        ("infra", "deploy"),
        ("outside.txt", "../../etc/hosts"),
        ("dangling.txt", "gone.txt"),
    ] {
        std::os::unix::fs::symlink(target, dir.path().join(link)).expect("symlink");
    }
    git(dir.path(), &["init", "-q", "-b", "main"]);
    // Committed although ignored: a checkout has them, and the filesystem walk skips them.
    git(dir.path(), &["add", "-f", "ignored.local.yml", "sub/drop.tmp", "logs/app.yml"]);
    commit(dir.path(), "base", 0);
    dir
}

/// `shipshape` with history recorded in `store`.
fn with_store(store: &Path) -> Command {
    let mut c = command();
    c.env_remove("SHIPSHAPE_NO_HISTORY").env("SHIPSHAPE_STORE", store).env("SOURCE_DATE_EPOCH", "1767225600");
    c
}

fn run(mut c: Command, args: &[&str]) -> Output {
    c.args(args).output().expect("run shipshape")
}

fn ok_json(c: Command, args: &[&str]) -> Value {
    let out = run(c, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn without_source(mut report: Value) -> Value {
    report.as_object_mut().expect("object").remove("source");
    report
}

fn audit_json(dir: &Path, extra: &[&str]) -> Value {
    let mut c = command();
    c.env("SOURCE_DATE_EPOCH", "1767225600");
    let mut args = vec!["audit", dir.to_str().expect("utf-8"), "-f", "json"];
    args.extend_from_slice(extra);
    ok_json(c, &args)
}

#[test]
fn rev_head_equals_the_working_tree() {
    let repo = base_repo();
    let worktree = audit_json(repo.path(), &[]);
    let head = audit_json(repo.path(), &["--rev", "HEAD"]);
    assert_eq!(head["source"]["commit"], git(repo.path(), &["rev-parse", "HEAD"]));
    assert_eq!(worktree["source"]["commit"], Value::Null);
    assert_eq!(without_source(head.clone()), without_source(worktree.clone()));
    // The ignore files were honoured on both sides, and the symlink read as its target.
    let compose = &head["facts"]["deploy.platforms"];
    let cited: Vec<&str> = compose["evidence"].as_array().into_iter().flatten().filter_map(|e| e["path"].as_str()).collect();
    assert!(!cited.contains(&"ignored.local.yml"), "{compose}");
    assert_eq!(head["source"]["files"], worktree["source"]["files"]);
    #[cfg(unix)]
    {
        let skipped: Vec<&str> = head["skipped"].as_array().expect("skipped").iter().filter_map(|s| s["path"].as_str()).collect();
        assert!(skipped.contains(&"outside.txt") && skipped.contains(&"dangling.txt"), "{skipped:?}");
        assert!(cited.contains(&"infra/compose.yml"), "a directory symlink is followed: {cited:?}");
    }
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), "", "the working tree is untouched");

    let sub = repo.path().join("apps/web");
    assert_eq!(without_source(audit_json(&sub, &["--rev", "HEAD"])), without_source(audit_json(&sub, &[])));
}

#[test]
fn rev_audits_an_older_commit_without_a_checkout() {
    let repo = base_repo();
    std::fs::remove_dir_all(repo.path().join(".github")).expect("rm");
    commit(repo.path(), "drop CI", 1);
    let before = audit_json(repo.path(), &["--rev", "HEAD~1"]);
    let now = audit_json(repo.path(), &["--rev", "HEAD"]);
    assert_eq!(before["facts"]["ci.providers"]["value"], serde_json::json!(["github-actions"]));
    assert_eq!(now["facts"]["ci.providers"]["value"], serde_json::json!([]));
    assert!(!repo.path().join(".github").exists(), "no checkout happened");

    let bad = run(command(), &["audit", repo.path().to_str().expect("utf-8"), "--rev", "no-such-branch"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("revision `no-such-branch`"));
    let not_git = materialize(&[]);
    let out = run(command(), &["audit", not_git.path().to_str().expect("utf-8"), "--rev", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a git repository"));
}

#[test]
fn diff_matches_findings_across_line_shifts() {
    let repo = base_repo();
    let store = tempfile::tempdir().expect("tempdir");
    let db = store.path().join("h.db");
    let path = repo.path().to_str().expect("utf-8");
    let none = run(with_store(&db), &["diff", "-C", path]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no recorded run"), "{}", String::from_utf8_lossy(&none.stderr));
    let first = ok_json(with_store(&db), &["audit", path, "-f", "json"]);
    let one = run(with_store(&db), &["diff", "-C", path]);
    assert!(String::from_utf8_lossy(&one.stderr).contains("one recorded run"));
    // Push every line of the workflow and the compose file down, and fix one finding.
    let workflow = repo.path().join(".github/workflows/ci.yml");
    let text = std::fs::read_to_string(&workflow).expect("read");
    std::fs::write(&workflow, format!("# CI\n# runs on every push\n\n{text}")).expect("write");
    let compose = repo.path().join("deploy/compose.yml");
    std::fs::write(
        &compose,
        "# local stack\n\nservices:\n  web:\n    image: node:latest\n    restart: unless-stopped\n    ports: [\"3000:3000\"]\n",
    )
    .expect("write");
    let second = ok_json(with_store(&db), &["audit", path, "-f", "json"]);
    let lines = |r: &Value, rule: &str| -> Vec<Value> {
        r["findings"].as_array().expect("findings").iter().filter(|f| f["rule"] == rule).map(|f| f["evidence"][0]["line"].clone()).collect()
    };
    let shifted = first["findings"].as_array().expect("findings").iter().find_map(|f| {
        let rule = f["rule"].as_str()?;
        let (a, b) = (lines(&first, rule), lines(&second, rule));
        (!a.is_empty() && a != b && a.len() == b.len() && f["evidence"][0]["path"] == ".github/workflows/ci.yml").then(|| rule.to_string())
    });
    let shifted = shifted.expect("a workflow finding whose line moved");

    let d = ok_json(with_store(&db), &["diff", "-C", path, "-f", "json"]);
    let rules =
        |key: &str| -> Vec<String> { d[key].as_array().expect(key).iter().map(|f| f["rule"].as_str().unwrap_or("").to_string()).collect() };
    assert!(rules("unchanged").contains(&shifted), "{shifted} moved lines but is the same finding: {d}");
    assert!(!rules("new").contains(&shifted));
    assert_eq!(rules("new"), Vec::<String>::new(), "{d}");
    assert_eq!(rules("resolved"), vec!["DEP012".to_string()], "{d}");
    assert_eq!(d["before"]["label"], "run 1");
    assert_eq!(d["before"]["commit"], git(repo.path(), &["rev-parse", "HEAD"]), "a working-tree run notes HEAD");

    // The same comparison between git revisions, and against a JSON report file.
    commit(repo.path(), "restart policy", 1);
    let by_rev = ok_json(with_store(&db), &["diff", "HEAD~1", "HEAD", "-C", path, "-f", "json"]);
    assert_eq!(by_rev["resolved"], d["resolved"]);
    assert_eq!(by_rev["new"], d["new"]);
    let old = store.path().join("old.json");
    std::fs::write(&old, serde_json::to_string(&first).expect("json")).expect("write");
    let by_file = ok_json(with_store(&db), &["diff", old.to_str().expect("utf-8"), "run:2", "-C", path, "-f", "json"]);
    assert_eq!(by_file["resolved"], d["resolved"]);

    let text = run(with_store(&db), &["diff", "-C", path]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("1 resolved"), "{}", String::from_utf8_lossy(&text.stdout));
}

#[test]
fn reports_say_what_improved_since_the_last_round() {
    let repo = base_repo();
    let store = tempfile::tempdir().expect("tempdir");
    let db = store.path().join("h.db");
    let path = repo.path().to_str().expect("utf-8");
    let first = run(with_store(&db), &["audit", path, "-f", "markdown"]);
    assert!(!String::from_utf8_lossy(&first.stdout).contains("Improvements since the last round"));
    std::fs::write(repo.path().join("deploy/compose.yml"), "services:\n  web:\n    image: node:latest\n    restart: always\n")
        .expect("write");
    let md = String::from_utf8(run(with_store(&db), &["audit", path, "-f", "markdown"]).stdout).expect("utf-8");
    assert!(md.contains("## Improvements since the last round"), "{md}");
    assert!(md.contains("Resolved: 1"), "{md}");
    let html = String::from_utf8(run(with_store(&db), &["audit", path, "-f", "html"]).stdout).expect("utf-8");
    assert!(html.contains("Improvements since the last round"));
    // The JSON report stays a function of the tree alone.
    let a = ok_json(with_store(&db), &["audit", path, "-f", "json"]);
    let b = ok_json(with_store(&db), &["audit", path, "-f", "json"]);
    assert_eq!(a, b);
    assert!(a.get("since_last_round").is_none());
    // --no-history neither reads nor writes.
    let quiet = run(with_store(&db), &["audit", path, "-f", "markdown", "--no-history"]);
    assert!(!String::from_utf8_lossy(&quiet.stdout).contains("Improvements since"));
    let runs = shipshape_history::Store::open(&db)
        .expect("open")
        .runs(&repo.path().canonicalize().expect("c").display().to_string(), 100)
        .expect("runs");
    assert_eq!(runs.len(), 5);
}

#[test]
fn history_replays_commits_with_known_changes() {
    let repo = base_repo();
    let path = repo.path().to_str().expect("utf-8");
    // 2: fix the restart policy (DEP012 resolved). 3: touch the README only. 4: drop the CI
    // workflow (CI findings change).
    std::fs::write(repo.path().join("deploy/compose.yml"), "services:\n  web:\n    image: node:latest\n    restart: always\n")
        .expect("write");
    commit(repo.path(), "restart policy", 1);
    std::fs::write(repo.path().join("README.md"), "# app\n").expect("write");
    commit(repo.path(), "readme", 2);
    std::fs::remove_dir_all(repo.path().join(".github")).expect("rm");
    commit(repo.path(), "drop CI", 3);

    let out = run(command(), &["history", path, "--commits", "10", "-f", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let points: Value = serde_json::from_slice(&out.stdout).expect("json");
    let points = points.as_array().expect("array");
    assert_eq!(points.len(), 4);
    assert_eq!(
        points.iter().map(|p| p["summary"].as_str().unwrap_or("")).collect::<Vec<_>>(),
        ["base", "restart policy", "readme", "drop CI"]
    );
    assert_eq!(points[0]["date"], "2026-01-01");
    assert_eq!(points[1]["resolved"], serde_json::json!(["DEP012"]));
    assert_eq!(points[2]["appeared"], serde_json::json!([]));
    assert_eq!(points[2]["resolved"], serde_json::json!([]));
    assert_eq!(points[2]["score"], points[1]["score"]);
    assert_ne!(points[3]["appeared"], serde_json::json!([]), "dropping CI shows");
    // Each commit's report equals a `--rev` audit of it.
    let rev = audit_json(repo.path(), &["--rev", "HEAD~2"]);
    assert_eq!(points[1]["score"], rev["summary"]["score"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("audited 4 commit(s)") && stderr.contains("reused"), "{stderr}");

    let since = run(command(), &["history", path, "--since", "2026-01-03", "-f", "json"]);
    assert_eq!(serde_json::from_slice::<Value>(&since.stdout).expect("json").as_array().map(Vec::len), Some(2));
    let html = String::from_utf8(run(command(), &["history", path, "-f", "html"]).stdout).expect("utf-8");
    assert!(html.contains("<polyline") && html.contains("Score and level over time"));
    let table = String::from_utf8(run(command(), &["history", path]).stdout).expect("utf-8");
    assert!(table.lines().nth(1).is_some_and(|l| l.starts_with("2026-01-04")), "newest first:\n{table}");
}

#[test]
fn concurrent_audits_share_one_store() {
    let repo = base_repo();
    let store = tempfile::tempdir().expect("tempdir");
    let db = store.path().join("h.db");
    let path = repo.path().to_str().expect("utf-8");
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut c = with_store(&db);
            c.args(["audit", path, "-q"]).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
            c.spawn().expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let runs = shipshape_history::Store::open(&db)
        .expect("open")
        .runs(&repo.path().canonicalize().expect("c").display().to_string(), 100)
        .expect("runs");
    assert_eq!(runs.len(), 6);
}

/// The files SQLite may leave beside a database.
fn sidecars(db: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"].iter().map(|suffix| format!("{}{suffix}", db.display())).filter(|p| Path::new(p).exists()).collect()
}

/// An audit whose store cannot be used still prints its report and exits as the report says;
/// stderr says why the run was not recorded.
fn audit_despite_store(store: &Path, repo: &str, wanted: &str) {
    let out = run(with_store(store), &["audit", repo, "-f", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is printed");
    assert!(report["summary"]["score"].is_number());
    assert!(stderr.contains(wanted), "{wanted:?} not in: {stderr}");
    assert!(stderr.contains("this run is not recorded"), "{stderr}");
}

#[test]
fn a_store_that_cannot_be_used_costs_no_report_and_is_left_untouched() {
    let repo = base_repo();
    let path = repo.path().to_str().expect("utf-8");
    let dir = tempfile::tempdir().expect("tempdir");
    let untouched = |db: &Path, before: &[u8]| {
        assert_eq!(std::fs::read(db).expect("read"), before, "{} changed", db.display());
        assert_eq!(sidecars(db), Vec::<String>::new(), "files left beside {}", db.display());
    };

    let garbage = dir.path().join("garbage.db");
    let bytes = b"this is not a database, but someone's notes\n".repeat(200);
    std::fs::write(&garbage, &bytes).expect("write");
    audit_despite_store(&garbage, path, "not a SQLite database");
    untouched(&garbage, &bytes);

    let newer = dir.path().join("newer.db");
    shipshape_history::Store::open(&newer).expect("create");
    rusqlite::Connection::open(&newer).expect("open").pragma_update(None, "user_version", 99).expect("bump");
    let before = std::fs::read(&newer).expect("read");
    audit_despite_store(&newer, path, "written by a newer shipshape (history schema 99");
    assert_eq!(std::fs::read(&newer).expect("read"), before);

    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).expect("open").execute_batch("CREATE TABLE notes (body TEXT);").expect("create");
    let before = std::fs::read(&foreign).expect("read");
    audit_despite_store(&foreign, path, "another program's database");
    untouched(&foreign, &before);

    // Another program's empty database with its own schema version is not "newer".
    let foreign_empty = dir.path().join("foreign-empty.db");
    rusqlite::Connection::open(&foreign_empty).expect("open").pragma_update(None, "user_version", 5).expect("version");
    let before = std::fs::read(&foreign_empty).expect("read");
    audit_despite_store(&foreign_empty, path, "another program's database");
    untouched(&foreign_empty, &before);

    // shipshape's application id without its tables: damaged, and its header (journal mode
    // included) stays as it was.
    let damaged = dir.path().join("damaged.db");
    let conn = rusqlite::Connection::open(&damaged).expect("open");
    conn.execute_batch("PRAGMA application_id = 1397248083; PRAGMA user_version = 1; CREATE TABLE runs (id INTEGER);").expect("damage");
    drop(conn);
    let before = std::fs::read(&damaged).expect("read");
    audit_despite_store(&damaged, path, "a damaged shipshape history store");
    untouched(&damaged, &before);
    let out = run(with_store(&damaged), &["diff", "-C", path]);
    assert_eq!(out.status.code(), Some(2), "diff needs the store: {}", String::from_utf8_lossy(&out.stderr));
    untouched(&damaged, &before);

    // A data directory that cannot be created.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "").expect("write");
    audit_despite_store(&blocked.join("shipshape/history.sqlite3"), path, "Not a directory");

    let out = run(with_store(&garbage), &["audit", path, "--no-history"]);
    assert_eq!(out.status.code(), Some(0), "--no-history does not open the store");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_read_without_a_trace_and_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let repo = base_repo();
    let path = repo.path().to_str().expect("utf-8");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("h.db");
    for _ in 0..2 {
        let out = run(with_store(&db), &["audit", path, "-q"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(sidecars(&db), Vec::<String>::new(), "the last connection to close removes them");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&db).expect("read");

    audit_despite_store(&db, path, "read-only");
    let diff = ok_json(with_store(&db), &["diff", "-C", path, "-f", "json"]);
    assert!(diff.is_object(), "the two recorded runs are compared");
    assert_eq!(std::fs::read(&db).expect("read"), before);
    assert_eq!(sidecars(&db), Vec::<String>::new(), "reading a store not ours to write leaves nothing beside it");
}

/// What git tracks is read even where `.gitignore` lists it (the committed `.env` is the
/// classic leak); untracked ignored files stay out; the working tree and `--rev` agree.
#[test]
fn committed_files_count_even_where_gitignore_lists_them() {
    let dir = materialize(&[
        (".gitignore".to_string(), ".*\n!.github\n!.gitignore\nsecrets/\n".to_string()),
        (".env".to_string(), "STRIPE_SECRET_KEY=sk_live_51QxR7vTn2Lm9Kd4Pq8Wz3Yb6\n".to_string()),
        (
            ".pre-commit-config.yaml".to_string(),
            "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n".to_string(),
        ),
        ("secrets/prod.env".to_string(), "DB_PASSWORD=Tq8Lm2Vx7Kp4Nz9R\n".to_string()),
        (
            ".github/workflows/ci.yml".to_string(),
            "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pre-commit run --all-files\n".to_string(),
        ),
        ("app.py".to_string(), "import os\nKEY = os.environ[\"STRIPE_SECRET_KEY\"]\n".to_string()),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "-f", ".env", ".pre-commit-config.yaml", "secrets/prod.env"]);
    commit(dir.path(), "committed despite .gitignore", 0);
    // Untracked and ignored: stays out of both.
    std::fs::write(dir.path().join(".env.local"), "OPENAI_API_KEY=sk-proj-Zx8Qw2Er7Ty4Ui9Op3As6Df1Gh5Jk0Lz\n").expect("write");
    std::fs::write(dir.path().join("secrets/local.env"), "DB_PASSWORD=Hn4Bv8Cx2Zl6Mk1P\n").expect("write");

    let tree = audit_json(dir.path(), &[]);
    let rev = audit_json(dir.path(), &["--rev", "HEAD"]);
    let secrets = |r: &Value| -> Vec<String> {
        r["facts"]["secrets.hardcoded"]["value"]
            .as_array()
            .map_or_else(Vec::new, |v| v.iter().filter_map(|f| f["path"].as_str().map(str::to_string)).collect())
    };
    assert_eq!(secrets(&tree), [".env", "secrets/prod.env"], "committed files are read; untracked ignored ones are not");
    assert_eq!(secrets(&tree), secrets(&rev));
    assert_eq!(tree["facts"]["ci.runs_lint"]["value"], Value::Bool(true), "the committed pre-commit config is read");
    assert_eq!(rev["facts"]["ci.runs_lint"]["value"], Value::Bool(true));
    assert_eq!(tree["source"]["files"], rev["source"]["files"]);
    assert_eq!(without_source(tree), without_source(rev));
}
