//! What a shell command does: runs tests, lints, deploys, migrates… Scripts are split into
//! simple commands (quotes, `&&`, `||`, `;`, pipes and line continuations respected), wrappers
//! such as `npx` or `poetry run` are peeled off, and package-manager script invocations
//! (`pnpm run check`) are followed into `package.json` script bodies.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crate::facts::stack::{Package, Stack};
use crate::facts::{Evidence, join};
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

/// Something a command does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Activity {
    Test,
    Lint,
    Typecheck,
    Build,
    SecurityScan(&'static str),
    /// Deploys to a running environment, with the environment its flags name, if any.
    Deploy {
        target: &'static str,
        env: Option<String>,
    },
    /// Pushes an image or package to a registry: not a deployment.
    Publish,
    Rollback,
    Migration(&'static str),
    PerfBudget,
    /// Checks a running deployment: an HTTP probe, smoke or e2e tests, Lighthouse, rollout status.
    Check,
    /// Installs the JavaScript dependencies; `frozen` when the lockfile is enforced.
    Install {
        frozen: bool,
    },
    /// Validates infrastructure code: `terraform validate/plan`, `tflint`, `kubeconform`,
    /// `helm lint`, `pulumi preview`, `cdk synth`, policy checks.
    IacCheck(&'static str),
}

/// An activity with where it was found (the CI step, then any scripts it went through).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub activity: Activity,
    pub evidence: Vec<Evidence>,
    /// `cmd || true`: the command runs, but its failure cannot fail the pipeline.
    pub failure_ignored: bool,
}

/// Where a command runs, for following scripts.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub repo: &'a Repo,
    pub stack: &'a Stack,
    /// Working directory, repo-relative.
    pub dir: &'a str,
    /// Whether `.yarnrc.yml` (Yarn 2+, immutable installs by default in CI) exists.
    pub yarn_berry: bool,
    /// The command runs on a deployment host (a self-hosted runner, or a job bound to a
    /// deployment environment): `docker compose up` there is a deploy, not test setup.
    pub deploy_host: bool,
}

impl<'a> Context<'a> {
    pub fn new(repo: &'a Repo, stack: &'a Stack) -> Context<'a> {
        Context { repo, stack, dir: ".", yarn_berry: repo.find(".yarnrc.yml").is_some(), deploy_host: false }
    }
}

const MAX_SCRIPT_DEPTH: usize = 6;

/// Findings of one activity kept per script: evidence enough to cite, without the fan-out of
/// every path through a monorepo's scripts (`pnpm -r run` of `pnpm -r run` …).
const MAX_ALIKE: usize = 16;

/// Classify a script (one or more shell lines) found at `file`/`span`.
pub fn classify(script: &str, file: FileId, span: &Range<u32>, ctx: Context<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    Classifier::default().classify_into(script, &[Evidence::at(file, span)], ctx, 0, &mut out);
    keep_few(&mut out);
    out
}

/// A script another command hands over to: a package script by name, or a file's commands at
/// an offset.
type Key = (FileId, String);

#[derive(Default)]
struct Classifier {
    /// Scripts on the current path: a script that runs itself stops there.
    visiting: Vec<Key>,
    /// What each script was found to do, per working directory and depth, with evidence from
    /// the script on: a script reached by many paths is classified once.
    memo: HashMap<(Key, String, usize), Rc<[Found]>>,
    /// Commands classified: the work, which the tests bound.
    commands: usize,
}

impl Classifier {
    fn classify_into(&mut self, script: &str, evidence: &[Evidence], ctx: Context<'_>, depth: usize, out: &mut Vec<Found>) {
        for command in split(script) {
            self.commands += 1;
            let failure_ignored = command.failure_ignored;
            let words = peel(&command.words);
            for activity in direct(&words, ctx) {
                out.push(Found { activity, evidence: evidence.to_vec(), failure_ignored });
            }
            if depth < MAX_SCRIPT_DEPTH {
                for inner in embedded_commands(&words) {
                    let before = out.len();
                    self.classify_into(&inner, evidence, ctx, depth + 1, out);
                    for found in &mut out[before..] {
                        found.failure_ignored |= failure_ignored;
                    }
                }
                for (file, span, body, dir) in indirections(&unwrap(&command.words), ctx) {
                    let key = (file, format!("@{}", span.start));
                    let at = Evidence::at(file, &span);
                    let found = self.nested(key, &body, at.clone(), Context { dir: &dir, ..ctx }, depth + 1);
                    extend(out, evidence, &found, failure_ignored);
                    // A script named for its tests (`unit-test.sh`, `run-tests.sh`) runs them,
                    // even when its body only loops over test files.
                    let stem = ctx.repo.file(file).path.rsplit('/').next().unwrap_or("").trim_end_matches(".sh").trim_end_matches(".bash");
                    if span.start == 0
                        && stem.split(['-', '_', '.']).any(|w| matches!(w, "test" | "tests" | "spec" | "specs"))
                        && !found.iter().any(|f| f.activity == Activity::Test)
                    {
                        let mut chain = evidence.to_vec();
                        chain.push(at);
                        out.push(Found { activity: Activity::Test, evidence: chain, failure_ignored });
                    }
                }
            }
            let Some(invocation) = script_invocation(&words) else { continue };
            if depth >= MAX_SCRIPT_DEPTH {
                continue;
            }
            for package in packages_for(&invocation, ctx) {
                for name in &invocation.scripts {
                    for phase in [format!("pre{name}"), name.clone(), format!("post{name}")] {
                        let Some(script) = package.script(&phase) else { continue };
                        let at = Evidence::at(package.file, &script.span);
                        let inner = Context { dir: &package.dir, ..ctx };
                        // `npm run typeorm -- migration:run` runs the script's command with the
                        // arguments after `--` appended.
                        let (key, body) = if phase == *name && !invocation.args.is_empty() {
                            let quoted: Vec<String> = invocation.args.iter().map(|a| format!("'{}'", a.replace('\'', ""))).collect();
                            (format!("{phase} {}", quoted.join(" ")), format!("{} {}", script.body, quoted.join(" ")))
                        } else {
                            (phase.clone(), script.body.clone())
                        };
                        let found = self.nested((package.file, key), &body, at.clone(), inner, depth + 1);
                        extend(out, evidence, &found, failure_ignored);
                        // Script names that say what they do, even when the body is opaque.
                        let by_name = match phase.as_str() {
                            "typecheck" | "type-check" | "check-types" | "types:check" | "tsc" => Some(Activity::Typecheck),
                            "build" if !found.iter().any(|f| f.activity == Activity::Build) => Some(Activity::Build),
                            _ => None,
                        };
                        if let Some(activity) = by_name {
                            let mut chain = evidence.to_vec();
                            chain.push(at);
                            out.push(Found { activity, evidence: chain, failure_ignored });
                        }
                    }
                }
            }
        }
    }

    /// What a script does, evidence from `at` on; once per script, directory and depth.
    fn nested(&mut self, key: Key, body: &str, at: Evidence, ctx: Context<'_>, depth: usize) -> Rc<[Found]> {
        let memo_key = (key, ctx.dir.to_string(), depth);
        if let Some(found) = self.memo.get(&memo_key) {
            return Rc::clone(found);
        }
        if self.visiting.contains(&memo_key.0) {
            return Rc::from([]);
        }
        self.visiting.push(memo_key.0.clone());
        let mut found = Vec::new();
        self.classify_into(body, &[at], ctx, depth, &mut found);
        self.visiting.pop();
        keep_few(&mut found);
        let found: Rc<[Found]> = found.into();
        self.memo.insert(memo_key, Rc::clone(&found));
        found
    }
}

