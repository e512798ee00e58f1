//! Hardcoded secrets, found by shape (known token prefixes, private keys, JWTs, passwords in
//! URLs) and by assignment to secret-named keys. Values never leave this module: facts carry
//! the kind and the location only.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::parse::tree::to_u32;
use crate::parse::{Doc, FileId, Node, Repo, RepoFile};
use crate::walk::FileKind;

/// A secret found: what kind, and where (the value is not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub file: FileId,
    pub span: std::ops::Range<u32>,
    pub kind: &'static str,
}

/// A provider's token format: its literal prefix and what the whole token must look like.
struct Provider {
    prefix: &'static str,
    kind: &'static str,
    /// Whether the token (prefix included) has the provider's shape.
    shape: fn(&str) -> bool,
}

fn tail(t: &str, prefix: &str) -> usize {
    t.len().saturating_sub(prefix.len())
}
fn alnum(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
fn hex_tail(t: &str, prefix: &str, len: usize) -> bool {
    tail(t, prefix) == len && t[prefix.len()..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Provider token formats: secret at any entropy, once the shape matches. The prefix must
/// start a word (`xSK…` is not a Twilio key).
const PROVIDERS: &[Provider] = &[
    Provider {
        prefix: "AKIA",
        kind: "aws-access-key",
        shape: |t| t.len() == 20 && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) && !t.contains("EXAMPLE"),
    },
    Provider {
        prefix: "ASIA",
        kind: "aws-access-key",
        shape: |t| t.len() == 20 && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
    },
    Provider { prefix: "ghp_", kind: "github-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "gho_", kind: "github-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "ghs_", kind: "github-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "ghu_", kind: "github-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "ghr_", kind: "github-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "github_pat_", kind: "github-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "glpat-", kind: "gitlab-token", shape: |t| t.len() >= 26 && alnum(t) },
    Provider { prefix: "glptt-", kind: "gitlab-token", shape: |t| t.len() >= 26 && alnum(t) },
    Provider { prefix: "xoxb-", kind: "slack-token", shape: |t| t.len() >= 20 },
    Provider { prefix: "xoxp-", kind: "slack-token", shape: |t| t.len() >= 20 },
    Provider { prefix: "xoxa-", kind: "slack-token", shape: |t| t.len() >= 20 },
    Provider { prefix: "xoxr-", kind: "slack-token", shape: |t| t.len() >= 20 },
    Provider { prefix: "xoxs-", kind: "slack-token", shape: |t| t.len() >= 20 },
    Provider { prefix: "xapp-", kind: "slack-token", shape: |t| t.len() >= 20 },
    Provider { prefix: "hooks.slack.com/services/T", kind: "slack-webhook", shape: |t| t.split('/').count() >= 5 && t.len() >= 60 },
    Provider { prefix: "discord.com/api/webhooks/", kind: "discord-webhook", shape: |t| t.len() >= 80 },
    Provider { prefix: "sk_live_", kind: "stripe-key", shape: |t| t.len() >= 24 && alnum(t) },
    Provider { prefix: "rk_live_", kind: "stripe-key", shape: |t| t.len() >= 24 && alnum(t) },
    Provider { prefix: "AIza", kind: "google-api-key", shape: |t| t.len() == 39 && alnum(t) },
    Provider { prefix: "ya29.", kind: "google-oauth-token", shape: |t| t.len() >= 40 },
    Provider {
        prefix: "SG.",
        kind: "sendgrid-key",
        shape: |t| {
            let p: Vec<&str> = t.split('.').collect();
            p.len() == 3 && p[1].len() == 22 && p[2].len() == 43
        },
    },
    Provider { prefix: "SK", kind: "twilio-key", shape: |t| hex_tail(t, "SK", 32) },
    Provider { prefix: "npm_", kind: "npm-token", shape: |t| t.len() == 40 && alnum(t) },
    Provider { prefix: "pypi-AgEIcHlwaS5vcmc", kind: "pypi-token", shape: |t| t.len() >= 80 },
    Provider { prefix: "dop_v1_", kind: "digitalocean-token", shape: |t| hex_tail(t, "dop_v1_", 64) },
    Provider { prefix: "doo_v1_", kind: "digitalocean-token", shape: |t| hex_tail(t, "doo_v1_", 64) },
    Provider { prefix: "dor_v1_", kind: "digitalocean-token", shape: |t| hex_tail(t, "dor_v1_", 64) },
    Provider { prefix: "shpat_", kind: "shopify-token", shape: |t| hex_tail(t, "shpat_", 32) },
    Provider { prefix: "shpca_", kind: "shopify-token", shape: |t| hex_tail(t, "shpca_", 32) },
    Provider { prefix: "shppa_", kind: "shopify-token", shape: |t| hex_tail(t, "shppa_", 32) },
    Provider { prefix: "shpss_", kind: "shopify-token", shape: |t| hex_tail(t, "shpss_", 32) },
    Provider { prefix: "key-", kind: "mailgun-key", shape: |t| tail(t, "key-") == 32 && alnum(t) },
    Provider { prefix: "sk-ant-", kind: "anthropic-key", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "sk-proj-", kind: "openai-key", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "sk-", kind: "openai-key", shape: |t| tail(t, "sk-") >= 40 && alnum(t) && t.bytes().any(|b| b.is_ascii_digit()) },
    Provider { prefix: "hf_", kind: "huggingface-token", shape: |t| tail(t, "hf_") >= 30 && alnum(t) },
    Provider { prefix: "dapi", kind: "databricks-token", shape: |t| hex_tail(t, "dapi", 32) },
    Provider { prefix: "hvs.", kind: "vault-token", shape: |t| t.len() >= 28 && alnum(&t[4..]) },
    Provider { prefix: "lin_api_", kind: "linear-key", shape: |t| t.len() >= 48 && alnum(t) },
    Provider { prefix: "PMAK-", kind: "postman-key", shape: |t| t.len() >= 59 },
    Provider { prefix: "sntrys_", kind: "sentry-token", shape: |t| t.len() >= 60 },
    Provider { prefix: "glc_", kind: "grafana-token", shape: |t| t.len() >= 32 },
    Provider { prefix: "glsa_", kind: "grafana-token", shape: |t| t.len() >= 40 },
    Provider { prefix: "sbp_", kind: "supabase-token", shape: |t| hex_tail(t, "sbp_", 40) },
    Provider { prefix: "nfp_", kind: "netlify-token", shape: |t| t.len() >= 40 && alnum(t) },
    Provider { prefix: "dp.pt.", kind: "doppler-token", shape: |t| t.len() >= 40 },
    Provider { prefix: "dckr_pat_", kind: "docker-hub-token", shape: |t| t.len() >= 36 },
    Provider { prefix: "figd_", kind: "figma-token", shape: |t| t.len() >= 40 },
    Provider { prefix: "pscale_pw_", kind: "planetscale-password", shape: |t| t.len() >= 40 },
    Provider { prefix: "pscale_tkn_", kind: "planetscale-token", shape: |t| t.len() >= 40 },
    Provider { prefix: "sq0atp-", kind: "square-token", shape: |t| t.len() >= 29 },
    Provider { prefix: "sq0csp-", kind: "square-token", shape: |t| t.len() >= 40 },
    Provider { prefix: "AGE-SECRET-KEY-1", kind: "age-key", shape: |t| t.len() >= 70 },
    Provider {
        prefix: "LTAI",
        kind: "alibaba-key",
        shape: |t| (20..=30).contains(&t.len()) && alnum(t) && t.bytes().any(|b| b.is_ascii_digit()),
    },
    Provider { prefix: "AKCp", kind: "artifactory-key", shape: |t| t.len() >= 69 && alnum(t) },
    Provider { prefix: "pul-", kind: "pulumi-token", shape: |t| hex_tail(t, "pul-", 40) },
    Provider { prefix: "ATATT", kind: "atlassian-token", shape: |t| t.len() >= 100 },
    Provider { prefix: "rzp_live_", kind: "razorpay-key", shape: |t| t.len() >= 20 && alnum(t) },
    Provider { prefix: "fm2_", kind: "fly-token", shape: |t| t.len() >= 100 },
];

/// Other shapes the scanner looks for: private keys, JWTs, URL credentials.
const OTHER_PREFIXES: &[&str] = &["-----BEGIN", "eyJ", "://"];

static PREFIXES: LazyLock<Vec<&str>> = LazyLock::new(|| OTHER_PREFIXES.iter().copied().chain(PROVIDERS.iter().map(|p| p.prefix)).collect());

/// A DFA: every file is scanned, and a DFA takes a byte per step whatever the patterns.
static SCANNER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::DFA)).build(PREFIXES.iter()).ok());

