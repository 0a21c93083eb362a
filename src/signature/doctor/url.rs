//! The URL the app validated is not the one Twilio called: rebuilt from Host behind a proxy
//! or tunnel, http vs https at a TLS terminator, a port added or dropped, a trailing slash,
//! the host's or path's letter case, an empty `?`, a `#fragment` that is never sent.

use super::{base_feed, primary_urls, Doctor, Variant};
use crate::signature::url_variants::{self, Parts};
use crate::signature::{make_visible, DiagnosisCode};

/// Which single thing differs between two URLs, when it is one of the URL codes.
fn classify_difference(received: &str, other: &str) -> Option<DiagnosisCode> {
    let (a, b) = (Parts::parse(received)?, Parts::parse(other)?);
    let same_but = |f: &dyn Fn(&mut Parts)| {
        let (mut x, mut y) = (a.clone(), b.clone());
        f(&mut x);
        f(&mut y);
        x == y
    };
    if a.scheme != b.scheme
        && same_but(&|p: &mut Parts| {
            p.scheme.clear();
            p.port = None;
        })
    {
        return Some(DiagnosisCode::SchemeMismatch);
    }
    if a.host != b.host
        && a.host.eq_ignore_ascii_case(&b.host)
        && same_but(&|p: &mut Parts| {
            p.host.make_ascii_lowercase();
        })
    {
        return Some(DiagnosisCode::HostCase);
    }
    if a.port != b.port && same_but(&|p: &mut Parts| p.port = None) {
        return Some(DiagnosisCode::PortMismatch);
    }
    None
}

/// The app rebuilt the URL from Host while Twilio called the public one (X-Forwarded-*,
/// a tunnel, a load balancer).
pub(super) fn url_candidates(d: &mut Doctor<'_, '_>) {
    let received = d.ctx.prep.url.to_string();
    for (n, c) in d.ctx.input.url_candidates.iter().enumerate().take(8) {
        let c = c.trim();
        if c.is_empty() || c == received {
            continue;
        }
        let code = classify_difference(&received, c).unwrap_or(DiagnosisCode::OtherUrlCandidate);
        // What differs, when it is one thing, and the advice for it: a candidate that
        // differs only by the host's letter case is not a proxy's doing but a URL builder's
        // (.NET's UriBuilder lower-cases the host: twilio/twilio-csharp#522).
        let (what, hint) = match code {
            DiagnosisCode::SchemeMismatch => (
                ": only the scheme differs (a proxy terminates TLS)",
                "Reconstruct the public URL Twilio called: honour X-Forwarded-Proto (or hard-code the URL configured in the Twilio Console) instead of the scheme your app server sees.",
            ),
            DiagnosisCode::HostCase => (
                ": only the host's letter case differs (something lower-cased the host; its case is part of the signed string)",
                "Keep the host's letter case as configured in Twilio (do not rebuild the URL with a builder that lower-cases it, e.g. .NET's UriBuilder), or configure the webhook with a lower-case host.",
            ),
            DiagnosisCode::PortMismatch => (
                ": only the port differs",
                "Use the port Twilio called (X-Forwarded-Port, or the URL configured in the Twilio Console), not the one your app listens on.",
            ),
            _ => (
                "",
                "Reconstruct the public URL Twilio called: honour X-Forwarded-Proto / X-Forwarded-Host (or hard-code the URL configured in the Twilio Console) instead of the Host your app server sees.",
            ),
        };
        for u in primary_urls(c) {
            let message = format!(
                "Twilio signed {} (URL candidate #{}), not {}{what}. Build the URL you validate the way that candidate was built.",
                make_visible(&u),
                n + 1,
                make_visible(&received)
            );
            let v = Variant::new(code, u, base_feed(d), message, hint);
            if d.try_variant(v) {
                break;
            }
        }
    }
}

