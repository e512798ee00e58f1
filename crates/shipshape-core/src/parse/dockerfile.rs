//! Dockerfiles: instructions with line continuations, comments, parser directives and heredocs.

use std::ops::Range;

/// One instruction, continuation lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-cased keyword: `FROM`, `RUN`, `USER`, …
    pub keyword: String,
    pub args: String,
    pub span: Range<u32>,
}

/// A build stage: a `FROM` and the instructions up to the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub image: String,
    pub alias: Option<String>,
    pub from: Instruction,
    pub instructions: Vec<Instruction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dockerfile {
    pub instructions: Vec<Instruction>,
}

impl Dockerfile {
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages: Vec<Stage> = Vec::new();
        for ins in &self.instructions {
            if ins.keyword == "FROM" {
                let words: Vec<&str> = ins.args.split_whitespace().filter(|w| !w.starts_with("--")).collect();
                let image = words.first().copied().unwrap_or_default().to_string();
                let alias = match words.as_slice() {
                    [_, as_kw, name, ..] if as_kw.eq_ignore_ascii_case("as") => Some(name.to_ascii_lowercase()),
                    _ => None,
                };
                stages.push(Stage { image, alias, from: ins.clone(), instructions: Vec::new() });
            } else if let Some(stage) = stages.last_mut() {
                stage.instructions.push(ins.clone());
            }
        }
        stages
    }
}

pub fn parse(text: &str) -> Dockerfile {
    let mut escape = '\\';
    let mut lines = Vec::new();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    // Parser directives: `# escape=`` ` at the very top.
    for (_, line) in &lines {
        let Some(directive) = line.trim().strip_prefix('#') else { break };
        let Some((key, value)) = directive.split_once('=') else { break };
        if key.trim().eq_ignore_ascii_case("escape") {
            escape = value.trim().chars().next().unwrap_or('\\');
        }
    }

    let mut out = Dockerfile::default();
    let mut i = 0;
    while i < lines.len() {
        let (start, first) = lines[i];
        let trimmed = first.trim();
        i += 1;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut logical = String::new();
        let mut end = start + first.len();
        let mut current = first;
        loop {
            let body = current.trim_end();
            match body.strip_suffix(escape) {
                Some(head) => {
                    logical.push_str(head);
                    logical.push(' ');
                    // Skip comment and blank lines inside a continuation.
                    while i < lines.len() && (lines[i].1.trim().is_empty() || lines[i].1.trim_start().starts_with('#')) {
                        i += 1;
                    }
                    if i >= lines.len() {
                        break;
                    }
                    current = lines[i].1;
                    end = lines[i].0 + current.len();
                    i += 1;
                }
                None => {
                    logical.push_str(body);
                    break;
                }
            }
        }
        // Heredocs: `RUN <<EOF` … `EOF` belong to the instruction.
        if let Some(delimiter) = heredoc_delimiter(&logical) {
            while i < lines.len() {
                let (line_start, line) = lines[i];
                i += 1;
                end = line_start + line.len();
                if line.trim() == delimiter {
                    break;
                }
                logical.push('\n');
                logical.push_str(line);
            }
        }
        let logical = logical.trim();
        let (keyword, args) = logical.split_once(char::is_whitespace).unwrap_or((logical, ""));
        out.instructions.push(Instruction {
            keyword: keyword.to_ascii_uppercase(),
            args: args.trim().to_string(),
            span: super::tree::to_u32(start..end),
        });
    }
    out
}

fn heredoc_delimiter(line: &str) -> Option<String> {
    let at = line.find("<<")?;
    let rest = line[at + 2..].trim_start_matches('-');
    let rest = rest.trim_start_matches(['"', '\'']);
    let word: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    (!word.is_empty() && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())).then_some(word)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn stages_users_and_continuations() {
        let text = "# syntax=docker/dockerfile:1\nFROM node:20 AS build\nRUN npm ci \\\n  # a comment\n  && npm run build\nFROM gcr.io/distroless/nodejs20 as run\nUSER nonroot\nHEALTHCHECK CMD [\"/bin/true\"]\n";
        let df = parse(text);
        let stages = df.stages();
        assert_eq!(stages.len(), 2);
        assert_eq!(stages[0].alias.as_deref(), Some("build"));
        assert_eq!(stages[0].instructions[0].args, "npm ci    && npm run build");
        assert_eq!(stages[1].image, "gcr.io/distroless/nodejs20");
        assert_eq!(stages[1].instructions[0].keyword, "USER");
        let run = &df.instructions[1];
        assert!(text[run.span.start as usize..run.span.end as usize].ends_with("npm run build"));
    }

    #[test]
    fn heredoc_bodies_are_not_instructions() {
        let df = parse("FROM alpine\nRUN <<EOF\nUSER root\nEOF\nCMD [\"sh\"]\n");
        let keywords: Vec<_> = df.instructions.iter().map(|i| i.keyword.as_str()).collect();
        assert_eq!(keywords, ["FROM", "RUN", "CMD"]);
    }

    #[test]
    fn escape_directive() {
        let df = parse("# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\n");
        assert_eq!(df.instructions.len(), 2);
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse(&text).stages();
        }

        #[test]
        fn never_panics_on_dockerfile_like(text in "(FROM|RUN|USER|AS|<<EOF|EOF|\\\\|`|#|# escape=`|[a-z:]{1,5}| |\n){0,80}") {
            let _ = parse(&text).stages();
        }
    }
}
