//! What the store code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "store.database",
        "database error: {error}",
        "error de la base de datos: {error}",
    ),
    (
        "store.too_new",
        "the database was written by a newer Shopchat (schema {found}; this one knows up to {supported}): update Shopchat",
        "la base de datos la escribió un Shopchat más reciente (esquema {found}; este conoce hasta el {supported}): actualiza Shopchat",
    ),
    (
        "store.migration",
        "migration {version} ({name}) failed: {error}",
        "falló la migración {version} ({name}): {error}",
    ),
    (
        "store.closed",
        "the database writer is not available",
        "la base de datos no está disponible para escribir",
    ),
    (
        "store.aborted",
        "the database rolled the write back (disk full or I/O error?)",
        "la base de datos deshizo la escritura (¿disco lleno o error de E/S?)",
    ),
    (
        "store.batch",
        "a database write failed: {error}",
        "falló una escritura en la base de datos: {error}",
    ),
    (
        "store.panicked",
        "a database job panicked",
        "una tarea de la base de datos falló de forma inesperada",
    ),
    (
        "store.corrupt",
        "stored data is not valid: {detail}",
        "los datos guardados no son válidos: {detail}",
    ),
    (
        "store.not_found",
        "not found: {what}",
        "no se encontró: {what}",
    ),
    ("store.message", "message {id}", "el mensaje {id}"),
];
