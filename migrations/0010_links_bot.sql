-- The shop's customer records, the links between a record and a WhatsApp contact proven in the
-- chat with a one-time code, their audit trail, and the bot's per-contact state and settings.

-- A record has at most one linked contact, a contact at most one record.
CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    -- The shop's own reference (customer number), unique when given.
    ref        TEXT    UNIQUE COLLATE NOCASE,
    email      TEXT,
    phone      TEXT,
    notes      TEXT,
    wa_id      TEXT    UNIQUE REFERENCES contacts (wa_id),
    linked_at  INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((wa_id IS NULL) = (linked_at IS NULL))
) STRICT;

-- At most one live code per record (a new one replaces it); only its SHA-256 is kept.
CREATE TABLE link_codes (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    code_hash   TEXT    NOT NULL UNIQUE,
    expires_at  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;

-- Failed `link CODE` attempts, per number, for the lockout.
CREATE TABLE link_failures (
    wa_id TEXT    NOT NULL,
    at    INTEGER NOT NULL
) STRICT;
CREATE INDEX link_failures_by_number ON link_failures (wa_id, at);

CREATE TABLE link_lockouts (
    wa_id TEXT PRIMARY KEY,
    until INTEGER NOT NULL
) STRICT;

-- "link" with no code: waits for the owner to choose the record.
CREATE TABLE link_requests (
    id           INTEGER PRIMARY KEY,
    wa_id        TEXT    NOT NULL REFERENCES contacts (wa_id),
    profile_name TEXT,
    text         TEXT    NOT NULL,
    message_id   INTEGER NOT NULL UNIQUE REFERENCES messages (id),
    created_at   INTEGER NOT NULL,
    resolved_at  INTEGER,
    customer_id  INTEGER REFERENCES customers (id)
) STRICT;
CREATE INDEX link_requests_open ON link_requests (resolved_at, id);

-- Append-only: requested, code_issued, linked, failed_attempt, locked, approved, unlinked...
CREATE TABLE link_audit (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER,
    wa_id       TEXT,
    event       TEXT    NOT NULL,
    -- 'owner' (the app), 'cli', 'customer' (from the chat), 'bot'.
    actor       TEXT    NOT NULL,
    detail      TEXT,
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX link_audit_by_customer ON link_audit (customer_id, id);
CREATE TRIGGER link_audit_no_update BEFORE UPDATE ON link_audit
BEGIN
    SELECT RAISE(ABORT, 'the link audit trail is append-only');
END;
CREATE TRIGGER link_audit_no_delete BEFORE DELETE ON link_audit
BEGIN
    SELECT RAISE(ABORT, 'the link audit trail is append-only');
END;

-- What the bot remembers about a contact: their language, a mute, a pending unlink
-- confirmation, its last automatic reply (the rate limit), when it greeted them.
CREATE TABLE bot_contacts (
    wa_id           TEXT PRIMARY KEY REFERENCES contacts (wa_id),
    lang            TEXT CHECK (lang IN ('en', 'es')),
    muted           INTEGER NOT NULL DEFAULT 0,
    unlink_asked_at INTEGER,
    last_auto_at    INTEGER,
    greeted_at      INTEGER
) STRICT;

-- The bot's settings (switch, texts, hours, greeting, away, keyword rules) as one JSON row, read
-- in the transaction that answers a message.
CREATE TABLE bot_config (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
) STRICT;

-- An automatic reply is marked as such in the chat; each inbound reply is classified.
ALTER TABLE messages ADD COLUMN auto INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN class TEXT;
-- The class of the contact's latest classified reply, for the chat list's filter.
ALTER TABLE contacts ADD COLUMN last_class TEXT;
