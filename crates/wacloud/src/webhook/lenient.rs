//! Lenient readers for the parts of a payload whose JSON type Meta does not keep steady
//! (an id that is a number in one field and a string in another, a list that is sometimes a
//! single object, a limit that is `2000` or `"TIER_2K"`).
//!
//! Each reader takes whatever the field holds; the `opt_*` and `vec_*` readers never fail, so an
//! odd optional part is dropped rather than hiding the rest of the object.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string, or a number or boolean written as its JSON text; anything else is `None`.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(value_to_string(Value::deserialize(d)?))
}

/// Like [`opt_string`], but the field must be there and readable.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = Value::deserialize(d)?;
    let kind = json_kind(&v);
    value_to_string(v).ok_or_else(|| {
        serde::de::Error::custom(format!("expected a string or a number, got {kind}"))
    })
}

/// A list of `T`, or a single `T`; an element that is not a `T` is skipped, and anything that is
/// not a list or an object (`null` included) is an empty list.
pub(crate) fn vec_skip<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let items = match Value::deserialize(d)? {
        Value::Array(items) => items,
        v @ Value::Object(_) => vec![v],
        _ => Vec::new(),
    };
    Ok(items
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

/// A `T` if the field holds one; otherwise `None`.
pub(crate) fn opt_skip<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(serde_json::from_value(Value::deserialize(d)?).ok())
}

/// A number, or a string holding one (`"37.48"`); `null` and other text are refused.
pub(crate) fn f64_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = Value::deserialize(d)?;
    value_to_f64(&v).ok_or_else(|| {
        serde::de::Error::custom(format!("expected a number, got {}", json_kind(&v)))
    })
}

/// A number or a numeric string, if the field holds one; otherwise `None`.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(value_to_f64(&Value::deserialize(d)?))
}

/// A whole number or a string holding one (unix seconds, a count); otherwise `None`.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

fn value_to_string(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn value_to_f64(v: &Value) -> Option<f64> {
    let f = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }?;
    f.is_finite().then_some(f)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "super::opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "super::vec_skip")]
        v: Vec<u32>,
        #[serde(default, deserialize_with = "super::opt_i64")]
        i: Option<i64>,
        #[serde(default, deserialize_with = "super::opt_f64")]
        f: Option<f64>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn strings_take_numbers_and_drop_the_rest() {
        assert_eq!(probe(r#"{"s":"a"}"#).s.as_deref(), Some("a"));
        assert_eq!(
            probe(r#"{"s":1689556908129832}"#).s.as_deref(),
            Some("1689556908129832")
        );
        assert_eq!(probe(r#"{"s":{"x":1}}"#).s, None);
        assert_eq!(probe(r#"{"s":null}"#).s, None);
        assert_eq!(probe("{}").s, None);
    }

    #[test]
    fn lists_skip_bad_elements_and_take_a_single_one() {
        assert_eq!(probe(r#"{"v":[1,"x",3]}"#).v, [1, 3]);
        assert_eq!(probe(r#"{"v":"nope"}"#).v, Vec::<u32>::new());
        assert_eq!(probe(r#"{"v":null}"#).v, Vec::<u32>::new());
    }

    #[test]
    fn numbers_read_from_text() {
        let p = probe(r#"{"i":"1751234563","f":"14.5"}"#);
        assert_eq!(p.i, Some(1_751_234_563));
        assert_eq!(p.f, Some(14.5));
        let p = probe(r#"{"i":1.5,"f":"NaN"}"#);
        assert_eq!(p.i, None);
        assert_eq!(p.f, None);
    }
}
