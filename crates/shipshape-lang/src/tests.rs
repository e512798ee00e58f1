use proptest::prelude::*;

use super::*;

fn names(src: &str, dialect: Dialect) -> Vec<String> {
    index(src, dialect).env_reads.into_iter().map(|r| r.name).collect()
}

#[test]
fn js_direct_reads() {
    let src = r#"
const a = process.env.DATABASE_URL;
const b = process.env["REDIS_URL"];
const { STRIPE_KEY, SENTRY_DSN: dsn, PORT = 3000 } = process.env;
const c = import.meta.env.VITE_API_URL;
Deno.env.get("DENO_TOKEN");
"#;
    assert_eq!(
        names(src, Dialect::TypeScript),
        ["DATABASE_URL", "REDIS_URL", "STRIPE_KEY", "SENTRY_DSN", "PORT", "VITE_API_URL", "DENO_TOKEN"]
    );
}

#[test]
fn js_mentions_in_strings_and_comments_are_not_reads() {
    let src = r#"
// process.env.IN_COMMENT
/* process.env.IN_BLOCK */
const s = "process.env.IN_STRING";
const t = `uses process.env.IN_TEMPLATE text`;
process.env.WRITTEN = "1";
"#;
    assert!(names(src, Dialect::JavaScript).is_empty());
}

#[test]
fn js_jsx_parses_in_js_files() {
    let src = "export default function App() { return <div>{process.env.REACT_APP_NAME}</div> }";
    assert_eq!(names(src, Dialect::JavaScript), ["REACT_APP_NAME"]);
}

#[test]
fn js_env_wrappers_and_literal_calls() {
    let src = r#"
export function requireEnv(name) { const v = process.env[name]; if (!v) throw new Error(name); return v; }
export const env = (key: string) => process.env[key] ?? "";
const x = requireEnv("OPENAI_API_KEY");
log("not an env name");
"#;
    let index = index(src, Dialect::TypeScript);
    assert_eq!(index.env_wrappers, ["env", "requireEnv"]);
    assert_eq!(index.literal_calls.len(), 1);
    assert_eq!(index.literal_calls[0].callee, "requireEnv");
    assert_eq!(index.literal_calls[0].arg, "OPENAI_API_KEY");
}

#[test]
fn js_env_schemas() {
    let zod = r#"
import { z } from "zod";
const schema = z.object({ DATABASE_URL: z.string().url(), "NEXTAUTH_SECRET": z.string() });
export const env = schema.parse(process.env);
"#;
    assert_eq!(names(zod, Dialect::TypeScript), ["DATABASE_URL", "NEXTAUTH_SECRET"]);
    let t3 = r#"
export const env = createEnv({
  server: { DATABASE_URL: z.string() },
  client: { NEXT_PUBLIC_APP_URL: z.string() },
  runtimeEnv: { DATABASE_URL: process.env.DATABASE_URL },
});
"#;
    assert_eq!(names(t3, Dialect::TypeScript), ["DATABASE_URL", "NEXT_PUBLIC_APP_URL", "DATABASE_URL"]);
    let envalid = "const env = cleanEnv(process.env, { API_KEY: str(), PORT: port() });";
    assert_eq!(names(envalid, Dialect::JavaScript), ["API_KEY", "PORT"]);
}

