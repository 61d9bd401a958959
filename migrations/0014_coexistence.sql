-- One number on the phone and in Shopchat (coexistence with the WhatsApp Business app).

-- Where a shop's message came from: 'phone' for what the owner sent from the WhatsApp Business
-- app (an `smb_message_echoes` webhook, or a message of the imported history); NULL otherwise.
ALTER TABLE messages ADD COLUMN origin TEXT CHECK (origin IN ('phone'));
-- A message of the imported history (either way): stored, never answered, never notified.
ALTER TABLE messages ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;

-- The phone's address book (`smb_app_state_sync`): the name the owner saved a number under is
-- shown before the WhatsApp profile name. Kept apart from `contacts` so that the address book's
-- hundreds of numbers do not become empty chats; a removal deletes the row.
CREATE TABLE phone_contacts (
    wa_id      TEXT PRIMARY KEY,
    full_name  TEXT NOT NULL,
    first_name TEXT,
    -- Unix seconds of the change Meta reported: an older change never undoes a newer one.
    changed_at INTEGER NOT NULL
) STRICT;

-- Imported history arrives out of order and older than what is already stored: chats are shown
-- in the order of the messages' times, and a chat's latest message is the latest in time.
CREATE INDEX messages_by_contact_time ON messages (contact, timestamp, id);
DROP TRIGGER contacts_last_message;
CREATE TRIGGER contacts_last_message AFTER INSERT ON messages WHEN new.type != 'reaction' BEGIN
    UPDATE contacts SET last_message_id = new.id
    WHERE wa_id = new.contact
      AND (last_message_id IS NULL
           OR new.timestamp >= coalesce((SELECT timestamp FROM messages WHERE id = last_message_id), 0));
END;

-- How the one-time history import is going, per business number.
CREATE TABLE history_sync (
    phone_number_id TEXT PRIMARY KEY,
    phase           INTEGER,
    progress        INTEGER NOT NULL DEFAULT 0,
    messages        INTEGER NOT NULL DEFAULT 0,
    -- Set when the business declined to share its history (code 2593109) or Meta failed.
    error_code      INTEGER,
    error_title     TEXT,
    updated_at      INTEGER NOT NULL
) STRICT;