/// Append what a nested script does, behind the evidence that led to it.
fn extend(out: &mut Vec<Found>, evidence: &[Evidence], found: &[Found], failure_ignored: bool) {
    out.extend(found.iter().map(|f| Found {
        activity: f.activity.clone(),
        evidence: evidence.iter().chain(&f.evidence).cloned().collect(),
        failure_ignored: f.failure_ignored || failure_ignored,
    }));
}

/// At most [`MAX_ALIKE`] findings per activity (and swallowed or not), the first ones.
fn keep_few(found: &mut Vec<Found>) {
    let mut counts: HashMap<(Activity, bool), usize> = HashMap::new();
    found.retain(|f| {
        let n = counts.entry((f.activity.clone(), f.failure_ignored)).or_default();
        *n += 1;
        *n <= MAX_ALIKE
    });
}

/// A simple command and whether its failure is swallowed.
#[derive(Debug, PartialEq, Eq)]
pub struct Command {
    pub words: Vec<String>,
    pub failure_ignored: bool,
}

/// Split shell text into simple commands.
pub fn split(script: &str) -> Vec<Command> {
    let joined = script.replace("\\\r\n", " ").replace("\\\n", " ");
    let mut commands: Vec<Command> = Vec::new();
    for line in joined.lines() {
        let mut words: Vec<String> = Vec::new();
        let mut pending_or = false;
        let tokens = tokenize(line);
        let flush = |words: &mut Vec<String>, commands: &mut Vec<Command>, after_or: bool| {
            if words.is_empty() {
                return;
            }
            let w = std::mem::take(words);
            let swallows = after_or
                && matches!(w.first().map(String::as_str), Some("true" | ":" | "echo" | "exit" | "printf"))
                && (w[0] != "exit" || w.get(1).is_none_or(|c| c == "0"));
            if swallows {
                if let Some(last) = commands.last_mut() {
                    last.failure_ignored = true;
                }
            } else {
                commands.push(Command { words: w, failure_ignored: false });
            }
        };
        for token in tokens {
            match token {
                Token::Op(op) => {
                    flush(&mut words, &mut commands, pending_or);
                    pending_or = op == "||";
                }
                Token::Word(w) => words.push(w),
            }
        }
        flush(&mut words, &mut commands, pending_or);
    }
    commands
}

enum Token {
    Word(String),
    Op(&'static str),
}

fn tokenize(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    let end_word = |word: &mut String, in_word: &mut bool, tokens: &mut Vec<Token>| {
        if *in_word {
            tokens.push(Token::Word(std::mem::take(word)));
            *in_word = false;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '#' if !in_word => break,
            ' ' | '\t' => end_word(&mut word, &mut in_word, &mut tokens),
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                word.push(n);
                            }
                        }
                        _ => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            '&' | '|' | ';' => {
                end_word(&mut word, &mut in_word, &mut tokens);
                let doubled = chars.peek() == Some(&c);
                if doubled {
                    chars.next();
                }
                tokens.push(Token::Op(match (c, doubled) {
                    ('&', true) => "&&",
                    ('|', true) => "||",
                    ('|', false) => "|",
                    ('&', false) => "&",
                    _ => ";",
                }));
            }
            '(' | ')' if !in_word => end_word(&mut word, &mut in_word, &mut tokens),
            _ => {
                in_word = true;
                word.push(c);
            }
        }
    }
    end_word(&mut word, &mut in_word, &mut tokens);
    tokens
}

fn basename(w: &str) -> &str {
    w.rsplit('/').next().unwrap_or(w)
}

/// Remove what only wraps the real command: env assignments, `sudo`, `npx`, `poetry run`, …
/// The program is named by its base name (`./bin/rails` is `rails`, `gradlew` is `gradle`).
pub fn peel(words: &[String]) -> Vec<String> {
    let mut w = unwrap(words);
    if let Some(first) = w.first_mut() {
        // A package's command-line entry run by its path: `./node_modules/typeorm/cli.js`.
        let base = match first.split("node_modules/").nth(1).and_then(|rest| rest.strip_suffix("/cli.js")) {
            Some(package) => package.rsplit('/').next().unwrap_or(package).to_string(),
            None => basename(first).to_string(),
        };
        *first = match base.as_str() {
            "gradlew" => "gradle".to_string(),
            "mvnw" => "mvn".to_string(),
            "flyctl" => "fly".to_string(),
            "python3" => "python".to_string(),
            _ => base,
        };
    }
    w
}

/// [`peel`] without renaming the program: its path as written (`./bin/docker-entrypoint`), to
/// find the script it is.
fn unwrap(words: &[String]) -> Vec<String> {
    let mut w: Vec<String> = words.to_vec();
    loop {
        let Some(first) = w.first().cloned() else { return w };
        let first_base = basename(&first).to_string();
        let drop = match first_base.as_str() {
            _ if first.contains('=')
                && !first.starts_with('-')
                && first.split('=').next().is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')) =>
            {
                1
            }
            // `sfw` is Socket's package firewall: it runs the command after it.
            "sudo" | "env" | "time" | "exec" | "nohup" | "cross-env" | "dotenv" | "xvfb-run" | "nyc" | "c8" | "npx" | "bunx" | "pnpx"
            | "stdbuf" | "sfw" | "env-cmd" => {
                // Flags of the wrapper itself (`npx --yes`, `dotenv -e .env --`, `env-cmd -f .env --`).
                1 + flags(&w[1..], &["-e", "-c", "-p", "--package", "-f", "--file"])
            }
            // `ts-node [-r module] script.ts args…`, `node [--flags] script.js args…`: a script
            // run by its path is the program (`./node_modules/typeorm/cli.js` is typeorm).
            "ts-node" | "tsx" | "node" | "ts-node-esm" => {
                let at = 1 + flags(&w[1..], &["-r", "--require", "-P", "--project", "--loader", "--import", "-C", "--compiler"]);
                if w.get(at).is_some_and(|script| script.contains("node_modules/") && script.ends_with("/cli.js")) { at } else { 0 }
            }
            // `… | xargs -0 -r -- shellcheck`: the command xargs runs.
            "xargs" => 1 + flags(&w[1..], &["-I", "-n", "-P", "-d", "-L", "-s", "-a", "-E"]),
            "pnpm" | "yarn" | "npm" if matches!(w.get(1).map(String::as_str), Some("exec" | "dlx" | "x")) => {
                if w.get(2).is_some_and(|a| a == "--") { 3 } else { 2 }
            }
            "uv" | "poetry" | "pipenv" | "pdm" | "hatch" | "rye" if w.get(1).is_some_and(|a| a == "run") => 2,
            "bundle" if w.get(1).is_some_and(|a| a == "exec") => 2,
            // `docker compose run [opts] SERVICE CMD…`: the command runs in the container.
            "docker" | "docker-compose" | "podman" | "podman-compose" => container_command_start(&w).unwrap_or(0),
            "python" | "python3" | "py" if w.get(1).is_some_and(|a| a == "-m") => 2,
            // `coverage run [opts] (-m MODULE | SCRIPT) args…` runs the module or script.
            "coverage" if w.get(1).is_some_and(|a| a == "run") => match w.iter().position(|a| a == "-m" || a == "--module") {
                Some(at) => at + 1,
                None => 2 + w[2..].iter().take_while(|a| a.starts_with('-')).count(),
            },
            "--" => 1,
            _ => 0,
        };
        if drop == 0 || drop > w.len() {
            return w;
        }
        w.drain(..drop);
    }
}

