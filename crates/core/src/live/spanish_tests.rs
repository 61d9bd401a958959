//! The wizard's problems in the owner's language: Spanish when the window shows Spanish.

use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::config::SandboxSettings;
use crate::i18n::{Lang, with_lang};
use fake_graph::{FakeGraph, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};

/// Runs `f` in Spanish on this thread, on a runtime of this thread (the language is per thread
/// in tests, which share a process).
fn in_spanish<F: std::future::Future>(f: impl FnOnce() -> F) -> F::Output {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    with_lang(Lang::Es, || runtime.block_on(f()))
}

#[test]
fn a_refused_token_is_explained_in_spanish() {
    let problems = in_spanish(|| async {
        let stop = CancellationToken::new();
        let fake = FakeGraph::start(
            SandboxSettings {
                seed_customers: false,
                auto_reply: false,
                ..SandboxSettings::default()
            },
            stop.clone(),
        )
        .await
        .expect("the fake");
        let account = |token: &str, phone: &str| WhatsAppAccount {
            graph_url: fake.url(),
            api_version: wacloud::DEFAULT_API_VERSION.to_owned(),
            access_token: SecretString::from(token.to_owned()),
            phone_number_id: phone.to_owned(),
            business_account_id: Some(SANDBOX_WABA_ID.to_owned()),
        };
        let mut problems = Vec::new();
        for (token, phone) in [
            ("EAAexpired", SANDBOX_PHONE_NUMBER_ID),
            ("", SANDBOX_PHONE_NUMBER_ID),
            ("EAAexpired", "+34 600"),
        ] {
            problems.push(test_connection(&account(token, phone)).await.unwrap_err());
        }
        stop.cancel();
        problems
    });
    assert_eq!(problems[0].kind, ProblemKind::TokenRejected);
    assert!(
        problems[0]
            .message
            .starts_with("Meta rechazó el token de acceso"),
        "{:?}",
        problems[0]
    );
    assert_eq!(problems[1].message, "Primero pega el token de acceso.");
    assert!(
        problems[2]
            .message
            .starts_with("El identificador del número es el número largo"),
        "{:?}",
        problems[2]
    );
}

#[test]
fn the_fields_to_fix_are_named_in_spanish() {
    let request: GoLive = serde_json::from_value(serde_json::json!({
        "accessToken": "",
        "phoneNumberId": "+34 600",
        "businessAccountId": SANDBOX_WABA_ID,
        "appId": null,
        "businessName": "Tazas y Cía",
        "appSecret": "",
        "verifyToken": "corto",
        "tunnel": "none",
        "ngrokAuthtoken": null,
        "ngrokDomain": null,
        "ownUrl": "http://tienda.example.com",
        "repointCallback": true
    }))
    .unwrap();
    let problems = with_lang(Lang::Es, || request.problems(|_| false));
    let said: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            ("access_token", "Pega el token de acceso."),
            (
                "phone_number_id",
                "El identificador del número son solo cifras."
            ),
            (
                "app_secret",
                "Pega la clave secreta de la app (Configuración de la app → Básica → Clave secreta de la app)."
            ),
            (
                "verify_token",
                "Usa al menos 16 letras y cifras, sin espacios (o genera uno)."
            ),
            (
                "own_url",
                "Meta solo entrega a direcciones HTTPS: usa https://, o elige el túnel de ngrok."
            ),
        ]
    );
    // The same request, in English: the default.
    assert_eq!(
        request.problems(|_| false)[0].message,
        "Paste the access token."
    );
}
