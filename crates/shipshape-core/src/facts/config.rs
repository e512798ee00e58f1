//! Environments, configuration and secrets: `env.validation`, `env.environments`,
//! `env.committed_env_files`, `secrets.*`, `feature_flags`, and extensions for secrets baked
//! into images and debug mode.

use serde_json::json;
use shipshape_lang::{Arg, EnvReadKind};

use super::code::Code;
use super::secrets;
use super::{Discarded, Evidence, Fact, Inventory, ListFact};
use crate::parse::tree::to_u32;
use crate::parse::{Doc, Repo};
use crate::walk::FileKind;

fn env_name(raw: &str) -> Option<&'static str> {
    match raw.to_ascii_lowercase().as_str() {
        "production" | "prod" | "live" => Some("production"),
        "staging" | "stage" | "preprod" => Some("staging"),
        "development" | "dev" | "local" => Some("development"),
        "test" | "testing" | "ci" => Some("test"),
        _ => None,
    }
}

pub fn extract(repo: &Repo, code: &Code<'_>, inv: &mut Inventory) {
    // Validation at startup.
    let mut validation = ListFact::default();
    for (file, index) in code.indexed() {
        let has_schema_reads = index.env_reads.iter().any(|r| r.how == EnvReadKind::Schema);
        for call in &index.calls {
            let ev = Evidence::at(file.id, &to_u32(call.span.clone()));
            match call.callee.as_str() {
                "createEnv" => validation.add("t3-env", ev),
                "cleanEnv" | "envalid.cleanEnv" => validation.add("envalid", ev),
                c if (c.ends_with(".parse") || c.ends_with(".safeParse"))
                    && matches!(call.args.first(), Some(Arg::Name(n)) if n == "process.env") =>
                {
                    validation.add(if index.imports_module("zod") { "zod" } else { "custom" }, ev)
                }
                c if c.ends_with(".validate") && matches!(call.args.first(), Some(Arg::Name(n)) if n == "process.env") => {
                    validation.add("joi", ev)
                }
                _ => {}
            }
        }
        if has_schema_reads && index.imports.iter().any(|i| i.module.starts_with("pydantic")) {
            validation.add("pydantic-settings", Evidence::file(file.id));
        }
        for wrapper in &index.env_wrappers {
            let lower = wrapper.to_ascii_lowercase();
            if ["require", "must", "assert", "ensure", "orthrow", "strict"].iter().any(|w| lower.contains(w)) {
                validation.add("custom", Evidence::file(file.id));
            }
        }
    }
    inv.insert(
        "env.validation",
        validation.fact().searched(&[
            "zod schemas parsing process.env",
            "t3-env createEnv",
            "envalid cleanEnv",
            "pydantic-settings",
            "requireEnv-style wrappers",
        ]),
    );

    // Environments with their own configuration, and committed env files.
    let mut environments = ListFact::default();
    let mut committed = ListFact::default();
    let mut debug = Vec::new();
    for (id, file) in repo.iter() {
        let path = file.path.as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        if file.kind == Some(FileKind::EnvFile) {
            if let Some(suffix) = name.strip_prefix(".env.") {
                let first = suffix.split('.').next().unwrap_or("");
                if let Some(env) = env_name(first) {
                    environments.add(env, Evidence::file(id));
                }
            }
            // Development containers commit their env files on purpose (`.devcontainer/`); a
            // committed `.env.local` is still a leak.
            if !super::env::is_example(path) && !crate::walk::is_dev_environment(path) {
                committed.add(path, Evidence::file(id));
            }
        }
        if matches!(file.kind, Some(FileKind::Compose | FileKind::DevCompose)) {
            for word in name.split(['.', '-', '_']) {
                // `compose.override.yml` is merged into local runs: development's own.
                let word = if word == "override" { "development" } else { word };
                if let Some(env) = env_name(word) {
                    environments.add(env, Evidence::file(id));
                }
            }
        }
        let stem = name.split('.').next().unwrap_or("");
        let in_config_dir = path.split('/').rev().skip(1).any(|d| matches!(d, "config" | "settings" | "environments" | "envs"));
        if in_config_dir && let Some(env) = env_name(stem) {
            environments.add(env, Evidence::file(id));
        }
        // Debug mode switched on in a settings module that is not for development.
        if file.kind == Some(FileKind::PySource)
            && let Doc::Code(Some(index)) = file.doc()
            && !["dev", "local", "test"].iter().any(|w| stem.contains(w))
            && super::is_application_source(file)
        {
            for (constant, value, span) in &index.constants {
                if constant == "DEBUG" && *value == Arg::Bool(true) {
                    debug.push(Evidence::at(id, &to_u32(span.clone())));
                }
            }
            for call in index.calls.iter().filter(|c| c.method() == "run") {
                if call.option("debug") == Some(&Arg::Bool(true)) {
                    debug.push(Evidence::at(id, &to_u32(call.span.clone())));
                }
            }
        }
    }
    for env in inv.list("ci.environments").iter().filter_map(|e| env_name(e)) {
        environments.add_all(env, inv.get("ci.environments").evidence.iter().take(1).cloned().collect::<Vec<_>>());
    }
    inv.insert(
        "env.environments",
        environments.fact().searched(&[
            ".env.<environment> files",
            "config/<environment>.* and settings/<environment>.py",
            "compose files per environment",
            "CI deployment environments",
        ]),
    );
    inv.insert("env.committed_env_files", committed.fact().searched(&["tracked .env files that are not examples"]));
    let has_python = code.files.iter().any(|f| f.path.ends_with(".py"));
    inv.insert(
        "config.debug_enabled",
        if has_python {
            Fact::bool(!debug.is_empty(), debug).searched(&["DEBUG = True in settings modules", "app.run(debug=True)"])
        } else {
            Fact::null()
        },
    );

    // Secrets.
    let secrets::Scan { found, in_fixtures: fixtures, values } = secrets::scan(repo);
    inv.mask(values);
    let value: Vec<serde_json::Value> = found
        .iter()
        .map(|f| json!({ "path": repo.file(f.file).path, "line": repo.line_at(f.file, f.span.start).map(|(l, _)| l), "kind": f.kind }))
        .collect();
    let evidence = found.iter().map(|f| Evidence::at(f.file, &f.span)).collect();
    let discarded = fixtures
        .iter()
        .take(20)
        .map(|f| Discarded { evidence: Evidence::at(f.file, &f.span), reason: format!("{} in a test fixture", f.kind) })
        .collect();
    let scanned_any = repo.files.iter().any(|f| f.any_text().is_some());
    inv.insert(
        "secrets.hardcoded",
        if !scanned_any {
            Fact::null()
        } else {
            Fact {
                value: json!(value),
                evidence,
                searched: vec!["every read file, by token shape and by secret-named assignment".into()],
                discarded,
            }
        },
    );

    let mut baked = Vec::new();
    for (id, file) in repo.of_kind(FileKind::Dockerfile) {
        if let Doc::Dockerfile(df) = file.doc() {
            for ins in df.instructions.iter().filter(|i| i.keyword == "ENV" || i.keyword == "ARG") {
                let name = ins.args.split(['=', ' ']).next().unwrap_or("");
                if secrets::is_secret_name(name) {
                    baked.push(Evidence::at(id, &ins.span));
                }
            }
        }
    }
    inv.insert(
        "secrets.dockerfile",
        if repo.of_kind(FileKind::Dockerfile).next().is_none() { Fact::null() } else { Fact::bool(!baked.is_empty(), baked) },
    );

    // Client-exposed variables whose name says secret.
    let mut exposed = ListFact::default();
    let mut names: Vec<(String, Evidence)> = Vec::new();
    for (id, file) in repo.of_kind(FileKind::EnvFile) {
        if let Doc::Env(entries) = file.doc() {
            names.extend(entries.iter().map(|e| (e.name.clone(), Evidence::at(id, &e.span))));
        }
    }
    for (name, evidence) in super::env::referenced(repo, code) {
        names.extend(evidence.into_iter().map(|ev| (name.clone(), ev)));
    }
    for (name, ev) in names {
        if is_exposed_secret(&name) {
            exposed.add(name, ev);
        }
    }
    inv.insert(
        "secrets.public_exposed",
        exposed.fact().searched(&["NEXT_PUBLIC_*, VITE_*, REACT_APP_*, EXPO_PUBLIC_*, PUBLIC_* names in env files and source"]),
    );

    // Feature flags evaluated in source.
    let mut flags = ListFact::default();
    for (file, index) in code.indexed() {
        for call in &index.calls {
            let ev = Evidence::at(file.id, &to_u32(call.span.clone()));
            let tool = match call.method() {
                "variation" | "boolVariation" | "stringVariation" | "jsonVariation"
                    if index.imports_module("launchdarkly-node-server-sdk")
                        || index.imports_module("@launchdarkly")
                        || index.imports_module("ldclient") =>
                {
                    Some("launchdarkly")
                }
                "isEnabled" | "is_enabled"
                    if index.imports_module("unleash-client")
                        || index.imports_module("@unleash")
                        || index.imports_module("UnleashClient") =>
                {
                    Some("unleash")
                }
                "hasFeature" | "getValue" | "has_feature" if index.imports_module("flagsmith") => Some("flagsmith"),
                "isOn" | "getFeatureValue" | "is_on" if index.imports_module("@growthbook") || index.imports_module("growthbook") => {
                    Some("growthbook")
                }
                "isFeatureEnabled" | "getFeatureFlag" | "feature_enabled"
                    if index.imports_module("posthog-js") || index.imports_module("posthog-node") || index.imports_module("posthog") =>
                {
                    Some("posthog")
                }
                "getBooleanValue" | "getStringValue" if index.imports_module("@openfeature") => Some("openfeature"),
                _ if call.callee == "flag" && (index.imports_module("@vercel/flags") || index.imports_module("flags")) => {
                    Some("vercel-flags")
                }
                _ => None,
            };
            if let Some(t) = tool {
                flags.add(t, ev);
            }
        }
        // Flags by hand: a function the app defines to evaluate them (`getFeatureFlags`,
        // `isFeatureEnabled`, `feature_enabled`), over Edge Config, a table or the environment.
        for (name, span) in &index.definitions {
            let lower = name.to_ascii_lowercase().replace('_', "");
            if lower.contains("featureflag") || lower.ends_with("featureenabled") {
                flags.add("custom", Evidence::at(file.id, &to_u32(span.clone())));
            }
        }
    }
    inv.insert(
        "feature_flags",
        flags.fact().searched(&[
            "flag evaluations in source (LaunchDarkly, Unleash, Flagsmith, GrowthBook, PostHog, OpenFeature, Vercel Flags)",
            "flag functions the app defines (getFeatureFlags, isFeatureEnabled)",
        ]),
    );
}

