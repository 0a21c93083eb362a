//! Phone numbers: the calling-code table (longest prefix wins) and the words for
//! durations. One table for the core's displays and the web app's country labels.

/// A country calling code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallingCode {
    /// The digits after `+` (`1`, `44`, `353`).
    pub code: &'static str,
    /// ISO 3166 code(s) (`US/CA`, `GB`).
    pub iso: &'static str,
    /// The country or region in words.
    pub name: &'static str,
}

/// Calling codes of the numbers people paste (not exhaustive: unknown codes are shown
/// as `+<digits>`).
pub const CALLING_CODES: &[CallingCode] = &[
    CallingCode {
        code: "1",
        iso: "US/CA",
        name: "United States / Canada (NANP)",
    },
    CallingCode {
        code: "7",
        iso: "RU/KZ",
        name: "Russia / Kazakhstan",
    },
    CallingCode {
        code: "20",
        iso: "EG",
        name: "Egypt",
    },
    CallingCode {
        code: "27",
        iso: "ZA",
        name: "South Africa",
    },
    CallingCode {
        code: "30",
        iso: "GR",
        name: "Greece",
    },
    CallingCode {
        code: "31",
        iso: "NL",
        name: "Netherlands",
    },
    CallingCode {
        code: "32",
        iso: "BE",
        name: "Belgium",
    },
    CallingCode {
        code: "33",
        iso: "FR",
        name: "France",
    },
    CallingCode {
        code: "34",
        iso: "ES",
        name: "Spain",
    },
    CallingCode {
        code: "36",
        iso: "HU",
        name: "Hungary",
    },
    CallingCode {
        code: "39",
        iso: "IT",
        name: "Italy",
    },
    CallingCode {
        code: "40",
        iso: "RO",
        name: "Romania",
    },
    CallingCode {
        code: "41",
        iso: "CH",
        name: "Switzerland",
    },
    CallingCode {
        code: "43",
        iso: "AT",
        name: "Austria",
    },
    CallingCode {
        code: "44",
        iso: "GB",
        name: "United Kingdom",
    },
    CallingCode {
        code: "45",
        iso: "DK",
        name: "Denmark",
    },
    CallingCode {
        code: "46",
        iso: "SE",
        name: "Sweden",
    },
    CallingCode {
        code: "47",
        iso: "NO",
        name: "Norway",
    },
    CallingCode {
        code: "48",
        iso: "PL",
        name: "Poland",
    },
    CallingCode {
        code: "49",
        iso: "DE",
        name: "Germany",
    },
    CallingCode {
        code: "51",
        iso: "PE",
        name: "Peru",
    },
    CallingCode {
        code: "52",
        iso: "MX",
        name: "Mexico",
    },
    CallingCode {
        code: "53",
        iso: "CU",
        name: "Cuba",
    },
    CallingCode {
        code: "54",
        iso: "AR",
        name: "Argentina",
    },
    CallingCode {
        code: "55",
        iso: "BR",
        name: "Brazil",
    },
    CallingCode {
        code: "56",
        iso: "CL",
        name: "Chile",
    },
    CallingCode {
        code: "57",
        iso: "CO",
        name: "Colombia",
    },
    CallingCode {
        code: "58",
        iso: "VE",
        name: "Venezuela",
    },
    CallingCode {
        code: "60",
        iso: "MY",
        name: "Malaysia",
    },
    CallingCode {
        code: "61",
        iso: "AU",
        name: "Australia",
    },
    CallingCode {
        code: "62",
        iso: "ID",
        name: "Indonesia",
    },
    CallingCode {
        code: "63",
        iso: "PH",
        name: "Philippines",
    },
    CallingCode {
        code: "64",
        iso: "NZ",
        name: "New Zealand",
    },
    CallingCode {
        code: "65",
        iso: "SG",
        name: "Singapore",
    },
    CallingCode {
        code: "66",
        iso: "TH",
        name: "Thailand",
    },
    CallingCode {
        code: "81",
        iso: "JP",
        name: "Japan",
    },
    CallingCode {
        code: "82",
        iso: "KR",
        name: "South Korea",
    },
    CallingCode {
        code: "84",
        iso: "VN",
        name: "Vietnam",
    },
    CallingCode {
        code: "86",
        iso: "CN",
        name: "China",
    },
    CallingCode {
        code: "90",
        iso: "TR",
        name: "Turkey",
    },
    CallingCode {
        code: "91",
        iso: "IN",
        name: "India",
    },
    CallingCode {
        code: "92",
        iso: "PK",
        name: "Pakistan",
    },
    CallingCode {
        code: "93",
        iso: "AF",
        name: "Afghanistan",
    },
    CallingCode {
        code: "94",
        iso: "LK",
        name: "Sri Lanka",
    },
    CallingCode {
        code: "95",
        iso: "MM",
        name: "Myanmar",
    },
    CallingCode {
        code: "98",
        iso: "IR",
        name: "Iran",
    },
    CallingCode {
        code: "212",
        iso: "MA",
        name: "Morocco",
    },
    CallingCode {
        code: "213",
        iso: "DZ",
        name: "Algeria",
    },
    CallingCode {
        code: "234",
        iso: "NG",
        name: "Nigeria",
    },
    CallingCode {
        code: "254",
        iso: "KE",
        name: "Kenya",
    },
    CallingCode {
        code: "351",
        iso: "PT",
        name: "Portugal",
    },
    CallingCode {
        code: "352",
        iso: "LU",
        name: "Luxembourg",
    },
    CallingCode {
        code: "353",
        iso: "IE",
        name: "Ireland",
    },
    CallingCode {
        code: "354",
        iso: "IS",
        name: "Iceland",
    },
    CallingCode {
        code: "358",
        iso: "FI",
        name: "Finland",
    },
    CallingCode {
        code: "370",
        iso: "LT",
        name: "Lithuania",
    },
    CallingCode {
        code: "371",
        iso: "LV",
        name: "Latvia",
    },
    CallingCode {
        code: "372",
        iso: "EE",
        name: "Estonia",
    },
    CallingCode {
        code: "380",
        iso: "UA",
        name: "Ukraine",
    },
    CallingCode {
        code: "420",
        iso: "CZ",
        name: "Czechia",
    },
    CallingCode {
        code: "421",
        iso: "SK",
        name: "Slovakia",
    },
    CallingCode {
        code: "852",
        iso: "HK",
        name: "Hong Kong",
    },
    CallingCode {
        code: "886",
        iso: "TW",
        name: "Taiwan",
    },
    CallingCode {
        code: "966",
        iso: "SA",
        name: "Saudi Arabia",
    },
    CallingCode {
        code: "971",
        iso: "AE",
        name: "United Arab Emirates",
    },
    CallingCode {
        code: "972",
        iso: "IL",
        name: "Israel",
    },
];

/// The calling code an E.164 number's digits (without `+`) start with: the longest
/// matching prefix, leaving at least one digit after it.
pub fn calling_code(digits: &str) -> Option<&'static CallingCode> {
    CALLING_CODES
        .iter()
        .filter(|c| digits.len() > c.code.len() && digits.starts_with(c.code))
        .max_by_key(|c| c.code.len())
}

/// `1 h 2 min 5 s` for a number of seconds (`49 s`, `2 min 5 s`).
pub fn seconds_in_words(n: i64) -> String {
    if n < 60 {
        format!("{n} s")
    } else if n < 3600 {
        format!("{} min {} s", n / 60, n % 60)
    } else {
        format!("{} h {} min {} s", n / 3600, (n % 3600) / 60, n % 60)
    }
}
