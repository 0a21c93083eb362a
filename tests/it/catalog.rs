//! The catalog covers every parameter the seed documents define (with the right API version
//! and a `source` naming the seed), the table is internally consistent, and a handful of
//! facts that are easy to get wrong are pinned down.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::seed_names::seed_names;

use twilio_webhook_inspector::catalog::{
    self, ApiVersion, ParamSpec, PhoneStyle, Presence, ValueType, ENUMS, KINDS, PARAMS,
    SID_PREFIXES,
};

/// The API version each seed documents, by file-name prefix.
const SEED_VERSIONS: [(&str, ApiVersion); 5] = [
    ("000", ApiVersion::V2008),
    ("001", ApiVersion::V2010),
    ("002", ApiVersion::V2008),
    ("003", ApiVersion::V2010),
    ("004", ApiVersion::V2010),
];

fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .filter(|(name, _)| name.ends_with(".txt"))
        .collect();
    out.sort();
    out
}

/// Rows for a wire name; a `{placeholder}` name from a seed matches its row exactly.
fn rows_named(name: &str) -> Vec<&'static ParamSpec> {
    if name.contains('{') {
        PARAMS.iter().filter(|p| p.name == name).collect()
    } else {
        catalog::params_named(name).collect()
    }
}

#[test]
fn seed_parameters_are_in_catalog() {
    let seeds = seeds();
    assert_eq!(
        seeds.len(),
        SEED_VERSIONS.len(),
        "tests/data/seeds should hold the five seed files"
    );
    let mut missing = Vec::new();
    let mut wrong_version = Vec::new();
    let mut unsourced = Vec::new();
    let mut extracted: HashMap<String, Vec<String>> = HashMap::new();
    for (file, text) in &seeds {
        let version = SEED_VERSIONS
            .iter()
            .find(|(prefix, _)| file.starts_with(prefix))
            .unwrap_or_else(|| panic!("seed {file} has no API version in SEED_VERSIONS"))
            .1;
        let names = seed_names(text);
        for name in &names {
            let rows = rows_named(name);
            if rows.is_empty() {
                missing.push(format!("{name} ({file})"));
                continue;
            }
            let of_version: Vec<_> = rows.iter().filter(|p| p.api_version == version).collect();
            if of_version.is_empty() {
                wrong_version.push(format!("{name} ({file}: no {} row)", version.as_str()));
            } else if !of_version
                .iter()
                .any(|p| p.source.contains(&format!("seed:{file}")))
            {
                unsourced.push(format!("{name} ({file})"));
            }
        }
        extracted.insert(file.clone(), names);
    }

    // The extractor itself must work, or the checks above prove nothing.
    let expect = [
        ("000", "CallerCountry"),
        ("000", "DialStatus"),
        ("001", "ForwardedFrom"),
        ("001", "DialCallStatus"),
        ("002", "SendDigits"),
        ("002", "Flags"),
        ("002", "CallSegmentSid"),
        ("003", "SequenceNumber"),
        ("003", "RecordingStatusCallbackEvent"),
        ("003", "MachineDetectionSilenceThreshold"),
        ("003", "Twiml"),
        ("003", "StartTime<"),
        ("003", "EndTime>"),
        ("004", "MediaUrl{N}"),
        ("004", "SmsSid"),
    ];
    for (prefix, name) in expect {
        let names = extracted
            .iter()
            .find(|(file, _)| file.starts_with(prefix))
            .map(|(_, names)| names)
            .unwrap_or_else(|| panic!("no seed {prefix}"));
        assert!(
            names.iter().any(|n| n == name),
            "seed {prefix}: extractor did not find {name}; found {names:?}"
        );
    }

    assert!(
        missing.is_empty(),
        "seed parameters missing from the catalog: {missing:?}"
    );
    assert!(
        wrong_version.is_empty(),
        "seed parameters without a row of the seed's API version: {wrong_version:?}"
    );
    assert!(
        unsourced.is_empty(),
        "seed parameters whose rows do not name the seed in `source`: {unsourced:?}"
    );
}

fn enum_id(vt: &ValueType) -> Option<&'static str> {
    match *vt {
        ValueType::Enum { id }
        | ValueType::RepeatedEnum { id }
        | ValueType::SpaceSeparatedEnum { id } => Some(id),
        _ => None,
    }
}

