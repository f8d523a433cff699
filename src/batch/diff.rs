//! Comparing two batches part by part.

use super::{Batch, Header};
use crate::diff::{article, diff_documents_with, Comparison, Difference};
use crate::model::Document;

/// The differences between two batches, part by part: the start lines, then the documents
/// (paths prefixed `part[N]`, counted from 1), or the bytes of bodies that hold none. Exactly,
/// the headers of each part and message count too.
///
/// ```
/// use ucwa_codec::batch::{self, Batch};
/// use ucwa_codec::diff::Comparison;
///
/// let text = "--b\r\nContent-Type: application/http; msgtype=request\r\n\r\n\
///             GET /ucwa/v1/applications/1/me HTTP/1.1\r\nHost: x\r\n\r\n--b--\r\n";
/// let one = Batch::parse(text.as_bytes(), Some("multipart/batching; boundary=b"))?;
/// assert_eq!(batch::diff(&one, &one, Comparison::Exact), vec![]);
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn diff(a: &Batch, b: &Batch, comparison: Comparison) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut push = |path: String, left: Option<String>, right: Option<String>| {
        out.push(Difference { path, left, right });
    };
    let count = a.parts.len().max(b.parts.len());
    for index in 0..count {
        let path = format!("part[{}]", index + 1);
        let (Some(x), Some(y)) = (a.parts.get(index), b.parts.get(index)) else {
            push(
                path,
                a.parts.get(index).map(|p| p.message.start_line.to_string()),
                b.parts.get(index).map(|p| p.message.start_line.to_string()),
            );
            continue;
        };
        if x.message.start_line != y.message.start_line {
            push(
                format!("{path}.start-line"),
                Some(x.message.start_line.to_string()),
                Some(y.message.start_line.to_string()),
            );
        }
        if comparison == Comparison::Exact {
            for (p, q, what) in [
                (&x.headers, &y.headers, "part-headers"),
                (&x.message.headers, &y.message.headers, "headers"),
            ] {
                headers(p, q, &format!("{path}.{what}"), &mut push);
            }
        }
        match (&x.message.document, &y.message.document) {
            (Some(p), Some(q)) => {
                for difference in diff_documents_with(p, q, comparison) {
                    let inner = difference.path;
                    let path = match inner.chars().next() {
                        None => path.clone(),
                        Some('[') => format!("{path}{inner}"),
                        Some(_) => format!("{path}.{inner}"),
                    };
                    push(path, difference.left, difference.right);
                }
            }
            (None, None) if x.message.body == y.message.body => {}
            (p, q) => push(
                format!("{path}.body"),
                Some(describe_body(p.as_ref(), &x.message.body)),
                Some(describe_body(q.as_ref(), &y.message.body)),
            ),
        }
    }
    out
}

/// The headers of two parts or messages, line by line.
fn headers(
    a: &[Header],
    b: &[Header],
    path: &str,
    push: &mut impl FnMut(String, Option<String>, Option<String>),
) {
    let line = |h: &Header| format!("{}: {}", h.name, h.value);
    for index in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(index).map(line), b.get(index).map(line));
        if x != y {
            push(format!("{path}[{index}]"), x, y);
        }
    }
}

fn describe_body(document: Option<&Document>, body: &[u8]) -> String {
    match document {
        Some(doc) => format!("a{} {} document", article(doc), doc.kind()),
        None if body.is_empty() => "no body".to_owned(),
        None => format!("{} bytes", body.len()),
    }
}
