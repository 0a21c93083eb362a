//! When no variant matches: what was tried, the likely causes in order, and what to
//! compare next.

use super::{Context, Outcome};
use crate::signature::NoMatch;

/// When no variant matches: what was tried, the likely causes in order, and what to compare
/// next.
pub(crate) fn no_match(ctx: &Context<'_>, outcome: &Outcome) -> NoMatch {
    let mut tried = vec![
        format!(
            "{} variants of the request, each signed with {} and compared",
            outcome.variants.max(1),
            if outcome.tokens == 1 { "the token".to_string() } else { format!("each of the {} tokens", outcome.tokens) }
        ),
        "both libraries' rules: twilio-node 6.2 (URL with and without the default port, its legacy querystring form) and twilio-python 9.13".into(),
        "URL variants: the other plausible URLs from Host/X-Forwarded-* headers, http vs https, ports, a trailing slash, host case, an empty '?', a '#fragment', path and query re-encoding, query order".into(),
        "parameter variants: each parameter dropped or added, values trimmed or still encoded, other sort orders, duplicates".into(),
        "form vs JSON, token whitespace, HMAC-SHA1 vs HMAC-SHA256".into(),
    ];
    if ctx.tokens.iter().all(|t| t.is_empty()) {
        tried.truncate(0);
    }
    let mut causes = Vec::new();
    if let Some(var) = ctx.input.url.and_then(template_variable) {
        causes.push(format!(
            "The URL holds a template variable ({var}), as an API client's collection or a doc writes it: Twilio signed the real URL, so give the URL as Twilio requested it."
        ));
    }
    let sid = ctx.input.account_sid.filter(|s| !s.is_empty());
    causes.push(format!(
        "A different auth token signed it: a sub-account's own token, the secondary token, a token rotated since (old or new), or test credentials (which never sign webhooks){}.",
        sid.map(|s| format!(" — this request's AccountSid is {s}; use that account's token")).unwrap_or_default()
    ));
    causes.push(
        "More than one thing changed at once between Twilio and the check (e.g. the scheme and a parameter), or a parameter Twilio sent was dropped and another added — single changes were tried."
            .into(),
    );
    causes.push(
        "A proxy, gateway or framework changed the body (re-encoded, re-ordered, converted the charset) before the check."
            .into(),
    );
    NoMatch {
        tried,
        likely_causes: causes,
        compare_next: "Log the exact URL, the raw body and the X-Twilio-Signature your validator sees, and compare them with Twilio's record of the request (Console → Monitor → Logs → the call or message → Request Inspector); then check which account's token you validate with.".into(),
    }
}

/// The first template variable in a URL (`{{host}}` from Postman or Insomnia, `${HOST}`, a
/// doc's `<your-domain>`), percent-encoded or not: no URL Twilio requests holds one.
fn template_variable(url: &str) -> Option<&str> {
    const MARKS: [(&str, &str); 5] = [
        ("{{", "}}"),
        ("%7B%7B", "%7D%7D"),
        ("${", "}"),
        ("<", ">"),
        ("%3C", "%3E"),
    ];
    MARKS.iter().find_map(|(open, close)| {
        let start = url.find(open)?;
        let len = url.get(start + open.len()..)?.find(close)?;
        url.get(start..start + open.len() + len + close.len())
    })
}

#[cfg(test)]
mod tests {
    use super::template_variable;

    #[test]
    fn template_variables_in_urls() {
        assert_eq!(template_variable("https://{{host}}/sms"), Some("{{host}}"));
        assert_eq!(
            template_variable("https://${HOST}/sms?a=1"),
            Some("${HOST}")
        );
        assert_eq!(
            template_variable("https://%7B%7Bbase%7D%7D/x"),
            Some("%7B%7Bbase%7D%7D")
        );
        assert_eq!(
            template_variable("https://<your-domain>/voice"),
            Some("<your-domain>")
        );
        assert_eq!(template_variable("https://example.com/sms?x={a}"), None);
        assert_eq!(template_variable("https://example.com/{{"), None);
        assert_eq!(template_variable("https://example.com/sms"), None);
    }
}
