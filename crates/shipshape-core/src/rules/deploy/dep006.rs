use crate::declare_rule;
use crate::rules::{fail, pass, short_list};

declare_rule! {
    /// A container image is referenced without a version (`latest` or no tag).
    ///
    /// ## What it checks
    /// Base images in Dockerfile `FROM` lines (build stages excluded), compose `image:` and
    /// Kubernetes container `image:` values carry a tag other than `latest`, or a digest.
    ///
    /// ## Why it matters
    /// `latest` is whatever was pushed last: two builds of the same commit can differ, a new
    /// major version can arrive unannounced, and a rollback does not roll the image back.
    ///
    /// ## How to fix
    /// Pin a version, or better a digest, and let your update bot raise it:
    ///
    /// ```dockerfile
    /// FROM node:20.11-alpine3.19
    /// # or, immutable:
    /// FROM node:20.11-alpine3.19@sha256:<digest>
    /// ```
    ///
    /// References: <https://docs.docker.com/build/building/best-practices/#pin-base-image-versions>
    UnpinnedImage {
        id: "DEP006",
        name: "unpinned-image",
        category: Deploy,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.unpinned_images"],
        fix: "Pin every image to a version tag or digest instead of `latest`.",
        done: "Container images are referenced by version",
    }
    fn check(inv) {
        let images = inv.list("deploy.unpinned_images");
        if images.is_empty() {
            return pass();
        }
        fail(format!("{} image(s) without a pinned version: {}", images.len(), short_list(&images)), inv.get("deploy.unpinned_images").evidence.clone())
    }
}
