//! A bounded mutation fuzzer (no nightly toolchain or libFuzzer needed): real-shaped seeds,
//! mutated by byte flips, token insertions, deletions, duplications and splices, each input run
//! under `catch_unwind` and timed. Two kinds of target:
//! - each parser alone (`yaml`, `json`, … `python`);
//! - `audit`: the whole audit of one tree holding every file kind (the fixture repositories and
//!   the parser seeds), a few of its files mutated per execution, rendered in all five formats.
//!
//! Prints executions, panics and the slowest input per target; exits 1 on any panic or any
//! input slower than 1 s (parsers) or 5 s (audit), saved under `target/mutate/`. Before each
//! audit the mutated files are written to `target/mutate/audit-last.txt`, so an input that
//! aborts the process (a stack overflow) is not lost.
//!
//! usage: cargo run --release -p shipshape --example mutate -- [SECONDS_PER_TARGET] [TARGET…]

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use shipshape_core::config::Config;
use shipshape_core::facts::ci::commands;
use shipshape_core::parse::{self, sql};
use shipshape_core::source::{Listing, ReadError, Source, SourceInfo};
use shipshape_core::walk::Format;

const SEEDS: &[(&str, &str, &str)] = &[
    (
        "yaml",
        "ci.yml",
        "on:\n  push:\n    branches: [main]\njobs:\n  test: &t\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test\n  lint:\n    <<: *t\n    if: ${{ github.event_name == 'push' }}\n---\nkind: Deployment\n",
    ),
    (
        "json",
        "vercel.json",
        "{\n  // comment\n  \"regions\": [\"fra1\"],\n  \"headers\": [{\"source\": \"/(.*)\", \"headers\": [{\"key\": \"X-Frame-Options\", \"value\": \"DENY\"}]}],\n  \"crons\": [{\"path\": \"/api/cron\", \"schedule\": \"0 * * * *\"}], /* trailing */\n}\n",
    ),
    (
        "toml",
        "fly.toml",
        "app = \"api\"\nprimary_region = \"fra\"\n[http_service]\n  internal_port = 8080\n  force_https = true\n[[http_service.checks]]\n  path = \"/health\"\n  interval = \"15s\"\n[env]\n  LOG = 'info'\n",
    ),
    (
        "hcl",
        "main.tf",
        "terraform {\n  backend \"s3\" {\n    bucket = \"state\"\n  }\n  required_providers {\n    aws = { source = \"hashicorp/aws\", version = \"~> 5.0\" }\n  }\n}\nresource \"aws_db_instance\" \"db\" {\n  backup_retention_period = var.days\n  tags = merge(local.tags, { Name = \"${var.env}-db\" })\n  <<EOF\nheredoc\nEOF\n}\n",
    ),
    (
        "dockerfile",
        "Dockerfile",
        "# escape=`\nFROM node:20 AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci && \\\n    npm run build\nFROM gcr.io/distroless/nodejs20\nCOPY --from=build /app/dist /app\nENV NODE_ENV=production PORT=3000\nHEALTHCHECK CMD [\"node\", \"health.js\"]\nUSER 1000\nRUN <<EOT\necho hi\nEOT\nCMD [\"server.js\"]\n",
    ),
    (
        "nginx",
        "nginx.conf",
        "http {\n  server {\n    listen 443 ssl http2;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n    location /api/ { limit_req zone=api burst=20; proxy_pass http://app; }\n    # comment\n  }\n}\n",
    ),
    (
        "sql",
        "001_init.sql",
        "-- comment\nCREATE TABLE users (id uuid primary key, name text);\nALTER TABLE users ENABLE ROW LEVEL SECURITY;\nCREATE POLICY \"own\" ON users USING (auth.uid() = id);\nINSERT INTO t VALUES ('a;b', $$body;$$);\n/* block */\n",
    ),
    (
        "dotenv",
        ".env.example",
        "export DATABASE_URL=postgres://u:p@localhost/db\n# SENTRY_DSN=\nAPI_KEY=\"quoted # not comment\"\nEMPTY=\nMULTI='a\nb'\n",
    ),
    (
        "procfile",
        "Procfile",
        "web: gunicorn app:app --bind 0.0.0.0:$PORT\nrelease: python manage.py migrate\nworker: celery -A app worker\n",
    ),
    ("requirements", "requirements.txt", "django>=4.2\nsentry-sdk[django]==1.40\n-r base.txt\ngunicorn ; python_version > '3.8'\n"),
    (
        "shell",
        "deploy.sh",
        "#!/usr/bin/env bash\nset -euo pipefail\nnpm ci && npm run build -- --prod || exit 1\ndocker compose run --rm api python manage.py migrate\nFOO=\"a b\" ./scripts/x.sh 'q' $(git rev-parse HEAD) `date` | tee out.log\nnpx --yes prisma migrate deploy; uv run pytest -q\n",
    ),
    (
        "js",
        "server.js",
        "import express from 'express';\nimport * as Sentry from '@sentry/node';\nconst app = express();\nSentry.init({ dsn: process.env.SENTRY_DSN });\napp.get('/health', (req, res) => res.json({ ok: true }));\napp.use(helmet());\nconst limiter = rateLimit({ windowMs: 60000, max: 100 });\napp.listen(process.env.PORT ?? 3000);\n",
    ),
    (
        "ts",
        "route.tsx",
        "import { NextResponse } from 'next/server';\nexport async function GET(req: Request): Promise<Response> {\n  const key = process.env.API_KEY as string;\n  return NextResponse.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });\n}\nexport default function Page() { return <div className=\"x\">{`t ${1}`}</div>; }\n",
    ),
    (
        "python",
        "app.py",
        "import os\nimport sentry_sdk\nfrom fastapi import FastAPI\nsentry_sdk.init(dsn=os.environ['SENTRY_DSN'])\napp = FastAPI()\n@app.get('/health')\nasync def health():\n    return {'ok': True}\nDEBUG = os.getenv('DEBUG', 'false') == 'true'\n",
    ),
];

