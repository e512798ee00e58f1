//! The live probe on the command line: `shipshape probe URL` and `audit PATH --url URL`.

use std::path::PathBuf;
use std::time::Duration;

use shipshape_core::live::LiveCapture;
use shipshape_core::report::Report;

/// How to probe (shared by `probe` and `audit --url`).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Live probe")]
pub struct ProbeArgs {
    /// Timing samples of the page, one at a time with a short pause (1–100).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub samples: u32,
    /// Seconds each request may take.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=60))]
    pub timeout: u64,
    /// Follow redirects to other hosts (by default they are reported, not followed).
    #[arg(long)]
    pub follow_redirects: bool,
    /// Trust the certificates in this PEM file (an internal CA) besides the public roots.
    #[arg(long, value_name = "FILE")]
    pub cacert: Vec<PathBuf>,
    /// The port of the plain-HTTP listener, for the HTTPS-redirect check.
    #[arg(long, value_name = "PORT", default_value_t = 80)]
    pub http_port: u16,
}

/// Probe `url`, trying the health routes `report` found besides the usual ones.
pub fn run(url: &str, args: &ProbeArgs, repo: Option<&Report>) -> Result<LiveCapture, String> {
    let mut roots = Vec::new();
    for path in &args.cacert {
        roots.push(std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?);
    }
    let options = shipshape_probe::Options {
        samples: args.samples,
        timeout: Duration::from_secs(args.timeout),
        follow_redirects: args.follow_redirects,
        extra_health_paths: repo.map(health_routes).unwrap_or_default(),
        extra_roots_pem: roots,
        http_port: Some(args.http_port),
        ..shipshape_probe::Options::default()
    };
    shipshape_probe::probe(url, &options).map_err(|e| e.to_string())
}

/// The repository's health routes (`health.endpoints`), as paths to try.
fn health_routes(report: &Report) -> Vec<String> {
    report
        .facts
        .get("health.endpoints")
        .and_then(|f| f.value.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().or_else(|| v["path"].as_str()))
        .filter(|p| p.starts_with('/') && !p.contains([':', '*', '[', '{']))
        .map(String::from)
        .collect()
}
