//! Every listed path is classified once, by name, into the kind of file it is. Only classified
//! files are read; everything else is known by its path alone (for directory checks and
//! language counts).

use std::sync::LazyLock;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Directories that never hold evidence: dependencies, VCS data and build output. They are not
/// descended into at all.
pub const PRUNED_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "vendor",
    "bower_components",
    "jspm_packages",
    "dist",
    "build",
    "out",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".output",
    ".vercel",
    ".netlify",
    ".turbo",
    ".cache",
    "target",
    "coverage",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".terraform",
    ".serverless",
    ".aws-sam",
    ".gradle",
];

/// Whether a directory (repo-relative) is pruned.
pub fn is_pruned_dir(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    PRUNED_DIRS.contains(&name)
}

/// What a file is for, decided once from its path at the walk. Extractors see only the
/// files that can describe the running system ([`Role::describes_production`]); the secret
/// scanner sees every file and reports what it finds in tests, fixtures and examples as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// What runs, or configures what runs.
    Application,
    /// Tests, benchmarks and fuzz targets (`tests/`, `*.test.ts`, `test_*.py`, `*_test.go`).
    Test,
    /// Data for tests (`fixtures/`, `testdata/`, `__mocks__/`, `__snapshots__/`).
    Fixture,
    /// Examples, demos and playgrounds: other apps, shown.
    Example,
    /// Documentation (`docs/`, Markdown).
    Docs,
    /// Scripts and tools for developers (`scripts/`, `tools/`, `bin/`, hidden directories).
    Tooling,
    /// Someone else's code, copied in (`vendor/`, `third_party/`).
    Vendored,
    /// Written by a generator (`__generated__/`, `*.generated.ts`, Supabase's `types_db.ts`).
    Generated,
}

impl Role {
    /// Whether a file of this role can tell anything about the production system: fixtures,
    /// examples and vendored code describe other systems, so no fact is read from them.
    pub fn describes_production(self) -> bool {
        !matches!(self, Role::Fixture | Role::Example | Role::Vendored)
    }

    /// Whether a file of this role is where fake secrets belong (a test, a fixture, an
    /// example): what the scanner finds there is reported apart, never as a leak.
    pub fn holds_fakes(self) -> bool {
        matches!(self, Role::Test | Role::Fixture | Role::Example)
    }

    /// Whether a file of this role, unread, could change a verdict: a test, a fixture, an
    /// example, vendored or generated code is not what production runs.
    pub fn can_change_a_verdict(self) -> bool {
        matches!(self, Role::Application | Role::Docs | Role::Tooling)
    }
}

/// The role of a path: the first that applies of vendored, generated, fixture, test, example,
/// docs, tooling; else application. Directory names decide, then the file name.
pub fn role(path: &str) -> Role {
    let lower = path.to_ascii_lowercase();
    let (dir, name) = lower.rsplit_once('/').unwrap_or(("", &lower));
    let dirs: Vec<&str> = if dir.is_empty() { Vec::new() } else { dir.split('/').collect() };
    let any_dir = |names: &[&str]| dirs.iter().any(|d| names.contains(d));
    // A directory for tests, by any of its words (`_unit-test`, `integration_tests`).
    let words = |names: &[&str]| dirs.iter().any(|d| d.split(['-', '_', '.']).any(|w| names.contains(&w)));
    if any_dir(&["vendor", "vendors", "third_party", "third-party", "bower_components"]) {
        return Role::Vendored;
    }
    if any_dir(&["__generated__", "generated"])
        || name.contains(".generated.")
        || name.contains(".gen.")
        || name.ends_with(".pb.go")
        || name.ends_with("_pb2.py")
        || matches!(name, "types_db.ts" | "database.types.ts" | "supabase.types.ts")
    {
        return Role::Generated;
    }
    if words(&["fixtures", "fixture", "testdata", "mocks", "mock", "stubs", "stub"]) || any_dir(&["__snapshots__"]) {
        return Role::Fixture;
    }
    if words(&["test", "tests", "spec", "specs", "e2e", "cypress", "playwright", "bench", "benches", "benchmarks", "fuzz"])
        || [".test.", ".spec.", ".cy.", "_test."].iter().any(|m| name.contains(m))
        || name.starts_with("test_")
        || name.starts_with("conftest")
    {
        return Role::Test;
    }
    if words(&["examples", "example", "samples", "sample", "demo", "demos", "playground", "playgrounds", "boilerplates"]) {
        return Role::Example;
    }
    if any_dir(&["docs", "doc", "documentation"]) || [".md", ".mdx", ".rst"].iter().any(|e| name.ends_with(e)) {
        return Role::Docs;
    }
    if any_dir(&["scripts", "script", "tools", "tooling", "bin", "stories", "commands", "seeds"])
        || dirs.iter().any(|d| d.starts_with('.') && d.len() > 1)
        || name.contains(".stories.")
    {
        return Role::Tooling;
    }
    Role::Application
}

