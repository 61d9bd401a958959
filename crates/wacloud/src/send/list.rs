//! The action of an interactive list message: a button label and sections of rows.
//!
//! Meta's limits: the button label holds at most 20 characters; a list has 1 to 10 sections and
//! 1 to 10 rows across all of them; a row id at most 200 characters (unique), a row title at most
//! 24, a row description at most 72; a section title at most 24, required when there is more than
//! one section.
//!
//! ```
//! use wacloud::send::{Content, Interactive, ListRow, ListSection};
//! let menu = Interactive::list(
//!     "What would you like?",
//!     "See the menu",
//!     [
//!         ListSection::new([ListRow::new("latte", "Latte").described("Double shot, oat milk")])
//!             .titled("Coffee"),
//!         ListSection::new([ListRow::new("croissant", "Croissant")]).titled("Pastries"),
//!     ],
//! );
//! assert!(Content::interactive(menu.clone()).validate().is_ok());
//! // Two sections need a title each.
//! let untitled = Interactive::list(
//!     "What would you like?",
//!     "See the menu",
//!     [ListSection::new([ListRow::new("a", "A")]), ListSection::new([ListRow::new("b", "B")])],
//! );
//! assert!(Content::interactive(untitled).validate().is_err());
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::limits::{optional, required};

/// The longest list button label.
pub const MAX_LIST_BUTTON_LEN: usize = 20;
/// The most sections in a list.
pub const MAX_LIST_SECTIONS: usize = 10;
/// The most rows in a list, all sections together.
pub const MAX_LIST_ROWS: usize = 10;
/// The longest row id.
pub const MAX_ROW_ID_LEN: usize = 200;
/// The longest row title, and the longest section title.
pub const MAX_ROW_TITLE_LEN: usize = 24;
/// The longest row description.
pub const MAX_ROW_DESCRIPTION_LEN: usize = 72;

/// `"action": {"button": ..., "sections": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAction {
    /// The label of the button that opens the list.
    pub button: String,
    /// One to ten sections.
    pub sections: Vec<ListSection>,
}

/// `{"title", "rows"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSection {
    /// Required when the list has more than one section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The rows of this section.
    pub rows: Vec<ListRow>,
}

/// `{"id", "title", "description"}`: one choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRow {
    /// Returned in the webhook's `list_reply` when chosen.
    pub id: String,
    /// The row's label.
    pub title: String,
    /// A line under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ListSection {
    /// An untitled section (enough when it is the only one).
    pub fn new(rows: impl IntoIterator<Item = ListRow>) -> Self {
        Self {
            title: None,
            rows: rows.into_iter().collect(),
        }
    }

    /// Sets the section's title.
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

