//! Entry points: the files a framework, a runtime or a manifest loads without an import. What
//! is reachable from them runs; what is not, does not.

use std::collections::{BTreeMap, HashMap};

use super::SourceFile;
use crate::parse::tree::Node;
use crate::parse::{Doc, FileId, Repo};
use crate::walk::FileKind;

/// The entry points of a repository, each with why it is one.
pub(super) struct EntryPoints {
    by_file: HashMap<FileId, String>,
    /// Entry points by the package (directory of the nearest `package.json`; `""` for the
    /// root or for Python) they belong to, in path order.
    by_package: BTreeMap<String, Vec<String>>,
    /// Directories of the JavaScript packages (each `package.json`'s), longest first.
    packages: Vec<String>,
}

impl EntryPoints {
    pub(super) fn find(repo: &Repo, files: &[SourceFile<'_>]) -> EntryPoints {
        let mut packages: Vec<String> = repo.of_kinds(&[FileKind::PackageJson]).map(|(_, f)| dir_of(&f.path).to_string()).collect();
        packages.sort_by_key(|p| std::cmp::Reverse(p.len()));
        packages.dedup();
        let mut found = EntryPoints { by_file: HashMap::new(), by_package: BTreeMap::new(), packages };
        let mut by_path: HashMap<&str, &SourceFile<'_>> = HashMap::new();
        for file in files {
            by_path.insert(without_extension(file.path), file);
            let package = found.package_of(file.path).to_string();
            let why = if file.path.ends_with(".py") { python(file.path) } else { javascript(file.path, &package) };
            if let Some(why) = why {
                found.add(file, why.to_string());
            } else if is_server(file) {
                found.add(file, "starts a server".to_string());
            }
        }
        for (_, manifest) in repo.of_kinds(&[FileKind::PackageJson]) {
            let Doc::Json(root) = manifest.doc() else { continue };
            let dir = dir_of(&manifest.path);
            for (field, target) in manifest_targets(root) {
                if let Some(file) = source_of(dir, &target).iter().find_map(|candidate| by_path.get(candidate.as_str())) {
                    found.add(file, format!("{field} in {}", manifest.path));
                }
            }
        }
        // React Router's app/routes.ts: route("health", "routes/health.tsx").
        for file in files.iter().filter(|f| is_route_config(f.path)) {
            let dir = dir_of(file.path);
            for call in &file.index().calls {
                for module in call.args.iter().filter_map(|a| a.as_str()).filter(|s| has_script_extension(s)) {
                    if let Some(route) = source_of(dir, module).iter().find_map(|c| by_path.get(c.as_str())) {
                        found.add(route, format!("a route module in {}", file.path));
                    }
                }
            }
        }
        for entries in found.by_package.values_mut() {
            entries.sort();
            entries.dedup();
        }
        found
    }

    fn add(&mut self, file: &SourceFile<'_>, why: String) {
        if self.by_file.contains_key(&file.id) {
            return;
        }
        self.by_file.insert(file.id, why);
        let package = if file.path.ends_with(".py") { String::new() } else { self.package_of(file.path).to_string() };
        self.by_package.entry(package).or_default().push(file.path.to_string());
    }

    /// Why the file is an entry point, if it is one.
    pub(super) fn why(&self, id: FileId) -> Option<&str> {
        self.by_file.get(&id).map(String::as_str)
    }

    /// The directory of the JavaScript package a path belongs to (`""`: the root).
    pub(super) fn package_of(&self, path: &str) -> &str {
        self.packages.iter().find(|p| p.is_empty() || path.starts_with(&format!("{p}/"))).map_or("", String::as_str)
    }

    /// The entry points of the package `path` belongs to.
    pub(super) fn of_package(&self, path: &str) -> &[String] {
        let package = if path.ends_with(".py") { "" } else { self.package_of(path) };
        self.by_package.get(package).map_or(&[], Vec::as_slice)
    }
}

/// Next.js app-router files: what the framework renders or serves.
const NEXT_APP_FILES: &[&str] = &[
    "page",
    "layout",
    "route",
    "template",
    "error",
    "global-error",
    "loading",
    "not-found",
    "default",
    "opengraph-image",
    "twitter-image",
    "icon",
    "apple-icon",
    "sitemap",
    "robots",
    "manifest",
];

/// A JavaScript or TypeScript file a framework loads by its place in the tree, or a runtime by
/// its name at the top of a package (`path` is under `package`).
fn javascript(path: &str, package: &str) -> Option<&'static str> {
    let inner = if package.is_empty() { path } else { &path[package.len() + 1..] };
    let dirs: Vec<&str> = inner.split('/').collect();
    let (name, dirs) = dirs.split_last()?;
    let stem = name.split('.').next().unwrap_or(name);
    // The package's own directory or its src/.
    let at_top = dirs.is_empty() || dirs == ["src"];
    if name.starts_with("sentry.") {
        return Some("Sentry's configuration, loaded by its framework plugin");
    }
    if at_top && matches!(stem, "middleware" | "instrumentation" | "instrumentation-client") {
        return Some("Next.js loads it by name");
    }
    if at_top && matches!(stem, "index" | "main" | "server" | "app" | "worker" | "entry") {
        return Some("the package's entry by name");
    }
    if at_top && stem == "hooks" {
        return Some("SvelteKit's hooks");
    }
    if let Some(i) = dirs.iter().position(|d| *d == "app") {
        let below = &dirs[i + 1..];
        if NEXT_APP_FILES.contains(&stem) {
            return Some("a Next.js app-router file");
        }
        // Remix and React Router: root, entry.client/server, flat routes (app/routes/x.y.tsx)
        // and route folders (app/routes/x.y/route.tsx).
        if below.is_empty() && matches!(stem, "root" | "entry") {
            return Some("a Remix / React Router root or entry module");
        }
        if below == ["routes"] || (below.len() == 2 && below[0] == "routes" && matches!(stem, "route" | "index" | "_index")) {
            return Some("a Remix / React Router route module");
        }
    }
    if dirs.contains(&"pages") {
        return Some("a page (Next.js, Astro or Nuxt pages directory)");
    }
    if name.starts_with('+') && dirs.contains(&"routes") {
        return Some("a SvelteKit route file");
    }
    match dirs {
        ["server", "api" | "routes" | "middleware" | "plugins", ..] => Some("a Nuxt server file"),
        ["api", ..] => Some("a Vercel function"),
        ["netlify", "functions", ..] | [.., "netlify", "functions", _] => Some("a Netlify function"),
        ["supabase", "functions", ..] | [.., "supabase", "functions", _] => Some("a Supabase edge function"),
        _ => None,
    }
}