/// Whether a token has the shape of a provider's credential (for redaction).
pub fn is_provider_token(t: &str) -> bool {
    PROVIDERS.iter().any(|p| t.starts_with(p.prefix) && (p.shape)(t))
}

/// Values that are clearly not real secrets.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    v.len() < 6
        || v.starts_with('<') && v.ends_with('>')
        || v.starts_with('[') && v.ends_with(']')
        || PUBLIC_DEVELOPMENT_KEYS.iter().any(|k| k.eq_ignore_ascii_case(&v))
        || v.starts_with("${")
        || v.starts_with('$')
        || v.starts_with("{{")
        || v.starts_with("%(")
        || v.starts_with("%{")
        || v.starts_with("#{")
        || v.starts_with("<%")
        || v.starts_with("env(")
        || v.starts_with("os.environ")
        || v.starts_with("process.env")
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
        || is_label(&v)
}

/// A word or words that name a secret rather than hold one: an error code or a field name
/// (`incorrectPassword`, `missing_old_password`, `reset-token`). Only letters and separators.
fn is_label(lower: &str) -> bool {
    lower.chars().all(|c| c.is_ascii_lowercase() || matches!(c, '_' | '-' | '.'))
        && ["password", "passwd", "secret", "token", "apikey", "api_key", "credential"].iter().any(|w| lower.contains(w))
}

/// A value given on a command line or in a credentials file that is not a secret yet: too
/// short, a reference to one (`$TOKEN`, `${X}`, `<token>`, `{{ … }}`, `%(x)s`), or a placeholder.
fn is_unresolved(value: &str) -> bool {
    value.len() < 6 || value.starts_with(['$', '<', '{', '%']) || value.contains("${") || is_placeholder(value)
}

/// Prefixes of keys that are public by design (shipped to browsers): not secrets, whatever
/// the variable holding them is called.
const PUBLIC_KEY_PREFIXES: &[&str] = &["phc_", "pk_live_", "pk_test_"];

/// Credentials published for local emulators: the same in every installation, so not secret.
const PUBLIC_DEVELOPMENT_KEYS: &[&str] = &[
    // Azurite's (and the Azure Storage Emulator's) account key for `devstoreaccount1`.
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
];

/// A value that names something rather than being a secret: a dotted import path
/// (`app.utils.credentials`), a file path, or a URL without credentials.
fn is_reference(value: &str) -> bool {
    let dotted = value.contains('.')
        && value
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'));
    let path = value.starts_with('/') || value.starts_with("./") || value.starts_with("~/");
    let url = (value.starts_with("http://") || value.starts_with("https://")) && !value.contains('@');
    dotted || path || url
}

