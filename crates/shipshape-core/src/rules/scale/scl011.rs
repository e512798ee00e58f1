use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Static assets are served without a long cache lifetime.
    ///
    /// ## What it checks
    /// The first script or stylesheet the page references (same host): its `Cache-Control` must
    /// allow caching for at least a week (`max-age` ≥ 604800, no `no-store`/`no-cache`). Not
    /// applicable when the page references none.
    ///
    /// ## Why it matters
    /// Assets that are not cached are downloaded again on every visit and every page, from the
    /// origin if no CDN keeps them. Fingerprinted file names make a year-long lifetime safe.
    ///
    /// ## How to fix
    /// ```nginx
    /// location /assets/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    /// ```
    ///
    /// References: <https://web.dev/articles/http-cache>
    StaticAssetsNotCached {
        id: "SCL011",
        name: "static-assets-not-cached",
        category: Scale,
        severity: Low,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["live.asset_caching"],
        fix: "Serve fingerprinted assets with Cache-Control: public, max-age=31536000, immutable.",
        done: "Static assets are served with a long cache lifetime",
    }
    fn check(inv) {
        let caching = &inv.get("live.asset_caching").value;
        if caching["long_lived"] == true {
            return pass();
        }
        let cc = caching["cache_control"].as_str().unwrap_or("none");
        fail(format!("{} is served with Cache-Control: {cc}", caching["url"].as_str().unwrap_or("the asset")), inv.get("live.asset_caching").evidence.clone())
    }
}
