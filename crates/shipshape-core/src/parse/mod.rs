//! The parse stage: one module per file format, each returning a typed document whose nodes
//! keep their source ranges. [`load`] runs walk and parse for a whole source.

pub mod dockerfile;
pub mod json;
pub mod lines;
pub mod nginx;
pub mod sql;
pub mod toml;
pub mod tree;
pub mod yaml;

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use shipshape_lang::{CodeIndex, Dialect};

use crate::skip::{SkipReason, Skipped};
use crate::source::{Source, SourceInfo};
use crate::walk::{self, FileKind, Format};

pub use tree::{Entry, Node, Value};

/// A parsed document.
#[derive(Debug, Clone)]
pub enum Doc {
    /// Not read: known by its path only.
    Unread,
    Yaml(Vec<Node>),
    Json(Node),
    Toml(Node),
    Dockerfile(dockerfile::Dockerfile),
    Procfile(Vec<lines::Process>),
    Env(Vec<lines::EnvEntry>),
    Deps(Vec<lines::Dependency>),
    /// nginx configuration.
    Nginx(Vec<nginx::Directive>),
    /// HCL (Terraform): the top-level body.
    Hcl(Box<hcl_edit::structure::Body>),
    /// Source code: `None` when the literal prefilter found nothing worth parsing.
    Code(Option<Box<CodeIndex>>),
    Text,
}

/// Index of a file in [`Repo::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

#[derive(Debug)]
pub struct RepoFile {
    pub path: String,
    pub kind: Option<FileKind>,
    /// What the file is for, from its path ([`walk::role`]).
    pub role: walk::Role,
    /// The text of files that were read.
    text: Option<String>,
    /// The text of a file that was decoded but did not parse: no fact reads it, but the secret
    /// scanner does, and evidence of a secret in it can be shown (redacted).
    raw: Option<String>,
    doc: Doc,
    /// Whether an extractor asked for the document or text since [`Repo::take_asked`]: what a
    /// fact was built from is recorded, not guessed (a skipped file asked for leaves the fact
    /// incomplete).
    asked: AtomicBool,
    /// Where each line starts, computed the first time a line is asked for.
    line_starts: OnceLock<Vec<u32>>,
}

impl RepoFile {
    pub fn new(path: String, kind: Option<FileKind>, text: Option<String>, raw: Option<String>, doc: Doc) -> RepoFile {
        let role = walk::role(&path);
        RepoFile { path, kind, role, text, raw, doc, asked: AtomicBool::new(false), line_starts: OnceLock::new() }
    }

    /// The parsed document (`Unread` for files not read or skipped). Recorded as asked for.
    pub fn doc(&self) -> &Doc {
        self.asked.store(true, Ordering::Relaxed);
        &self.doc
    }

    /// The text of a read file. Recorded as asked for.
    pub fn text(&self) -> Option<&str> {
        self.asked.store(true, Ordering::Relaxed);
        self.text.as_deref()
    }

    /// The text of a read file, or of one that was decoded but did not parse (for the secret
    /// scanner and redacted evidence). Recorded as asked for only when there is no text at all:
    /// a caller that wants the text has what it wants from a file that did not parse.
    pub fn any_text(&self) -> Option<&str> {
        let text = self.text.as_deref().or(self.raw.as_deref());
        if text.is_none() {
            self.asked.store(true, Ordering::Relaxed);
        }
        text
    }

    /// Whether the file was read (its text is known and it parsed, or needs no parse).
    pub fn is_read(&self) -> bool {
        self.text.is_some()
    }
}

/// Everything the walk and parse stages produced: every listed file (read or not), the set of
/// directories, and what was skipped.
#[derive(Debug, Default)]
pub struct Repo {
    pub source: SourceInfo,
    pub files: Vec<RepoFile>,
    pub dirs: BTreeSet<String>,
    pub skipped: Vec<Skipped>,
    /// What a live probe of the deployment captured, when one ran.
    pub live: Option<crate::live::LiveCapture>,
}

impl Repo {
    pub fn file(&self, id: FileId) -> &RepoFile {
        &self.files[id.0 as usize]
    }

