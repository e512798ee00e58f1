use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A secret-named variable is exposed to the browser bundle.
    ///
    /// ## What it checks
    /// Variables with a client-exposing prefix (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`,
    /// `EXPO_PUBLIC_`, `PUBLIC_`, …) whose name has a whole segment `SECRET`, `PRIVATE`,
    /// `PASSWORD`, `TOKEN` or `SERVICE_ROLE`, in env files or source. `PUBLISHABLE` and `ANON` keys
    /// are public by design.
    ///
    /// ## Why it matters
    /// The prefix tells the bundler to inline the value into JavaScript shipped to every visitor:
    /// the secret is public the moment the site is deployed.
    ///
    /// ## How to fix
    /// ```ts
    /// // server-only: app/api/charge/route.ts
    /// const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!); // not NEXT_PUBLIC_STRIPE_SECRET_KEY
    /// ```
    ///
    /// References: <https://nextjs.org/docs/app/building-your-application/configuring/environment-variables#bundling-environment-variables-for-the-browser>
    SecretExposedToClient {
        id: "CFG006",
        name: "secret-exposed-to-client",
        category: Config,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: Medium,
        needs: ["secrets.public_exposed", "stack.frameworks"],
        fix: "Move the value to a server-only variable (no NEXT_PUBLIC_/VITE_ prefix) and rotate it.",
        done: "No secret-named variable reaches the browser bundle",
    }
    fn check(inv) {
        let names = inv.list("secrets.public_exposed");
        if names.is_empty() && !crate::rules::has_frontend(inv) {
            return not_applicable("no frontend bundler exposes variables to the browser");
        }
        if names.is_empty() {
            return pass();
        }
        fail(format!("{} secret-named variable(s) shipped to the browser: {}", names.len(), crate::rules::short_list(&names)), inv.get("secrets.public_exposed").evidence.clone())
    }
}
