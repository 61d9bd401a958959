//! The templates studio's content rules (the `shopchat-template-rules` crate's problems, by
//! code) in the owner's words, for an error that lists them ([`super::studio::describe`]). The
//! form shows each problem beside its field from the app's own catalogue, by the same codes;
//! these rows say the same things. Looked up by code, never said by a fixed key.

use crate::i18n::Catalogue;

pub const RULES: &Catalogue = &[
    (
        "templates.rule.name_empty",
        "Give the template a name.",
        "Ponle un nombre a la plantilla.",
    ),
    (
        "templates.rule.name_too_long",
        "A name has at most 512 characters.",
        "Un nombre tiene como mucho 512 caracteres.",
    ),
    (
        "templates.rule.name_charset",
        "A name has only lowercase letters, digits and underscores (order_ready).",
        "Un nombre solo tiene minúsculas, cifras y guiones bajos (pedido_listo).",
    ),
    (
        "templates.rule.language_invalid",
        "The language is a code like en, es, en_US or es_MX.",
        "El idioma es un código como en, es, en_US o es_MX.",
    ),
    (
        "templates.rule.header_not_allowed",
        "An authentication template has no header.",
        "Una plantilla de autenticación no tiene encabezado.",
    ),
    (
        "templates.rule.header_empty",
        "Write the header, or remove it.",
        "Escribe el encabezado, o quítalo.",
    ),
    (
        "templates.rule.header_too_long",
        "A header has at most 60 characters.",
        "Un encabezado tiene como mucho 60 caracteres.",
    ),
    (
        "templates.rule.header_too_many_params",
        "A header has at most one parameter.",
        "Un encabezado tiene como mucho un parámetro.",
    ),
    (
        "templates.rule.header_handle_missing",
        "Upload a sample file for the header.",
        "Sube un archivo de muestra para el encabezado.",
    ),
    (
        "templates.rule.example_missing_header",
        "Give an example for the header's parameter.",
        "Da un ejemplo para el parámetro del encabezado.",
    ),
    (
        "templates.rule.example_missing_body",
        "Give an example for {param}.",
        "Da un ejemplo para {param}.",
    ),
    (
        "templates.rule.example_missing_url",
        "Give an example for the end of the link (an order number, 1042).",
        "Da un ejemplo para el final del enlace (un número de pedido, 1042).",
    ),
    (
        "templates.rule.body_preset",
        "An authentication template uses WhatsApp's own text: leave the message empty.",
        "Una plantilla de autenticación usa el texto de WhatsApp: deja el mensaje vacío.",
    ),
    (
        "templates.rule.body_empty",
        "Write the message.",
        "Escribe el mensaje.",
    ),
    (
        "templates.rule.body_too_long",
        "The message has at most 1,024 characters.",
        "El mensaje tiene como mucho 1024 caracteres.",
    ),
    (
        "templates.rule.param_malformed",
        "A parameter is written with two braces on each side: a brace is missing.",
        "Un parámetro se escribe con dos llaves a cada lado: falta una llave.",
    ),
    (
        "templates.rule.params_mixed",
        "Use either numbered parameters or named ones, not both.",
        "Usa parámetros numerados o con nombre, no los dos.",
    ),
    (
        "templates.rule.params_not_in_order",
        "Number the parameters 1, 2, 3… in the order they appear, with none skipped.",
        "Numera los parámetros 1, 2, 3… en el orden en que aparecen, sin saltarte ninguno.",
    ),
    (
        "templates.rule.param_name_invalid",
        "A parameter's name has lowercase letters, digits and underscores, starting with a letter.",
        "El nombre de un parámetro tiene minúsculas, cifras y guiones bajos, y empieza por una letra.",
    ),
    (
        "templates.rule.param_at_start",
        "The message cannot start with a parameter: begin with some words.",
        "El mensaje no puede empezar con un parámetro: empieza con algunas palabras.",
    ),
    (
        "templates.rule.param_at_end",
        "The message cannot end with a parameter: end with some words or a full stop.",
        "El mensaje no puede terminar con un parámetro: termina con algunas palabras o un punto.",
    ),
    (
        "templates.rule.params_adjacent",
        "Two parameters side by side need some words between them.",
        "Dos parámetros seguidos necesitan algunas palabras entre ellos.",
    ),
    (
        "templates.rule.examples_extra",
        "There are more examples than parameters.",
        "Hay más ejemplos que parámetros.",
    ),
    (
        "templates.rule.footer_not_allowed",
        "An authentication template has no footer.",
        "Una plantilla de autenticación no tiene pie.",
    ),
    (
        "templates.rule.footer_too_long",
        "A footer has at most 60 characters.",
        "Un pie tiene como mucho 60 caracteres.",
    ),
    (
        "templates.rule.footer_has_param",
        "A footer cannot have parameters.",
        "Un pie no puede tener parámetros.",
    ),
    (
        "templates.rule.auth_buttons",
        "An authentication template has exactly one button: copy code.",
        "Una plantilla de autenticación tiene exactamente un botón: copiar código.",
    ),
    (
        "templates.rule.buttons_too_many",
        "A template has at most 10 buttons.",
        "Una plantilla tiene como mucho 10 botones.",
    ),
    (
        "templates.rule.quick_reply_too_many",
        "A template has at most 10 quick replies.",
        "Una plantilla tiene como mucho 10 respuestas rápidas.",
    ),
    (
        "templates.rule.url_too_many",
        "A template has at most 2 link buttons.",
        "Una plantilla tiene como mucho 2 botones de enlace.",
    ),
    (
        "templates.rule.phone_too_many",
        "A template has at most 1 call button.",
        "Una plantilla tiene como mucho 1 botón de llamada.",
    ),
    (
        "templates.rule.copy_code_too_many",
        "A template has at most 1 copy-code button.",
        "Una plantilla tiene como mucho 1 botón de copiar código.",
    ),
    (
        "templates.rule.buttons_not_grouped",
        "Put the quick replies together, before or after the other buttons.",
        "Pon las respuestas rápidas juntas, antes o después de los otros botones.",
    ),
    (
        "templates.rule.button_text_empty",
        "Give the button a label.",
        "Ponle un texto al botón.",
    ),
    (
        "templates.rule.button_text_too_long",
        "A button's label has at most 25 characters.",
        "El texto de un botón tiene como mucho 25 caracteres.",
    ),
    (
        "templates.rule.button_text_has_param",
        "A button's label cannot have parameters.",
        "El texto de un botón no puede tener parámetros.",
    ),
    (
        "templates.rule.url_invalid",
        "A link starts with https:// and has no spaces.",
        "Un enlace empieza con https:// y no tiene espacios.",
    ),
    (
        "templates.rule.url_too_long",
        "A link has at most 2,000 characters.",
        "Un enlace tiene como mucho 2000 caracteres.",
    ),
    (
        "templates.rule.url_param_not_at_end",
        "A link can end with one parameter, and have no other.",
        "Un enlace puede terminar con un parámetro, y no tener ningún otro.",
    ),
    (
        "templates.rule.phone_invalid",
        "A phone number is + and digits in international form, at most 20 characters (+5215512345678).",
        "Un teléfono es + y cifras en forma internacional, como mucho 20 caracteres (+5215512345678).",
    ),
    (
        "templates.rule.copy_code_not_allowed",
        "A utility template cannot have a copy-code button (a marketing one can).",
        "Una plantilla de utilidad no puede tener un botón de copiar código (una de marketing sí).",
    ),
    (
        "templates.rule.copy_code_invalid",
        "A code example has 1 to 15 characters and no spaces.",
        "Un código de ejemplo tiene de 1 a 15 caracteres y ningún espacio.",
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_is_said_in_both_languages() {
        crate::i18n::check(super::RULES);
        assert!(super::RULES.len() >= 40);
    }
}
