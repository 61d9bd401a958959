-- The recipient on each outbox row, so the worker can keep each customer's messages in order
-- while it sends to several customers at once.
ALTER TABLE outbox ADD COLUMN contact TEXT;
UPDATE outbox SET contact = (SELECT contact FROM messages WHERE messages.id = outbox.message_id);
CREATE INDEX outbox_open_by_contact ON outbox (contact, message_id)
    WHERE state IN ('pending', 'in_flight');
