//! The diff of two captured requests: field by field (added, removed, changed — raw and
//! decoded —, reordered, duplicated), kind, API version, URL, and which difference changes
//! what Twilio signs, named with the signature doctor's vocabulary.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::catalog::ApiVersion;
use crate::inspect::{inspect, Options};
use crate::report::{Field, ParamSource, Report};
use crate::signature::{SignMode, SignatureStatus};

/// The most fields compared for reordering (an LCS over more is not worth it).
const MAX_REORDER_FIELDS: usize = 1000;

/// A value that differs between A and B.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The value in A (absent when A has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    /// The value in B (absent when B has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<String>,
}

/// How a field differs.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldChangeKind {
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In both, with another value (decoded, or only as written when `rawOnly`).
    Changed,
    /// In both with the same value, at another place relative to the other fields.
    Reordered,
    /// Repeated a different number of times.
    Duplicated,
}

/// One occurrence of a field.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSide {
    /// Position in wire order.
    pub index: usize,
    /// The value as written.
    pub raw_value: String,
    /// The decoded value.
    pub value: String,
}

/// One field difference.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The decoded field name.
    pub name: String,
    /// What changed.
    pub change: FieldChangeKind,
    /// The occurrence in A.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<FieldSide>,
    /// The occurrence in B.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<FieldSide>,
    /// For `changed`: the decoded values are equal, only the encoding differs.
    #[serde(default, skip_serializing_if = "crate::report::is_false")]
    pub raw_only: bool,
    /// For `duplicated`: how many times the field appears in A and in B.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<(usize, usize)>,
    /// True when this difference changes what Twilio signs.
    pub signed: bool,
}

/// One difference that changes the string-to-sign, with the doctor's name for it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedDifference {
    /// The signature doctor's diagnosis id for this kind of difference (`scheme-mismatch`,
    /// `param-added`, `body-modified`…), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What differs, in words.
    pub message: String,
}

/// The signature side of the diff.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureDiff {
    /// A's signature verdict.
    pub a: SignatureStatus,
    /// B's signature verdict.
    pub b: SignatureStatus,
    /// The differences that change what is signed, most telling first.
    pub differences: Vec<SignedDifference>,
    /// One sentence: which difference breaks one signature and not the other.
    pub sentence: String,
}

/// The result of [`diff`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    /// The version of this tool.
    pub tool_version: String,
    /// The detected kinds, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Change>,
    /// The API versions, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<Change>,
    /// The input formats, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Change>,
    /// The HTTP methods, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<Change>,
    /// URL parts that differ: `scheme`, `host`, `port`, `path`, `query`, `fragment`.
    pub url: Vec<(String, Change)>,
    /// The bodies differ byte for byte (both present).
    pub body_differs: bool,
    /// Field differences, in A's wire order then B's new fields.
    pub fields: Vec<FieldChange>,
    /// Fields equal in both (same name, value and relative place).
    pub same: usize,
    /// What the differences do to the signature.
    pub signature: SignatureDiff,
}

/// Compares two captured requests (each inspected with its own options).
pub fn diff(a: &str, b: &str, opts_a: &Options, opts_b: &Options) -> Diff {
    let ra = inspect(a, opts_a);
    let rb = inspect(b, opts_b);
    diff_reports(&ra, &rb)
}

fn change(a: Option<&str>, b: Option<&str>) -> Option<Change> {
    (a != b).then(|| Change {
        a: a.map(str::to_string),
        b: b.map(str::to_string),
    })
}

/// Compares two reports.
pub fn diff_reports(ra: &Report, rb: &Report) -> Diff {
    let url = url_changes(ra.request.url.as_deref(), rb.request.url.as_deref());
    let mode = sign_mode(ra)
        .or_else(|| sign_mode(rb))
        .unwrap_or(SignMode::FormParams);
    let (mut fields, same) = field_changes(&ra.fields, &rb.fields, mode);
    fields.sort_by_key(|f| {
        (
            f.a.is_none(),
            f.a.as_ref().map_or(usize::MAX, |s| s.index),
            f.b.as_ref().map_or(0, |s| s.index),
        )
    });
    let body_differs = matches!((&ra.request.body, &rb.request.body), (Some(x), Some(y)) if x != y);
    let mut d = Diff {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        kind: change(Some(&ra.kind.id), Some(&rb.kind.id)),
        api_version: change(
            ra.api_version.map(ApiVersion::as_str),
            rb.api_version.map(ApiVersion::as_str),
        ),
        format: change(Some(ra.format.id()), Some(rb.format.id())),
        method: change(ra.request.method.as_deref(), rb.request.method.as_deref()),
        url,
        body_differs,
        fields,
        same,
        signature: SignatureDiff {
            a: ra.signature.status,
            b: rb.signature.status,
            differences: Vec::new(),
            sentence: String::new(),
        },
    };
    d.signature.differences = signed_differences(&d, ra, rb, mode);
    d.signature.sentence = sentence(&d);
    d
}

