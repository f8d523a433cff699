//! The sans-IO event channel (`ucwa_codec::channel`): sequences of responses, clean, repeated,
//! skipping, resynchronizing, resuming, timing out, answering another URL. The core logic is
//! tested on small inline documents; the documented event samples, renumbered into sequences,
//! when the UCWA reference is there.

#[macro_use]
mod common;

use proptest::prelude::*;
use ucwa_codec::channel::{ack, Channel, Delivered, Next, Outcome};
use ucwa_codec::{json, xml, EventType, Events, LinkGroup, Resource};

const E: &str = "/ucwa/v1/applications/192/events";

fn events(text: &str) -> Events {
    json::from_str::<Events>(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// An events document: `self` at `ack`, then the links `(rel, ack)`, and the `sender` list's
/// items as JSON.
fn doc(self_ack: u64, links: &[(&str, u64)], senders: &str) -> Events {
    let mut members = vec![format!(r#""self": {{"href": "{E}?ack={self_ack}"}}"#)];
    members.extend(
        links
            .iter()
            .map(|(rel, n)| format!(r#""{rel}": {{"href": "{E}?ack={n}"}}"#)),
    );
    // Always a `sender` member, if empty: without one, `{"_links": ..}` reads as a resource
    // and the events decoder refuses it.
    events(&format!(
        r#"{{"_links": {{{}}}, "sender": [{senders}]}}"#,
        members.join(", ")
    ))
}

/// One sender block with events about `hrefs`, each `updated`.
fn sender(rel: &str, hrefs: &[&str]) -> String {
    let events: Vec<String> = hrefs
        .iter()
        .map(|h| format!(r#"{{"link": {{"rel": "x", "href": "{h}"}}, "type": "updated"}}"#))
        .collect();
    format!(
        r#"{{"rel": "{rel}", "href": "/{rel}", "events": [{}]}}"#,
        events.join(", ")
    )
}

fn hrefs(delivered: &[Delivered]) -> Vec<&str> {
    delivered
        .iter()
        .map(|d| d.event.link.href.as_str())
        .collect()
}

fn at(n: u64) -> String {
    format!("{E}?ack={n}")
}

#[test]
fn a_clean_sequence_follows_next_links_and_hands_out_every_event_in_order() {
    let mut channel = Channel::new(E);
    assert_eq!(channel.next_request(), &Next::Start(E.into()));

    let first = channel.receive(doc(
        1,
        &[("next", 2)],
        &[sender("me", &["/a", "/b"]), sender("people", &["/c"])].join(","),
    ));
    assert_eq!(first.outcome, Outcome::InOrder);
    assert_eq!(hrefs(&first.events), ["/a", "/b", "/c"]);
    assert_eq!(first.events[2].sender.rel, "people");
    assert_eq!(first.events[2].sender.href, "/people");
    assert_eq!(first.next, Next::Next(at(2).into()));
    assert_eq!(channel.next_href(), at(2));
    assert_eq!(channel.last_ack(), Some(1));

    let second = channel.receive(doc(2, &[("next", 3)], &sender("me", &["/d"])));
    assert_eq!(second.outcome, Outcome::InOrder);
    assert_eq!(hrefs(&second.events), ["/d"]);
    let third = channel.receive(doc(3, &[("next", 4)], &sender("me", &["/e", "/f"])));
    let all: Vec<String> = third
        .into_iter()
        .map(|d| d.event.link.href.to_string())
        .collect();
    assert_eq!(all, ["/e", "/f"]);
    assert_eq!(channel.next_request(), &Next::Next(at(4).into()));
    assert_eq!(channel.last_ack(), Some(3));
}

#[test]
fn events_are_handed_out_whole_with_embedded_resources_status_and_reason() {
    let mut channel = Channel::new(E);
    let received = channel.receive(events(&format!(
        r#"{{"_links": {{"self": {{"href": "{E}?ack=3"}}, "next": {{"href": "{E}?ack=4"}}}},
 "sender": [{{"rel": "communication", "href": "/ucwa/v1/applications/192/communication", "tag": "x",
   "events": [{{"link": {{"rel": "messagingInvitation", "href": "/inv/7", "title": "Joe"}},
                "in": {{"rel": "conversation", "href": "/conv/1"}},
                "status": "Failure",
                "reason": {{"code": "Gone", "subcode": "Declined", "message": "The invitation was declined."}},
                "type": "completed"}},
              {{"link": {{"rel": "participant", "href": "/conv/1/participants/2"}},
                "_embedded": {{"participant": {{"rel": "participant", "name": "Joe",
                   "_links": {{"self": {{"href": "/conv/1/participants/2"}}}}}}}},
                "type": "added"}}]}}]}}"#
    )));
    assert_eq!(received.outcome, Outcome::InOrder);
    let [failed, added] = &received.events[..] else {
        panic!("two events: {:?}", received.events)
    };
    assert_eq!(failed.sender.rel, "communication");
    assert_eq!(failed.sender.attributes[0].0, "tag");
    assert_eq!(failed.event.kind, EventType::Completed);
    assert_eq!(failed.event.link.title(), Some("Joe"));
    assert_eq!(
        failed.event.in_link.as_ref().map(|l| l.href.as_str()),
        Some("/conv/1")
    );
    assert_eq!(failed.status(), Some("Failure"));
    assert_eq!(failed.reason().map(|r| r.code.as_str()), Some("Gone"));
    assert_eq!(
        failed.reason().and_then(|r| r.subcode.as_deref()),
        Some("Declined")
    );
    assert_eq!(added.event.kind, EventType::Added);
    assert_eq!(added.status(), None);
    let participant = added.event.resource().expect("the embedded participant");
    assert_eq!(
        participant.property("name").and_then(|v| v.as_str()),
        Some("Joe")
    );
}

#[test]
fn a_repeated_response_hands_out_nothing_new() {
    let mut channel = Channel::new(E);
    let body = || doc(1, &[("next", 2)], &sender("me", &["/a"]));
    assert_eq!(channel.receive(body()).events.len(), 1);
    let again = channel.receive(body());
    assert_eq!(again.outcome, Outcome::Repeated);
    assert!(again.is_empty());
    assert_eq!(again.next, Next::Next(at(2).into()));
    assert_eq!(channel.last_ack(), Some(1));

    // An older one still, late: the same.
    assert_eq!(
        channel.receive(doc(2, &[("next", 3)], "")).outcome,
        Outcome::InOrder
    );
    let stale = channel.receive(doc(1, &[("next", 2)], &sender("me", &["/a"])));
    assert_eq!(stale.outcome, Outcome::Repeated);
    assert!(stale.is_empty());
    assert_eq!(channel.next_href(), at(3));
}

#[test]
fn a_next_link_that_points_back_hands_nothing_out_twice() {
    let mut channel = Channel::new(E);
    channel.receive(doc(5, &[("next", 5)], &sender("me", &["/a"])));
    let again = channel.receive(doc(5, &[("next", 5)], &sender("me", &["/a"])));
    assert_eq!(again.outcome, Outcome::Repeated);
    assert!(again.is_empty());
}

#[test]
fn without_ack_numbers_a_repeat_is_the_same_self_href() {
    let mut channel = Channel::new("/events");
    let body = |this: &str, next: &str| {
        events(&format!(
            r#"{{"_links": {{"self": {{"href": "{this}"}}, "next": {{"href": "{next}"}}}},
                "sender": [{}]}}"#,
            sender("me", &["/a"])
        ))
    };
    assert_eq!(
        channel
            .receive(body("/events?n=1", "/events?n=2"))
            .events
            .len(),
        1
    );
    let again = channel.receive(body("/events?n=1", "/events?n=2"));
    assert_eq!(again.outcome, Outcome::Repeated);
    assert!(again.is_empty());
    assert_eq!(
        channel.receive(body("/events?n=2", "/events?n=3")).outcome,
        Outcome::InOrder
    );
}

#[test]
fn a_skipped_ack_is_reported_and_still_processed() {
    let mut channel = Channel::new(E);
    channel.receive(doc(1, &[("next", 2)], ""));
    let skipped = channel.receive(doc(5, &[("next", 6)], &sender("me", &["/e"])));
    assert_eq!(
        skipped.outcome,
        Outcome::Skipped {
            expected: 2,
            got: 5
        }
    );
    assert_eq!(hrefs(&skipped.events), ["/e"]);
    assert_eq!(skipped.next, Next::Next(at(6).into()));
    assert_eq!(channel.last_ack(), Some(5));
    // And on from there.
    assert_eq!(
        channel.receive(doc(6, &[("next", 7)], "")).outcome,
        Outcome::InOrder
    );
    // The skipped acks, arriving late, are older than what was asked: repeats.
    assert_eq!(
        channel.receive(doc(3, &[("next", 4)], "")).outcome,
        Outcome::Repeated
    );
}

#[test]
fn resync_comes_before_resume_before_next() {
    let mut channel = Channel::new(E);
    let received = channel.receive(doc(
        1,
        &[("next", 2), ("resume", 3), ("resync", 4)],
        &sender("me", &["/a"]),
    ));
    assert_eq!(received.next, Next::Resync(at(4).into()));
    assert!(received.next.is_resync());
    assert_eq!(hrefs(&received.events), ["/a"]);

    let mut channel = Channel::new(E);
    let received = channel.receive(doc(1, &[("next", 2), ("resume", 3)], ""));
    assert_eq!(received.next, Next::Resume(at(3).into()));
    assert!(!received.next.is_resync());
}

#[test]
fn a_resync_is_followed_and_may_number_anew() {
    let mut channel = Channel::new(E);
    channel.receive(doc(7, &[("next", 8)], ""));
    // The client fell behind: the server says resync, alone.
    let resync = channel.receive(doc(8, &[("resync", 1)], ""));
    assert_eq!(resync.outcome, Outcome::InOrder);
    assert_eq!(channel.next_request(), &Next::Resync(at(1).into()));
    assert_eq!(channel.next_href(), at(1));
    // The answer to the resync link, numbered from 1 again, is processed.
    let after = channel.receive(doc(1, &[("next", 2)], &sender("me", &["/state"])));
    assert_eq!(after.outcome, Outcome::InOrder);
    assert_eq!(hrefs(&after.events), ["/state"]);
    assert_eq!(channel.next_request(), &Next::Next(at(2).into()));
}

#[test]
fn a_resume_link_is_followed_where_the_channel_left_off() {
    let mut channel = Channel::new(E);
    channel.receive(doc(3, &[("next", 4)], ""));
    let suspended = channel.receive(doc(4, &[("resume", 5)], ""));
    assert_eq!(suspended.next, Next::Resume(at(5).into()));
    let resumed = channel.receive(doc(5, &[("next", 6)], &sender("me", &["/r"])));
    assert_eq!(resumed.outcome, Outcome::InOrder);
    assert_eq!(hrefs(&resumed.events), ["/r"]);
    // The numbering goes on after a resume: an older ack is a repeat.
    channel.receive(doc(6, &[("resume", 6)], ""));
    assert_eq!(
        channel.receive(doc(6, &[("next", 7)], "")).outcome,
        Outcome::Repeated
    );
}

#[test]
fn an_empty_response_is_a_timeout_and_the_channel_goes_on() {
    let mut channel = Channel::new(E);
    // No sender, then a sender without events, then no sender in XML.
    let xml_text = format!(
        r#"<events href="{E}?ack=3" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><link rel="next" href="{E}?ack=4"/></events>"#
    );
    for (n, body) in [
        (1, doc(1, &[("next", 2)], "")),
        (
            2,
            doc(
                2,
                &[("next", 3)],
                r#"{"rel": "me", "href": "/me", "events": []}"#,
            ),
        ),
        (3, xml::from_str::<Events>(&xml_text).unwrap()),
    ] {
        let received = channel.receive(body);
        assert_eq!(received.outcome, Outcome::InOrder);
        assert!(received.is_empty());
        assert_eq!(received.next, Next::Next(at(n + 1).into()));
        assert_eq!(channel.last_ack(), Some(n));
    }
}

#[test]
fn a_response_to_another_url_is_not_processed() {
    let mut channel = Channel::new(E);
    channel.receive(doc(1, &[("next", 2)], ""));
    let other = events(
        r#"{"_links": {"self": {"href": "/ucwa/v1/applications/193/events?ack=2"},
                       "next": {"href": "/ucwa/v1/applications/193/events?ack=3"}},
            "sender": [{"rel": "me", "href": "/me", "events": [{"link": {"rel": "x", "href": "/x"}, "type": "added"}]}]}"#,
    );
    let received = channel.receive(other);
    assert_eq!(
        received.outcome,
        Outcome::Unasked {
            self_href: "/ucwa/v1/applications/193/events?ack=2".into()
        }
    );
    assert!(received.is_empty());
    assert_eq!(channel.next_href(), at(2));
    assert_eq!(channel.last_ack(), Some(1));

    // The origin does not count: an absolute self href of the same path is the answer.
    let absolute = events(&format!(
        r#"{{"_links": {{"self": {{"href": "https://fe1.contoso.com:443{E}?ack=2"}},
                       "next": {{"href": "https://fe1.contoso.com:443{E}?ack=3"}}}}, "sender": []}}"#
    ));
    assert_eq!(channel.receive(absolute).outcome, Outcome::InOrder);
    assert_eq!(
        channel.next_href(),
        format!("https://fe1.contoso.com:443{E}?ack=3")
    );

    channel.restart();
    assert_eq!(channel.next_request(), &Next::Start(E.into()));
    assert_eq!(channel.last_ack(), None);
}

