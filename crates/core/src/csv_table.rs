//! A spreadsheet saved as CSV, as people's files come: a byte-order mark, headers in any order and
//! case, ragged rows, cells padded with spaces. Columns are found by any of their names.

/// A CSV text with its headers read.
pub struct Table<'a> {
    pub reader: csv::Reader<&'a [u8]>,
    headers: Vec<String>,
}

impl<'a> Table<'a> {
    /// Reads the header row; the error is a sentence for the owner.
    pub fn open(text: &'a str) -> Result<Self, String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format!("the file is not CSV: {e}"))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        Ok(Self { reader, headers })
    }

    /// The first column called any of `names` (lower case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_columns_whatever_the_case_and_the_mark() {
        let table = Table::open("\u{feff}Nombre , TELÉFONO\nAna,1\n").unwrap();
        assert_eq!(table.column(&["name", "nombre"]), Some(0));
        assert_eq!(table.column(&["phone", "teléfono"]), Some(1));
        assert_eq!(table.column(&["email"]), None);
    }
}