    /// Files of one kind, with their ids.
    pub fn of_kind(&self, kind: FileKind) -> impl Iterator<Item = (FileId, &RepoFile)> {
        self.iter().filter(move |(_, f)| f.kind == Some(kind))
    }

    /// Files of any of these kinds, with their ids.
    pub fn of_kinds<'k>(&self, kinds: &'k [FileKind]) -> impl Iterator<Item = (FileId, &RepoFile)> + use<'_, 'k> {
        self.iter().filter(move |(_, f)| f.kind.is_some_and(|k| kinds.contains(&k)))
    }

    /// The files that can describe the production system, with their ids: not test fixtures,
    /// examples or vendored code ([`walk::Role::describes_production`]). Every extractor reads
    /// through this (or [`Repo::of_kind`]), so no fact comes from another system's files.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &RepoFile)> {
        self.all().filter(|(_, f)| f.role.describes_production())
    }

    /// Every listed file, whatever its role: for the secret scanner, which reports what it
    /// finds in fixtures apart.
    pub fn all(&self) -> impl Iterator<Item = (FileId, &RepoFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// The id of the file at a repo-relative path.
    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| FileId(i as u32))
    }

    /// Whether a directory (repo-relative, `.` for the root) exists.
    pub fn dir_exists(&self, dir: &str) -> bool {
        let dir = dir.trim_matches('/').trim_start_matches("./");
        dir.is_empty() || dir == "." || self.dirs.contains(dir)
    }

    /// 1-based line and the line's text for a byte offset in a read file.
    pub fn line_at(&self, id: FileId, offset: u32) -> Option<(u32, &str)> {
        let file = self.file(id);
        let text = file.text.as_deref().or(file.raw.as_deref())?;
        let starts =
            file.line_starts.get_or_init(|| std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1)).collect());
        let offset = offset.min(text.len() as u32);
        // The last line starting at or before the offset.
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1] as usize;
        let end = starts.get(line).map_or(text.len(), |&next| next as usize - 1);
        Some((line as u32, &text[start..end]))
    }

    /// The files asked for (document or text) since the last call, and forget them: what one
    /// extractor read.
    pub fn take_asked(&self) -> Vec<FileId> {
        self.all().filter(|(_, f)| f.asked.swap(false, Ordering::Relaxed)).map(|(id, _)| id).collect()
    }

    /// The text of a span in a read file.
    pub fn slice(&self, id: FileId, span: &Range<u32>) -> &str {
        let file = self.file(id);
        file.text.as_deref().or(file.raw.as_deref()).and_then(|t| t.get(span.start as usize..span.end as usize)).unwrap_or("")
    }
}

