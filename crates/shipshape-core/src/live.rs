//! What a live probe of the deployment captured: the exchanges (URL, status, headers, timings),
//! TLS and latency. `shipshape-probe` fills it over the network; tests read recorded captures.
//! It joins the audit as evidence: each exchange becomes a read-only "file" of the repo whose
//! path is its URL and whose text is the response head, so a live fact cites the header line it
//! rests on, exactly as a repository fact cites a file line.
//!
//! Cookie values are never kept: a `set-cookie` header is stored as its name and attributes.

use serde::{Deserialize, Serialize};

use crate::parse::{Doc, Repo, RepoFile};
use crate::walk::FileKind;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveCapture {
    /// The URL the user gave.
    pub url: String,
    pub exchanges: Vec<Exchange>,
    /// The TLS handshake with the host, for an `https` URL.
    #[serde(default)]
    pub tls: Option<TlsInfo>,
    /// Timings of repeated requests for the page.
    #[serde(default)]
    pub latency: Option<Latency>,
    /// Redirects to other hosts: reported, not followed.
    #[serde(default)]
    pub offhost_redirects: Vec<String>,
}

/// Why a request was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// The page at the URL given (after same-host redirects).
    Page,
    /// The `http://` form of the URL: does it redirect to `https://`?
    HttpsRedirect,
    /// A candidate health endpoint.
    Health,
    /// A static asset the page references.
    Asset,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    pub purpose: Purpose,
    pub url: String,
    /// `None` when no response came (see `error`).
    #[serde(default)]
    pub status: Option<u16>,
    /// Header names lowercase, in the order served.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub ttfb_ms: f64,
    #[serde(default)]
    pub total_ms: f64,
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TlsInfo {
    /// `TLSv1.3`, `TLSv1.2`, …
    pub version: String,
    /// Days until the leaf certificate expires (negative: expired).
    pub cert_days_left: Option<i64>,
    /// The server chose HTTP/2 when offered it (ALPN).
    pub http2: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Time to the response head, from the start of the connection, per request (ms).
    pub ttfb_ms: Vec<f64>,
    /// Time to the end of the body, per request (ms).
    pub total_ms: Vec<f64>,
}

impl Exchange {
    /// The first value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The path (and query) of the URL, `/` at least.
    pub fn path(&self) -> &str {
        self.url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..])).unwrap_or("")
    }

    /// A redirect (3xx) to an `https://` location.
    pub fn redirects_to_https(&self) -> bool {
        self.status.is_some_and(|s| (300..400).contains(&s)) && self.header("location").is_some_and(|l| l.starts_with("https://"))
    }

    /// The index of a header in `headers`, for evidence.
    pub fn header_index(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// The response head as evidence text: the status line, then one line per header.
    pub fn head_text(&self) -> String {
        let mut text = match (self.status, &self.error) {
            (Some(status), _) => format!("HTTP {status}\n"),
            (None, Some(error)) => format!("no response: {error}\n"),
            (None, None) => "no response\n".to_string(),
        };
        for (name, value) in &self.headers {
            text.push_str(name);
            text.push_str(": ");
            text.push_str(&value.replace(['\r', '\n'], " "));
            text.push('\n');
        }
        text
    }
}

/// The first value of a header in a list of (name, value) (names compare case-insensitively).
pub fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Keep a cookie's name and attributes, never its value.
pub fn redact_set_cookie(value: &str) -> String {
    let mut parts = value.split(';');
    let name = parts.next().unwrap_or("").split('=').next().unwrap_or("").trim();
    let attributes: Vec<&str> = parts.map(str::trim).filter(|a| !a.is_empty()).collect();
    let mut out = format!("{name}=…");
    for a in attributes {
        out.push_str("; ");
        out.push_str(a);
    }
    out
}

/// The value at a quantile (0–1) of samples, by the nearest-rank method.
pub fn quantile(samples: &[f64], q: f64) -> Option<f64> {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

/// Make the capture part of the repo: one read-only file per distinct URL.
pub fn attach(repo: &mut Repo, capture: LiveCapture) {
    for exchange in &capture.exchanges {
        if repo.files.iter().any(|f| f.path == exchange.url) {
            continue;
        }
        repo.files.push(RepoFile::new(exchange.url.clone(), Some(FileKind::LiveResponse), Some(exchange.head_text()), None, Doc::Text));
    }
    repo.files.sort_by(|a, b| a.path.cmp(&b.path));
    repo.live = Some(capture);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_lose_their_values() {
        assert_eq!(redact_set_cookie("sid=abc123secret; Path=/; HttpOnly; Secure"), "sid=…; Path=/; HttpOnly; Secure");
        assert_eq!(redact_set_cookie("novalue"), "novalue=…");
    }

    #[test]
    fn nearest_rank_quantiles() {
        let samples = [30.0, 10.0, 20.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0];
        assert_eq!(quantile(&samples, 0.5), Some(50.0));
        assert_eq!(quantile(&samples, 0.95), Some(100.0));
        assert_eq!(quantile(&samples, 1.0), Some(100.0));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7.0], 0.95), Some(7.0));
    }
}
