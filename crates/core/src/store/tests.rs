use super::*;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

#[tokio::test]
async fn opens_with_the_expected_pragmas_and_schema() {
    let (_dir, store) = open();
    let (mode, fk, version): (String, i64, u32) = store
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT foreign_keys FROM pragma_foreign_keys), (SELECT user_version FROM pragma_user_version)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert_eq!(version, latest_version());
    store.close().await;
}

#[tokio::test]
async fn reopening_is_a_no_op_and_a_newer_database_is_refused() {
    let (dir, store) = open();
    store.close().await;
    let store = Store::open(dir.path()).unwrap();
    store.close().await;

    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);
    match Store::open(dir.path()) {
        Err(StoreError::TooNew {
            found: 999,
            supported,
        }) => assert_eq!(supported, latest_version()),
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a newer database must be refused"),
    }
}

#[tokio::test]
async fn a_failing_job_does_not_spoil_its_batch() {
    let (_dir, store) = open();
    let w = store.writer().clone();
    // Many concurrent jobs share batches; every third fails half-way through.
    let mut handles = Vec::new();
    for i in 0..300i64 {
        let w = w.clone();
        handles.push(tokio::spawn(async move {
            w.call(move |ctx| {
                ctx.conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, 'x')",
                    [format!("k{i}")],
                )?;
                if i % 3 == 0 {
                    return Err(StoreError::Corrupt("refused".into()));
                }
                Ok(i)
            })
            .await
        }));
    }
    let mut ok = 0;
    for h in handles {
        if h.await.unwrap().is_ok() {
            ok += 1;
        }
    }
    assert_eq!(ok, 200);
    let stored: i64 = store
        .read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM meta WHERE key LIKE 'k%'", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .await
        .unwrap();
    assert_eq!(
        stored, 200,
        "failed jobs' writes are rolled back, the others kept"
    );
    store.close().await;
}

#[tokio::test]
async fn a_panicking_job_is_an_error_not_a_dead_writer() {
    let (_dir, store) = open();
    let r: Result<(), _> = store.writer().call(|_| panic!("boom")).await;
    assert!(matches!(r, Err(StoreError::Panicked)));
    let n = store
        .writer()
        .call(|ctx| Ok(ctx.conn.execute("INSERT INTO meta VALUES ('a', 'b')", [])?))
        .await;
    assert_eq!(n.unwrap(), 1);
    store.close().await;
}

