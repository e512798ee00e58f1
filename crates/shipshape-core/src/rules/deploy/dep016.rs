use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The server does not speak HTTP/2.
    ///
    /// ## What it checks
    /// Whether the server picks `h2` when the TLS handshake offers it (ALPN). Not applicable to
    /// plain-HTTP URLs.
    ///
    /// ## Why it matters
    /// HTTP/1.1 opens a connection per parallel request and queues the rest; pages with many
    /// assets load measurably slower, most of all on mobile networks.
    ///
    /// ## How to fix
    /// ```nginx
    /// listen 443 ssl;
    /// http2 on;
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/docs/Glossary/HTTP_2>
    NoHttp2 {
        id: "DEP016",
        name: "no-http2",
        category: Deploy,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["live.http2", "live.url"],
        fix: "Enable HTTP/2 on the TLS terminator (nginx: listen 443 ssl http2; most CDNs: on by default).",
        done: "The server speaks HTTP/2",
    }
    fn check(inv) {
        if inv.is_true("live.http2") {
            return pass();
        }
        fail("the server does not offer HTTP/2 (ALPN chose http/1.1)", inv.get("live.url").evidence.clone())
    }
}
