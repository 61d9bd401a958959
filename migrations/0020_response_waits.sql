-- First-response times (crates/core/src/stats/response.rs): each wait of a customer for a person
-- at the shop, kept as it ends, so a figure over a year reads that year's waits, not every
-- message of it. A wait starts at the customer's first message since the shop's last word by a
-- person, and ends at the shop's next message by a person (not the bot's). Kept by triggers in
-- the transaction of the message's insert; the imported history and reactions never count.

-- The customers waiting now, since when (unix seconds).
CREATE TABLE stats_waiting (
    contact TEXT PRIMARY KEY,
    since   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Each ended wait, by the message that ended it.
CREATE TABLE response_waits (
    message_id  INTEGER PRIMARY KEY,
    contact     TEXT    NOT NULL,
    asked_at    INTEGER NOT NULL,
    answered_at INTEGER NOT NULL
) STRICT;
CREATE INDEX response_waits_by_answer ON response_waits (answered_at, asked_at);

-- The waits of the messages already stored, worked out once: per customer, in time order, each
-- stretch that ends at a person's message (`seg` counts the person's messages before a row).
-- Every stretch but a customer's last ends with one; a last one without it is a customer waiting
-- now.
CREATE TEMP TABLE stored_waits AS
WITH m AS (
    SELECT id, contact, timestamp, direction = 'in' AS inbound,
           direction = 'out' AND auto = 0 AS person
    FROM messages WHERE type != 'reaction' AND imported = 0
), s AS (
    SELECT *, coalesce(sum(person) OVER (PARTITION BY contact ORDER BY timestamp, id
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS seg
    FROM m
)
SELECT contact, min(CASE WHEN inbound THEN timestamp END) AS asked,
       max(CASE WHEN person THEN id END) AS answer,
       max(CASE WHEN person THEN timestamp END) AS answered
FROM s GROUP BY contact, seg;

INSERT INTO response_waits (message_id, contact, asked_at, answered_at)
SELECT answer, contact, asked, answered FROM stored_waits
WHERE asked IS NOT NULL AND answer IS NOT NULL AND asked <= answered;

INSERT INTO stats_waiting (contact, since)
SELECT contact, asked FROM stored_waits WHERE asked IS NOT NULL AND answer IS NULL;

DROP TABLE stored_waits;

CREATE TRIGGER response_waits_asked AFTER INSERT ON messages
WHEN new.direction = 'in' AND new.type != 'reaction' AND new.imported = 0 BEGIN
    INSERT INTO stats_waiting (contact, since) VALUES (new.contact, new.timestamp)
    ON CONFLICT (contact) DO UPDATE SET since = min(since, excluded.since);
END;

CREATE TRIGGER response_waits_answered AFTER INSERT ON messages
WHEN new.direction = 'out' AND new.auto = 0 AND new.type != 'reaction' AND new.imported = 0 BEGIN
    INSERT INTO response_waits (message_id, contact, asked_at, answered_at)
    SELECT new.id, contact, since, new.timestamp FROM stats_waiting
    WHERE contact = new.contact AND since <= new.timestamp;
    DELETE FROM stats_waiting WHERE contact = new.contact AND since <= new.timestamp;
END;

-- The bot's replies are stored, then marked automatic in the same transaction: that was no
-- person's answer, so the customer is waiting again.
CREATE TRIGGER response_waits_automatic AFTER UPDATE OF auto ON messages
WHEN old.auto = 0 AND new.auto = 1 BEGIN
    INSERT INTO stats_waiting (contact, since)
    SELECT contact, asked_at FROM response_waits WHERE message_id = new.id
    ON CONFLICT (contact) DO UPDATE SET since = min(since, excluded.since);
    DELETE FROM response_waits WHERE message_id = new.id;
END;

-- A message taken back (a broadcast's send requeued before it went out) ended no wait either.
CREATE TRIGGER response_waits_deleted AFTER DELETE ON messages BEGIN
    INSERT INTO stats_waiting (contact, since)
    SELECT contact, asked_at FROM response_waits WHERE message_id = old.id
    ON CONFLICT (contact) DO UPDATE SET since = min(since, excluded.since);
    DELETE FROM response_waits WHERE message_id = old.id;
END;

-- The templates figure reads the shop's templates of a range, not every message of it.
CREATE INDEX messages_templates_sent ON messages (timestamp) WHERE direction = 'out' AND type = 'template';
