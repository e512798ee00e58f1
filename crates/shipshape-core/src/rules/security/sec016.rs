use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Responses disclose the server software and its version.
    ///
    /// ## What it checks
    /// That the page's `Server` header carries no version number and that no `X-Powered-By`
    /// header is served.
    ///
    /// ## Why it matters
    /// A version string tells a scanner which known vulnerabilities to try first; it helps no
    /// visitor.
    ///
    /// ## How to fix
    /// ```nginx
    /// server_tokens off;   # and in Express: app.disable("x-powered-by")
    /// ```
    ///
    /// References: <https://owasp.org/www-project-secure-headers/>
    ServerVersionDisclosed {
        id: "SEC016",
        name: "server-version-disclosed",
        category: Security,
        severity: Low,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["live.disclosure"],
        fix: "Drop X-Powered-By and the version from Server (nginx server_tokens off; Express app.disable(\"x-powered-by\")).",
        done: "Responses do not disclose the server software's version",
    }
    fn check(inv) {
        let disclosed = inv.list("live.disclosure");
        if disclosed.is_empty() {
            return pass();
        }
        fail(format!("the responses disclose their software: {}", disclosed.join(", ")), inv.get("live.disclosure").evidence.clone())
    }
}
