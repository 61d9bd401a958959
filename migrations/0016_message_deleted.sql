-- A failed message the owner deleted from the chat: kept (documents, bot replies and
-- broadcasts may point at it) but no longer listed, its text out of the search index.
ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
