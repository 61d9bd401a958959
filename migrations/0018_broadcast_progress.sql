-- A broadcast's recipients' latest change, read a few times a second for the UI's progress
-- (statuses and replies keep arriving for days after the last send).
CREATE INDEX broadcast_recipients_changed ON broadcast_recipients (broadcast_id, updated_at);
