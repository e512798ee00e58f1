//! `ci.*`: what the pipelines that can actually run do.

pub mod commands;
pub mod expr;
pub mod github;
pub mod model;
pub mod other;

use std::collections::BTreeSet;

use commands::{Activity, Context, Found};
use model::{Job, Pipeline};

use super::stack::Stack;
use super::{Discarded, Evidence, Fact, Inventory, ListFact, compose_services, render_services};
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

/// What later extractors need from this stage.
#[derive(Debug, Default)]
pub struct Ci {
    pub pipelines: Vec<Pipeline>,
}

impl Ci {
    /// Reachable deploy activities: (target, evidence).
    pub fn deploy_targets(&self) -> Vec<(&'static str, &Found)> {
        self.reachable_jobs()
            .flat_map(|(_, j)| j.effective())
            .filter_map(|(_, f)| match &f.activity {
                Activity::Deploy { target, .. } => Some((*target, f)),
                _ => None,
            })
            .collect()
    }

    fn reachable_jobs(&self) -> impl Iterator<Item = (&Pipeline, &Job)> {
        self.pipelines.iter().flat_map(|p| p.jobs.iter().filter(|j| j.unreachable.is_none()).map(move |j| (p, j)))
    }
}

const PROVIDER_FILES: &[(FileKind, &str)] = &[
    (FileKind::GithubWorkflow, "github-actions"),
    (FileKind::GitlabCi, "gitlab-ci"),
    (FileKind::CircleCi, "circleci"),
    (FileKind::AzurePipelines, "azure-pipelines"),
    (FileKind::BitbucketPipelines, "bitbucket-pipelines"),
    (FileKind::TravisCi, "travis"),
    (FileKind::Buildkite, "buildkite"),
    (FileKind::DroneCi, "drone"),
    (FileKind::Jenkinsfile, "jenkins"),
];

const SEARCHED: &[&str] = &[
    ".github/workflows/*.yml",
    ".gitlab-ci.yml",
    ".circleci/config.yml",
    "azure-pipelines.yml",
    "bitbucket-pipelines.yml",
    ".travis.yml",
    ".buildkite/pipeline.yml",
    ".drone.yml",
    "Jenkinsfile",
];

/// The facts about what CI jobs do, which a job calling another repository's workflow hides.
const WHAT_JOBS_DO: &[&str] = &[
    "ci.deploy_after_tests",
    "ci.deploy_concurrency",
    "ci.deploy_gated",
    "ci.deploys",
    "ci.environments",
    "ci.frozen_install",
    "ci.iac_checks",
    "ci.migrations",
    "ci.perf_budget",
    "ci.post_deploy_check",
    "ci.rollback",
    "ci.runs_build",
    "ci.runs_lint",
    "ci.runs_tests",
    "ci.runs_typecheck",
    "ci.security_scans",
    "ci.staging",
];

