//! Operations and release: `docs.*`, `release.*`, `repo.*`, `tests.*`.

use std::sync::LazyLock;

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::stack::Stack;
use super::{Evidence, Fact, Inventory, ListFact};
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

fn globs(patterns: &[&str]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

static RUNBOOKS: LazyLock<GlobSet> = LazyLock::new(|| {
    globs(&[
        "**/{runbook,runbooks,RUNBOOK,RUNBOOKS,Runbook}*",
        "**/runbooks/**/*.md",
        "**/{incident,incidents,INCIDENT,incident-response,INCIDENT_RESPONSE,on-call,oncall,ONCALL,ON_CALL,postmortem,postmortems}*.md",
        "**/{incident,incidents,postmortems,on-call,oncall}/**/*.md",
    ])
});
static ARCHITECTURE: LazyLock<GlobSet> = LazyLock::new(|| {
    globs(&[
        "**/{ARCHITECTURE,architecture,Architecture}*",
        "**/docs/**/architecture*",
        "**/{adr,adrs,decisions}/**/*.md",
        "**/*.{drawio,dsl,puml,plantuml}",
    ])
});
static CODEOWNERS: LazyLock<GlobSet> =
    LazyLock::new(|| globs(&["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"]));
static LICENSE: LazyLock<GlobSet> = LazyLock::new(|| {
    globs(&["{LICENSE,LICENCE,COPYING,license,licence}", "{LICENSE,LICENCE,COPYING,license,licence}.*", "{LICENSE,LICENCE}-*"])
});

/// Markdown headings outside fenced code blocks: (line offset, heading text).
pub fn markdown_headings(text: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = 0u32;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let here = offset;
        offset += raw.len() as u32;
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        // ATX headings: one to six `#` and a space.
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let rest = &trimmed[hashes..];
        if fence.is_none() && (1..=6).contains(&hashes) && rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
            out.push((here, rest.trim()));
        }
    }
    out
}

/// A version in a changelog heading: `1.2.0`, `v2.0`, `[0.3.1] - 2024-01-01`.
fn is_version_heading(heading: &str) -> bool {
    heading.split(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')')).any(|word| {
        let word = word.trim_start_matches(['v', 'V']);
        let parts: Vec<&str> = word.split('.').collect();
        parts.len() >= 2 && parts.iter().take(2).all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    })
}

