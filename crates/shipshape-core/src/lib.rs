//! shipshape's audit pipeline, one module per stage:
//!
//! ```text
//! source ──> walk ──> parse ──> facts ──> rules ──> score ──> report
//! ```
//!
//! Renderers live in `shipshape-render`; the command line in `shipshape`.

pub mod facts;
pub mod parse;
pub mod skip;
pub mod source;
pub mod walk;
