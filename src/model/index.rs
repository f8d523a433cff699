//! [`NameIndex`]: finds an item by its name among the items read so far (a relation's
//! group, a property, a member), in constant time however many there are.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Up to this many items a scan is cheaper than hashing.
const SCAN_LIMIT: usize = 16;

/// An index of the names of a list of items, built only once there are more than a few: a
/// decoder looks up a name for every element or member it reads (to group it, or to refuse
/// it twice), and scanning thousands of items for each would make decoding quadratic.
///
/// The index does not own the items, nor copies of their names: the caller passes the number
/// of items and a way to read the name of each, and only appends items (never removes or
/// reorders them). Up to [`SCAN_LIMIT`] items it scans them, behind a 64-bit filter of the
/// names seen that answers most lookups of a new name without a scan; beyond, it maps each
/// name's hash to the first item of that name. A hit is checked against the name, and in the
/// rare case that two names share a hash, the one indexed second is found by a scan.
#[derive(Debug, Default)]
pub(crate) struct HashedNameIndex<S> {
    by_hash: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
    /// Made when the map is first built: most objects have too few items to need it, and
    /// seeding a hasher costs more than scanning a few items.
    hasher: Option<S>,
    /// How many of the caller's items are in `by_hash`.
    indexed: usize,
    /// The hash of the name last looked up in vain, and the number of items then: if the
    /// caller appends an item next (the one of that name, as decoders do), it is indexed
    /// without hashing its name again.
    pending: Option<(u64, usize)>,
    /// A bit per name among the first `filtered` items, at [`filter_bit`]: a clear bit means
    /// a name not among them.
    seen: u64,
    filtered: usize,
    /// The bit of the name last looked up in vain by [`Self::find_to_append`], and the number
    /// of items then: the item appended next, of that name, is filtered without reading its
    /// name again.
    pending_bit: Option<(u64, usize)>,
}

/// The index the decoders use, with foldhash's hashes (a random seed per process).
pub(crate) type NameIndex = HashedNameIndex<foldhash::fast::RandomState>;

impl<S: BuildHasher + Default> HashedNameIndex<S> {
    /// The position of the first of `len` items whose name (given by `name_at`) is `name`.
    ///
    /// `None`: the name is new. A decoder then appends its item, at `len`, or gives up; a
    /// caller that only looks up (and appends nothing) is served as well.
    pub(crate) fn find<'n>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'n str,
        name: &str,
    ) -> Option<usize> {
        self.lookup(len, name_at, name, false)
    }

    /// As [`find`](Self::find), for a caller that appends the item of that name next when it
    /// is not found, every time (a decoder's properties and groups): the name is not read
    /// again from the item.
    #[inline]
    pub(crate) fn find_to_append<'n>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'n str,
        name: &str,
    ) -> Option<usize> {
        self.lookup(len, name_at, name, true)
    }

    #[inline]
    fn lookup<'n>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'n str,
        name: &str,
        appends: bool,
    ) -> Option<usize> {
        if self.indexed > len || self.filtered > len {
            // Items were taken away, against the rule: start again rather than go wrong.
            *self = HashedNameIndex::default();
        }
        if len <= SCAN_LIMIT {
            if let Some((bit, at)) = self.pending_bit.take() {
                if at == self.filtered && at < len {
                    self.seen |= bit;
                    self.filtered = at + 1;
                }
            }
            for i in self.filtered..len {
                self.seen |= filter_bit(name_at(i));
            }
            self.filtered = len;
            let bit = filter_bit(name);
            if self.seen & bit == 0 {
                if appends {
                    self.pending_bit = Some((bit, len));
                }
                return None;
            }
            return (0..len).find(|&i| same(name_at(i), name));
        }
        let hasher = self.hasher.get_or_insert_with(S::default);
        if let Some((hash, at)) = self.pending.take() {
            if at == self.indexed && at < len {
                self.by_hash.entry(hash).or_insert(at);
                self.indexed = at + 1;
            }
        }
        self.by_hash.reserve(len - self.indexed);
        for i in self.indexed..len {
            let hash = hasher.hash_one(name_at(i));
            self.by_hash.entry(hash).or_insert(i);
        }
        self.indexed = len;
        let hash = hasher.hash_one(name);
        match self.by_hash.entry(hash) {
            Entry::Vacant(_) => {
                self.pending = Some((hash, len));
                None
            }
            Entry::Occupied(found) => match *found.get() {
                i if same(name_at(i), name) => Some(i),
                // Another name with the same hash.
                _ => (0..len).find(|&i| name_at(i) == name),
            },
        }
    }

    /// As [`find_to_append`](Self::find_to_append), for items whose names are unique (a
    /// relation's groups), looking at the last item first: the elements of one relation
    /// usually stand together.
    pub(crate) fn find_recent_to_append<'n>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'n str,
        name: &str,
    ) -> Option<usize> {
        let Some(last) = len.checked_sub(1) else {
            return self.find_to_append(len, name_at, name);
        };
        if same(name_at(last), name) {
            return Some(last);
        }
        self.find_to_append(len, name_at, name)
    }

    /// Whether one of the `len` items is named `name` (see [`find`](Self::find)).
    pub(crate) fn contains<'n>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'n str,
        name: &str,
    ) -> bool {
        self.find(len, name_at, name).is_some()
    }
}

