//! shipshape's audit pipeline, one module per stage:
//!
//! ```text
//! source ──> walk ──> parse ──> facts ──> rules ──> policy ──> score ──> report
//! ```
//!
//! [`audit::audit`] runs them all. Renderers live in `shipshape-render`; the command line in
//! `shipshape`.

pub mod audit;
pub mod baseline;
pub mod config;
pub mod escape;
pub mod facts;
pub mod live;
pub mod parse;
pub mod policy;
pub mod report;
pub mod rounds;
pub mod rules;
pub mod score;
pub mod skip;
pub mod source;
pub mod walk;

pub use audit::{audit, audit_cached, audit_live, probe_report};
pub use parse::PARSER_STACK;