/// Whether a key or variable name says it holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace('-', "_");
    // Words: split at `_`, `-`, `.` and camelCase humps (`jwtSecret3` is JWT, SECRET), each
    // without a trailing number.
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.') || c.is_ascii_uppercase() && previous_lower {
            words.push(std::mem::take(&mut word));
        }
        if !matches!(c, '_' | '-' | '.') {
            word.push(c.to_ascii_uppercase());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    words.push(word);
    let segments: Vec<&str> = words.iter().map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit())).filter(|w| !w.is_empty()).collect();
    let has = |w: &str| segments.contains(&w);
    (has("SECRET")
        || has("PASSWORD")
        || has("PASSPHRASE")
        || has("PWD") && !has("OLD")
        || has("PASSWD")
        || has("TOKEN")
        || has("PRIVATE") && has("KEY")
        || (has("API") && has("KEY"))
        || upper.ends_with("APIKEY")
        || upper == "SECRET_KEY"
        || (has("ACCESS") && has("KEY"))
        || has("CREDENTIALS")
        || upper.ends_with("PASSWORD")
        || upper.ends_with("SECRET")
        || upper.ends_with("TOKEN") && !upper.ends_with("CSRFTOKEN"))
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
            || has("HEADER")
            || has("FIELD")
            || has("CLASS"))
}

/// Whether a value looks machine-generated, decided by its shape: long enough, one token (no
/// spaces, quotes, brackets or commas: not code, not prose), letters and digits mixed as a
/// generator mixes them, and variety (many distinct characters, none a third of the value).
/// Not by how evenly one random draw happened to spread its characters: a 32-character hex
/// token fails an entropy cut one time in five. Words joined by `_`, `-` or `.` and e-mail
/// addresses are typed, not generated.
fn looks_random(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() < 16 || bytes.iter().any(|b| !b.is_ascii_graphic() || b"\"'`()[]{}<>,;".contains(b)) {
        return false;
    }
    let mut counts = [0usize; 128];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let distinct = counts.iter().filter(|c| **c > 0).count();
    if distinct < 6 || counts.iter().any(|&c| c * 3 > bytes.len()) {
        return false;
    }
    let has = |f: fn(&u8) -> bool| bytes.iter().any(f);
    let (lower, upper, digit) = (has(u8::is_ascii_lowercase), has(u8::is_ascii_uppercase), has(u8::is_ascii_digit));
    if !digit || !(lower || upper) {
        return false;
    }
    if bytes.iter().all(u8::is_ascii_hexdigit) {
        return bytes.len() >= 32 && distinct >= 8;
    }
    let email = value.contains('@') && !value.contains(':') && value.rsplit('@').next().is_some_and(|d| d.contains('.'));
    !email && distinct >= 10 && (lower && upper || bytes.len() >= 24)
}

/// The role claim of a JWT's payload, if it decodes.
fn jwt_role(token: &str) -> Option<String> {
    jwt_claim(token, "role")
}

fn jwt_claim(token: &str, claim: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64url_decode(payload)?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    json.get(claim).and_then(|r| r.as_str()).map(str::to_string)
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

/// A host no real credential is for: local ones, compose service names, and the reserved
/// example and test domains (RFC 2606).
fn is_local_host(host: &str) -> bool {
    let host = host.split([':', '/', '?']).next().unwrap_or(host).to_ascii_lowercase();
    let reserved = [".example", ".test", ".invalid", ".localhost", ".local", "example.com", "example.org", "example.net"];
    matches!(host.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0" | "::1" | "host.docker.internal")
        || !host.contains('.')
        || reserved.iter().any(|r| host.ends_with(r))
}

/// What a scan keeps: the secrets found, and every value that must never be printed (found
/// or not: a development password is masked too).
struct Sink<'a> {
    file: FileId,
    found: &'a mut Vec<Found>,
    values: &'a mut Vec<String>,
}

impl Sink<'_> {
    fn found(&mut self, span: std::ops::Range<usize>, kind: &'static str) {
        self.found.push(Found { file: self.file, span: to_u32(span), kind });
    }

    /// Mask `value` wherever it appears: whole, and line by line when it spans lines (a
    /// block scalar, a PEM body, a value with escaped `\n`).
    fn mask(&mut self, value: &str) {
        let value = value.trim();
        if maskable(value) {
            self.values.push(value.to_string());
        }
        if value.contains('\n') || value.contains("\\n") {
            for part in value.split('\n').flat_map(|l| l.split("\\n")) {
                let part = part.trim().trim_matches(['"', '\'', ',']);
                if maskable(part) && !part.starts_with("-----") {
                    self.values.push(part.to_string());
                }
            }
        }
    }
}

/// Whether a value is masked wherever it appears. Short values and plain lowercase words
/// (`postgres`, `orders`: development defaults that are also names of things) are not: the
/// line they are assigned on is masked by [`crate::report::redact`] instead.
fn maskable(value: &str) -> bool {
    let n = value.chars().count();
    n >= 16 || n >= 8 && !value.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether the prefix match at `at` starts a word.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
}

