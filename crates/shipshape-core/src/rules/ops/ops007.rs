use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The repository has no license file.
    ///
    /// ## What it checks
    /// That a `LICENSE*`, `LICENCE*` or `COPYING*` file exists at the root, for repositories
    /// with application source.
    ///
    /// ## Why it matters
    /// Without one, nobody (contributors, customers doing due diligence, your own lawyers)
    /// knows what may be done with the code. For private code, a proprietary notice settles
    /// it; for open source, a license is what makes it open.
    ///
    /// ## How to fix
    /// ```sh
    /// curl -sL https://www.apache.org/licenses/LICENSE-2.0.txt > LICENSE
    /// ```
    ///
    /// References: <https://choosealicense.com/>
    NoLicense {
        id: "OPS007",
        name: "no-license",
        category: Ops,
        severity: Info,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["stack.languages", "repo.license"],
        fix: "Add a LICENSE file (or a proprietary notice).",
        done: "The repository has a license file",
    }
    fn check(inv) {
        if inv.len("stack.languages") == 0 {
            return not_applicable("no application source");
        }
        if inv.is_true("repo.license") {
            return pass();
        }
        fail("no LICENSE or COPYING file at the root", Vec::new())
    }
}
