//! The live probe: a bounded, polite look at what one deployment serves. It requests the page,
//! its `http://` form, candidate health endpoints, one static asset and a few timing samples,
//! all on the deployment given, one request at a time, within a hard cap on requests and a
//! deadline no request runs past. Redirects to another scheme, host or port are reported, not
//! followed (unless asked); plain HTTP to HTTPS on the same host is followed. The result is a
//! [`LiveCapture`] that the audit turns into `live.*` facts.

pub mod client;

use std::time::{Duration, Instant};

use client::{Endpoint, NetError, Tls};
use shipshape_core::live::{Exchange, Latency, LiveCapture, Purpose, TlsInfo, find_header, redact_set_cookie};

/// Health endpoints tried on every probe (the repository's own routes are added with `--repo`).
pub const HEALTH_PATHS: &[&str] =
    &["/health", "/healthz", "/api/health", "/api/healthz", "/ready", "/readyz", "/live", "/livez", "/status", "/api/status", "/ping"];

/// No probe makes more requests than this, whatever the options.
pub const MAX_REQUESTS: usize = 150;
/// Timing samples: at most this many.
pub const MAX_SAMPLES: u32 = 100;
/// Health paths tried, at most.
const MAX_HEALTH_PATHS: usize = 24;
/// Redirects followed for the page, at most.
const MAX_REDIRECTS: usize = 5;

#[derive(Debug, Clone)]
pub struct Options {
    /// Timing samples of the page (1 to 100).
    pub samples: u32,
    /// Pause between requests: the probe is polite.
    pub pause: Duration,
    /// Per request, from connect to the end of the body.
    pub timeout: Duration,
    /// The whole probe: a deadline, which also cuts short the request in flight.
    pub budget: Duration,
    /// Follow redirects to other hosts and ports too.
    pub follow_redirects: bool,
    /// More health paths (the routes the repository defines).
    pub extra_health_paths: Vec<String>,
    /// PEM certificates to trust besides Mozilla's roots.
    pub extra_roots_pem: Vec<Vec<u8>>,
    /// Where the plain-HTTP listener is, for the HTTPS-redirect check (default 80).
    pub http_port: Option<u16>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            samples: 10,
            pause: Duration::from_millis(100),
            timeout: Duration::from_secs(10),
            budget: Duration::from_secs(60),
            follow_redirects: false,
            extra_health_paths: Vec::new(),
            extra_roots_pem: Vec::new(),
            http_port: None,
        }
    }
}

/// Why the probe could not run at all (the page itself was unreachable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeError(pub String);

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed `http(s)://host[:port]/path` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub endpoint: Endpoint,
    /// Path and query, starting with `/`.
    pub path: String,
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, String> {
        if let Some((scheme, _)) = url.split_once("://")
            && !["http", "https"].contains(&scheme.to_ascii_lowercase().as_str())
        {
            return Err(format!("`{url}`: only http and https URLs can be probed, not {scheme}"));
        }
        let uri: hyper::Uri = url.parse().map_err(|e| format!("`{url}` is not a URL: {e}"))?;
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            Some(other) => return Err(format!("`{url}`: only http and https URLs can be probed, not {other}")),
            None => return Err(format!("`{url}`: give the scheme, `https://…`")),
        };
        let authority = uri.authority().ok_or_else(|| format!("`{url}`: no host"))?;
        if authority.as_str().contains('@') {
            return Err(format!("`{url}`: credentials in the URL are not sent"));
        }
        let host = authority.host().trim_start_matches('[').trim_end_matches(']').to_string();
        if host.is_empty() {
            return Err(format!("`{url}`: no host"));
        }
        let port = authority.port_u16().unwrap_or(if https { 443 } else { 80 });
        let path = uri.path_and_query().map_or("/".to_string(), |p| p.as_str().to_string());
        Ok(Target { endpoint: Endpoint { https, host, port }, path: if path.is_empty() { "/".into() } else { path } })
    }

    pub fn url(&self) -> String {
        let e = &self.endpoint;
        let scheme = if e.https { "https" } else { "http" };
        let default = if e.https { 443 } else { 80 };
        let host = if e.host.contains(':') { format!("[{}]", e.host) } else { e.host.clone() };
        if e.port == default { format!("{scheme}://{host}{}", self.path) } else { format!("{scheme}://{host}:{}{}", e.port, self.path) }
    }

    /// Another path on the same endpoint.
    fn at(&self, path: &str) -> Target {
        Target { endpoint: self.endpoint.clone(), path: path.to_string() }
    }

    /// Where a `Location` header points, from this target.
    fn follow(&self, location: &str) -> Option<Target> {
        if location.starts_with("//") {
            let scheme = if self.endpoint.https { "https:" } else { "http:" };
            return Target::parse(&format!("{scheme}{location}")).ok();
        }
        if location.starts_with('/') {
            return Some(self.at(location));
        }
        if location.contains("://") {
            return Target::parse(location).ok();
        }
        let base = self.path.rsplit_once('/').map_or("", |(dir, _)| dir);
        Some(self.at(&format!("{base}/{location}")))
    }
}