#[tokio::test]
async fn concurrent_jobs_are_grouped_into_few_commits() {
    let (_dir, store) = open();
    // Hold the writer busy so that the jobs behind it queue up.
    let w = store.writer().clone();
    let blocker = tokio::spawn(async move {
        w.call(|_| {
            std::thread::sleep(std::time::Duration::from_millis(200));
            Ok(())
        })
        .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let before = store.writer().stats();
    let mut handles = Vec::new();
    for i in 0..100 {
        let w = store.writer().clone();
        handles.push(tokio::spawn(async move {
            w.call(move |ctx| {
                Ok(ctx
                    .conn
                    .execute("INSERT INTO meta VALUES (?1, 'v')", [format!("g{i}")])?)
            })
            .await
        }));
    }
    blocker.await.unwrap().unwrap();
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let after = store.writer().stats();
    assert_eq!(after.jobs - before.jobs, 101);
    let commits = after.commits - before.commits;
    assert!(commits <= 4, "101 jobs took {commits} commits");
    store.close().await;
}

#[tokio::test]
async fn writes_after_close_fail_cleanly() {
    let (_dir, store) = open();
    store.close().await;
    let r = store.writer().call(|_| Ok(())).await;
    assert!(matches!(r, Err(StoreError::Closed)));
}

#[tokio::test]
async fn a_transaction_rolled_back_under_the_batch_loses_nothing_acknowledged() {
    let (_dir, store) = open();
    let w = store.writer().clone();
    // One job ends the transaction the way SQLite does on a full disk or an I/O error. Every
    // caller that was told "ok" must find its row, and no caller told "failed" may find one.
    let mut handles = Vec::new();
    for i in 0..200i64 {
        let w = w.clone();
        handles.push(tokio::spawn(async move {
            let outcome = w
                .call(move |ctx| {
                    ctx.conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?1, 'x')",
                        [format!("r{i}")],
                    )?;
                    if i == 50 {
                        ctx.conn.execute_batch("ROLLBACK")?;
                        return Err(StoreError::Corrupt("disk I/O error".into()));
                    }
                    Ok(())
                })
                .await;
            (i, outcome.is_ok())
        }));
    }
    let mut answers = Vec::new();
    for h in handles {
        answers.push(h.await.unwrap());
    }
    assert!(answers.iter().any(|(i, ok)| *i == 50 && !ok));
    for (i, ok) in answers {
        let key = format!("r{i}");
        let stored: i64 = store
            .read(move |c| {
                Ok(
                    c.query_row("SELECT count(*) FROM meta WHERE key = ?1", [key], |r| {
                        r.get(0)
                    })?,
                )
            })
            .await
            .unwrap();
        assert_eq!(
            stored,
            i64::from(ok),
            "job {i}: answered ok={ok}, stored {stored}"
        );
    }
    // And the writer goes on.
    w.call(|ctx| {
        Ok(ctx
            .conn
            .execute("INSERT INTO meta (key, value) VALUES ('after', 'x')", [])?)
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn the_wal_is_checkpointed_off_the_writer() {
    let (dir, store) = open();
    let db = dir.path().join(DB_FILE);
    let before = std::fs::metadata(&db).unwrap().len();
    for i in 0..50 {
        store
            .writer()
            .call(move |ctx| {
                for j in 0..10 {
                    ctx.conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                        rusqlite::params![format!("w{i}.{j}"), "x".repeat(1000)],
                    )?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }
    // Far below the writer's own automatic checkpoint: only the checkpoint thread moves the
    // pages from the WAL into the database file.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let now = std::fs::metadata(&db).unwrap().len();
        if now > before + 300_000 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the database file stayed at {now} bytes (from {before})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    store.close().await;
}

#[tokio::test]
async fn each_customer_gets_their_messages_in_order_while_others_go_ahead() {
    use super::{messages, outbox};
    let (_dir, store) = open();
    let ids = store
        .writer()
        .call(|ctx| {
            let mut ids = Vec::new();
            for (to, text) in [
                ("15550100001", "a1"),
                ("15550100001", "a2"),
                ("15550100002", "b1"),
            ] {
                super::contacts::upsert(ctx.conn, to, None, None)?;
                let id =
                    messages::insert_outbound(ctx.conn, to, "text", Some(text), "{}", 1, None)?;
                outbox::insert(ctx.conn, id, to, "{}")?;
                ids.push(id);
            }
            Ok(ids)
        })
        .await
        .unwrap();
    let claim = |store: &Store| {
        let store = store.clone();
        async move {
            store
                .writer()
                .call(|ctx| outbox::claim_next(ctx.conn, super::now_ms() + 1000))
                .await
                .unwrap()
                .map(|c| c.message_id)
        }
    };
    assert_eq!(claim(&store).await, Some(ids[0]));
    // a2 waits behind a1 (in flight); b1 goes ahead.
    assert_eq!(claim(&store).await, Some(ids[2]));
    assert_eq!(claim(&store).await, None);
    let first = ids[0];
    store
        .writer()
        .call(move |ctx| outbox::finish(ctx.conn, first, "done", None))
        .await
        .unwrap();
    assert_eq!(claim(&store).await, Some(ids[1]));
}

#[test]
fn the_store_errors_are_said_in_spanish() {
    let (dir, _store) = open();
    let conn = open_connection(&dir.path().join(DB_FILE), true).unwrap();
    let (missing, aborted) = crate::i18n::with_lang(crate::i18n::Lang::Es, || {
        (
            messages::get(&conn, 999).unwrap_err().to_string(),
            StoreError::Aborted.to_string(),
        )
    });
    assert_eq!(missing, "no se encontró: el mensaje 999");
    assert_eq!(
        aborted,
        "la base de datos deshizo la escritura (¿disco lleno o error de E/S?)"
    );
    // English stays the default.
    assert_eq!(
        messages::get(&conn, 999).unwrap_err().to_string(),
        "not found: message 999"
    );
}
