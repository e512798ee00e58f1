//! The live probe against servers these tests start on loopback (plain and TLS): what it
//! captures, what it refuses, how it fails, and the reports it feeds. Nothing here contacts a
//! host other than 127.0.0.1.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::Value;
use shipshape_core::live::Purpose;
use shipshape_probe::{Options, probe};

use crate::fixtures::{command, materialize};
use crate::server::{Reply, Request, TestCert, http, serve};

fn quick() -> Options {
    Options { samples: 3, pause: Duration::ZERO, timeout: Duration::from_secs(3), ..Options::default() }
}

const PAGE_HEADERS: &[(&str, &str)] = &[
    ("content-type", "text/html"),
    ("x-frame-options", "DENY"),
    ("server", "nginx/1.25.3"),
    ("set-cookie", "sid=s3cr3t-session-value; Path=/"),
];

fn app(request: &Request) -> Reply {
    match request.path.as_str() {
        "/" => http("200 OK", PAGE_HEADERS, "<html><script src=\"/static/app.js\"></script></html>"),
        "/health" => http("200 OK", &[("content-type", "application/json"), ("cache-control", "no-store")], "{\"status\":\"ok\"}"),
        "/api/health" => http("503 Service Unavailable", &[("content-type", "application/json")], "{\"db\":\"down\"}"),
        "/static/app.js" => http("200 OK", &[("cache-control", "public, max-age=31536000, immutable")], "console.log(1)"),
        "/internal/up" => http("200 OK", &[], "up"),
        _ => http("404 Not Found", &[], "no"),
    }
}

#[test]
fn a_plain_http_deployment_is_captured() {
    let server = serve(app, None);
    let url = format!("http://127.0.0.1:{}/", server.port);
    let options = Options { extra_health_paths: vec!["/internal/up".into()], ..quick() };
    let capture = probe(&url, &options).expect("probe");
    let page = capture.exchanges.iter().find(|e| e.purpose == Purpose::Page).expect("page");
    assert_eq!(page.status, Some(200));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("set-cookie"), Some("sid=…; Path=/"), "cookie values are never kept");
    let health: Vec<(String, Option<u16>)> =
        capture.exchanges.iter().filter(|e| e.purpose == Purpose::Health).map(|e| (e.url.clone(), e.status)).collect();
    assert!(health.contains(&(format!("http://127.0.0.1:{}/health", server.port), Some(200))));
    assert!(health.contains(&(format!("http://127.0.0.1:{}/api/health", server.port), Some(503))));
    assert!(health.contains(&(format!("http://127.0.0.1:{}/internal/up", server.port), Some(200))), "the repo's routes are tried");
    let asset = capture.exchanges.iter().find(|e| e.purpose == Purpose::Asset).expect("asset");
    assert!(asset.url.ends_with("/static/app.js"));
    let latency = capture.latency.as_ref().expect("latency");
    assert_eq!(latency.ttfb_ms.len(), 3);
    assert!(latency.ttfb_ms.iter().zip(&latency.total_ms).all(|(t, total)| t <= total));
    assert!(capture.tls.is_none());
}

#[test]
fn tls_version_certificate_http2_and_the_https_redirect() {
    let cert = TestCert::new(&[b"h2", b"http/1.1"]);
    let tls = serve(app, Some(cert.config.clone()));
    let plain = {
        let port = tls.port;
        serve(move |r| http("308 Permanent Redirect", &[("location", &format!("https://localhost:{port}{}", r.path))], ""), None)
    };
    let url = format!("https://localhost:{}/", tls.port);
    let options = Options { extra_roots_pem: vec![cert.pem.clone().into_bytes()], http_port: Some(plain.port), ..quick() };
    let capture = probe(&url, &options).expect("probe");
    let info = capture.tls.as_ref().expect("tls");
    assert_eq!(info.version, "TLSv1.3");
    assert!(info.http2, "the server chose h2 when offered it");
    assert!(info.cert_days_left.is_some_and(|d| d > 365), "{info:?}");
    let redirect = capture.exchanges.iter().find(|e| e.purpose == Purpose::HttpsRedirect).expect("redirect check");
    assert_eq!(redirect.status, Some(308));

    // The same server without h2, and an untrusted certificate.
    let http1 = TestCert::new(&[b"http/1.1"]);
    let server = serve(app, Some(http1.config.clone()));
    let options = Options { extra_roots_pem: vec![http1.pem.clone().into_bytes()], http_port: Some(plain.port), ..quick() };
    let capture = probe(&format!("https://localhost:{}/", server.port), &options).expect("probe");
    assert!(!capture.tls.expect("tls").http2);
    let untrusted = probe(&format!("https://localhost:{}/", server.port), &quick()).expect_err("untrusted certificate");
    assert!(untrusted.0.contains("TLS handshake failed"), "{untrusted}");
}

