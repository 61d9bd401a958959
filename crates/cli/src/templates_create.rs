//! `shopchat templates create` and `shopchat templates delete`: a new template checked against
//! Meta's rules (every broken rule named at its field, nothing sent), submitted, and the list
//! synced; a template deleted in every language or in one.

use serde_json::json;
use shopchat_template_rules::{Button, Category, Draft, Header, placeholders};
use wacloud::WabaId;

use crate::{Common, open_store};

/// What `templates create` is given.
pub struct CreateArgs {
    pub name: String,
    pub lang: String,
    pub category: String,
    pub body: String,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub buttons: Vec<String>,
    pub examples: Vec<String>,
    pub json: bool,
}

/// The Graph client and business account for this run; in the sandbox, a fake Graph API that
/// lives as long as the returned guard.
async fn connect(common: &Common) -> Result<(crate::graph::Graph, WabaId), String> {
    let graph = crate::graph::connect(common).await?;
    let waba = graph.waba_for("manage templates")?;
    let waba = WabaId::parse(&waba).map_err(|e| format!("{waba:?}: {e}"))?;
    Ok((graph, waba))
}

/// `quick:TEXT`, `url:TEXT:URL`, `phone:TEXT:NUMBER`, `copy:EXAMPLE`.
fn button(spec: &str) -> Result<Button, String> {
    let (kind, rest) = spec.split_once(':').ok_or_else(|| {
        format!(
            "--button {spec:?}: write quick:TEXT, url:TEXT:URL, phone:TEXT:NUMBER or copy:EXAMPLE"
        )
    })?;
    let two = || {
        rest.split_once(':')
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .ok_or_else(|| format!("--button {spec:?}: write {kind}:TEXT:..."))
    };
    Ok(match kind {
        "quick" => Button::QuickReply { text: rest.into() },
        "url" => {
            let (text, url) = two()?;
            Button::Url {
                text,
                url,
                example: None,
            }
        }
        "phone" => {
            let (text, number) = two()?;
            Button::Phone { text, number }
        }
        "copy" => Button::CopyCode {
            example: rest.into(),
        },
        _ => {
            return Err(format!(
                "--button {spec:?}: the kinds are quick, url, phone and copy"
            ));
        }
    })
}

/// The draft: `--example` values fill, in order, the header's parameter, the body's parameters
/// (in the order they first appear), then each URL button's suffix.
pub fn draft(args: &CreateArgs) -> Result<Draft, String> {
    let category = Category::parse(&args.category)
        .ok_or("--category is marketing, utility or authentication")?;
    let mut draft = Draft::new(&args.name, &args.lang, category, &args.body);
    let mut examples = args.examples.iter().cloned();
    if let Some(text) = &args.header {
        let example = if placeholders(text).is_empty() {
            None
        } else {
            examples.next()
        };
        draft.header = Some(Header::Text {
            text: text.clone(),
            example,
        });
    }
    let mut names: Vec<String> = Vec::new();
    for p in placeholders(&args.body) {
        if !names.contains(&p.name) {
            names.push(p.name);
        }
    }
    draft.body_examples = examples.by_ref().take(names.len()).collect();
    draft.footer = args.footer.clone();
    for spec in &args.buttons {
        let mut b = button(spec)?;
        if let Button::Url { url, example, .. } = &mut b
            && !placeholders(url).is_empty()
        {
            *example = examples.next();
        }
        draft.buttons.push(b);
    }
    if examples.next().is_some() {
        return Err("more --example values than the template has parameters".into());
    }
    Ok(draft)
}

pub async fn create(args: CreateArgs, common: &Common) -> Result<(), String> {
    let draft = draft(&args)?;
    let request = match draft.to_request() {
        Ok(r) => r,
        Err(problems) => {
            if args.json {
                println!("{}", json!({ "problems": problems }));
            } else {
                for p in &problems {
                    eprintln!("{}: {} ({})", p.field, p.message, p.code);
                }
            }
            return Err(format!(
                "the template breaks {} of WhatsApp's rules",
                problems.len()
            ));
        }
    };
    let (connected, waba) = connect(common).await?;
    let graph = &connected.client;
    let created = graph
        .create_template(&waba, &request)
        .await
        .map_err(|e| e.to_string())?;
    // Keep the list as WhatsApp has it now, the new template pending.
    let store = open_store(common).await?;
    let synced = shopchat_core::templates::sync(graph, waba.as_str(), &store).await;
    store.close().await;
    synced.map_err(|e| e.to_string())?;
    if args.json {
        println!(
            "{}",
            json!({
                "id": created.id,
                "name": draft.name,
                "language": draft.language,
                "status": created.status.as_str(),
                "category": created.category.as_str(),
            })
        );
    } else {
        println!(
            "{} ({}) submitted for review: {} (id {})",
            draft.name, draft.language, created.status, created.id
        );
    }
    Ok(())
}

pub async fn delete(name: String, lang: Option<String>, common: &Common) -> Result<(), String> {
    let (connected, waba) = connect(common).await?;
    let graph = &connected.client;
    let hsm_id = match &lang {
        None => None,
        Some(code) => {
            let all = graph
                .list_templates(&waba)
                .await
                .map_err(|e| e.to_string())?;
            let found = all
                .into_iter()
                .find(|t| t.name == name && &t.language == code)
                .ok_or_else(|| format!("no template {name} in {code}"))?;
            Some(found.id)
        }
    };
    graph
        .delete_template(&waba, &name, hsm_id.as_deref())
        .await
        .map_err(|e| e.to_string())?;
    let store = open_store(common).await?;
    let synced = shopchat_core::templates::sync(graph, waba.as_str(), &store).await;
    store.close().await;
    synced.map_err(|e| e.to_string())?;
    match lang {
        Some(code) => println!("{name} ({code}) deleted"),
        None => println!("{name} deleted in every language"),
    }
    Ok(())
}
