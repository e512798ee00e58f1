use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// A Dockerfile passes a secret through ENV or ARG.
    ///
    /// ## What it checks
    /// Dockerfile `ENV` and `ARG` instructions whose name says secret (`*_TOKEN`, `*_SECRET`,
    /// `*_PASSWORD`, `*_API_KEY`, …).
    ///
    /// ## Why it matters
    /// `ENV` values are stored in the image and shown by `docker inspect`; `ARG` values are
    /// recorded in the image history. Anyone who can pull the image has the secret.
    ///
    /// ## How to fix
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
    /// ```
    ///
    /// References: <https://docs.docker.com/build/building/secrets/>
    SecretBakedIntoImage {
        id: "CFG009",
        name: "secret-baked-into-image",
        category: Config,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["secrets.dockerfile"],
        fix: "Pass secrets at run time or with BuildKit secret mounts, never through ENV or ARG.",
        done: "No Dockerfile passes a secret through ENV or ARG",
    }
    fn check(inv) {
        if inv.is_true("secrets.dockerfile") {
            return fail("a secret-named variable is set with ENV or ARG: it is stored in the image", inv.get("secrets.dockerfile").evidence.clone());
        }
        pass()
    }
}