#[test]
fn redirects_to_other_hosts_are_reported_not_followed() {
    let server = serve(
        |r| match r.path.as_str() {
            "/" => http("301 Moved Permanently", &[("location", "/home")], ""),
            "/home" => http("302 Found", &[("location", "http://login.elsewhere.invalid/sso")], ""),
            _ => http("404 Not Found", &[], ""),
        },
        None,
    );
    let capture = probe(&format!("http://127.0.0.1:{}/", server.port), &quick()).expect("probe");
    let page = capture.exchanges.iter().find(|e| e.purpose == Purpose::Page).expect("page");
    assert!(page.url.ends_with("/home"), "same-host redirects are followed: {}", page.url);
    assert_eq!(page.status, Some(302));
    assert_eq!(capture.offhost_redirects, vec!["http://login.elsewhere.invalid/sso".to_string()]);
}

#[test]
fn redirects_to_another_port_of_the_same_host_are_not_followed() {
    // Another port is another service: nothing after the page may be sent there.
    let other = serve(|_| http("200 OK", &[], "the admin console"), None);
    let location = format!("http://127.0.0.1:{}/admin", other.port);
    let server = serve(
        move |r| match r.path.as_str() {
            "/" => http("302 Found", &[("location", location.as_str())], ""),
            _ => http("404 Not Found", &[], ""),
        },
        None,
    );
    let capture = probe(&format!("http://127.0.0.1:{}/", server.port), &quick()).expect("probe");
    assert_eq!(capture.offhost_redirects, vec![format!("http://127.0.0.1:{}/admin", other.port)]);
    assert_eq!(other.requests.load(Ordering::SeqCst), 0, "no request went to the other port");
    let page = capture.exchanges.iter().find(|e| e.purpose == Purpose::Page).expect("page");
    assert_eq!(page.status, Some(302));
}

#[test]
fn the_time_budget_is_a_deadline_on_the_request_in_flight() {
    // The page answers at once; every health path hangs past the budget. The health request in
    // flight when the budget ends is cut at the deadline, not run to its own --timeout, and it
    // is not recorded as the deployment timing out.
    let server = serve(
        |r| match r.path.as_str() {
            "/" => http("200 OK", PAGE_HEADERS, "<html></html>"),
            _ => Reply::Slow(Duration::from_secs(20), b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec()),
        },
        None,
    );
    let options = Options { budget: Duration::from_secs(2), timeout: Duration::from_secs(60), ..quick() };
    let capture = probe(&format!("http://127.0.0.1:{}/", server.port), &options).expect("probe");
    let health: Vec<_> = capture.exchanges.iter().filter(|e| e.purpose == Purpose::Health).collect();
    assert!(health.is_empty(), "a request cut by the budget is not a result: {health:?}");
    assert_eq!(server.requests.load(Ordering::SeqCst), 2, "the page, then one health path, then the deadline");
    assert!(capture.latency.expect("latency").ttfb_ms.is_empty(), "no sample after the deadline");
}

#[test]
fn failures_are_clear_errors() {
    // Refused: nothing listens on port 1.
    let refused = probe("http://127.0.0.1:1/", &quick()).expect_err("refused");
    assert!(refused.0.contains("connection failed"), "{refused}");

    let slow = serve(|_| Reply::Slow(Duration::from_secs(3), b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec()), None);
    let options = Options { timeout: Duration::from_millis(300), ..quick() };
    let timeout = probe(&format!("http://127.0.0.1:{}/", slow.port), &options).expect_err("timeout");
    assert!(timeout.0.contains("timed out"), "{timeout}");

    let garbage = serve(|_| Reply::Raw(b"\x00\x01 this is not HTTP at all\r\n\r\n".to_vec()), None);
    let bad = probe(&format!("http://127.0.0.1:{}/", garbage.port), &quick()).expect_err("garbage");
    assert!(bad.0.contains("bad HTTP response"), "{bad}");

    let huge_value = "x".repeat(8 * 1024);
    let huge = serve(
        move |_| {
            let headers: Vec<(String, String)> = (0..80).map(|i| (format!("x-filler-{i}"), huge_value.clone())).collect();
            let borrowed: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            http("200 OK", &borrowed, "")
        },
        None,
    );
    let oversized = probe(&format!("http://127.0.0.1:{}/", huge.port), &quick()).expect_err("oversized head");
    assert!(oversized.0.contains("bad HTTP response"), "{oversized}");

    for url in ["ftp://127.0.0.1/", "127.0.0.1:80", "https://user:pw@127.0.0.1/"] {
        assert!(probe(url, &quick()).is_err(), "{url}");
    }
}

