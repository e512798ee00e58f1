//! Data, backup and recovery: `db.engines`, `db.pooling`, `db.backup`, `db.backup_verified`,
//! `dr.documented`, `cache.*`, `queue.jobs`, `redis.config`.

use serde_json::json;
use shipshape_lang::Arg;

use super::ci::commands;
use super::code::Code;
use super::stack::{Ecosystem, Stack};
use super::{Evidence, Fact, Inventory, ListFact, compose_services};
use crate::parse::tree::to_u32;
use crate::parse::{Doc, Node, Repo};
use crate::walk::FileKind;

/// Client packages and the engines they talk to.
const ENGINE_DEPS: &[(&str, &[&str])] = &[
    ("pg", &["postgres"]),
    ("postgres", &["postgres"]),
    ("@vercel/postgres", &["postgres"]),
    ("@neondatabase/serverless", &["neon", "postgres"]),
    ("@supabase/supabase-js", &["supabase", "postgres"]),
    ("mysql", &["mysql"]),
    ("mysql2", &["mysql"]),
    ("@planetscale/database", &["planetscale", "mysql"]),
    ("sqlite3", &["sqlite"]),
    ("better-sqlite3", &["sqlite"]),
    ("@libsql/client", &["sqlite"]),
    ("mongodb", &["mongodb"]),
    ("mongoose", &["mongodb"]),
    ("redis", &["redis"]),
    ("ioredis", &["redis"]),
    ("@upstash/redis", &["redis"]),
    ("@aws-sdk/client-dynamodb", &["dynamodb"]),
    ("@google-cloud/firestore", &["firestore"]),
    ("@clickhouse/client", &["clickhouse"]),
    ("psycopg", &["postgres"]),
    ("psycopg2", &["postgres"]),
    ("psycopg2-binary", &["postgres"]),
    ("asyncpg", &["postgres"]),
    ("pymysql", &["mysql"]),
    ("mysqlclient", &["mysql"]),
    ("pymongo", &["mongodb"]),
    ("motor", &["mongodb"]),
    ("supabase", &["supabase", "postgres"]),
    ("clickhouse-connect", &["clickhouse"]),
    ("github.com/lib/pq", &["postgres"]),
    ("github.com/jackc/pgx", &["postgres"]),
    ("github.com/go-sql-driver/mysql", &["mysql"]),
    ("go.mongodb.org/mongo-driver", &["mongodb"]),
    ("github.com/redis/go-redis", &["redis"]),
];

const COMPOSE_ENGINES: &[(&str, &str)] = &[
    ("postgres", "postgres"),
    ("postgis", "postgres"),
    ("mysql", "mysql"),
    ("mariadb", "mysql"),
    ("mongo", "mongodb"),
    ("redis", "redis"),
    ("valkey", "redis"),
    ("clickhouse", "clickhouse"),
    ("cockroach", "cockroachdb"),
];

/// Shell text that runs a dump or a restore, by program.
fn runs(script: &str, programs: &[&str]) -> bool {
    commands::split(script).iter().any(|c| {
        let w = commands::peel(&c.words);
        w.first().is_some_and(|p| programs.contains(&p.as_str()))
            || (w.len() > 2 && w[0] == "supabase" && w[1] == "db" && programs.contains(&"supabase-db-dump") && w[2] == "dump")
    })
}

const DUMPS: &[&str] = &[
    "pg_dump",
    "pg_dumpall",
    "mongodump",
    "mysqldump",
    "mariadb-dump",
    "pg_basebackup",
    "supabase-db-dump",
    "redis-cli",
    "restic",
    "borg",
    "wal-g",
    "pgbackrest",
];

