//! `shopchat contacts export --csv FILE | --vcard FILE` and `shopchat contacts import FILE.csv`:
//! the address book out as a spreadsheet or address cards, and in from a spreadsheet.

use std::path::PathBuf;

use clap::Args;
use shopchat_core::export::contacts::{self, ContactImport};
use shopchat_core::export::{ExportError, ExportSummary};

use crate::output::print_json;
use crate::{Common, open_existing_store, open_store};

#[derive(Args)]
#[command(group = clap::ArgGroup::new("to").required(true).args(["csv", "vcard"]))]
pub struct ExportArgs {
    /// A spreadsheet: wa_id, number, name, profile name, first and last message.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Address cards (vCard 3.0) a phone or mail program can import.
    #[arg(long, value_name = "FILE")]
    vcard: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ImportArgs {
    /// A CSV file with a header row: a phone column (phone, number, wa_id, ...) and a name one.
    file: PathBuf,
    /// The country (ISO code such as MX or ES) of numbers written without their country code.
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    #[arg(long)]
    json: bool,
}

pub async fn export(args: ExportArgs, common: &Common) -> Result<(), String> {
    let Some(store) = open_existing_store(common).await? else {
        return Err("there are no contacts to export yet (no database)".into());
    };
    let (vcard, out) = match (args.vcard, args.csv) {
        (Some(path), _) => (true, path),
        (None, Some(path)) => (false, path),
        (None, None) => unreachable!("clap requires --csv or --vcard"),
    };
    let result = store
        .read(move |conn| {
            Ok(if vcard {
                contacts::export_vcard(conn, &out)
            } else {
                contacts::export_csv(conn, &out)
            })
        })
        .await;
    store.close().await;
    let summary: ExportSummary = result
        .map_err(|e| e.to_string())?
        .map_err(|e: ExportError| e.to_string())?;
    if args.json {
        return print_json(&summary);
    }
    println!("Wrote {} ({} bytes).", summary.path, summary.bytes);
    Ok(())
}

pub async fn import(args: ImportArgs, common: &Common) -> Result<(), String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let csv = String::from_utf8(bytes)
        .map_err(|_| format!("{} is not a text (CSV) file", args.file.display()))?;
    let store = open_store(common).await?;
    let result = shopchat_core::engine::import_contacts(&store, csv, args.country).await;
    store.close().await;
    let report = result.map_err(|e| e.to_string())?;
    if args.json {
        return print_json(&report);
    }
    print_report(&report);
    Ok(())
}

fn print_report(r: &ContactImport) {
    println!(
        "{} added, {} updated, {} unchanged, {} refused, {} duplicates.",
        r.added,
        r.updated,
        r.unchanged,
        r.refused.len(),
        r.duplicates.len()
    );
    for refused in &r.refused {
        println!(
            "line {}: {:?} refused: {}",
            refused.line, refused.value, refused.reason
        );
    }
    for dup in &r.duplicates {
        println!(
            "line {}: +{} is the same number as line {}",
            dup.line, dup.wa_id, dup.first_line
        );
    }
}
