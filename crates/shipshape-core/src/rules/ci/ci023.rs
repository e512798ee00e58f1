use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The repository has no automated tests.
    ///
    /// ## What it checks
        /// For repositories with a deployable service, that test files exist: `*.test.*`,
    /// `*.spec.*`, `*.cy.*`, `test_*.py`, `*_test.py`, `*_test.go`, `*_spec.rb`, or source
    /// under `test/`, `tests/`, `__tests__/`, `e2e/`, `spec/`.
    ///
    /// ## Why it matters
    /// Without tests every change is verified by hand or by users, refactoring is a gamble,
    /// and CI has nothing to gate a deploy on.
    ///
    /// ## How to fix
    /// Start with the paths that earn money or lose data:
    ///
    /// ```ts
    /// // src/checkout.test.ts
    /// import { expect, test } from "vitest";
    /// import { total } from "./checkout";
    /// test("applies the discount once", () => expect(total([10, 10], 0.1)).toBe(18));
    /// ```
    ///
    /// References: <https://martinfowler.com/articles/practical-test-pyramid.html>
    NoTestFiles {
        id: "CI023",
        name: "no-test-files",
        category: Ci,
        severity: High,
        level: 2,
        effort: Medium,
        confidence: High,
        needs: ["stack.languages", "stack.services", "tests.files"],
        fix: "Add automated tests, starting with the critical paths.",
        done: "The repository has automated tests",
    }
    fn check(inv) {
                if inv.len("stack.languages") == 0 || inv.len("stack.services") == 0 {
            return not_applicable("no deployable service: production readiness does not apply yet");
        }
        if inv.int("tests.files").unwrap_or(0) > 0 {
            return pass();
        }
        fail(format!("no test files next to {} source", inv.list("stack.languages").join(", ")), inv.get("stack.languages").evidence.iter().take(1).cloned().collect())
    }
}