/// Whether a file path lies under a pruned directory (for sources that list whole trees).
pub fn is_under_pruned_dir(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|seg| PRUNED_DIRS.contains(&seg))
}

/// What a file is, decided from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    GithubWorkflow,
    GithubAction,
    GitlabCi,
    CircleCi,
    AzurePipelines,
    BitbucketPipelines,
    TravisCi,
    Buildkite,
    DroneCi,
    Jenkinsfile,
    Dependabot,
    Renovate,
    VercelJson,
    NetlifyToml,
    RenderYaml,
    FlyToml,
    RailwayJson,
    RailwayToml,
    Procfile,
    AppJson,
    NixpacksToml,
    Dockerfile,
    Dockerignore,
    Compose,
    /// A compose file for development or tests, by its path (`docker-compose.dev.yml`,
    /// `docker/development/compose.yml`, `.worktree-container/docker-compose.yml`): read (for
    /// secrets, environments and documented variables) but never taken for what production runs.
    DevCompose,
    ChartYaml,
    Kustomization,
    SupabaseConfig,
    FirebaseJson,
    WranglerToml,
    WranglerJson,
    AmplifyYaml,
    ServerlessYaml,
    StaticWebAppConfig,
    Terraform,
    PulumiYaml,
    CdkJson,
    Bicep,
    AnsibleCfg,
    /// Any other YAML file: read to find Kubernetes objects, CloudFormation, Ansible, App Engine.
    Yaml,
    PackageJson,
    /// `tsconfig*.json` and `jsconfig*.json`: how the project's imports resolve (path aliases).
    Tsconfig,
    PnpmWorkspace,
    Lockfile,
    Pyproject,
    Requirements,
    Pipfile,
    GoMod,
    CargoToml,
    Gemfile,
    Maven,
    Gradle,
    EnvFile,
    Lighthouserc,
    SizeLimit,
    /// JavaScript / TypeScript source.
    JsSource,
    PySource,
    /// Source in a language whose files are counted but not read.
    OtherSource,
    /// README and Markdown under docs/.
    Doc,
    /// SQL files (migrations).
    Sql,
    /// Shell scripts, read when CI or a deploy hook runs them.
    Shell,
    /// uWSGI configuration: its hooks run commands when the app starts, its daemons run beside it.
    UwsgiIni,
    /// `.pre-commit-config.yaml`: hooks that `pre-commit run` / `prek run` execute.
    PreCommitConfig,
    /// Makefiles, read when CI runs `make TARGET`.
    Makefile,
    /// CHANGELOG, CHANGES, HISTORY, release notes: read to count versioned entries.
    Changelog,
    /// Terraform state: never read (it holds secrets), only noticed.
    TfState,
    /// Terraform's dependency lock file.
    TfLock,
    /// nginx configuration.
    Nginx,
    /// Netlify / Cloudflare Pages `_headers`.
    HeadersFile,
    /// Caddy's configuration: automatic HTTPS with modern TLS.
    Caddyfile,
    /// Prisma schema: read for the datasource provider.
    PrismaSchema,
    /// redis.conf / sentinel.conf.
    RedisConf,
    /// A response the live probe captured: its URL is the path, its head the text.
    LiveResponse,
    /// JMeter plans and other load-test files known by name.
    LoadTest,
    /// Files that hold credentials by convention (`.npmrc`, `.netrc`, `id_rsa`, `*.pem`,
    /// service-account JSON, kubeconfig, Docker's `config.json`…): no fact reads them; the
    /// secret scanner does, and never prints what it finds.
    Credentials,
}

/// How a file kind is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
    Toml,
    Dockerfile,
    Procfile,
    Dotenv,
    Requirements,
    GoMod,
    Gemfile,
    Code,
    Text,
    /// HashiCorp configuration language (Terraform).
    Hcl,
    /// nginx directives.
    Nginx,
    /// Known by its path only.
    None,
}

