-- Exactly one chat message per alert across crashes (issue 14).
--
-- outbox_in_flight: the one delivery a lane (an incident in a channel) has in flight: written
-- and committed before the platform is called, removed in the transaction that records the
-- outcome. A row found at the next attempt means the earlier call may have happened (the process
-- died or the answer was lost): that delivery is made again exactly as recorded, and the notifier
-- looks on the platform for what it already did (by attempt_key) before doing it again.
--   lead_id:      the outbox message whose card the delivery shows
--   attempt_key:  sent with every call of the delivery (Slack message metadata, Discord nonce)
--   message_ref:  the platform message the delivery edits; NULL for a first post
--   lines_json, mentions_json, edit_card: the rest of the delivery, as planned
--   settlements_json: what the delivery does to the lane's messages once it is done
CREATE TABLE outbox_in_flight (
    incident         BIGINT NOT NULL REFERENCES incidents (number),
    channel          VARCHAR NOT NULL,
    lead_id          BIGINT NOT NULL REFERENCES outbox (id),
    attempt_key      VARCHAR(200) NOT NULL,
    message_ref      VARCHAR,
    edit_card        BOOLEAN NOT NULL,
    lines_json       VARCHAR NOT NULL,
    mentions_json    VARCHAR NOT NULL,
    settlements_json VARCHAR NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident, channel)
);

-- H2 caches 32 sequence values by default and loses the unused ones when the process is killed,
-- so incident numbers jumped by 32 after each crash (INC-3, then INC-35). One at a time costs a
-- write per incident, which is nothing next to the incident's own.
ALTER SEQUENCE incident_numbers CACHE 1;
ALTER SEQUENCE mute_numbers CACHE 1;
