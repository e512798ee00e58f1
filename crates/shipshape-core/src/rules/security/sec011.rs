use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Self-hosted services are exposed without a WAF or CDN in front.
    ///
    /// ## What it checks
    /// Where the app runs on self-managed infrastructure (compose, Swarm, Kubernetes, cloud VMs),
    /// that a WAF or CDN is configured as code (Cloudflare, CloudFront, AWS WAF, Fastly, Akamai, a
    /// cloudflared tunnel). Managed platforms include an edge network.
    ///
    /// ## Why it matters
    /// A WAF absorbs floods and filters common attacks before they reach the origin; a CDN
    /// hides the origin and takes static traffic off it.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "cloudflare_record" "app" { zone_id = var.zone, name = "app", content = var.origin_ip, type = "A", proxied = true }
    /// ```
    ///
    /// References: <https://owasp.org/www-community/Web_Application_Firewall>
    NoWafOrCdn {
        id: "SEC011",
        name: "no-waf-or-cdn",
        category: Security,
        severity: Low,
        level: 5,
        effort: Medium,
        confidence: Low,
        needs: ["deploy.platforms", "security.waf_cdn"],
        fix: "Put self-hosted services behind a CDN/WAF (Cloudflare, CloudFront with AWS WAF).",
        done: "Self-hosted services are behind a WAF or CDN",
    }
    fn check(inv) {
        let self_managed = ["docker-compose", "docker-swarm", "kubernetes", "helm", "aws", "gcloud", "azure", "ssh"];
        if !inv.list("deploy.platforms").iter().any(|p| self_managed.contains(p)) {
            return not_applicable("managed platforms include an edge network");
        }
        if inv.len("security.waf_cdn") > 0 {
            return pass();
        }
        fail("no WAF or CDN is configured in front of the self-hosted services", inv.get("deploy.platforms").evidence.iter().take(2).cloned().collect())
    }
}
