//! Masking for `listen --redact`: phone numbers keep their country code and last four
//! digits (`+1XXXXXX0100`, which `inspect` labels as redacted), and the free text Twilio
//! passes on (message bodies, speech and transcription results) is replaced.

/// Form parameters whose values are what people said or wrote.
const FREE_TEXT: &[&str] = &["Body", "SpeechResult", "TranscriptionText"];

/// The marker written instead of free text.
const MARKER: &str = "%5Bredacted%5D";

/// Masks a form body: free-text parameters become `[redacted]`, phone numbers are masked.
/// Pairs are kept in order and otherwise byte for byte.
pub(crate) fn form_body(body: &str) -> String {
    body.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if FREE_TEXT.contains(&decoded_name(name).as_str()) => {
                format!("{name}={MARKER}")
            }
            _ => text(pair),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn decoded_name(raw: &str) -> String {
    percent_encoding::percent_decode_str(&raw.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Masks every phone number in `s`, written `+` or `%2B` followed by 8 to 15 digits.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((at, plus_len)) = next_plus(rest) {
        let digits_start = at + plus_len;
        let digits = rest[digits_start..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        out.push_str(&rest[..digits_start]);
        let number = &rest[digits_start..digits_start + digits];
        if (8..=15).contains(&digits) {
            out.push_str(&mask_digits(number));
        } else {
            out.push_str(number);
        }
        rest = &rest[digits_start + digits..];
    }
    out.push_str(rest);
    out
}

/// The next `+` or `%2B` (either case): its offset and length.
fn next_plus(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    (0..bytes.len()).find_map(|i| match bytes[i] {
        b'+' => Some((i, 1)),
        b'%' if bytes.get(i + 1) == Some(&b'2')
            && matches!(bytes.get(i + 2), Some(b'B' | b'b')) =>
        {
            Some((i, 3))
        }
        _ => None,
    })
}

/// `14155550100` → `1XXXXXX0100`: the country code and last four digits stay.
fn mask_digits(number: &str) -> String {
    let cc = country_code_len(number);
    number
        .char_indices()
        .map(|(i, c)| {
            if i < cc || i + 4 >= number.len() {
                c
            } else {
                'X'
            }
        })
        .collect()
}

/// Length of the ITU country code at the start of an E.164 number (without `+`).
fn country_code_len(number: &str) -> usize {
    const ONE: &[&str] = &["1", "7"];
    const TWO: &[&str] = &[
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    if ONE.iter().any(|p| number.starts_with(p)) {
        1
    } else if TWO.iter().any(|p| number.starts_with(p)) {
        2
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_country_code_and_last_four() {
        assert_eq!(text("From=%2B14155550100"), "From=%2B1XXXXXX0100");
        assert_eq!(
            text("+447700900123 and +33612345678"),
            "+44XXXXXX0123 and +33XXXXX5678"
        );
        assert_eq!(text("a+b=1&Count=+12"), "a+b=1&Count=+12");
        assert_eq!(
            text("whatsapp%3A%2b14155550100"),
            "whatsapp%3A%2b1XXXXXX0100"
        );
    }

    #[test]
    fn free_text_replaced() {
        assert_eq!(
            form_body("Body=my+secret&From=%2B14155550100&SpeechResult=yes"),
            "Body=%5Bredacted%5D&From=%2B1XXXXXX0100&SpeechResult=%5Bredacted%5D"
        );
    }
}
