use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A self-hosted web app serves everything from the origin.
    ///
    /// ## What it checks
    /// For web apps on self-managed infrastructure (compose, Swarm, Kubernetes, cloud VMs), that a
    /// CDN is configured (Cloudflare, CloudFront, Fastly, Akamai). Managed platforms (Vercel,
    /// Netlify, Cloudflare) include an edge network.
    ///
    /// ## Why it matters
    /// Without a CDN every asset crosses the ocean from one origin: slow for distant users and
    /// expensive in bandwidth and server capacity.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "aws_cloudfront_distribution" "app" { … }
    /// ```
    ///
    /// References: <https://developer.mozilla.org/docs/Glossary/CDN>
    NoCdn {
        id: "SCL006",
        name: "no-cdn",
        category: Scale,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["stack.frameworks", "deploy.platforms", "cdn"],
        fix: "Serve static assets through a CDN (Cloudflare, CloudFront, Fastly) in front of self-hosted servers.",
        done: "Static content is served from a CDN, not only the origin",
    }
    fn check(inv) {
        let self_managed = ["docker-compose", "docker-swarm", "kubernetes", "helm", "aws", "gcloud", "azure", "ssh"];
        if !(crate::rules::has_frontend(inv) || crate::rules::has_server(inv)) || !inv.list("deploy.platforms").iter().any(|p| self_managed.contains(p)) {
            return not_applicable("no self-hosted web app");
        }
        if inv.len("cdn") > 0 {
            return pass();
        }
        fail("the self-hosted web app has no CDN in front", inv.get("deploy.platforms").evidence.iter().take(2).cloned().collect())
    }
}
