//! What the links code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "links.not_found",
        "there is no customer \"{key}\"",
        "no hay ningún cliente “{key}”",
    ),
    // Linking.
    (
        "links.linked_already",
        "{name} is linked to +{number} already: unlink it first",
        "{name} ya tiene vinculado el número +{number}: desvincúlalo primero",
    ),
    (
        "links.linked_to_another",
        "{name} is linked to another number already",
        "{name} ya tiene vinculado otro número",
    ),
    (
        "links.number_taken",
        "this number is linked to {name} already",
        "este número ya está vinculado a {name}",
    ),
    // A customer record.
    (
        "links.name_length",
        "a customer needs a name of 1 to 200 characters",
        "un cliente necesita un nombre de 1 a 200 caracteres",
    ),
    (
        "links.name_control",
        "the name has control characters",
        "el nombre tiene caracteres de control",
    ),
    (
        "links.ref_length",
        "the reference is longer than 64 characters",
        "el número de cliente tiene más de 64 caracteres",
    ),
    (
        "links.email",
        "\"{value}\" is not an email address",
        "“{value}” no es una dirección de correo electrónico",
    ),
    (
        "links.phone",
        "\"{value}\" is not a phone number",
        "“{value}” no es un número de teléfono",
    ),
    (
        "links.ref_taken",
        "another customer has the reference \"{reference}\"",
        "otro cliente ya tiene el número de cliente “{reference}”",
    ),
    // Importing a file.
    (
        "links.no_name_column",
        "the file needs a \"name\" column (and optionally ref, email, phone, notes)",
        "el archivo necesita una columna “nombre” (y, si quieres, referencia, correo, teléfono y notas)",
    ),
    (
        "links.row_unreadable",
        "not readable: {error}",
        "no se puede leer: {error}",
    ),
];
