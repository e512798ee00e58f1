#!/usr/bin/env python3
"""shipshape against rg on one tree, in interleaved pairs.

usage: compare.py SHIPSHAPE TREE [RUNS]   (default 15)

Each run is a pair: `shipshape audit TREE` and an `rg` literal pass over the same tree for the
literals shipshape's prefilter looks for, one right after the other, so that a noisy machine
slows both. Reports medians of wall time, CPU time (user + system) and peak RSS, and the median
of the per-pair wall-time ratios.
"""

import os
import statistics
import subprocess
import sys
import time

# The literals of shipshape's environment prefilter (parse/mod.rs, CODE_LITERALS): what a
# grep-based tool would search for.
LITERALS = ["process.env", "import.meta.env", "Deno.env", "createEnv", "cleanEnv", "environ", "getenv", "BaseSettings"]


def measure(argv):
    """Wall seconds, CPU seconds and peak RSS (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # shipshape exits 1 when it has findings, rg when it finds nothing
        sys.exit(f"{argv[0]} exited with {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    shipshape, tree = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    audit = [shipshape, "audit", tree, "-f", "json", "-o", "/dev/null", "--no-history"]
    rg = ["rg", "--hidden", "-F", "-c"] + [a for lit in LITERALS for a in ("-e", lit)] + [tree]
    for argv in (audit, rg):  # warm the page cache
        measure(argv)
    pairs = [(measure(audit), measure(rg)) for _ in range(runs)]
    med = lambda xs: statistics.median(xs)
    s_wall, s_cpu, s_rss = (med([p[0][i] for p in pairs]) for i in range(3))
    r_wall, r_cpu, r_rss = (med([p[1][i] for p in pairs]) for i in range(3))
    ratio = med([s[0] / r[0] for s, r in pairs])
    files = sum(len(f) for _, _, f in os.walk(tree))
    print(f"{tree} ({files} files), {runs} interleaved pairs, medians:")
    print(f"  shipshape: wall {s_wall * 1000:7.1f} ms  cpu {s_cpu * 1000:7.1f} ms  peak RSS {s_rss:6.1f} MiB")
    print(f"  rg:        wall {r_wall * 1000:7.1f} ms  cpu {r_cpu * 1000:7.1f} ms  peak RSS {r_rss:6.1f} MiB")
    print(f"  ratio (median of pairs): wall {ratio:.2f}x, cpu {s_cpu / r_cpu:.2f}x")


if __name__ == "__main__":
    main()