impl FileKind {
    pub fn format(self) -> Format {
        use FileKind::*;
        match self {
            GithubWorkflow | GithubAction | GitlabCi | CircleCi | AzurePipelines | BitbucketPipelines | TravisCi | Buildkite | DroneCi
            | Dependabot | RenderYaml | Compose | DevCompose | ChartYaml | Kustomization | AmplifyYaml | ServerlessYaml | PulumiYaml
            | Yaml | PnpmWorkspace | PreCommitConfig => Format::Yaml,
            Renovate | VercelJson | RailwayJson | AppJson | FirebaseJson | WranglerJson | StaticWebAppConfig | CdkJson | PackageJson => {
                Format::Json
            }
            NetlifyToml | FlyToml | RailwayToml | NixpacksToml | SupabaseConfig | WranglerToml | Pyproject | Pipfile | CargoToml => {
                Format::Toml
            }
            Dockerfile => Format::Dockerfile,
            Procfile => Format::Procfile,
            EnvFile => Format::Dotenv,
            Requirements => Format::Requirements,
            GoMod => Format::GoMod,
            Gemfile => Format::Gemfile,
            JsSource | PySource => Format::Code,
            Doc | Jenkinsfile | Lighthouserc | SizeLimit | Tsconfig | Dockerignore | Sql | Shell | UwsgiIni | Makefile | Changelog => {
                Format::Text
            }
            Terraform => Format::Hcl,
            Nginx => Format::Nginx,
            HeadersFile => Format::Text,
            Caddyfile | LoadTest | LiveResponse => Format::None,
            PrismaSchema | RedisConf | Credentials => Format::Text,
            Bicep | AnsibleCfg | Lockfile | Maven | Gradle | OtherSource | TfState | TfLock => Format::None,
        }
    }
}

