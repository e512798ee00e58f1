use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Nobody is named as owner of the code: no CODEOWNERS.
    ///
    /// ## What it checks
    /// For repositories with CI, that a `CODEOWNERS` file exists (root, `.github/`, `docs/` or
    /// `.gitlab/`).
    ///
    /// ## Why it matters
    /// Without owners, changes to the deploy pipeline, infrastructure or security-sensitive
    /// code can merge without the people who understand them; with branch protection,
    /// CODEOWNERS makes their review mandatory.
    ///
    /// ## How to fix
    /// ```text
    /// # .github/CODEOWNERS
    /// *                   @acme/engineering
    /// /.github/workflows/ @acme/platform
    /// /infra/             @acme/platform
    /// ```
    ///
    /// References: <https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners>
    NoCodeowners {
        id: "OPS006",
        name: "no-codeowners",
        category: Ops,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.providers", "repo.codeowners"],
        fix: "Add a CODEOWNERS file, at least for workflows and infrastructure.",
        done: "CODEOWNERS names the owners of the code",
    }
    fn check(inv) {
        if inv.len("ci.providers") == 0 {
            return not_applicable("no CI: reviews are not enforced anyway");
        }
        if inv.is_true("repo.codeowners") {
            return pass();
        }
        fail("no CODEOWNERS: changes to the pipeline and infrastructure need no owner's review", Vec::new())
    }
}