/// Index of the command in `docker compose run|exec [opts] SERVICE CMD…` or
/// `docker run|exec [opts] IMAGE CMD…`; `None` when there is no command.
/// How many words the leading flags take: each `-x` or `--x`, with a value after those in
/// `with_value`, up to and including a `--`.
fn flags(words: &[String], with_value: &[&str]) -> usize {
    let mut n = 0;
    while let Some(flag) = words.get(n).filter(|a| a.starts_with('-')) {
        n += if with_value.contains(&flag.as_str()) { 2 } else { 1 };
        if flag == "--" {
            break;
        }
    }
    n
}

fn container_command_start(w: &[String]) -> Option<usize> {
    let mut i = 1;
    let program = w.first()?;
    if (program == "docker" || program == "podman") && w.get(1).is_some_and(|a| a == "compose") {
        i = 2;
    }
    while w.get(i).is_some_and(|a| a.starts_with('-')) {
        // Global compose options with a value: `-f file`, `-p name`, `--profile x`.
        i += if matches!(w[i].as_str(), "-f" | "--file" | "-p" | "--project-name" | "--profile" | "--env-file") { 2 } else { 1 };
    }
    if !matches!(w.get(i).map(String::as_str), Some("run" | "exec")) {
        return None;
    }
    i += 1;
    while let Some(a) = w.get(i).filter(|a| a.starts_with('-')) {
        let takes_value = matches!(
            a.as_str(),
            "-e" | "--env"
                | "-w"
                | "--workdir"
                | "-u"
                | "--user"
                | "-v"
                | "--volume"
                | "--name"
                | "--entrypoint"
                | "-p"
                | "--publish"
                | "-l"
                | "--label"
                | "--network"
                | "--env-file"
        ) && !a.contains('=');
        i += if takes_value { 2 } else { 1 };
    }
    // SERVICE or IMAGE, then the command.
    (i + 1 < w.len()).then_some(i + 1)
}

/// Commands given to a runner as arguments: `start-server-and-test SERVER URL TEST` (each a
/// command, or a package script's name), `concurrently "cmd" "cmd"`.
fn embedded_commands(words: &[String]) -> Vec<String> {
    let Some(program) = words.first() else { return Vec::new() };
    let args = words[1..].iter().filter(|a| !a.starts_with('-'));
    match program.as_str() {
        "start-server-and-test" | "server-test" | "start-test" => args
            .filter(|a| !a.contains("://") && !a.starts_with("http") && !a.starts_with("tcp:") && a.parse::<u16>().is_err())
            .map(|a| if a.contains(char::is_whitespace) { a.clone() } else { format!("npm run {a}") })
            .collect(),
        "concurrently" => args.cloned().collect(),
        _ => Vec::new(),
    }
}

/// Files a command hands over to: a shell script it runs, or the hooks `pre-commit run`
/// executes. Each is (file, span, commands, working directory).
fn indirections(words: &[String], ctx: Context<'_>) -> Vec<(FileId, Range<u32>, String, String)> {
    let mut out = Vec::new();
    let Some(program) = words.first() else { return out };
    let base = basename(program);
    // `bash -e scripts/x.sh`, `sh x.sh`, `./scripts/x.sh`.
    let script = if matches!(base, "bash" | "sh" | "zsh" | "source" | ".") {
        words[1..].iter().find(|a| !a.starts_with('-'))
    } else {
        Some(&words[0]).filter(|p| p.ends_with(".sh"))
    };
    // Or a program run by its path that may be a shell script of the repository without an
    // extension (`./bin/docker-entrypoint`): the lookup below keeps only shell scripts.
    let script = script.or_else(|| Some(program).filter(|p| p.contains('/')));
    if let Some(script) = script.filter(|s| s.ends_with(".sh") || s.ends_with(".bash") || !s.rsplit('/').next().unwrap_or("").contains('.'))
    {
        let rel = script.trim_start_matches("./");
        for candidate in [join(ctx.dir, rel), join(".", rel)] {
            if let Some(id) = ctx.repo.find(&candidate)
                && ctx.repo.file(id).kind == Some(FileKind::Shell)
                && let Some(text) = ctx.repo.file(id).text()
            {
                out.push((id, 0..0, text.to_string(), ctx.dir.to_string()));
                break;
            }
        }
    }
    // `make [-C dir] target…`: the recipes of the targets and of their prerequisites.
    if base == "make" {
        let mut dir = ctx.dir.to_string();
        let mut targets = Vec::new();
        let mut i = 1;
        while i < words.len() {
            match words[i].as_str() {
                "-C" | "--directory" => {
                    dir = join(ctx.dir, words.get(i + 1).map_or(".", String::as_str));
                    i += 1;
                }
                "-f" | "--file" | "-j" | "--jobs" => i += 1,
                w if w.starts_with('-') || w.contains('=') => {}
                w => targets.push(w.to_string()),
            }
            i += 1;
        }
        if let Some(id) = ctx.repo.find(&join(&dir, "Makefile")).or_else(|| ctx.repo.find(&join(&dir, "makefile")))
            && let Some(text) = ctx.repo.file(id).text()
        {
            let makefile = makefile_targets(text);
            let wanted = if targets.is_empty() { makefile.first().map(|t| vec![t.0.clone()]).unwrap_or_default() } else { targets };
            let mut seen = Vec::new();
            for target in wanted {
                make_recipes(&makefile, &target, &mut seen, &mut |span, recipe| out.push((id, span, recipe, dir.clone())));
            }
        }
    }
    // `pre-commit run` / `prek run`: every hook with a command (`entry:`), and well-known ids.
    if matches!(program.as_str(), "pre-commit" | "prek") && words.get(1).is_none_or(|a| a == "run" || a.starts_with('-')) {
        for (id, file) in ctx.repo.of_kind(FileKind::PreCommitConfig) {
            let Doc::Yaml(docs) = file.doc() else { continue };
            for repo_entry in docs.first().and_then(|d| d.get("repos")).map(Node::items).unwrap_or_default() {
                for hook in repo_entry.get("hooks").map(Node::items).unwrap_or_default() {
                    let hook_id = hook.get("id").and_then(Node::as_str).unwrap_or("");
                    let command = match hook.get("entry").and_then(Node::as_str) {
                        Some(entry) => entry.to_string(),
                        // Hooks from a hook repository: their id names the tool.
                        None => hook_id.replace("-check", "").replace("ruff-format", "").to_string(),
                    };
                    if !command.trim().is_empty() {
                        out.push((id, hook.span.clone(), command, ".".to_string()));
                    }
                }
            }
        }
    }
    out
}

/// A Makefile's rules: target, prerequisites, and recipe lines with their spans.
type MakeRule = (String, Vec<String>, Vec<(Range<u32>, String)>);

fn makefile_targets(text: &str) -> Vec<MakeRule> {
    let mut rules: Vec<MakeRule> = Vec::new();
    let mut offset = 0u32;
    // A rule line may name several targets (`a b: deps`); its recipe belongs to each.
    let mut current: Vec<usize> = Vec::new();
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let span = offset..offset + line.len() as u32;
        offset += raw.len() as u32;
        if let Some(recipe) = line.strip_prefix('\t') {
            let recipe = recipe.trim_start_matches(['@', '-', '+']).trim();
            if !recipe.is_empty() && !recipe.starts_with('#') {
                for &i in &current {
                    rules[i].2.push((span.clone(), recipe.to_string()));
                }
            }
            continue;
        }
        current.clear();
        if line.starts_with('#') || line.starts_with(' ') || line.contains(":=") || line.contains("?=") {
            continue;
        }
        if let Some((targets, prereqs)) = line.split_once(':')
            && !prereqs.starts_with('=')
            && !targets.trim().is_empty()
        {
            let prereqs: Vec<String> = prereqs.split(';').next().unwrap_or("").split_whitespace().map(str::to_string).collect();
            for target in targets.split_whitespace().filter(|t| !t.starts_with('.')) {
                rules.push((target.to_string(), prereqs.clone(), Vec::new()));
                current.push(rules.len() - 1);
            }
        }
    }
    rules
}

