//! `deploy.*` and `health.platform_wired`: platforms, regions, containers, orchestration.

use std::collections::{BTreeSet, HashSet};

use super::ci::Ci;
use super::stack::Stack;
use super::{Discarded, Evidence, Fact, Inventory, ListFact, compose_services, dir_of, join, render_services};
use crate::parse::dockerfile::{Dockerfile, Stage};
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

/// A Kubernetes object found in a YAML file or Helm template.
pub struct K8sObject<'r> {
    pub file: FileId,
    pub kind: &'r str,
    pub doc: &'r Node,
}

impl K8sObject<'_> {
    fn name(&self) -> String {
        self.doc.at(&["metadata", "name"]).and_then(Node::scalar).unwrap_or_else(|| "(unnamed)".into())
    }

    fn pod_spec(&self) -> Option<&Node> {
        self.doc.at(&["spec", "template", "spec"]).or_else(|| self.doc.at(&["spec", "jobTemplate", "spec", "template", "spec"]))
    }

    fn containers(&self) -> Vec<&Node> {
        self.pod_spec()
            .map(|s| ["containers", "initContainers"].iter().flat_map(|k| s.get(k).map(Node::items).unwrap_or_default()).collect())
            .unwrap_or_default()
    }
}

pub fn k8s_objects(repo: &Repo) -> Vec<K8sObject<'_>> {
    let mut out = Vec::new();
    for (id, file) in repo.of_kind(FileKind::Yaml) {
        let Doc::Yaml(docs) = file.doc() else { continue };
        for doc in docs {
            if let (Some(_), Some(kind)) = (doc.get("apiVersion").and_then(Node::as_str), doc.get("kind").and_then(Node::as_str)) {
                out.push(K8sObject { file: id, kind, doc });
            }
        }
    }
    out
}

const WORKLOADS: &[&str] = &["Deployment", "StatefulSet", "DaemonSet"];

/// Platforms in `deploy.platforms` that run the app as functions, one short-lived instance per
/// request: what holds a database connection there does not pool it.
pub const SERVERLESS_PLATFORMS: &[&str] = &["vercel", "netlify", "cloudflare-workers", "serverless-framework", "aws-amplify"];

pub fn extract(repo: &Repo, _stack: &Stack, ci: &Ci, inv: &mut Inventory) {
    let k8s = k8s_objects(repo);
    let platforms = platforms(repo, ci, &k8s);
    let names: BTreeSet<String> = platforms.names().map(str::to_string).collect();
    inv.insert(
        "deploy.platforms",
        platforms.fact().searched(&[
            "vercel.json",
            "netlify.toml",
            "render.yaml",
            "fly.toml",
            "railway.json",
            "Procfile",
            "Dockerfile",
            "compose files",
            "Kubernetes manifests",
            "Chart.yaml",
            "supabase/config.toml",
            "firebase.json",
            "wrangler.toml",
            "serverless.yml",
            "CI deploy steps",
        ]),
    );
    regions(repo, &names, inv);
    docker(repo, inv);
    kubernetes(&k8s, inv);
    autoscaling(repo, &names, &k8s, inv);
    resource_limits(repo, &k8s, inv);
    unpinned_images(repo, &k8s, inv);
    health_wiring(repo, &k8s, inv);
}

