//! shipshape's integration tests: one binary, one module per concern.

mod bounded;
mod cli;
mod config;
mod facts;
mod fixtures;
mod hostile;
mod probe;
mod robustness;
mod rounds;
mod rules;
mod secrets;
mod server;
mod snapshots;
