//! [`verify`]: a captured request against both official libraries, with the findings and
//! the doctor's diagnoses, and the sentences that explain a disagreement.

use crate::text::part;

use super::*;

/// Why a signature header is not a well-formed base64 HMAC, if it is not.
pub(crate) fn malformed_reason(sig: &str) -> Option<String> {
    if sig.is_empty() {
        return Some("The X-Twilio-Signature header is empty.".into());
    }
    if sig.trim() != sig {
        return Some(format!(
            "The X-Twilio-Signature value has surrounding whitespace ('{}'): libraries compare it exactly.",
            make_visible(sig)
        ));
    }
    let n = sig.len();
    let b = sig.as_bytes();
    if (n == 40 || n == 64) && b.iter().all(|c| c.is_ascii_hexdigit()) {
        return Some("The X-Twilio-Signature value is hex; Twilio signatures are base64.".into());
    }
    if sig.contains(['-', '_']) {
        return Some(
            "The X-Twilio-Signature value uses the base64url alphabet (- _); Twilio uses standard base64 (+ /).".into(),
        );
    }
    if (n == 27 || n == 43) && !sig.contains('=') {
        return Some("The X-Twilio-Signature value lost its '=' padding.".into());
    }
    // 20 bytes → 27 base64 characters + '=', 32 bytes → 43 + '='.
    let well_formed = (n == 28 || n == 44)
        && b[n - 1] == b'='
        && b[..n - 1]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/');
    if well_formed {
        None
    } else {
        Some(format!(
            "The X-Twilio-Signature value is not 28 (SHA-1) or 44 (SHA-256) base64 characters ({n} characters)."
        ))
    }
}

fn token_problem(token: &str) -> Option<String> {
    let t = token.trim();
    if t.len() != token.len() {
        return Some("has surrounding whitespace (a copied newline?)".into());
    }
    if t.len() == 34 && (t.starts_with("AC") || t.starts_with("SK")) {
        return Some(format!(
            "looks like a {} SID, not an auth token",
            if t.starts_with("AC") {
                "Account"
            } else {
                "API Key"
            }
        ));
    }
    if t.len() != 32 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(format!(
            "is {} characters; auth tokens are 32 hex characters",
            t.chars().count()
        ));
    }
    None
}

/// Verifies the request's signature the way twilio-node 6.2 and twilio-python 9.13 do, and
/// runs the doctor when neither accepts it.
pub fn verify(input: &SignatureInput<'_>) -> SignatureReport {
    let mut r = SignatureReport::default();
    let tokens: Vec<String> = input.tokens.to_vec();
    let has_token = tokens.iter().any(|t| !t.is_empty());
    let settings =
        Algorithm::from_settings_header(input.settings_header.filter(|h| !h.trim().is_empty()))
            .map_err(|e| e.name);

    let Some(sig) = input.signature else {
        if has_token {
            r.status = SignatureStatus::NoSignature;
            r.findings.push(
                Finding::new(
                    Code::SignatureMissing,
                    "The request has no X-Twilio-Signature header, so it cannot be authenticated.",
                )
                .hint("Twilio signs every webhook; capture the X-Twilio-Signature header with the request."),
            );
        }
        return r;
    };
    r.received = Some(make_visible(sig));
    let malformed = malformed_reason(sig);

    if let Err(name) = &settings {
        r.findings.push(
            Finding::new(
                Code::SignatureSettingsInvalid,
                format!("X-Twilio-Webhooks-Signature-Settings names an unknown algorithm '{name}'."),
            )
            .hint("Twilio sends algorithm=HMAC_SHA1 or algorithm=HMAC_SHA256; twilio-python returns False for anything else."),
        );
    }
    r.algorithm = settings.clone().ok();

    let Some(url) = checkable_url(&mut r, input, has_token) else {
        return finish_early(r, malformed);
    };
    let alg_for_tokens = settings.clone().unwrap_or(Algorithm::HmacSha1);
    if alg_for_tokens == Algorithm::HmacSha1 {
        token_findings(&mut r, &tokens);
    }

    let (mode, params) = decide_mode(input);
    r.mode = Some(mode.public());
    let prep = Prepared::new(url, mode, params, input.body);
    expectations(&mut r, &prep, &tokens, alg_for_tokens);

    let ev = evaluate(&prep, &tokens, sig.as_bytes(), settings.clone());
    r.node_valid = ev.node_valid;
    r.python_valid = ev.python_valid;
    let valid = ev.node_valid == Some(true) || ev.python_valid == Some(true);
    let best = best_match(&ev);
    r.matched = best.as_ref().map(|m| Match {
        token_index: m.token,
        token_hint: token_hint(&tokens, m.token),
        candidate: m.kind,
        url: make_visible(&m.url),
        key_order: m.order,
    });
    if valid {
        valid_findings(&mut r, &prep, &ev, best.as_ref(), &tokens);
    } else {
        invalid_findings(&mut r, input, &ev, malformed.as_deref());
    }
    body_hash_findings(&mut r);

    if !valid || best.as_ref().is_some_and(|m| m.token > 0) {
        let ctx = doctor::Context {
            input,
            prep: &prep,
            tokens: &tokens,
            sig,
            settings,
            matched: best.as_ref().map(|m| (m.token, m.url.clone(), m.order)),
            url_only_match: ev
                .node
                .url_only
                .as_ref()
                .or(ev.python.url_only.as_ref())
                .map(|m| (m.token, m.url.clone())),
        };
        run_doctor(&mut r, &ctx, valid, malformed.is_some());
    }
    r
}

