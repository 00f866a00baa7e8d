-- Storm-proof delivery (issue 13): group wait, coalesced edits and thread digests.
--
-- held_until: the group wait of a site's own new incident; nothing of that incident goes to the
--   channel before it (NULL: not held). Unlike not_before it holds the incident, not the channel.
-- reply_at: when the message's line may go to the thread (its queueing time, or the end of its
--   digest slot for a member change); rows queued before this version read NULL as created_at.
-- member_name, member_state: for a member change, what the digest says ("12 more sites DOWN: ...").
-- if_announced: withdrawn, with everything queued before it, where the incident was never posted.
-- card_shown: a later revision's card was shown in its place; only its line still waits.
ALTER TABLE outbox ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN reply_at TIMESTAMP WITH TIME ZONE;
UPDATE outbox SET reply_at = created_at;
ALTER TABLE outbox ADD COLUMN member_name VARCHAR;
ALTER TABLE outbox ADD COLUMN member_state VARCHAR;
ALTER TABLE outbox ADD COLUMN if_announced BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE outbox ADD COLUMN card_shown BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE outbox ALTER COLUMN status SET DATA TYPE VARCHAR(16);
ALTER TABLE delivery_log ALTER COLUMN outcome SET DATA TYPE VARCHAR(16);
-- 'superseded': a later revision was delivered in its place (its line with it, or in a digest).
ALTER TABLE outbox DROP CONSTRAINT outbox_status;
ALTER TABLE outbox ADD CONSTRAINT outbox_status CHECK (status IN ('pending', 'sent', 'failed', 'superseded'));
-- 'superseded' as above; 'shown': its card was shown by a later revision, its line waits.
ALTER TABLE delivery_log DROP CONSTRAINT delivery_log_outcome;
ALTER TABLE delivery_log ADD CONSTRAINT delivery_log_outcome
    CHECK (outcome IN ('sent', 'retry', 'failed', 'superseded', 'shown'));

-- heads(now): MIN(id) per channel and priority among the due pending rows, read from this index
-- alone (the due conditions are on its last columns), not from the table; it replaces V4's
-- (status, priority, channel, id), which it starts with.
DROP INDEX outbox_status_priority_channel_id;
CREATE INDEX outbox_due ON outbox (status, priority, channel, id, held_until, card_shown, reply_at);
-- One incident's pending messages in one channel (a lane), read whole to coalesce them.
CREATE INDEX outbox_lane ON outbox (incident, channel, status, id);
-- The channels' holds: pending messages that failed at least once.
CREATE INDEX outbox_status_attempts ON outbox (status, attempts);
