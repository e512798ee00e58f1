//! Fixture repositories: txtar files expanded into temporary directories.

use std::path::{Path, PathBuf};
use std::process::Command;

use shipshape_core::report::Report;
use shipshape_core::source::FsSource;

/// The `shipshape` binary, with history off: tests of rounds turn it on with their own store,
/// and no test touches the user's.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shipshape"));
    command.env("SHIPSHAPE_NO_HISTORY", "1").env_remove("SHIPSHAPE_STORE").env_remove("CLICOLOR_FORCE");
    command
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// One case of a txtar fixture: its header, expected message fragments and files.
#[derive(Debug)]
pub struct Case {
    pub name: String,
    pub expect: Vec<String>,
    pub files: Vec<(String, String)>,
}

impl Case {
    /// `pass`, `fail` or `na`: the first word of the header; the rest describes the case.
    pub fn outcome(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or("")
    }
}

/// Parse `=== case` sections of `-- path --` files. Lines before the first file of a case
/// that start with `? ` are expected message fragments; `#` lines are comments.
pub fn parse(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut current_file: Option<(String, String)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches('\n');
        if let Some(name) = trimmed.strip_prefix("=== ") {
            if let (Some(case), Some(file)) = (cases.last_mut(), current_file.take()) {
                case.files.push(file);
            }
            cases.push(Case { name: name.trim().to_string(), expect: Vec::new(), files: Vec::new() });
        } else if let Some(path) = trimmed.strip_prefix("-- ").and_then(|r| r.strip_suffix(" --")) {
            if let (Some(case), Some(file)) = (cases.last_mut(), current_file.take()) {
                case.files.push(file);
            }
            current_file = Some((path.to_string(), String::new()));
        } else if let Some((_, content)) = current_file.as_mut() {
            content.push_str(line);
        } else if let Some(case) = cases.last_mut()
            && let Some(fragment) = trimmed.strip_prefix("? ")
        {
            case.expect.push(fragment.to_string());
        }
    }
    if let (Some(case), Some(file)) = (cases.last_mut(), current_file.take()) {
        case.files.push(file);
    }
    cases
}

/// Write a case's files into a fresh temporary directory.
pub fn materialize(files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }
    dir
}

/// Audit a case's files; a file named `@live.json` is not written but read as what a live probe
/// captured (`shipshape_core::live::LiveCapture`), so live rules are tested without a network.
pub fn audit_case(files: &[(String, String)]) -> Report {
    let (live, files): (Vec<_>, Vec<_>) = files.iter().cloned().partition(|(path, _)| path == "@live.json");
    let dir = materialize(&files);
    match live.first() {
        Some((_, json)) => {
            let capture: shipshape_core::live::LiveCapture = serde_json::from_str(json).expect("@live.json is a capture");
            let source = FsSource::new(dir.path()).expect("source");
            shipshape_core::audit_live(&source, &shipshape_core::config::Config::default(), capture).expect("within bounds")
        }
        None => audit(dir.path()),
    }
}

pub fn audit(dir: &Path) -> Report {
    shipshape_core::audit(&FsSource::new(dir).expect("source"), &shipshape_core::config::Config::default()).expect("within bounds")
}

/// Audit an inline txtar repository (files only, no cases).
pub fn audit_files(txtar: &str) -> Report {
    let cases = parse(&format!("=== repo\n{txtar}"));
    let dir = materialize(&cases[0].files);
    audit(dir.path())
}