#[test]
fn catalog_table_is_consistent() {
    let problems = [
        kind_problems(),
        enum_and_prefix_problems(),
        param_row_problems(),
    ]
    .concat();
    assert!(
        problems.is_empty(),
        "{} catalog problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Trimmed text of at least `min` characters.
fn text_ok(s: &str, min: usize) -> bool {
    s.trim() == s && s.chars().count() >= min
}

/// Kinds: unique ids, texts, what they are reported as, inheritance, one-of groups.
fn kind_problems() -> Vec<String> {
    let mut problems: Vec<String> = Vec::new();
    let mut bad = |msg: String| problems.push(msg);
    let mut kind_ids = HashSet::new();
    for k in KINDS {
        if !kind_ids.insert(k.id) {
            bad(format!("kind {} appears twice", k.id));
        }
        if !text_ok(k.title, 5) || !text_ok(k.summary, 30) || k.source.is_empty() {
            bad(format!("kind {}: title, summary or source missing", k.id));
        }
    }
    let reported_ids = crate::reportable_kind_ids();
    for k in KINDS {
        let main = reported_ids.contains(&k.id);
        let reported_ok = if main {
            k.reported_as == k.id
        } else {
            k.reported_as != "unknown"
                && (reported_ids.contains(&k.reported_as) || k.reported_as == k.id)
        };
        if !reported_ok {
            bad(format!("kind {}: bad reported_as {}", k.id, k.reported_as));
        }
        if let Some(parent) = k.inherits {
            match catalog::kind(parent) {
                None => bad(format!("kind {} inherits unknown {parent}", k.id)),
                Some(p) if p.id == k.id || p.api_version != k.api_version => bad(format!(
                    "kind {} inherits {parent}: self or other version",
                    k.id
                )),
                Some(_) => {}
            }
        }
        for group in k.one_of {
            for name in *group {
                if !catalog::params_of_kind(k.id)
                    .iter()
                    .any(|p| p.name == *name)
                {
                    bad(format!("kind {}: one_of names {name}, not a param", k.id));
                }
            }
        }
    }
    for id in reported_ids.iter().filter(|id| **id != "unknown") {
        if !KINDS.iter().any(|k| k.id == *id && k.reported_as == *id) {
            bad(format!("reported id {id} has no catalog kind"));
        }
    }
    problems
}

/// Enums (unique, non-empty, explained tolerated values) and SID prefixes.
fn enum_and_prefix_problems() -> Vec<String> {
    let mut problems: Vec<String> = Vec::new();
    let mut bad = |msg: String| problems.push(msg);
    let mut enum_ids = HashSet::new();
    for e in ENUMS {
        if !enum_ids.insert(e.id) {
            bad(format!("enum {} appears twice", e.id));
        }
        let values: HashSet<_> = e.values.iter().collect();
        if e.values.is_empty() || values.len() != e.values.len() {
            bad(format!("enum {}: empty or repeated values", e.id));
        }
        for (v, why) in e.tolerated {
            if e.values.contains(v) || why.is_empty() {
                bad(format!(
                    "enum {}: tolerated {v} is canonical or unexplained",
                    e.id
                ));
            }
        }
        if !text_ok(e.description, 15) {
            bad(format!("enum {}: description too short", e.id));
        }
    }
    let mut prefixes = HashSet::new();
    for p in SID_PREFIXES {
        let two_caps = p.prefix.len() == 2 && p.prefix.chars().all(|c| c.is_ascii_uppercase());
        if !two_caps || !prefixes.insert(p.prefix) || p.object.is_empty() {
            bad(format!(
                "SID prefix {:?} malformed, repeated or unnamed",
                p.prefix
            ));
        }
    }
    problems
}

/// Parameter rows: kinds of the same API version, no row twice, texts, deprecations, aliases, enums, SID prefixes, ranges.
fn param_row_problems() -> Vec<String> {
    let mut problems: Vec<String> = Vec::new();
    let mut bad = |msg: String| problems.push(msg);
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for (i, p) in PARAMS.iter().enumerate() {
        let at = format!("row {i} ({} {})", p.name, p.api_version.as_str());
        if p.kinds.is_empty() {
            bad(format!("{at}: no kinds"));
        }
        for kid in p.kinds {
            match catalog::kind(kid) {
                None => bad(format!("{at}: unknown kind {kid}")),
                Some(k) if k.api_version != p.api_version => {
                    bad(format!("{at}: kind {kid} is another API version"))
                }
                Some(_) => {}
            }
            if let Some(j) = seen.insert((p.name, p.api_version.as_str(), kid), i) {
                bad(format!("{at}: also defined for {kid} in row {j}"));
            }
        }
        if !text_ok(p.label, 2) || !text_ok(p.description, 15) || p.source.trim().is_empty() {
            bad(format!(
                "{at}: label, description or source missing or untrimmed"
            ));
        }
        if let Some(d) = p.deprecated {
            if d.use_instead.trim().is_empty() || d.since.trim().is_empty() {
                bad(format!("{at}: deprecation without since/use_instead"));
            }
        }
        if p.indexed != p.name.contains('{') {
            bad(format!("{at}: indexed flag does not match the name"));
        }
        if let Some(target) = p.alias_of {
            for kid in p.kinds {
                if catalog::param_for_kind(kid, target).is_none() {
                    bad(format!("{at}: alias of {target}, which {kid} lacks"));
                }
            }
        }
        if let Some(id) = enum_id(&p.value_type) {
            if catalog::enum_spec(id).is_none() {
                bad(format!("{at}: unknown enum {id}"));
            }
        }
        match p.value_type {
            ValueType::Sid { prefixes: pre } => {
                for x in pre {
                    if catalog::sid_object(x).is_none() {
                        bad(format!("{at}: unknown SID prefix {x}"));
                    }
                }
            }
            ValueType::Integer {
                min: Some(lo),
                max: Some(hi),
                ..
            } if lo > hi => bad(format!("{at}: min > max")),
            ValueType::Digits { alphabet: "", .. } => bad(format!("{at}: empty digit alphabet")),
            _ => {}
        }
    }
    problems
}

fn row(kind: &str, name: &str) -> Option<&'static ParamSpec> {
    catalog::param_for_kind(kind, name)
}

fn enum_values(id: &str) -> Vec<&'static str> {
    catalog::enum_spec(id).map_or_else(Vec::new, |e| e.values.to_vec())
}