#[test]
fn a_response_without_links_starts_again_and_one_without_self_is_taken_as_the_answer() {
    let mut channel = Channel::new(E);
    channel.receive(doc(1, &[("next", 2)], ""));
    let no_self = events(&format!(
        r#"{{"_links": {{"next": {{"href": "{E}?ack=3"}}}}, "sender": [{}]}}"#,
        sender("me", &["/a"])
    ));
    let received = channel.receive(no_self);
    assert_eq!(received.outcome, Outcome::InOrder);
    assert_eq!(hrefs(&received.events), ["/a"]);
    assert_eq!(channel.next_href(), at(3));
    assert_eq!(channel.last_ack(), None);

    let dead_end = channel.receive(doc(3, &[], &sender("me", &["/b"])));
    assert_eq!(hrefs(&dead_end.events), ["/b"]);
    assert_eq!(dead_end.next, Next::Start(E.into()));
    assert_eq!(channel.events_href(), E);
}

#[test]
fn xml_responses_go_through_the_same_channel() {
    let mut channel = Channel::new(E);
    let text = format!(
        r#"<events href="{E}?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <link rel="next" href="{E}?ack=2"/>
  <sender rel="me" href="/me"><updated rel="presence" href="/me/presence"/></sender>
</events>"#
    );
    let received = channel.receive(xml::from_str::<Events>(&text).unwrap());
    assert_eq!(hrefs(&received.events), ["/me/presence"]);
    assert_eq!(channel.next_href(), at(2));
}

