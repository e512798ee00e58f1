//! The facts stage: extractors turn parsed documents into the inventory of `FACTS.md`, each
//! fact with its evidence. Extractors never judge; rules do.
//!
//! Beyond the keys of `FACTS.md`, a few extension keys (marked in [`EXTENSION_KEYS`]) carry
//! what rules need that the inventory does not name yet.

pub mod ci;
pub mod code;
pub mod config;
pub mod data;
pub mod deploy;
pub mod deps;
pub mod env;
pub mod iac;
pub mod live;
pub mod migrations;
pub mod observability;
pub mod ops;
pub mod scale;
pub mod secrets;
pub mod security;
pub mod stack;

use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::Value as Json;

use crate::parse::{FileId, Repo};

/// Where a fact was read: a file and, where one applies, a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Evidence {
    pub file: FileId,
    pub span: Option<Range<u32>>,
}

impl Evidence {
    fn sort_key(&self) -> (FileId, u32, u32) {
        self.span.as_ref().map_or((self.file, 0, 0), |s| (self.file, s.start, s.end))
    }
}

impl PartialOrd for Evidence {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Evidence {
    /// Document order: by file (files are sorted by path), then position.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl Evidence {
    pub fn at(file: FileId, span: &Range<u32>) -> Evidence {
        Evidence { file, span: Some(span.clone()) }
    }

    pub fn file(file: FileId) -> Evidence {
        Evidence { file, span: None }
    }
}

/// Something found that does not count, and why (see "present means effective").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Discarded {
    pub evidence: Evidence,
    pub reason: String,
}

/// One fact: a JSON value with the places it was read from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fact {
    pub value: Json,
    pub evidence: Vec<Evidence>,
    /// For false or empty values: what was looked at.
    pub searched: Vec<String>,
    pub discarded: Vec<Discarded>,
}

impl Fact {
    pub fn null() -> Fact {
        Fact { value: Json::Null, ..Fact::default() }
    }

    pub fn bool(value: bool, evidence: Vec<Evidence>) -> Fact {
        Fact { value: Json::Bool(value), evidence: if value { evidence } else { Vec::new() }, ..Fact::default() }
    }

    pub fn int(value: usize, evidence: Vec<Evidence>) -> Fact {
        Fact { value: Json::from(value), evidence, ..Fact::default() }
    }

    pub fn searched(mut self, what: &[&str]) -> Fact {
        if self.is_empty_value() {
            self.searched = what.iter().map(|s| s.to_string()).collect();
        }
        self
    }

    pub fn discarded(mut self, discarded: Vec<Discarded>) -> Fact {
        self.discarded = discarded;
        self
    }

    /// `false`, `0`, `[]` or `null`.
    pub fn is_empty_value(&self) -> bool {
        match &self.value {
            Json::Null => true,
            Json::Bool(b) => !b,
            Json::Number(n) => n.as_u64() == Some(0),
            Json::Array(a) => a.is_empty(),
            _ => false,
        }
    }

    fn normalize(&mut self) {
        self.evidence.sort();
        self.evidence.dedup();
        self.discarded.sort();
        self.discarded.dedup();
        self.searched.sort();
        self.searched.dedup();
    }
}

/// A list-valued fact built item by item: sorted, deduplicated identifiers with the evidence
/// for each.
#[derive(Debug, Default)]
pub struct ListFact {
    items: BTreeMap<String, Vec<Evidence>>,
    discarded: Vec<Discarded>,
}

impl ListFact {
    pub fn add(&mut self, item: impl Into<String>, evidence: Evidence) {
        self.items.entry(item.into()).or_default().push(evidence);
    }

    pub fn add_all(&mut self, item: impl Into<String>, evidence: impl IntoIterator<Item = Evidence>) {
        self.items.entry(item.into()).or_default().extend(evidence);
    }

    pub fn discard(&mut self, evidence: Evidence, reason: impl Into<String>) {
        self.discarded.push(Discarded { evidence, reason: reason.into() });
    }

    pub fn contains(&self, item: &str) -> bool {
        self.items.contains_key(item)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.items.keys().map(String::as_str)
    }

    pub fn fact(self) -> Fact {
        let value = Json::Array(self.items.keys().cloned().map(Json::String).collect());
        let evidence = self.items.into_values().flatten().collect();
        Fact { value, evidence, searched: Vec::new(), discarded: self.discarded }
    }
}