/// A named fact about the catalog that must hold.
type Check = fn() -> bool;

/// Types, limits and units of values.
fn types_and_units() -> Vec<(&'static str, Check)> {
    vec![
        ("create-call Timeout max 600 s", || {
            row("create-call", "Timeout").is_some_and(|p| {
                matches!(
                    p.value_type,
                    ValueType::Integer {
                        max: Some(600),
                        unit: Some("seconds"),
                        ..
                    }
                ) && p.api_version == ApiVersion::V2010
            })
        }),
        ("create-call-legacy Timeout max 999 s", || {
            row("create-call-legacy", "Timeout").is_some_and(|p| {
                matches!(p.value_type, ValueType::Integer { max: Some(999), .. })
                    && p.api_version == ApiVersion::V2008
            })
        }),
        ("2010 Body at most 1600", || {
            row("messaging-request", "Body").is_some_and(|p| {
                p.value_type
                    == ValueType::Text {
                        max_len: Some(1600),
                    }
            })
        }),
        ("2008 Body at most 160", || {
            row("messaging-request-legacy", "Body")
                .is_some_and(|p| p.value_type == ValueType::Text { max_len: Some(160) })
        }),
        ("status-callback Duration counts minutes", || {
            row("voice-status-callback", "Duration").is_some_and(|p| {
                matches!(
                    p.value_type,
                    ValueType::Integer {
                        unit: Some("minutes"),
                        ..
                    }
                ) && p.description.contains("MINUTES")
            })
        }),
        ("CallDuration counts seconds", || {
            row("voice-status-callback", "CallDuration").is_some_and(|p| {
                matches!(
                    p.value_type,
                    ValueType::Integer {
                        unit: Some("seconds"),
                        ..
                    }
                )
            })
        }),
    ]
}

