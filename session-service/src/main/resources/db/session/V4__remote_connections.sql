-- Remote connections between two devices (requirement 002 "sessions"). Device ids are device ROW ids.
CREATE TABLE remote_connections (
    id                BIGSERIAL    PRIMARY KEY,
    session_id        UUID         NOT NULL UNIQUE,
    local_device_id   BIGINT       NOT NULL,            -- device.devices(id)
    remote_device_id  BIGINT       NOT NULL,            -- device.devices(id)
    local_license_id  BIGINT       NOT NULL,
    remote_license_id BIGINT       NOT NULL,
    connection_type   VARCHAR(50)  NOT NULL,
    started_by        BIGINT,                           -- account id of the caller
    started_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    ended_at          TIMESTAMPTZ,
    duration_seconds  INT,
    bytes_transferred BIGINT       NOT NULL DEFAULT 0 CHECK (bytes_transferred >= 0),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (local_device_id <> remote_device_id)
);
CREATE INDEX remote_connections_local_idx ON remote_connections (local_device_id, started_at);
CREATE INDEX remote_connections_remote_idx ON remote_connections (remote_device_id, started_at);
CREATE INDEX remote_connections_started_idx ON remote_connections (started_at);
