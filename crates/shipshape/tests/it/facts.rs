//! Fact extractors on tricky inputs: what looks like a fact but is not effective.

use serde_json::json;

use crate::fixtures::audit_files;

fn discarded_reasons(report: &shipshape_core::report::Report, key: &str) -> Vec<String> {
    report.facts[key].discarded.iter().map(|d| d.reason.clone()).collect()
}

#[test]
fn a_job_whose_if_never_matches_does_not_deploy() {
    let report = audit_files(
        "-- .github/workflows/deploy.yml --\non:\n  pull_request:\njobs:\n  deploy:\n    if: github.ref == 'refs/heads/main'\n    runs-on: x\n    steps:\n      - run: vercel deploy --prod\n  after:\n    needs: deploy\n    runs-on: x\n    steps:\n      - run: pytest\n",
    );
    assert_eq!(report.facts["ci.deploys"].value, json!(false));
    assert!(discarded_reasons(&report, "ci.deploys")[0].contains("can never be true"));
    assert_eq!(report.facts["ci.runs_tests"].value, json!(false), "a job that needs an unreachable job never runs");
    assert!(discarded_reasons(&report, "ci.runs_tests")[0].contains("needs job `deploy`"));
}

#[test]
fn pushing_an_image_is_publishing_not_deploying() {
    let report = audit_files(
        "-- .github/workflows/release.yml --\non: push\njobs:\n  image:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n",
    );
    assert_eq!(report.facts["ci.deploys"].value, json!(false));
    assert_eq!(report.facts["ci.runs_build"].value, json!(true));
    assert!(discarded_reasons(&report, "ci.deploys")[0].contains("publishing"));
}

#[test]
fn environments_from_flags_branches_and_expressions() {
    let report = audit_files(
        "-- .github/workflows/deploy.yml --\non:\n  push:\n    branches: [main, develop]\njobs:\n  prod:\n    if: github.ref == 'refs/heads/main'\n    runs-on: x\n    steps:\n      - run: fly deploy\n  stage:\n    if: github.ref == 'refs/heads/develop'\n    runs-on: x\n    steps:\n      - run: fly deploy\n  pick:\n    runs-on: x\n    environment: ${{ github.ref == 'refs/heads/main' && 'production' || 'qa' }}\n    steps:\n      - run: netlify deploy\n",
    );
    // `netlify deploy` without `--prod` is a draft (preview) deploy, whatever the job's environment.
    assert_eq!(report.facts["ci.environments"].value, json!(["preview", "production", "qa", "staging"]));
    assert_eq!(report.facts["ci.staging"].value, json!(true));
}

#[test]
fn gitlab_templates_and_review_apps() {
    let report = audit_files(
        "-- .gitlab-ci.yml --\n.deploy: &deploy\n  script: [helm upgrade --install app ./chart]\nreview:\n  <<: *deploy\n  environment: { name: review/$CI_COMMIT_REF_SLUG }\nnever:\n  when: never\n  script: [pytest]\n",
    );
    assert_eq!(report.facts["ci.providers"].value, json!(["gitlab-ci"]));
    assert_eq!(report.facts["ci.environments"].value, json!(["preview"]));
    assert_eq!(report.facts["ci.runs_tests"].value, json!(false));
}

#[test]
fn update_bots_must_be_able_to_open_pull_requests() {
    let report = audit_files(
        "-- package.json --\n{\"name\":\"a\",\"renovate\":{\"enabled\":false}}\n-- renovate.json --\n{ \"extends\": [\"config:recommended\"] }\n",
    );
    assert_eq!(report.facts["deps.update_bot"].value, json!(["renovate"]));
    let off = audit_files(
        "-- .github/dependabot.yml --\nversion: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /web\n    schedule: { interval: daily }\n",
    );
    assert_eq!(off.facts["deps.update_bot"].value, json!([]));
    assert!(discarded_reasons(&off, "deps.update_bot")[0].contains("`/web`, which does not exist"));
}

