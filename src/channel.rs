//! A sans-IO event channel for clients: which URL to GET next, and the events of each
//! response, in order, once.
//!
//! A UCWA client reads its events by a long poll: it GETs the href of the application's
//! `events` link, and each [`Events`] response names where to GET next. [`Channel`] keeps that
//! state and does no I/O: you send the requests and decode the responses (with [`crate::json`]
//! or [`crate::xml`]), it tells you which URL to GET ([`Channel::next_request`]) and hands out
//! the events of each response ([`Channel::receive`]).
//!
//! ```
//! use ucwa_codec::channel::{Channel, Next, Outcome};
//! use ucwa_codec::{json, EventType, Events};
//!
//! let mut channel = Channel::new("/ucwa/v1/applications/192/events");
//! assert_eq!(channel.next_href(), "/ucwa/v1/applications/192/events");
//!
//! // GET it; the server answers:
//! let response = json::from_str::<Events>(r#"{
//!   "_links": {"self": {"href": "/ucwa/v1/applications/192/events?ack=1"},
//!              "next": {"href": "/ucwa/v1/applications/192/events?ack=2"}},
//!   "sender": [{"rel": "me", "href": "/ucwa/v1/applications/192/me",
//!               "events": [{"link": {"rel": "presence", "href": "/ucwa/v1/applications/192/me/presence"},
//!                           "type": "updated"}]}]}"#)?;
//! let received = channel.receive(response.clone());
//! assert_eq!(received.outcome, Outcome::InOrder);
//! assert_eq!(received.events.len(), 1);
//! assert_eq!(received.events[0].sender.rel, "me");
//! assert_eq!(received.events[0].event.kind, EventType::Updated);
//! assert_eq!(channel.next_request(), &Next::Next("/ucwa/v1/applications/192/events?ack=2".into()));
//!
//! // The same response again (a retry answered twice): nothing new.
//! let again = channel.receive(response);
//! assert_eq!(again.outcome, Outcome::Repeated);
//! assert!(again.events.is_empty());
//! assert_eq!(channel.next_href(), "/ucwa/v1/applications/192/events?ack=2");
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! # The decisions
//!
//! - **Which link.** `resync` over `resume` over `next` ([`Next`]). A response with none of
//!   them ends that sequence: the channel starts again from the events href it was made with
//!   ([`Next::Start`]).
//! - **Ack numbers.** The position in the channel is the `ack=N` query parameter of the hrefs
//!   ([`ack`]). A response is matched with the request by its `self` href: the same path
//!   (scheme, host and port aside, so `http://host:80/e` and `/e` match) and its ack number
//!   against the ack number of the href asked for.
//! - **Repeats.** A response whose ack is below the one asked for, or not above the last one
//!   processed (after a `next` or `resume` link: a `resync` may number anew), or, without ack
//!   numbers, whose `self` href is that of the last response processed, was processed
//!   already: it hands out nothing and changes nothing ([`Outcome::Repeated`]). Nothing is
//!   handed out twice, then, even from a server whose `next` link points back.
//! - **Skips.** A response whose ack is above the one asked for is processed, and the events
//!   between were lost: [`Outcome::Skipped`] says which. Re-read the state of what you follow,
//!   as for a resync.
//! - **A response to a URL not asked for**: a `self` href of another path (another
//!   application's channel, say) is not processed, and the next request stays what it was
//!   ([`Outcome::Unasked`]); [`Channel::restart`] starts again if you decide otherwise. A
//!   response without a `self` link is taken as the answer to the request, as the caller says.
//! - **Empty responses.** A response without senders is the server's timeout: it is processed
//!   like any other (no events), and its `next` link is the next request.
//! - **Memory.** The channel keeps the events href, the next request, and the `self` href and
//!   ack number of the last response processed: nothing grows with the traffic. It never
//!   panics, whatever the responses.

use crate::model::error_body::ErrorBody;
use crate::model::events::{Event, Events};
use crate::model::{Str, Value};

/// The URL to GET next on the event channel, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Next {
    /// The events href the channel was made with: the first request, and the request after a
    /// response that names no way on (no `next`, `resume` or `resync` link).
    Start(Str),
    /// The `next` link: the channel goes on.
    Next(Str),
    /// The `resume` link: GET it to go on where the channel left off.
    Resume(Str),
    /// The `resync` link: the client missed events. GET it, and re-read the state of the
    /// resources it follows (GET them again): events about them were lost.
    Resync(Str),
}

impl Next {
    /// The URL to GET.
    pub fn href(&self) -> &str {
        match self {
            Next::Start(href) | Next::Next(href) | Next::Resume(href) | Next::Resync(href) => href,
        }
    }

