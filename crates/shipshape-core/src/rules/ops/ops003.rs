use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// There is no architecture document or diagram.
    ///
    /// ## What it checks
    /// For repositories with more than one service, that an architecture document exists:
    /// `ARCHITECTURE*`, `docs/**/architecture*`, architecture decision records (`adr/`,
    /// `decisions/`), a Mermaid diagram in the README or docs, or a diagram file (`.drawio`,
    /// Structurizr `.dsl`, PlantUML).
    ///
    /// ## Why it matters
    /// With several services, how they talk, what depends on what and where data lives is
    /// what an on-call engineer needs first and finds last.
    ///
    /// ## How to fix
    /// ````markdown
    /// ```mermaid
    /// flowchart LR
    ///   web[apps/web] -->|REST| api[apps/api] --> db[(Postgres)]
    /// ```
    /// ````
    ///
    /// References: <https://adr.github.io/>, <https://c4model.com/>
    NoArchitectureDocs {
        id: "OPS003",
        name: "no-architecture-docs",
        category: Ops,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["stack.services", "docs.architecture"],
        fix: "Add an architecture overview (a Mermaid diagram in the README is enough to start).",
        done: "An architecture document or diagram exists",
    }
    fn check(inv) {
        let services = inv.len("stack.services");
        if services < 2 {
            return not_applicable("fewer than two services");
        }
        if inv.is_true("docs.architecture") {
            return pass();
        }
        fail(format!("{services} services, but no architecture document or diagram"), inv.get("stack.services").evidence.clone())
    }
}