fn sign_mode(r: &Report) -> Option<SignMode> {
    if let Some(m) = r.signature.mode {
        return Some(m);
    }
    let get = r
        .request
        .method
        .as_deref()
        .is_some_and(|m| m.eq_ignore_ascii_case("GET"));
    let json = r.fields.iter().any(|f| f.source == ParamSource::Json);
    Some(if get {
        SignMode::UrlOnly
    } else if json {
        SignMode::BodyHash
    } else {
        SignMode::FormParams
    })
}

/// Whether a field of this source is part of the string-to-sign in this mode.
fn signed_source(source: ParamSource, mode: SignMode) -> bool {
    match source {
        ParamSource::Query | ParamSource::Path => true,
        ParamSource::Body => mode == SignMode::FormParams,
        ParamSource::Json | ParamSource::Xml => mode == SignMode::BodyHash,
    }
}

fn side(f: &Field) -> FieldSide {
    FieldSide {
        index: f.index,
        raw_value: f.raw_value.clone(),
        value: f.value.clone(),
    }
}

fn occurrences(fields: &[Field]) -> (Vec<&str>, HashMap<&str, Vec<&Field>>) {
    let mut order = Vec::new();
    let mut map: HashMap<&str, Vec<&Field>> = HashMap::new();
    for f in fields {
        let slot = map.entry(f.name.as_str()).or_default();
        if slot.is_empty() {
            order.push(f.name.as_str());
        }
        slot.push(f);
    }
    (order, map)
}

/// The field differences, and how many fields are equal in both (same name, raw and
/// decoded value, relative place).
fn field_changes(fa: &[Field], fb: &[Field], mode: SignMode) -> (Vec<FieldChange>, usize) {
    let mut same: usize = 0;
    let (order_a, map_a) = occurrences(fa);
    let (order_b, map_b) = occurrences(fb);
    let mut out = Vec::new();
    let base = |name: &str, change, a: Option<&Field>, b: Option<&Field>| FieldChange {
        name: name.to_string(),
        change,
        a: a.map(side),
        b: b.map(side),
        raw_only: false,
        counts: None,
        signed: false,
    };
    for name in &order_a {
        let xs = &map_a[name];
        let Some(ys) = map_b.get(name) else {
            for x in xs {
                let mut c = base(name, FieldChangeKind::Removed, Some(x), None);
                c.signed = signed_source(x.source, mode);
                out.push(c);
            }
            continue;
        };
        for (x, y) in xs.iter().zip(ys.iter()) {
            if x.value == y.value && x.raw_value == y.raw_value {
                same += 1;
            } else {
                let mut c = base(name, FieldChangeKind::Changed, Some(x), Some(y));
                c.raw_only = x.value == y.value;
                // Decoded values are signed for form bodies; the query is signed as written.
                c.signed =
                    (!c.raw_only || x.source == ParamSource::Query || mode == SignMode::BodyHash)
                        && (signed_source(x.source, mode) || signed_source(y.source, mode));
                out.push(c);
            }
        }
        if xs.len() != ys.len() {
            let mut c = base(
                name,
                FieldChangeKind::Duplicated,
                xs.first().copied(),
                ys.first().copied(),
            );
            c.counts = Some((xs.len(), ys.len()));
            c.signed = signed_source(xs[0].source, mode);
            out.push(c);
        }
    }
    for name in &order_b {
        if !map_a.contains_key(name) {
            for y in &map_b[name] {
                let mut c = base(name, FieldChangeKind::Added, None, Some(y));
                c.signed = signed_source(y.source, mode);
                out.push(c);
            }
        }
    }
    let moved = reordered(&order_a, &order_b, &map_a, &map_b, &mut out, mode);
    (out, same.saturating_sub(moved))
}