/// A Python file a framework or runtime loads by name: Django's project and app modules,
/// WSGI/ASGI and Celery modules, `__main__`, an app's `main.py`/`app.py`.
fn python(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let dirs: Vec<&str> = path.split('/').collect();
    let dirs = &dirs[..dirs.len() - 1];
    if dirs.contains(&"settings") {
        return Some("Django settings");
    }
    if dirs.ends_with(&["management", "commands"]) {
        return Some("a Django management command");
    }
    match stem {
        "manage" | "settings" | "urls" | "models" | "admin" | "apps" => Some("Django loads it by name"),
        "wsgi" | "asgi" | "gunicorn" | "gunicorn_conf" => Some("a WSGI/ASGI entry"),
        "celery" | "tasks" => Some("Celery loads it by name"),
        "__main__" | "main" | "app" | "server" | "worker" => Some("a program's entry by name"),
        _ => None,
    }
}

/// Whether a file starts a server: `app.listen(…)`, `serve({ fetch })` (Hono's node server),
/// `Bun.serve(…)`, `Deno.serve(…)`.
fn is_server(file: &SourceFile<'_>) -> bool {
    !file.path.ends_with(".py")
        && (file.text.contains(".listen(") || file.text.contains("serve("))
        && file.index().calls.iter().any(|c| {
            let callee = c.callee.as_str();
            callee.ends_with(".listen") || matches!(callee, "serve" | "Bun.serve" | "Deno.serve")
        })
}

fn is_route_config(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("routes.") && dir_of(path).rsplit('/').next() == Some("app")
}

