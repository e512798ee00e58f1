//! `stack.*`: languages, frameworks, package managers and deployable services, from manifests.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::{Evidence, Fact, Inventory, ListFact, dir_of, is_application_source, join};
use crate::parse::{Doc, FileId, Node, Repo, RepoFile};
use crate::walk::{FileKind, Role};

/// A `package.json` script.
#[derive(Debug, Clone)]
pub struct Script {
    pub name: String,
    pub body: String,
    pub span: Range<u32>,
}

/// A `package.json`.
#[derive(Debug, Clone)]
pub struct Package {
    pub file: FileId,
    pub dir: String,
    pub name: Option<String>,
    pub scripts: Vec<Script>,
    /// dependencies, devDependencies, peer and optional, by name.
    pub deps: BTreeMap<String, Range<u32>>,
    pub workspaces: bool,
    /// A `bin` field: the package is a command-line tool.
    pub bin: bool,
    /// peerDependencies: what a library plugs into (`next` for a UI kit), not what it runs.
    pub peers: Vec<String>,
    /// `publishConfig` or `files`: the package is published to a registry.
    pub published: bool,
}

impl Package {
    pub fn script(&self, name: &str) -> Option<&Script> {
        self.scripts.iter().find(|s| s.name == name)
    }
}

/// A dependency declared in any manifest, for framework and engine detection.
#[derive(Debug, Clone)]
pub struct ManifestDep {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// Declared for development only (devDependencies, dev groups): not what the app runs.
    pub dev: bool,
    pub file: FileId,
    pub span: Option<Range<u32>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ecosystem {
    Npm,
    Python,
    Go,
    Cargo,
    Ruby,
}

/// What later extractors need from this stage.
#[derive(Debug, Default)]
pub struct Stack {
    pub packages: Vec<Package>,
    pub deps: Vec<ManifestDep>,
    pub frameworks: BTreeSet<String>,
    pub services: Vec<String>,
}

impl Stack {
    /// The package.json in `dir`, if any.
    pub fn package_in(&self, dir: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.dir == dir)
    }

    pub fn has_dep(&self, name: &str) -> bool {
        self.deps.iter().any(|d| d.name == name)
    }
}

const JS_FRAMEWORKS: &[(&str, &str)] = &[
    ("next", "nextjs"),
    ("react", "react"),
    ("vite", "vite"),
    ("@remix-run/react", "remix"),
    ("@remix-run/node", "remix"),
    ("nuxt", "nuxt"),
    ("@sveltejs/kit", "sveltekit"),
    ("svelte", "svelte"),
    ("astro", "astro"),
    ("express", "express"),
    ("fastify", "fastify"),
    ("@nestjs/core", "nestjs"),
    ("hono", "hono"),
    ("vue", "vue"),
    ("@angular/core", "angular"),
    ("koa", "koa"),
    ("@hapi/hapi", "hapi"),
    ("gatsby", "gatsby"),
    ("solid-js", "solid"),
    ("react-scripts", "create-react-app"),
    ("elysia", "elysia"),
];
const PY_FRAMEWORKS: &[(&str, &str)] = &[
    ("fastapi", "fastapi"),
    ("django", "django"),
    ("flask", "flask"),
    ("starlette", "starlette"),
    ("litestar", "litestar"),
    ("aiohttp", "aiohttp"),
    ("sanic", "sanic"),
    ("tornado", "tornado"),
    ("streamlit", "streamlit"),
];
const GO_FRAMEWORKS: &[(&str, &str)] = &[
    ("github.com/gin-gonic/gin", "gin"),
    ("github.com/labstack/echo", "echo"),
    ("github.com/gofiber/fiber", "fiber"),
    ("github.com/go-chi/chi", "chi"),
];
const RUST_FRAMEWORKS: &[(&str, &str)] =
    &[("axum", "axum"), ("actix-web", "actix"), ("rocket", "rocket"), ("warp", "warp"), ("poem", "poem")];
