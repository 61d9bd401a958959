-- The templates studio: what webhooks and syncs say about a template beyond its content, and
-- the edits of approved templates (Meta allows one per 24 hours and ten per 30 days).

-- GREEN, YELLOW, RED or UNKNOWN, from `message_template_quality_update` (or a sync that has it).
ALTER TABLE templates ADD COLUMN quality TEXT;
-- Why it was rejected, paused or disabled, in Meta's words; NULL when nothing is wrong.
ALTER TABLE templates ADD COLUMN rejected_reason TEXT;
-- When its status, quality or category last changed (unix ms).
ALTER TABLE templates ADD COLUMN updated_at INTEGER;

-- One row per edit the app made of a template Meta had approved.
CREATE TABLE template_edits (
    template_id TEXT    NOT NULL,
    edited_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX template_edits_by_template ON template_edits (template_id, edited_at);
