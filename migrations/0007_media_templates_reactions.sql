-- Files of media messages both ways, the reactions on messages, and the synced templates.

-- One row per image / video / audio / document / sticker message.
-- Inbound: `media_id` is Meta's id to download; the file is fetched as soon as the webhook is
-- applied, retried with backoff, and kept under the data dir by content hash.
-- Outbound: `path` is our copy of the attached file; `media_id` is set once it is uploaded.
CREATE TABLE media (
    message_id      INTEGER PRIMARY KEY REFERENCES messages (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document', 'sticker')),
    media_id        TEXT,
    mime_type       TEXT,
    -- Hex sha256: as declared by Meta (inbound) until the file is verified, then of the file.
    sha256          TEXT,
    size            INTEGER,
    -- A sanitised name, safe to show and to save under.
    filename        TEXT,
    -- Relative to the media dir; set once the file is on disk.
    path            TEXT,
    voice           INTEGER NOT NULL DEFAULT 0,
    animated        INTEGER NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'downloading', 'uploading', 'ready', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX media_due ON media (next_attempt_at) WHERE state IN ('pending', 'downloading');

-- The latest reaction of each side on a message (an empty emoji removes it).
CREATE TABLE reactions (
    target_wamid TEXT    NOT NULL,
    direction    TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    emoji        TEXT    NOT NULL,
    timestamp    INTEGER NOT NULL,
    PRIMARY KEY (target_wamid, direction)
) STRICT;

-- Message templates as last synced from Meta (`GET /{waba-id}/message_templates`).
CREATE TABLE templates (
    name      TEXT    NOT NULL,
    language  TEXT    NOT NULL,
    id        TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    category  TEXT,
    -- The template object as Meta sent it.
    raw       TEXT    NOT NULL,
    synced_at INTEGER NOT NULL,
    PRIMARY KEY (name, language)
) STRICT;

-- A reaction is stored as a message (its wamid dedups redeliveries) but shown on the message it
-- reacts to, not as a message of its own: the chat list's latest message skips reactions.
DROP TRIGGER contacts_last_message;
CREATE TRIGGER contacts_last_message AFTER INSERT ON messages WHEN new.type != 'reaction' BEGIN
    UPDATE contacts SET last_message_id = new.id WHERE wa_id = new.contact;
END;
