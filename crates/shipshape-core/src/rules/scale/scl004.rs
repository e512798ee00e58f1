use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A Next.js app does not use next/image.
    ///
    /// ## What it checks
    /// For Next.js apps, that application source imports `next/image`.
    ///
    /// ## Why it matters
    /// Unoptimised images are usually the largest bytes on a page: `next/image` resizes, converts
    /// to modern formats, lazy-loads and sets dimensions (no layout shift).
    ///
    /// ## How to fix
    /// ```tsx
    /// import Image from "next/image";
    /// <Image src="/hero.jpg" alt="" width={1200} height={600} priority />
    /// ```
    ///
    /// References: <https://nextjs.org/docs/app/building-your-application/optimizing/images>
    NoImageOptimization {
        id: "SCL004",
        name: "no-image-optimization",
        category: Scale,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["stack.frameworks", "perf.image_optimization"],
        fix: "Serve images through next/image (or the framework's image component).",
        done: "The Next.js app uses next/image",
    }
    fn check(inv) {
        if !inv.list("stack.frameworks").contains(&"nextjs") {
            return not_applicable("not a Next.js app");
        }
        if inv.is_true("perf.image_optimization") {
            return pass();
        }
        fail("the Next.js app never imports next/image", Vec::new())
    }
}
