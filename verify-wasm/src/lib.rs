//! The WebAssembly module of the npm entry `twilio-webhook-inspector/verify`: the core's
//! signature checks and nothing else (no catalog, no doctor, no `inspect`), so it stays a
//! few tens of kilobytes. Built by `scripts/npm-build.sh` into `pkg/verify/verify.wasm`.
//!
//! No wasm-bindgen: the module has no imports and exports only functions over numbers, so
//! the same file runs in Node, browsers, Deno, Bun and Cloudflare Workers, loaded by the
//! hand-written `npm/shim/verify-core.js`. Arguments travel through one buffer in the
//! module's memory ([`twv_buffer`]): a header of `count` little-endian `u32` byte lengths,
//! then the pieces, one after the other, as UTF-8 (bodies as raw bytes). Text results are
//! written back at the start of the same buffer and their length returned.
//!
//! Every decision is the core's: [`signature::verify_quick_hashed`] (which asks
//! [`signature::signed_content`] what the signature covers), [`signature::is_valid`],
//! [`signature::is_valid_with_body_hash`], [`signature::compute_signature`]. Nothing here
//! panics on any input: a short header reads as empty pieces.
#![deny(unsafe_code)]
#![deny(missing_docs)]

use std::cell::RefCell;

use twilio_webhook_inspector::signature::{self, Algorithm, QuickRequest, SignMode};

/// The allocator: talc instead of Rust's default dlmalloc, about 2.5 KB smaller gzipped
/// (this module's budget is 40 KB) and no slower on the verify benchmarks.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// The argument and result buffer shared with JavaScript.
    static IO: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The key states of the last tokens ([`signature::KeyCache`]): a server verifies with
    /// the same token request after request.
    static KEYS: RefCell<signature::KeyCache> = RefCell::new(signature::KeyCache::default());
}

/// Runs `f` with the module's key cache.
fn with_keys<R>(f: impl FnOnce(&mut signature::KeyCache) -> R) -> R {
    KEYS.with(|cell| f(&mut cell.borrow_mut()))
}

/// Runs `f` on the shared buffer (exports never nest, so the borrow is always free).
fn with_io<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    IO.with(|cell| f(&mut cell.borrow_mut()))
}

/// Makes the shared buffer at least `len` bytes long and returns its address in the
/// module's memory (it may move, and memory may grow: JS takes fresh views after a call).
#[allow(unsafe_code)] // `no_mangle` only: the export's name; no pointer is dereferenced here.
#[no_mangle]
pub extern "C" fn twv_buffer(len: u32) -> u32 {
    with_io(|io| {
        let len = len as usize;
        if io.len() < len {
            io.resize(len, 0);
        }
        io.as_ptr() as usize as u32
    })
}

/// The pieces of the shared buffer: `count` little-endian `u32` lengths, then the bytes of
/// each piece in order (lengths past the end of the buffer read as what is left).
fn pieces(buf: &[u8], count: u32) -> Vec<&[u8]> {
    let count = count as usize;
    let (header, mut data) = buf.split_at(count.saturating_mul(4).min(buf.len()));
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let len = header
            .get(i * 4..i * 4 + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u32::from_le_bytes(b) as usize);
        let (piece, rest) = data.split_at(len.min(data.len()));
        out.push(piece);
        data = rest;
    }
    out
}

/// A piece as text. JS writes strings with `TextEncoder`, always valid UTF-8; anything
/// else reads as empty.
fn text(bytes: &[u8]) -> &str {
    core::str::from_utf8(bytes).unwrap_or("")
}

/// `Some(text)` unless empty (absent options travel as empty pieces).
fn opt(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.is_empty())
}

/// Runs `f` over the pieces of the shared buffer; `f` may return text to write back.
fn with_pieces<R>(count: u32, f: impl FnOnce(&[&[u8]]) -> (R, Option<String>)) -> R {
    with_io(|io| {
        let (result, out) = f(&pieces(io, count));
        if let Some(out) = out {
            if io.len() < out.len() {
                io.resize(out.len(), 0);
            }
            for (dst, byte) in io.iter_mut().zip(out.bytes()) {
                *dst = byte;
            }
        }
        result
    })
}

