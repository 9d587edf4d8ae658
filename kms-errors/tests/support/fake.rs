//! A scripted fake of the service on loopback: plain HTTP/1.1 on `std::net`, one thread a
//! connection, `Connection: close`; answer `n` (from 0) is the script's.

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
            huge => huge,
        }
    }
}

/// A running fake: its address, and what it saw.
pub struct Fake {
    addr: SocketAddr,
    arrivals: Arc<Mutex<Vec<Instant>>>,
    served: Arc<AtomicUsize>,
}

impl Fake {
    /// Starts a fake answering request `n` with `script(n)`.
    pub fn start(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let served = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(script);
        let (a, s) = (arrivals.clone(), served.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (a, s, script) = (a.clone(), s.clone(), script.clone());
                std::thread::spawn(move || serve(stream, &a, &s, &*script));
            }
        });
        Fake {
            addr,
            arrivals,
            served,
        }
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
    script: &(dyn Fn(usize) -> Reply + Send + Sync),
) {
    if read_request(&stream).is_none() {
        return;
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

/// Reads a request's line, headers and body (by `Content-Length`).
fn read_request(stream: &TcpStream) -> Option<()> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream);
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
    let (status, headers, body, huge) = match reply {
        Reply::With {
            status,
            headers,
            body,
        } => (*status, headers.as_slice(), body.as_bytes(), 0),
        Reply::Huge { status, bytes } => (*status, &[][..], &[][..], *bytes),
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
