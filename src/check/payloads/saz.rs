//! Fiddler archives (`.saz`): zip files of sessions, each a request `raw/NN_c.txt` and a
//! response `raw/NN_s.txt` (HTTP/1.1 messages, as sent) beside metadata `raw/NN_m.xml`.
//!
//! A file is one when it starts with a zip signature, whatever its name. Its sessions are read
//! in the order of their numbers `NN` (not the archive's order), the request before the
//! response, each entry as a text file of one HTTP message: its body is a payload named by
//! the entry (`raw/03_s.txt`), its positions lines and columns in that entry. Other entries
//! (`raw/NN_m.xml`, `raw/NN_w.txt` WebSocket messages, `_index.htm`) are not read.
//!
//! Limits, kept while reading: the archive may list at most `max_entries` entries (counted in
//! its central directory, before any is read), and its entries may decompress to at most
//! `max_size` bytes in all — so each to at most that — counted while decompressing, whatever
//! their headers claim. Past either, an [`INVALID_CAPTURE`](codes::INVALID_CAPTURE) finding,
//! and the rest is not read. So are a zip that does not read (cut short, corrupt), an entry
//! that does not decompress or fails its CRC, a request without its response (or the
//! reverse), an entry that is not an HTTP message or holds the other side's, and two entries
//! of one session's side (`raw/3_c.txt` beside `raw/03_c.txt`).

use super::Extractor;
#[cfg(feature = "fiddler")]
use super::{blank_prefix, codes, is_start_line, lines, Finding, Item, Source};

/// Whether `bytes` are a zip archive: they start with a local file header, or with the end of
/// the central directory (an archive of nothing).
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

#[cfg(not(feature = "fiddler"))]
impl Extractor<'_, '_> {
    /// A zip archive, which this build does not read: one finding that says so.
    pub(super) fn saz(&mut self) {
        self.invalid(
            "archive",
            "a zip archive (a Fiddler .saz capture): this build of ucwa-codec reads none \
             (its `fiddler` feature is off)",
        );
    }
}

#[cfg(feature = "fiddler")]
mod read {
    use std::collections::BTreeMap;
    use std::io::{Cursor, Read};

    use zip::ZipArchive;

    use super::super::Found;
    use super::*;

    /// One session's entries: their names and indexes in the archive.
    #[derive(Default)]
    struct Session {
        request: Option<(String, usize)>,
        response: Option<(String, usize)>,
    }

    /// The session number of an entry `raw/NN_c.txt` (a request) or `raw/NN_s.txt` (a
    /// response), and whether it is the request.
    fn session_of(name: &str) -> Option<(u64, bool)> {
        let (number, suffix) = name.strip_prefix("raw/")?.split_once('_')?;
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let is_request = match suffix {
            "c.txt" => true,
            "s.txt" => false,
            _ => return None,
        };
        Some((number.parse().ok()?, is_request))
    }

    /// What reading an entry came to.
    enum Entry {
        /// Its bytes.
        Read(Vec<u8>),
        /// It decompresses to more than the bytes asked for.
        TooLarge,
        /// It does not read: why, and how many bytes it decompressed to before.
        Failed(String, usize),
    }

    /// Entry `index`, decompressed to at most `limit` bytes (whatever its header says).
    fn read_entry(archive: &mut ZipArchive<Cursor<&[u8]>>, index: usize, limit: usize) -> Entry {
        let file = match archive.by_index(index) {
            Ok(file) => file,
            Err(err) => return Entry::Failed(err.to_string(), 0),
        };
        let mut bytes = Vec::new();
        let most = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        match file.take(most).read_to_end(&mut bytes) {
            Err(err) => Entry::Failed(err.to_string(), bytes.len()),
            Ok(_) if bytes.len() > limit => Entry::TooLarge,
            Ok(_) => Entry::Read(bytes),
        }
    }

