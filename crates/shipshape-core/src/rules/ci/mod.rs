//! CI/CD.

pub mod ci001;
pub mod ci002;
pub mod ci003;
pub mod ci004;
pub mod ci005;
pub mod ci006;
pub mod ci007;
pub mod ci008;
pub mod ci009;
pub mod ci010;
pub mod ci011;
pub mod ci012;
pub mod ci013;
pub mod ci014;
pub mod ci015;
pub mod ci016;
pub mod ci017;
pub mod ci018;
pub mod ci019;
pub mod ci020;
pub mod ci021;
pub mod ci022;
pub mod ci023;
pub mod ci024;

use crate::facts::Inventory;
use crate::rules::{Check, fail, not_applicable, pass};

/// The check shared by the "CI never does X" rules: pass when the activity fact is true; fail
/// naming what was found but does not count (unreachable, failure ignored).
fn ci_activity(inv: &Inventory, key: &str, what: &str) -> Check {
    if inv.len("ci.providers") == 0 {
        return not_applicable("no CI configuration");
    }
    if inv.is_true(key) {
        return pass();
    }
    let discarded = &inv.get(key).discarded;
    let message = if discarded.is_empty() {
        format!("no CI step {what}")
    } else {
        format!("no CI step {what} that counts ({} found that cannot run or whose failure is ignored)", discarded.len())
    };
    let mut evidence: Vec<_> = discarded.iter().map(|d| d.evidence.clone()).collect();
    if evidence.is_empty() {
        evidence = inv.get("ci.workflows").evidence.clone();
    }
    fail(message, evidence)
}
