//! Small line-based formats: Procfile, dotenv files, requirements.txt, go.mod, Gemfile.

use std::ops::Range;

use super::tree::to_u32;

/// Lines of a file with their byte ranges (without the line break).
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line = raw.trim_end_matches(['\n', '\r']);
        let range = offset..offset + line.len();
        offset += raw.len();
        (range, line)
    })
}

/// `web: node server.js` in a Procfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub name: String,
    pub command: String,
    pub span: Range<u32>,
}

pub fn procfile(text: &str) -> Vec<Process> {
    lines(text)
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .filter_map(|(range, line)| {
            let (name, command) = line.split_once(':')?;
            let name = name.trim();
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')).then(|| Process {
                name: name.to_string(),
                command: command.trim().to_string(),
                span: to_u32(range),
            })
        })
        .collect()
}

/// `KEY=value` in a dotenv file; `# KEY=value` lines are kept as commented (they document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvEntry {
    pub name: String,
    pub value: String,
    pub commented: bool,
    pub span: Range<u32>,
}

pub fn dotenv(text: &str) -> Vec<EnvEntry> {
    lines(text)
        .filter_map(|(range, line)| {
            let mut line = line.trim();
            let commented = line.starts_with('#');
            line = line.trim_start_matches('#').trim_start();
            line = line.strip_prefix("export ").unwrap_or(line).trim_start();
            let (name, value) = line.split_once('=')?;
            let name = name.trim();
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || name.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            let value = value.trim();
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(" #").next().unwrap_or("").trim(),
            };
            Some(EnvEntry { name: name.to_string(), value: value.to_string(), commented, span: to_u32(range) })
        })
        .collect()
}

/// A dependency named in a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub name: String,
    pub span: Range<u32>,
}

/// `requirements.txt`: `name[extra]>=1.0 ; marker  # comment`; options and includes skipped.
pub fn requirements(text: &str) -> Vec<Dependency> {
    lines(text)
        .filter_map(|(range, line)| {
            let line = line.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with('-') {
                return None;
            }
            let name: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
            (!name.is_empty()).then(|| Dependency { name: normalize_python(&name), span: to_u32(range) })
        })
        .collect()
}

/// PEP 503 normalisation: `Flask_SQLAlchemy` and `flask-sqlalchemy` are one package.
pub fn normalize_python(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// `go.mod`: module paths in `require` lines and blocks.
pub fn go_mod(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (range, line) in lines(text) {
        let line = line.split("//").next().unwrap_or("").trim();
        let spec = if in_block {
            if line == ")" {
                in_block = false;
                continue;
            }
            line
        } else if let Some(rest) = line.strip_prefix("require") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
                continue;
            }
            rest
        } else {
            continue;
        };
        if let Some(path) = spec.split_whitespace().next().filter(|p| p.contains('.') || p.contains('/')) {
            out.push(Dependency { name: path.to_string(), span: to_u32(range) });
        }
    }
    out
}

/// `Gemfile`: `gem "name", …` lines.
pub fn gemfile(text: &str) -> Vec<Dependency> {
    lines(text)
        .filter_map(|(range, line)| {
            let rest = line.trim().strip_prefix("gem")?;
            let rest = rest.trim_start_matches([' ', '(']);
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let name = rest[1..].split(quote).next()?;
            (!name.is_empty()).then(|| Dependency { name: name.to_string(), span: to_u32(range) })
        })
        .collect()
}

/// One `key = value` line of an INI file (sections are not tracked: uWSGI repeats keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IniOption {
    pub key: String,
    pub value: String,
    /// The line's span.
    pub span: Range<u32>,
}

/// The `key = value` lines of an INI file, comments (`#`, `;`) and sections skipped.
pub fn ini_options(text: &str) -> Vec<IniOption> {
    let mut out = Vec::new();
    let mut offset = 0u32;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim();
        if !line.starts_with(['#', ';', '['])
            && let Some((key, value)) = line.split_once('=')
        {
            let start = offset + (raw.len() - raw.trim_start().len()) as u32;
            out.push(IniOption { key: key.trim().to_string(), value: value.trim().to_string(), span: start..start + line.len() as u32 });
        }
        offset += raw.len() as u32;
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn procfile_processes() {
        let p = procfile("web: gunicorn app:app\nrelease: python manage.py migrate\n# worker: x\n");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].name, "release");
        assert_eq!(p[0].command, "gunicorn app:app");
    }

    #[test]
    fn dotenv_entries() {
        let e = dotenv("export A=1\nB=\"two # not comment\"\n# C=documented\nD=x # comment\nnot a line\n");
        let names: Vec<_> = e.iter().map(|e| (e.name.as_str(), e.value.as_str(), e.commented)).collect();
        assert_eq!(names, [("A", "1", false), ("B", "two # not comment", false), ("C", "documented", true), ("D", "x", false)]);
    }

    #[test]
    fn manifests() {
        let r = requirements("Flask_SQLAlchemy[async]>=3 ; python_version>'3'\n-r base.txt\n# x\nfastapi==0.110 # web\n");
        assert_eq!(r.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["flask-sqlalchemy", "fastapi"]);
        let g = go_mod("module x\n\nrequire github.com/gin-gonic/gin v1.9.1\nrequire (\n\tgithub.com/lib/pq v1 // indirect\n)\n");
        assert_eq!(g.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["github.com/gin-gonic/gin", "github.com/lib/pq"]);
        let gems = gemfile("source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem(\"pg\")\n");
        assert_eq!(gems.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["rails", "pg"]);
    }

    proptest! {
        #[test]
        fn never_panic(text in "\\PC{0,300}") {
            let _ = procfile(&text);
            let _ = dotenv(&text);
            let _ = requirements(&text);
            let _ = go_mod(&text);
            let _ = gemfile(&text);
        }
    }

    #[test]
    fn ini_options_keep_repeated_keys_and_their_lines() {
        let text = "[uwsgi]\n; comment\n# comment\nhook-pre-app = exec:./manage.py migrate\n  attach-daemon = ./manage.py a\nattach-daemon=./manage.py b\n";
        let options = ini_options(text);
        let pairs: Vec<(&str, &str)> = options.iter().map(|o| (o.key.as_str(), o.value.as_str())).collect();
        assert_eq!(
            pairs,
            [("hook-pre-app", "exec:./manage.py migrate"), ("attach-daemon", "./manage.py a"), ("attach-daemon", "./manage.py b")]
        );
        assert_eq!(&text[options[1].span.start as usize..options[1].span.end as usize], "attach-daemon = ./manage.py a");
    }
}
