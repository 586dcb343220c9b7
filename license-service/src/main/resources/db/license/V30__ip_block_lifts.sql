-- An administrator lifting an IP block (issue 18). The block itself is the Redis key ipblock:{ip}, shared
-- by every service; each service records the blocks it imposed in its own ip_rate_limits table. Lifting
-- deletes the key and writes this row: a record older than the latest lift of its address no longer
-- counts as an active block, so no service's table is written by another service.
CREATE TABLE ip_block_lifts (
    id          BIGSERIAL    PRIMARY KEY,
    ip_address  VARCHAR(45)  NOT NULL,
    lifted_by   BIGINT       NOT NULL,            -- accounts(id) of the administrator
    lifted_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ip_block_lifts_ip_idx ON ip_block_lifts (ip_address, lifted_at);