/// The full URL to check the signature against, or `None` when the check cannot go on (the
/// status and the finding that says why are then in `r`): only a path is known, no token
/// was given (the string to sign is still shown when the URL is known), or no URL at all.
fn checkable_url<'a>(
    r: &mut SignatureReport,
    input: &SignatureInput<'a>,
    has_token: bool,
) -> Option<&'a str> {
    let url = match input.url.filter(|u| !u.trim().is_empty()) {
        None => None,
        Some(u) if u.starts_with('/') => {
            r.status = SignatureStatus::NoUrl;
            r.findings.push(
                Finding::new(
                    Code::SignatureNoUrl,
                    format!("Only the path ({u}) is known, not the full URL Twilio requested."),
                )
                .hint("Give the full URL (scheme, host and port as Twilio called it) to check the signature."),
            );
            return None;
        }
        Some(u) => Some(u),
    };
    if !has_token {
        r.status = SignatureStatus::NoToken;
        r.findings.push(
            Finding::new(
                Code::SignatureNoToken,
                "An X-Twilio-Signature is present but no auth token was given to check it.",
            )
            .hint("Pass the auth token of the account (or sub-account) that owns the number, or the SharedKey secret."),
        );
        if let Some(u) = url {
            let (mode, params) = decide_mode(input);
            r.mode = Some(mode.public());
            let prep = Prepared::new(u, mode, params, input.body);
            r.string_to_sign = Some(make_visible(&compute::build_string(
                &[u],
                prep.ordered(KeyOrder::Utf16),
            )));
        }
        return None;
    }
    if url.is_none() {
        r.status = SignatureStatus::NoUrl;
        r.findings.push(
            Finding::new(
                Code::SignatureNoUrl,
                "An X-Twilio-Signature is present but the URL Twilio requested is unknown.",
            )
            .hint("The URL is part of what is signed: give the full URL, with the query string, as Twilio called it."),
        );
    }
    url
}

/// A finding for each given token that does not look like an auth token.
fn token_findings(r: &mut SignatureReport, tokens: &[String]) {
    for (i, t) in tokens.iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        if let Some(p) = token_problem(t) {
            r.findings.push(
                Finding::new(Code::TokenLooksWrong, format!("{} {p}.", token_hint(tokens, i)))
                    .hint("Use the Auth Token shown in the Twilio Console for the account that owns the webhook."),
            );
        }
    }
}

