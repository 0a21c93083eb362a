//! Connection overrides: the `#ct=…&rt=…&tt=…&rc=…&rp=…&e=…&sni=…` fragment Twilio reads
//! from a webhook URL to tune its HTTP client (timeouts, retries, edge, SNI).
//!
//! Ranges and defaults are Twilio's documented ones (Webhooks: Connection Overrides): connect
//! timeout 100–10000 ms (5000), read timeout 100–15000 ms (15000), total time 100–15000 ms
//! (15000), retry count 0–5 (1). The fragment is never sent to your server, and it is not
//! part of the URL Twilio signs.

use serde::{Deserialize, Serialize};

use crate::finding::{Code, Finding};

/// One override: what was given, what is in force, and whether it is valid.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverrideValue {
    /// The key (`ct`, `rt`, `tt`, `rc`, `rp`, `e`, `sni`).
    pub key: String,
    /// What it sets.
    pub name: String,
    /// The value given in the fragment, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// Twilio's default.
    pub default: String,
    /// The value in force (the given one when valid, else the default).
    pub effective: String,
    /// False when the given value is outside the documented range or set.
    pub valid: bool,
}

/// The connection overrides of a webhook URL.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionOverrides {
    /// The fragment as written (after `#`).
    pub fragment: String,
    /// Every override Twilio knows, given or not, in documentation order.
    pub values: Vec<OverrideValue>,
    /// Keys in the fragment that are not overrides.
    pub unknown: Vec<String>,
    /// How many attempts Twilio makes at most (1 + retry count).
    pub attempts: u32,
    /// The longest Twilio waits before giving up (and trying the fallback URL), in ms:
    /// `min(tt, attempts × (ct + rt))`.
    pub worst_case_ms: u64,
}

impl ConnectionOverrides {
    /// The value in force for `key`.
    pub fn effective(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.key == key)
            .map(|v| v.effective.as_str())
    }
}

/// A numeric override: key, name, min, max, default.
const NUMBERS: [(&str, &str, u64, u64, u64); 4] = [
    ("ct", "connect timeout (ms)", 100, 10_000, 5_000),
    ("rt", "read timeout (ms)", 100, 15_000, 15_000),
    (
        "tt",
        "total time for all attempts (ms)",
        100,
        15_000,
        15_000,
    ),
    ("rc", "retry count", 0, 5, 1),
];
/// Retry policy items.
const RETRY_POLICIES: [&str; 5] = ["4xx", "5xx", "ct", "rt", "all"];
/// Edge locations Twilio egresses webhooks from.
const EDGES: [&str; 8] = [
    "ashburn",
    "dublin",
    "frankfurt",
    "sao-paulo",
    "singapore",
    "sydney",
    "tokyo",
    "umatilla",
];
/// SNI modes.
const SNI: [&str; 3] = ["unique", "fixed", "none"];

/// Parses the connection overrides in `url`'s fragment. `None` when the URL has no fragment
/// or the fragment names no override.
pub fn connection_overrides(url: &str) -> Option<ConnectionOverrides> {
    let (_, fragment) = url.split_once('#')?;
    let pairs: Vec<(&str, &str)> = fragment
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let known = |k: &str| NUMBERS.iter().any(|n| n.0 == k) || matches!(k, "rp" | "e" | "sni");
    if !pairs.iter().any(|(k, _)| known(k)) {
        return None;
    }
    let given = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim().to_string())
    };
    let mut values = Vec::new();
    for (key, name, min, max, default) in NUMBERS {
        let g = given(key);
        let parsed = g.as_deref().and_then(|v| v.parse::<u64>().ok());
        let valid = g.is_none() || parsed.is_some_and(|n| (min..=max).contains(&n));
        let effective = parsed.filter(|_| valid).unwrap_or(default);
        values.push(OverrideValue {
            key: key.into(),
            name: format!("{name}, {min}–{max}"),
            given: g,
            default: default.to_string(),
            effective: effective.to_string(),
            valid,
        });
    }
    let list = |key: &str, name: &str, allowed: &[&str], default: &str, many: bool| {
        let g = given(key);
        let valid = g.as_deref().is_none_or(|v| {
            let items: Vec<&str> = if many {
                v.split(',').collect()
            } else {
                vec![v]
            };
            !v.is_empty() && items.iter().all(|i| allowed.contains(&i.trim()))
        });
        OverrideValue {
            key: key.into(),
            name: format!("{name} ({})", allowed.join(", ")),
            effective: g
                .clone()
                .filter(|_| valid)
                .unwrap_or_else(|| default.to_string()),
            given: g,
            default: default.into(),
            valid,
        }
    };
    values.push(list("rp", "retry policy", &RETRY_POLICIES, "ct", true));
    values.push(list(
        "e",
        "edge location",
        &EDGES,
        "(Twilio's choice)",
        false,
    ));
    values.push(list(
        "sni",
        "TLS server name indication",
        &SNI,
        "unique",
        false,
    ));
    let unknown: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| !known(k))
        .map(|(k, _)| k.to_string())
        .collect();
    let number = |key: &str| {
        values
            .iter()
            .find(|v| v.key == key)
            .and_then(|v| v.effective.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let attempts = u32::try_from(number("rc") + 1).unwrap_or(1);
    let worst_case_ms = number("tt").min(u64::from(attempts) * (number("ct") + number("rt")));
    Some(ConnectionOverrides {
        fragment: fragment.to_string(),
        values,
        unknown,
        attempts,
        worst_case_ms,
    })
}

/// The findings for parsed overrides: one summary, one per invalid or unknown key.
pub(crate) fn findings(o: &ConnectionOverrides, out: &mut Vec<Finding>) {
    let set: Vec<String> = o
        .values
        .iter()
        .filter(|v| v.given.is_some() && v.valid)
        .map(|v| format!("{}={}", v.key, v.effective))
        .collect();
    out.push(
        Finding::new(
            Code::ConnectionOverrides,
            format!(
                "The URL's fragment sets connection overrides ({}); Twilio makes at most {} attempt(s) and gives up after {:.1} s at worst.",
                if set.is_empty() { "none valid".to_string() } else { set.join(", ") },
                o.attempts,
                o.worst_case_ms as f64 / 1000.0
            ),
        )
        .hint("The fragment is read by Twilio only: it is never sent to your server and is not part of the URL Twilio signs."),
    );
    for v in o.values.iter().filter(|v| !v.valid) {
        let mut f = Finding::new(
            Code::ConnectionOverrideInvalid,
            format!(
                "{}={} is not valid for the {}; the default is {}.",
                v.key,
                v.given.as_deref().unwrap_or(""),
                v.name,
                v.default
            ),
        )
        .param(&v.key);
        f = match v.key.as_str() {
            "rp" => f.twilio(11243),
            "e" => f.twilio(11241),
            _ => f,
        };
        out.push(f);
    }
    for k in &o.unknown {
        out.push(
            Finding::new(
                Code::ConnectionOverrideInvalid,
                format!("{k} is not a connection override (ct, rt, tt, rc, rp, e, sni)."),
            )
            .param(k),
        );
    }
}
