//! A TLS server on loopback whose certificate no root vouches for (a self-signed one for
//! `localhost` and 127.0.0.1, made for these tests and trusted by nothing): a client that
//! checks certificates refuses it during the handshake, as it refuses an expired or
//! misissued one. Counts the handshakes begun.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const CERT: &[u8] = include_bytes!("untrusted-cert.pem");
const KEY: &[u8] = include_bytes!("untrusted-key.pem");

/// A running TLS server: its URL, and how many connections it took.
pub struct TlsServer {
    url: String,
    connections: Arc<AtomicUsize>,
}

impl TlsServer {
    /// Starts one; each connection gets the handshake, and nothing more.
    pub fn start() -> TlsServer {
        let cert = CertificateDer::from_pem_slice(CERT).expect("the test certificate");
        let key = PrivateKeyDer::from_pem_slice(KEY).expect("the test key");
        #[allow(deprecated)] // ring's provider, without post-quantum key exchange: enough here
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .expect("a server configuration");
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("https://{}/v1/keys", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = connections.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                seen.fetch_add(1, Ordering::SeqCst);
                let config = config.clone();
                std::thread::spawn(move || {
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(conn, stream);
                    // The client aborts the handshake: the read fails.
                    let _ = tls.read(&mut [0; 1024]);
                });
            }
        });
        TlsServer { url, connections }
    }

    /// Its URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many connections it took.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}
