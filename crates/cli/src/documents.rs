//! `shopchat documents new|list|show|send`: invoices, quotes, receipts, order confirmations and
//! delivery notes, issued with both files written, listed, shown and sent in the chat.

use clap::{Args, Subcommand};
use shopchat_core::documents::{self, DocumentSummary, DocumentsError, NewDocument, records};
use shopchat_core::settings::Settings;
use shopchat_documents::{Kind, Lang, Line};

use crate::{Common, data_dir, open_existing_store, open_store, output, store_dir_of};

/// What `shopchat documents` does.
#[derive(Subcommand)]
pub enum DocumentsCommand {
    /// Issue a document: takes its number, writes its DOCX and PDF, prints the number.
    New(NewArgs),
    /// The documents, newest first.
    List {
        /// Only this kind (invoice, quote, receipt, order, delivery-note, credit-note).
        #[arg(long)]
        kind: Option<String>,
        /// Only this customer's (WhatsApp id).
        #[arg(long, value_name = "WA_ID")]
        contact: Option<String>,
        /// Numbers or customers containing this.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One document with its lines, totals, files and status.
    Show {
        /// Its id or number (INV-2026-0001).
        document: String,
        #[arg(long)]
        json: bool,
    },
    /// Send a document's PDF in the chat; prints the queued message's id. A running
    /// `shopchat serve` sends it.
    Send {
        /// Its id or number.
        document: String,
        /// The text under the file (default: its title and number).
        #[arg(long)]
        caption: Option<String>,
        /// Outside the customer's 24-hour window: an approved template with a DOCUMENT header
        /// that carries it (its body gets the customer's name, the kind and the number).
        #[arg(long, value_name = "NAME", requires = "lang")]
        template: Option<String>,
        /// The template's language code (en, es, en_US...).
        #[arg(long, value_name = "CODE", requires = "template")]
        lang: Option<String>,
    },
}

#[derive(Args)]
pub struct NewArgs {
    /// invoice, quote, receipt, order, delivery-note or credit-note.
    #[arg(long)]
    kind: String,
    /// The customer's WhatsApp id (a contact of the shop).
    #[arg(long, value_name = "WA_ID")]
    to: String,
    /// A line: "DESCRIPTION|QTY|UNIT_PRICE[|TAX_RATE]" (repeat for more lines).
    #[arg(long = "item", value_name = "DESCRIPTION|QTY|UNIT_PRICE[|TAX_RATE]")]
    items: Vec<String>,
    /// The tax rate of lines that give none, in percent (default: the settings').
    #[arg(long, value_name = "PCT")]
    tax_rate: Option<String>,
    /// An ISO 4217 code (default: the settings').
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// en or es (default: the settings').
    #[arg(long)]
    lang: Option<String>,
    /// A note printed on the document.
    #[arg(long)]
    note: Option<String>,
    /// A credit note: the id or number of the invoice it cancels.
    #[arg(long, value_name = "INVOICE")]
    cancels: Option<String>,
    /// Send it in the chat once issued.
    #[arg(long)]
    send: bool,
    #[arg(long)]
    json: bool,
}

pub async fn run(command: DocumentsCommand, common: &Common) -> Result<(), String> {
    let store_dir = store_dir_of(common)?;
    // A document a crash left half-issued gets its files first (as `serve` does at start).
    if let Some(store) = open_existing_store(common).await? {
        let finished = documents::finish_pending(&store, &store_dir).await;
        store.close().await;
        finished.map_err(|e| e.to_string())?;
    }
    match command {
        DocumentsCommand::New(args) => new(args, common, &store_dir).await,
        DocumentsCommand::List {
            kind,
            contact,
            search,
            json,
        } => {
            let kind = kind.map(|k| parse_kind(&k)).transpose()?;
            let Some(store) = open_existing_store(common).await? else {
                return print_list(&[], json);
            };
            let filter = records::Filter {
                kind: kind.map(|k| k.as_str().to_owned()),
                contact,
                query: search,
                limit: None,
            };
            let list = documents::list(&store, &store_dir, filter).await;
            store.close().await;
            print_list(&list.map_err(|e| e.to_string())?, json)
        }
        DocumentsCommand::Show { document, json } => {
            let store = open_existing_store(common)
                .await?
                .ok_or_else(|| format!("there is no document {document:?}"))?;
            let shown = documents::show(&store, &store_dir, &document).await;
            store.close().await;
            let doc = shown.map_err(|e| e.to_string())?;
            if json {
                return output::print_json(&doc);
            }
            let s = &doc.summary;
            println!(
                "{} {} to {} ({}), {}",
                s.kind,
                s.number,
                s.contact_name.as_deref().unwrap_or(&s.contact),
                s.contact,
                doc.issue_date
            );
            for l in &doc.lines {
                println!(
                    "  {} × {} @ {} (-{}%, tax {}%) = {}",
                    l.quantity, l.description, l.unit_price, l.discount, l.tax_rate, l.amount
                );
            }
            println!(
                "subtotal {}  tax {}  total {} {}",
                s.subtotal, s.tax, s.total, s.currency
            );
            println!(
                "status {}",
                serde_json::to_value(s.status)
                    .map_err(|e| e.to_string())?
                    .as_str()
                    .unwrap_or("")
            );
            for path in [&s.files.pdf, &s.files.docx].into_iter().flatten() {
                println!("{path}");
            }
            Ok(())
        }
        DocumentsCommand::Send {
            document,
            caption,
            template,
            lang,
        } => {
            let template = template
                .zip(lang)
                .map(|(name, language)| documents::TemplateChoice {
                    name,
                    language,
                    parameters: None,
                });
            let store = open_store(common).await?;
            let media_dir = shopchat_core::media::files::media_dir(&store_dir);
            let sent =
                documents::send(&store, &store_dir, &media_dir, &document, caption, template).await;
            store.close().await;
            println!("{}", sent.map_err(refusal)?.id);
            Ok(())
        }
    }
}

async fn new(args: NewArgs, common: &Common, store_dir: &std::path::Path) -> Result<(), String> {
    let settings = Settings::load(&Settings::file(&data_dir(common.data_dir.clone())?))
        .map_err(|e| e.to_string())?;
    // Everything that can be checked before the database is opened.
    let kind = parse_kind(&args.kind)?;
    let lang = args
        .lang
        .as_deref()
        .map(|l| Lang::parse(l).ok_or_else(|| format!("{l:?} is not a language: use en or es")))
        .transpose()?;
    let default_rate = args
        .tax_rate
        .unwrap_or_else(|| settings.shop.default_tax_rate.clone());
    if !shopchat_core::settings::valid_percent(default_rate.trim()) {
        return Err(format!(
            "--tax-rate {default_rate:?} is not a percentage from 0 to 100"
        ));
    }
    let lines = args
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_item(i + 1, item, &default_rate))
        .collect::<Result<Vec<_>, _>>()?;
    if lines.is_empty() && kind != Kind::CreditNote {
        return Err(
            "a document needs at least one --item \"DESCRIPTION|QTY|UNIT_PRICE[|TAX_RATE]\"".into(),
        );
    }
    let request = NewDocument {
        kind,
        to: args.to,
        lines,
        currency: args.currency,
        lang,
        notes: args.note,
        due_date: None,
        customer_address: None,
        customer_tax_id: None,
        cancels: args.cancels,
    };
    let store = open_store(common).await?;
    let today = shopchat_core::clock::local_today();
    let issued = documents::issue(&store, store_dir, &settings, request, today).await;
    let result = match issued {
        Ok(doc) if args.send => {
            let media_dir = shopchat_core::media::files::media_dir(store_dir);
            match documents::send(
                &store,
                store_dir,
                &media_dir,
                &doc.summary.number,
                None,
                None,
            )
            .await
            {
                Ok(_) => documents::show(&store, store_dir, &doc.summary.number)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(format!(
                    "{} was issued but not sent: {}",
                    doc.summary.number,
                    refusal(e)
                )),
            }
        }
        other => other.map_err(|e| e.to_string()),
    };
    store.close().await;
    let doc = result?;
    if args.json {
        output::print_json(&doc)
    } else {
        println!("{}", doc.summary.number);
        Ok(())
    }
}

