//! The rules stage: one rule per file under `rules/<category>/`, each a unit struct declared
//! with [`declare_rule!`] together with its documentation. Rules are pure functions of the
//! inventory; they never read files.

pub mod ci;
pub mod config;
pub mod data;
pub mod deploy;
pub mod iac;
pub mod observability;
pub mod ops;
pub mod scale;
pub mod security;

use std::fmt;

use serde::Serialize;

use crate::facts::{Evidence, Inventory};

/// Rule categories, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Deploy,
    Ci,
    Config,
    Observability,
    Security,
    Data,
    Scale,
    Iac,
    Ops,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Deploy,
        Category::Ci,
        Category::Config,
        Category::Observability,
        Category::Security,
        Category::Data,
        Category::Scale,
        Category::Iac,
        Category::Ops,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Deploy => "deploy",
            Category::Ci => "ci",
            Category::Config => "config",
            Category::Observability => "observability",
            Category::Security => "security",
            Category::Data => "data",
            Category::Scale => "scale",
            Category::Iac => "iac",
            Category::Ops => "ops",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Category::Deploy => "Deployment & hosting",
            Category::Ci => "CI/CD",
            Category::Config => "Environments, configuration & secrets",
            Category::Observability => "Monitoring & observability",
            Category::Security => "Security hardening",
            Category::Data => "Data, backup & recovery",
            Category::Scale => "Performance & scalability",
            Category::Iac => "Infrastructure as code",
            Category::Ops => "Operations & release",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info];

    /// Scoring weight (DESIGN.md).
    pub fn weight(self) -> f64 {
        match self {
            Severity::Critical => 10.0,
            Severity::High => 7.5,
            Severity::Medium => 5.0,
            Severity::Low => 2.5,
            Severity::Info => 0.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s.to_ascii_lowercase())
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effort {
    /// Under a day.
    QuickWin,
    /// One to three days.
    Small,
    /// One to two weeks.
    Medium,
    /// Two to four weeks.
    Large,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::QuickWin => "quick-win",
            Effort::Small => "small",
            Effort::Medium => "medium",
            Effort::Large => "large",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Confidence> {
        [Confidence::Low, Confidence::Medium, Confidence::High].into_iter().find(|c| c.as_str() == s.to_ascii_lowercase())
    }
}

/// Everything declared about a rule.
#[derive(Debug)]
pub struct Meta {
    pub id: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// The maturity level (2–5) that requires it.
    pub level: u8,
    pub effort: Effort,
    pub confidence: Confidence,
    /// Facts the rule needs; if any is `null`, the rule does not apply.
    pub needs: &'static [&'static str],
    /// Facts the rule also reads, which may be `null`.
    pub reads: &'static [&'static str],
    /// One line: what to do.
    pub fix: &'static str,
    /// What holds when the rule passes, in words a checklist can tick ("CI runs the test
    /// suite"): never the problem's name.
    pub done: &'static str,
    /// The rule's doc comment, as written.
    pub raw_docs: &'static str,
}

impl Meta {
    /// The documentation, without the doc-comment indentation.
    pub fn docs(&self) -> String {
        self.raw_docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n").trim().to_string()
    }

    /// The first sentence of the docs: what the rule is about.
    pub fn summary(&self) -> String {
        self.docs().split("\n\n").next().unwrap_or("").replace('\n', " ")
    }
}

/// A failed check: what is wrong, precisely, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    pub evidence: Vec<Evidence>,
}

/// What a rule's check decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Pass,
    Fail(Finding),
    NotApplicable(String),
}

pub fn pass() -> Check {
    Check::Pass
}

pub fn fail(message: impl Into<String>, evidence: Vec<Evidence>) -> Check {
    Check::Fail(Finding { message: message.into(), evidence })
}

/// Why a rule that reads application code does not apply when `stack.code_analyzed` is false.
pub const CODE_NOT_READ: &str = "the application's source language is not read yet (JavaScript, TypeScript and Python are)";

pub fn not_applicable(reason: impl Into<String>) -> Check {
    Check::NotApplicable(reason.into())
}

/// A rule: metadata and a check.
pub trait Rule: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, inv: &Inventory) -> Check;
}

/// Declare a rule: its doc comment (with *What it checks*, *Why it matters*, *How to fix*),
/// metadata, and check.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            name: $rule_name:literal,
            category: $category:ident,
            severity: $severity:ident,
            level: $level:literal,
            effort: $effort:ident,
            confidence: $confidence:ident,
                        needs: [$($need:literal),* $(,)?],
            $(reads: [$($read:literal),* $(,)?],)?
            fix: $fix:literal,
            done: $done:literal $(,)?
        }
        fn check($inv:ident) $body:block
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::Meta {
                static META: $crate::rules::Meta = $crate::rules::Meta {
                    id: $id,
                    name: $rule_name,
                    category: $crate::rules::Category::$category,
                    severity: $crate::rules::Severity::$severity,
                    level: $level,
                    effort: $crate::rules::Effort::$effort,
                    confidence: $crate::rules::Confidence::$confidence,
                                        needs: &[$($need),*],
                    reads: &[$($($read),*)?],
                    fix: $fix,
                    done: $done,
                    raw_docs: concat!($($doc, "\n"),*),
                };
                &META
            }

            #[allow(unused_variables)]
            fn check(&self, $inv: &$crate::facts::Inventory) -> $crate::rules::Check $body
        }
    };
}