fn platforms(repo: &Repo, ci: &Ci, k8s: &[K8sObject<'_>]) -> ListFact {
    let mut out = ListFact::default();
    for (id, file) in repo.of_kinds(&[
        FileKind::VercelJson,
        FileKind::NetlifyToml,
        FileKind::RenderYaml,
        FileKind::FlyToml,
        FileKind::RailwayJson,
        FileKind::RailwayToml,
        FileKind::Procfile,
        FileKind::AppJson,
        FileKind::NixpacksToml,
        FileKind::Dockerfile,
        FileKind::Compose,
        FileKind::ChartYaml,
        FileKind::SupabaseConfig,
        FileKind::FirebaseJson,
        FileKind::WranglerToml,
        FileKind::WranglerJson,
        FileKind::AmplifyYaml,
        FileKind::ServerlessYaml,
        FileKind::StaticWebAppConfig,
        FileKind::Yaml,
    ]) {
        let platform = match (file.kind, file.doc()) {
            (Some(FileKind::VercelJson), _) => "vercel",
            (Some(FileKind::NetlifyToml), _) => "netlify",
            (Some(FileKind::RenderYaml), _) => "render",
            (Some(FileKind::FlyToml), _) => "fly",
            (Some(FileKind::RailwayJson | FileKind::RailwayToml), _) => "railway",
            (Some(FileKind::Procfile), _) => "heroku",
            (Some(FileKind::AppJson), Doc::Json(root))
                if ["buildpacks", "formation", "addons", "stack", "environments"].iter().any(|k| root.get(k).is_some()) =>
            {
                "heroku"
            }
            (Some(FileKind::NixpacksToml), _) => "nixpacks",
            (Some(FileKind::Dockerfile), _) => "docker",
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                let swarm = compose_services(docs).any(|s| {
                    s.value
                        .get("deploy")
                        .is_some_and(|d| d.get("placement").is_some() || d.get("update_config").is_some() || d.get("mode").is_some())
                });
                if swarm {
                    out.add("docker-swarm", Evidence::file(id));
                }
                "docker-compose"
            }
            (Some(FileKind::ChartYaml), _) => "helm",
            (Some(FileKind::SupabaseConfig), _) => "supabase",
            (Some(FileKind::FirebaseJson), _) => "firebase",
            (Some(FileKind::WranglerToml | FileKind::WranglerJson), _) => "cloudflare-workers",
            (Some(FileKind::AmplifyYaml), _) => "aws-amplify",
            (Some(FileKind::ServerlessYaml), _) => "serverless-framework",
            (Some(FileKind::StaticWebAppConfig), _) => "azure-static-web-apps",
            (Some(FileKind::Yaml), Doc::Yaml(docs))
                if file.path.rsplit('/').next().is_some_and(|n| n == "app.yaml" || n == "app.yml")
                    && docs.first().and_then(|d| d.get("runtime")).is_some() =>
            {
                "app-engine"
            }
            _ => continue,
        };
        out.add(platform, Evidence::file(id));
    }
    if let Some(first) = k8s.iter().find(|o| WORKLOADS.contains(&o.kind) || matches!(o.kind, "Service" | "Ingress" | "Job" | "CronJob")) {
        out.add("kubernetes", Evidence::at(first.file, &first.doc.span));
    }
    for (target, found) in ci.deploy_targets() {
        let platform = match target {
            "ssh" | "ansible" | "argocd" => continue,
            "helm" => "helm",
            other => other,
        };
        if !out.contains(platform) {
            out.add(platform, found.evidence[0].clone());
        }
    }
    out
}