const RUBY_FRAMEWORKS: &[(&str, &str)] = &[("rails", "rails"), ("sinatra", "sinatra"), ("hanami", "hanami")];

/// Frameworks that answer HTTP requests on a server (API and full-stack frameworks).
pub const SERVER_FRAMEWORKS: &[&str] = &[
    "nextjs",
    "remix",
    "nuxt",
    "sveltekit",
    "astro",
    "express",
    "fastify",
    "nestjs",
    "hono",
    "koa",
    "hapi",
    "elysia",
    "fastapi",
    "django",
    "flask",
    "starlette",
    "litestar",
    "aiohttp",
    "sanic",
    "tornado",
    "gin",
    "echo",
    "fiber",
    "chi",
    "axum",
    "actix",
    "rocket",
    "warp",
    "poem",
    "rails",
    "sinatra",
    "hanami",
];

/// Frameworks that build a browser bundle.
pub const FRONTEND_FRAMEWORKS: &[&str] =
    &["nextjs", "react", "vite", "vue", "nuxt", "sveltekit", "svelte", "astro", "angular", "remix", "gatsby", "solid", "create-react-app"];

/// Frameworks that build an app served as static files: with a server framework, a manifest
/// depending on one is a deployable unit.
const STATIC_APP_FRAMEWORKS: &[&str] = &["vite", "gatsby", "create-react-app", "angular"];

fn serves_an_app(framework: &str) -> bool {
    SERVER_FRAMEWORKS.contains(&framework) || STATIC_APP_FRAMEWORKS.contains(&framework)
}

pub fn extract(repo: &Repo, inv: &mut Inventory) -> Stack {
    let mut stack = Stack::default();
    read_packages(repo, &mut stack);
    read_other_manifests(repo, &mut stack);

    // Frameworks.
    let mut frameworks = ListFact::default();
    // Server frameworks in languages whose source is not read.
    let mut servers_unread: Vec<(&str, Evidence)> = Vec::new();
    for dep in &stack.deps {
        let table: &[(&str, &str)] = match dep.ecosystem {
            Ecosystem::Npm => JS_FRAMEWORKS,
            Ecosystem::Python => PY_FRAMEWORKS,
            Ecosystem::Go => GO_FRAMEWORKS,
            Ecosystem::Cargo => RUST_FRAMEWORKS,
            Ecosystem::Ruby => RUBY_FRAMEWORKS,
        };
        let matched = table
            .iter()
            .find(|(name, _)| dep.name == *name || (dep.ecosystem == Ecosystem::Go && dep.name.starts_with(&format!("{name}/"))));
        let build_tool = matched.is_some_and(|(_, f)| matches!(*f, "vite" | "sveltekit" | "svelte" | "astro" | "nuxt" | "gatsby"));
        if let Some((_, framework)) = matched.filter(|_| !dep.dev || build_tool) {
            frameworks.add(*framework, Evidence { file: dep.file, span: dep.span.clone() });
            let unread = match dep.ecosystem {
                Ecosystem::Go => Some("go"),
                Ecosystem::Cargo => Some("rust"),
                Ecosystem::Ruby => Some("ruby"),
                Ecosystem::Npm | Ecosystem::Python => None,
            };
            if let Some(language) = unread {
                servers_unread.push((language, Evidence { file: dep.file, span: dep.span.clone() }));
            }
        }
    }
    stack.frameworks = frameworks.names().map(str::to_string).collect();
    inv.insert(
        "stack.frameworks",
        frameworks.fact().searched(&["package.json", "pyproject.toml", "requirements*.txt", "Pipfile", "go.mod", "Cargo.toml", "Gemfile"]),
    );

    inv.insert("stack.package_managers", package_managers(repo, &stack).searched(&["lockfiles", "package.json packageManager"]));
    let (languages, counts) = languages(repo);
    let readable =
        languages.value.as_array().is_some_and(|l| l.iter().any(|v| matches!(v.as_str(), Some(l) if READ_LANGUAGES.contains(&l))));
    inv.insert("stack.code_unread", code_unread(repo, &languages, &counts, servers_unread));
    inv.insert("stack.languages", languages);
    inv.insert(
        "stack.code_analyzed",
        Fact::bool(readable, Vec::new())
            .searched(&["JavaScript, TypeScript and Python application source (other languages are not read yet)"]),
    );

    let (services, fact) = services(repo, &stack);
    stack.services = services;
    inv.insert("stack.services", fact);
    stack
}