/// The request budget: a hard cap on requests, and a deadline no request runs past.
struct Budget {
    deadline: Instant,
    requests: usize,
    /// `--timeout`: each request's own limit, cut short by the deadline.
    timeout: Duration,
}

/// One request's allowance.
#[derive(Clone, Copy)]
struct Slot {
    timeout: Duration,
    /// The deadline, not `--timeout`, bounds this request: if it times out, the budget ran
    /// out, which says nothing about the deployment.
    cut: bool,
}

impl Slot {
    fn ran_out<T>(&self, result: &Result<T, NetError>) -> bool {
        self.cut && matches!(result, Err(NetError::Timeout(_)))
    }
}

impl Budget {
    fn new(options: &Options) -> Budget {
        Budget { deadline: Instant::now() + options.budget, requests: 0, timeout: options.timeout }
    }

    fn take(&mut self) -> Option<Slot> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if self.requests >= MAX_REQUESTS || left.is_zero() {
            return None;
        }
        self.requests += 1;
        Some(Slot { timeout: self.timeout.min(left), cut: left < self.timeout })
    }

    /// The polite pause between requests, never past the deadline.
    async fn pause(&self, pause: Duration) {
        tokio::time::sleep(pause.min(self.deadline.saturating_duration_since(Instant::now()))).await;
    }
}

/// Whether a redirect stays on the deployment probed: the same scheme, host and port, or the
/// same host moving from plain HTTP to HTTPS on the default ports. Anything else is another
/// service, whatever its host name.
fn same_deployment(from: &Endpoint, to: &Endpoint) -> bool {
    from.host.eq_ignore_ascii_case(&to.host)
        && (from.https == to.https && from.port == to.port || !from.https && to.https && from.port == 80 && to.port == 443)
}

/// Probe one deployment. Fails only when the page itself cannot be reached (DNS, refused,
/// TLS, timeout, a response that is not HTTP); any other request that fails is recorded.
pub fn probe(url: &str, options: &Options) -> Result<LiveCapture, ProbeError> {
    let target = Target::parse(url).map_err(ProbeError)?;
    let tls = Tls::new(&options.extra_roots_pem).map_err(|e| ProbeError(format!("--cacert: {e}")))?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| ProbeError(e.to_string()))?;
    runtime.block_on(run(url, target, options, &tls))
}

