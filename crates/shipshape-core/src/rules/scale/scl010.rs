use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The page takes more than 800 ms to its first byte (p95).
    ///
    /// ## What it checks
    /// The 95th percentile of time to first byte over the probe's samples (default 10), measured
    /// from the start of each connection, DNS included. Over 800 ms fails, the threshold of Google's
    /// "good" TTFB.
    ///
    /// ## Why it matters
    /// Nothing renders before the first byte; a slow one delays every metric after it. It usually
    /// means uncached server rendering, a far-away region, or a cold start.
    ///
    /// ## How to fix
    /// ```ts
    /// export const revalidate = 60;   // Next.js: serve a cached render, refresh in the background
    /// ```
    ///
    /// References: <https://web.dev/articles/ttfb>
    SlowTimeToFirstByte {
        id: "SCL010",
        name: "slow-time-to-first-byte",
        category: Scale,
        severity: Medium,
        level: 4,
        effort: Medium,
        confidence: Medium,
        needs: ["live.latency"],
        fix: "Cache or pre-render the page, move the server next to its database, and add a CDN in front.",
        done: "The page's first byte arrives within 800 ms (p95)",
    }
    fn check(inv) {
        let p95 = inv.get("live.latency").value["ttfb_ms"]["p95"].as_f64().unwrap_or(0.0);
        if p95 <= 800.0 {
            return pass();
        }
        fail(format!("time to first byte is {p95:.0} ms at p95 (over 800 ms)"), inv.get("live.latency").evidence.clone())
    }
}