const RULES: &[(&str, FileKind)] = {
    use FileKind::*;
    &[
        // First: a name that says "credentials" wins over its extension.
        ("**/{.npmrc,.pypirc,.netrc,_netrc,.git-credentials,.dockercfg,.s3cfg,.pgpass}", Credentials),
        ("**/{.docker/config.json,.aws/credentials,.kube/config}", Credentials),
        ("**/{kubeconfig,*.kubeconfig,kubeconfig.yaml,kubeconfig.yml,kubeconfig-*.yaml,kubeconfig-*.yml}", Credentials),
        ("**/{id_rsa,id_dsa,id_ecdsa,id_ed25519}", Credentials),
        ("**/*.{pem,key,p8}", Credentials),
        ("**/{credentials,client_secret*,service-account*,service_account*,*-sa,*-credentials,*_credentials,gcp-key*}.json", Credentials),
        (".github/workflows/*.{yml,yaml}", GithubWorkflow),
        ("**/action.{yml,yaml}", GithubAction),
        (".gitlab-ci.yml", GitlabCi),
        (".circleci/config.{yml,yaml}", CircleCi),
        ("azure-pipelines.{yml,yaml}", AzurePipelines),
        ("bitbucket-pipelines.yml", BitbucketPipelines),
        (".travis.yml", TravisCi),
        (".buildkite/pipeline.{yml,yaml}", Buildkite),
        (".drone.yml", DroneCi),
        ("**/Jenkinsfile", Jenkinsfile),
        (".github/dependabot.{yml,yaml}", Dependabot),
        (
            "{renovate.json,renovate.json5,.renovaterc,.renovaterc.json,.github/renovate.json,.github/renovate.json5,.gitlab/renovate.json}",
            Renovate,
        ),
        ("**/vercel.json", VercelJson),
        ("**/netlify.toml", NetlifyToml),
        ("**/render.{yaml,yml}", RenderYaml),
        ("**/fly.toml", FlyToml),
        ("**/fly.*.toml", FlyToml),
        ("**/railway.json", RailwayJson),
        ("**/railway.toml", RailwayToml),
        ("**/Procfile", Procfile),
        ("app.json", AppJson),
        ("**/nixpacks.toml", NixpacksToml),
        // BuildKit reads `<Dockerfile>.dockerignore` beside a Dockerfile before `.dockerignore`:
        // it must not be taken for a `Dockerfile.*` variant.
        ("**/*.dockerignore", Dockerignore),
        ("**/{Dockerfile,dockerfile,Containerfile}", Dockerfile),
        ("**/*.{Dockerfile,dockerfile}", Dockerfile),
        ("**/Dockerfile.*", Dockerfile),
        ("**/.dockerignore", Dockerignore),
        ("**/{docker-compose,compose}.{yml,yaml}", Compose),
        ("**/compose.*.{yml,yaml}", Compose),
        ("**/docker-compose*.{yml,yaml}", Compose),
        ("**/Chart.yaml", ChartYaml),
        ("**/kustomization.{yaml,yml}", Kustomization),
        ("**/supabase/config.toml", SupabaseConfig),
        ("**/firebase.json", FirebaseJson),
        ("**/wrangler.toml", WranglerToml),
        ("**/wrangler.{json,jsonc}", WranglerJson),
        ("**/amplify.{yml,yaml}", AmplifyYaml),
        ("**/serverless.{yml,yaml}", ServerlessYaml),
        ("**/staticwebapp.config.json", StaticWebAppConfig),
        ("**/*.{tf,tofu}", Terraform),
        ("**/*.{tfstate,tfstate.backup}", TfState),
        ("**/.terraform.lock.hcl", TfLock),
        ("**/{nginx,nginx.*,default,site,*.nginx}.conf", Nginx),
        ("**/nginx/**/*.conf", Nginx),
        ("**/{conf.d,sites-available,sites-enabled}/*", Nginx),
        ("**/_headers", HeadersFile),
        ("**/Caddyfile", Caddyfile),
        ("**/*.prisma", PrismaSchema),
        ("**/{redis,sentinel,redis-*,sentinel-*}.conf", RedisConf),
        ("**/*.jmx", LoadTest),
        ("**/{locustfile.py,artillery.yml,artillery.yaml,.artilleryrc}", LoadTest),
        ("**/Pulumi.{yaml,yml}", PulumiYaml),
        ("**/cdk.json", CdkJson),
        ("**/*.bicep", Bicep),
        ("**/ansible.cfg", AnsibleCfg),
        ("**/package.json", PackageJson),
        ("**/{tsconfig,jsconfig}*.json", Tsconfig),
        ("**/pnpm-workspace.yaml", PnpmWorkspace),
        (
            "**/{package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,bun.lockb,bun.lock,poetry.lock,uv.lock,Pipfile.lock,pdm.lock,Cargo.lock,Gemfile.lock,go.sum,composer.lock}",
            Lockfile,
        ),
        ("**/pyproject.toml", Pyproject),
        ("**/requirements*.txt", Requirements),
        ("**/requirements/*.txt", Requirements),
        ("**/Pipfile", Pipfile),
        ("**/go.mod", GoMod),
        ("**/Cargo.toml", CargoToml),
        ("**/Gemfile", Gemfile),
        ("**/pom.xml", Maven),
        ("**/{build.gradle,build.gradle.kts}", Gradle),
        ("**/{.env,.env.*,*.env,env.example,env.sample,env.template,env-example,env-example-*,env.example.*}", EnvFile),
        ("**/{lighthouserc,.lighthouserc}", Lighthouserc),
        ("**/{lighthouserc,.lighthouserc}.{json,js,cjs,yml,yaml}", Lighthouserc),
        ("**/{budget,budgets}.json", Lighthouserc),
        ("**/.size-limit", SizeLimit),
        ("**/.size-limit.{json,js,cjs,mjs,ts}", SizeLimit),
        ("**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}", JsSource),
        ("**/*.py", PySource),
        ("**/*.{go,rs,rb,java,kt,kts,php,ex,exs,cs,swift,scala}", OtherSource),
        ("**/{README,readme,Readme}", Doc),
        ("**/{README,readme,Readme}.{md,mdx,rst,txt}", Doc),
        ("**/docs/**/*.{md,mdx}", Doc),
        ("**/{DEPLOY,DEPLOYMENT,deploy,deployment}*.md", Doc),
        ("**/{CHANGELOG,CHANGES,HISTORY,RELEASE_NOTES,RELEASES,changelog,release-notes}", Changelog),
        ("**/{CHANGELOG,CHANGES,HISTORY,RELEASE_NOTES,RELEASES,changelog,release-notes}.{md,rst,txt}", Changelog),
        ("**/{RUNBOOK,runbook,ARCHITECTURE,architecture,INCIDENT,incident}*.md", Doc),
        ("**/{adr,adrs,decisions,runbooks}/**/*.md", Doc),
        ("**/*.sql", Sql),
        ("**/*.{sh,bash}", Shell),
        // Container entry points are shell scripts without an extension (Rails' bin/docker-entrypoint).
        ("**/{docker-entrypoint,entrypoint}", Shell),
        ("**/uwsgi*.ini", UwsgiIni),
        (".pre-commit-config.{yaml,yml}", PreCommitConfig),
        ("**/{Makefile,makefile,GNUmakefile}", Makefile),
        ("**/*.{yml,yaml}", Yaml),
    ]
};