/// What a correct request would carry: the string to sign, the first token's signature of
/// it, and (JSON bodies) the body hash against the URL's `bodySHA256`.
fn expectations(r: &mut SignatureReport, prep: &Prepared<'_>, tokens: &[String], alg: Algorithm) {
    let url = prep.url;
    let primary = compute::build_string(&[url], prep.ordered(KeyOrder::Utf16));
    r.string_to_sign = Some(make_visible(&primary));
    if let Some(first) = tokens.iter().find(|t| !t.is_empty()) {
        let keyed = Keyed::new(first, alg);
        r.expected =
            Some(compute::mac_of(&keyed, &[url], prep.ordered(KeyOrder::Utf16)).to_b64_string());
    }
    if prep.mode == Mode::Body {
        let expected_hex = prep.body_sha_hex.clone().unwrap_or_default();
        let in_url = prep.node_body_sha().or_else(|| prep.py_body_sha.clone());
        let matches = in_url.as_deref() == Some(expected_hex.as_str());
        r.body_hash = Some(BodyHash {
            expected_hex,
            in_url,
            matches,
        });
    }
}

/// The match to report: node's shared candidates, then python's, then node's fallbacks;
/// lowest token index first.
pub(super) fn best_match(ev: &Evaluation) -> Option<LibMatch> {
    [ev.node.accepted.as_ref(), ev.python.accepted.as_ref()]
        .into_iter()
        .flatten()
        .min_by_key(|m| {
            let rank = match (m.order, m.kind) {
                (
                    KeyOrder::Utf16,
                    CandidateKind::AsReceived
                    | CandidateKind::PortAdded
                    | CandidateKind::PortRemoved,
                ) => 0,
                (KeyOrder::CodePoint, _) => 1,
                _ => 2,
            };
            (m.token, rank)
        })
        .cloned()
}

/// A library accepts: say which URL and token matched, and name a disagreement.
fn valid_findings(
    r: &mut SignatureReport,
    prep: &Prepared<'_>,
    ev: &Evaluation,
    best: Option<&LibMatch>,
    tokens: &[String],
) {
    r.status = SignatureStatus::Valid;
    let how = best.map_or("the request", |m| m.kind.describe());
    let who = best.map_or_else(String::new, |m| {
        format!(" with {}", token_hint(tokens, m.token))
    });
    r.findings.push(Finding::new(
        Code::SignatureValid,
        format!("X-Twilio-Signature matches {how}{who}."),
    ));
    if let (Some(n), Some(p)) = (ev.node_valid, ev.python_valid) {
        if n != p {
            let d = disagreement(prep, ev, n);
            r.findings.push(
                Finding::new(Code::SignatureLibraryDisagreement, d.clone()).hint(
                    "Validate with the library that accepts it, or fix the URL/params your server rebuilds so both agree.",
                ),
            );
            r.disagreement = Some(d);
        }
    }
}

/// Neither library accepts: a malformed header, a URL signature whose body hash fails, or
/// no match at all.
fn invalid_findings(
    r: &mut SignatureReport,
    input: &SignatureInput<'_>,
    ev: &Evaluation,
    malformed: Option<&str>,
) {
    r.status = if malformed.is_some() {
        SignatureStatus::Malformed
    } else {
        SignatureStatus::Invalid
    };
    if let Some(why) = malformed {
        r.findings.push(
            Finding::new(Code::SignatureMalformed, why)
                .hint("Pass the X-Twilio-Signature header value exactly as received."),
        );
        return;
    }
    let url_signed = ev.node.url_only.is_some() || ev.python.url_only.is_some();
    let mut hint = String::from(
        "The URL must be byte-for-byte the one Twilio requested (scheme, host, port, path, query) and the token must belong to the account that owns the webhook.",
    );
    if let Some(sid) = input.account_sid.filter(|s| !s.is_empty()) {
        hint.push_str(&format!(
            " This request's AccountSid is {sid}: if that is a sub-account, its webhooks are signed with the sub-account's own auth token."
        ));
    }
    r.findings.push(
        Finding::new(
            Code::SignatureInvalid,
            if url_signed {
                "X-Twilio-Signature matches the URL, but the body fails the bodySHA256 check, so the libraries reject the request."
            } else {
                "X-Twilio-Signature matches none of the URLs and tokens twilio-node and twilio-python try."
            },
        )
        .hint(hint),
    );
}

