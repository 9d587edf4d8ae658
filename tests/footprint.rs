//! Size and allocation guarantees of the generated types (performance issue, targets 1 and 2).

use kms_errors::{ErrorCode, KmsError};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;
use std::mem::size_of;

/// Counts allocations made by the current thread (the test harness allocates on other threads).
struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        System.realloc(ptr, layout, new)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCS.with(Cell::get);
    f();
    ALLOCS.with(Cell::get) - before
}

/// A `fmt::Write` sink with a fixed buffer: writing to it never allocates.
struct Sink {
    buf: [u8; 512],
    len: usize,
}

impl std::fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[test]
fn sizes() {
    assert_eq!(size_of::<ErrorCode>(), 1);
    assert!(size_of::<KmsError>() <= 24, "{}", size_of::<KmsError>());
    assert_eq!(size_of::<Option<KmsError>>(), size_of::<KmsError>());
    assert_eq!(size_of::<Option<ErrorCode>>(), 1);
}

#[test]
fn catalog_codes_allocate_nothing() {
    let mut sink = Sink {
        buf: [0; 512],
        len: 0,
    };
    let mut checked = 0;
    let n = allocations(|| {
        for &code in ErrorCode::ALL {
            for status in code.rows().map(|r| r.status()) {
                let err = KmsError::from((status, code.as_str()));
                sink.len = 0;
                write!(sink, "{err}").unwrap();
                write!(sink, "{code} {err:?} {}", err.code_str()).unwrap();
                assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
                checked += usize::from(err.is_documented());
            }
        }
    });
    assert_eq!(checked, 185 + 71);
    assert_eq!(
        n, 0,
        "allocations while converting and displaying catalog codes"
    );
}

#[test]
fn short_unknown_codes_allocate_nothing_long_ones_keep_their_text() {
    let short = "APIGW.9999";
    let twenty = "12345678901234567890";
    let n = allocations(|| {
        let a = KmsError::from((400, short));
        let b = KmsError::from((500, twenty));
        assert_eq!((a.code(), a.code_str()), (ErrorCode::Unknown, short));
        assert_eq!(b.code_str(), twenty);
    });
    assert_eq!(n, 0);
    let long = "a-code-longer-than-twenty-bytes";
    let mut err = None;
    let n = allocations(|| err = Some(KmsError::from((400, long))));
    assert_eq!(n, 1);
    assert_eq!(err.unwrap().code_str(), long);
}

#[test]
fn counting_allocator_counts() {
    // The allocation assertions above mean something only if this one fails without a count.
    assert_eq!(allocations(|| drop(Box::new(1u8))), 1);
}
