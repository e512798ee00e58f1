#!/usr/bin/env python3
"""Generate a TypeScript monorepo shaped like real ones, for shipshape's benchmark.

usage: generate_ts.py OUT_DIR [FILES]   (default about 3,000 files)

The synthetic benchmark's files are short and alike; real TypeScript trees are not, and that
is where parsing time goes. This tree has the shape of a Next.js + API + packages monorepo:
- apps/web: Next.js app router pages, layouts and route handlers, React components of 100-600
  lines with JSX, hooks and props types, imports through the `@/` tsconfig alias and barrels;
- apps/api: an Express server with routers, services (`*.service.ts`), middleware;
- packages/*: workspace packages (`@bench/ui`, `@bench/lib`, ...) imported by name, each with
  a barrel `index.ts` (`export * from`);
- about one source file in six reads the environment (`process.env`, a zod env schema), as in
  real apps, so that the prefilter passes a few hundred files to the parser;
- the rest of a real tree: Markdown, JSON fixtures, images, CSS, config files, a CI workflow,
  a Dockerfile.
Deterministic: same arguments, same tree.
"""

import os
import random
import sys

WORDS = "account billing invoice customer order product cart checkout session user team member role " \
        "permission audit report exporter importer upload document signature template webhook token " \
        "schedule reminder notification email message comment search filter settings profile".split()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def camel(*parts):
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def pascal(*parts):
    return "".join(p.capitalize() for p in parts)


