//! [`GroupIndex`]: finds a link or embedded group by its relation while a decoder fills a
//! resource, in constant time however many relations it has.

use foldhash::{HashMap, HashSet, HashSetExt};

use super::Str;

/// Up to this many groups a scan is cheaper than hashing.
const SCAN_LIMIT: usize = 16;

/// An index of the relations of the groups read so far, built only once there are more than a
/// few: a decoder looks up a relation for every element or member it reads, and scanning
/// thousands of groups for each would make decoding quadratic.
///
/// The index does not own the groups: the caller passes the number of groups and a way to read
/// the relation of each, and only appends groups (never removes or reorders them).
#[derive(Debug, Default)]
pub(crate) struct GroupIndex {
    by_relation: HashMap<Str, usize>,
    /// How many of the caller's groups are in `by_relation`.
    indexed: usize,
}

impl GroupIndex {
    /// The position of the first group whose relation is `relation`, among `len` groups whose
    /// relations `relation_at` gives. The last group is looked at first, since the elements of
    /// one relation usually stand together.
    pub(crate) fn find<'g>(
        &mut self,
        len: usize,
        relation_at: impl Fn(usize) -> &'g str,
        relation: &str,
    ) -> Option<usize> {
        let last = len.checked_sub(1)?;
        if relation_at(last) == relation {
            return Some(last);
        }
        if len <= SCAN_LIMIT {
            return (0..last).find(|&i| relation_at(i) == relation);
        }
        self.by_relation.reserve(len - self.indexed);
        for i in self.indexed..len {
            self.by_relation
                .entry(Str::from(relation_at(i)))
                .or_insert(i);
        }
        self.indexed = len;
        self.by_relation.get(relation).copied()
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
