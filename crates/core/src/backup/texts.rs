//! What the backup code tells the owner (why **Back up now** or the daily backup failed; the app
//! shows it beside the last backup), in English and Spanish: `(key, English, Spanish)` rows said
//! with [`crate::i18n::say`] in the owner's language.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "backup.database",
        "database error: {error}",
        "error de la base de datos: {error}",
    ),
    (
        "backup.archive",
        "the archive cannot be read: {error}",
        "no se puede leer el respaldo: {error}",
    ),
    (
        "backup.checksum",
        "the archive is damaged: {detail}",
        "el respaldo está dañado: {detail}",
    ),
    (
        "backup.engine_running",
        "a Shopchat engine is running on {path}: close the app (or stop `shopchat serve`) before restoring",
        "hay un motor de Shopchat funcionando en {path}: cierra la app (o detén `shopchat serve`) antes de restaurar",
    ),
    (
        "backup.no_database",
        "no database to back up in {path}",
        "no hay ninguna base de datos que respaldar en {path}",
    ),
    (
        "backup.too_new",
        "the archive was written by a newer Shopchat (format {found}, schema {schema}): update Shopchat",
        "el respaldo lo escribió un Shopchat más reciente (formato {found}, esquema {schema}): actualiza Shopchat",
    ),
    (
        "backup.catch_up",
        "the webhooks already acknowledged did not reach the database in time: {detail}",
        "los webhooks ya confirmados no llegaron a tiempo a la base de datos: {detail}",
    ),
    (
        "backup.not_utf8",
        "{path} is not UTF-8",
        "{path} no está en UTF-8",
    ),
    (
        "backup.cannot_create",
        "cannot create {path}",
        "no se puede crear {path}",
    ),
    (
        "backup.cannot_read",
        "cannot read {path}",
        "no se puede leer {path}",
    ),
    (
        "backup.cannot_write",
        "cannot write {path}",
        "no se puede escribir {path}",
    ),
    (
        "backup.cannot_write_manifest",
        "cannot write the manifest",
        "no se puede escribir el manifiesto",
    ),
    (
        "backup.cannot_write_archive",
        "cannot write the archive",
        "no se puede escribir el respaldo",
    ),
    (
        "backup.cannot_sync_archive",
        "cannot sync the archive",
        "no se puede terminar de guardar el respaldo en el disco",
    ),
];
