//! Security hardening: `security.*`.

use std::collections::BTreeMap;

use serde_json::json;
use shipshape_lang::Arg;

use super::code::{Code, file_index};
use super::{Discarded, Evidence, Fact, Inventory, ListFact};
use crate::parse::nginx::Directive;
use crate::parse::tree::to_u32;
use crate::parse::{Doc, Node, Repo, sql};
use crate::walk::FileKind;

/// The security headers of the `security.headers` vocabulary (and of `live.headers`), lower-cased.
pub const SECURITY_HEADERS: &[&str] = &[
    "content-security-policy",
    "strict-transport-security",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
    "cross-origin-resource-policy",
];

/// What helmet sets by default (v7).
const HELMET: &[&str] = &[
    "content-security-policy",
    "strict-transport-security",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
];

/// Whether a header rule's path pattern covers the whole site: `/:path*`, `/(.*)`, `/*`, or
/// everything but some prefixes (`/((?!api|_next).*)`). `/` alone is the home page only.
fn is_site_wide(source: &str) -> bool {
    let s = source.trim().trim_start_matches('/');
    let catch_all_param =
        s.strip_prefix(':').is_some_and(|p| !p.contains('/') && (p.ends_with('*') || p.ends_with("(.*)") || p.ends_with("(.*)?")));
    matches!(s, "*" | "**" | "(.*)" | ".*") || catch_all_param || (s.starts_with("((?!") && s.ends_with(".*)"))
}

