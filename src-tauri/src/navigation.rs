//! The window shows the app and nothing else: a navigation to any other address (a link in a
//! customer's message, a redirect, a file served by the media protocol) is refused. Links open
//! in the browser only through the `open_url` command, which the UI calls.

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime};
use url::Url;

/// The plugin that refuses every navigation but the app's own.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let dev_url = tauri::is_dev()
                .then(|| webview.app_handle().config().build.dev_url.clone())
                .flatten();
            let allowed = is_app_url(url, dev_url.as_ref());
            if !allowed {
                tracing::warn!(
                    scheme = url.scheme(),
                    host = url.host_str().unwrap_or(""),
                    "the window was asked to leave the app; refused"
                );
            }
            allowed
        })
        .build()
}

/// Whether `url` is the app itself: its bundled pages (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows), or, in development, the dev server's origin.
pub fn is_app_url(url: &Url, dev_url: Option<&Url>) -> bool {
    let bundled = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost") && url.port().is_none(),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    };
    bundled || dev_url.is_some_and(|dev| dev.origin() == url.origin())
}

#[cfg(test)]
mod tests {
    use super::is_app_url;
    use url::Url;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn only_the_app_itself_is_allowed() {
        for ok in [
            "tauri://localhost",
            "tauri://localhost/index.html#/chats",
            "http://tauri.localhost/",
            "https://tauri.localhost/assets/app.js",
        ] {
            assert!(is_app_url(&url(ok), None), "{ok}");
        }
        for refused in [
            "https://example.com/",
            "http://localhost:5173/",
            "https://tauri.localhost.evil.com/",
            "http://tauri.localhost:8080/",
            "tauri://evil/",
            "shopchat-media://localhost/5",
            "http://shopchat-media.localhost/5",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:blank",
            "http://127.0.0.1:8787/healthz",
        ] {
            assert!(!is_app_url(&url(refused), None), "{refused}");
        }
    }

    #[test]
    fn the_dev_server_is_allowed_only_as_the_dev_server() {
        let dev = url("http://localhost:5173");
        assert!(is_app_url(&url("http://localhost:5173/"), Some(&dev)));
        assert!(is_app_url(
            &url("http://localhost:5173/src/main.ts"),
            Some(&dev)
        ));
        assert!(!is_app_url(&url("http://localhost:5174/"), Some(&dev)));
        assert!(!is_app_url(&url("https://localhost:5173/"), Some(&dev)));
        assert!(!is_app_url(&url("https://example.com/"), Some(&dev)));
    }
}
