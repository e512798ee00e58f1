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
    /// The URL path each file-system route serves (`app/api/health/route.ts` → `/api/health`).
    routes: HashMap<FileId, String>,
}

/// The frameworks a package's manifest depends on: which file conventions apply to its files. A
/// package that names none of them keeps every convention (unknown is not absent).
#[derive(Clone, Copy, Debug)]
pub(super) struct Frameworks {
    next: bool,
    remix: bool,
    /// `remix-flat-routes` or `react-router-auto-routes`: route modules nest in folders.
    nested_routes: bool,
}

impl Frameworks {
    /// Every convention: nothing is known of the package.
    pub(super) const ANY: Frameworks = Frameworks { next: true, remix: true, nested_routes: false };

    fn of(manifest: &Node) -> Frameworks {
        let deps: Vec<&str> = ["dependencies", "devDependencies", "peerDependencies"]
            .iter()
            .filter_map(|k| manifest.get(k))
            .flat_map(|d| d.entries().iter().map(|e| e.key.as_str()))
            .collect();
        let has = |p: &dyn Fn(&str) -> bool| deps.iter().any(|d| p(d));
        let next = has(&|d| d == "next");
        let remix = has(&|d| d.starts_with("@remix-run/") || d == "react-router" || d.starts_with("@react-router/"));
        let other = has(&|d| matches!(d, "@sveltejs/kit" | "nuxt" | "astro" | "@nestjs/core" | "express" | "fastify" | "hono"));
        let nested_routes = has(&|d| matches!(d, "remix-flat-routes" | "react-router-auto-routes"));
        if !next && !remix && !other {
            return Frameworks { nested_routes, ..Frameworks::ANY };
        }
        Frameworks { next, remix, nested_routes }
    }
}

