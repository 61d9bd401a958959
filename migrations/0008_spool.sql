-- Webhooks are first written to the spool (append-only segment files under the data dir, one
-- fdatasync per group of requests) and answered 200; the spool's mover then copies them into
-- `webhook_events`. `seq` is the last spool record copied, written in the same transaction as
-- the rows, so a record is copied exactly once whatever stops the app.
CREATE TABLE spool_cursor (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
) STRICT;
INSERT INTO spool_cursor (id, seq) VALUES (1, 0);