/// Every rule, in id order within each category.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: &[&dyn Rule] = &[
        &deploy::dep001::NoDeployConfig,
        &deploy::dep002::SingleRegion,
        &deploy::dep003::RegionNotPinned,
        &deploy::dep004::ContainerRunsAsRoot,
        &deploy::dep005::ContainerWithoutHealthcheck,
        &deploy::dep006::UnpinnedImage,
        &deploy::dep007::MissingDockerignore,
        &deploy::dep008::K8sMissingProbes,
        &deploy::dep009::NoResourceLimits,
        &deploy::dep010::NoAutoscaling,
        &deploy::dep011::HealthCheckNotWired,
        &deploy::dep012::ComposeWithoutRestartPolicy,
        &deploy::dep013::SingleReplicaWorkload,
        &deploy::dep014::NoHttpsRedirect,
        &deploy::dep015::CertificateExpiring,
        &deploy::dep016::NoHttp2,
        &ci::ci001::NoCi,
        &ci::ci002::CiWithoutTests,
        &ci::ci003::CiWithoutLint,
        &ci::ci004::CiWithoutTypecheck,
        &ci::ci005::CiWithoutBuild,
        &ci::ci006::NoSecurityScan,
        &ci::ci007::NoDeployAutomation,
        &ci::ci008::NoStagingEnvironment,
        &ci::ci009::NoPostDeployCheck,
        &ci::ci010::NoAutomatedRollback,
        &ci::ci011::MigrationsNotInPipeline,
        &ci::ci012::NoPerformanceBudget,
        &ci::ci013::UnpinnedActions,
        &ci::ci014::UnrestrictedWorkflowPermissions,
        &ci::ci015::NoDependencyUpdateBot,
        &ci::ci016::JobWithoutTimeout,
        &ci::ci017::DeployWithoutConcurrency,
        &ci::ci018::ScriptInjection,
        &ci::ci019::DangerousPullRequestTarget,
        &ci::ci020::DeployWithoutEnvironmentGate,
        &ci::ci021::DeployNotGatedByTests,
        &ci::ci022::LockfileNotEnforced,
        &ci::ci023::NoTestFiles,
        &ci::ci024::NoE2eTests,
        &iac::iac001::NoIac,
        &iac::iac002::TerraformLocalState,
        &iac::iac003::TerraformStateCommitted,
        &iac::iac004::IacProvidersUnpinned,
        &iac::iac005::NoIacEnvironments,
        &iac::iac006::IacNotCheckedInCi,
        &observability::obs001::NoErrorTracking,
        &observability::obs002::NoTracing,
        &observability::obs003::NoStructuredLogging,
        &observability::obs004::ConsoleLoggingInSource,
        &observability::obs005::NoHealthEndpoint,
        &observability::obs006::ShallowHealthCheck,
        &observability::obs007::NoUptimeMonitoring,
        &observability::obs008::NoAlerting,
        &observability::obs009::NoMetrics,
        &observability::obs010::NoLogAggregation,
        &observability::obs011::NoLiveHealthEndpoint,
        &observability::obs012::HealthEndpointFailing,
        &observability::obs013::HealthEndpointCacheable,
        &security::sec001::NoSecurityHeaders,
        &security::sec002::NoContentSecurityPolicy,
        &security::sec003::WeakContentSecurityPolicy,
        &security::sec004::NoHsts,
        &security::sec005::NoRateLimiting,
        &security::sec006::InMemoryRateLimit,
        &security::sec007::CorsAllowsAnyOrigin,
        &security::sec008::NoSecurityPolicy,
        &security::sec009::RlsDisabled,
        &security::sec010::WeakTls,
        &security::sec011::NoWafOrCdn,
        &security::sec012::WeakServedSecurityHeaders,
        &security::sec013::HeadersConfiguredNotServed,
        &security::sec014::HstsNotServed,
        &security::sec015::InsecureCookies,
        &security::sec016::ServerVersionDisclosed,
        &security::sec017::ServedCspWeak,
        &security::sec018::CorsWildcardServed,
        &config::cfg001::NoEnvExample,
        &config::cfg002::UndocumentedEnvVars,
        &config::cfg003::NoEnvValidation,
        &config::cfg004::CommittedEnvFile,
        &config::cfg005::HardcodedSecret,
        &config::cfg006::SecretExposedToClient,
        &config::cfg007::NoEnvironmentSeparation,
        &config::cfg008::NoFeatureFlags,
        &config::cfg009::SecretBakedIntoImage,
        &config::cfg010::DebugModeEnabled,
        &data::dat001::NoBackups,
        &data::dat002::BackupsNotVerified,
        &data::dat003::NoDisasterRecoveryPlan,
        &data::dat004::NoConnectionPooling,
        &data::dat005::RedisWithoutAuth,
        &data::dat006::RedisWithoutPersistence,
        &data::dat007::RedisNoEvictionPolicy,
        &data::dat008::NoSchemaMigrations,
        &data::dat009::CacheWithoutResilience,
        &data::dat010::BackupsNotScheduled,
        &data::dat011::SqliteOnEphemeralPlatform,
        &scale::scl001::NoLoadTests,
        &scale::scl002::NoBundleBudget,
        &scale::scl003::NoCodeSplitting,
        &scale::scl004::NoImageOptimization,
        &scale::scl005::NoCachingLayer,
        &scale::scl006::NoCdn,
        &scale::scl007::InMemoryCacheAcrossInstances,
        &scale::scl008::NoBackgroundJobs,
        &scale::scl009::NoCompression,
        &scale::scl010::SlowTimeToFirstByte,
        &scale::scl011::StaticAssetsNotCached,
        &ops::ops001::NoDeployDocs,
        &ops::ops002::NoRunbooks,
        &ops::ops003::NoArchitectureDocs,
        &ops::ops004::NoChangelog,
        &ops::ops005::NoReleaseAutomation,
        &ops::ops006::NoCodeowners,
        &ops::ops007::NoLicense,
    ];
    ALL
}

