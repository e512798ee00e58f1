//! A git revision read straight from the object database with gix: no checkout, and the
//! working tree is never touched. It lists what a clean checkout of the revision would give
//! the filesystem walk: every file of the tree, since what is committed is what counts (the
//! working-tree walk reads tracked files even where `.gitignore` lists them), except under
//! pruned directories; and a symlink to a file in the tree reads as that file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use gix::ObjectId;
use shipshape_core::skip::{SkipReason, Skipped};
use shipshape_core::source::{Listing, MAX_DEPTH, MAX_FILE_BYTES, ReadError, Source, SourceInfo, WalkBudget, escape_name, links};
use shipshape_core::walk;

/// A git repository, opened once, and the directory in it being audited.
pub struct GitRepo {
    repo: gix::ThreadSafeRepository,
    /// The audited directory, relative to the repository root (`""` for the root itself).
    prefix: String,
    /// The path as the user gave it, for the report.
    label: String,
}

/// One commit, as the history table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The full hexadecimal commit id.
    pub id: String,
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
    /// The first line of the message.
    pub summary: String,
}

impl GitRepo {
    /// The repository holding `path` (a directory in its working tree).
    pub fn discover(path: &Path) -> Result<GitRepo, String> {
        let label = path.display().to_string();
        let repo = gix::discover(path).map_err(|e| format!("{label}: not in a git repository ({e})"))?;
        // A bare repository (a mirror) is audited whole: it has no directories to choose from.
        let prefix = match repo.workdir() {
            Some(workdir) => relative_to(path, workdir).ok_or_else(|| format!("{label}: outside the repository's working tree"))?,
            None => String::new(),
        };
        Ok(GitRepo { repo: repo.into_sync(), prefix, label })
    }

    /// Resolve a revision (`HEAD`, `main~3`, a tag, a commit id) to its commit.
    pub fn resolve(&self, rev: &str) -> Result<Revision, String> {
        let repo = self.repo.to_thread_local();
        let id = repo.rev_parse_single(rev).map_err(|e| format!("revision `{rev}`: {e}"))?;
        let commit = id.object().and_then(|o| o.peel_to_commit()).map_err(|e| format!("revision `{rev}` is not a commit: {e}"))?;
        revision(&commit)
    }

    /// The paths git tracks (its index), relative to the top of the working tree: what a
    /// working-tree audit reads even where `.gitignore` lists it (a committed `.env` is the
    /// classic leak). Empty for a bare repository or one without an index yet.
    pub fn tracked(&self) -> Result<Vec<String>, String> {
        let repo = self.repo.to_thread_local();
        if repo.workdir().is_none() {
            return Ok(Vec::new());
        }
        let index = repo.index_or_empty().map_err(|e| format!("{}: cannot read the git index: {e}", self.label))?;
        Ok(index.entries().iter().filter_map(|e| std::str::from_utf8(e.path(&index)).ok().map(str::to_string)).collect())
    }

    /// The commit checked out, if any (a new repository has none).
    pub fn head(&self) -> Option<String> {
        self.repo.to_thread_local().head_id().ok().map(|id| id.to_string())
    }

    /// `from` and its first parents, newest first: at most `limit`, and none older than `since`
    /// (seconds since the epoch).
    pub fn first_parents(&self, from: &Revision, limit: Option<usize>, since: Option<i64>) -> Result<Vec<Revision>, String> {
        let repo = self.repo.to_thread_local();
        let mut out = Vec::new();
        let mut next = Some(parse_id(&from.id)?);
        while let Some(id) = next {
            if limit.is_some_and(|n| out.len() >= n) {
                break;
            }
            let commit = repo.find_commit(id).map_err(|e| format!("commit {id}: {e}"))?;
            let rev = revision(&commit)?;
            if since.is_some_and(|s| rev.time < s) {
                break;
            }
            next = commit.parent_ids().next().map(|p| p.detach());
            out.push(rev);
        }
        Ok(out)
    }