/// Literals any code extractor cares about; files without one are not parsed.
const CODE_LITERALS: &[&str] = &[
    // Environment.
    "process.env",
    "import.meta.env",
    "Deno.env",
    "createEnv",
    "cleanEnv",
    "environ",
    "getenv",
    "BaseSettings",
    // Observability.
    "Sentry",
    "sentry",
    "opentelemetry",
    "registerOTel",
    "dd-trace",
    "ddtrace",
    "newrelic",
    "Bugsnag",
    "bugsnag",
    "Rollbar",
    "rollbar",
    "Honeybadger",
    "honeybadger",
    "LogRocket",
    "highlight",
    "posthog",
    "elastic-apm",
    "pino",
    "winston",
    "bunyan",
    "consola",
    "@axiomhq",
    "FeatureFlag",
    "featureFlag",
    "feature_flag",
    "FeatureEnabled",
    "feature_enabled",
    "next-axiom",
    "@logtail",
    "structlog",
    "loguru",
    "logging",
    "console.",
    "print(",
    "prom-client",
    "prometheus",
    "statsd",
    "StatsD",
    "@vercel/analytics",
    "@vercel/speed-insights",
    // Health routes.
    "health",
    "Controller(",
    "readyz",
    "livez",
    "/ready",
    "/live",
    "/ping",
    "/status",
    // Security.
    "helmet",
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin",
    "setHeader",
    "cors",
    "CORS",
    "Access-Control-Allow-Origin",
    "rateLimit",
    "RateLimit",
    "ratelimit",
    "rate_limit",
    "Limiter",
    "limiter",
    "Ratelimit",
    "ThrottlerModule",
    "TokenBucket",
    "token_bucket",
    "LeakyBucket",
    // Django security settings and middleware.
    "SECURE_",
    "SecurityMiddleware",
    "XFrameOptionsMiddleware",
    "DEBUG",
    "X_FRAME_OPTIONS",
    "CORS_",
    "CSP_",
    // Feature flags.
    "launchdarkly",
    "unleash",
    "flagsmith",
    "growthbook",
    "GrowthBook",
    "openfeature",
    "OpenFeature",
    "@vercel/flags",
    // Data, caches, queues.
    "redis",
    "Redis",
    "upstash",
    "memcache",
    "Memcache",
    "LRUCache",
    "lru-cache",
    "NodeCache",
    "TTLCache",
    "CircuitBreaker",
    "circuitBreaker",
    "opossum",
    "cockatiel",
    "pybreaker",
    "tenacity",
    "retryStrategy",
    "retry_strategy",
    "p-retry",
    "bullmq",
    "Queue",
    "celery",
    "Celery",
    "dramatiq",
    "arq",
    "agenda",
    "inngest",
    "trigger.dev",
    "qstash",
    "kafka",
    "node-cron",
    "cron",
    "Pool",
    "create_engine",
    "pool_size",
    // Scale.
    "import(",
    "next/image",
    "k6/http",
    "locust",
];

/// A DFA: over a hundred literals are past what SIMD prefilters take, and a DFA scans a byte at
/// a time without backtracking.
static CODE_PREFILTER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::DFA)).build(CODE_LITERALS).ok());

/// Whether a source text contains any literal the code extractors look for.
pub fn code_prefilter_hits(text: &str) -> bool {
    CODE_PREFILTER.as_ref().is_none_or(|ac| ac.is_match(text))
}

/// Parses kept by file path and content id, shared by the audits of several revisions. A file
/// is parsed once per distinct content; later revisions get a copy.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: Mutex<HashMap<(String, String), Parsed>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

/// A read file's text and document, or why it was skipped (with its text, when it was
/// decoded but did not parse).
type Parsed = Result<(String, Doc), (SkipReason, Option<String>)>;

impl ParseCache {
    /// Files served from the cache and files read and parsed, since it was made.
    pub fn stats(&self) -> (usize, usize) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }

    fn get(&self, key: &(String, String)) -> Option<Parsed> {
        let found = self.entries.lock().ok()?.get(key).cloned();
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    fn put(&self, key: (String, String), parsed: &Parsed) {
        self.misses.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, parsed.clone());
        }
    }
}

/// The stack of a thread that parses: JS/TS parsers recurse as deep as code nests, and on a
/// stack this size every file but pathological ones parses in place (those get a stack of their
/// own). Address space, not memory: only the pages a parse reaches are ever touched.
pub const PARSER_STACK: usize = 256 << 20;

/// Parse on threads with [`PARSER_STACK`]: the global pool, unless its owner set it up first
/// (parsing is safe on any stack, only slower on a small one).
fn parser_threads() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new().stack_size(PARSER_STACK).build_global();
    });
}

