//! The order of a document's members: how decoders note it ([`ReadOrder`]) and how encoders
//! plan the order to write them in ([`plan`]), the same for every document kind and format.

use super::{NameIndex, Property, Str};

/// The names of properties, for [`plan`].
#[inline]
pub(crate) fn names(properties: &[Property]) -> Vec<&str> {
    properties.iter().map(|p| p.name.as_str()).collect()
}

/// The names of attributes, for [`plan`].
pub(crate) fn attribute_names(attributes: &[(Str, crate::model::Value)]) -> Vec<&str> {
    attributes.iter().map(|(n, _)| n.as_str()).collect()
}

/// Whether a member that may be empty is written: when it is not empty, when there is no
/// hint, or when the hint names it (it was read, empty).
pub(crate) fn wanted(hint: &[Str], name: &str, non_empty: bool) -> bool {
    non_empty || hint.is_empty() || hint.iter().any(|h| h == name)
}

/// The members of a document object in the order a decoder reads them, kept without
/// allocating: the model gets them as a member order (a [`plan`] hint) only when writing them
/// in the default order would not give them back as read. Most objects come in the default
/// order, and their order then costs no vector of names.
#[derive(Default)]
pub(crate) struct ReadOrder {
    /// Each member's place in the default order (that of `*` for the unknown ones), as read.
    places: smallvec::SmallVec<[u8; 8]>,
    /// The known members read, a bit per place.
    seen: u64,
}

impl ReadOrder {
    /// Notes the known member at `place` in the default order; `false`, noting nothing, if it
    /// was read already.
    #[inline]
    pub(crate) fn known(&mut self, place: usize) -> bool {
        let bit = 1 << place;
        if self.seen & bit != 0 {
            return false;
        }
        self.seen |= bit;
        self.places.push(place as u8);
        true
    }

    /// Notes an unknown member, at `star`, the place of `*` in the default order.
    #[inline]
    pub(crate) fn unknown(&mut self, star: usize) {
        self.places.push(star as u8);
    }

    /// Whether the known member at `place` was read.
    pub(crate) fn has(&self, place: usize) -> bool {
        self.seen & (1 << place) != 0
    }

    /// The member order for the model: empty when the members came in the default order and
    /// `keep` is false, else the name of each (the unknown ones from `unknown`, in order).
    #[inline]
    pub(crate) fn names<'a>(
        self,
        default: &[&'static str],
        keep: bool,
        mut unknown: impl Iterator<Item = &'a Str>,
    ) -> Vec<Str> {
        if !keep && self.places.windows(2).all(|pair| pair[0] <= pair[1]) {
            return Vec::new();
        }
        self.places
            .iter()
            .map(|&place| match default.get(usize::from(place)) {
                Some(&"*") | None => unknown.next().cloned().unwrap_or_default(),
                Some(known) => Str::from(*known),
            })
            .collect()
    }
}

/// One member to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A member the document knows, by its name.
    Known(&'static str),
    /// The unknown member at this index.
    Other(usize),
}

/// The order to write members in: those `hint` names first, in its order, then the rest in
/// `default` order, where `"*"` stands for the unknown members (`other`, in their order).
///
/// A hinted name that is neither known nor among the unknown members is skipped; each member
/// is planned once. Whether a known member is there to write is the writer's business.
pub(crate) fn plan(hint: &[Str], default: &[&'static str], other: &[&str]) -> Vec<Slot> {
    let mut slots = Vec::with_capacity(default.len() + other.len());
    let mut known_used = Used::new(default.len());
    let mut other_used = Used::new(other.len());
    let mut unplanned = Unplanned::new(if hint.is_empty() { &[] } else { other });
    for name in hint {
        if let Some(i) = default
            .iter()
            .position(|d| *d != "*" && *d == name.as_str())
        {
            if !known_used.get(i) {
                known_used.set(i);
                slots.push(Slot::Known(default[i]));
            }
        } else if let Some(j) = unplanned.take(name, &other_used) {
            other_used.set(j);
            slots.push(Slot::Other(j));
        }
    }
    for (i, name) in default.iter().enumerate() {
        if *name == "*" {
            for j in 0..other.len() {
                if !other_used.get(j) {
                    other_used.set(j);
                    slots.push(Slot::Other(j));
                }
            }
        } else if !known_used.get(i) {
            known_used.set(i);
            slots.push(Slot::Known(name));
        }
    }
    slots
}

/// Finds for the hint's names the unknown members they plan: the first of that name not
/// planned yet. A scan for the few members most objects have; beyond, the members of each
/// name chained in order, so that a long hint over many members is not quadratic.
enum Unplanned<'o> {
    Few(&'o [&'o str]),
    Many {
        other: &'o [&'o str],
        index: NameIndex,
        /// The next member of the same name, or `NONE`.
        next: Vec<usize>,
        /// At the first member of each name: the first of that name not planned yet.
        cursor: Vec<usize>,
    },
}

