//! `shipshape.toml`: what the repository's owners tell the audit. Disabled rules, severity
//! overrides, ignored paths, and attestations of what the repository cannot show.
//!
//! ```toml
//! [rules]
//! disable = ["OPS007"]
//!
//! [rules.severity]
//! DEP002 = "low"
//!
//! [paths]
//! ignore = ["legacy/**"]
//!
//! [attest]
//! backups = "Supabase daily backups, PITR enabled"   # a topic, or a rule id
//! OBS007 = "Better Uptime checks /api/health every minute"
//! ```

use std::collections::BTreeMap;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::parse::Node;
use crate::rules::{self, Severity};

/// The file name looked for at the root of the audited repository.
pub const CONFIG_FILE: &str = "shipshape.toml";

/// What attestation topics cover, for teams that name a subject rather than a rule.
pub const TOPICS: &[(&str, &[&str])] = &[
    ("backups", &["DAT001", "DAT002", "DAT010"]),
    ("disaster_recovery", &["DAT003"]),
    ("error_tracking", &["OBS001"]),
    ("tracing", &["OBS002"]),
    ("uptime", &["OBS007"]),
    ("alerting", &["OBS008"]),
    ("metrics", &["OBS009"]),
    ("log_aggregation", &["OBS010"]),
    ("staging", &["CI008"]),
    ("rate_limiting", &["SEC005"]),
    ("waf", &["SEC011"]),
    ("cdn", &["SCL006"]),
    ("load_tests", &["SCL001"]),
    ("runbooks", &["OPS002"]),
    ("deploy_config", &["DEP001"]),
];

/// The parsed configuration.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// The file it came from, for messages.
    pub path: Option<String>,
    pub disabled: Vec<&'static str>,
    pub severities: BTreeMap<&'static str, Severity>,
    pub attested: BTreeMap<&'static str, String>,
    ignore: Option<GlobSet>,
    pub ignore_patterns: Vec<String>,
}

impl Config {
    /// Whether a repo-relative path is ignored by `[paths] ignore`.
    pub fn is_ignored(&self, path: &str) -> bool {
        self.ignore.as_ref().is_some_and(|g| g.is_match(path))
    }

    /// Parse `shipshape.toml` text. Errors name the file, the line and what is wrong.
    pub fn parse(path: &str, text: &str) -> Result<Config, String> {
        let root = crate::parse::toml::parse(text).map_err(|e| format!("{path}: {e}"))?;
        let mut config = Config { path: Some(path.to_string()), ..Config::default() };
        let line = |node: &Node| text[..(node.span.start as usize).min(text.len())].matches('\n').count() + 1;
        let rule_id = |node: &Node| -> Result<&'static str, String> {
            let id = node.as_str().ok_or_else(|| format!("{path}:{}: expected a rule id", line(node)))?;
            rules::find(id)
                .map(|r| r.meta().id)
                .ok_or_else(|| format!("{path}:{}: unknown rule `{id}` (`shipshape rules` lists them)", line(node)))
        };
        for entry in root.entries() {
            match entry.key.as_str() {
                "rules" => {
                    for sub in entry.value.entries() {
                        match sub.key.as_str() {
                            "disable" => {
                                for item in sub.value.items() {
                                    config.disabled.push(rule_id(item)?);
                                }
                            }
                            "severity" => {
                                for s in sub.value.entries() {
                                    let id = rules::find(&s.key).map(|r| r.meta().id).ok_or_else(|| {
                                        format!("{path}:{}: unknown rule `{}` (`shipshape rules` lists them)", line(&s.value), s.key)
                                    })?;
                                    let value = s.value.as_str().unwrap_or("");
                                    let severity = Severity::parse(value).ok_or_else(|| {
                                        format!(
                                            "{path}:{}: `{value}` is not a severity: use critical, high, medium, low or info",
                                            line(&s.value)
                                        )
                                    })?;
                                    config.severities.insert(id, severity);
                                }
                            }
                            other => {
                                return Err(format!(
                                    "{path}:{}: unknown key `rules.{other}` (expected disable, severity)",
                                    line(&sub.value)
                                ));
                            }
                        }
                    }
                }
                "paths" => {
                    let mut builder = GlobSetBuilder::new();
                    for sub in entry.value.entries() {
                        if sub.key != "ignore" {
                            return Err(format!("{path}:{}: unknown key `paths.{}` (expected ignore)", line(&sub.value), sub.key));
                        }
                        for item in sub.value.items() {
                            let pattern = item.as_str().ok_or_else(|| format!("{path}:{}: expected a glob", line(item)))?;
                            let glob = Glob::new(pattern).map_err(|e| format!("{path}:{}: bad glob `{pattern}`: {e}", line(item)))?;
                            builder.add(glob);
                            config.ignore_patterns.push(pattern.to_string());
                        }
                    }
                    config.ignore = Some(builder.build().map_err(|e| format!("{path}: {e}"))?);
                }
                "attest" => {
                    for a in entry.value.entries() {
                        let statement =
                            a.value.as_str().filter(|s| !s.trim().is_empty()).ok_or_else(|| {
                                format!("{path}:{}: an attestation is a sentence saying what is in place", line(&a.value))
                            })?;
                        let ids: Vec<&'static str> = match TOPICS.iter().find(|(topic, _)| *topic == a.key) {
                            Some((_, ids)) => ids.to_vec(),
                            None => vec![rules::find(&a.key).map(|r| r.meta().id).ok_or_else(|| {
                                let topics: Vec<&str> = TOPICS.iter().map(|(t, _)| *t).collect();
                                format!("{path}:{}: `{}` is neither a rule id nor a topic ({})", line(&a.value), a.key, topics.join(", "))
                            })?],
                        };
                        for id in ids {
                            config.attested.insert(id, statement.to_string());
                        }
                    }
                }
                other => return Err(format!("{path}:{}: unknown section `{other}` (expected rules, paths, attest)", line(&entry.value))),
            }
        }
        Ok(config)
    }
}

