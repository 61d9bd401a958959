//! `shopchat templates library` (the ready shop templates, English or Spanish, the shop's name
//! filled in) and `shopchat templates submit KEY --shop NAME` (one of them submitted for review
//! in one go; a document header's sample PDF uploaded first).

use serde_json::json;
use shopchat_core::settings::Settings;
use shopchat_core::templates::{library, studio};
use wacloud::WabaId;

use crate::{Common, data_dir, open_store};

/// A one-page PDF: the sample of a document header.
const SAMPLE_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// The shop's name: `--shop`, else the settings' business name.
fn shop_name(shop: Option<String>, common: &Common) -> String {
    shop.or_else(|| {
        let dir = data_dir(common.data_dir.clone()).ok()?;
        Settings::load(&Settings::file(&dir)).ok()?.business_name
    })
    .unwrap_or_default()
}

pub fn list(lang: &str, shop: Option<String>, json: bool, common: &Common) -> Result<(), String> {
    let all = library::library(&shop_name(shop, common), lang);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    for e in all {
        println!("{:<22} {} — {}", e.key, e.title, e.description);
        println!("    {}", e.draft.body);
    }
    Ok(())
}

pub async fn submit(
    key: &str,
    shop: String,
    lang: &str,
    json: bool,
    common: &Common,
) -> Result<(), String> {
    let entry = library::entry(key, &shop, lang).ok_or_else(|| {
        format!("no ready template {key:?}: see `shopchat templates library` for the keys")
    })?;
    let graph = crate::graph::connect(common).await?;
    let waba = graph.waba_for("manage templates")?;
    let waba = WabaId::parse(&waba).map_err(|e| format!("{waba:?}: {e}"))?;
    let mut draft = entry.draft;
    if studio::needs_sample(&draft) {
        let app_id = if common.sandbox {
            fake_graph::credentials::SANDBOX_APP_ID.to_owned()
        } else {
            let dir = data_dir(common.data_dir.clone())?;
            Settings::load(&Settings::file(&dir))
                .map_err(|e| e.to_string())?
                .app_id
                .filter(|a| !a.trim().is_empty())
                .ok_or("the Meta app id is not set: a header sample is uploaded to the app (set app_id in settings.json)")?
        };
        let handle = graph
            .client
            .upload_sample(
                &app_id,
                "sample.pdf",
                "application/pdf",
                SAMPLE_PDF.to_vec(),
            )
            .await
            .map_err(|e| e.to_string())?;
        draft = studio::with_sample_handle(&draft, &handle);
    }
    let request = draft.to_request().map_err(|p| studio::describe(&p))?;
    let created = graph
        .client
        .create_template(&waba, &request)
        .await
        .map_err(|e| e.to_string())?;
    let store = open_store(common).await?;
    let synced = shopchat_core::templates::sync(&graph.client, waba.as_str(), &store).await;
    store.close().await;
    synced.map_err(|e| e.to_string())?;
    if json {
        println!(
            "{}",
            json!({"id": created.id, "name": draft.name, "language": draft.language,
                   "status": created.status.as_str(), "category": created.category.as_str()})
        );
    } else {
        println!(
            "{} ({}) submitted for review: {} (id {})",
            draft.name, draft.language, created.status, created.id
        );
    }
    Ok(())
}
