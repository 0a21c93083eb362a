//! Which side sent a capture, as far as its parameter names tell: the application (a REST
//! request to Twilio) or Twilio (a webhook). Everything here is read from the catalog's
//! kinds (their direction, one-of groups and presence), so no name is listed by hand.

use crate::catalog::{self, Direction, ParamSpec, Presence};

/// What the names of a capture say about who sent it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Side {
    /// A name only requests to Twilio's REST API carry (StatusCallback, Url, MediaUrl…),
    /// or one that stands in there for a name every webhook that carries it always sends.
    pub app: bool,
    /// A name only Twilio's webhooks carry (MessageSid, NumMedia, ApiVersion…).
    pub webhook: bool,
}

impl Side {
    /// The capture reads as a request to Twilio: REST-only names and no webhook-only one.
    pub(super) fn app_only(self) -> bool {
        self.app && !self.webhook
    }
}

fn direction(kind: &str) -> Option<Direction> {
    catalog::kind(kind).map(|k| k.direction)
}

/// Every kind that documents the name travels in `dir`.
fn only(rows: &[&'static ParamSpec], dir: Direction) -> bool {
    !rows.is_empty()
        && rows
            .iter()
            .flat_map(|p| p.kinds.iter())
            .all(|k| direction(k) == Some(dir))
}

/// `name` stands in for another in a REST kind's one-of group (MessagingServiceSid for
/// From in a create-message), that other name is missing, and every webhook kind that
/// documents `name` always sends the other one: so no webhook sent this capture.
fn stands_in_for_missing(
    name: &str,
    rows: &[&'static ParamSpec],
    has: &dyn Fn(&str) -> bool,
) -> bool {
    let webhook_kinds: Vec<&str> = rows
        .iter()
        .flat_map(|p| p.kinds.iter().copied())
        .filter(|k| direction(k) == Some(Direction::TwilioToApp))
        .collect();
    if webhook_kinds.is_empty() {
        return false;
    }
    catalog::KINDS
        .iter()
        .filter(|k| k.direction == Direction::AppToTwilio)
        .flat_map(|k| k.one_of.iter())
        .filter(|group| group.contains(&name))
        .flat_map(|group| group.iter().copied())
        .filter(|other| *other != name && !has(other))
        .any(|other| {
            webhook_kinds.iter().all(|k| {
                catalog::param_for_kind(k, other).is_some_and(|p| p.presence == Presence::Always)
            })
        })
}

/// The side a capture's names point to. `rows` are the catalog rows of each pair's name.
pub(super) fn side_of<R: AsRef<[&'static ParamSpec]>>(
    names: &[&str],
    rows: &[R],
    has: &dyn Fn(&str) -> bool,
) -> Side {
    let mut side = Side::default();
    for (name, r) in names.iter().zip(rows) {
        let r = r.as_ref();
        if only(r, Direction::TwilioToApp) {
            side.webhook = true;
        } else if only(r, Direction::AppToTwilio) || stands_in_for_missing(name, r, has) {
            side.app = true;
        }
    }
    side
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(names: &[&str]) -> Side {
        let rows: Vec<Vec<&'static ParamSpec>> = names
            .iter()
            .map(|n| catalog::rows_named(n).collect())
            .collect();
        side_of(names, &rows, &|n| names.contains(&n))
    }

    #[test]
    fn rest_only_names_point_to_the_app() {
        assert!(side(&["To", "From", "Body", "StatusCallback"]).app_only());
        assert!(side(&["To", "Url"]).app_only());
        assert!(side(&["To", "MessagingServiceSid", "Body"]).app_only());
    }

    #[test]
    fn webhook_names_win_over_rest_names() {
        assert!(!side(&["MessageSid", "StatusCallback"]).app_only());
        assert!(!side(&["From", "MessagingServiceSid", "NumMedia"]).app_only());
        // From present: MessagingServiceSid stands in for nothing.
        assert!(!side(&["From", "To", "MessagingServiceSid", "Body"]).app);
        assert!(!side(&["From", "To", "Body"]).app);
    }
}
