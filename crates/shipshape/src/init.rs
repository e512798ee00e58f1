//! `shipshape init`: a commented `shipshape.toml` to start from, and a GitHub Actions workflow
//! that uploads the SARIF report to code scanning.

use std::fmt::Write;
use std::path::Path;

use shipshape_core::config::TOPICS;
use shipshape_core::report::Report;

/// The configuration file: today's failing rules listed (commented out) under `disable`, so the
/// team sees what it could turn off and decides; every other section shown with an example.
pub fn config(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# shipshape.toml: what this repository's owners tell the audit (`shipshape explain ID` for a rule).");
    let _ = writeln!(out, "# Prefer fixing a finding, or attesting what the repository cannot show, to disabling its rule.");
    let _ = writeln!(out, "\n[rules]");
    if report.findings.is_empty() {
        let _ = writeln!(out, "disable = []");
    } else {
        let _ = writeln!(out, "# The rules that fail today. Uncomment one to disable it.");
        let _ = writeln!(out, "disable = [");
        for f in &report.findings {
            let mut chars = f.message.chars().filter(|c| !c.is_control());
            let mut message: String = chars.by_ref().take(100).collect();
            if chars.next().is_some() {
                message.push('…');
            }
            let _ = writeln!(out, "  # \"{}\",  # {} ({}): {message}", f.rule, f.name, f.severity.as_str());
        }
        let _ = writeln!(out, "]");
    }
    let _ = writeln!(out, "\n[rules.severity]");
    let _ = writeln!(out, "# A rule id or name, and critical, high, medium, low or info. Scores and --fail-on follow it.");
    let _ = writeln!(out, "# OPS007 = \"info\"");
    let _ = writeln!(out, "\n[paths]");
    let _ = writeln!(out, "# Globs, relative to the repository root, that the audit does not read.");
    let _ = writeln!(out, "ignore = [");
    let _ = writeln!(out, "  # \"legacy/**\",");
    let _ = writeln!(out, "]");
    let _ = writeln!(out, "\n[attest]");
    let _ = writeln!(out, "# What lives outside the repository, stated by you: reported as attested, not verified.");
    let topics: Vec<&str> = TOPICS.iter().map(|(topic, _)| *topic).collect();
    let _ = writeln!(out, "# Keys: a rule id, or one of {}.", topics.join(", "));
    let _ = writeln!(out, "# backups = \"Managed Postgres: daily backups, point-in-time recovery, restore tested quarterly\"");
    out
}

/// Refuse a target that is not a plain file this command may write: an existing one without
/// `--force`, and, even with it, a symbolic link (writing would change its target, perhaps
/// outside the repository) or anything that is not a regular file.
pub fn check_target(target: &Path, force: bool) -> Result<(), String> {
    match std::fs::symlink_metadata(target) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(format!("{} is a symbolic link: not written through it (remove the link to write a new file)", target.display()))
        }
        Ok(meta) if !meta.is_file() => Err(format!("{} exists and is not a regular file: not overwritten", target.display())),
        Ok(_) if !force => Err(format!("{} exists: pass --force to overwrite it", target.display())),
        Ok(_) => Ok(()),
    }
}

/// Write the configuration beside the target and rename it into place: the rename replaces
/// whatever the path names by then, never what a link there points to.
pub fn write_config(target: &Path, text: &str) -> Result<(), String> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = dir.join(format!(".shipshape.toml.{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .and_then(|()| std::fs::rename(&temp, target));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}: {e}", target.display())
    })
}

/// A workflow for `.github/workflows/shipshape.yml`, actions pinned by commit.
pub fn workflow() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    format!(
        "\
# .github/workflows/shipshape.yml
name: shipshape
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  audit:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: cargo install --locked --git {repository} shipshape
      - run: shipshape audit . --format sarif --output shipshape.sarif
      - uses: github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7 # v4.31.9
        with:
          sarif_file: shipshape.sarif
          category: shipshape
"
    )
}