/// Inline suppression `shipshape: ignore[ID, …] reason` in a comment on `line` or the line
/// above it. Returns the reason (empty if none was given).
pub fn suppression(text: &str, line: u32, rule: &str) -> Option<String> {
    // The line above and the cited line, without splitting the whole file.
    let first = line.saturating_sub(2) as usize;
    let window: Vec<&str> = text.lines().skip(first).take(line as usize - first).collect();
    window.into_iter().rev().find_map(|l| {
        let at = l.find("shipshape: ignore[")?;
        // Only in a comment: a marker before the directive.
        let before = &l[..at];
        if !["#", "//", "/*", "--", "<!--", ";"].iter().any(|m| before.contains(m)) {
            return None;
        }
        let rest = &l[at + "shipshape: ignore[".len()..];
        let (ids, reason) = rest.split_once(']')?;
        ids.split(',')
            .any(|id| id.trim().eq_ignore_ascii_case(rule))
            .then(|| reason.trim().trim_end_matches("*/").trim_end_matches("-->").trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_section() {
        let text = "[rules]\ndisable = [\"OPS007\", \"no-feature-flags\"]\n[rules.severity]\nDEP002 = \"low\"\n[paths]\nignore = [\"legacy/**\"]\n[attest]\nbackups = \"Supabase daily backups, PITR enabled\"\nOBS007 = \"Better Uptime\"\n";
        let c = Config::parse("shipshape.toml", text).expect("valid");
        assert_eq!(c.disabled, ["OPS007", "CFG008"]);
        assert_eq!(c.severities.get("DEP002"), Some(&Severity::Low));
        assert!(c.is_ignored("legacy/app/main.py"));
        assert!(!c.is_ignored("src/app.py"));
        assert_eq!(c.attested.get("DAT001").map(String::as_str), Some("Supabase daily backups, PITR enabled"));
        assert_eq!(c.attested.get("DAT010").map(String::as_str), Some("Supabase daily backups, PITR enabled"));
        assert!(c.attested.contains_key("OBS007"));
    }

    #[test]
    fn clear_errors() {
        let err = |t: &str| Config::parse("shipshape.toml", t).expect_err("invalid");
        assert_eq!(err("[rules]\ndisable = [\"NOPE1\"]\n"), "shipshape.toml:2: unknown rule `NOPE1` (`shipshape rules` lists them)");
        assert!(err("[rules.severity]\nDEP002 = \"severe\"\n").contains("`severe` is not a severity"));
        assert!(err("[attest]\nbakups = \"x\"\n").contains("neither a rule id nor a topic"));
        assert!(err("[rulez]\n").contains("unknown section `rulez`"));
        assert!(err("[rules\n").starts_with("shipshape.toml: TOML"));
    }

    #[test]
    fn inline_suppressions() {
        let yaml = "steps:\n  # shipshape: ignore[CI013] vendored action, reviewed\n  - uses: foo/bar@v1\n";
        assert_eq!(suppression(yaml, 3, "CI013").as_deref(), Some("vendored action, reviewed"));
        assert_eq!(suppression(yaml, 3, "CI014"), None);
        let js = "const x = 1; // shipshape: ignore[obs004, CFG002] debug output\n";
        assert_eq!(suppression(js, 1, "OBS004").as_deref(), Some("debug output"));
        let string = "const s = \"shipshape: ignore[OBS004] in a string\";\n";
        assert_eq!(suppression(string, 1, "OBS004"), None, "not a comment");
    }
}
