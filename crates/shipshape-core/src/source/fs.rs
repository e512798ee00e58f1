//! A directory on disk, walked in parallel with the `ignore` crate's walker (as ripgrep walks),
//! but with every file, ignore files included, read through one bounded reader: regular files
//! only (a FIFO, socket or device is never opened for reading), at most [`MAX_FILE_BYTES`],
//! and never through a link that leaves the tree. Symlinks are not followed by the walker;
//! [`links::resolve`] lists what they stand for, the same way for a git revision.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use ignore::{WalkBuilder, WalkState};

use super::ignores::{IGNORE_FILES, IgnoreStack};
use super::{FileMap, Listing, MAX_DEPTH, MAX_FILE_BYTES, MAX_IGNORE_BYTES, ReadError, Source, SourceInfo, WalkBudget, links};
use crate::skip::{SkipReason, Skipped};

/// A working tree on the local filesystem.
#[derive(Debug)]
pub struct FsSource {
    /// The root, canonical: every read must stay under it.
    root: PathBuf,
    /// The root as the user named it, for the report.
    label: String,
    /// The top of the git work tree holding the root, if any, and the root relative to it:
    /// ignore files from there down apply, as git applies them.
    git_top: Option<(PathBuf, String)>,
    /// What git tracks, relative to the top of the work tree: read even where an ignore file
    /// lists it. What is committed is what counts.
    tracked: Option<Tracked>,
    /// The regular files the last [`Source::list`] walked to through real directories (no
    /// link on the way): reading one needs no resolution of its path, which costs a
    /// `readlink` per component. Everything else is resolved and checked to be under the root.
    walked: OnceLock<HashSet<String>>,
}

/// Tracked files, and every directory holding one.
#[derive(Debug, Default)]
struct Tracked {
    files: HashSet<String>,
    dirs: HashSet<String>,
}

impl FsSource {
    /// A source rooted at `root`. Fails if it is not a readable directory.
    pub fn new(root: impl Into<PathBuf>) -> Result<FsSource, String> {
        let given = root.into();
        let meta = std::fs::metadata(&given).map_err(|e| format!("{}: {}", given.display(), io_reason(&e)))?;
        if !meta.is_dir() {
            return Err(format!("{}: not a directory", given.display()));
        }
        let label = given.display().to_string();
        let root = given.canonicalize().map_err(|e| format!("{label}: {}", io_reason(&e)))?;
        let git_top = root.ancestors().find(|dir| dir.join(".git").exists()).and_then(|top| {
            let rel = root.strip_prefix(top).ok()?;
            Some((top.to_path_buf(), utf8_parts(rel).ok()?))
        });
        Ok(FsSource { root, label, git_top, tracked: None, walked: OnceLock::new() })
    }