/// Fields present in both whose relative order differs (not in the longest common
/// subsequence of the two orders). Returns how many of them had equal values.
fn reordered(
    order_a: &[&str],
    order_b: &[&str],
    map_a: &HashMap<&str, Vec<&Field>>,
    map_b: &HashMap<&str, Vec<&Field>>,
    out: &mut Vec<FieldChange>,
    mode: SignMode,
) -> usize {
    let in_b: HashSet<&str> = order_b.iter().copied().collect();
    let in_a: HashSet<&str> = order_a.iter().copied().collect();
    let ca: Vec<&str> = order_a
        .iter()
        .copied()
        .filter(|n| in_b.contains(n))
        .collect();
    let cb: Vec<&str> = order_b
        .iter()
        .copied()
        .filter(|n| in_a.contains(n))
        .collect();
    if ca == cb || ca.len() > MAX_REORDER_FIELDS {
        return 0;
    }
    let keep = lcs(&ca, &cb);
    let mut equal = 0;
    for name in ca.iter().filter(|n| !keep.contains(*n)) {
        let (x, y) = (map_a[name][0], map_b[name][0]);
        if x.value == y.value && x.raw_value == y.raw_value {
            equal += 1;
        }
        out.push(FieldChange {
            name: name.to_string(),
            change: FieldChangeKind::Reordered,
            a: Some(side(x)),
            b: Some(side(y)),
            raw_only: false,
            counts: None,
            // Form parameters are sorted before signing; only the query keeps its order.
            signed: x.source == ParamSource::Query || mode == SignMode::BodyHash,
        });
    }
    equal
}

fn lcs<'s>(a: &[&'s str], b: &[&'s str]) -> HashSet<&'s str> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut keep = HashSet::new();
    while i < n && j < m {
        if a[i] == b[j] {
            keep.insert(a[i]);
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    keep
}

/// An absolute URL cut into its parts (no validation).
struct UrlParts<'u> {
    scheme: &'u str,
    host: &'u str,
    port: Option<&'u str>,
    path: &'u str,
    query: Option<&'u str>,
    fragment: Option<&'u str>,
}

fn split_url(u: &str) -> UrlParts<'_> {
    let (rest, fragment) = match u.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (u, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (scheme, rest) = rest.split_once("://").unwrap_or(("", rest));
    let (authority, path) = match rest.find('/') {
        Some(i) if !scheme.is_empty() => (&rest[..i], &rest[i..]),
        None if !scheme.is_empty() => (rest, ""),
        _ => ("", rest),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    };
    UrlParts {
        scheme,
        host,
        port,
        path,
        query,
        fragment,
    }
}

fn url_changes(a: Option<&str>, b: Option<&str>) -> Vec<(String, Change)> {
    let (Some(a), Some(b)) = (a, b) else {
        return change(a, b)
            .map(|c| vec![("url".to_string(), c)])
            .unwrap_or_default();
    };
    let (x, y) = (split_url(a), split_url(b));
    [
        ("scheme", Some(x.scheme), Some(y.scheme)),
        ("host", Some(x.host), Some(y.host)),
        ("port", x.port, y.port),
        ("path", Some(x.path), Some(y.path)),
        ("query", x.query, y.query),
        ("fragment", x.fragment, y.fragment),
    ]
    .into_iter()
    .filter_map(|(part, p, q)| change(p, q).map(|c| (part.to_string(), c)))
    .collect()
}

fn decoded(s: &str) -> String {
    crate::decode::form::decode_component(s).text
}

/// One URL difference in the doctor's words.
fn url_difference(part: &str, c: &Change) -> SignedDifference {
    let (a, b) = (c.a.as_deref().unwrap_or(""), c.b.as_deref().unwrap_or(""));
    let shown = |x: &str| {
        if x.is_empty() {
            "(none)".to_string()
        } else {
            x.to_string()
        }
    };
    let (code, what) = match part {
        "scheme" => ("scheme-mismatch", "the scheme"),
        "host" if a.eq_ignore_ascii_case(b) => ("host-case", "the host's letter case"),
        "host" => ("other-url-candidate", "the host"),
        "port" => ("port-mismatch", "the port"),
        "path" if a.trim_end_matches('/') == b.trim_end_matches('/') => {
            ("trailing-slash", "a trailing slash")
        }
        "path" if a.eq_ignore_ascii_case(b) => ("path-case", "the path's letter case"),
        "path" if decoded(a) == decoded(b) => ("path-encoding", "the path's percent-encoding"),
        "path" => ("other-url-candidate", "the path"),
        "query" if a.is_empty() || b.is_empty() => ("empty-query", "an empty '?'"),
        "query" if same_pairs(a, b, true) => ("query-order", "the order of the query parameters"),
        "query" if same_pairs(a, b, false) => ("query-encoding", "the query's percent-encoding"),
        "query" => ("", "the query"),
        "fragment" => ("fragment", "a '#fragment'"),
        _ => ("", "the URL"),
    };
    SignedDifference {
        code: Some(code.to_string()).filter(|c| !c.is_empty()),
        message: format!("{what} differs ({} → {})", shown(a), shown(b)),
    }
}

/// The query pairs are the same (decoded), ignoring order when `any_order`.
fn same_pairs(a: &str, b: &str, any_order: bool) -> bool {
    let pairs = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = q
            .split('&')
            .filter(|s| !s.is_empty())
            .map(decoded)
            .collect();
        if any_order {
            v.sort();
        }
        v
    };
    let raw_equal_sorted = {
        let mut x: Vec<&str> = a.split('&').collect();
        let mut y: Vec<&str> = b.split('&').collect();
        x.sort_unstable();
        y.sort_unstable();
        x == y
    };
    if any_order {
        raw_equal_sorted
    } else {
        pairs(a) == pairs(b)
    }
}