async fn run(url: &str, target: Target, options: &Options, tls: &Tls) -> Result<LiveCapture, ProbeError> {
    let mut budget = Budget::new(options);
    let mut capture = LiveCapture { url: url.to_string(), ..LiveCapture::default() };
    let out_of_time = |page: &Target| {
        ProbeError(format!("{}: the probe's time budget ({} s) ran out before the page answered", page.url(), options.budget.as_secs()))
    };

    // The page, following redirects that stay on the deployment.
    let mut page = target.clone();
    let mut response = None;
    for hop in 0..=MAX_REDIRECTS {
        let Some(slot) = budget.take() else { break };
        let r = client::get(&page.endpoint, &page.path, tls, slot.timeout, client::COMPRESSED).await;
        if slot.ran_out(&r) {
            return Err(out_of_time(&page));
        }
        let r = r.map_err(|e| ProbeError(format!("{}: {e}", page.url())))?;
        if hop == 0 && !target.endpoint.https {
            capture.exchanges.push(exchange(Purpose::HttpsRedirect, &page, Ok(&r)));
        }
        let next = (300..400).contains(&r.status).then(|| find_header(&r.headers, "location")).flatten().and_then(|l| page.follow(l));
        match next {
            Some(next) if same_deployment(&page.endpoint, &next.endpoint) || options.follow_redirects => {
                if hop == MAX_REDIRECTS {
                    response = Some(r);
                    break;
                }
                page = next;
            }
            Some(next) => {
                capture.offhost_redirects.push(next.url());
                response = Some(r);
                break;
            }
            None => {
                response = Some(r);
                break;
            }
        }
        budget.pause(options.pause).await;
    }
    let Some(response) = response else { return Err(ProbeError(format!("{}: the request budget ran out", target.url()))) };
    capture.exchanges.push(exchange(Purpose::Page, &page, Ok(&response)));

    if page.endpoint.https {
        if let Some(slot) = budget.take()
            && let Ok(handshake) = client::handshake(&page.endpoint, tls, slot.timeout).await
        {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            capture.tls = Some(TlsInfo {
                version: handshake.version,
                cert_days_left: handshake.not_after.map(|t| (t - now).div_euclid(86_400)),
                http2: handshake.alpn.as_deref() == Some(b"h2"),
            });
        }
        if target.endpoint.https
            && let Some(slot) = budget.take()
        {
            let plain = Target {
                endpoint: Endpoint { https: false, host: target.endpoint.host.clone(), port: options.http_port.unwrap_or(80) },
                path: target.path.clone(),
            };
            let r = client::get(&plain.endpoint, &plain.path, tls, slot.timeout, client::COMPRESSED).await;
            if !slot.ran_out(&r) {
                capture.exchanges.push(exchange(Purpose::HttpsRedirect, &plain, r.as_ref()));
            }
        }
    }

    let mut health: Vec<String> = HEALTH_PATHS.iter().map(ToString::to_string).collect();
    for extra in &options.extra_health_paths {
        if extra.starts_with('/') && !health.contains(extra) {
            health.push(extra.clone());
        }
    }
    health.truncate(MAX_HEALTH_PATHS);
    for path in &health {
        budget.pause(options.pause).await;
        let Some(slot) = budget.take() else { break };
        let at = page.at(path);
        let r = client::get(&at.endpoint, &at.path, tls, slot.timeout, client::COMPRESSED).await;
        if slot.ran_out(&r) {
            break;
        }
        capture.exchanges.push(exchange(Purpose::Health, &at, r.as_ref()));
    }

    // A compressed page is read again uncompressed to find its asset (one more request).
    let compressed = response.headers.iter().any(|(n, v)| n == "content-encoding" && v != "identity");
    let html = match compressed.then(|| budget.take()).flatten() {
        Some(slot) => {
            client::get(&page.endpoint, &page.path, tls, slot.timeout, client::IDENTITY).await.map(|r| r.body).unwrap_or_default()
        }
        None if compressed => Default::default(),
        None => response.body.clone(),
    };
    if let Some(asset) = first_asset(&html).and_then(|a| page.follow(&a)).filter(|a| a.endpoint == page.endpoint) {
        budget.pause(options.pause).await;
        if let Some(slot) = budget.take() {
            let r = client::get(&asset.endpoint, &asset.path, tls, slot.timeout, client::COMPRESSED).await;
            if !slot.ran_out(&r) {
                capture.exchanges.push(exchange(Purpose::Asset, &asset, r.as_ref()));
            }
        }
    }

    let mut latency = Latency::default();
    for _ in 0..options.samples.clamp(1, MAX_SAMPLES) {
        budget.pause(options.pause).await;
        let Some(slot) = budget.take() else { break };
        if let Ok(r) = client::get(&page.endpoint, &page.path, tls, slot.timeout, client::COMPRESSED).await {
            latency.ttfb_ms.push(millis(r.ttfb));
            latency.total_ms.push(millis(r.total));
        }
    }
    capture.latency = Some(latency);
    Ok(capture)
}

fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 10_000.0).round() / 10.0
}

fn exchange(purpose: Purpose, target: &Target, response: Result<&client::Response, &NetError>) -> Exchange {
    match response {
        Ok(r) => Exchange {
            purpose,
            url: target.url(),
            status: Some(r.status),
            headers: r.headers.iter().map(|(n, v)| (n.clone(), if n == "set-cookie" { redact_set_cookie(v) } else { v.clone() })).collect(),
            ttfb_ms: millis(r.ttfb),
            total_ms: millis(r.total),
            error: None,
        },
        Err(e) => Exchange {
            purpose,
            url: target.url(),
            status: None,
            headers: Vec::new(),
            ttfb_ms: 0.0,
            total_ms: 0.0,
            error: Some(e.to_string()),
        },
    }
}

/// The first script or stylesheet an HTML page references (by a plain scan of `src=` and
/// `href=` attributes: this only picks a URL to request, it decides no fact).
fn first_asset(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body.get(..body.len().min(256 * 1024))?).ok()?;
    for attr in ["src=\"", "href=\""] {
        for (at, _) in text.match_indices(attr) {
            let rest = &text[at + attr.len()..];
            let Some(end) = rest.find('"') else { continue };
            let url = &rest[..end];
            let path = url.split(['?', '#']).next().unwrap_or(url);
            if (path.ends_with(".js") || path.ends_with(".css")) && !url.starts_with("data:") {
                return Some(url.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let t = Target::parse("https://example.com").expect("url");
        assert_eq!((t.endpoint.https, t.endpoint.port, t.path.as_str()), (true, 443, "/"));
        assert_eq!(t.url(), "https://example.com/");
        let t = Target::parse("http://127.0.0.1:8080/app?x=1").expect("url");
        assert_eq!((t.endpoint.port, t.path.as_str()), (8080, "/app?x=1"));
        assert_eq!(t.url(), "http://127.0.0.1:8080/app?x=1");
        assert!(Target::parse("ftp://example.com").is_err());
        assert!(Target::parse("example.com").is_err());
        assert!(Target::parse("https://user:pw@example.com/").is_err());
        assert_eq!(t.follow("/login").map(|t| t.url()), Some("http://127.0.0.1:8080/login".into()));
        assert_eq!(t.follow("https://other.test/x").map(|t| t.endpoint.host), Some("other.test".into()));
    }

    proptest::proptest! {
        #[test]
        fn urls_and_pages_never_panic(url in "(https?|ftp|file)?(://)?([a-z0-9.:@\\[\\]%-]{0,20})(/[a-z0-9?#=&%.]{0,10}){0,3}", page in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            if let Ok(t) = Target::parse(&url) {
                let _ = t.url();
                let _ = t.follow(&url);
            }
            let _ = first_asset(&page);
        }
    }

    #[test]
    fn redirects_stay_on_the_deployment() {
        let at = |url: &str| Target::parse(url).expect("url").endpoint;
        let same = |a: &str, b: &str| same_deployment(&at(a), &at(b));
        assert!(same("http://example.com/", "http://EXAMPLE.com/login"));
        assert!(same("http://example.com/", "https://example.com/"), "the upgrade to HTTPS is followed");
        assert!(!same("https://example.com/", "http://example.com/"), "a downgrade is not");
        assert!(!same("http://example.com/", "http://example.com:8080/"), "another port is another service");
        assert!(!same("http://example.com:8080/", "https://example.com/"));
        assert!(!same("http://example.com/", "http://login.example.com/"));
    }

    #[test]
    fn assets() {
        assert_eq!(first_asset(b"<link href=\"/a.css?v=1\"><script src=\"/_next/app.js\"></script>"), Some("/_next/app.js".into()));
        assert_eq!(first_asset(b"<a href=\"/about\">"), None);
        assert_eq!(first_asset(&[0xff, 0xfe]), None);
    }
}