/// Manifests of examples, fixtures, vendored code and project templates describe other apps.
/// A test package of the workspace (`packages/app-tests`) is this app's: its scripts run in
/// CI, though it is no service.
pub fn is_app_manifest(file: &RepoFile) -> bool {
    file.role.describes_production()
        && file.role != Role::Generated
        && !file.path.split('/').rev().skip(1).any(|d| matches!(d, "templates" | "template"))
}

fn read_packages(repo: &Repo, stack: &mut Stack) {
    for (id, file) in repo.of_kind(FileKind::PackageJson).filter(|(_, f)| is_app_manifest(f)) {
        let Doc::Json(root) = file.doc() else { continue };
        let scripts = root
            .get("scripts")
            .map(|s| {
                s.entries()
                    .iter()
                    .filter_map(|e| {
                        Some(Script { name: e.key.clone(), body: e.value.as_str()?.to_string(), span: e.key_span.start..e.value.span.end })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut deps = BTreeMap::new();
        for section in ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] {
            for e in root.get(section).map(Node::entries).unwrap_or_default() {
                if deps.insert(e.key.clone(), e.key_span.clone()).is_none() {
                    let dev = section == "devDependencies";
                    stack.deps.push(ManifestDep {
                        ecosystem: Ecosystem::Npm,
                        name: e.key.clone(),
                        dev,
                        file: id,
                        span: Some(e.key_span.clone()),
                    });
                }
            }
        }
        stack.packages.push(Package {
            file: id,
            dir: dir_of(&file.path).to_string(),
            name: root.get("name").and_then(Node::as_str).map(str::to_string),
            scripts,
            deps,
            workspaces: root.get("workspaces").is_some(),
            bin: root.get("bin").is_some(),
            peers: root.get("peerDependencies").map(Node::entries).unwrap_or_default().iter().map(|e| e.key.clone()).collect(),
            published: root.get("publishConfig").is_some() || root.get("files").is_some(),
        });
    }
}

fn read_other_manifests(repo: &Repo, stack: &mut Stack) {
    for (id, file) in repo
        .of_kinds(&[
            FileKind::Requirements,
            FileKind::GoMod,
            FileKind::Gemfile,
            FileKind::Pyproject,
            FileKind::Pipfile,
            FileKind::CargoToml,
        ])
        .filter(|(_, f)| is_app_manifest(f))
    {
        let push = |stack: &mut Stack, ecosystem, name: &str, span: Option<Range<u32>>| {
            stack.deps.push(ManifestDep { ecosystem, name: name.to_string(), dev: false, file: id, span });
        };
        match (file.kind, file.doc()) {
            (Some(FileKind::Requirements), Doc::Deps(deps)) => {
                for d in deps {
                    push(stack, Ecosystem::Python, &d.name, Some(d.span.clone()));
                }
            }
            (Some(FileKind::GoMod), Doc::Deps(deps)) => {
                for d in deps {
                    push(stack, Ecosystem::Go, &d.name, Some(d.span.clone()));
                }
            }
            (Some(FileKind::Gemfile), Doc::Deps(deps)) => {
                for d in deps {
                    push(stack, Ecosystem::Ruby, &d.name, Some(d.span.clone()));
                }
            }
            (Some(FileKind::Pyproject), Doc::Toml(root)) => {
                for item in root.at(&["project", "dependencies"]).map(Node::items).unwrap_or_default() {
                    if let Some(spec) = item.as_str() {
                        let name: String = spec.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
                        push(stack, Ecosystem::Python, &crate::parse::lines::normalize_python(&name), Some(item.span.clone()));
                    }
                }
                for section in [&["tool", "poetry", "dependencies"][..], &["tool", "poetry", "group", "dev", "dependencies"]] {
                    for e in root.at(section).map(Node::entries).unwrap_or_default() {
                        if e.key != "python" {
                            push(stack, Ecosystem::Python, &crate::parse::lines::normalize_python(&e.key), Some(e.key_span.clone()));
                        }
                    }
                }
            }
            (Some(FileKind::Pipfile), Doc::Toml(root)) => {
                for section in ["packages", "dev-packages"] {
                    for e in root.get(section).map(Node::entries).unwrap_or_default() {
                        push(stack, Ecosystem::Python, &crate::parse::lines::normalize_python(&e.key), Some(e.key_span.clone()));
                    }
                }
            }
            (Some(FileKind::CargoToml), Doc::Toml(root)) => {
                for section in ["dependencies", "dev-dependencies"] {
                    for e in root.get(section).map(Node::entries).unwrap_or_default() {
                        push(stack, Ecosystem::Cargo, &e.key, Some(e.key_span.clone()));
                    }
                }
            }
            _ => {}
        }
    }
}

fn package_managers(repo: &Repo, stack: &Stack) -> Fact {
    let mut out = ListFact::default();
    for (id, file) in repo.iter() {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let manager = match (file.kind, name) {
            (Some(FileKind::Lockfile), "package-lock.json" | "npm-shrinkwrap.json") => "npm",
            (Some(FileKind::Lockfile), "pnpm-lock.yaml") => "pnpm",
            (Some(FileKind::Lockfile), "yarn.lock") => "yarn",
            (Some(FileKind::Lockfile), "bun.lockb" | "bun.lock") => "bun",
            (Some(FileKind::Lockfile), "poetry.lock") => "poetry",
            (Some(FileKind::Lockfile), "uv.lock") => "uv",
            (Some(FileKind::Lockfile), "Pipfile.lock") | (Some(FileKind::Pipfile), _) => "pipenv",
            (Some(FileKind::Lockfile), "pdm.lock") => "pdm",
            (Some(FileKind::Lockfile), "Cargo.lock") | (Some(FileKind::CargoToml), _) => "cargo",
            (Some(FileKind::Lockfile), "Gemfile.lock") | (Some(FileKind::Gemfile), _) => "bundler",
            (Some(FileKind::Lockfile), "composer.lock") => "composer",
            (Some(FileKind::GoMod), _) => "go",
            (Some(FileKind::Requirements), _) => "pip",
            (Some(FileKind::Maven), _) => "maven",
            (Some(FileKind::Gradle), _) => "gradle",
            (Some(FileKind::Pyproject), _) => match file.doc() {
                Doc::Toml(root) if root.at(&["tool", "poetry"]).is_some() => "poetry",
                Doc::Toml(root) if root.at(&["tool", "uv"]).is_some() => "uv",
                _ => continue,
            },
            _ => continue,
        };
        out.add(manager, Evidence::file(id));
    }
    for package in &stack.packages {
        let Doc::Json(root) = repo.file(package.file).doc() else { continue };
        if let Some(field) = root.get("packageManager")
            && let Some(spec) = field.as_str()
        {
            let manager = spec.split('@').next().unwrap_or(spec).trim();
            if !manager.is_empty() {
                out.add(manager.to_ascii_lowercase(), Evidence::at(package.file, &field.span));
            }
        }
    }
    out.fact()
}

/// The languages whose application source the code index reads.
pub const READ_LANGUAGES: &[&str] = &["javascript", "typescript", "python"];

/// Application source in a language shipshape does not read, where it matters: a server
/// framework of that language in a manifest (Go, Rust, Ruby), or, for languages other than
/// Rust and Ruby, at least [`UNREAD_SOURCE_FILES`] application files of it outside a mobile
/// shell (`ios/`, `android/`). Each item is `{language, files}`,
/// with the manifest entries and a few files as evidence. Code facts say nothing of this
/// source, so the rules that read code are not assessed where it is (#11): unknown is not
/// absent.
fn code_unread(repo: &Repo, languages: &Fact, counts: &BTreeMap<&str, usize>, servers: Vec<(&str, Evidence)>) -> Fact {
    let mut items: BTreeMap<&str, Vec<Evidence>> = BTreeMap::new();
    for (language, evidence) in servers {
        items.entry(language).or_default().push(evidence);
    }
    for (language, count) in counts {
        // Rust and Ruby services are built on a framework their manifest names (above); Go's
        // standard library, Java, PHP and the rest serve without one we know.
        let by_framework = matches!(*language, "rust" | "ruby");
        if !READ_LANGUAGES.contains(language) && !by_framework && *count >= UNREAD_SOURCE_FILES {
            items.entry(language).or_default();
        }
    }
    // A few source files of each, from the languages fact's evidence.
    for ev in &languages.evidence {
        if let Some(language) = language_of(&repo.file(ev.file).path)
            && let Some(list) = items.get_mut(language)
        {
            list.push(ev.clone());
        }
    }
    let value = serde_json::Value::Array(
        items.keys().map(|l| serde_json::json!({ "language": l, "files": counts.get(l).copied().unwrap_or(0) })).collect(),
    );
    Fact { value, evidence: items.into_values().flatten().collect(), ..Fact::default() }.searched(&[
        "server frameworks in go.mod, Cargo.toml and Gemfile",
        "application source by extension, outside ios/ and android/ (JavaScript, TypeScript and Python are read)",
    ])
}

/// The languages of `stack.code_unread`, each with its count of application files.
pub fn unread_languages(inv: &Inventory) -> Vec<(&str, u64)> {
    let items = inv.get("stack.code_unread").value.as_array().map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(|i| Some((i.get("language")?.as_str()?, i.get("files").and_then(|f| f.as_u64()).unwrap_or(0)))).collect()
}

/// How many application files of an unread language make it matter without a server framework.
const UNREAD_SOURCE_FILES: usize = 5;

/// A language as a reader names it (`ruby` is Ruby, `csharp` is C#).
pub fn language_name(language: &str) -> &str {
    match language {
        "javascript" => "JavaScript",
        "typescript" => "TypeScript",
        "python" => "Python",
        "go" => "Go",
        "rust" => "Rust",
        "ruby" => "Ruby",
        "java" => "Java",
        "kotlin" => "Kotlin",
        "php" => "PHP",
        "elixir" => "Elixir",
        "csharp" => "C#",
        "swift" => "Swift",
        "scala" => "Scala",
        other => other,
    }
}

fn language_of(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    Some(match ext {
        "ts" | "tsx" | "mts" | "cts" => "typescript",
        "js" | "jsx" | "mjs" | "cjs" => "javascript",
        "py" => "python",
        "go" => "go",
        "rs" => "rust",
        "rb" => "ruby",
        "java" => "java",
        "kt" | "kts" => "kotlin",
        "php" => "php",
        "ex" | "exs" => "elixir",
        "cs" => "csharp",
        "swift" => "swift",
        "scala" => "scala",
        _ => return None,
    })
}

/// The languages of application source, and how many files of each are outside a mobile shell.
fn languages(repo: &Repo) -> (Fact, BTreeMap<&'static str, usize>) {
    let mut out = ListFact::default();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut server_side: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (id, file) in repo.iter() {
        if !matches!(file.kind, Some(FileKind::JsSource | FileKind::PySource | FileKind::OtherSource)) || !is_application_source(file) {
            continue;
        }
        let Some(language) = language_of(&file.path) else { continue };
        // A mobile app's native shell is not where a service runs.
        if !file.path.split('/').any(|d| matches!(d, "ios" | "android")) {
            *server_side.entry(language).or_default() += 1;
        }
        let seen = counts.entry(language).or_default();
        *seen += 1;
        // A few files per language are evidence enough; the list stays readable.
        if *seen <= 3 {
            out.add(language, Evidence::file(id));
        } else {
            out.add_all(language, []);
        }
    }
    (out.fact().searched(&["application source files by extension"]), server_side)
}

/// Directories that have their own manifest and an entry point.
fn services(repo: &Repo, stack: &Stack) -> (Vec<String>, Fact) {
    let mut out = ListFact::default();
    let has_file = |dir: &str, name: &str| repo.find(&join(dir, name)).is_some();
    let root_is_workspace = stack.package_in(".").is_some_and(|p| p.workspaces) || has_file(".", "pnpm-workspace.yaml");

    for package in stack.packages.iter().filter(|p| repo.file(p.file).role != Role::Test) {
        // A framework the package names as a peer is one it plugs into: a library for it.
        let serves = package
            .deps
            .keys()
            .filter(|d| !package.peers.contains(d))
            .any(|d| JS_FRAMEWORKS.iter().any(|(name, fw)| name == d && serves_an_app(fw)));
        let has_entry = package.scripts.iter().any(|s| matches!(s.name.as_str(), "start" | "serve"));
        let is_tooling_root = package.dir == "." && root_is_workspace && !serves;
        let is_cli = package.bin && !serves;
        // Published with nothing that starts it: a package others install.
        let is_library = package.published && !has_entry;
        if !is_tooling_root && !is_cli && !is_library && (serves || has_entry || has_file(&package.dir, "Dockerfile")) {
            out.add(package.dir.clone(), Evidence::file(package.file));
        }
    }
    for (id, file) in repo.iter().filter(|(_, f)| is_app_manifest(f) && f.role != Role::Test) {
        let dir = dir_of(&file.path);
        let is_service = match file.kind {
            Some(FileKind::Pyproject | FileKind::Pipfile) => python_entry(repo, dir),
            Some(FileKind::Requirements) if file.path.rsplit('/').next() == Some("requirements.txt") => python_entry(repo, dir),
            // `package main` at the module root, under `cmd/`, or one level down (`app/main.go`).
            Some(FileKind::GoMod) => {
                has_file(dir, "main.go") || repo.dir_exists(&join(dir, "cmd")) || {
                    let prefix = if dir == "." { String::new() } else { format!("{dir}/") };
                    repo.dirs
                        .range(prefix.clone()..)
                        .take_while(|d| d.starts_with(&prefix))
                        .filter(|d| !d[prefix.len()..].contains('/'))
                        .filter_map(|d| repo.find(&format!("{d}/main.go")))
                        .any(|id| repo.file(id).role == Role::Application)
                }
            }
            // A binary crate is a service when it serves: a command-line tool is not one.
            Some(FileKind::CargoToml) => {
                (has_file(dir, "src/main.rs") || matches!(file.doc(), Doc::Toml(t) if t.get("bin").is_some()))
                    && stack.deps.iter().any(|d| d.file == id && RUST_FRAMEWORKS.iter().any(|(name, _)| d.name == *name))
            }
            Some(FileKind::Gemfile) => has_file(dir, "config.ru"),
            Some(FileKind::Maven | FileKind::Gradle) => repo.dir_exists(&join(dir, "src/main")),
            _ => false,
        };
        if is_service {
            out.add(dir.to_string(), Evidence::file(id));
        }
    }
    let services: Vec<String> = out.names().map(str::to_string).collect();
    (services, out.fact().searched(&["manifests with an entry point (package.json start script or serving framework, main.py/app.py/manage.py, main.go, src/main.rs, config.ru)"]))
}

fn python_entry(repo: &Repo, dir: &str) -> bool {
    ["main.py", "app.py", "manage.py", "wsgi.py", "asgi.py", "server.py", "app/main.py", "src/main.py", "app/__init__.py"]
        .iter()
        .any(|f| repo.find(&join(dir, f)).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backend_framework_serves_http() {
        // Go, Rust and Ruby manifests name only server frameworks: each must count as one.
        for (_, id) in GO_FRAMEWORKS.iter().chain(RUST_FRAMEWORKS).chain(RUBY_FRAMEWORKS) {
            assert!(SERVER_FRAMEWORKS.contains(id), "{id}");
        }
    }
}