/// Scan one file's text by shape.
fn scan_text(text: &str, sink: &mut Sink<'_>) {
    let Some(ac) = SCANNER.as_ref() else { return };
    for m in ac.find_overlapping_iter(text) {
        let at = m.start();
        let pattern = PREFIXES[m.pattern().as_usize()];
        match pattern {
            "-----BEGIN" => {
                let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
                let header = &text[at..line_end];
                let block_end = text[at..].find("-----END").map_or(text.len().min(at + 16_384), |e| at + e);
                let body = &text[at..block_end];
                if header.contains("PRIVATE KEY") {
                    let body_start = body.find("-----\n").or_else(|| body.find("-----\\n")).map_or(body.len(), |i| i + 5);
                    let key = &body[body_start.min(body.len())..];
                    // An elided example (`MIIEpAIBAAKCAQEA...`) anywhere in the body, a body too
                    // short to be a key, or one with few distinct characters (`privatekeyprivatekey…`:
                    // base64 of a real key uses nearly all 64).
                    let mut seen = [false; 128];
                    key.bytes().filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/').for_each(|b| seen[b as usize] = true);
                    let distinct = seen.iter().filter(|s| **s).count();
                    let placeholder = key.contains("...") || key.contains('…') || key.trim().len() < 16 || distinct < 20;
                    sink.mask(key);
                    if !placeholder {
                        sink.found(at..at + pattern.len(), "private-key");
                    }
                }
            }
            "eyJ" => {
                let t = token_at(text, at);
                if starts_word(text, at) && t.split('.').count() == 3 && t.len() > 60 {
                    sink.mask(t);
                    // `supabase start` issues the same demo keys to everyone (`iss:
                    // supabase-demo`, signed with a published secret): public, not a secret.
                    let demo = jwt_claim(t, "iss").as_deref() == Some("supabase-demo");
                    let kind = match jwt_role(t).as_deref() {
                        _ if demo => None,
                        Some("anon") => None,
                        Some("service_role") => Some("supabase-service-role"),
                        _ => Some("jwt"),
                    };
                    if let Some(kind) = kind {
                        sink.found(at..at + t.len(), kind);
                    }
                }
            }
            "://" => {
                // scheme://user:password@host
                let tail = &text[at + 3..];
                let rest = &tail[..tail
                    .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ')' | '<' | '>'))
                    .unwrap_or(tail.len())];
                if let Some((creds, host)) = rest.rsplit_once('@')
                    && let Some((_, password)) = creds.split_once(':')
                    && !creds.contains('/')
                    && !password.is_empty()
                {
                    let reference = password.starts_with(['$', '{', '%', '<', '[']);
                    if !reference {
                        sink.mask(password);
                        let word = matches!(password.to_ascii_lowercase().as_str(), "password" | "passwd" | "pass" | "secret" | "pwd");
                        if !is_placeholder(password) && !word && !is_local_host(host) {
                            let start = at + 3 + creds.len() - password.len();
                            sink.found(start..start + password.len(), "password-in-url");
                        }
                    }
                }
            }
            prefix => {
                if !starts_word(text, at) {
                    continue;
                }
                let t = token_at(text, at);
                let Some(provider) = PROVIDERS.iter().find(|p| p.prefix == prefix && (p.shape)(t)) else { continue };
                if is_placeholder(&t[prefix.len()..]) {
                    continue;
                }
                sink.mask(t);
                sink.found(at..at + t.len(), provider.kind);
            }
        }
    }
    scan_commands(text, sink);
}

/// Credentials on command lines and in headers: `curl -u user:password`, `--password=…`,
/// `Authorization: Bearer …` (unless they are variables).
fn scan_commands(text: &str, sink: &mut Sink<'_>) {
    static FLAGS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new([" -u ", " --user ", " --user=", " --password ", " --password=", "Bearer ", "Basic "]).ok());
    let Some(ac) = FLAGS.as_ref() else { return };
    for m in ac.find_iter(text) {
        let flag = &text[m.start()..m.end()];
        let start = m.end();
        let rest = &text[start..];
        let quoted = rest.starts_with(['"', '\'']);
        let arg_start = start + usize::from(quoted);
        let arg = &text[arg_start..];
        let len = arg.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ';' | ')')).unwrap_or(arg.len());
        let arg = &arg[..len];
        let value = match flag.trim() {
            // `pip install --user URL` is not a credential: only `user:password` is, and not
            // a URL's `scheme://`.
            "-u" | "--user" | "--user=" => match arg.split_once(':') {
                Some((user, password)) if !user.is_empty() && !user.starts_with('-') && !password.starts_with("//") => password,
                _ => continue,
            },
            "Bearer" | "Basic" if arg.len() < 12 || !arg.bytes().any(|b| b.is_ascii_digit()) => continue,
            _ => arg,
        };
        if is_unresolved(value) {
            continue;
        }
        sink.mask(value);
        let random = looks_random(value);
        if matches!(flag.trim(), "-u" | "--user" | "--user=" | "--password" | "--password=") || random {
            let at = arg_start + arg.len() - value.len();
            sink.found(at..at + value.len(), "password-in-command");
        }
    }
}

/// Whether a value reads as a sentence for people (an i18n label, a prompt), not a secret:
/// "Forgot your password?", "Enter the API token".
fn is_prose(value: &str) -> bool {
    let v = value.trim();
    // A command line (`node scripts/change-password.js`, `./reset --password-file x`).
    if v.contains(' ')
        && (v.contains('/') || v.contains(" --") || v.contains(" -") || [".js", ".ts", ".py", ".sh"].iter().any(|e| v.contains(e)))
    {
        return true;
    }
    v.contains(' ')
        && (v.ends_with(['?', '!', '.', ':', '…'])
            || v.starts_with(|c: char| c.is_uppercase())
            || v.contains("{{")
            || v.contains('{') && v.contains('}'))
}

