//! What the settings wizard tells the owner about the account they typed (the connection test,
//! the fields to fix, pointing Meta's webhook here), in English and Spanish.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "live.token_empty",
        "Paste the access token first.",
        "Primero pega el token de acceso.",
    ),
    (
        "live.token_spaces",
        "The access token cannot contain spaces or line breaks: copy it again from Meta.",
        "El token de acceso no puede tener espacios ni saltos de línea: vuelve a copiarlo de Meta.",
    ),
    (
        "live.phone_id_format",
        "The phone number id is the long number Meta shows under \"Phone number ID\" (digits only), not the phone number itself.",
        "El identificador del número es el número largo que Meta muestra en “Identificador del número de teléfono” (solo cifras), no el número de teléfono en sí.",
    ),
    (
        "live.waba_id_format",
        "The WhatsApp Business Account id is the number Meta shows under \"WhatsApp Business Account ID\" (digits only).",
        "El identificador de la cuenta de WhatsApp Business es el número que Meta muestra en “Identificador de la cuenta de WhatsApp Business” (solo cifras).",
    ),
    (
        "live.number_not_in_waba",
        "The number {number} is not in this WhatsApp Business Account: use the account id shown above the number on Meta's API Setup page.",
        "El número {number} no está en esta cuenta de WhatsApp Business: usa el identificador de cuenta que aparece encima del número en la página de configuración de la API de Meta.",
    ),
    (
        "live.meta_says",
        " (Meta says: {message})",
        " (Meta dice: {message})",
    ),
    (
        "live.token_lacks_permission",
        "The token works but lacks a permission: give its System User the whatsapp_business_messaging and whatsapp_business_management permissions, and assign it this app and WhatsApp account{meta_says}.",
        "El token funciona pero le falta un permiso: da a su usuario del sistema los permisos whatsapp_business_messaging y whatsapp_business_management, y asígnale esta app y esta cuenta de WhatsApp{meta_says}.",
    ),
    (
        "live.token_refused",
        "Meta refused the access token: it has expired, was revoked or is mistyped. Create a new one (a System User token does not expire){meta_says}.",
        "Meta rechazó el token de acceso: caducó, se revocó o está mal escrito. Crea uno nuevo (el token de un usuario del sistema no caduca){meta_says}.",
    ),
    (
        "live.no_network",
        "Meta could not be reached: check this computer's internet connection, then try again.",
        "No se pudo contactar con Meta: revisa la conexión a internet de esta computadora y vuelve a intentarlo.",
    ),
    (
        "live.wrong_phone_id",
        "This token cannot see a phone number with that id: check the \"Phone number ID\" on Meta's API Setup page, and that the token has the whatsapp_business_management permission{meta_says}.",
        "Este token no ve ningún número de teléfono con ese identificador: revisa el “Identificador del número de teléfono” en la página de configuración de la API de Meta, y que el token tenga el permiso whatsapp_business_management{meta_says}.",
    ),
    (
        "live.wrong_waba_id",
        "This token cannot see a WhatsApp Business Account with that id: check the \"WhatsApp Business Account ID\" on Meta's API Setup page{meta_says}.",
        "Este token no ve ninguna cuenta de WhatsApp Business con ese identificador: revisa el “Identificador de la cuenta de WhatsApp Business” en la página de configuración de la API de Meta{meta_says}.",
    ),
    (
        "live.meta_other",
        "Meta answered with an error: {error}",
        "Meta ha respondido con un error: {error}",
    ),
    (
        "live.field.access_token",
        "Paste the access token.",
        "Pega el token de acceso.",
    ),
    (
        "live.field.phone_number_id",
        "The phone number id is digits only.",
        "El identificador del número son solo cifras.",
    ),
    (
        "live.field.business_account_id",
        "The WhatsApp Business Account id is digits only.",
        "El identificador de la cuenta de WhatsApp Business son solo cifras.",
    ),
    (
        "live.field.app_id",
        "The app id is digits only.",
        "El identificador de la app son solo cifras.",
    ),
    (
        "live.field.app_secret",
        "Paste the app secret (App settings → Basic → App secret).",
        "Pega la clave secreta de la app (Configuración de la app → Básica → Clave secreta de la app).",
    ),
    (
        "live.field.app_secret_spaces",
        "The app secret has no spaces.",
        "La clave secreta de la app no tiene espacios.",
    ),
    (
        "live.field.verify_token",
        "Generate a verify token.",
        "Genera un token de verificación.",
    ),
    (
        "live.field.verify_token_short",
        "Use at least 16 letters and digits, no spaces (or generate one).",
        "Usa al menos 16 letras y cifras, sin espacios (o genera uno).",
    ),
    (
        "live.field.ngrok_authtoken",
        "Paste your ngrok authtoken (dashboard.ngrok.com → Your Authtoken).",
        "Pega tu authtoken de ngrok (dashboard.ngrok.com → Your Authtoken).",
    ),
    (
        "live.field.own_url",
        "Give your public HTTPS address, or choose the ngrok tunnel.",
        "Indica tu dirección pública HTTPS, o elige el túnel de ngrok.",
    ),
    (
        "live.field.own_url_long",
        "Meta takes webhook addresses of at most 200 characters.",
        "Meta acepta direcciones de webhook de 200 caracteres como máximo.",
    ),
    (
        "live.field.own_url_http",
        "Meta only delivers to HTTPS addresses: use https://, or choose the ngrok tunnel.",
        "Meta solo entrega a direcciones HTTPS: usa https://, o elige el túnel de ngrok.",
    ),
    (
        "live.field.own_url_format",
        "Give a public address like https://shop.example.com.",
        "Indica una dirección pública como https://tienda.example.com.",
    ),
    (
        "live.repoint.subscribe",
        "Meta refused to subscribe the app to the account: {error}",
        "Meta se ha negado a suscribir la app a la cuenta: {error}",
    ),
    (
        "live.repoint.callback",
        "Meta refused the webhook URL: {error}",
        "Meta rechazó la URL del webhook: {error}",
    ),
    (
        "live.repoint.read_back",
        "Could not read the subscription back from Meta: {error}",
        "No se pudo volver a leer la suscripción en Meta: {error}",
    ),
    (
        "live.repoint.mismatch",
        "Meta accepted the URL but reads back {url} for {app}",
        "Meta aceptó la URL pero devuelve {url} para {app}",
    ),
    ("live.repoint.no_override", "no override", "ninguna"),
    (
        "live.repoint.missing",
        "Meta accepted the URL but no subscribed app reads it back",
        "Meta aceptó la URL pero ninguna app suscrita la devuelve",
    ),
];
