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
    /// Not a regular file: a FIFO, a socket, a device. Never opened.
    NotRegular(&'static str),
    /// Its name is not valid UTF-8 (the path shows the bytes as `\xNN`).
    BadName,
    /// Deeper below the root than the walk descends.
    TooDeep(usize),
    /// A symlink to a directory that another link already lists (the walk follows a
    /// directory link once).
    LinkedTwice(String),
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
            SkipReason::NotRegular(what) => write!(f, "not a regular file: {what}"),
            SkipReason::BadName => f.write_str("file name is not valid UTF-8"),
            SkipReason::TooDeep(limit) => write!(f, "more than {limit} directories deep: not descended into"),
            SkipReason::LinkedTwice(first) => write!(f, "symlink to a directory already listed through {first}"),
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
            SkipReason::NotRegular(_) => "not-regular",
            SkipReason::BadName => "bad-name",
            SkipReason::TooDeep(_) => "too-deep",
            SkipReason::LinkedTwice(_) => "linked-twice",
        }
    }
}