/// The rule with this id (case-insensitive).
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().id.eq_ignore_ascii_case(id) || r.meta().name == id)
}

/// Whether the repository uses a framework that answers HTTP requests on a server.
pub fn has_server(inv: &Inventory) -> bool {
    inv.list("stack.frameworks").iter().any(|f| crate::facts::stack::SERVER_FRAMEWORKS.contains(f))
}

/// Whether the repository uses a framework that builds a browser bundle.
pub fn has_frontend(inv: &Inventory) -> bool {
    inv.list("stack.frameworks").iter().any(|f| crate::facts::stack::FRONTEND_FRAMEWORKS.contains(f))
}

/// Evidence of a fact's discarded entries: for "false because of these" findings.
pub fn discarded_evidence(inv: &Inventory, key: &str) -> Vec<Evidence> {
    inv.get(key).discarded.iter().map(|d| d.evidence.clone()).collect()
}

/// "`a`, `b` and 2 more": a short list for finding messages.
pub fn short_list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().take(3).map(|s| format!("`{}`", s.as_ref())).collect();
    let mut text = quoted.join(", ");
    if items.len() > 3 {
        text.push_str(&format!(" and {} more", items.len() - 3));
    }
    text
}

/// Discarded entries of a fact that are failures, leaving out development and test images.
pub fn failures(inv: &Inventory, key: &str) -> Vec<crate::facts::Discarded> {
    inv.get(key).discarded.iter().filter(|d| d.reason != crate::facts::deploy::SUPPORT_IMAGE).cloned().collect()
}

/// Discarded reasons, joined: "x; y".
pub fn reasons(inv: &Inventory, key: &str) -> Vec<String> {
    inv.get(key).discarded.iter().map(|d| d.reason.clone()).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for rule in all() {
            let m = rule.meta();
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            let prefix = match m.category {
                Category::Deploy => "DEP",
                Category::Ci => "CI",
                Category::Config => "CFG",
                Category::Observability => "OBS",
                Category::Security => "SEC",
                Category::Data => "DAT",
                Category::Scale => "SCL",
                Category::Iac => "IAC",
                Category::Ops => "OPS",
            };
            assert!(m.id.starts_with(prefix) && m.id[prefix.len()..].chars().all(|c| c.is_ascii_digit()), "{}", m.id);
            assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", m.name);
            assert!((2..=5).contains(&m.level), "{} level", m.id);
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in all() {
            let m = rule.meta();
            let docs = m.docs();
            for section in ["## What it checks", "## Why it matters", "## How to fix"] {
                assert!(docs.contains(section), "{} lacks `{section}`", m.id);
            }
            let fix = docs.split("## How to fix").nth(1).unwrap_or("");
            assert!(fix.contains("```"), "{}: How to fix needs an example", m.id);
            assert!(fix.contains("References: <http"), "{}: How to fix ends with references", m.id);
            assert!(!m.summary().is_empty() && !m.summary().starts_with('#'), "{}: first paragraph is the summary", m.id);
            assert!(!m.fix.is_empty() && m.fix.len() < 160, "{}: fix is one short line", m.id);
        }
    }

    #[test]
    fn every_category_is_covered_in_depth() {
        assert!(all().len() >= 100, "{} rules", all().len());
        for category in Category::ALL {
            let n = all().iter().filter(|r| r.meta().category == category).count();
            assert!(n >= 6, "{} has {n} rules", category.id());
        }
    }

    #[test]
    fn enough_rules_for_the_deploy_and_ci_areas() {
        let n = all().iter().filter(|r| matches!(r.meta().category, Category::Deploy | Category::Ci)).count();
        assert!(n >= 30, "{n}");
    }
}
