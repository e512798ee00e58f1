//! Files the audit could not use, and why. They are listed in every report; the audit goes on.

use std::fmt;

/// A file that was not read or not understood.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

/// Why a file was skipped.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// The file could not be opened or read (permission denied, vanished, …).
    Unreadable(String),
    /// A symbolic link that leads back to one of its own parents.
    SymlinkLoop,
    /// A symbolic link to a place outside the audited tree: not followed.
    OutsideRoot,
    /// Larger than the size limit.
    TooLarge { bytes: u64, limit: u64 },
    /// Contains NUL bytes.
    Binary,
    /// Not valid UTF-8.
    NotUtf8,
    /// The parser rejected it; the message says where.
    Malformed(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
            SkipReason::SymlinkLoop => f.write_str("symlink loop"),
            SkipReason::OutsideRoot => f.write_str("symlink to outside the repository (not followed)"),
            SkipReason::TooLarge { bytes, limit } => write!(f, "too large: {bytes} bytes (limit {limit})"),
            SkipReason::Binary => f.write_str("binary file"),
            SkipReason::NotUtf8 => f.write_str("not valid UTF-8"),
            SkipReason::Malformed(why) => write!(f, "malformed: {why}"),
        }
    }
}

impl SkipReason {
    /// A stable, machine-readable kind for JSON consumers.
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::SymlinkLoop => "symlink-loop",
            SkipReason::OutsideRoot => "outside-root",
            SkipReason::TooLarge { .. } => "too-large",
            SkipReason::Binary => "binary",
            SkipReason::NotUtf8 => "not-utf8",
            SkipReason::Malformed(_) => "malformed",
        }
    }
}
