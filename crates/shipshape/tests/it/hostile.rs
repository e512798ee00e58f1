//! Hostile input (#10): trees built to hang, exhaust, escape or deceive. Each test is one
//! reproduced attack, scaled down where the shape alone shows the growth. Every run of the
//! binary is bounded: a hang fails the test instead of stalling the suite.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::fixtures::{audit, command, materialize};
use crate::rounds::{commit, git};

/// Run and wait at most `secs`; a process still running then is killed and the test fails.
pub(crate) fn bounded(mut c: Command, secs: u64) -> Output {
    let child = c.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn shipshape");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("shipshape did not finish within {secs} s");
        }
    }
}

pub(crate) fn audit_cli(dir: &Path, extra: &[&str]) -> Output {
    let mut c = command();
    c.arg("audit").arg(dir).args(["-f", "json"]).args(extra);
    bounded(c, 60)
}

pub(crate) fn json(out: &Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json report")
}

pub(crate) fn skipped(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| (s["path"].as_str().unwrap_or("").to_string(), s["reason"].as_str().unwrap_or("").to_string()))
        .collect()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

const CI: (&str, &str) =
    (".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n");

pub(crate) fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect()
}

#[test]
fn fifos_sockets_and_ignore_files_never_block() {
    let dir = materialize(&files(&[CI, ("app/package.json", "{\"name\":\"a\"}")]));
    mkfifo(&dir.path().join(".gitignore"));
    mkfifo(&dir.path().join("app/.ignore"));
    mkfifo(&dir.path().join("docker-compose.yml"));
    mkfifo(&dir.path().join("notes.bin"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("fly.toml")).expect("socket");
    let report = json(&audit_cli(dir.path(), &[]));
    let skipped = skipped(&report);
    for (path, what) in [(".gitignore", "FIFO"), ("app/.ignore", "FIFO"), ("docker-compose.yml", "FIFO"), ("fly.toml", "socket")] {
        assert!(skipped.iter().any(|(p, r)| p == path && r.starts_with("not a regular file") && r.contains(what)), "{path}: {skipped:?}");
    }
    assert!(!skipped.iter().any(|(p, _)| p == "notes.bin"), "a special file with a name never read is not listed");
    assert_eq!(report["facts"]["ci.runs_tests"]["value"], true, "the audit went on");
}

#[test]
fn a_fifo_or_device_as_shipshape_toml_is_a_clear_error() {
    let dir = materialize(&files(&[CI]));
    mkfifo(&dir.path().join("shipshape.toml"));
    let out = audit_cli(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shipshape.toml") && stderr.contains("FIFO"), "{stderr}");

    let dir = materialize(&files(&[CI]));
    symlink("/dev/zero", dir.path().join("shipshape.toml")).expect("symlink");
    symlink("/dev/zero", dir.path().join(".gitignore")).expect("symlink");
    let out = audit_cli(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the repository"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_config_linked_outside_is_not_read_and_its_values_not_echoed() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("x.toml"), "[rules]\ndisable = [\"OUTSIDE-VALUE-4242\"]\n").expect("write");
    let dir = materialize(&files(&[CI]));
    symlink(outside.path().join("x.toml"), dir.path().join("shipshape.toml")).expect("symlink");
    let out = audit_cli(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("outside the repository") && !stderr.contains("OUTSIDE-VALUE-4242"), "{stderr}");
}

#[test]
fn directory_links_out_of_the_tree_are_not_walked() {
    let dir = materialize(&files(&[CI]));
    symlink("/etc", dir.path().join("etc")).expect("symlink");
    symlink("/usr", dir.path().join("usr")).expect("symlink");
    symlink("/etc/hostname", dir.path().join("Dockerfile")).expect("symlink");
    let report = json(&audit_cli(dir.path(), &[]));
    assert_eq!(report["source"]["files"], 1, "only the workflow is listed");
    let skipped = skipped(&report);
    for path in ["etc", "usr", "Dockerfile"] {
        assert!(skipped.contains(&(path.into(), "symlink to outside the repository (not followed)".into())), "{skipped:?}");
    }
    assert!(!serde_json::to_string(&report).expect("json").contains("etc/"), "nothing under /etc is cited");
}

#[test]
fn a_web_of_directory_links_is_walked_once_per_directory() {
    // 23 directories, each linking to the two after it (44 links): followed recursively, the
    // listing doubles at every level (2^22 paths); followed once per directory, it stays small.
    let dir = materialize(&files(&[CI]));
    for i in 0..23 {
        let d = dir.path().join(format!("d{i:02}"));
        std::fs::create_dir_all(&d).expect("mkdir");
        std::fs::write(d.join("compose.yml"), "services: {}\n").expect("write");
        for j in [i + 1, i + 2].into_iter().filter(|j| *j < 23) {
            symlink(format!("../d{j:02}"), d.join(format!("to{j:02}"))).expect("symlink");
        }
    }
    let report = json(&audit_cli(dir.path(), &[]));
    let listed = report["source"]["files"].as_u64().expect("files");
    // 23 real files + the workflow, and at most one copy of each directory through a link.
    assert!(listed <= 24 + 23, "{listed} files listed");
    assert!(skipped(&report).iter().any(|(_, r)| r.starts_with("symlink to a directory already listed through")));
}

#[test]
fn init_never_writes_through_a_symlink() {
    let outside = tempfile::tempdir().expect("tempdir");
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    let dir = materialize(&files(&[CI]));
    symlink(&victim, dir.path().join("shipshape.toml")).expect("symlink");
    for force in [false, true] {
        let mut c = command();
        c.arg("init").arg(dir.path());
        if force {
            c.arg("--force");
        }
        let out = bounded(c, 60);
        assert_eq!(out.status.code(), Some(2), "--force={force}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious\n");
    }
}

#[test]
fn names_that_are_not_utf8_stay_distinct_and_are_listed() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = materialize(&files(&[CI]));
    let wf = dir.path().join(".github/workflows");
    std::fs::write(wf.join(OsStr::from_bytes(b"a\xff.yml")), "on: push\n").expect("write");
    std::fs::write(wf.join(OsStr::from_bytes(b"a\xfe.yml")), "on: push\n").expect("write");
    let report = json(&audit_cli(dir.path(), &[]));
    let skipped = skipped(&report);
    for name in [".github/workflows/a\\xff.yml", ".github/workflows/a\\xfe.yml"] {
        assert!(skipped.contains(&(name.into(), "file name is not valid UTF-8".into())), "{skipped:?}");
    }
}

#[test]
fn escape_sequences_in_names_and_lines_reach_no_output_raw() {
    let evil_name = ".github/workflows/\x1b[2J\x1b]0;pwned\x07ci.yml";
    let evil_line = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: evil/action@main # \x1b[32mALL CHECKS PASSED\x1b[0m\r\n";
    let dir = materialize(&files(&[(evil_name, evil_line)]));
    for format in ["terminal", "json", "markdown", "html", "sarif"] {
        let mut c = command();
        c.arg("audit").arg(dir.path()).args(["-f", format]).env("CLICOLOR_FORCE", "1");
        let out = bounded(c, 60);
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        for bad in ["\x1b[2J", "\x1b]0;", "\x07", "\x1b[32mALL", "\r"] {
            assert!(!text.contains(bad), "{format} carries {bad:?} raw");
        }
        if format != "json" && format != "sarif" {
            assert!(text.contains("\\x1b[32mALL CHECKS PASSED"), "{format} shows the text escaped");
        }
    }
}

/// A git repository whose objects are written by `git fast-import` (deep trees and many links
/// are quick to make that way), with one commit on `main`.
fn fast_import(stream: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    let mut child = Command::new("git")
        .current_dir(dir.path())
        .args(["fast-import", "--quiet"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), stream.as_bytes()).expect("write stream");
    assert!(child.wait().expect("wait").success());
    dir
}

fn import_commit(files: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("commit refs/heads/main\ncommitter t <t@example.com> 1767225600 +0000\ndata 1\nx\n");
    for (mode, path, content) in files {
        s.push_str(&format!("M {mode} inline {path}\ndata {}\n{content}\n", content.len()));
    }
    s
}

#[test]
fn a_deep_git_tree_is_cut_at_the_depth_limit_not_the_stack() {
    let deep = format!("{}Dockerfile", "d/".repeat(3_000));
    let repo = fast_import(&import_commit(&[("100644", &deep, "FROM node:20\n"), ("100644", CI.0, CI.1)]));
    let report = json(&audit_cli(repo.path(), &["--rev", "main"]));
    assert!(skipped(&report).iter().any(|(_, r)| r.contains("directories deep")), "{:?}", skipped(&report));
    assert_eq!(report["facts"]["ci.runs_tests"]["value"], true);
}

#[test]
fn many_git_links_to_one_directory_list_it_once() {
    let mut files: Vec<(String, String, String)> =
        (0..50).map(|i| ("100644".to_string(), format!("shared/f{i:02}.yml"), "a: 1\n".to_string())).collect();
    files.extend((0..300).map(|i| ("120000".to_string(), format!("link{i:03}"), "shared".to_string())));
    let refs: Vec<(&str, &str, &str)> = files.iter().map(|(m, p, c)| (m.as_str(), p.as_str(), c.as_str())).collect();
    let repo = fast_import(&import_commit(&refs));
    let report = json(&audit_cli(repo.path(), &["--rev", "main"]));
    assert_eq!(report["source"]["files"], 100, "the directory and one link's copy of it");
    let twice = skipped(&report).iter().filter(|(_, r)| r == "symlink to a directory already listed through link000").count();
    assert_eq!(twice, 299);
}

#[test]
fn a_huge_ignore_file_is_skipped_not_compiled() {
    let huge: String = (0..40_000).map(|i| format!("pattern-{i}/**/*.x\n")).collect();
    let dir = materialize(&files(&[(".gitignore", &huge), CI]));
    let report = json(&audit_cli(dir.path(), &[]));
    assert!(skipped(&report).iter().any(|(p, r)| p == ".gitignore" && r.starts_with("too large")), "{:?}", skipped(&report));
    // A revision's files are all committed: its ignore files are not consulted at all.
    let repo = fast_import(&import_commit(&[("100644", ".gitignore", &huge), ("100644", CI.0, CI.1)]));
    let report = json(&audit_cli(repo.path(), &["--rev", "main"]));
    assert_eq!(skipped(&report), Vec::<(String, String)>::new());
}

#[test]
fn links_in_a_working_tree_and_its_revision_agree() {
    let dir = materialize(&files(&[CI, ("deploy/compose.yml", "services: {}\n")]));
    symlink("deploy", dir.path().join("a")).expect("symlink");
    symlink("deploy", dir.path().join("b")).expect("symlink");
    symlink("a", dir.path().join("c")).expect("symlink");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    commit(dir.path(), "links", 0);
    let tree = json(&audit_cli(dir.path(), &[]));
    let rev = json(&audit_cli(dir.path(), &["--rev", "HEAD"]));
    assert_eq!(skipped(&tree), skipped(&rev));
    assert_eq!(tree["source"]["files"], 3);
    assert_eq!(rev["source"]["files"], 3);
    let report = audit(dir.path());
    assert_eq!(report.skipped.iter().filter(|s| s.kind == "linked-twice").count(), 2);
}
