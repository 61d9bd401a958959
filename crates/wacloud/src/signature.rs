//! The webhook signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
//!
//! ```
//! let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
//! let header = wacloud::sign(b"app-secret", body);
//! assert!(wacloud::verify(b"app-secret", Some(&header), body).is_ok());
//! assert!(wacloud::verify(b"other-secret", Some(&header), body).is_err());
//! ```

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The header Meta signs webhook bodies with.
pub const SIGNATURE_HEADER: &str = "x-hub-signature-256";

type HmacSha256 = Hmac<Sha256>;

/// Why a signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the X-Hub-Signature-256 header is missing")]
    Missing,
    #[error("the X-Hub-Signature-256 header is not of the form sha256=<64 hex digits>")]
    Malformed,
    #[error("the X-Hub-Signature-256 header does not match the body")]
    Mismatch,
}

/// Checks `header` (the value of `X-Hub-Signature-256`) against the raw `body`, in constant time.
pub fn verify(app_secret: &[u8], header: Option<&str>, body: &[u8]) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?.trim();
    let hex_sig = header
        .strip_prefix("sha256=")
        .ok_or(SignatureError::Malformed)?;
    let mut expected = [0u8; 32];
    hex::decode_to_slice(hex_sig, &mut expected).map_err(|_| SignatureError::Malformed)?;
    let mut mac = HmacSha256::new_from_slice(app_secret).expect("HMAC takes a key of any length");
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}

/// The header value Meta would send for `body`: `sha256=<hex>`.
pub fn sign(app_secret: &[u8], body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(app_secret).expect("HMAC takes a key of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"test-app-secret";
    const BODY: &[u8] = br#"{"object":"whatsapp_business_account"}"#;

    #[test]
    fn valid_signature_passes() {
        let header = sign(SECRET, BODY);
        assert_eq!(verify(SECRET, Some(&header), BODY), Ok(()));
        // Uppercase hex is still hex.
        let upper = format!("sha256={}", header["sha256=".len()..].to_uppercase());
        assert_eq!(verify(SECRET, Some(&upper), BODY), Ok(()));
    }

    #[test]
    fn known_vector() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
        let header = sign(b"key", b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            header,
            "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn wrong_signature_is_a_mismatch() {
        let header = sign(b"another-secret", BODY);
        assert_eq!(
            verify(SECRET, Some(&header), BODY),
            Err(SignatureError::Mismatch)
        );
        let header = sign(SECRET, BODY);
        assert_eq!(
            verify(SECRET, Some(&header), b"{\"object\":\"tampered\"}"),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn missing_header() {
        assert_eq!(verify(SECRET, None, BODY), Err(SignatureError::Missing));
    }

    #[test]
    fn malformed_headers() {
        let good = sign(SECRET, BODY);
        let hex_part = &good["sha256=".len()..];
        for bad in [
            String::new(),
            "sha256=".to_owned(),
            hex_part.to_owned(),
            format!("sha1={hex_part}"),
            format!("sha256={}", &hex_part[..62]),
            format!("sha256={hex_part}00"),
            format!("sha256={}zz", &hex_part[..62]),
        ] {
            assert_eq!(
                verify(SECRET, Some(&bad), BODY),
                Err(SignatureError::Malformed),
                "{bad:?}"
            );
        }
    }
}
