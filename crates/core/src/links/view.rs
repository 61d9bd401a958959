//! Customer records, link codes, link requests and the audit trail as the app, the CLI and the
//! UI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A customer record of the shop, with its WhatsApp link if any. What `shopchat accounts list
/// --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomerView {
    pub id: i64,
    pub name: String,
    /// The shop's own reference (customer number).
    #[serde(rename = "ref")]
    #[ts(rename = "ref")]
    pub reference: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    /// The linked WhatsApp contact.
    pub wa_id: Option<String>,
    /// Unix milliseconds.
    pub linked_at: Option<i64>,
    /// The linked contact's WhatsApp profile name.
    pub contact_name: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// A new record, or a record's new details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct CustomerInput {
    pub name: String,
    #[serde(rename = "ref", default)]
    #[ts(rename = "ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A one-time code, shown once: what `shopchat accounts code --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkCode {
    pub code: String,
    /// Unix milliseconds.
    pub expires_at: i64,
    /// `https://wa.me/<shop number>?text=LINK%20<code>`, for the QR code.
    pub wa_me_url: Option<String>,
}

/// A customer who wrote "link" with no code, waiting for the owner to choose their record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkRequestView {
    pub id: i64,
    pub wa_id: String,
    /// The number with its middle hidden (`+34 6•• ••• 222`).
    pub masked: String,
    pub profile_name: Option<String>,
    /// What they wrote.
    pub text: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// One step in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub wa_id: Option<String>,
    /// `requested`, `code_issued`, `linked`, `failed_attempt`, `locked`, `approved`,
    /// `unlink_asked`, `unlinked`, `created`, `imported`.
    pub event: String,
    /// `owner`, `cli`, `customer` or `bot`.
    pub actor: String,
    pub detail: Option<String>,
    /// Unix milliseconds.
    pub at: i64,
}

/// What an import did: how many records were added, and each row refused with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub added: u32,
    pub refused: Vec<RefusedRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RefusedRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub reason: String,
}

/// `+34 6•• ••• 222`: enough for the owner to recognise, not to read out.
pub fn mask(wa_id: &str) -> String {
    let digits: Vec<char> = wa_id.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return format!("+{}", "•".repeat(digits.len()));
    }
    let keep_start = 3;
    let keep_end = 3;
    let mut out = String::from("+");
    for (i, d) in digits.iter().enumerate() {
        if i < keep_start || i >= digits.len() - keep_end {
            out.push(*d);
        } else {
            out.push('•');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_masked_number_keeps_its_ends() {
        assert_eq!(super::mask("34600111222"), "+346•••••222");
        assert_eq!(super::mask("123"), "+•••");
    }
}
