use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Responses are not compressed.
    ///
    /// ## What it checks
    /// That the page (or the asset the probe fetched), requested with `Accept-Encoding: br, gzip`,
    /// comes back with `Content-Encoding` `br`, `gzip` or `zstd`.
    ///
    /// ## Why it matters
    /// HTML, CSS and JavaScript shrink by 70–80% compressed. Uncompressed, every visitor
    /// downloads three to five times the bytes, and mobile users wait for them.
    ///
    /// ## How to fix
    /// ```nginx
    /// gzip on;
    /// gzip_types text/css application/javascript application/json image/svg+xml;
    /// ```
    ///
    /// References: <https://web.dev/articles/reduce-network-payloads-using-text-compression>
    NoCompression {
        id: "SCL009",
        name: "no-compression",
        category: Scale,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["live.compression", "live.url"],
        fix: "Compress text responses with Brotli or gzip at the server or CDN.",
        done: "Responses are compressed",
    }
    fn check(inv) {
        if inv.len("live.compression") > 0 {
            return pass();
        }
        fail("neither the page nor its asset is compressed (asked for br, gzip)", inv.get("live.url").evidence.clone())
    }
}
