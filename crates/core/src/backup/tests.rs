use std::fs::File;
use std::io::Write;
use std::path::Path;

use zip::write::{SimpleFileOptions, ZipWriter};

use super::*;
use crate::engine::LOCK_FILE;
use crate::store::{DB_FILE, Store};

async fn put(store: &Store, key: &str, value: &str) {
    let (k, v) = (key.to_owned(), value.to_owned());
    store
        .writer()
        .call(move |ctx| {
            ctx.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                [&k, &v],
            )?;
            Ok(())
        })
        .await
        .unwrap();
}

fn get(store_dir: &Path, key: &str) -> Option<String> {
    let conn = rusqlite::Connection::open(store_dir.join(DB_FILE)).unwrap();
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .ok()
}

/// A store with a row, a media file and a document, left open (as a running engine would).
async fn shop(dir: &Path) -> Store {
    let store = Store::open(dir).unwrap();
    put(&store, "backup-test", "before").await;
    std::fs::create_dir_all(dir.join("media/ab/abcdef")).unwrap();
    std::fs::write(dir.join("media/ab/abcdef/photo.jpg"), b"\xff\xd8 a photo").unwrap();
    std::fs::write(dir.join("media/ab/abcdef/.photo.jpg.partial"), b"half").unwrap();
    std::fs::create_dir_all(dir.join("documents/2026")).unwrap();
    std::fs::write(dir.join("documents/2026/INV-2026-0001.pdf"), b"%PDF-1.7").unwrap();
    store
}

#[tokio::test]
async fn a_backup_of_an_open_store_restores_into_an_empty_dir() {
    let (src, dst, out) = (tempdir(), tempdir(), tempdir());
    let store = shop(src.path()).await;
    let archive = out.path().join("shop.zip");
    let report = create(src.path(), &archive).unwrap();
    // Written after the backup: not in it.
    put(&store, "backup-test", "after").await;
    assert_eq!(report.files, 3, "the database, a photo, a document");
    assert!(report.bytes > 0);
    assert!(!out.path().join(".shop.zip.partial").exists());

    let restored = restore(&archive, dst.path()).unwrap();
    assert_eq!(restored.files, 3);
    assert_eq!(restored.kept_aside, None);
    assert_eq!(get(dst.path(), "backup-test").as_deref(), Some("before"));
    assert_eq!(
        std::fs::read(dst.path().join("media/ab/abcdef/photo.jpg")).unwrap(),
        b"\xff\xd8 a photo"
    );
    assert!(
        !dst.path()
            .join("media/ab/abcdef/.photo.jpg.partial")
            .exists()
    );
    assert_eq!(
        std::fs::read(dst.path().join("documents/2026/INV-2026-0001.pdf")).unwrap(),
        b"%PDF-1.7"
    );
    // The restored database opens and is current.
    let reopened = Store::open(dst.path()).unwrap();
    reopened.close().await;
    store.close().await;
}

#[tokio::test]
async fn a_restore_keeps_the_current_data_aside() {
    let (src, out) = (tempdir(), tempdir());
    let store = shop(src.path()).await;
    let archive = out.path().join("shop.zip");
    create(src.path(), &archive).unwrap();
    put(&store, "backup-test", "newer").await;
    std::fs::write(src.path().join("media/ab/abcdef/new.jpg"), b"new").unwrap();
    store.close().await;

    let report = restore(&archive, src.path()).unwrap();
    let aside = report.kept_aside.expect("the current data kept aside");
    assert!(aside.starts_with(src.path()));
    assert_eq!(get(src.path(), "backup-test").as_deref(), Some("before"));
    assert!(!src.path().join("media/ab/abcdef/new.jpg").exists());
    assert_eq!(get(&aside, "backup-test").as_deref(), Some("newer"));
    assert!(aside.join("media/ab/abcdef/new.jpg").exists());
    assert!(aside.join("documents/2026/INV-2026-0001.pdf").exists());
}