#[test]
fn ack_numbers_are_the_ack_query_parameter() {
    assert_eq!(
        ack("http://sample:80/ucwa/v1/applications/appId/events?ack=1"),
        Some(1)
    );
    assert_eq!(ack("/e?low=5&ack=12&priority=1"), Some(12));
    assert_eq!(ack("/e?ack=-1"), None);
    assert_eq!(ack("/e/ack=1"), None);
}

proptest! {
    /// Whatever the server answers on `next` links alone, the channel never panics, and no
    /// ack is processed twice: the acks it processes only grow.
    #[test]
    fn nothing_is_handed_out_twice(
        steps in proptest::collection::vec((0u64..12, 0u64..12, any::<bool>(), 0usize..3), 1..40)
    ) {
        let mut channel = Channel::new(E);
        let mut processed: Vec<u64> = Vec::new();
        for (this, next, other_path, count) in steps {
            let path = if other_path { "/elsewhere" } else { E };
            let hrefs: Vec<String> = (0..count).map(|i| format!("/r/{this}/{i}")).collect();
            let hrefs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
            let body = events(&format!(
                r#"{{"_links": {{"self": {{"href": "{path}?ack={this}"}}, "next": {{"href": "{E}?ack={next}"}}}},
                    "sender": [{}]}}"#,
                sender("me", &hrefs)
            ));
            let received = channel.receive(body);
            match received.outcome {
                Outcome::InOrder | Outcome::Skipped { .. } => {
                    prop_assert_eq!(received.events.len(), count);
                    processed.push(this);
                }
                _ => prop_assert!(received.is_empty()),
            }
        }
        prop_assert!(processed.windows(2).all(|w| w[0] < w[1]), "{:?}", processed);
    }
}