/// A TLS-terminating proxy: Twilio called https, the app sees http (or the reverse).
pub(super) fn scheme_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let to = if parts.scheme.eq_ignore_ascii_case("http") {
        "https"
    } else if parts.scheme.eq_ignore_ascii_case("https") {
        "http"
    } else {
        return;
    };
    let mut ports: Vec<Option<String>> = vec![None];
    let default = url_variants::default_port_for(to).to_string();
    ports.push(Some(default));
    if let Some(p) = &parts.port {
        ports.push(Some(p.clone()));
    }
    let received = parts.join();
    for port in ports {
        let mut p = parts.with_port(port.as_deref());
        p.scheme = to.to_string();
        let u = p.join();
        let (message, hint) = if to == "https" {
            (
                format!(
                    "Twilio signed {}, your server rebuilt {} — your proxy or load balancer terminates TLS; build the URL from X-Forwarded-Proto.",
                    make_visible(&u),
                    make_visible(&received)
                ),
                "Behind a proxy (ngrok, a load balancer, Heroku, Cloud Run…) use the public https URL: trust X-Forwarded-Proto (Express: app.set('trust proxy', true)) or pass the URL explicitly.",
            )
        } else {
            (
                format!(
                    "Twilio signed {}, but you validated {} — the webhook is configured with plain http; validate against the URL exactly as configured in Twilio.",
                    make_visible(&u),
                    make_visible(&received)
                ),
                "Use the URL exactly as it is configured in Twilio (better: configure the https URL).",
            )
        };
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::SchemeMismatch,
            u,
            feed,
            message,
            hint,
        )) {
            return;
        }
    }
}

/// Ports apps and proxies commonly listen on, tried when the URL has none. The last three
/// are non-default HTTPS ports of webhooks in real failure reports (4433:
/// twilio/twilio-python#402, 3443: twilio/twilio-node#411, 81: twilio/twilio-csharp#509).
const COMMON_PORTS: &[&str] = &[
    "8080", "3000", "8000", "5000", "8443", "4000", "8888", "9000", "5001", "8081", "3001", "1337",
    "4443", "7000", "8001", "4433", "3443", "81",
];

/// The app adds or drops a port (the proxy's internal port, :443 written out) beyond the
/// libraries' own default-port quirk.
pub(super) fn port_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut ports: Vec<&str> = Vec::new();
    let default = parts.default_port();
    match &parts.port {
        Some(p) => {
            if p != default {
                ports.push(default);
            }
            // A proxy publishes one port and forwards to another: the app sees its own
            // listening port, Twilio signed the public one.
            ports.extend(COMMON_PORTS.iter().copied().filter(|c| c != p));
        }
        None => {
            ports.extend(COMMON_PORTS.iter().copied());
            ports.push(if default == "443" { "80" } else { "443" });
        }
    }
    for port in ports {
        let u = parts.with_port(Some(port)).join();
        let message = match &parts.port {
            Some(p) => format!(
                "Twilio signed {} (port {port}), your server saw port {p} in {} — a proxy forwards {port} to {p}; validate with the port Twilio called.",
                make_visible(&u),
                make_visible(&received)
            ),
            None => format!(
                "Twilio signed {} (port {port}), your server rebuilt {} without it — the webhook URL includes :{port}; keep the port when you rebuild the URL.",
                make_visible(&u),
                make_visible(&received)
            ),
        };
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::PortMismatch,
            u,
            feed,
            message,
            "Use the URL exactly as configured in Twilio, port included; behind a proxy use X-Forwarded-Port / X-Forwarded-Host rather than the port your app listens on.",
        )) {
            return;
        }
    }
}

/// A router added or removed a trailing slash before validating, or a base URL ending in
/// `/` was joined to a path starting with one (`https://host//path`).
pub(super) fn slash_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    if parts.path.contains("//") {
        let mut p = parts.clone();
        let mut path = String::with_capacity(p.path.len());
        for c in p.path.chars() {
            if !(c == '/' && path.ends_with('/')) {
                path.push(c);
            }
        }
        p.path = path;
        let u = p.join();
        let message = format!(
            "Twilio signed {}, your server rebuilt {} with a doubled '/' — a base URL ending in '/' was joined to a path that starts with one; join them with a single slash.",
            make_visible(&u),
            make_visible(&received)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::TrailingSlash,
            u,
            feed,
            message,
            "Trim the trailing '/' of the configured base URL (or the leading one of the path) before joining them, so the URL matches the webhook configured in Twilio.",
        )) {
            return;
        }
    }
    let mut p = parts.clone();
    let (what, ok) = if p.path.len() > 1 && p.path.ends_with('/') {
        p.path.pop();
        ("without", true)
    } else if !p.path.ends_with('/') {
        p.path.push('/');
        ("with", true)
    } else {
        ("", false)
    };
    if !ok {
        return;
    }
    let u = p.join();
    let message = format!(
        "Twilio signed {} {what} a trailing slash, your server rebuilt {} — a router added or stripped the slash; use the path exactly as configured in Twilio.",
        make_visible(&u),
        make_visible(&received)
    );
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::TrailingSlash,
        u,
        feed,
        message,
        "Build the URL from the raw request path (not a normalised route) or match the configured webhook URL exactly.",
    ));
}

