//! The code index: a perfect hash built at compile time, probed at run time.
//!
//! `from_code` must be fast for any catalog, known and unknown codes alike. [`build`] picks
//! a seed for a cheap hash of the code's bytes (`kms_errors_core::hash::hash`: a 128-bit
//! multiply over its first and last eight bytes, every byte folded in for longer codes),
//! then places the codes by
//! hash-and-displace: the hash picks a bucket, each bucket gets a "pilot" that sends its
//! codes to free slots. A lookup ([`Probe::position`]) is one hash, two table reads and, by
//! the caller, one string comparison; codes outside the catalog's length range are rejected
//! before hashing.
//!
//! The hash and the probe are defined once, in `kms-errors-core`, which the runtime in
//! `kms-errors` probes with too; this module builds the index.

use kms_errors_core::hash::{bucket, hash, mix, slot, K_LEN, K_MID};
pub use kms_errors_core::hash::{same_bytes, Probe};

/// A built index (what [`Probe`] borrows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    /// The hash seed.
    pub seed: u64,
    /// The number of buckets.
    pub buckets: u64,
    /// `64 - log2(slots.len())`.
    pub shift: u32,
    /// Per bucket, its pilot.
    pub pilots: Vec<u16>,
    /// Per slot, a code's position; `u16::MAX` for an empty slot.
    pub slots: Vec<u16>,
    /// The shortest code, in bytes.
    pub min_len: usize,
    /// The longest code, in bytes.
    pub max_len: usize,
}

impl Index {
    /// The index as the runtime probes it.
    pub fn probe(&self) -> Probe<'_> {
        Probe {
            seed: self.seed,
            buckets: self.buckets,
            shift: self.shift,
            min_len: self.min_len,
            max_len: self.max_len,
            pilots: &self.pilots,
            slots: &self.slots,
        }
    }

    /// The position of `code` among `keys` (the keys the index was built from), as the
    /// runtime finds it.
    pub fn find(&self, code: &str, keys: &[&str]) -> Option<usize> {
        let i = self.probe().position(code.as_bytes());
        keys.get(i)
            .filter(|k| same_bytes(k.as_bytes(), code.as_bytes()))
            .map(|_| i)
    }
}

/// Builds the index of `keys` (distinct, at most 65,535).
pub fn build(keys: &[&str]) -> Index {
    let n = keys.len();
    let min_len = keys.iter().map(|k| k.len()).min().unwrap_or(1);
    let max_len = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let buckets = (n / 4 + 1) as u64; // about four codes a bucket
    let mut size = (n + n / 4 + 1).next_power_of_two().max(2);
    let mut seed: u64 = 0x243F_6A88_85A3_08D3;
    loop {
        for _ in 0..16 {
            seed = mix(seed ^ K_LEN, K_MID) | 1;
            if let Some(index) = place(keys, seed, buckets, size) {
                return Index {
                    min_len,
                    max_len,
                    ..index
                };
            }
        }
        size *= 2; // practically never: more room makes placement easier
    }
}

fn place(keys: &[&str], seed: u64, buckets: u64, size: usize) -> Option<Index> {
    let shift = 64 - size.trailing_zeros();
    let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes(), seed)).collect();
    let mut by_bucket: Vec<Vec<usize>> = vec![Vec::new(); buckets as usize];
    for (i, &h) in hashes.iter().enumerate() {
        by_bucket[bucket(h, buckets)].push(i);
    }
    let mut order: Vec<usize> = (0..by_bucket.len()).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(by_bucket[b].len()));
    let mut slots = vec![u16::MAX; size];
    let mut pilots = vec![0u16; buckets as usize];
    let mut tried: Vec<usize> = Vec::new();
    for b in order {
        let members = &by_bucket[b];
        if members.is_empty() {
            break;
        }
        let found = (0..=u16::MAX).find(|&p| {
            tried.clear();
            for &i in members {
                let s = slot(hashes[i], u64::from(p), shift);
                if slots[s] != u16::MAX || tried.contains(&s) {
                    return false;
                }
                tried.push(s);
            }
            true
        })?;
        pilots[b] = found;
        for &i in members {
            slots[slot(hashes[i], u64::from(found), shift)] = i as u16;
        }
    }
    Some(Index {
        seed,
        buckets,
        shift,
        pilots,
        slots,
        min_len: 0,
        max_len: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(keys: &[&str]) {
        let idx = build(keys);
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(idx.find(k, keys), Some(i), "{k}");
        }
        for miss in [
            "",
            "x",
            "KMS.9999",
            "kms.0207",
            "KMS.02070",
            " KMS.0207",
            "a-very-long-code-that-is-not-there",
        ] {
            if !keys.contains(&miss) {
                assert_eq!(idx.find(miss, keys), None, "{miss}");
            }
        }
    }

    #[test]
    fn finds_every_bundled_code_and_nothing_else() {
        let keys: Vec<&str> = crate::source::KMS
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap())
            .collect();
        check(&keys);
    }

    #[test]
    fn small_odd_and_large_key_sets() {
        check(&[]);
        check(&["only"]);
        check(&[
            "",
            "a",
            "ab",
            "a\u{e9}",
            "12345678",
            "123456789",
            "1234567890123456789",
        ]);
        let many: Vec<String> = (0..20_000).map(|i| format!("SVC.{i:05}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        check(&many);
        let long: Vec<String> = (0..500)
            .map(|i| format!("{}{i}", "prefix-".repeat(i % 7)))
            .collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        check(&long);
    }
}
