//! FxHash (rustc's own hasher): a few operations per eight bytes. The front end runs inside
//! an unoptimised proc macro in most builds, where the standard SipHash costs several times
//! more per key. Keys are a catalog's codes, names and texts, so flooding resistance is not
//! needed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
pub(crate) struct Fx(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for Fx {
    // Index loops rather than iterator adaptors: this runs unoptimised in most builds.
    fn write(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let mut chunk = [0u8; 8];
            let n = if bytes.len() - i < 8 {
                bytes.len() - i
            } else {
                8
            };
            chunk[..n].copy_from_slice(&bytes[i..i + n]);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(chunk)).wrapping_mul(K);
            i += n;
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`Fx`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
