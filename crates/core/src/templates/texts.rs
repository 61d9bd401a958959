//! What the templates code and the templates studio tell the owner (errors and problems the app
//! shows), in English and Spanish: `(key, English, Spanish)` rows said with
//! [`crate::i18n::say`] in the owner's language. The content rules' problems are in
//! [`super::rule_texts`].

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "templates.fetch_failed",
        "the templates could not be fetched from WhatsApp: {error}",
        "no se han podido traer las plantillas de WhatsApp: {error}",
    ),
    (
        "templates.bad_account",
        "the WhatsApp Business Account id \"{id}\" is not valid: {error}",
        "el identificador de la cuenta de WhatsApp Business “{id}” no es válido: {error}",
    ),
    // Why a template cannot be sent (the picker shows it inside a sentence of its own).
    (
        "templates.unreadable_copy",
        "its synced copy could not be read: sync the templates again",
        "no se pudo leer su copia sincronizada: vuelve a sincronizar las plantillas",
    ),
    (
        "templates.location_header",
        "it has a location header, which Shopchat cannot fill yet: send it from WhatsApp Manager",
        "tiene un encabezado de ubicación, que Shopchat aún no sabe rellenar: envíala desde WhatsApp Manager",
    ),
    (
        "templates.other_header",
        "it has a {format} header, which Shopchat cannot fill yet",
        "tiene un encabezado de tipo {format}, que Shopchat aún no sabe rellenar",
    ),
    (
        "templates.flow",
        "it opens a WhatsApp Flow, which Shopchat cannot send yet",
        "abre un WhatsApp Flow, que Shopchat aún no sabe enviar",
    ),
    (
        "templates.unknown_part",
        "it has a part (such as a carousel) that Shopchat cannot send yet",
        "tiene una parte (como un carrusel) que Shopchat aún no sabe enviar",
    ),
    // A template message refused before it is queued.
    (
        "templates.not_approved",
        "the template \"{name}\" ({language}) is {status}: only approved templates can be sent",
        "la plantilla “{name}” ({language}) está en estado {status}: solo se pueden enviar plantillas aprobadas",
    ),
    (
        "templates.copy_unreadable",
        "the synced copy of \"{name}\" could not be read; sync the templates again",
        "no se pudo leer la copia sincronizada de “{name}”; vuelve a sincronizar las plantillas",
    ),
    (
        "templates.wrong_file",
        "the template \"{name}\" has a {header} header: a {file} does not go there",
        "la plantilla “{name}” lleva en el encabezado un archivo de tipo {header}, no de tipo {file}",
    ),
    (
        "templates.needs_file",
        "the template \"{name}\" has a {header} header that needs a file",
        "la plantilla “{name}” tiene un encabezado de tipo {header} que necesita un archivo",
    ),
    ("templates.media.image", "image", "imagen"),
    ("templates.media.video", "video", "vídeo"),
    ("templates.media.document", "document", "documento"),
    ("templates.media.audio", "audio", "audio"),
    ("templates.media.sticker", "sticker", "sticker"),
    (
        "templates.header_not_sent",
        "the template \"{name}\" has a {format} header, which this version does not send",
        "la plantilla “{name}” tiene un encabezado de tipo {format}, que esta versión no envía",
    ),
    (
        "templates.no_media_header",
        "the template \"{name}\" has no image, video or document header for a file",
        "la plantilla “{name}” no tiene un encabezado de imagen, vídeo o documento para un archivo",
    ),
    (
        "templates.cannot_send",
        "the template \"{name}\" cannot be sent: {why}",
        "la plantilla “{name}” no se puede enviar: {why}",
    ),
    (
        "templates.param_count_one",
        "the template \"{name}\" takes 1 parameter ({names}); {given} given",
        "la plantilla “{name}” lleva 1 parámetro ({names}); se han dado {given}",
    ),
    (
        "templates.param_count",
        "the template \"{name}\" takes {takes} parameters ({names}); {given} given",
        "la plantilla “{name}” lleva {takes} parámetros ({names}); se han dado {given}",
    ),
    (
        "templates.param_order",
        "give the parameters in the template's order: {names}",
        "da los parámetros en el orden de la plantilla: {names}",
    ),
    (
        "templates.param_empty",
        "the parameter {param} cannot be empty",
        "el parámetro {param} no puede estar vacío",
    ),
    // The templates studio.
    (
        "templates.name_taken",
        "A template \"{name}\" in {language} exists already: choose another name or language.",
        "Ya existe una plantilla “{name}” en {language}: elige otro nombre u otro idioma.",
    ),
    (
        "templates.cannot_submit",
        "The template cannot be submitted: {problems}",
        "La plantilla no se puede enviar a revisión: {problems}",
    ),
    (
        "templates.not_editable",
        "Only an approved, rejected or paused template can be edited; \"{name}\" ({language}) is {status}.",
        "Solo se puede editar una plantilla aprobada, rechazada o en pausa; “{name}” ({language}) está en estado {status}.",
    ),
    (
        "templates.category_locked",
        "The category of an approved template cannot change: duplicate it as a new template instead.",
        "La categoría de una plantilla aprobada no puede cambiar: duplícala como plantilla nueva.",
    ),
    (
        "templates.edit_daily",
        "An approved template can be edited once per 24 hours: try again tomorrow.",
        "Una plantilla aprobada se puede editar una vez cada 24 horas: vuelve a intentarlo mañana.",
    ),
    (
        "templates.edit_monthly",
        "An approved template can be edited at most 10 times in 30 days.",
        "Una plantilla aprobada se puede editar como mucho 10 veces en 30 días.",
    ),
    (
        "templates.not_found",
        "there is no template \"{name}\" in {language}",
        "no hay ninguna plantilla “{name}” en {language}",
    ),
    (
        "templates.no_app_id",
        "the Meta app id is not set: a header sample is uploaded to the app (add app_id in the settings, Go live… → App id)",
        "falta el ID de la app de Meta: la muestra del encabezado se sube a la app (agrégalo en los ajustes, Empezar en vivo… → ID de la app)",
    ),
    (
        "templates.bad_sample",
        "a header sample is a PDF, a JPEG or PNG picture, or an MP4 video (\"{mime}\" is none)",
        "la muestra de un encabezado es un PDF, una imagen JPEG o PNG, o un vídeo MP4 (“{mime}” no es ninguno)",
    ),
    (
        "templates.refused",
        "WhatsApp refused the template: {error}",
        "WhatsApp rechazó la plantilla: {error}",
    ),
];