fn make_recipes(rules: &[MakeRule], target: &str, seen: &mut Vec<String>, emit: &mut impl FnMut(Range<u32>, String)) {
    if seen.iter().any(|s| s == target) || seen.len() > 64 {
        return;
    }
    seen.push(target.to_string());
    for (name, prereqs, recipes) in rules.iter().filter(|r| r.0 == target) {
        let _ = name;
        for prereq in prereqs {
            make_recipes(rules, prereq, seen, emit);
        }
        for (span, recipe) in recipes {
            emit(span.clone(), recipe.clone());
        }
    }
}

/// A package-manager or monorepo-runner call of `package.json` scripts.
#[derive(Debug, PartialEq, Eq)]
pub struct Invocation {
    pub scripts: Vec<String>,
    /// What follows `--`: the package manager appends it to the script's command line.
    pub args: Vec<String>,
    /// Every workspace package (`-r`, `--filter`, turbo, nx…), not only the working directory's.
    pub all_packages: bool,
    pub dir: Option<String>,
}

const NPM_BUILTINS: &[&str] = &[
    "install",
    "i",
    "ci",
    "add",
    "remove",
    "rm",
    "uninstall",
    "update",
    "up",
    "upgrade",
    "exec",
    "dlx",
    "x",
    "publish",
    "audit",
    "outdated",
    "link",
    "unlink",
    "config",
    "init",
    "create",
    "pack",
    "prune",
    "rebuild",
    "why",
    "list",
    "ls",
    "store",
    "import",
    "fetch",
    "dedupe",
    "patch",
    "patch-commit",
    "setup",
    "env",
    "licenses",
    "version",
    "login",
    "logout",
    "whoami",
    "info",
    "view",
    "cache",
    "set",
    "get",
    "bin",
    "root",
    "help",
    "workspaces",
    "workspace",
    "npm",
    "plugin",
    "constraints",
    "dedupe",
    "deploy",
    "approve-builds",
    "self-update",
    "node",
];

fn script_invocation(words: &[String]) -> Option<Invocation> {
    let program = words.first()?.as_str();
    let mut args = Vec::new();
    let mut all_packages = false;
    let mut dir = None;
    let mut positional: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match w {
            "-r" | "--recursive" | "--workspaces" | "-ws" | "--all" => all_packages = true,
            "--filter" | "-F" | "-w" | "--workspace" | "--scope" | "--projects" | "-p" => {
                all_packages = true;
                i += 1;
            }
            "-C" | "--dir" | "--prefix" | "--cwd" => {
                dir = next.map(str::to_string);
                i += 1;
            }
            "-t" | "--target" | "--targets" if matches!(program, "nx") => {
                if let Some(t) = next {
                    positional.extend(t.split(','));
                }
                i += 1;
            }
            _ if w.starts_with("--filter=") || w.starts_with("--workspace=") || w.starts_with("--scope=") => all_packages = true,
            _ if w.starts_with("--target=") || w.starts_with("--targets=") => {
                positional.extend(w.split_once('=').map(|x| x.1).unwrap_or("").split(','))
            }
            _ if w.starts_with("--prefix=") || w.starts_with("--dir=") || w.starts_with("--cwd=") => {
                dir = w.split_once('=').map(|x| x.1.to_string());
            }
            "--" => {
                args = words[i + 1..].to_vec();
                break;
            }
            _ if w.starts_with('-') => {}
            _ => positional.push(w),
        }
        i += 1;
    }
    let scripts: Vec<String> = match program {
        "npm" => match positional.as_slice() {
            ["test" | "t" | "tst", ..] => vec!["test".into()],
            ["start" | "stop" | "restart", ..] => vec![positional[0].into()],
            ["run" | "run-script" | "rum" | "urn", name, ..] => vec![(*name).into()],
            _ => return None,
        },
        "pnpm" | "yarn" | "bun" => {
            let mut pos = positional.as_slice();
            if program == "yarn" && pos.first() == Some(&"workspace") {
                all_packages = true;
                pos = pos.get(2..).unwrap_or_default();
            }
            if program == "yarn" && pos.first() == Some(&"workspaces") {
                all_packages = true;
                pos = pos.iter().position(|p| *p == "run").map_or(&[][..], |at| &pos[at..]);
            }
            match pos {
                ["run", name, ..] => vec![(*name).into()],
                ["test", ..] if program == "bun" => return None,
                [name, ..] if !(NPM_BUILTINS.contains(name) || program == "bun" && name.contains('.')) => vec![(*name).into()],
                _ => return None,
            }
        }
        "turbo" => {
            all_packages = true;
            positional.iter().filter(|p| **p != "run").map(|p| p.to_string()).collect()
        }
        "nx" => {
            all_packages = true;
            match positional.as_slice() {
                ["run", target, ..] => vec![target.rsplit(':').next().unwrap_or(target).to_string()],
                ["run-many" | "affected", rest @ ..] => rest.iter().map(|t| t.to_string()).collect(),
                [target, ..] if target.contains(':') => vec![target.rsplit(':').next().unwrap_or(target).to_string()],
                _ => return None,
            }
        }
        "lerna" => {
            all_packages = true;
            match positional.as_slice() {
                ["run", name, ..] => vec![(*name).into()],
                _ => return None,
            }
        }
        _ => return None,
    };
    (!scripts.is_empty()).then_some(Invocation { scripts, args, all_packages, dir })
}

fn packages_for<'a>(invocation: &Invocation, ctx: Context<'a>) -> Vec<&'a Package> {
    let packages = &ctx.stack.packages;
    if invocation.all_packages {
        return packages.iter().collect();
    }
    let dir = invocation.dir.as_deref().map_or_else(|| ctx.dir.to_string(), |d| crate::facts::join(ctx.dir, d));
    match ctx.stack.package_in(&dir).or_else(|| ctx.stack.package_in(".")) {
        Some(p) => vec![p],
        None => Vec::new(),
    }
}

/// Whether `next build` in the working directory type-checks: it has a tsconfig.json, and no
/// next.config mentions `ignoreBuildErrors` (a mention is taken to switch it off).
fn next_typechecks(ctx: Context<'_>) -> bool {
    let at = |name: &str| join(ctx.dir, name);
    ctx.repo.find(&at("tsconfig.json")).is_some()
        && ["next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts"]
            .iter()
            .filter_map(|n| ctx.repo.find(&at(n)))
            .all(|id| !ctx.repo.file(id).text().unwrap_or("").contains("ignoreBuildErrors"))
}

