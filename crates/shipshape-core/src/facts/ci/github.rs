//! GitHub Actions workflows.

use super::commands::{Activity, Context, Found, classify};
use super::expr::{Condition, Scenario};
use super::model::{Job, Pipeline, Step};
use crate::facts::Evidence;
use crate::parse::{FileId, Node};

/// Read one workflow document.
pub fn pipeline(file: FileId, doc: &Node, ctx: Context<'_>, lighthouse_asserts: bool) -> Pipeline {
    let (triggers, scenarios) = triggers(doc);
    let workflow_dir = doc.at(&["defaults", "run", "working-directory"]).and_then(Node::as_str);
    let mut jobs: Vec<Job> = doc
        .get("jobs")
        .map(Node::entries)
        .unwrap_or_default()
        .iter()
        .map(|entry| {
            let job = &entry.value;
            let condition = job.get("if").and_then(Node::scalar).map(|c| Condition::parse(&c));
            let unreachable = if scenarios.is_empty() {
                Some("the workflow has no trigger".to_string())
            } else {
                condition.as_ref().and_then(|c| never_true(c, &scenarios))
            };
            let job_dir = job.at(&["defaults", "run", "working-directory"]).and_then(Node::as_str).or(workflow_dir);
            let job_ignores_failure = job.get("continue-on-error").and_then(Node::as_bool) == Some(true);
            let self_hosted = job.get("runs-on").is_some_and(|r| r.strings().iter().any(|s| s.as_str() == Some("self-hosted")));
            let ctx = Context { deploy_host: self_hosted || job.get("environment").is_some(), ..ctx };
            let steps = job
                .get("steps")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .map(|s| step(file, s, &scenarios, job_dir, job_ignores_failure, ctx, lighthouse_asserts))
                .collect();
            Job {
                id: entry.key.clone(),
                span: entry.key_span.clone(),
                unreachable,
                environment: job.get("environment").map(environment),
                branch: condition.as_ref().and_then(Condition::branch),
                needs: job
                    .get("needs")
                    .map(|n| n.one_or_many().iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                stage: 0,
                steps,
                calls: job.get("uses").and_then(|u| Some((u.as_str()?.to_string(), u.span.clone()))),
                on_failure: condition.as_ref().is_some_and(Condition::on_failure),
                timeout: job.get("timeout-minutes").is_some(),
                concurrency: job.get("concurrency").is_some(),
                permissions: job.get("permissions").is_some(),
            }
        })
        .collect();
    propagate_unreachable(&mut jobs, doc);
    Pipeline {
        provider: "github-actions",
        file,
        trigger_env: trigger_env(doc, &triggers),
        triggers,
        jobs,
        permissions: doc.get("permissions").is_some(),
        concurrency: doc.get("concurrency").is_some(),
    }
}

fn never_true(condition: &Condition, scenarios: &[Scenario]) -> Option<String> {
    scenarios
        .iter()
        .all(|s| condition.eval(s) == Some(false))
        .then(|| "its `if:` can never be true for the workflow's triggers".to_string())
}

/// A job that needs an unreachable job is unreachable too, unless it runs after failures.
fn propagate_unreachable(jobs: &mut [Job], doc: &Node) {
    loop {
        let dead: Vec<String> = jobs.iter().filter(|j| j.unreachable.is_some()).map(|j| j.id.clone()).collect();
        let mut changed = false;
        for job in jobs.iter_mut().filter(|j| j.unreachable.is_none()) {
            let always = doc.at(&["jobs", &job.id, "if"]).and_then(Node::scalar).is_some_and(|c| Condition::parse(&c).runs_after_failure());
            if let Some(d) = job.needs.iter().find(|n| dead.contains(n)).filter(|_| !always) {
                job.unreachable = Some(format!("it needs job `{d}`, which can never run"));
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Trigger names and the scenarios they give `if:` conditions.
fn triggers(doc: &Node) -> (Vec<String>, Vec<Scenario>) {
    let Some(on) = doc.get("on").or_else(|| doc.get("true")) else { return (Vec::new(), Vec::new()) };
    let mut names = Vec::new();
    let mut scenarios = Vec::new();
    let events: Vec<(String, Option<&Node>)> = if on.is_map() {
        on.entries().iter().map(|e| (e.key.clone(), Some(&e.value))).collect()
    } else {
        on.one_or_many().iter().filter_map(|n| n.as_str()).map(|s| (s.to_string(), None)).collect()
    };
    for (event, config) in events {
        names.push(event.clone());
        let branches: Vec<String> = config
            .and_then(|c| c.get("branches"))
            .map(|b| b.one_or_many().iter().filter_map(|n| n.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let fixed_branches = !branches.is_empty() && branches.iter().all(|b| !b.contains(['*', '?', '[', '!']));
        match event.as_str() {
            "push" if fixed_branches => {
                scenarios.extend(branches.iter().map(|b| Scenario { event_name: event.clone(), git_ref: Some(format!("refs/heads/{b}")) }))
            }
            "push" if config.and_then(|c| c.get("tags")).is_some() && config.and_then(|c| c.get("branches")).is_none() => {
                scenarios.push(Scenario { event_name: event.clone(), git_ref: None })
            }
            "pull_request" => scenarios.push(Scenario { event_name: event.clone(), git_ref: Some("refs/pull/0/merge".into()) }),
            _ => scenarios.push(Scenario { event_name: event.clone(), git_ref: None }),
        }
    }
    (names, scenarios)
}

fn trigger_env(doc: &Node, triggers: &[String]) -> Option<String> {
    if !triggers.is_empty() && triggers.iter().all(|t| matches!(t.as_str(), "pull_request" | "pull_request_target")) {
        return Some("preview".into());
    }
    // A manual run (`workflow_dispatch`) beside a push trigger re-runs the same deploy.
    if triggers.iter().any(|t| t == "push") && triggers.iter().all(|t| t == "push" || t == "workflow_dispatch") {
        let branches: Vec<String> = doc
            .at(&["on", "push", "branches"])
            .map(|b| b.one_or_many().iter().filter_map(|n| n.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        return branch_env(&branches);
    }
    None
}

/// The environment a set of branches implies, when they all agree.
pub fn branch_env(branches: &[String]) -> Option<String> {
    let envs: Vec<&str> = branches
        .iter()
        .map(|b| match b.as_str() {
            "main" | "master" | "production" | "prod" | "release" => "production",
            "staging" | "stage" | "develop" | "dev" | "development" | "preprod" => "staging",
            _ => "",
        })
        .collect();
    let first = *envs.first()?;
    (!first.is_empty() && envs.iter().all(|e| *e == first)).then(|| first.to_string())
}

fn environment(node: &Node) -> (Vec<String>, std::ops::Range<u32>) {
    let name = node.get("name").unwrap_or(node);
    let text = name.scalar().unwrap_or_default();
    let names = if text.contains("${{") {
        // `${{ cond && 'production' || 'staging' }}`: the literals it can take.
        text.split('\'').skip(1).step_by(2).filter(|s| !s.starts_with("refs/") && !s.is_empty()).map(str::to_ascii_lowercase).collect()
    } else if text.is_empty() {
        Vec::new()
    } else {
        vec![text.to_ascii_lowercase()]
    };
    (names, name.span.clone())
}

fn step(
    file: FileId,
    step: &Node,
    scenarios: &[Scenario],
    job_dir: Option<&str>,
    job_ignores_failure: bool,
    ctx: Context<'_>,
    lighthouse_asserts: bool,
) -> Step {
    let condition = step.get("if").and_then(Node::scalar).map(|c| Condition::parse(&c));
    let unreachable = condition.as_ref().and_then(|c| never_true(c, scenarios));
    let dir = step.get("working-directory").and_then(Node::as_str).or(job_dir).unwrap_or(".");
    let dir = crate::facts::join(".", dir);
    let step_ctx = Context { dir: &dir, ..ctx };
    let mut activities = Vec::new();
    if let Some(run) = step.get("run")
        && let Some(script) = run.as_str()
    {
        activities = classify(script, file, &run.span, step_ctx);
    }
    let uses = step.get("uses").and_then(|u| {
        let text = u.as_str()?;
        let (action, reference) = match text.split_once('@') {
            Some((a, r)) => (a.to_string(), Some(r.to_string())),
            None => (text.to_string(), None),
        };
        Some((action, reference, u.span.clone()))
    });
    if let Some((action, _, span)) = &uses {
        let with = step.get("with").unwrap_or(Node::null());
        activities.extend(action_activities(action, with, file, span, step_ctx, lighthouse_asserts));
    }
    if job_ignores_failure || step.get("continue-on-error").and_then(Node::as_bool) == Some(true) {
        for a in &mut activities {
            a.failure_ignored = true;
        }
    }
    Step {
        span: step.span.clone(),
        uses,
        unreachable,
        on_failure: condition.as_ref().is_some_and(Condition::on_failure),
        branch: condition.as_ref().and_then(Condition::branch),
        activities,
    }
}

/// What a `uses:` action does, by its repository.
fn action_activities(
    action: &str,
    with: &Node,
    file: FileId,
    span: &std::ops::Range<u32>,
    ctx: Context<'_>,
    lighthouse_asserts: bool,
) -> Vec<Found> {
    use Activity::*;
    let lower = action.to_ascii_lowercase();
    let repo: String = lower.split('/').take(2).collect::<Vec<_>>().join("/");
    let input = |k: &str| with.get(k).and_then(Node::scalar).unwrap_or_default();
    let mut out: Vec<Activity> = match repo.as_str() {
        "github/codeql-action" => vec![SecurityScan("codeql")],
        "aquasecurity/trivy-action" => vec![SecurityScan("trivy")],
        "snyk/actions" => vec![SecurityScan("snyk")],
        "actions/dependency-review-action" => vec![SecurityScan("dependency-review")],
        "ossf/scorecard-action" => vec![SecurityScan("ossf-scorecard")],
        "anchore/scan-action" => vec![SecurityScan("grype")],
        "bridgecrewio/checkov-action" => vec![SecurityScan("checkov"), IacCheck("checkov")],
        "gitleaks/gitleaks-action" => vec![SecurityScan("gitleaks")],
        "trufflesecurity/trufflehog" => vec![SecurityScan("trufflehog")],
        "returntocorp/semgrep-action" | "semgrep/semgrep-action" => vec![SecurityScan("semgrep")],
        "pypa/gh-action-pip-audit" => vec![SecurityScan("pip-audit")],
        "google/osv-scanner-action" => vec![SecurityScan("osv-scanner")],
        "sonarsource/sonarcloud-github-action" | "sonarsource/sonarqube-scan-action" => vec![SecurityScan("sonarqube")],
        "docker/scout-action" => vec![SecurityScan("docker-scout")],
        "aquasecurity/tfsec-action" => vec![SecurityScan("tfsec"), IacCheck("terraform")],
        "terraform-linters/tflint-action" => vec![IacCheck("terraform")],
        "zizmorcore/zizmor-action" => vec![SecurityScan("zizmor")],
        "golang/govulncheck-action" => vec![SecurityScan("govulncheck")],
        _ if repo.starts_with("zaproxy/action-") => vec![SecurityScan("zap")],
        "docker/build-push-action" => {
            let mut v = vec![Build];
            if input("push") == "true" {
                v.push(Publish);
            }
            v
        }
        "docker/bake-action" => vec![Build],
        "golangci/golangci-lint-action"
        | "github/super-linter"
        | "super-linter/super-linter"
        | "astral-sh/ruff-action"
        | "chartboost/ruff-action"
        | "wearerequired/lint-action"
        | "reviewdog/action-eslint"
        | "hadolint/hadolint-action"
        | "rhysd/actionlint"
        | "ludeeus/action-shellcheck" => vec![Lint],
        "cypress-io/github-action" => vec![Test, Check],
        "treosh/lighthouse-ci-action" => {
            let mut v = vec![Check];
            if !input("budgetPath").is_empty() || lighthouse_asserts {
                v.push(PerfBudget);
            }
            v
        }
        "andresz1/size-limit-action" => vec![PerfBudget],
        "amondnet/vercel-action" => {
            let env = if input("vercel-args").contains("--prod") { "production" } else { "preview" };
            vec![Deploy { target: "vercel", env: Some(env.into()) }]
        }
        "nwtgck/actions-netlify" => {
            let env = if input("production-deploy") == "true" { "production" } else { "preview" };
            vec![Deploy { target: "netlify", env: Some(env.into()) }]
        }
        "superfly/flyctl-actions" if !lower.contains("setup-flyctl") => {
            if input("args").contains("deploy") {
                vec![Deploy { target: "fly", env: None }]
            } else {
                Vec::new()
            }
        }
        "azure/webapps-deploy" | "azure/functions-action" | "azure/static-web-apps-deploy" | "azure/container-apps-deploy-action" => {
            vec![Deploy { target: "azure", env: None }]
        }
        "azure/k8s-deploy" => vec![Deploy { target: "kubernetes", env: None }],
        "google-github-actions/deploy-cloudrun"
        | "google-github-actions/deploy-appengine"
        | "google-github-actions/deploy-cloud-functions" => {
            vec![Deploy { target: "gcloud", env: None }]
        }
        "aws-actions/amazon-ecs-deploy-task-definition" => vec![Deploy { target: "aws", env: None }],
        "appleboy/ssh-action" | "appleboy/scp-action" | "easingthemes/ssh-deploy" => vec![Deploy { target: "ssh", env: None }],
        "cloudflare/wrangler-action" => {
            let command = input("command");
            if command.is_empty() || command.contains("deploy") || command.contains("publish") {
                vec![Deploy { target: "cloudflare-workers", env: None }]
            } else {
                Vec::new()
            }
        }
        "cloudflare/pages-action" => vec![Deploy { target: "cloudflare-pages", env: None }],
        "firebaseextended/action-hosting-deploy" => {
            let env = if input("channelId") == "live" { "production" } else { "preview" };
            vec![Deploy { target: "firebase", env: Some(env.into()) }]
        }
        "jamesives/github-pages-deploy-action" | "peaceiris/actions-gh-pages" | "actions/deploy-pages" => {
            vec![Deploy { target: "github-pages", env: None }]
        }
        "johnbeynon/render-deploy-action" | "bounceapp/render-action" => vec![Deploy { target: "render", env: None }],
        "akhileshns/heroku-deploy" => vec![Deploy { target: "heroku", env: None }],
        "dokku/github-action" => vec![Deploy { target: "dokku", env: None }],
        _ => Vec::new(),
    };
    out.dedup();
    let mut found: Vec<Found> =
        out.into_iter().map(|activity| Found { activity, evidence: vec![Evidence::at(file, span)], failure_ignored: false }).collect();
    // Actions that run pre-commit hooks run what `pre-commit run` would.
    if matches!(repo.as_str(), "pre-commit/action" | "j178/prek-action") {
        found.extend(classify("pre-commit run --all-files", file, span, ctx));
    }
    // Actions that run a script given as input (`appleboy/ssh-action` `script:`).
    for key in ["script", "run", "command"] {
        if let Some(node) = with.get(key)
            && let Some(script) = node.as_str()
            && repo != "cloudflare/wrangler-action"
        {
            found.extend(classify(script, file, &node.span, ctx).into_iter().filter(|f| !matches!(f.activity, Activity::Deploy { .. })));
        }
    }
    found
}
