//! Observability: `monitoring.*` and `health.*` (endpoints and whether they check anything).

use shipshape_lang::{Arg, Call, CodeIndex};

use super::code::Code;
use super::stack::Stack;
use super::{Evidence, Fact, Inventory, ListFact};
use crate::parse::tree::to_u32;
use crate::parse::{Doc, Node, Repo};
use crate::walk::FileKind;

/// An SDK initialisation: (vocabulary id, callee, the package that must be in a manifest).
const ERROR_TRACKERS: &[(&str, &str, &[&str])] = &[
    (
        "sentry",
        "Sentry.init",
        &[
            "@sentry/node",
            "@sentry/nextjs",
            "@sentry/react",
            "@sentry/browser",
            "@sentry/vue",
            "@sentry/sveltekit",
            "@sentry/remix",
            "@sentry/astro",
            "@sentry/bun",
            "@sentry/deno",
            "@sentry/nuxt",
            "@sentry/angular",
            "@sentry/aws-serverless",
            "@sentry/google-cloud-serverless",
            "@sentry/nestjs",
        ],
    ),
    ("sentry", "sentry_sdk.init", &["sentry-sdk"]),
    ("bugsnag", "Bugsnag.start", &["@bugsnag/js", "@bugsnag/node", "@bugsnag/browser"]),
    ("rollbar", "Rollbar", &["rollbar"]),
    ("rollbar", "rollbar.init", &["rollbar"]),
    ("honeybadger", "Honeybadger.configure", &["@honeybadger-io/js", "honeybadger"]),
    ("logrocket", "LogRocket.init", &["logrocket"]),
    ("highlight", "H.init", &["highlight.run", "@highlight-run/next", "@highlight-run/node"]),
    ("airbrake", "Notifier", &["@airbrake/node", "@airbrake/browser"]),
    // Next.js instrumentation's `export const onRequestError = createOnRequestError(logger)`:
    // server errors go to Axiom.
    ("axiom", "createOnRequestError", &["@axiomhq/nextjs"]),
];

/// Whether `callee`'s first name is bound by an import of `module` (or a subpath of it).
fn bound_to(index: &CodeIndex, callee: &str, module: &str) -> bool {
    let root = callee.split('.').next().unwrap_or(callee);
    index.bindings.iter().any(|(b, m)| b == root && (m == module || m.starts_with(&format!("{module}/"))))
}

/// The package a module specifier names: `@sentry/react-router/server` → `@sentry/react-router`.
fn package_of(module: &str) -> &str {
    let mut parts = module.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => &module[..scope.len() + 1 + name.len()],
        (Some(name), _) => name,
        _ => module,
    }
}

/// The packages a tracker's call may come from in this file: the package its receiver is
/// imported from (`import * as Sentry from '@sentry/react-router'` makes `Sentry.init` come from
/// `@sentry/react-router`, whether or not the list names it), else the packages of the tracker's
/// family the file imports, else the tracker's known packages.
fn packages_for<'a>(index: &'a CodeIndex, callee: &str, known: &'a [&'a str]) -> Vec<&'a str> {
    let family = |pkg: &str| known.iter().any(|k| *k == pkg || (k.starts_with('@') && pkg.split('/').next() == k.split('/').next()));
    let root = callee.split('.').next().unwrap_or(callee);
    if let Some((_, module)) = index.bindings.iter().find(|(b, m)| b == root && family(package_of(m))) {
        return vec![package_of(module)];
    }
    let mut imported: Vec<&str> = index.imports.iter().map(|i| package_of(&i.module)).filter(|p| family(p)).collect();
    imported.dedup();
    if imported.is_empty() { known.to_vec() } else { imported }
}

/// A call counts only where it runs: its module is reachable and its package is declared.
fn effective(code: &Code<'_>, stack: &Stack, id: crate::parse::FileId, packages: &[&str]) -> Result<(), String> {
    if !packages.is_empty() && !packages.iter().any(|p| stack.has_dep(p)) {
        return Err(format!("the package ({}) is not in any manifest", packages.first().copied().unwrap_or("?")));
    }
    if !code.is_reachable(id) {
        return Err(code.unreached_reason(id));
    }
    Ok(())
}

