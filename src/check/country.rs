//! ISO 3166-1 alpha-2 country codes: what Twilio sends in FromCountry, ToCountry,
//! CallerCountry, CalledCountry and the other `…Country` parameters.

use super::{Checked, Subject};
use crate::finding::{Code, Finding, Severity};

/// The officially assigned alpha-2 codes (249, as of ISO/TC 46 N1108, 2023-04-05; the list
/// tzdata's `iso3166.tab` carries): one word per first letter, bit `n` set when the second
/// letter is the `n`-th of the alphabet. 104 bytes, where a table of names would take KBs.
const ASSIGNED: [u32; 26] = [
    0x2df5978, // A: AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
    0x36f7bfb, // B: BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    0x3f27ded, // C: CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    0x2005610, // D: DE DJ DK DM DO DZ
    0x00e00d4, // E: EC EE EG EH ER ES ET
    0x0025700, // F: FI FJ FK FM FO FR
    0x15fb9fb, // G: GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
    0x01a3400, // H: HK HM HN HR HT HU
    0x00f7818, // I: ID IE IL IM IN IO IQ IR IS IT
    0x000d010, // J: JE JM JO JP
    0x342b1d0, // K: KE KG KH KI KM KN KP KR KW KY KZ
    0x13e0507, // L: LA LB LC LI LK LR LS LT LU LV LY
    0x3fffcfd, // M: MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    0x212c975, // N: NA NC NE NF NG NI NL NO NP NR NU NZ
    0x0001000, // O: OM
    0x14e3cf1, // P: PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    0x0000001, // Q: QA
    0x0544010, // R: RE RO RS RU RW
    0x3ae7fdf, // S: SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
    0x26a7eec, // T: TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
    0x3041041, // U: UA UG UM US UY UZ
    0x0102155, // V: VA VC VE VG VI VN VU
    0x0040020, // W: WF WS
    0x0000000, // X:
    0x0080010, // Y: YE YT
    0x0401001, // Z: ZA ZM ZW
];

/// The codes ISO 3166 leaves to its users (AA, QM–QZ, XA–XZ, ZZ): nobody's country, so
/// what a test or a redaction writes in place of one (`XX`), or a code in private use
/// (`XK` for Kosovo); never held against a capture.
fn user_assigned(a: u8, b: u8) -> bool {
    matches!(
        (a, b),
        (b'A', b'A') | (b'Q', b'M'..=b'Z') | (b'X', _) | (b'Z', b'Z')
    )
}

/// Whether `code` (two ASCII capital letters) is an officially assigned alpha-2 code.
pub(super) fn is_assigned(code: &str) -> bool {
    match code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            ASSIGNED[usize::from(a - b'A')] >> (b - b'A') & 1 == 1
        }
        _ => false,
    }
}

/// A country parameter's value: Twilio sends a two-letter ISO 3166-1 alpha-2 code in
/// capitals. Anything else is a warning (a capture someone rewrote, or another platform's
/// value), never an error; a stand-in (`**`, `<country>`, `XX`) is not judged.
pub(super) fn check_country(out: &mut Checked, x: &Subject) {
    let Subject { name, v, .. } = *x;
    if crate::placeholder::stands_in(v) {
        return;
    }
    let f = |msg: String| {
        Finding::new(Code::InvalidEnumValue, msg)
            .param(name)
            .severity(Severity::Warning)
    };
    let bytes = v.as_bytes();
    if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        out.push(
            f(format!(
                "{name}={v} is not a two-letter ISO 3166-1 country code, which is what Twilio sends."
            ))
            .hint("Twilio writes the country as two capital letters (US, GB, DE); a name or a three-letter code comes from elsewhere."),
        );
        return;
    }
    let upper = v.to_ascii_uppercase();
    let up = upper.as_bytes();
    if user_assigned(up[0], up[1]) {
        return;
    }
    if !is_assigned(&upper) {
        out.push(
            f(format!(
                "{name}={v} is not an assigned ISO 3166-1 alpha-2 country code."
            ))
            .hint(if upper == "UK" {
                "The United Kingdom's code is GB; UK is only reserved."
            } else {
                "Twilio sends an assigned code (US, GB, DE…); check where this value came from."
            }),
        );
    } else if upper != v {
        out.push(
            f(format!(
                "{name}={v} is not in capitals: Twilio sends {upper}."
            ))
            .hint("The value was rewritten after Twilio sent it (lower-cased by an app or a log)."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_249_assigned_codes() {
        let n: u32 = ASSIGNED.iter().map(|w| w.count_ones()).sum();
        assert_eq!(n, 249);
        assert!(ASSIGNED.iter().all(|w| w >> 26 == 0));
        for code in [
            "US", "GB", "DE", "CA", "AX", "SS", "BQ", "CW", "SX", "ZW", "AD",
        ] {
            assert!(is_assigned(code), "{code}");
        }
        for code in [
            "UK", "EU", "XK", "XX", "AA", "ZZ", "QA ", "us", "U", "USA", "AB",
        ] {
            assert!(!is_assigned(code), "{code}");
        }
    }

    #[test]
    fn user_assigned_ranges() {
        assert!(user_assigned(b'X', b'K'));
        assert!(user_assigned(b'Q', b'M'));
        assert!(!user_assigned(b'Q', b'A'));
        assert!(user_assigned(b'Z', b'Z'));
        assert!(!user_assigned(b'Z', b'A'));
    }
}