/// Aliases, deprecations and the 2008 API.
fn aliases_and_legacy() -> Vec<(&'static str, Check)> {
    vec![
        ("SmsSid: deprecated alias of MessageSid", || {
            row("messaging-request", "SmsSid")
                .is_some_and(|p| p.deprecated.is_some() && p.alias_of == Some("MessageSid"))
        }),
        ("SmsMessageSid: deprecated alias of MessageSid", || {
            row("messaging-request", "SmsMessageSid")
                .is_some_and(|p| p.deprecated.is_some() && p.alias_of == Some("MessageSid"))
        }),
        (
            "SmsStatus in status callbacks aliases MessageStatus",
            || {
                row("message-status-callback", "SmsStatus")
                    .is_some_and(|p| p.alias_of == Some("MessageStatus"))
            },
        ),
        ("2010 IfMachine deprecated for MachineDetection", || {
            row("create-call", "IfMachine").is_some_and(|p| {
                p.deprecated
                    .is_some_and(|d| d.use_instead.contains("MachineDetection"))
            })
        }),
        ("2008 IfMachine deprecated too", || {
            row("create-call-legacy", "IfMachine").is_some_and(|p| p.deprecated.is_some())
        }),
        ("2010 Caller is an alias of From", || {
            row("voice-request", "Caller").is_some_and(|p| p.alias_of == Some("From"))
        }),
        ("2010 CallerCity is an alias of FromCity", || {
            row("voice-status-callback", "CallerCity")
                .is_some_and(|p| p.alias_of == Some("FromCity"))
        }),
        ("2008 Caller is primary and ten digits", || {
            row("voice-request-legacy", "Caller").is_some_and(|p| {
                p.alias_of.is_none()
                    && p.presence == Presence::Always
                    && p.value_type
                        == ValueType::Phone {
                            style: PhoneStyle::Legacy10Digit,
                        }
            })
        }),
        ("2008 Called on create accepts any format", || {
            row("create-call-legacy", "Called").is_some_and(|p| {
                p.value_type
                    == ValueType::Phone {
                        style: PhoneStyle::AnyFormat,
                    }
            })
        }),
        ("2010 SendDigits: 0-9 A-D # * w W, at most 32", || {
            row("create-call", "SendDigits").is_some_and(|p| match p.value_type {
                ValueType::Digits { alphabet, max_len } => {
                    max_len == Some(32)
                        && "0123456789ABCD#*wW".chars().all(|c| alphabet.contains(c))
                }
                _ => false,
            })
        }),
        ("2008 SendDigits: 0-9 # * only", || {
            row("create-call-legacy", "SendDigits").is_some_and(|p| {
                matches!(
                    p.value_type,
                    ValueType::Digits {
                        alphabet: "0123456789#*",
                        ..
                    }
                )
            })
        }),
    ]
}