pub fn extract(repo: &Repo, stack: &Stack, inv: &mut Inventory) {
    // Deploy documentation: a README or docs heading about deploying or production.
    let mut deploy_docs = Vec::new();
    for (id, file) in repo.of_kind(FileKind::Doc) {
        let Some(text) = file.text() else { continue };
        for (offset, heading) in markdown_headings(text) {
            let h = heading.to_ascii_lowercase();
            if ["deploy", "production", "hosting", "hosted", "going live", "self-host", "release process"].iter().any(|w| h.contains(w)) {
                deploy_docs.push(Evidence::at(id, &(offset..offset + 1)));
            }
        }
    }
    inv.insert(
        "docs.readme_deploy",
        Fact::bool(!deploy_docs.is_empty(), deploy_docs).searched(&["README and docs/ headings about deployment or production"]),
    );

    let mut runbooks = ListFact::default();
    let mut architecture = Vec::new();
    let mut changelogs = Vec::new();
    let mut short_changelogs = Vec::new();
    let mut codeowners = Vec::new();
    let mut license = Vec::new();
    let mut test_files = Vec::new();
    for (id, file) in repo.iter() {
        let path = file.path.as_str();
        if RUNBOOKS.is_match(path) && !path.contains("playbook") {
            runbooks.add(path, Evidence::file(id));
        }
        if ARCHITECTURE.is_match(path) {
            architecture.push(Evidence::file(id));
        } else if file.kind == Some(FileKind::Doc)
            && let Some(text) = file.text()
            && let Some(at) = text.find("```mermaid")
        {
            architecture.push(Evidence::at(id, &(at as u32..at as u32 + 10)));
        }
        if file.kind == Some(FileKind::Changelog)
            && let Some(text) = file.text()
        {
            let versions = markdown_headings(text).into_iter().filter(|(_, h)| is_version_heading(h)).count();
            if versions >= 2 {
                changelogs.push(Evidence::file(id));
            } else {
                short_changelogs.push(super::Discarded {
                    evidence: Evidence::file(id),
                    reason: format!(
                        "{versions} versioned entr{} (two or more make a maintained changelog)",
                        if versions == 1 { "y" } else { "ies" }
                    ),
                });
            }
        }
        if CODEOWNERS.is_match(path) {
            codeowners.push(Evidence::file(id));
        }
        if LICENSE.is_match(path) {
            license.push(Evidence::file(id));
        }
        if is_test_file(path, file.kind) {
            test_files.push(id);
        }
    }
    inv.insert("docs.runbooks", runbooks.fact().searched(&["runbook*, runbooks/, incident*, on-call*, postmortem* documents"]));
    inv.insert(
        "docs.architecture",
        Fact::bool(!architecture.is_empty(), architecture).searched(&[
            "ARCHITECTURE*",
            "docs/**/architecture*",
            "ADR directories",
            "mermaid diagrams in docs",
            "*.drawio, *.dsl, *.puml",
        ]),
    );
    inv.insert(
        "release.changelog",
        Fact::bool(!changelogs.is_empty(), changelogs).discarded(short_changelogs).searched(&[
            "CHANGELOG*",
            "CHANGES*",
            "HISTORY*",
            "release-notes*",
        ]),
    );
    inv.insert(
        "repo.codeowners",
        Fact::bool(!codeowners.is_empty(), codeowners).searched(&["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"]),
    );
    inv.insert("repo.license", Fact::bool(!license.is_empty(), license).searched(&["LICENSE*", "COPYING*"]));
    let evidence = test_files.iter().take(5).map(|id| Evidence::file(*id)).collect();
    inv.insert("tests.files", Fact::int(test_files.len(), evidence).searched(&["*.test.*, *.spec.*, *.cy.*, test_*.py, *_test.py, *_test.go, *_spec.rb, and source under test/, tests/, __tests__/, e2e/, spec/"]));

    inv.insert(
        "release.automation",
        release_automation(repo, stack).searched(&[
            "semantic-release",
            ".changeset/",
            "release-please",
            ".goreleaser.yml",
            "release.toml",
            "standard-version",
            "CI on tags",
        ]),
    );
    inv.insert("tests.e2e", e2e(repo, stack).searched(&["playwright, cypress, selenium, puppeteer, webdriverio dependencies and configs"]));
}

