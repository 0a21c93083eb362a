//! What the body's encoding says about where a capture came from, in both directions.
//! Twilio sends every webhook the catalog describes form-encoded (a POST body of
//! `application/x-www-form-urlencoded`, or the query of a GET), and signs those form
//! parameters: a Voice or Messaging webhook whose body is JSON was written by a test script
//! or re-serialised from a capture (`json-instead-of-form`). Twilio's 2010-04-01 REST API
//! reads only form-encoded parameters: a request to it with a JSON body is answered as if
//! nothing had been sent (`rest-json-body`).

use super::IdShapes;
use crate::catalog::{Direction, KindSpec};
use crate::decode::Decoded;
use crate::finding::{Code, Finding};
use crate::report::InputFormat;

/// The `json-instead-of-form` note, when the request as pasted (raw HTTP, curl, HAR) has a
/// JSON object for its body (named with its content type when that says JSON too:
/// `content_type` is the caller's option, else the capture's header) and its kind is a
/// webhook Twilio sends form-encoded; `rest-json-body` when the kind is a request to
/// Twilio's 2010-04-01 REST API, which reads only form-encoded parameters (a JSON body gets
/// 21604 "A 'To' phone number is required": twilio/twilio-csharp#682). Nothing is said for
/// a bare JSON object of parameters (a way of pasting them, not a body), for REST resources,
/// for another product or platform (`kind` is `None`, or the ids are another platform's), or
/// when the URL carries `bodySHA256` (the mark of a sender that really signed a JSON body).
pub(crate) fn json_body_note(
    decoded: &Decoded,
    url: Option<&str>,
    content_type: Option<&str>,
    kind: Option<&'static KindSpec>,
    ids: &IdShapes,
) -> Option<Finding> {
    let kind =
        kind.filter(|k| matches!(k.direction, Direction::TwilioToApp | Direction::AppToTwilio))?;
    let as_request = matches!(
        decoded.format,
        Some(InputFormat::Http | InputFormat::Curl | InputFormat::Har | InputFormat::Postman)
    );
    let hashed = url.is_some_and(crate::signature::url_has_body_sha);
    if !as_request || ids.compatible_platform() || hashed {
        return None;
    }
    // A header alone says nothing when there is no body (a GET with its query).
    let body = decoded.body.as_deref().map(str::trim_start).unwrap_or("");
    if body.is_empty() {
        return None;
    }
    let json_type = content_type.filter(|ct| is_json_type(ct));
    let json_body = body.starts_with('{');
    // A form body under a JSON header was read as a form (`content-type-mismatch`): the
    // body is what was sent.
    let how = match (json_type, json_body) {
        (Some(ct), true) => format!("its Content-Type is {}", ct.trim()),
        (None, true) => "the body is a JSON object".to_string(),
        (_, false) => return None,
    };
    if kind.direction == Direction::AppToTwilio {
        return Some(
            Finding::new(
                Code::RestJsonBody,
                format!(
                    "This {} request to Twilio's REST API was sent as JSON ({how}), but the 2010-04-01 API reads only form-encoded parameters: it answers as if none were sent (for a message, 21604 \"A 'To' phone number is required\").",
                    kind.reported_as
                ),
            )
            .hint("Send the parameters form-encoded (Content-Type: application/x-www-form-urlencoded; curl --data-urlencode To=+1… ), as the helper libraries do."),
        );
    }
    Some(
        Finding::new(
            Code::JsonInsteadOfForm,
            format!(
                "The request was sent as JSON ({how}), but Twilio sends {} webhooks form-encoded (a GET carries the parameters in the query) and signs those form parameters.",
                kind.reported_as
            ),
        )
        .hint("A JSON body means a test script or a capture re-serialised after the fact: an X-Twilio-Signature Twilio computed for the form cannot verify over it. To call a handler as Twilio does, send the parameters form-encoded (curl --data-urlencode Name=value)."),
    )
}

/// `application/json`, `text/json`, `application/…+json`, with or without parameters.
fn is_json_type(ct: &str) -> bool {
    let media = ct.split(';').next().unwrap_or("").trim();
    let Some((_, sub)) = media.split_once('/') else {
        return false;
    };
    sub.eq_ignore_ascii_case("json")
        || sub.len() > 5
            && sub
                .get(sub.len() - 5..)
                .is_some_and(|t| t.eq_ignore_ascii_case("+json"))
}

#[cfg(test)]
mod tests {
    use super::is_json_type;

    #[test]
    fn json_media_types() {
        for ct in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "text/json",
            "application/vnd.api+json",
        ] {
            assert!(is_json_type(ct), "{ct}");
        }
        for ct in [
            "application/x-www-form-urlencoded",
            "json",
            "application/jsonp",
            "",
            "+json",
            "application/vnd.é€json",
            "text/€€€",
        ] {
            assert!(!is_json_type(ct), "{ct}");
        }
    }
}
