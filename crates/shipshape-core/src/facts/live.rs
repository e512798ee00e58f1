//! `live.*`: what the deployment served, from the probe's capture. Every fact cites the
//! response line (status or header) it was read from; without a probe, every `live.*` fact is
//! `null`, so live rules do not apply.

use serde_json::{Value as Json, json};

use super::security::SECURITY_HEADERS;
use super::{Evidence, Fact, Inventory, ListFact};
use crate::live::{Exchange, LiveCapture, Purpose, quantile};
use crate::parse::{FileId, Repo};

/// Every key this module fills.
pub const KEYS: &[&str] = &[
    "live.api_caching",
    "live.asset_caching",
    "live.compression",
    "live.cookies",
    "live.cors_wildcard",
    "live.csp_unsafe",
    "live.disclosure",
    "live.header_grade",
    "live.headers",
    "live.health",
    "live.hsts",
    "live.http2",
    "live.https_redirect",
    "live.latency",
    "live.offhost_redirects",
    "live.rate_limit_headers",
    "live.tls",
    "live.url",
];

const RATE_LIMIT_HEADERS: &[&str] = &[
    "ratelimit",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "ratelimit-policy",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "retry-after",
];

/// Evidence in a captured response: its status line (`None`) or a header line.
struct Cited<'a> {
    repo: &'a Repo,
}

impl Cited<'_> {
    fn file(&self, exchange: &Exchange) -> Option<FileId> {
        self.repo.find(&exchange.url)
    }

    fn status(&self, exchange: &Exchange) -> Vec<Evidence> {
        self.line(exchange, 0)
    }

    fn header(&self, exchange: &Exchange, name: &str) -> Vec<Evidence> {
        exchange.header_index(name).map(|i| self.line(exchange, i + 1)).unwrap_or_default()
    }

    fn line(&self, exchange: &Exchange, line: usize) -> Vec<Evidence> {
        let Some(file) = self.file(exchange) else { return Vec::new() };
        let Some(text) = self.repo.file(file).text() else { return Vec::new() };
        let mut start = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i == line {
                let end = start + l.trim_end_matches('\n').len();
                return vec![Evidence { file, span: Some(start as u32..end as u32) }];
            }
            start += l.len();
        }
        Vec::new()
    }
}

