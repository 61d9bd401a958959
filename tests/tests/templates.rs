//! Every template the sandbox's picker offers can be sent (issue 21): each approved one, filled
//! with its own examples (a photo or a PDF for a media header, a URL's suffix, a coupon code),
//! reaches the simulated customer; the chat keeps the text the customer read, not the
//! template's name and raw values.

use std::time::Duration;

use shopchat_core::MessageStatus;
use shopchat_core::compose::{Attachment, Compose, SendRequest};
use shopchat_core::config::Mode;
use shopchat_core::views::TemplateFieldKind;
use shopchat_e2e::*;

const ANA: &str = "15550100001";
const WAIT: Duration = Duration::from_secs(20);

/// A tiny real PNG (1×1) and PDF.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

#[tokio::test]
async fn every_template_the_sandbox_offers_reaches_the_customer() {
    let t = TestEngine::start(Mode::Sandbox(quick_sandbox(false)), fast_outbox()).await;
    let templates = t.engine.sync_templates().await.expect("synced");
    let offered: Vec<_> = templates
        .iter()
        .filter(|tp| tp.status == "APPROVED" && tp.unsendable.is_none())
        .collect();
    assert!(offered.len() >= 5, "{offered:?}");
    let kinds: Vec<TemplateFieldKind> = offered
        .iter()
        .flat_map(|tp| tp.fields.iter().map(|f| f.kind))
        .collect();
    for kind in [
        TemplateFieldKind::Header,
        TemplateFieldKind::Body,
        TemplateFieldKind::UrlSuffix,
        TemplateFieldKind::CouponCode,
    ] {
        assert!(
            kinds.contains(&kind),
            "no sandbox template has a {kind:?} field"
        );
    }
    let mut sent = Vec::new();
    for tp in &offered {
        assert_eq!(tp.parameters.len(), tp.fields.len());
        let values: Vec<String> = tp
            .fields
            .iter()
            .map(|f| {
                assert!(
                    f.example.is_some(),
                    "{} {}: no example to show",
                    tp.name,
                    f.name
                );
                f.example.clone().unwrap_or_default()
            })
            .collect();
        let file = |name: &str, bytes: &[u8]| Attachment {
            kind: None,
            filename: name.into(),
            mime_type: None,
            bytes: bytes.to_vec(),
            caption: None,
        };
        let queued = match tp.header_format.as_deref() {
            Some("IMAGE") => {
                t.engine
                    .send_template_file(
                        ANA,
                        &tp.name,
                        &tp.language,
                        &values,
                        file("offer.png", PNG),
                    )
                    .await
            }
            Some("DOCUMENT") => {
                t.engine
                    .send_template_file(
                        ANA,
                        &tp.name,
                        &tp.language,
                        &values,
                        file("invoice.pdf", PDF),
                    )
                    .await
            }
            _ => {
                t.engine
                    .send(SendRequest {
                        to: ANA.into(),
                        reply_to: None,
                        what: Compose::Template {
                            name: tp.name.clone(),
                            language: tp.language.clone(),
                            parameters: values.clone(),
                        },
                    })
                    .await
            }
        }
        .unwrap_or_else(|e| panic!("{} ({}) was refused: {e}", tp.name, tp.language));
        sent.push((tp.name.clone(), tp.language.clone(), queued.id));
    }
    for (name, language, id) in &sent {
        let m = eventually(WAIT, "each template delivered", || async {
            t.messages(ANA).await.into_iter().find(|m| {
                m.id == *id && matches!(m.status, MessageStatus::Delivered | MessageStatus::Read)
            })
        })
        .await;
        let text = m.text.unwrap_or_default();
        assert!(
            !text.starts_with(&format!("{name} (")),
            "{name} ({language}) shows its raw values: {text}"
        );
        assert!(!text.contains("{{"), "{name} ({language}): {text}");
    }
    let order = t
        .messages(ANA)
        .await
        .into_iter()
        .find(|m| {
            m.id == sent
                .iter()
                .find(|s| s.0 == "order_ready" && s.1 == "en_US")
                .map(|s| s.2)
                .unwrap_or(-1)
        })
        .expect("order_ready sent");
    assert_eq!(
        order.text.as_deref(),
        Some(
            "*Order #1042*\n\nHi Ana, your order #1042 is ready for pick-up. We are open until 7 pm."
        )
    );
    t.stop().await;
}