/// Whether two names are equal. Most are 4 to 16 bytes long, and those are compared a
/// word or two at a time, inline: a call to `memcmp` costs more, and its branches mispredict
/// on names that differ only at the end (`relation12`, `relation13`).
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    let word = |bytes: &[u8], at: usize| {
        u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
    };
    let half = |bytes: &[u8], at: usize| {
        u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
    };
    match n {
        // The first and the last word (they overlap below 16 bytes).
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => a == b,
    }
}

/// The hasher of a map whose keys are hashes already: it passes them through.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is called, with a `u64` key; fold anything else in regardless.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// A name's bit in [`HashedNameIndex`]'s filter: from its length and its first and last bytes.
fn filter_bit(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let (first, last) = match bytes {
        [] => (0, 0),
        [first, .., last] => (*first, *last),
        [only] => (*only, *only),
    };
    let mix = bytes.len() as u32 * 31 + u32::from(first) * 7 + u32::from(last);
    1 << (mix % 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_found_whatever_the_filter_says() {
        // `ab` and `ba`... share no bit by design; `aXb`/`aYb` share one (same length and ends).
        let names = ["a", "aXb", "aYb", "", "ab", "ba", "longer name", "a"];
        for count in [names.len(), 40] {
            let mut index = NameIndex::default();
            let mut earlier: Vec<String> = Vec::new();
            for i in 0..count {
                let name = names
                    .get(i)
                    .map_or_else(|| format!("n{i}"), |n| n.to_string());
                let expected = earlier.contains(&name);
                let found = index.contains(earlier.len(), |j| earlier[j].as_str(), &name);
                assert_eq!(found, expected, "{name}");
                earlier.push(name);
            }
        }
        assert_eq!(filter_bit("aXb"), filter_bit("aYb"));
    }

    #[test]
    fn names_appended_after_a_lookup_in_vain_are_found_again() {
        // As a decoder reads properties: each name looked up, appended when new.
        let names = [
            "a",
            "aXb",
            "aYb",
            "",
            "ab",
            "ba",
            "a",
            "longer name",
            "ab",
            "aXb",
        ];
        for count in [names.len(), SCAN_LIMIT, SCAN_LIMIT + 1, 60] {
            let mut index = NameIndex::default();
            let mut read: Vec<String> = Vec::new();
            for i in 0..count {
                let name = names
                    .get(i)
                    .map_or_else(|| format!("n{}", i % 23), |n| n.to_string());
                let expected = read.iter().position(|r| *r == name);
                let found = index.find_to_append(read.len(), |j| read[j].as_str(), &name);
                assert_eq!(found, expected, "{count} {name}");
                let recent = index.find_recent_to_append(read.len(), |j| read[j].as_str(), &name);
                assert_eq!(recent.is_some(), expected.is_some(), "{count} {name}");
                if found.is_none() {
                    read.push(name);
                }
            }
        }
    }

    #[test]
    fn lookups_alone_find_the_first_of_a_name() {
        // A caller that appends nothing (a diff), over names that repeat.
        for count in [3, SCAN_LIMIT, SCAN_LIMIT + 1, 200] {
            let names: Vec<String> = (0..count).map(|i| format!("n{}", i % 7)).collect();
            let mut index = NameIndex::default();
            for round in 0..2 {
                for i in 0..count {
                    let found = index.find(count, |j| names[j].as_str(), &names[i]);
                    assert_eq!(found, Some(i % 7), "{count} {round} {i}");
                    let missing = format!("m{i}");
                    assert_eq!(index.find(count, |j| names[j].as_str(), &missing), None);
                }
            }
        }
    }

    #[test]
    fn relations_are_equal_exactly_when_their_bytes_are() {
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
        ];
        let long = "relation-with-a-long-name-0";
        for n in 0..=long.len() {
            let a = &long[..n];
            assert!(same(a, a));
            for i in 0..n {
                // Differ at each byte in turn, and only there.
                let mut other = a.as_bytes().to_vec();
                other[i] = b'#';
                let other = String::from_utf8(other).expect("ASCII");
                assert!(!same(a, &other), "{a} {other}");
            }
        }
        for a in names {
            for b in names {
                assert_eq!(same(a, b), a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn finds_the_first_group_of_a_relation_few_or_many() {
        for count in [0, 1, 5, SCAN_LIMIT, SCAN_LIMIT + 1, 300] {
            let names: Vec<String> = (0..count).map(|i| format!("rel{i}")).collect();
            let mut index = NameIndex::default();
            for (i, name) in names.iter().enumerate() {
                assert_eq!(
                    index.find(names.len(), |j| names[j].as_str(), name),
                    Some(i)
                );
            }
            assert_eq!(index.find(names.len(), |j| names[j].as_str(), "none"), None);
        }
    }

    /// A hasher that gives every relation the same hash.
    #[derive(Default)]
    struct Constant;

    impl Hasher for Constant {
        fn finish(&self) -> u64 {
            7
        }

        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn relations_that_share_a_hash_are_still_found() {
        let names: Vec<String> = (0..40).map(|i| format!("rel{i}")).collect();
        let mut index = HashedNameIndex::<BuildHasherDefault<Constant>>::default();
        for (i, name) in names.iter().enumerate().rev() {
            assert_eq!(
                index.find(names.len(), |j| names[j].as_str(), name),
                Some(i)
            );
        }
        assert_eq!(index.find(names.len(), |j| names[j].as_str(), "none"), None);
    }

    #[test]
    fn a_relation_looked_up_in_vain_and_not_appended_is_forgotten() {
        let mut names: Vec<String> = (0..40).map(|i| format!("rel{i}")).collect();
        let mut index = NameIndex::default();
        assert_eq!(index.find(names.len(), |j| names[j].as_str(), "gone"), None);
        // The caller gave up on `gone`: the next lookup sees 40 groups still.
        assert_eq!(index.find(names.len(), |j| names[j].as_str(), "gone"), None);
        assert_eq!(
            index.find(names.len(), |j| names[j].as_str(), "rel39"),
            Some(39)
        );
        assert_eq!(index.find(names.len(), |j| names[j].as_str(), "new"), None);
        names.push("new".to_owned());
        assert_eq!(index.find(names.len(), |j| names[j].as_str(), "gone"), None);
        assert_eq!(
            index.find(names.len(), |j| names[j].as_str(), "new"),
            Some(40)
        );
    }

    #[test]
    fn indexes_groups_appended_after_a_lookup() {
        let mut names: Vec<String> = (0..40).map(|i| format!("rel{i}")).collect();
        let mut index = NameIndex::default();
        assert_eq!(index.find(names.len(), |j| names[j].as_str(), "new"), None);
        names.push("new".to_owned());
        names.push("newer".to_owned());
        assert_eq!(
            index.find(names.len(), |j| names[j].as_str(), "new"),
            Some(40)
        );
        assert_eq!(
            index.find(names.len(), |j| names[j].as_str(), "rel3"),
            Some(3)
        );
    }
}
