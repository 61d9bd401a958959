//! The keystore against a real Secret Service (gnome-keyring). `scripts/test` runs this under
//! `dbus-run-session` with a throwaway gnome-keyring unlocked with a known password, and sets
//! `SHOPCHAT_TEST_SECRET_SERVICE=1`:
//!
//! ```sh
//! dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
//!   SHOPCHAT_TEST_SECRET_SERVICE=1 cargo test -p shopchat-core --test secret_service -- --ignored'
//! ```
//!
//! It is ignored otherwise: it writes and clears Shopchat's entries, which on a desktop session
//! would be the owner's real credentials.
#![cfg(target_os = "linux")]

use shopchat_core::secrets::{Keystore, Secret, SecretName};

fn isolated_keystore() -> Keystore {
    assert_eq!(
        std::env::var("SHOPCHAT_TEST_SECRET_SERVICE").as_deref(),
        Ok("1"),
        "refusing to touch this session's Secret Service: run through scripts/test \
         (a throwaway gnome-keyring under dbus-run-session)"
    );
    Keystore::platform().expect("a Secret Service on the session bus")
}

#[test]
#[ignore = "needs a throwaway Secret Service: scripts/test runs it under dbus-run-session"]
fn credentials_round_trip_through_the_real_secret_service() {
    let keystore = isolated_keystore();
    assert!(
        keystore.vendor().to_lowercase().contains("secret"),
        "{}",
        keystore.vendor()
    );
    keystore.clear().unwrap();
    for name in SecretName::ALL {
        keystore
            .set(name, &Secret::new(format!("real-ss-{}", name.user())))
            .unwrap();
    }
    // Overwriting keeps one item per entry.
    keystore
        .set(SecretName::AppSecret, &Secret::new("real-ss-app-secret-2"))
        .unwrap();

    // A new connection (as another process, the desktop app or `shopchat`, would make) sees them.
    let other = Keystore::platform().unwrap();
    assert!(other.status().unwrap().iter().all(|(_, set)| *set));
    assert_eq!(
        other.get(SecretName::AppSecret).unwrap().unwrap().expose(),
        "real-ss-app-secret-2"
    );
    assert_eq!(
        other
            .get(SecretName::NgrokAuthtoken)
            .unwrap()
            .unwrap()
            .expose(),
        "real-ss-ngrok-authtoken"
    );

    assert!(other.delete(SecretName::VerifyToken).unwrap());
    assert!(!keystore.is_set(SecretName::VerifyToken).unwrap());
    assert_eq!(
        keystore.clear().unwrap(),
        vec![
            SecretName::AccessToken,
            SecretName::AppSecret,
            SecretName::NgrokAuthtoken
        ]
    );
    assert!(other.get(SecretName::AccessToken).unwrap().is_none());
}