/// Files of translations and UI strings: keys there name labels, not credentials.
fn is_i18n_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.split('/').any(|s| matches!(s, "locales" | "locale" | "i18n" | "l10n" | "lang" | "langs" | "translations" | "messages"))
        || lower.ends_with(".po")
        || lower.ends_with(".pot")
}

/// Secret-named keys with literal, non-placeholder values.
fn scan_assignments(path: &str, kind: Option<FileKind>, doc: &Doc, text: &str, sink: &mut Sink<'_>) {
    if is_i18n_path(path) {
        return;
    }
    // Compose and CI files carry development and test-service defaults
    // (`POSTGRES_PASSWORD: postgres`): only values that look random count there.
    let random_only = matches!(
        kind,
        Some(
            FileKind::Compose
                | FileKind::DevCompose
                | FileKind::GithubWorkflow
                | FileKind::GitlabCi
                | FileKind::CircleCi
                | FileKind::BitbucketPipelines
                | FileKind::AzurePipelines
                | FileKind::DroneCi
                | FileKind::TravisCi
                | FileKind::Buildkite
                // Docs show example credentials (`password="MyPassword"`); pasted real ones
                // are random, or have a provider's shape.
                | FileKind::Doc
        )
    );
    let mut check = |name: &str, value: &str, span: std::ops::Range<u32>, sink: &mut Sink<'_>| {
        let value = value.trim();
        if !is_secret_name(name)
            || is_placeholder(value)
            || value.contains("${")
            || value.contains("secrets.")
            || is_reference(value)
            || is_prose(value)
        {
            return;
        }
        sink.mask(value);
        // Keys made to be public: PostHog project keys, Stripe publishable keys.
        if PUBLIC_KEY_PREFIXES.iter().any(|p| value.starts_with(p)) {
            return;
        }
        // The name's own word as its value (`PASSWORD: "password"`, an enum of field types).
        let squash = |t: &str| t.to_ascii_lowercase().replace(['_', '-', '.'], "");
        if squash(name).contains(&squash(value)) {
            return;
        }
        let random = looks_random(value);
        // Docs show example tokens; a pasted real one is as long as real keys are.
        let random = random && (kind != Some(FileKind::Doc) || value.len() >= 32);
        if random_only && !random {
            return;
        }
        let upper = name.to_ascii_uppercase();
        let kind = if upper.contains("PASSWORD") || upper.contains("PASSWD") || upper.contains("PASSPHRASE") || upper.contains("PWD") {
            "password"
        } else if upper.contains("UPSTASH") {
            "upstash-token"
        } else if random {
            "generic-high-entropy"
        } else {
            return;
        };
        sink.found.push(Found { file: sink.file, span, kind });
    };
    match doc {
        Doc::Env(entries) => {
            for e in entries.iter().filter(|e| !e.commented) {
                check(&e.name, &e.value, e.span.clone(), sink);
            }
        }
        Doc::Yaml(docs) => {
            for d in docs {
                walk_entries(d, &mut |node| {
                    for e in node.entries() {
                        if let Some(s) = e.value.as_str() {
                            check(&e.key, s, e.value.span.clone(), sink);
                        }
                    }
                    // Kubernetes and compose env lists: `- name: DB_PASSWORD` / `value: …`.
                    if let (Some(name), Some(value)) = (node.get("name").and_then(Node::as_str), node.get("value"))
                        && let Some(s) = value.as_str()
                    {
                        check(name, s, value.span.clone(), sink);
                    }
                });
            }
        }
        Doc::Json(root) | Doc::Toml(root) => walk_entries(root, &mut |node| {
            for e in node.entries() {
                if let Some(s) = e.value.as_str() {
                    check(&e.key, s, e.value.span.clone(), sink);
                }
            }
        }),
        Doc::Code(Some(index)) => {
            for (name, value, span) in &index.constants {
                if let shipshape_lang::Arg::Str(s) = value {
                    check(name, s, to_u32(span.clone()), sink);
                }
            }
            scan_lines(text, true, &mut check, sink);
        }
        Doc::Dockerfile(df) => {
            for ins in df.instructions.iter().filter(|i| i.keyword == "ENV" || i.keyword == "ARG") {
                for (name, value) in env_pairs(&ins.args) {
                    check(name, value, ins.span.clone(), sink);
                }
            }
        }
        // Everything else (and files that did not parse): `KEY=value`, `key: value`,
        // `"key": "value"`, `key = "value"` line by line.
        _ => scan_lines(
            text,
            matches!(doc, Doc::Code(None)) || matches!(kind, Some(FileKind::JsSource | FileKind::PySource)),
            &mut check,
            sink,
        ),
    }
}

/// The pairs of a Dockerfile `ENV`/`ARG`: `K=v K2="v 2"`, or the space form `ENV KEY value with spaces`.
fn env_pairs(args: &str) -> Vec<(&str, &str)> {
    let args = args.trim();
    let first = args.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        return match args.split_once(char::is_whitespace) {
            Some((name, value)) => vec![(name, value.trim().trim_matches(['"', '\'']))],
            None => vec![(args, "")],
        };
    }
    let mut out = Vec::new();
    let mut rest = args;
    while let Some((name, after)) = rest.split_once('=') {
        let name = name.trim();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], &after[2 + end..]),
                None => (&after[1..], ""),
            },
            _ => after.split_once(char::is_whitespace).unwrap_or((after, "")),
        };
        out.push((name, value));
        rest = next.trim_start();
    }
    out
}

