//! The words of the statistics' CSV files (column names, weekdays, file names), one catalogue
//! per language.

use crate::i18n::{Catalogue, Lang, lookup};

const CATALOGUE: &Catalogue = &[
    ("date", "date", "fecha"),
    ("received", "received", "recibidos"),
    ("sent", "sent", "enviados"),
    ("answered", "answered", "respondidos"),
    ("median_seconds", "median seconds", "mediana en segundos"),
    (
        "p90_seconds",
        "90th percentile seconds",
        "percentil 90 en segundos",
    ),
    (
        "business_hours",
        "business hours only",
        "solo horario comercial",
    ),
    ("yes", "yes", "sí"),
    ("no", "no", "no"),
    ("from", "from", "desde"),
    ("to", "to", "hasta"),
    (
        "unanswered_chats",
        "unanswered chats",
        "chats sin responder",
    ),
    ("delivered", "delivered", "entregados"),
    ("read", "read", "leídos"),
    ("failed", "failed", "fallidos"),
    ("delivery_rate", "delivery rate", "tasa de entrega"),
    ("read_rate", "read rate", "tasa de lectura"),
    ("failure_rate", "failure rate", "tasa de fallos"),
    ("weekday", "weekday", "día"),
    ("mon", "Mon", "lun"),
    ("tue", "Tue", "mar"),
    ("wed", "Wed", "mié"),
    ("thu", "Thu", "jue"),
    ("fri", "Fri", "vie"),
    ("sat", "Sat", "sáb"),
    ("sun", "Sun", "dom"),
    ("template", "template", "plantilla"),
    ("replied", "replied", "respondieron"),
    ("month", "month", "mes"),
    ("kind", "kind", "tipo"),
    ("currency", "currency", "moneda"),
    ("count", "count", "cantidad"),
    ("total", "total", "total"),
    ("file_per_day", "messages-per-day", "mensajes-por-dia"),
    ("file_first_response", "first-response", "primera-respuesta"),
    ("file_unanswered", "unanswered-chats", "chats-sin-responder"),
    ("file_rates", "delivery-rates", "tasas-de-entrega"),
    (
        "file_busiest_hours",
        "busiest-hours",
        "horas-de-mas-actividad",
    ),
    ("file_templates", "templates", "plantillas"),
    ("file_documents", "documents", "documentos"),
    ("file_broadcasts", "broadcasts", "difusiones"),
    ("file_top_labels", "top-labels", "etiquetas-principales"),
    ("broadcast", "broadcast", "difusión"),
    ("state", "state", "estado"),
    ("started", "started", "inicio"),
    ("recipients", "recipients", "destinatarios"),
    ("label", "label", "etiqueta"),
    ("chats", "chats", "chats"),
    ("contacts", "contacts", "contactos"),
];

/// The text of `key` in `lang` (the key itself if it were missing, which the test rules out).
pub(super) fn text(lang: Lang, key: &'static str) -> &'static str {
    lookup(CATALOGUE, lang, key).unwrap_or(key)
}

#[cfg(test)]
#[test]
fn the_catalogue_is_complete_in_both_languages() {
    crate::i18n::check(CATALOGUE);
}