/// Extension keys: facts shipshape emits beyond `FACTS.md`, named in the same style (and the
/// live probe's, [`live::KEYS`]).
pub const EXTENSION_KEYS: &[&str] = &[
    "ci.dangerous_triggers",
    "ci.deploy_after_tests",
    "ci.deploy_concurrency",
    "ci.deploy_gated",
    "ci.frozen_install",
    "ci.iac_checks",
    "config.debug_enabled",
    "db.self_hosted",
    "db.sql_clients",
    "db.sql_clients_serverless",
    "ci.job_timeouts",
    "ci.script_injection",
    "deploy.compose_restart",
    "deploy.dockerignore",
    "deploy.k8s_single_replica",
    "deploy.unpinned_images",
    "env.vars_to_set",
    "health.platform_wired",
    "iac.environments",
    "iac.providers_pinned",
    "iac.remote_state",
    "iac.state_files",
    "live.http2",
    "monitoring.console_bypassing_logger",
    "perf.split_by_config",
    "secrets.dockerfile",
    "stack.code_analyzed",
    "stack.code_unread",
];

/// The facts of one repository.
#[derive(Debug, Default)]
pub struct Inventory {
    facts: BTreeMap<&'static str, Fact>,
    /// Per fact, the files its extractor asked for that could not be read: a fact built without
    /// them may be wrong, so a rule failing on it is reported as not evaluated.
    incomplete: BTreeMap<&'static str, Vec<String>>,
    /// Values that must never be printed (what the secret scan saw): the report masks them
    /// wherever they appear. Never serialized.
    masked: Vec<String>,
    /// Facts inserted since the last [`Inventory::settle`]: the ones the running extractor built.
    pending: Vec<&'static str>,
    /// Why each thing outside the repository that a fact needed could not be read (see
    /// [`Inventory::not_read`]).
    gaps: BTreeMap<String, String>,
    /// Debug builds record every key read, so the policy can check that each rule declares the
    /// facts it reads.
    #[cfg(debug_assertions)]
    reads: std::sync::Mutex<Vec<String>>,
}

static NULL_FACT: Fact = Fact { value: Json::Null, evidence: Vec::new(), searched: Vec::new(), discarded: Vec::new() };

impl Inventory {
    /// Add values the report must mask wherever they appear.
    pub fn mask(&mut self, values: Vec<String>) {
        self.masked.extend(values);
    }

    /// The values the report masks.
    pub fn masked(&self) -> &[String] {
        &self.masked
    }

    pub fn insert(&mut self, key: &'static str, mut fact: Fact) {
        fact.normalize();
        self.facts.insert(key, fact);
        self.pending.push(key);
    }