    /// Whether the client must re-read the state of what it follows ([`Next::Resync`]).
    pub fn is_resync(&self) -> bool {
        matches!(self, Next::Resync(_))
    }
}

/// How a response stood to the request it answered.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// The response to the request, processed: its events are handed out (none for an empty
    /// response, the server's timeout).
    InOrder,
    /// A response processed already (its ack number is below the one asked for or not above
    /// the last one, or it has the `self` href of the last response processed): nothing
    /// handed out, nothing changed.
    Repeated,
    /// The response skipped ahead: its ack number `got` is above the `expected` one, and the
    /// events of acks `expected..got` were lost. Its events are handed out and its links
    /// followed; re-read the state of what you follow, as for [`Next::Resync`].
    Skipped {
        /// The ack number of the href asked for.
        expected: u64,
        /// The ack number of the response's `self` href.
        got: u64,
    },
    /// A response to a URL not asked for: its `self` href has another path than the request.
    /// Nothing handed out, nothing changed: GET [`Channel::next_request`] again, or
    /// [`Channel::restart`].
    Unasked {
        /// The response's `self` href.
        self_href: Str,
    },
}

/// Who sent an event: a [`Sender`](crate::events::Sender) block without its events.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SenderInfo {
    /// The sender's relation, e.g. `conversation`, `communication`, `me`.
    pub rel: Str,
    /// The sender's URL.
    pub href: Str,
    /// Its other attributes, in order.
    pub attributes: Vec<(Str, Value)>,
}

/// One event handed out, with its sender.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Delivered {
    /// Who sent it.
    pub sender: SenderInfo,
    /// The event, whole: its link, `in`, `status`, `reason`, embedded resources.
    pub event: Event,
}

impl Delivered {
    /// An operation's status (`Success` or `Failure`), if the event has one.
    pub fn status(&self) -> Option<&str> {
        self.event.status.as_deref()
    }

    /// Why an operation failed, if the event says.
    pub fn reason(&self) -> Option<&ErrorBody> {
        self.event.reason.as_deref()
    }
}

/// What [`Channel::receive`] made of a response.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Received {
    /// The events handed out, in the order of the response (by sender, then within each).
    pub events: Vec<Delivered>,
    /// How the response stood to the request.
    pub outcome: Outcome,
    /// The URL to GET next (as [`Channel::next_request`] now says).
    pub next: Next,
}

impl Received {
    /// Whether no event was handed out (an empty response, a repeat, a response not asked
    /// for).
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

impl IntoIterator for Received {
    type Item = Delivered;
    type IntoIter = std::vec::IntoIter<Delivered>;

    fn into_iter(self) -> Self::IntoIter {
        self.events.into_iter()
    }
}

/// The client's side of an event channel, without I/O: see the [module](self) for the rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Channel {
    events_href: Str,
    next: Next,
    /// The `self` href of the last response processed.
    last_self: Option<Str>,
    /// The ack number of the last response processed.
    last_ack: Option<u64>,
}

impl Channel {
    /// A channel that starts at `events_href`, the href of the application's `events` link.
    pub fn new(events_href: impl Into<Str>) -> Channel {
        let events_href = events_href.into();
        Channel {
            next: Next::Start(events_href.clone()),
            events_href,
            last_self: None,
            last_ack: None,
        }
    }

    /// The events href the channel was made with.
    pub fn events_href(&self) -> &str {
        &self.events_href
    }

    /// The request to send next, and why.
    pub fn next_request(&self) -> &Next {
        &self.next
    }

    /// The URL to GET next.
    pub fn next_href(&self) -> &str {
        self.next.href()
    }

    /// The ack number of the last response processed, if its `self` href had one.
    pub fn last_ack(&self) -> Option<u64> {
        self.last_ack
    }

    /// Starts again from the events href, forgetting the last response: after the server
    /// refused the request, or answered from another channel ([`Outcome::Unasked`]).
    pub fn restart(&mut self) {
        self.next = Next::Start(self.events_href.clone());
        self.last_self = None;
        self.last_ack = None;
    }