#[test]
fn env_reads_in_strings_tests_and_scripts_do_not_count() {
    let report = audit_files(
        "-- src/a.ts --\nconst s = \"process.env.IN_STRING\";\n// process.env.IN_COMMENT\nexport const k = process.env.REAL_KEY;\n-- src/a.test.ts --\nprocess.env.TEST_ONLY = '1'; const x = process.env.FROM_TEST;\n-- scripts/seed.ts --\nconst u = process.env.SEED_URL;\n-- docs/example.js --\nprocess.env.DOCS_EXAMPLE;\n",
    );
    assert_eq!(report.facts["env.vars_referenced"].value, json!(["REAL_KEY"]));
    assert_eq!(report.facts["env.vars_undocumented"].value, json!(["REAL_KEY"]));
}

#[test]
fn env_wrappers_defined_in_another_file() {
    let report = audit_files(
        "-- src/config.ts --\nexport const need = (k: string) => process.env[k]!;\n-- src/db.ts --\nimport { need } from './config';\nexport const url = need('DB_URL');\nconst label = format('NOT_ENV');\n-- .env.example --\n# DB_URL=postgres://localhost/app\n",
    );
    assert_eq!(report.facts["env.vars_referenced"].value, json!(["DB_URL"]));
    assert_eq!(report.facts["env.vars_undocumented"].value, json!([]), "a commented example line documents it");
}

#[test]
fn services_in_a_monorepo_skip_libraries_and_the_workspace_root() {
    let report = audit_files(
        "-- package.json --\n{\"name\":\"root\",\"workspaces\":[\"apps/*\",\"packages/*\"],\"scripts\":{\"start\":\"turbo start\"}}\n-- apps/web/package.json --\n{\"dependencies\":{\"vite\":\"5\"}}\n-- packages/utils/package.json --\n{\"name\":\"utils\"}\n-- services/billing/pyproject.toml --\n[project]\nname='billing'\n-- services/billing/app/main.py --\nprint(1)\n-- cmd/go.mod --\nmodule x\n-- cmd/main.go --\npackage main\n",
    );
    assert_eq!(report.facts["stack.services"].value, json!(["apps/web", "cmd", "services/billing"]));
    assert_eq!(report.facts["stack.languages"].value, json!(["go", "python"]));
}

/// A Go module's `package main` one level down (`backend/app/main.go`) makes it a service; an
/// example module under `_example/` does not.
#[test]
fn go_services_with_main_one_level_down_and_not_their_examples() {
    let report = audit_files(
        "-- backend/go.mod --
module x
-- backend/app/main.go --
package main
-- backend/_example/store/go.mod --
module y
-- backend/_example/store/main.go --
package main
",
    );
    assert_eq!(report.facts["stack.services"].value, json!(["backend"]));
}

#[test]
fn helm_templates_and_multi_document_manifests() {
    let report = audit_files(
        "-- chart/Chart.yaml --\napiVersion: v2\nname: api\n-- chart/templates/deployment.yaml --\n{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"api.fullname\" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n        - name: api\n          image: \"{{ .Values.image }}\"\n          readinessProbe:\n            httpGet: { path: /ready, port: 80 }\n{{- end }}\n-- k8s/all.yaml --\napiVersion: v1\nkind: Service\nmetadata: { name: a }\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: a }\n",
    );
    assert_eq!(report.facts["deploy.k8s_manifests"].value, json!(3));
    assert_eq!(report.facts["deploy.k8s_probes"].value, json!(false));
    assert_eq!(report.facts["health.platform_wired"].value, json!(true));
    assert_eq!(report.facts["iac.tools"].value, json!(["helm"]));
    assert_eq!(report.facts["deploy.autoscaling"].value, json!(true));
}

#[test]
fn migrations_in_deploy_configuration() {
    for (config, expected) in [
        ("-- render.yaml --\nservices:\n  - type: web\n    preDeployCommand: alembic upgrade head\n", true),
        ("-- fly.toml --\n[deploy]\nrelease_command = \"python manage.py migrate\"\n", true),
        ("-- Dockerfile --\nFROM python:3.12\nCMD [\"sh\", \"-c\", \"alembic upgrade head && uvicorn app:app\"]\n", true),
        ("-- Dockerfile --\nFROM python:3.12\n# RUN alembic upgrade head\nCMD [\"uvicorn\", \"app:app\"]\n", false),
    ] {
        let report = audit_files(&format!("{config}-- alembic/versions/0001_init.py --\nrevision = '1'\n"));
        assert_eq!(report.facts["ci.migrations"].value, json!(expected), "{config}");
        assert_eq!(report.facts["db.migrations"].value["tool"], json!("alembic"));
    }
}