pub fn extract(repo: &Repo, code: &Code<'_>, inv: &mut Inventory) {
    let mut headers = ListFact::default();
    // Each Content-Security-Policy set, with its value when it is a literal.
    let mut csp_values: Vec<(Option<String>, Evidence)> = Vec::new();
    let mut cors = Vec::new();
    let add_header = |name: &str,
                      value: Option<&str>,
                      ev: Evidence,
                      headers: &mut ListFact,
                      csp: &mut Vec<(Option<String>, Evidence)>,
                      cors: &mut Vec<Evidence>,
                      scope: Option<&str>| {
        let lower = name.to_ascii_lowercase();
        let lower = lower.trim_end_matches("-report-only");
        // A header set for some paths only (`source: "/embed/:path*"`) does not protect the rest.
        if let Some(scope) = scope.filter(|s| !is_site_wide(s)) {
            if SECURITY_HEADERS.contains(&lower) {
                headers.discard(ev, format!("{name} is set only for `{scope}`"));
            }
            return;
        }
        if SECURITY_HEADERS.contains(&lower) {
            headers.add(lower, ev.clone());
        }
        if lower == "content-security-policy" {
            // A policy built at run time (`csp.replace(…)`) is there, its value unknown.
            csp.push((value.map(str::to_string), ev.clone()));
        }
        if lower == "access-control-allow-origin" && value.is_some_and(|v| v.trim() == "*") {
            cors.push(ev);
        }
    };

    // Next.js sets headers in `next.config.*` (`async headers() { return [{ source, headers:
    // [{ key, value }] }] }`): configuration, not application source, so not in `code`.
    for (id, file) in repo.of_kinds(&[FileKind::JsSource]).filter(|(_, f)| is_next_config(&f.path)) {
        let Some(index) = file_index(file) else { continue };
        for h in &index.headers {
            let ev = Evidence::at(id, &to_u32(h.span.clone()));
            add_header(&h.name, h.value.as_deref(), ev, &mut headers, &mut csp_values, &mut cors, h.scope.as_deref());
        }
    }

    // Code: header objects and setters, helmet, Django settings, CORS middleware.
    let mut limiters: Vec<(serde_json::Value, Evidence)> = Vec::new();
    let mut limiter_discards: Vec<Discarded> = Vec::new();
    for (file, index) in code.indexed() {
        for h in &index.headers {
            add_header(
                &h.name,
                h.value.as_deref(),
                Evidence::at(file.id, &to_u32(h.span.clone())),
                &mut headers,
                &mut csp_values,
                &mut cors,
                h.scope.as_deref(),
            );
        }
        for call in &index.calls {
            let ev = Evidence::at(file.id, &to_u32(call.span.clone()));
            let reachable = || code.is_reachable(file.id);
            match call.callee.as_str() {
                "helmet" if reachable() => {
                    let csp_off = call.option("contentSecurityPolicy") == Some(&Arg::Bool(false));
                    for h in HELMET.iter().filter(|h| !(csp_off && **h == "content-security-policy")) {
                        headers.add(*h, ev.clone());
                    }
                }
                "cors" if index.imports_module("cors") => {
                    let origin = call.option("origin");
                    if call.args.is_empty() || matches!(origin, Some(Arg::Str(s)) if s == "*") || origin == Some(&Arg::Bool(true)) {
                        cors.push(ev.clone());
                    }
                }
                "CORS" if index.imports_module("flask_cors") => {
                    let origins = call.option("origins").or(call.option("resources"));
                    if origins.is_none() || matches!(origins, Some(Arg::Str(s)) if s == "*") {
                        cors.push(ev.clone());
                    }
                }
                "app.add_middleware" | "*.add_middleware" if matches!(call.args.first(), Some(Arg::Name(n)) if n.ends_with("CORSMiddleware")) => {
                    if matches!(call.option("allow_origins"), Some(Arg::Array(a)) if a.iter().any(|o| o.as_str() == Some("*"))) {
                        cors.push(ev.clone());
                    }
                }
                _ => {}
            }
            // Rate limiters: (library, store).
            let limiter = match (call.callee.as_str(), call.method()) {
                ("rateLimit", _) | (_, "rateLimit") if index.imports_module("express-rate-limit") => {
                    let store = match call.option("store") {
                        Some(Arg::Name(n)) if n.to_ascii_lowercase().contains("redis") => "redis",
                        Some(_) => "unknown",
                        None => "memory",
                    };
                    Some(("express-rate-limit", store))
                }
                ("Ratelimit", _) if call.construct || index.imports_module("@upstash/ratelimit") => Some(("@upstash/ratelimit", "redis")),
                (c, _) if c.starts_with("RateLimiter") && index.imports_module("rate-limiter-flexible") => {
                    let store = if c.contains("Redis") {
                        "redis"
                    } else if c.contains("Memory") {
                        "memory"
                    } else if c.contains("Postgres") || c.contains("Mongo") || c.contains("Mysql") {
                        "database"
                    } else {
                        "unknown"
                    };
                    Some(("rate-limiter-flexible", store))
                }
                ("Limiter", _) if index.imports_module("slowapi") => {
                    let store = match call.option("storage_uri") {
                        Some(Arg::Str(s)) if s.starts_with("redis") => "redis",
                        Some(_) => "unknown",
                        None => "memory",
                    };
                    Some(("slowapi", store))
                }
                ("FastAPILimiter.init", _) => Some(("fastapi-limiter", "redis")),
                // NestJS: `ThrottlerModule.forRoot({…})` in a module's imports.
                ("ThrottlerModule.forRoot" | "ThrottlerModule.forRootAsync", _) if index.imports_module("@nestjs/throttler") => {
                    let store = match call.option("storage") {
                        Some(Arg::Name(n)) if n.to_ascii_lowercase().contains("redis") => "redis",
                        Some(_) => "unknown",
                        None if call.callee.ends_with("Async") => "unknown",
                        None => "memory",
                    };
                    Some(("@nestjs/throttler", store))
                }
                ("ratelimit", _) if index.imports_module("django_ratelimit") => Some(("django-ratelimit", "unknown")),
                _ => None,
            };
            if let Some((library, store)) = limiter {
                if reachable() {
                    limiters.push((json!({ "library": library, "store": store }), ev.clone()));
                } else {
                    limiter_discards
                        .push(Discarded { evidence: ev.clone(), reason: format!("{library} limiter: {}", code.unreached_reason(file.id)) });
                }
            }
        }
        // A limiter written by hand: a function or class named for what it does
        // (`rateLimit`, `RateLimiter`, `TokenBucket`, `check_rate_limit`). Its store is not known.
        // Components that display limits (`RateLimitArrayInput` in a `.tsx`) limit nothing.
        let ui = file.path.ends_with(".tsx") || file.path.ends_with(".jsx");
        for (name, span) in index.definitions.iter().filter(|_| !ui) {
            let word = name.to_ascii_lowercase().replace('_', "");
            // Not what reports on a limit (`send_rate_limited_notice`, `RateLimitError`).
            let reports =
                ["limited", "error", "failure", "exception", "exceeded", "notice", "message", "mock"].iter().any(|w| word.contains(w));
            if ["ratelimit", "tokenbucket", "leakybucket"].iter().any(|w| word.contains(w)) && !reports {
                let ev = Evidence::at(file.id, &to_u32(span.clone()));
                if code.is_reachable(file.id) {
                    limiters.push((json!({ "library": "hand-written", "store": "unknown" }), ev));
                } else {
                    limiter_discards.push(Discarded {
                        evidence: ev,
                        reason: format!("hand-written limiter `{name}`: {}", code.unreached_reason(file.id)),
                    });
                }
            }
        }
        // Django settings.
        for (name, value, span) in &index.constants {
            let ev = Evidence::at(file.id, &to_u32(span.clone()));
            let truthy = !matches!(value, Arg::Bool(false) | Arg::Num(0.0));
            match name.as_str() {
                "SECURE_HSTS_SECONDS" if truthy => headers.add("strict-transport-security", ev),
                "X_FRAME_OPTIONS" => headers.add("x-frame-options", ev),
                "SECURE_CONTENT_TYPE_NOSNIFF" if truthy => headers.add("x-content-type-options", ev),
                "SECURE_REFERRER_POLICY" => headers.add("referrer-policy", ev),
                "SECURE_CROSS_ORIGIN_OPENER_POLICY" => headers.add("cross-origin-opener-policy", ev),
                "CSP_DEFAULT_SRC" | "CONTENT_SECURITY_POLICY" => headers.add("content-security-policy", ev),
                "CORS_ALLOW_ALL_ORIGINS" | "CORS_ORIGIN_ALLOW_ALL" if *value == Arg::Bool(true) => cors.push(ev),
                _ => {}
            }
        }
        // Django's middleware sets headers by default: SecurityMiddleware nosniff, a
        // Referrer-Policy and a Cross-Origin-Opener-Policy (unless their settings turn them
        // off); XFrameOptionsMiddleware X-Frame-Options: DENY.
        let setting = |key: &str| index.constants.iter().find(|(n, _, _)| n == key).map(|(_, v, _)| v);
        if let Some((_, Arg::Array(middleware), span)) = index.constants.iter().find(|(n, _, _)| n == "MIDDLEWARE") {
            let ev = Evidence::at(file.id, &to_u32(span.clone()));
            let uses = |m: &str| middleware.iter().any(|a| a.as_str() == Some(m));
            if uses("django.middleware.security.SecurityMiddleware") {
                for (header, key) in [
                    ("x-content-type-options", "SECURE_CONTENT_TYPE_NOSNIFF"),
                    ("referrer-policy", "SECURE_REFERRER_POLICY"),
                    ("cross-origin-opener-policy", "SECURE_CROSS_ORIGIN_OPENER_POLICY"),
                ] {
                    // Left at its default: on. Set to anything but a value: off, or not known.
                    if setting(key).is_none() {
                        headers.add(header, ev.clone());
                    }
                }
            }
            if uses("django.middleware.clickjacking.XFrameOptionsMiddleware") && setting("X_FRAME_OPTIONS").is_none() {
                headers.add("x-frame-options", ev);
            }
        }
    }

    // Configuration files: vercel.json, netlify.toml, _headers, nginx.
    let mut tls_ok = Vec::new();
    let mut tls_weak = Vec::new();
    for (id, file) in
        repo.of_kinds(&[FileKind::VercelJson, FileKind::NetlifyToml, FileKind::HeadersFile, FileKind::Nginx, FileKind::Caddyfile])
    {
        match (file.kind, file.doc()) {
            (Some(FileKind::VercelJson), Doc::Json(root)) => {
                for rule in root.get("headers").map(Node::items).unwrap_or_default() {
                    let source = rule.get("source").and_then(Node::as_str);
                    for h in rule.get("headers").map(Node::items).unwrap_or_default() {
                        if let Some(name) = h.get("key").and_then(Node::as_str) {
                            add_header(
                                name,
                                h.get("value").and_then(Node::as_str),
                                Evidence::at(id, &h.span),
                                &mut headers,
                                &mut csp_values,
                                &mut cors,
                                source,
                            );
                        }
                    }
                }
            }
            (Some(FileKind::NetlifyToml), Doc::Toml(root)) => {
                for rule in root.get("headers").map(Node::items).unwrap_or_default() {
                    let scope = rule.get("for").and_then(Node::as_str);
                    for v in rule.get("values").map(Node::entries).unwrap_or_default() {
                        let ev = Evidence::at(id, &v.key_span);
                        add_header(&v.key, v.value.as_str(), ev, &mut headers, &mut csp_values, &mut cors, scope);
                    }
                }
            }
            (Some(FileKind::HeadersFile), _) => {
                let text = file.text().unwrap_or("");
                let mut offset = 0u32;
                // Unindented lines name the paths the indented headers below them are for.
                let mut scope: Option<&str> = None;
                for raw in text.split_inclusive('\n') {
                    let line = raw.trim();
                    if !raw.starts_with([' ', '\t']) && !line.is_empty() && !line.starts_with('#') {
                        scope = Some(line);
                    }
                    if raw.starts_with([' ', '\t'])
                        && !line.starts_with('#')
                        && let Some((name, value)) = line.split_once(':')
                    {
                        add_header(
                            name.trim(),
                            Some(value.trim()),
                            Evidence::at(id, &(offset..offset + raw.len() as u32)),
                            &mut headers,
                            &mut csp_values,
                            &mut cors,
                            scope,
                        );
                    }
                    offset += raw.len() as u32;
                }
            }
            (Some(FileKind::Nginx), Doc::Nginx(directives)) => {
                for d in directives.iter().flat_map(Directive::walk) {
                    let ev = Evidence::at(id, &d.span);
                    match d.name.as_str() {
                        "add_header" if !d.args.is_empty() => {
                            add_header(&d.args[0], d.args.get(1).map(String::as_str), ev, &mut headers, &mut csp_values, &mut cors, None)
                        }
                        "limit_req" => limiters.push((json!({ "library": "nginx-limit-req", "store": "memory" }), ev)),
                        "ssl_protocols" => {
                            if d.args.iter().any(|a| matches!(a.as_str(), "TLSv1" | "TLSv1.1" | "SSLv3" | "SSLv2")) {
                                tls_weak.push(Discarded { evidence: ev, reason: format!("ssl_protocols allows {}", d.args.join(" ")) });
                            } else {
                                tls_ok.push(ev);
                            }
                        }
                        _ => {}
                    }
                }
            }
            (Some(FileKind::Caddyfile), _) => tls_ok.push(Evidence::file(id)),
            _ => {}
        }
    }
    let csp_present = headers.contains("content-security-policy");
    inv.insert(
        "security.headers",
        headers.fact().searched(&[
            "next.config and middleware headers",
            "vercel.json / netlify.toml / _headers",
            "nginx add_header",
            "helmet",
            "Django security settings",
        ]),
    );
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for (value, ev) in csp_values {
        match value {
            Some(value) => known.push((value, ev)),
            None => unknown.push(ev),
        }
    }
    let weaknesses = csp_weaknesses(&known);
    // A policy computed at run time may be the weak one: unless a literal one already is, the
    // policy is not known (null, with where it is set).
    let csp_unsafe = if !csp_present {
        Fact { value: json!([]), ..Fact::default() }
    } else if weaknesses.value.as_array().is_some_and(Vec::is_empty) && !unknown.is_empty() {
        let reason = "the Content-Security-Policy is computed when the app runs: its value was not read";
        Fact { discarded: unknown.into_iter().map(|evidence| Discarded { evidence, reason: reason.into() }).collect(), ..Fact::null() }
    } else {
        weaknesses
    };
    inv.insert("security.csp_unsafe", csp_unsafe);

    limiters.sort_by_key(|l| l.0.to_string());
    let values: Vec<serde_json::Value> = {
        let mut v: Vec<serde_json::Value> = limiters.iter().map(|(v, _)| v.clone()).collect();
        v.dedup();
        v
    };
    inv.insert(
        "security.rate_limiting",
        Fact { value: json!(values), evidence: limiters.into_iter().map(|(_, e)| e).collect(), searched: vec!["server-side limiters (express-rate-limit, @upstash/ratelimit, rate-limiter-flexible, @nestjs/throttler, slowapi, fastapi-limiter, django-ratelimit, nginx limit_req)".into(), "hand-written limiters (functions and classes named rateLimit, RateLimiter, TokenBucket, …)".into()], discarded: limiter_discards },
    );
    let wildcard = !cors.is_empty();
    inv.insert(
        "security.cors_wildcard",
        Fact::bool(wildcard, cors).searched(&[
            "cors() options",
            "CORSMiddleware allow_origins",
            "flask_cors",
            "Django CORS settings",
            "Access-Control-Allow-Origin headers",
        ]),
    );

    let policy: Vec<Evidence> =
        ["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"].iter().filter_map(|p| repo.find(p)).map(Evidence::file).collect();
    inv.insert(
        "security.policy_file",
        Fact::bool(!policy.is_empty(), policy).searched(&["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"]),
    );

    inv.insert("security.rls", rls(repo));
    inv.insert(
        "security.waf_cdn",
        waf_cdn(repo).searched(&["Terraform resources (Cloudflare, CloudFront, WAFv2, Fastly, Akamai)", "cloudflared services"]),
    );
    let tls =
        if tls_ok.is_empty() && tls_weak.is_empty() { Fact::null() } else { Fact::bool(tls_weak.is_empty(), tls_ok).discarded(tls_weak) };
    inv.insert("security.tls_config", tls);
}

