//! Location messages: a pin on the map, with an optional name and address.
//!
//! ```
//! use wacloud::send::{Content, Location};
//! let shop = Content::location(
//!     Location::new(37.4847, -122.1477).named("Blue Mug Café").at("1 Hacker Way, Menlo Park"),
//! );
//! assert_eq!(shop.display_text().as_deref(), Some("📍 Blue Mug Café"));
//! assert!(Content::location(Location::new(91.0, 0.0)).validate().is_err());
//! ```

use serde::{Deserialize, Serialize};

use super::limits::not_blank_if_set;

/// `"location": {"latitude", "longitude", "name", "address"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Degrees north, -90 to 90.
    pub latitude: f64,
    /// Degrees east, -180 to 180.
    pub longitude: f64,
    /// The place's name, shown above the address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The place's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Location {
    /// A bare pin.
    pub fn new(latitude: f64, longitude: f64) -> Self {
        Self {
            latitude,
            longitude,
            name: None,
            address: None,
        }
    }

    /// Sets the place's name.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the place's address.
    pub fn at(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }

    /// `📍 name`, else `📍 address`, else `📍 latitude, longitude`.
    pub(crate) fn display(&self) -> String {
        match (self.name.as_deref(), self.address.as_deref()) {
            (Some(name), _) if !name.trim().is_empty() => format!("📍 {name}"),
            (_, Some(address)) if !address.trim().is_empty() => format!("📍 {address}"),
            _ => format!("📍 {}, {}", self.latitude, self.longitude),
        }
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if !self.latitude.is_finite() || !(-90.0..=90.0).contains(&self.latitude) {
            return Err(format!(
                "a latitude must be between -90 and 90 degrees (got {})",
                self.latitude
            ));
        }
        if !self.longitude.is_finite() || !(-180.0..=180.0).contains(&self.longitude) {
            return Err(format!(
                "a longitude must be between -180 and 180 degrees (got {})",
                self.longitude
            ));
        }
        not_blank_if_set("a location's name", self.name.as_deref())?;
        not_blank_if_set("a location's address", self.address.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shape_and_round_trip() {
        let loc = Location::new(-33.8688, 151.2093)
            .named("Shop")
            .at("1 George St");
        let wire = json!({"latitude": -33.8688, "longitude": 151.2093, "name": "Shop", "address": "1 George St"});
        assert_eq!(serde_json::to_value(&loc).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Location>(wire).unwrap(), loc);
        assert_eq!(
            serde_json::to_value(Location::new(0.0, 0.0)).unwrap(),
            json!({"latitude": 0.0, "longitude": 0.0})
        );
    }

    #[test]
    fn ranges() {
        assert!(Location::new(90.0, -180.0).validate().is_ok());
        assert!(Location::new(-90.0, 180.0).validate().is_ok());
        assert_eq!(
            Location::new(90.5, 0.0).validate().unwrap_err(),
            "a latitude must be between -90 and 90 degrees (got 90.5)"
        );
        assert!(Location::new(0.0, 180.1).validate().is_err());
        assert!(Location::new(f64::NAN, 0.0).validate().is_err());
        assert!(Location::new(0.0, f64::INFINITY).validate().is_err());
        assert!(Location::new(0.0, 0.0).named(" ").validate().is_err());
    }

    #[test]
    fn display() {
        assert_eq!(Location::new(1.5, 2.0).display(), "📍 1.5, 2");
        assert_eq!(
            Location::new(1.5, 2.0).at("Main St").display(),
            "📍 Main St"
        );
        assert_eq!(
            Location::new(1.5, 2.0)
                .named("Shop")
                .at("Main St")
                .display(),
            "📍 Shop"
        );
    }
}