/// The verify pieces: `[signature, url, body, contentType, method, signatureSettings,
/// token…, bodySha256]` (the last piece is the body's hex SHA-256 or empty).
struct VerifyArgs<'a> {
    signature: &'a str,
    url: &'a str,
    body: &'a [u8],
    content_type: &'a str,
    method: &'a str,
    settings: &'a str,
    tokens: Vec<&'a str>,
    hash: &'a str,
}

impl<'a> VerifyArgs<'a> {
    fn read(p: &[&'a [u8]]) -> VerifyArgs<'a> {
        let at = |i: usize| p.get(i).copied().unwrap_or(&[]);
        let tokens_end = p.len().saturating_sub(1).max(6);
        VerifyArgs {
            signature: text(at(0)),
            url: text(at(1)),
            body: at(2),
            content_type: text(at(3)),
            method: text(at(4)),
            settings: text(at(5)),
            tokens: p
                .get(6..tokens_end)
                .unwrap_or(&[])
                .iter()
                .map(|t| text(t))
                .collect(),
            hash: text(if p.len() > 6 { at(p.len() - 1) } else { &[] }),
        }
    }

    fn request(&self) -> QuickRequest<'a> {
        QuickRequest {
            signature: self.signature,
            url: self.url,
            body: self.body,
            content_type: opt(self.content_type),
            method: opt(self.method),
            settings: opt(self.settings),
        }
    }
}

/// [`twv_verify`]'s answer when the host should hash the body: never a packed verdict
/// (its reason field would be 15; the reasons are 0 to 3).
pub const NEED_HASH: u32 = u32::MAX;

/// `verifySignature`: the pieces `[signature, url, body, contentType, method,
/// signatureSettings, token…, bodySha256]`; returns the verdict packed by
/// [`signature::packed::pack`]. With `host_hashes` set and no hash piece, returns
/// [`NEED_HASH`] when the core's [`signature::signed_content`] says the body is covered by
/// `bodySHA256`: JS then hashes the body with the host's crypto and calls again.
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_verify(count: u32, host_hashes: u32) -> u32 {
    with_pieces(count, |p| {
        let a = VerifyArgs::read(p);
        let r = a.request();
        if host_hashes != 0
            && a.hash.is_empty()
            && signature::signed_content(r.method, r.content_type, r.url, r.body)
                == SignMode::BodyHash
        {
            return (NEED_HASH, None);
        }
        let verdict =
            with_keys(|keys| signature::verify_quick_cached(keys, &a.tokens, &r, opt(a.hash)));
        (signature::packed::pack(&verdict), None)
    })
}

/// Reads `[key, value, key, value…]` pieces as pairs.
fn pairs<'p>(p: &[&'p [u8]]) -> Vec<(&'p str, &'p str)> {
    p.chunks(2)
        .map(|kv| {
            let k = kv.first().map_or("", |k| text(k));
            let v = kv.get(1).map_or("", |v| text(v));
            (k, v)
        })
        .collect()
}

/// twilio-node's `validateRequest`: the pieces `[token, signature, url, key, value…]`, or,
/// with `flat_parts` not `u32::MAX`, `[token, signature, url, flat]` where `flat` is the
/// keys and values joined by NUL (one piece is much cheaper to pass than many). Returns 1
/// when valid ([`signature::is_valid`]), 0 when not, 2 when `flat` does not split into
/// `flat_parts` pieces (a NUL inside a key or value: JS then passes them one by one).
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_validate(count: u32, flat_parts: u32) -> u32 {
    with_pieces(count, |p| {
        let at = |i: usize| text(p.get(i).copied().unwrap_or(&[]));
        let Some(params) = validate_params(p, flat_parts) else {
            return (2, None);
        };
        let ok = with_keys(|keys| {
            signature::is_valid_borrowed_cached(keys, at(0), at(1), at(2), &params)
        });
        (u32::from(ok), None)
    })
}

