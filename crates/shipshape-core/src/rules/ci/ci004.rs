use crate::declare_rule;
use crate::rules::not_applicable;

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
        done: "CI type-checks the TypeScript code",
    }
    fn check(inv) {
        if !inv.list("stack.languages").contains(&"typescript") {
            return not_applicable("no TypeScript source");
        }
        super::ci_activity(inv, "ci.runs_typecheck", "type-checks the code")
    }
}