pub fn extract(repo: &Repo, stack: &Stack, code: &Code<'_>, inv: &mut Inventory) {
    // Engines.
    let mut engines = ListFact::default();
    for dep in stack.deps.iter().filter(|d| !d.dev) {
        let name =
            if dep.ecosystem == Ecosystem::Go { dep.name.split('/').take(3).collect::<Vec<_>>().join("/") } else { dep.name.clone() };
        if let Some((_, list)) = ENGINE_DEPS.iter().find(|(d, _)| *d == name || (dep.ecosystem == Ecosystem::Go && dep.name.starts_with(d)))
        {
            for engine in *list {
                engines.add(*engine, Evidence { file: dep.file, span: dep.span.clone() });
            }
        }
    }
    let mut self_hosted_db = Vec::new();
    let mut backup = ListFact::default();
    let mut pooling = Vec::new();
    let mut redis_conf: Option<(serde_json::Value, Evidence)> = None;
    for (id, file) in repo.of_kinds(&[
        FileKind::PrismaSchema,
        FileKind::Compose,
        FileKind::RedisConf,
        FileKind::EnvFile,
        FileKind::Shell,
        FileKind::Makefile,
        FileKind::GithubWorkflow,
        FileKind::Yaml,
        FileKind::FlyToml,
    ]) {
        let text = file.text().unwrap_or("");
        match (&file.kind, file.doc()) {
            (Some(FileKind::PrismaSchema), _) if super::stack::is_app_manifest(file) => {
                if let Some(provider) = prisma_provider(text) {
                    let engine = match provider.as_str() {
                        "postgresql" | "postgres" => "postgres",
                        "mysql" => "mysql",
                        "sqlite" => "sqlite",
                        "mongodb" => "mongodb",
                        "cockroachdb" => "cockroachdb",
                        "sqlserver" => "sqlserver",
                        _ => continue,
                    };
                    engines.add(engine, Evidence::file(id));
                }
            }
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                for service in compose_services(docs) {
                    let image = service.value.get("image").and_then(Node::as_str).unwrap_or("").to_ascii_lowercase();
                    let repo_name = crate::parse::image_name(&image);
                    let ev = Evidence::at(id, &service.key_span);
                    if let Some((_, engine)) =
                        COMPOSE_ENGINES.iter().find(|(needle, _)| repo_name == *needle || repo_name.starts_with(&format!("{needle}-")))
                    {
                        engines.add(*engine, ev.clone());
                        if *engine != "redis" {
                            self_hosted_db.push(ev.clone());
                        }
                        if *engine == "redis" {
                            let command = service
                                .value
                                .get("command")
                                .map(|c| c.one_or_many().iter().filter_map(|n| n.scalar()).collect::<Vec<_>>().join(" "))
                                .unwrap_or_default();
                            redis_conf.get_or_insert((redis_settings(&command.replace("--", "\n")), ev.clone()));
                        }
                    }
                    if image.contains("pgbouncer") || image.contains("pgcat") || image.contains("odyssey") {
                        pooling.push(ev.clone());
                    }
                    if image.contains("backup") || image.contains("pgbackrest") || image.contains("wal-g") {
                        backup.add("compose-service", ev.clone());
                    }
                }
            }
            (Some(FileKind::RedisConf), _) => {
                redis_conf = Some((redis_settings(text), Evidence::file(id)));
            }
            (Some(FileKind::EnvFile), Doc::Env(entries)) => {
                for e in entries {
                    if e.value.contains("pgbouncer=true") || e.value.contains(":6543") || e.value.contains("connection_limit=") {
                        pooling.push(Evidence::at(id, &e.span));
                    }
                }
            }
            (Some(FileKind::Shell | FileKind::Makefile), _) if runs(text, DUMPS) => backup.add("script", Evidence::file(id)),
            (Some(FileKind::GithubWorkflow), Doc::Yaml(docs)) => {
                if let Some(doc) = docs.first()
                    && let Some(schedule) = doc.at(&["on", "schedule"])
                {
                    let dumps = doc.strings().iter().filter_map(|n| n.as_str()).any(|s| runs(s, DUMPS));
                    if dumps {
                        backup.add("scheduled", Evidence::at(id, &schedule.span));
                    }
                }
            }
            (Some(FileKind::Yaml), Doc::Yaml(docs)) => {
                for doc in docs {
                    let kind = doc.get("kind").and_then(Node::as_str).unwrap_or("");
                    let name = doc.at(&["metadata", "name"]).and_then(Node::scalar).unwrap_or_default().to_ascii_lowercase();
                    let commands: Vec<String> = doc.strings().iter().filter_map(|n| n.as_str().map(str::to_string)).collect();
                    let cronjob_dumps = kind == "CronJob" && (name.contains("backup") || commands.iter().any(|c| runs(c, DUMPS)));
                    if cronjob_dumps
                        || matches!(kind, "ScheduledBackup" | "Schedule")
                            && doc.get("apiVersion").and_then(Node::as_str).is_some_and(|a| a.contains("cnpg") || a.contains("velero"))
                    {
                        backup.add("platform", Evidence::at(id, &doc.span));
                    }
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => {
                for mount in root.get("mounts").map(|m| m.one_or_many()).unwrap_or_default() {
                    if let Some(n) = mount.get("snapshot_retention") {
                        backup.add("platform", Evidence::at(id, &n.span));
                    }
                }
            }
            _ => {}
        }
    }
    // Pooling in code: pg Pool with a max, SQLAlchemy pool settings, Mongo pool size.
    for (file, index) in code.indexed() {
        for call in &index.calls {
            let pooled = (call.callee == "Pool" && call.option("max").is_some())
                || (call.callee.ends_with("create_engine") || call.callee.ends_with("create_async_engine"))
                    && (call.option("pool_size").is_some() || call.option("max_overflow").is_some())
                || call.option("maxPoolSize").is_some();
            if pooled {
                pooling.push(Evidence::at(file.id, &to_u32(call.span.clone())));
            }
        }
    }
    // Drivers that speak HTTP or WebSockets to a database platform that pools on its side
    // (PlanetScale, Neon, Prisma Accelerate, Vercel Postgres, Turso, D1): functions hold no
    // connection of their own.
    for dep in stack.deps.iter().filter(|d| !d.dev) {
        if [
            "@planetscale/database",
            "@prisma/adapter-planetscale",
            "@neondatabase/serverless",
            "@prisma/adapter-neon",
            "@prisma/extension-accelerate",
            "@vercel/postgres",
            "@libsql/client",
            "@prisma/adapter-libsql",
            "@prisma/adapter-d1",
        ]
        .contains(&dep.name.as_str())
        {
            pooling.push(Evidence { file: dep.file, span: dep.span.clone() });
        }
    }
    let mut sql_clients = ListFact::default();
    for dep in stack.deps.iter().filter(|d| !d.dev) {
        if [
            "pg",
            "postgres",
            "mysql",
            "mysql2",
            "@prisma/client",
            "prisma",
            "drizzle-orm",
            "knex",
            "typeorm",
            "sequelize",
            "kysely",
            "psycopg",
            "psycopg2",
            "psycopg2-binary",
            "asyncpg",
            "pymysql",
            "mysqlclient",
            "sqlalchemy",
            "django",
            "github.com/lib/pq",
            "github.com/jackc/pgx",
            "github.com/go-sql-driver/mysql",
        ]
        .contains(&dep.name.as_str())
        {
            sql_clients.add(dep.name.clone(), Evidence { file: dep.file, span: dep.span.clone() });
        }
    }
    // The clients of packages that run as serverless functions: under the directory of a
    // serverless platform's configuration (vercel.json, netlify.toml, wrangler, serverless.yml,
    // amplify.yml), or anywhere when the platform is known without one. A Rails API in `api/`
    // next to a Next.js app on Vercel in `web/` runs in a long-lived process with its own pool.
    let mut serverless_dirs: Vec<&str> = repo
        .of_kinds(&[
            FileKind::VercelJson,
            FileKind::NetlifyToml,
            FileKind::WranglerToml,
            FileKind::WranglerJson,
            FileKind::ServerlessYaml,
            FileKind::AmplifyYaml,
        ])
        .map(|(_, f)| super::dir_of(&f.path))
        .collect();
    let serverless_platform = inv.list("deploy.platforms").iter().any(|p| super::deploy::SERVERLESS_PLATFORMS.contains(p));
    if serverless_platform && serverless_dirs.is_empty() {
        serverless_dirs.push(".");
    }
    let in_serverless = |file: crate::parse::FileId| {
        let dir = super::dir_of(&repo.file(file).path);
        serverless_dirs.iter().any(|s| *s == "." || dir == *s || dir.starts_with(&format!("{s}/")))
    };
    let mut serverless_clients = ListFact::default();
    for dep in stack.deps.iter().filter(|d| !d.dev && sql_clients.contains(&d.name) && in_serverless(d.file)) {
        serverless_clients.add(dep.name.clone(), Evidence { file: dep.file, span: dep.span.clone() });
    }
    inv.insert("db.sql_clients", sql_clients.fact().searched(&["SQL drivers and ORMs that hold database connections"]));
    inv.insert(
        "db.sql_clients_serverless",
        serverless_clients.fact().searched(&["SQL drivers and ORMs of packages under a serverless platform's configuration"]),
    );
    let engine_count = engines.names().count();
    inv.insert("db.engines", engines.fact().searched(&["database client dependencies", "Prisma datasource", "compose services"]));
    inv.insert("db.self_hosted", if engine_count == 0 { Fact::null() } else { Fact::bool(!self_hosted_db.is_empty(), self_hosted_db) });
    inv.insert(
        "db.pooling",
        Fact::bool(!pooling.is_empty(), pooling).searched(&[
            "pgbouncer / pooler URLs (:6543, pgbouncer=true, connection_limit)",
            "pgbouncer services",
            "Pool({ max }) and create_engine(pool_size=…)",
            "serverless drivers of pooling platforms (@planetscale/database, @neondatabase/serverless, Prisma Accelerate, …)",
        ]),
    );
    inv.insert(
        "db.backup",
        backup.fact().searched(&[
            "dump scripts (pg_dump, mongodump, mysqldump)",
            "scheduled CI jobs that dump",
            "backup containers",
            "backup CronJobs, CloudNativePG or Velero schedules, fly volume snapshots",
        ]),
    );

    // Restore tests: automation that restores a dump.
    let mut restores = Vec::new();
    for (id, file) in repo.of_kinds(&[FileKind::Shell, FileKind::Makefile, FileKind::GithubWorkflow, FileKind::GitlabCi]) {
        if runs_restore(file.text().unwrap_or("")) {
            restores.push(Evidence::file(id));
        }
    }
    inv.insert(
        "db.backup_verified",
        Fact::bool(!restores.is_empty(), restores)
            .searched(&["scripts and CI jobs that restore a dump (pg_restore, mongorestore, psql < dump)"]),
    );
    inv.insert("dr.documented", dr_documented(repo));

    caches_and_queues(repo, stack, code, inv);
    inv.insert(
        "redis.config",
        match redis_conf {
            Some((value, ev)) => Fact { value, evidence: vec![ev], ..Fact::default() },
            None => Fact::null(),
        },
    );
}

fn runs_restore(text: &str) -> bool {
    commands::split(text).iter().any(|c| {
        let w = commands::peel(&c.words);
        match w.first().map(String::as_str) {
            Some("pg_restore" | "mongorestore") => true,
            // `psql … < dump.sql` / `mysql … < backup.sql`: input redirected from a dump.
            Some("psql" | "mysql") => {
                w.iter().any(|a| a.contains("dump") || a.contains("backup")) && c.words.iter().any(|a| a.starts_with('<'))
            }
            _ => false,
        }
    })
}

/// `provider = "postgresql"` inside the `datasource` block of a Prisma schema.
fn prisma_provider(text: &str) -> Option<String> {
    let mut in_datasource = false;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        if line.starts_with("datasource ") {
            in_datasource = true;
        } else if in_datasource && line.starts_with('}') {
            in_datasource = false;
        } else if in_datasource && let Some(value) = line.strip_prefix("provider").map(str::trim).and_then(|r| r.strip_prefix('=')) {
            return Some(value.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// redis.conf directives (or `--flag value` command-line options, split on `--`).
fn redis_settings(text: &str) -> serde_json::Value {
    let mut auth = false;
    let mut persistence = false;
    let mut policy: Option<String> = None;
    let mut sentinel = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let mut words = line.split_whitespace();
        let (Some(key), value) = (words.next(), words.next()) else { continue };
        match key.to_ascii_lowercase().as_str() {
            "requirepass" | "aclfile" | "user" => auth = true,
            "appendonly" => persistence |= value == Some("yes"),
            "save" => persistence |= value.is_some_and(|v| v != "\"\"" && v != "''"),
            "maxmemory-policy" => policy = value.map(str::to_string),
            "sentinel" => sentinel = true,
            _ => {}
        }
    }
    json!({ "auth": auth, "persistence": persistence, "maxmemory_policy": policy, "sentinel": sentinel })
}

fn dr_documented(repo: &Repo) -> Fact {
    let mut evidence = Vec::new();
    for (id, file) in repo.of_kind(FileKind::Doc) {
        let Some(text) = file.text() else { continue };
        let has_value = |word: &str| {
            text.match_indices(word).any(|(at, _)| {
                let before_ok = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
                let window = &text[at..text.floor_char_boundary((at + 60).min(text.len()))];
                before_ok && window.chars().any(|c| c.is_ascii_digit())
            })
        };
        if has_value("RTO") && has_value("RPO") {
            evidence.push(Evidence::file(id));
            continue;
        }
        // A recovery heading followed by numbered steps.
        let headings = super::ops::markdown_headings(text);
        for (offset, heading) in headings {
            let h = heading.to_ascii_lowercase();
            // "Restore", "Restoring", "Manual DB restoration".
            if h.contains("disaster recovery") || h.contains("restor") || h.contains("recovery procedure") || h.contains("recovery plan") {
                let after = &text[offset as usize..];
                let steps =
                    after.lines().skip(1).take(30).filter(|l| l.trim_start().starts_with("1.") || l.trim_start().starts_with("2.")).count();
                if steps >= 2 {
                    evidence.push(Evidence::at(id, &(offset..offset + 1)));
                }
            }
        }
    }
    Fact::bool(!evidence.is_empty(), evidence)
        .searched(&["README and docs/: RTO and RPO with values, or a disaster-recovery/restore section with numbered steps"])
}

/// Server-side caches, their resilience, and job queues.
fn caches_and_queues(repo: &Repo, stack: &Stack, code: &Code<'_>, inv: &mut Inventory) {
    // A SPA without a server: its code runs in browsers and caches nothing for others.
    let has_server = stack.frameworks.iter().any(|f| super::stack::SERVER_FRAMEWORKS.contains(&f.as_str())) || stack.frameworks.is_empty();
    let mut layers = ListFact::default();
    let mut resilience = ListFact::default();
    let mut queues = ListFact::default();
    for (file, index) in code.indexed() {
        let client_only =
            file.text.trim_start().starts_with("\"use client\"") || file.text.trim_start().starts_with("'use client'") || !has_server;
        let at = |span: &std::ops::Range<usize>| Evidence::at(file.id, &to_u32(span.clone()));
        for call in &index.calls {
            let c = call.callee.as_str();
            let m = call.method();
            let layer = match c {
                "createClient" if index.imports_module("redis") => Some("redis"),
                "Redis" | "Cluster" if index.imports_module("ioredis") => Some("redis"),
                "Redis" | "Redis.fromEnv" if index.imports_module("@upstash/redis") => Some("upstash"),
                "redis.Redis" | "redis.from_url" | "Redis.from_url" | "redis.asyncio.from_url" | "aioredis.from_url" | "Redis"
                    if index.imports_module("redis") || index.imports_module("aioredis") =>
                {
                    Some("redis")
                }
                "LRUCache" | "LRU" if index.imports_module("lru-cache") => Some("in-memory"),
                "NodeCache" if index.imports_module("node-cache") => Some("in-memory"),
                "TTLCache" | "cachetools.TTLCache" => Some("in-memory"),
                "memjs.Client.create" | "Client" if index.imports_module("memjs") || index.imports_module("pymemcache") => {
                    Some("memcached")
                }
                _ => None,
            };
            if let Some(l) = layer.filter(|_| !client_only) {
                layers.add(l, at(&call.span));
                // @upstash/redis retries five times with backoff unless `retry: false`.
                let upstash_default = l == "upstash" && call.option("retry") != Some(&Arg::Bool(false));
                if upstash_default
                    || ["retryStrategy", "reconnectStrategy", "maxRetriesPerRequest", "retry_on_timeout", "retry"]
                        .iter()
                        .any(|o| call.option(o).is_some_and(|v| *v != Arg::Bool(false)))
                {
                    resilience.add("retry", at(&call.span));
                }
            }
            let resilient = match (c, m) {
                ("CircuitBreaker", _) | ("circuitBreaker", _) | ("pybreaker.CircuitBreaker", _) => Some("circuit-breaker"),
                ("retry", _) | ("pRetry", _) | ("backoff.on_exception", _)
                    if index.imports_module("tenacity")
                        || index.imports_module("p-retry")
                        || index.imports_module("async-retry")
                        || index.imports_module("backoff")
                        || index.imports_module("cockatiel") =>
                {
                    Some("retry")
                }
                _ => None,
            };
            if let Some(r) = resilient {
                resilience.add(r, at(&call.span));
            }
            let queue = match (c, m) {
                ("Queue" | "Worker" | "FlowProducer", _) if index.imports_module("bullmq") => Some("bullmq"),
                ("Queue" | "Bull", _) if index.imports_module("bull") => Some("bull"),
                ("Queue", _) if index.imports_module("bee-queue") => Some("bee-queue"),
                ("Agenda", _) if index.imports_module("agenda") => Some("agenda"),
                ("Celery", _) | ("celery.Celery", _) => Some("celery"),
                ("Queue", _) if index.imports_module("rq") => Some("rq"),
                (_, "actor") if index.imports_module("dramatiq") => Some("dramatiq"),
                ("create_pool", _) if index.imports_module("arq") => Some("arq"),
                ("Inngest", _) => Some("inngest"),
                (_, "task") if index.imports_module("@trigger.dev/sdk") => Some("trigger.dev"),
                ("Client", _) if index.imports_module("@upstash/qstash") => Some("qstash"),
                ("Kafka", _) if index.imports_module("kafkajs") => Some("kafka"),
                ("Producer" | "Consumer", _) if index.imports_module("confluent_kafka") => Some("kafka"),
                ("cron.schedule" | "schedule", _) if index.imports_module("node-cron") => Some("cron"),
                (_, "add_job") if index.imports.iter().any(|i| i.module.starts_with("apscheduler")) => Some("cron"),
                _ => None,
            };
            if let Some(q) = queue {
                queues.add(q, at(&call.span));
            }
        }
        for h in index.headers.iter().filter(|h| h.name.eq_ignore_ascii_case("cache-control")) {
            if h.value.as_deref().is_some_and(|v| v.contains("s-maxage") || v.contains("stale-while-revalidate")) && !client_only {
                layers.add("cdn-edge", at(&h.span));
            }
        }
    }
    for (id, file) in repo.of_kinds(&[FileKind::VercelJson, FileKind::Yaml, FileKind::Gemfile, FileKind::Procfile, FileKind::UwsgiIni]) {
        match (&file.kind, file.doc()) {
            // A process beside the web server does the work outside requests: a Procfile
            // `worker:` or `clock:`, a uWSGI `attach-daemon`.
            (Some(FileKind::Procfile), Doc::Procfile(processes)) => {
                for p in processes.iter().filter(|p| matches!(p.name.as_str(), "worker" | "clock" | "scheduler" | "jobs" | "queue")) {
                    queues.add("worker-process", Evidence::at(id, &p.span));
                }
            }
            (Some(FileKind::UwsgiIni), _) => {
                for option in crate::parse::lines::ini_options(file.text().unwrap_or("")) {
                    if matches!(option.key.as_str(), "attach-daemon" | "attach-daemon2" | "smart-attach-daemon" | "legion-attach-daemon") {
                        queues.add("worker-process", Evidence::at(id, &option.span));
                    }
                }
            }
            (Some(FileKind::VercelJson), Doc::Json(root)) => {
                if let Some(crons) = root.get("crons").filter(|c| !c.items().is_empty()) {
                    queues.add("vercel-cron", Evidence::at(id, &crons.span));
                }
                for rule in root.get("headers").map(Node::items).unwrap_or_default() {
                    for h in rule.get("headers").map(Node::items).unwrap_or_default() {
                        let is_cc = h.get("key").and_then(Node::as_str).is_some_and(|k| k.eq_ignore_ascii_case("cache-control"));
                        if is_cc
                            && h.get("value")
                                .and_then(Node::as_str)
                                .is_some_and(|v| v.contains("s-maxage") || v.contains("stale-while-revalidate"))
                        {
                            layers.add("cdn-edge", Evidence::at(id, &h.span));
                        }
                    }
                }
            }
            (Some(FileKind::Yaml), Doc::Yaml(docs)) => {
                for doc in docs.iter().filter(|d| d.get("kind").and_then(Node::as_str) == Some("CronJob")) {
                    queues.add("k8s-cronjob", Evidence::at(id, &doc.span));
                }
            }
            (Some(FileKind::Gemfile), Doc::Deps(deps)) => {
                for d in deps.iter().filter(|d| d.name == "sidekiq") {
                    queues.add("sidekiq", Evidence::at(id, &d.span));
                }
            }
            _ => {}
        }
    }

    inv.insert(
        "cache.layers",
        layers.fact().searched(&[
            "server-side cache clients (redis, ioredis, @upstash/redis, lru-cache, node-cache, cachetools, memcached)",
            "Cache-Control s-maxage / stale-while-revalidate set by the app",
        ]),
    );
    inv.insert(
        "cache.resilience",
        resilience.fact().searched(&[
            "circuit breakers (opossum, cockatiel, pybreaker)",
            "retry policies on cache clients",
            "retry libraries (tenacity, p-retry, backoff)",
        ]),
    );
    inv.insert("queue.jobs", queues.fact().searched(&["queue and scheduler clients (BullMQ, Bull, Celery, RQ, Dramatiq, arq, Inngest, Trigger.dev, QStash, Kafka, node-cron, APScheduler)", "vercel.json crons", "Kubernetes CronJobs", "Procfile worker/clock processes", "uWSGI attach-daemon"]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prisma_datasource() {
        let schema = "generator client { provider = \"prisma-client-js\" }\n// provider = \"mysql\"\ndatasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";
        assert_eq!(prisma_provider(schema).as_deref(), Some("postgresql"));
    }

    #[test]
    fn redis_conf() {
        let v = redis_settings("# requirepass commented\nappendonly yes\nmaxmemory-policy allkeys-lru\n");
        assert_eq!(v, json!({ "auth": false, "persistence": true, "maxmemory_policy": "allkeys-lru", "sentinel": false }));
        let cmd = redis_settings(&"redis-server --requirepass x --save 60 1".replace("--", "\n"));
        assert_eq!(cmd["auth"], json!(true));
        assert_eq!(cmd["persistence"], json!(true));
    }

    #[test]
    fn dumps_and_restores() {
        assert!(runs("set -e\nPGPASSWORD=x pg_dump -Fc app > /backups/app.dump", DUMPS));
        assert!(!runs("echo 'pg_dump is run by the provider'", DUMPS));
        assert!(runs_restore("pg_restore --clean -d restore_test /backups/app.dump"));
        assert!(!runs_restore("echo restore later"));
    }
}
