use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A single-page app ships as one bundle: no code splitting.
    ///
    /// ## What it checks
    /// For single-page apps without a framework that splits by route (React, Vue, Svelte, Angular,
    /// Solid on Vite or CRA; Next.js, Nuxt, SvelteKit, Remix, Astro and Gatsby split on their own),
        /// that application source has at least one dynamic `import()` or the bundler is configured
    /// to split (TanStack Router `autoCodeSplitting`, Rollup `manualChunks`, webpack `splitChunks`).
    ///
    /// ## Why it matters
    /// Every visitor downloads and parses the whole app before the first screen, including
    /// admin pages and chart libraries they will never open.
    ///
    /// ## How to fix
    /// ```tsx
    /// const Reports = lazy(() => import("./pages/Reports"));
    /// ```
    ///
    /// References: <https://react.dev/reference/react/lazy>
    NoCodeSplitting {
        id: "SCL003",
        name: "no-code-splitting",
        category: Scale,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["stack.frameworks", "perf.code_splitting", "perf.split_by_config"],
        fix: "Lazy-load routes and heavy components with dynamic import() / React.lazy.",
        done: "The single-page app splits its code",
    }
    fn check(inv) {
        let frameworks = inv.list("stack.frameworks");
        let routers = ["nextjs", "nuxt", "sveltekit", "remix", "astro", "gatsby"];
        let spa = ["react", "vue", "svelte", "angular", "solid", "create-react-app"];
        if frameworks.iter().any(|f| routers.contains(f)) || !frameworks.iter().any(|f| spa.contains(f)) {
            return not_applicable("no single-page app, or its framework splits by route");
        }
                if inv.int("perf.code_splitting").unwrap_or(0) > 0 || inv.is_true("perf.split_by_config") {
            return pass();
        }
        fail("the single-page app has no dynamic import(): it ships as one bundle", inv.get("stack.frameworks").evidence.iter().take(1).cloned().collect())
    }
}
