//! What the differential tests of the fast paths share.

use proptest::test_runner::TestCaseError;
use proptest::{prop_assert, prop_assert_eq};

/// A fast path either leaves `text` alone (`fast` is `None`: `false`) or reads exactly what
/// the full decoder reads (`true`).
pub fn agreement<T: PartialEq + std::fmt::Debug>(
    text: &str,
    fast: Option<T>,
    full: ucwa_codec::Result<T>,
) -> Result<bool, TestCaseError> {
    let Some(fast) = fast else {
        return Ok(false);
    };
    match full {
        Ok(full) => prop_assert_eq!(fast, full, "{}", text),
        Err(err) => prop_assert!(
            false,
            "the fast path read what the full decoder refuses ({err}):\n{text}"
        ),
    }
    Ok(true)
}

/// `text` with `snippet` put in at `at` (wrapped to its length), `cut` bytes after it left out,
/// both moved back to character boundaries.
pub fn mutate(text: &str, at: usize, snippet: &str, cut: usize) -> String {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + cut).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{snippet}{}", &text[..at], &text[end..])
}
