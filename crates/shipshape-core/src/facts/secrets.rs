//! Hardcoded secrets, found by shape (known token prefixes, private keys, JWTs, passwords in
//! URLs) and by assignment to secret-named keys. Values never leave this module: facts carry
//! the kind and the location only.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::parse::tree::to_u32;
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

/// A secret found: what kind, and where (the value is not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub file: FileId,
    pub span: std::ops::Range<u32>,
    pub kind: &'static str,
}

/// Prefixes of provider tokens (GitHub, Slack, Stripe live keys): secret at any length.
pub const PROVIDER_TOKEN_PREFIXES: &[&str] =
    &["ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "sk_live_", "rk_live_"];

/// Other shapes the scanner looks for: cloud keys, private keys, JWTs, URL credentials.
const OTHER_PREFIXES: &[&str] = &["AKIA", "ASIA", "-----BEGIN", "eyJ", "://"];

static PREFIXES: LazyLock<Vec<&str>> = LazyLock::new(|| OTHER_PREFIXES.iter().chain(PROVIDER_TOKEN_PREFIXES).copied().collect());

static SCANNER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(PREFIXES.iter()).ok());

/// Values that are clearly not real secrets.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    v.len() < 6
        || v.starts_with('<') && v.ends_with('>')
        || v.starts_with("${")
        || v.starts_with('$')
        || v.starts_with("{{")
        || v.starts_with("%(")
        || [
            "changeme",
            "change-me",
            "change_me",
            "changethis",
            "your-",
            "your_",
            "yourkey",
            "xxx",
            "example",
            "placeholder",
            "dummy",
            "sample",
            "secret123",
            "password123",
            "replace",
            "todo",
            "fixme",
            "insert",
            "<",
            "...",
            "…",
            "redacted",
            "test-",
            "fake",
            "notasecret",
            "not-a-secret",
            "supersecret",
            "localhost",
            "secret_key_here",
            "here",
        ]
        .iter()
        .any(|p| v.contains(p))
        || v.chars().all(|c| c == 'x' || c == '*' || c == '-' || c == '_' || c == '0')
}

/// A value that names something rather than being a secret: a dotted import path
/// (`app.utils.credentials`), a file path, or a URL without credentials.
fn is_reference(value: &str) -> bool {
    let dotted = value.contains('.')
        && value.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    let path = value.starts_with('/') || value.starts_with("./") || value.starts_with("~/");
    let url = (value.starts_with("http://") || value.starts_with("https://")) && !value.contains('@');
    dotted || path || url
}

/// Whether a path holds test fixtures or examples, where fake secrets belong.
pub fn is_fixture_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.split('/').any(|s| {
        matches!(
            s,
            "test" | "tests" | "__tests__" | "spec" | "fixtures" | "__fixtures__" | "testdata" | "mocks" | "__mocks__" | "e2e" | "cypress"
        )
    }) || lower.contains(".test.")
        || lower.contains(".spec.")
        || lower.contains("_test.")
        || lower.rsplit('/').next().is_some_and(|n| n.starts_with("test_"))
}

/// Whether a key or variable name says it holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace('-', "_");
    let segments: Vec<&str> = upper.split(['_', '.']).collect();
    let has = |w: &str| segments.contains(&w);
    (has("SECRET")
        || has("PASSWORD")
        || has("PASSWD")
        || has("TOKEN")
        || has("PRIVATE")
        || (has("API") && has("KEY"))
        || upper.ends_with("APIKEY")
        || upper == "SECRET_KEY"
        || (has("ACCESS") && has("KEY"))
        || has("CREDENTIALS"))
        && !(has("PUBLIC")
            || has("PUBLISHABLE")
            || has("ANON")
            || has("ID") && !has("SECRET")
            || has("URL") && !has("SECRET")
            || has("NAME")
            || has("FILE")
            || has("PATH")
            || has("EXPIRES")
            || has("TTL")
            || has("LENGTH")
            || has("HEADER"))
}

fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// The role claim of a JWT's payload, if it decodes.
fn jwt_role(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64url_decode(payload)?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    json.get("role").and_then(|r| r.as_str()).map(str::to_string)
}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        })
    };
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in s.trim_end_matches('=').bytes() {
        buffer = (buffer << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// Longest token looked at: credentials are far shorter, and scanning to the end of a long
/// base64 blob for each of its many prefix hits would be quadratic.
const MAX_TOKEN: usize = 2048;

/// The token at `at` in `text`: the run of characters a token can contain.
fn token_at(text: &str, at: usize) -> &str {
    let window_end = text.floor_char_boundary((at + MAX_TOKEN).min(text.len()));
    let window = &text[at..window_end];
    let end = window
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '+' | '=')))
        .map_or(window_end, |e| at + e);
    &text[at..end]
}

