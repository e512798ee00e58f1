//! JS/TS parse-and-index rate over a tree: what the benchmark reports as parse ms/MB.
//!
//! usage: cargo run --release -p shipshape-lang --example parse_rate -- TREE [ROUNDS]
//!
//! Indexes every `.js/.jsx/.ts/.tsx/.mjs/.cjs/.mts/.cts` file outside `node_modules` and `.git`
//! (declaration files excepted), all of them, not only those the prefilter passes, and prints
//! the best of ROUNDS (default 5) on one thread.

use std::path::{Path, PathBuf};
use std::time::Instant;

use shipshape_lang::Dialect;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && name != "node_modules" && name != ".git" {
            sources(&entry.path(), out);
        } else if kind.is_file() && !name.ends_with(".d.ts") && Dialect::from_path(&name).is_some_and(|d| d != Dialect::Python) {
            out.push(entry.path());
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(tree) = args.get(1) else {
        eprintln!("usage: parse_rate TREE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut paths = Vec::new();
    sources(Path::new(tree), &mut paths);
    paths.sort();
    let files: Vec<(String, String, Dialect)> = paths
        .iter()
        .filter_map(|p| {
            let path = p.to_string_lossy().into_owned();
            let dialect = Dialect::from_path(&path)?;
            Some((std::fs::read_to_string(p).ok()?, path, dialect))
        })
        .collect();
    let megabytes = files.iter().map(|(text, _, _)| text.len()).sum::<usize>() as f64 / 1e6;
    // As in the audit: on a thread with a large stack, files parse in place.
    let run = move || {
        let mut best = f64::MAX;
        let mut failed = 0;
        for _ in 0..rounds {
            let start = Instant::now();
            failed = files.iter().filter(|(text, _, dialect)| shipshape_lang::try_index(text, *dialect).is_err()).count();
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "{} files, {megabytes:.1} MB: best of {rounds} {:.1} ms, {:.1} ms/MB ({failed} not indexed)",
            files.len(),
            best * 1e3,
            best * 1e3 / megabytes
        );
    };
    let thread = std::thread::Builder::new().stack_size(256 << 20).spawn(run);
    if let Ok(thread) = thread {
        let _ = thread.join();
    }
}