/// Whether the fly.toml a `fly deploy` reads defines health checks (`[checks]`,
/// `[[http_service.checks]]`, `[[services.http_checks]]`, `[[services.tcp_checks]]`): the one
/// `--config`/`-c` names, else the working directory's, else (not known which) any.
fn fly_health_checks(args: &[String], ctx: Context<'_>) -> bool {
    let has_checks = |file: &crate::parse::RepoFile| match file.doc() {
        Doc::Toml(root) => {
            crate::facts::fly_http_checks(root).next().is_some()
                || root.get("services").map(Node::items).unwrap_or_default().iter().any(|s| s.get("tcp_checks").is_some())
        }
        _ => false,
    };
    let named = args.iter().enumerate().find_map(|(i, a)| match a.as_str() {
        "--config" | "-c" => args.get(i + 1).cloned(),
        _ => a.strip_prefix("--config=").map(str::to_string),
    });
    let local = join(ctx.dir, "fly.toml");
    match named.map(|n| join(ctx.dir, &n)).or_else(|| ctx.repo.find(&local).map(|_| local)) {
        Some(path) => ctx.repo.find(&path).is_some_and(|id| has_checks(ctx.repo.file(id))),
        None => ctx.repo.of_kind(FileKind::FlyToml).any(|(_, file)| has_checks(file)),
    }
}

fn has(args: &[String], flag: &str) -> bool {
    args.iter().any(|a| a == flag || a.starts_with(&format!("{flag}=")))
}

fn arg(args: &[String], i: usize) -> &str {
    args.get(i).map_or("", String::as_str)
}

/// The environment a deploy command's arguments name: `--prod`, `-n staging`, `my-app-staging`.
fn env_hint(args: &[String]) -> Option<String> {
    if has(args, "--prod") || has(args, "--production") {
        return Some("production".into());
    }
    for a in args {
        let value = a.split_once('=').map_or(a.as_str(), |(_, v)| v).to_ascii_lowercase();
        for (needle, env) in [
            ("staging", "staging"),
            ("production", "production"),
            ("preview", "preview"),
            ("prod", "production"),
            ("stage", "staging"),
            ("uat", "uat"),
            ("qa", "qa"),
        ] {
            if value.split(['-', '_', '.', '/', ':']).any(|seg| seg == needle) {
                return Some(env.into());
            }
        }
    }
    None
}

