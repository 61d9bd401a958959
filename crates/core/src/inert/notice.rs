//! A customer's text in a desktop notification: format characters dropped, whitespace
//! collapsed, markup escaped (notification servers render a subset of HTML in the body),
//! truncated; and at most one notification per chat per interval.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The most characters of a customer's text a notification shows.
pub const NOTICE_MAX_CHARS: usize = 120;

/// `text` made safe and short for a notification's title or body.
pub fn notification_text(text: &str, max_chars: usize) -> String {
    let plain = super::strip_format(&text.replace(['\n', '\r', '\t'], " "));
    let collapsed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = collapsed.chars().take(max_chars).collect();
    if collapsed.chars().count() > max_chars {
        short = short.trim_end().to_owned();
        short.push('…');
    }
    let mut escaped = String::with_capacity(short.len());
    for c in short.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// At most one notification per chat per `interval`; chats are forgotten after a while so the
/// map stays small.
#[derive(Debug)]
pub struct NoticeThrottle {
    interval: Duration,
    last: HashMap<String, Instant>,
}

impl Default for NoticeThrottle {
    /// One per chat per 30 seconds.
    fn default() -> Self {
        Self::new(Duration::from_secs(30))
    }
}

impl NoticeThrottle {
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: HashMap::new(),
        }
    }

    /// Whether a notification for `chat` may be shown at `now` (and, if so, records it).
    pub fn allow(&mut self, chat: &str, now: Instant) -> bool {
        if self.last.len() > 1024 {
            let interval = self.interval;
            self.last
                .retain(|_, at| now.saturating_duration_since(*at) < interval);
        }
        match self.last.get(chat) {
            Some(at) if now.saturating_duration_since(*at) < self.interval => false,
            _ => {
                self.last.insert(chat.to_owned(), now);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_text_is_escaped_stripped_and_truncated() {
        let text = "<b>Hi</b> & <a href='x'>win</a>\u{202e}\n\n\tnow";
        assert_eq!(
            notification_text(text, 200),
            "&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;a href=&#39;x&#39;&gt;win&lt;/a&gt; now"
        );
        let long = "word ".repeat(100);
        let short = notification_text(&long, NOTICE_MAX_CHARS);
        assert!(short.ends_with('…'));
        assert!(short.chars().count() <= NOTICE_MAX_CHARS + 1);
    }

    #[test]
    fn notifications_are_throttled_per_chat() {
        let mut t = NoticeThrottle::new(Duration::from_secs(30));
        let t0 = Instant::now();
        assert!(t.allow("34600000001", t0));
        assert!(!t.allow("34600000001", t0 + Duration::from_secs(5)));
        assert!(t.allow("34600000002", t0 + Duration::from_secs(5)));
        assert!(t.allow("34600000001", t0 + Duration::from_secs(31)));
    }
}