/// Value ranges, value sets, indexed and inherited parameters.
fn value_sets_and_shapes() -> Vec<(&'static str, Check)> {
    vec![
        ("MachineDetectionTimeout 3-59, soft", || {
            row("create-call", "MachineDetectionTimeout").is_some_and(|p| {
                matches!(
                    p.value_type,
                    ValueType::Integer {
                        min: Some(3),
                        max: Some(59),
                        soft: true,
                        ..
                    }
                )
            })
        }),
        ("MachineDetectionSpeechThreshold 1000-6000 ms", || {
            row("create-call", "MachineDetectionSpeechThreshold").is_some_and(|p| {
                matches!(
                    p.value_type,
                    ValueType::Integer {
                        min: Some(1000),
                        max: Some(6000),
                        unit: Some("ms"),
                        ..
                    }
                )
            })
        }),
        ("Twiml at most 4000 characters", || {
            row("create-call", "Twiml").is_some_and(|p| {
                p.value_type
                    == ValueType::Twiml {
                        max_len: Some(4000),
                    }
            })
        }),
        ("list filter key StartTime< is a date", || {
            row("list-calls", "StartTime<").is_some_and(|p| p.value_type == ValueType::DateYmd)
        }),
        (
            "StatusCallbackEvent repeats, RecordingStatusCallbackEvent is space-separated",
            || {
                row("create-call", "StatusCallbackEvent")
                    .is_some_and(|p| matches!(p.value_type, ValueType::RepeatedEnum { .. }))
                    && row("create-call", "RecordingStatusCallbackEvent").is_some_and(|p| {
                        matches!(p.value_type, ValueType::SpaceSeparatedEnum { .. })
                    })
            },
        ),
        ("MediaUrl{N} is indexed", || {
            row("messaging-request", "MediaUrl3").is_some_and(|p| p.indexed)
        }),
        ("gather-action inherits CallSid", || {
            row("gather-action", "CallSid").is_some_and(|p| p.kinds.contains(&"voice-request"))
        }),
        ("create-call one_of is Url | Twiml | ApplicationSid", || {
            catalog::kind("create-call")
                .is_some_and(|k| k.one_of == [["Url", "Twiml", "ApplicationSid"].as_slice()])
        }),
        ("CallStatus 2008 has exactly 5 values", || {
            row("voice-request-legacy", "CallStatus").is_some_and(|p| {
                enum_id(&p.value_type).is_some_and(|id| enum_values(id).len() == 5)
            })
        }),
        (
            "2010 webhook CallStatus has 9 values with initiated",
            || {
                row("voice-request", "CallStatus").is_some_and(|p| {
                    enum_id(&p.value_type).is_some_and(|id| {
                        let v = enum_values(id);
                        v.len() == 9 && v.contains(&"initiated") && v.contains(&"canceled")
                    })
                })
            },
        ),
        ("REST call status has 8 values, no initiated", || {
            let v = enum_values("call_status_rest_2010");
            v.len() == 8 && !v.contains(&"initiated")
        }),
        (
            "DialStatus 2008 tolerates fail, rejects anwered-human",
            || {
                catalog::enum_spec("dial_status_2008").is_some_and(|e| {
                    !e.values.contains(&"fail")
                        && e.tolerated.iter().any(|(v, _)| *v == "fail")
                        && !e.values.contains(&"anwered-human")
                        && e.values.contains(&"hangup-machine")
                })
            },
        ),
        ("recording callback statuses", || {
            let mut v = enum_values("recording_status_callback");
            v.sort_unstable();
            v == ["absent", "completed", "failed", "in-progress"]
        }),
        ("answered_by tolerates machine", || {
            catalog::enum_spec("answered_by")
                .is_some_and(|e| e.tolerated.iter().any(|(v, _)| *v == "machine"))
        }),
        ("MessageSid accepts SM and MM", || {
            row("messaging-request", "MessageSid").is_some_and(|p| {
                p.value_type
                    == ValueType::Sid {
                        prefixes: &["SM", "MM"],
                    }
            })
        }),
    ]
}

/// Facts that are easy to get wrong, one line each.
#[test]
fn catalog_spot_checks() {
    let checks = [
        types_and_units(),
        aliases_and_legacy(),
        value_sets_and_shapes(),
    ]
    .concat();
    assert!(checks.len() >= 28, "only {} spot checks", checks.len());
    let failed: Vec<&str> = checks
        .iter()
        .filter(|(_, check)| !check())
        .map(|(what, _)| *what)
        .collect();
    assert!(failed.is_empty(), "catalog spot checks failed: {failed:#?}");
}

/// `src/catalog/table.rs` is purely generated: regenerating it from `data/catalog.json`
/// (with `tools/gen_catalog.py`, which runs rustfmt) into a temporary directory gives the
/// committed file byte for byte. Needs `python3` and `rustfmt` on the PATH.
#[test]
fn table_rs_is_generated() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("twi-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("table.rs");
    let run = std::process::Command::new("python3")
        .arg(root.join("tools/gen_catalog.py"))
        .arg("--out")
        .arg(&out)
        .current_dir(&root)
        .output()
        .expect("python3 runs tools/gen_catalog.py");
    assert!(
        run.status.success(),
        "tools/gen_catalog.py failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let fresh = std::fs::read_to_string(&out).expect("generated table.rs");
    let committed = std::fs::read_to_string(root.join("src/catalog/table.rs")).expect("table.rs");
    let _ = std::fs::remove_dir_all(&dir);
    if fresh != committed {
        let line = fresh
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the length".to_string(), |i| format!("line {}", i + 1));
        panic!(
            "src/catalog/table.rs differs from a fresh generation at {line}: edit data/catalog.json \
             and run `python3 tools/gen_catalog.py --out src/catalog/table.rs` (never edit table.rs)"
        );
    }
}
