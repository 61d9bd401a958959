//! `shopchat export`: one conversation or all, as CSV, JSON or a readable HTML transcript with
//! its files (a zip). Reads the database as it is (a running engine may go on writing).

use std::path::PathBuf;

use clap::Args;
use shopchat_core::export::{self, ExportSummary, Format, Lang};

use crate::{Common, open_existing_store, output, store_dir_of};

#[derive(Args)]
pub struct ExportArgs {
    /// Only the conversation with this customer (WhatsApp id); all of them when absent.
    #[arg(long, value_name = "WA_ID")]
    contact: Option<String>,
    /// csv (a row per message), json, or html (a zip: index.html, a page per chat, the files).
    #[arg(long, value_name = "FORMAT")]
    format: Format,
    /// Where to write it.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The language of the transcript's words (en or es).
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    #[arg(long)]
    json: bool,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("{s:?} is not a language: en or es"))
}

pub async fn run(args: ExportArgs, common: &Common) -> Result<(), String> {
    let contact = match args.contact {
        Some(c) => Some(
            wacloud::WaId::parse(&c)
                .map_err(|e| e.to_string())?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let Some(store) = open_existing_store(common).await? else {
        return Err("there is nothing to export yet (no database)".into());
    };
    let store_dir = store_dir_of(common)?;
    let (format, lang, out) = (args.format, args.lang, args.out.clone());
    let result = store
        .read(move |conn| {
            Ok(export::export_conversations(
                conn,
                &store_dir,
                contact.as_deref(),
                format,
                lang,
                &out,
            ))
        })
        .await;
    store.close().await;
    let summary = result
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    if args.json {
        return output::print_json(&summary);
    }
    print_summary(&summary);
    Ok(())
}

pub(crate) fn print_summary(s: &ExportSummary) {
    println!(
        "Wrote {} ({} conversations, {} messages, {} files, {} bytes).",
        s.path, s.conversations, s.messages, s.files, s.bytes
    );
}
