-- The shop's everyday workspace around a contact: labels, notes, the owner's own name for the
-- contact, pin / archive / marked unread / blocked, and saved (quick) replies.

-- The name the owner gives; shown instead of the profile name when set.
ALTER TABLE contacts ADD COLUMN custom_name TEXT;
-- Unix milliseconds; NULL when not pinned / not archived / not blocked.
ALTER TABLE contacts ADD COLUMN pinned_at INTEGER;
ALTER TABLE contacts ADD COLUMN archived_at INTEGER;
ALTER TABLE contacts ADD COLUMN blocked_at INTEGER;
-- "Mark as unread": shown as unread even when every message has been read.
ALTER TABLE contacts ADD COLUMN marked_unread INTEGER NOT NULL DEFAULT 0;

CREATE TABLE labels (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    -- #rrggbb
    color      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE contact_labels (
    wa_id    TEXT    NOT NULL REFERENCES contacts (wa_id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (wa_id, label_id)
) STRICT;
CREATE INDEX contact_labels_by_label ON contact_labels (label_id, wa_id);

CREATE TABLE contact_notes (
    id         INTEGER PRIMARY KEY,
    wa_id      TEXT    NOT NULL REFERENCES contacts (wa_id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX contact_notes_by_contact ON contact_notes (wa_id, id);

CREATE TABLE quick_replies (
    id         INTEGER PRIMARY KEY,
    -- Without the slash; lower case letters, digits, - and _.
    shortcut   TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    text       TEXT    NOT NULL,
    -- A file copied into the media dir (relative name), its MIME type and shown name.
    file_name  TEXT,
    file_mime  TEXT,
    file_path  TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
