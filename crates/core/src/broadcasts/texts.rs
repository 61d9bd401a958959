//! What the broadcasts code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.
//!
//! The `broadcasts.reason.*` rows are reasons stored with a broadcast or a recipient: stored in
//! English (the report's CSV, the CLI), said in the owner's language when read ([`super::reasons`]).

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "broadcasts.not_found",
        "there is no broadcast {id}",
        "no hay ninguna difusión {id}",
    ),
    (
        "broadcasts.over_budget",
        "this broadcast would reach {needed} customers outside their 24-hour window, but only {left} more are allowed in the next 24 hours (messaging limit {limit}); send to fewer, or spread it over days",
        "esta difusión llegaría a {needed} clientes fuera de su ventana de 24 horas, pero en las próximas 24 horas solo se permiten {left} más (límite de mensajes: {limit}); envíala a menos clientes o repártela en varios días",
    ),
    (
        "broadcasts.is_completed",
        "broadcast {id} is completed",
        "la difusión {id} ya ha terminado",
    ),
    (
        "broadcasts.is_cancelled",
        "broadcast {id} is cancelled",
        "la difusión {id} está cancelada",
    ),
    (
        "broadcasts.is_state",
        "broadcast {id} is {state}",
        "la difusión {id} está en estado {state}",
    ),
    (
        "broadcasts.has_ended",
        "broadcast {id} has ended",
        "la difusión {id} ya ha terminado",
    ),
    // The audience.
    ("broadcasts.quoted", "\"{text}\"", "“{text}”"),
    (
        "broadcasts.file_unreadable",
        "the file {path} could not be read: {error}",
        "no se pudo leer el archivo {path}: {error}",
    ),
    (
        "broadcasts.first_row_unreadable",
        "the file's first row could not be read: {error}",
        "no se pudo leer la primera fila del archivo: {error}",
    ),
    (
        "broadcasts.no_column",
        "the file has no column \"{column}\" (it has {columns})",
        "el archivo no tiene ninguna columna “{column}” (tiene {columns})",
    ),
    (
        "broadcasts.no_phone_column",
        "no phone column found among {columns}: say which column holds the phone numbers",
        "ninguna de las columnas {columns} parece de teléfono: indica cuál tiene los números",
    ),
    (
        "broadcasts.row_unreadable",
        "row {row} could not be read: {error}",
        "no se pudo leer la fila {row}: {error}",
    ),
    (
        "broadcasts.too_many_rows",
        "the file has more than {max} rows",
        "el archivo tiene más de {max} filas",
    ),
    (
        "broadcasts.no_label",
        "there is no label \"{label}\"",
        "no hay ninguna etiqueta “{label}”",
    ),
    (
        "broadcasts.same_as_row",
        "the same customer as row {row}",
        "el mismo cliente que la fila {row}",
    ),
    (
        "broadcasts.same_as_contact",
        "the same customer as another contact",
        "el mismo cliente que otro contacto",
    ),
    // A number in a list that cannot be sent to.
    ("broadcasts.phone.empty", "empty", "vacío"),
    (
        "broadcasts.phone.scientific",
        "written as a spreadsheet number (scientific notation): digits were lost",
        "escrito como número de hoja de cálculo (notación científica): se perdieron cifras",
    ),
    (
        "broadcasts.phone.unreadable",
        "not a phone number",
        "no es un número de teléfono",
    ),
    (
        "broadcasts.phone.not_valid",
        "not a valid number for its country",
        "no es un número válido para su país",
    ),
    (
        "broadcasts.phone.no_country",
        "no country code, and no default country is set",
        "no tiene prefijo de país y no hay ningún país predeterminado",
    ),
    // Creating a broadcast.
    (
        "broadcasts.needs_name",
        "a broadcast needs a name",
        "una difusión necesita un nombre",
    ),
    (
        "broadcasts.no_template",
        "there is no synced template \"{name}\" in \"{language}\": sync the templates first",
        "no hay ninguna plantilla sincronizada “{name}” en “{language}”: sincroniza primero las plantillas",
    ),
    (
        "broadcasts.template_not_approved",
        "the template \"{name}\" is {status}: only approved templates can be sent",
        "la plantilla “{name}” está en estado {status}: solo se pueden enviar plantillas aprobadas",
    ),
    (
        "broadcasts.param_count",
        "the template \"{name}\" takes {takes} parameters ({names}); {given} columns were given",
        "la plantilla “{name}” lleva {takes} parámetros ({names}); se han indicado {given} columnas",
    ),
    (
        "broadcasts.bad_country",
        "\"{code}\" is not a country code (like MX or ES)",
        "“{code}” no es un código de país (como MX o ES)",
    ),
    (
        "broadcasts.param_no_column",
        "the file has no column \"{column}\"",
        "el archivo no tiene ninguna columna “{column}”",
    ),
    (
        "broadcasts.not_contact_field",
        "\"{field}\" is not a contact field ({fields})",
        "“{field}” no es un dato de contacto ({fields})",
    ),
    (
        "broadcasts.column_empty",
        "the column \"{column}\" is empty",
        "la columna “{column}” está vacía",
    ),
    (
        "broadcasts.nobody",
        "nobody to send to: every row was invalid, a duplicate or opted out",
        "no hay nadie a quien enviar: todas las filas eran inválidas, estaban repetidas o se habían dado de baja",
    ),
    (
        "broadcasts.export_failed",
        "the results could not be written to {path}: {error}",
        "no se han podido escribir los resultados en {path}: {error}",
    ),
    // Reasons stored in English, said when read.
    (
        "broadcasts.reason.131049",
        "Meta limits how many marketing messages a person receives; not retried within 24 hours (131049)",
        "Meta limita cuántos mensajes de marketing recibe cada persona; no se reintenta en 24 horas (131049)",
    ),
    (
        "broadcasts.reason.131026",
        "not on WhatsApp, or cannot receive this message (131026)",
        "no está en WhatsApp o no puede recibir este mensaje (131026)",
    ),
    (
        "broadcasts.reason.131050",
        "the customer stopped marketing messages; recorded as an opt-out (131050)",
        "el cliente dejó de recibir mensajes de marketing; queda registrado como baja (131050)",
    ),
    (
        "broadcasts.reason.131047",
        "outside the 24-hour window (131047)",
        "fuera de la ventana de 24 horas (131047)",
    ),
    (
        "broadcasts.reason.132015",
        "the template is paused for low quality (132015)",
        "la plantilla está en pausa por baja calidad (132015)",
    ),
    (
        "broadcasts.reason.132016",
        "the template is disabled (132016)",
        "la plantilla está desactivada (132016)",
    ),
    (
        "broadcasts.reason.uncertain",
        "delivery uncertain: Shopchat stopped while sending (not resent)",
        "entrega dudosa: Shopchat se detuvo mientras enviaba (no se reenvía)",
    ),
    (
        "broadcasts.reason.held",
        "Meta is holding this broadcast's messages for a quality assessment",
        "Meta retiene los mensajes de esta difusión para evaluar su calidad",
    ),
    (
        "broadcasts.reason.meta_paused",
        "Meta paused this template's sends",
        "Meta ha pausado los envíos de esta plantilla",
    ),
    (
        "broadcasts.reason.no_longer_approved",
        "the template \"{name}\" ({language}) is no longer approved",
        "la plantilla “{name}” ({language}) ya no está aprobada",
    ),
    ("broadcasts.reason.failed", "failed", "fallido"),
    ("broadcasts.reason.skipped", "skipped", "omitido"),
];