/// Tokens that matter to some parser, inserted at random places.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "'",
    "`",
    "\\",
    "\n",
    "\r\n",
    "\t",
    ":",
    "- ",
    "&a ",
    "*a",
    "<<: ",
    "---\n",
    "#",
    "//",
    "/*",
    "*/",
    "${",
    "}}",
    "{{",
    "$$",
    "<<EOF\n",
    "EOF\n",
    ";",
    ",",
    "=",
    "é",
    "🚀",
    "\u{feff}",
    "\0",
    "process.env",
    "import(",
    "=> ",
    "@app.get(",
    "-----BEGIN PRIVATE KEY-----",
    "://",
    "@",
    "ghp_",
    "AKIA",
    "eyJ",
];

/// Inputs are kept small, as coverage-guided fuzzers keep them: more executions per second;
/// growth with size is tested by the targeted worst cases of the test suite.
const MAX_INPUT: usize = 16 * 1024;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[&str]) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                input.splice(at..at, t.iter().copied());
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                input.drain(a..b);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                let piece: Vec<u8> = input[a..b].to_vec();
                let at = rng.below(len + 1);
                for _ in 0..1 + rng.below(8) {
                    input.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let other = seeds[rng.below(seeds.len())].as_bytes();
                let a = rng.below(other.len());
                let b = (a + rng.below(80)).min(other.len());
                let at = rng.below(len + 1);
                input.splice(at..at, other[a..b].iter().copied());
            }
            _ if len > 0 => {
                let at = rng.below(len);
                input.truncate(at.max(1));
            }
            _ => {}
        }
    }
}

fn run(name: &str, path: &str, text: &str) {
    match name {
        "sql" => drop(sql::statements(text)),
        "shell" => {
            for command in commands::split(text) {
                drop(commands::peel(&command.words));
            }
        }
        _ => {
            let format = match name {
                "yaml" => Format::Yaml,
                "json" => Format::Json,
                "toml" => Format::Toml,
                "hcl" => Format::Hcl,
                "dockerfile" => Format::Dockerfile,
                "nginx" => Format::Nginx,
                "dotenv" => Format::Dotenv,
                "procfile" => Format::Procfile,
                "requirements" => Format::Requirements,
                _ => Format::Code,
            };
            drop(parse::parse_text(path, format, text));
        }
    }
}

/// A tree held in memory: the audit reads it through the same `Source` interface as a checkout.
struct MemSource(BTreeMap<String, Vec<u8>>);

impl Source for MemSource {
    fn info(&self) -> SourceInfo {
        SourceInfo { path: "fuzz".into(), commit: None }
    }
    fn list(&self, prune: &(dyn Fn(&str) -> bool + Sync)) -> Result<Listing, String> {
        let pruned = |path: &str| path.match_indices('/').any(|(i, _)| prune(&path[..i]));
        Ok(Listing { files: self.0.keys().filter(|p| !pruned(p)).cloned().collect(), ..Listing::default() })
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        self.0.get(path).cloned().ok_or(ReadError::NotFound)
    }
}

