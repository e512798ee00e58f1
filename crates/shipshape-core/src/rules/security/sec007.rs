use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// CORS allows any origin.
    ///
    /// ## What it checks
    /// CORS configuration: `cors()` with no options or `origin: "*"`/`true`, FastAPI
    /// `CORSMiddleware(allow_origins=["*"])`, `flask_cors.CORS(app)` without origins, Django
    /// `CORS_ALLOW_ALL_ORIGINS = True`, or an `Access-Control-Allow-Origin: *` header.
    ///
    /// ## Why it matters
    /// Any website a user visits can then call the API from their browser. For public,
    /// unauthenticated data that is fine; for anything behind a session or token it is how
    /// data leaks.
    ///
    /// ## How to fix
    /// ```py
    /// app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
    /// ```
    ///
    /// References: <https://developer.mozilla.org/docs/Web/HTTP/CORS>
    CorsAllowsAnyOrigin {
        id: "SEC007",
        name: "cors-allows-any-origin",
        category: Security,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["stack.frameworks", "security.cors_wildcard"],
        fix: "Allow-list the origins that may call the API instead of `*`.",
        done: "CORS allows only named origins",
    }
    fn check(inv) {
        if !crate::rules::has_server(inv) {
            return not_applicable("no server-side framework: a static site's CORS headers expose public files only");
        }
        if inv.is_true("security.cors_wildcard") {
            return fail("CORS allows requests from any origin", inv.get("security.cors_wildcard").evidence.clone());
        }
        pass()
    }
}
