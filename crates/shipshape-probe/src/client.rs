//! One HTTP/1.1 exchange over TCP or TLS, timed: hyper speaks HTTP, rustls does TLS, and the
//! connection is opened here so the handshake (protocol version, certificate, ALPN) can be
//! read. Every step has a deadline; every failure is a [`NetError`] with a plain reason.

use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// Bodies are read up to this size (an asset or page larger than this is cut, not an error).
const MAX_BODY: usize = 2 * 1024 * 1024;

/// Where to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub https: bool,
    pub host: String,
    pub port: u16,
}

/// What went wrong before a response arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    Dns(String),
    Refused(String),
    Tls(String),
    Timeout(&'static str),
    Protocol(String),
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetError::Dns(why) => write!(f, "DNS lookup failed: {why}"),
            NetError::Refused(why) => write!(f, "connection failed: {why}"),
            NetError::Tls(why) => write!(f, "TLS handshake failed: {why}"),
            NetError::Timeout(stage) => write!(f, "timed out during {stage}"),
            NetError::Protocol(why) => write!(f, "bad HTTP response: {why}"),
        }
    }
}

/// A response as the probe keeps it.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Lowercase names, in order; values lossily decoded.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    pub ttfb: Duration,
    pub total: Duration,
}

/// What the TLS handshake told.
#[derive(Debug, Clone)]
pub struct Handshake {
    pub version: String,
    pub alpn: Option<Vec<u8>>,
    /// The leaf certificate's notAfter, as seconds since the epoch.
    pub not_after: Option<i64>,
}

/// TLS settings shared by every connection of a probe.
#[derive(Clone)]
pub struct Tls {
    http1: Arc<rustls::ClientConfig>,
    alpn_h2: Arc<rustls::ClientConfig>,
}

impl Tls {
    /// Mozilla's roots (webpki-roots), plus any extra PEM roots the user trusts.
    pub fn new(extra_roots_pem: &[Vec<u8>]) -> Result<Tls, String> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for pem in extra_roots_pem {
            let mut added = 0;
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert = cert.map_err(|e| format!("not a PEM certificate: {e}"))?;
                roots.add(cert).map_err(|e| format!("unusable certificate: {e}"))?;
                added += 1;
            }
            if added == 0 {
                return Err("no certificate in the PEM file".into());
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = |alpn: Vec<Vec<u8>>| -> Result<Arc<rustls::ClientConfig>, String> {
            let mut c = rustls::ClientConfig::builder_with_provider(provider.clone())
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .with_root_certificates(roots.clone())
                .with_no_client_auth();
            c.alpn_protocols = alpn;
            Ok(Arc::new(c))
        };
        Ok(Tls { http1: config(vec![b"http/1.1".to_vec()])?, alpn_h2: config(vec![b"h2".to_vec(), b"http/1.1".to_vec()])? })
    }
}

async fn connect_tcp(endpoint: &Endpoint, deadline: Instant) -> Result<TcpStream, NetError> {
    let addrs: Vec<std::net::SocketAddr> = within(deadline, "DNS lookup", tokio::net::lookup_host((endpoint.host.as_str(), endpoint.port)))
        .await?
        .map_err(|e| NetError::Dns(format!("{}: {e}", endpoint.host)))?
        .collect();
    if addrs.is_empty() {
        return Err(NetError::Dns(format!("{}: no address", endpoint.host)));
    }
    let mut last = None;
    for addr in addrs {
        match within(deadline, "connect", TcpStream::connect(addr)).await? {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(e) => last = Some(format!("{addr}: {e}")),
        }
    }
    Err(NetError::Refused(last.unwrap_or_default()))
}

async fn within<T>(deadline: Instant, stage: &'static str, fut: impl Future<Output = T>) -> Result<T, NetError> {
    let left = deadline.saturating_duration_since(Instant::now());
    tokio::time::timeout(left, fut).await.map_err(|_| NetError::Timeout(stage))
}