fn num(arg: Option<&Arg>) -> Option<f64> {
    match arg {
        Some(Arg::Num(n)) => Some(*n),
        Some(Arg::Bool(b)) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

pub fn extract(repo: &Repo, stack: &Stack, code: &Code<'_>, inv: &mut Inventory) {
    let mut errors = ListFact::default();
    let mut tracing = ListFact::default();
    let mut metrics = ListFact::default();
    let mut logging = ListFact::default();
    let mut console = Vec::new();
    for (file, index) in code.indexed() {
        let at = |call: &Call| Evidence::at(file.id, &to_u32(call.span.clone()));
        for (id, callee, known) in ERROR_TRACKERS {
            let mut calls = index.calls_to(callee).peekable();
            if calls.peek().is_none() {
                continue;
            }
            let packages = &packages_for(index, callee, known);
            for call in calls {
                match effective(code, stack, file.id, packages) {
                    Ok(()) => errors.add(*id, at(call)),
                    Err(why) => errors.discard(at(call), format!("{callee} found, but {why}")),
                }
                // Sentry traces only when sampled.
                if *id == "sentry" {
                    let rate = num(call.option("tracesSampleRate"))
                        .or(num(call.option("traces_sample_rate")))
                        .or(num(call.option("enable_tracing")));
                    let sampler = call.option("tracesSampler").or(call.option("traces_sampler")).is_some();
                    if (rate.is_some_and(|r| r > 0.0) || sampler) && effective(code, stack, file.id, packages).is_ok() {
                        tracing.add("sentry", at(call));
                    } else if rate == Some(0.0) {
                        tracing.discard(at(call), "Sentry traces are sampled at 0");
                    }
                }
            }
        }
        for call in &index.calls {
            let m = call.method();
            let c = call.callee.as_str();
            let trace = match c {
                "NodeSDK" | "registerOTel" | "NodeTracerProvider" | "WebTracerProvider" | "TracerProvider" => Some("opentelemetry"),
                "tracer.init" => Some("datadog"),
                "apm.start" => Some("elastic-apm"),
                _ if c.ends_with("HoneycombSDK") => Some("honeycomb"),
                _ => None,
            };
            // Instrumentation through the OpenTelemetry API: spans and meters the app emits
            // (the SDK and its exporter may be set up by the deployment's auto-instrumentation).
            let otel = index.imports_module("opentelemetry") || index.imports_module("@opentelemetry/api");
            let trace = trace.or_else(|| (otel && matches!(m, "get_tracer" | "getTracer")).then_some("opentelemetry"));
            if let Some(t) = trace {
                tracing.add(t, Evidence::at(file.id, &to_u32(call.span.clone())));
            }
            if otel && matches!(m, "get_meter" | "getMeter" | "create_counter" | "create_histogram" | "createCounter" | "createHistogram") {
                metrics.add("opentelemetry", Evidence::at(file.id, &to_u32(call.span.clone())));
            }
            let metric = match (c, m) {
                (_, "collectDefaultMetrics") | ("Counter" | "Histogram" | "Gauge" | "Summary", _)
                    if index.imports_module("prom-client") || index.imports_module("prometheus_client") =>
                {
                    Some("prometheus")
                }
                ("StatsD" | "StatsClient", _) => Some("statsd"),
                _ => None,
            };
            if let Some(t) = metric {
                metrics.add(t, Evidence::at(file.id, &to_u32(call.span.clone())));
            }
            let logger = match (c, m) {
                ("pino", _) | (_, "pino") if index.imports_module("pino") => Some("pino"),
                ("winston.createLogger", _) | ("createLogger", _) if index.imports_module("winston") => Some("winston"),
                ("bunyan.createLogger", _) if index.imports_module("bunyan") => Some("bunyan"),
                ("consola.create" | "createConsola", _) => Some("consola"),
                ("structlog.get_logger" | "structlog.configure" | "structlog.getLogger", _) => Some("structlog"),
                ("logger.add" | "logger.info" | "logger.error" | "logger.warning" | "logger.debug", _)
                    if index.imports_module("loguru") =>
                {
                    Some("loguru")
                }
                ("logging.getLogger" | "logging.basicConfig" | "logging.config.dictConfig", _) => Some("python-logging"),
                ("Logger", _) if bound_to(index, c, "@axiomhq/logging") => Some("axiom"),
                (_, "info" | "warn" | "error" | "debug") if bound_to(index, c, "next-axiom") => Some("axiom"),
                ("Logtail", _) if bound_to(index, c, "@logtail/node") || bound_to(index, c, "@logtail/js") => Some("logtail"),
                _ => None,
            };
            if let Some(l) = logger {
                logging.add(l, Evidence::at(file.id, &to_u32(call.span.clone())));
            }
        }
        for module in ["newrelic", "dd-trace", "ddtrace"] {
            if let Some(import) = index.imports.iter().find(|i| i.module == module || i.module.starts_with(&format!("{module}/"))) {
                let id = if module == "newrelic" { "newrelic" } else { "datadog" };
                errors.add(id, Evidence::at(file.id, &to_u32(import.span.clone())));
                tracing.add(id, Evidence::at(file.id, &to_u32(import.span.clone())));
            }
        }
        for module in ["@vercel/analytics", "@vercel/speed-insights"] {
            if let Some(import) = index.imports.iter().find(|i| i.module.starts_with(module)) {
                metrics.add(module[1..].replace('/', "-"), Evidence::at(file.id, &to_u32(import.span.clone())));
            }
        }
        console.extend(index.console_calls.iter().map(|s| Evidence::at(file.id, &to_u32(s.clone()))));
    }
    // Files that print but have no other literal of interest were parsed too: `console.` and
    // `print(` are prefilter literals. Count from every indexed file.
    let console_count = console.len();
    let js_logger = logging.names().any(|l| matches!(l, "pino" | "winston" | "bunyan" | "consola" | "debug" | "axiom" | "logtail"));
    let py_logger = logging.names().any(|l| matches!(l, "structlog" | "loguru" | "python-logging"));
    let bypassing: Vec<Evidence> = console
        .iter()
        .filter(|ev| {
            let is_py = repo.file(ev.file).path.ends_with(".py");
            (is_py && py_logger) || (!is_py && js_logger)
        })
        .cloned()
        .collect();
    inv.insert("monitoring.console_bypassing_logger", Fact::int(bypassing.len(), bypassing.into_iter().take(10).collect()));
    inv.insert(
        "monitoring.error_tracking",
        errors.fact().searched(&[
            "SDK init calls in application source (Sentry.init, sentry_sdk.init, Bugsnag.start, …) with the package in a manifest",
        ]),
    );
    inv.insert(
        "monitoring.tracing",
        tracing.fact().searched(&[
            "OpenTelemetry SDK setup or tracers (get_tracer)",
            "dd-trace, newrelic",
            "Sentry with tracesSampleRate > 0",
        ]),
    );
    config_metrics(repo, &mut metrics);
    inv.insert(
        "monitoring.metrics",
        metrics.fact().searched(&[
            "prom-client / prometheus_client metrics",
            "OpenTelemetry meters (get_meter, create_counter)",
            "StatsD clients",
            "@vercel/analytics, @vercel/speed-insights",
            "prometheus.yml",
        ]),
    );
    inv.insert(
        "monitoring.logging",
        logging.fact().searched(&[
            "logger construction in application source (pino, winston, bunyan, consola, Axiom, Logtail, structlog, loguru, logging.getLogger)",
        ]),
    );
    inv.insert("monitoring.console_calls", Fact::int(console_count, console.into_iter().take(10).collect()));

    health(code, inv);
    infrastructure(repo, inv);
}

fn config_metrics(repo: &Repo, metrics: &mut ListFact) {
    for (id, file) in repo.iter() {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        if name == "prometheus.yml" || name == "prometheus.yaml" {
            metrics.add("prometheus", Evidence::file(id));
        }
    }
}

/// Health endpoints from routes in code and file-system routing, and whether one checks a
/// dependency.
fn health(code: &Code<'_>, inv: &mut Inventory) {
    let mut endpoints = ListFact::default();
    let mut deep = Vec::new();
    let mut unread_handlers: Vec<String> = Vec::new();
    let is_health = |path: &str| {
        let trimmed = path.trim_end_matches('/');
        let last = trimmed.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        // `status`, `ping` and `up` name a health check near the root (`/status`,
        // `/api/ping`), not a resource's state (`/checks/status`, `/orders/<id>/status`).
        let segments: Vec<&str> = trimmed.split('/').filter(|s| !s.is_empty()).collect();
        let near_root = segments.split_last().is_some_and(|(_, above)| {
            above.iter().all(|s| matches!(*s, "api" | "v1" | "v2" | "v3" | "internal" | "_" | "system" | "service"))
        });
        if matches!(last.as_str(), "status" | "ping" | "up") && !near_root {
            return false;
        }
        matches!(
            last.as_str(),
            "health"
                | "healthz"
                | "healthcheck"
                | "health-check"
                | "health_check"
                | "ready"
                | "readyz"
                | "readiness"
                | "live"
                | "livez"
                | "liveness"
                | "ping"
                | "status"
                | "up"
        ) || path.contains("/health")
    };
    let checks_dependency = |calls: &[String]| {
        calls.iter().any(|c| {
            let m = c.rsplit('.').next().unwrap_or(c);
            matches!(
                m,
                "query"
                    | "$queryRaw"
                    | "$queryRawUnsafe"
                    | "$executeRaw"
                    | "ping"
                    | "execute"
                    | "raw"
                    | "authenticate"
                    | "connect"
                    | "fetch"
                    | "findFirst"
                    | "count"
                    | "select"
                    | "exec"
                    | "admin"
                    | "command"
                    // @nestjs/terminus indicators: `this.db.pingCheck("database")`.
                    | "pingCheck"
            ) && c.contains('.')
                || c == "fetch"
        })
    };
    for file in &code.files {
        // File-system routes: Next.js app/**/route.ts and pages/api/**, SvelteKit +server.ts.
        let route = code.file_route(file.id);
        if let Some(path) = route.filter(|p| is_health(p)) {
            endpoints.add(path, Evidence::file(file.id));
            let calls: Vec<String> = file.index().calls.iter().map(|c| c.callee.clone()).collect();
            if checks_dependency(&calls) {
                deep.push(Evidence::file(file.id));
            }
        }
        let Some(index) = file.hits() else { continue };
        // A router's root (`router.get("/")`) is a health check when the router is mounted at one.
        for r in index.routes.iter().filter(|r| is_health(&r.path) || r.path == "/" && r.method != "use") {
            let ev = Evidence::at(file.id, &to_u32(r.span.clone()));
            let paths: Vec<String> = code.client_paths(file, r).iter().map(|p| normalize(p)).filter(|p| is_health(p)).collect();
            if paths.is_empty() {
                continue;
            }
            for path in &paths {
                endpoints.add(path.clone(), ev.clone());
            }
            if checks_dependency(&r.handler_calls) {
                deep.push(ev);
            } else if !r.handler_read {
                unread_handlers.push(format!("{} ({})", paths.join(", "), file.path));
            }
        }
    }
    // A handler passed by name is defined elsewhere: what it checks is unknown, not nothing.
    if deep.is_empty() {
        for handler in &unread_handlers {
            inv.not_read(
                &["health.checks_dependencies"],
                &format!("the handler of {handler}"),
                "a view defined in another module: not followed yet",
            );
        }
    }
    let any = !endpoints.is_empty();
    inv.insert(
        "health.endpoints",
        endpoints.fact().searched(&[
            "routes in application source (Express, Fastify, Hono, NestJS controllers, FastAPI, Flask, Django)",
            "file-system routes (Next.js app/ and pages/api/, SvelteKit +server, Remix / React Router route modules)",
        ]),
    );
    inv.insert(
        "health.checks_dependencies",
        if any { Fact::bool(!deep.is_empty(), deep) } else { Fact::bool(false, Vec::new()).searched(&["health route handlers"]) },
    );
}

fn normalize(path: &str) -> String {
    let p = path.trim_end_matches('/');
    if p.is_empty() { "/".into() } else { p.to_string() }
}

/// Uptime monitors, alert rules, dashboards and log shipping configured as code.
fn infrastructure(repo: &Repo, inv: &mut Inventory) {
    let mut uptime = ListFact::default();
    let mut alerting = Vec::new();
    let mut dashboards = Vec::new();
    let mut aggregation = ListFact::default();
    for (id, file) in repo.iter() {
        let path = file.path.as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        if name.starts_with("checkly.config.") || path.contains("__checks__/") {
            uptime.add("checkly", Evidence::file(id));
        }
        if name == ".upptimerc.yml" {
            uptime.add("upptime", Evidence::file(id));
        }
        if name == "alertmanager.yml" || name == "alertmanager.yaml" {
            alerting.push(Evidence::file(id));
        }
        if (path.contains("grafana/") || path.contains("dashboards/")) && name.ends_with(".json") {
            dashboards.push(Evidence::file(id));
        }
        if !matches!(file.kind, Some(FileKind::Yaml | FileKind::Compose | FileKind::Terraform)) {
            continue;
        }
        match (&file.kind, file.doc()) {
            (Some(FileKind::Yaml), Doc::Yaml(docs)) => {
                for doc in docs {
                    // Prometheus rule files: groups[].rules[].alert.
                    let has_alert = doc.get("groups").is_some_and(|g| {
                        g.items()
                            .iter()
                            .any(|grp| grp.get("rules").is_some_and(|r| r.items().iter().any(|rule| rule.get("alert").is_some())))
                    });
                    if has_alert || doc.get("kind").and_then(Node::as_str) == Some("PrometheusRule") {
                        alerting.push(Evidence::at(id, &doc.span));
                    }
                    if doc.get("contactPoints").is_some() || doc.get("policies").is_some() && path.contains("grafana") {
                        alerting.push(Evidence::at(id, &doc.span));
                    }
                    if doc.get("providers").is_some() && path.contains("grafana") {
                        dashboards.push(Evidence::at(id, &doc.span));
                    }
                }
            }
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                for service in super::compose_services(docs) {
                    let image = service.value.get("image").and_then(Node::as_str).unwrap_or("").to_ascii_lowercase();
                    let ev = Evidence::at(id, &service.key_span);
                    for (needle, vocabulary, fact) in [
                        ("uptime-kuma", "uptime-kuma", "uptime"),
                        ("gatus", "gatus", "uptime"),
                        ("blackbox-exporter", "blackbox-exporter", "uptime"),
                        ("grafana/loki", "loki", "logs"),
                        ("promtail", "loki", "logs"),
                        ("elasticsearch", "elasticsearch", "logs"),
                        ("datadog/agent", "datadog", "logs"),
                        ("vector", "vector", "logs"),
                        ("fluent", "fluentd", "logs"),
                    ] {
                        if image.contains(needle) {
                            if fact == "uptime" {
                                uptime.add(vocabulary, ev.clone());
                            } else {
                                aggregation.add(vocabulary, ev.clone());
                            }
                        }
                    }
                    if image.contains("grafana/grafana") {
                        dashboards.push(ev.clone());
                    }
                    if image.contains("alertmanager") {
                        alerting.push(ev.clone());
                    }
                    if let Some(driver) = service.value.at(&["logging", "driver"]).and_then(Node::as_str) {
                        let vocab = match driver {
                            "awslogs" => Some("cloudwatch"),
                            "loki" => Some("loki"),
                            "gelf" | "fluentd" => Some("fluentd"),
                            _ => None,
                        };
                        if let Some(v) = vocab {
                            aggregation.add(v, ev.clone());
                        }
                    }
                }
            }
            (Some(FileKind::Terraform), Doc::Hcl(body)) => {
                use hcl_edit::Span;
                for block in body.get_blocks("resource") {
                    let kind = super::iac::label(block, 0);
                    let ev = Evidence { file: id, span: block.span().map(to_u32) };
                    match kind {
                        Some(
                            "datadog_monitor"
                            | "grafana_rule_group"
                            | "newrelic_alert_policy"
                            | "sentry_issue_alert"
                            | "sentry_metric_alert"
                            | "aws_cloudwatch_metric_alarm",
                        ) => alerting.push(ev),
                        Some(k) if k.starts_with("pagerduty_") || k.starts_with("opsgenie_") => alerting.push(ev),
                        Some("datadog_dashboard" | "grafana_dashboard" | "newrelic_one_dashboard" | "aws_cloudwatch_dashboard") => {
                            dashboards.push(ev)
                        }
                        Some("betteruptime_monitor") => uptime.add("betteruptime", ev),
                        Some("pingdom_check") => uptime.add("pingdom", ev),
                        Some("checkly_check") => uptime.add("checkly", ev),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // A scheduled CI job that calls a URL is a home-made uptime check.
    for (id, file) in repo.of_kind(FileKind::GithubWorkflow) {
        let Doc::Yaml(docs) = file.doc() else { continue };
        if let Some(schedule) = docs.first().and_then(|d| d.at(&["on", "schedule"]))
            && file.text().is_some_and(|t| t.contains("curl") || t.contains("wget"))
        {
            uptime.add("cron-health-check", Evidence::at(id, &schedule.span));
        }
    }
    inv.insert(
        "monitoring.uptime",
        uptime.fact().searched(&[
            "checkly",
            "upptime",
            "uptime-kuma / gatus / blackbox-exporter services",
            "monitoring-as-code Terraform resources",
            "scheduled CI jobs calling a URL",
        ]),
    );
    inv.insert(
        "monitoring.alerting",
        Fact::bool(!alerting.is_empty(), alerting).searched(&[
            "Prometheus rule files",
            "Alertmanager config",
            "Grafana alerting provisioning",
            "Terraform monitors (Datadog, Sentry, PagerDuty, Opsgenie, CloudWatch alarms)",
        ]),
    );
    inv.insert(
        "monitoring.dashboards",
        Fact::bool(!dashboards.is_empty(), dashboards).searched(&[
            "grafana/ and dashboards/ JSON",
            "Grafana provisioning",
            "Terraform dashboards",
        ]),
    );
    inv.insert(
        "monitoring.log_aggregation",
        aggregation
            .fact()
            .searched(&["compose log shippers (Loki, promtail, Elasticsearch, Datadog agent, Vector, Fluentd)", "compose logging drivers"]),
    );
}