    impl Extractor<'_, '_> {
        /// A Fiddler archive: every session's request and response, in session order.
        pub(in super::super) fn saz(&mut self) {
            let mut archive = match ZipArchive::new(Cursor::new(self.file)) {
                Ok(archive) => archive,
                Err(err) => {
                    return self.invalid("archive", format!("the zip archive does not read: {err}"))
                }
            };
            let max_entries = self.options.max_entries;
            if archive.len() > max_entries {
                let message = format!(
                    "the zip archive lists {} entries, more than {max_entries} (max_entries); \
                     none is read",
                    archive.len()
                );
                return self.invalid("archive", message);
            }
            let mut sessions: BTreeMap<u64, Session> = BTreeMap::new();
            for index in 0..archive.len() {
                let Some(name) = archive.name_for_index(index) else {
                    continue;
                };
                let Some((number, is_request)) = session_of(name) else {
                    continue;
                };
                let session = sessions.entry(number).or_default();
                let side = if is_request {
                    &mut session.request
                } else {
                    &mut session.response
                };
                match side {
                    Some((first, _)) => {
                        let side = if is_request { "request" } else { "response" };
                        let message = format!(
                            "a second {side} of session {number}, beside {first}; not read"
                        );
                        let name = name.to_owned();
                        self.invalid(&name, message);
                    }
                    None => *side = Some((name.to_owned(), index)),
                }
            }
            if sessions.is_empty() {
                return self.invalid(
                    "archive",
                    "the zip archive holds no Fiddler session (no entry raw/NN_c.txt or \
                     raw/NN_s.txt): it is no .saz capture",
                );
            }
            let mut left = self.options.decode.max_size;
            for (number, session) in sessions {
                match (&session.request, &session.response) {
                    (Some((name, index)), _) => {
                        if !self.saz_entry(&mut archive, name, *index, true, &mut left) {
                            return;
                        }
                    }
                    (None, Some((response, _))) => self.invalid(
                        &response.replace("_s.txt", "_c.txt"),
                        format!("session {number} has a response ({response}) but no request"),
                    ),
                    (None, None) => {}
                }
                match (&session.request, &session.response) {
                    (_, Some((name, index))) => {
                        if !self.saz_entry(&mut archive, name, *index, false, &mut left) {
                            return;
                        }
                    }
                    (Some((request, _)), None) => self.invalid(
                        &request.replace("_c.txt", "_s.txt"),
                        format!("session {number} has a request ({request}) but no response"),
                    ),
                    (None, None) => {}
                }
            }
        }

        /// Reads the entry `name` (at `index`) within the `left` bytes of `max_size`, and its
        /// HTTP message; `false` when it is past them (the rest is not to be read).
        fn saz_entry(
            &mut self,
            archive: &mut ZipArchive<Cursor<&[u8]>>,
            name: &str,
            index: usize,
            is_request: bool,
            left: &mut usize,
        ) -> bool {
            let max_size = self.options.decode.max_size;
            match read_entry(archive, index, *left) {
                Entry::Read(bytes) => {
                    *left -= bytes.len();
                    self.saz_message(name, is_request, &bytes);
                    true
                }
                Entry::Failed(why, read) => {
                    // What it decompressed to counts, so that failing entries take no more
                    // work than good ones.
                    *left = left.saturating_sub(read);
                    self.invalid(name, format!("the entry does not read: {why}"));
                    true
                }
                Entry::TooLarge => {
                    let message = if *left == max_size {
                        format!(
                            "the entry decompresses to more than {max_size} bytes (max_size); \
                             it and the rest of the archive are not read"
                        )
                    } else {
                        format!(
                            "the archive's entries decompress to more than {max_size} bytes in \
                             all (max_size), at this one; it and the rest are not read"
                        )
                    };
                    self.invalid(name, message);
                    false
                }
            }
        }

        /// An entry's HTTP message, read as a text file of HTTP messages is: its body a
        /// payload named by the entry.
        fn saz_message(&mut self, name: &str, is_request: bool, bytes: &[u8]) {
            let side = if is_request { "request" } else { "response" };
            let start = blank_prefix(bytes);
            let rest = &bytes[start..];
            if rest.is_empty() {
                return self.invalid(name, format!("the entry is empty: no HTTP {side}"));
            }
            let first_line = lines(rest).next().map_or(rest, |l| &rest[..l.end]);
            let (file_name, options) = (self.file_name, self.options);
            // The entry's items, owning their bytes, go on where this archive's go.
            let mut forward = |found: Found<'_>| {
                if let Found::Item(item) = found {
                    self.push(item.into_owned());
                }
            };
            let mut entry = Extractor {
                file_name,
                options,
                file: bytes,
                source: Source::new(bytes),
                sink: &mut forward,
                defer_har_entries: false,
                after_message: false,
                entry: Some(name),
            };
            if !is_start_line(first_line) {
                let (line, column) = entry.line_column(start);
                let message = format!(
                    "the entry is not an HTTP message: expected the {side}'s {} line",
                    if is_request { "request" } else { "status" }
                );
                let finding = Finding::new(file_name, name, "", codes::INVALID_CAPTURE, message);
                let finding = entry.placed(finding, line, column, true);
                return entry.push(Item::Invalid(finding));
            }
            if first_line.starts_with(b"HTTP/") == is_request {
                let (holds, suffix) = if is_request {
                    ("a response", "_c.txt")
                } else {
                    ("a request", "_s.txt")
                };
                let message = format!(
                    "the entry holds {holds}, where a session's {suffix} holds its {side}; read \
                     as it is"
                );
                entry.invalid(name, message);
            }
            entry.http(start);
        }
    }
}