pub fn extract(repo: &Repo, stack: &Stack, inv: &mut Inventory) -> Ci {
    let ctx = Context::new(repo, stack);
    let lighthouse_asserts =
        repo.of_kind(FileKind::Lighthouserc).any(|(_, f)| f.text().is_some_and(|t| t.contains("assert") || t.contains("budget")));

    let mut providers = ListFact::default();
    let mut pipelines = Vec::new();
    let mut workflow_files = Vec::new();
    for (kind, provider) in PROVIDER_FILES {
        for (id, file) in repo.of_kind(*kind) {
            // A pipeline file that does not parse never runs: it is listed as skipped instead.
            let Doc::Yaml(docs) = file.doc() else {
                if *kind == FileKind::Jenkinsfile {
                    providers.add(*provider, Evidence::file(id));
                    workflow_files.push(Evidence::file(id));
                }
                continue;
            };
            let Some(doc) = docs.first() else { continue };
            providers.add(*provider, Evidence::file(id));
            workflow_files.push(Evidence::file(id));
            pipelines.push(match kind {
                FileKind::GithubWorkflow => github::pipeline(id, doc, ctx, lighthouse_asserts),
                FileKind::GitlabCi => other::gitlab(id, doc, ctx),
                _ => other::generic(provider, id, doc, ctx),
            });
        }
    }
    inv.insert("ci.providers", providers.fact().searched(SEARCHED));
    inv.insert("ci.workflows", Fact::int(workflow_files.len(), workflow_files).searched(SEARCHED));
    let ci = Ci { pipelines };
    // A job that calls a reusable workflow of another repository runs steps no one here can
    // read: what CI does is then unknown, not absent. How the workflows themselves are
    // written (triggers, pinning, permissions) is known.
    for (_, job) in ci.reachable_jobs() {
        if let Some((called, _)) = job.calls.as_ref().filter(|(c, _)| !c.starts_with("./")) {
            inv.not_read(WHAT_JOBS_DO, called, "a reusable workflow in another repository: not fetched");
        }
    }

    for (key, activity) in [
        ("ci.runs_tests", Activity::Test),
        ("ci.runs_lint", Activity::Lint),
        ("ci.runs_typecheck", Activity::Typecheck),
        ("ci.runs_build", Activity::Build),
        ("ci.perf_budget", Activity::PerfBudget),
        ("ci.rollback", Activity::Rollback),
    ] {
        let mut fact = effective_bool(&ci, |a| *a == activity);
        if key == "ci.rollback" && fact.value == serde_json::Value::Bool(false) {
            // A job that runs on failure and deploys again is a rollback.
            let redeploys: Vec<Evidence> = ci
                .reachable_jobs()
                .flat_map(|(_, j)| {
                    j.steps.iter().filter(move |s| s.unreachable.is_none() && (j.on_failure || s.on_failure)).flat_map(|s| &s.activities)
                })
                .filter(|f| matches!(f.activity, Activity::Deploy { .. }))
                .flat_map(|f| f.evidence.clone())
                .collect();
            if !redeploys.is_empty() {
                fact = Fact::bool(true, redeploys);
            }
        }
        inv.insert(key, fact.searched(SEARCHED));
    }

    let mut scans = ListFact::default();
    for (_, job) in ci.reachable_jobs() {
        for (_, found) in job.effective() {
            if let Activity::SecurityScan(tool) = found.activity {
                if found.failure_ignored {
                    scans.discard(found.evidence[0].clone(), format!("{tool} runs, but its failure is ignored"));
                } else {
                    scans.add_all(tool, found.evidence.iter().take(1).cloned());
                }
            }
        }
    }
    inv.insert("ci.security_scans", scans.fact().searched(SEARCHED));

    let mut iac_checks = ListFact::default();
    for (_, job) in ci.reachable_jobs() {
        for (_, found) in job.effective().filter(|(_, f)| !f.failure_ignored) {
            if let Activity::IacCheck(tool) = found.activity {
                iac_checks.add_all(tool, found.evidence.iter().take(1).cloned());
            }
        }
    }
    inv.insert("ci.iac_checks", iac_checks.fact().searched(SEARCHED));

    deploy_facts(&ci, inv);
    migrations(repo, &ci, ctx, inv);
    github_hygiene(repo, &ci, inv);
    install_fact(&ci, inv);
    ci
}

/// A boolean fact true when a reachable step does the activity and its failure counts.
fn effective_bool(ci: &Ci, wanted: impl Fn(&Activity) -> bool) -> Fact {
    let mut evidence = Vec::new();
    let mut discarded = Vec::new();
    for pipeline in &ci.pipelines {
        for job in &pipeline.jobs {
            for step in &job.steps {
                for found in step.activities.iter().filter(|f| wanted(&f.activity)) {
                    let why = job
                        .unreachable
                        .as_ref()
                        .map(|r| format!("job `{}` can never run: {r}", job.id))
                        .or_else(|| step.unreachable.as_ref().map(|r| format!("step can never run: {r}")))
                        .or_else(|| found.failure_ignored.then(|| "its failure is ignored (`|| true` or `continue-on-error`)".to_string()));
                    match why {
                        Some(reason) => discarded.push(Discarded { evidence: found.evidence[0].clone(), reason }),
                        None => evidence.extend(found.evidence.iter().cloned()),
                    }
                }
            }
        }
    }
    let value = !evidence.is_empty();
    Fact::bool(value, evidence).discarded(if value { Vec::new() } else { discarded })
}

