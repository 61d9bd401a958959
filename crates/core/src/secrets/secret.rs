//! [`Secret`]: a credential's value, redacted from `Debug` and impossible to serialise.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A credential's value (a token or a key). Its `Debug` prints `Secret([REDACTED])`; it has no
/// `Display` and no `Serialize`, so it cannot end up in logs, JSON, the settings file or SQLite
/// by accident. The memory is zeroed on drop (through [`secrecy`]).
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps `value` as is (callers trim what people typed before wrapping).
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The value itself, for the one place that must send it (a request header, an HMAC key).
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether the value is empty (an empty credential is never stored).
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    /// The value as the [`SecretString`] the Graph client and the webhook server take.
    pub fn to_secret_string(&self) -> SecretString {
        self.0.clone()
    }

    /// Replaces every occurrence of this secret in `text` with `[REDACTED]`: for error messages
    /// that come from elsewhere (a remote service) and might echo what they were sent.
    pub fn scrub(&self, text: &str) -> String {
        let value = self.expose();
        if value.is_empty() {
            text.to_owned()
        } else {
            text.replace(value, "[REDACTED]")
        }
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<SecretString> for Secret {
    fn from(value: SecretString) -> Self {
        Self(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

/// Read from what the owner typed (the window sends it once, to be stored); trimmed. Still never
/// serialised.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Self::new(value.trim()))
    }
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomData;

    use super::*;

    // Autoref specialisation: `serializable()` resolves to the first trait when `T: Serialize`,
    // else to the fallback. This tells at test time whether a type implements `Serialize`.
    struct Probe<T>(PhantomData<T>);
    trait IsSerialize {
        fn serializable(&self) -> bool {
            true
        }
    }
    impl<T: serde::Serialize> IsSerialize for Probe<T> {}
    trait NotSerialize {
        fn serializable(&self) -> bool {
            false
        }
    }
    impl<T> NotSerialize for &Probe<T> {}

    #[test]
    fn debug_is_redacted_and_the_value_is_kept() {
        let secret = Secret::new("EAA-very-secret-token");
        let debug = format!("{secret:?} {:?}", Some(secret.clone()));
        assert!(!debug.contains("very-secret"), "{debug}");
        assert!(debug.contains("REDACTED"), "{debug}");
        assert_eq!(secret.expose(), "EAA-very-secret-token");
        assert!(!secret.is_empty());
        assert!(Secret::new("").is_empty());
    }

    #[test]
    fn a_secret_cannot_be_serialised() {
        // The probe itself works: a String is serialisable.
        let string = &Probe::<String>(PhantomData);
        assert!(string.serializable());
        let secret = &Probe::<Secret>(PhantomData);
        assert!(!secret.serializable());
    }

    #[test]
    fn scrub_removes_every_occurrence() {
        let secret = Secret::new("tok123");
        assert_eq!(
            secret.scrub("bad token tok123 (tok123)"),
            "bad token [REDACTED] ([REDACTED])"
        );
        assert_eq!(Secret::new("").scrub("as is"), "as is");
    }
}