async fn connect_tls(
    endpoint: &Endpoint,
    config: Arc<rustls::ClientConfig>,
    deadline: Instant,
) -> Result<(TlsStream<TcpStream>, Handshake), NetError> {
    let tcp = connect_tcp(endpoint, deadline).await?;
    let name = ServerName::try_from(endpoint.host.clone()).map_err(|e| NetError::Tls(format!("{}: {e}", endpoint.host)))?;
    let stream = within(deadline, "TLS handshake", TlsConnector::from(config).connect(name, tcp))
        .await?
        .map_err(|e| NetError::Tls(e.to_string()))?;
    let (_, session) = stream.get_ref();
    let version =
        session.protocol_version().and_then(|v| v.as_str()).unwrap_or("unknown").replace("TLSv1_", "TLSv1.").replace("TLSv1.0", "TLSv1");
    let not_after = session
        .peer_certificates()
        .and_then(|c| c.first())
        .and_then(|leaf| x509_parser::parse_x509_certificate(leaf.as_ref()).ok().map(|(_, cert)| cert.validity().not_after.timestamp()));
    let handshake = Handshake { version, alpn: session.alpn_protocol().map(<[u8]>::to_vec), not_after };
    Ok((stream, handshake))
}

/// Only the TLS handshake, offering HTTP/2: what the server speaks and shows.
pub async fn handshake(endpoint: &Endpoint, tls: &Tls, timeout: Duration) -> Result<Handshake, NetError> {
    let (_, handshake) = connect_tls(endpoint, tls.alpn_h2.clone(), Instant::now() + timeout).await?;
    Ok(handshake)
}

/// Accept-Encoding of every request but one: what browsers ask for.
pub const COMPRESSED: &str = "br, gzip";
/// For reading a page's HTML (to find an asset): no compression.
pub const IDENTITY: &str = "identity";

/// `GET path` on a fresh connection, asking for `encoding`.
pub async fn get(endpoint: &Endpoint, path: &str, tls: &Tls, timeout: Duration, encoding: &str) -> Result<Response, NetError> {
    let started = Instant::now();
    let deadline = started + timeout;
    if endpoint.https {
        let (stream, _) = connect_tls(endpoint, tls.http1.clone(), deadline).await?;
        exchange(TokioIo::new(stream), endpoint, path, encoding, started, deadline).await
    } else {
        let stream = connect_tcp(endpoint, deadline).await?;
        exchange(TokioIo::new(stream), endpoint, path, encoding, started, deadline).await
    }
}

async fn exchange<IO>(
    io: IO,
    endpoint: &Endpoint,
    path: &str,
    encoding: &str,
    started: Instant,
    deadline: Instant,
) -> Result<Response, NetError>
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let protocol = |e: hyper::Error| NetError::Protocol(e.to_string());
    let (mut sender, connection) =
        within(deadline, "HTTP handshake", hyper::client::conn::http1::handshake::<_, Empty<Bytes>>(io)).await?.map_err(protocol)?;
    let driver = tokio::spawn(async move {
        let _ = connection.await;
    });
    let default_port = if endpoint.https { 443 } else { 80 };
    let host = if endpoint.port == default_port { endpoint.host.clone() } else { format!("{}:{}", endpoint.host, endpoint.port) };
    let request = hyper::Request::get(path)
        .header("host", host)
        .header("user-agent", concat!("shipshape-probe/", env!("CARGO_PKG_VERSION")))
        .header("accept", "text/html,application/json;q=0.9,*/*;q=0.8")
        .header("accept-encoding", encoding)
        .body(Empty::<Bytes>::new())
        .map_err(|e| NetError::Protocol(e.to_string()))?;
    let response = within(deadline, "waiting for the response", sender.send_request(request)).await?.map_err(protocol);
    let response = match response {
        Ok(r) => r,
        Err(e) => {
            driver.abort();
            return Err(e);
        }
    };
    let ttfb = started.elapsed();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let body = match within(deadline, "reading the body", Limited::new(response.into_body(), MAX_BODY).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        // A body cut by the size cap or a slow trickle still tells what the head said.
        Ok(Err(_)) | Err(_) => Bytes::new(),
    };
    driver.abort();
    Ok(Response { status, headers, body, ttfb, total: started.elapsed() })
}
