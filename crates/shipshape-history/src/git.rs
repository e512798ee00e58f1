//! A git revision read straight from the object database with gix: no checkout, and the
//! working tree is never touched. It lists what a clean checkout of the revision would give
//! the filesystem walk: `.gitignore` and `.ignore` files of the revision are honoured (those
//! of the audited directory's parents too), pruned directories are not descended into, and a
//! symlink to a file in the tree reads as that file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use gix::ObjectId;
use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use shipshape_core::skip::{SkipReason, Skipped};
use shipshape_core::source::{Listing, MAX_FILE_BYTES, ReadError, Source, SourceInfo};
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

    /// The audited directory as it is in `commit`.
    pub fn source(&self, commit: &Revision) -> Result<GitSource<'_>, String> {
        let repo = self.repo.to_thread_local();
        let tree = tree_of(&repo, &commit.id)?;
        let mut walk = TreeWalk {
            repo: &repo,
            prefix: &self.prefix,
            ignores: Vec::new(),
            files: BTreeMap::new(),
            links: Vec::new(),
            skipped: Vec::new(),
        };
        walk.tree(tree, "");
        let TreeWalk { mut files, links, mut skipped, .. } = walk;
        for (path, target) in links {
            match resolve_link(&path, &target, &files) {
                Ok(linked) => files.extend(linked),
                Err(reason) => skipped.push(Skipped { path, reason }),
            }
        }
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

    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Listing {
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
        Listing { files: self.files.keys().filter(|p| kept(p)).cloned().collect(), skipped: self.skipped.clone() }
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let id = *self.files.get(path).ok_or(ReadError::NotFound)?;
        self.with_handle(|repo| {
            let header = repo.find_header(id).map_err(|e| ReadError::Io(e.to_string()))?;
            if header.size() > MAX_FILE_BYTES {
                return Err(ReadError::TooLarge { bytes: header.size() });
            }
            repo.find_blob(id).map(|mut blob| blob.take_data()).map_err(|e| ReadError::Io(e.to_string()))
        })
    }

    fn content_id(&self, path: &str) -> Option<String> {
        self.files.get(path).map(ToString::to_string)
    }
}

/// The recursive listing of one tree.
struct TreeWalk<'r, 'p> {
    repo: &'r gix::Repository,
    prefix: &'p str,
    /// Ignore files in force: the directory they are in (repo-relative), deepest last.
    ignores: Vec<(String, Gitignore)>,
    files: BTreeMap<String, ObjectId>,
    /// Symlinks: path and target, resolved once every file is known.
    links: Vec<(String, String)>,
    skipped: Vec<Skipped>,
}

impl TreeWalk<'_, '_> {
    /// Walk the tree `id` at `dir` (repo-relative): directories on the way to the prefix only
    /// contribute their ignore files; below it, everything is listed.
    fn tree(&mut self, id: ObjectId, dir: &str) {
        let entries: Vec<(gix::object::tree::EntryMode, String, ObjectId)> = match self.repo.find_tree(id) {
            Ok(tree) => match tree.decode() {
                Ok(decoded) => decoded.entries.iter().map(|e| (e.mode, e.filename.to_string(), e.oid.to_owned())).collect(),
                Err(e) => return self.skip(dir, SkipReason::Unreadable(format!("git tree {id}: {e}"))),
            },
            Err(e) => return self.skip(dir, SkipReason::Unreadable(format!("git tree {id}: {e}"))),
        };
        let pushed = self.push_ignores(dir, &entries);
        let inside = is_within(dir, self.prefix);
        for (mode, name, oid) in entries {
            let path = join(dir, &name);
            if !inside {
                if mode.is_tree() && is_within(self.prefix, &path) {
                    self.tree(oid, &path);
                }
                continue;
            }
            let rel = self.relative(&path).to_string();
            if mode.is_tree() {
                // The standard pruning; `list` applies a caller's own on top.
                if !self.ignored(&path, true) && !walk::is_pruned_dir(&rel) {
                    self.tree(oid, &path);
                }
            } else if mode.is_commit() || self.ignored(&path, false) {
                // Submodules are other repositories: a checkout without them has an empty directory.
            } else if mode.is_link() {
                match self.repo.find_blob(oid) {
                    Ok(blob) => self.links.push((rel, String::from_utf8_lossy(&blob.data).into_owned())),
                    Err(e) => self.skip(&path, SkipReason::Unreadable(e.to_string())),
                }
            } else {
                self.files.insert(rel, oid);
            }
        }
        self.ignores.truncate(self.ignores.len() - pushed);
    }

    /// Read the `.gitignore` and `.ignore` of a directory; `.ignore` wins, as in ripgrep.
    fn push_ignores(&mut self, dir: &str, entries: &[(gix::object::tree::EntryMode, String, ObjectId)]) -> usize {
        let mut pushed = 0;
        for name in [".gitignore", ".ignore"] {
            let Some((_, _, oid)) = entries.iter().find(|(mode, n, _)| n == name && mode.is_blob()) else { continue };
            let Ok(blob) = self.repo.find_blob(*oid) else { continue };
            let mut builder = GitignoreBuilder::new(".");
            for line in String::from_utf8_lossy(&blob.data).lines() {
                let _ = builder.add_line(None, line);
            }
            if let Ok(matcher) = builder.build() {
                self.ignores.push((dir.to_string(), matcher));
                pushed += 1;
            }
        }
        pushed
    }

    /// The deepest ignore file with an opinion decides.
    fn ignored(&self, path: &str, is_dir: bool) -> bool {
        for (dir, matcher) in self.ignores.iter().rev() {
            let rel = if dir.is_empty() { path } else { &path[dir.len() + 1..] };
            match matcher.matched(rel, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }

    fn relative<'s>(&self, path: &'s str) -> &'s str {
        if self.prefix.is_empty() { path } else { path.strip_prefix(self.prefix).map_or(path, |p| p.trim_start_matches('/')) }
    }

    fn skip(&mut self, path: &str, reason: SkipReason) {
        let path = self.relative(path).to_string();
        self.skipped.push(Skipped { path, reason });
    }
}

/// What a symlink stands for, as the filesystem walk follows it: its target file, or every
/// file under its target directory, at paths under the link (relative to the audited directory).
fn resolve_link(path: &str, target: &str, files: &BTreeMap<String, ObjectId>) -> Result<Vec<(String, ObjectId)>, SkipReason> {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    if target.starts_with('/') {
        return Err(SkipReason::OutsideRoot);
    }
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(SkipReason::OutsideRoot);
                }
            }
            name => parts.push(name),
        }
    }
    let resolved = parts.join("/");
    if let Some(id) = files.get(&resolved) {
        return Ok(vec![(path.to_string(), *id)]);
    }
    let under = format!("{resolved}/");
    let inside: Vec<(String, ObjectId)> = files
        .range(under.clone()..)
        .take_while(|(p, _)| p.starts_with(&under))
        .map(|(p, id)| (format!("{path}/{}", &p[under.len()..]), *id))
        .collect();
    if inside.is_empty() { Err(SkipReason::Unreadable("broken symlink (its target does not exist)".into())) } else { Ok(inside) }
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