    /// Read a regular file the walk reached through real directories: opened without following
    /// a link (`O_NOFOLLOW`), and checked on the handle to be a regular file within the limit.
    fn read_walked(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let file = open_no_block(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Skip(io_skip(&e)),
        })?;
        Self::read_open(file, limit)
    }

    fn read_open(file: std::fs::File, limit: u64) -> Result<Vec<u8>, ReadError> {
        let meta = file.metadata().map_err(|e| ReadError::Skip(io_skip(&e)))?;
        if !meta.is_file() {
            return Err(ReadError::Skip(SkipReason::NotRegular("not a regular file")));
        }
        if meta.len() > limit {
            return Err(ReadError::Skip(SkipReason::TooLarge { bytes: meta.len(), limit }));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| ReadError::Skip(io_skip(&e)))?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::Skip(SkipReason::TooLarge { bytes: bytes.len() as u64, limit }));
        }
        Ok(bytes)
    }

    /// Read a file under `within` (canonical) through the bounded reader.
    fn read_within(path: &Path, within: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let canonical = path.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                if std::fs::symlink_metadata(path).is_ok() {
                    ReadError::Skip(SkipReason::Unreadable("broken symlink (its target does not exist, or is ignored)".into()))
                } else {
                    ReadError::NotFound
                }
            }
            _ => ReadError::Skip(io_skip(&e)),
        })?;
        if !canonical.starts_with(within) {
            return Err(ReadError::Skip(SkipReason::OutsideRoot));
        }
        let meta = std::fs::metadata(&canonical).map_err(|e| ReadError::Skip(io_skip(&e)))?;
        if meta.is_dir() {
            return Err(ReadError::Skip(SkipReason::NotRegular("a directory")));
        }
        if let Some(kind) = super::special_kind(&meta.file_type()) {
            return Err(ReadError::Skip(SkipReason::NotRegular(kind)));
        }
        if meta.len() > limit {
            return Err(ReadError::Skip(SkipReason::TooLarge { bytes: meta.len(), limit }));
        }
        let file = open_no_block(&canonical).map_err(|e| ReadError::Skip(io_skip(&e)))?;
        // Swapped for something else between the checks and the open: check the handle too.
        Self::read_open(file, limit)
    }

    /// The ignore files of the directories above the root, down to the top of the git work
    /// tree (and its `.git/info/exclude`), with what could not be read.
    fn parent_ignores(&self, skipped: &mut Vec<Skipped>) -> IgnoreStack {
        let mut stack = IgnoreStack::default();
        let Some((top, prefix)) = &self.git_top else { return stack };
        if let Ok(bytes) = Self::read_within(&top.join(".git/info/exclude"), top, MAX_IGNORE_BYTES) {
            stack.push("", &bytes);
        }
        let mut dir = String::new();
        let parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
        for part in parts {
            self.push_ignores(&mut stack, &top.join(&dir), &dir, top, skipped);
            dir = if dir.is_empty() { part.to_string() } else { format!("{dir}/{part}") };
        }
        stack
    }

    /// The files git tracks (paths relative to the top of the work tree, as in its index):
    /// they are read even where `.gitignore` or `.ignore` lists them. Untracked files stay
    /// subject to the ignore files.
    pub fn with_tracked(mut self, paths: impl IntoIterator<Item = String>) -> FsSource {
        let mut tracked = Tracked::default();
        for path in paths {
            let mut dir = path.as_str();
            while let Some((parent, _)) = dir.rsplit_once('/') {
                if !tracked.dirs.insert(parent.to_string()) {
                    break;
                }
                dir = parent;
            }
            tracked.files.insert(path);
        }
        self.tracked = Some(tracked);
        self
    }

    /// Whether an ignored path is kept because git tracks it (or, for a directory, something
    /// in it).
    fn is_tracked(&self, top_relative: &str, is_dir: bool) -> bool {
        self.tracked.as_ref().is_some_and(|t| if is_dir { t.dirs.contains(top_relative) } else { t.files.contains(top_relative) })
    }

    /// Read the ignore files of `dir` (absolute; `rel` relative to the top) onto `stack`.
    fn push_ignores(&self, stack: &mut IgnoreStack, dir: &Path, rel: &str, within: &Path, skipped: &mut Vec<Skipped>) {
        for name in IGNORE_FILES {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            match Self::read_within(&path, within, MAX_IGNORE_BYTES) {
                Ok(bytes) => stack.push(rel, &bytes),
                Err(ReadError::NotFound) => {}
                Err(ReadError::Skip(reason)) => {
                    let shown = path.strip_prefix(&self.root).map_or_else(|_| path.display().to_string(), display_rel);
                    skipped.push(Skipped { path: shown, reason });
                }
            }
        }
    }

    /// Where ignore files may be read from: the top of the git work tree, else the root.
    fn ignore_root(&self) -> &Path {
        self.git_top.as_ref().map_or(&self.root, |(top, _)| top)
    }

    /// `rel` (relative to the root) as a path from the top of the git work tree.
    fn top_relative(&self, rel: &str) -> String {
        match &self.git_top {
            Some((_, prefix)) if !prefix.is_empty() => {
                if rel.is_empty() {
                    prefix.clone()
                } else {
                    format!("{prefix}/{rel}")
                }
            }
            _ => rel.to_string(),
        }
    }
}

