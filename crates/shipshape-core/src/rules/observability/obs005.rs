use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The service exposes no health endpoint.
    ///
    /// ## What it checks
    /// For server-side frameworks, that an HTTP route reports health: `/health`, `/healthz`,
    /// `/api/health`, `/ready`, `/live`, `/ping`, `/status`… registered in code (Express, Fastify,
    /// Hono, FastAPI, Flask, Django) or as a Next.js/SvelteKit route file. Routes in comments,
    /// strings, tests or docs do not count. A health path that the platform probes (Kubernetes
    /// `httpGet`, Render `healthCheckPath`, …) shows one exists.
    ///
    /// ## Why it matters
    /// Load balancers, orchestrators, uptime monitors and deploy checks all need one URL that
    /// says whether this instance can serve. Without it, a broken instance keeps receiving
    /// traffic.
    ///
    /// ## How to fix
    /// ```ts
    /// // src/app/api/health/route.ts
    /// export async function GET() {
    ///   await db.$queryRaw`SELECT 1`;
    ///   return Response.json({ status: "ok" });
    /// }
    /// ```
    ///
    /// References: <https://microservices.io/patterns/observability/health-check-api.html>
    NoHealthEndpoint {
        id: "OBS005",
        name: "no-health-endpoint",
        category: Observability,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["stack.frameworks", "health.endpoints", "stack.code_analyzed"], reads: ["health.platform_wired"],
        fix: "Expose a health endpoint (e.g. GET /health) that the platform and monitors can call.",
        done: "The service exposes a health endpoint",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if !crate::rules::has_server(inv) {
            return not_applicable("no server-side framework");
        }
        if inv.len("health.endpoints") > 0 || inv.is_true("health.platform_wired") {
            return pass();
        }
        fail("no health endpoint: nothing can ask an instance whether it serves", inv.get("stack.frameworks").evidence.iter().take(1).cloned().collect())
    }
}