/// The audit's seed tree: every fixture repository under its own directory, and every parser
/// seed at its usual path.
fn seed_tree() -> BTreeMap<String, Vec<u8>> {
    let mut tree = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/repos");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let (Ok(bytes), Ok(rel)) = (std::fs::read(&path), path.strip_prefix(&root)) {
                tree.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    for (_, path, seed) in SEEDS {
        tree.insert((*path).to_string(), seed.as_bytes().to_vec());
    }
    tree
}

fn audit_and_render(source: &MemSource) {
    let report = shipshape_core::audit(source, &Config::default()).expect("an in-memory tree is within bounds");
    drop(shipshape_render::terminal::render(&report, false));
    drop(shipshape_render::json::render(&report));
    drop(shipshape_render::markdown::render(&report));
    drop(shipshape_render::html::render(&report));
    drop(shipshape_render::sarif::render(&report));
}

#[derive(Default)]
struct Tally {
    execs: u64,
    panics: u64,
    slow: u64,
    slowest: Duration,
}

impl Tally {
    /// Count one execution; whether it failed (a panic, or slower than `limit`).
    fn count(&mut self, panicked: bool, took: Duration, limit: Duration) -> bool {
        self.execs += 1;
        self.slowest = self.slowest.max(took);
        self.panics += u64::from(panicked);
        self.slow += u64::from(took > limit);
        panicked || took > limit
    }
}

fn keep(name: &str, execs: u64, text: &str) {
    let dir = Path::new("target/mutate");
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(format!("{name}-{execs}.txt")), text);
}

fn fuzz_parser(name: &str, path: &str, seed: &str, seconds: u64, all_seeds: &[&str]) -> Tally {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tally = Tally::default();
    let mut corpus: Vec<Vec<u8>> = vec![seed.as_bytes().to_vec()];
    while Instant::now() < deadline {
        let mut input = corpus[rng.below(corpus.len())].clone();
        mutate(&mut rng, &mut input, all_seeds);
        input.truncate(MAX_INPUT);
        let text = String::from_utf8_lossy(&input).into_owned();
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(name, path, &text)));
        if tally.count(outcome.is_err(), started.elapsed(), Duration::from_secs(1)) {
            keep(name, tally.execs, &text);
        }
        if corpus.len() < 256 && rng.below(16) == 0 {
            corpus.push(input);
        }
    }
    tally
}

fn fuzz_audit(seconds: u64, all_seeds: &[&str]) -> Tally {
    let mut rng = Rng(0xA0D1_7000_5EED);
    let seed = seed_tree();
    let paths: Vec<String> = seed.keys().cloned().collect();
    // Per file, the variants kept so far: mutations build on earlier ones.
    let mut variants: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tally = Tally::default();
    let _ = std::fs::create_dir_all("target/mutate");
    while Instant::now() < deadline {
        let mut tree = seed.clone();
        let mut record = String::new();
        for _ in 0..1 + rng.below(3) {
            let path = &paths[rng.below(paths.len())];
            let kept = variants.entry(path.clone()).or_insert_with(|| vec![seed[path].clone()]);
            let mut input = kept[rng.below(kept.len())].clone();
            mutate(&mut rng, &mut input, all_seeds);
            input.truncate(MAX_INPUT);
            if kept.len() < 32 && rng.below(8) == 0 {
                kept.push(input.clone());
            }
            record.push_str(&format!("==> {path} <==\n{}\n", String::from_utf8_lossy(&input)));
            tree.insert(path.clone(), input);
        }
        let _ = std::fs::write("target/mutate/audit-last.txt", &record);
        let source = MemSource(tree);
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| audit_and_render(&source)));
        if tally.count(outcome.is_err(), started.elapsed(), Duration::from_secs(5)) {
            keep("audit", tally.execs, &record);
        }
    }
    tally
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let only: Vec<String> = args.collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    std::panic::set_hook(Box::new(|_| {}));
    let all_seeds: Vec<&str> = SEEDS.iter().map(|(_, _, s)| *s).collect();
    let mut failed = false;
    println!("{:<13} {:>10} {:>7} {:>6} {:>12}", "target", "execs", "panics", "slow", "slowest ms");
    let mut report = |name: &str, t: Tally| {
        failed |= t.panics > 0 || t.slow > 0;
        println!("{name:<13} {:>10} {:>7} {:>6} {:>12.2}", t.execs, t.panics, t.slow, t.slowest.as_secs_f64() * 1000.0);
    };
    for (name, path, seed) in SEEDS.iter().filter(|(n, _, _)| wanted(n)) {
        report(name, fuzz_parser(name, path, seed, seconds, &all_seeds));
    }
    if wanted("audit") {
        report("audit", fuzz_audit(seconds, &all_seeds));
    }
    std::process::exit(i32::from(failed));
}