    /// The facts the last extractor built were read from `asked`: those of them that could
    /// not be read (`unread`) leave each of these facts incomplete.
    fn settle<'a>(&mut self, asked: impl Iterator<Item = &'a FileId>, unread: &BTreeMap<FileId, &str>) {
        let mut broken: Vec<String> = asked.filter_map(|id| unread.get(id)).map(|p| p.to_string()).collect();
        broken.sort_unstable();
        broken.dedup();
        for key in std::mem::take(&mut self.pending) {
            if !broken.is_empty() {
                self.incomplete.entry(key).or_default().extend(broken.iter().cloned());
            }
        }
    }

    /// A fact; missing facts read as `null`.
    pub fn get(&self, key: &str) -> &Fact {
        #[cfg(debug_assertions)]
        if let Ok(mut reads) = self.reads.lock() {
            reads.push(key.to_string());
        }
        self.facts.get(key).unwrap_or(&NULL_FACT)
    }

    /// Keys read since the last call (debug builds only; empty otherwise).
    pub fn take_reads(&self) -> Vec<String> {
        #[cfg(debug_assertions)]
        if let Ok(mut reads) = self.reads.lock() {
            return std::mem::take(&mut *reads);
        }
        Vec::new()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Fact)> {
        self.facts.iter().map(|(k, v)| (*k, v))
    }

    pub fn is_null(&self, key: &str) -> bool {
        self.get(key).value.is_null()
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.get(key).value.as_bool()
    }

    /// `true` only when the fact is `true`.
    pub fn is_true(&self, key: &str) -> bool {
        self.bool(key) == Some(true)
    }

    pub fn int(&self, key: &str) -> Option<u64> {
        self.get(key).value.as_u64()
    }

    /// A list fact's string items (objects are skipped); empty for null.
    pub fn list(&self, key: &str) -> Vec<&str> {
        self.get(key).value.as_array().map(|a| a.iter().filter_map(Json::as_str).collect()).unwrap_or_default()
    }

    /// Number of items of a list fact (objects included).
    pub fn len(&self, key: &str) -> usize {
        self.get(key).value.as_array().map_or(0, Vec::len)
    }

    /// Something outside the repository that `keys` needed and that was not read (`what`, e.g.
    /// `org/ci/.github/workflows/test.yml@v1`, and why): those facts are incomplete, as if an
    /// unreadable file of theirs.
    pub fn not_read(&mut self, keys: &[&'static str], what: &str, why: impl Into<String>) {
        self.gaps.insert(what.to_string(), why.into());
        for key in keys {
            let files = self.incomplete.entry(key).or_default();
            if !files.iter().any(|f| f == what) {
                files.push(what.to_string());
            }
        }
    }

    /// Why something outside the repository was not read (see [`Inventory::not_read`]).
    pub fn gap_reason(&self, what: &str) -> Option<&str> {
        self.gaps.get(what).map(String::as_str)
    }

    pub fn incomplete(&self, key: &str) -> &[String] {
        self.incomplete.get(key).map_or(&[], Vec::as_slice)
    }

    /// The files that could not be read for any of `keys`, each once, in order.
    pub fn incomplete_of<'k>(&self, keys: impl IntoIterator<Item = &'k &'static str>) -> Vec<&str> {
        let mut files: Vec<&str> = keys.into_iter().flat_map(|k| self.incomplete(k)).map(String::as_str).collect();
        files.sort_unstable();
        files.dedup();
        files
    }
}

/// Whether a file that could not be read might have changed a verdict. Not: a workflow in a
/// nested `.github/workflows` (GitHub runs only the top one), nor a file whose role is not
/// what production runs (a test, a fixture, an example, vendored or generated code).
fn can_change_a_verdict(file: &crate::parse::RepoFile) -> bool {
    let nested_workflow = file.path.to_ascii_lowercase().contains("/.github/");
    !nested_workflow && file.role.can_change_a_verdict()
}

/// Run every extractor, recording per extractor the files it asked for: a fact built by an
/// extractor that asked for a file that could not be read is incomplete.
pub fn extract(repo: &Repo) -> Inventory {
    let mut inv = Inventory::default();
    let skipped: std::collections::HashSet<&str> = repo.skipped.iter().map(|s| s.path.as_str()).collect();
    let unread: BTreeMap<FileId, &str> = repo
        .iter()
        .filter(|(_, f)| !f.is_read() && skipped.contains(f.path.as_str()) && can_change_a_verdict(f))
        .map(|(id, f)| (id, f.path.as_str()))
        .collect();
    repo.take_asked();
    let settle = |inv: &mut Inventory, extra: &[FileId]| inv.settle(repo.take_asked().iter().chain(extra), &unread);

    let stack = stack::extract(repo, &mut inv);
    settle(&mut inv, &[]);
    let ci = ci::extract(repo, &stack, &mut inv);
    settle(&mut inv, &[]);
    deploy::extract(repo, &stack, &ci, &mut inv);
    settle(&mut inv, &[]);
    iac::extract(repo, &mut inv);
    settle(&mut inv, &[]);
    deps::extract(repo, &mut inv);
    settle(&mut inv, &[]);
    migrations::extract(repo, &stack, &mut inv);
    settle(&mut inv, &[]);
    ops::extract(repo, &stack, &mut inv);
    settle(&mut inv, &[]);
    // The application source: every extractor handed it has read all of it.
    let code = code::Code::new(repo);
    let source = repo.take_asked();
    env::extract(repo, &code, &mut inv);
    settle(&mut inv, &source);
    observability::extract(repo, &stack, &code, &mut inv);
    settle(&mut inv, &source);
    security::extract(repo, &code, &mut inv);
    settle(&mut inv, &source);
    config::extract(repo, &code, &mut inv);
    settle(&mut inv, &source);
    data::extract(repo, &stack, &code, &mut inv);
    settle(&mut inv, &source);
    scale::extract(repo, &stack, &code, &mut inv);
    settle(&mut inv, &source);
    live::extract(repo, &mut inv);
    settle(&mut inv, &[]);
    inv
}