#[tokio::test]
async fn a_damaged_archive_is_refused_before_anything_moves() {
    let (src, out) = (tempdir(), tempdir());
    let store = shop(src.path()).await;
    let archive = out.path().join("shop.zip");
    create(src.path(), &archive).unwrap();
    put(&store, "backup-test", "current").await;
    store.close().await;
    // The photo is stored uncompressed: flip one of its bytes inside the archive.
    let mut bytes = std::fs::read(&archive).unwrap();
    let at = bytes
        .windows(7)
        .position(|w| w == b"a photo")
        .expect("the photo's bytes");
    bytes[at] = b'A';
    std::fs::write(&archive, &bytes).unwrap();

    match restore(&archive, src.path()) {
        Err(BackupError::Checksum(what)) => assert!(what.contains("photo.jpg"), "{what}"),
        other => panic!("a damaged archive must be refused, got {other:?}"),
    }
    assert_eq!(get(src.path(), "backup-test").as_deref(), Some("current"));
    let leftovers: Vec<_> = std::fs::read_dir(src.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn a_restore_is_refused_while_an_engine_holds_the_store() {
    let (src, out) = (tempdir(), tempdir());
    let store = shop(src.path()).await;
    let archive = out.path().join("shop.zip");
    create(src.path(), &archive).unwrap();
    let lock = File::create(src.path().join(LOCK_FILE)).unwrap();
    lock.try_lock().unwrap();
    assert!(matches!(
        restore(&archive, src.path()),
        Err(BackupError::EngineRunning(_))
    ));
    drop(lock);
    store.close().await;
    restore(&archive, src.path()).unwrap();
}

#[test]
fn an_archive_naming_paths_outside_the_store_is_refused() {
    let (dst, out) = (tempdir(), tempdir());
    for evil in [
        "../evil.txt",
        "media/../../evil.txt",
        "/etc/evil",
        "spool/x",
    ] {
        let archive = out.path().join("evil.zip");
        let mut zip = ZipWriter::new(File::create(&archive).unwrap());
        let options = SimpleFileOptions::default();
        for name in [DB_FILE, evil] {
            zip.start_file(name, options).unwrap();
            zip.write_all(b"x").unwrap();
        }
        let manifest = Manifest {
            format: FORMAT,
            app_version: "0".into(),
            schema_version: 1,
            created_ms: 0,
            files: [DB_FILE, evil]
                .iter()
                .map(|p| ManifestFile {
                    path: p.to_string(),
                    size: 1,
                    sha256: crate::media::files::sha256_hex(b"x"),
                })
                .collect(),
        };
        zip.start_file(MANIFEST, options).unwrap();
        zip.write_all(&serde_json::to_vec(&manifest).unwrap())
            .unwrap();
        zip.finish().unwrap();
        match restore(&archive, dst.path()) {
            Err(BackupError::Archive(why)) => assert!(why.contains("may not"), "{evil}: {why}"),
            other => panic!("{evil} must be refused, got {other:?}"),
        }
        assert!(!dst.path().join(DB_FILE).exists());
    }
    assert!(!out.path().join("evil.txt").exists());
}

#[test]
fn a_backup_without_a_database_fails_and_leaves_no_file() {
    let (src, out) = (tempdir(), tempdir());
    let archive = out.path().join("shop.zip");
    assert!(matches!(
        create(src.path(), &archive),
        Err(BackupError::NoDatabase(_))
    ));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn a_failed_backup_is_explained_in_spanish() {
    let (store_dir, out) = (tempdir(), tempdir());
    let (no_database, unwritable) = crate::i18n::with_lang(crate::i18n::Lang::Es, || {
        let no_database = create(store_dir.path(), &out.path().join("a.zip"))
            .unwrap_err()
            .to_string();
        // A file where the folder should be: the folder cannot be created.
        let file = out.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let unwritable = create(store_dir.path(), &file.join("b.zip"))
            .unwrap_err()
            .to_string();
        (no_database, unwritable)
    });
    assert!(
        no_database.starts_with("no hay ninguna base de datos que respaldar en "),
        "{no_database}"
    );
    assert!(
        unwritable.starts_with(&format!(
            "no se puede crear {}: ",
            out.path().join("file").display()
        )),
        "{unwritable}"
    );
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}