pub fn extract(repo: &Repo, inv: &mut Inventory) {
    let Some(capture) = &repo.live else {
        for key in KEYS {
            inv.insert(key, Fact::null());
        }
        return;
    };
    let cite = Cited { repo };
    let page = capture.exchanges.iter().find(|e| e.purpose == Purpose::Page);
    let https = page.is_some_and(|p| p.url.starts_with("https://"));

    inv.insert("live.url", page.map_or_else(Fact::null, |p| Fact { value: json!(p.url), evidence: cite.status(p), ..Fact::default() }));

    let mut headers = ListFact::default();
    if let Some(p) = page {
        for name in SECURITY_HEADERS {
            // HSTS counts only over HTTPS: browsers ignore it on plain HTTP.
            if p.header(name).is_some() && (*name != "strict-transport-security" || https) {
                headers.add_all(*name, cite.header(p, name));
            }
        }
    }
    inv.insert("live.headers", headers.fact().searched(&["the response headers of the page"]));

    let csp: Vec<(String, Evidence)> = page
        .and_then(|p| Some((p.header("content-security-policy")?.to_string(), cite.header(p, "content-security-policy").pop()?)))
        .into_iter()
        .collect();
    inv.insert("live.csp_unsafe", super::security::csp_weaknesses(&csp));

    inv.insert("live.hsts", hsts(page, https, &cite));
    inv.insert("live.cookies", cookies(page, &cite));
    let cors = page.is_some_and(|p| p.header("access-control-allow-origin").is_some_and(|v| v.trim() == "*"));
    inv.insert("live.cors_wildcard", Fact::bool(cors, page.map(|p| cite.header(p, "access-control-allow-origin")).unwrap_or_default()));

    let mut disclosure = ListFact::default();
    if let Some(p) = page {
        if p.header("server").is_some_and(|v| v.chars().any(|c| c.is_ascii_digit())) {
            disclosure.add_all("server-version", cite.header(p, "server"));
        }
        if p.header("x-powered-by").is_some() {
            disclosure.add_all("x-powered-by", cite.header(p, "x-powered-by"));
        }
    }
    inv.insert("live.disclosure", disclosure.fact().searched(&["Server and X-Powered-By on the page"]));

    let grade = page.map(|p| grade(p, capture));
    inv.insert(
        "live.header_grade",
        match (page, grade) {
            (Some(p), Some(g)) => Fact { value: g.to_json(), evidence: cite.status(p), ..Fact::default() },
            _ => Fact::null(),
        },
    );

    inv.insert("live.https_redirect", https_redirect(capture, &cite));
    inv.insert(
        "live.tls",
        match (&capture.tls, page) {
            (Some(tls), Some(p)) => Fact {
                value: json!({ "version": tls.version, "cert_days_left": tls.cert_days_left }),
                evidence: cite.status(p),
                ..Fact::default()
            },
            _ => Fact::null(),
        },
    );
    inv.insert(
        "live.http2",
        match (&capture.tls, page) {
            (Some(tls), Some(p)) => Fact::bool(tls.http2, cite.status(p)),
            _ => Fact::null(),
        },
    );
    inv.insert("live.health", health(capture, &cite));
    inv.insert("live.latency", latency(capture, page, &cite));

    let mut compression = ListFact::default();
    for e in capture.exchanges.iter().filter(|e| matches!(e.purpose, Purpose::Page | Purpose::Asset)) {
        if let Some(encoding) = e.header("content-encoding") {
            for coding in encoding.split(',').map(|c| c.trim().to_ascii_lowercase()).filter(|c| c == "br" || c == "gzip" || c == "zstd") {
                compression.add_all(coding, cite.header(e, "content-encoding"));
            }
        }
    }
    inv.insert("live.compression", compression.fact().searched(&["Content-Encoding of the page and the asset (br, gzip asked)"]));

    inv.insert("live.asset_caching", asset_caching(capture, &cite));
    inv.insert("live.api_caching", api_caching(capture, &cite));

    let mut limits = ListFact::default();
    for e in &capture.exchanges {
        for name in RATE_LIMIT_HEADERS {
            if e.header(name).is_some() {
                limits.add_all(*name, cite.header(e, name));
            }
        }
    }
    inv.insert("live.rate_limit_headers", limits.fact().searched(&["RateLimit-*, X-RateLimit-* and Retry-After on every response"]));

    let offhost: Vec<Json> = capture.offhost_redirects.iter().map(|u| json!(u)).collect();
    let evidence = page.map(|p| cite.header(p, "location")).unwrap_or_default();
    inv.insert("live.offhost_redirects", Fact { value: Json::Array(offhost), evidence, ..Fact::default() });
}

fn hsts(page: Option<&Exchange>, https: bool, cite: &Cited<'_>) -> Fact {
    let Some(p) = page.filter(|_| https) else { return Fact::null() };
    let Some(value) = p.header("strict-transport-security") else {
        return Fact::bool(false, Vec::new()).searched(&["Strict-Transport-Security on the page"]);
    };
    let parsed = Hsts::parse(value);
    Fact {
        value: json!({ "max_age": parsed.max_age, "include_subdomains": parsed.include_subdomains, "preload": parsed.preload }),
        evidence: cite.header(p, "strict-transport-security"),
        ..Fact::default()
    }
}

/// A `Strict-Transport-Security` value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hsts {
    pub max_age: u64,
    pub include_subdomains: bool,
    pub preload: bool,
}

impl Hsts {
    pub fn parse(value: &str) -> Hsts {
        let mut h = Hsts::default();
        for part in value.split(';').map(str::trim) {
            let lower = part.to_ascii_lowercase();
            if let Some(age) = lower.strip_prefix("max-age=") {
                h.max_age = age.trim_matches('"').parse().unwrap_or(0);
            } else if lower == "includesubdomains" {
                h.include_subdomains = true;
            } else if lower == "preload" {
                h.preload = true;
            }
        }
        h
    }
}

/// One cookie's flags, from a (value-less) `set-cookie` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    pub name: String,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: bool,
}

impl Cookie {
    pub fn parse(value: &str) -> Cookie {
        let mut parts = value.split(';');
        let name = parts.next().unwrap_or("").split('=').next().unwrap_or("").trim().to_string();
        let attributes: Vec<String> = parts.map(|a| a.trim().to_ascii_lowercase()).collect();
        Cookie {
            name,
            secure: attributes.iter().any(|a| a == "secure"),
            http_only: attributes.iter().any(|a| a == "httponly"),
            same_site: attributes.iter().any(|a| a.starts_with("samesite=")),
        }
    }
}

