//! Rounds: audit any git revision from the object database ([`git`]), keep every run in SQLite
//! ([`store`]), and replay a branch's history with parses shared across commits ([`replay`]).
//! The heavy dependencies (gix, SQLite) live here so the audit core stays fast to build.

pub mod git;
pub mod store;

pub use git::{GitRepo, GitSource, Revision};
pub use store::{NewRun, Run, Store};