impl EntryPoints {
    pub(super) fn find(repo: &Repo, files: &[SourceFile<'_>]) -> EntryPoints {
        let mut packages: Vec<String> = repo.of_kinds(&[FileKind::PackageJson]).map(|(_, f)| dir_of(&f.path).to_string()).collect();
        packages.sort_by_key(|p| std::cmp::Reverse(p.len()));
        packages.dedup();
        let frameworks: HashMap<String, Frameworks> = repo
            .of_kinds(&[FileKind::PackageJson])
            .filter_map(|(_, f)| match f.doc() {
                Doc::Json(root) => Some((dir_of(&f.path).to_string(), Frameworks::of(root))),
                _ => None,
            })
            .collect();
        let mut found = EntryPoints { by_file: HashMap::new(), by_package: BTreeMap::new(), packages, routes: HashMap::new() };
        let mut by_path: HashMap<&str, &SourceFile<'_>> = HashMap::new();
        for file in files {
            by_path.insert(without_extension(file.path), file);
            let package = found.package_of(file.path).to_string();
            let fw = frameworks.get(&package).copied().unwrap_or(Frameworks::ANY);
            if !file.path.ends_with(".py")
                && let Some(route) = file_route(file.path, &package, fw)
            {
                found.routes.insert(file.id, route);
            }
            let why = if file.path.ends_with(".py") { python(file.path) } else { javascript(file.path, &package, fw) };
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
        // What a container or a Procfile starts: `CMD ["node", "dist/server.js"]`,
        // `web: node build/index.js`, relative to the file's directory (the usual build context
        // and app root).
        for (_, file) in repo.of_kinds(&[FileKind::Dockerfile, FileKind::Procfile]) {
            let commands: Vec<String> = match file.doc() {
                Doc::Dockerfile(df) => {
                    df.instructions.iter().filter(|i| matches!(i.keyword.as_str(), "CMD" | "ENTRYPOINT")).map(|i| i.args.clone()).collect()
                }
                Doc::Procfile(processes) => processes.iter().map(|p| p.command.clone()).collect(),
                _ => continue,
            };
            let dir = dir_of(&file.path);
            for command in &commands {
                let words = command.split(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | ',' | '"' | '\'' | '&' | ';' | '|'));
                for word in words.filter(|w| has_script_extension(w) && !w.starts_with('-')) {
                    let word = word.trim_start_matches("/app/").trim_start_matches("/usr/src/app/");
                    if let Some(target) = source_of(dir, word).iter().find_map(|c| by_path.get(c.as_str())) {
                        found.add(target, format!("started by {}", file.path));
                    }
                }
            }
        }
        // React Router's app/routes.ts: route("health", "routes/health.tsx"), under the paths
        // of the prefix("api", [...]) and route("x", "x.tsx", [...]) calls around it.
        for file in files.iter().filter(|f| is_route_config(f.path)) {
            let dir = dir_of(file.path);
            let calls = &file.index().calls;
            for call in calls {
                for module in call.args.iter().filter_map(|a| a.as_str()).filter(|s| has_script_extension(s)) {
                    if let Some(route) = source_of(dir, module).iter().find_map(|c| by_path.get(c.as_str())) {
                        found.add(route, format!("a route module in {}", file.path));
                        if let Some(path) = configured_route(call, calls) {
                            found.routes.insert(route.id, path);
                        }
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

    /// The URL path a file-system route module serves.
    pub(super) fn route(&self, id: FileId) -> Option<&str> {
        self.routes.get(&id).map(String::as_str)
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
fn javascript(path: &str, package: &str, fw: Frameworks) -> Option<&'static str> {
    let inner = if package.is_empty() { path } else { &path[package.len() + 1..] };
    let dirs: Vec<&str> = inner.split('/').collect();
    let (name, dirs) = dirs.split_last()?;
    let stem = name.split('.').next().unwrap_or(name);
    // The package's own directory or its src/.
    let at_top = dirs.is_empty() || dirs == ["src"];
    if name.starts_with("sentry.") {
        return Some("Sentry's configuration, loaded by its framework plugin");
    }
    if at_top && matches!(stem, "middleware" | "instrumentation" | "instrumentation-client") && fw.next {
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
        if fw.next && NEXT_APP_FILES.contains(&stem) {
            return Some("a Next.js app-router file");
        }
        if fw.remix {
            // Remix and React Router: root, entry.client/server, and route modules.
            if below.is_empty() && matches!(stem, "root" | "entry") {
                return Some("a Remix / React Router root or entry module");
            }
            if below.first() == Some(&"routes") && remix_route(&below[1..], name, fw).is_some() {
                return Some("a Remix / React Router route module");
            }
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

/// The URL path of a Remix / React Router route module under `app/routes/` (`dirs` below it),
/// or `None` if the file is not one. Flat routes (`api.health.tsx`, `settings.profile/route.tsx`)
/// always; with `remix-flat-routes` or `react-router-auto-routes`, folders nest
/// (`resources/healthcheck.tsx`, `_auth+/login.tsx`) and a folder starting with `+` holds
/// colocated files. Segments: `_index` and `_layout` add nothing, a leading `_` is a pathless
/// layout, a trailing `_` is dropped, `$id` is `:id`, `$` alone is `*`, `[.]` escapes.
fn remix_route(dirs: &[&str], name: &str, fw: Frameworks) -> Option<String> {
    let stem = without_extension(name);
    if stem.ends_with(".server") || stem.ends_with(".client") || stem.contains(".test") || name.starts_with('.') {
        return None;
    }
    let module_name = matches!(stem, "route" | "index" | "_index" | "_layout" | "layout");
    let words: Vec<&str> = match dirs {
        [] => split_segments(stem),
        [folder] if module_name => split_segments(folder),
        _ if fw.nested_routes && !dirs.iter().any(|d| d.starts_with('+')) => {
            let mut words: Vec<&str> = dirs.iter().flat_map(|d| split_segments(d.trim_end_matches('+'))).collect();
            if !module_name {
                words.extend(split_segments(stem));
            }
            words
        }
        _ => return None,
    };
    let parts: Vec<String> = words
        .iter()
        .filter(|w| !w.is_empty() && !w.starts_with('_') && !matches!(**w, "index" | "route" | "layout"))
        .map(|w| {
            let w = w.trim_end_matches('_').replace(['[', ']'], "");
            let w = w.trim_start_matches('(').trim_end_matches(')');
            match w.strip_prefix('$') {
                Some("") => "*".to_string(),
                Some(param) => format!(":{param}"),
                None => w.to_string(),
            }
        })
        .collect();
    Some(format!("/{}", parts.join("/")))
}

/// A flat-route name's segments, split on dots outside `[...]` escapes.
fn split_segments(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut depth) = (0, 0u32);
    for (i, c) in name.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                out.push(&name[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&name[start..]);
    out
}

/// The URL path a file-system route serves: Next.js `app/**/route.ts` and `pages/api/**`,
/// SvelteKit `routes/**/+server.ts`, Remix / React Router route modules.
fn file_route(path: &str, package: &str, fw: Frameworks) -> Option<String> {
    let inner = if package.is_empty() { path } else { path.get(package.len() + 1..)? };
    let name = inner.rsplit('/').next()?;
    let stem = name.split('.').next()?;
    let segments: Vec<&str> = inner.split('/').collect();
    let dirs = &segments[..segments.len() - 1];
    let rest: &[&str] = if let Some(i) = dirs.iter().position(|s| *s == "app") {
        if fw.remix && dirs.get(i + 1) == Some(&"routes") && (!fw.next || stem != "route") {
            return remix_route(&dirs[i + 2..], name, fw);
        }
        if !fw.next || stem != "route" {
            return None;
        }
        &dirs[i + 1..]
    } else if let Some(i) = dirs.iter().position(|s| *s == "pages") {
        let mut parts = dirs[i + 1..].to_vec();
        if stem != "index" {
            parts.push(stem);
        }
        return Some(format!("/{}", parts.join("/")));
    } else if let Some(i) = dirs.iter().position(|s| *s == "routes") {
        if stem != "+server" {
            return None;
        }
        &dirs[i + 1..]
    } else {
        return None;
    };
    let parts: Vec<&str> = rest.iter().copied().filter(|s| !(s.starts_with('(') && s.ends_with(')'))).collect();
    Some(format!("/{}", parts.join("/")))
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

/// The URL path of a module named in React Router's route config: `route("health", file)` or
/// `index(file)`, joined under the `prefix(p, [...])` and `route(p, file, [...])` calls whose
/// arguments hold it (`layout(file, [...])` adds nothing). `None` for a call that is no route.
fn configured_route(call: &shipshape_lang::Call, calls: &[shipshape_lang::Call]) -> Option<String> {
    let own = match (call.callee.as_str(), call.args.first()) {
        ("route", Some(shipshape_lang::Arg::Str(path))) => path.as_str(),
        ("index", _) => "",
        _ => return None,
    };
    let mut around: Vec<&shipshape_lang::Call> = calls
        .iter()
        .filter(|c| c.span.start < call.span.start && call.span.end <= c.span.end && matches!(c.callee.as_str(), "route" | "prefix"))
        .collect();
    around.sort_by_key(|c| c.span.start);
    let mut parts: Vec<&str> = around.iter().filter_map(|c| c.args.first().and_then(|a| a.as_str())).collect();
    parts.push(own);
    let segments: Vec<&str> = parts.iter().flat_map(|p| p.split('/')).filter(|s| !s.is_empty()).collect();
    Some(format!("/{}", segments.join("/")))
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
            assert!(javascript(path, package, Frameworks::ANY).is_some(), "{path}");
        }
        for (path, package) in [
            ("src/lib/sentry/index.ts", ""),
            ("src/lib/server.ts", ""),
            ("app/routes/settings.profile/form.tsx", ""),
            ("src/routes/health.ts", ""),
            ("apps/web/src/utils/middleware.ts", "apps/web"),
            ("packages/ui/src/components/app.tsx", "packages/ui"),
        ] {
            assert!(javascript(path, package, Frameworks::ANY).is_none(), "{path}");
        }
    }

    #[test]
    fn conventions_follow_the_package_framework() {
        let remix = Frameworks { next: false, remix: true, nested_routes: false };
        let next = Frameworks { next: true, remix: false, nested_routes: false };
        // `icon.tsx` under app/ is a Next.js metadata file only in a Next.js package.
        assert!(javascript("app/components/ui/icon.tsx", "", remix).is_none());
        assert!(javascript("app/icon.tsx", "", next).is_some());
        assert!(javascript("app/routes/api.health.tsx", "", next).is_none());
        assert!(javascript("app/routes/resources/healthcheck.tsx", "", remix).is_none());
        let nested = Frameworks { nested_routes: true, ..remix };
        assert!(javascript("app/routes/resources/healthcheck.tsx", "", nested).is_some());
        assert!(javascript("app/routes/_marketing/+logos/logos.ts", "", nested).is_none());
    }

    #[test]
    fn file_routes() {
        let any = Frameworks::ANY;
        let remix = Frameworks { next: false, remix: true, nested_routes: false };
        let nested = Frameworks { nested_routes: true, ..remix };
        assert_eq!(file_route("src/app/api/health/route.ts", "", any).as_deref(), Some("/api/health"));
        assert_eq!(file_route("app/(ops)/healthz/route.js", "", any).as_deref(), Some("/healthz"));
        assert_eq!(file_route("pages/api/health.ts", "", any).as_deref(), Some("/api/health"));
        assert_eq!(file_route("src/routes/health/+server.ts", "", any).as_deref(), Some("/health"));
        assert_eq!(file_route("app/dashboard/page.tsx", "", any), None);
        assert_eq!(file_route("lib/health.ts", "", any), None);
        assert_eq!(file_route("app/routes/api.health.tsx", "", remix).as_deref(), Some("/api/health"));
        assert_eq!(file_route("app/routes/resources.healthcheck/route.tsx", "", remix).as_deref(), Some("/resources/healthcheck"));
        assert_eq!(file_route("web/app/routes/_index.tsx", "web", remix).as_deref(), Some("/"));
        assert_eq!(file_route("app/routes/users.$id_.edit.tsx", "", remix).as_deref(), Some("/users/:id/edit"));
        assert_eq!(file_route("app/routes/sitemap[.]xml.tsx", "", remix).as_deref(), Some("/sitemap.xml"));
        assert_eq!(file_route("app/routes/resources/healthcheck.tsx", "", remix), None);
        assert_eq!(file_route("app/routes/resources/healthcheck.tsx", "", nested).as_deref(), Some("/resources/healthcheck"));
        assert_eq!(file_route("app/routes/_auth+/login.tsx", "", nested).as_deref(), Some("/login"));
        assert_eq!(file_route("app/routes/users+/$id.server.ts", "", nested), None);
    }

    #[test]
    fn build_output_maps_to_its_source() {
        assert_eq!(source_of("apps/api", "./dist/main.js"), ["apps/api/dist/main", "apps/api/src/main", "apps/api/main"]);
        assert_eq!(source_of("", "server.js"), ["server"]);
        assert_eq!(without_extension("a.b/c.d.ts"), "a.b/c.d");
    }
}
