#!/usr/bin/env python3
"""Turn a generated tree into a git repository with a history, for `shipshape history`.

usage: history_repo.py TREE COMMITS

Commit 1 is the tree as generated; each later commit makes a small change, as a team would:
two or three source files edited, and every tenth commit a change that moves a finding (a
workflow loses or regains its token permissions, an image loses or regains its pin). Deterministic:
same tree and count, same history (fixed author, dates one day apart).
"""

import os
import random
import subprocess
import sys


def git(tree, *args, day=0):
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com",
               GIT_AUTHOR_DATE=f"{1767225600 + day * 86400} +0000", GIT_COMMITTER_DATE=f"{1767225600 + day * 86400} +0000",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", *args], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)


def main():
    tree, commits = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(7)
    sources = sorted(os.path.relpath(os.path.join(d, f), tree)
                     for d, _, files in os.walk(tree) if "/.git" not in d and "node_modules" not in d
                     for f in files if f.endswith(".ts"))
    git(tree, "init", "-q", "-b", "main")
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", "initial import", day=0)
    for n in range(1, commits):
        for path in rnd.sample(sources, 3):
            with open(os.path.join(tree, path), "a") as f:
                f.write(f"export const rev{n} = {n};\n")
        if n % 10 == 0:
            wf = os.path.join(tree, ".github/workflows/wf0.yml")
            text = open(wf).read()
            grant = "permissions: { contents: read }\n"
            text = text.replace(grant, "") if grant in text else text.replace("jobs:\n", grant + "jobs:\n", 1)
            open(wf, "w").write(text)
        if n % 25 == 0:
            df = os.path.join(tree, "apps/app0/Dockerfile")
            text = open(df).read()
            text = text.replace("node:20-alpine", "node:latest") if "node:20-alpine" in text else text.replace("node:latest", "node:20-alpine")
            open(df, "w").write(text)
        git(tree, "add", "-A")
        git(tree, "commit", "-q", "-m", f"change {n}", day=n)


if __name__ == "__main__":
    main()