#[test]
fn python_reads() {
    let src = r#"
import os
from os import environ, getenv
a = os.environ["DATABASE_URL"]
b = os.getenv("REDIS_URL", "redis://localhost")
c = os.environ.get('SECRET_KEY')
d = environ["DEBUG"]
e = getenv("LOG_LEVEL")
# os.environ["IN_COMMENT"]
s = "os.getenv('IN_STRING')"
os.environ["WRITTEN"] = "1"
"#;
    assert_eq!(names(src, Dialect::Python), ["DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "LOG_LEVEL"]);
}

#[test]
fn python_settings_and_wrappers() {
    let src = r#"
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    database_url: str
    debug: bool = False
    not_a_field = 3

class Other(BaseModel):
    ignored: str

def require(name):
    value = os.environ.get(name)
    return value

token = require("GITHUB_TOKEN")
"#;
    let index = index(src, Dialect::Python);
    let names: Vec<_> = index.env_reads.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["APP_DATABASE_URL", "APP_DEBUG"]);
    assert!(index.env_reads.iter().all(|r| r.how == EnvReadKind::Schema));
    assert_eq!(index.env_wrappers, ["require"]);
    assert_eq!(index.literal_calls[0].arg, "GITHUB_TOKEN");
}

#[test]
fn spans_point_at_the_read() {
    let src = "let x = 1;\nconst a = process.env.TOKEN;\n";
    let read = &index(src, Dialect::JavaScript).env_reads[0];
    assert_eq!(&src[read.span.clone()], "process.env.TOKEN");
}

#[test]
fn env_names() {
    assert!(is_env_name("DATABASE_URL"));
    assert!(is_env_name("_PRIVATE_X1"));
    assert!(!is_env_name("database_url"));
    assert!(!is_env_name("1ABC"));
    assert!(!is_env_name("___"));
    assert!(!is_env_name(""));
}

#[test]
fn js_imports_calls_routes_headers_and_console() {
    let src = r#"
import * as Sentry from "@sentry/nextjs";
const express = require("express");
// console.log("in a comment") and app.get("/commented", h) do not count
Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.2, integrations: [], tracesSampler(ctx) { return 1 } });
const redis = new Redis(process.env.REDIS_URL);
app.get("/health", async (req, res) => { await db.query("select 1"); res.json({ ok: true }); });
router.post("/api/users", handler);
res.setHeader("X-Frame-Options", "DENY");
const headers = [{ key: "Content-Security-Policy", value: "default-src 'self'" }];
console.log("a"); items.forEach(console.error);
const Page = dynamic(() => import("./page"));
type T = typeof import("./types");
"#;
    let index = index(src, Dialect::TypeScript);
    let modules: Vec<&str> = index.imports.iter().map(|i| i.module.as_str()).collect();
    assert_eq!(modules, ["@sentry/nextjs", "express", "./page"]);
    assert!(index.imports_module("@sentry"));
    let init = index.calls_to("Sentry.init").next().expect("Sentry.init");
    assert_eq!(init.option("tracesSampleRate"), Some(&Arg::Num(0.2)));
    assert_eq!(init.option("dsn"), Some(&Arg::Name("process.env.SENTRY_DSN".into())));
    assert_eq!(init.option("tracesSampler"), Some(&Arg::Other), "a method is an option too");
    assert!(index.calls.iter().any(|c| c.construct && c.callee == "Redis"));
    let routes: Vec<(&str, &str)> = index.routes.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect();
    assert_eq!(routes, [("get", "/health"), ("post", "/api/users")]);
    assert!(index.routes[0].handler_calls.contains(&"db.query".to_string()));
    let read: Vec<bool> = index.routes.iter().map(|r| r.handler_read).collect();
    assert_eq!(read, [true, false], "an inline handler is read; one passed by name is not");
    let headers: Vec<(&str, Option<&str>)> = index.headers.iter().map(|h| (h.name.as_str(), h.value.as_deref())).collect();
    assert_eq!(headers, [("X-Frame-Options", Some("DENY")), ("Content-Security-Policy", Some("default-src 'self'"))]);
    assert_eq!(index.console_calls.len(), 2);
    assert_eq!(index.dynamic_imports.len(), 1, "typeof import() is a type, not a split point");
}

#[test]
fn python_imports_routes_prints_and_kwargs() {
    let src = r#"
import sentry_sdk
from fastapi import FastAPI
from redis import asyncio as aioredis
sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], traces_sample_rate=0.0)
app = FastAPI()

@app.get("/health")
async def health():
    await redis.ping()
    return {"ok": True}

urlpatterns = [path("healthz/", views.health)]
print("debug")  # print("comment")
response.headers["Strict-Transport-Security"] = "max-age=63072000"
"#;
    let index = index(src, Dialect::Python);
    let modules: Vec<&str> = index.imports.iter().map(|i| i.module.as_str()).collect();
    assert_eq!(modules, ["sentry_sdk", "fastapi", "redis"]);
    let init = index.calls_to("sentry_sdk.init").next().expect("init");
    assert_eq!(init.option("traces_sample_rate"), Some(&Arg::Num(0.0)));
    let routes: Vec<(&str, &str)> = index.routes.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect();
    assert_eq!(routes, [("get", "/health"), ("path", "/healthz/")]);
    assert_eq!(index.routes[0].handler_calls, ["redis.ping"]);
    let read: Vec<bool> = index.routes.iter().map(|r| r.handler_read).collect();
    assert_eq!(read, [true, false], "a decorated handler is read; a view named in urlpatterns is not");
    assert_eq!(index.console_calls.len(), 1);
    assert_eq!(index.headers[0].name, "Strict-Transport-Security");
}

/// Budget steps an index took, and the index.
fn steps(src: &str, dialect: Dialect) -> (u64, CodeIndex) {
    let (index, steps) = counted_index(src, dialect);
    (steps, index.unwrap_or_else(|why| panic!("not indexed: {why:?}")))
}

