-- Retention: journaled webhook bodies are pruned once applied and old. A message keeps the id of
-- the event it came in (NULL once the event is pruned); this index keeps that lookup, and the
-- foreign key check on each pruned event, from scanning every message.
CREATE INDEX messages_webhook_event ON messages (webhook_event_id) WHERE webhook_event_id IS NOT NULL;
-- Finished outbox rows by age.
CREATE INDEX outbox_finished ON outbox (updated_at) WHERE state IN ('done', 'failed');
-- Applied events by age.
CREATE INDEX webhook_events_applied ON webhook_events (applied_at) WHERE applied_at IS NOT NULL;
