//! The templates the sandbox's business account starts with, in Meta's template object shape
//! (`GET /{waba-id}/message_templates`): one of each kind a shop meets (positional and named
//! parameters, a translation, media and text headers, quick-reply, URL, copy-code and phone
//! buttons) and one pending and one rejected.

use serde_json::{Value, json};

/// The seeded templates, ids fixed so a sync twice gives the same rows.
pub(crate) fn templates() -> Vec<Value> {
    vec![
        json!({
            "name": "order_ready",
            "parameter_format": "POSITIONAL",
            "components": [
                {"type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": {"header_text": ["#1042"]}},
                {
                    "type": "BODY",
                    "text": "Hi {{1}}, your order {{2}} is ready for pick-up. We are open until 7 pm.",
                    "example": {"body_text": [["Ana", "#1042"]]}
                },
                {"type": "FOOTER", "text": "Shopchat Sandbox Shop"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "QUICK_REPLY", "text": "I'm on my way"},
                    {"type": "QUICK_REPLY", "text": "Deliver instead"}
                ]}
            ],
            "language": "en_US",
            "status": "APPROVED",
            "category": "UTILITY",
            "id": "730000000000001"
        }),
        json!({
            "name": "order_ready",
            "parameter_format": "POSITIONAL",
            "components": [
                {"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}", "example": {"header_text": ["#1042"]}},
                {
                    "type": "BODY",
                    "text": "Olá {{1}}, seu pedido {{2}} está pronto para retirada. Estamos abertos até as 19h.",
                    "example": {"body_text": [["Ana", "#1042"]]}
                },
                {"type": "FOOTER", "text": "Shopchat Sandbox Shop"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "QUICK_REPLY", "text": "Estou a caminho"},
                    {"type": "QUICK_REPLY", "text": "Prefiro entrega"}
                ]}
            ],
            "language": "pt_BR",
            "status": "APPROVED",
            "category": "UTILITY",
            "id": "730000000000002"
        }),
        json!({
            "name": "appointment_reminder",
            "parameter_format": "NAMED",
            "components": [
                {
                    "type": "BODY",
                    "text": "Hello {{customer_name}}, this is a reminder of your fitting on {{date}}. Reply to change it.",
                    "example": {"body_text_named_params": [
                        {"param_name": "customer_name", "example": "Ben"},
                        {"param_name": "date", "example": "Saturday 14 June at 10:30"}
                    ]}
                },
                {"type": "BUTTONS", "buttons": [
                    {"type": "QUICK_REPLY", "text": "Confirm"},
                    {"type": "QUICK_REPLY", "text": "Reschedule"},
                    {"type": "PHONE_NUMBER", "text": "Call the shop", "phone_number": "+15550100000"}
                ]}
            ],
            "language": "en_US",
            "status": "APPROVED",
            "category": "UTILITY",
            "id": "730000000000003"
        }),
        json!({
            "name": "document_ready",
            "parameter_format": "POSITIONAL",
            "components": [
                {
                    "type": "HEADER",
                    "format": "DOCUMENT",
                    "example": {"header_handle": ["https://example.com/shopchat-sandbox/INV-2026-0001.pdf"]}
                },
                {
                    "type": "BODY",
                    "text": "Hello {{1}}, here is your {{2}} {{3}}.",
                    "example": {"body_text": [["Ana", "invoice", "INV-2026-0001"]]}
                }
            ],
            "language": "en",
            "status": "APPROVED",
            "category": "UTILITY",
            "id": "730000000000008"
        }),
        json!({
            "name": "document_ready",
            "parameter_format": "POSITIONAL",
            "components": [
                {
                    "type": "HEADER",
                    "format": "DOCUMENT",
                    "example": {"header_handle": ["https://example.com/shopchat-sandbox/FAC-2026-0001.pdf"]}
                },
                {
                    "type": "BODY",
                    "text": "Hola {{1}}, aquí tienes tu {{2}} {{3}}.",
                    "example": {"body_text": [["Ana", "factura", "FAC-2026-0001"]]}
                }
            ],
            "language": "es",
            "status": "APPROVED",
            "category": "UTILITY",
            "id": "730000000000009"
        }),
        json!({
            "name": "welcome_offer",
            "parameter_format": "POSITIONAL",
            "components": [
                {
                    "type": "HEADER",
                    "format": "IMAGE",
                    "example": {"header_handle": ["https://example.com/shopchat-sandbox/welcome-offer.png"]}
                },
                {
                    "type": "BODY",
                    "text": "Welcome, {{1}}! Enjoy {{2}} off your first order with the code below.",
                    "example": {"body_text": [["Chloé", "15%"]]}
                },
                {"type": "FOOTER", "text": "Not interested? Tap Stop promotions"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "COPY_CODE", "example": "WELCOME15"},
                    {"type": "QUICK_REPLY", "text": "Stop promotions"}
                ]}
            ],
            "language": "en",
            "status": "APPROVED",
            "category": "MARKETING",
            "id": "730000000000004"
        }),
        json!({
            "name": "shipping_update",
            "parameter_format": "POSITIONAL",
            "components": [
                {
                    "type": "BODY",
                    "text": "Good news, {{1}}! Order {{2}} has shipped and should arrive by {{3}}.",
                    "example": {"body_text": [["Ana", "#1042", "Friday"]]}
                },
                {"type": "BUTTONS", "buttons": [
                    {
                        "type": "URL",
                        "text": "Track parcel",
                        "url": "https://shop.example.com/track/{{1}}",
                        "example": ["https://shop.example.com/track/1042"]
                    }
                ]}
            ],
            "language": "en_US",
            "status": "APPROVED",
            "category": "UTILITY",
            "id": "730000000000005"
        }),
        json!({
            "name": "back_in_stock",
            "parameter_format": "POSITIONAL",
            "components": [
                {
                    "type": "BODY",
                    "text": "Good news: {{1}} is back in stock! Reply YES and we will keep one for you until tomorrow.",
                    "example": {"body_text": [["The blue ceramic mug"]]}
                }
            ],
            "language": "en_US",
            "status": "PENDING",
            "category": "MARKETING",
            "id": "730000000000006"
        }),
        json!({
            "name": "flash_sale",
            "parameter_format": "POSITIONAL",
            "components": [
                {
                    "type": "BODY",
                    "text": "LAST CHANCE!!! Everything {{1}} off, today only. Buy now!!!",
                    "example": {"body_text": [["50%"]]}
                }
            ],
            "language": "en_US",
            "status": "REJECTED",
            "rejected_reason": "PROMOTIONAL",
            "category": "MARKETING",
            "id": "730000000000007"
        }),
    ]
}