/// Walk and parse a source, reusing `cache` where the source gives content ids.
pub fn load(source: &dyn Source, config: &crate::config::Config, cache: Option<&ParseCache>) -> Result<Repo, String> {
    parser_threads();
    let mut listing = source.list(&|dir| walk::is_pruned_dir(dir))?;
    listing.files.retain(|path| !config.is_ignored(path));
    let mut skipped = listing.skipped;
    // A FIFO, socket or device is never opened; one with a name the audit reads is listed.
    skipped.extend(
        listing
            .special
            .into_iter()
            .filter(|(path, _)| !config.is_ignored(path) && walk::classify(path).is_some())
            .map(|(path, what)| Skipped { path, reason: SkipReason::NotRegular(what) }),
    );
    let mut dirs = BTreeSet::new();
    for path in &listing.files {
        let mut p = path.as_str();
        while let Some((parent, _)) = p.rsplit_once('/') {
            if !dirs.insert(parent.to_string()) {
                break;
            }
            p = parent;
        }
    }
    let results: Vec<(RepoFile, Option<Skipped>)> = listing
        .files
        .into_par_iter()
        .filter(|path| !walk::is_under_pruned_dir(path))
        .map(|path| {
            let kind = walk::classify(&path);
            let format = kind.map_or(Format::None, FileKind::format);
            if format == Format::None {
                return (RepoFile::new(path, kind, None, None, Doc::Unread), None);
            }
            let parse = || {
                let text = read_text(source, &path)?;
                match parse_text(&path, format, &text) {
                    Ok(doc) => Ok((text, doc)),
                    Err(reason) => Err((reason, Some(text))),
                }
            };
            let key = cache.and_then(|_| source.content_id(&path)).map(|id| (path.clone(), id));
            let parsed = match (cache, key) {
                (Some(cache), Some(key)) => cache.get(&key).unwrap_or_else(|| {
                    let parsed = parse();
                    cache.put(key, &parsed);
                    parsed
                }),
                _ => parse(),
            };
            match parsed {
                Ok((text, doc)) => (RepoFile::new(path, kind, Some(text), None, doc), None),
                Err((reason, raw)) => {
                    let skip = Skipped { path: path.clone(), reason };
                    (RepoFile::new(path, kind, None, raw, Doc::Unread), Some(skip))
                }
            }
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for (file, skip) in results {
        files.push(file);
        skipped.extend(skip);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    skipped.sort();
    refine_compose_kinds(&mut files);
    Ok(Repo { source: source.info(), files, dirs, skipped, live: None })
}

/// Images of backing services a developer runs beside the app (databases, caches, queues, mail
/// catchers, object stores, admin consoles), by their name without registry or tag.
const BACKING_IMAGES: &[&str] = &[
    "mysql",
    "mariadb",
    "postgres",
    "postgis",
    "mongo",
    "redis",
    "valkey",
    "memcached",
    "rabbitmq",
    "nats",
    "elasticsearch",
    "opensearch",
    "minio",
    "localstack",
    "mailhog",
    "mailpit",
    "mailcatcher",
    "maildev",
    "adminer",
    "pgadmin4",
    "clickhouse-server",
    "cp-kafka",
    "kafka",
    "zookeeper",
    "azurite",
    "dynamodb-local",
    "redis-stack",
    "keydb",
    "meilisearch",
    "typesense",
];

/// The name of an image without its registry, namespace, tag or digest:
/// `ghcr.io/acme/api:1.4` → `api`, `postgres@sha256:…` → `postgres`.
pub fn image_name(image: &str) -> &str {
    image.rsplit('/').next().unwrap_or(image).split([':', '@']).next().unwrap_or("")
}

/// A compose file whose path does not say it is for development (`docker-compose.yml`) but
/// whose content does: no service builds the repository's code, and every image is a backing
/// service (a database, cache, queue, mail catcher) or a simulator or emulator (`ps-http-sim`,
/// `firebase-emulator`). It is the developer's backing services, not a deployment of the app:
/// an image of the app itself (`ghcr.io/acme/api:1.4`) keeps it a deployment.
fn refine_compose_kinds(files: &mut [RepoFile]) {
    use FileKind::{Compose, DevCompose};
    for file in files.iter_mut().filter(|f| f.kind == Some(Compose)) {
        let Doc::Yaml(docs) = &file.doc else { continue };
        let services: Vec<&Node> =
            docs.iter().flat_map(|d| d.get("services").map(Node::entries).unwrap_or_default()).map(|e| &e.value).collect();
        if services.is_empty() || services.iter().any(|s| s.get("build").is_some()) {
            continue;
        }
        let backing = |s: &&Node| {
            let Some(image) = s.get("image").and_then(Node::as_str) else { return false };
            let name = image_name(image).to_ascii_lowercase();
            BACKING_IMAGES.contains(&name.as_str())
                || name.split(['-', '_', '.']).any(|w| matches!(w, "sim" | "simulator" | "emulator" | "emulators" | "mock" | "fake"))
        };
        if services.iter().all(backing) {
            file.kind = Some(DevCompose);
        }
    }
}

fn read_text(source: &dyn Source, path: &str) -> Result<String, (SkipReason, Option<String>)> {
    let bytes = source.read(path).map_err(|e| (e.into_skip(), None))?;
    decode(bytes)
}

/// A file's text: UTF-8 (its byte-order mark dropped, so that parsers see the first key where
/// it is), or UTF-16 with a byte-order mark (Windows editors save `.env` and YAML so). Spans,
/// lines and snippets all refer to this text; a byte-order mark is no column to an editor.
/// Anything else with NUL bytes is binary; anything else that is not UTF-8 is not parsed, but
/// its text (lossily decoded) is still scanned for secrets.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, (SkipReason, Option<String>)> {
    let utf16 = |units: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = units.chunks(2).map(|c| unit([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16(&units).map_err(|_| (SkipReason::NotUtf8, Some(String::from_utf16_lossy(&units))))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err((SkipReason::Binary, None));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| (SkipReason::NotUtf8, Some(String::from_utf8_lossy(e.as_bytes()).into_owned())))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Parse one file's text in the given format.
pub fn parse_text(path: &str, format: Format, text: &str) -> Result<Doc, SkipReason> {
    let doc = match format {
        Format::Yaml if is_helm_template(path, text) => {
            Doc::Yaml(yaml::parse(&blank_template_actions(text)).map_err(|e| SkipReason::Malformed(format!("Helm template: {e}")))?)
        }
        Format::Yaml => Doc::Yaml(yaml::parse(text).map_err(SkipReason::Malformed)?),
        Format::Json => Doc::Json(json::parse(text).map_err(SkipReason::Malformed)?),
        Format::Toml => Doc::Toml(toml::parse(text).map_err(SkipReason::Malformed)?),
        Format::Dockerfile => Doc::Dockerfile(dockerfile::parse(text)),
        Format::Procfile => Doc::Procfile(lines::procfile(text)),
        Format::Dotenv => Doc::Env(lines::dotenv(text)),
        Format::Requirements => Doc::Deps(lines::requirements(text)),
        Format::GoMod => Doc::Deps(lines::go_mod(text)),
        Format::Gemfile => Doc::Deps(lines::gemfile(text)),
        Format::Code => match Dialect::from_path(path).filter(|_| code_prefilter_hits(text)) {
            None => Doc::Code(None),
            Some(dialect) => Doc::Code(Some(Box::new(shipshape_lang::try_index(text, dialect).map_err(|why| match why {
                shipshape_lang::ParseFailure::TooLarge => SkipReason::Malformed("source too large to parse".into()),
                shipshape_lang::ParseFailure::Syntax { offset, message } => {
                    let line = text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1;
                    SkipReason::Malformed(format!("syntax error the parser could not recover from, line {line}: {message}"))
                }
                shipshape_lang::ParseFailure::TimedOut => {
                    SkipReason::Malformed("parsing and indexing gave up after 1 s on this file".into())
                }
                shipshape_lang::ParseFailure::OverBudget => {
                    SkipReason::Malformed("indexing this file took more work than its size allows (pathological nesting)".into())
                }
                shipshape_lang::ParseFailure::NoGrammar => SkipReason::Malformed("no grammar for this language".into()),
            })?))),
        },
        Format::Text => Doc::Text,
        Format::Nginx => Doc::Nginx(nginx::parse(text)),
        Format::Hcl => Doc::Hcl(Box::new(hcl_edit::parser::parse_body(text).map_err(|e| {
            let first = e.to_string().lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
            SkipReason::Malformed(format!("HCL: {first} (line {})", e.location().line()))
        })?)),
        Format::None => Doc::Unread,
    };
    Ok(doc)
}

/// A Helm chart template: YAML only once rendered.
pub fn is_helm_template(path: &str, text: &str) -> bool {
    (path.contains("/templates/") || path.starts_with("templates/")) && text.contains("{{")
}

/// Make a Helm template parseable without rendering it: lines that hold only template actions
/// become blank, and each remaining `{{ … }}` becomes a same-length plain word, so every byte
/// offset still points at the original text.
pub fn blank_template_actions(text: &str) -> String {
    let same_length_blank =
        |s: &str| -> String { s.chars().map(|c| if c == '\n' { "\n".to_string() } else { " ".repeat(c.len_utf8()) }).collect() };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        let mut rebuilt = String::with_capacity(line.len());
        let mut only_actions = true;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}").map(|e| e + 2) else { break };
            only_actions &= rest[..start].trim().is_empty();
            rebuilt.push_str(&rest[..start]);
            rebuilt.push_str(&tree::TEMPLATED.repeat(len));
            rest = &rest[start + len..];
        }
        only_actions &= rest.trim().is_empty();
        rebuilt.push_str(rest);
        if only_actions && line.contains("{{") {
            out.push_str(&same_length_blank(line));
        } else {
            out.push_str(&rebuilt);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_are_decoded_not_parsed() {
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(b"on: push\n");
        assert_eq!(decode(utf8).expect("utf-8"), "on: push\n");
        let text = "KEY=välue\n";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(le).expect("utf-16le"), text);
        assert_eq!(decode(be).expect("utf-16be"), text);
        assert!(matches!(decode(vec![0xFF, 0xFE, 0x00, 0xD8]), Err((SkipReason::NotUtf8, Some(_)))), "a lone surrogate");
        assert!(matches!(decode(b"PK\x03\x04\x00\x00".to_vec()), Err((SkipReason::Binary, None))));
        assert!(matches!(decode(vec![b'a', 0xC3]), Err((SkipReason::NotUtf8, Some(_)))));
        let yaml = decode([0xEF, 0xBB, 0xBF].into_iter().chain(*b"on: push\njobs: {}\n").collect()).expect("utf-8");
        assert!(yaml::parse(&yaml).is_ok(), "a workflow that starts with a BOM parses");
    }

    #[test]
    fn line_at_names_the_line_of_any_offset() {
        let text = "first\nsécond line\n\nlast";
        let file = RepoFile::new("a".into(), None, Some(text.into()), None, Doc::Text);
        let repo = Repo { files: vec![file], ..Repo::default() };
        let at = |offset: usize| repo.line_at(FileId(0), offset as u32);
        assert_eq!(at(0), Some((1, "first")));
        assert_eq!(at(5), Some((1, "first")), "the newline ends its line");
        assert_eq!(at(6), Some((2, "sécond line")));
        assert_eq!(at(8), Some((2, "sécond line")), "inside a multi-byte character");
        assert_eq!(at(text.find("\n\n").expect("blank line") + 1), Some((3, "")));
        assert_eq!(at(text.len()), Some((4, "last")));
        assert_eq!(at(text.len() + 10), Some((4, "last")), "past the end is the last line");
    }

    #[test]
    fn helm_templates_keep_offsets() {
        let text = "{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n{{- end }}\n";
        let blanked = blank_template_actions(text);
        assert_eq!(blanked.len(), text.len());
        let docs = yaml::parse(&blanked).expect("parses once blanked");
        let kind = docs[0].get("kind").expect("kind");
        assert_eq!(&text[kind.span.start as usize..kind.span.end as usize], "Deployment");
    }

    proptest::proptest! {
        #[test]
        fn hcl_never_panics(text in "(terraform|backend|\"s3\"|\\{|\\}|=|\\[|\\]|#|//|/\\*|\\*/|\\$\\{|<<EOF|EOF|[a-z]{1,4}|\n| ){0,80}") {
            let _ = parse_text("x.tf", Format::Hcl, &text);
        }

        #[test]
        fn helm_blanking_keeps_length_and_never_panics(text in "(\\{\\{|\\}\\}|-|[a-zé: ]{1,5}|\n){0,80}") {
            proptest::prop_assert_eq!(blank_template_actions(&text).len(), text.len());
        }
    }

    #[test]
    fn binary_and_bom() {
        assert!(code_prefilter_hits("const a = process.env.A"));
        assert!(!code_prefilter_hits("const a = 1"));
    }
}