/// Weak directives of the strongest policy found: the worst is reported.
pub(crate) fn csp_weaknesses(values: &[(String, Evidence)]) -> Fact {
    let mut out = ListFact::default();
    for (policy, ev) in values {
        for weakness in csp_weakness_names(policy) {
            out.add(weakness, ev.clone());
        }
    }
    out.fact()
}

/// The weaknesses of one policy, in the vocabulary of `security.csp_unsafe`.
pub(crate) fn csp_weakness_names(policy: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let directives: BTreeMap<String, Vec<String>> = policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(|w| w.to_ascii_lowercase()).collect()))
        })
        .collect();
    let script = directives.get("script-src").or_else(|| directives.get("default-src"));
    if script.is_some_and(|s| s.iter().any(|v| v == "'unsafe-inline'"))
        && !script.is_some_and(|s| s.iter().any(|v| v.starts_with("'nonce-") || v.starts_with("'sha256-") || v == "'strict-dynamic'"))
    {
        out.push("unsafe-inline");
    }
    if directives.values().flatten().any(|v| v == "'unsafe-eval'") {
        out.push("unsafe-eval");
    }
    let fetch = [
        "default-src",
        "script-src",
        "style-src",
        "img-src",
        "connect-src",
        "font-src",
        "object-src",
        "media-src",
        "frame-src",
        "worker-src",
    ];
    let wildcard = directives.iter().any(|(name, values)| {
        fetch.contains(&name.as_str())
            && values.iter().any(|v| v == "*" || v == "https:" || v == "http:" || v == "data:" && name == "script-src")
    }) || directives.get("frame-ancestors").is_some_and(|v| v.iter().any(|x| x == "*"));
    if wildcard {
        out.push("wildcard-source");
    }
    if !directives.contains_key("default-src") {
        out.push("no-default-src");
    }
    out
}

