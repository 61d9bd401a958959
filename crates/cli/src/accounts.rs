//! `shopchat accounts add|list|import|code|unlink|log|requests|approve` and `shopchat bot
//! on|off|status`: the shop's customer records, linking them to WhatsApp with a one-time code,
//! the audit trail, and the bot's switch. A running `shopchat serve` answers the customers.

use clap::Subcommand;
use shopchat_core::bot;
use shopchat_core::links::{self, Actor, CustomerInput, CustomerView, ops};
use shopchat_core::settings::Settings;

use crate::{Common, data_dir, open_existing_store, open_store, output};

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// Add a customer record; prints its id.
    Add {
        #[arg(long)]
        name: String,
        /// The shop's own reference (customer number), unique.
        #[arg(long = "ref", value_name = "REF")]
        reference: Option<String>,
        #[arg(long, value_name = "E")]
        email: Option<String>,
        #[arg(long, value_name = "P")]
        phone: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The records, by name, with their link.
    List {
        /// Only those whose name, reference, email, phone or number contains this.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a record per row of a CSV file (columns: name, and optionally ref, email, phone,
    /// notes); prints how many were added and each row refused with why.
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A one-time code (15 minutes, single use) the customer sends from WhatsApp as
    /// `link CODE`; a new code cancels the record's previous one.
    Code {
        /// The record's id or reference.
        record: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a record's WhatsApp link (the customer is told when their window is open).
    Unlink {
        /// The record's id or reference.
        record: String,
    },
    /// The audit trail of links, newest first.
    Log {
        /// Only this record's (id or reference).
        #[arg(long)]
        record: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Customers who wrote "link" without a code, waiting for a record.
    Requests {
        #[arg(long)]
        json: bool,
    },
    /// Link a request's sender to a record (the customer is told).
    Approve {
        /// The request's id (see `shopchat accounts requests`).
        request: i64,
        /// The record's id or reference.
        #[arg(long = "to", value_name = "RECORD")]
        record: String,
    },
}

#[derive(Subcommand)]
pub enum BotCommand {
    /// Answer customers automatically (commands, documents, greeting, away, keywords).
    On,
    /// Answer nothing automatically.
    Off,
    /// Whether the bot is on, and its automations.
    Status {
        #[arg(long)]
        json: bool,
    },
}

fn err(e: links::LinksError) -> String {
    e.to_string()
}

pub async fn run(command: AccountsCommand, common: &Common) -> Result<(), String> {
    if let AccountsCommand::Add {
        name,
        reference,
        email,
        phone,
        json,
    } = &command
    {
        // Checked before a database is created.
        let input = CustomerInput {
            name: name.clone(),
            reference: reference.clone(),
            email: email.clone(),
            phone: phone.clone(),
            notes: None,
        };
        links::records::checked(&input)?;
        let store = open_store(common).await?;
        let added = ops::add(&store, input, Actor::Cli).await;
        store.close().await;
        let record = added.map_err(err)?;
        return if *json {
            output::print_json(&record)
        } else {
            print_id(&record)
        };
    }
    if let AccountsCommand::Import { file, json } = &command {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{} cannot be read: {e}", file.display()))?;
        let store = open_store(common).await?;
        let report = ops::import(&store, text, Actor::Cli).await;
        store.close().await;
        let report = report.map_err(err)?;
        if *json {
            return output::print_json(&report);
        }
        println!("{} added, {} refused", report.added, report.refused.len());
        for r in &report.refused {
            println!("  line {}: {}", r.line, r.reason);
        }
        return Ok(());
    }
    let Some(store) = open_existing_store(common).await? else {
        return match command {
            AccountsCommand::List { json, .. }
            | AccountsCommand::Log { json, .. }
            | AccountsCommand::Requests { json } => {
                if json {
                    output::print_json(&Vec::<()>::new())
                } else {
                    Ok(())
                }
            }
            AccountsCommand::Code { record, .. }
            | AccountsCommand::Unlink { record }
            | AccountsCommand::Approve { record, .. } => {
                Err(format!("there is no customer {record:?}"))
            }
            _ => Ok(()),
        };
    };
    let result = accounts(command, common, &store).await;
    store.close().await;
    result
}

async fn accounts(
    command: AccountsCommand,
    common: &Common,
    store: &shopchat_core::Store,
) -> Result<(), String> {
    match command {
        AccountsCommand::List { search, json } => {
            let list = ops::list(store, search).await.map_err(err)?;
            if json {
                return output::print_json(&list);
            }
            for r in &list {
                println!(
                    "{:<6} {:<28} {:<12} {}",
                    r.id,
                    r.name,
                    r.reference.as_deref().unwrap_or("-"),
                    r.wa_id
                        .as_deref()
                        .map_or("not linked".to_owned(), |w| format!("+{w}"))
                );
            }
            Ok(())
        }
        AccountsCommand::Code { record, json } => {
            let number = shop_number(common)?;
            let code = ops::code(store, &record, Actor::Cli, number.as_deref())
                .await
                .map_err(err)?;
            if json {
                return output::print_json(&code);
            }
            println!("{}", code.code);
            println!(
                "valid for 15 minutes; the customer sends: LINK {}",
                code.code
            );
            if let Some(url) = &code.wa_me_url {
                println!("{url}");
            }
            Ok(())
        }
        AccountsCommand::Unlink { record } => {
            let r = ops::unlink(store, &record, Actor::Cli).await.map_err(err)?;
            println!("{} is not linked", r.name);
            Ok(())
        }
        AccountsCommand::Log {
            record,
            limit,
            json,
        } => {
            let id = match record {
                Some(key) => Some(ops::find(store, &key).await.map_err(err)?.id),
                None => None,
            };
            let trail = ops::log(store, id, limit).await.map_err(err)?;
            if json {
                return output::print_json(&trail);
            }
            for e in &trail {
                println!(
                    "{} {:<15} {:<9} {} {}",
                    e.at,
                    e.event,
                    e.actor,
                    e.customer_name.as_deref().unwrap_or("-"),
                    e.wa_id.as_deref().map(links::mask).unwrap_or_default()
                );
            }
            Ok(())
        }
        AccountsCommand::Requests { json } => {
            let list = ops::requests(store).await.map_err(err)?;
            if json {
                return output::print_json(&list);
            }
            for r in &list {
                println!(
                    "{:<5} {} {:?} {:?}",
                    r.id,
                    r.masked,
                    r.profile_name.as_deref().unwrap_or(""),
                    r.text
                );
            }
            Ok(())
        }
        AccountsCommand::Approve { request, record } => {
            let r = ops::find(store, &record).await.map_err(err)?;
            let linked = ops::approve(store, request, r.id, Actor::Cli)
                .await
                .map_err(err)?;
            println!(
                "{} is linked to +{}",
                linked.name,
                linked.wa_id.unwrap_or_default()
            );
            Ok(())
        }
        AccountsCommand::Add { .. } | AccountsCommand::Import { .. } => {
            unreachable!("handled above")
        }
    }
}

fn print_id(record: &CustomerView) -> Result<(), String> {
    println!("{}", record.id);
    Ok(())
}

/// The business number customers write to: saved when going live; the sandbox's own.
fn shop_number(common: &Common) -> Result<Option<String>, String> {
    if common.sandbox {
        return Ok(Some(fake_graph::account::DISPLAY_PHONE_NUMBER.to_owned()));
    }
    let settings = Settings::load(&Settings::file(&data_dir(common.data_dir.clone())?))
        .map_err(|e| e.to_string())?;
    Ok(settings.display_phone_number)
}

pub async fn bot(command: BotCommand, common: &Common) -> Result<(), String> {
    let store = open_store(common).await?;
    let result = async {
        let mut config = store
            .read(bot::config::load)
            .await
            .map_err(|e| e.to_string())?;
        match command {
            BotCommand::On | BotCommand::Off => {
                config.enabled = matches!(command, BotCommand::On);
                let saved = config.clone();
                store
                    .writer()
                    .call(move |ctx| bot::config::save(ctx.conn, &saved))
                    .await
                    .map_err(|e| e.to_string())?;
                println!("the bot is {}", if config.enabled { "on" } else { "off" });
                Ok(())
            }
            BotCommand::Status { json } => {
                if json {
                    return output::print_json(&config);
                }
                println!("the bot is {}", if config.enabled { "on" } else { "off" });
                println!(
                    "greeting {}, away message {}",
                    onoff(config.greeting),
                    onoff(config.away)
                );
                println!("{} keyword rules", config.keywords.len());
                Ok(())
            }
        }
    }
    .await;
    store.close().await;
    result
}

fn onoff(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}
