use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// A Docker build has no `.dockerignore`.
    ///
    /// ## What it checks
    /// Each Dockerfile has a `.dockerignore` beside it, at the repository root, or as
    /// `<Dockerfile>.dockerignore`.
    ///
    /// ## Why it matters
    /// Without it the whole directory is sent as build context: `.git`, local `.env` files and
    /// `node_modules` end up in the builder, slow every build, bust the layer cache, and can
    /// bake secrets into an image layer with a careless `COPY . .`.
    ///
    /// ## How to fix
    /// ```text
    /// # .dockerignore
    /// .git
    /// .env*
    /// node_modules
    /// dist
    /// ```
    ///
    /// References: <https://docs.docker.com/build/concepts/context/#dockerignore-files>
    MissingDockerignore {
        id: "DEP007",
        name: "missing-dockerignore",
        category: Deploy,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.dockerignore"],
        fix: "Add a .dockerignore excluding .git, .env files and dependency folders.",
        done: "Docker builds have a .dockerignore",
    }
    fn check(inv) {
        if inv.is_true("deploy.dockerignore") {
            return pass();
        }
        let missing = discarded_evidence(inv, "deploy.dockerignore");
        fail(format!("{} Dockerfile(s) build without a .dockerignore: the whole directory is sent as context", missing.len()), missing)
    }
}