/// Body hash findings (JSON webhooks): `bodySHA256` missing, empty or not the body's hash.
fn body_hash_findings(r: &mut SignatureReport) {
    let Some(bh) = &r.body_hash else {
        return;
    };
    let finding = match &bh.in_url {
        None => Finding::new(
            Code::BodyHashMissing,
            "The body is not form-encoded, so Twilio signs it through a bodySHA256 query parameter, and the URL has none.",
        )
        .hint("Use the URL exactly as Twilio requested it, including ?bodySHA256=…; if the body is really a form, send Content-Type: application/x-www-form-urlencoded."),
        Some(h) if h.is_empty() => Finding::new(Code::BodyHashMissing, "bodySHA256 in the URL is empty.")
            .hint("Twilio puts the lower-case hex SHA-256 of the raw body there."),
        Some(h) if !bh.matches => {
            let upper = h.eq_ignore_ascii_case(&bh.expected_hex);
            Finding::new(
                Code::BodyHashMismatch,
                if upper {
                    format!("bodySHA256 in the URL ({h}) is the body's hash in upper-case hex; it must be lower-case.")
                } else {
                    format!(
                        "bodySHA256 in the URL ({h}) is not the SHA-256 of the body ({}).",
                        bh.expected_hex
                    )
                },
            )
            .hint("Hash the raw body bytes exactly as received — not a parsed and re-serialised JSON object.")
        }
        Some(_) => return,
    };
    r.findings.push(finding);
}

/// Runs the doctor and turns its outcome into diagnoses and findings; when nothing
/// explains an invalid, well-formed signature, says what was tried.
fn run_doctor(r: &mut SignatureReport, ctx: &doctor::Context<'_>, valid: bool, malformed: bool) {
    let outcome = doctor::run(ctx);
    if !valid && !malformed && outcome.diagnoses.is_empty() {
        let nm = doctor::no_match(ctx, &outcome);
        r.findings.push(
            Finding::new(
                Code::SignatureUnexplained,
                format!(
                    "No variant of the request matches the signature ({}). Most likely: {}",
                    nm.tried
                        .first()
                        .map(String::as_str)
                        .unwrap_or("nothing could be tried"),
                    nm.likely_causes
                        .first()
                        .map(String::as_str)
                        .unwrap_or_default()
                ),
            )
            .hint(nm.compare_next.clone()),
        );
        r.no_match = Some(nm);
    }
    r.diagnoses = outcome.diagnoses;
    for d in &r.diagnoses {
        let sev = if valid {
            Severity::Warning
        } else {
            Code::SignatureDiagnosis.default_severity()
        };
        r.findings.push(
            Finding::new(Code::SignatureDiagnosis, d.message.clone())
                .hint(d.hint.clone())
                .severity(sev),
        );
    }
}

fn finish_early(mut r: SignatureReport, malformed: Option<String>) -> SignatureReport {
    if let Some(why) = malformed {
        r.findings.push(
            Finding::new(Code::SignatureMalformed, why)
                .hint("Pass the X-Twilio-Signature header value exactly as received."),
        );
    }
    r
}

