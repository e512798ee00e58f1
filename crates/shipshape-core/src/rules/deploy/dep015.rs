use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The TLS certificate expires within 21 days, or has expired.
    ///
    /// ## What it checks
    /// The leaf certificate the server presents: it must be valid for at least 21 more days. (The
    /// probe speaks TLS 1.2 and 1.3 only: a server that offers nothing newer fails the probe with a
    /// TLS error.)
    ///
    /// ## Why it matters
    /// An expired certificate takes the whole site down for every visitor at once, with a browser
    /// warning no one can click through on HSTS sites. Renewal that is not automated and monitored
    /// eventually fails.
    ///
    /// ## How to fix
    /// ```yaml
    /// # cert-manager on Kubernetes renews 30 days ahead
    /// spec: { renewBefore: 720h }
    /// ```
    ///
    /// References: <https://letsencrypt.org/docs/integration-guide/>
    CertificateExpiring {
        id: "DEP015",
        name: "certificate-expiring",
        category: Deploy,
        severity: High,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["live.tls"],
        fix: "Renew the certificate, and automate renewal (ACME, managed certificates) with an alert 21 days ahead.",
        done: "The TLS certificate is valid for more than 21 days",
    }
    fn check(inv) {
        let days = inv.get("live.tls").value["cert_days_left"].as_i64();
        match days {
            Some(d) if d < 0 => fail(format!("the TLS certificate expired {} day(s) ago", -d), inv.get("live.tls").evidence.clone()),
            Some(d) if d < 21 => fail(format!("the TLS certificate expires in {d} day(s)"), inv.get("live.tls").evidence.clone()),
            Some(_) => pass(),
            None => not_applicable("the certificate could not be read"),
        }
    }
}
