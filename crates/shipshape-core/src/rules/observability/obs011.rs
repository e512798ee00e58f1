use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// No health endpoint answers on the deployment.
    ///
    /// ## What it checks
    /// The candidate health paths (`/health`, `/healthz`, `/api/health`, `/ready`, `/live`, … and,
    /// with `--repo`, the routes of `health.endpoints`): at least one must answer 2xx.
    ///
    /// ## Why it matters
    /// Load balancers, orchestrators and uptime monitors need one URL that says whether this
    /// instance can serve. Without it they probe the home page, which is slow, cached, or fine while
    /// the database is down.
    ///
    /// ## How to fix
    /// ```ts
    /// // app/api/health/route.ts
    /// export async function GET() {
    ///   await db.$queryRaw`SELECT 1`;
    ///   return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
    /// }
    /// ```
    ///
    /// References: <https://learn.microsoft.com/en-us/azure/architecture/patterns/health-endpoint-monitoring>
    NoLiveHealthEndpoint {
        id: "OBS011",
        name: "no-live-health-endpoint",
        category: Observability,
        severity: Medium,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["live.health"],
        fix: "Serve a health endpoint (/health or /api/health) that answers 200 when the app can serve.",
        done: "A health endpoint answers on the deployment",
    }
    fn check(inv) {
        let healthy = inv.get("live.health").value.as_array().into_iter().flatten().any(|h| h["status"].as_u64().is_some_and(|s| (200..300).contains(&s)));
        if healthy {
            return pass();
        }
        fail("no health endpoint answers 2xx", inv.get("live.health").evidence.clone())
    }
}