/// What a package.json says runs: `main`, `module`, `bin`, `exports` and the files its
/// scripts run (`node dist/server.js`, `tsx watch src/index.ts`), with the field that says so.
fn manifest_targets(root: &Node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in ["main", "module"] {
        if let Some(target) = root.get(field).and_then(Node::as_str) {
            out.push((format!("`{field}`"), target.to_string()));
        }
    }
    if let Some(bin) = root.get("bin") {
        match bin.as_str() {
            Some(target) => out.push(("`bin`".into(), target.to_string())),
            None => out.extend(bin.entries().iter().filter_map(|e| Some(("`bin`".into(), e.value.as_str()?.to_string())))),
        }
    }
    if let Some(exports) = root.get("exports") {
        let mut stack = vec![exports];
        while let Some(node) = stack.pop() {
            match node.as_str() {
                Some(target) => out.push(("`exports`".into(), target.to_string())),
                None => stack.extend(node.entries().iter().map(|e| &e.value)),
            }
        }
    }
    for script in root.get("scripts").map(Node::entries).unwrap_or_default() {
        let Some(command) = script.value.as_str() else { continue };
        for word in command.split(|c: char| c.is_whitespace() || matches!(c, '&' | ';' | '|' | '"' | '\'')) {
            if has_script_extension(word) && !word.starts_with('-') && !word.contains("config.") {
                out.push((format!("the `{}` script", script.key), word.to_string()));
            }
        }
    }
    out
}

fn has_script_extension(s: &str) -> bool {
    [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx"].iter().any(|e| s.ends_with(e))
}

/// The source files a manifest's target may be, without extension: the path itself, and for
/// build output (`dist/`, `build/`, `lib/`, `out/`) the same path under `src/` or at the top.
fn source_of(dir: &str, target: &str) -> Vec<String> {
    let target = target.trim_start_matches("./");
    let path = super::super::join(if dir.is_empty() { "." } else { dir }, target);
    let path = path.trim_start_matches("./");
    let bare = without_extension(path).to_string();
    let mut out = vec![bare.clone()];
    let inner = if dir.is_empty() || dir == "." { bare.as_str() } else { bare.strip_prefix(&format!("{dir}/")).unwrap_or(&bare) };
    for build in ["dist/", "build/", "lib/", "out/"] {
        if let Some(rest) = inner.strip_prefix(build) {
            let prefix = if dir.is_empty() || dir == "." { String::new() } else { format!("{dir}/") };
            out.push(format!("{prefix}src/{rest}"));
            out.push(format!("{prefix}{rest}"));
            // tsc's rootDir often keeps `src/` in the output: dist/src/main.js.
            out.push(format!("{prefix}{}", rest.trim_start_matches("src/")));
        }
    }
    out.dedup();
    out
}

fn without_extension(path: &str) -> &str {
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name_start + dot],
        _ => path,
    }
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_files_are_entry_points() {
        for (path, package) in [
            ("app/layout.tsx", ""),
            ("apps/web/src/app/api/health/route.ts", "apps/web"),
            ("app/routes/api.health.tsx", ""),
            ("app/routes/_index.tsx", ""),
            ("app/routes/settings.profile/route.tsx", ""),
            ("app/root.tsx", ""),
            ("app/entry.server.tsx", ""),
            ("src/routes/health/+server.ts", ""),
            ("src/hooks.server.ts", ""),
            ("pages/api/health.ts", ""),
            ("src/pages/index.astro.ts", ""),
            ("server/api/health.get.ts", ""),
            ("api/cron.ts", ""),
            ("supabase/functions/send/index.ts", ""),
            ("apps/api/src/main.ts", "apps/api"),
            ("src/index.ts", ""),
            ("middleware.ts", ""),
            ("src/instrumentation.ts", ""),
            ("sentry.server.config.ts", ""),
        ] {
            assert!(javascript(path, package).is_some(), "{path}");
        }
        for (path, package) in [
            ("src/lib/sentry/index.ts", ""),
            ("src/lib/server.ts", ""),
            ("app/routes/settings.profile/form.tsx", ""),
            ("src/routes/health.ts", ""),
            ("apps/web/src/utils/middleware.ts", "apps/web"),
            ("packages/ui/src/components/app.tsx", "packages/ui"),
        ] {
            assert!(javascript(path, package).is_none(), "{path}");
        }
    }

    #[test]
    fn build_output_maps_to_its_source() {
        assert_eq!(source_of("apps/api", "./dist/main.js"), ["apps/api/dist/main", "apps/api/src/main", "apps/api/main"]);
        assert_eq!(source_of("", "server.js"), ["server"]);
        assert_eq!(without_extension("a.b/c.d.ts"), "a.b/c.d");
    }
}
