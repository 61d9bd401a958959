-- Full-text search over message text (bodies and captions): an FTS5 index over `messages.text`,
-- kept in step by triggers. unicode61 with diacritics removed, so "cafe" finds "café".

CREATE VIRTUAL TABLE messages_fts USING fts5(
    text,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    -- Prefix indexes: search-as-you-type asks for the last word as a prefix.
    prefix = '2 3'
);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.text IS NOT NULL BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.text IS NOT NULL BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text)
        SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
    INSERT INTO messages_fts (rowid, text)
        SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;

-- Messages stored before this migration.
INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE text IS NOT NULL;
