//! Finding the first byte of a kind in a run: eight bytes at a time ("SIMD within a
//! register"), as the encoders find the next byte to escape and copy the runs between in one
//! piece; or sixteen at a time ([`flags16`]), as the fast decoders find the end of a string or
//! a value.
//!
//! A word test flags the high bit of each byte of a word that matches. Borrows may also flag
//! bytes *after* a match, never before one, so the lowest flag of any union of tests is exact.

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Flags the bytes of `word` below `n` (`n` at most 0x80).
#[inline(always)]
pub(crate) fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(LOW * u64::from(n)) & !word & HIGH
}

/// Flags the bytes of `word` equal to `byte`.
#[inline(always)]
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    let diff = word ^ (LOW * u64::from(byte));
    diff.wrapping_sub(LOW) & !diff & HIGH
}

/// Flags exactly the bytes of `word` below `n` (`n` at most 0x80): no borrow crosses bytes.
#[inline(always)]
pub(crate) fn below_exact(word: u64, n: u8) -> u64 {
    !(((word & !HIGH) + LOW * u64::from(0x80 - n)) | word) & HIGH
}

/// Flags exactly the bytes of `word` equal to `byte`: no borrow crosses bytes.
#[inline(always)]
pub(crate) fn equal_exact(word: u64, byte: u8) -> u64 {
    let diff = word ^ (LOW * u64::from(byte));
    !(((diff & !HIGH) + !HIGH) | diff) & HIGH
}

/// The position of the first byte of `bytes` that `flags` flags (as a byte of a little-endian
/// word) or, in the last bytes that fill no word, that `special` accepts; the two must agree.
#[inline(always)]
pub(crate) fn find(
    bytes: &[u8],
    flags: impl Fn(u64) -> u64,
    special: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("a chunk of 8 bytes"));
        let found = flags(word);
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| special(b))
        .map(|i| offset + i)
}

/// The bytes that `hit` accepts among the sixteen of `bytes` from `at`, each flagged 0xFF in
/// a little-endian `u128` (the first is at `flags.trailing_zeros() / 8`): written byte by byte,
/// it compiles to a few vector compares. Past the end of `bytes` the chunk is filled with
/// `b'a'`, which `hit` must not accept; `at` is at most `bytes.len()`.
#[inline(always)]
pub(crate) fn flags16(bytes: &[u8], at: usize, hit: impl Fn(u8) -> bool) -> u128 {
    match bytes.get(at..at + 16) {
        Some(chunk) => chunk_flags(chunk.try_into().expect("sixteen bytes"), hit),
        None => {
            // The last bytes of the input, with neutral bytes after them.
            let rest = &bytes[at..];
            let mut chunk = [b'a'; 16];
            chunk[..rest.len()].copy_from_slice(rest);
            chunk_flags(&chunk, hit)
        }
    }
}

/// The bytes of `chunk` that `hit` accepts, flagged as [`flags16`] flags them.
#[inline(always)]
pub(crate) fn chunk_flags(chunk: &[u8; 16], hit: impl Fn(u8) -> bool) -> u128 {
    let mut flags = [0u8; 16];
    for (flag, &b) in flags.iter_mut().zip(chunk) {
        *flag = 0u8.wrapping_sub(u8::from(hit(b)));
    }
    u128::from_le_bytes(flags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_tests_flag_exactly_the_matching_bytes() {
        for a in 0..=255u8 {
            for b in [
                0u8,
                1,
                9,
                10,
                0x1F,
                0x20,
                0x7F,
                0x80,
                0xFF,
                a.wrapping_add(1),
            ] {
                let word = u64::from_le_bytes([a, b, a, b, b, a, 0, 0xFF]);
                for (i, byte) in word.to_le_bytes().into_iter().enumerate() {
                    let flag = |f: u64| f >> (i * 8) & 0x80 != 0;
                    assert_eq!(flag(below_exact(word, 0x20)), byte < 0x20);
                    assert_eq!(flag(equal_exact(word, b'\n')), byte == b'\n');
                    assert_eq!(flag(equal_exact(word, a)), byte == a);
                }
            }
        }
    }

    #[test]
    fn flags16_flags_the_sixteen_bytes_from_where_it_starts_and_none_past_the_end() {
        let hit = |b: u8| b == b'"' || b >= 0x80;
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| [b'x', b'"', 0x80][i % 5 % 3]).collect();
            for at in 0..=len {
                let expected = (0..16).fold(0u128, |flags, i| match bytes.get(at + i) {
                    Some(&b) if hit(b) => flags | 0xFF << (8 * i),
                    _ => flags,
                });
                assert_eq!(flags16(&bytes, at, hit), expected, "{bytes:?} at {at}");
            }
        }
    }

    #[test]
    fn finds_the_first_special_byte_anywhere() {
        let special = |b: u8| b < 0x20 || b == b'"' || b == 0xEF;
        let flags = |w: u64| below(w, 0x20) | equal(w, b'"') | equal(w, 0xEF);
        for len in 0..40 {
            for at in 0..=len {
                for byte in [0u8, 0x1F, b'"', 0xEF] {
                    for filler in [b'a', 0x20, 0x21, 0xF0, 0x80, 0xEE] {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = byte;
                            // Bytes after a match that a borrow could flag.
                            for b in bytes.iter_mut().skip(at + 1).step_by(2) {
                                *b = 0x20;
                            }
                        }
                        let expected = bytes.iter().position(|&b| special(b));
                        assert_eq!(find(&bytes, flags, special), expected, "{bytes:?}");
                    }
                }
            }
        }
    }
}