fn normalize_env(name: &str) -> String {
    match name {
        "prod" | "prd" | "live" => "production".into(),
        "stage" | "stg" => "staging".into(),
        "review" | "pr" => "preview".into(),
        other => other.into(),
    }
}

pub fn is_staging_env(name: &str) -> bool {
    name.split(['-', '_', ' ', '/']).any(|seg| {
        matches!(seg, "staging" | "stage" | "stg" | "qa" | "uat" | "dev" | "development" | "preview" | "preprod" | "test" | "sandbox")
    })
}

fn deploys(job: &Job) -> bool {
    job.effective().any(|(_, f)| matches!(f.activity, Activity::Deploy { .. }))
}

fn deploy_facts(ci: &Ci, inv: &mut Inventory) {
    let deploy = effective_bool(ci, |a| matches!(a, Activity::Deploy { .. }));
    let mut deploy = deploy;
    if deploy.value == serde_json::Value::Bool(false) {
        for (_, job) in ci.reachable_jobs() {
            for (_, found) in job.effective().filter(|(_, f)| f.activity == Activity::Publish) {
                deploy.discarded.push(Discarded {
                    evidence: found.evidence[0].clone(),
                    reason: "pushes an image or package to a registry: publishing, not deploying".into(),
                });
            }
        }
    }
    inv.insert("ci.deploys", deploy.searched(SEARCHED));

    let mut environments = ListFact::default();
    let mut checks = Vec::new();
    let mut gated_all = true;
    let mut gated_any = false;
    let mut ungated = Vec::new();
    let mut tested_all = true;
    let mut untested = Vec::new();
    let mut concurrency_ok = true;
    let mut racing = Vec::new();
    let mut gha_deploys = false;
    for pipeline in &ci.pipelines {
        let deploying: Vec<&Job> = pipeline.jobs.iter().filter(|j| j.unreachable.is_none() && deploys(j)).collect();
        for job in &deploying {
            let first_deploy = job.effective().find(|(_, f)| matches!(f.activity, Activity::Deploy { .. }));
            let Some((deploy_step, deploy_found)) = first_deploy else { continue };
            let job_ev = Evidence::at(pipeline.file, &job.span);
            let mut named = false;
            if let Some((names, span)) = &job.environment {
                for name in names {
                    environments.add(normalize_env(name), Evidence::at(pipeline.file, span));
                    named = true;
                }
            }
            for (i, found) in job.effective() {
                let Activity::Deploy { env, .. } = &found.activity else { continue };
                // Named by the command, else by the branch the step's `if:` pins it to.
                let env = env.clone().or_else(|| job.steps[i].branch.as_deref().and_then(|b| github::branch_env(&[b.to_string()])));
                if let Some(env) = env {
                    environments.add(normalize_env(&env), found.evidence[0].clone());
                    named = true;
                }
            }
            if !named
                && let Some(env) =
                    job.branch.as_deref().and_then(|b| github::branch_env(&[b.to_string()])).or_else(|| pipeline.trigger_env.clone())
            {
                environments.add(env, deploy_found.evidence[0].clone());
            }
            // Post-deploy checks: later in the job, or in a job that needs this one.
            checks.extend(
                job.effective().filter(|(i, f)| *i > deploy_step && f.activity == Activity::Check).map(|(_, f)| f.evidence[0].clone()),
            );
            // …or later in the deploy's own step (`fly deploy` waits on health checks).
            checks.extend(
                job.steps[deploy_step]
                    .activities
                    .iter()
                    .skip_while(|f| !matches!(f.activity, Activity::Deploy { .. }))
                    .filter(|f| f.activity == Activity::Check)
                    .map(|f| f.evidence[0].clone()),
            );
            for other in pipeline.jobs.iter().filter(|o| o.unreachable.is_none() && needs_transitively(pipeline, o, &job.id)) {
                checks.extend(other.effective().filter(|(_, f)| f.activity == Activity::Check).map(|(_, f)| f.evidence[0].clone()));
            }
            // Gating: tests before the deploy, in this job or one it needs.
            let tested = job.effective().any(|(i, f)| i < deploy_step && f.activity == Activity::Test && !f.failure_ignored)
                || pipeline.jobs.iter().any(|o| {
                    o.unreachable.is_none()
                        && needs_transitively(pipeline, job, &o.id)
                        && o.effective().any(|(_, f)| f.activity == Activity::Test && !f.failure_ignored)
                })
                || pipeline.triggers.iter().any(|t| t == "workflow_run")
                || pipeline.jobs.iter().any(|o| {
                    o.unreachable.is_none()
                        && o.stage < job.stage
                        && o.effective().any(|(_, f)| f.activity == Activity::Test && !f.failure_ignored)
                });
            if !tested {
                tested_all = false;
                untested.push(Discarded {
                    evidence: job_ev.clone(),
                    reason: format!("job `{}` deploys without tests running before it", job.id),
                });
            }
            if pipeline.provider == "github-actions" {
                gha_deploys = true;
                if job.environment.is_some() {
                    gated_any = true;
                } else {
                    gated_all = false;
                    ungated.push(Discarded {
                        evidence: job_ev.clone(),
                        reason: format!("job `{}` deploys without a GitHub `environment:`", job.id),
                    });
                }
                if !(pipeline.concurrency || job.concurrency) {
                    concurrency_ok = false;
                    racing.push(Discarded { evidence: job_ev, reason: format!("job `{}` deploys with no `concurrency:` group", job.id) });
                }
            }
        }
        // Workflows run by a deployment (e.g. Vercel's `deployment_status`) check it.
        if pipeline.triggers.iter().any(|t| t == "deployment_status" || t == "deployment") {
            for job in pipeline.jobs.iter().filter(|j| j.unreachable.is_none()) {
                checks.extend(
                    job.effective()
                        .filter(|(_, f)| matches!(f.activity, Activity::Check | Activity::Test))
                        .map(|(_, f)| f.evidence[0].clone()),
                );
            }
        }
    }
    let any_deploy = !ci.deploy_targets().is_empty();
    let staging: Vec<Evidence> = environments.names().filter(|n| is_staging_env(n)).count().gt(&0).then(Vec::new).unwrap_or_default();
    let has_staging = environments.names().any(is_staging_env);
    let environments_fact = environments.fact();
    let staging_evidence: Vec<Evidence> = if has_staging { environments_fact.evidence.clone() } else { staging };
    inv.insert("ci.environments", environments_fact.searched(SEARCHED));
    inv.insert("ci.staging", Fact::bool(has_staging, staging_evidence).searched(&["CI deploy jobs' environments and flags"]));
    inv.insert(
        "ci.post_deploy_check",
        Fact::bool(!checks.is_empty(), checks).searched(&[
            "steps after a deploy step",
            "jobs that need a deploy job",
            "deployment_status workflows",
        ]),
    );
    let or_null = |present: bool, fact: Fact| if present { fact } else { Fact::null() };
    let deploying_job_evidence: Vec<Evidence> = ci
        .pipelines
        .iter()
        .flat_map(|p| p.jobs.iter().filter(|j| j.unreachable.is_none() && deploys(j)).map(move |j| Evidence::at(p.file, &j.span)))
        .collect();
    inv.insert("ci.deploy_after_tests", or_null(any_deploy, Fact::bool(tested_all, deploying_job_evidence.clone()).discarded(untested)));
    inv.insert(
        "ci.deploy_gated",
        or_null(gha_deploys, Fact::bool(gated_all && gated_any, deploying_job_evidence.clone()).discarded(ungated)),
    );
    inv.insert("ci.deploy_concurrency", or_null(gha_deploys, Fact::bool(concurrency_ok, deploying_job_evidence).discarded(racing)));
}

