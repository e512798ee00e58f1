//! A small HTTP server on loopback for the probe's tests: raw responses chosen per path (so it
//! can serve garbage, oversized heads and slow answers), optionally behind TLS with a
//! certificate generated for the test. It counts the requests it answers.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the server sends for one path.
#[derive(Clone)]
pub enum Reply {
    /// These bytes, then close.
    Raw(Vec<u8>),
    /// Wait, then these bytes.
    Slow(Duration, Vec<u8>),
}

/// A response head and body, as bytes.
pub fn http(status: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut head = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.push_str(body);
    Reply::Raw(head.into_bytes())
}

/// What the server was asked.
pub struct Request {
    pub path: String,
    /// The whole request head, lowercase.
    pub head: String,
}

pub struct Server {
    pub port: u16,
    pub requests: Arc<AtomicUsize>,
}

/// A certificate for `localhost`, made for this run, and its PEM (for `--cacert`).
pub struct TestCert {
    pub config: Arc<rustls::ServerConfig>,
    pub pem: String,
}

impl TestCert {
    pub fn new(alpn: &[&[u8]]) -> TestCert {
        let key = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("certificate");
        let cert_der = rustls::pki_types::CertificateDer::from(key.cert.der().to_vec());
        let key_der = rustls::pki_types::PrivateKeyDer::try_from(key.signing_key.serialize_der()).expect("key");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert_der], key_der)
            .expect("server config");
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        TestCert { config: Arc::new(config), pem: key.cert.pem() }
    }
}

/// Serve `route(request)` on 127.0.0.1, plain or with TLS, until the test process ends.
pub fn serve(route: impl Fn(&Request) -> Reply + Send + Sync + 'static, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("addr").port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    let route = Arc::new(route);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let route = route.clone();
            let tls = tls.clone();
            let counted = counted.clone();
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                match tls {
                    Some(config) => {
                        let Ok(conn) = rustls::ServerConnection::new(config) else { return };
                        let mut stream = rustls::StreamOwned::new(conn, stream);
                        answer(&mut stream, &*route, &counted);
                    }
                    None => {
                        let mut stream: TcpStream = stream;
                        answer(&mut stream, &*route, &counted);
                    }
                }
            });
        }
    });
    Server { port, requests }
}

fn answer(stream: &mut (impl Read + Write), route: &dyn Fn(&Request) -> Reply, counted: &AtomicUsize) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    counted.fetch_add(1, Ordering::SeqCst);
    let text = String::from_utf8_lossy(&head);
    let request = Request { path: text.split_whitespace().nth(1).unwrap_or("/").to_string(), head: text.to_ascii_lowercase() };
    let bytes = match route(&request) {
        Reply::Raw(bytes) => bytes,
        Reply::Slow(wait, bytes) => {
            std::thread::sleep(wait);
            bytes
        }
    };
    let _ = stream.write_all(&bytes);
    let _ = stream.flush();
}
