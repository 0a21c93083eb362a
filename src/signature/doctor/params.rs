//! The form parameters changed between Twilio and the check: one added by the app's
//! framework, one dropped, query parameters merged in, values trimmed or left
//! percent-encoded, sorted another way, identical duplicates appended twice.

use super::{Doctor, Feed, Variant};
use crate::signature::compute;
use crate::signature::url_variants::Parts;
use crate::signature::{self, make_visible, DiagnosisCode, KeyOrder, Mode};

/// The parameters sorted by key, as the string to sign orders them.
pub(super) fn sorted_owned(params: &[(String, String)]) -> Vec<(String, String)> {
    let idx = compute::sorted_indices(params, KeyOrder::Utf16);
    idx.iter()
        .filter_map(|&i| params.get(i as usize).cloned())
        .collect()
}

/// `A, B and 3 more` for a message.
fn names(list: &[&str]) -> String {
    let mut v: Vec<String> = Vec::new();
    for n in list {
        let s = format!("'{}'", make_visible(n));
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v.join(", ")
}

/// A change to the parameters between Twilio and the check, tried on the URL `url`; true
/// when it explained the signature (then the later families are not tried).
type Family = fn(&mut Doctor<'_, '_>, &str) -> bool;

/// Every parameter family in turn, until one matches: the parameters given vs the raw body,
/// query parameters merged in or left out, one parameter added, values trimmed, values left
/// encoded, sorting mistakes.
pub(super) fn param_variants(d: &mut Doctor<'_, '_>) {
    if d.ctx.prep.mode != Mode::Form {
        return;
    }
    let url = d.ctx.prep.url.to_string();
    let families: [Family; 6] = [
        given_vs_raw_body,
        query_merged,
        one_added,
        trimmed_values,
        raw_values,
        sorting,
    ];
    for family in families {
        if family(d, &url) {
            return;
        }
    }
}

/// The parameters the app validated are not what its raw body says: a framework trimmed
/// values (Laravel TrimStrings), left them percent-encoded (split the body without
/// decoding it), or dropped or changed parameters before validation.
fn given_vs_raw_body(d: &mut Doctor<'_, '_>, url: &str) -> bool {
    let prep = d.ctx.prep;
    let params = &prep.params;
    let body = d.ctx.input.body;
    if d.ctx.input.params.is_empty() || body.is_empty() {
        return false;
    }
    let from_body = signature::decode_form(body);
    if from_body == params.as_slice() {
        return false;
    }
    let missing: Vec<&str> = from_body
        .iter()
        .filter(|p| !params.iter().any(|q| q.0 == p.0))
        .map(|p| p.0.as_str())
        .collect();
    // Pairs of the body the parameters lack, and the reverse, counted as multisets: a
    // repeated name cut down to one value (Rack/Sinatra, PHP's $_POST, a plain dict) keeps
    // the name but loses values.
    let unmatched = |from: &[(String, String)], to: &[(String, String)]| -> Vec<usize> {
        let mut used = vec![false; to.len()];
        let mut out = Vec::new();
        for (i, p) in from.iter().enumerate() {
            match (0..to.len()).find(|&j| !used[j] && to[j] == *p) {
                Some(j) => used[j] = true,
                None => out.push(i),
            }
        }
        out
    };
    let lost = unmatched(&from_body, params);
    let gained = unmatched(params, &from_body);
    let collapsed: Vec<&str> = if missing.is_empty() && gained.is_empty() && !lost.is_empty() {
        lost.iter()
            .filter_map(|&i| from_body.get(i))
            .map(|p| p.0.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let trimmed_only = from_body.len() == params.len()
        && from_body
            .iter()
            .zip(params.iter())
            .all(|(a, b)| a.0 == b.0 && a.1.trim() == b.1.trim());
    let left_encoded = raw_pairs(body).as_slice() == params.as_slice();
    let mut hint = "Validate against the body exactly as received (disable TrimStrings / ConvertEmptyStringsToNull for the webhook route, or read the raw body).";
    let (code, message) = if left_encoded {
        (DiagnosisCode::RawValues, "The parameters you validated are the raw body's still-encoded values (e.g. 'hello+world', '%2B1415…'): they must be form-decoded before validation, as Twilio signed the decoded values.".to_string())
    } else if trimmed_only {
        (DiagnosisCode::TrimmedValues, "The raw body's values have surrounding whitespace that the parameters you validated lack: a framework trimmed them (Laravel TrimStrings) after Twilio signed.".to_string())
    } else if !missing.is_empty() {
        (DiagnosisCode::ParamMissing, format!("The raw body has {} that the parameters you validated lack: something dropped them before validation.", names(&missing)))
    } else if !collapsed.is_empty() {
        (DiagnosisCode::ParamMissing, format!("The raw body repeats {} with more values than the parameters you validated keep: the framework kept one value per name (Rack/Sinatra, PHP's $_POST, a plain dict), while Twilio signed every value.", names(&collapsed)))
    } else {
        let extra: Vec<&str> = params
            .iter()
            .filter(|q| !from_body.iter().any(|p| p.0 == q.0))
            .map(|q| q.0.as_str())
            .collect();
        // Extra pairs that are all the URL's own query pairs came from a merged parameter
        // map (Go's r.Form, PHP's $_REQUEST, Rails params, Flask request.values).
        let query_pairs: Vec<(String, String)> = Parts::parse(url)
            .and_then(|p| p.query)
            .map(|q| signature::decode_form(q.as_bytes()))
            .unwrap_or_default();
        let from_query = !extra.is_empty()
            && params
                .iter()
                .filter(|q| extra.contains(&q.0.as_str()))
                .all(|q| query_pairs.contains(q));
        let message = if extra.is_empty() {
            "The parameters you validated differ from the raw body: something changed them before validation.".to_string()
        } else if from_query {
            hint = "Pass only the form body's parameters (Go r.PostForm, PHP $_POST, Flask request.form, Django request.POST, Express req.body); the query stays in the URL.";
            format!("The parameters you validated have {} from the URL's query string, which the raw body lacks: the query was merged into the POST parameters (Go's r.Form, PHP $_REQUEST, Rails params, Flask request.values) — Twilio signs the query only as part of the URL.", names(&extra))
        } else {
            format!("The parameters you validated have {} that the raw body lacks: something added them before validation (a route parameter, a form field, a proxy's marker).", names(&extra))
        };
        (DiagnosisCode::ParamAdded, message)
    };
    let owned = sorted_owned(&from_body);
    d.try_variant(Variant::new(
        code,
        url.to_string(),
        Feed::Owned(owned),
        message,
        hint,
    ))
}

/// The query string's parameters were merged into the POST parameters (PHP `$_REQUEST`,
/// Rails `params`, Flask `request.values`), or the signer merged them in itself.
fn query_merged(d: &mut Doctor<'_, '_>, url: &str) -> bool {
    let prep = d.ctx.prep;
    let params = &prep.params;
    let query_pairs: Vec<(String, String)> = Parts::parse(url)
        .and_then(|p| p.query)
        .map(|q| signature::decode_form(q.as_bytes()))
        .unwrap_or_default();
    if query_pairs.is_empty() {
        return false;
    }
    let keep: Vec<u32> = prep
        .node_idx
        .iter()
        .copied()
        .filter(|&i| {
            params
                .get(i as usize)
                .is_some_and(|p| !query_pairs.contains(p))
        })
        .collect();
    if keep.len() < prep.node_idx.len() {
        let dup: Vec<&str> = params
            .iter()
            .filter(|p| query_pairs.contains(p))
            .map(|p| p.0.as_str())
            .collect();
        let message = format!(
            "The query-string parameters {} were merged into the POST parameters you validated (Go's r.Form, PHP $_REQUEST, Rails params, Flask request.values) — Twilio signs only the POST body's parameters after the URL.",
            names(&dup)
        );
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamAdded,
            url.to_string(),
            Feed::Indices(keep),
            message,
            "Pass only the form body's parameters (Go r.PostForm, Flask request.form, Django request.POST, Express req.body).",
        )) {
            return true;
        }
    }
    // The reverse: the signer included the query parameters.
    let mut with_query = params.clone();
    with_query.extend(query_pairs.iter().cloned());
    let keys: Vec<&str> = query_pairs.iter().map(|p| p.0.as_str()).collect();
    let message = format!(
        "The signed parameters include the query-string parameters {} as if they were POST parameters, but the parameters you validated do not.",
        names(&keys)
    );
    d.try_variant(Variant::new(
        DiagnosisCode::ParamMissing,
        url.to_string(),
        Feed::Owned(sorted_owned(&with_query)),
        message,
        "Whatever signed this merged the query into the body parameters; Twilio signs the query only as part of the URL.",
    ))
}

/// One parameter was added after Twilio signed (route parameters injected by a framework,
/// a proxy's marker, a field added by a test).
fn one_added(d: &mut Doctor<'_, '_>, url: &str) -> bool {
    let prep = d.ctx.prep;
    let params = &prep.params;
    let mut keys: Vec<&str> = Vec::new();
    for (k, _) in params.iter() {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    if keys.len() <= 1 {
        return false;
    }
    for k in keys.iter().take(40) {
        let keep: Vec<u32> = prep
            .node_idx
            .iter()
            .copied()
            .filter(|&i| params.get(i as usize).is_some_and(|p| p.0 != *k))
            .collect();
        let message = format!(
            "Parameter '{}' is in the request but was not signed — it was added after Twilio signed (by a proxy, a framework or a test); validate only the parameters Twilio sent.",
            make_visible(k)
        );
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamAdded,
            url.to_string(),
            Feed::Indices(keep),
            message,
            "Validate the form body exactly as received; do not add, rename or inject parameters before validation.",
        )) {
            return true;
        }
    }
    false
}

