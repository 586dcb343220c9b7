-- The least an activation must do in PostgreSQL to hold its limit under races (see
-- device/activation/ActivationService): lock the license's slot row, count its bound devices,
-- bind the device, append the event to the outbox, commit. 400 licenses, as in the bench.
DROP TABLE IF EXISTS floor_slots, floor_devices, floor_outbox;
CREATE TABLE floor_slots (license_id BIGINT PRIMARY KEY, last_bind_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE floor_devices (
    id         BIGSERIAL PRIMARY KEY,
    license_id BIGINT       NOT NULL,
    device_id  VARCHAR(255) NOT NULL,
    bound      BOOLEAN      NOT NULL DEFAULT TRUE,
    bound_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (license_id, device_id)
);
CREATE INDEX floor_devices_bound ON floor_devices (license_id) WHERE bound;
CREATE TABLE floor_outbox (id BIGSERIAL PRIMARY KEY, type VARCHAR(64) NOT NULL, payload JSONB NOT NULL,
                           created_at TIMESTAMPTZ NOT NULL DEFAULT now());
INSERT INTO floor_slots (license_id) SELECT g FROM generate_series(1, 400) g;
