//! Every rule passes, fails and does not apply on its own fixtures
//! (`tests/fixtures/rules/<ID>.txtar`).

use shipshape_core::rules;

use crate::fixtures::{self, audit_case, workspace_root};

#[test]
fn every_rule_passes_fails_and_does_not_apply_on_its_fixtures() {
    let dir = workspace_root().join("tests/fixtures/rules");
    let mut problems = Vec::new();
    for rule in rules::all() {
        let id = rule.meta().id;
        let path = dir.join(format!("{id}.txtar"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            problems.push(format!("{id}: no fixture file {}", path.display()));
            continue;
        };
        let cases = fixtures::parse(&text);
        for wanted in ["pass", "fail", "na"] {
            if !cases.iter().any(|c| c.outcome() == wanted) {
                problems.push(format!("{id}: no `=== {wanted}` case"));
            }
        }
        for case in &cases {
            let expected = match case.outcome() {
                "pass" => "pass",
                "fail" => "fail",
                "na" => "not_applicable",
                other => {
                    problems.push(format!("{id}: unknown case `{other}`"));
                    continue;
                }
            };
            let report = audit_case(&case.files);
            let status = report.status_of(id).unwrap_or("missing");
            if status != expected {
                let reason = report.rules.iter().find(|r| r.id == id).and_then(|r| r.reason.clone()).unwrap_or_default();
                let message = report.findings.iter().find(|f| f.rule == id).map(|f| f.message.clone()).unwrap_or_default();
                problems.push(format!("{id} `{}`: expected {expected}, got {status} {reason}{message}", case.name));
                continue;
            }
            if let Some(finding) = report.findings.iter().find(|f| f.rule == id) {
                for fragment in &case.expect {
                    if !finding.message.contains(fragment.as_str()) {
                        problems.push(format!("{id} `{}`: message {:?} lacks {fragment:?}", case.name, finding.message));
                    }
                }
                if finding.evidence.is_empty() && finding.searched.is_empty() {
                    problems.push(format!("{id} `{}`: finding without evidence or what was searched", case.name));
                }
            } else {
                // A case that does not fail expects its fragments in the reason it gives.
                let reason = report.rules.iter().find(|r| r.id == id).and_then(|r| r.reason.clone()).unwrap_or_default();
                for fragment in case.expect.iter().filter(|f| !reason.contains(f.as_str())) {
                    problems.push(format!("{id} `{}`: reason {reason:?} lacks {fragment:?}", case.name));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn fixture_files_name_existing_rules() {
    let dir = workspace_root().join("tests/fixtures/rules");
    for entry in std::fs::read_dir(dir).expect("fixtures dir") {
        let name = entry.expect("entry").file_name().to_string_lossy().to_string();
        if let Some(id) = name.strip_suffix(".txtar") {
            assert!(rules::find(id).is_some(), "{name} names no rule");
        }
    }
}
