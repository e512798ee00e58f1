//! `env.example_files`, `env.vars_referenced`, `env.vars_undocumented`.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, MatchKind};
use shipshape_lang::{CodeIndex, EnvReadKind};

use super::code::{Code, file_index};
use super::{Evidence, Inventory, ListFact, compose_services, render_services};
use crate::parse::tree::to_u32;
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

/// Names the platform or runtime sets: reading them needs no documentation.
fn is_platform_name(name: &str) -> bool {
    // Vite's import.meta.env built-ins (DEV, PROD, MODE, SSR, BASE_URL) are not variables either.
    matches!(
        name,
        "NODE_ENV"
            | "NEXT_RUNTIME"
            | "CI"
            | "PORT"
            | "HOST"
            | "HOSTNAME"
            | "DYNO"
            | "AWS_REGION"
            | "K_SERVICE"
            | "PWD"
            | "HOME"
            | "PATH"
            | "TZ"
            | "DEV"
            | "PROD"
            | "MODE"
            | "SSR"
            | "BASE_URL"
    ) || {
        // Frameworks expose the platform's variables to the browser under their own prefix:
        // `NEXT_PUBLIC_VERCEL_URL` is Vercel's `VERCEL_URL`.
        let unprefixed = ["NEXT_PUBLIC_", "VITE_", "PUBLIC_", "REACT_APP_", "NUXT_PUBLIC_", "EXPO_PUBLIC_"]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(name);
        ["VERCEL", "RENDER", "FLY_", "RAILWAY_", "HEROKU_", "GITHUB_", "AWS_LAMBDA_", "NETLIFY", "CF_PAGES"]
            .iter()
            .any(|p| unprefixed.starts_with(p))
    }
}

/// Whether an env file is an example by its name (`.env.example`, `env-example-relational`,
/// `.env.sample`, `.env.dist`): it documents variables, it does not configure them.
pub fn is_example(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    ["example", "sample", "template", "dist", "defaults"].iter().any(|w| name.contains(w))
}

pub fn extract(repo: &Repo, code: &Code<'_>, inv: &mut Inventory) {
    let mut examples = ListFact::default();
    for (id, file) in repo.of_kind(FileKind::EnvFile) {
        if is_example(&file.path) {
            examples.add(file.path.clone(), Evidence::file(id));
        }
    }
    inv.insert(
        "env.example_files",
        examples.fact().searched(&[".env.example", ".env.sample", ".env.template", "env.example", "*.env.example"]),
    );

    let referenced = referenced(repo, code);
    let names: Vec<String> = referenced.keys().cloned().collect();
    let mut list = ListFact::default();
    for (name, evidence) in &referenced {
        list.add_all(name.clone(), evidence.iter().cloned());
    }
    inv.insert(
        "env.vars_referenced",
        list.fact().searched(&[
            "application source (process.env, import.meta.env, Deno.env, os.environ, os.getenv, env schemas, env wrapper calls)",
        ]),
    );

    // What someone deploying the app has to set: the names read, less those the platform or
    // runtime sets (`NODE_ENV`, `VERCEL_URL`).
    let mut to_set = ListFact::default();
    for (name, evidence) in referenced.iter().filter(|(name, _)| !is_platform_name(name)) {
        to_set.add_all(name.clone(), evidence.iter().cloned());
    }
    inv.insert("env.vars_to_set", to_set.fact().searched(&["names in env.vars_referenced that the platform or runtime does not set"]));

    let documented = documented(repo, &names);
    let mut undocumented = ListFact::default();
    for name in &names {
        if !documented.contains(name) && !is_platform_name(name) {
            undocumented.add_all(name.clone(), referenced[name].iter().take(1).cloned());
        }
    }
    inv.insert(
        "env.vars_undocumented",
        undocumented.fact().searched(&[
            "example env files",
            "README and docs/",
            "deploy config env (vercel.json, render.yaml, compose, Kubernetes, fly.toml)",
            "CI env",
        ]),
    );
}

/// Environment variables read by application source, including reads through the project's
/// own wrappers (`requireEnv("X")`), which may be defined in another file.
pub fn referenced(repo: &Repo, code: &Code<'_>) -> BTreeMap<String, Vec<Evidence>> {
    let mut out: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    let wrappers: BTreeSet<&str> = code.indexed().flat_map(|(_, i)| i.env_wrappers.iter().map(String::as_str)).collect();
    // Files the prefilter skipped may still call a wrapper: index those that mention one.
    let late: Vec<(FileId, &CodeIndex)> = if wrappers.is_empty() {
        Vec::new()
    } else {
        let needles: Vec<String> = wrappers.iter().map(|w| format!("{w}(")).collect();
        let ac = AhoCorasick::new(&needles).ok();
        code.files
            .iter()
            .filter(|f| f.hits().is_none() && ac.as_ref().is_some_and(|ac| ac.is_match(f.text)))
            .map(|f| (f.id, f.index()))
            .collect()
    };
    // Build-time substitutions declared in bundler configs are not environment variables.
    let defines: BTreeSet<String> = repo
        .of_kind(FileKind::JsSource)
        .filter(|(_, f)| {
            f.path
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("next.config") || n.starts_with("vite.config") || n.starts_with("webpack.config"))
        })
        .filter_map(|(_, f)| file_index(f))
        .flat_map(|index| index.build_defines.clone())
        .collect();
    let all = code.indexed().map(|(f, i)| (f.id, i)).chain(late);
    for (id, index) in all {
        for read in index.env_reads.iter().filter(|r| !defines.contains(&r.name)) {
            let span = to_u32(read.span.clone());
            if read.how == EnvReadKind::Schema
                || shipshape_lang::is_env_name(&read.name)
                || read.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                out.entry(read.name.clone()).or_default().push(Evidence::at(id, &span));
            }
        }
        for call in index.literal_calls.iter().filter(|c| wrappers.contains(c.callee.as_str())) {
            out.entry(call.arg.clone()).or_default().push(Evidence::at(id, &to_u32(call.span.clone())));
        }
    }
    out
}