static CLASSIFIER: LazyLock<GlobSet> = LazyLock::new(|| {
    let mut builder = GlobSetBuilder::new();
    for (pattern, _) in RULES {
        // The patterns are constants; a bad one is a bug caught by the tests.
        if let Ok(glob) = Glob::new(pattern) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
});

/// The kind of file at a repo-relative path, if it is one shipshape reads or counts.
pub fn classify(path: &str) -> Option<FileKind> {
    if is_under_pruned_dir(path) || path.ends_with(".d.ts") || path.contains(".min.") {
        return None;
    }
    let first = CLASSIFIER.matches(path).into_iter().min()?;
    let kind = RULES[first].1;
    // Containers of development environments (Dev Containers, CodeSandbox, Gitpod) are not
    // deployments.
    if matches!(kind, FileKind::Dockerfile | FileKind::Compose | FileKind::Dockerignore) && is_dev_environment(path) {
        return None;
    }
    if kind == FileKind::Compose && is_development_compose(path) {
        return Some(FileKind::DevCompose);
    }
    Some(kind)
}

/// A compose file for development or tests: a word of its name or of a directory says so
/// (`dev`, `development`, `local`, `test`, `testing`, `e2e`, `ci`; `override`, which compose
/// merges in for local runs), or it sits in a hidden tooling directory (`.worktree-container/`;
/// `.docker/` and `.deploy/` excepted).
pub fn is_development_compose(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let (dirs, name) = lower.rsplit_once('/').unwrap_or(("", &lower));
    let dev_word = |w: &str| matches!(w, "dev" | "development" | "local" | "test" | "tests" | "testing" | "e2e" | "ci");
    name.split(['.', '-', '_']).any(|w| dev_word(w) || w == "override")
        || dirs.split('/').any(|d| d.split(['.', '-', '_']).any(dev_word) || d.starts_with('.') && !matches!(d, ".docker" | ".deploy"))
}

/// A path in a development environment's configuration (Dev Containers, CodeSandbox, Gitpod,
/// Project IDX).
pub fn is_dev_environment(path: &str) -> bool {
    path.split('/').any(|seg| matches!(seg, ".devcontainer" | ".codesandbox" | ".gitpod" | ".idx")) || path.contains(".gitpod.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_has_one_role() {
        for (path, expected) in [
            ("src/app/page.tsx", Role::Application),
            ("next.config.ts", Role::Application),
            (".github/workflows/ci.yml", Role::Tooling),
            ("scripts/deploy.sh", Role::Tooling),
            ("tests/fixtures/supabase/migrations/001.sql", Role::Fixture),
            ("crates/x/tests/fixtures/rules/.env", Role::Fixture),
            ("src/__tests__/a.ts", Role::Test),
            ("_unit-test/migrate-test.sh", Role::Test),
            ("backend/integration_tests/conftest.py", Role::Test),
            ("pkg/server_test.go", Role::Test),
            ("examples/with-redis/package.json", Role::Example),
            ("backend/_example/memory_store/Dockerfile", Role::Example),
            ("frontend/app/__stubs__/jwt.ts", Role::Fixture),
            ("docs/deploy.md", Role::Docs),
            ("README.md", Role::Docs),
            ("vendor/github.com/x/y.go", Role::Vendored),
            ("apps/web/types_db.ts", Role::Generated),
            ("src/gql/__generated__/types.ts", Role::Generated),
            ("src/latest/config.ts", Role::Application),
            ("contest/app.py", Role::Application),
            ("charts/app/templates/deployment.yaml", Role::Application),
        ] {
            assert_eq!(role(path), expected, "{path}");
        }
    }

    #[test]
    fn every_pattern_compiles() {
        for (pattern, _) in RULES {
            assert!(Glob::new(pattern).is_ok(), "{pattern}");
        }
        assert_eq!(CLASSIFIER.len(), RULES.len());
    }

    #[test]
    fn classifies_by_name() {
        use FileKind::*;
        let cases = [
            (".github/workflows/ci.yml", Some(GithubWorkflow)),
            (".github/workflows/ci.yml.disabled", None),
            ("apps/web/.github/workflows/ci.yml", Some(Yaml)),
            ("apps/web/vercel.json", Some(VercelJson)),
            ("Dockerfile", Some(Dockerfile)),
            ("docker/api.Dockerfile", Some(Dockerfile)),
            ("Dockerfile.prod", Some(Dockerfile)),
            ("docker-compose.prod.yml", Some(Compose)),
            ("compose.yaml", Some(Compose)),
            ("deploy/compose.prod.yaml", Some(Compose)),
            ("README", Some(Doc)),
            (".size-limit.json", Some(SizeLimit)),
            ("lighthouserc.json", Some(Lighthouserc)),
            ("k8s/deployment.yaml", Some(Yaml)),
            (".env.example", Some(EnvFile)),
            ("env-example-relational", Some(EnvFile)),
            (".env", Some(EnvFile)),
            ("src/env.ts", Some(JsSource)),
            ("src/types.d.ts", None),
            ("public/app.min.js", None),
            ("node_modules/x/package.json", None),
            ("apps/api/package.json", Some(PackageJson)),
            ("README.md", Some(Doc)),
            ("docs/deploy/guide.md", Some(Doc)),
            ("notes/random.md", None),
            ("infra/main.tf", Some(Terraform)),
            ("infra/terraform.tfstate", Some(TfState)),
            ("infra/.terraform.lock.hcl", Some(TfLock)),
            ("pnpm-lock.yaml", Some(Lockfile)),
            ("requirements-dev.txt", Some(Requirements)),
            ("prisma/migrations/1_init/migration.sql", Some(Sql)),
            ("backend/scripts/prestart.sh", Some(Shell)),
            ("bin/docker-entrypoint", Some(Shell)),
            ("docker/uwsgi.ini", Some(UwsgiIni)),
            ("CHANGELOG.md", Some(Changelog)),
            ("packages/ui/CHANGELOG.md", Some(Changelog)),
            ("docs/adr/0001-use-postgres.md", Some(Doc)),
            (".pre-commit-config.yaml", Some(PreCommitConfig)),
            ("Makefile", Some(Makefile)),
            ("nginx/nginx.conf", Some(Nginx)),
            ("deploy/conf.d/app.conf", Some(Nginx)),
            ("public/_headers", Some(HeadersFile)),
            (".devcontainer/Dockerfile", None),
            (".npmrc", Some(Credentials)),
            ("packages/web/.npmrc", Some(Credentials)),
            ("deploy/keys/id_ed25519", Some(Credentials)),
            ("certs/server.key", Some(Credentials)),
            ("infra/gcp/terraform-sa.json", Some(Credentials)),
            ("credentials.json", Some(Credentials)),
            (".kube/config", Some(Credentials)),
            ("ops/kubeconfig-prod.yaml", Some(Credentials)),
            (".docker/config.json", Some(Credentials)),
            ("config.json", None),
            (".codesandbox/Dockerfile", None),
            ("docker-compose.dev.yml", Some(DevCompose)),
            ("docker-compose.override.yml", Some(DevCompose)),
            ("docker/development/compose.yml", Some(DevCompose)),
            (".worktree-container/docker-compose.yml", Some(DevCompose)),
            ("e2e/docker-compose.yml", Some(DevCompose)),
            ("docker/production/compose.yml", Some(Compose)),
            (".docker/compose.yml", Some(Compose)),
            ("deploy/docker-compose.prod.yml", Some(Compose)),
        ];
        for (path, want) in cases {
            assert_eq!(classify(path), want, "{path}");
        }
    }

    #[test]
    fn prunes_dependency_and_build_dirs() {
        assert!(is_pruned_dir("node_modules"));
        assert!(is_pruned_dir("apps/web/.next"));
        assert!(!is_pruned_dir("src"));
        assert!(is_under_pruned_dir("a/dist/x.js"));
        assert!(!is_under_pruned_dir("dist"));
    }
}