fn cookies(page: Option<&Exchange>, cite: &Cited<'_>) -> Fact {
    let Some(p) = page else { return Fact::null() };
    let mut items = Vec::new();
    let mut evidence = Vec::new();
    for (i, (name, value)) in p.headers.iter().enumerate() {
        if name == "set-cookie" {
            let c = Cookie::parse(value);
            items.push(json!({ "name": c.name, "secure": c.secure, "http_only": c.http_only, "same_site": c.same_site }));
            evidence.extend(cite.line(p, i + 1));
        }
    }
    Fact { value: Json::Array(items), evidence, ..Fact::default() }.searched(&["Set-Cookie on the page"])
}

fn https_redirect(capture: &LiveCapture, cite: &Cited<'_>) -> Fact {
    let Some(e) = capture.exchanges.iter().find(|e| e.purpose == Purpose::HttpsRedirect) else { return Fact::null() };
    if e.status.is_none() {
        // Nothing listens on plain HTTP: there is nothing to redirect.
        return Fact::null().searched(&["the http:// form of the URL (no response)"]);
    }
    let to_https = e.redirects_to_https();
    // A plain answer cites its status line: that is what was served instead.
    let evidence = if to_https { cite.header(e, "location") } else { cite.status(e) };
    Fact { value: Json::Bool(to_https), evidence, ..Fact::default() }
}

fn health(capture: &LiveCapture, cite: &Cited<'_>) -> Fact {
    let mut items = Vec::new();
    let mut evidence = Vec::new();
    let mut tried = Vec::new();
    for e in capture.exchanges.iter().filter(|e| e.purpose == Purpose::Health) {
        let path = e.path();
        tried.push(path.to_string());
        let Some(status) = e.status else { continue };
        // Missing routes answer 404 (or 405): only answers that mean "this is an endpoint" count.
        if status == 404 || status == 405 || status == 401 || status == 403 || (300..400).contains(&status) {
            continue;
        }
        items.push(json!({
            "path": path,
            "status": status,
            "content_type": e.header("content-type"),
            "cache_control": e.header("cache-control"),
            "latency_ms": e.total_ms,
        }));
        evidence.extend(cite.status(e));
    }
    let mut fact = Fact { value: Json::Array(items), evidence, ..Fact::default() };
    if fact.is_empty_value() {
        fact.searched = tried;
    }
    fact
}

fn latency(capture: &LiveCapture, page: Option<&Exchange>, cite: &Cited<'_>) -> Fact {
    let (Some(l), Some(p)) = (&capture.latency, page) else { return Fact::null() };
    if l.ttfb_ms.is_empty() {
        return Fact::null().searched(&["timing samples of the page (none succeeded)"]);
    }
    let stats = |s: &[f64]| json!({ "p50": quantile(s, 0.5), "p95": quantile(s, 0.95), "max": quantile(s, 1.0) });
    Fact {
        value: json!({ "samples": l.ttfb_ms.len(), "ttfb_ms": stats(&l.ttfb_ms), "total_ms": stats(&l.total_ms) }),
        evidence: cite.status(p),
        ..Fact::default()
    }
}

/// `Cache-Control` of the API responses the probe saw (paths under `/api/` that answered 2xx).
fn api_caching(capture: &LiveCapture, cite: &Cited<'_>) -> Fact {
    let mut items = Vec::new();
    let mut evidence = Vec::new();
    for e in capture.exchanges.iter().filter(|e| e.status.is_some_and(|s| (200..300).contains(&s))) {
        let path = e.path();
        if path.starts_with("/api/") {
            items.push(json!({ "path": path, "cache_control": e.header("cache-control") }));
            evidence.extend(if e.header("cache-control").is_some() { cite.header(e, "cache-control") } else { cite.status(e) });
        }
    }
    Fact { value: Json::Array(items), evidence, ..Fact::default() }.searched(&["responses under /api/ that answered 2xx"])
}

fn asset_caching(capture: &LiveCapture, cite: &Cited<'_>) -> Fact {
    let Some(e) = capture.exchanges.iter().find(|e| e.purpose == Purpose::Asset && e.status.is_some_and(|s| s < 400)) else {
        return Fact::null();
    };
    let cache_control = e.header("cache-control");
    let long_lived = cache_control.is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        !c.contains("no-store")
            && !c.contains("no-cache")
            && c.split(',')
                .any(|d| d.trim().strip_prefix("max-age=").and_then(|v| v.trim().parse::<u64>().ok()).is_some_and(|v| v >= 86_400 * 7))
    });
    let evidence = if cache_control.is_some() { cite.header(e, "cache-control") } else { cite.status(e) };
    Fact { value: json!({ "url": e.url, "cache_control": cache_control, "long_lived": long_lived }), evidence, ..Fact::default() }
}