/// Work for `n` and for `4n` repetitions of a shape: linear work grows about 4×.
fn growth(n: usize, shape: impl Fn(usize) -> String, dialect: Dialect) -> f64 {
    let (small, _) = steps(&shape(n), dialect);
    let (large, _) = steps(&shape(4 * n), dialect);
    large as f64 / small as f64
}

#[test]
fn long_member_chains_are_walked_without_recursion() {
    // 50,000 members recursed once each overflowed the stack of a test thread (and, at
    // 300,000 in Python, of the main thread).
    let js = format!("a{}();\nconst x = process.env.KEPT;\n", ".b".repeat(50_000));
    let (_, index) = steps(&js, Dialect::JavaScript);
    assert_eq!(index.env_reads.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["KEPT"]);
    assert_eq!(index.calls.iter().map(|c| c.callee.as_str()).collect::<Vec<_>>(), ["*.b"], "a 50,000-member callee is not a name");
    let py = format!("a{}()\nx = os.getenv(\"KEPT\")\n", ".b".repeat(50_000));
    let (_, index) = steps(&py, Dialect::Python);
    assert_eq!(index.env_reads.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["KEPT"]);
    // A short chain is still a name.
    let (_, index) = steps("a.b.c.d();", Dialect::JavaScript);
    assert_eq!(index.calls[0].callee, "a.b.c.d");
}

#[test]
fn deeply_parenthesised_arguments_are_bounded() {
    let src = format!("f({}x{});", "(".repeat(20_000), ")".repeat(20_000));
    let _ = try_index(&src, Dialect::TypeScript);
}

#[test]
fn schema_parses_cost_linear_work() {
    // Resolving `s` walked the whole tree once per call: quadratic.
    let shape = |n: usize| format!("const s = z.object({{ A: z.string() }});\n{}", "s.parse(process.env);\n".repeat(n));
    let ratio = growth(500, shape, Dialect::TypeScript);
    assert!(ratio < 4.5, "work grew {ratio:.1}× for 4× the calls");
    let (_, index) = steps(&shape(3), Dialect::TypeScript);
    assert_eq!(index.env_reads.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["A"]);
}

#[test]
fn nested_env_wrappers_cost_linear_work() {
    // Each function's body was searched for `process.env[param]`: quadratic in the nesting.
    let js = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!("function f{i}(a) {{ process.env[a];\n"));
        }
        s.push_str(&"}\n".repeat(n));
        s
    };
    let ratio = growth(500, js, Dialect::JavaScript);
    assert!(ratio < 4.5, "work grew {ratio:.1}× for 4× the nesting");
    let (_, index) = steps(&js(3), Dialect::JavaScript);
    assert_eq!(index.env_wrappers, ["f0", "f1", "f2"]);
    let py = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!("{}def f{i}(a):\n{} os.environ[a]\n", " ".repeat(i), " ".repeat(i)));
        }
        s
    };
    let ratio = growth(250, py, Dialect::Python);
    assert!(ratio < 4.5, "work grew {ratio:.1}× for 4× the nesting");
    let (_, index) = steps(&py(3), Dialect::Python);
    assert_eq!(index.env_wrappers, ["f0", "f1", "f2"]);
}

#[test]
fn pathological_nesting_runs_out_of_budget_instead_of_time() {
    // Routes nested in routes: each handler is searched for the calls it makes. Past the
    // budget the file is reported as not indexed, never half-indexed.
    let src = format!("{}{}", "app.get(\"/x\", () => { g();\n".repeat(3000), "});\n".repeat(3000));
    match counted_index(&src, Dialect::JavaScript).0 {
        Ok(index) => assert_eq!(index.routes.len(), 3000),
        Err(why) => assert_eq!(why, ParseFailure::OverBudget),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_on_arbitrary_text(src in "\\PC{0,400}") {
        for dialect in [Dialect::JavaScript, Dialect::TypeScript, Dialect::Tsx, Dialect::Python] {
            let _ = index(&src, dialect);
        }
    }

    #[test]
    fn never_panics_on_code_like_text(src in "(process\\.env|os\\.environ|import\\.meta|[{}()\\[\\]\"'`;=.,:]|[A-Z_]{1,6}|\\s){0,80}") {
        for dialect in [Dialect::JavaScript, Dialect::TypeScript, Dialect::Tsx, Dialect::Python] {
            let _ = index(&src, dialect);
        }
    }
}

#[test]
fn definitions_name_functions_classes_and_arrow_constants() {
    let js = "export function rateLimit(k) {}\nclass TokenBucket { take() {} }\nexport const check = async () => 1;\nconst n = 3;\n";
    let names: Vec<String> = index(js, Dialect::TypeScript).definitions.into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["rateLimit", "TokenBucket", "take", "check"]);
    let py = "class TokenBucket(models.Model):\n    def authorize(self):\n        pass\n\ndef check_rate_limit(ip):\n    pass\nLIMIT = 3\n";
    let names: Vec<String> = index(py, Dialect::Python).definitions.into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["TokenBucket", "authorize", "check_rate_limit"]);
}

