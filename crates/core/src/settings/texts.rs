//! Why a setting is not valid, in the owner's language (the shop page and the wizard show these
//! beside the field).

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "settings.invalid",
        "Invalid settings: {problems}",
        "Ajustes no válidos: {problems}",
    ),
    (
        "settings.cannot_read",
        "Cannot read {path}: {error}",
        "No se puede leer {path}: {error}",
    ),
    (
        "settings.cannot_write",
        "Cannot write {path}: {error}",
        "No se puede escribir {path}: {error}",
    ),
    (
        "settings.malformed",
        "{path} is not a settings file (a JSON object): {reason}",
        "{path} no es un archivo de ajustes (un objeto JSON): {reason}",
    ),
    (
        "settings.numeric_id",
        "{value} is not a numeric id",
        "{value} no es un identificador numérico",
    ),
    (
        "settings.api_version",
        "{value} is not a version like v24.0",
        "{value} no es una versión como v24.0",
    ),
    (
        "settings.listen_port",
        "Use a port from 1 to 65535",
        "Usa un puerto del 1 al 65535",
    ),
    (
        "settings.ngrok_domain",
        "{value} is not a domain name like shop.ngrok.app",
        "{value} no es un nombre de dominio como tienda.ngrok.app",
    ),
    (
        "settings.public_url",
        "{value} is not a public HTTPS address like https://shop.example.com",
        "{value} no es una dirección pública HTTPS como https://tienda.example.com",
    ),
    (
        "settings.outbox_rate",
        "{value} is not a rate: use 1 to {max}, or none",
        "{value} no es un ritmo: usa de 1 a {max}, o ninguno",
    ),
    (
        "settings.default_country",
        "{value} is not a country code like MX or ES",
        "{value} no es un código de país como MX o ES",
    ),
    (
        "settings.at_most_bytes",
        "At most {max} bytes",
        "Como máximo {max} bytes",
    ),
    (
        "settings.at_most_chars",
        "At most {max} characters",
        "Como máximo {max} caracteres",
    ),
    (
        "settings.email",
        "{value} is not an email address",
        "{value} no es una dirección de correo electrónico",
    ),
    (
        "settings.currency",
        "{value} is not a currency code like EUR",
        "{value} no es un código de moneda como EUR",
    ),
    (
        "settings.tax_rate",
        "{value} is not a tax rate: use a number from 0 to 100",
        "{value} no es un tasa de impuesto: usa un número del 0 al 100",
    ),
    (
        "settings.document_language",
        "{value} is not en or es",
        "{value} no es en ni es",
    ),
    (
        "settings.document_prefix",
        "{kind}: {value} is not 1 to 10 capital letters or digits",
        "{kind}: {value} no son de 1 a 10 letras mayúsculas o cifras",
    ),
    (
        "settings.megabytes",
        "Use {min} to {max} MB",
        "Usa de {min} a {max} MB",
    ),
    (
        "settings.backup_keep",
        "Keep 1 to {max} backups",
        "Guarda de 1 a {max} copias",
    ),
    (
        "settings.retention_days",
        "Use 1 to {max} days",
        "Usa de 1 a {max} días",
    ),
    (
        "settings.backup_folder",
        "{value} is not a full path to a folder",
        "{value} no es la ruta completa de una carpeta",
    ),
];

/// `key`'s text in the owner's language.
pub(crate) fn why(key: &str, values: &[(&str, &str)]) -> String {
    crate::i18n::say(TEXTS, key, values)
}
