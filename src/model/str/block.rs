//! [`Block`]s: bytes a decoder writes long strings into, each string once, for the strings
//! to share ([`View`]s of them) rather than each take an allocation of its own.
//!
//! The crate's one module with `unsafe` code. What makes it sound:
//!
//! - A block owns its bytes (a boxed slice, freed when the last view of it is dropped) and
//!   hands out only raw pointers into them, never a reference to them all.
//! - A block's bytes are written only by the [`Writer`] that made it, and only past
//!   `written`, the bytes it has written so far; `written` only grows.
//! - A [`View`] is made only by [`Writer::push`], of bytes it has just written (a copy of a
//!   `str`: initialized, UTF-8) and that are below `written` from then on: never written
//!   again. Its fields are private to this module, so no other code makes one.
//!
//! So the bytes a view reads are a `str` that never changes while it lives; a writer
//! writing past `written` while views read below it touches bytes no one reads.

#![allow(unsafe_code)]

use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::sync::Arc;

/// The largest block: a longer string is not shared (it takes an allocation of its own).
pub(super) const MAX_BLOCK: usize = 64 * 1024;

/// Bytes that strings are written into once, then only read.
pub(super) struct Block {
    /// From `Box::leak` in [`Block::new`], freed in `drop`.
    bytes: NonNull<[MaybeUninit<u8>]>,
}

// SAFETY: a block is its bytes, which views only read (bytes that never change, module
// docs) and its writer, the one code that writes them, writes through `&mut Writer`.
unsafe impl Send for Block {}
unsafe impl Sync for Block {}

impl Block {
    fn new(size: usize) -> Block {
        Block {
            bytes: NonNull::from(Box::leak(Box::new_uninit_slice(size))),
        }
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The byte at `at` (at most `len`), as a pointer.
    fn at(&self, at: usize) -> *mut u8 {
        assert!(at <= self.len());
        // SAFETY: within the block's allocation, or one past its end.
        unsafe { self.bytes.cast::<u8>().as_ptr().add(at) }
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        // SAFETY: from `Box::leak` in `new`; no view is left to read it.
        drop(unsafe { Box::from_raw(self.bytes.as_ptr()) });
    }
}

/// A string in a block: `len` bytes from `start`.
#[derive(Clone)]
pub(super) struct View {
    block: Arc<Block>,
    start: u32,
    len: u32,
}

impl View {
    /// The string.
    #[inline]
    pub(super) fn as_str(&self) -> &str {
        let (start, len) = (self.start as usize, self.len as usize);
        assert!(len <= self.block.len() - start);
        // SAFETY: a view's bytes are within its block, were copied from a `str` before the
        // view was made, and are never written again (module docs).
        unsafe {
            let bytes = std::slice::from_raw_parts(self.block.at(start), len);
            std::str::from_utf8_unchecked(bytes)
        }
    }
}

/// The writer of one document's strings into blocks.
#[derive(Default)]
pub(super) struct Writer {
    block: Option<Arc<Block>>,
    /// How many bytes of `block` are written: those below are in views.
    written: usize,
}

impl Writer {
    /// `s` copied into the current block, or into a new one of `size` bytes (at least
    /// `s.len()`, at most [`MAX_BLOCK`]) where it does not fit; `None` for a string longer
    /// than [`MAX_BLOCK`].
    #[inline]
    pub(super) fn push(&mut self, s: &str, size: impl FnOnce() -> usize) -> Option<View> {
        if s.len() > MAX_BLOCK {
            return None;
        }
        let room = self.block.as_ref().map_or(0, |b| b.len() - self.written);
        if room < s.len() {
            let size = size().clamp(s.len(), MAX_BLOCK);
            self.block = Some(Arc::new(Block::new(size)));
            self.written = 0;
        }
        let block = self.block.as_ref()?;
        let start = self.written;
        assert!(s.len() <= block.len() - start);
        // SAFETY: within the block; past `written`, so no view reads these bytes, and this
        // writer alone writes its block (module docs).
        unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), block.at(start), s.len()) };
        self.written += s.len();
        Some(View {
            block: Arc::clone(block),
            start: u32::try_from(start).ok()?,
            len: u32::try_from(s.len()).ok()?,
        })
    }
}
