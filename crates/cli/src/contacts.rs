//! `shopchat contacts [--label LABEL] [--archived] [--json]` and its verbs: `label`, `note`,
//! `name`, `pin`, `unpin`, `archive`, `unarchive`, `unread`, `block`, `unblock`, `show`,
//! `export`, `import` (in `contacts_io`).

use clap::Subcommand;
use shopchat_core::contacts::store::Flag;
use shopchat_core::contacts::{ContactEntry, ContactFilter, ContactsError, block, ops};
use wacloud::WaId;

use crate::output::print_json;
use crate::{Common, open_existing_store, open_store};

#[derive(Subcommand)]
pub enum ContactsCommand {
    /// Put a label on a contact (the label is created, in the next colour, when new), or take
    /// it off with --remove.
    Label {
        wa_id: String,
        label: String,
        #[arg(long)]
        remove: bool,
    },
    /// Add a timestamped note to a contact.
    Note {
        wa_id: String,
        text: String,
    },
    /// Give the contact a name of your own (shown instead of their profile name); no NAME: back
    /// to the profile name.
    Name {
        wa_id: String,
        name: Option<String>,
    },
    /// Keep the chat at the top of the list.
    Pin {
        wa_id: String,
    },
    Unpin {
        wa_id: String,
    },
    /// Take the chat out of the list until the customer writes again.
    Archive {
        wa_id: String,
    },
    Unarchive {
        wa_id: String,
    },
    /// Show the chat as unread.
    Unread {
        wa_id: String,
    },
    /// Block the contact on WhatsApp (only someone who wrote in the last 24 hours).
    Block {
        wa_id: String,
    },
    /// Unblock the contact on WhatsApp.
    Unblock {
        wa_id: String,
    },
    /// Every contact to a file: a spreadsheet (--csv FILE) or address cards (--vcard FILE).
    Export(crate::contacts_io::ExportArgs),
    /// Contacts from a CSV file with a phone column (and a name column, if any).
    Import(crate::contacts_io::ImportArgs),
    /// Everything about one contact: names, number, messages, labels, notes, record, documents.
    Show {
        wa_id: String,
        #[arg(long)]
        json: bool,
    },
}

fn err(e: ContactsError) -> String {
    format!("{}: {e}", e.code())
}

fn wa(input: &str) -> Result<String, String> {
    WaId::parse(input)
        .map(|w| w.as_str().to_owned())
        .map_err(|e| e.to_string())
}

pub async fn list(
    common: &Common,
    label: Option<String>,
    archived: bool,
    json: bool,
) -> Result<(), String> {
    let Some(store) = open_existing_store(common).await? else {
        return print(&[], json);
    };
    let filter = ContactFilter {
        label,
        archived: archived.then_some(true),
    };
    let list = ops::entries(&store, filter).await;
    store.close().await;
    print(&list.map_err(err)?, json)
}

fn print(list: &[ContactEntry], json: bool) -> Result<(), String> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        println!("No contacts.");
        return Ok(());
    }
    println!(
        "{:<16} {:<24} {:>6}  {:<5} LABELS",
        "WA_ID", "NAME", "UNREAD", "FLAGS"
    );
    for c in list {
        let name = c
            .custom_name
            .as_deref()
            .or(c.contact.name.as_deref())
            .unwrap_or("-");
        let flags: String = [
            (c.pinned, 'P'),
            (c.archived, 'A'),
            (c.blocked, 'B'),
            (c.marked_unread, 'U'),
        ]
        .iter()
        .map(|(on, f)| if *on { *f } else { '-' })
        .collect();
        println!(
            "{:<16} {:<24} {:>6}  {:<5} {}",
            c.contact.wa_id,
            name,
            c.contact.unread,
            flags,
            c.labels.join(", ")
        );
    }
    Ok(())
}

