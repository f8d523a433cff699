//! [`Few`], the vector of one relation's links or embedded resources: the crate's own type, so
//! that what holds them can change without a breaking release.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};

use smallvec::SmallVec;

/// A vector for the few items, most often one, of one relation: [`Links`](crate::Links) and
/// [`Resources`](crate::Resources). One item lives inline, so that a decoder allocates nothing
/// for the relation that holds one.
///
/// It dereferences to a slice (`iter`, `first`, `get`, `len`, indexing, ...) and has `Vec`'s
/// methods to change it (`push`, `insert`, `remove`, `retain`, ...); it converts from a `Vec`
/// or an array with `into()` and is collected from an iterator.
///
/// ```
/// use ucwa_codec::{Few, Link, Links};
///
/// let mut links = Links::one(Link::new("/ucwa/v1/people/1"));
/// links.push(Link::new("/ucwa/v1/people/2"));
/// assert_eq!(links.len(), 2);
/// assert_eq!(links[1].href, "/ucwa/v1/people/2");
///
/// let hrefs: Vec<&str> = links.iter().map(|l| l.href.as_str()).collect();
/// assert_eq!(hrefs, ["/ucwa/v1/people/1", "/ucwa/v1/people/2"]);
///
/// let numbers: Few<u32> = (1..=3).collect();
/// assert_eq!(numbers, Few::from([1, 2, 3]));
/// assert_eq!(numbers.into_vec(), vec![1, 2, 3]);
/// ```
#[derive(Clone)]
pub struct Few<T>(SmallVec<[T; 1]>);

impl<T> Few<T> {
    /// An empty vector (it allocates nothing).
    #[inline]
    pub fn new() -> Few<T> {
        Few(SmallVec::new())
    }

    /// A vector of one item (it allocates nothing).
    #[inline]
    pub fn one(item: T) -> Few<T> {
        Few(SmallVec::from_buf([item]))
    }

    /// An empty vector with room for `capacity` items.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Few<T> {
        Few(SmallVec::with_capacity(capacity))
    }

    /// How many items it has room for without allocating.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.0.capacity()
    }

    /// Appends an item.
    #[inline]
    pub fn push(&mut self, item: T) {
        self.0.push(item);
    }

    /// Removes and returns the last item.
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        self.0.pop()
    }

    /// Inserts an item at `index`, shifting those after it.
    ///
    /// # Panics
    ///
    /// If `index > len`.
    #[inline]
    pub fn insert(&mut self, index: usize, item: T) {
        self.0.insert(index, item);
    }

    /// Removes and returns the item at `index`, shifting those after it.
    ///
    /// # Panics
    ///
    /// If `index >= len`.
    #[inline]
    pub fn remove(&mut self, index: usize) -> T {
        self.0.remove(index)
    }

    /// Keeps only the items for which `keep` is true, in order.
    #[inline]
    pub fn retain(&mut self, keep: impl FnMut(&mut T) -> bool) {
        self.0.retain(keep);
    }

    /// Keeps the first `len` items.
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Removes every item.
    #[inline]
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Makes room for `additional` more items.
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    /// Gives back the room beyond its items.
    #[inline]
    pub fn shrink_to_fit(&mut self) {
        // Most hold their items inline: no call for them.
        if self.0.spilled() {
            self.0.shrink_to_fit();
        }
    }

    /// The items as a slice.
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// The items as a mutable slice.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.0
    }

    /// The items in a `Vec`.
    #[inline]
    pub fn into_vec(self) -> Vec<T> {
        self.0.into_vec()
    }
}

impl<T> Default for Few<T> {
    #[inline]
    fn default() -> Few<T> {
        Few::new()
    }
}

impl<T> Deref for Few<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> DerefMut for Few<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T> AsRef<[T]> for Few<T> {
    #[inline]
    fn as_ref(&self) -> &[T] {
        &self.0
    }
}

impl<T> AsMut<[T]> for Few<T> {
    #[inline]
    fn as_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Few<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: PartialEq<U>, U> PartialEq<Few<U>> for Few<T> {
    #[inline]
    fn eq(&self, other: &Few<U>) -> bool {
        self[..] == other[..]
    }
}

impl<T: Eq> Eq for Few<T> {}

impl<T: PartialEq<U>, U> PartialEq<[U]> for Few<T> {
    #[inline]
    fn eq(&self, other: &[U]) -> bool {
        self[..] == *other
    }
}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for Few<T> {
    #[inline]
    fn eq(&self, other: &[U; N]) -> bool {
        self[..] == other[..]
    }
}

impl<T: PartialEq<U>, U> PartialEq<Vec<U>> for Few<T> {
    #[inline]
    fn eq(&self, other: &Vec<U>) -> bool {
        self[..] == other[..]
    }
}

impl<T: Hash> Hash for Few<T> {
    /// As the slice of its items.
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self[..].hash(state);
    }
}

impl<T> From<Vec<T>> for Few<T> {
    /// Keeps the `Vec`'s buffer (if it has more than one item).
    #[inline]
    fn from(items: Vec<T>) -> Few<T> {
        Few(SmallVec::from_vec(items))
    }
}

impl<T, const N: usize> From<[T; N]> for Few<T> {
    #[inline]
    fn from(items: [T; N]) -> Few<T> {
        items.into_iter().collect()
    }
}

impl<T: Clone> From<&[T]> for Few<T> {
    #[inline]
    fn from(items: &[T]) -> Few<T> {
        Few(SmallVec::from(items))
    }
}

impl<T> From<Few<T>> for Vec<T> {
    #[inline]
    fn from(items: Few<T>) -> Vec<T> {
        items.into_vec()
    }
}

impl<T> FromIterator<T> for Few<T> {
    #[inline]
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Few<T> {
        Few(SmallVec::from_iter(iter))
    }
}

impl<T> Extend<T> for Few<T> {
    #[inline]
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

/// The owned iterator of a [`Few`]: its items, in order.
pub struct IntoIter<T>(smallvec::IntoIter<[T; 1]>);

impl<T> Iterator for IntoIter<T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        self.0.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> DoubleEndedIterator for IntoIter<T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        self.0.next_back()
    }
}

impl<T> ExactSizeIterator for IntoIter<T> {}

impl<T> std::iter::FusedIterator for IntoIter<T> {}

impl<T: fmt::Debug> fmt::Debug for IntoIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IntoIter").field(&self.0.as_slice()).finish()
    }
}

impl<T: Clone> Clone for IntoIter<T> {
    fn clone(&self) -> IntoIter<T> {
        IntoIter(self.0.clone())
    }
}

impl<T> IntoIterator for Few<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;

    #[inline]
    fn into_iter(self) -> IntoIter<T> {
        IntoIter(self.0.into_iter())
    }
}

impl<'a, T> IntoIterator for &'a Few<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    #[inline]
    fn into_iter(self) -> std::slice::Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Few<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    #[inline]
    fn into_iter(self) -> std::slice::IterMut<'a, T> {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_inline_more_on_the_heap() {
        let mut few = Few::one(1);
        assert_eq!(few.capacity(), 1);
        few.extend([2, 3]);
        few.retain(|n| *n != 2);
        assert_eq!(few, [1, 3]);
        few.truncate(1);
        few.shrink_to_fit();
        assert_eq!(few.capacity(), 1);
        assert_eq!(few.into_iter().rev().collect::<Vec<_>>(), [1]);
        assert_eq!(format!("{:?}", Few::from(vec!['a', 'b'])), "['a', 'b']");
    }
}
