//! Ready shop templates in English and Spanish, with the shop's name filled in: order ready for
//! pick-up, payment reminder, appointment reminder, back in stock, thank you, and a generated
//! document attached (a document header, whose sample the engine uploads on submitting).

use serde::{Deserialize, Serialize};
use shopchat_template_rules::{Button, Category, Draft, Header, MediaKind};
use ts_rs::TS;

use crate::i18n::{Catalogue, Lang, fill, lookup};

/// One ready template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryTemplate {
    /// Stable: `order_ready`, `payment_reminder`, ...
    pub key: String,
    pub title: String,
    pub description: String,
    pub draft: Draft,
}

/// `(key, English, Spanish)`: each entry's title, description, body, examples (`|`-separated)
/// and buttons' labels.
const TEXTS: &Catalogue = &[
    (
        "order_ready.title",
        "Order ready for pick-up",
        "Pedido listo para recoger",
    ),
    (
        "order_ready.description",
        "Tell a customer their order is ready, and until when you keep it.",
        "Avisa a un cliente de que su pedido está listo y hasta cuándo se lo guardas.",
    ),
    (
        "order_ready.body",
        "Hi {{1}}, your order {{2}} is ready for pick-up at {shop}. We keep it for you until {{3}}. See you soon!",
        "Hola {{1}}, tu pedido {{2}} está listo para recoger en {shop}. Te lo guardamos hasta el {{3}}. ¡Hasta pronto!",
    ),
    (
        "order_ready.examples",
        "Ana|1042|Friday",
        "Ana|1042|viernes",
    ),
    (
        "payment_reminder.title",
        "Payment reminder",
        "Recordatorio de pago",
    ),
    (
        "payment_reminder.description",
        "Remind a customer of a payment that is due.",
        "Recuerda a un cliente un pago pendiente.",
    ),
    (
        "payment_reminder.body",
        "Hi {{1}}, a reminder from {shop}: the payment of {{2}} for order {{3}} is due on {{4}}. Reply to this message if you have any question.",
        "Hola {{1}}, un recordatorio de {shop}: el pago de {{2}} del pedido {{3}} vence el {{4}}. Responde a este mensaje si tienes alguna duda.",
    ),
    (
        "payment_reminder.examples",
        "Ana|$25.00|1042|June 5",
        "Ana|$25.00|1042|5 de junio",
    ),
    (
        "appointment_reminder.title",
        "Appointment reminder",
        "Recordatorio de cita",
    ),
    (
        "appointment_reminder.description",
        "Remind a customer of an appointment; they confirm or ask to change it with a button.",
        "Recuerda una cita a un cliente; la confirma o pide cambiarla con un botón.",
    ),
    (
        "appointment_reminder.body",
        "Hi {{1}}, {shop} reminds you of your appointment on {{2}} at {{3}}. Please confirm, or tell us if you need to change it.",
        "Hola {{1}}, {shop} te recuerda tu cita del {{2}} a las {{3}}. Confírmala, o dinos si necesitas cambiarla.",
    ),
    (
        "appointment_reminder.examples",
        "Ana|June 5|10:30",
        "Ana|5 de junio|10:30",
    ),
    (
        "appointment_reminder.buttons",
        "Confirm|Change it",
        "Confirmar|Cambiarla",
    ),
    (
        "back_in_stock.title",
        "Back in stock",
        "De nuevo disponible",
    ),
    (
        "back_in_stock.description",
        "Tell customers who asked that a product is back.",
        "Avisa a quien preguntó de que un producto vuelve a estar disponible.",
    ),
    (
        "back_in_stock.body",
        "Good news, {{1}}: {{2}} is back in stock at {shop}. Reply to this message to reserve yours.",
        "Buenas noticias, {{1}}: {{2}} vuelve a estar disponible en {shop}. Responde a este mensaje para reservar el tuyo.",
    ),
    (
        "back_in_stock.examples",
        "Ana|the blue mug",
        "Ana|la taza azul",
    ),
    (
        "back_in_stock.buttons",
        "Reserve one|Stop promotions",
        "Reservar|No más promociones",
    ),
    ("thank_you.title", "Thank you", "Gracias"),
    (
        "thank_you.description",
        "Thank a customer after a purchase.",
        "Agradece una compra a un cliente.",
    ),
    (
        "thank_you.body",
        "Thank you for your purchase, {{1}}! Everyone at {shop} hopes you enjoy it. Write to us here whenever you need anything.",
        "¡Gracias por tu compra, {{1}}! En {shop} esperamos que la disfrutes. Escríbenos por aquí cuando necesites algo.",
    ),
    ("thank_you.examples", "Ana", "Ana"),
    ("document.title", "Document attached", "Documento adjunto"),
    (
        "document.description",
        "Send a generated document (an invoice, a quote, a receipt) as a PDF.",
        "Envía un documento generado (una factura, un presupuesto, un recibo) en PDF.",
    ),
    (
        "document.body",
        "Hi {{1}}, here is your {{2}} from {shop}. Reply to this message if you have any question.",
        "Hola {{1}}, aquí tienes tu {{2}} de {shop}. Responde a este mensaje si tienes alguna duda.",
    ),
    ("document.examples", "Ana|invoice 1042", "Ana|factura 1042"),
];

