//! The front end's string maps: codes to positions, variant names to positions, text to its
//! range in the encoded tables.
//!
//! The front end runs inside an unoptimised proc macro in most builds, where `std`'s
//! `HashMap` (SipHash, and `hashbrown`'s group probing compiled without optimisation) costs
//! thousands of instructions per operation: a 10,000-row catalog makes some 80,000 of them.
//! [`StrMap`] is open addressing with linear probing over FxHash (rustc's own hash: a few
//! operations per eight bytes), written with index loops; keys are a catalog's strings, so
//! flooding resistance is not needed.
//!
//! Measured against `std::collections::HashMap` in its place (same machine, same session,
//! `CARGO_INCREMENTAL=0`): this crate's own build took 0.82 s instead of 0.65 s (hashbrown's
//! generics instantiated here, in every user's clean build), and the macro's expansion of a
//! 10,000-row catalog 10% longer. That is why it stays.

use std::borrow::Cow;

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash of `bytes`.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut i = 0;
    while i < bytes.len() {
        let mut chunk = [0u8; 8];
        let n = if bytes.len() - i < 8 {
            bytes.len() - i
        } else {
            8
        };
        chunk[..n].copy_from_slice(&bytes[i..i + n]);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(chunk)).wrapping_mul(K);
        i += n;
    }
    h
}

/// A map from strings to `V`.
pub(crate) struct StrMap<'k, V> {
    /// Hash, key and value of each entry, in insertion order.
    entries: Vec<(u64, Cow<'k, str>, V)>,
    /// Per slot: 0 for an empty slot, else 1 + the entry's position.
    slots: Vec<u32>,
}

impl<'k, V: Copy> StrMap<'k, V> {
    /// A map for about `n` keys.
    pub(crate) fn with_capacity(n: usize) -> Self {
        StrMap {
            entries: Vec::with_capacity(n),
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
        }
    }

    /// The first slot to try for hash `h`: its top bits (a multiplicative hash's best mixed;
    /// its low bits depend on the low bits of the input only).
    fn home(h: u64, len: usize) -> usize {
        (h >> (64 - len.trailing_zeros())) as usize
    }

    /// The slot of `key` (hash `h`): the one holding it, else the empty one where it goes.
    fn slot(&self, h: u64, key: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut s = Self::home(h, self.slots.len());
        loop {
            let e = self.slots[s] as usize;
            if e == 0 {
                return s;
            }
            let (eh, ek, _) = &self.entries[e - 1];
            if *eh == h && ek.as_ref() == key {
                return s;
            }
            s = (s + 1) & mask;
        }
    }

    /// The value of `key`, if present.
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        let h = hash(key.as_bytes());
        match self.slots[self.slot(h, key)] as usize {
            0 => None,
            e => Some(self.entries[e - 1].2),
        }
    }

    /// The value of `key`, inserting `make(&key)` first if it is absent.
    pub(crate) fn get_or_insert_with(
        &mut self,
        key: Cow<'k, str>,
        make: impl FnOnce(&str) -> V,
    ) -> V {
        let h = hash(key.as_bytes());
        let s = self.slot(h, &key);
        match self.slots[s] as usize {
            0 => {
                let v = make(&key);
                self.put(s, h, key, v);
                v
            }
            e => self.entries[e - 1].2,
        }
    }

    /// Inserts `key` (absent) with `value`.
    pub(crate) fn insert(&mut self, key: Cow<'k, str>, value: V) {
        let h = hash(key.as_bytes());
        let s = self.slot(h, &key);
        debug_assert_eq!(self.slots[s], 0, "inserting a key twice");
        self.put(s, h, key, value);
    }

    fn put(&mut self, s: usize, h: u64, key: Cow<'k, str>, value: V) {
        self.entries.push((h, key, value));
        self.slots[s] = self.entries.len() as u32;
        if 2 * self.entries.len() > self.slots.len() {
            self.grow();
        }
    }

    /// Doubles the slots and places every entry again.
    fn grow(&mut self) {
        let len = self.slots.len() * 2;
        let mask = len - 1;
        let mut slots = vec![0u32; len];
        let mut e = 0;
        while e < self.entries.len() {
            let mut s = Self::home(self.entries[e].0, len);
            while slots[s] != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = e as u32 + 1;
            e += 1;
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn agrees_with_a_hash_map() {
        let mut ours: StrMap<usize> = StrMap::with_capacity(4);
        let mut std_map: HashMap<String, usize> = HashMap::new();
        // Many keys (several growths), short and long, shared prefixes, empty, non-ASCII.
        let keys: Vec<String> = (0..5000)
            .map(|i| match i % 5 {
                0 => format!("KMS.{i:04}"),
                1 => format!("{}{i}", "prefix-".repeat(i % 7)),
                2 => String::new(),
                3 => format!("é{i}ü"),
                _ => format!("KMS.{:04}", i / 2),
            })
            .collect();
        for (i, k) in keys.iter().enumerate() {
            let want = *std_map.entry(k.clone()).or_insert(i);
            let got = ours.get_or_insert_with(Cow::Borrowed(k), |_| i);
            assert_eq!(got, want, "{k:?}");
        }
        for (k, v) in &std_map {
            assert_eq!(ours.get(k), Some(*v), "{k:?}");
        }
        assert_eq!(ours.entries.len(), std_map.len());
        // At most half full, so that probes stay short.
        assert!(2 * ours.entries.len() <= ours.slots.len());
        assert_eq!(ours.get("absent"), None);
        ours.insert(Cow::Borrowed("absent"), 7);
        assert_eq!(ours.get("absent"), Some(7));
    }

    #[test]
    fn similar_keys_spread_over_the_slots() {
        // Codes that differ only in their last characters (the high bytes of a chunk) must
        // not pile up in a few slots: at most a few probes per lookup on average.
        let mut map: StrMap<usize> = StrMap::with_capacity(10_000);
        let keys: Vec<String> = (0..10_000).map(|i| format!("SVC.{i:05}")).collect();
        for (i, k) in keys.iter().enumerate() {
            map.insert(Cow::Borrowed(k), i);
        }
        let mask = map.slots.len() - 1;
        let probes: usize = keys
            .iter()
            .map(|k| {
                let h = hash(k.as_bytes());
                let home = StrMap::<usize>::home(h, map.slots.len());
                (map.slot(h, k) + map.slots.len() - home) & mask
            })
            .sum();
        assert!(
            probes < 2 * keys.len(),
            "{probes} extra probes for {} keys",
            keys.len()
        );
    }

    #[test]
    fn hash_depends_on_every_byte_and_the_length() {
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgi"));
        assert_ne!(hash(b"abcdefghX"), hash(b"abcdefghY"));
        assert_eq!(hash(b"KMS.0207"), hash(b"KMS.0207"));
    }
}
