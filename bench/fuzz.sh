#!/usr/bin/env bash
# Bounded mutation fuzzing of every parser (crates/shipshape-core/examples/mutate.rs), time-
# limited per parser; exits 1 on a panic or an input slower than 1 s (kept in target/mutate/).
# usage: bench/fuzz.sh [SECONDS_PER_PARSER] [PARSER…]   (default 30 s each)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
cargo run --release --locked -q --example mutate -p shipshape-core -- "$seconds" "$@"