const NONE: usize = usize::MAX;

impl<'o> Unplanned<'o> {
    fn new(other: &'o [&'o str]) -> Unplanned<'o> {
        if other.len() <= 16 {
            return Unplanned::Few(other);
        }
        let n = other.len();
        let (mut index, mut next, mut cursor) =
            (NameIndex::default(), vec![NONE; n], vec![NONE; n]);
        // At the first member of each name: the last of that name so far.
        let mut tail = vec![NONE; n];
        for j in 0..n {
            match index.find(j, |i| other[i], other[j]) {
                Some(first) => {
                    next[tail[first]] = j;
                    tail[first] = j;
                }
                None => {
                    tail[j] = j;
                    cursor[j] = j;
                }
            }
        }
        Unplanned::Many {
            other,
            index,
            next,
            cursor,
        }
    }

    /// The first member named `name` that `used` does not mark, which the caller then marks.
    fn take(&mut self, name: &str, used: &Used) -> Option<usize> {
        match self {
            Unplanned::Few(other) => (0..other.len()).find(|&j| !used.get(j) && other[j] == name),
            Unplanned::Many {
                other,
                index,
                next,
                cursor,
            } => {
                // Only the hint's names take members while this is used: the first not
                // planned of a name is the cursor's.
                let first = index.find(other.len(), |i| other[i], name)?;
                let j = cursor[first];
                if j == NONE {
                    return None;
                }
                cursor[first] = next[j];
                Some(j)
            }
        }
    }
}

/// Which of `n` members are planned already: bits in a word for up to 64 (no allocation for
/// the few members a document object has), flags beyond.
struct Used {
    bits: u64,
    many: Vec<bool>,
}

impl Used {
    fn new(n: usize) -> Used {
        let many = if n > 64 { vec![false; n] } else { Vec::new() };
        Used { bits: 0, many }
    }

    fn get(&self, i: usize) -> bool {
        match self.many.get(i) {
            Some(&used) => used,
            None => self.bits & (1 << i) != 0,
        }
    }

    fn set(&mut self, i: usize) {
        match self.many.get_mut(i) {
            Some(used) => *used = true,
            None => self.bits |= 1 << i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn slot_names(slots: &[Slot], other: &[Property]) -> Vec<String> {
        slots
            .iter()
            .map(|s| match s {
                Slot::Known(n) => (*n).to_owned(),
                Slot::Other(j) => format!("+{}", other[*j].name),
            })
            .collect()
    }

    #[test]
    fn plan_follows_the_hint_then_the_default() {
        let other = vec![
            Property {
                name: "x".into(),
                value: Value::Null,
            },
            Property {
                name: "y".into(),
                value: Value::Null,
            },
        ];
        let default = ["a", "b", "*", "c"];
        let plan_of = |hint: &[&str]| {
            let hint: Vec<Str> = hint.iter().map(|h| Str::from(*h)).collect();
            slot_names(&plan(&hint, &default, &names(&other)), &other)
        };
        assert_eq!(plan_of(&[]), ["a", "b", "+x", "+y", "c"]);
        assert_eq!(plan_of(&["c", "y", "a"]), ["c", "+y", "a", "b", "+x"]);
        assert_eq!(plan_of(&["z", "a", "a", "*"]), ["a", "b", "+x", "+y", "c"]);
    }

    #[test]
    fn a_long_hint_over_many_members_plans_as_a_scan_would() {
        // Names that repeat, in a hint that repeats and misses some: the chained lookup past
        // 16 members gives what the scan of the first unplanned member of a name gives.
        let other: Vec<String> = (0..60).map(|i| format!("m{}", i % 9)).collect();
        let other: Vec<&str> = other.iter().map(String::as_str).collect();
        let hint: Vec<Str> = (0..80)
            .map(|i| Str::from(format!("m{}", (i * 7) % 11)))
            .chain([Str::from("a")])
            .collect();
        let default = ["a", "*", "b"];
        let mut used = vec![false; other.len()];
        let mut expected = Vec::new();
        for name in &hint {
            if name == "a" {
                expected.push(Slot::Known("a"));
            } else if let Some(j) = (0..other.len()).find(|&j| !used[j] && other[j] == name) {
                used[j] = true;
                expected.push(Slot::Other(j));
            }
        }
        expected.extend((0..other.len()).filter(|&j| !used[j]).map(Slot::Other));
        expected.push(Slot::Known("b"));
        assert_eq!(plan(&hint, &default, &other), expected);
    }
}