/// The parameters of [`twv_validate`]'s pieces: one by one after the first three, or
/// split from the one NUL-joined piece (`None` when it does not split into `flat_parts`).
fn validate_params<'p>(p: &[&'p [u8]], flat_parts: u32) -> Option<Vec<(&'p str, &'p str)>> {
    if flat_parts == u32::MAX {
        return Some(pairs(p.get(3..).unwrap_or(&[])));
    }
    let flat = p.get(3).copied().unwrap_or(&[]);
    let split: Vec<&[u8]> = if flat.is_empty() {
        Vec::new()
    } else {
        flat.split(|&b| b == 0).collect()
    };
    if split.len() != flat_parts as usize || flat_parts % 2 != 0 {
        return None;
    }
    Some(pairs(&split))
}

/// twilio-node's `validateRequestWithBody`: the pieces `[token, signature, url, body,
/// bodySha256]` (the hash may be empty); returns 1 when valid, else 0.
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_validate_body(count: u32) -> u32 {
    with_pieces(count, |p| {
        let raw = |i: usize| p.get(i).copied().unwrap_or(&[]);
        let ok = signature::is_valid_with_body_hash(
            text(raw(0)),
            text(raw(1)),
            text(raw(2)),
            raw(3),
            opt(text(raw(4))),
        );
        (u32::from(ok), None)
    })
}

/// twilio-node's `getExpectedTwilioSignature`: the pieces `[token, url, key, value…]`;
/// writes the base64 HMAC-SHA1 at the start of the buffer and returns its length.
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_sign(count: u32) -> u32 {
    with_pieces(count, |p| {
        let at = |i: usize| text(p.get(i).copied().unwrap_or(&[]));
        let params: Vec<(String, String)> = pairs(p.get(2..).unwrap_or(&[]))
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let sig = signature::compute_signature(at(0), at(1), &params, Algorithm::HmacSha1);
        (sig.len() as u32, Some(sig))
    })
}

/// twilio-node's `getExpectedBodyHash` where the host has no `node:crypto`: the piece
/// `[body]`; writes the lower-case hex SHA-256 and returns its length (64).
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_body_hash(count: u32) -> u32 {
    with_pieces(count, |p| {
        let hex = signature::body_sha256(p.first().copied().unwrap_or(&[]));
        (hex.len() as u32, Some(hex))
    })
}