    /// The audited directory as it is in `commit`. An error when the tree is beyond the
    /// walk's bounds (files, time).
    pub fn source(&self, commit: &Revision) -> Result<GitSource<'_>, String> {
        let repo = self.repo.to_thread_local();
        let tree = tree_of(&repo, &commit.id)?;
        let mut walk = TreeWalk {
            repo: &repo,
            prefix: &self.prefix,
            files: BTreeMap::new(),
            links: BTreeMap::new(),
            skipped: Vec::new(),
            budget: WalkBudget::default(),
        };
        walk.tree(tree, "", 0)?;
        let TreeWalk { mut files, links, mut skipped, budget, .. } = walk;
        links::resolve(&mut files, links, &mut skipped, &budget)?;
        skipped.sort();
        Ok(GitSource { repo: self, commit: commit.id.clone(), files, skipped, handles: Mutex::new(Vec::new()) })
    }
}

/// The audited directory of one commit.
pub struct GitSource<'a> {
    repo: &'a GitRepo,
    commit: String,
    /// Path (relative to the audited directory) → blob id, under directories the audit walks.
    files: BTreeMap<String, ObjectId>,
    skipped: Vec<Skipped>,
    /// Thread-local repository handles, reused across reads (a handle is `Send`, not `Sync`).
    handles: Mutex<Vec<gix::Repository>>,
}

impl GitSource<'_> {
    fn with_handle<T>(&self, f: impl FnOnce(&gix::Repository) -> T) -> T {
        let handle = self.handles.lock().ok().and_then(|mut h| h.pop()).unwrap_or_else(|| self.repo.repo.to_thread_local());
        let out = f(&handle);
        if let Ok(mut handles) = self.handles.lock() {
            handles.push(handle);
        }
        out
    }
}

impl Source for GitSource<'_> {
    fn info(&self) -> SourceInfo {
        SourceInfo { path: self.repo.label.clone(), commit: Some(self.commit.clone()) }
    }

    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Result<Listing, String> {
        // The tree was walked with the standard pruning; a caller's may reject more.
        let kept = |path: &str| {
            let mut dir = path;
            while let Some((parent, _)) = dir.rsplit_once('/') {
                if prune(parent) {
                    return false;
                }
                dir = parent;
            }
            true
        };
        Ok(Listing { files: self.files.keys().filter(|p| kept(p)).cloned().collect(), skipped: self.skipped.clone(), special: Vec::new() })
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let id = *self.files.get(path).ok_or(ReadError::NotFound)?;
        self.with_handle(|repo| read_blob(repo, id, MAX_FILE_BYTES)).map_err(ReadError::Skip)
    }

    fn content_id(&self, path: &str) -> Option<String> {
        self.files.get(path).map(ToString::to_string)
    }
}

/// Read a blob of at most `limit` bytes (its size is read from the object header first).
fn read_blob(repo: &gix::Repository, id: ObjectId, limit: u64) -> Result<Vec<u8>, SkipReason> {
    let header = repo.find_header(id).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if header.size() > limit {
        return Err(SkipReason::TooLarge { bytes: header.size(), limit });
    }
    repo.find_blob(id).map(|mut blob| blob.take_data()).map_err(|e| SkipReason::Unreadable(e.to_string()))
}

/// Longest symlink target read (Linux's PATH_MAX).
const MAX_LINK_BYTES: u64 = 4096;

/// The listing of one tree, depth-limited ([`MAX_DEPTH`]) and within the walk's budget.
struct TreeWalk<'r, 'p> {
    repo: &'r gix::Repository,
    prefix: &'p str,
    files: BTreeMap<String, ObjectId>,
    /// Symlinks: path and where they lead, resolved once every file is known.
    links: BTreeMap<String, Result<String, SkipReason>>,
    skipped: Vec<Skipped>,
    budget: WalkBudget,
}

