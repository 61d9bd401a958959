-- The statistics' counts per quarter of an hour (crates/core/src/stats): messages per day, the
-- busiest hours and the delivery / read / failure rates read these few rows per day instead of
-- every message of the range. Every time zone's offset is a multiple of 15 minutes, so a quarter
-- falls within one local day and hour. Kept by triggers, in the transaction of the message's
-- insert, status change or deletion: the counts can never drift from the messages.
CREATE TABLE message_stats (
    -- Unix seconds / 900.
    bucket    INTEGER NOT NULL,
    direction TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (bucket, direction, status)
) STRICT, WITHOUT ROWID;

INSERT INTO message_stats (bucket, direction, status, n)
SELECT timestamp / 900, direction, status, count(*) FROM messages
WHERE type != 'reaction'
GROUP BY 1, 2, 3;

CREATE TRIGGER message_stats_insert AFTER INSERT ON messages WHEN new.type != 'reaction' BEGIN
    INSERT INTO message_stats (bucket, direction, status, n)
    VALUES (new.timestamp / 900, new.direction, new.status, 1)
    ON CONFLICT (bucket, direction, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER message_stats_delete AFTER DELETE ON messages WHEN old.type != 'reaction' BEGIN
    UPDATE message_stats SET n = n - 1
    WHERE bucket = old.timestamp / 900 AND direction = old.direction AND status = old.status;
END;

CREATE TRIGGER message_stats_update AFTER UPDATE OF timestamp, direction, status, type ON messages
WHEN old.timestamp IS NOT new.timestamp OR old.direction IS NOT new.direction
  OR old.status IS NOT new.status OR old.type IS NOT new.type BEGIN
    UPDATE message_stats SET n = n - 1
    WHERE old.type != 'reaction'
      AND bucket = old.timestamp / 900 AND direction = old.direction AND status = old.status;
    INSERT INTO message_stats (bucket, direction, status, n)
    SELECT new.timestamp / 900, new.direction, new.status, 1 WHERE new.type != 'reaction'
    ON CONFLICT (bucket, direction, status) DO UPDATE SET n = n + 1;
END;