fn signed_differences(d: &Diff, ra: &Report, rb: &Report, mode: SignMode) -> Vec<SignedDifference> {
    let mut out: Vec<SignedDifference> = d.url.iter().map(|(p, c)| url_difference(p, c)).collect();
    if mode == SignMode::BodyHash && d.body_differs {
        let same_json = match (&ra.request.body, &rb.request.body) {
            (Some(x), Some(y)) => serde_json::from_str::<serde_json::Value>(x)
                .ok()
                .zip(serde_json::from_str::<serde_json::Value>(y).ok())
                .is_some_and(|(p, q)| p == q),
            _ => false,
        };
        out.push(if same_json {
            SignedDifference {
                code: Some("json-reserialised".into()),
                message: "the JSON body was re-serialised (same JSON, other bytes), so bodySHA256 no longer matches".into(),
            }
        } else {
            SignedDifference {
                code: Some("body-modified".into()),
                message: "the body bytes differ, so bodySHA256 no longer matches".into(),
            }
        });
    }
    for f in d.fields.iter().filter(|f| f.signed) {
        let in_query = [&f.a, &f.b].iter().filter_map(|s| s.as_ref()).any(|s| {
            ra.fields
                .get(s.index)
                .is_some_and(|x| x.source == ParamSource::Query && x.name == f.name)
                || rb
                    .fields
                    .get(s.index)
                    .is_some_and(|x| x.source == ParamSource::Query && x.name == f.name)
        });
        if in_query || mode == SignMode::BodyHash {
            continue; // already told by the URL or the body
        }
        out.push(field_difference(f));
    }
    out
}

fn field_difference(f: &FieldChange) -> SignedDifference {
    let v = |s: &Option<FieldSide>| s.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    let (code, message) = match f.change {
        FieldChangeKind::Added => ("param-added", format!("parameter {} is only in B", f.name)),
        FieldChangeKind::Removed => (
            "param-missing",
            format!("parameter {} is missing from B", f.name),
        ),
        FieldChangeKind::Changed if v(&f.a).trim() == v(&f.b).trim() => (
            "trimmed-values",
            format!(
                "parameter {}'s value differs by surrounding whitespace",
                f.name
            ),
        ),
        FieldChangeKind::Changed => (
            "",
            format!(
                "parameter {}'s value differs ({:?} → {:?})",
                f.name,
                v(&f.a),
                v(&f.b)
            ),
        ),
        FieldChangeKind::Duplicated => {
            let (x, y) = f.counts.unwrap_or((0, 0));
            (
                "param-sorting",
                format!("parameter {} appears {x} time(s) in A and {y} in B", f.name),
            )
        }
        FieldChangeKind::Reordered => ("", format!("parameter {} moved", f.name)),
    };
    SignedDifference {
        code: Some(code.to_string()).filter(|c| !c.is_empty()),
        message,
    }
}

fn sentence(d: &Diff) -> String {
    let (a, b) = (d.signature.a, d.signature.b);
    let first = d.signature.differences.first();
    let named = |s: &SignedDifference| match &s.code {
        Some(c) => format!("{} [{c}]", s.message),
        None => s.message.clone(),
    };
    let unsigned_only = d.fields.iter().any(|f| !f.signed);
    match (a == SignatureStatus::Valid, b == SignatureStatus::Valid, first) {
        (true, false, Some(s)) => format!("B's signature fails where A's passes because {}.", named(s)),
        (false, true, Some(s)) => format!("A's signature fails where B's passes because {}.", named(s)),
        (true, false, None) | (false, true, None) => format!(
            "One signature passes and the other does not ({} vs {}), but nothing signed differs: the signatures or tokens themselves differ.",
            a.id(),
            b.id()
        ),
        (_, _, Some(s)) => format!(
            "{} difference(s) change what Twilio signs, first: {} (signatures: A {}, B {}).",
            d.signature.differences.len(),
            named(s),
            a.id(),
            b.id()
        ),
        (_, _, None) if unsigned_only => {
            "No difference changes what Twilio signs: form parameters are sorted and decoded before signing, so order and percent-encoding do not matter.".to_string()
        }
        (_, _, None) => "The two requests sign the same.".to_string(),
    }
}
