//! The compile error of [`code!`](crate::code) for a literal that is not a code of the
//! enum: `` `KMS.0270` is not a code of `ErrorCode`; did you mean `KMS.0207`? ``. All of it
//! is `const fn`, evaluated by the compiler only when the lookup failed (the suggestion is
//! `kms_errors_core::distance::nearest`).

use crate::CatalogCode;
use kms_errors_core::distance::nearest;

/// A message assembled at compile time in a fixed buffer.
struct Message {
    buf: [u8; 512],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            buf: [0; 512],
            len: 0,
        }
    }

    /// Appends `s`, or as much of it as fits (whole characters).
    const fn push(&mut self, s: &str) {
        let b = s.as_bytes();
        let room = self.buf.len() - self.len;
        let mut n = if b.len() > room { room } else { b.len() };
        while n < b.len() && !s.is_char_boundary(n) {
            n -= 1;
        }
        let mut i = 0;
        while i < n {
            self.buf[self.len + i] = b[i];
            i += 1;
        }
        self.len += n;
    }

    /// Appends at most `max` bytes of `s` (whole characters), then `…` if cut.
    const fn push_at_most(&mut self, s: &str, max: usize) {
        if s.len() <= max {
            self.push(s);
            return;
        }
        let mut n = max;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        if let Some((head, _)) = s.split_at_checked(n) {
            self.push(head);
        }
        self.push("…");
    }

    const fn as_str(&self) -> &str {
        match self.buf.split_at_checked(self.len) {
            Some((b, _)) => match core::str::from_utf8(b) {
                Ok(s) => s,
                Err(_) => "",
            },
            None => "",
        }
    }
}

/// Fails the compile-time evaluation of `code!(name, code)`: `code` is not a code of `C`
/// (named `name` in the message); the nearest codes are suggested.
#[track_caller]
pub const fn unknown_code<C: CatalogCode>(code: &str, name: &str) -> ! {
    let mut msg = Message::new();
    msg.push("`");
    msg.push_at_most(code, 100);
    msg.push("` is not a code of `");
    msg.push_at_most(name, 100);
    msg.push("`");
    let (near, count) = nearest(C::CODES, code);
    let mut k = 0;
    while k < count {
        msg.push(match k {
            0 => "; did you mean `",
            _ if k + 1 == count => "` or `",
            _ => "`, `",
        });
        msg.push(C::CODES[near[k]]);
        k += 1;
    }
    if count > 0 {
        msg.push("`?");
    }
    panic!("{}", msg.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fit_and_cut_at_characters() {
        let mut m = Message::new();
        m.push("`");
        m.push_at_most(&"é".repeat(80), 100);
        assert_eq!(m.as_str(), format!("`{}…", "é".repeat(50)));
        let mut m = Message::new();
        for _ in 0..200 {
            m.push("ü-");
        }
        assert_eq!(m.as_str().len(), 512);
        assert!(m.as_str().ends_with("-ü"));
        let mut m = Message::new();
        m.push(&"x".repeat(511));
        m.push("ü");
        assert_eq!(m.as_str().len(), 511);
    }
}