// ---------------------------------------------------------------------------------------------
// The documented event samples, renumbered into sequences.

/// The documented event samples, decoded, in name order. Each is `self` `ack=1`, `next`
/// `ack=2`.
fn documented() -> Vec<(String, Events)> {
    let found = common::samples_where("valid", |name| {
        name.contains(".event.") && name.ends_with(".json")
    });
    assert!(found.len() >= 41, "the 41 documented event samples");
    found
        .into_iter()
        .map(|(name, bytes)| {
            let events =
                json::from_slice::<Events>(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(ack(events.self_href().unwrap()), Some(1), "{name}");
            assert_eq!(ack(events.next_href().unwrap()), Some(2), "{name}");
            (name, events)
        })
        .collect()
}

/// The application's `events` link, as the documented application resource has it.
fn documented_events_href() -> String {
    let bytes = common::sample("valid", "application.get.response.1.json");
    let application = json::from_slice::<Resource>(&bytes).unwrap();
    application.link("events").unwrap().href.to_string()
}

/// Sets the href of a link relation to the same URL at ack `n` (adding the relation if
/// missing), or removes the relation for `None`.
fn relink(events: &mut Events, rel: &str, n: Option<u64>) {
    let template = events.self_href().unwrap().to_string();
    let base = template.split('?').next().unwrap().to_string();
    events.links.retain(|g| g.rel != rel);
    if let Some(n) = n {
        let mut group: LinkGroup = events.links[0].clone();
        group.rel = rel.into();
        group.links[0].href = format!("{base}?ack={n}").into();
        events.links.push(group);
    }
}

fn renumbered(mut events: Events, this: u64, next: u64) -> Events {
    relink(&mut events, "next", Some(next));
    relink(&mut events, "self", Some(this));
    events
}

fn kinds_and_hrefs(events: &Events) -> Vec<(String, String, String)> {
    events
        .events()
        .map(|(s, e)| {
            (
                s.href.to_string(),
                e.kind.to_string(),
                e.link.href.to_string(),
            )
        })
        .collect()
}

fn delivered(received: &[Delivered]) -> Vec<(String, String, String)> {
    received
        .iter()
        .map(|d| {
            (
                d.sender.href.to_string(),
                d.event.kind.to_string(),
                d.event.link.href.to_string(),
            )
        })
        .collect()
}

#[test]
fn the_documented_samples_chained_by_next_links_come_out_in_order() {
    needs_reference!();
    let start = documented_events_href();
    assert_eq!(start, "http://sample/ucwa/v1/applications/appId/events");
    let mut channel = Channel::new(start.as_str());
    let samples = documented();
    let mut total = 0;
    for (i, (name, events)) in samples.into_iter().enumerate() {
        let n = i as u64 + 1;
        let events = renumbered(events, n, n + 1);
        let expected = kinds_and_hrefs(&events);
        let received = channel.receive(events);
        assert_eq!(received.outcome, Outcome::InOrder, "{name}");
        assert_eq!(delivered(&received.events), expected, "{name}");
        assert!(!received.is_empty(), "{name}");
        total += received.events.len();
        assert_eq!(ack(channel.next_href()), Some(n + 1), "{name}");
        assert!(matches!(channel.next_request(), Next::Next(_)), "{name}");
    }
    assert_eq!(total, 41, "one event per documented sample");
    assert_eq!(
        channel.next_href(),
        "http://sample:80/ucwa/v1/applications/appId/events?ack=42"
    );
}

#[test]
fn a_documented_sample_as_printed_then_repeated() {
    needs_reference!();
    let mut channel = Channel::new(documented_events_href().as_str());
    let (name, events) = documented().swap_remove(0);
    let first = channel.receive(events.clone());
    assert_eq!(first.outcome, Outcome::InOrder, "{name}");
    assert_eq!(delivered(&first.events), kinds_and_hrefs(&events));
    assert_eq!(channel.next_href(), events.next_href().unwrap());
    for _ in 0..3 {
        let again = channel.receive(events.clone());
        assert_eq!(again.outcome, Outcome::Repeated, "{name}");
        assert!(again.is_empty());
    }
    assert_eq!(channel.next_href(), events.next_href().unwrap());
}

#[test]
fn documented_samples_with_a_skipped_ack() {
    needs_reference!();
    let mut channel = Channel::new(documented_events_href().as_str());
    let mut samples = documented().into_iter();
    let (_, first) = samples.next().unwrap();
    channel.receive(renumbered(first, 1, 2));
    let (name, second) = samples.next().unwrap();
    let second = renumbered(second, 4, 5);
    let expected = kinds_and_hrefs(&second);
    let received = channel.receive(second);
    assert_eq!(
        received.outcome,
        Outcome::Skipped {
            expected: 2,
            got: 4
        },
        "{name}"
    );
    assert_eq!(delivered(&received.events), expected);
    assert_eq!(ack(channel.next_href()), Some(5));
}

#[test]
fn documented_samples_with_resync_resume_and_an_empty_response() {
    needs_reference!();
    let mut channel = Channel::new(documented_events_href().as_str());
    let mut samples = documented().into_iter().map(|(_, e)| e);

    // A resume link, alone.
    let mut suspended = renumbered(samples.next().unwrap(), 1, 2);
    relink(&mut suspended, "next", None);
    relink(&mut suspended, "resume", Some(2));
    let received = channel.receive(suspended);
    assert_eq!(received.events.len(), 1);
    assert!(matches!(received.next, Next::Resume(ref h) if ack(h) == Some(2)));

    // The timeout: no senders, the next link.
    let mut empty = renumbered(samples.next().unwrap(), 2, 3);
    empty.senders.clear();
    let received = channel.receive(empty);
    assert_eq!(received.outcome, Outcome::InOrder);
    assert!(received.is_empty());
    assert_eq!(ack(channel.next_href()), Some(3));

    // A resync link beside next: resync wins.
    let mut behind = renumbered(samples.next().unwrap(), 3, 4);
    relink(&mut behind, "resync", Some(10));
    let received = channel.receive(behind);
    assert_eq!(received.events.len(), 1);
    assert!(received.next.is_resync());
    assert_eq!(ack(channel.next_href()), Some(10));

    // The answer to the resync link goes on as usual.
    let after = renumbered(samples.next().unwrap(), 10, 11);
    let expected = kinds_and_hrefs(&after);
    let received = channel.receive(after);
    assert_eq!(received.outcome, Outcome::InOrder);
    assert_eq!(delivered(&received.events), expected);
    assert_eq!(ack(channel.next_href()), Some(11));
}
