//! `shopchat send`: what to send, from the command line, as a [`SendRequest`].

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args};
use shopchat_core::compose::{Attachment, Compose, MessageRef, SendRequest};
use wacloud::MediaKind;

/// One kind per send: text (optionally with reply buttons), a file, a location, a reaction or a
/// template.
#[derive(Args, Clone, Debug)]
#[command(group(ArgGroup::new("kind").required(true).multiple(false)
    .args(["text", "image", "video", "audio", "document", "sticker", "location", "react", "template"])))]
pub struct SendArgs {
    /// The customer's WhatsApp id (phone number in international form, digits only).
    #[arg(long, value_name = "WA_ID")]
    pub to: String,
    /// A text message (with --buttons: the text above the buttons).
    #[arg(long)]
    pub text: Option<String>,
    /// Up to three reply buttons under --text, separated by `|`: "Yes|No|Later".
    #[arg(long, value_name = "A|B|C", requires = "text")]
    pub buttons: Option<String>,
    /// Show a preview of the first link in --text.
    #[arg(long, requires = "text")]
    pub preview_url: bool,
    #[arg(long, value_name = "PATH")]
    pub image: Option<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub video: Option<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub audio: Option<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub document: Option<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub sticker: Option<PathBuf>,
    /// A caption under an image, video or document.
    #[arg(long)]
    pub caption: Option<String>,
    /// The file name the customer sees (documents; default: the file's own name).
    #[arg(long)]
    pub filename: Option<String>,
    /// A location: "LAT,LON", e.g. "52.5200,13.4050".
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub location: Option<String>,
    /// The location's name (with --location).
    #[arg(long, requires = "location")]
    pub name: Option<String>,
    /// The location's address (with --location).
    #[arg(long, requires = "location")]
    pub address: Option<String>,
    /// React to a message: --react WAMID EMOJI (an empty EMOJI "" removes the reaction).
    #[arg(long, num_args = 2, value_names = ["WAMID", "EMOJI"])]
    pub react: Option<Vec<String>>,
    /// A synced, approved template (see `shopchat templates list`).
    #[arg(long, value_name = "NAME", requires = "lang")]
    pub template: Option<String>,
    /// The template's language code, e.g. en_US.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// A template body parameter, in order (repeat); `name=value` for named parameters.
    #[arg(long = "param", value_name = "VALUE")]
    pub params: Vec<String>,
    /// Reply to this message (its wamid).
    #[arg(long, value_name = "WAMID")]
    pub reply_to: Option<String>,
}

impl SendArgs {
    /// The request; files are read here.
    pub fn into_request(self) -> Result<SendRequest, String> {
        let files = [
            (self.image.as_deref(), MediaKind::Image),
            (self.video.as_deref(), MediaKind::Video),
            (self.audio.as_deref(), MediaKind::Audio),
            (self.document.as_deref(), MediaKind::Document),
            (self.sticker.as_deref(), MediaKind::Sticker),
        ];
        let what = if let Some(text) = self.text {
            match self.buttons {
                Some(b) => Compose::Buttons {
                    body: text,
                    buttons: b.split('|').map(str::to_owned).collect(),
                },
                None => Compose::Text {
                    body: text,
                    preview_url: self.preview_url,
                },
            }
        } else if let Some((path, kind)) = files.into_iter().find_map(|(p, k)| p.map(|p| (p, k))) {
            Compose::File(read_file(path, kind, self.filename, self.caption)?)
        } else if let Some(at) = self.location {
            let (latitude, longitude) = parse_lat_lon(&at)?;
            Compose::Location {
                latitude,
                longitude,
                name: self.name,
                address: self.address,
            }
        } else if let Some(r) = self.react {
            let [wamid, emoji]: [String; 2] = r
                .try_into()
                .map_err(|_| "--react takes a WAMID and an EMOJI".to_owned())?;
            Compose::Reaction {
                target: MessageRef::Wamid(wamid),
                emoji,
            }
        } else if let Some(name) = self.template {
            Compose::Template {
                name,
                language: self.lang.unwrap_or_default(),
                parameters: self.params,
            }
        } else {
            return Err(
                "say what to send: --text, a file, --location, --react or --template".into(),
            );
        };
        Ok(SendRequest {
            to: self.to,
            what,
            reply_to: self.reply_to.map(MessageRef::Wamid),
        })
    }
}

fn read_file(
    path: &Path,
    kind: MediaKind,
    filename: Option<String>,
    caption: Option<String>,
) -> Result<Attachment, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // The largest file any kind accepts; the exact limit is checked with the file's type.
    let most = wacloud::media::max_size(MediaKind::Document, false);
    if meta.len() > most {
        return Err(format!(
            "{}: {} bytes is over the largest file WhatsApp accepts (100 MB)",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let own_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    Ok(Attachment {
        kind: Some(kind),
        mime_type: None,
        filename: filename.unwrap_or(own_name),
        bytes,
        caption,
    })
}

fn parse_lat_lon(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("--location {s:?} is not LAT,LON (e.g. 52.52,13.405)");
    let (lat, lon) = s.split_once(',').ok_or_else(bad)?;
    let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
    let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "--location {s:?}: latitude is -90..90 and longitude -180..180"
        ));
    }
    Ok((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse_and_are_checked() {
        assert_eq!(parse_lat_lon("52.52, 13.405"), Ok((52.52, 13.405)));
        assert_eq!(parse_lat_lon("-33.9,-70.1"), Ok((-33.9, -70.1)));
        assert!(parse_lat_lon("91,0").is_err());
        assert!(parse_lat_lon("52.52").is_err());
        assert!(parse_lat_lon("a,b").is_err());
    }
}