/// Assignments in text that no parser read: one per line, the key a word before `=` or `:`.
/// In source code only string literals count (`key: z.string()` is code, not a value).
fn scan_lines(text: &str, code: bool, check: &mut impl FnMut(&str, &str, std::ops::Range<u32>, &mut Sink<'_>), sink: &mut Sink<'_>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.len() > 4096 {
            continue;
        }
        if code {
            code_pairs(line, start, check, sink);
            continue;
        }
        let Some(sep) = line.find(['=', ':']) else { continue };
        // `KEY ?= v`, `KEY := v`, `KEY += v` (make) assign too.
        let key = line[..sep].trim_end_matches(['?', ':', '+', '!']).trim().trim_start_matches(['-', '#', '/', '*', ' ']).trim();
        let key = key.rsplit([' ', '\t', '{', ',', '(']).next().unwrap_or(key).trim_matches(['"', '\'', '`']);
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
            continue;
        }
        let raw = line[sep + 1..].trim_start_matches(['=', ' ', '\t']).trim_end();
        let value = match raw.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => raw[1..].split(q).next().unwrap_or(""),
            _ if code => continue,
            _ => raw.split(" #").next().unwrap_or("").trim_end_matches([',', ';']).trim(),
        };
        if value.is_empty() || value.starts_with(['{', '[', '(']) || !code && value.contains(['(', ')']) {
            continue;
        }
        let at = start + sep + 1 + line[sep + 1..].find(value).unwrap_or(0);
        check(key, value, to_u32(at..at + value.len()), sink);
    }
}

/// Every `key: "literal"` and `key = "literal"` on a line of code: object literals
/// (`{ apiKey: "…", secret: '…' }`), assignments, keyword arguments. Only quoted values count
/// (`key: z.string()` is code, not a value); `==`, `=>`, `!=` and friends are not assignments.
fn code_pairs(line: &str, start: usize, check: &mut impl FnMut(&str, &str, std::ops::Range<u32>, &mut Sink<'_>), sink: &mut Sink<'_>) {
    let bytes = line.as_bytes();
    let is_key = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut i = 0;
    while i < bytes.len() {
        let sep = bytes[i];
        if !(sep == b':' || sep == b'=')
            || bytes.get(i + 1).is_some_and(|&n| matches!(n, b'=' | b'>' | b':'))
            || i > 0 && matches!(bytes[i - 1], b'=' | b'!' | b'<' | b'>' | b':')
        {
            i += 1;
            continue;
        }
        // The key: an identifier (or a quoted one) just before the separator.
        let mut end = i;
        while end > 0 && bytes[end - 1] == b' ' {
            end -= 1;
        }
        let quoted_key = end > 0 && matches!(bytes[end - 1], b'"' | b'\'');
        if quoted_key {
            end -= 1;
        }
        let mut begin = end;
        while begin > 0 && (is_key(bytes[begin - 1]) || bytes[begin - 1] == b'-' && quoted_key) {
            begin -= 1;
        }
        // A `key:` is an object's key only where one can start: at the start of the line, or
        // after `{` or `,`. After `?` it is a conditional's branch (`ok ? 'password_signin' :
        // 'email_signin'`), after `(` a parameter's type.
        let before = if quoted_key { begin.saturating_sub(1) } else { begin };
        let previous = bytes[..before].iter().rev().find(|b| !b.is_ascii_whitespace());
        if sep == b':' && previous.is_some_and(|p| !matches!(p, b'{' | b',')) {
            i += 1;
            continue;
        }
        // The value: a quoted literal just after it.
        let mut v = i + 1;
        while v < bytes.len() && bytes[v] == b' ' {
            v += 1;
        }
        let Some(&quote) = bytes.get(v).filter(|q| matches!(q, b'"' | b'\'' | b'`')) else {
            i += 1;
            continue;
        };
        let Some(len) = line[v + 1..].find(quote as char) else { break };
        let value = &line[v + 1..v + 1 + len];
        if begin < end && !(quote == b'`' && value.contains("${")) {
            let at = start + v + 1;
            check(&line[begin..end], value, to_u32(at..at + value.len()), sink);
        }
        i = v + 2 + len;
    }
}

fn walk_entries(node: &Node, f: &mut impl FnMut(&Node)) {
    // Iterative: a deep document cannot exhaust the stack.
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        f(node);
        stack.extend(node.entries().iter().map(|e| &e.value));
        stack.extend(node.items());
    }
}

/// What the secret scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Likely secrets, outside test fixtures.
    pub found: Vec<Found>,
    /// Likely secrets in test fixtures and examples.
    pub in_fixtures: Vec<Found>,
    /// Every value that must never be printed: the report masks each wherever it appears.
    pub values: Vec<String>,
}

/// Credentials in the files that hold them by convention, where the generic line scan cannot
/// see the value: an `.npmrc` auth token behind a registry URL, `.netrc` and `.pgpass` fields,
/// Docker registry `auth` strings, kubeconfig tokens and embedded client keys. References
/// (`${NPM_TOKEN}`) and placeholders stay silent; every value is masked.
fn scan_credentials(path: &str, text: &str, sink: &mut Sink<'_>) {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end();
        if line.trim_start().starts_with(['#', ';']) || line.len() > 8192 {
            continue;
        }
        let mut report = |value: &str, kind: &'static str| credential(sink, start, line, value, kind);
        match name {
            // `//registry.npmjs.org/:_authToken=…`, `_auth=…`, `//host/:_password=…`
            ".npmrc" => {
                if let Some((key, value)) = line.split_once('=')
                    && matches!(key.trim().rsplit(':').next(), Some("_authToken" | "_auth" | "_password" | "password"))
                {
                    report(value, "npm-registry-token");
                }
            }
            // `machine host login me password …`, on one line or several.
            ".netrc" | "_netrc" => {
                let words: Vec<&str> = line.split_whitespace().collect();
                for pair in words.windows(2).filter(|w| w[0] == "password") {
                    report(pair[1], "netrc-password");
                }
            }
            // `host:port:database:user:password`
            ".pgpass" => {
                if let Some(password) = line.splitn(5, ':').nth(4) {
                    report(password, "password");
                }
            }
            _ => {
                // Docker's `"auth": "base64(user:password)"` and `identitytoken`; kubeconfig
                // `token:`, `client-key-data:`, `password:`, OIDC tokens and secrets.
                let Some((key, value)) = line.split_once(':') else { continue };
                let key = key.trim().trim_start_matches("- ").trim_matches(['"', '\'']);
                let kind = match key {
                    "auth" | "identitytoken" | "registrytoken" => "registry-auth",
                    "token" | "id-token" | "refresh-token" | "access-token" | "client-secret" | "password" => "kubeconfig-credential",
                    "client-key-data" => "private-key",
                    _ => continue,
                };
                report(value.trim().trim_end_matches(','), kind);
            }
        }
    }
}

