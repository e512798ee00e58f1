use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The deployment region is left to the platform's default.
    ///
    /// ## What it checks
    /// On platforms that take a region in their configuration (Vercel, Fly.io, Render,
    /// Railway), that one is set explicitly.
    ///
    /// ## Why it matters
    /// Defaults differ per platform (Vercel functions default to `iad1`, Washington D.C.) and
    /// rarely match where the database lives. Every query then crosses an ocean. Pinning the
    /// region next to the data is a one-line change.
    ///
    /// ## How to fix
    /// Set the region closest to your database:
    ///
    /// ```toml
    /// # fly.toml
    /// primary_region = "fra"
    /// ```
    ///
    /// References: <https://fly.io/docs/reference/configuration/#primary_region>
    RegionNotPinned {
        id: "DEP003",
        name: "region-not-pinned",
        category: Deploy,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["deploy.regions", "deploy.platforms"],
        fix: "Set the serving region explicitly, next to your database.",
        done: "The deployment region is chosen explicitly",
    }
    fn check(inv) {
        if inv.len("deploy.regions") > 0 {
            return pass();
        }
        let platforms = inv.list("deploy.platforms");
        let regional: Vec<&str> = platforms.iter().copied().filter(|p| matches!(*p, "vercel" | "fly" | "render" | "railway")).collect();
        fail(
            format!("{} configured without a region: the platform default applies", regional.join(", ")),
            inv.get("deploy.platforms").evidence.clone(),
        )
    }
}
