//! What the documents code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.
//!
//! The `documents.line.*` and `documents.logo.*` rows also read the document crate's own English
//! problems ([`super::problems`]): their English is the crate's, word for word.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "documents.not_found",
        "there is no document \"{key}\"",
        "no hay ningún documento “{key}”",
    ),
    (
        "documents.files_unwritable",
        "the document's files could not be written: {error}",
        "no se han podido escribir los archivos del documento: {error}",
    ),
    // A draft.
    (
        "documents.not_a_contact",
        "{number} is not a contact of the shop (they have to write first, or be added)",
        "{number} no es un contacto de la tienda (primero tiene que escribirte, o tienes que agregarlo)",
    ),
    (
        "documents.logo_unreadable",
        "the logo \"{path}\" cannot be read: {error}",
        "no se puede leer el logotipo “{path}”: {error}",
    ),
    (
        "documents.no_invoice",
        "there is no invoice \"{key}\" to cancel",
        "no hay ninguna factura “{key}” que cancelar",
    ),
    (
        "documents.not_their_invoice",
        "\"{key}\" is not an invoice of this customer",
        "“{key}” no es una factura de este cliente",
    ),
    (
        "documents.cancelled_already",
        "{number} is cancelled already",
        "la factura {number} ya está cancelada",
    ),
    (
        "documents.credit_note_needs_invoice",
        "a credit note names the invoice it cancels",
        "una nota de crédito indica la factura que cancela",
    ),
    (
        "documents.only_credit_note_cancels",
        "only a credit note cancels a document",
        "solo una nota de crédito cancela un documento",
    ),
    // Sending.
    (
        "documents.send_cancelled",
        "{number} is cancelled: send its credit note instead",
        "el documento {number} está cancelado: envía su nota de crédito en su lugar",
    ),
    (
        "documents.template_params",
        "the template \"{name}\" takes {takes} parameters; a document fills at most three (the customer's name, the kind of document, its number)",
        "la plantilla “{name}” lleva {takes} parámetros; un documento rellena como mucho tres (el nombre del cliente, el tipo de documento y su número)",
    ),
    // The product list.
    (
        "documents.product_name",
        "a product needs a name of 1 to 200 characters",
        "un producto necesita un nombre de 1 a 200 caracteres",
    ),
    (
        "documents.product_price",
        "\"{value}\" is not a price (a number like 12.50, not negative)",
        "“{value}” no es un precio (un número como 12.50, no negativo)",
    ),
    (
        "documents.product_tax",
        "\"{value}\" is not a tax rate: use a number from 0 to 100",
        "“{value}” no es una tasa de impuesto: usa un número de 0 a 100",
    ),
    // The document crate's problems.
    (
        "documents.currency",
        "\"{code}\" is not a currency code (use an ISO 4217 code like EUR or USD)",
        "“{code}” no es un código de moneda (usa un código ISO 4217 como EUR o USD)",
    ),
    (
        "documents.no_lines",
        "a document needs at least one line",
        "un documento necesita al menos una línea",
    ),
    (
        "documents.line",
        "line {line}: {reason}",
        "línea {line}: {reason}",
    ),
    (
        "documents.line.description_empty",
        "the description is empty",
        "la descripción está vacía",
    ),
    (
        "documents.line.quantity",
        "the quantity \"{value}\" is not a number above zero",
        "la cantidad “{value}” no es un número mayor que cero",
    ),
    (
        "documents.line.price",
        "the price \"{value}\" is not a price like 12.50",
        "el precio “{value}” no es un precio como 12.50",
    ),
    (
        "documents.line.discount",
        "the discount \"{value}\" is not a percentage from 0 to 100",
        "el descuento “{value}” no es un porcentaje de 0 a 100",
    ),
    (
        "documents.line.tax_rate",
        "the tax rate \"{value}\" is not a percentage from 0 to 100",
        "la tasa de impuesto “{value}” no es un porcentaje de 0 a 100",
    ),
    (
        "documents.logo",
        "the logo is not a PNG or JPEG image: {why}",
        "el logotipo no es una imagen PNG o JPEG: {why}",
    ),
    (
        "documents.logo.undecodable",
        "it does not decode",
        "no se puede decodificar",
    ),
    ("documents.logo.kind", "it is {kind}", "es {kind}"),
    ("documents.logo.size", "{size} pixels", "{size} píxeles"),
    (
        "documents.render",
        "the document could not be written: {error}",
        "no se pudo generar el documento: {error}",
    ),
];
