//! What the tunnel code tells the owner (why the tunnel is offline, in the status bar and the
//! settings wizard), in English and Spanish: `(key, English, Spanish)` rows said with
//! [`crate::i18n::say`] in the owner's language. The tunnel service's own words (ngrok's error,
//! with its code) are kept as they come, inside these sentences.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "tunnel.refused",
        "the tunnel service refused: {reason}",
        "el servicio del túnel rechazó la conexión: {reason}",
    ),
    (
        "tunnel.connect",
        "cannot connect to the tunnel service: {reason}",
        "no se puede conectar con el servicio del túnel: {reason}",
    ),
    (
        "tunnel.lost",
        "the tunnel was lost: {reason}",
        "se perdió el túnel: {reason}",
    ),
    (
        "tunnel.endpoint_closed",
        "the endpoint was closed",
        "se cerró el endpoint",
    ),
    (
        "tunnel.endpoint_stopped",
        "the endpoint stopped",
        "el endpoint se detuvo",
    ),
    (
        "tunnel.reconnect_failed",
        "reconnecting failed: {error}",
        "falló la reconexión: {error}",
    ),
];
