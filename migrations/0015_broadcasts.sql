-- Broadcasts: one template sent to an audience, one row per recipient; and the contacts'
-- marketing opt-out (a customer who wrote STOP / BAJA, or Meta's 131050).

ALTER TABLE contacts ADD COLUMN opted_out_at INTEGER;
-- How: 'keyword' (they wrote STOP...), 'meta' (131050), 'owner' (set in the app), 'sandbox'.
ALTER TABLE contacts ADD COLUMN opted_out_via TEXT;

CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    template      TEXT    NOT NULL,
    lang          TEXT    NOT NULL,
    -- MARKETING, UTILITY, AUTHENTICATION, as synced.
    category      TEXT    NOT NULL,
    -- The audience as asked: {"kind":"csv","file":...} / {"kind":"all"} / ...
    audience      TEXT    NOT NULL,
    -- Which value fills each template parameter: JSON list of {"column":..} / {"field":..}.
    params        TEXT    NOT NULL,
    -- The audience check shown before sending (invalid rows, duplicates, opted out...), JSON.
    audience_check TEXT   NOT NULL,
    -- scheduled, running, paused, completed, cancelled.
    state         TEXT    NOT NULL CHECK (state IN ('scheduled', 'running', 'paused', 'completed', 'cancelled')),
    -- Why it is paused (by the owner, or Meta's answer), in words.
    reason        TEXT,
    -- Unix ms it may start; a scheduled one found past due at start-up waits for confirmation.
    start_at      INTEGER NOT NULL,
    -- 1 once the owner confirmed a missed schedule (or it was not missed).
    confirmed     INTEGER NOT NULL DEFAULT 1,
    -- Messages per second at most (slowed by 130429 / 131056), and until when slowed.
    rate          INTEGER NOT NULL,
    slowed_until  INTEGER,
    created_at    INTEGER NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER,
    updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX broadcasts_open ON broadcasts (state) WHERE state IN ('scheduled', 'running');

CREATE TABLE broadcast_recipients (
    id           INTEGER PRIMARY KEY,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    -- The row number in the CSV file (the header is row 1), or NULL for a contact audience.
    row_no       INTEGER,
    wa_id        TEXT    NOT NULL,
    -- The template's parameter values, JSON list of strings.
    params       TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'queued', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped')),
    -- Meta's error code and reason in words (failed), or why skipped.
    error_code   INTEGER,
    reason       TEXT,
    -- The outbox message, once queued (same transaction).
    message_id   INTEGER UNIQUE REFERENCES messages (id),
    queued_at    INTEGER,
    -- The customer's first reply after it (its class is in messages.class).
    reply_id     INTEGER REFERENCES messages (id),
    -- 1 when queued outside the customer's 24-hour window: counts against the messaging limit.
    business_initiated INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL,
    UNIQUE (broadcast_id, wa_id)
) STRICT;
CREATE INDEX broadcast_recipients_next ON broadcast_recipients (broadcast_id, state, id);
CREATE INDEX broadcast_recipients_by_number ON broadcast_recipients (wa_id, queued_at);