impl TreeWalk<'_, '_> {
    /// Walk the tree `id` at `dir` (repo-relative, `depth` directories below the top):
    /// directories on the way to the prefix are only passed through; below it, everything is
    /// listed.
    fn tree(&mut self, id: ObjectId, dir: &str, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            self.skip(dir, SkipReason::TooDeep(MAX_DEPTH));
            return Ok(());
        }
        type Entries = Vec<(gix::object::tree::EntryMode, Result<String, String>, ObjectId)>;
        let entries: Entries = match self.repo.find_tree(id) {
            Ok(tree) => match tree.decode() {
                Ok(decoded) => decoded
                    .entries
                    .iter()
                    .map(|e| {
                        let name: &[u8] = e.filename;
                        let name = match escape_name(name) {
                            None => Ok(String::from_utf8_lossy(name).into_owned()),
                            Some(escaped) => Err(escaped),
                        };
                        (e.mode, name, e.oid.to_owned())
                    })
                    .collect(),
                Err(e) => {
                    self.skip(dir, SkipReason::Unreadable(format!("git tree {id}: {e}")));
                    return Ok(());
                }
            },
            Err(e) => {
                self.skip(dir, SkipReason::Unreadable(format!("git tree {id}: {e}")));
                return Ok(());
            }
        };
        let inside = is_within(dir, self.prefix);
        for (mode, name, oid) in entries {
            let name = match name {
                Ok(name) => name,
                Err(escaped) => {
                    if inside {
                        self.skip(&join(dir, &escaped), SkipReason::BadName);
                    }
                    continue;
                }
            };
            let path = join(dir, &name);
            if !inside {
                if mode.is_tree() && is_within(self.prefix, &path) {
                    self.tree(oid, &path, depth + 1)?;
                }
                continue;
            }
            let rel = self.relative(&path).to_string();
            if mode.is_tree() {
                // The standard pruning; `list` applies a caller's own on top.
                if !walk::is_pruned_dir(&rel) {
                    self.tree(oid, &path, depth + 1)?;
                }
            } else if mode.is_commit() {
                // Submodules are other repositories: a checkout without them has an empty directory.
            } else if mode.is_link() {
                let target = read_blob(self.repo, oid, MAX_LINK_BYTES).and_then(|bytes| {
                    let target = String::from_utf8(bytes).map_err(|_| SkipReason::BadName)?;
                    let resolved = links::lexical_target(&path, &target).ok_or(SkipReason::OutsideRoot)?;
                    // Relative to the audited directory, like every listed path.
                    if is_within(&resolved, self.prefix) { Ok(self.relative(&resolved).to_string()) } else { Err(SkipReason::OutsideRoot) }
                });
                self.links.insert(rel, target);
            } else {
                self.files.insert(rel, oid);
            }
            self.budget.check(self.files.len() + self.links.len())?;
        }
        Ok(())
    }

    fn relative<'s>(&self, path: &'s str) -> &'s str {
        if self.prefix.is_empty() { path } else { path.strip_prefix(self.prefix).map_or(path, |p| p.trim_start_matches('/')) }
    }

    fn skip(&mut self, path: &str, reason: SkipReason) {
        let path = self.relative(path).to_string();
        self.skipped.push(Skipped { path, reason });
    }
}

fn revision(commit: &gix::Commit<'_>) -> Result<Revision, String> {
    let time = commit.time().map_err(|e| format!("commit {}: {e}", commit.id))?.seconds;
    let summary = commit.message_raw_sloppy().to_string().lines().next().unwrap_or("").trim().to_string();
    Ok(Revision { id: commit.id.to_string(), time, summary })
}

fn tree_of(repo: &gix::Repository, commit: &str) -> Result<ObjectId, String> {
    let commit = repo.find_commit(parse_id(commit)?).map_err(|e| format!("commit {commit}: {e}"))?;
    commit.tree_id().map(|id| id.detach()).map_err(|e| format!("commit {}: {e}", commit.id))
}

fn parse_id(hex: &str) -> Result<ObjectId, String> {
    ObjectId::from_hex(hex.as_bytes()).map_err(|e| format!("`{hex}` is not a commit id: {e}"))
}

/// `dir` is `ancestor` or lies below it (repo-relative, `""` is the root).
fn is_within(dir: &str, ancestor: &str) -> bool {
    ancestor.is_empty() || dir == ancestor || dir.strip_prefix(ancestor).is_some_and(|rest| rest.starts_with('/'))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

/// `path` relative to the working tree `root`, `/`-separated.
fn relative_to(path: &Path, root: &Path) -> Option<String> {
    let path: PathBuf = path.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    let rel = path.strip_prefix(root).ok()?;
    Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}
