//! Where the files come from. Everything after this stage sees repo-relative paths and bytes,
//! never `std::fs`, so a git revision can be audited exactly like a working tree.

mod fs;

pub use fs::FsSource;

use crate::skip::Skipped;

/// Files larger than this are not read: no configuration or application module is this big.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A tree of files to audit.
pub trait Source: Sync {
    /// What the report says was audited.
    fn info(&self) -> SourceInfo;
    /// Every file under the root (repo-relative, `/`-separated), except ignored ones and those
    /// under directories `prune` rejects; plus what could not be listed and why.
    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Listing;
    /// The bytes of one listed file.
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
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    TooLarge { bytes: u64 },
    Io(String),
}
