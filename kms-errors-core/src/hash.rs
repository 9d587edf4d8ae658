//! The code index's hash and probe: the part of the perfect hash that runs at run time (and
//! in `const` lookups). The macro's front end builds the index with the same [`hash`],
//! [`bucket`] and [`slot`]; the runtime probes it with [`Probe`]. Internal: shared by the
//! two, not API.
//!
//! A lookup ([`Probe::position`]) is one hash (a 128-bit multiply over the code's first and
//! last eight bytes, every byte folded in for longer codes), two table reads and, by the
//! caller, one string comparison ([`same_bytes`]); codes outside the catalog's length range
//! are rejected before hashing.

/// Mixed into the first multiply, with the length.
pub const K_LEN: u64 = 0x9E37_79B9_7F4A_7C15;
/// Mixed into every further eight bytes of long codes.
pub const K_MID: u64 = 0xBF58_476D_1CE4_E5B9;
const K_PILOT: u64 = 0x94D0_49BB_1331_11EB;
const K_SLOT: u64 = 0xD6E8_FEB8_6659_FD93;

/// A 64×64 → 128-bit multiply, folded to 64 bits.
#[inline(always)]
pub const fn mix(a: u64, b: u64) -> u64 {
    let r = a as u128 * b as u128;
    (r as u64) ^ ((r >> 64) as u64)
}

/// The eight bytes of `b` at `at` (little-endian); `0` past the end. A `const` load: the
/// compiler makes one unaligned read of it where the bounds are known.
#[inline(always)]
const fn read8(b: &[u8], at: usize) -> u64 {
    match b.split_at_checked(at) {
        Some((_, rest)) => match rest.first_chunk::<8>() {
            Some(c) => u64::from_le_bytes(*c),
            None => 0,
        },
        None => 0,
    }
}

/// The four bytes of `b` at `at` (little-endian); `0` past the end.
#[inline(always)]
const fn read4(b: &[u8], at: usize) -> u64 {
    match b.split_at_checked(at) {
        Some((_, rest)) => match rest.first_chunk::<4>() {
            Some(c) => u32::from_le_bytes(*c) as u64,
            None => 0,
        },
        None => 0,
    }
}