#[test]
fn a_compressed_page_is_read_again_to_find_its_asset() {
    let server = serve(
        |r| match (r.path.as_str(), r.head.contains("accept-encoding: identity")) {
            // The compressed body is opaque to a plain scan; the identity one is HTML.
            ("/", false) => http("200 OK", &[("content-encoding", "br")], "\u{1b}\u{7}compressed"),
            ("/", true) => http("200 OK", &[], "<link rel=\"stylesheet\" href=\"/site.css\">"),
            ("/site.css", _) => http("200 OK", &[("cache-control", "max-age=60")], "body{}"),
            _ => http("404 Not Found", &[], ""),
        },
        None,
    );
    let capture = probe(&format!("http://127.0.0.1:{}/", server.port), &quick()).expect("probe");
    let asset = capture.exchanges.iter().find(|e| e.purpose == Purpose::Asset).expect("the asset was found");
    assert!(asset.url.ends_with("/site.css"));
    let page = capture.exchanges.iter().find(|e| e.purpose == Purpose::Page).expect("page");
    assert_eq!(page.header("content-encoding"), Some("br"), "the page itself was asked for compression");
}

#[test]
fn requests_are_capped() {
    let server = serve(app, None);
    let options = Options { samples: 1_000, ..quick() };
    let capture = probe(&format!("http://127.0.0.1:{}/", server.port), &options).expect("probe");
    assert_eq!(capture.latency.expect("latency").ttfb_ms.len(), shipshape_probe::MAX_SAMPLES as usize);
    let made = server.requests.load(Ordering::SeqCst);
    assert!(made <= shipshape_probe::MAX_REQUESTS, "{made} requests");
    // One page, the health paths, one asset, the samples: nothing else.
    assert_eq!(made, 1 + shipshape_probe::HEALTH_PATHS.len() + 1 + 100);
}

#[test]
fn probe_command_reports_in_every_format() {
    let server = serve(app, None);
    let url = format!("http://127.0.0.1:{}/", server.port);
    let port = server.port.to_string();
    let probe_args = ["--samples", "2", "--http-port", port.as_str()];
    let run = |format: &str| {
        let out = command().args(["probe", &url, "-f", format]).args(probe_args).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let report: Value = serde_json::from_str(&run("json")).expect("json");
    assert!(report["facts"].as_object().expect("facts").keys().all(|k| k.starts_with("live.")));
    assert_eq!(report["facts"]["live.disclosure"]["value"], serde_json::json!(["server-version"]));
    let grade = &report["facts"]["live.header_grade"]["value"];
    assert_eq!((grade["score"].as_i64(), grade["grade"].as_str()), (Some(40), Some("D+")), "{grade}");
    let rules: Vec<&str> = report["findings"].as_array().expect("findings").iter().filter_map(|f| f["rule"].as_str()).collect();
    for rule in ["SEC012", "SEC015", "SEC016", "OBS012", "DEP014", "SCL009"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let sec016 = report["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "SEC016").expect("SEC016");
    assert_eq!(sec016["evidence"][0]["snippet"], "server: nginx/1.25.3");
    assert_eq!(sec016["evidence"][0]["path"], url);
    assert!(!run("json").contains("s3cr3t"), "cookie values never reach a report");
    assert!(run("markdown").contains("Security hardening"));
    assert!(run("html").contains("<svg"));
    assert!(run("terminal").contains("SEC016"));
    let sarif: Value = serde_json::from_str(&run("sarif")).expect("sarif");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]), "live-only findings map to no repository file");

    let refused = command().args(["probe", "http://127.0.0.1:1/"]).output().expect("run");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("connection failed"));
    let bad = command().args(["probe", "file:///etc/passwd"]).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("only http and https"));
}

