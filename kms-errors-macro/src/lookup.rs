//! The code index: a minimal-effort perfect hash built at compile time.
//!
//! `from_code` must be fast for any catalog, known and unknown codes alike. The macro picks
//! a seed for a cheap hash of the code's bytes (a 128-bit multiply over its first and last
//! eight bytes, every byte folded in for longer codes), then places the codes by
//! hash-and-displace: the hash picks a bucket, each bucket gets a "pilot" that sends its
//! codes to free slots. A lookup is one hash, two table reads and one string comparison;
//! codes outside the catalog's length range are rejected before hashing.
//!
//! [`hash`] here and the tokens from [`hash_tokens`] are the same function: the macro builds
//! the table with one and the generated code probes it with the other (tests check every
//! code of every catalog they generate is found).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

const K_LEN: u64 = 0x9E37_79B9_7F4A_7C15;
const K_MID: u64 = 0xBF58_476D_1CE4_E5B9;
const K_PILOT: u64 = 0x94D0_49BB_1331_11EB;
const K_SLOT: u64 = 0xD6E8_FEB8_6659_FD93;

fn mix(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

fn read8(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// The hash of a code's bytes under `seed`.
pub(crate) fn hash(b: &[u8], seed: u64) -> u64 {
    let len = b.len();
    let (x, y) = if len >= 8 {
        (read8(b, 0), read8(b, len - 8))
    } else {
        let mut a = [0u8; 8];
        a[..len].copy_from_slice(b);
        let v = u64::from_le_bytes(a);
        (v, v)
    };
    let mut h = mix(x ^ seed, y ^ seed.rotate_left(32) ^ K_LEN ^ len as u64);
    let mut i = 8;
    while i + 8 < len {
        h = mix(h ^ read8(b, i), K_MID);
        i += 8;
    }
    h
}

fn bucket(h: u64, buckets: u64) -> usize {
    (((h >> 32) * buckets) >> 32) as usize
}

fn slot(h: u64, pilot: u64, bits: u32) -> usize {
    ((h ^ pilot.wrapping_mul(K_PILOT)).wrapping_mul(K_SLOT) >> (64 - bits)) as usize
}

/// A built index: `slots[slot(hash(code))]` is the code's position in the catalog.
pub(crate) struct Index {
    pub seed: u64,
    pub buckets: u64,
    pub bits: u32,
    pub pilots: Vec<u16>,
    /// Catalog position per slot; `u16::MAX` for an empty slot.
    pub slots: Vec<u16>,
    pub min_len: usize,
    pub max_len: usize,
}

impl Index {
    /// Where `code` would be, as the generated code computes it.
    #[cfg(test)]
    pub fn find(&self, code: &str, keys: &[&str]) -> Option<usize> {
        let b = code.as_bytes();
        if b.len() < self.min_len || b.len() > self.max_len {
            return None;
        }
        let h = hash(b, self.seed);
        let p = u64::from(self.pilots[bucket(h, self.buckets)]);
        let i = usize::from(self.slots[slot(h, p, self.bits)]);
        keys.get(i).filter(|k| **k == code).map(|_| i)
    }
}

/// Builds the index of `keys` (distinct, at most 65,535).
pub(crate) fn build(keys: &[&str]) -> Index {
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
    let bits = size.trailing_zeros();
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
                let s = slot(hashes[i], u64::from(p), bits);
                if slots[s] != u16::MAX || tried.contains(&s) {
                    return false;
                }
                tried.push(s);
            }
            true
        })?;
        pilots[b] = found;
        for &i in members {
            slots[slot(hashes[i], u64::from(found), bits)] = i as u16;
        }
    }
    Some(Index {
        seed,
        buckets,
        bits,
        pilots,
        slots,
        min_len: 0,
        max_len: 0,
    })
}

/// The generated `fn from_code` body's helpers and tables, as items; `lookup(code)` gives
/// the catalog position of `code` or `usize::MAX`.
pub(crate) fn tokens(index: &Index, codes: &TokenStream) -> TokenStream {
    let seed = Literal::u64_suffixed(index.seed);
    let buckets = Literal::u64_suffixed(index.buckets);
    let shift = Literal::u32_suffixed(64 - index.bits);
    let min_len = Literal::usize_suffixed(index.min_len);
    let max_len = Literal::usize_suffixed(index.max_len);
    let pilots_n = Literal::usize_unsuffixed(index.pilots.len());
    let slots_n = Literal::usize_unsuffixed(index.slots.len());
    let pilots = index.pilots.iter().map(|p| Literal::u16_unsuffixed(*p));
    let slots = index.slots.iter().map(|s| Literal::u16_unsuffixed(*s));
    let (k_len, k_mid, k_pilot, k_slot) = (
        Literal::u64_suffixed(K_LEN),
        Literal::u64_suffixed(K_MID),
        Literal::u64_suffixed(K_PILOT),
        Literal::u64_suffixed(K_SLOT),
    );
    quote! {
        static PILOTS: [::core::primitive::u16; #pilots_n] = [ #(#pilots),* ];
        static SLOTS: [::core::primitive::u16; #slots_n] = [ #(#slots),* ];

        #[inline(always)]
        fn mix(a: ::core::primitive::u64, b: ::core::primitive::u64) -> ::core::primitive::u64 {
            let r = (a as ::core::primitive::u128) * (b as ::core::primitive::u128);
            (r as ::core::primitive::u64) ^ ((r >> 64) as ::core::primitive::u64)
        }

        #[inline(always)]
        fn read8(b: &[::core::primitive::u8], at: ::core::primitive::usize) -> ::core::primitive::u64 {
            let mut a = [0u8; 8];
            a.copy_from_slice(&b[at..at + 8]);
            ::core::primitive::u64::from_le_bytes(a)
        }

        /// The catalog position of `code`, or `usize::MAX`.
        #[inline]
        fn lookup(code: &::core::primitive::str) -> ::core::primitive::usize {
            let b = code.as_bytes();
            let len = b.len();
            if !(#min_len..=#max_len).contains(&len) {
                return ::core::primitive::usize::MAX;
            }
            let (x, y) = if len >= 8 {
                (read8(b, 0), read8(b, len - 8))
            } else {
                let mut a = [0u8; 8];
                a[..len].copy_from_slice(b);
                let v = ::core::primitive::u64::from_le_bytes(a);
                (v, v)
            };
            let mut h = mix(x ^ #seed, y ^ #seed.rotate_left(32) ^ #k_len ^ len as ::core::primitive::u64);
            let mut i = 8;
            while i + 8 < len {
                h = mix(h ^ read8(b, i), #k_mid);
                i += 8;
            }
            let pilot = PILOTS[(((h >> 32) * #buckets) >> 32) as ::core::primitive::usize] as ::core::primitive::u64;
            let i = SLOTS[((h ^ pilot.wrapping_mul(#k_pilot)).wrapping_mul(#k_slot) >> #shift) as ::core::primitive::usize] as ::core::primitive::usize;
            match #codes.get(i) {
                ::core::option::Option::Some(s) if s.len() == len && s.as_bytes() == b => i,
                _ => ::core::primitive::usize::MAX,
            }
        }
    }
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
        let keys: Vec<&str> = crate::read::BUNDLED
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