#[test]
fn any_nesting_gets_the_stack_it_needs() {
    // Each shape nests far deeper than an 8 MiB stack holds for oxc (parentheses overflowed it
    // at about 5,000 levels), and runs here on a 2 MiB test thread: the stack bound of the
    // file, not luck, keeps the process alive. Every shape is valid code, so the parser does
    // go all the way down.
    // (before, opening, innermost, closing, levels); a statement ends after the closings.
    let shapes: &[(&str, &str, &str, &str, usize)] = &[
        ("x = ", "(", "1", ")", 30_000),
        ("x = ", "[", "1", "]", 30_000),
        ("x = ", "{a:", "1", "}", 30_000),
        ("x = ", "f(", "1", ")", 30_000),
        ("x = ", "`${", "1", "}`", 30_000),
        ("x = ", "[...", "1", "]", 30_000),
        ("let x: ", "A<", "1", ">", 30_000),
        ("x = ", "<a>", "", "</a>", 30_000),
        ("", "{", "", "}", 60_000),
        ("", "function f(){", "", "}", 20_000),
        ("x = ", "class { m() { return ", "1", "}}", 10_000),
        ("", "if(a)", "x", "", 60_000),
        ("", "a=", "1", "", 60_000),
        ("x = ", "a=>", "1", "", 60_000),
        ("x = ", "a?b:", "1", "", 60_000),
        ("", "a:", "x", "", 60_000),
        ("x = ", "!", "1", "", 200_000),
        ("x = ", "new ", "X", "", 60_000),
    ];
    for (before, open, innermost, close, n) in shapes {
        let src = format!("{before}{}{innermost}{};\n", open.repeat(*n), close.repeat(*n));
        match try_index(&src, Dialect::Tsx) {
            Ok(_) | Err(ParseFailure::OverBudget | ParseFailure::TimedOut) => {}
            Err(why) => panic!("{open:?} × {n}: {why:?}"),
        }
    }
}

#[test]
fn unrecoverable_syntax_is_a_failure_not_an_empty_index() {
    match try_index("const a = process.env.A;\nfunction (", Dialect::TypeScript) {
        Err(ParseFailure::Syntax { offset, .. }) => assert!(offset > 20, "the error is on line 2, at {offset}"),
        other => panic!("{other:?}"),
    }
    // Annotations in a .js file (Flow, or TypeScript saved as .js) are read as TSX.
    let flow = "// @flow\nexport function f(x: number): string { return process.env.FLOW_VAR ?? ''; }\n";
    assert_eq!(names(flow, Dialect::JavaScript), ["FLOW_VAR"]);
}

