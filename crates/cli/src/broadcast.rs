//! `shopchat broadcast new|list|show|pause|resume|cancel|export`.

use std::path::PathBuf;

use clap::{ArgGroup, Subcommand};
use shopchat_core::broadcasts::{
    self, AudienceFilter, AudienceSource, BroadcastError, BroadcastView, Created, NewBroadcast,
    report,
};
use shopchat_core::settings::Settings;

use crate::output::print_json;
use crate::{Common, data_dir, open_existing_store, open_store};

#[derive(Subcommand)]
pub enum BroadcastCommand {
    /// Check an audience and create a broadcast of an approved template; prints its id and the
    /// audience check. A running `shopchat serve` (or the app) sends it.
    #[command(group(ArgGroup::new("audience").required(true).args(["csv", "label", "all"])))]
    New {
        #[arg(long)]
        name: String,
        /// The template's name (synced: `shopchat templates sync`).
        #[arg(long)]
        template: String,
        /// The template's language code (`en_US`, `es_MX`...).
        #[arg(long)]
        lang: String,
        /// A CSV file with a phone column and any others.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// The phone column's header (default: the first that looks like one).
        #[arg(long, value_name = "COL", requires = "csv")]
        phone_column: Option<String>,
        /// The column (or contact field: name, customer_name, customer_ref, phone) for each
        /// template parameter, in order.
        #[arg(long = "param-column", value_name = "COL")]
        param_columns: Vec<String>,
        /// Contacts with this label.
        #[arg(long)]
        label: Option<String>,
        /// Every contact.
        #[arg(long)]
        all: bool,
        /// When to start (RFC 3339, like 2026-12-24T09:00:00+01:00); default now.
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every broadcast, newest first, with its progress.
    List {
        #[arg(long)]
        json: bool,
    },
    /// A broadcast: its state, its recipients per state, its rate, and its report.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Pause a broadcast: messages still waiting are taken out of the queue.
    Pause { id: i64 },
    /// Resume a paused broadcast, or confirm one whose time passed while Shopchat was closed.
    Resume { id: i64 },
    /// Cancel a broadcast: nothing more is sent.
    Cancel { id: i64 },
    /// Write every recipient and their result to a CSV file.
    Export {
        id: i64,
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
    },
}

fn err(e: BroadcastError) -> String {
    e.to_string()
}

pub async fn run(command: BroadcastCommand, common: &Common) -> Result<(), String> {
    match command {
        BroadcastCommand::New {
            name,
            template,
            lang,
            csv,
            phone_column,
            param_columns,
            label,
            all,
            at,
            json,
        } => {
            let audience = match (csv, label) {
                (Some(path), _) => AudienceSource::Csv {
                    path: std::path::absolute(&path).unwrap_or(path),
                    phone_column,
                },
                (None, Some(label)) => AudienceSource::Contacts {
                    filter: AudienceFilter::Label { label },
                },
                (None, None) if all => AudienceSource::Contacts {
                    filter: AudienceFilter::All,
                },
                _ => return Err("choose an audience: --csv FILE, --label LABEL or --all".into()),
            };
            let start_at = match at {
                Some(at) => Some(
                    at.parse::<jiff::Timestamp>()
                        .map_err(|e| format!("--at {at:?} is not an RFC 3339 time: {e}"))?
                        .as_millisecond(),
                ),
                None => None,
            };
            let settings = Settings::load(&Settings::file(&data_dir(common.data_dir.clone())?))
                .map_err(|e| e.to_string())?;
            let req = NewBroadcast {
                name,
                template,
                lang,
                audience,
                params: param_columns,
                start_at,
                // The number's rate, as `serve` takes it: the environment first, then the settings.
                rate: std::env::var(shopchat_core::env_vars::OUTBOX_RATE)
                    .ok()
                    .and_then(|v| v.trim().parse().ok())
                    .or(settings.outbox_rate),
                default_country: settings.default_country,
                spread: false,
                dry_run: false,
            };
            let store = open_store(common).await?;
            // The budget from Meta's latest messaging limit (the fake's in the sandbox).
            if let Ok(graph) = crate::graph::connect(common).await {
                broadcasts::runner::refresh_limit(&graph.client, &graph.phone_number_id, &store)
                    .await;
            }
            let created = store
                .writer()
                .call(move |ctx| Ok(broadcasts::create::create(ctx, &req)))
                .await;
            store.close().await;
            let created = created.map_err(|e| e.to_string())?.map_err(err)?;
            print_created(&created, json)
        }
        BroadcastCommand::List { json } => {
            let Some(store) = open_existing_store(common).await? else {
                return print_list(&[], json);
            };
            let list = store.read(broadcasts::list).await;
            store.close().await;
            print_list(&list.map_err(|e| e.to_string())?, json)
        }
        BroadcastCommand::Show { id, json } => {
            let store = open_existing_store(common)
                .await?
                .ok_or_else(|| err(BroadcastError::NotFound(id)))?;
            let found = store
                .read(move |c| Ok(broadcasts::get(c, id).map(|b| (b, report::report(c, id)))))
                .await;
            store.close().await;
            let (b, rep) = found
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?;
            let b = b.ok_or_else(|| err(BroadcastError::NotFound(id)))?;
            let rep = rep.map_err(err)?;
            if json {
                let mut v = serde_json::to_value(&b).map_err(|e| e.to_string())?;
                v["report"] = serde_json::to_value(&rep).map_err(|e| e.to_string())?;
                return print_json(&v);
            }
            print_one(&b);
            let f = &rep.funnel;
            println!(
                "funnel: sent {} → delivered {} → read {} → replied {}",
                f.sent, f.delivered, f.read, f.replied
            );
            for c in &rep.failures {
                println!("failed: {} × {}", c.count, c.key);
            }
            for c in &rep.skipped {
                println!("skipped: {} × {}", c.count, c.key);
            }
            for c in &rep.reply_classes {
                println!("replies: {} × {}", c.count, c.key);
            }
            Ok(())
        }
        BroadcastCommand::Pause { id } => change(common, id, broadcasts::pause, "paused").await,
        BroadcastCommand::Resume { id } => change(common, id, broadcasts::resume, "resumed").await,
        BroadcastCommand::Cancel { id } => {
            change(common, id, broadcasts::cancel, "cancelled").await
        }
        BroadcastCommand::Export { id, csv } => {
            let store = open_existing_store(common)
                .await?
                .ok_or_else(|| err(BroadcastError::NotFound(id)))?;
            let path = csv.clone();
            let n = store
                .read(move |c| Ok(report::export_csv(c, id, &path)))
                .await;
            store.close().await;
            let n = n.map_err(|e| e.to_string())?.map_err(err)?;
            println!("{n} recipients written to {}", csv.display());
            Ok(())
        }
    }
}

async fn change(
    common: &Common,
    id: i64,
    f: fn(&mut shopchat_core::store::WriteCtx<'_>, i64) -> Result<(), BroadcastError>,
    done: &str,
) -> Result<(), String> {
    let store = open_store(common).await?;
    let r = store.writer().call(move |ctx| Ok(f(ctx, id))).await;
    store.close().await;
    r.map_err(|e| e.to_string())?.map_err(err)?;
    println!("broadcast {id} {done}");
    Ok(())
}

fn print_created(c: &Created, json: bool) -> Result<(), String> {
    if json {
        return print_json(c);
    }
    if let Some(id) = c.id {
        println!("{id}");
    }
    let k = &c.check;
    println!(
        "recipients: {}  invalid: {}  duplicates: {}  opted out: {}",
        k.recipients,
        k.invalid.len(),
        k.duplicates.len(),
        k.opted_out
    );
    for p in &k.invalid {
        println!("  invalid {}: {:?} ({})", row(p.row), p.value, p.reason);
    }
    for p in &k.duplicates {
        println!("  duplicate {}: {:?} ({})", row(p.row), p.value, p.reason);
    }
    if k.us_numbers > 0 {
        println!(
            "warning: {} US (+1) numbers{}",
            k.us_numbers,
            if c.category == "MARKETING" {
                ": Meta does not deliver marketing templates to them; they are skipped"
            } else {
                ""
            }
        );
    }
    if k.stripped_prefix > 0 {
        println!(
            "warning: {} numbers were written without + or 00 and read as international: a spreadsheet may have stripped their leading zeros; check the file",
            k.stripped_prefix
        );
    }
    let b = &c.budget;
    match b.left {
        Some(left) => println!(
            "messaging limit: {} outside the 24-hour window of {} left today (limit {}{})",
            k.business_initiated,
            left,
            b.limit.unwrap_or_default(),
            if b.known {
                ""
            } else {
                ", assumed until Meta is asked"
            }
        ),
        None => println!("messaging limit: unlimited"),
    }
    Ok(())
}

fn row(r: Option<i64>) -> String {
    r.map_or_else(|| "contact".to_owned(), |r| format!("row {r}"))
}

fn print_one(b: &BroadcastView) {
    let c = &b.counts;
    println!(
        "{}  {}  {}  template {} ({})  {} of {} done  rate {}/s (now {}/s){}",
        b.id,
        b.state,
        b.name,
        b.template,
        b.lang,
        c.total - c.pending - c.queued,
        c.total,
        b.rate,
        b.current_rate,
        b.reason
            .as_ref()
            .map(|r| format!("  — {r}"))
            .unwrap_or_default()
    );
    println!(
        "  pending {}  queued {}  sent {}  delivered {}  read {}  replied {}  failed {}  skipped {}",
        c.pending, c.queued, c.sent, c.delivered, c.read, c.replied, c.failed, c.skipped
    );
}

fn print_list(list: &[BroadcastView], json: bool) -> Result<(), String> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        println!("No broadcasts yet.");
    }
    for b in list {
        print_one(b);
    }
    Ok(())
}
