//! Going live: what the settings wizard and `shopchat` need to connect a real WhatsApp Business
//! number — checking the credentials against Meta ([`test_connection`]), generating a verify
//! token, pointing Meta's webhook at this computer ([`GraphRepointer`]) and the diagnostics
//! report ([`Diagnostics`]).

mod connection;
mod diagnostics;
pub mod launch;
mod repoint;
mod setup;
pub(crate) mod texts;

pub use connection::{
    ConnectionCheck, ConnectionProblem, ConnectionResult, ProblemKind, WhatsAppAccount,
    test_connection,
};
pub use diagnostics::{Diagnostics, redact_id};
pub use repoint::{GraphRepointer, PointedAt};
pub use setup::{
    FieldProblem, GoLive, GoLiveOutcome, MIN_VERIFY_TOKEN_LEN, SaveError, SecretStatus, SetupState,
};

use rand::distr::{Alphanumeric, SampleString};

/// The length of a generated verify token.
pub const VERIFY_TOKEN_LEN: usize = 32;

/// A fresh random verify token for Meta's webhook handshake (letters and digits).
pub fn generate_verify_token() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), VERIFY_TOKEN_LEN)
}

#[cfg(test)]
mod spanish_tests;
#[cfg(test)]
mod tests;