/// One credential value on a line (`line` starts at byte `start` of the file): masked, and
/// reported unless it is a reference or a placeholder.
fn credential(sink: &mut Sink<'_>, start: usize, line: &str, value: &str, kind: &'static str) {
    let value = value.trim().trim_matches(['"', '\'']);
    if is_unresolved(value) || value.starts_with('[') {
        return;
    }
    sink.mask(value);
    let at = start + line.find(value).unwrap_or(0);
    sink.found(at..at + value.len(), kind);
}

/// Every likely secret in the repository's read files (and in the text of files that did
/// not parse), and every secret-looking value, reported or not.
pub fn scan(repo: &Repo) -> Scan {
    use rayon::prelude::*;
    let files: Vec<(FileId, &RepoFile)> = repo.all().collect();
    // Files are scanned in parallel, each into its own lists, merged in file order.
    let per_file: Vec<(bool, Vec<Found>, Vec<String>)> = files
        .par_iter()
        .filter_map(|&(id, file)| {
            let text = file.any_text()?;
            if matches!(file.kind, Some(FileKind::Lockfile | FileKind::LiveResponse)) {
                return None;
            }
            let (mut found, mut values) = (Vec::new(), Vec::new());
            let mut sink = Sink { file: id, found: &mut found, values: &mut values };
            scan_text(text, &mut sink);
            let doc = if file.is_read() { file.doc() } else { &Doc::Unread };
            scan_assignments(&file.path, file.kind, doc, text, &mut sink);
            if file.kind == Some(FileKind::Credentials) {
                scan_credentials(&file.path, text, &mut sink);
            }
            Some((file.role.holds_fakes(), found, values))
        })
        .collect();
    let mut scan = Scan::default();
    for (fakes, found, values) in per_file {
        if fakes {
            scan.in_fixtures.extend(found)
        } else {
            scan.found.extend(found)
        }
        scan.values.extend(values);
    }
    // One finding per place: an assignment read two ways (a module constant, and its literal)
    // gives overlapping spans.
    scan.found.sort_by_key(|f| (f.file, f.span.start, std::cmp::Reverse(f.span.end), f.kind));
    scan.found.dedup_by(|later, kept| later.file == kept.file && later.span.start < kept.span.end.max(kept.span.start + 1));
    scan.values.sort_unstable();
    scan.values.dedup();
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        let (mut found, mut values) = (Vec::new(), Vec::new());
        scan_text(text, &mut Sink { file: FileId(0), found: &mut found, values: &mut values });
        found.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn shapes() {
        assert_eq!(kinds("aws_access_key_id = AKIAIOSFODNN7REALKEY"), ["aws-access-key"]);
        assert_eq!(kinds("AKIAIOSFODNN7EXAMPLE"), Vec::<&str>::new(), "AWS's documented example key");
        assert_eq!(
            kinds("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----"),
            ["private-key"]
        );
        assert_eq!(kinds("-----BEGIN RSA PRIVATE KEY-----\n..."), Vec::<&str>::new(), "an elided example");
        assert_eq!(kinds("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----"), Vec::<&str>::new());
        assert_eq!(kinds("postgresql://documenso:[password]@db.acme-prod.io/x"), Vec::<&str>::new(), "a bracketed placeholder");
        let repeated = format!("-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----", "privatekey".repeat(12));
        assert_eq!(kinds(&repeated), Vec::<&str>::new(), "a placeholder body of one repeated word");
        assert_eq!(kinds("-----BEGIN PUBLIC KEY-----"), Vec::<&str>::new());
        assert_eq!(kinds("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789"), ["github-token"]);
        assert_eq!(kinds("DATABASE_URL=postgres://app:s3cr3tP4ss@db.acme-prod.io:5432/app"), ["password-in-url"]);
        assert_eq!(kinds("postgres://app:s3cr3tP4ss@db.example.com:5432/app"), Vec::<&str>::new(), "a reserved example domain");
        assert_eq!(kinds("postgresql://documenso:password@db.acme-prod.io/documenso"), Vec::<&str>::new(), "the word itself");
        assert_eq!(kinds("DATABASE_URL=postgres://postgres:postgres@localhost:5432/app"), Vec::<&str>::new());
        assert_eq!(kinds("url: postgres://app:hunter22@db:5432/app"), Vec::<&str>::new(), "a compose service name");
        assert_eq!(kinds("DATABASE_URL=postgres://app:${DB_PASSWORD}@db.example.com/app"), Vec::<&str>::new());
    }

    #[test]
    fn randomness_is_decided_by_shape_not_by_chance() {
        // Every 32-character hex token a generator makes is random, whatever its spread (an
        // entropy cut failed about one in five).
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..2000 {
            let token: String = (0..32)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    b"0123456789abcdef"[(state % 16) as usize] as char
                })
                .collect();
            assert!(looks_random(&token), "{token}");
        }
        for random in ["Zq8vLm2Kp9Xr4Tn7Wb1Yc6", "7c1e9a4b-2f3d-4e8a-9b6c-0d5f1a2e3b4c", "ZGVwbG95OlNwN0RrM0xtOVF6MlZ4NQ=="] {
            assert!(looks_random(random), "{random}");
        }
        for typed in [
            "correcthorsebatterystaple",
            "aaaaaaaaaaaaaaaaaaaa",
            "abababababababababab",
            "0123012301230123",
            "short1A",
            "with spaces 123456789",
        ] {
            assert!(!looks_random(typed), "{typed}");
        }
        assert!(!looks_random("d41d8cd98f00b204"), "16 hex characters: too short for a hex token");
    }

    #[test]
    fn command_credentials_are_curl_s_not_pip_s() {
        let (mut found, mut values) = (Vec::new(), Vec::new());
        let text = "pip3 install --user https://github.com/containers/podman-compose/archive/main.tar.gz\ncurl -u admin:Vb6Nm1Qw8Er3Ty5 https://x\n";
        scan_commands(text, &mut Sink { file: FileId(0), found: &mut found, values: &mut values });
        assert_eq!(found.iter().map(|f| &text[f.span.start as usize..f.span.end as usize]).collect::<Vec<_>>(), ["Vb6Nm1Qw8Er3Ty5"]);
    }

    #[test]
    fn every_literal_pair_on_a_line_of_code_is_checked() {
        let pairs = |line: &str| {
            let mut seen = Vec::new();
            let mut check = |k: &str, v: &str, _: std::ops::Range<u32>, _: &mut Sink<'_>| seen.push((k.to_string(), v.to_string()));
            let (mut found, mut values) = (Vec::new(), Vec::new());
            let mut sink = Sink { file: FileId(0), found: &mut found, values: &mut values };
            code_pairs(line, 0, &mut check, &mut sink);
            seen
        };
        let owned = |v: &[(&str, &str)]| v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        let line = r#"const c = { apiKey: "A1", 'client-secret': 'B2', ok: x == "C3", f: (a) => "D4", token: `E5`, t: `${x}` };"#;
        assert_eq!(pairs(line), owned(&[("apiKey", "A1"), ("client-secret", "B2"), ("token", "E5")]));
        let line = r#"let view = allowPassword ? 'password_signin' : 'email_signin'; f(password: "P6"), { secret: "S7" }"#;
        assert_eq!(pairs(line), owned(&[("secret", "S7")]), "a conditional's branch is no key");
    }

    #[test]
    fn supabase_anon_keys_are_public() {
        // Payloads: {"role":"anon"} and {"role":"service_role"}, signature arbitrary.
        let anon = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiIsImlzcyI6InN1cGFiYXNlIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2ln";
        let service = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIiwiaXNzIjoic3VwYWJhc2UifQ.c2lnbmF0dXJlc2lnbmF0dXJl";
        assert_eq!(kinds(anon), Vec::<&str>::new());
        assert_eq!(kinds(service), ["supabase-service-role"]);
        // `supabase start`'s demo key: {"iss":"supabase-demo","role":"service_role",…}, published.
        let demo = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.c2lnbmF0dXJlc2lnbmF0dXJl";
        assert_eq!(kinds(demo), Vec::<&str>::new());
    }

    #[test]
    fn labels_that_name_a_secret_hold_none() {
        for label in ["incorrectPassword", "missingOldPassword", "password_signin", "reset-token"] {
            assert!(is_placeholder(label), "{label}");
        }
        for secret in ["Tq8Lm2Vx7Kp4Nz9R", "hunter2hunter2", "correct-horse-battery-staple"] {
            assert!(!is_placeholder(secret), "{secret}");
        }
    }

    #[test]
    fn names_and_placeholders() {
        assert!(is_secret_name("STRIPE_SECRET_KEY"));
        assert!(is_secret_name("db_password"));
        assert!(is_secret_name("OPENAI_API_KEY"));
        assert!(!is_secret_name("NEXT_PUBLIC_SUPABASE_ANON_KEY"));
        assert!(!is_secret_name("TOKEN_EXPIRES_IN"));
        assert!(!is_secret_name("GOOGLE_CLIENT_ID"));
        assert!(is_secret_name("jwtSecret3"), "camelCase words, numbered");
        assert!(is_secret_name("dbPassword"));
        assert!(is_secret_name("stripeApiKey"));
        assert!(!is_secret_name("awsAccessKeyId"));
        assert!(!is_secret_name("publicApiKey"));
        assert!(is_placeholder("your-api-key-here"));
        assert!(is_placeholder("changeme"));
        assert!(is_placeholder("<secret>"));
        assert!(!is_placeholder("8f3kQ9zLmP2xV7wR"));
        assert!(is_reference("aggregator.utils.push_credentials"));
        assert!(is_reference("/run/secrets/db_password"));
        assert!(!is_reference("8f3kQ9zLmP2xV7wR.x"));
        // Seen on real repositories: message ids, commands and labels are not secrets.
        assert!(is_reference("label.change-password"));
        assert!(is_prose("node scripts/change-password.js"));
        assert!(is_prose("Forgot your password?"));
        assert!(!is_prose("correct horse battery staple"));
        assert!(is_placeholder("env(SUPABASE_AUTH_SECRET)"));
    }
}