/// Names documented anywhere a newcomer or a deploy would look.
fn documented(repo: &Repo, names: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut add = |n: &str| {
        found.insert(n.to_string());
    };
    for (_, file) in repo.of_kinds(&[
        FileKind::EnvFile,
        FileKind::VercelJson,
        FileKind::RenderYaml,
        FileKind::FlyToml,
        FileKind::Compose,
        FileKind::DevCompose,
        FileKind::Yaml,
        FileKind::GithubWorkflow,
        FileKind::GitlabCi,
    ]) {
        match (file.kind, file.doc()) {
            // Any committed env file lists the names (values are judged elsewhere: CFG004, CFG005).
            (Some(FileKind::EnvFile), Doc::Env(entries)) => entries.iter().for_each(|e| add(&e.name)),
            (Some(FileKind::VercelJson), Doc::Json(root)) => {
                for key in ["env", "build"] {
                    let node = if key == "build" { root.at(&["build", "env"]) } else { root.get(key) };
                    node.map(Node::entries).unwrap_or_default().iter().for_each(|e| add(&e.key));
                }
            }
            (Some(FileKind::RenderYaml), Doc::Yaml(docs)) => {
                for s in render_services(docs) {
                    for v in s.get("envVars").map(Node::items).unwrap_or_default() {
                        if let Some(k) = v.get("key").and_then(Node::as_str) {
                            add(k);
                        }
                    }
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => {
                root.get("env").map(Node::entries).unwrap_or_default().iter().for_each(|e| add(&e.key))
            }
            (Some(FileKind::Compose | FileKind::DevCompose), Doc::Yaml(docs)) => {
                for s in compose_services(docs) {
                    if let Some(env) = s.value.get("environment") {
                        env.entries().iter().for_each(|e| add(&e.key));
                        for item in env.items() {
                            if let Some(k) = item.as_str().and_then(|s| s.split('=').next()) {
                                add(k);
                            }
                        }
                    }
                }
            }
            (Some(FileKind::Yaml), Doc::Yaml(docs)) => {
                for doc in docs {
                    collect_k8s_env(doc, &mut add);
                }
            }
            (Some(FileKind::GithubWorkflow | FileKind::GitlabCi), Doc::Yaml(docs)) => {
                for doc in docs {
                    collect_env_maps(doc, &mut add);
                }
            }
            _ => {}
        }
    }
    // Prose: README and docs mention names as words.
    if !names.is_empty()
        && let Ok(ac) = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(names)
    {
        for (_, file) in repo.of_kind(FileKind::Doc) {
            let Some(text) = file.text() else { continue };
            for m in ac.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                if !is_word(before) && !is_word(after) {
                    found.insert(names[m.pattern().as_usize()].clone());
                }
            }
        }
    }
    found
}

/// `env:` maps anywhere in a CI file (workflow, job and step level; GitLab `variables:`).
fn collect_env_maps(node: &Node, add: &mut impl FnMut(&str)) {
    for entry in node.entries() {
        if matches!(entry.key.as_str(), "env" | "variables") {
            entry.value.entries().iter().for_each(|e| add(&e.key));
        }
        collect_env_maps(&entry.value, add);
    }
    for item in node.items() {
        collect_env_maps(item, add);
    }
}

/// Kubernetes container `env: [{ name: X }]`.
fn collect_k8s_env(node: &Node, add: &mut impl FnMut(&str)) {
    for entry in node.entries() {
        if entry.key == "env" {
            for item in entry.value.items() {
                if let Some(name) = item.get("name").and_then(Node::as_str) {
                    add(name);
                }
            }
        }
        collect_k8s_env(&entry.value, add);
    }
    for item in node.items() {
        collect_k8s_env(item, add);
    }
}

#[cfg(test)]
mod tests {
    use super::is_platform_name;

    #[test]
    fn platform_variables_need_no_documentation_under_any_framework_prefix() {
        for name in ["NODE_ENV", "VERCEL_URL", "NEXT_PUBLIC_VERCEL_URL", "VITE_VERCEL_ENV", "RENDER_EXTERNAL_URL", "FLY_APP_NAME"] {
            assert!(is_platform_name(name), "{name}");
        }
        for name in ["NEXT_PUBLIC_SITE_URL", "STRIPE_SECRET_KEY", "NEXT_PUBLIC_API_URL", "PUBLIC_STRIPE_KEY"] {
            assert!(!is_platform_name(name), "{name}");
        }
    }
}