#[test]
fn iac_tools_and_platforms_from_their_files() {
    let report = audit_files(
        "-- infra/main.tf --\nresource \"x\" \"y\" {}\n-- Pulumi.yaml --\nname: x\n-- template.yaml --\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n-- deploy/site.yml --\n- hosts: web\n  tasks: []\n-- wrangler.toml --\nname = \"w\"\n-- app.yaml --\nruntime: python312\n",
    );
    assert_eq!(report.facts["iac.tools"].value, json!(["ansible", "cloudformation", "pulumi", "terraform"]));
    assert_eq!(report.facts["deploy.platforms"].value, json!(["app-engine", "cloudflare-workers"]));
}

#[test]
fn make_targets_shell_scripts_and_pre_commit_hooks_are_followed() {
    let report = audit_files(
        "-- Makefile --\n.PHONY: ci test\nAPPS ?= a b\nci: lint test\n\t@echo done\nlint:\n\t-golangci-lint run\ntest:\n\t@python -m coverage run --module manage test $(APPS)\nunused:\n\tmypy .\n-- scripts/release.sh --\n#!/bin/sh\nset -e\nalembic upgrade head\n-- .pre-commit-config.yaml --\nrepos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.18.0\n    hooks:\n      - id: gitleaks\n  - repo: local\n    hooks:\n      - id: types\n        name: types\n        entry: uv run pyright\n        language: system\n-- .github/workflows/ci.yml --\non: push\njobs:\n  ci:\n    runs-on: x\n    steps:\n      - run: make ci\n      - run: bash -e ./scripts/release.sh\n      - uses: j178/prek-action@v1\n",
    );
    assert_eq!(report.facts["ci.runs_tests"].value, json!(true));
    assert_eq!(report.facts["ci.runs_lint"].value, json!(true));
    assert_eq!(report.facts["ci.runs_typecheck"].value, json!(true), "pyright through a local pre-commit hook");
    assert_eq!(report.facts["ci.security_scans"].value, json!(["gitleaks"]));
    assert_eq!(report.facts["ci.migrations"].value, json!(true), "alembic through a shell script");
    let lines: Vec<(String, Option<u32>)> = report.facts["ci.runs_tests"].evidence.iter().map(|e| (e.path.clone(), e.line)).collect();
    assert_eq!(
        lines,
        [(".github/workflows/ci.yml".to_string(), Some(6)), ("Makefile".to_string(), Some(8))],
        "the CI step, then the recipe line"
    );
}

#[test]
fn mypy_in_an_unused_make_target_does_not_count() {
    let report = audit_files(
        "-- Makefile --\ntest:\n\tpytest\ntypes:\n\tmypy .\n-- .github/workflows/ci.yml --\non: push\njobs:\n  ci:\n    runs-on: x\n    steps:\n      - run: make test\n",
    );
    assert_eq!(report.facts["ci.runs_tests"].value, json!(true));
    assert_eq!(report.facts["ci.runs_typecheck"].value, json!(false));
}

/// A workspace's test package (`packages/app-tests`) is this app's: CI running its script runs
/// tests, though the package is no service (a regression caught on documenso).
#[test]
fn a_test_package_of_the_workspace_runs_in_ci_but_is_no_service() {
    let report = audit_files(
        "-- package.json --\n{\"name\":\"root\",\"workspaces\":[\"packages/*\"],\"scripts\":{\"ci\":\"turbo run test:e2e\"}}\n-- packages/app-tests/package.json --\n{\"name\":\"@x/app-tests\",\"scripts\":{\"start\":\"node .\",\"test:e2e\":\"playwright test\"}}\n-- .github/workflows/e2e.yml --\non: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run ci\n",
    );
    assert_eq!(report.facts["ci.runs_tests"].value, json!(true));
    assert_eq!(report.facts["stack.services"].value, json!([]));
}

