#!/usr/bin/env bash
# shipshape benchmark: median wall time of `shipshape audit` on generated repositories, next to
# `rg` searching the same trees for the literals shipshape's prefilter looks for.
# Then a real-shaped TypeScript monorepo (bench/generate_ts.py: JSX, aliases, barrels, workspace
# packages, files of 100-600 lines), or any local tree given as BENCH_TREE, in interleaved pairs
# with rg, and the JS/TS parse rate in ms/MB.
# Then `shipshape history --commits 100` on a ~1,000-file repository with a 100-commit history.
# usage: bench/run.sh [RUNS]   (default 10); BENCH_TREE=/path/to/repo bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
work="${BENCH_DIR:-/tmp/shipshape-bench}"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rg ripgrep
need hyperfine hyperfine

cargo build --release --locked -q
bin="$PWD/target/release/shipshape"

if [ ! -f "$work/.generated" ]; then
  rm -rf "$work" && mkdir -p "$work"
  python3 bench/generate.py "$work/monorepo" 120 360 5000   # ~48,000 files + 15,000 in node_modules
  python3 bench/generate.py "$work/small" 5 195 0           # ~1,000 files
  python3 bench/generate.py "$work/history" 5 195 0         # the same, then 100 commits of small changes
  python3 bench/history_repo.py "$work/history" 100
  python3 bench/generate_ts.py "$work/typescript" 3000       # ~3,000 files, 1,700 TS/TSX
  touch "$work/.generated"
fi

literals=(-e process.env -e import.meta.env -e Deno.env -e createEnv -e cleanEnv -e environ -e getenv -e BaseSettings)
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }

for repo in small monorepo; do
  tree="$work/$repo"
  files=$(find "$tree" -type f | wc -l)
  skipped=$( (find "$tree/node_modules" -type f 2>/dev/null || true) | wc -l)
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/$repo-shipshape.json" "$bin audit $tree -f json -o /dev/null --no-history" >/dev/null
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/$repo-rg.json" "rg --hidden -F -c ${literals[*]} $tree" -i >/dev/null
  s=$(median "$work/$repo-shipshape.json"); r=$(median "$work/$repo-rg.json")
  python3 - "$repo" "$files" "$skipped" "$s" "$r" <<'PY'
import sys
repo, files, skipped, s, r = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
walked = files - skipped
print(f"{repo}: {files} files ({skipped} in node_modules, skipped); "
      f"shipshape median {s*1000:.1f} ms ({walked / s:,.0f} files/s walked), rg median {r*1000:.1f} ms, ratio {s / r:.2f}x")
PY
done

# Real-shaped TypeScript: shipshape and rg in interleaved pairs (wall, CPU, peak RSS), and how
# fast JS/TS is parsed and indexed (every file, one thread).
cargo build --release --locked -q -p shipshape-lang --example parse_rate
for tree in "$work/typescript" ${BENCH_TREE:+"$BENCH_TREE"}; do
  python3 bench/compare.py "$bin" "$tree" "$runs"
  echo "  parse and index: $(target/release/examples/parse_rate "$tree")"
done

# Recording each audit in the history store (the default) costs an SQLite write and a diff.
rm -f "$work/store.sqlite3"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/record.json" "$bin audit $work/small -f json -o /dev/null --store $work/store.sqlite3" >/dev/null
echo "small, recording history: shipshape median $(python3 -c "import json; print(f\"{json.load(open('$work/record.json'))['results'][0]['median']*1000:.1f}\")") ms"

history_runs=$(( runs < 5 ? runs : 5 ))
hyperfine -N --warmup 1 --runs "$history_runs" --export-json "$work/history.json" "$bin history $work/history --commits 100 -q -f json -o /dev/null" >/dev/null
reuse=$("$bin" history "$work/history" --commits 100 -f json -o /dev/null 2>&1 >/dev/null)
echo "history --commits 100 ($(git -C "$work/history" ls-files | wc -l) files): median $(python3 -c "import json; print(f\"{json.load(open('$work/history.json'))['results'][0]['median']:.2f}\")") s over $history_runs runs; $reuse"
