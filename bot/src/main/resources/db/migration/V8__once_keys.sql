-- Keys seen once across every node sharing the database (issue 15): a Slack request's verified
-- signature, so a replay or Slack's retry that reaches another node behind the load balancer is
-- recognised there (JdbcOnceKeys, the core's OnceKeys port).
--   key_hash:   SHA-256 of the key, lowercase hex (what the key is, e.g. a signature, never stored)
--   expires_at: until when (inclusive) the key counts as seen; a later row is replaced, and
--               expired rows are deleted in small batches now and then (once_keys_expiry)
CREATE TABLE once_keys (
    key_hash   VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX once_keys_expiry ON once_keys (expires_at);