/// The security-header grade, in the manner of the HTTP Observatory: 100 points, minus a
/// penalty for each weakness, plus bonuses only when the result is 90 or more. The table of
/// modifiers is the rule docs' (SEC012).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    pub score: i32,
    pub grade: &'static str,
    /// Each test that changed the score, with its modifier.
    pub modifiers: Vec<(&'static str, i32)>,
}

impl Grade {
    fn to_json(&self) -> Json {
        json!({
            "score": self.score,
            "grade": self.grade,
            "modifiers": self.modifiers.iter().map(|(t, m)| json!({ "test": t, "modifier": m })).collect::<Vec<_>>(),
        })
    }
}

/// Observatory's grade boundaries.
pub fn letter(score: i32) -> &'static str {
    const GRADES: &[(i32, &str)] = &[
        (100, "A+"),
        (90, "A"),
        (85, "A-"),
        (80, "B+"),
        (70, "B"),
        (65, "B-"),
        (60, "C+"),
        (50, "C"),
        (45, "C-"),
        (40, "D+"),
        (30, "D"),
        (25, "D-"),
    ];
    GRADES.iter().find(|(min, _)| score >= *min).map_or("F", |(_, g)| g)
}

/// Grade the page's headers (and, when the probe checked it, the HTTPS redirect).
pub fn grade(page: &Exchange, capture: &LiveCapture) -> Grade {
    let https = page.url.starts_with("https://");
    let mut penalties: Vec<(&'static str, i32)> = Vec::new();
    let mut bonuses: Vec<(&'static str, i32)> = Vec::new();

    let csp = page.header("content-security-policy");
    let weak = csp.map(super::security::csp_weakness_names).unwrap_or_default();
    let frame_ancestors = csp.is_some_and(|v| v.to_ascii_lowercase().contains("frame-ancestors"));
    match csp {
        None => penalties.push(("csp-not-implemented", -25)),
        Some(_) => {
            if weak.contains(&"unsafe-inline") {
                penalties.push(("csp-unsafe-inline", -20));
            }
            if weak.contains(&"unsafe-eval") {
                penalties.push(("csp-unsafe-eval", -10));
            }
            if weak.contains(&"wildcard-source") {
                penalties.push(("csp-wildcard-source", -20));
            }
            if weak.is_empty() {
                bonuses.push(("csp-strict", 5));
            }
        }
    }

    if https {
        match page.header("strict-transport-security").map(Hsts::parse) {
            None => penalties.push(("hsts-not-implemented", -20)),
            Some(h) if h.max_age < 15_552_000 => penalties.push(("hsts-max-age-under-six-months", -10)),
            Some(h) if h.preload && h.include_subdomains && h.max_age >= 31_536_000 => bonuses.push(("hsts-preloaded", 5)),
            Some(_) => {}
        }
    }
    if let Some(redirect) = capture.exchanges.iter().find(|e| e.purpose == Purpose::HttpsRedirect && e.status.is_some())
        && !redirect.redirects_to_https()
    {
        penalties.push(("redirection-to-https-missing", -20));
    }

    if frame_ancestors {
        bonuses.push(("frame-ancestors", 5));
    } else if !page.header("x-frame-options").is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "deny" | "sameorigin")) {
        penalties.push(("x-frame-options-not-implemented", -20));
    }
    if !page.header("x-content-type-options").is_some_and(|v| v.trim().eq_ignore_ascii_case("nosniff")) {
        penalties.push(("x-content-type-options-not-implemented", -5));
    }
    match page.header("referrer-policy").map(|v| v.rsplit(',').next().unwrap_or(v).trim().to_ascii_lowercase()) {
        Some(p) if p == "unsafe-url" || p == "no-referrer-when-downgrade" => penalties.push(("referrer-policy-unsafe", -5)),
        Some(p) if ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].contains(&p.as_str()) => {
            bonuses.push(("referrer-policy-private", 5));
        }
        _ => {}
    }

    let cookies: Vec<Cookie> = page.headers.iter().filter(|(n, _)| n == "set-cookie").map(|(_, v)| Cookie::parse(v)).collect();
    if https && cookies.iter().any(|c| !c.secure) {
        penalties.push(("cookies-without-secure-flag", -20));
    }
    if cookies.iter().any(|c| !c.http_only) {
        penalties.push(("cookies-without-httponly-flag", -10));
    }
    if !cookies.is_empty() && cookies.iter().all(|c| c.same_site && c.secure && c.http_only) {
        bonuses.push(("cookies-secure-httponly-samesite", 5));
    }
    if page.header("access-control-allow-origin").is_some_and(|v| v.trim() == "*")
        && page.header("access-control-allow-credentials").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        penalties.push(("cors-universal-access-with-credentials", -50));
    }

    let mut score = 100 + penalties.iter().map(|(_, m)| m).sum::<i32>();
    let mut modifiers = penalties;
    if score >= 90 {
        score += bonuses.iter().map(|(_, m)| m).sum::<i32>();
        modifiers.extend(bonuses);
    }
    let score = score.max(0);
    Grade { score, grade: letter(score), modifiers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, headers: &[(&str, &str)]) -> Exchange {
        Exchange {
            purpose: Purpose::Page,
            url: url.into(),
            status: Some(200),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            ttfb_ms: 1.0,
            total_ms: 2.0,
            error: None,
        }
    }

    /// The grading table of SEC012's docs, case by case.
    #[test]
    fn header_grades() {
        let strong: &[(&str, &str)] = &[
            ("content-security-policy", "default-src 'self'; frame-ancestors 'none'"),
            ("strict-transport-security", "max-age=63072000; includeSubDomains; preload"),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "strict-origin-when-cross-origin"),
        ];
        // (case, headers served, score, grade)
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], i32, &'a str);
        let cases: &[Case] = &[
            ("nothing at all", &[], 30, "D"),
            ("a strong set", strong, 120, "A+"),
            (
                "CSP with unsafe-inline, HSTS of one day, XFO, nosniff",
                &[
                    ("content-security-policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
                    ("strict-transport-security", "max-age=86400"),
                    ("x-frame-options", "DENY"),
                    ("x-content-type-options", "nosniff"),
                ],
                70,
                "B",
            ),
            (
                "everything but a CSP",
                &[
                    ("strict-transport-security", "max-age=31536000"),
                    ("x-frame-options", "SAMEORIGIN"),
                    ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"),
                ],
                75,
                "B",
            ),
            (
                "insecure session cookie and universal CORS with credentials",
                &[
                    ("content-security-policy", "default-src 'self'; frame-ancestors 'self'"),
                    ("strict-transport-security", "max-age=31536000"),
                    ("x-content-type-options", "nosniff"),
                    ("set-cookie", "sid=…; Path=/"),
                    ("access-control-allow-origin", "*"),
                    ("access-control-allow-credentials", "true"),
                ],
                20,
                "F",
            ),
            ("unsafe referrer policy only", &[("referrer-policy", "unsafe-url")], 25, "D-"),
        ];
        let capture = LiveCapture::default();
        for (name, headers, score, letter) in cases {
            let g = grade(&page("https://app.test/", headers), &capture);
            assert_eq!((g.score, g.grade), (*score, *letter), "{name}: {:?}", g.modifiers);
        }
        // Plain HTTP: no HSTS test, but a missing redirect to HTTPS costs 20.
        let http = page("http://app.test/", &[]);
        let mut capture = LiveCapture::default();
        capture.exchanges.push(Exchange { purpose: Purpose::HttpsRedirect, ..page("http://app.test/", &[]) });
        assert_eq!(grade(&http, &capture).score, 30);
    }

    #[test]
    fn letters() {
        assert_eq!(
            [letter(120), letter(100), letter(90), letter(84), letter(70), letter(24), letter(0)],
            ["A+", "A+", "A", "B+", "B", "F", "F"]
        );
    }

    proptest::proptest! {
        #[test]
        fn header_parsers_never_panic(value in "(max-age=|includeSubDomains|preload|Secure|HttpOnly|SameSite=|;|=|\"|[a-z0-9…]{1,6}| ){0,30}") {
            let _ = Hsts::parse(&value);
            let _ = Cookie::parse(&value);
            let _ = crate::live::redact_set_cookie(&value);
            let p = page("https://app.test/", &[("content-security-policy", &value), ("strict-transport-security", &value), ("set-cookie", &value), ("referrer-policy", &value)]);
            let g = grade(&p, &LiveCapture::default());
            proptest::prop_assert!(g.score >= 0);
            proptest::prop_assert_eq!(g.grade, letter(g.score));
        }
    }

    #[test]
    fn hsts_and_cookies_parse() {
        assert_eq!(
            Hsts::parse("max-age=\"31536000\"; includeSubDomains"),
            Hsts { max_age: 31_536_000, include_subdomains: true, preload: false }
        );
        assert_eq!(Hsts::parse("garbage"), Hsts::default());
        let c = Cookie::parse("sid=…; Path=/; Secure; HttpOnly; SameSite=Lax");
        assert!(c.secure && c.http_only && c.same_site && c.name == "sid");
    }
}
