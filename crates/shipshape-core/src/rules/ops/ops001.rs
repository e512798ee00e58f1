use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Nothing in the README or docs explains how to deploy or run in production.
    ///
    /// ## What it checks
    /// That a README or a Markdown document under `docs/` has a heading about deployment,
    /// production, hosting, self-hosting or the release process (headings inside code blocks
    /// do not count). Applies to repositories with a deployable service.
    ///
    /// ## Why it matters
    /// The knowledge of how production is built and updated otherwise lives in one person's
    /// head. When they are away, an incident or an urgent fix waits.
    ///
    /// ## How to fix
    /// Add a section that a new engineer could follow:
    ///
    /// ```markdown
    /// ## Deployment
    /// Pushes to `main` deploy to production through `.github/workflows/deploy.yml`.
    /// Secrets live in the `production` environment. To roll back: `vercel rollback`.
    /// ```
    ///
    /// References: <https://www.writethedocs.org/guide/docs-as-code/>
    NoDeployDocs {
        id: "OPS001",
        name: "no-deploy-docs",
        category: Ops,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["stack.services", "docs.readme_deploy"],
        fix: "Document how the app is deployed and rolled back in the README or docs/.",
        done: "The README or docs explain how to deploy",
    }
    fn check(inv) {
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.is_true("docs.readme_deploy") {
            return pass();
        }
        fail("no README or docs heading explains how to deploy or run in production", Vec::new())
    }
}
