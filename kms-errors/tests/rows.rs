//! A code's rows (`src/row.rs`): `ErrorCode::rows` as an iterator (in catalog order, from
//! both ends, with an exact length, fused), and `Row`'s equality, hashing and `Debug`. The
//! workspace's `tests/runtime.rs` checks the rows' contents against the bundled tables;
//! these tests live in `kms-errors` so that mutation testing of its runtime counts them.
//!
//! Every mutant of `src/row.rs` that builds is caught, but two that make iteration from the
//! back never end (`replace -= with += in <impl DoubleEndedIterator for Rows>::next_back`
//! and `replace -= with /= ...`: the end moves away or stays) are reported as timeouts.

use kms_errors::{ErrorCode, ErrorKind, Row};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash};

fn hash_of<T: Hash>(value: &T) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

fn statuses(rows: impl Iterator<Item = Row>) -> Vec<u16> {
    rows.map(|r| r.status()).collect()
}

/// `APIG.0201`'s statuses in `gateway.csv`, in order.
const APIG_0201: [u16; 7] = [400, 413, 414, 494, 502, 504, 500];

#[test]
fn rows_come_in_catalog_order_from_either_end() {
    assert_eq!(statuses(ErrorCode::Apig0201.rows()), APIG_0201);
    let mut reversed = APIG_0201;
    reversed.reverse();
    assert_eq!(statuses(ErrorCode::Apig0201.rows().rev()), reversed);
    assert_eq!(statuses(ErrorCode::Kms0207.rows()), [404]);
    // From both ends at once: each row once, the two ends meet.
    let mut rows = ErrorCode::Apig0201.rows();
    let (mut front, mut back) = (Vec::new(), Vec::new());
    loop {
        match (rows.next(), rows.next_back()) {
            (Some(f), Some(b)) => {
                front.push(f.status());
                back.push(b.status());
            }
            (Some(f), None) => front.push(f.status()),
            (None, _) => break,
        }
    }
    back.reverse();
    front.extend(back);
    assert_eq!(front, APIG_0201);
}

#[test]
fn the_length_is_exact_as_rows_are_taken_from_either_end() {
    let mut rows = ErrorCode::Apig0201.rows();
    for left in (0..=7).rev() {
        assert_eq!(rows.size_hint(), (left, Some(left)));
        assert_eq!(rows.len(), left);
        assert_eq!(rows.clone().count(), left);
        if left % 2 == 0 {
            rows.next();
        } else {
            rows.next_back();
        }
    }
    assert_eq!(ErrorCode::Kms0207.rows().size_hint(), (1, Some(1)));
    assert_eq!(ErrorCode::Unknown.rows().size_hint(), (0, Some(0)));
    for &c in ErrorCode::ALL {
        let rows = c.rows();
        assert_eq!(rows.len(), rows.clone().count(), "{c}");
    }
}

#[test]
fn an_exhausted_iterator_stays_exhausted() {
    let mut rows = ErrorCode::Kms0207.rows();
    assert_eq!(rows.next().map(|r| r.status()), Some(404));
    for _ in 0..3 {
        assert!(rows.next().is_none() && rows.next_back().is_none());
        assert_eq!(rows.len(), 0);
    }
    let mut rows = ErrorCode::Kms0207.rows();
    assert_eq!(rows.next_back().map(|r| r.status()), Some(404));
    assert!(rows.next_back().is_none() && rows.next().is_none());
    let mut none = ErrorCode::Unknown.rows();
    assert!(none.next().is_none() && none.next_back().is_none());
}

/// What `Row` documents, for comparing rows by hand.
type Content = (
    u16,
    &'static str,
    &'static str,
    &'static str,
    ErrorKind,
    Option<&'static str>,
);

fn content(r: &Row) -> Content {
    (
        r.status(),
        r.message(),
        r.description(),
        r.measure(),
        r.kind(),
        r.doc_url(),
    )
}

#[test]
fn rows_are_equal_when_what_they_document_is_and_hash_alike() {
    let all: Vec<Row> = ErrorCode::ALL.iter().flat_map(|c| c.rows()).collect();
    assert_eq!(all.len(), 185 + 71);
    for a in &all {
        assert_eq!(a, &a.clone());
        for b in &all {
            assert_eq!(a == b, content(a) == content(b));
        }
    }
    // Equal rows hash alike, and rows that differ hash differently, so that rows spread
    // over a `HashMap`'s buckets.
    let mut hashes: HashMap<Content, u64> = HashMap::new();
    for r in &all {
        let h = *hashes.entry(content(r)).or_insert_with(|| hash_of(r));
        assert_eq!(hash_of(r), h);
    }
    let distinct: HashSet<u64> = hashes.values().copied().collect();
    assert_eq!(distinct.len(), hashes.len());
    let set: HashSet<Row> = all.iter().copied().collect();
    assert_eq!(set.len(), hashes.len());
    assert!(set.contains(&ErrorCode::Kms0207.rows().next().unwrap()));
}

#[test]
fn debug_shows_what_the_row_documents() {
    let row = ErrorCode::Kms0207.rows().next().unwrap();
    assert_eq!(
        format!("{row:?}"),
        "Row { status: 404, message: \"The key does not exist.\", description: \"The key does \
         not exist.\", measure: \"Choose a valid key or create a key.\", kind: NotFound, \
         doc_url: Some(\"https://docs.otc.t-systems.com/key-management-service/api-ref/\
         appendix/error_code.html\") }"
    );
}