fn needs_transitively(pipeline: &Pipeline, job: &Job, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = job.needs.iter().map(String::as_str).collect();
    while let Some(n) = todo.pop() {
        if n == target {
            return true;
        }
        if seen.insert(n)
            && let Some(j) = pipeline.jobs.iter().find(|j| j.id == n)
        {
            todo.extend(j.needs.iter().map(String::as_str));
        }
    }
    false
}

/// `ci.migrations`: in CI, or in the deploy configuration (release phases, pre-deploy commands,
/// container start commands, build scripts).
fn migrations(repo: &Repo, ci: &Ci, ctx: Context<'_>, inv: &mut Inventory) {
    let mut fact = effective_bool(ci, |a| matches!(a, Activity::Migration(_)));
    let mut evidence = Vec::new();
    for (file, span, command) in deploy_commands(repo, ctx) {
        evidence.extend(
            commands::classify(&command, file, &span, ctx)
                .into_iter()
                .filter(|f| matches!(f.activity, Activity::Migration(_)))
                .flat_map(|f| f.evidence),
        );
    }
    if !evidence.is_empty() {
        let mut all = fact.evidence.clone();
        all.extend(evidence);
        fact = Fact::bool(true, all);
    }
    inv.insert(
        "ci.migrations",
        fact.searched(&[
            "CI steps",
            "Procfile release",
            "render.yaml preDeployCommand",
            "fly.toml release_command",
            "railway deploy commands",
            "Dockerfile CMD/ENTRYPOINT (and the entry-point scripts they run)",
            "uWSGI hooks",
            "compose command",
            "package.json build/start scripts",
            "Kubernetes Job and init containers",
        ]),
    );
}