/// The services of a compose file (its `services:` mapping), across its documents.
pub fn compose_services(docs: &[crate::parse::Node]) -> impl Iterator<Item = &crate::parse::Entry> {
    docs.iter().flat_map(|d| d.get("services").map(crate::parse::Node::entries).unwrap_or_default())
}

/// A fly.toml's HTTP health checks: `[[http_service.checks]]`, `[checks]` and
/// `[[services.http_checks]]`.
pub fn fly_http_checks(root: &crate::parse::Node) -> impl Iterator<Item = &crate::parse::Node> {
    [root.at(&["http_service", "checks"]), root.get("checks")]
        .into_iter()
        .flatten()
        .chain(root.get("services").map(crate::parse::Node::items).unwrap_or_default().iter().filter_map(|s| s.get("http_checks")))
}

/// The services of a render.yaml (its `services:` list), across its documents.
pub fn render_services(docs: &[crate::parse::Node]) -> impl Iterator<Item = &crate::parse::Node> {
    docs.iter().flat_map(|d| d.get("services").map(crate::parse::Node::items).unwrap_or_default())
}

/// Repo-relative directory of a path (`.` for the root).
pub fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or(".", |(d, _)| d)
}

/// Join a directory and a relative path, normalising `.` and `..`.
pub fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if dir == "." || rel.starts_with('/') { Vec::new() } else { dir.split('/').collect() };
    for seg in rel.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() { ".".to_string() } else { parts.join("/") }
}

/// Whether a path is application source in the sense of FACTS.md: a file of the
/// application role ([`crate::walk::role`]) that is not build or test-runner configuration,
/// a seed or `setup.py`. Framework entry points (`middleware.ts`, `instrumentation.ts`,
/// `sentry.*.config.ts`) are source.
pub fn is_application_source(file: &crate::parse::RepoFile) -> bool {
    if file.role != crate::walk::Role::Application {
        return false;
    }
    let name = file.path.rsplit('/').next().unwrap_or(&file.path).to_ascii_lowercase();
    let is_framework_entry = name.starts_with("sentry.") || name.starts_with("instrumentation") || name.starts_with("middleware.");
    // Dotfiles are tool configuration (`.babelrc.js`, `.eslintrc.cjs`).
    is_framework_entry
        || !(name.contains(".config.")
            || name.starts_with('.')
            || name.starts_with("seed.")
            || name == "setup.py"
            || name.starts_with("jest.")
            || name.starts_with("vitest."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paths() {
        assert_eq!(join(".", "apps/web"), "apps/web");
        assert_eq!(join("apps/web", "../api"), "apps/api");
        assert_eq!(join("apps", "./"), "apps");
        assert_eq!(join("a", ".."), ".");
        assert_eq!(dir_of("a/b/c.yml"), "a/b");
        assert_eq!(dir_of("c.yml"), ".");
    }

    fn source(path: &str) -> crate::parse::RepoFile {
        crate::parse::RepoFile::new(path.to_string(), None, None, None, crate::parse::Doc::Unread)
    }

    #[test]
    fn application_source() {
        assert!(is_application_source(&source("src/app/page.tsx")));
        assert!(is_application_source(&source("middleware.ts")));
        assert!(is_application_source(&source("sentry.server.config.ts")));
        assert!(!is_application_source(&source("src/app/page.test.tsx")));
        assert!(!is_application_source(&source(".claude/skills/bench/analyze.py")), "tooling in a hidden directory");
        assert!(!is_application_source(&source(".github/scripts/release.js")));
        assert!(!is_application_source(&source("next.config.js")));
        assert!(!is_application_source(&source("frontend/.babelrc.js")), "a dotfile is tool configuration");
        assert!(!is_application_source(&source("scripts/seed.ts")));
        assert!(!is_application_source(&source("tests/test_api.py")));
        assert!(!is_application_source(&source("docs/example.js")));
        assert!(!is_application_source(&source("prisma/seed.ts")));
    }
}