/// The layout of [`twv_verify`]'s number and its string tables as JSON
/// ([`signature::packed::layout_json`]), written at the start of the buffer; returns its
/// length.
#[allow(unsafe_code)] // `no_mangle` only.
#[no_mangle]
pub extern "C" fn twv_layout() -> u32 {
    with_pieces(0, |_| {
        let json = signature::packed::layout_json();
        (json.len() as u32, Some(json))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes pieces the way the JS loader does.
    fn put(pieces: &[&[u8]]) -> u32 {
        let header = pieces.len() * 4;
        let total = header + pieces.iter().map(|p| p.len()).sum::<usize>();
        twv_buffer(total as u32);
        with_io(|io| {
            let mut at = header;
            for (i, p) in pieces.iter().enumerate() {
                io[i * 4..i * 4 + 4].copy_from_slice(&(p.len() as u32).to_le_bytes());
                io[at..at + p.len()].copy_from_slice(p);
                at += p.len();
            }
        });
        pieces.len() as u32
    }

    fn out(len: u32) -> String {
        with_io(|io| String::from_utf8_lossy(&io[..len as usize]).into_owned())
    }

    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const BODY: &[u8] = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    const SIG: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    #[test]
    fn verify_on_the_canonical_vector() {
        let form: &[u8] = b"application/x-www-form-urlencoded";
        let n = put(&[
            SIG.as_bytes(),
            URL.as_bytes(),
            BODY,
            form,
            b"POST",
            b"",
            b"12345",
            b"",
        ]);
        let code = twv_verify(n, 1);
        assert_eq!(code & 1, 1, "a form body needs no hash");
        let n = put(&[
            SIG.as_bytes(),
            URL.as_bytes(),
            BODY,
            form,
            b"",
            b"",
            b"0",
            b"12345",
            b"",
        ]);
        assert_eq!(code & 1, twv_verify(n, 0) & 1);
        assert_eq!(twv_verify(n, 0) >> 16, 1, "second token matched");
        let n = put(&[
            SIG.as_bytes(),
            URL.as_bytes(),
            BODY,
            form,
            b"",
            b"",
            b"54321",
            b"",
        ]);
        assert_eq!(twv_verify(n, 0) & 1, 0);
    }

    #[test]
    fn validate_sign_and_hash() {
        let kv: [&[u8]; 10] = [
            b"CallSid",
            b"CA1234567890ABCDE",
            b"Caller",
            b"+14158675309",
            b"Digits",
            b"1234",
            b"From",
            b"+14158675309",
            b"To",
            b"+18005551212",
        ];
        let mut pieces: Vec<&[u8]> = vec![b"12345", SIG.as_bytes(), URL.as_bytes()];
        pieces.extend(kv);
        let n = put(&pieces);
        assert_eq!(twv_validate(n, u32::MAX), 1);
        let flat = kv.join(&0u8);
        let n = put(&[b"12345", SIG.as_bytes(), URL.as_bytes(), &flat]);
        assert_eq!(twv_validate(n, 10), 1);
        assert_eq!(twv_validate(n, 8), 2, "a NUL inside a piece is caught");
        let n = put(&[b"12345", SIG.as_bytes(), URL.as_bytes(), b"x"]);
        assert_eq!(twv_validate(n, 0), 2);
        let mut pieces: Vec<&[u8]> = vec![b"12345", URL.as_bytes()];
        pieces.extend(kv);
        let n = put(&pieces);
        assert_eq!(out(twv_sign(n)), SIG);
        let body: &[u8] = br#"{"property": "value", "boolean": true}"#;
        let n = put(&[body]);
        let hash = out(twv_body_hash(n));
        assert!(hash.starts_with("0a1ff763"), "{hash}");
        let url = format!("https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256={hash}");
        let sig = b"a9nBmqA0ju/hNViExpshrM61xv4=";
        let n = put(&[b"12345", sig, url.as_bytes(), body, b""]);
        assert_eq!(twv_validate_body(n), 1);
        let n = put(&[b"12345", sig, url.as_bytes(), body, hash.as_bytes()]);
        assert_eq!(twv_validate_body(n), 1);
        let n = put(&[b"12345", sig, url.as_bytes(), b"{}", b""]);
        assert_eq!(twv_validate_body(n), 0);
        // verifySignature: the host is asked for the hash, then the verdict uses it.
        let json: &[u8] = b"application/json";
        let n = put(&[sig, url.as_bytes(), body, json, b"POST", b"", b"12345", b""]);
        assert_eq!(twv_verify(n, 1), NEED_HASH);
        assert_eq!(twv_verify(n, 0) & 1, 1);
        let n = put(&[
            sig,
            url.as_bytes(),
            body,
            json,
            b"POST",
            b"",
            b"12345",
            hash.as_bytes(),
        ]);
        assert_eq!(twv_verify(n, 1) & 1, 1);
        let wrong = "0".repeat(64);
        let n = put(&[
            sig,
            url.as_bytes(),
            body,
            json,
            b"POST",
            b"",
            b"12345",
            wrong.as_bytes(),
        ]);
        assert_eq!(
            twv_verify(n, 1) & 1,
            0,
            "the host's hash is what is compared"
        );
    }

    #[test]
    fn short_or_garbage_headers_do_not_panic() {
        for count in [0u32, 1, 3, 7, 1000] {
            twv_buffer(8);
            let _ = (
                twv_verify(count, 1),
                twv_verify(count, 0),
                twv_validate(count, 4),
            );
            let _ = (
                twv_validate_body(count),
                twv_sign(count),
                twv_body_hash(count),
            );
        }
        with_io(|io| io.fill(0xff));
        let _ = (twv_verify(3, 1), twv_validate(5, u32::MAX), twv_sign(4));
        assert!(out(twv_layout()).starts_with("{\"fields\""));
    }
}