#[cfg(unix)]
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: a FIFO swapped in after the checks is not waited on; O_NOFOLLOW: nor a link.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW).open(path)
}

#[cfg(not(unix))]
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "not found".into(),
        _ => e.to_string(),
    }
}

fn io_skip(e: &std::io::Error) -> SkipReason {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return SkipReason::SymlinkLoop;
    }
    SkipReason::Unreadable(io_reason(e))
}

/// A relative path's components joined with `/`, or the escaped form when one is not UTF-8.
fn utf8_parts(rel: &Path) -> Result<String, String> {
    let mut parts = Vec::new();
    let mut bad = false;
    for c in rel.components() {
        let os = c.as_os_str();
        match os.to_str() {
            Some(s) => parts.push(s.to_string()),
            None => {
                bad = true;
                parts.push(escaped_os(os));
            }
        }
    }
    let joined = parts.join("/");
    if bad { Err(joined) } else { Ok(joined) }
}

fn display_rel(rel: &Path) -> String {
    utf8_parts(rel).unwrap_or_else(|escaped| escaped)
}

#[cfg(unix)]
fn escaped_os(os: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    super::escape_name(os.as_bytes()).unwrap_or_else(|| os.to_string_lossy().into_owned())
}

#[cfg(not(unix))]
fn escaped_os(os: &std::ffi::OsStr) -> String {
    os.to_string_lossy().into_owned()
}

