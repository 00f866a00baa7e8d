-- A migration no Varde has (tests only): what a newer node would have applied.
CREATE TABLE future_feature (
    id BIGINT PRIMARY KEY
);
