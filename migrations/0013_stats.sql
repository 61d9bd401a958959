-- Indexes for the statistics (crates/core/src/stats): every figure reads a date range of
-- messages, so each is a covering index led by the message's time.

-- Per day in and out, the busiest hours, the delivery/read/failure rates.
CREATE INDEX messages_stats_time ON messages (timestamp, direction, status, type);
-- First-response times: a contact's messages in order, with who wrote and whether a person did.
CREATE INDEX messages_stats_contact_time ON messages (contact, timestamp, direction, auto, type);
-- Documents issued per month.
CREATE INDEX documents_by_created ON documents (created_at, status);