    /// Takes the decoded response to the last request ([`Channel::next_request`]): hands out
    /// its events, in order, unless it is a repeat or answers another URL, and moves on to the
    /// link it names.
    ///
    /// ```
    /// use ucwa_codec::channel::{Channel, Next, Outcome};
    /// use ucwa_codec::{json, Events};
    ///
    /// let mut channel = Channel::new("/events");
    /// let skipped = json::from_str::<Events>(
    ///     r#"{"_links": {"self": {"href": "/events?ack=7"}, "resync": {"href": "/events?ack=9"}}, "sender": []}"#,
    /// )?;
    /// # channel.receive(json::from_str::<Events>(r#"{"_links": {"self": {"href": "/events?ack=4"}, "next": {"href": "/events?ack=5"}}, "sender": []}"#)?);
    /// // After a response that pointed at ack 5:
    /// let received = channel.receive(skipped);
    /// assert_eq!(received.outcome, Outcome::Skipped { expected: 5, got: 7 });
    /// assert_eq!(received.next, Next::Resync("/events?ack=9".into()));
    /// assert!(channel.next_request().is_resync());
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn receive(&mut self, events: Events) -> Received {
        let self_href = events.self_href().map(Str::from);
        let outcome = self.outcome_of(self_href.as_deref());
        if !matches!(outcome, Outcome::InOrder | Outcome::Skipped { .. }) {
            return Received {
                events: Vec::new(),
                outcome,
                next: self.next.clone(),
            };
        }
        self.next = if let Some(href) = events.resync_href() {
            Next::Resync(href.into())
        } else if let Some(href) = events.resume_href() {
            Next::Resume(href.into())
        } else if let Some(href) = events.next_href() {
            Next::Next(href.into())
        } else {
            Next::Start(self.events_href.clone())
        };
        self.last_ack = self_href.as_deref().and_then(ack);
        self.last_self = self_href;
        Received {
            events: deliver(events),
            outcome,
            next: self.next.clone(),
        }
    }

    fn outcome_of(&self, self_href: Option<&str>) -> Outcome {
        let Some(self_href) = self_href else {
            return Outcome::InOrder;
        };
        let asked = self.next.href();
        if path(self_href) != path(asked) {
            return Outcome::Unasked {
                self_href: self_href.into(),
            };
        }
        // After `next` and `resume` the numbering goes on; `resync` (or a start) may begin anew.
        let same_sequence = matches!(self.next, Next::Next(_) | Next::Resume(_));
        match (ack(asked), ack(self_href)) {
            (Some(expected), Some(got)) => {
                if got < expected
                    || (same_sequence && self.last_ack.is_some_and(|last| got <= last))
                {
                    Outcome::Repeated
                } else if got > expected {
                    Outcome::Skipped { expected, got }
                } else {
                    Outcome::InOrder
                }
            }
            _ if self.last_self.as_deref() == Some(self_href) => Outcome::Repeated,
            _ => Outcome::InOrder,
        }
    }
}

/// The events of a document, each with its sender, in order.
fn deliver(events: Events) -> Vec<Delivered> {
    let count = events.senders.iter().map(|s| s.events.len()).sum();
    let mut out = Vec::with_capacity(count);
    for sender in events.senders {
        let info = SenderInfo {
            rel: sender.rel,
            href: sender.href,
            attributes: sender.attributes,
        };
        out.extend(sender.events.into_iter().map(|event| Delivered {
            sender: info.clone(),
            event,
        }));
    }
    out
}

/// The ack number of an event channel href: its `ack=N` query parameter.
///
/// ```
/// use ucwa_codec::channel::ack;
///
/// assert_eq!(ack("http://sample:80/ucwa/v1/applications/appId/events?ack=2"), Some(2));
/// assert_eq!(ack("/events?timeout=180&ack=31#x"), Some(31));
/// assert_eq!(ack("/events"), None);
/// assert_eq!(ack("/events?ack=x"), None);
/// ```
pub fn ack(href: &str) -> Option<u64> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("ack="))
        .and_then(|value| value.parse().ok())
}

/// The path of an href: without scheme, host and port, query and fragment.
fn path(href: &str) -> &str {
    let rest = match href.split_once("://") {
        Some((_, after)) => after.find('/').map_or("", |at| &after[at..]),
        None => href,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_ignore_the_origin_and_query() {
        assert_eq!(path("http://sample:80/ucwa/e?ack=1"), "/ucwa/e");
        assert_eq!(path("http://sample/ucwa/e"), "/ucwa/e");
        assert_eq!(path("/ucwa/e#f"), "/ucwa/e");
        assert_eq!(path("http://sample"), "");
        assert_eq!(path(""), "");
    }

    #[test]
    fn acks_of_odd_hrefs() {
        assert_eq!(ack("/e?ack="), None);
        assert_eq!(ack("/e?back=3&ack=4"), Some(4));
        assert_eq!(ack("/e?ack=99999999999999999999999"), None);
        assert_eq!(ack("?"), None);
    }
}