/// NestJS routes are the controller's path joined to the method's, under the global prefix
/// unless excluded: `health.endpoints` holds the path a client calls (#12).
#[test]
fn nest_routes_join_the_controller_and_the_global_prefix() {
    let report = audit_files(
        r#"-- package.json --
{ "dependencies": { "@nestjs/core": "10.0.0", "@nestjs/terminus": "10.0.0" } }
-- src/main.ts --
import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix("api", { exclude: ["livez"] });
  await app.listen(3000);
}
bootstrap();
-- src/health/health.controller.ts --
import { Controller, Get } from "@nestjs/common";
@Controller("health")
export class HealthController {
  constructor(private health: HealthCheckService, private db: TypeOrmHealthIndicator) {}
  @Get()
  check() { return this.health.check([() => this.db.pingCheck("database")]); }
  @Get(["ready", "/readyz"])
  ready() { return { ok: true }; }
}
-- src/system/system.controller.ts --
import { Controller, Get } from "@nestjs/common";
@Controller()
export class SystemController {
  @Get("livez")
  live() { return "ok"; }
  @Get(PATH_FROM_CONFIG)
  unknown() { return "?"; }
}
"#,
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/api/health", "/api/health/ready", "/api/health/readyz", "/livez"]));
    assert_eq!(report.facts["health.checks_dependencies"].value, json!(true), "terminus' pingCheck asks the database");
}