/// Activities of one peeled simple command, not following scripts.
fn direct(words: &[String], ctx: Context<'_>) -> Vec<Activity> {
    use Activity::*;
    // `./bin/rails` is `bin/rails`.
    let Some(program) = words.first().map(|w| w.trim_start_matches("./")) else { return Vec::new() };
    let args = &words[1..];
    let a0 = arg(args, 0);
    let a1 = arg(args, 1);
    if has(args, "--version") || has(args, "--help") {
        return Vec::new();
    }
    let deploy = |target: &'static str| Deploy { target, env: env_hint(args) };
    let one = |a: Activity| vec![a];
    match program {
        // Tests.
        "vitest" if !matches!(a0, "bench" | "typecheck" | "init" | "list") => one(Test),
        "vitest" if a0 == "typecheck" => one(Typecheck),
        "jest" | "mocha" | "ava" | "tap" | "jasmine" | "karma" | "uvu" | "pytest" | "py.test" | "tox" | "nox" | "rspec" | "phpunit"
        | "pest" | "testcafe" | "wdio" | "codeceptjs" | "behave" | "ward" => one(Test),
        "node" if has(args, "--test") => one(Test),
        "playwright" if a0 == "test" => vec![Test, Check],
        "cypress" if a0 == "run" => vec![Test, Check],
        "unittest" => one(Test),
        "manage.py" | "manage" if a0 == "test" => one(Test),
        "python" if a0.ends_with("manage.py") && a1 == "test" => one(Test),
        "python" if a0.ends_with("manage.py") && a1 == "migrate" => one(Migration("django")),
        "manage.py" | "manage" if a0 == "migrate" => one(Migration("django")),
        "go" if a0 == "test" => one(Test),
        "go" if a0 == "vet" => one(Lint),
        "go" if a0 == "build" => one(Build),
        "cargo" => match a0 {
            "test" | "nextest" => one(Test),
            "clippy" => one(Lint),
            "build" => one(Build),
            "audit" => one(SecurityScan("cargo-audit")),
            "deny" => one(SecurityScan("cargo-deny")),
            "publish" => one(Publish),
            _ => Vec::new(),
        },
        "deno" if a0 == "test" => one(Test),
        "deno" if a0 == "lint" => one(Lint),
        "deno" if a0 == "check" => one(Typecheck),
        "bun" if a0 == "test" => one(Test),
        "bun" if a0 == "build" => one(Build),
        "dotnet" => match a0 {
            "test" => one(Test),
            "build" | "publish" => one(Build),
            _ => Vec::new(),
        },
        "rails" | "rake" | "bin/rails" | "bin/rake" => match a0 {
            "test" | "spec" => one(Test),
            "db:migrate" | "db:prepare" => one(Migration("rails")),
            _ => Vec::new(),
        },
        "mvn" => {
            let mut v = Vec::new();
            if args.iter().any(|a| matches!(a.as_str(), "test" | "verify" | "install")) {
                v.push(Test);
            }
            if args.iter().any(|a| matches!(a.as_str(), "package" | "install" | "verify")) {
                v.push(Build);
            }
            if args.iter().any(|a| a.starts_with("flyway:")) {
                v.push(Migration("flyway"));
            }
            v
        }
        "gradle" => {
            let mut v = Vec::new();
            if args.iter().any(|a| matches!(a.as_str(), "test" | "check" | "build")) {
                v.push(Test);
            }
            if args.iter().any(|a| matches!(a.as_str(), "build" | "assemble" | "bootJar" | "jar")) {
                v.push(Build);
            }
            v
        }
        "make" if ctx.repo.find(&join(ctx.dir, "Makefile")).is_none() => args
            .iter()
            .filter_map(|t| match t.as_str() {
                "test" | "tests" | "check" | "unit-test" | "test-unit" => Some(Test),
                "lint" => Some(Lint),
                "typecheck" | "type-check" | "mypy" => Some(Typecheck),
                "build" => Some(Build),
                _ => None,
            })
            .collect(),
        // Lint.
        "eslint" | "oxlint" | "flake8" | "pylint" | "golangci-lint" | "rubocop" | "stylelint" | "standard" | "xo" | "tslint"
        | "hadolint" | "shellcheck" | "actionlint" | "yamllint" | "ktlint" | "detekt" | "staticcheck" | "revive" | "credo"
        | "swiftlint" | "markdownlint" | "markdownlint-cli2" | "pyflakes" | "pycodestyle" => one(Lint),
        "ruff" if a0 != "format" => one(Lint),
        "biome" if matches!(a0, "lint" | "check" | "ci") => one(Lint),
        "next" if a0 == "lint" => one(Lint),
        // `next build` type-checks a TypeScript project and fails on errors, unless the config
        // turns that off (`typescript.ignoreBuildErrors`).
        "next" if a0 == "build" && next_typechecks(ctx) => vec![Build, Typecheck],
        "next" if a0 == "build" => one(Build),
        "ng" if a0 == "lint" => one(Lint),
        "ng" if a0 == "build" => one(Build),
        // Type checks.
        "tsc" | "tsgo" if has(args, "-b") || has(args, "--build") => vec![Typecheck, Build],
        "tsc" | "tsgo" | "vue-tsc" | "svelte-check" | "mypy" | "pyright" | "basedpyright" | "pytype" | "dmypy" => one(Typecheck),
        "ty" if a0 == "check" => one(Typecheck),
        "astro" if a0 == "check" => one(Typecheck),
        "astro" if a0 == "build" => one(Build),
        "nuxi" | "nuxt" if a0 == "typecheck" => one(Typecheck),
        "nuxi" | "nuxt" if a0 == "build" || a0 == "generate" => one(Build),
        "flow" if a0 == "check" || a0.is_empty() => one(Typecheck),
        // Builds.
        "vite" | "remix" | "react-scripts" | "gatsby" | "svelte-kit" | "vue-cli-service" | "react-router" if a0 == "build" => one(Build),
        "webpack" | "rollup" | "esbuild" | "tsup" | "parcel" | "ncc" | "hugo" | "eleventy" | "tsdown" | "rspack" => one(Build),
        "docker" | "podman" | "buildah" | "docker-compose" => docker(program, args, ctx.deploy_host),
        "poetry" | "uv" | "hatch" | "pdm" if a0 == "build" => one(Build),
        "build" => one(Build),
        // Security scans.
        "npm" if a0 == "audit" && !args.iter().any(|a| a == "fix") => one(SecurityScan("npm-audit")),
        "pnpm" if a0 == "audit" => one(SecurityScan("pnpm-audit")),
        "yarn" if a0 == "audit" || (a0 == "npm" && a1 == "audit") => one(SecurityScan("yarn-audit")),
        "pip-audit" => one(SecurityScan("pip-audit")),
        "safety" => one(SecurityScan("safety")),
        "bandit" => one(SecurityScan("bandit")),
        "semgrep" => one(SecurityScan("semgrep")),
        "gitleaks" => one(SecurityScan("gitleaks")),
        "trufflehog" => one(SecurityScan("trufflehog")),
        "trivy" => one(SecurityScan("trivy")),
        "grype" => one(SecurityScan("grype")),
        "checkov" => vec![SecurityScan("checkov"), IacCheck("checkov")],
        "osv-scanner" => one(SecurityScan("osv-scanner")),
        "govulncheck" => one(SecurityScan("govulncheck")),
        "brakeman" => one(SecurityScan("brakeman")),
        "snyk" if matches!(a0, "test" | "code" | "container" | "iac" | "monitor") => one(SecurityScan("snyk")),
        "tfsec" => vec![SecurityScan("tfsec"), IacCheck("terraform")],
        "detect-secrets" | "detect-secrets-hook" => one(SecurityScan("detect-secrets")),
        "zizmor" => one(SecurityScan("zizmor")),
        "zap-baseline.py" | "zap-full-scan.py" | "zap-api-scan.py" => one(SecurityScan("zap")),
        // Deploys, rollbacks and publishing.
        "vercel" => match a0 {
            "rollback" => one(Rollback),
            "build" => one(Build),
            "deploy" | "" => one(deploy("vercel")),
            "pull" | "env" | "link" | "login" | "whoami" | "logs" | "inspect" | "alias" | "ls" | "list" | "domains" | "dns" | "certs"
            | "secrets" | "teams" | "switch" | "project" | "projects" | "promote" | "redeploy" | "remove" | "rm" => Vec::new(),
            _ if a0.starts_with('-') => one(deploy("vercel")),
            _ => Vec::new(),
        },
        "netlify" if a0 == "deploy" => {
            let mut d = deploy("netlify");
            if let Deploy { env: env @ None, .. } = &mut d {
                *env = Some("preview".into());
            }
            one(d)
        }
        "netlify" if a0 == "build" => one(Build),
        "fly" => match a0 {
            // `--build-only` builds the image (and `--push` publishes it): nothing is released.
            "deploy" if has(args, "--build-only") => {
                if has(args, "--push") {
                    vec![Build, Publish]
                } else {
                    one(Build)
                }
            }
            // A rolling deploy waits on the health checks fly.toml defines and halts when they
            // fail, unless `--detach` returns at once.
            "deploy" if !has(args, "--detach") && fly_health_checks(args, ctx) => vec![deploy("fly"), Check],
            "deploy" => one(deploy("fly")),
            "releases" | "deploy-rollback" if args.iter().any(|a| a == "rollback") => one(Rollback),
            "status" | "checks" => one(Check),
            _ => Vec::new(),
        },
        "railway" if matches!(a0, "up" | "deploy" | "redeploy") => one(deploy("railway")),
        "fastapi" if a0 == "deploy" => one(deploy("fastapi-cloud")),
        "heroku" if a0 == "rollback" || a0 == "releases:rollback" => one(Rollback),
        "heroku" if a0.starts_with("container:release") || a0 == "deploy" => one(deploy("heroku")),
        "git" if a0 == "push" && args.iter().any(|a| a.contains("heroku") || a.contains("dokku")) => one(deploy("heroku")),
        "kubectl" | "oc" => match a0 {
            "apply" | "create" | "replace" | "set" => one(deploy("kubernetes")),
            "rollout" if a1 == "undo" => one(Rollback),
            "rollout" if a1 == "status" => one(Check),
            "rollout" if a1 == "restart" => one(deploy("kubernetes")),
            _ => Vec::new(),
        },
        "kustomize" if a0 == "build" && args.iter().any(|a| a == "kubectl") => one(deploy("kubernetes")),
        "helm" if a0 == "lint" => vec![Lint, IacCheck("helm")],
        "helm" if a0 == "template" => one(IacCheck("helm")),
        "terraform" | "tofu" | "terragrunt"
            if matches!(a0, "validate" | "plan" | "fmt") || args.iter().any(|a| a == "validate" || a == "plan") =>
        {
            one(IacCheck(if program == "tofu" { "opentofu" } else { "terraform" }))
        }
        "tflint" => one(IacCheck("terraform")),
        "kubeconform" | "kubeval" | "kube-linter" | "kube-score" | "polaris" | "datree" => one(IacCheck("kubernetes")),
        "conftest" => one(IacCheck("conftest")),
        "pulumi" if a0 == "preview" => one(IacCheck("pulumi")),
        "cdk" if matches!(a0, "synth" | "diff") => one(IacCheck("cdk")),
        "cfn-lint" => one(IacCheck("cloudformation")),
        "ansible-lint" => one(IacCheck("ansible")),
        "helm" | "helmfile" => match a0 {
            "upgrade" | "install" | "apply" | "sync" => {
                let mut v = vec![deploy("helm")];
                if has(args, "--atomic") || has(args, "--rollback-on-failure") {
                    v.push(Rollback);
                }
                v
            }
            "rollback" => one(Rollback),
            _ => Vec::new(),
        },
        "argocd" if a0 == "app" && a1 == "sync" => one(deploy("argocd")),
        "argocd" if a0 == "app" && a1 == "rollback" => one(Rollback),
        "gcloud" => {
            let joined = args.join(" ");
            if joined.contains("run deploy") || joined.contains("app deploy") || joined.contains("functions deploy") {
                one(deploy("gcloud"))
            } else if joined.contains("update-traffic") {
                one(Rollback)
            } else {
                Vec::new()
            }
        }
        "aws" => match (a0, a1) {
            ("ecs", "update-service")
            | ("lambda", "update-function-code")
            | ("deploy", "create-deployment")
            | ("elasticbeanstalk", "update-environment")
            | ("amplify", "start-deployment") => one(deploy("aws")),
            ("s3", "sync") if args.iter().any(|a| a.starts_with("s3://")) => one(deploy("aws")),
            ("cloudformation", "deploy") => one(deploy("aws")),
            _ => Vec::new(),
        },
        "eb" if a0 == "deploy" => one(deploy("aws")),
        "sam" | "cdk" if a0 == "deploy" => one(deploy("aws")),
        "serverless" | "sls" if a0 == "deploy" => one(deploy("serverless-framework")),
        "wrangler" if matches!(a0, "deploy" | "publish") => one(deploy("cloudflare-workers")),
        "wrangler" if a0 == "pages" && a1 == "deploy" => one(deploy("cloudflare-pages")),
        "wrangler" if a0 == "rollback" => one(Rollback),
        "firebase" if a0 == "deploy" => one(deploy("firebase")),
        "firebase" if a0 == "hosting:channel:deploy" => one(Deploy { target: "firebase", env: Some("preview".into()) }),
        "supabase" => match (a0, a1) {
            ("functions", "deploy") => one(deploy("supabase")),
            ("db", "push" | "diff" | "lint" | "reset") | ("migration", "up") => one(Migration("supabase")),
            _ => Vec::new(),
        },
        "az" if args.iter().any(|a| a == "deploy" || a == "up")
            && matches!(a0, "webapp" | "containerapp" | "functionapp" | "deployment" | "staticwebapp") =>
        {
            one(deploy("azure"))
        }
        "doctl" if a0 == "apps" && matches!(a1, "create-deployment" | "update") => one(deploy("digitalocean")),
        "ssh" | "scp" | "rsync" if args.iter().any(|a| a.contains('@') || a.contains(':')) => one(deploy("ssh")),
        "ansible-playbook" => one(deploy("ansible")),
        "caprover" if a0 == "deploy" => one(deploy("caprover")),
        "dokku" if a0.contains("deploy") => one(deploy("dokku")),
        "npm" | "pnpm" | "yarn" if a0 == "publish" => one(Publish),
        "twine" if a0 == "upload" => one(Publish),
        // Migrations.
        "prisma" if a0 == "migrate" && matches!(a1, "deploy" | "diff" | "resolve" | "status") => one(Migration("prisma")),
        "prisma" if a0 == "db" && a1 == "push" => one(Migration("prisma")),
        "alembic" if matches!(a0, "upgrade" | "check" | "heads") => one(Migration("alembic")),
        "knex" if a0.starts_with("migrate:") => one(Migration("knex")),
        "drizzle-kit" if matches!(a0, "migrate" | "push" | "check") => one(Migration("drizzle")),
        "sequelize" | "sequelize-cli" if a0.starts_with("db:migrate") => one(Migration("sequelize")),
        "typeorm" | "typeorm-ts-node-commonjs" | "typeorm-ts-node-esm" if args.iter().any(|a| a.starts_with("migration:run")) => {
            one(Migration("typeorm"))
        }
        "flyway" if matches!(a0, "migrate" | "validate") || args.iter().any(|a| a == "migrate") => one(Migration("flyway")),
        "liquibase" if args.iter().any(|a| a == "update" || a == "validate") => one(Migration("liquibase")),
        "goose" if args.iter().any(|a| a == "up" || a == "validate") => one(Migration("goose")),
        "migrate" if args.iter().any(|a| a == "up") => one(Migration("golang-migrate")),
        "sqlx" if a0 == "migrate" && a1 == "run" => one(Migration("sqlx")),
        "diesel" if a0 == "migration" && a1 == "run" => one(Migration("diesel")),
        "atlas" if a0 == "migrate" => one(Migration("atlas")),
        "dbmate" if matches!(a0, "up" | "migrate") => one(Migration("dbmate")),
        // Performance budgets and post-deploy checks.
        "lhci" if matches!(a0, "autorun" | "assert") => vec![PerfBudget, Check],
        "lhci" if a0 == "collect" => one(Check),
        "lighthouse" => one(Check),
        "size-limit" | "bundlesize" | "bundlewatch" => one(PerfBudget),
        "curl" | "wget" | "http" | "https" | "xh" if args.iter().any(|a| a.contains("http") || a.contains("$")) => one(Check),
        "wait-on" | "newman" | "k6" | "artillery" | "hurl" => one(Check),
        // Installs.
        "npm" if matches!(a0, "ci" | "clean-install") => one(Install { frozen: true }),
        "npm"
            if matches!(a0, "install" | "i" | "add")
                && args[1..].iter().all(|a| a.starts_with('-'))
                && !has(args, "-g")
                && !has(args, "--global") =>
        {
            one(Install { frozen: false })
        }
        "pnpm" if matches!(a0, "install" | "i") || a0.is_empty() => one(Install { frozen: !has(args, "--no-frozen-lockfile") }),
        "yarn" if matches!(a0, "install" | "") || (a0.starts_with('-') && !has(args, "--version")) => {
            one(Install { frozen: ctx.yarn_berry || has(args, "--frozen-lockfile") || has(args, "--immutable") })
        }
        "bun" if matches!(a0, "install" | "i") => one(Install { frozen: has(args, "--frozen-lockfile") || has(args, "--ci") }),
        "bun" if a0 == "ci" => one(Install { frozen: true }),
        _ => Vec::new(),
    }
}