#[test]
fn modules_resolve_as_typescript_and_bundlers_do() {
    let files = [
        "apps/web/tsconfig.json",
        "apps/web/src/app/page.tsx",
        "apps/web/src/services/rate-limiting.service.ts",
        "apps/web/src/lib/index.ts",
        "apps/web/src/lib/sentry.ts",
        "apps/web/src/esm.ts",
        "packages/limits/package.json",
        "packages/limits/src/index.ts",
        "packages/limits/src/server/redis.ts",
        "tsconfig.base.json",
    ];
    let configs = [
        ("tsconfig.base.json", r#"{ "compilerOptions": { "strict": true, } }"#),
        // JSONC, `extends`, `paths` relative to `baseUrl`.
        (
            "apps/web/tsconfig.json",
            r#"{ "extends": "../../tsconfig.base.json", /* aliases */ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }"#,
        ),
        (
            "packages/limits/package.json",
            r#"{ "name": "@acme/limits", "exports": { ".": "./src/index.ts", "./server": "./src/server/redis.ts" } }"#,
        ),
    ];
    let resolver = ModuleResolver::new(files, configs, [("@acme/limits", "packages/limits")]);
    let page = "apps/web/src/app/page.tsx";
    let file = |s: &str| Resolved::File(s.to_string());
    assert_eq!(resolver.resolve(page, "@/services/rate-limiting.service"), file("apps/web/src/services/rate-limiting.service.ts"));
    assert_eq!(resolver.resolve(page, "../lib"), file("apps/web/src/lib/index.ts"));
    assert_eq!(resolver.resolve(page, "../esm.js"), file("apps/web/src/esm.ts"), "`.js` names the `.ts` file");
    assert_eq!(resolver.resolve(page, "@acme/limits"), file("packages/limits/src/index.ts"));
    assert_eq!(resolver.resolve(page, "@acme/limits/server"), file("packages/limits/src/server/redis.ts"), "package.json exports");
    assert_eq!(resolver.resolve(page, "react"), Resolved::External);
    assert_eq!(resolver.resolve(page, "node:fs"), Resolved::External);
    assert_eq!(resolver.resolve(page, "./missing"), Resolved::Missing);
    assert_eq!(resolver.resolve(page, "@acme/limits/nothing"), Resolved::Missing);
    // Nothing outside the tree: not `..` past the root, not the machine's files.
    assert_eq!(resolver.resolve(page, "../../../../../../etc/passwd"), Resolved::Missing);
    assert_eq!(resolver.resolve(page, "/etc/passwd"), Resolved::Missing);
}

#[test]
fn a_tsconfig_extending_a_package_outside_the_tree_still_resolves_relative_paths() {
    let files = ["tsconfig.json", "app/entry.client.tsx", "app/utils/monitoring.client.tsx"];
    let configs =
        [("tsconfig.json", r#"{ "extends": ["@epic-web/config/typescript"], "compilerOptions": { "paths": { "@/x": ["./app/x.ts"] } } }"#)];
    let resolver = ModuleResolver::new(files, configs, []);
    let entry = "app/entry.client.tsx";
    assert_eq!(resolver.resolve(entry, "./utils/monitoring.client.tsx"), Resolved::File("app/utils/monitoring.client.tsx".into()));
    assert_eq!(resolver.resolve(entry, "./utils/monitoring.client"), Resolved::File("app/utils/monitoring.client.tsx".into()));
    assert_eq!(resolver.resolve(entry, "./utils/nothing"), Resolved::Missing);
}

#[test]
fn js_mounts_bindings_and_controller_routes() {
    let src = r#"
import { Hono } from "hono";
import api, { health as h } from "./api";
import * as admin from "./admin";
const legacy = require("./legacy");
const app = new Hono();
app.route("/api", api);
app.use("/admin", admin.router);
fastify.register(legacy, { prefix: "/v1" });
@Controller({ path: "system" })
class SystemController {
  @Get("health") check() { return this.db.ping(); }
  @Post() create() {}
}
"#;
    let index = index(src, Dialect::TypeScript);
    let mounts: Vec<(&str, &str, &str)> = index.mounts.iter().map(|m| (m.on.as_str(), m.prefix.as_str(), m.target.as_str())).collect();
    assert_eq!(mounts, [("app", "/api", "api"), ("app", "/admin", "admin.router"), ("fastify", "/v1", "legacy")]);
    let bindings: Vec<(&str, &str)> = index.bindings.iter().map(|(b, m)| (b.as_str(), m.as_str())).collect();
    assert_eq!(bindings, [("Hono", "hono"), ("api", "./api"), ("h", "./api"), ("admin", "./admin"), ("legacy", "./legacy")]);
    let routes: Vec<(&str, &str, bool)> =
        index.routes.iter().filter(|r| r.controller).map(|r| (r.method.as_str(), r.path.as_str(), r.handler_read)).collect();
    assert_eq!(routes, [("get", "/system/health", true), ("post", "/system", true)]);
    assert_eq!(index.routes.iter().find(|r| r.controller).map(|r| r.handler_calls.clone()), Some(vec!["this.db.ping".to_string()]));
}

#[test]
fn a_controller_path_that_is_no_literal_is_shown_as_unknown() {
    let src = "@Controller(API_PREFIX)\nclass HealthController {\n  @Get(\"health\") check() { return this.db.ping(); }\n  @Get(routes.status) status() {}\n}\n";
    let routes: Vec<String> = index(src, Dialect::TypeScript).routes.into_iter().filter(|r| r.controller).map(|r| r.path).collect();
    assert_eq!(routes, ["/{API_PREFIX}/health", "/{API_PREFIX}/{routes.status}"]);
}

#[test]
fn a_request_with_a_path_alone_is_no_route() {
    let src = "const status = await authFetcher.get<{ status: string }>('/status');\nrouter.route('/users').get(list);\n";
    let routes: Vec<(String, String)> = index(src, Dialect::TypeScript).routes.into_iter().map(|r| (r.method, r.path)).collect();
    assert_eq!(routes, [("route".to_string(), "/users".to_string())]);
}