/// Express, Hono and Fastify routers mounted under a prefix, in the same file or by the file
/// that imports them: `health.endpoints` holds the path a client calls (#12).
#[test]
fn fastapi_routers_are_under_their_prefixes() {
    let report = audit_files(
        r#"-- requirements.txt --
fastapi==0.115.0
-- app/main.py --
from fastapi import FastAPI
from app.routers import health
from .routers.status import router as status_router
app = FastAPI()
app.include_router(health.router, prefix="/api/v1")
app.include_router(status_router)
-- app/routers/__init__.py --
-- app/routers/health.py --
from fastapi import APIRouter
router = APIRouter(prefix="/system", tags=["health"])
@router.get("/health")
async def health():
    return {"ok": True}
-- app/routers/status.py --
from fastapi import APIRouter
router = APIRouter(prefix="/internal")
@router.get("/readyz")
def ready():
    return "ok"
-- app/routers/unused.py --
from fastapi import APIRouter
spare = APIRouter(prefix="/spare")
@spare.get("/livez")
def live():
    return "ok"
"#,
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/api/v1/system/health", "/internal/readyz", "/spare/livez"]));
}

#[test]
fn flask_blueprints_and_django_includes_are_under_their_prefixes() {
    let report = audit_files(
        r#"-- requirements.txt --
flask==3.0.0
-- web/app.py --
from flask import Flask
from web.api import bp as api_bp
from web import ops
app = Flask(__name__)
app.register_blueprint(api_bp, url_prefix="/v2")
app.register_blueprint(ops.bp)
-- web/api.py --
from flask import Blueprint
bp = Blueprint("api", __name__, url_prefix="/replaced")
@bp.route("/health")
def health():
    return "ok"
-- web/ops.py --
from flask import Blueprint
bp = Blueprint("ops", __name__, url_prefix="/ops")
@bp.get("/healthz")
def ping():
    return "pong"
"#,
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/ops/healthz", "/v2/health"]));

    let report = audit_files(
        r#"-- requirements.txt --
django==5.0
-- project/urls.py --
from django.urls import include, path
urlpatterns = [
    path("api/", include("monitoring.urls")),
    path("admin/", admin.site.urls),
]
-- monitoring/urls.py --
from django.urls import path
from . import views
urlpatterns = [
    path("healthz/", views.healthz),
]
"#,
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/api/healthz"]));
}

#[test]
fn mounted_routers_put_their_routes_under_the_prefix() {
    let report = audit_files(
        r#"-- package.json --
{ "dependencies": { "express": "4.19.0" } }
-- tsconfig.json --
{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }
-- src/server.ts --
import express from "express";
import healthRoutes from "@/routes/health.routes";
const { statusRouter } = require("./routes/status");
const app = express();
const api = express.Router();
api.get("/ping", (_req, res) => res.send("pong"));
app.use("/api/v1", api);
app.use("/internal", healthRoutes);
app.use("/", statusRouter);
app.listen(3000);
-- src/routes/health.routes.ts --
import { Router } from "express";
const router = Router();
router.get("/health", async (_req, res) => { await db.query("select 1"); res.json({ ok: true }); });
export default router;
-- src/routes/status.js --
const { Router } = require("express");
const statusRouter = Router();
statusRouter.get("/status", (_req, res) => res.json({ ok: true }));
module.exports = { statusRouter };
-- src/routes/unmounted.ts --
import { Router } from "express";
export const spare = Router();
spare.get("/readyz", (_req, res) => res.send("ok"));
"#,
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/api/v1/ping", "/internal/health", "/readyz", "/status"]));
    assert_eq!(report.facts["health.checks_dependencies"].value, json!(true));
}

#[test]
fn a_dynamic_import_with_its_extension_makes_a_module_reachable() {
    let report = audit_files(
        "-- package.json --\n{\"dependencies\": {\"react-router\": \"7\", \"@sentry/react-router\": \"10\"}}\n-- app/entry.client.tsx --\nif (ENV.MODE === 'production' && ENV.SENTRY_DSN) {\n\tvoid import('./utils/monitoring.client.tsx').then(({ init }) => init())\n}\n-- app/utils/monitoring.client.tsx --\nimport * as Sentry from '@sentry/react-router'\nexport function init() {\n\tSentry.init({ dsn: ENV.SENTRY_DSN, tracesSampleRate: 1.0 })\n}\n",
    );
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!(["sentry"]), "{:?}", report.facts["monitoring.error_tracking"]);
    assert_eq!(report.facts["monitoring.tracing"].value, json!(["sentry"]));
}

#[test]
fn an_sdk_counts_with_the_package_its_file_imports() {
    let report = audit_files(
        "-- package.json --\n{\"main\": \"server.js\", \"dependencies\": {\"@sentry/react-router\": \"10\"}}\n-- server.js --\nimport * as Sentry from '@sentry/react-router'\nSentry.init({ dsn: process.env.SENTRY_DSN })\n",
    );
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!(["sentry"]));
    let report = audit_files(
        "-- package.json --\n{\"main\": \"server.js\", \"dependencies\": {\"@sentry/node\": \"10\"}}\n-- server.js --\nimport * as Sentry from '@sentry/bun'\nSentry.init({ dsn: process.env.SENTRY_DSN })\n",
    );
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!([]));
    assert!(discarded_reasons(&report, "monitoring.error_tracking")[0].contains("(@sentry/bun) is not in any manifest"));
}

#[test]
fn a_remix_resource_route_is_a_health_endpoint() {
    let report = audit_files(
        "-- package.json --\n{\"dependencies\": {\"react-router\": \"7\", \"react-router-auto-routes\": \"1\"}}\n-- app/routes/resources/healthcheck.tsx --\nexport async function loader() {\n\tawait prisma.user.count()\n\treturn new Response('OK')\n}\n-- app/components/ui/icon.tsx --\nexport const Icon = () => null\n",
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/resources/healthcheck"]));
    assert_eq!(report.facts["health.checks_dependencies"].value, json!(true));
}

#[test]
fn fly_build_only_publishes_and_fly_deploy_waits_on_health_checks() {
    let workflow = "-- .github/workflows/deploy.yml --\non:\n  push:\n    branches: [main, dev]\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: npx vitest\n  container:\n    runs-on: x\n    steps:\n      - run: flyctl deploy --build-only --push --app web\n  deploy:\n    needs: [test, container]\n    runs-on: x\n    steps:\n      - if: ${{ github.ref == 'refs/heads/dev' }}\n        run: flyctl deploy --app web-staging\n      - if: ${{ github.ref == 'refs/heads/main' }}\n        run: flyctl deploy --image registry.fly.io/web\n";
    let report = audit_files(&format!(
        "{workflow}-- fly.toml --\napp = \"web\"\n[[services]]\ninternal_port = 8080\n  [[services.http_checks]]\n  path = \"/health\"\n"
    ));
    assert_eq!(report.facts["ci.deploy_after_tests"].value, json!(true), "the build-only job does not deploy");
    assert_eq!(report.facts["ci.post_deploy_check"].value, json!(true));
    assert_eq!(report.facts["ci.environments"].value, json!(["production", "staging"]));
    let report = audit_files(&format!("{workflow}-- fly.toml --\napp = \"web\"\n"));
    assert_eq!(report.facts["ci.post_deploy_check"].value, json!(false), "no health check for the deploy to wait on");
    // `--config` names the fly.toml the deploy reads: another app's checks do not count.
    let report = audit_files(
        "-- .github/workflows/deploy.yml --\non: push\njobs:\n  deploy:\n    runs-on: x\n    steps:\n      - run: flyctl deploy --config apps/worker/fly.toml\n-- apps/worker/fly.toml --\napp = \"worker\"\n-- apps/api/fly.toml --\napp = \"api\"\n[[http_service.checks]]\npath = \"/health\"\n",
    );
    assert_eq!(report.facts["ci.post_deploy_check"].value, json!(false));
}

#[test]
fn a_per_dockerfile_dockerignore_is_not_a_dockerfile() {
    let report = audit_files(
        "-- other/Dockerfile --\nFROM node:22-slim\nUSER node\nCMD [\"node\", \"server.js\"]\n-- other/Dockerfile.dockerignore --\nnode_modules\n.env\n",
    );
    assert_eq!(report.facts["deploy.dockerignore"].value, json!(true));
    assert_eq!(report.facts["deploy.dockerfiles"].evidence.len(), 1, "{:?}", report.facts["deploy.dockerfiles"]);
}

#[test]
fn a_restoration_section_with_steps_is_a_recovery_procedure() {
    let report = audit_files(
        "-- docs/database.md --\n# Database\n\n### Manual DB restoration\n\n1. Upload the backup file\n1. Import it with `litefs import`\n1. Restart the app\n",
    );
    assert_eq!(report.facts["dr.documented"].value, json!(true));
}

#[test]
fn a_prefix_from_settings_is_shown_as_unknown() {
    let report = audit_files(
        "-- requirements.txt --\nfastapi==0.115.0\n-- app/main.py --\nfrom fastapi import FastAPI\nfrom app.api import utils\nfrom app.core.config import settings\napp = FastAPI()\napp.include_router(utils.router, prefix=settings.API_V1_STR)\n-- app/api/utils.py --\nfrom fastapi import APIRouter\nrouter = APIRouter(prefix=\"/utils\")\n@router.get(\"/health-check/\")\nasync def health_check() -> bool:\n    return True\n",
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["{settings.API_V1_STR}/utils/health-check"]));
}

#[test]
fn compose_overlays_of_one_directory_merge_their_policies() {
    let report = audit_files(
        "-- compose.yml --\nservices:\n  db:\n    image: postgres:18\n  backend:\n    image: backend:latest\n    build:\n      context: .\n  adminer:\n    image: adminer\n-- compose.deploy.yml --\nservices:\n  db:\n    restart: always\n  backend:\n    restart: always\n",
    );
    assert_eq!(report.facts["deploy.compose_restart"].value, json!(false));
    let reasons = discarded_reasons(&report, "deploy.compose_restart");
    assert_eq!(reasons, ["service `adminer` has no `restart:` policy"], "db and backend restart by the deploy overlay");
    assert_eq!(report.facts["deploy.unpinned_images"].value, json!(["adminer"]), "a built image's tag is not pulled");
}

#[test]
fn a_release_made_by_gh_in_ci_is_automated() {
    let report = audit_files(
        "-- app.py --\nfrom flask import Flask\napp = Flask(__name__)\n-- requirements.txt --\nflask\n-- .github/workflows/release.yml --\non:\n  pull_request:\n    types: [closed]\njobs:\n  release:\n    runs-on: x\n    steps:\n      - run: |\n          set -e\n          # gh release create is what we run below\n          gh release create \"$VERSION\" --draft --notes-file notes.md\n",
    );
    assert_eq!(report.facts["release.automation"].value, json!(["github-release"]));
    let report = audit_files(
        "-- requirements.txt --\nflask\n-- .github/workflows/release.yml --\non: push\njobs:\n  notes:\n    runs-on: x\n    steps:\n      - run: echo 'we should gh release create one day'  # gh release create\n",
    );
    assert_eq!(report.facts["release.automation"].value, json!([]));
}

#[test]
fn a_push_deploy_that_can_also_run_by_hand_keeps_its_branch_environment() {
    let report = audit_files(
        "-- .github/workflows/deploy.yml --\non:\n  push:\n    branches: [master]\n  workflow_dispatch:\njobs:\n  deploy:\n    runs-on: x\n    steps:\n      - run: uv run fastapi deploy\n-- compose.override.yml --\nservices:\n  app:\n    build: .\n",
    );
    assert_eq!(report.facts["ci.environments"].value, json!(["production"]));
    assert_eq!(report.facts["env.environments"].value, json!(["development", "production"]));
}

#[test]
fn a_ui_kit_for_next_and_a_published_package_are_no_services() {
    let report = audit_files(
        "-- pnpm-workspace.yaml --\npackages: [apps/*, packages/*]\n-- apps/web/package.json --\n{\"dependencies\": {\"next\": \"15\"}}\n-- packages/ui/package.json --\n{\"name\": \"@acme/ui\", \"devDependencies\": {\"next\": \"15\"}, \"peerDependencies\": {\"next\": \"15\"}}\n-- packages/embed/package.json --\n{\"name\": \"@acme/embed\", \"main\": \"./dist/index.js\", \"publishConfig\": {\"access\": \"public\"}, \"devDependencies\": {\"vite\": \"5\"}}\n",
    );
    assert_eq!(report.facts["stack.services"].value, json!(["apps/web"]));
}

#[test]
fn headers_set_for_some_paths_only_do_not_protect_the_site() {
    let report = audit_files(
        "-- package.json --\n{\"dependencies\": {\"next\": \"15\"}}\n-- next.config.js --\nmodule.exports = {\n  async headers() {\n    return [\n      { source: \"/:path*\", headers: [{ key: \"X-Frame-Options\", value: \"DENY\" }] },\n      { source: \"/embed/:path*\", headers: [{ key: \"Content-Security-Policy\", value: \"frame-ancestors *\" }] },\n    ];\n  },\n};\n-- vercel.json --\n{ \"headers\": [{ \"source\": \"/((?!api).*)\", \"headers\": [{ \"key\": \"Referrer-Policy\", \"value\": \"no-referrer\" }] }, { \"source\": \"/\", \"headers\": [{ \"key\": \"X-Content-Type-Options\", \"value\": \"nosniff\" }] }] }\n",
    );
    assert_eq!(report.facts["security.headers"].value, json!(["referrer-policy", "x-frame-options"]));
    let reasons = discarded_reasons(&report, "security.headers");
    assert!(reasons.iter().any(|r| r == "Content-Security-Policy is set only for `/embed/:path*`"), "{reasons:?}");
    assert!(reasons.iter().any(|r| r == "X-Content-Type-Options is set only for `/`"), "{reasons:?}");
}

#[test]
fn a_compose_file_of_backing_services_is_no_deployment() {
    let report = audit_files(
        "-- docker-compose.yml --\nservices:\n  db:\n    image: mysql:8.0\n  proxy:\n    image: ghcr.io/mattrobenolt/ps-http-sim:latest\n  mail:\n    image: mailhog/mailhog:latest\n",
    );
    assert_eq!(report.facts["deploy.platforms"].value, json!([]));
    assert!(report.facts["deploy.unpinned_images"].value.as_array().is_none_or(Vec::is_empty));
    let report =
        audit_files("-- docker-compose.yml --\nservices:\n  db:\n    image: postgres:16\n  api:\n    image: ghcr.io/acme/api:1.4\n");
    assert_eq!(report.facts["deploy.platforms"].value, json!(["docker-compose"]), "an app image is a deployment");
}

#[test]
fn next_build_type_checks_a_typescript_project() {
    let workflow = "-- .github/workflows/ci.yml --\non: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: npx next build\n-- package.json --\n{\"dependencies\": {\"next\": \"15\"}}\n";
    let report = audit_files(&format!("{workflow}-- tsconfig.json --\n{{}}\n-- next.config.js --\nmodule.exports = {{}};\n"));
    assert_eq!(report.facts["ci.runs_typecheck"].value, json!(true));
    let report = audit_files(&format!(
        "{workflow}-- tsconfig.json --\n{{}}\n-- next.config.js --\nmodule.exports = {{ typescript: {{ ignoreBuildErrors: true }} }};\n"
    ));
    assert_eq!(report.facts["ci.runs_typecheck"].value, json!(false));
}

#[test]
fn axiom_logs_and_reports_request_errors() {
    let report = audit_files(
        "-- package.json --\n{\"dependencies\": {\"next\": \"15\", \"@axiomhq/logging\": \"0.1\", \"@axiomhq/nextjs\": \"0.1\"}}\n-- lib/axiom.ts --\nimport { Logger, ConsoleTransport } from \"@axiomhq/logging\";\nexport const logger = new Logger({ transports: [new ConsoleTransport()] });\n-- instrumentation.ts --\nimport { logger } from \"./lib/axiom\";\nimport { createOnRequestError } from \"@axiomhq/nextjs\";\nexport const onRequestError = createOnRequestError(logger);\n",
    );
    assert_eq!(report.facts["monitoring.logging"].value, json!(["axiom"]));
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!(["axiom"]));
}

