//! Writes a sample invoice (PDF and DOCX) to a folder, to look at:
//! `cargo run -p shopchat-documents --example sample -- OUT_DIR [LINES]`.

use shopchat_documents::{Customer, Document, Kind, Lang, Line, Shop, render_docx, render_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let lines: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let doc = sample(Lang::En, lines);
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("invoice.pdf"), render_pdf(&doc)?)?;
    std::fs::write(out.join("invoice.docx"), render_docx(&doc)?)?;
    let es = sample(Lang::Es, lines);
    std::fs::write(out.join("factura.pdf"), render_pdf(&es)?)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// A shop's invoice with `n` lines.
pub fn sample(lang: Lang, n: usize) -> Document {
    let items = [
        ("Blue ceramic mug, 350 ml", "19.99", "21", "0"),
        ("Serving bowl, speckled glaze", "34.50", "21", "10"),
        ("Recipe book: Slow Mornings", "12.00", "4", "0"),
        ("Gift wrapping", "2.50", "21", "0"),
    ];
    Document {
        kind: Kind::Invoice,
        number: "INV-2026-0042".into(),
        issue_date: time::macros::date!(2026 - 12 - 05),
        due_date: Some(time::macros::date!(2027 - 01 - 04)),
        shop: Shop {
            name: "Blue Mug Ceramics".into(),
            address: Some("12 Harbour Street\nSpringfield".into()),
            tax_id: Some("ES-B12345678".into()),
            phone: Some("+1 555-010-0000".into()),
            email: Some("hello@bluemug.example".into()),
            logo: None,
        },
        customer: Customer {
            name: "Chloé Martin".into(),
            whatsapp: "15550100003".into(),
            address: Some("3 Rue des Lilas, Lyon".into()),
            tax_id: None,
        },
        lines: (0..n)
            .map(|i| {
                let (d, p, t, disc) = items[i % items.len()];
                Line {
                    description: d.into(),
                    quantity: ((i % 3) + 1).to_string(),
                    unit: Some("pcs".into()),
                    unit_price: p.into(),
                    discount: disc.into(),
                    tax_rate: t.into(),
                }
            })
            .collect(),
        notes: Some("Thank you for your order!".into()),
        payment_terms: Some("Payment within 30 days of the invoice date.".into()),
        bank_details: Some("IBAN ES12 3456 7890 1234 5678 9012 · BIC BMUGESMM".into()),
        currency: "EUR".into(),
        lang,
        cancels: None,
    }
}
