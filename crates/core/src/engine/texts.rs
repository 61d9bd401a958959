//! What the engine code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.
//! The desktop app's own sentences (`app.*`: its commands' refusals, why it could not start) are
//! here too, so that the app says them from the engine's catalogues.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    // The engine's own errors.
    (
        "engine.already_running",
        "another Shopchat engine is already running on {path}",
        "ya hay otro motor de Shopchat funcionando en {path}",
    ),
    (
        "engine.cannot_listen",
        "cannot listen on {addr}: {error}",
        "no se puede escuchar en {addr}: {error}",
    ),
    (
        "engine.graph_setup",
        "the Graph API client could not be set up: {error}",
        "no se pudo preparar el cliente de la Graph API: {error}",
    ),
    (
        "engine.sandbox_not_built",
        "this Shopchat was built without the sandbox",
        "este Shopchat se compiló sin el modo de prueba",
    ),
    (
        "engine.not_sandbox",
        "this only works in the sandbox",
        "esto solo funciona en el modo de prueba",
    ),
    (
        "engine.no_business_account",
        "no WhatsApp Business Account id is set (WHATSAPP_BUSINESS_ACCOUNT_ID, or the settings)",
        "no hay ningún identificador de cuenta de WhatsApp Business (WHATSAPP_BUSINESS_ACCOUNT_ID, o la configuración)",
    ),
    (
        "engine.no_public_url",
        "there is no public address yet: open the tunnel, or give your own HTTPS URL",
        "todavía no hay una dirección pública: abre el túnel o indica tu propia URL HTTPS",
    ),
    (
        "engine.repoint",
        "Meta's webhook could not be pointed here: {error}",
        "no se pudo dirigir el webhook de Meta hasta aquí: {error}",
    ),
    (
        "engine.empty_message",
        "the message cannot be empty",
        "el mensaje no puede estar vacío",
    ),
    (
        "engine.refused_message",
        "the engine refused the message: HTTP {status}",
        "el motor rechazó el mensaje: HTTP {status}",
    ),
    (
        "engine.refused_webhook",
        "the engine refused the webhook: HTTP {status}",
        "el motor rechazó el webhook: HTTP {status}",
    ),
    (
        "engine.no_held_file",
        "this message has no held file to download",
        "este mensaje no tiene ningún archivo retenido que descargar",
    ),
    (
        "engine.no_failed_download",
        "this message has no failed download to try again",
        "este mensaje no tiene ninguna descarga fallida que reintentar",
    ),
    (
        "engine.not_a_format",
        "{format} is not a document format: use pdf or docx",
        "{format} no es un formato de documento: usa pdf o docx",
    ),
    ("engine.product", "product {id}", "el producto {id}"),
    (
        "engine.logo_unreadable",
        "the logo {path} cannot be read: {error}",
        "no se puede leer el logo {path}: {error}",
    ),
    (
        "engine.not_a_kind",
        "{kind} is not a kind of document",
        "{kind} no es un tipo de documento",
    ),
    (
        "engine.not_a_lang",
        "{lang} is not en or es",
        "{lang} no es “en” ni “es”",
    ),
    (
        "engine.not_a_date",
        "{value} is not a date (YYYY-MM-DD)",
        "{value} no es una fecha (AAAA-MM-DD)",
    ),
    (
        "engine.still_copying",
        "still copying after {seconds}s",
        "todavía copiando después de {seconds} s",
    ),
    (
        "engine.backup_task",
        "the backup task failed: {error}",
        "falló la tarea de respaldo: {error}",
    ),
    // The desktop app's own sentences.
    (
        "app.could_not_start",
        "Shopchat could not start: {reason}",
        "Shopchat no se pudo iniciar: {reason}",
    ),
    ("app.starting", "starting", "todavía se está iniciando"),
    (
        "app.restarting",
        "Shopchat is restarting; try again in a moment",
        "Shopchat se está reiniciando; vuelve a intentarlo en un momento",
    ),
    (
        "app.could_not_start_live",
        "Shopchat could not start live: {error}",
        "Shopchat no pudo empezar en vivo: {error}",
    ),
    (
        "app.could_not_start_live_bare",
        "Shopchat could not start live",
        "Shopchat no pudo empezar en vivo",
    ),
    (
        "app.env_overrides",
        "WHATSAPP_* variables are set for this app: they are used instead of the saved credentials",
        "Hay variables WHATSAPP_* definidas para esta app: se usan en lugar de las credenciales guardadas",
    ),
    ("app.saved_but", "Saved, but {why}", "Se guardó, pero {why}"),
    (
        "app.keystore_unusable_save",
        "this computer's keystore cannot be used, so the credentials cannot be saved: {error}",
        "no se puede usar el almacén de claves de esta computadora, así que no se pueden guardar las credenciales: {error}",
    ),
    (
        "app.keystore_unusable",
        "this computer's keystore cannot be used: {error}",
        "no se puede usar el almacén de claves de esta computadora: {error}",
    ),
    (
        "app.place_unwritable",
        "that place cannot be written to: {error}",
        "no se puede escribir en ese lugar: {error}",
    ),
    (
        "app.pick_unreadable",
        "that file cannot be read: {error}",
        "no se puede leer ese archivo: {error}",
    ),
    (
        "app.file_not_saved",
        "the file could not be saved: {error}",
        "no se pudo guardar el archivo: {error}",
    ),
    (
        "app.file_not_opened",
        "the file could not be opened: {error}",
        "no se pudo abrir el archivo: {error}",
    ),
    (
        "app.browser_not_opened",
        "the browser could not be opened: {error}",
        "no se pudo abrir el navegador: {error}",
    ),
    (
        "app.not_web_address",
        "that is not a web address",
        "eso no es una dirección web",
    ),
    (
        "app.only_web_addresses",
        "only web addresses can be opened",
        "solo se pueden abrir direcciones web",
    ),
    (
        "app.message_not_stored",
        "that message is not stored",
        "ese mensaje no está guardado",
    ),
    (
        "app.file_not_here",
        "this file is not on this computer yet",
        "este archivo todavía no está en esta computadora",
    ),
    (
        "app.bytes_missing",
        "the file's bytes are missing",
        "falta el contenido del archivo",
    ),
    (
        "app.details_missing",
        "the {whose} details are missing",
        "faltan los datos {whose}",
    ),
    (
        "app.details_unreadable",
        "the {whose} details are not readable",
        "los datos {whose} no se pueden leer",
    ),
    (
        "app.details_unreadable_because",
        "the {whose} details are not readable: {error}",
        "los datos {whose} no se pueden leer: {error}",
    ),
    ("app.whose_file", "file's", "del archivo"),
    ("app.whose_template", "template's", "de la plantilla"),
    (
        "app.pdf_unreadable",
        "the document's PDF cannot be read: {error}",
        "no se puede leer el PDF del documento: {error}",
    ),
    (
        "app.template_needs_both",
        "a template needs both its name and its language",
        "una plantilla necesita su nombre y su idioma",
    ),
    (
        "app.import_unreadable",
        "the file cannot be read: {error}",
        "no se puede leer el archivo: {error}",
    ),
    (
        "app.import_too_large",
        "the file is larger than {megabytes} MB: is it really a list of contacts?",
        "el archivo pesa más de {megabytes} MB: ¿seguro que es una lista de contactos?",
    ),
    (
        "app.import_not_text",
        "the file is not text (UTF-8): save it from the spreadsheet as \"CSV UTF-8\"",
        "el archivo no es texto (UTF-8): guárdalo desde la hoja de cálculo como “CSV UTF-8”",
    ),
    (
        "app.page_size",
        "a page holds 1 to {max} messages",
        "una página tiene de 1 a {max} mensajes",
    ),
    (
        "app.search_size",
        "a search returns 1 to {max} messages",
        "una búsqueda devuelve de 1 a {max} mensajes",
    ),
    (
        "app.not_a_flag",
        "{flag} is not pinned, archived or unread",
        "{flag} no es pinned, archived ni unread",
    ),
    (
        "app.no_qr",
        "no QR code: {error}",
        "no se pudo crear el código QR: {error}",
    ),
    (
        "app.backup_filter",
        "Shopchat backup",
        "Respaldo de Shopchat",
    ),
];

#[cfg(test)]
mod tests {
    use crate::engine::EngineError;
    use crate::i18n::{Lang, with_lang};
    use crate::store::StoreError;

    #[test]
    fn the_catalogue_is_whole() {
        crate::i18n::check(super::TEXTS);
    }

    #[test]
    fn engine_errors_are_said_in_spanish() {
        let said = with_lang(Lang::Es, || {
            [
                EngineError::NoPublicUrl.to_string(),
                EngineError::NotSandbox.to_string(),
                EngineError::Repoint("(#100) Invalid parameter".into()).to_string(),
                EngineError::Store(StoreError::NotFound(crate::i18n::say(
                    super::TEXTS,
                    "engine.product",
                    &[("id", "7")],
                )))
                .to_string(),
            ]
        });
        assert_eq!(
            said,
            [
                "todavía no hay una dirección pública: abre el túnel o indica tu propia URL HTTPS",
                "esto solo funciona en el modo de prueba",
                "no se pudo dirigir el webhook de Meta hasta aquí: (#100) Invalid parameter",
                "no se encontró: el producto 7",
            ]
        );
        assert_eq!(
            EngineError::NotSandbox.to_string(),
            "this only works in the sandbox"
        );
    }
}
