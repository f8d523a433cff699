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
