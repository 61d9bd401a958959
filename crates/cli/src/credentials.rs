//! `shopchat credentials set|list|clear`: the OS keystore entries the desktop app uses too, and
//! how `serve` finds its live settings (the `WHATSAPP_*` variables, then the keystore and the
//! settings file).

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use clap::Subcommand;
use shopchat_core::config::LiveSettings;
use shopchat_core::secrets::{Keystore, Secret, SecretName};
use shopchat_core::settings::Settings;

/// What `shopchat credentials` does.
#[derive(Subcommand)]
pub enum CredentialsCommand {
    /// Store a credential; its value is read from standard input (never from an argument).
    Set {
        /// whatsapp-access-token, whatsapp-app-secret, whatsapp-verify-token or ngrok-authtoken.
        name: String,
    },
    /// Each credential's name and whether it is set (never the values).
    List,
    /// Remove every credential (or only NAME).
    Clear {
        /// Only this credential.
        name: Option<String>,
    },
}

/// Runs a `credentials` verb against the OS keystore.
pub fn run(command: CredentialsCommand) -> Result<(), String> {
    let keystore = Keystore::platform().map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    match command {
        CredentialsCommand::Set { name } => {
            let name = SecretName::parse(&name).map_err(|e| e.to_string())?;
            let stdin = std::io::stdin();
            let value = if stdin.is_terminal() {
                rpassword::prompt_password(format!("{name} (input hidden): "))
                    .map_err(|e| format!("cannot read the value: {e}"))?
            } else {
                read_line(stdin.lock())?
            };
            set(&keystore, name, value, &mut out)
        }
        CredentialsCommand::List => list(&keystore, &mut out),
        CredentialsCommand::Clear { name } => {
            let only = name
                .map(|n| SecretName::parse(&n))
                .transpose()
                .map_err(|e| e.to_string())?;
            clear(&keystore, only, &mut out)
        }
    }
}

/// The first line of `input`, without its line ending.
fn read_line(mut input: impl BufRead) -> Result<String, String> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the value from standard input: {e}"))?;
    Ok(line)
}

fn set(
    keystore: &Keystore,
    name: SecretName,
    value: String,
    out: &mut impl Write,
) -> Result<(), String> {
    let value = Secret::new(value.trim());
    if value.is_empty() {
        return Err(format!(
            "{name}: the value is empty (pipe it in, e.g. `shopchat credentials set {name} < file`)"
        ));
    }
    keystore.set(name, &value).map_err(|e| e.to_string())?;
    writeln!(out, "{name}: stored in the OS keystore").map_err(|e| e.to_string())
}

fn list(keystore: &Keystore, out: &mut impl Write) -> Result<(), String> {
    for (name, set) in keystore.status().map_err(|e| e.to_string())? {
        let state = if set { "set" } else { "not set" };
        writeln!(out, "{:<24}{state}", name.user()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn clear(
    keystore: &Keystore,
    only: Option<SecretName>,
    out: &mut impl Write,
) -> Result<(), String> {
    let removed = match only {
        Some(name) => {
            if keystore.delete(name).map_err(|e| e.to_string())? {
                vec![name]
            } else {
                Vec::new()
            }
        }
        None => keystore.clear().map_err(|e| e.to_string())?,
    };
    if removed.is_empty() {
        return writeln!(out, "nothing to remove").map_err(|e| e.to_string());
    }
    for name in removed {
        writeln!(out, "{name}: removed").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The live settings for `serve`: the `WHATSAPP_*` variables when they hold everything; else
/// each missing value from the OS keystore (secrets) and the data dir's settings file.
pub fn live_settings(
    env: impl Fn(&str) -> Option<String> + Copy,
    data_dir: &Path,
) -> Result<LiveSettings, String> {
    if let Ok(live) = LiveSettings::from_env(env) {
        return Ok(live);
    }
    let settings = Settings::load(&Settings::file(data_dir)).map_err(|e| e.to_string())?;
    let keystore = match Keystore::platform() {
        Ok(k) => Some(k),
        Err(e) => {
            tracing::debug!(reason = %e, "no OS keystore: only the environment is used for credentials");
            None
        }
    };
    LiveSettings::resolve(env, keystore.as_ref(), &settings).map_err(|e| {
        format!(
            "{e}; or store them with `shopchat credentials set NAME` and the ids in the settings"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(buf: Vec<u8>) -> String {
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn set_trims_the_line_ending_and_refuses_empty_values() {
        let keystore = Keystore::in_memory();
        let mut out = Vec::new();
        let value = read_line("tok-123\r\nsecond line".as_bytes()).unwrap();
        set(&keystore, SecretName::AccessToken, value, &mut out).unwrap();
        let stored = keystore.get(SecretName::AccessToken).unwrap().unwrap();
        assert_eq!(stored.expose(), "tok-123");
        let printed = text(out);
        assert!(!printed.contains("tok-123"), "{printed}");
        assert!(printed.contains("whatsapp-access-token"), "{printed}");

        for empty in ["", "\n", "   \n"] {
            let value = read_line(empty.as_bytes()).unwrap();
            let err = set(&keystore, SecretName::AppSecret, value, &mut Vec::new()).unwrap_err();
            assert!(err.contains("empty"), "{err}");
        }
        assert!(!keystore.is_set(SecretName::AppSecret).unwrap());
    }

    #[test]
    fn list_shows_names_and_whether_set_never_values() {
        let keystore = Keystore::in_memory();
        keystore
            .set(SecretName::NgrokAuthtoken, &Secret::new("ngrok-value-9"))
            .unwrap();
        let mut out = Vec::new();
        list(&keystore, &mut out).unwrap();
        let printed = text(out);
        assert!(!printed.contains("ngrok-value-9"), "{printed}");
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines.len(), 4, "{printed}");
        assert!(lines[0].starts_with("whatsapp-access-token") && lines[0].ends_with("not set"));
        assert!(lines[3].starts_with("ngrok-authtoken") && lines[3].ends_with(" set"));
        assert!(!lines[3].ends_with("not set"));
    }

    #[test]
    fn clear_removes_all_or_one() {
        let keystore = Keystore::in_memory();
        for name in [SecretName::AccessToken, SecretName::VerifyToken] {
            keystore.set(name, &Secret::new("v")).unwrap();
        }
        let mut out = Vec::new();
        clear(&keystore, Some(SecretName::VerifyToken), &mut out).unwrap();
        assert_eq!(text(out), "whatsapp-verify-token: removed\n");
        assert!(keystore.is_set(SecretName::AccessToken).unwrap());
        let mut out = Vec::new();
        clear(&keystore, None, &mut out).unwrap();
        assert_eq!(text(out), "whatsapp-access-token: removed\n");
        let mut out = Vec::new();
        clear(&keystore, None, &mut out).unwrap();
        assert_eq!(text(out), "nothing to remove\n");
    }
}
