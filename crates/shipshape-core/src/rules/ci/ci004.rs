use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// CI never type-checks the TypeScript code.
    ///
    /// ## What it checks
    /// In repositories with TypeScript source, that a reachable CI step runs the type checker:
    /// `tsc` (`--noEmit` or `--build`), `vue-tsc`, `svelte-check`, `astro check`, or a
    /// `typecheck`/`type-check` package script.
    ///
    /// ## Why it matters
    /// Bundlers such as Vite, esbuild and SWC strip types without checking them: a type error
    /// builds and ships. Only `tsc` rejects it.
    ///
    /// ## How to fix
    /// ```json
    /// { "scripts": { "typecheck": "tsc --noEmit" } }
    /// ```
    ///
    /// ```yaml
    /// - run: npm run typecheck
    /// ```
    ///
    /// References: <https://www.typescriptlang.org/docs/handbook/compiler-options.html>
    CiWithoutTypecheck {
        id: "CI004",
        name: "ci-without-typecheck",
        category: Ci,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.providers", "ci.runs_typecheck", "ci.workflows", "stack.languages"],
        fix: "Type-check in CI (tsc --noEmit, vue-tsc, mypy, pyright).",
    }
    fn check(inv) {
        if inv.len("ci.providers") == 0 {
            return not_applicable("no CI configuration");
        }
        if !inv.list("stack.languages").contains(&"typescript") {
            return not_applicable("no TypeScript source");
        }
        if inv.is_true("ci.runs_typecheck") {
            return pass();
        }
        let discarded = inv.get("ci.runs_typecheck").discarded.len();
        let message = if discarded > 0 {
            format!("no CI step type-checks the code that counts ({discarded} found that cannot run or whose failure is ignored)")
        } else {
            "no CI step type-checks the code".to_string()
        };
        let mut evidence: Vec<_> = inv.get("ci.runs_typecheck").discarded.iter().map(|d| d.evidence.clone()).collect();
        if evidence.is_empty() {
            evidence = inv.get("ci.workflows").evidence.clone();
        }
        fail(message, evidence)
    }
}
