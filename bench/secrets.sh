#!/usr/bin/env bash
# Secrets benchmark (not a test): recall and precision of shipshape's secret scan on a corpus
# we generate (bench/secrets_corpus.py: 170 secrets of 34 formats in 13 file kinds, 48 decoys),
# next to detect-secrets (installed from PyPI into a virtualenv) on the same corpus, per file
# kind; and a check that no planted value appears in any shipshape output.
# usage: bench/secrets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-/tmp/shipshape-secrets}"
rm -rf "$work/repo" && mkdir -p "$work"
[ -x "$work/venv/bin/detect-secrets" ] || { python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q detect-secrets; }
cargo build --release --locked -q
bin="$PWD/target/release/shipshape"
python3 bench/secrets_corpus.py "$work/repo"
"$bin" audit "$work/repo" -f json --no-history > "$work/shipshape.json"
for f in terminal markdown html sarif; do "$bin" audit "$work/repo" -f "$f" --no-history > "$work/out.$f"; done
(cd "$work/repo" && "$work/venv/bin/detect-secrets" scan --all-files > "$work/detect-secrets.json")
python3 - "$work" <<'PY'
import json, sys, collections, glob
work = sys.argv[1]
truth = json.load(open(f"{work}/truth.json"))
secrets = {(s["path"], s["line"]): s for s in truth["secrets"]}
decoys = {(d["path"], d["line"]): d for d in truth["decoys"]}
report = json.load(open(f"{work}/shipshape.json"))
ours = {(f["path"], f["line"]) for f in report["facts"]["secrets.hardcoded"]["value"] or []}
ds = json.load(open(f"{work}/detect-secrets.json"))
theirs = {(path, r["line_number"]) for path, results in ds["results"].items() for r in results}
kind_of = lambda key: (secrets.get(key) or decoys.get(key) or {"kind": "other"})["kind"]
def score(found):
    by = collections.defaultdict(lambda: [0, 0, 0])  # planted, found, false positives
    for key, s in secrets.items():
        by[s["kind"]][0] += 1
        by[s["kind"]][1] += key in found
    for key in found - secrets.keys():
        by[kind_of(key)][2] += 1
    return by
a, b = score(ours), score(theirs)
print(f"{'kind':<12} {'planted':>7}   {'shipshape recall':>16} {'FP':>3}   {'detect-secrets recall':>21} {'FP':>3}")
for kind in sorted(set(a) | set(b)):
    pa, fa, xa = a[kind]; pb, fb, xb = b[kind]
    p = pa or pb
    print(f"{kind:<12} {p:>7}   {fa:>10} ({fa/p:4.0%}) {xa:>3}   {fb:>15} ({fb/p:4.0%}) {xb:>3}" if p else f"{kind:<12} {0:>7}   {'':>16} {xa:>3}   {'':>21} {xb:>3}")
def total(found):
    tp = len(found & secrets.keys()); fp = len(found - secrets.keys())
    return tp, fp, tp / len(secrets), tp / max(1, tp + fp)
for name, found in [("shipshape", ours), ("detect-secrets", theirs)]:
    tp, fp, recall, precision = total(found)
    print(f"{name:<15} recall {tp}/{len(secrets)} = {recall:.1%}   precision {tp}/{tp+fp} = {precision:.1%}")
missed = collections.Counter(s["format"] for k, s in secrets.items() if k not in ours)
if missed:
    print("shipshape missed, by format:", dict(missed))
fps = sorted(found for found in ours - secrets.keys())
if fps:
    print("shipshape false positives:", fps)
leaks = 0
for out in glob.glob(f"{work}/out.*") + [f"{work}/shipshape.json"]:
    text = open(out, errors="replace").read()
    for s in truth["secrets"]:
        # The secret part of a URL is its password.
        value = s["value"].split("://", 1)[1].split("@")[0].split(":", 1)[1] if s["format"] == "password-in-url" else s["value"]
        if value in text or value[:12] in text:
            leaks += 1
            print(f"LEAK: {s['format']} value in {out}")
print(f"values in shipshape output: {leaks}")
PY
