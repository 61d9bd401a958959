//! `shopchat-media://localhost/<message id>`: a message's file for the webview (thumbnails,
//! players), read from the engine's media dir. Only files the database names are served; a
//! `Range` request gets `206 Partial Content`, which audio and video players need to seek.

use std::io::{Read, Seek, SeekFrom};

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// The scheme's name (the UI builds URLs with `convertFileSrc(id, SCHEME)`).
pub const SCHEME: &str = "shopchat-media";

/// The largest piece served for one range request.
const MAX_RANGE: u64 = 4 * 1024 * 1024;

pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        responder.respond(serve(&app, &request).await);
    });
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(text.as_bytes().to_vec())
        .expect("a static response")
}

async fn serve<R: Runtime>(
    app: &tauri::AppHandle<R>,
    request: &Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    let Some(id) = request.uri().path().trim_matches('/').parse::<i64>().ok() else {
        return plain(StatusCode::BAD_REQUEST, "not a message id");
    };
    let Some(engine) = app.try_state::<AppState>().and_then(|s| s.running()) else {
        return plain(StatusCode::SERVICE_UNAVAILABLE, "the engine is not running");
    };
    let file = match engine.media_file(id).await {
        Ok(Some(f)) => f,
        Ok(None) => return plain(StatusCode::NOT_FOUND, "no file for this message yet"),
        Err(e) => return plain(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let read = tokio::task::spawn_blocking(move || read_file(&file.path, range.as_deref()))
        .await
        .unwrap_or_else(|e| Err(std::io::Error::other(e)));
    // Media is served as itself; anything else as inert data, an attachment, never rendered.
    let served = shopchat_core::inert::served_as(&file.mime_type);
    let guarded = |builder: tauri::http::response::Builder| {
        let builder = builder
            .header(header::CONTENT_TYPE, &served.content_type)
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(
                header::CONTENT_SECURITY_POLICY,
                shopchat_core::inert::MEDIA_CSP,
            );
        if served.attachment {
            builder.header(header::CONTENT_DISPOSITION, "attachment")
        } else {
            builder
        }
    };
    match read {
        Ok(Piece::Whole(bytes)) => guarded(Response::builder())
            .status(StatusCode::OK)
            .header(header::ACCEPT_RANGES, "bytes")
            .header(
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            )
            .body(bytes),
        Ok(Piece::Part {
            bytes,
            start,
            total,
        }) => guarded(Response::builder())
            .status(StatusCode::PARTIAL_CONTENT)
            .header(header::ACCEPT_RANGES, "bytes")
            .header(
                header::CONTENT_RANGE,
                format!("bytes {start}-{}/{total}", start + bytes.len() as u64 - 1),
            )
            .body(bytes),
        Ok(Piece::Unsatisfiable { total }) => Response::builder()
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{total}"))
            .body(Vec::new()),
        Err(e) => {
            return plain(
                StatusCode::NOT_FOUND,
                &format!("the file could not be read: {e}"),
            );
        }
    }
    .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "bad response"))
}

enum Piece {
    Whole(Vec<u8>),
    Part {
        bytes: Vec<u8>,
        start: u64,
        total: u64,
    },
    Unsatisfiable {
        total: u64,
    },
}

/// `bytes=START-[END]` or `bytes=-SUFFIX`; anything else serves the whole file.
fn parse_range(range: &str, total: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = range.strip_prefix("bytes=")?.split(',').next()?.trim();
    let (a, b) = spec.split_once('-')?;
    let (start, end) = if a.is_empty() {
        let suffix: u64 = b.parse().ok()?;
        (total.saturating_sub(suffix), total.checked_sub(1)?)
    } else {
        let start: u64 = a.parse().ok()?;
        let end = if b.is_empty() {
            total.saturating_sub(1)
        } else {
            b.parse().ok()?
        };
        (start, end.min(total.saturating_sub(1)))
    };
    if start >= total || start > end {
        return Some(Err(()));
    }
    Some(Ok((start, end.min(start + MAX_RANGE - 1))))
}

fn read_file(path: &std::path::Path, range: Option<&str>) -> std::io::Result<Piece> {
    let mut file = std::fs::File::open(path)?;
    let total = file.metadata()?.len();
    match range.and_then(|r| parse_range(r, total)) {
        None => {
            let mut bytes = Vec::with_capacity(total as usize);
            file.read_to_end(&mut bytes)?;
            Ok(Piece::Whole(bytes))
        }
        Some(Err(())) => Ok(Piece::Unsatisfiable { total }),
        Some(Ok((start, end))) => {
            file.seek(SeekFrom::Start(start))?;
            let mut bytes = vec![0; (end - start + 1) as usize];
            file.read_exact(&mut bytes)?;
            Ok(Piece::Part {
                bytes,
                start,
                total,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-99", 1000), Some(Ok((0, 99))));
        assert_eq!(parse_range("bytes=900-", 1000), Some(Ok((900, 999))));
        assert_eq!(parse_range("bytes=-100", 1000), Some(Ok((900, 999))));
        assert_eq!(parse_range("bytes=0-5000", 1000), Some(Ok((0, 999))));
        assert_eq!(parse_range("bytes=1000-", 1000), Some(Err(())));
        assert_eq!(parse_range("items=0-1", 1000), None);
        assert_eq!(
            parse_range("bytes=0-", 10_000_000),
            Some(Ok((0, 4 * 1024 * 1024 - 1)))
        );
    }
}