fn docker(program: &str, args: &[String], deploy_host: bool) -> Vec<Activity> {
    use Activity::*;
    let mut words: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    if program == "docker-compose" {
        words.insert(0, "compose");
    }
    if words.first() == Some(&"buildx") || words.first() == Some(&"image") {
        words.remove(0);
    }
    if words.first() == Some(&"compose") && words.contains(&"up") && deploy_host {
        return vec![Deploy { target: "docker-compose", env: env_hint(args) }];
    }
    match words.as_slice() {
        ["build" | "bake", ..] => {
            let mut v = vec![Build];
            if args.iter().any(|a| a == "--push") {
                v.push(Publish);
            }
            v
        }
        ["push", ..] => vec![Publish],
        ["compose" | "stack", .., "build"] | ["compose", "build", ..] => vec![Build],
        ["stack", "deploy", ..] => vec![Deploy { target: "docker-swarm", env: env_hint(args) }],
        ["service", "update", ..] => vec![Deploy { target: "docker-swarm", env: env_hint(args) }],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::stack::Script;

    fn words(s: &str) -> Vec<Vec<String>> {
        split(s).into_iter().map(|c| peel(&c.words)).collect()
    }

    fn activities(script: &str, stack: &Stack) -> Vec<Activity> {
        let repo = Repo::default();
        let ctx = Context::new(&repo, stack);
        let mut v: Vec<Activity> =
            classify(script, FileId(0), &(0..1), ctx).into_iter().filter(|f| !f.failure_ignored).map(|f| f.activity).collect();
        v.sort();
        v.dedup();
        v
    }

    fn package(dir: &str, scripts: &[(&str, &str)]) -> Package {
        Package {
            file: FileId(dir.len() as u32),
            dir: dir.into(),
            name: None,
            scripts: scripts.iter().map(|(n, b)| Script { name: n.to_string(), body: b.to_string(), span: 0..1 }).collect(),
            deps: Default::default(),
            workspaces: false,
            bin: false,
            peers: Vec::new(),
            published: false,
        }
    }

    #[test]
    fn splits_and_peels() {
        assert_eq!(words("CI=1 npx --yes vitest run && echo done"), [vec!["vitest", "run"], vec!["echo", "done"]]);
        assert_eq!(words("poetry run python -m pytest -q"), [vec!["pytest", "-q"]]);
        assert_eq!(words("sfw uv run pre-commit run --all"), [vec!["pre-commit", "run", "--all"]]);
        assert_eq!(words("git diff --name-only | xargs -0 -r -- shellcheck --shell=bash")[1], ["shellcheck", "--shell=bash"]);
        assert_eq!(words("python -m coverage run --source=. --module manage test -v 2"), [vec!["manage", "test", "-v", "2"]]);
        assert_eq!(words("coverage run -p manage.py test"), [vec!["manage.py", "test"]]);
        assert_eq!(words("./gradlew test \\\n  --info"), [vec!["gradle", "test", "--info"]]);
        assert_eq!(words("echo 'a && b' # pytest"), [vec!["echo", "a && b"]]);
        assert_eq!(words("cd web; pnpm exec -- eslint ."), [vec!["cd", "web"], vec!["eslint", "."]]);
    }

    #[test]
    fn failure_swallowed() {
        let c = split("pytest || true\nnpm audit || exit 0\nmake test || exit 1");
        assert!(c[0].failure_ignored);
        assert!(c[1].failure_ignored);
        assert!(!c[2].failure_ignored);
    }

    #[test]
    fn direct_commands() {
        let stack = Stack::default();
        use Activity::*;
        assert_eq!(activities("pytest tests/", &stack), [Test]);
        assert_eq!(activities("echo pytest", &stack), []);
        assert_eq!(activities("npx tsc --noEmit", &stack), [Typecheck]);
        assert_eq!(activities("ruff check . && ruff format --check .", &stack), [Lint]);
        assert_eq!(activities("docker build -t x . && docker push x", &stack), [Build, Publish]);
        assert_eq!(activities("vercel deploy --prod --token=$T", &stack), [Deploy { target: "vercel", env: Some("production".into()) }]);
        assert_eq!(activities("npx prisma migrate deploy", &stack), [Migration("prisma")]);
        assert_eq!(activities("./bin/rails db:prepare", &stack), [Migration("rails")]);
        assert_eq!(
            activities(
                "env-cmd -- ts-node -r tsconfig-paths/register ./node_modules/typeorm/cli.js --dataSource=src/db.ts migration:run",
                &stack
            ),
            [Migration("typeorm")]
        );
        assert_eq!(
            activities("helm upgrade --install app ./chart --atomic -n staging", &stack),
            [Deploy { target: "helm", env: Some("staging".into()) }, Rollback]
        );
        assert_eq!(activities("curl -fsS https://example.com/health", &stack), [Check]);
        assert_eq!(activities("npm ci", &stack), [Install { frozen: true }]);
        assert_eq!(activities("npm install", &stack), [Install { frozen: false }]);
        assert_eq!(activities("npm install -g vercel", &stack), []);
        assert_eq!(activities("pytest || true", &stack), []);
        assert_eq!(activities("tsc --version", &stack), []);
    }

    #[test]
    fn follows_package_scripts() {
        let stack = Stack {
            packages: vec![package(
                ".",
                &[
                    ("check", "pnpm lint && pnpm run typecheck && vitest run"),
                    ("lint", "eslint ."),
                    ("typecheck", "tsc --noEmit"),
                    ("test", "echo \"Error: no test specified\" && exit 1"),
                ],
            )],
            ..Stack::default()
        };
        use Activity::*;
        assert_eq!(activities("pnpm run check", &stack), [Test, Lint, Typecheck]);
        assert_eq!(activities("npm test", &stack), [], "the npm init placeholder is not a test suite");
    }

    #[test]
    fn monorepo_runners_reach_every_package() {
        let stack = Stack {
            packages: vec![
                package(".", &[("test", "turbo run test")]),
                package("apps/web", &[("test", "vitest run")]),
                package("apps/api", &[("lint", "eslint src")]),
            ],
            ..Stack::default()
        };
        use Activity::*;
        assert_eq!(activities("pnpm test", &stack), [Test]);
        assert_eq!(activities("pnpm -r lint", &stack), [Lint]);
        assert_eq!(activities("npx nx affected -t lint test", &stack), [Test, Lint]);
    }

    #[test]
    fn makefile_rules() {
        let rules = makefile_targets(".PHONY: a\nX := 1\na: b c\n\t@echo a\nb:\n\t-pytest\n\n# c:\nc d:\n\t+go vet ./...\n");
        let names: Vec<&str> = rules.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        let mut recipes = Vec::new();
        make_recipes(&rules, "a", &mut Vec::new(), &mut |_, r| recipes.push(r));
        assert_eq!(recipes, ["pytest", "go vet ./...", "echo a"]);
    }

    proptest::proptest! {
        #[test]
        fn shell_and_make_never_panic(text in "\\PC{0,200}") {
            for c in split(&text) {
                let w = peel(&c.words);
                let _ = script_invocation(&w);
                let _ = container_command_start(&w);
            }
            let rules = makefile_targets(&text);
            if let Some(first) = rules.first() {
                make_recipes(&rules, &first.0.clone(), &mut Vec::new(), &mut |_, _| {});
            }
        }

        #[test]
        fn shell_like_text_never_panics(text in "(npm|pnpm|yarn|docker|compose|run|exec|-m|-C|--filter|coverage|python|'|\"|&&|\\|\\||;|\\\\|\n|\t|:| |[a-z]{1,4}){0,60}") {
            let stack = Stack::default();
            let _ = activities(&text, &stack);
        }
    }

    #[test]
    fn script_fan_out_is_classified_once_per_script() {
        // Every package's `s{i}` runs `pnpm -r run s{i+1}` in every package: 24^6 paths.
        let packages = 24;
        let scripts = 8;
        let stack = Stack {
            packages: (0..packages)
                .map(|p| {
                    let mut pkg = package(&format!("packages/p{p}"), &[]);
                    pkg.file = FileId(p);
                    pkg.scripts = (0..scripts)
                        .map(|i| {
                            let body = if i + 1 == scripts { "jest".to_string() } else { format!("pnpm -r run s{}", i + 1) };
                            Script { name: format!("s{i}"), body, span: 0..1 }
                        })
                        .collect();
                    pkg
                })
                .collect(),
            ..Stack::default()
        };
        let repo = Repo::default();
        let mut classifier = Classifier::default();
        let mut found = Vec::new();
        classifier.classify_into("pnpm -r run s0", &[Evidence::at(FileId(99), &(0..1))], Context::new(&repo, &stack), 0, &mut found);
        keep_few(&mut found);
        // Once per (package, script, depth), not once per path.
        let bound = 1 + packages as usize * MAX_SCRIPT_DEPTH;
        assert!(classifier.commands <= bound, "{} commands classified, bound {bound}", classifier.commands);
        assert!(found.len() <= MAX_ALIKE, "{} findings", found.len());
        // Six levels down, `jest` is not reached (s6 would be the seventh); `s5` runs `s6` fine.
        let stack_short = Stack {
            packages: stack
                .packages
                .iter()
                .cloned()
                .map(|mut p| {
                    p.scripts[3].body = "jest".into();
                    p
                })
                .collect(),
            ..Stack::default()
        };
        assert_eq!(activities("pnpm -r run s0", &stack_short), [Activity::Test]);
    }

    #[test]
    fn commands_given_to_runners_are_classified() {
        use Activity::*;
        let stack =
            Stack { packages: vec![package(".", &[("start", "node server.js"), ("test:e2e", "playwright test")])], ..Stack::default() };
        assert_eq!(
            activities(r#"start-server-and-test "npm run start" http://localhost:3000 "playwright test e2e""#, &stack),
            [Test, Check]
        );
        assert_eq!(activities("start-server-and-test start 3000 test:e2e", &stack), [Test, Check]);
        assert_eq!(activities(r#"concurrently -k "npm:start" "vitest run""#, &stack), [Test]);
    }

    #[test]
    fn recursive_scripts_terminate() {
        let stack = Stack { packages: vec![package(".", &[("a", "npm run b"), ("b", "npm run a && jest")])], ..Stack::default() };
        assert_eq!(activities("npm run a", &stack), [Activity::Test]);
    }
}