/// Test files by name or directory, in any language.
fn is_test_file(path: &str, kind: Option<FileKind>) -> bool {
    if !matches!(kind, Some(FileKind::JsSource | FileKind::PySource | FileKind::OtherSource)) {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let by_name = name.contains(".test.")
        || name.contains(".spec.")
        || name.contains(".cy.")
        || (name.starts_with("test_") && name.ends_with(".py"))
        || name.ends_with("_test.py")
        || name.ends_with("_test.go")
        || name.ends_with("_spec.rb")
        || name.ends_with("Test.java")
        || name.ends_with("Tests.cs");
    let by_dir = path.split('/').rev().skip(1).any(|d| matches!(d, "test" | "tests" | "__tests__" | "e2e" | "spec"));
    by_name || by_dir
}

fn release_automation(repo: &Repo, stack: &Stack) -> Fact {
    let mut out = ListFact::default();
    let mut add = |tool: &str, id: FileId| out.add(tool, Evidence::file(id));
    for (id, file) in repo.iter() {
        let path = file.path.as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        if name.starts_with(".releaserc") || name.starts_with("release.config.") {
            add("semantic-release", id);
        }
        if path.starts_with(".changeset/") && name == "config.json" {
            add("changesets", id);
        }
        if name == "release-please-config.json" || name == ".release-please-manifest.json" {
            add("release-please", id);
        }
        if name.starts_with(".goreleaser.") || name.starts_with("goreleaser.") {
            add("goreleaser", id);
        }
        if name == "release.toml" && repo.find("Cargo.toml").is_some() {
            add("cargo-release", id);
        }
        if name == ".versionrc" || name.starts_with(".versionrc.") {
            add("standard-version", id);
        }
    }
    for dep in &stack.deps {
        let tool = match dep.name.as_str() {
            "semantic-release" => "semantic-release",
            "@changesets/cli" => "changesets",
            "standard-version" | "commit-and-tag-version" => "standard-version",
            "release-it" => "release-it",
            _ => continue,
        };
        out.add(tool, Evidence { file: dep.file, span: dep.span.clone() });
    }
    for (id, file) in repo.of_kind(FileKind::GithubWorkflow) {
        let Doc::Yaml(docs) = file.doc() else { continue };
        let Some(doc) = docs.first() else { continue };
        if let Some(tags) = doc.at(&["on", "push", "tags"]) {
            out.add("tags", Evidence::at(id, &tags.span));
        }
        let steps = doc
            .get("jobs")
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .flat_map(|job| job.value.get("steps").map(Node::items).unwrap_or_default());
        for step in steps {
            if let Some(uses) = step.get("uses").filter(|u| u.as_str().is_some()) {
                let action = uses.as_str().unwrap_or_default().split('@').next().unwrap_or_default().to_ascii_lowercase();
                let tool = match action.as_str() {
                    "googleapis/release-please-action" | "google-github-actions/release-please-action" => "release-please",
                    "changesets/action" => "changesets",
                    "cycjimmy/semantic-release-action" => "semantic-release",
                    "release-drafter/release-drafter" => "release-drafter",
                    "softprops/action-gh-release" | "ncipollo/release-action" | "actions/create-release" => "github-release",
                    _ => continue,
                };
                out.add(tool, Evidence::at(id, &uses.span));
            }
            if let Some(run) = step.get("run").filter(|r| r.as_str().is_some_and(creates_release)) {
                out.add("github-release", Evidence::at(id, &run.span));
            }
        }
    }
    out.fact()
}

/// Whether a `run:` script creates a GitHub release (`gh release create …`), a command of its
/// own, not a word in a comment or an echo.
fn creates_release(script: &str) -> bool {
    script.lines().map(|l| l.split('#').next().unwrap_or("")).flat_map(|l| l.split("&&")).any(|command| {
        let words: Vec<&str> = command.split_whitespace().collect();
        words.starts_with(&["gh", "release", "create"])
    })
}

fn e2e(repo: &Repo, stack: &Stack) -> Fact {
    let mut out = ListFact::default();
    for dep in &stack.deps {
        let tool = match dep.name.as_str() {
            "@playwright/test" | "playwright" | "pytest-playwright" => "playwright",
            "cypress" => "cypress",
            "selenium-webdriver" | "selenium" => "selenium",
            "puppeteer" => "puppeteer",
            "webdriverio" | "@wdio/cli" => "webdriverio",
            _ => continue,
        };
        out.add(tool, Evidence { file: dep.file, span: dep.span.clone() });
    }
    for (id, file) in repo.iter() {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let tool = if name.starts_with("playwright.config.") {
            "playwright"
        } else if name.starts_with("cypress.config.") || name == "cypress.json" {
            "cypress"
        } else if name.starts_with("wdio.conf.") {
            "webdriverio"
        } else {
            continue;
        };
        out.add(tool, Evidence::file(id));
    }
    out.fact()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_skip_code_fences() {
        let text = "# Title\n```sh\n# not a heading\n```\n## Deploy to production\n#hashtag\n";
        let headings: Vec<&str> = markdown_headings(text).into_iter().map(|(_, h)| h).collect();
        assert_eq!(headings, ["Title", "Deploy to production"]);
    }

    #[test]
    fn version_headings() {
        assert!(is_version_heading("[1.2.0] - 2024-01-01"));
        assert!(is_version_heading("v2.0"));
        assert!(is_version_heading("Version 10.4.1 (2024)"));
        assert!(!is_version_heading("Unreleased"));
        assert!(!is_version_heading("Changelog"));
    }
}