#[test]
fn react_router_route_config_gives_module_paths() {
    let report = audit_files(
        "-- package.json --\n{\"dependencies\": {\"react-router\": \"7\", \"@react-router/dev\": \"7\"}}\n-- app/routes.ts --\nimport { type RouteConfig, index, layout, prefix, route } from \"@react-router/dev/routes\";\nexport default [\n  index(\"routes/home.tsx\"),\n  layout(\"routes/shell.tsx\", [\n    ...prefix(\"api\", [route(\"health\", \"routes/api/health.ts\")]),\n  ]),\n] satisfies RouteConfig;\n-- app/routes/api/health.ts --\nexport async function loader() {\n  await db.$queryRaw`select 1`;\n  return new Response(\"ok\");\n}\n-- app/routes/home.tsx --\nexport default function Home() { return null }\n-- app/routes/shell.tsx --\nexport default function Shell() { return null }\n",
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/api/health"]));
    assert_eq!(report.facts["health.checks_dependencies"].value, json!(true));
}

#[test]
fn what_a_container_or_a_procfile_starts_is_an_entry_point() {
    let files = "-- package.json --\n{\"main\": \"dist/index.js\", \"dependencies\": {\"@sentry/node\": \"8\"}}\n-- src/index.ts --\nexport const version = 1;\n-- src/jobs/run.ts --\nimport * as Sentry from \"@sentry/node\";\nSentry.init({ dsn: process.env.SENTRY_DSN });\n";
    let report = audit_files(files);
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!([]), "nothing starts src/jobs/run.ts");
    let report = audit_files(&format!("{files}-- Dockerfile --\nFROM node:22-slim\nUSER node\nCMD [\"node\", \"dist/jobs/run.js\"]\n"));
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!(["sentry"]));
    let report = audit_files(&format!("{files}-- Procfile --\nworker: node dist/jobs/run.js\n"));
    assert_eq!(report.facts["monitoring.error_tracking"].value, json!(["sentry"]));
}

#[test]
fn prefixes_that_are_no_literals_stay_in_the_path_as_unknown() {
    let report = audit_files(
        "-- package.json --\n{ \"dependencies\": { \"@nestjs/core\": \"10.0.0\" } }\n-- src/main.ts --\nimport { NestFactory } from \"@nestjs/core\";\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix(config.apiPrefix);\n  await app.listen(3000);\n}\nbootstrap();\n-- src/health.controller.ts --\nimport { Controller, Get } from \"@nestjs/common\";\n@Controller(HEALTH_PATH)\nexport class HealthController {\n  @Get(\"live\")\n  live() { return { ok: true }; }\n}\n",
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["/{config.apiPrefix}/{HEALTH_PATH}/live"]));
    let report = audit_files(
        "-- package.json --\n{ \"dependencies\": { \"fastify\": \"4\" } }\n-- server.js --\nconst fastify = require(\"fastify\")();\nconst health = require(\"./health\");\nfastify.register(health, { prefix: config.base });\nfastify.listen({ port: 3000 });\n-- health.js --\nmodule.exports = async function (app) { app.get(\"/health\", async () => ({ ok: true })); };\n",
    );
    assert_eq!(report.facts["health.endpoints"].value, json!(["{config.base}/health"]));
}