/// What the parallel walk collects.
#[derive(Default)]
struct Collected {
    files: FileMap<()>,
    links: BTreeMap<String, Result<String, SkipReason>>,
    skipped: Vec<Skipped>,
    special: Vec<(String, &'static str)>,
    error: Option<String>,
}

impl Source for FsSource {
    fn info(&self) -> SourceInfo {
        SourceInfo { path: self.label.clone(), commit: None }
    }

    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Result<Listing, String> {
        let budget = WalkBudget::default();
        let collected = Mutex::new(Collected::default());
        let mut early = Vec::new();
        let mut root_stack = self.parent_ignores(&mut early);
        self.push_ignores(&mut root_stack, &self.root, &self.top_relative(""), self.ignore_root(), &mut early);
        // Each directory's ignore stack, made when the walk visits the directory (before any
        // of its entries), keyed by its path relative to the root; and whether the directory is
        // itself ignored (walked only for the tracked files in it).
        let stacks: Mutex<HashMap<String, (Arc<IgnoreStack>, bool)>> =
            Mutex::new(HashMap::from([(String::new(), (Arc::new(root_stack), false))]));
        let walker = WalkBuilder::new(&self.root)
            .standard_filters(false)
            .follow_links(false)
            .threads(std::thread::available_parallelism().map_or(2, |n| n.get()).min(8))
            .build_parallel();
        walker.run(|| {
            let (collected, stacks, budget) = (&collected, &stacks, &budget);
            Box::new(move |entry| {
                let record = |f: &mut dyn FnMut(&mut Collected)| {
                    if let Ok(mut c) = collected.lock() {
                        f(&mut c);
                    }
                };
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        let (path, reason) = walk_error(&err);
                        let path = path.and_then(|p| p.strip_prefix(&self.root).ok().map(display_rel)).unwrap_or_default();
                        record(&mut |c| c.skipped.push(Skipped { path: path.clone(), reason: reason.clone() }));
                        return WalkState::Continue;
                    }
                };
                let Ok(rel_path) = entry.path().strip_prefix(&self.root) else { return WalkState::Continue };
                let file_type = entry.file_type();
                let is_dir = file_type.is_some_and(|t| t.is_dir());
                let rel = match utf8_parts(rel_path) {
                    Ok(rel) => rel,
                    Err(escaped) => {
                        record(&mut |c| c.skipped.push(Skipped { path: escaped.clone(), reason: SkipReason::BadName }));
                        return if is_dir { WalkState::Skip } else { WalkState::Continue };
                    }
                };
                if rel.is_empty() {
                    return WalkState::Continue;
                }
                let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
                let (stack, parent_ignored) = stacks.lock().ok().and_then(|s| s.get(parent).cloned()).unwrap_or_default();
                let top_relative = self.top_relative(&rel);
                // Under an ignored directory (entered only for the tracked files in it),
                // everything is ignored, as git has it, whatever its own patterns say.
                let ignored = parent_ignored || stack.ignored(&top_relative, is_dir);
                if ignored && !self.is_tracked(&top_relative, is_dir) {
                    return if is_dir { WalkState::Skip } else { WalkState::Continue };
                }
                if is_dir {
                    if prune(&rel) {
                        return WalkState::Skip;
                    }
                    if entry.depth() > MAX_DEPTH {
                        record(&mut |c| c.skipped.push(Skipped { path: rel.clone(), reason: SkipReason::TooDeep(MAX_DEPTH) }));
                        return WalkState::Skip;
                    }
                    let mut own = (*stack).clone();
                    let mut unreadable = Vec::new();
                    let within = self.ignore_root();
                    self.push_ignores(&mut own, entry.path(), &top_relative, within, &mut unreadable);
                    if !unreadable.is_empty() {
                        record(&mut |c| c.skipped.append(&mut unreadable));
                    }
                    if let Ok(mut s) = stacks.lock() {
                        s.insert(rel, (Arc::new(own), ignored));
                    }
                    return WalkState::Continue;
                }
                let mut state = WalkState::Continue;
                record(&mut |c| {
                    if file_type.is_some_and(|t| t.is_symlink()) {
                        c.links.insert(rel.clone(), self.link_target(entry.path()));
                    } else if file_type.is_some_and(|t| t.is_file()) {
                        c.files.insert(rel.clone(), ());
                    } else if let Some(kind) = file_type.as_ref().and_then(super::special_kind) {
                        c.special.push((rel.clone(), kind));
                    }
                    if let Err(e) = budget.check(c.files.len() + c.links.len()) {
                        c.error.get_or_insert(e);
                        state = WalkState::Quit;
                    }
                });
                state
            })
        });
        let Collected { mut files, links, mut skipped, special, error } = collected.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(error) = error {
            return Err(error);
        }
        skipped.extend(early);
        let _ = self.walked.set(files.keys().cloned().collect());
        links::resolve(&mut files, links, &mut skipped, &budget)?;
        Ok(Listing { files: files.into_keys().collect(), skipped, special }.finish())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        if self.walked.get().is_some_and(|w| w.contains(path)) {
            return Self::read_walked(&self.root.join(path), MAX_FILE_BYTES);
        }
        Self::read_within(&self.root.join(path), &self.root, MAX_FILE_BYTES)
    }
}

impl FsSource {
    /// Where a symlink leads, relative to the root (links along the way resolved), or why it
    /// cannot be followed.
    fn link_target(&self, link: &Path) -> Result<String, SkipReason> {
        let target = link.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SkipReason::Unreadable("broken symlink (its target does not exist, or is ignored)".into()),
            _ => io_skip(&e),
        })?;
        let rel = target.strip_prefix(&self.root).map_err(|_| SkipReason::OutsideRoot)?;
        utf8_parts(rel).map_err(|_| SkipReason::BadName)
    }
}

fn walk_error(err: &ignore::Error) -> (Option<PathBuf>, SkipReason) {
    match err {
        ignore::Error::WithPath { path, err } => (Some(path.clone()), walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { child, .. } => (Some(child.clone()), SkipReason::SymlinkLoop),
        ignore::Error::Io(e) => (None, io_skip(e)),
        other => (None, SkipReason::Unreadable(other.to_string())),
    }
}