/// Whether `a` and `b` are the same bytes: a `const fn` that compares eight bytes at a time
/// (the last eight overlapping), four for shorter strings, so that the lookup's one string
/// comparison needs no call to `memcmp` and stays as fast as the slice comparison it
/// replaces, at compile time and at run time.
#[inline(always)]
pub const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if read8(a, i) != read8(b, i) {
                return false;
            }
            i += 8;
        }
        read8(a, n - 8) == read8(b, n - 8)
    } else if n >= 4 {
        read4(a, 0) == read4(b, 0) && read4(a, n - 4) == read4(b, n - 4)
    } else {
        let mut i = 0;
        while i < n {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// A code shorter than eight bytes as one word that holds every byte (so distinct codes of
/// one length give distinct words): two overlapping four-byte loads from 4 bytes on, the
/// first, middle and last byte below.
#[inline(always)]
const fn short(b: &[u8]) -> u64 {
    let len = b.len();
    if len >= 4 {
        read4(b, 0) | (read4(b, len - 4) << 32)
    } else if len > 0 {
        b[0] as u64 | ((b[len / 2] as u64) << 8) | ((b[len - 1] as u64) << 16)
    } else {
        0
    }
}

/// The hash of a code's bytes under `seed`. A `const fn`, so that a lookup can run at
/// compile time (`ErrorCode::from_code` in a `const`).
#[inline(always)]
pub const fn hash(b: &[u8], seed: u64) -> u64 {
    let len = b.len();
    let (x, y) = if len >= 8 {
        (read8(b, 0), read8(b, len - 8))
    } else {
        let v = short(b);
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

/// The bucket of hash `h` among `buckets`.
#[inline(always)]
pub const fn bucket(h: u64, buckets: u64) -> usize {
    (((h >> 32) * buckets) >> 32) as usize
}

/// The slot of hash `h` under its bucket's `pilot`, in a table of `2^(64 - shift)` slots.
#[inline(always)]
pub const fn slot(h: u64, pilot: u64, shift: u32) -> usize {
    ((h ^ pilot.wrapping_mul(K_PILOT)).wrapping_mul(K_SLOT) >> shift) as usize
}

/// An index as the generated code stores it and the runtime probes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe<'a> {
    /// The hash seed.
    pub seed: u64,
    /// The number of buckets (`pilots.len()`).
    pub buckets: u64,
    /// `64 - log2(slots.len())`.
    pub shift: u32,
    /// The shortest code, in bytes.
    pub min_len: usize,
    /// The longest code, in bytes.
    pub max_len: usize,
    /// Per bucket, the pilot that places its codes.
    pub pilots: &'a [u16],
    /// Per slot, the position of the code placed there; `u16::MAX` for an empty slot.
    pub slots: &'a [u16],
}

impl Probe<'_> {
    /// The position in the catalog that `code` has if the catalog has it: the caller
    /// compares the code at that position. `usize::MAX` when no code can match (its length
    /// is outside the catalog's range); a position past the end for an empty slot.
    ///
    /// A `const fn`: the same probe runs at compile time and at run time.
    #[inline(always)]
    pub const fn position(&self, code: &[u8]) -> usize {
        let len = code.len();
        if len < self.min_len || len > self.max_len {
            return usize::MAX;
        }
        let h = hash(code, self.seed);
        let b = bucket(h, self.buckets);
        if b >= self.pilots.len() {
            return usize::MAX;
        }
        let s = slot(h, self.pilots[b] as u64, self.shift);
        if s >= self.slots.len() {
            return usize::MAX;
        }
        self.slots[s] as usize
    }
}

/// The mutants of this file that no test can catch, because they change nothing observable
/// (`cargo mutants -p kms-errors-core` reports them as missed):
///
/// - `replace < with <= in same_bytes` (`while i + 8 < n`): for a length that is a multiple
///   of eight, the loop also compares the last word, which the overlapping read after it
///   compares again: the same answer.
/// - `replace | with ^ in short` (all three): the parts joined occupy disjoint bits (the low
///   and the high four bytes; bytes 0, 1 and 2 of the word), where `|` and `^` agree.
/// - `replace < with <= in hash` (`while i + 8 < len`) and `replace + with - in hash`
///   (`while i - 8 < len`): the first mixes the last word of a code whose length is a
///   multiple of eight in once more (it is already in `y`), the second adds rounds of `mix`
///   with words already mixed in or with zero. Both change the hash's values but none of its
///   properties: every bit of every byte and the length still count, every bit is still
///   balanced, and the front end, which builds the index with the same function, places
///   codes as well. Only frozen hash values would tell them apart, and the values are no
///   contract: the front end and the runtime are pinned together with `=`.
///
/// The mutants that make a loop never end (`replace += with *= in same_bytes`, twice: `0 *
/// 8` stays `0`) are reported as timeouts.
#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    #[test]
    fn the_hash_is_the_same_at_compile_time() {
        const AT_COMPILE_TIME: [u64; 6] = [
            hash(b"", 7),
            hash(b"K", 7),
            hash(b"KMS.", 7),
            hash(b"KMS.0207", 7),
            hash(b"CSMS.0101", 7),
            hash(b"a-code-of-more-than-sixteen-bytes", 7),
        ];
        let keys: [&[u8]; 6] = [
            b"",
            b"K",
            b"KMS.",
            b"KMS.0207",
            b"CSMS.0101",
            b"a-code-of-more-than-sixteen-bytes",
        ];
        for (k, h) in keys.iter().zip(AT_COMPILE_TIME) {
            assert_eq!(hash(std::hint::black_box(k), 7), h, "{k:?}");
        }
    }

    #[test]
    fn short_codes_keep_every_byte() {
        // Distinct codes of one length below eight bytes fold to distinct words: every
        // string of up to three bytes over a small alphabet, and every change of one byte of
        // longer ones.
        let alphabet = [b'a', b'b', 0, 0xff];
        for len in 0..=3usize {
            let mut seen = std::collections::HashSet::new();
            let total = alphabet.len().pow(len as u32);
            for n in 0..total {
                let s: Vec<u8> = (0..len)
                    .map(|i| alphabet[n / alphabet.len().pow(i as u32) % alphabet.len()])
                    .collect();
                assert!(seen.insert(short(&s)), "{s:?}");
            }
        }
        for len in 4..8usize {
            let base: Vec<u8> = (1..=len as u8).collect();
            let mut seen = std::collections::HashSet::from([short(&base)]);
            for i in 0..len {
                let mut s = base.clone();
                s[i] = 0xee;
                assert!(seen.insert(short(&s)), "{s:?}");
            }
        }
        assert_eq!((read8(b"1234567", 0), read4(b"123", 0)), (0, 0));
        assert_eq!(read4(b"1234", 0), u64::from(u32::from_le_bytes(*b"1234")));
    }

    #[test]
    fn same_bytes_is_slice_equality() {
        let words: [&[u8]; 9] = [
            b"",
            b"a",
            b"ab",
            b"abc",
            b"abcd",
            b"abcde",
            b"abcdefgh",
            b"abcdefghi",
            b"abcdefghijklmnopq",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
        }
        for n in 0..40usize {
            let a: Vec<u8> = (0..n as u8).collect();
            for i in 0..n {
                let mut b = a.clone();
                b[i] ^= 0x80;
                assert!(!same_bytes(&a, &b), "{n} {i}");
            }
            assert!(same_bytes(&a, &a.clone()));
        }
    }

    /// Seeds with every bit clear, every bit set, and the front end's first.
    const SEEDS: [u64; 4] = [0, u64::MAX, 0x243F_6A88_85A3_08D3, K_MID];

    #[test]
    fn every_bit_of_every_byte_counts() {
        // A code that differs from another in one bit of one byte, at any length, has
        // another hash under every seed: the index can tell them apart.
        for len in 0..=40usize {
            let code: Vec<u8> = (0..len).map(|i| b'A' + (i % 26) as u8).collect();
            for seed in SEEDS {
                let h = hash(&code, seed);
                for i in 0..len {
                    for bit in 0..8 {
                        let mut other = code.clone();
                        other[i] ^= 1 << bit;
                        assert_ne!(hash(&other, seed), h, "{len} {i} {bit} {seed:#x}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_length_counts() {
        // `a`, `aa`, `aaa`... have the same words (one byte, or eight): only their lengths
        // tell them apart.
        for seed in SEEDS {
            let mut seen = std::collections::HashSet::new();
            for len in 0..=40 {
                assert!(
                    seen.insert(hash(&[b'a'; 40][..len], seed)),
                    "{len} {seed:#x}"
                );
            }
        }
    }

    /// Codes as catalogs have them: `KMS.0000` to `KMS.2999` (eight bytes), `CSMS.0000` to
    /// `CSMS.2999` (nine), `E0` to `E2999` (two to five), and long ones (26 and 33 bytes).
    fn families() -> [Vec<Vec<u8>>; 4] {
        let codes = |f: &dyn Fn(usize) -> std::string::String| {
            (0..3000).map(|i| f(i).into_bytes()).collect::<Vec<_>>()
        };
        [
            codes(&|i| std::format!("KMS.{i:04}")),
            codes(&|i| std::format!("CSMS.{i:04}")),
            codes(&|i| std::format!("E{i}")),
            codes(&|i| match i % 2 {
                0 => std::format!("a.code.of.twenty.six.{i:05}"),
                _ => std::format!("a.code.of.thirty.three.bytes.{i:04}"),
            }),
        ]
    }

    #[test]
    fn every_bit_of_the_hash_is_balanced() {
        // The index takes its buckets from the high bits and its slots from all of them:
        // over similar codes each bit of the hash is set about half the time (between 48%
        // and 60% for these families; a bit stuck at 0 or 1, or set a quarter or three
        // quarters of the time, as an `&` or an `|` in place of an `^` would make it, fails).
        for family in families() {
            let hashes: Vec<u64> = family.iter().map(|c| hash(c, SEEDS[2])).collect();
            for bit in 0..64 {
                let ones = hashes.iter().filter(|&&h| h >> bit & 1 == 1).count();
                let share = ones as f64 / hashes.len() as f64;
                assert!(
                    (0.35..=0.65).contains(&share),
                    "bit {bit}: {share} of {:?}..",
                    std::str::from_utf8(&family[0])
                );
            }
            let distinct: std::collections::HashSet<u64> = hashes.iter().copied().collect();
            assert_eq!(distinct.len(), hashes.len());
        }
    }

    /// Well-spread 64-bit values (a Weyl sequence), as hashes are.
    fn spread(n: u64) -> impl Iterator<Item = u64> {
        (1..=n).map(|i| i.wrapping_mul(K_LEN))
    }

    #[test]
    fn buckets_split_the_hashes_evenly_by_their_high_bits() {
        for buckets in [1u64, 2, 3, 5, 64, 250] {
            let mut count = std::vec![0usize; buckets as usize];
            for h in spread(10_000) {
                count[bucket(h, buckets)] += 1;
            }
            let even = 10_000 / buckets as usize;
            for (b, &c) in count.iter().enumerate() {
                assert!(c * 5 >= even * 4 && c * 5 <= even * 6, "{b}/{buckets}: {c}");
            }
            // The high bits pick the bucket: in order, from the first to the last.
            let mut sorted: Vec<u64> = spread(1000).chain([0, u64::MAX]).collect();
            sorted.sort_unstable();
            let picked: Vec<usize> = sorted.iter().map(|&h| bucket(h, buckets)).collect();
            assert!(picked.windows(2).all(|w| w[0] <= w[1]), "{buckets}");
            assert_eq!(picked[0], 0);
            assert_eq!(picked[picked.len() - 1], buckets as usize - 1);
        }
    }

    #[test]
    fn slots_cover_the_table_and_pilots_move_a_code() {
        for shift in [63, 60, 56] {
            let size = 1usize << (64 - shift);
            for pilot in [0, 1, 777] {
                let mut count = std::vec![0usize; size];
                for h in spread(100 * size as u64).chain([0, u64::MAX]) {
                    count[slot(h, pilot, shift)] += 1;
                }
                assert!(
                    count.iter().all(|&c| (50..=150).contains(&c)),
                    "{size} slots, pilot {pilot}: {count:?}"
                );
            }
        }
        // Whatever a code's hash, other pilots send it to other slots: the front end can
        // always move a bucket's codes to free slots.
        for h in spread(100).chain([0, u64::MAX]) {
            let slots: std::collections::HashSet<usize> =
                (0..256).map(|p| slot(h, p, 56)).collect();
            assert!(slots.len() > 128, "{h:#x}: {}", slots.len());
        }
    }

    /// Codes of three to nine bytes, and an index of them with two buckets and eight slots,
    /// built as the front end builds one (`kms_errors_catalog::hash`).
    const KEYS: [&str; 4] = ["abc", "KMS.0207", "CSMS.0101", "KMS.0205"];
    const SEED: u64 = 0x243F_6A88_85A3_08D3;

    fn index() -> (Vec<u16>, Vec<u16>) {
        let mut slots = std::vec![u16::MAX; 8];
        let mut pilots = std::vec![0u16; 2];
        let hashes: Vec<u64> = KEYS.iter().map(|k| hash(k.as_bytes(), SEED)).collect();
        for (b, pilot) in pilots.iter_mut().enumerate() {
            let members: Vec<usize> = (0..KEYS.len())
                .filter(|&i| bucket(hashes[i], 2) == b)
                .collect();
            let places = |p: u16| -> Vec<usize> {
                members
                    .iter()
                    .map(|&i| slot(hashes[i], u64::from(p), 61))
                    .collect()
            };
            *pilot = (0..=u16::MAX)
                .find(|&p| {
                    let s = places(p);
                    s.iter().all(|&x| slots[x] == u16::MAX)
                        && s.iter().collect::<std::collections::HashSet<_>>().len() == s.len()
                })
                .expect("a pilot places the bucket");
            for (&i, s) in members.iter().zip(places(*pilot)) {
                slots[s] = i as u16;
            }
        }
        (pilots, slots)
    }

    fn probe<'a>(pilots: &'a [u16], slots: &'a [u16]) -> Probe<'a> {
        Probe {
            seed: SEED,
            buckets: 2,
            shift: 61,
            min_len: 3,
            max_len: 9,
            pilots,
            slots,
        }
    }

    #[test]
    fn the_probe_finds_every_code_at_its_position() {
        let (pilots, slots) = index();
        let probe = probe(&pilots, &slots);
        for (i, k) in KEYS.iter().enumerate() {
            assert_eq!(probe.position(k.as_bytes()), i, "{k}");
        }
        // Another code of a length in the range: a position to compare with, or past the end.
        for other in ["abd", "KMS.0206", "CSMS.0102", "xyzw"] {
            let p = probe.position(other.as_bytes());
            assert!(KEYS.get(p) != Some(&other), "{other}: {p}");
        }
    }

    #[test]
    fn codes_outside_the_length_range_are_rejected_before_hashing() {
        let (pilots, slots) = index();
        let probe = probe(&pilots, &slots);
        for code in ["", "ab", "CSMS.01010", "a-code-of-more-than-sixteen-bytes"] {
            assert_eq!(probe.position(code.as_bytes()), usize::MAX, "{code}");
        }
        // The shortest and the longest are in the range.
        assert_eq!(probe.position(b"abc"), 0);
        assert_eq!(probe.position(b"CSMS.0101"), 2);
    }

    #[test]
    fn an_index_shorter_than_it_says_finds_nothing_and_never_panics() {
        let (pilots, slots) = index();
        for (pilots, slots) in [(&pilots[..0], &slots[..]), (&pilots[..], &slots[..0])] {
            let probe = probe(pilots, slots);
            for k in KEYS {
                assert_eq!(probe.position(k.as_bytes()), usize::MAX, "{k}");
            }
        }
    }
}