/// Host of a URL with credentials that are for local development.
fn is_local_host(host: &str) -> bool {
    let host = host.split([':', '/', '?']).next().unwrap_or(host);
    matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "::1" | "host.docker.internal") || !host.contains('.')
}

/// Scan one file's text by shape.
fn scan_text(file: FileId, text: &str, out: &mut Vec<Found>) {
    let Some(ac) = SCANNER.as_ref() else { return };
    for m in ac.find_iter(text) {
        let at = m.start();
        let pattern = PREFIXES[m.pattern().as_usize()];
        let span = to_u32(at..at + pattern.len());
        let kind = match pattern {
            "AKIA" | "ASIA" => {
                let t = token_at(text, at);
                (t.len() == 20 && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) && !t.contains("EXAMPLE"))
                    .then_some("aws-access-key")
            }
            "-----BEGIN" => {
                let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
                let header = &text[at..line_end];
                (header.contains("PRIVATE KEY") && !text[line_end..].trim_start().starts_with("...")).then_some("private-key")
            }
            p if p.starts_with("gh") || p == "github_pat_" => (token_at(text, at).len() >= 36).then_some("github-token"),
            p if p.starts_with("xox") => (token_at(text, at).len() >= 20).then_some("slack-token"),
            "sk_live_" | "rk_live_" => (token_at(text, at).len() >= 20).then_some("stripe-key"),
            "eyJ" => {
                let t = token_at(text, at);
                if t.split('.').count() == 3 && t.len() > 60 {
                    match jwt_role(t).as_deref() {
                        Some("anon") => None,
                        Some("service_role") => Some("supabase-service-role"),
                        _ => Some("jwt"),
                    }
                } else {
                    None
                }
            }
            "://" => {
                // scheme://user:password@host
                let tail = &text[at + 3..];
                let rest =
                    &tail[..tail.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ')')).unwrap_or(tail.len())];
                let creds = rest.split_once('@');
                match creds {
                    Some((c, host)) if c.contains(':') && !c.contains('/') => {
                        let password = c.split_once(':').map_or("", |(_, p)| p);
                        (!password.is_empty() && !is_placeholder(password) && !is_local_host(host) && !password.starts_with('$'))
                            .then_some("password-in-url")
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        // A token-shaped placeholder (`sk_live_your-key-here`) is not a secret.
        if let Some(kind) = kind.filter(|_| !is_placeholder(token_at(text, at)) || pattern == "://" || pattern == "-----BEGIN") {
            out.push(Found { file, span, kind });
        }
    }
}

/// Secret-named keys with literal, non-placeholder values in structured files.
fn scan_assignments(file: FileId, kind: Option<FileKind>, doc: &Doc, out: &mut Vec<Found>) {
    // Compose and CI files carry development and test-service defaults
    // (`POSTGRES_PASSWORD: postgres`): only values that look random count there.
    let random_only = matches!(
        kind,
        Some(
            FileKind::Compose
                | FileKind::GithubWorkflow
                | FileKind::GitlabCi
                | FileKind::CircleCi
                | FileKind::BitbucketPipelines
                | FileKind::AzurePipelines
                | FileKind::DroneCi
                | FileKind::TravisCi
                | FileKind::Buildkite
        )
    );
    let mut check = |name: &str, value: &str, span: std::ops::Range<u32>| {
        if !is_secret_name(name) || is_placeholder(value) || value.contains("${") || value.contains("secrets.") || is_reference(value) {
            return;
        }
        let random = value.len() >= 16 && shannon_entropy(value) >= 3.5;
        if random_only && !random {
            return;
        }
        let kind = if name.to_ascii_uppercase().contains("PASSWORD") || name.to_ascii_uppercase().contains("PASSWD") {
            "password"
        } else if name.to_ascii_uppercase().contains("UPSTASH") {
            "upstash-token"
        } else if random {
            "generic-high-entropy"
        } else {
            return;
        };
        out.push(Found { file, span, kind });
    };
    match doc {
        Doc::Env(entries) => {
            for e in entries.iter().filter(|e| !e.commented) {
                check(&e.name, &e.value, e.span.clone());
            }
        }
        Doc::Yaml(docs) => {
            for d in docs {
                walk_entries(d, &mut |k, v| {
                    if let Some(s) = v.as_str() {
                        check(k, s, v.span.clone());
                    }
                });
            }
        }
        Doc::Json(root) | Doc::Toml(root) => walk_entries(root, &mut |k, v| {
            if let Some(s) = v.as_str() {
                check(k, s, v.span.clone());
            }
        }),
        Doc::Code(Some(index)) => {
            for (name, value, span) in &index.constants {
                if let shipshape_lang::Arg::Str(s) = value {
                    check(name, s, to_u32(span.clone()));
                }
            }
        }
        Doc::Dockerfile(df) => {
            for ins in df.instructions.iter().filter(|i| i.keyword == "ENV" || i.keyword == "ARG") {
                let (name, value) = ins.args.split_once(['=', ' ']).unwrap_or((&ins.args, ""));
                check(name.trim(), value.trim().trim_matches('"'), ins.span.clone());
            }
        }
        _ => {}
    }
}

fn walk_entries(node: &Node, f: &mut impl FnMut(&str, &Node)) {
    for e in node.entries() {
        f(&e.key, &e.value);
        walk_entries(&e.value, f);
    }
    for item in node.items() {
        walk_entries(item, f);
    }
}

/// Every likely secret in the repository's read files, outside test fixtures.
pub fn scan(repo: &Repo) -> (Vec<Found>, Vec<Found>) {
    let mut found = Vec::new();
    let mut in_fixtures = Vec::new();
    for (id, file) in repo.iter() {
        let Some(text) = file.text.as_deref() else { continue };
        if matches!(file.kind, Some(FileKind::Lockfile)) {
            continue;
        }
        let target = if is_fixture_path(&file.path) { &mut in_fixtures } else { &mut found };
        scan_text(id, text, target);
        scan_assignments(id, file.kind, &file.doc, target);
    }
    found.sort_by_key(|f| (f.file, f.span.start, f.kind));
    found.dedup_by(|a, b| a.file == b.file && a.span.start == b.span.start);
    (found, in_fixtures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        scan_text(FileId(0), text, &mut out);
        out.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn shapes() {
        assert_eq!(kinds("aws_access_key_id = AKIAIOSFODNN7REALKEY"), ["aws-access-key"]);
        assert_eq!(kinds("AKIAIOSFODNN7EXAMPLE"), Vec::<&str>::new(), "AWS's documented example key");
        assert_eq!(kinds("-----BEGIN RSA PRIVATE KEY-----\nMIIE..."), ["private-key"]);
        assert_eq!(kinds("-----BEGIN PUBLIC KEY-----"), Vec::<&str>::new());
        assert_eq!(kinds("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789"), ["github-token"]);
        assert_eq!(kinds("DATABASE_URL=postgres://app:s3cr3tP4ss@db.example.com:5432/app"), ["password-in-url"]);
        assert_eq!(kinds("DATABASE_URL=postgres://postgres:postgres@localhost:5432/app"), Vec::<&str>::new());
        assert_eq!(kinds("url: postgres://app:hunter22@db:5432/app"), Vec::<&str>::new(), "a compose service name");
        assert_eq!(kinds("DATABASE_URL=postgres://app:${DB_PASSWORD}@db.example.com/app"), Vec::<&str>::new());
    }

    #[test]
    fn supabase_anon_keys_are_public() {
        // Payloads: {"role":"anon"} and {"role":"service_role"}, signature arbitrary.
        let anon = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiIsImlzcyI6InN1cGFiYXNlIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2ln";
        let service = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIiwiaXNzIjoic3VwYWJhc2UifQ.c2lnbmF0dXJlc2lnbmF0dXJl";
        assert_eq!(kinds(anon), Vec::<&str>::new());
        assert_eq!(kinds(service), ["supabase-service-role"]);
    }

    #[test]
    fn names_and_placeholders() {
        assert!(is_secret_name("STRIPE_SECRET_KEY"));
        assert!(is_secret_name("db_password"));
        assert!(is_secret_name("OPENAI_API_KEY"));
        assert!(!is_secret_name("NEXT_PUBLIC_SUPABASE_ANON_KEY"));
        assert!(!is_secret_name("TOKEN_EXPIRES_IN"));
        assert!(!is_secret_name("GOOGLE_CLIENT_ID"));
        assert!(is_placeholder("your-api-key-here"));
        assert!(is_placeholder("changeme"));
        assert!(is_placeholder("<secret>"));
        assert!(!is_placeholder("8f3kQ9zLmP2xV7wR"));
        assert!(is_reference("aggregator.utils.push_credentials"));
        assert!(is_reference("/run/secrets/db_password"));
        assert!(!is_reference("8f3kQ9zLmP2xV7wR.x"));
    }
}