/// The host's letter case changed (configured in capitals, normalised by a proxy).
pub(super) fn host_case_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut hosts = vec![
        parts.host.to_ascii_lowercase(),
        parts.host.to_ascii_uppercase(),
    ];
    let title: String = parts
        .host
        .split('.')
        .map(|l| {
            let mut c = l.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(".");
    hosts.push(title);
    let mut first = parts.host.to_ascii_lowercase();
    if let Some(f) = first.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    hosts.push(first);
    for h in hosts {
        if h == parts.host {
            continue;
        }
        let mut p = parts.clone();
        p.host = h.clone();
        let u = p.join();
        let message = format!(
            "Twilio signed the host as {h}, your server rebuilt it as {} — host letter case is part of the signed string; use the host exactly as configured in Twilio ({}).",
            parts.host,
            make_visible(&received)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::HostCase,
            u,
            feed,
            message,
            "Do not lower-case the Host header when rebuilding the URL (or configure the webhook with a lower-case host).",
        )) {
            return;
        }
    }
}

/// A framework dropped (or added) an empty '?' at the end of the URL.
pub(super) fn empty_query_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    let received = parts.join();
    let mut p = parts.clone();
    let message;
    match &parts.query {
        Some(q) if q.is_empty() => {
            p.query = None;
            message = format!(
                "Twilio signed {} without the empty '?', your URL {} has one — drop the bare '?' when rebuilding the URL.",
                make_visible(&p.join()),
                make_visible(&received)
            );
        }
        None => {
            p.query = Some(String::new());
            message = format!(
                "Twilio signed {} with an empty '?', your URL {} has none — the webhook is configured with a trailing '?'; keep it.",
                make_visible(&p.join()),
                make_visible(&received)
            );
        }
        Some(_) => return,
    }
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::EmptyQuery,
        p.join(),
        feed,
        message,
        "Use the URL exactly as configured in Twilio; a bare '?' counts.",
    ));
}

/// The webhook URL had a '#fragment' (connection overrides): never sent, never signed.
pub(super) fn fragment_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    if parts.fragment.is_none() {
        return;
    }
    let received = parts.join();
    let mut p = parts.clone();
    p.fragment = None;
    let u = p.join();
    let message = format!(
        "Twilio signed {} without the '#fragment' in {} — a fragment is never sent over HTTP; drop it from the URL you validate.",
        make_visible(&u),
        make_visible(&received)
    );
    let feed = base_feed(d);
    d.try_variant(Variant::new(
        DiagnosisCode::Fragment,
        u,
        feed,
        message,
        "Remove the '#…' part (and check whether the configured webhook URL contains a '#' that should be %23).",
    ));
}

/// The path's letter case differs from the configured webhook URL: a case-insensitive router
/// or a URL rebuilt from a route template lower-cased it, or the webhook was configured in
/// lower case while the app's route has capitals. Tried: lower case, each segment
/// capitalised (`/Twilio/Voice`), upper case.
pub(super) fn path_case_variants(d: &mut Doctor<'_, '_>, parts: &Parts) {
    if !parts.path.bytes().any(|b| b.is_ascii_alphabetic()) {
        return;
    }
    let title = |seg: &str| {
        let mut c = seg.chars();
        match c.next() {
            Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
            None => String::new(),
        }
    };
    let lower = parts.path.to_ascii_lowercase();
    let paths = [
        lower.clone(),
        lower.split('/').map(title).collect::<Vec<_>>().join("/"),
        parts
            .path
            .split('/')
            .map(title)
            .collect::<Vec<_>>()
            .join("/"),
        parts.path.to_ascii_uppercase(),
    ];
    let mut tried: Vec<&str> = Vec::new();
    for path in &paths {
        if *path == parts.path || tried.contains(&path.as_str()) {
            continue;
        }
        tried.push(path);
        let mut p = parts.clone();
        p.path = path.clone();
        let u = p.join();
        let message = format!(
            "Twilio signed the path as {}, your URL has {} — paths are case-sensitive; use the path exactly as configured in Twilio.",
            make_visible(&p.path),
            make_visible(&parts.path)
        );
        let feed = base_feed(d);
        if d.try_variant(Variant::new(
            DiagnosisCode::PathCase,
            u,
            feed,
            message,
            "Take the path from the raw request line and configure the webhook URL with the same letter case your routes use.",
        )) {
            return;
        }
    }
}