pub async fn run(command: ContactsCommand, common: &Common) -> Result<(), String> {
    match command {
        ContactsCommand::Export(args) => return crate::contacts_io::export(args, common).await,
        ContactsCommand::Import(args) => return crate::contacts_io::import(args, common).await,
        _ => {}
    }
    if let ContactsCommand::Block { wa_id } | ContactsCommand::Unblock { wa_id } = &command {
        let on = matches!(command, ContactsCommand::Block { .. });
        return blocking(common, &wa(wa_id)?, on).await;
    }
    let Some(store) = open_existing_store(common).await? else {
        let wa_id = match &command {
            ContactsCommand::Label { wa_id, .. }
            | ContactsCommand::Note { wa_id, .. }
            | ContactsCommand::Name { wa_id, .. }
            | ContactsCommand::Pin { wa_id }
            | ContactsCommand::Unpin { wa_id }
            | ContactsCommand::Archive { wa_id }
            | ContactsCommand::Unarchive { wa_id }
            | ContactsCommand::Unread { wa_id }
            | ContactsCommand::Block { wa_id }
            | ContactsCommand::Unblock { wa_id }
            | ContactsCommand::Show { wa_id, .. } => wa(wa_id)?,
            ContactsCommand::Export(_) | ContactsCommand::Import(_) => unreachable!(),
        };
        return Err(err(ContactsError::NoContact(wa_id)));
    };
    let result = act(&store, command).await;
    store.close().await;
    result
}

async fn act(store: &shopchat_core::Store, command: ContactsCommand) -> Result<(), String> {
    let flag = |wa_id: &str, flag: Flag, on: bool| {
        let wa_id = wa(wa_id);
        async move {
            ops::set_flag(store, &wa_id?, flag, on)
                .await
                .map_err(err)
                .map(|_| ())
        }
    };
    match command {
        ContactsCommand::Label {
            wa_id,
            label,
            remove,
        } => {
            ops::set_label(store, vec![wa(&wa_id)?], label, !remove)
                .await
                .map_err(err)?;
            Ok(())
        }
        ContactsCommand::Note { wa_id, text } => {
            let note = ops::add_note(store, wa(&wa_id)?, text).await.map_err(err)?;
            println!("{}", note.id);
            Ok(())
        }
        ContactsCommand::Name { wa_id, name } => ops::set_custom_name(store, wa(&wa_id)?, name)
            .await
            .map_err(err),
        ContactsCommand::Pin { wa_id } => flag(&wa_id, Flag::Pinned, true).await,
        ContactsCommand::Unpin { wa_id } => flag(&wa_id, Flag::Pinned, false).await,
        ContactsCommand::Archive { wa_id } => flag(&wa_id, Flag::Archived, true).await,
        ContactsCommand::Unarchive { wa_id } => flag(&wa_id, Flag::Archived, false).await,
        ContactsCommand::Unread { wa_id } => flag(&wa_id, Flag::MarkedUnread, true).await,
        ContactsCommand::Show { wa_id, json } => {
            let panel = ops::panel(store, wa(&wa_id)?).await.map_err(err)?;
            if json {
                return print_json(&panel);
            }
            print(std::slice::from_ref(&panel.entry), false)?;
            println!("number: {}", panel.entry.number);
            println!("messages: {}", panel.message_count);
            for n in &panel.entry.notes {
                println!("note {}: {}", n.id, n.text);
            }
            if let Some(c) = &panel.customer {
                println!(
                    "record: {} ({})",
                    c.name,
                    c.reference.as_deref().unwrap_or("-")
                );
            }
            for d in &panel.documents {
                println!("document: {} {} {}", d.number, d.total, d.currency);
            }
            Ok(())
        }
        ContactsCommand::Block { .. }
        | ContactsCommand::Unblock { .. }
        | ContactsCommand::Export(_)
        | ContactsCommand::Import(_) => unreachable!(),
    }
}

/// Block or unblock through the Graph API (in the sandbox, a fake one started for the call).
async fn blocking(common: &Common, wa_id: &str, on: bool) -> Result<(), String> {
    let graph = crate::graph::connect(common).await?;
    let store = open_store(common).await?;
    let result = block::set_blocked(&store, &graph.client, &graph.phone_number_id, wa_id, on).await;
    store.close().await;
    result.map(|_| ()).map_err(err)
}
