#!/usr/bin/env bash
# Bounded mutation fuzzing (crates/shipshape/examples/mutate.rs): every parser alone, then the
# whole audit of a tree holding every file kind, rendered in all five formats; time-limited per
# target. Exits 1 on a panic or an input slower than 1 s (a parser) or 5 s (the audit); such
# inputs are kept in target/mutate/.
# usage: bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]   (default 30 s each; targets: yaml json
#        toml hcl dockerfile nginx sql dotenv procfile requirements shell js ts python audit)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
cargo run --release --locked -q --example mutate -p shipshape -- "$seconds" "$@"
