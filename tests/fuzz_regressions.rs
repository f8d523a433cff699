//! What the fuzzers found, each pinned by a test named after what it guards.

use ucwa_codec::{document, xml, ErrorKind};

/// `cargo fuzz run document` (the document target's first crash): an XML document holding a
/// raw NUL decoded, then could not be written back. Characters XML forbids are refused where
/// they stand.
#[test]
fn xml_with_a_forbidden_character_is_refused_at_its_position() {
    let input = "<resource rel=\"x\">\n  <property name=\"a\">a\u{0}b</property>\n</resource>";
    let err = xml::from_str(input).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(
        err.to_string(),
        "the character U+0000 is not allowed in XML at line 2, column 23"
    );
    assert!(document::decode(input.as_bytes(), None).is_err());
    let err = xml::from_str("<resource rel=\"x\"><!-- \u{FFFF} --></resource>").unwrap_err();
    assert_eq!(err.message(), "the character U+FFFF is not allowed in XML");
}
