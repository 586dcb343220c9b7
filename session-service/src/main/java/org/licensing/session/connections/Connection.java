package org.licensing.session.connections;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vertx.mutiny.sqlclient.Row;

/** A remote connection between two devices (requirement 002 {@code sessions}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Connection(String sessionId, long localDeviceId, long remoteDeviceId, long localLicenseId, long remoteLicenseId,
        String connectionType, OffsetDateTime startedAt, OffsetDateTime endedAt, Integer durationSeconds, long bytesTransferred) {

    static final String COLUMNS = "session_id, local_device_id, remote_device_id, local_license_id, remote_license_id,"
            + " connection_type, started_at, ended_at, duration_seconds, bytes_transferred";

    static Connection from(Row r) {
        return new Connection(r.getUUID("session_id").toString(), r.getLong("local_device_id"), r.getLong("remote_device_id"),
                r.getLong("local_license_id"), r.getLong("remote_license_id"), r.getString("connection_type"),
                r.getOffsetDateTime("started_at"), r.getOffsetDateTime("ended_at"), r.getInteger("duration_seconds"),
                r.getLong("bytes_transferred"));
    }
}
