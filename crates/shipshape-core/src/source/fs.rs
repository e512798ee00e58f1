//! A directory on disk, walked the way ripgrep walks it: in parallel, honouring `.gitignore`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use super::{Listing, MAX_FILE_BYTES, ReadError, Source, SourceInfo};
use crate::skip::{SkipReason, Skipped};

/// A working tree on the local filesystem.
#[derive(Debug)]
pub struct FsSource {
    root: PathBuf,
    /// The root as the user named it, for the report.
    label: String,
    canonical_root: Option<PathBuf>,
}

impl FsSource {
    /// A source rooted at `root`. Fails if it is not a readable directory.
    pub fn new(root: impl Into<PathBuf>) -> Result<FsSource, String> {
        let root = root.into();
        let meta = std::fs::metadata(&root).map_err(|e| format!("{}: {}", root.display(), io_reason(&e)))?;
        if !meta.is_dir() {
            return Err(format!("{}: not a directory", root.display()));
        }
        let label = root.display().to_string();
        let canonical_root = root.canonicalize().ok();
        Ok(FsSource { root, label, canonical_root })
    }

    fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
        Some(parts.join("/"))
    }

    fn escapes_root(&self, path: &Path) -> bool {
        match (path.canonicalize(), &self.canonical_root) {
            (Ok(target), Some(root)) => !target.starts_with(root),
            _ => false,
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "not found".into(),
        _ => e.to_string(),
    }
}

impl Source for FsSource {
    fn info(&self) -> SourceInfo {
        SourceInfo { path: self.label.clone(), commit: None }
    }

    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Listing {
        let listing = Mutex::new(Listing::default());
        let walker = WalkBuilder::new(&self.root)
            .hidden(false)
            .git_global(false) // the same tree gives the same report on every machine
            .require_git(false)
            .follow_links(true)
            .threads(std::thread::available_parallelism().map_or(2, |n| n.get()).min(8))
            .build_parallel();
        walker.run(|| {
            let listing = &listing;
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        let (path, reason) = walk_error(&err);
                        let path = path.and_then(|p| self.relative(&p)).unwrap_or_default();
                        if let Ok(mut l) = listing.lock() {
                            l.skipped.push(Skipped { path, reason });
                        }
                        return WalkState::Continue;
                    }
                };
                let Some(rel) = self.relative(entry.path()) else { return WalkState::Continue };
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if rel.is_empty() {
                    return WalkState::Continue;
                }
                if is_dir {
                    return if prune(&rel) { WalkState::Skip } else { WalkState::Continue };
                }
                if entry.path_is_symlink() && self.escapes_root(entry.path()) {
                    if let Ok(mut l) = listing.lock() {
                        l.skipped.push(Skipped { path: rel, reason: SkipReason::OutsideRoot });
                    }
                    return WalkState::Continue;
                }
                if entry.file_type().is_some_and(|t| t.is_file())
                    && let Ok(mut l) = listing.lock()
                {
                    l.files.push(rel);
                }
                WalkState::Continue
            })
        });
        let mut listing = listing.into_inner().unwrap_or_else(|e| e.into_inner());
        listing.files.sort_unstable();
        listing.files.dedup();
        listing.skipped.sort();
        listing.skipped.dedup();
        listing
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let full = self.root.join(path);
        let meta = std::fs::metadata(&full).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(io_reason(&e)),
        })?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge { bytes: meta.len() });
        }
        std::fs::read(&full).map_err(|e| ReadError::Io(io_reason(&e)))
    }
}

fn walk_error(err: &ignore::Error) -> (Option<PathBuf>, SkipReason) {
    match err {
        ignore::Error::WithPath { path, err } => (Some(path.clone()), walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { child, .. } => (Some(child.clone()), SkipReason::SymlinkLoop),
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (None, SkipReason::Unreadable("broken symlink (its target does not exist)".into()))
        }
        ignore::Error::Io(e) => (None, SkipReason::Unreadable(io_reason(e))),
        other => (None, SkipReason::Unreadable(other.to_string())),
    }
}
