//! Performance and scalability: `perf.*` and `cdn`.

use super::code::{Code, file_index};
use super::stack::Stack;
use super::{Evidence, Fact, Inventory, ListFact};
use crate::parse::tree::to_u32;
use crate::parse::{Doc, Repo};
use crate::walk::FileKind;

pub fn extract(repo: &Repo, stack: &Stack, code: &Code<'_>, inv: &mut Inventory) {
    // Load tests: scripts and configs anywhere in the repository (they live in tests/, perf/…).
    let mut load = ListFact::default();
    for dep in &stack.deps {
        let tool = match dep.name.as_str() {
            "artillery" => "artillery",
            "autocannon" => "autocannon",
            "locust" => "locust",
            "k6" => "k6",
            _ => continue,
        };
        load.add(tool, Evidence { file: dep.file, span: dep.span.clone() });
    }
    for (id, file) in repo.iter() {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        match file.kind {
            Some(FileKind::LoadTest) => {
                let tool = if name.ends_with(".jmx") {
                    "jmeter"
                } else if name.starts_with("locustfile") {
                    "locust"
                } else {
                    "artillery"
                };
                load.add(tool, Evidence::file(id));
            }
            // k6 scripts import "k6/http"; tests directories are not application source, so
            // they are indexed here on demand.
            Some(FileKind::JsSource)
                if file.text().is_some_and(|t| t.contains("k6"))
                    && file_index(file).is_some_and(|i| i.imports.iter().any(|i| i.module == "k6" || i.module.starts_with("k6/"))) =>
            {
                load.add("k6", Evidence::file(id));
            }
            Some(FileKind::Shell | FileKind::Makefile) => {
                let text = file.text().unwrap_or("");
                for c in super::ci::commands::split(text) {
                    let w = super::ci::commands::peel(&c.words);
                    match w.first().map(String::as_str) {
                        Some("wrk") => load.add("wrk", Evidence::file(id)),
                        Some("vegeta") => load.add("vegeta", Evidence::file(id)),
                        Some("k6") if w.get(1).is_some_and(|a| a == "run") => load.add("k6", Evidence::file(id)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    inv.insert("perf.load_tests", load.fact().searched(&["k6 scripts", "artillery, locust, jmeter, autocannon, wrk, vegeta"]));

    // Bundle budgets that can fail a build.
    let mut budget = Vec::new();
    for (id, file) in repo.of_kinds(&[FileKind::SizeLimit, FileKind::Lighthouserc, FileKind::PackageJson]) {
        match (&file.kind, file.doc()) {
            (Some(FileKind::SizeLimit), _) => budget.push(Evidence::file(id)),
            (Some(FileKind::Lighthouserc), _)
                if file.text().is_some_and(|t| t.contains("assert") || t.contains("budgets") || t.contains("resourceSizes")) =>
            {
                budget.push(Evidence::file(id))
            }
            (Some(FileKind::PackageJson), Doc::Json(root)) => {
                for key in ["size-limit", "bundlesize", "bundlewatch"] {
                    if let Some(n) = root.get(key) {
                        budget.push(Evidence::at(id, &n.span));
                    }
                }
            }
            _ => {}
        }
    }
    inv.insert(
        "perf.bundle_budget",
        Fact::bool(!budget.is_empty(), budget).searched(&[
            ".size-limit*",
            "package.json size-limit / bundlesize / bundlewatch",
            "lighthouserc assertions and budgets",
        ]),
    );
    // Build output is pruned from the walk (and usually git-ignored): not measured.
    inv.insert("perf.bundle_bytes", Fact::null());

    let mut splits = Vec::new();
    let mut images = Vec::new();
    for (file, index) in code.indexed() {
        splits.extend(index.dynamic_imports.iter().map(|s| Evidence::at(file.id, &to_u32(s.clone()))));
        if let Some(import) = index.imports.iter().find(|i| i.module == "next/image" || i.module == "next/legacy/image") {
            images.push(Evidence::at(file.id, &to_u32(import.span.clone())));
        }
    }
    if stack.has_dep("@nuxt/image") || stack.has_dep("@unpic/react") {
        images.extend(
            stack
                .deps
                .iter()
                .filter(|d| d.name == "@nuxt/image" || d.name == "@unpic/react")
                .map(|d| Evidence { file: d.file, span: d.span.clone() }),
        );
    }
    inv.insert("perf.code_splitting", Fact::int(splits.len(), splits.into_iter().take(10).collect()));
    // Bundler configuration that splits by route or by chunk (Vite/webpack/Rollup configs are
    // build configuration, not application source).
    let mut configured = Vec::new();
    for (id, file) in repo.of_kind(FileKind::JsSource) {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        if (name.starts_with("vite.config") || name.starts_with("webpack.config") || name.starts_with("rollup.config"))
            && let Some(index) = file_index(file)
        {
            let splits = index.calls.iter().any(|c| {
                c.option("autoCodeSplitting") == Some(&shipshape_lang::Arg::Bool(true))
                    || c.args.iter().any(|a| {
                        a.get("build")
                            .and_then(|b| b.get("rollupOptions"))
                            .and_then(|r| r.get("output"))
                            .and_then(|o| o.get("manualChunks"))
                            .is_some()
                    })
                    || c.option("splitChunks").is_some()
            });
            if splits {
                configured.push(Evidence::file(id));
            }
        }
    }
    inv.insert(
        "perf.split_by_config",
        Fact::bool(!configured.is_empty(), configured)
            .searched(&["vite/webpack/rollup configs: autoCodeSplitting, manualChunks, splitChunks"]),
    );
    inv.insert(
        "perf.image_optimization",
        Fact::bool(!images.is_empty(), images).searched(&["next/image imports", "@nuxt/image", "image CDN loaders"]),
    );

    let mut cdn = ListFact::default();
    for p in inv.list("deploy.platforms") {
        let edge = match p {
            "vercel" => "vercel-edge",
            "netlify" => "netlify-edge",
            "cloudflare-workers" | "cloudflare-pages" => "cloudflare",
            _ => continue,
        };
        cdn.add_all(edge, inv.get("deploy.platforms").evidence.iter().take(1).cloned().collect::<Vec<_>>());
    }
    for vendor in inv.list("security.waf_cdn") {
        if matches!(vendor, "cloudflare" | "cloudfront" | "fastly" | "akamai") {
            cdn.add_all(vendor, inv.get("security.waf_cdn").evidence.iter().take(1).cloned().collect::<Vec<_>>());
        }
    }
    inv.insert("cdn", cdn.fact().searched(&["platforms with an edge network", "CDN configuration in IaC"]));
}