/// `NEXT_PUBLIC_STRIPE_SECRET_KEY`: a client-exposed name that says secret.
pub fn is_exposed_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let Some(rest) = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "PUBLIC_", "NUXT_PUBLIC_", "GATSBY_"]
        .iter()
        .find_map(|p| upper.strip_prefix(p))
    else {
        return false;
    };
    let segments: Vec<&str> = rest.split('_').collect();
    let has = |w: &str| segments.contains(&w);
    let secret =
        has("SECRET") || has("PRIVATE") || has("PASSWORD") || has("TOKEN") || segments.windows(2).any(|w| w == ["SERVICE", "ROLE"]);
    let benign = has("PUBLISHABLE") || has("ANON") || has("DISABLE") || has("ENABLE") || has("IS") || has("ENABLED");
    secret && !benign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposed_secret_names() {
        assert!(is_exposed_secret("NEXT_PUBLIC_STRIPE_SECRET_KEY"));
        assert!(is_exposed_secret("VITE_SUPABASE_SERVICE_ROLE_KEY"));
        assert!(is_exposed_secret("REACT_APP_GITHUB_TOKEN"));
        assert!(!is_exposed_secret("NEXT_PUBLIC_SUPABASE_ANON_KEY"));
        assert!(!is_exposed_secret("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY"));
        assert!(!is_exposed_secret("NEXT_PUBLIC_DISABLE_TOKEN_REFRESH"));
        assert!(!is_exposed_secret("STRIPE_SECRET_KEY"));
        assert!(!is_exposed_secret("NEXT_PUBLIC_TOKENIZER_URL"), "whole segments only");
    }
}
