#!/usr/bin/env python3
"""Generate a synthetic monorepo for shipshape's benchmark.

usage: generate.py OUT_DIR APPS FILES_PER_APP NODE_MODULES_PACKAGES

Each app gets a package.json, a Dockerfile, Kubernetes manifests, a README and TypeScript
source (one file in five reads environment variables); the root gets workflows, a compose
file and a node_modules tree that a correct walker must skip. Deterministic: same arguments,
same tree.
"""

import os
import random
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    out, apps, per_app, modules = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(42)
    write(f"{out}/.gitignore", "node_modules\ndist\n")
    write(f"{out}/package.json", '{"name":"bench","private":true,"workspaces":["apps/*"],"scripts":{"test":"turbo run test","lint":"turbo run lint"}}\n')
    write(f"{out}/pnpm-lock.yaml", "lockfileVersion: '9.0'\n")
    write(f"{out}/.github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: weekly }\n")
    for w in range(6):
        write(f"{out}/.github/workflows/wf{w}.yml",
              "on:\n  push:\n    branches: [main]\n  pull_request:\npermissions: { contents: read }\njobs:\n"
              f"  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 20\n    steps:\n      - uses: actions/checkout@v4\n      - run: pnpm install\n      - run: pnpm test\n"
              f"  deploy:\n    needs: test\n    if: github.ref == 'refs/heads/main'\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f apps/app{w}/k8s/\n")
    write(f"{out}/docker-compose.yml", "services:\n" + "".join(f"  app{i}:\n    build: ./apps/app{i}\n    restart: unless-stopped\n" for i in range(min(apps, 20))))
    for i in range(apps):
        base = f"{out}/apps/app{i}"
        write(f"{base}/package.json", f'{{"name":"app{i}","scripts":{{"start":"node dist/index.js","test":"vitest run","lint":"eslint src","build":"tsc -p ."}},"dependencies":{{"express":"4.19.2"}}}}\n')
        write(f"{base}/Dockerfile", "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health\nCMD [\"node\", \"dist/index.js\"]\n")
        write(f"{base}/README.md", f"# app{i}\n\nSet `APP{i}_DATABASE_URL`.\n")
        write(f"{base}/k8s/deployment.yaml",
              f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{ name: app{i} }}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n"
              f"        - name: app\n          image: acme/app{i}:1.0.{i}\n          readinessProbe: {{ httpGet: {{ path: /ready, port: 3000 }} }}\n"
              f"          livenessProbe: {{ httpGet: {{ path: /live, port: 3000 }} }}\n          resources: {{ limits: {{ memory: 256Mi }} }}\n"
              f"---\napiVersion: v1\nkind: Service\nmetadata: {{ name: app{i} }}\nspec:\n  ports: [{{ port: 80 }}]\n")
        for j in range(per_app):
            kind = rnd.random()
            if kind < 0.2:
                body = f'import {{ z }} from "zod";\nexport const url = process.env.APP{i}_DATABASE_URL;\nexport const n{j} = Number(process.env["APP{i}_POOL_{j % 7}"] ?? 5);\n'
            elif kind < 0.3:
                body = f'import {{ describe, it }} from "vitest";\ndescribe("m{j}", () => it("works", () => {{}}));\n'
            else:
                body = "".join(f"export function f{j}_{k}(a: number, b: number): number {{\n  return a * {k} + b;\n}}\n" for k in range(12))
            sub = "test" if kind >= 0.2 and kind < 0.3 else f"src/mod{j % 10}"
            name = f"m{j}.test.ts" if sub == "test" else f"m{j}.ts"
            write(f"{base}/{sub}/{name}", body)
    for m in range(modules):
        mod = f"{out}/node_modules/pkg{m}"
        write(f"{mod}/package.json", f'{{"name":"pkg{m}","scripts":{{"test":"jest"}}}}\n')
        write(f"{mod}/index.js", "module.exports = process.env.NODE_ENV;\n")
        write(f"{mod}/.github/workflows/ci.yml", "on: push\njobs: {}\n")


if __name__ == "__main__":
    main()
