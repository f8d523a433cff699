//! [`GroupIndex`]: finds a link or embedded group by its relation while a decoder fills a
//! resource, in constant time however many relations it has.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use foldhash::{HashSet, HashSetExt};

/// Up to this many groups a scan is cheaper than hashing.
const SCAN_LIMIT: usize = 16;

/// An index of the relations of the groups read so far, built only once there are more than a
/// few: a decoder looks up a relation for every element or member it reads, and scanning
/// thousands of groups for each would make decoding quadratic.
///
/// The index does not own the groups, nor copies of their relations: the caller passes the
/// number of groups and a way to read the relation of each, and only appends groups (never
/// removes or reorders them); after a lookup that finds nothing, the group it appends next is
/// the one of that relation. It maps each relation's hash to its group; a group found by
/// hash is checked against the relation, and in the rare case that two relations share a
/// hash, the one indexed second is found by a scan.
#[derive(Debug, Default)]
pub(crate) struct HashedGroupIndex<S> {
    by_hash: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
    /// Made when the index is first built: most resources have too few groups to need it,
    /// and seeding a hasher costs more than scanning a few groups.
    hasher: Option<S>,
    /// How many of the caller's groups are in `by_hash`: one more than it has when the last
    /// lookup found nothing, as the group the caller appends next is already in.
    indexed: usize,
}

/// The index the decoders use, with foldhash's hashes (a random seed per process).
pub(crate) type GroupIndex = HashedGroupIndex<foldhash::fast::RandomState>;

impl<S: BuildHasher + Default> HashedGroupIndex<S> {
    /// The position of the first group whose relation is `relation`, among `len` groups whose
    /// relations `relation_at` gives. The last group is looked at first, since the elements of
    /// one relation usually stand together.
    ///
    /// `None`: the relation is new, and the caller appends its group next, at `len` (or gives
    /// up on the groups). The index then holds it already: a new relation is hashed once.
    pub(crate) fn find<'g>(
        &mut self,
        len: usize,
        relation_at: impl Fn(usize) -> &'g str,
        relation: &str,
    ) -> Option<usize> {
        let last = len.checked_sub(1)?;
        if same(relation_at(last), relation) {
            return Some(last);
        }
        if len <= SCAN_LIMIT {
            return (0..last).find(|&i| same(relation_at(i), relation));
        }
        if self.indexed > len {
            // The group of the relation last looked up in vain did not come: start again.
            self.by_hash.clear();
            self.indexed = 0;
        }
        let hasher = self.hasher.get_or_insert_with(S::default);
        self.by_hash.reserve(len + 1 - self.indexed);
        for i in self.indexed..len {
            let hash = hasher.hash_one(relation_at(i));
            self.by_hash.entry(hash).or_insert(i);
        }
        self.indexed = len + 1;
        match self.by_hash.entry(hasher.hash_one(relation)) {
            Entry::Vacant(vacant) => {
                vacant.insert(len);
                None
            }
            Entry::Occupied(found) => match *found.get() {
                i if i < len && same(relation_at(i), relation) => Some(i),
                // Another relation with the same hash.
                _ => (0..len).find(|&i| relation_at(i) == relation),
            },
        }
    }
}

/// Whether two relations are equal. Most are 4 to 16 bytes long, and those are compared a
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

/// Finds a property name read twice in one resource: a scan while there are few, a hash set
/// once there are many (so that a resource with thousands of properties is not quadratic).
/// While it scans, a 64-bit filter of the names seen answers most lookups without a scan.
#[derive(Default)]
pub(crate) struct RepeatCheck {
    names: Option<HashSet<crate::model::Str>>,
    /// A bit per name seen, at [`filter_bit`]: a clear bit means a name not seen.
    seen: u64,
}

impl RepeatCheck {
    /// Whether `name` is among `earlier` (the resource's properties read so far), which it is
    /// then taken to join.
    pub(crate) fn is_repeat(&mut self, earlier: &[crate::model::Property], name: &str) -> bool {
        if let Some(names) = &mut self.names {
            return !names.insert(name.into());
        }
        if earlier.len() < SCAN_LIMIT {
            let bit = filter_bit(name);
            let maybe_seen = self.seen & bit != 0;
            self.seen |= bit;
            return maybe_seen && earlier.iter().any(|p| p.name == name);
        }
        let mut names = HashSet::with_capacity(earlier.len() + 1);
        names.extend(earlier.iter().map(|p| p.name.clone()));
        let repeat = !names.insert(name.into());
        self.names = Some(names);
        repeat
    }
}

/// A name's bit in [`RepeatCheck`]'s filter: from its length and its first and last bytes.
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
    use crate::model::Property;

    #[test]
    fn repeats_are_found_whatever_the_filter_says() {
        // `ab` and `ba`... share no bit by design; `aXb`/`aYb` share one (same length and ends).
        let names = ["a", "aXb", "aYb", "", "ab", "ba", "longer name", "a"];
        for count in [names.len(), 40] {
            let mut check = RepeatCheck::default();
            let mut earlier: Vec<Property> = Vec::new();
            for i in 0..count {
                let name = names
                    .get(i)
                    .map_or_else(|| format!("n{i}"), |n| n.to_string());
                let expected = earlier.iter().any(|p| p.name == name);
                assert_eq!(check.is_repeat(&earlier, &name), expected, "{name}");
                earlier.push(Property {
                    name: name.into(),
                    value: crate::Value::Null,
                });
            }
        }
        assert_eq!(filter_bit("aXb"), filter_bit("aYb"));
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
            let mut index = GroupIndex::default();
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
        let mut index = HashedGroupIndex::<BuildHasherDefault<Constant>>::default();
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
        let mut index = GroupIndex::default();
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
        let mut index = GroupIndex::default();
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
