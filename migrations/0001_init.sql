-- The first schema: contacts, messages, statuses, the webhook journal and the outbox.
-- Times: *_at columns in unix milliseconds, message `timestamp` in unix seconds (as the Cloud API).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Every webhook body with a valid signature, committed before Meta gets its 200.
CREATE TABLE webhook_events (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    -- NULL until the inbox has applied the event.
    applied_at  INTEGER,
    -- 'applied', 'ignored' (nothing the app handles yet) or 'error' (see detail).
    outcome     TEXT CHECK (outcome IN ('applied', 'ignored', 'error')),
    detail      TEXT
) STRICT;
CREATE INDEX webhook_events_pending ON webhook_events (id) WHERE applied_at IS NULL;

CREATE TABLE contacts (
    wa_id           TEXT PRIMARY KEY,
    name            TEXT,
    user_id         TEXT,
    unread          INTEGER NOT NULL DEFAULT 0,
    -- Unix seconds of the customer's latest message: the 24-hour window starts there.
    last_inbound_at INTEGER,
    -- Unix seconds of the latest message either way: the chat list's order.
    last_message_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_recent ON contacts (last_message_at DESC);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    wamid            TEXT UNIQUE,
    contact          TEXT    NOT NULL REFERENCES contacts (wa_id),
    direction        TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    type             TEXT    NOT NULL,
    text             TEXT,
    -- Inbound: the message object as received. Outbound: the payload sent.
    raw              TEXT,
    -- Inbound: 'received'. Outbound: queued, sending, sent, delivered, read, played, failed, unknown.
    status           TEXT    NOT NULL,
    timestamp        INTEGER NOT NULL,
    status_at        INTEGER,
    reply_to         TEXT,
    error_code       INTEGER,
    error_subcode    INTEGER,
    error_title      TEXT,
    error_message    TEXT,
    error_details    TEXT,
    error_fbtrace_id TEXT,
    webhook_event_id INTEGER REFERENCES webhook_events (id)
) STRICT;
CREATE INDEX messages_by_contact ON messages (contact, id);

-- Every status webhook, kept even when it arrives before the send's answer told us the wamid.
CREATE TABLE message_statuses (
    wamid         TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    timestamp     INTEGER NOT NULL,
    error_code    INTEGER,
    error_title   TEXT,
    error_message TEXT,
    error_details TEXT,
    raw           TEXT    NOT NULL,
    PRIMARY KEY (wamid, status)
) STRICT;

-- Every send is a row here first; the worker drains it.
CREATE TABLE outbox (
    message_id      INTEGER PRIMARY KEY REFERENCES messages (id),
    payload         TEXT    NOT NULL,
    -- pending, in_flight, done, failed, unknown (in flight when the app stopped).
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'unknown')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
