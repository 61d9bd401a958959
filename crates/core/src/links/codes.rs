//! One-time link codes: what the owner hands a customer so the customer can prove, from
//! WhatsApp, which customer record is theirs.
//!
//! A code is 10 characters of Crockford's base32 alphabet (no I, L, O, U: 32 symbols, 5 bits
//! each, so 50 bits), drawn from the OS-seeded thread RNG. Only its SHA-256 (hex) is stored;
//! the code itself is shown once to the owner and never logged. Customers type codes by hand,
//! so [`normalize_code`] forgives case, spaces, dashes and the letters Crockford maps to digits
//! (I and L read as 1, O as 0).

use rand::RngExt;
use sha2::{Digest, Sha256};

/// Crockford's base32 alphabet: digits and capitals without I, L, O, U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a code: 10 × 5 bits = 50 bits of entropy.
pub const CODE_LEN: usize = 10;

/// How long an issued code can be used: 15 minutes.
pub const CODE_TTL_MS: i64 = 15 * 60 * 1000;

/// A fresh random code, [`CODE_LEN`] characters of [`ALPHABET`].
pub fn generate_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// What is stored for a code: the SHA-256 of its normalised form, in lowercase hex.
pub fn hash_code(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

/// A code as a customer typed it, in canonical form; `None` if it cannot be a code (wrong
/// length or a character outside the alphabet after folding). Spaces and dashes are ignored;
/// `I`/`L` read as `1` and `O` as `0`, as Crockford's decoding rules say.
pub fn normalize_code(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '_' | '.' => continue,
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
        if out.len() > CODE_LEN {
            return None;
        }
    }
    (out.len() == CODE_LEN).then_some(out)
}

/// The click-to-chat link that opens WhatsApp on the shop's number with `LINK <code>` typed in.
/// `shop_number` is the shop's display number in any format (`+1 555-0100`): only its digits
/// are kept.
pub fn wa_me_url(shop_number: &str, code: &str) -> String {
    let digits: String = shop_number.chars().filter(char::is_ascii_digit).collect();
    format!("https://wa.me/{digits}?text=LINK%20{code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_unambiguous_and_distinct() {
        let a = generate_code();
        let b = generate_code();
        assert_eq!(a.len(), CODE_LEN);
        const { assert!(CODE_LEN * 5 >= 40, "at least 40 bits") };
        assert_ne!(a, b);
        for c in a.chars() {
            assert!(!"ILOU".contains(c), "{a}");
            assert!(ALPHABET.contains(&(c as u8)));
        }
    }

    #[test]
    fn typed_codes_are_forgiven_their_case_spaces_and_lookalikes() {
        let code = "7K3M9QRT2X";
        assert_eq!(normalize_code("7k3m-9qrt 2x").as_deref(), Some(code));
        assert_eq!(normalize_code("ABCDEFGHJO").as_deref(), Some("ABCDEFGHJ0"));
        assert_eq!(normalize_code("ilO0000000").as_deref(), Some("1100000000"));
        assert_eq!(normalize_code("7K3M9QRT2"), None, "too short");
        assert_eq!(normalize_code("7K3M9QRT2XX"), None, "too long");
        assert_eq!(
            normalize_code("7K3M9QRT2U"),
            None,
            "U is not in the alphabet"
        );
        assert_eq!(normalize_code("7K3M9QRT2é"), None);
    }

    #[test]
    fn only_the_hash_is_kept_and_it_is_stable() {
        let h = hash_code("7K3M9QRT2X");
        assert_eq!(h.len(), 64);
        assert_eq!(h, hash_code("7K3M9QRT2X"));
        assert_ne!(h, hash_code("7K3M9QRT2Y"));
        assert!(!h.contains("7K3M9QRT2X"));
    }

    #[test]
    fn the_wa_me_link_keeps_only_the_shop_numbers_digits() {
        assert_eq!(
            wa_me_url("+1 555-0100", "7K3M9QRT2X"),
            "https://wa.me/15550100?text=LINK%207K3M9QRT2X"
        );
    }
}