/// Tables and RLS after replaying SQL migrations in order (public schema only).
fn rls(repo: &Repo) -> Fact {
    let migrations: Vec<_> =
        repo.of_kind(FileKind::Sql).filter(|(_, f)| f.path.split('/').any(|s| s == "migrations" || s == "migrate")).collect();
    if migrations.is_empty() {
        return Fact::null();
    }
    let mut tables: BTreeMap<String, (Evidence, bool)> = BTreeMap::new();
    let table = |name: &str| -> Option<String> {
        let name = name.trim_end_matches('(').to_ascii_lowercase();
        match name.split_once('.') {
            Some(("public", t)) => Some(t.to_string()),
            Some(_) => None,
            None => Some(name),
        }
    };
    for (id, file) in migrations {
        for st in sql::statements(file.text().unwrap_or("")) {
            let w: Vec<&str> = st.words.iter().map(String::as_str).collect();
            let ev = Evidence::at(id, &(st.offset..st.offset + 1));
            match w.as_slice() {
                ["CREATE", "TABLE", "IF", "NOT", "EXISTS", name, ..]
                | ["CREATE", "TABLE", name, ..]
                | ["CREATE", "UNLOGGED", "TABLE", name, ..] => {
                    if let Some(t) = table(name) {
                        tables.entry(t).or_insert((ev, false));
                    }
                }
                ["DROP", "TABLE", rest @ ..] => {
                    for name in rest.iter().filter(|n| !matches!(**n, "IF" | "EXISTS" | "CASCADE" | "RESTRICT")) {
                        if let Some(t) = table(name) {
                            tables.remove(&t);
                        }
                    }
                }
                ["ALTER", "TABLE", rest @ ..] => {
                    let rest: Vec<&str> = rest.iter().copied().filter(|n| !matches!(*n, "IF" | "EXISTS" | "ONLY")).collect();
                    if let Some((name, action)) = rest.split_first()
                        && let Some(t) = table(name)
                        && let Some(entry) = tables.get_mut(&t)
                    {
                        match action {
                            ["ENABLE", "ROW", "LEVEL", "SECURITY", ..] | ["FORCE", "ROW", "LEVEL", "SECURITY", ..] => entry.1 = true,
                            ["DISABLE", "ROW", "LEVEL", "SECURITY", ..] => entry.1 = false,
                            ["RENAME", "TO", new, ..] => {
                                if let (Some(new), Some(value)) = (table(new), tables.remove(&t)) {
                                    tables.insert(new, value);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let enabled = tables.values().filter(|(_, on)| *on).count();
    let without: Vec<Discarded> = tables
        .iter()
        .filter(|(_, (_, on))| !on)
        .map(|(name, (ev, _))| Discarded { evidence: ev.clone(), reason: format!("table `{name}` has no row level security") })
        .collect();
    let evidence = tables.values().filter(|(_, on)| *on).map(|(ev, _)| ev.clone()).collect();
    Fact { value: json!({ "tables": tables.len(), "rls_enabled": enabled }), evidence, searched: Vec::new(), discarded: without }
}

fn waf_cdn(repo: &Repo) -> Fact {
    use hcl_edit::Span;
    let mut out = ListFact::default();
    for (id, file) in repo.of_kinds(&[FileKind::Terraform, FileKind::Compose]) {
        match (file.kind, file.doc()) {
            (Some(FileKind::Terraform), Doc::Hcl(body)) => {
                for block in body.get_blocks("resource") {
                    let kind = super::iac::label(block, 0);
                    let ev = Evidence { file: id, span: block.span().map(to_u32) };
                    let vendor = match kind {
                        Some(k) if k.starts_with("cloudflare_") => "cloudflare",
                        Some("aws_cloudfront_distribution") => "cloudfront",
                        Some(k) if k.starts_with("aws_wafv2_") || k.starts_with("aws_waf_") => "aws-waf",
                        Some(k) if k.starts_with("fastly_") => "fastly",
                        Some(k) if k.starts_with("akamai_") => "akamai",
                        _ => continue,
                    };
                    out.add(vendor, ev);
                }
            }
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                for service in super::compose_services(docs) {
                    if service.value.get("image").and_then(Node::as_str).is_some_and(|i| i.contains("cloudflared")) {
                        out.add("cloudflare", Evidence::at(id, &service.key_span));
                    }
                }
            }
            _ => {}
        }
    }
    out.fact()
}

/// `next.config.js`, `.mjs`, `.cjs`, `.ts`, `.mts`.
fn is_next_config(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_prefix("next.config.").is_some_and(|ext| matches!(ext, "js" | "mjs" | "cjs" | "ts" | "mts"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::FileId;

    fn weak(policy: &str) -> serde_json::Value {
        csp_weaknesses(&[(policy.to_string(), Evidence::file(FileId(0)))]).value
    }

    #[test]
    fn csp_weaknesses_by_directive() {
        assert_eq!(weak("default-src 'self'; script-src 'self'"), json!([]));
        assert_eq!(weak("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'"), json!(["unsafe-eval", "unsafe-inline"]));
        assert_eq!(
            weak("default-src 'self'; script-src 'self' 'unsafe-inline' 'nonce-abc'"),
            json!([]),
            "a nonce neutralises unsafe-inline"
        );
        assert_eq!(weak("script-src 'self'"), json!(["no-default-src"]));
        assert_eq!(weak("default-src 'self' https:; frame-ancestors 'none'"), json!(["wildcard-source"]));
        assert_eq!(weak("default-src 'unsafe-inline'"), json!(["unsafe-inline"]));
    }
}
