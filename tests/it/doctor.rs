//! The signature doctor's vectors (`tests/data/signature/doctor.toml`): each case signs a
//! request one way, presents it another (the real-world mistake), and names the diagnosis
//! the doctor must give first.

use serde::Deserialize;
use twilio_webhook_inspector::signature::{
    compute_signature, sign_request, verify, Algorithm, SignRequest, SignatureInput,
};

use super::signature::data;

#[derive(Debug, Deserialize)]
struct DoctorFile {
    case: Vec<DoctorCase>,
}

#[derive(Debug, Deserialize)]
struct DoctorCase {
    name: String,
    /// The first diagnosis code expected.
    expect: String,
    /// The expected status (default `invalid`).
    #[serde(default)]
    status: Option<String>,
    /// Tokens given to `verify`.
    tokens: Vec<String>,
    /// The token that signs (default: the first of `tokens`, trimmed).
    #[serde(default)]
    sign_token: Option<String>,
    /// The URL that is signed (default: `url`).
    #[serde(default)]
    sign_url: Option<String>,
    /// The params that are signed (default: `params`).
    #[serde(default)]
    sign_params: Option<Vec<(String, String)>>,
    /// Sign this exact string instead of URL + params.
    #[serde(default)]
    sign_string: Option<String>,
    /// Sign a JSON body with `sign_request` (sets bodySHA256 in the URL).
    #[serde(default)]
    sign_body: Option<String>,
    #[serde(default)]
    sign_alg: Option<String>,
    /// `hex`, `trailing-newline`, `base64url`, `unpadded`, `plus-as-space`.
    #[serde(default)]
    signature_transform: Option<String>,
    /// The URL presented (default: the signed URL, e.g. from `sign_body`).
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    url_candidates: Vec<String>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    params: Vec<(String, String)>,
    #[serde(default)]
    settings: Option<String>,
    /// A substring the diagnosis URL must contain.
    #[serde(default)]
    expect_url: Option<String>,
}

fn transform(sig: &str, how: &str) -> String {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(sig)
        .expect("a base64 signature");
    match how {
        "hex" => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        "trailing-newline" => format!("{sig}\n"),
        "base64url" => base64::engine::general_purpose::URL_SAFE.encode(&bytes),
        "unpadded" => sig.trim_end_matches('=').to_string(),
        "plus-as-space" => sig.replace('+', " "),
        other => panic!("unknown transform {other}"),
    }
}

fn check_doctor_case(c: &DoctorCase) -> Result<(), String> {
    let alg = match c.sign_alg.as_deref() {
        None => Algorithm::HmacSha1,
        Some(a) => Algorithm::from_name(a).ok_or_else(|| format!("bad sign_alg {a}"))?,
    };
    let sign_token = c
        .sign_token
        .clone()
        .unwrap_or_else(|| c.tokens[0].trim().to_string());
    let (signed_url, mut signature) = if let Some(s) = &c.sign_string {
        (None, compute_signature(&sign_token, s, &[], alg))
    } else if let Some(b) = &c.sign_body {
        let url = c.sign_url.as_deref().or(c.url.as_deref()).unwrap_or("");
        let signed = sign_request(&SignRequest {
            url,
            method: Some("POST"),
            content_type: Some("application/json"),
            body: b.as_bytes(),
            params: &[],
            token: &sign_token,
            algorithm: alg,
            settings_header: None,
        });
        (Some(signed.url), signed.signature)
    } else {
        let url = c.sign_url.as_deref().or(c.url.as_deref()).unwrap_or("");
        let params = c.sign_params.as_ref().unwrap_or(&c.params);
        (None, compute_signature(&sign_token, url, params, alg))
    };
    if let Some(t) = &c.signature_transform {
        signature = transform(&signature, t);
    }
    let url = c.url.clone().or(signed_url).ok_or("no url to present")?;
    let input = SignatureInput {
        url: Some(&url),
        url_candidates: &c.url_candidates,
        method: c.method.as_deref(),
        content_type: c.content_type.as_deref(),
        body: c.body.as_bytes(),
        params: &c.params,
        signature: Some(&signature),
        settings_header: c.settings.as_deref(),
        tokens: &c.tokens,
        account_sid: None,
    };
    let r = verify(&input);
    let want_status = c.status.as_deref().unwrap_or("invalid");
    let json = serde_json::to_value(&r).map_err(|e| e.to_string())?;
    if json["status"] != want_status {
        return Err(format!("status {:?}, want {want_status}", r.status));
    }
    if std::env::var_os("SIGNATURE_DOCTOR_DUMP").is_some() {
        println!(
            "== {}\n{}",
            c.name,
            serde_json::to_string_pretty(&r.diagnoses).unwrap_or_default()
        );
    }
    let Some(first) = r.diagnoses.first() else {
        return Err(format!("no diagnosis; report: {json}"));
    };
    if first.code.id() != c.expect {
        return Err(format!(
            "first diagnosis {} ({}), want {}",
            first.code.id(),
            first.message,
            c.expect
        ));
    }
    if let Some(u) = &c.expect_url {
        if !first.url.contains(u.as_str()) {
            return Err(format!("diagnosis url {} lacks {u}", first.url));
        }
    }
    if first.message.is_empty() || first.hint.is_empty() || first.string_to_sign.is_empty() {
        return Err("diagnosis without message, hint or string-to-sign".into());
    }
    if c.signature_transform.is_none() && first.signature != signature {
        return Err(format!(
            "diagnosis signature {} != presented {}",
            first.signature, signature
        ));
    }
    Ok(())
}

#[test]
fn doctor_vectors() {
    let file: DoctorFile = toml::from_str(&data("doctor.toml")).expect("doctor.toml parses");
    let mut bad = Vec::new();
    let mut codes = std::collections::BTreeSet::new();
    for c in &file.case {
        codes.insert(c.expect.clone());
        if let Err(e) = check_doctor_case(c) {
            bad.push(format!("{}: {e}", c.name));
        }
    }
    assert!(bad.is_empty(), "doctor cases failing:\n{}", bad.join("\n"));
    for code in twilio_webhook_inspector::signature::DiagnosisCode::ALL {
        assert!(
            codes.contains(code.id()),
            "no doctor case for diagnosis code {}",
            code.id()
        );
    }
}