impl ListRow {
    /// A row with its id and title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            description: None,
        }
    }

    /// Sets the line under the title.
    pub fn described(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

impl ListAction {
    pub(crate) fn validate(&self) -> Result<(), String> {
        required("a list button label", &self.button, MAX_LIST_BUTTON_LEN)?;
        let sections = self.sections.len();
        if sections == 0 || sections > MAX_LIST_SECTIONS {
            return Err(format!(
                "a list needs 1 to {MAX_LIST_SECTIONS} sections (this one has {sections})"
            ));
        }
        let rows: usize = self.sections.iter().map(|s| s.rows.len()).sum();
        if rows > MAX_LIST_ROWS {
            return Err(format!(
                "a list can hold at most {MAX_LIST_ROWS} rows in total (this one has {rows})"
            ));
        }
        let mut ids = HashSet::new();
        for (i, section) in self.sections.iter().enumerate() {
            match &section.title {
                Some(title) => required("a list section title", title, MAX_ROW_TITLE_LEN)?,
                None if sections > 1 => {
                    return Err(format!(
                        "every section needs a title when a list has more than one (section {} has none)",
                        i + 1
                    ));
                }
                None => {}
            }
            if section.rows.is_empty() {
                return Err(format!("list section {} has no rows", i + 1));
            }
            for row in &section.rows {
                required("a list row id", &row.id, MAX_ROW_ID_LEN)?;
                required("a list row title", &row.title, MAX_ROW_TITLE_LEN)?;
                optional(
                    "a list row description",
                    row.description.as_deref(),
                    MAX_ROW_DESCRIPTION_LEN,
                )?;
                if !ids.insert(row.id.as_str()) {
                    return Err(format!("two list rows have the same id ({:?})", row.id));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::send::{Interactive, InteractiveHeader, Media, MediaSource};
    use serde_json::json;

    fn action(sections: Vec<ListSection>) -> ListAction {
        ListAction {
            button: "Menu".into(),
            sections,
        }
    }

    #[test]
    fn list_shape_and_round_trip() {
        let msg = Interactive::list(
            "Pick a drink",
            "Menu",
            [
                ListSection::new([ListRow::new("latte", "Latte").described("Oat milk")])
                    .titled("Coffee"),
            ],
        )
        .with_header(InteractiveHeader::text("Today"));
        let wire = json!({
            "type": "list",
            "header": {"type": "text", "text": "Today"},
            "body": {"text": "Pick a drink"},
            "action": {"button": "Menu", "sections": [
                {"title": "Coffee", "rows": [{"id": "latte", "title": "Latte", "description": "Oat milk"}]}
            ]}
        });
        assert_eq!(serde_json::to_value(&msg).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Interactive>(wire).unwrap(), msg);
        assert!(msg.validate().is_ok());
    }

    #[test]
    fn list_limits() {
        let row = |i: usize| ListRow::new(format!("r{i}"), format!("Row {i}"));
        assert!(action(vec![ListSection::new([row(1)])]).validate().is_ok());
        assert!(action(vec![]).validate().is_err());
        let eleven: Vec<_> = (0..11)
            .map(|i| ListSection::new([row(i)]).titled(format!("S{i}")))
            .collect();
        assert!(action(eleven).validate().is_err());
        assert_eq!(
            action(vec![ListSection::new((0..11).map(row))])
                .validate()
                .unwrap_err(),
            "a list can hold at most 10 rows in total (this one has 11)"
        );
        let spread = vec![
            ListSection::new((0..6).map(row)).titled("A"),
            ListSection::new((6..11).map(row)).titled("B"),
        ];
        assert!(
            action(spread).validate().is_err(),
            "10 rows is the total across sections"
        );
        assert_eq!(
            action(vec![
                ListSection::new([row(1)]).titled("A"),
                ListSection::new([row(2)])
            ])
            .validate()
            .unwrap_err(),
            "every section needs a title when a list has more than one (section 2 has none)"
        );
        assert_eq!(
            action(vec![ListSection::new([ListRow::new(
                "a",
                "A very long row title here"
            )])])
            .validate()
            .unwrap_err(),
            "a list row title can be at most 24 characters (\"A very long row title here\" has 26)"
        );
        assert!(
            action(vec![ListSection::new([row(1).described("x".repeat(73))])])
                .validate()
                .is_err()
        );
        assert!(
            action(vec![ListSection::new([ListRow::new("x".repeat(201), "A")])])
                .validate()
                .is_err()
        );
        assert!(
            action(vec![ListSection::new([row(1), row(1)])])
                .validate()
                .is_err()
        );
        assert!(action(vec![ListSection::new([])]).validate().is_err());
        let long_label = ListAction {
            button: "x".repeat(21),
            sections: vec![ListSection::new([row(1)])],
        };
        assert!(long_label.validate().is_err());
    }

    #[test]
    fn list_body_and_header() {
        let list = |body: String| {
            Interactive::list(body, "Menu", [ListSection::new([ListRow::new("a", "A")])])
        };
        assert!(list("x".repeat(4096)).validate().is_ok());
        assert!(list("x".repeat(4097)).validate().is_err());
        let image = InteractiveHeader::Image {
            image: Media::new(MediaSource::id("1")),
        };
        assert_eq!(
            list("hi".into()).with_header(image).validate().unwrap_err(),
            "a list message can only have a text header (this one's header is image)"
        );
    }
}
