use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The application is served from a single region.
    ///
    /// ## What it checks
    /// The regions configured for serving on platforms that take a region in their
    /// configuration (`vercel.json` `regions`, `fly.toml` `primary_region`, `render.yaml`
    /// `region`, Railway `deploy.region`). It fails unless one platform configuration serves
    /// from two or more regions: two services in one region each are not multi-region. It
    /// does not apply when no region is set in the repository: the platform's dashboard may set
    /// several, and how many serve is then not known from here (DEP003 asks to pin one).
    ///
    /// ## Why it matters
    /// One region is one failure domain: a regional outage takes the whole service down, and
    /// users far from it pay the round-trip on every dynamic request. For most products one
    /// region close to the database is the right start; this is a level-5 concern.
    ///
    /// ## How to fix
    /// Serve from a second region once the data layer can follow (read replicas or a
    /// globally replicated store), for example on Vercel:
    ///
    /// ```json
    /// { "regions": ["fra1", "iad1"] }
    /// ```
    ///
    /// References: <https://vercel.com/docs/functions/configuring-functions/region>
    SingleRegion {
        id: "DEP002",
        name: "single-region",
        category: Deploy,
        severity: Medium,
        level: 5,
        effort: Large,
        confidence: Medium,
        needs: ["deploy.regions", "deploy.multi_region", "deploy.platforms"],
        fix: "Serve from a second region once the data layer can follow (read replicas, global store).",
        done: "The application is served from more than one region",
    }
    fn check(inv) {
        if inv.is_true("deploy.multi_region") {
            return pass();
        }
        let regions = inv.list("deploy.regions");
        let message = match regions.as_slice() {
            [] => return not_applicable("no region is set in the repository: how many regions serve is not known from here"),
            [one] => format!("every request is served from one region, `{one}`"),
            many => format!("each service is served from one region ({})", many.join(", ")),
        };
        let mut evidence = inv.get("deploy.regions").evidence.clone();
        if evidence.is_empty() {
            evidence = inv.get("deploy.platforms").evidence.clone();
        }
        fail(message, evidence)
    }
}
