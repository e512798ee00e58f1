//! GitLab CI, and the other YAML-configured providers read generically.

use super::commands::{Context, classify};
use super::github::branch_env;
use super::model::{Job, Pipeline, Step};
use crate::parse::{FileId, Node};

/// Top-level `.gitlab-ci.yml` keys that are not jobs.
const GITLAB_RESERVED: &[&str] =
    &["stages", "variables", "default", "include", "workflow", "image", "services", "before_script", "after_script", "cache"];

pub fn gitlab(file: FileId, doc: &Node, ctx: Context<'_>) -> Pipeline {
    let stages: Vec<String> = doc
        .get("stages")
        .map(|s| s.items().iter().filter_map(|n| n.as_str().map(str::to_string)).collect())
        .unwrap_or_else(|| ["build", "test", "deploy"].map(String::from).to_vec());
    let stage_of = |name: &str| match name {
        ".pre" => 0,
        ".post" => stages.len() + 1,
        _ => stages.iter().position(|s| s == name).map_or(0, |i| i + 1),
    };
    let default_before = doc.at(&["default", "before_script"]).or_else(|| doc.get("before_script"));
    let jobs = doc
        .entries()
        .iter()
        .filter(|e| !GITLAB_RESERVED.contains(&e.key.as_str()) && !e.key.starts_with('.') && e.value.is_map())
        .map(|entry| {
            let job = &entry.value;
            let ctx = Context { deploy_host: job.get("environment").is_some(), ..ctx };
            let mut steps = Vec::new();
            let before = job.get("before_script").or(default_before);
            for section in [before, job.get("script"), job.get("after_script")].into_iter().flatten() {
                for line in section.one_or_many() {
                    if let Some(script) = line.as_str() {
                        steps.push(Step {
                            branch: None,
                            span: line.span.clone(),
                            uses: None,
                            unreachable: None,
                            on_failure: false,
                            activities: classify(script, file, &line.span, ctx),
                        });
                    }
                }
            }
            let never = job.get("when").and_then(Node::as_str) == Some("never")
                || job.get("rules").is_some_and(|r| {
                    !r.items().is_empty() && r.items().iter().all(|rule| rule.get("when").and_then(Node::as_str) == Some("never"))
                });
            let environment = job.get("environment").map(|env| {
                let name = env.get("name").unwrap_or(env);
                let text = name.scalar().unwrap_or_default().to_ascii_lowercase();
                // `review/$CI_COMMIT_REF_SLUG` is a review app: a preview environment.
                let head = text.split(['/', '$']).next().unwrap_or("").trim().to_string();
                let head = if head == "review" { "preview".to_string() } else { head };
                (if head.is_empty() { Vec::new() } else { vec![head] }, name.span.clone())
            });
            let only: Vec<String> = job
                .get("only")
                .map(|o| o.get("refs").unwrap_or(o).one_or_many().iter().filter_map(|n| n.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            Job {
                id: entry.key.clone(),
                span: entry.key_span.clone(),
                unreachable: never.then(|| "it is configured `when: never`".to_string()),
                environment,
                branch: branch_env(&only).and(only.first().cloned()),
                needs: job
                    .get("needs")
                    .map(|n| {
                        n.one_or_many()
                            .iter()
                            .filter_map(|x| x.as_str().or_else(|| x.get("job").and_then(Node::as_str)).map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                // `needs:` (even empty) replaces stage ordering: the job starts when its needs are met.
                stage: if job.get("needs").is_some() { 0 } else { stage_of(job.get("stage").and_then(Node::as_str).unwrap_or("test")) },
                steps,
                calls: None,
                on_failure: job.get("when").and_then(Node::as_str) == Some("on_failure"),
                timeout: job.get("timeout").is_some(),
                concurrency: job.get("resource_group").is_some(),
                permissions: true,
            }
        })
        .collect();
    Pipeline { provider: "gitlab-ci", file, triggers: Vec::new(), jobs, permissions: true, concurrency: false, trigger_env: None }
}

/// Keys under which these providers keep shell commands.
const COMMAND_KEYS: &[&str] = &[
    "run",
    "script",
    "command",
    "commands",
    "cmd",
    "inlineScript",
    "bash",
    "powershell",
    "pwsh",
    "before_script",
    "after_script",
    "install",
    "before_install",
];

/// CircleCI, Azure Pipelines, Bitbucket Pipelines, Travis, Buildkite, Drone: every command in
/// the file is a step of one job; deployment environments where the provider names them.
pub fn generic(provider: &'static str, file: FileId, doc: &Node, ctx: Context<'_>) -> Pipeline {
    let mut steps = Vec::new();
    let mut environment: Option<(Vec<String>, std::ops::Range<u32>)> = None;
    let mut stack = vec![doc];
    while let Some(node) = stack.pop() {
        for entry in node.entries() {
            if COMMAND_KEYS.contains(&entry.key.as_str()) {
                for s in entry.value.strings() {
                    if let Some(script) = s.as_str() {
                        steps.push(Step {
                            branch: None,
                            span: s.span.clone(),
                            uses: None,
                            unreachable: None,
                            on_failure: false,
                            activities: classify(script, file, &s.span, ctx),
                        });
                    }
                }
            } else if matches!(entry.key.as_str(), "deployment" | "environment")
                && let Some(name) = entry.value.get("name").unwrap_or(&entry.value).as_str()
            {
                let names = &mut environment.get_or_insert_with(|| (Vec::new(), entry.value.span.clone())).0;
                names.push(name.to_ascii_lowercase());
            } else {
                stack.push(&entry.value);
            }
        }
        for item in node.items() {
            stack.push(item);
        }
    }
    steps.sort_by_key(|s| s.span.start);
    let job = Job {
        id: provider.to_string(),
        span: doc.span.clone(),
        unreachable: None,
        environment,
        branch: None,
        needs: Vec::new(),
        stage: 0,
        steps,
        calls: None,
        on_failure: false,
        timeout: true,
        concurrency: false,
        permissions: true,
    };
    Pipeline { provider, file, triggers: Vec::new(), jobs: vec![job], permissions: true, concurrency: false, trigger_env: None }
}
