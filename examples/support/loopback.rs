//! What the client examples share: a minimal HTTP/1.1 server side for a loopback fake (read
//! a request line, write an `http::Response`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The request's method and path (`GET /v1/keys`); the headers and body are read and dropped.
pub fn read_request(stream: &TcpStream) -> Option<String> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let request = format!("{} {}", parts.next()?, parts.next()?);
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
    reader.read_exact(&mut body).ok()?;
    Some(request)
}

/// An `http::Response` on the wire (HTTP/1.1, `Connection: close`).
pub fn write_response(stream: &mut TcpStream, r: &http::Response<Vec<u8>>) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {}\r\n", r.status());
    for (name, value) in r.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap_or("")));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        r.body().len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(r.body())
}