/// `outside_window: …` first, so scripts can tell that refusal apart.
fn refusal(e: DocumentsError) -> String {
    match e {
        DocumentsError::Send(s @ shopchat_core::outbox::SendError::OutsideWindow { .. }) => {
            format!("outside_window: {s}")
        }
        other => other.to_string(),
    }
}

fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| format!("{name:?} is not a kind of document: use invoice, quote, receipt, order, delivery-note or credit-note"))
}

/// `DESCRIPTION|QTY|UNIT_PRICE[|TAX_RATE]`.
fn parse_item(n: usize, item: &str, default_rate: &str) -> Result<Line, String> {
    let parts: Vec<&str> = item.split('|').map(str::trim).collect();
    let (description, quantity, unit_price, tax_rate) = match parts.as_slice() {
        [d, q, p] => (*d, *q, *p, default_rate),
        [d, q, p, t] => (*d, *q, *p, *t),
        _ => {
            return Err(format!(
                "--item {n} {item:?} is not \"DESCRIPTION|QTY|UNIT_PRICE[|TAX_RATE]\""
            ));
        }
    };
    Ok(Line {
        description: description.to_owned(),
        quantity: quantity.to_owned(),
        unit: None,
        unit_price: unit_price.to_owned(),
        discount: "0".to_owned(),
        tax_rate: tax_rate.to_owned(),
    })
}

fn print_list(list: &[DocumentSummary], json: bool) -> Result<(), String> {
    if json {
        return output::print_json(&list);
    }
    for d in list {
        let status = serde_json::to_value(d.status).map_err(|e| e.to_string())?;
        println!(
            "{:<16} {:<13} {:<24} {:>12} {} {}",
            d.number,
            d.kind,
            d.contact_name.as_deref().unwrap_or(&d.contact),
            d.total,
            d.currency,
            status.as_str().unwrap_or("")
        );
    }
    Ok(())
}
