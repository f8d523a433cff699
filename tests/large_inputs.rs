//! Objects of 100,000 members, attributes, relations: a name given twice at the very end is
//! still found and reported as in a small object (message, path, place), and the members are
//! kept in order. The speed of these shapes is measured by `benches/pathological.rs` (4x the
//! items take about 4x the time); these tests hold the lookups that make them linear to the
//! answers of a scan.

use ucwa_codec::{diff, json, xml, Error};
use ucwa_codec::{ErrorBody, Events, Metadata, Resource};

const N: usize = 100_000;
const NS: &str = r#"xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa""#;

/// `f(i)` for `i` in `0..n`, joined with `sep`.
fn many(n: usize, sep: &str, f: impl Fn(usize) -> String) -> String {
    (0..n).map(f).collect::<Vec<_>>().join(sep)
}

/// JSON members `"m0":0, ...` and, with `repeat`, `m{repeat}` again at the end.
fn members(repeat: Option<usize>) -> String {
    let mut text = many(N, ",", |i| format!(r#""m{i}":{i}"#));
    if let Some(r) = repeat {
        text.push_str(&format!(r#","m{r}":"again""#));
    }
    text
}

/// An events document of one sender with the one event `inner`.
fn event(inner: &str) -> String {
    format!(r#"{{"sender":[{{"rel":"s","href":"/s","events":[{inner}]}}]}}"#)
}

/// Asserts a duplicate's error: its message and path, placed at or after the last member.
fn assert_duplicate(err: Error, text: &str, message: &str, path: &str) {
    assert_eq!(err.message(), message, "{err}");
    assert_eq!(err.path(), path, "{err}");
    let last = text.rfind("again").expect("the repeat") as u64;
    let column = err.column() as u64;
    assert!(column > last - 12, "{err} (the repeat at {last})");
}

#[test]
fn a_repeated_json_member_is_found_at_the_end_of_any_object() {
    // Each shape: the text with `m{r}` repeated last, the decoder, the path of the repeat.
    type Decode = fn(&str) -> Result<(), Error>;
    let resource: Decode = |t| json::from_str::<Resource>(t).map(drop);
    let error: Decode = |t| json::from_str::<ErrorBody>(t).map(drop);
    let events: Decode = |t| json::from_str::<Events>(t).map(drop);
    let options: Decode = |t| json::from_str::<Metadata>(t).map(drop);
    // The document around the members, its decoder, what a repeat is, the path's start.
    type Shape = (fn(&str) -> String, Decode, &'static str, &'static str);
    let shapes: Vec<Shape> = vec![
        (
            |m| format!(r#"{{"rel":"x",{m}}}"#),
            resource,
            "property",
            "",
        ),
        (
            |m| format!(r#"{{"_links":{{"self":{{"href":"/x",{m}}}}}}}"#),
            resource,
            "member",
            "_links.self.",
        ),
        (|m| format!(r#"{{"code":"X",{m}}}"#), error, "member", ""),
        (|m| format!(r#"{{"sender":[],{m}}}"#), events, "member", ""),
        (
            |m| format!(r#"{{"sender":[{{"rel":"s","href":"/s",{m},"events":[]}}]}}"#),
            events,
            "member",
            "sender[0].",
        ),
        (
            |m| {
                event(&format!(
                    r#"{{"link":{{"rel":"r","href":"/r"}},{m},"type":"added"}}"#
                ))
            },
            events,
            "member",
            "sender[0].events[0].",
        ),
        (
            |m| {
                event(&format!(
                    r#"{{"link":{{"rel":"r","href":"/r",{m}}},"type":"added"}}"#
                ))
            },
            events,
            "member",
            "sender[0].events[0].link.",
        ),
        (
            |m| format!(r#"{{"metadata":[],{m}}}"#),
            options,
            "member",
            "",
        ),
        (
            |m| format!(r#"{{"metadata":[{{"httpMethod":"GET",{m}}}]}}"#),
            options,
            "member",
            "metadata[0].",
        ),
        (
            |m| {
                format!(
                    r#"{{"metadata":[{{"httpMethod":"GET","parameters":[{{"name":"p",{m}}}]}}]}}"#
                )
            },
            options,
            "member",
            "metadata[0].parameters[0].",
        ),
    ];
    for (shape, decode, what, base) in shapes {
        let whole = shape(&members(None));
        decode(&whole).unwrap_or_else(|err| panic!("{err} in {}", &whole[..40]));
        // The first member, one in the middle, the last: each found again at the end.
        for r in [0, N / 2, N - 1] {
            let text = shape(&members(Some(r)));
            let err = decode(&text).expect_err("a repeat");
            let message = format!("duplicate {what} `m{r}`");
            assert_duplicate(err, &text, &message, &format!("{base}m{r}"));
        }
    }
}

#[test]
fn a_repeated_json_relation_is_found_after_many() {
    let links = many(N, ",", |i| format!(r#""r{i}":{{"href":"/{i}"}}"#));
    let text = format!(r#"{{"_links":{{{links},"r77":{{"href":"again"}}}}}}"#);
    let err = json::from_str::<Resource>(&text).unwrap_err();
    assert_duplicate(err, &text, "duplicate link relation `r77`", "_links.r77");
    let embedded = many(N, ",", |i| format!(r#""e{i}":{{}}"#));
    let text = format!(
        r#"{{"_embedded":{{{embedded},"e{}":{{"again":1}}}}}}"#,
        N - 1
    );
    let err = json::from_str::<Resource>(&text).unwrap_err();
    let message = format!("duplicate embedded relation `e{}`", N - 1);
    assert_duplicate(err, &text, &message, &format!("_embedded.e{}", N - 1));
}

#[test]
fn many_members_keep_their_order_through_both_encoders() {
    // The encoders plan each member of the order read; past 16 through the chained lookup.
    let text = format!(
        r#"{{"m9":1,"code":"X",{}}}"#,
        members(None).replacen(r#""m9":9,"#, "", 1)
    );
    let body = json::from_str::<ErrorBody>(&text).unwrap();
    assert_eq!(body.other.len(), N);
    assert_eq!(json::to_string(&body).unwrap(), text);
    let again = xml::from_str::<ErrorBody>(&xml::to_string(&body).unwrap()).unwrap();
    assert_eq!(again.other.len(), N);
    assert_eq!(again.member_order, body.member_order);
}

#[test]
fn a_repeated_xml_name_is_found_after_many() {
    let properties = many(N, "", |i| {
        format!(r#"<property name="p{i}">{i}</property>"#)
    });
    let last = format!("p{}", N - 1);
    let text = format!(
        r#"<resource rel="x" href="/x" {NS}>{properties}<property name="{last}">again</property></resource>"#
    );
    let err = xml::from_str::<Resource>(&text).unwrap_err();
    assert_eq!(err.message(), format!("duplicate property `{last}`"));
    assert!(err.column() > text.rfind("<property").unwrap());

    let members = many(N, "", |i| format!("<m{i}>{i}</m{i}>"));
    let text = format!(r#"<reason {NS}><code>X</code>{members}<m3>again</m3></reason>"#);
    let err = xml::from_str::<ErrorBody>(&text).unwrap_err();
    assert_eq!(err.message(), "duplicate element <m3> in <reason>");
    assert!(err.column() > text.rfind("<m3>").unwrap());
}

#[test]
fn many_xml_relations_are_grouped_in_order() {
    // Relations met in turn, each twice: the second of each joins the first's group.
    let links = many(2 * N, "", |i| {
        format!(r#"<link rel="r{}" href="/{i}"/>"#, i % N)
    });
    let embedded = many(N, "", |i| format!(r#"<resource rel="e{i}" href="/e{i}"/>"#));
    let r = xml::from_str::<Resource>(&format!(
        r#"<resource rel="x" href="/x" {NS}>{links}{embedded}</resource>"#
    ))
    .unwrap();
    assert_eq!(r.links.len(), N + 1);
    assert_eq!(r.links_of("r0").len(), 2);
    assert_eq!(
        r.links_of(&format!("r{}", N - 1))[1].href,
        format!("/{}", 2 * N - 1)
    );
    assert_eq!(r.embedded.len(), N);

    // In an events document: its links, and the embedded relations of one event.
    let links = many(2 * N, "", |i| {
        format!(r#"<link rel="r{}" href="/{i}"/>"#, i % N)
    });
    let resources = many(2 * N, "", |i| {
        format!(r#"<resource rel="e{}" href="/{i}"/>"#, i % N)
    });
    let text = format!(
        r#"<events href="/e" {NS}>{links}<sender rel="s" href="/s"><added rel="r" href="/r">{resources}</added></sender></events>"#
    );
    let events = xml::from_str::<Events>(&text).unwrap();
    assert_eq!(events.links.len(), N + 1);
    assert_eq!(events.links[N].links[1].href, format!("/{}", 2 * N - 1));
    let event = &events.senders[0].events[0];
    assert_eq!(event.embedded.len(), N);
    assert_eq!(
        event.embedded[7].resources[1].self_href(),
        Some(&*format!("/{}", N + 7))
    );
    // A member order that names `_links` and `sender` once, whatever came between.
    let properties = many(N, "", |i| {
        format!(r#"<property name="p{i}">{i}</property>"#)
    });
    let text = format!(
        r#"<events href="/e" {NS}>{properties}<link rel="next" href="/n"/><sender rel="s" href="/s"/><sender rel="s" href="/t"/></events>"#
    );
    let events = xml::from_str::<Events>(&text).unwrap();
    assert_eq!(events.member_order.len(), N + 2);
    assert_eq!(events.member_order[0], "_links");
    assert_eq!(events.member_order[N + 1], "sender");
}

#[test]
fn a_diff_of_many_members_pairs_them_by_name() {
    let text = |changed: usize, extra: &str| {
        format!(
            r#"{{"rel":"x",{}{extra},"_links":{{"self":{{"href":"/x",{}}},{}}}}}"#,
            many(N, ",", |i| format!(
                r#""p{i}":{}"#,
                i + usize::from(i == changed)
            )),
            many(N, ",", |i| format!(
                r#""a{i}":{}"#,
                i + usize::from(i == changed)
            )),
            many(N, ",", |i| format!(
                r#""r{i}":{{"href":"/{}"}}"#,
                i + usize::from(i == changed)
            ))
        )
    };
    let a = json::from_str::<Resource>(&text(N, r#","only_a":1"#)).unwrap();
    let b = json::from_str::<Resource>(&text(N - 1, r#","only_b":2"#)).unwrap();
    let found: Vec<String> = diff(&a, &b).iter().map(|d| d.to_string()).collect();
    let last = N - 1;
    let expected = [
        format!("p{last}: {last} -> {N}"),
        "only_a: only in the first (1)".to_owned(),
        "only_b: only in the second (2)".to_owned(),
        format!("_links.self.a{last}: {last} -> {N}"),
        format!("_links.r{last}.href: /{last} -> /{N}"),
    ];
    assert_eq!(found, expected);
}

#[test]
fn many_namespace_declarations_are_looked_up_where_they_are_in_force() {
    // 40 prefixes on the root (past the scan), `p3` bound again on one link: each prefixed
    // attribute takes along the declaration in force where it stands.
    let declarations = many(40, " ", |i| format!(r#"xmlns:p{i}="urn:{i}""#));
    let text = format!(
        r#"<resource rel="x" href="/x" {NS} {declarations}><link rel="a" href="/a" p3:v="1" xmlns:p3="urn:inner"/><link rel="b" href="/b" p3:v="2" p39:v="3"/></resource>"#
    );
    let r = xml::from_str::<Resource>(&text).unwrap();
    let attributes = |rel: &str| -> Vec<String> {
        let link = r.link(rel).unwrap();
        link.attributes
            .iter()
            .map(|(n, v)| format!("{n}={}", v.as_str().unwrap()))
            .collect()
    };
    assert_eq!(attributes("a"), ["xmlns:p3=urn:inner", "p3:v=1"]);
    assert_eq!(
        attributes("b"),
        ["xmlns:p3=urn:3", "p3:v=2", "xmlns:p39=urn:39", "p39:v=3"]
    );

    // Thousands on one link, each declared before the attribute that uses it; one prefix
    // that nothing declares, last.
    let pairs = many(N / 2, " ", |i| {
        format!(r#"xmlns:p{i}="urn:{i}" p{i}:a="{i}""#)
    });
    let text =
        format!(r#"<resource rel="x" href="/x" {NS}><link rel="r" href="/r" {pairs}/></resource>"#);
    let r = xml::from_str::<Resource>(&text).unwrap();
    let link = r.link("r").unwrap();
    assert_eq!(link.attributes.len(), N);
    assert_eq!(link.attributes[N - 2].0, format!("xmlns:p{}", N / 2 - 1));
    assert_eq!(link.attributes[N - 1].0, format!("p{}:a", N / 2 - 1));
    let text = text.replace("/>", r#" q:a="1"/>"#);
    let err = xml::from_str::<Resource>(&text).unwrap_err();
    assert_eq!(
        err.message(),
        "namespace prefix `q` of attribute `q:a` is not declared"
    );
}

#[test]
fn a_link_of_many_prefixed_attributes_is_written_back() {
    let pairs = many(N / 2, " ", |i| {
        format!(r#"xmlns:p{i}="urn:{i}" p{i}:a="{i}""#)
    });
    let text =
        format!(r#"<resource rel="x" href="/x" {NS}><link rel="r" href="/r" {pairs}/></resource>"#);
    let r = xml::from_str::<Resource>(&text).unwrap();
    assert_eq!(
        xml::from_str::<Resource>(&xml::to_string(&r).unwrap()).unwrap(),
        r
    );
    // An attribute whose prefix nothing declares, last, is refused by name.
    let mut r = r;
    let link = &mut r.links[1].links[0];
    link.attributes
        .push(("q:a".into(), ucwa_codec::Value::Text("1".into())));
    let err = xml::to_string(&r).unwrap_err();
    assert!(
        err.message()
            .starts_with("link attribute `q:a` has the namespace prefix `q`"),
        "{err}"
    );
}
