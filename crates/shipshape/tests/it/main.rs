//! shipshape's integration tests: one binary, one module per concern.

mod cli;
mod facts;
mod fixtures;
mod robustness;
mod rules;
mod snapshots;