/// The signer saw values with their surrounding whitespace trimmed (a middleware such as
/// Laravel TrimStrings ran before it).
fn trimmed_values(d: &mut Doctor<'_, '_>, url: &str) -> bool {
    let params = &d.ctx.prep.params;
    if !params.iter().any(|(_, v)| v.trim() != v) {
        return false;
    }
    let trimmed: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect();
    let which: Vec<&str> = params
        .iter()
        .filter(|(_, v)| v.trim() != v)
        .map(|(k, _)| k.as_str())
        .collect();
    let message = format!(
        "The signature matches the parameters with surrounding whitespace trimmed from {} — whatever computed it saw trimmed values (a framework middleware such as Laravel TrimStrings).",
        names(&which)
    );
    d.try_variant(Variant::new(
        DiagnosisCode::TrimmedValues,
        url.to_string(),
        Feed::Owned(sorted_owned(&trimmed)),
        message,
        "Validate the raw, untrimmed values: exclude the webhook route from TrimStrings / ConvertEmptyStringsToNull.",
    ))
}

/// A form body split into its pairs without decoding them ('hello+world' stays so).
fn raw_pairs(body: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// The signer appended the form values still percent-encoded ('hello+world').
fn raw_values(d: &mut Doctor<'_, '_>, url: &str) -> bool {
    let body = d.ctx.input.body;
    if body.is_empty() {
        return false;
    }
    let raw = raw_pairs(body);
    raw.as_slice() != d.ctx.prep.params.as_slice()
        && d.try_variant(Variant::new(
            DiagnosisCode::RawValues,
            url.to_string(),
            Feed::Owned(sorted_owned(&raw)),
            "The signature was computed over the raw, still-encoded form values (e.g. 'hello+world' instead of 'hello world').".into(),
            "Decode the form body before signing or validating: '+' is a space and %XX are UTF-8 bytes.",
        ))
}

/// A hand-written signer sorted wrongly: not at all (wire order), names only, case-
/// insensitively, or with identical duplicates kept twice.
fn sorting(d: &mut Doctor<'_, '_>, url: &str) -> bool {
    let prep = d.ctx.prep;
    let params = &prep.params;
    if params.len() <= 1 {
        return false;
    }
    let name = |i: u32| params.get(i as usize).map_or("", |p| p.0.as_str());
    let value = |i: u32| params.get(i as usize).map_or("", |p| p.1.as_str());
    let wire: Vec<u32> = (0..params.len() as u32).collect();
    let mut by_key = wire.clone();
    compute::sort_idx(&mut by_key, &|a, b| compute::cmp_utf16(name(a), name(b)));
    let mut ci = wire.clone();
    compute::sort_idx(&mut ci, &|a, b| {
        let lower = |s: &'_ str| {
            s.bytes()
                .map(|c| c.to_ascii_lowercase())
                .collect::<Vec<u8>>()
        };
        lower(name(a))
            .cmp(&lower(name(b)))
            .then_with(|| value(a).cmp(value(b)))
    });
    let mut orders = vec![
        (
            wire.clone(),
            "The parameters were appended in wire order: they must be sorted by name (and a repeated name's values sorted).",
            "Sort the parameters by name, case-sensitively (Body before body), before appending them.",
        ),
        (
            by_key,
            "The names were sorted but a repeated name's values were appended in wire order: the values must be sorted too.",
            "For a repeated name, append each distinct value in sorted order.",
        ),
        (
            ci,
            "The parameters were sorted case-insensitively: the sort must be case-sensitive (upper-case before lower-case).",
            "Compare names by code unit (ordinal), not with a locale or case-insensitive collation.",
        ),
    ];
    // Each `name+value` string sorted as a whole (as some hand-written signers build the
    // pieces first and sort those): `ReasonConferenceEnded…` then lands before `Reason…`.
    let mut joined = wire.clone();
    compute::sort_idx(&mut joined, &|a, b| {
        compute::cmp_utf16(
            &format!("{}{}", name(a), value(a)),
            &format!("{}{}", name(b), value(b)),
        )
    });
    orders.push((
        joined,
        "The name+value strings were sorted as whole strings: the names must be sorted first, then each name's values.",
        "Sort by name alone (ordinal), then append name and value; do not sort the joined strings.",
    ));
    let mut nodedupe = wire;
    compute::sort_idx(&mut nodedupe, &|a, b| {
        compute::cmp_utf16(name(a), name(b)).then_with(|| compute::cmp_utf16(value(a), value(b)))
    });
    if nodedupe.len() != prep.node_idx.len() {
        orders.push((
            nodedupe,
            "A repeated parameter's identical values were appended twice: Twilio's libraries append each distinct value once.",
            "De-duplicate identical values of a repeated name before appending.",
        ));
    }
    for (order, message, hint) in orders {
        if d.try_variant(Variant::new(
            DiagnosisCode::ParamSorting,
            url.to_string(),
            Feed::Indices(order),
            message.into(),
            hint,
        )) {
            return true;
        }
    }
    false
}