def component(rnd, name, imports, env):
    """A React component of 100-600 lines: props type, state, effects, handlers, JSX."""
    lines = [f'import {{ useEffect, useMemo, useState }} from "react";']
    lines += imports
    if env:
        lines.append(f'const API_URL = process.env.NEXT_PUBLIC_{name.upper()}_URL ?? "/api";')
    fields = rnd.sample(WORDS, 6)
    lines.append(f"export type {name}Props = {{")
    lines += [f"  {f}: string;" for f in fields]
    lines.append("  onChange?: (value: string) => void;\n};\n")
    lines.append(f"export function {name}({{ {', '.join(fields)}, onChange }}: {name}Props) {{")
    lines.append('  const [query, setQuery] = useState("");')
    lines.append("  const [items, setItems] = useState<string[]>([]);")
    lines.append("  useEffect(() => {\n    let cancelled = false;")
    base = "API_URL" if env else '"/api"'
    lines.append(f"    fetch(`${{{base}}}/{fields[0]}?q=${{encodeURIComponent(query)}}`)")
    lines.append("      .then((r) => r.json())\n      .then((data: { items: string[] }) => { if (!cancelled) setItems(data.items); });")
    lines.append("    return () => { cancelled = true; };\n  }, [query]);")
    lines.append("  const visible = useMemo(() => items.filter((i) => i.includes(query)), [items, query]);")
    body = rnd.randint(60, 480)
    lines.append("  return (\n    <div className=\"flex flex-col gap-2\">")
    for i in range(body // 6):
        f = rnd.choice(fields)
        lines.append(f'      <section key="{f}-{i}" className="rounded border p-4">')
        lines.append(f"        <h2 className=\"text-lg font-semibold\">{{{f}}}</h2>")
        lines.append(f'        <input value={{query}} onChange={{(e) => {{ setQuery(e.target.value); onChange?.(e.target.value); }}}} placeholder="Search {f}" />')
        lines.append(f"        <ul>{{visible.slice(0, {i % 7 + 3}).map((item) => <li key={{item}}>{{item}}</li>)}}</ul>")
        lines.append("      </section>")
        lines.append(f"      {{/* {f} section {i} */}}")
    lines.append("    </div>\n  );\n}\n")
    return "\n".join(lines)


def service(rnd, name, env):
    """A server-side module: a class with async methods, typed rows, error handling."""
    lines = ['import { z } from "zod";', 'import { db } from "@bench/db";', 'import { logger } from "@bench/lib";']
    if env:
        lines.append(f'const TIMEOUT = Number(process.env.{name.upper()}_TIMEOUT_MS ?? "5000");')
    lines.append(f"export const {camel(name, 'schema')} = z.object({{ id: z.string(), name: z.string(), createdAt: z.date() }});")
    lines.append(f"export type {pascal(name)} = z.infer<typeof {camel(name, 'schema')}>;\n")
    lines.append(f"export class {pascal(name)}Service {{")
    for m in rnd.sample(WORDS, rnd.randint(6, 20)):
        lines.append(f"  async {camel('find', m)}(id: string): Promise<{pascal(name)} | null> {{")
        lines.append("    try {")
        lines.append(f'      const row = await db.query("select * from {name} where id = $1 and {m} is not null", [id]);')
        lines.append(f"      return row ? {camel(name, 'schema')}.parse(row) : null;")
        lines.append("    } catch (error) {")
        lines.append(f'      logger.error({{ error, id }}, "{name}.{m} failed");')
        lines.append("      throw error;\n    }\n  }\n")
    lines.append("}\n")
    return "\n".join(lines)


def main():
    out = sys.argv[1]
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    rnd = random.Random(7)
    files = 0

    def put(path, text):
        nonlocal files
        write(f"{out}/{path}", text)
        files += 1

    put("package.json", '{"name":"bench-ts","private":true,"workspaces":["apps/*","packages/*"],'
        '"scripts":{"build":"turbo run build","test":"turbo run test","lint":"turbo run lint"}}\n')
    put("tsconfig.base.json", '{\n  // shared\n  "compilerOptions": { "strict": true, "module": "esnext", "moduleResolution": "bundler", },\n}\n')
    put(".github/workflows/ci.yml", "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm run lint\n      - run: npm test\n")
    put("Dockerfile", "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER node\nCMD [\"node\", \"apps/api/dist/server.js\"]\n")
    put("README.md", "# bench-ts\n\nA generated monorepo.\n")

    packages = ["ui", "lib", "db", "config", "email", "auth"]
    for p in packages:
        put(f"packages/{p}/package.json", f'{{"name":"@bench/{p}","main":"src/index.ts","dependencies":{{"zod":"3.23.0"}}}}\n')
        put(f"packages/{p}/tsconfig.json", '{ "extends": "../../tsconfig.base.json" }\n')
        modules = [f"{w}-{p}" for w in rnd.sample(WORDS, 12)]
        put(f"packages/{p}/src/index.ts", "".join(f'export * from "./{m}";\n' for m in modules))
        for m in modules:
            env = rnd.random() < 0.15
            if p == "ui":
                put(f"packages/{p}/src/{m}.tsx", component(rnd, pascal(*m.split("-")), [], env))
            else:
                put(f"packages/{p}/src/{m}.ts", service(rnd, m.replace("-", "_"), env))
    put("packages/db/src/client.ts", 'import { Pool } from "pg";\nexport const db = new Pool({ connectionString: process.env.DATABASE_URL });\n')
    put("packages/lib/src/logger.ts", 'import pino from "pino";\nexport const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });\n')

    # apps/web: Next.js app router.
    put("apps/web/package.json", '{"name":"@bench/web","dependencies":{"next":"15.0.0","react":"19.0.0","@bench/ui":"workspace:*"},'
        '"scripts":{"build":"next build","start":"next start"}}\n')
    put("apps/web/tsconfig.json", '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }\n')
    put("apps/web/next.config.ts", 'export default { async headers() { return [{ source: "/(.*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] }]; } };\n')
    put("apps/web/src/env.ts", 'import { z } from "zod";\nexport const env = z.object({ NEXT_PUBLIC_APP_URL: z.string(), AUTH_SECRET: z.string() }).parse(process.env);\n')
    # apps/api: Express.
    put("apps/api/package.json", '{"name":"@bench/api","main":"src/server.ts","dependencies":{"express":"4.19.0","@bench/db":"workspace:*"}}\n')
    put("apps/api/src/server.ts", 'import express from "express";\nimport { router } from "./routes";\nconst app = express();\n'
        'app.use("/api", router);\napp.get("/health", (_req, res) => res.json({ ok: true }));\napp.listen(Number(process.env.PORT ?? 3000));\n')
    routers = rnd.sample(WORDS, 12)
    put("apps/api/src/routes/index.ts", 'import { Router } from "express";\n' + "".join(f'import {{ {w}Router }} from "./{w}.routes";\n' for w in routers)
        + "export const router = Router();\n" + "".join(f'router.use("/{w}", {w}Router);\n' for w in routers))
    for w in routers:
        put(f"apps/api/src/routes/{w}.routes.ts", f'import {{ Router }} from "express";\nimport {{ {pascal(w)}Service }} from "../services/{w}.service";\n'
            f"export const {w}Router = Router();\nconst service = new {pascal(w)}Service();\n"
            + "".join(f'{w}Router.get("/{m}/:id", async (req, res) => {{ res.json(await service.{camel("find", m)}(req.params.id)); }});\n'
                      for m in rnd.sample(WORDS, 8)))
        put(f"apps/api/src/services/{w}.service.ts", service(rnd, w, rnd.random() < 0.2))

    # Pages and components until the tree has its size: about 45% source, the rest what real
    # trees carry (docs, JSON, CSS, images, tests).
    i = 0
    while files < target:
        i += 1
        area = rnd.choice(WORDS)
        name = pascal(area, rnd.choice(WORDS), str(i))
        env = rnd.random() < 0.15
        imports = [f'import {{ Button }} from "@/components/{area}/button";', 'import { cn } from "@/lib/utils";']
        put(f"apps/web/src/components/{area}/{name.lower()}.tsx", component(rnd, name, imports, env))
        if i % 3 == 0:
            put(f"apps/web/src/app/{area}/{i}/page.tsx", f'import {{ {name} }} from "@/components/{area}/{name.lower()}";\n'
                f"export default function Page() {{ return <{name} />; }}\n")
        if i % 9 == 0:
            put(f"apps/web/src/app/api/{area}/{i}/route.ts", 'import { db } from "@bench/db";\n'
                f'export async function GET() {{ const rows = await db.query("select 1"); return Response.json(rows); }}\n')
        if i % 2 == 0:
            put(f"docs/{area}/{i}.md", f"# {name}\n\n" + " ".join(rnd.choice(WORDS) for _ in range(300)) + "\n")
        if i % 3 == 1:
            put(f"apps/web/public/img/{i}.svg", f'<svg xmlns="http://www.w3.org/2000/svg"><rect width="{i}" height="{i}"/></svg>\n')
        if i % 4 == 1:
            put(f"apps/web/src/styles/{i}.css", "".join(f".c{i}-{k} {{ margin: {k}px; }}\n" for k in range(40)))
        if i % 5 == 2:
            put(f"apps/web/tests/{area}-{i}.test.tsx", f'import {{ render }} from "@testing-library/react";\n'
                f'import {{ {name} }} from "@/components/{area}/{name.lower()}";\ntest("renders", () => {{ render(<{name} />); }});\n')
        if i % 6 == 3:
            put(f"packages/db/fixtures/{i}.json", "[" + ",".join(f'{{"id":"{k}","name":"{rnd.choice(WORDS)}"}}' for k in range(50)) + "]\n")
    print(f"{out}: {files} files")


if __name__ == "__main__":
    main()
