//! The fragment router: which page a location fragment (`#catalog`, `#param=Body`,
//! `#example=sms&param=Body`, `#i=…`) opens, and the fragment values' encoding. Pure,
//! unit-tested natively. The `#i=` payload itself is the permalink codec's
//! ([`crate::share`]).

use twilio_webhook_inspector::percent::{self, Flavor};

use crate::state::{Action, Route};

/// Parses a location fragment (with or without the leading `#`). An input route may carry
/// more keys after `&` (`#example=sms&param=Body`, read by [`focus_param`]).
pub fn parse_fragment(fragment: &str) -> Route {
    let f = fragment.trim_start_matches('#');
    let (key, value) = f.split_once('=').unwrap_or((f, ""));
    let value = match key {
        "i" | "example" => value.split('&').next().unwrap_or_default(),
        _ => value,
    };
    let value = percent::decode(value, Flavor::Component);
    match key {
        // Shared inputs are decompressed asynchronously by the app (`payload_of`).
        "i" => Route::Inspect,
        "param" if !value.is_empty() => Route::Param(value),
        "kind" if !value.is_empty() => Route::Kind(value),
        "example" if !value.is_empty() => Route::Example(value),
        "examples" => Route::Examples,
        "catalog" => Route::Catalog,
        // A shared comparison (`#compare=1…`) is decompressed asynchronously by the app.
        "compare" => Route::Compare,
        _ => Route::Inspect,
    }
}

/// The report field a fragment that carries an input points at: `param` in
/// `#example=<id>&param=MessageStatus` or `#i=…&param=MessageStatus`. A bare
/// `#param=MessageStatus` (no input) is the catalog entry instead ([`parse_fragment`]).
pub fn focus_param(fragment: &str) -> Option<String> {
    let f = fragment.trim_start_matches('#');
    if !(f.starts_with("i=") || f.starts_with("example=")) {
        return None;
    }
    f.split('&')
        .skip(1)
        .filter_map(|kv| kv.strip_prefix("param="))
        .map(|p| percent::decode(p, Flavor::Component))
        .find(|p| !p.is_empty())
}

/// `fragment` with `&param=<name>` appended (the name percent-encoded where it must be).
pub fn with_param(fragment: &str, param: Option<&str>) -> String {
    match param.filter(|p| !p.is_empty()) {
        Some(p) => format!("{fragment}&param={}", encode_component(p)),
        None => fragment.to_string(),
    }
}

/// Percent-encodes all but unreserved characters and `{}` (for fragment values).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'{' | b'}') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What becomes of the location fragment when an action edits what it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub enum Stale {
    /// Drop it (a shared or example input was edited).
    Clear,
    /// Replace it with this one (`compare`: a side of a shared comparison was edited).
    Replace(&'static str),
}

/// Once the user edits a shared or example input (or a side of a shared comparison), the
/// fragment `hash` no longer describes the page: a reload must not silently bring the old
/// input back. `None`: the fragment stays.
pub fn stale_after(action: &Action, hash: &str) -> Option<Stale> {
    match action {
        Action::SetInput(_) | Action::LoadExample(_)
            if hash.starts_with("#i=") || hash.starts_with("#example=") =>
        {
            Some(Stale::Clear)
        }
        Action::EditPair(..) if hash.starts_with("#compare=") => Some(Stale::Replace("compare")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::tests::sample;
    use crate::share::{fragment_for, pack, payload_of, Packing};

    #[test]
    fn garbage_fragments_are_ignored() {
        let frag = fragment_for(Packing::Deflate, &pack(&sample()));
        assert_eq!(
            parse_fragment(&frag),
            Route::Inspect,
            "the app decodes it asynchronously"
        );
        assert_eq!(parse_fragment("#i=1!!!"), Route::Inspect);
        assert_eq!(parse_fragment("#i=2abc"), Route::Inspect);
        assert_eq!(parse_fragment("#i="), Route::Inspect);
        assert_eq!(parse_fragment(""), Route::Inspect);
        assert_eq!(parse_fragment("#nonsense"), Route::Inspect);
    }

    #[test]
    fn edits_drop_the_fragment_they_make_stale() {
        let edit = Action::SetInput("A=1".into());
        assert_eq!(stale_after(&edit, "#i=1abc&param=Body"), Some(Stale::Clear));
        assert_eq!(stale_after(&edit, "#example=sms"), Some(Stale::Clear));
        assert_eq!(
            stale_after(&Action::LoadExample("sms".into()), "#i=1abc"),
            Some(Stale::Clear)
        );
        assert_eq!(stale_after(&edit, "#catalog"), None);
        assert_eq!(stale_after(&edit, ""), None);
        let side = Action::EditPair(
            crate::compare::Side::A,
            crate::compare::Edit::Input("x".into()),
        );
        assert_eq!(
            stale_after(&side, "#compare=1abc"),
            Some(Stale::Replace("compare"))
        );
        assert_eq!(stale_after(&side, "#compare"), None);
        assert_eq!(stale_after(&side, "#i=1abc"), None);
        assert_eq!(stale_after(&Action::ToggleRaw, "#i=1abc"), None);
    }

    #[test]
    fn named_routes() {
        assert_eq!(
            parse_fragment("#param=MessageStatus"),
            Route::Param("MessageStatus".into())
        );
        assert_eq!(
            parse_fragment("#param=StartTime%3E"),
            Route::Param("StartTime>".into())
        );
        assert_eq!(
            parse_fragment("#kind=voice-request"),
            Route::Kind("voice-request".into())
        );
        assert_eq!(
            parse_fragment("#example=list-calls"),
            Route::Example("list-calls".into())
        );
        assert_eq!(parse_fragment("#catalog"), Route::Catalog);
        assert_eq!(parse_fragment("#examples"), Route::Examples);
        assert_eq!(parse_fragment("#param="), Route::Inspect);
        assert_eq!(parse_fragment("#compare"), Route::Compare);
        assert_eq!(parse_fragment("#compare=1abc"), Route::Compare);
    }

    #[test]
    fn input_routes_carry_a_field() {
        let bytes = pack(&sample());
        let frag = fragment_for(Packing::Plain, &bytes);
        let with = with_param(&frag, Some("MessageStatus"));
        assert_eq!(with, format!("{frag}&param=MessageStatus"));
        assert_eq!(
            payload_of(&format!("#{with}")).unwrap(),
            (Packing::Plain, bytes)
        );
        assert_eq!(
            focus_param(&format!("#{with}")).as_deref(),
            Some("MessageStatus")
        );
        assert_eq!(
            parse_fragment("#example=list-calls&param=StartTime%3E"),
            Route::Example("list-calls".into())
        );
        assert_eq!(
            focus_param("#example=list-calls&param=StartTime%3E").as_deref(),
            Some("StartTime>")
        );
        assert_eq!(
            with_param("example=x", Some("StartTime>")),
            "example=x&param=StartTime%3E"
        );
        assert_eq!(
            with_param("example=x", Some("MediaUrl{N}")),
            "example=x&param=MediaUrl{N}"
        );
        assert_eq!(with_param("example=x", None), "example=x");
        // A bare #param= is the catalog; it never focuses a report field.
        assert_eq!(focus_param("#param=MessageStatus"), None);
        assert_eq!(
            parse_fragment("#param=MessageStatus"),
            Route::Param("MessageStatus".into())
        );
        assert_eq!(focus_param("#example=sms&param="), None);
        assert_eq!(focus_param("#example=sms"), None);
    }
}
