use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The page is served with Access-Control-Allow-Origin: *.
    ///
    /// ## What it checks
    /// That the page's response does not carry `Access-Control-Allow-Origin: *`.
    ///
    /// ## Why it matters
    /// A wildcard lets every site read the response from a visitor's browser. For public, static
    /// content that is fine; for anything personalised or internal it is a data leak, and it is
    /// usually copied from an example rather than chosen.
    ///
    /// ## How to fix
    /// ```js
    /// app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS>
    CorsWildcardServed {
        id: "SEC018",
        name: "cors-wildcard-served",
        category: Security,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["live.cors_wildcard"],
        fix: "Answer Access-Control-Allow-Origin with the allowed origins, not *.",
        done: "The page does not send Access-Control-Allow-Origin: *",
    }
    fn check(inv) {
        if !inv.is_true("live.cors_wildcard") {
            return pass();
        }
        fail("the page is served with Access-Control-Allow-Origin: *", inv.get("live.cors_wildcard").evidence.clone())
    }
}