/// One sentence naming the library that rejects and why.
fn disagreement(prep: &Prepared<'_>, ev: &Evaluation, node_accepts: bool) -> String {
    let (rejecter, other) = if node_accepts {
        (&ev.python, &ev.node)
    } else {
        (&ev.node, &ev.python)
    };
    let (rej_name, acc_name) = if node_accepts {
        ("twilio-python", "twilio-node")
    } else {
        ("twilio-node", "twilio-python")
    };
    let prefix = format!("{acc_name} accepts this signature but {rej_name} rejects it");
    if let Some(e) = &rejecter.error {
        return format!("{prefix}: {e}.");
    }
    if let Some(b) = &rejecter.body_problem {
        return format!("{prefix}: {b}.");
    }
    let Some(m) = &other.accepted else {
        return format!("{prefix}.");
    };
    let visible_url = make_visible(&m.url);
    match m.kind {
        CandidateKind::NodeWhatwg => format!(
            "{prefix}: only node's new URL() re-serialisation ({visible_url}) reproduces the signed URL ({}), and python signs the URL as received.",
            describe_whatwg(prep.url, &m.url)
        ),
        CandidateKind::NodeQuerystring => format!(
            "{prefix}: only node's legacy-querystring re-encoding of the query ({visible_url}) reproduces the signed URL, and python signs the query as received."
        ),
        _ => {
            let same_urls = match (&prep.python, node_accepts) {
                (Ok(py), true) => py.contains(&m.url),
                (Ok(_), false) => {
                    let removed = url_variants::join(&url_variants::port_removed(prep.url));
                    let added = url_variants::join(&url_variants::port_added(prep.url));
                    m.url == removed || m.url == added
                }
                (Err(_), _) => false,
            };
            if same_urls && prep.orders_differ() {
                format!(
                    "{prefix}: node sorts parameter names and values by UTF-16 code unit and python by code point, and here the two orders differ ({acc_name}'s order was signed)."
                )
            } else if node_accepts {
                let py = prep
                    .python
                    .as_ref()
                    .map(|c| make_visible(&c[0]))
                    .unwrap_or_default();
                format!(
                    "{prefix}: {} (python signs {py}), but {visible_url} was signed.",
                    python_reason(prep.url)
                )
            } else {
                format!(
                    "{prefix}: node signs the URL as received ({}), while {} and that form ({visible_url}) is what was signed.",
                    make_visible(prep.url),
                    python_reason(prep.url)
                )
            }
        }
    }
}

/// What python's `urlparse().geturl()` / `remove_port` does to this URL, in a few words.
fn python_reason(url: &str) -> String {
    let mut why: Vec<String> = Vec::new();
    if let Some(a) = url_variants::split_authority(url) {
        let scheme = part(url, ..a.scheme_end);
        if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
            why.push("urlparse() lower-cases the scheme".into());
        }
        let userinfo = a.host_start > a.auth_start;
        let ipv6 = part(url, a.host_start..).starts_with('[');
        if a.has_port() && (userinfo || ipv6) {
            why.push(format!(
                "remove_port() cuts the {} at its first ':'",
                if userinfo {
                    "user:password@host"
                } else {
                    "[IPv6] host"
                }
            ));
        }
    }
    let main = url.split('#').next().unwrap_or(url);
    if main.ends_with('?') {
        why.push("geturl() drops the empty '?'".into());
    }
    if url.ends_with('#') {
        why.push("geturl() drops the empty '#'".into());
    }
    if main.split('?').next().unwrap_or("").ends_with(';') {
        why.push("geturl() drops the empty ';'".into());
    }
    if why.is_empty() {
        "python re-serialises the URL with urlparse().geturl()".into()
    } else {
        format!("python's {}", why.join(" and "))
    }
}

/// What node's WHATWG serialisation changed, in a few words.
fn describe_whatwg(received: &str, normalised: &str) -> String {
    let mut changes: Vec<&str> = Vec::new();
    let (a, b) = (
        url_variants::Parts::parse(received),
        url_variants::Parts::parse(normalised),
    );
    if let (Some(a), Some(b)) = (&a, &b) {
        if a.scheme != b.scheme {
            changes.push("lower-cases the scheme");
        }
        if a.host != b.host {
            if a.host.is_ascii() {
                changes.push("lower-cases the host");
            } else {
                changes.push("converts the host to punycode");
            }
        }
        if a.port.is_some() && b.port.is_none() {
            changes.push("drops the port");
        }
        if a.path.is_empty() && b.path == "/" {
            changes.push("adds '/' for the empty path");
        } else if a.path.contains("/.") && !b.path.contains("/.") {
            changes.push("resolves dot segments");
        } else if a.path != b.path {
            changes.push("percent-encodes the path");
        }
        if a.query != b.query {
            if a.query.as_deref().is_some_and(|q| q.contains('\'')) {
                changes.push("encodes ' as %27 in the query");
            } else {
                changes.push("percent-encodes the query");
            }
        }
    }
    if changes.is_empty() {
        "it re-serialises the URL".into()
    } else {
        format!("it {}", changes.join(", "))
    }
}
