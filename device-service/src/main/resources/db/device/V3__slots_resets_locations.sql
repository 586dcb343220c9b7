-- Device-service additions on top of the fixed V2 contract (nothing there is renamed or dropped).

-- One row per license that ever bound a device. Every transition of a device to bound = true
-- first locks this row (upsert ... DO UPDATE takes the row lock), so the count of bound devices
-- checked against max_devices cannot change underneath the decision: the limit holds under any
-- concurrency without writing license.licenses, which belongs to license-service.
CREATE TABLE license_slots (
    license_id    BIGINT      PRIMARY KEY,
    last_bind_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- HWID self-service resets per account (requirement 003 hwid_reset_count / hwid_last_reset_at).
-- Kept here rather than on license.accounts because only license-service writes that schema.
CREATE TABLE hwid_resets (
    account_id          BIGINT      PRIMARY KEY,
    hwid_reset_count    INT         NOT NULL DEFAULT 0,    -- resets in the current period
    hwid_last_reset_at  TIMESTAMPTZ,
    period_started_at   TIMESTAMPTZ,
    total_resets        BIGINT      NOT NULL DEFAULT 0,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Where each device has been seen (country when known, else the /16 or /48 network): the
-- history login.anomaly compares a new sign-in with.
CREATE TABLE device_locations (
    device_row_id  BIGINT      NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    license_id     BIGINT      NOT NULL,
    network        VARCHAR(64) NOT NULL,          -- '203.0.0.0/16', '2001:db8:1::/48' or '' when unknown
    country_code   VARCHAR(2)  NOT NULL DEFAULT '', -- '' when unknown
    ip_address     VARCHAR(45),
    first_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    seen_count     BIGINT      NOT NULL DEFAULT 1,
    PRIMARY KEY (device_row_id, network, country_code)
);
CREATE INDEX device_locations_license_idx ON device_locations (license_id, last_seen_at DESC);

CREATE INDEX devices_blocked_idx ON devices (id) WHERE blocked;
