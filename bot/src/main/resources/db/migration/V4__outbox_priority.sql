-- Outbox priority: messages of campaign and connectivity incidents ('urgent') may pass other
-- incidents' messages in their channel; each incident's own messages still go in id order.
-- Rows queued before this version read as 'normal' (the default fills them in).
ALTER TABLE outbox ADD COLUMN priority VARCHAR(8) DEFAULT 'normal' NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_priority CHECK (priority IN ('urgent', 'normal'));

-- heads(): the oldest pending message of each (channel, incident), MIN(id) per group, read from
-- the index alone. It replaces the per-channel index of V1, which no query uses any more.
CREATE INDEX outbox_status_channel_incident_id ON outbox (status, channel, incident, id);
DROP INDEX outbox_status_channel_id;
