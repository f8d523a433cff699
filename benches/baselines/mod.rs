//! The baselines the benchmarks measure the codecs against, besides serde_json's own calls.

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

/// A bare quick-xml loop: every event, every attribute value normalized (references resolved),
/// every text with its line ends normalized. What a hand-written decoder cannot beat.
pub fn quick_xml_events(bytes: &[u8]) -> usize {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut reader = Reader::from_str(text);
    let mut seen = 0;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(start) | Event::Empty(start) => {
                seen += start.name().0.len();
                for attribute in start.attributes() {
                    let attribute = attribute.expect("well-formed attribute");
                    let value = attribute
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("known references");
                    seen += attribute.key.0.len() + value.len();
                }
            }
            Event::End(end) => seen += end.name().0.len(),
            Event::Text(text) => seen += text.xml10_content().len(),
            Event::CData(text) => seen += text.xml10_content().len(),
            Event::GeneralRef(reference) => {
                seen += reference
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .map_or(1, char::len_utf8)
            }
            Event::Eof => return seen,
            _ => {}
        }
    }
}

/// `roxmltree::Document::parse` of the bytes (after checking their UTF-8).
pub fn roxmltree_parse(bytes: &[u8]) -> usize {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(text).expect("well-formed");
    doc.descendants().len()
}

/// `simd_json::to_borrowed_value` of a copy of the bytes: its parse is in place, so a caller
/// that keeps its input (as every decoder here does) pays the copy too.
pub fn simd_json_borrowed(bytes: &[u8]) -> usize {
    let mut copy = bytes.to_vec();
    let value = simd_json::to_borrowed_value(&mut copy).expect("parses");
    std::hint::black_box(&value);
    bytes.len()
}

/// `sonic_rs::from_slice::<sonic_rs::Value>` of the bytes (it checks their UTF-8).
pub fn sonic_rs_value(bytes: &[u8]) -> usize {
    let value: sonic_rs::Value = sonic_rs::from_slice(bytes).expect("parses");
    std::hint::black_box(&value);
    bytes.len()
}
