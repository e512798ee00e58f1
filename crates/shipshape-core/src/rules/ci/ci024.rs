use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A web frontend has no end-to-end tests.
    ///
    /// ## What it checks
    /// For repositories with a frontend framework, that an end-to-end test framework is set
    /// up: Playwright, Cypress, Selenium, Puppeteer or WebdriverIO (a dependency or its config
    /// file).
    ///
    /// ## Why it matters
    /// Unit tests do not see what users see: a broken route, a form that never submits, an
    /// environment variable missing in the build. A handful of end-to-end tests on the main
    /// journeys catch those before users do, and can run against each deploy.
    ///
    /// ## How to fix
    /// ```sh
    /// npm init playwright@latest
    /// ```
    ///
    /// ```ts
    /// test("signs in", async ({ page }) => {
    ///   await page.goto("/login");
    ///   await page.getByLabel("Email").fill("a@example.com");
    /// });
    /// ```
    ///
    /// References: <https://playwright.dev/docs/intro>
    NoE2eTests {
        id: "CI024",
        name: "no-e2e-tests",
        category: Ci,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["stack.frameworks", "tests.e2e"],
        fix: "Cover the main user journeys with Playwright or Cypress.",
        done: "The web frontend has end-to-end tests",
    }
    fn check(inv) {
        if !crate::rules::has_frontend(inv) {
            return not_applicable("no frontend framework");
        }
        if inv.len("tests.e2e") > 0 {
            return pass();
        }
        fail("no end-to-end test framework for the frontend", inv.get("stack.frameworks").evidence.iter().take(1).cloned().collect())
    }
}