#[test]
fn audit_with_url_says_what_is_configured_but_not_served() {
    let server = serve(app, None);
    let url = format!("http://127.0.0.1:{}/", server.port);
    let repo = materialize(&[
        (
            "vercel.json".to_string(),
            "{\"headers\":[{\"source\":\"/(.*)\",\"headers\":[{\"key\":\"Content-Security-Policy\",\"value\":\"default-src 'self'\"},{\"key\":\"X-Frame-Options\",\"value\":\"DENY\"}]}]}\n".to_string(),
        ),
        ("package.json".to_string(), "{\"name\":\"app\",\"dependencies\":{\"next\":\"15.0.0\"}}\n".to_string()),
    ]);
    let port = server.port.to_string();
    let out = command()
        .args(["audit", repo.path().to_str().expect("utf-8"), "--url", &url, "-f", "json", "--samples", "2", "--http-port", &port])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let sec013 = report["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "SEC013").expect("SEC013");
    assert!(sec013["message"].as_str().expect("message").contains("not served: content-security-policy"), "{sec013}");
    let cited: Vec<&str> = sec013["evidence"].as_array().expect("evidence").iter().filter_map(|e| e["path"].as_str()).collect();
    assert!(cited.contains(&"vercel.json") && cited.contains(&url.as_str()), "{cited:?}");
    assert_eq!(report["facts"]["live.headers"]["value"], serde_json::json!(["x-frame-options"]));
    assert_eq!(report["source"]["files"], 2, "live responses are not counted as files");
    assert_eq!(report["facts"]["stack.frameworks"]["value"], serde_json::json!(["nextjs"]), "the repository is audited too");

    let md = command()
        .args(["audit", repo.path().to_str().expect("utf-8"), "--url", &url, "-f", "markdown", "--samples", "1", "--http-port", &port])
        .output()
        .expect("run");
    let md = String::from_utf8(md.stdout).expect("utf-8");
    assert!(md.contains("## Live deployment"), "{md}");
    assert!(md.contains("| `content-security-policy` | `vercel.json:1` | **not served** |"), "{md}");
    assert!(md.contains(&format!("| `x-frame-options` | `vercel.json:1` | `{url}:")), "{md}");

    let sarif = command()
        .args(["audit", repo.path().to_str().expect("utf-8"), "--url", &url, "-f", "sarif", "--samples", "1", "--http-port", &port])
        .output()
        .expect("run");
    let sarif: Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "SEC013"), "a live finding citing vercel.json maps to it");
    assert!(!results.iter().any(|r| r["ruleId"] == "SEC016"), "a live-only finding does not");
    assert!(!serde_json::to_string(&sarif).expect("json").contains("127.0.0.1"), "no URL becomes a SARIF location");
}

#[test]
fn the_repository_s_health_routes_are_tried() {
    let server = serve(
        |r| match r.path.as_str() {
            "/api/healthcheck" => http("200 OK", &[("content-type", "application/json"), ("cache-control", "no-store")], "{\"ok\":true}"),
            "/" => http("200 OK", &[], "<html></html>"),
            _ => http("404 Not Found", &[], ""),
        },
        None,
    );
    let repo = materialize(&[
        ("package.json".to_string(), "{\"name\":\"a\",\"dependencies\":{\"next\":\"15.0.0\"}}\n".to_string()),
        (
            "app/api/healthcheck/route.ts".to_string(),
            "export async function GET() {\n  return Response.json({ ok: true });\n}\n".to_string(),
        ),
    ]);
    let url = format!("http://127.0.0.1:{}/", server.port);
    let port = server.port.to_string();
    let run = |repo_arg: Option<&str>| -> Value {
        let mut c = command();
        c.args(["probe", &url, "-f", "json", "--samples", "1", "--http-port", &port]);
        if let Some(path) = repo_arg {
            c.args(["--repo", path]);
        }
        serde_json::from_slice(&c.output().expect("run").stdout).expect("json")
    };
    let health = |report: &Value| {
        report["facts"]["live.health"]["value"].as_array().map(|a| a.iter().map(|h| h["path"].clone()).collect::<Vec<_>>())
    };
    assert_eq!(health(&run(None)), Some(vec![]), "/api/healthcheck is not a default path");
    let with_repo = run(Some(repo.path().to_str().expect("utf-8")));
    assert_eq!(health(&with_repo), Some(vec![Value::from("/api/healthcheck")]));
    let rules: Vec<&str> = with_repo["findings"].as_array().expect("findings").iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(!rules.contains(&"OBS011"), "{rules:?}");
}