fn regions(repo: &Repo, platforms: &BTreeSet<String>, inv: &mut Inventory) {
    let mut serving = ListFact::default();
    // Multi-region means one service served from several regions, not two services in one each.
    let mut multi: Vec<Evidence> = Vec::new();
    for (id, file) in
        repo.of_kinds(&[FileKind::VercelJson, FileKind::FlyToml, FileKind::RenderYaml, FileKind::RailwayJson, FileKind::RailwayToml])
    {
        let mut in_file: BTreeSet<String> = BTreeSet::new();
        let mut add = |node: &Node| {
            for r in node.one_or_many() {
                if let Some(name) = r.as_str() {
                    in_file.insert(name.to_ascii_lowercase());
                    serving.add(name.to_ascii_lowercase(), Evidence::at(id, &r.span));
                }
            }
        };
        match (file.kind, file.doc()) {
            (Some(FileKind::VercelJson), Doc::Json(root)) => {
                root.get("regions").into_iter().for_each(&mut add);
                for f in root.get("functions").map(Node::entries).unwrap_or_default() {
                    f.value.get("regions").into_iter().for_each(&mut add);
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => root.get("primary_region").into_iter().for_each(&mut add),
            (Some(FileKind::RenderYaml), Doc::Yaml(docs)) => {
                for service in render_services(docs) {
                    if service.get("type").and_then(Node::as_str).is_none_or(|t| matches!(t, "web" | "pserv" | "worker")) {
                        service.get("region").into_iter().for_each(&mut add);
                    }
                }
            }
            (Some(FileKind::RailwayJson | FileKind::RailwayToml), Doc::Json(root) | Doc::Toml(root)) => {
                root.at(&["deploy", "region"]).into_iter().for_each(&mut add);
                for r in root.at(&["deploy", "multiRegionConfig"]).map(Node::entries).unwrap_or_default() {
                    in_file.insert(r.key.to_ascii_lowercase());
                    serving.add(r.key.to_ascii_lowercase(), Evidence::at(id, &r.key_span));
                }
            }
            _ => {}
        }
        if in_file.len() > 1 {
            multi.push(Evidence::file(id));
        }
    }
    let regional = ["vercel", "fly", "render", "railway"].iter().any(|p| platforms.contains(*p));
    if !regional && serving.is_empty() {
        inv.insert("deploy.regions", Fact::null());
        inv.insert("deploy.multi_region", Fact::bool(false, Vec::new()).searched(&["platform region settings"]));
        return;
    }
    let fact = serving.fact().searched(&["vercel.json regions", "fly.toml primary_region", "render.yaml region", "railway deploy.region"]);
    inv.insert("deploy.regions", fact);
    inv.insert(
        "deploy.multi_region",
        Fact::bool(!multi.is_empty(), multi).searched(&["one platform configuration serving from several regions"]),
    );
}

/// The effective instructions of a stage: its own, after those of the stage it builds on.
fn stage_chain(stages: &[Stage], index: usize) -> Vec<&Stage> {
    let mut chain = vec![&stages[index]];
    let mut current = index;
    for _ in 0..stages.len() {
        let image = stages[current].image.to_ascii_lowercase();
        match stages[..current].iter().rposition(|s| s.alias.as_deref() == Some(image.as_str())) {
            Some(parent) => {
                chain.push(&stages[parent]);
                current = parent;
            }
            None => break,
        }
    }
    chain
}

fn final_user(df: &Dockerfile) -> (Option<(String, std::ops::Range<u32>)>, String) {
    let stages = df.stages();
    let Some(last) = stages.len().checked_sub(1) else { return (None, String::new()) };
    let chain = stage_chain(&stages, last);
    for stage in &chain {
        if let Some(user) = stage.instructions.iter().rev().find(|i| i.keyword == "USER") {
            return (Some((user.args.clone(), user.span.clone())), String::new());
        }
    }
    let base = chain.last().map(|s| s.image.clone()).unwrap_or_default();
    (None, base)
}

fn is_root_user(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name == "0"
}

fn has_healthcheck(df: &Dockerfile) -> Option<std::ops::Range<u32>> {
    let stages = df.stages();
    let last = stages.len().checked_sub(1)?;
    stage_chain(&stages, last)
        .iter()
        .find_map(|s| s.instructions.iter().rev().find(|i| i.keyword == "HEALTHCHECK"))
        .filter(|i| !i.args.trim().eq_ignore_ascii_case("NONE"))
        .map(|i| i.span.clone())
}

type Dockerfiles<'r> = Vec<(FileId, &'r Dockerfile)>;

fn docker(repo: &Repo, inv: &mut Inventory) {
    let dockerfiles: Dockerfiles<'_> = repo
        .of_kind(FileKind::Dockerfile)
        .filter_map(|(id, f)| match f.doc() {
            Doc::Dockerfile(df) => Some((id, df)),
            _ => None,
        })
        .collect();
    inv.insert(
        "deploy.dockerfiles",
        Fact::int(dockerfiles.len(), dockerfiles.iter().map(|(id, _)| Evidence::file(*id)).collect()).searched(&[
            "Dockerfile",
            "*.Dockerfile",
            "Dockerfile.*",
        ]),
    );

    let compose: Vec<(FileId, &Node)> = repo
        .of_kind(FileKind::Compose)
        .filter_map(|(id, f)| match f.doc() {
            Doc::Yaml(docs) => docs.first().map(|d| (id, d)),
            _ => None,
        })
        .collect();
    let mut compose_list = ListFact::default();
    for (id, _) in &compose {
        compose_list.add(repo.file(*id).path.clone(), Evidence::file(*id));
    }
    inv.insert("deploy.compose_files", compose_list.fact().searched(&["docker-compose*.yml", "compose*.yaml"]));

    // Images for development and tests are not what runs in production: judged apart.
    let (dockerfiles, support): (Dockerfiles<'_>, Dockerfiles<'_>) =
        dockerfiles.into_iter().partition(|(id, _)| !is_support_image(&repo.file(*id).path));
    let support_discards = || -> Vec<Discarded> {
        support.iter().map(|(id, _)| Discarded { evidence: Evidence::file(*id), reason: SUPPORT_IMAGE.into() }).collect()
    };

    // Non-root.
    if dockerfiles.is_empty() {
        inv.insert("deploy.docker_nonroot", Fact::null());
        inv.insert("deploy.dockerignore", Fact::null());
    } else {
        let mut ok = Vec::new();
        let mut root = Vec::new();
        for (id, df) in &dockerfiles {
            match final_user(df) {
                (Some((user, span)), _) if !is_root_user(&user) => ok.push(Evidence::at(*id, &span)),
                (Some((user, span)), _) => root
                    .push(Discarded { evidence: Evidence::at(*id, &span), reason: format!("the final stage switches to `USER {user}`") }),
                (None, base) if base.contains("nonroot") => ok.push(Evidence::file(*id)),
                (None, base) => {
                    let span = df.stages().last().map(|s| s.from.span.clone());
                    let evidence = Evidence { file: *id, span };
                    root.push(Discarded { evidence, reason: format!("no `USER` in the final stage: it runs as root (base `{base}`)") });
                }
            }
        }
        let mut discarded = root.clone();
        discarded.extend(support_discards());
        inv.insert("deploy.docker_nonroot", Fact::bool(root.is_empty(), ok).discarded(discarded));

        let mut ignores = Vec::new();
        let mut missing = Vec::new();
        for (id, _) in &dockerfiles {
            let path = &repo.file(*id).path;
            let candidates = [join(dir_of(path), ".dockerignore"), ".dockerignore".to_string(), format!("{path}.dockerignore")];
            match candidates.iter().find_map(|c| repo.find(c)) {
                Some(found) => ignores.push(Evidence::file(found)),
                None => missing.push(Discarded {
                    evidence: Evidence::file(*id),
                    reason: "no .dockerignore beside it or at the root: the whole context (.git, .env, node_modules) is sent to the build"
                        .into(),
                }),
            }
        }
        inv.insert("deploy.dockerignore", Fact::bool(missing.is_empty(), ignores).discarded(missing));
    }

    // Healthchecks: in the Dockerfile, or on the compose service that builds it.
    let mut built_by_compose: Vec<(String, Option<std::ops::Range<u32>>, FileId)> = Vec::new();
    let mut compose_services = 0;
    let mut with_restart = Vec::new();
    let mut without_restart = Vec::new();
    // Compose files of one directory are overlays of one project (`-f compose.yml -f
    // compose.deploy.yml`): a service restarts if one of them gives it a policy.
    let restarts = |service: &Node| service.get("restart").is_some() || service.at(&["deploy", "restart_policy"]).is_some();
    let restarting: HashSet<(&str, &str)> = compose
        .iter()
        .filter(|(id, _)| !crate::walk::is_development_compose(&repo.file(*id).path))
        .flat_map(|(id, doc)| {
            let dir = dir_of(&repo.file(*id).path);
            doc.get("services")
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter(|s| restarts(&s.value))
                .map(move |s| (dir, s.key.as_str()))
        })
        .collect();
    for (id, doc) in &compose {
        let path = &repo.file(*id).path;
        let dev_only = crate::walk::is_development_compose(path);
        for service in doc.get("services").map(Node::entries).unwrap_or_default() {
            compose_services += 1;
            if !dev_only {
                if restarting.contains(&(dir_of(path), service.key.as_str())) {
                    with_restart.push(Evidence::at(*id, &service.key_span));
                } else {
                    without_restart.push(Discarded {
                        evidence: Evidence::at(*id, &service.key_span),
                        reason: format!("service `{}` has no `restart:` policy", service.key),
                    });
                }
            }
            let Some(build) = service.value.get("build") else { continue };
            let context = build.get("context").and_then(Node::as_str).or_else(|| build.as_str()).unwrap_or(".");
            let dockerfile = build.get("dockerfile").and_then(Node::as_str).unwrap_or("Dockerfile");
            let target = join(&join(dir_of(path), context), dockerfile);
            let healthcheck =
                service.value.get("healthcheck").filter(|h| h.get("disable").and_then(Node::as_bool) != Some(true)).map(|h| h.span.clone());
            built_by_compose.push((target, healthcheck, *id));
        }
    }
    if dockerfiles.is_empty() && built_by_compose.is_empty() {
        inv.insert("deploy.docker_healthcheck", Fact::null());
    } else {
        let mut ok = Vec::new();
        let mut missing = Vec::new();
        for (id, df) in &dockerfiles {
            let path = &repo.file(*id).path;
            if let Some(span) = has_healthcheck(df) {
                ok.push(Evidence::at(*id, &span));
            } else if let Some((_, Some(span), cid)) = built_by_compose.iter().find(|(t, h, _)| t == path && h.is_some()) {
                ok.push(Evidence::at(*cid, span));
            } else {
                missing.push(Discarded {
                    evidence: Evidence::file(*id),
                    reason: "no HEALTHCHECK in the image, nor on a compose service that builds it".into(),
                });
            }
        }
        let value = missing.is_empty();
        missing.extend(support_discards());
        inv.insert("deploy.docker_healthcheck", Fact::bool(value, ok).discarded(missing));
    }
    if compose_services == 0 || (with_restart.is_empty() && without_restart.is_empty()) {
        inv.insert("deploy.compose_restart", Fact::null());
    } else {
        inv.insert("deploy.compose_restart", Fact::bool(without_restart.is_empty(), with_restart).discarded(without_restart));
    }
}

fn kubernetes(k8s: &[K8sObject<'_>], inv: &mut Inventory) {
    inv.insert(
        "deploy.k8s_manifests",
        Fact::int(k8s.len(), k8s.iter().map(|o| Evidence::at(o.file, &o.doc.span)).collect())
            .searched(&["YAML files with apiVersion and kind", "Helm templates"]),
    );
    let workloads: Vec<&K8sObject<'_>> = k8s.iter().filter(|o| matches!(o.kind, "Deployment" | "StatefulSet")).collect();
    if workloads.is_empty() {
        inv.insert("deploy.k8s_probes", Fact::null());
        inv.insert("deploy.k8s_single_replica", Fact::null());
        return;
    }
    let mut ok = Vec::new();
    let mut missing = Vec::new();
    for w in &workloads {
        let containers = w.pod_spec().and_then(|s| s.get("containers")).map(Node::items).unwrap_or_default();
        for c in containers {
            let name = c.get("name").and_then(Node::scalar).unwrap_or_default();
            let absent: Vec<&str> = ["livenessProbe", "readinessProbe"].into_iter().filter(|p| c.get(p).is_none()).collect();
            if absent.is_empty() {
                ok.push(Evidence::at(w.file, &c.span));
            } else {
                missing.push(Discarded {
                    evidence: Evidence::at(w.file, &c.span),
                    reason: format!("{} `{}` container `{name}` has no {}", w.kind, w.name(), absent.join(" or ")),
                });
            }
        }
    }
    inv.insert("deploy.k8s_probes", Fact::bool(missing.is_empty(), ok).discarded(missing));

    let scaled: BTreeSet<String> = k8s
        .iter()
        .filter(|o| matches!(o.kind, "HorizontalPodAutoscaler" | "ScaledObject"))
        .filter_map(|o| o.doc.at(&["spec", "scaleTargetRef", "name"]).and_then(Node::scalar))
        .collect();
    let mut single = ListFact::default();
    for w in &workloads {
        let replicas = w.doc.at(&["spec", "replicas"]);
        let templated = replicas.is_some_and(Node::is_templated) || w.doc.at(&["metadata", "name"]).is_some_and(Node::is_templated);
        let count = replicas.and_then(Node::as_i64).unwrap_or(1);
        if count <= 1 && !templated && !scaled.contains(&w.name()) {
            single.add(w.name(), Evidence::at(w.file, &replicas.unwrap_or(w.doc).span));
        }
    }
    inv.insert(
        "deploy.k8s_single_replica",
        single.fact().searched(&["Deployment and StatefulSet replicas", "HorizontalPodAutoscaler targets"]),
    );
}

fn autoscaling(repo: &Repo, platforms: &BTreeSet<String>, k8s: &[K8sObject<'_>], inv: &mut Inventory) {
    let mut evidence = Vec::new();
    for o in k8s.iter().filter(|o| matches!(o.kind, "HorizontalPodAutoscaler" | "ScaledObject")) {
        evidence.push(Evidence::at(o.file, &o.doc.span));
    }
    for (id, file) in repo.of_kinds(&[
        FileKind::RenderYaml,
        FileKind::FlyToml,
        FileKind::Yaml,
        FileKind::VercelJson,
        FileKind::NetlifyToml,
        FileKind::WranglerToml,
        FileKind::WranglerJson,
        FileKind::ServerlessYaml,
    ]) {
        match (file.kind, file.doc()) {
            (Some(FileKind::RenderYaml), Doc::Yaml(docs)) => {
                for s in render_services(docs) {
                    if let Some(scaling) = s.get("scaling").filter(|sc| {
                        sc.get("maxInstances").and_then(Node::as_i64).unwrap_or(0)
                            > sc.get("minInstances").and_then(Node::as_i64).unwrap_or(1)
                    }) {
                        evidence.push(Evidence::at(id, &scaling.span));
                    }
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => {
                let sections: Vec<&Node> =
                    root.get("http_service").into_iter().chain(root.get("services").map(Node::items).unwrap_or_default()).collect();
                for section in sections {
                    for key in ["auto_start_machines", "auto_stop_machines"] {
                        if let Some(n) = section.get(key).filter(|n| n.as_bool() == Some(true) || n.as_str().is_some_and(|s| s != "off")) {
                            evidence.push(Evidence::at(id, &n.span));
                        }
                    }
                }
            }
            (Some(FileKind::Yaml), Doc::Yaml(docs)) if platforms.contains("app-engine") => {
                if let Some(n) = docs.first().and_then(|d| d.get("automatic_scaling")) {
                    evidence.push(Evidence::at(id, &n.span));
                }
            }
            (
                Some(
                    FileKind::VercelJson
                    | FileKind::NetlifyToml
                    | FileKind::WranglerToml
                    | FileKind::WranglerJson
                    | FileKind::ServerlessYaml,
                ),
                _,
            ) => {
                // Functions on a serverless platform scale with requests.
                evidence.push(Evidence::file(id));
            }
            _ => {}
        }
    }
    let value = !evidence.is_empty();
    inv.insert(
        "deploy.autoscaling",
        Fact::bool(value, evidence).searched(&[
            "HorizontalPodAutoscaler / KEDA",
            "render.yaml scaling",
            "fly.toml auto_start/stop_machines",
            "serverless platform config",
        ]),
    );
}

fn resource_limits(repo: &Repo, k8s: &[K8sObject<'_>], inv: &mut Inventory) {
    let mut evidence = Vec::new();
    for o in k8s {
        for c in o.containers() {
            if let Some(limits) = c.at(&["resources", "limits"]) {
                evidence.push(Evidence::at(o.file, &limits.span));
            }
        }
    }
    for (id, file) in repo.of_kinds(&[FileKind::Compose, FileKind::VercelJson, FileKind::FlyToml]) {
        match (file.kind, file.doc()) {
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                for s in compose_services(docs) {
                    for n in [s.value.at(&["deploy", "resources", "limits"]), s.value.get("mem_limit"), s.value.get("cpus")]
                        .into_iter()
                        .flatten()
                    {
                        evidence.push(Evidence::at(id, &n.span));
                    }
                }
            }
            (Some(FileKind::VercelJson), Doc::Json(root)) => {
                for f in root.get("functions").map(Node::entries).unwrap_or_default() {
                    for n in [f.value.get("memory"), f.value.get("maxDuration")].into_iter().flatten() {
                        evidence.push(Evidence::at(id, &n.span));
                    }
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => {
                for vm in root.get("vm").map(|v| v.one_or_many()).unwrap_or_default() {
                    if vm.get("memory").is_some() || vm.get("size").is_some() || vm.get("cpus").is_some() {
                        evidence.push(Evidence::at(id, &vm.span));
                    }
                }
            }
            _ => {}
        }
    }
    let value = !evidence.is_empty();
    inv.insert(
        "deploy.resource_limits",
        Fact::bool(value, evidence).searched(&[
            "Kubernetes resources.limits",
            "compose deploy.resources.limits / mem_limit",
            "vercel.json functions memory / maxDuration",
            "fly.toml [[vm]]",
        ]),
    );
}

/// The reason given for development and test images in `discarded`.
pub const SUPPORT_IMAGE: &str = "a development or test image (by its name): not judged as a production container";

/// `Dockerfile.dev`, `test.Dockerfile`, `e2e/Dockerfile`, `Dockerfile.playwright`: images for
/// development or tests.
fn is_support_image(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let words: Vec<&str> = name.split(['.', '-', '_']).collect();
    let dir_is_test = lower.split('/').rev().skip(1).any(|d| matches!(d, "test" | "tests" | "e2e" | "cypress" | "playwright"));
    dir_is_test
        || words
            .iter()
            .any(|w| matches!(*w, "dev" | "development" | "test" | "tests" | "e2e" | "playwright" | "cypress" | "ci" | "local" | "debug"))
}

/// `image` without a tag or digest, or tagged `latest`.
fn is_unpinned(image: &str) -> bool {
    if image.contains("${") || image.contains('$') || image.is_empty() || image == "scratch" {
        return false;
    }
    if image.contains('@') {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

fn unpinned_images(repo: &Repo, k8s: &[K8sObject<'_>], inv: &mut Inventory) {
    let mut out = ListFact::default();
    let mut seen_any = false;
    for (id, file) in repo.of_kinds(&[FileKind::Dockerfile, FileKind::Compose]) {
        match (file.kind, file.doc()) {
            (Some(FileKind::Dockerfile), Doc::Dockerfile(df)) => {
                let stages = df.stages();
                for (i, stage) in stages.iter().enumerate() {
                    seen_any = true;
                    let is_stage_ref = stages[..i].iter().any(|s| s.alias.as_deref() == Some(stage.image.to_ascii_lowercase().as_str()));
                    if !is_stage_ref && is_unpinned(&stage.image) {
                        out.add(stage.image.clone(), Evidence::at(id, &stage.from.span));
                    }
                }
            }
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                // A service that builds its image names the tag the build gets: nothing is pulled.
                for s in compose_services(docs).filter(|s| s.value.get("build").is_none()) {
                    if let Some(image) = s.value.get("image") {
                        seen_any = true;
                        if let Some(name) = image.as_str().filter(|n| is_unpinned(n)) {
                            out.add(name, Evidence::at(id, &image.span));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for o in k8s {
        for c in o.containers() {
            if let Some(image) = c.get("image") {
                seen_any = true;
                if let Some(name) = image.as_str().filter(|n| is_unpinned(n) && !image.is_templated()) {
                    out.add(name, Evidence::at(o.file, &image.span));
                }
            }
        }
    }
    inv.insert(
        "deploy.unpinned_images",
        if seen_any { out.fact().searched(&["Dockerfile FROM", "compose image", "Kubernetes container image"]) } else { Fact::null() },
    );
}

fn health_wiring(repo: &Repo, k8s: &[K8sObject<'_>], inv: &mut Inventory) {
    let mut evidence = Vec::new();
    for o in k8s {
        for c in o.containers() {
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let Some(path) = c.at(&[probe, "httpGet", "path"]) {
                    evidence.push(Evidence::at(o.file, &path.span));
                }
            }
        }
    }
    for (id, file) in repo.of_kinds(&[
        FileKind::RenderYaml,
        FileKind::FlyToml,
        FileKind::RailwayJson,
        FileKind::RailwayToml,
        FileKind::Dockerfile,
        FileKind::Compose,
        FileKind::Yaml,
    ]) {
        match (file.kind, file.doc()) {
            (Some(FileKind::RenderYaml), Doc::Yaml(docs)) => {
                for s in render_services(docs) {
                    if let Some(n) = s.get("healthCheckPath") {
                        evidence.push(Evidence::at(id, &n.span));
                    }
                }
            }
            (Some(FileKind::FlyToml), Doc::Toml(root)) => {
                for n in super::fly_http_checks(root) {
                    evidence.push(Evidence::at(id, &n.span));
                }
            }
            (Some(FileKind::RailwayJson | FileKind::RailwayToml), Doc::Json(root) | Doc::Toml(root)) => {
                if let Some(n) = root.at(&["deploy", "healthcheckPath"]) {
                    evidence.push(Evidence::at(id, &n.span));
                }
            }
            (Some(FileKind::Dockerfile), Doc::Dockerfile(df)) => {
                if let Some(span) = has_healthcheck(df) {
                    evidence.push(Evidence::at(id, &span));
                }
            }
            (Some(FileKind::Compose), Doc::Yaml(docs)) => {
                for s in compose_services(docs) {
                    if let Some(test) = s.value.at(&["healthcheck", "test"]) {
                        let text = test.one_or_many().iter().filter_map(|n| n.scalar()).collect::<Vec<_>>().join(" ");
                        if (text.contains("curl") || text.contains("wget")) && text.contains("http") {
                            evidence.push(Evidence::at(id, &test.span));
                        }
                    }
                }
            }
            (Some(FileKind::Yaml), Doc::Yaml(docs)) => {
                for key in ["liveness_check", "readiness_check", "health_check"] {
                    if let Some(n) = docs.first().and_then(|d| d.get(key)).filter(|_| file.path.ends_with("app.yaml")) {
                        evidence.push(Evidence::at(id, &n.span));
                    }
                }
            }
            _ => {}
        }
    }
    let value = !evidence.is_empty();
    inv.insert(
        "health.platform_wired",
        Fact::bool(value, evidence).searched(&[
            "render.yaml healthCheckPath",
            "fly.toml checks",
            "Kubernetes httpGet probes",
            "Dockerfile HEALTHCHECK",
            "compose healthcheck",
            "railway healthcheckPath",
            "app.yaml health checks",
        ]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_pinning() {
        assert!(is_unpinned("node"));
        assert!(is_unpinned("node:latest"));
        assert!(is_unpinned("ghcr.io/org/app"));
        assert!(!is_unpinned("node:20-alpine"));
        assert!(!is_unpinned("localhost:5000/app:1.2"));
        assert!(is_unpinned("localhost:5000/app"));
        assert!(!is_unpinned("node@sha256:abc"));
        assert!(!is_unpinned("${BASE_IMAGE}"));
        assert!(!is_unpinned("scratch"));
    }

    #[test]
    fn support_images() {
        assert!(is_support_image("frontend/Dockerfile.playwright"));
        assert!(is_support_image("Dockerfile.dev"));
        assert!(is_support_image("docker/test.Dockerfile"));
        assert!(is_support_image("e2e/Dockerfile"));
        assert!(!is_support_image("Dockerfile"));
        assert!(!is_support_image("api/Dockerfile.prod"));
        assert!(!is_support_image("devtools/Dockerfile"), "a directory named like a word is not the word");
    }

    #[test]
    fn root_users() {
        assert!(is_root_user("root"));
        assert!(is_root_user("0:0"));
        assert!(!is_root_user("node"));
        assert!(!is_root_user("1001:1001"));
    }
}
