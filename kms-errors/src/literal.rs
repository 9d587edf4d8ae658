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

/// The mutants of this file that no test can catch, because they change nothing observable
/// (`cargo mutants -p kms-errors --file '**/literal.rs'` reports them as missed):
///
/// - `replace > with >= in Message::push` (`if b.len() > room`): when the string is exactly
///   as long as the room left, both branches take its length.
/// - `replace < with <= in Message::push` (`while n < b.len() && ...`): at `n == b.len()`
///   the end of the string is a character boundary, so the loop stops all the same.
///
/// The mutants that make a loop never end (`replace -= with /= in Message::push` and `in
/// Message::push_at_most`, `replace += with *= in Message::push` and `in unknown_code`) are
/// reported as timeouts by the tests that cut a message or suggest a code.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    /// The message `code!` fails with for `code`, a literal that is not a code of the
    /// catalog named `name`.
    fn message(code: &str, name: &str) -> String {
        let panic = std::panic::catch_unwind(|| {
            unknown_code::<ErrorCode>(code, name);
        })
        .expect_err("`unknown_code` always fails");
        match panic.downcast::<String>() {
            Ok(s) => *s,
            Err(p) => p.downcast::<&str>().map(|s| s.to_string()).unwrap(),
        }
    }

    #[test]
    fn the_message_suggests_the_nearest_codes_in_catalog_order() {
        let message = |code| message(code, "ErrorCode");
        assert_eq!(
            message("kms-0207-x"),
            "`kms-0207-x` is not a code of `ErrorCode`"
        );
        // A case-only difference is nearer than `CSMS.0207`, one insertion away.
        assert_eq!(
            message("kms.0207"),
            "`kms.0207` is not a code of `ErrorCode`; did you mean `KMS.0207`?"
        );
        assert_eq!(
            message("KMS.0270"),
            "`KMS.0270` is not a code of `ErrorCode`; did you mean `KMS.0210` or `KMS.0207`?"
        );
        // One insertion from every `KMS.020x`: the first three in catalog order.
        assert_eq!(
            message("KMS.020"),
            "`KMS.020` is not a code of `ErrorCode`; did you mean `KMS.0201`, `KMS.0202` or \
             `KMS.0203`?"
        );
    }

    #[test]
    fn long_literals_and_names_are_cut_at_a_character() {
        assert_eq!(
            message(&"x".repeat(150), "ErrorCode"),
            format!("`{}…` is not a code of `ErrorCode`", "x".repeat(100))
        );
        // Byte 100 is inside an `é`: cut before it.
        assert_eq!(
            message(&format!("a{}", "é".repeat(60)), "ErrorCode"),
            format!("`a{}…` is not a code of `ErrorCode`", "é".repeat(49))
        );
        assert_eq!(
            message("kms-0207-x", &format!("a{}", "é".repeat(60))),
            format!("`kms-0207-x` is not a code of `a{}…`", "é".repeat(49))
        );
        // 100 bytes are not cut.
        assert_eq!(
            message("kms-0207-x", &"N".repeat(100)),
            format!("`kms-0207-x` is not a code of `{}`", "N".repeat(100))
        );
    }

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
