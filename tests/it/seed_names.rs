//! The parameter names a seed document defines, read the way a person reads the seed
//! (tables, parameter blocks, examples, prose). The same rules live in
//! `tools/gen_catalog.py`; `catalog::seed_parameters_are_in_catalog` checks every name.

use std::collections::HashSet;

/// Words that head a seed table column rather than name a parameter.
const HEADER_WORDS: [&str; 7] = [
    "Parameter",
    "Description",
    "Property",
    "Param",
    "Status",
    "Event",
    "Optional",
];

/// `CallSid`, `StartTime<`, `MediaUrl{N}`, `SipHeader_{name}`: a capitalised identifier,
/// optionally followed by a `{placeholder}` or one comparison sign.
fn is_param_name(s: &str) -> bool {
    let s = s.strip_suffix(['<', '>']).unwrap_or(s);
    let (base, placeholder) = match s.find('{') {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    };
    let base_ok = base.starts_with(|c: char| c.is_ascii_uppercase())
        && base.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let placeholder_ok = placeholder.is_none_or(|p| {
        p.len() > 2
            && p.ends_with('}')
            && p[1..p.len() - 1].chars().all(|c| c.is_ascii_alphabetic())
    });
    base_ok && placeholder_ok
}

/// `DialStatus`, `StatusCallbackEvent`: letters only, upper then lower, two or more humps.
fn is_camel(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_alphabetic())
        && s.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// Every parameter name a seed defines. The same rules live in `tools/gen_catalog.py`.
pub(crate) fn seed_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    names_in_tables(&lines, &mut names);
    names_in_examples(text, &lines, &mut names);
    names_in_prose(text, &lines, &mut names);
    let mut seen = HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// Steps 1–3: markdown tables and "Parameter / Description" blocks.
fn names_in_tables(lines: &[&str], names: &mut Vec<String>) {
    let wanted = |s: &str| is_param_name(s) && !HEADER_WORDS.contains(&s);
    // 1. Markdown table rows: the first cell.
    for line in lines {
        if line.starts_with('|') {
            let cell = line
                .trim_matches('|')
                .split('|')
                .next()
                .unwrap_or("")
                .trim();
            if wanted(cell) {
                names.push(cell.to_string());
            }
        }
    }
    // 2. "Parameter" / "Description" blocks with one name per line, until "(information)".
    let mut inside = false;
    for (i, line) in lines.iter().enumerate() {
        let s = line.trim();
        if s == "Parameter" && lines.get(i + 1).is_some_and(|l| l.trim() == "Description") {
            inside = true;
            continue;
        }
        if s == "(information)" || s == "(warning)" {
            inside = false;
        }
        if inside && wanted(s) {
            names.push(s.to_string());
        }
    }
    // 3. A "Parameter Description" header, then "Name text…" rows up to a blank line.
    let mut inside = false;
    for line in lines {
        let s = line.trim();
        if s == "Parameter Description" {
            inside = true;
            continue;
        }
        if s.is_empty() {
            inside = false;
        }
        if inside {
            let first = s.split_whitespace().next().unwrap_or("");
            if is_param_name(first) {
                names.push(first.to_string());
            }
        }
    }
}

/// Steps 4–6: XML resources, JSON objects and example query strings.
fn names_in_examples(text: &str, lines: &[&str], names: &mut Vec<String>) {
    // 4. XML element names inside <Call>…</Call>.
    let mut rest = text;
    while let Some(start) = rest.find("<Call>") {
        let after = &rest[start + "<Call>".len()..];
        let end = after.find("</Call>").unwrap_or(after.len());
        let mut block = &after[..end];
        while let Some(lt) = block.find('<') {
            block = &block[lt + 1..];
            let name: String = block
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let tail = block[name.len()..].trim_start();
            if !name.is_empty() && (tail.starts_with('>') || tail.starts_with("/>")) {
                names.push(name);
            }
        }
        rest = &after[end..];
    }
    // 5. Top-level keys of JSON objects written on one line.
    for line in lines {
        let s = line.trim();
        if s.starts_with('{') && s.ends_with('}') {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(s).unwrap_or_else(|e| panic!("bad JSON in seed: {e}: {s}"));
            names.extend(object.keys().cloned());
        }
    }
    // 6. Example query strings and POST bodies: two or more `Name=value` joined by `&`.
    for token in text.split_whitespace() {
        let query = token.split_once('?').map_or(token, |(_, q)| q);
        let pairs: Vec<&str> = query.split('&').collect();
        let keys: Vec<&str> = pairs
            .iter()
            .filter_map(|p| p.split_once('='))
            .map(|(k, _)| k)
            .collect();
        let identifier = |k: &&str| {
            k.starts_with(|c: char| c.is_ascii_alphabetic())
                && k.chars().all(|c| c.is_ascii_alphanumeric())
        };
        if pairs.len() >= 2 && keys.len() == pairs.len() && keys.iter().all(identifier) {
            names.extend(keys.iter().map(|k| k.to_string()));
        }
    }
}

/// Steps 7–9: OpenAPI-style headings, list filters, and names next to "parameter".
fn names_in_prose(text: &str, lines: &[&str], names: &mut Vec<String>) {
    // 7. OpenAPI-style headings: "Twimlstring<twiml>required if …", "ApplicationSidSID<AP>…".
    for line in lines {
        for ty in ["string<", "SID<", "integer<", "boolean<", "enum<"] {
            if let Some(i) = line.find(ty) {
                let name = &line[..i];
                if is_camel(name) || is_param_name(name) && line[i..].contains('>') {
                    names.push(name.to_string());
                }
            }
        }
    }
    // 8. Inequality list filters written as `StartTime<=YYYY-MM-DD`: the key is `StartTime<`.
    let bytes = text.as_bytes();
    for i in 1..bytes.len().saturating_sub(1) {
        if (bytes[i] == b'<' || bytes[i] == b'>') && bytes[i + 1] == b'=' {
            let start = text[..i]
                .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .map_or(0, |j| j + 1);
            let word = &text[start..i];
            if word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().all(|c| c.is_ascii_alphabetic())
            {
                names.push(format!("{word}{}", bytes[i] as char));
            }
        }
    }
    // 9. CamelCase names next to the word "parameter" in prose ("a parameter DialStatus",
    //    "the 'DialCallStatus' parameter").
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let unquote = |t: &str| t.trim_matches(|c| c == '\'' || c == '"').to_string();
    for (i, token) in tokens.iter().enumerate() {
        let word = token.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        if !matches!(
            word,
            "parameter" | "parameters" | "Parameter" | "Parameters"
        ) {
            continue;
        }
        if i > 0 {
            let before = unquote(tokens[i - 1]);
            if is_camel(&before) {
                names.push(before);
            }
        }
        if let Some(next) = tokens.get(i + 1) {
            let after: String = unquote(next)
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if is_camel(&after) {
                names.push(after);
            }
        }
    }
}
