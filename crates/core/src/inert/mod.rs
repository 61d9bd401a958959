//! What a customer sends, made inert before it is shown, served, opened or notified: file names
//! without format characters, files served as data unless they are media, only allow-listed
//! types handed to the OS, notification text escaped, truncated and throttled per chat.

mod files;
mod notice;

pub use files::{
    MEDIA_CSP, Served, badge, clean_file_name, extension, is_disguise, may_open, served_as,
    strip_format,
};
pub use notice::{NOTICE_MAX_CHARS, NoticeThrottle, notification_text};
