-- Outbox priority: messages of campaign and connectivity incidents ('urgent') may pass other
-- incidents' messages in their channel; each incident's own messages still go in id order.
-- Rows queued before this version read as 'normal' (the default fills them in).
ALTER TABLE outbox ADD COLUMN priority VARCHAR(8) DEFAULT 'normal' NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_priority CHECK (priority IN ('urgent', 'normal'));

-- heads(): besides each channel's oldest pending message (V1's index on (status, channel, id)),
-- its oldest urgent one, MIN(id) per channel, read from this index alone.
CREATE INDEX outbox_status_priority_channel_id ON outbox (status, priority, channel, id);
