//! Where the files come from. Everything after this stage sees repo-relative paths and bytes,
//! never `std::fs`, so a git revision can be audited exactly like a working tree.
//!
//! Every source is bounded the same way: files are read only when they are regular files
//! inside the tree and under [`MAX_FILE_BYTES`]; a listing stops with an error past
//! [`MAX_FILES`] files or [`WALK_SECONDS`], and does not descend below [`MAX_DEPTH`]
//! directories; a directory symlink is followed once at most, never out of the tree.

mod fs;
pub mod ignores;
pub mod links;

use std::collections::BTreeMap;

pub use fs::FsSource;

use crate::skip::{SkipReason, Skipped};

/// Files larger than this are not read: no configuration or application module is this big.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Ignore files (`.gitignore`, `.ignore`) larger than this are not read: their patterns would
/// cost more to compile than any tree is worth.
pub const MAX_IGNORE_BYTES: u64 = 256 * 1024;

/// A listing of more files than this is refused: audit a subdirectory instead.
pub const MAX_FILES: usize = 1_000_000;

/// Directories deeper than this below the root are not descended into (listed as skipped).
pub const MAX_DEPTH: usize = 128;

/// A listing that takes longer than this is abandoned with an error.
pub const WALK_SECONDS: u64 = 120;

/// A tree of files to audit.
pub trait Source: Sync {
    /// What the report says was audited.
    fn info(&self) -> SourceInfo;
    /// Every file under the root (repo-relative, `/`-separated), except ignored ones and those
    /// under directories `prune` rejects; plus what could not be listed and why. An error when
    /// the tree is beyond the bounds ([`MAX_FILES`], [`WALK_SECONDS`]).
    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Result<Listing, String>;
    /// The bytes of one listed file (or of `shipshape.toml`), through the bounded reader.
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError>;
    /// An id that changes whenever the file's bytes do (a git blob id), when the source knows
    /// one without reading the file: a [`ParseCache`](crate::parse::ParseCache) then reuses the
    /// parse of an unchanged file across revisions.
    fn content_id(&self, _path: &str) -> Option<String> {
        None
    }
}

/// The source block of the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceInfo {
    /// The path as the user gave it.
    pub path: String,
    /// The commit audited (git revisions), or the checked-out HEAD when known.
    pub commit: Option<String>,
}

/// The outcome of listing a source.
#[derive(Debug, Default)]
pub struct Listing {
    /// Repo-relative paths, sorted.
    pub files: Vec<String>,
    /// Paths that could not be listed or followed.
    pub skipped: Vec<Skipped>,
    /// Entries that are not regular files (FIFOs, sockets, devices): path and what it is. The
    /// walk reports those whose name it would have read.
    pub special: Vec<(String, &'static str)>,
}

impl Listing {
    /// Sorted, without duplicates: the same tree gives the same listing on every run.
    pub fn finish(mut self) -> Listing {
        self.files.sort_unstable();
        self.files.dedup();
        self.skipped.sort();
        self.skipped.dedup();
        self.special.sort_unstable();
        self.special.dedup();
        self
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    /// It exists, but is not read: the reason is what the report lists.
    Skip(SkipReason),
}

impl ReadError {
    /// The reason a listed file is skipped.
    pub fn into_skip(self) -> SkipReason {
        match self {
            ReadError::NotFound => SkipReason::Unreadable("not found".into()),
            ReadError::Skip(reason) => reason,
        }
    }
}

/// What a file type is, when it is neither a regular file nor a directory.
pub fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some("a device");
        }
    }
    (!file_type.is_file() && !file_type.is_dir() && !file_type.is_symlink()).then_some("not a regular file")
}

/// A file name as bytes, shown as text: invalid UTF-8 bytes become `\xNN`, so two names that
/// differ only there stay two names. `None` when it is valid UTF-8 (use it as it is).
pub fn escape_name(bytes: &[u8]) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    Some(out)
}

/// Counts files against [`MAX_FILES`] and time against [`WALK_SECONDS`] while listing.
#[derive(Debug)]
pub struct WalkBudget {
    deadline: std::time::Instant,
}

impl Default for WalkBudget {
    fn default() -> Self {
        WalkBudget { deadline: std::time::Instant::now() + std::time::Duration::from_secs(WALK_SECONDS) }
    }
}

impl WalkBudget {
    /// `Err` with the message the user sees once `files` or the clock is past its bound.
    pub fn check(&self, files: usize) -> Result<(), String> {
        if files > MAX_FILES {
            return Err(format!(
                "the tree has more than {MAX_FILES} files: audit a subdirectory, or list paths to skip under [paths] ignore in shipshape.toml"
            ));
        }
        if std::time::Instant::now() > self.deadline {
            return Err(format!("listing the tree took longer than {WALK_SECONDS} s: audit a subdirectory"));
        }
        Ok(())
    }
}

/// Files of a listing keyed by path, with whatever a source keeps per file (a blob id).
pub type FileMap<V> = BTreeMap<String, V>;
