//! What the keystore code tells the owner (why credentials cannot be read, saved or removed; the
//! settings wizard shows these), in English and Spanish: `(key, English, Spanish)` rows said with
//! [`crate::i18n::say`] in the owner's language.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "secrets.unavailable",
        "the OS keystore is not available: {reason}",
        "el almacén de claves del sistema no está disponible: {reason}",
    ),
    (
        "secrets.failed",
        "the OS keystore failed to {action} {name}: {reason}",
        "el almacén de claves del sistema no pudo {action} {name}: {reason}",
    ),
    ("secrets.action_read", "read", "leer"),
    ("secrets.action_store", "store", "guardar"),
    ("secrets.action_delete", "delete", "borrar"),
    (
        "secrets.empty",
        "{name} cannot be empty",
        "{name} no puede estar vacío",
    ),
    (
        "secrets.unknown_name",
        "{name} is not a Shopchat credential: use one of {names}",
        "{name} no es una credencial de Shopchat: usa una de estas: {names}",
    ),
    (
        "secrets.not_utf8",
        "the stored value is not UTF-8",
        "el valor guardado no está en UTF-8",
    ),
    (
        "secrets.malformed",
        "the stored value is malformed: {error}",
        "el valor guardado está mal formado: {error}",
    ),
    (
        "secrets.no_access",
        "cannot access it to {action} {name}: {error}",
        "no se puede acceder a él para {action} {name}: {error}",
    ),
    (
        "secrets.no_secret_service",
        "no Secret Service: {error}",
        "no hay Secret Service: {error}",
    ),
    (
        "secrets.no_keychain",
        "no Keychain: {error}",
        "no hay Llavero (Keychain): {error}",
    ),
    (
        "secrets.no_credential_manager",
        "no Credential Manager: {error}",
        "no hay Administrador de credenciales: {error}",
    ),
    (
        "secrets.no_keystore_here",
        "this operating system has no supported keystore",
        "este sistema operativo no tiene un almacén de claves compatible",
    ),
];
