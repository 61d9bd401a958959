-- The `biz_opaque_callback_data` each status webhook carries back: the outbox sends
-- `shopchat:<message id>`, so a status ties to its message even when the send's answer (and with
-- it the wamid) was lost to a timeout or a cut connection.
ALTER TABLE message_statuses ADD COLUMN callback_data TEXT;
CREATE INDEX message_statuses_by_callback ON message_statuses (callback_data)
    WHERE callback_data IS NOT NULL;
