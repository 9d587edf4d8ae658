//! A scripted fake of the service on loopback: plain HTTP/1.1 on `std::net`, one thread a
//! connection, `Connection: close`; answer `n` (from 0) is the script's. What is not an HTTP
//! request (a TLS handshake sent to it by an `https` URL) gets `400 Bad Request` in plain
//! HTTP, as a web server answers it, and is counted apart ([`Fake::rejected`]).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One answer of the fake.
#[derive(Clone, Debug)]
pub enum Reply {
    /// HTTP `status` with headers and a body.
    With {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// HTTP `status` with a body of `bytes` bytes of `x` (written as the client reads it).
    Huge { status: u16, bytes: usize },
    /// The reply, after a pause (for clients that time out first).
    Slow(Duration, Box<Reply>),
}

impl Reply {
    /// 200 with `body`.
    pub fn ok(body: &str) -> Reply {
        Reply::With {
            status: 200,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// `status` with the flat error body `{"error_code": code, "error_msg": ...}` and a
    /// request id.
    pub fn error(status: u16, code: &str) -> Reply {
        Reply::With {
            status,
            headers: vec![("X-Request-Id", "fake-req".to_owned())],
            body: format!(r#"{{"error_code":"{code}","error_msg":"from the fake"}}"#),
        }
    }

    /// The same with a `Retry-After` header.
    pub fn error_after(status: u16, code: &str, retry_after: &str) -> Reply {
        match Reply::error(status, code) {
            Reply::With {
                status,
                mut headers,
                body,
            } => {
                headers.push(("Retry-After", retry_after.to_owned()));
                Reply::With {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

/// A running fake: its address, and what it saw.
pub struct Fake {
    addr: SocketAddr,
    arrivals: Arc<Mutex<Vec<Instant>>>,
    served: Arc<AtomicUsize>,
    rejected: Arc<AtomicUsize>,
}

impl Fake {
    /// Starts a fake answering request `n` with `script(n)`.
    pub fn start(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let served = Arc::new(AtomicUsize::new(0));
        let rejected = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(script);
        let (a, s, r) = (arrivals.clone(), served.clone(), rejected.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (a, s, r, script) = (a.clone(), s.clone(), r.clone(), script.clone());
                std::thread::spawn(move || serve(stream, &a, &s, &r, &*script));
            }
        });
        Fake {
            addr,
            arrivals,
            served,
            rejected,
        }
    }

    /// The `https` URL of `path` on the fake (which does not speak TLS).
    pub fn https_url(&self, path: &str) -> String {
        format!("https://{}{path}", self.addr)
    }

    /// How many connections sent something that is not an HTTP request (answered 400).
    pub fn rejected(&self) -> usize {
        self.rejected.load(Ordering::SeqCst)
    }

    /// The URL of `path` on the fake.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many requests arrived.
    pub fn requests(&self) -> usize {
        self.arrivals.lock().unwrap().len()
    }

    /// The time between the first request and each later one.
    pub fn since_first(&self) -> Vec<Duration> {
        let a = self.arrivals.lock().unwrap();
        a.iter().map(|t| t.duration_since(a[0])).collect()
    }

    /// How many answers were written whole.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

fn serve(
    mut stream: TcpStream,
    arrivals: &Mutex<Vec<Instant>>,
    served: &AtomicUsize,
    rejected: &AtomicUsize,
    script: &(dyn Fn(usize) -> Reply + Send + Sync),
) {
    match read_request(&stream) {
        Incoming::Request => {}
        Incoming::Closed => return,
        Incoming::NotHttp => {
            rejected.fetch_add(1, Ordering::SeqCst);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            return;
        }
    }
    let n = {
        let mut a = arrivals.lock().unwrap();
        a.push(Instant::now());
        a.len() - 1
    };
    if write_reply(&mut stream, &script(n)).is_ok() {
        served.fetch_add(1, Ordering::SeqCst);
    }
}

/// What came in on a connection.
enum Incoming {
    /// A request, read whole.
    Request,
    /// Nothing, or a request that broke off.
    Closed,
    /// Bytes that do not start an HTTP request (a TLS handshake).
    NotHttp,
}

/// Reads a request's line, headers and body (by `Content-Length`).
fn read_request(stream: &TcpStream) -> Incoming {
    if stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .is_err()
    {
        return Incoming::Closed;
    }
    let mut reader = BufReader::new(stream);
    // A request starts with a method's capital letters.
    match reader.fill_buf() {
        Ok([]) | Err(_) => return Incoming::Closed,
        Ok([first, ..]) if !first.is_ascii_uppercase() => return Incoming::NotHttp,
        Ok(_) => {}
    }
    match read_rest(&mut reader) {
        Some(()) => Incoming::Request,
        None => Incoming::Closed,
    }
}

/// The request line, headers and body.
fn read_rest(reader: &mut BufReader<&TcpStream>) -> Option<()> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    if line.is_empty() {
        return None;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        if header.trim().is_empty() {
            break;
        }
        if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()
}

fn write_reply(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    if let Reply::Slow(pause, reply) = reply {
        std::thread::sleep(*pause);
        return write_reply(stream, reply);
    }
    let (status, headers, body, huge) = match reply {
        Reply::With {
            status,
            headers,
            body,
        } => (*status, headers.as_slice(), body.as_bytes(), 0),
        Reply::Huge { status, bytes } => (*status, &[][..], &[][..], *bytes),
        Reply::Slow(..) => unreachable!("written above"),
    };
    let mut head = format!("HTTP/1.1 {status} Fake\r\nContent-Type: application/json\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let length = if huge > 0 { huge } else { body.len() };
    head.push_str(&format!(
        "Content-Length: {length}\r\nConnection: close\r\n\r\n"
    ));
    stream.write_all(head.as_bytes())?;
    if huge == 0 {
        return stream.write_all(body);
    }
    // A client that has read enough closes the connection: the write fails, and the rest
    // is never sent.
    let chunk = vec![b'x'; 64 * 1024];
    let mut left = huge;
    while left > 0 {
        let n = left.min(chunk.len());
        stream.write_all(&chunk[..n])?;
        left -= n;
    }
    Ok(())
}

/// A URL on loopback where nothing listens: connecting is refused.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/v1/keys")
}