/// Commands that run when the app is deployed, with where they are configured.
pub fn deploy_commands(repo: &Repo, ctx: Context<'_>) -> Vec<(FileId, std::ops::Range<u32>, String)> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<_>, id: FileId, node: &Node| {
        if let Some(s) = node.scalar() {
            out.push((id, node.span.clone(), s));
        } else if !node.items().is_empty() {
            let words: Vec<String> = node.items().iter().filter_map(Node::scalar).collect();
            out.push((id, node.span.clone(), shell_join(&words)));
        }
    };
    for (id, file) in repo.of_kinds(&[
        FileKind::Procfile,
        FileKind::UwsgiIni,
        FileKind::RenderYaml,
        FileKind::FlyToml,
        FileKind::RailwayJson,
        FileKind::RailwayToml,
        FileKind::AppJson,
        FileKind::Dockerfile,
        FileKind::Compose,
        FileKind::PackageJson,
        FileKind::Yaml,
    ]) {
        match (&file.kind, file.doc()) {
            (Some(FileKind::Procfile), Doc::Procfile(processes)) => {
                for p in processes.iter().filter(|p| p.name == "release") {
                    out.push((id, p.span.clone(), p.command.clone()));
                }
            }
            (Some(FileKind::RenderYaml), Doc::Yaml(docs)) => {
                for service in render_services(docs) {
                    for key in ["preDeployCommand", "startCommand"] {
                        if let Some(n) = service.get(key) {
                            push(&mut out, id, n);
                        }
                    }
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => {
                if let Some(n) = root.at(&["deploy", "release_command"]) {
                    push(&mut out, id, n);
                }
            }
            (Some(FileKind::RailwayJson | FileKind::RailwayToml), Doc::Json(root) | Doc::Toml(root)) => {
                for key in ["preDeployCommand", "startCommand"] {
                    if let Some(n) = root.at(&["deploy", key]) {
                        for item in n.one_or_many() {
                            push(&mut out, id, item);
                        }
                    }
                }
            }
            (Some(FileKind::AppJson), Doc::Json(root)) => {
                for key in ["postdeploy", "release"] {
                    if let Some(n) = root.at(&["scripts", key]) {
                        push(&mut out, id, n);
                    }
                }
            }
            (Some(FileKind::Dockerfile), Doc::Dockerfile(df)) => {
                // A script named by its path in the image (`/rails/bin/docker-entrypoint` after
                // `WORKDIR /rails` and `COPY . .`) is the repository's file relative to the build.
                // So is a script copied to its own path (`COPY ./start.sh /opt/start.sh`).
                let context = super::dir_of(&file.path);
                let in_context = |rel: &str| if context == "." { format!("./{rel}") } else { format!("./{context}/{rel}") };
                let mut workdir = String::new();
                let mut copied: Vec<(String, String)> = Vec::new();
                for ins in &df.instructions {
                    match ins.keyword.as_str() {
                        "WORKDIR" => workdir = ins.args.trim().trim_end_matches('/').to_string(),
                        "COPY" | "ADD" if !ins.args.contains("--from") => {
                            let words: Vec<&str> = ins.args.split_whitespace().filter(|w| !w.starts_with("--")).collect();
                            if let [source, dest] = words.as_slice() {
                                let source = source.trim_start_matches("./");
                                let dest = if dest.ends_with('/') {
                                    format!("{dest}{}", source.rsplit('/').next().unwrap_or(source))
                                } else {
                                    dest.to_string()
                                };
                                copied.push((dest, source.to_string()));
                            }
                        }
                        "CMD" | "ENTRYPOINT" => {
                            let command = exec_form(&ins.args);
                            let (program, rest) = command.split_once(' ').unwrap_or((command.as_str(), ""));
                            let local =
                                copied.iter().rev().find(|(dest, _)| dest == program).map(|(_, source)| in_context(source)).or_else(|| {
                                    let inside = program.strip_prefix(&format!("{workdir}/")).filter(|_| workdir.starts_with('/'))?;
                                    Some(in_context(inside))
                                });
                            let command = match local {
                                Some(local) => format!("{local} {rest}").trim_end().to_string(),
                                None => command,
                            };
                            out.push((id, ins.span.clone(), command));
                        }
                        _ => {}
                    }
                }
            }
            (Some(FileKind::UwsgiIni), _) => {
                // Hooks run commands as the app starts (`hook-pre-app = exec:./manage.py migrate`).
                for option in crate::parse::lines::ini_options(file.text().unwrap_or("")) {
                    let command = match option.key.as_str() {
                        k if k.starts_with("hook-") => option.value.strip_prefix("exec:").map(str::to_string),
                        k if k.starts_with("exec-") => Some(option.value.clone()),
                        _ => None,
                    };
                    if let Some(command) = command {
                        out.push((id, option.span.clone(), command));
                    }
                }
            }
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                for service in compose_services(docs) {
                    for key in ["command", "entrypoint"] {
                        if let Some(n) = service.value.get(key) {
                            push(&mut out, id, n);
                        }
                    }
                }
            }
            (Some(FileKind::PackageJson), Doc::Json(_)) => {
                if let Some(package) = ctx.stack.packages.iter().find(|p| p.file == id) {
                    for script in package.scripts.iter().filter(|s| {
                        matches!(
                            s.name.as_str(),
                            "build" | "start" | "prestart" | "vercel-build" | "postbuild" | "prebuild" | "predeploy" | "deploy" | "release"
                        )
                    }) {
                        out.push((id, script.span.clone(), script.body.clone()));
                    }
                }
            }
            (Some(FileKind::Yaml), Doc::Yaml(docs)) => {
                for doc in docs {
                    if !matches!(doc.get("kind").and_then(Node::as_str), Some("Job" | "CronJob" | "Deployment" | "StatefulSet")) {
                        continue;
                    }
                    let spec =
                        doc.at(&["spec", "template", "spec"]).or_else(|| doc.at(&["spec", "jobTemplate", "spec", "template", "spec"]));
                    for containers in ["initContainers", "containers"] {
                        for c in spec.and_then(|s| s.get(containers)).map(Node::items).unwrap_or_default() {
                            let words: Vec<String> = ["command", "args"]
                                .iter()
                                .flat_map(|k| c.get(k).map(|n| n.one_or_many()).unwrap_or_default())
                                .filter_map(Node::scalar)
                                .collect();
                            if !words.is_empty() {
                                out.push((id, c.span.clone(), shell_join(&words)));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// `["sh", "-c", "a && b"]` runs `a && b`; other exec forms are their words.
fn shell_join(words: &[String]) -> String {
    match words {
        [sh, flag, script, ..] if (sh.ends_with("sh") || sh.ends_with("bash")) && flag == "-c" => script.clone(),
        _ => words.join(" "),
    }
}

fn exec_form(args: &str) -> String {
    let trimmed = args.trim();
    if trimmed.starts_with('[')
        && let Ok(crate::parse::Doc::Json(node)) = crate::parse::parse_text("x.json", crate::walk::Format::Json, trimmed)
    {
        let words: Vec<String> = node.items().iter().filter_map(Node::scalar).collect();
        return shell_join(&words);
    }
    trimmed.to_string()
}

/// Inputs an outsider controls; interpolated into a `run:` they can inject shell.
const UNTRUSTED_CONTEXTS: &[&str] = &[
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.discussion.title",
    "github.event.discussion.body",
    "github.event.head_commit.message",
    "github.event.head_commit.author.email",
    "github.event.head_commit.author.name",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.head_ref",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_commit.message",
];

fn github_hygiene(repo: &Repo, ci: &Ci, inv: &mut Inventory) {
    let gha: Vec<&Pipeline> = ci.pipelines.iter().filter(|p| p.provider == "github-actions").collect();
    let workflows: Vec<(FileId, &Node)> = repo
        .of_kind(FileKind::GithubWorkflow)
        .filter_map(|(id, f)| match f.doc() {
            Doc::Yaml(docs) => docs.first().map(|d| (id, d)),
            _ => None,
        })
        .collect();
    if gha.is_empty() {
        for key in ["ci.pinned_actions", "ci.permissions_restricted", "ci.job_timeouts"] {
            inv.insert(key, Fact::null());
        }
        inv.insert("ci.script_injection", Fact::null());
        inv.insert("ci.dangerous_triggers", Fact::null());
        return;
    }

    // Pinning: every third-party action (and reusable workflow) to a full commit SHA.
    let mut pinned = Vec::new();
    let mut unpinned = Vec::new();
    for (id, doc) in &workflows {
        let mut uses: Vec<&Node> = Vec::new();
        for job in doc.get("jobs").map(Node::entries).unwrap_or_default() {
            uses.extend(job.value.get("uses"));
            for step in job.value.get("steps").map(Node::items).unwrap_or_default() {
                uses.extend(step.get("uses"));
            }
        }
        for node in uses {
            let Some(text) = node.as_str() else { continue };
            if text.starts_with("./") {
                continue;
            }
            let owner = text.split('/').next().unwrap_or("").to_ascii_lowercase();
            if !text.starts_with("docker://") && matches!(owner.as_str(), "actions" | "github") {
                continue;
            }
            let reference = text.rsplit_once('@').map(|(_, r)| r);
            let is_pinned = if let Some(image) = text.strip_prefix("docker://") {
                image.contains("@sha256:")
            } else {
                reference.is_some_and(|r| r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit()))
            };
            let ev = Evidence::at(*id, &node.span);
            if is_pinned {
                pinned.push(ev);
            } else {
                unpinned.push(Discarded { evidence: ev, reason: format!("`{text}` is pinned to a tag or branch, not a commit SHA") });
            }
        }
    }
    inv.insert("ci.pinned_actions", Fact::bool(unpinned.is_empty(), pinned).discarded(unpinned));

    // Permissions: at workflow level, or on every job.
    let mut restricted = Vec::new();
    let mut open = Vec::new();
    for pipeline in &gha {
        let ok = pipeline.permissions || (!pipeline.jobs.is_empty() && pipeline.jobs.iter().all(|j| j.permissions));
        if ok {
            restricted.push(Evidence::file(pipeline.file));
        } else {
            open.push(Discarded {
                evidence: Evidence::file(pipeline.file),
                reason: "no `permissions:` at workflow level or on every job: the token gets the repository's default permissions".into(),
            });
        }
    }
    inv.insert("ci.permissions_restricted", Fact::bool(open.is_empty(), restricted).discarded(open));

    // Timeouts: GitHub's default is 6 hours.
    let mut without = Vec::new();
    let mut with = Vec::new();
    for pipeline in &gha {
        for job in pipeline.jobs.iter().filter(|j| j.unreachable.is_none() && !j.steps.is_empty()) {
            let ev = Evidence::at(pipeline.file, &job.span);
            if job.timeout {
                with.push(ev);
            } else {
                without.push(Discarded { evidence: ev, reason: format!("job `{}` has no `timeout-minutes` (default: 360)", job.id) });
            }
        }
    }
    inv.insert("ci.job_timeouts", Fact::bool(without.is_empty(), with).discarded(without));

    // Script injection: untrusted event fields interpolated into shell.
    let mut injection = ListFact::default();
    for (id, doc) in &workflows {
        let text = repo.file(*id).text().unwrap_or("");
        for job in doc.get("jobs").map(Node::entries).unwrap_or_default() {
            for step in job.value.get("steps").map(Node::items).unwrap_or_default() {
                let mut scripts: Vec<&Node> = step.get("run").into_iter().collect();
                if let Some(with) = step.get("with") {
                    scripts.extend(with.get("script"));
                }
                for run in scripts {
                    let raw = text.get(run.span.start as usize..run.span.end as usize).unwrap_or("");
                    let mut at = 0;
                    while let Some(open) = raw[at..].find("${{") {
                        let start = at + open;
                        let Some(close) = raw[start..].find("}}") else { break };
                        let expression = raw[start + 3..start + close].trim().to_ascii_lowercase();
                        if let Some(ctx) = UNTRUSTED_CONTEXTS.iter().find(|c| expression.contains(*c)) {
                            let offset = run.span.start + start as u32;
                            injection.add(*ctx, Evidence::at(*id, &(offset..offset + close as u32 + 2)));
                        }
                        at = start + close + 2;
                    }
                }
            }
        }
    }
    inv.insert("ci.script_injection", injection.fact().searched(&["`run:` scripts of GitHub workflows"]));

    // pull_request_target / workflow_run workflows that check out the pull request's code.
    let mut dangerous = ListFact::default();
    for pipeline in &gha {
        for trigger in pipeline.triggers.iter().filter(|t| matches!(t.as_str(), "pull_request_target" | "workflow_run")) {
            let Some((_, doc)) = workflows.iter().find(|(id, _)| *id == pipeline.file) else { continue };
            for job in doc.get("jobs").map(Node::entries).unwrap_or_default() {
                // A `workflow_run` job that never runs for pull requests, or only for the
                // repository's own branches, checks out trusted code.
                let condition =
                    job.value.get("if").and_then(Node::scalar).unwrap_or_default().to_ascii_lowercase().replace(['"', '\''], "'");
                let condition: String = condition.split_whitespace().collect::<Vec<_>>().join(" ");
                let trusted_only = trigger == "workflow_run"
                    && (condition.contains("github.event.workflow_run.event != 'pull_request'")
                        || condition.contains("github.event.workflow_run.event == 'push'")
                        || condition.contains("github.event.workflow_run.head_repository.full_name == github.repository"));
                if trusted_only {
                    continue;
                }
                for step in job.value.get("steps").map(Node::items).unwrap_or_default() {
                    let is_checkout = step.get("uses").and_then(Node::as_str).is_some_and(|u| u.starts_with("actions/checkout"));
                    let reference = step.at(&["with", "ref"]).and_then(Node::as_str).unwrap_or("").to_ascii_lowercase();
                    if is_checkout
                        && (reference.contains("pull_request.head")
                            || reference.contains("head_ref")
                            || reference.contains("refs/pull")
                            || reference.contains("workflow_run.head"))
                    {
                        dangerous.add(trigger.clone(), Evidence::at(pipeline.file, &step.span));
                    }
                }
            }
        }
    }
    inv.insert("ci.dangerous_triggers", dangerous.fact().searched(&["pull_request_target and workflow_run workflows"]));
}

fn install_fact(ci: &Ci, inv: &mut Inventory) {
    let mut frozen = Vec::new();
    let mut loose = Vec::new();
    for (_, job) in ci.reachable_jobs() {
        for (_, f) in job.effective() {
            if let Activity::Install { frozen: is_frozen } = f.activity {
                if is_frozen {
                    frozen.push(f.evidence[0].clone());
                } else {
                    loose.push(Discarded {
                        evidence: f.evidence[0].clone(),
                        reason: "installs without enforcing the lockfile (use `npm ci`, `--frozen-lockfile` or `--immutable`)".into(),
                    });
                }
            }
        }
    }
    let fact = if frozen.is_empty() && loose.is_empty() { Fact::null() } else { Fact::bool(loose.is_empty(), frozen).discarded(loose) };
    inv.insert("ci.frozen_install", fact);
}