/// The entries, in order, with their category.
const ENTRIES: [(&str, Category); 6] = [
    ("order_ready", Category::Utility),
    ("payment_reminder", Category::Utility),
    ("appointment_reminder", Category::Utility),
    ("back_in_stock", Category::Marketing),
    ("thank_you", Category::Marketing),
    ("document", Category::Utility),
];

/// The template names the library submits (`shop_` and the key, the same in every language, so
/// the Spanish one is another language of the same template).
fn template_name(key: &str) -> String {
    format!("shop_{key}")
}

/// The shop's name safe in a template: no braces (they would read as parameters), no line
/// breaks, at most 60 characters.
fn clean_shop(shop: &str) -> String {
    let cleaned: String = shop
        .chars()
        .filter(|c| !matches!(c, '{' | '}') && !c.is_control())
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = cleaned.chars().take(60).collect();
    if short.is_empty() {
        "our shop".to_owned()
    } else {
        short
    }
}

/// Every ready template in `language` (`en` or `es`, else English) for the shop `shop`.
pub fn library(shop: &str, language: &str) -> Vec<LibraryTemplate> {
    let lang =
        Lang::from_code(language.split(['_', '-']).next().unwrap_or("en")).unwrap_or_default();
    let shop = clean_shop(shop);
    let text = |key: &str| lookup(TEXTS, lang, key).unwrap_or_default();
    let list = |key: &str| -> Vec<String> {
        let t = text(key);
        if t.is_empty() {
            Vec::new()
        } else {
            t.split('|').map(str::to_owned).collect()
        }
    };
    ENTRIES
        .iter()
        .map(|(key, category)| {
            let body = fill(text(&format!("{key}.body")), &[("shop", &shop)]);
            let mut draft = Draft::new(&template_name(key), lang.code(), *category, &body);
            draft.body_examples = list(&format!("{key}.examples"));
            draft.buttons = list(&format!("{key}.buttons"))
                .into_iter()
                .map(|text| Button::QuickReply { text })
                .collect();
            if *key == "document" {
                draft.header = Some(Header::Media {
                    media: MediaKind::Document,
                    handle: String::new(),
                });
            }
            draft.footer = Some(shop.clone());
            LibraryTemplate {
                key: (*key).to_owned(),
                title: text(&format!("{key}.title")).to_owned(),
                description: text(&format!("{key}.description")).to_owned(),
                draft,
            }
        })
        .collect()
}

/// The ready template `key` in `language` for `shop`.
pub fn entry(key: &str, shop: &str, language: &str) -> Option<LibraryTemplate> {
    library(shop, language).into_iter().find(|e| e.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::studio;

    #[test]
    fn the_catalogue_has_both_languages() {
        crate::i18n::check(TEXTS);
    }

    #[test]
    fn every_entry_in_both_languages_passes_the_rules() {
        for lang in ["en", "es"] {
            for shop in [
                "Tienda Ñandú",
                "A {{1}} shop",
                "Bob's Bikes & Co. ".repeat(9).as_str(),
            ] {
                let all = library(shop, lang);
                assert_eq!(all.len(), 6);
                for e in all {
                    assert!(!e.title.is_empty() && !e.description.is_empty());
                    let with_sample = studio::with_sample_handle(&e.draft, "4::sample");
                    let problems = shopchat_template_rules::check(&with_sample);
                    assert!(problems.is_empty(), "{lang} {}: {problems:?}", e.key);
                    assert!(studio::problems(&e.draft, false).is_empty());
                    assert_eq!(e.draft.language, lang);
                    assert!(!e.draft.body.contains("{shop}"));
                    assert!(with_sample.to_request().is_ok());
                }
            }
        }
        let es = entry("order_ready", "Tienda Ñandú", "es_MX").unwrap();
        assert!(es.draft.body.contains("listo para recoger en Tienda Ñandú"));
        assert_eq!(es.draft.name, "shop_order_ready");
    }
}
