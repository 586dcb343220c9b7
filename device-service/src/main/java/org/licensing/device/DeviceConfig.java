package org.licensing.device;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings of device-service ({@code licensing.devices.*}; env vars in %prod, see application.properties). */
@ConfigMapping(prefix = "licensing.devices")
public interface DeviceConfig {

    HwidReset hwidReset();

    Geo geo();

    /** TTL of {@code device:{id}:license} (DESIGN section 3: 3600 s). */
    @WithDefault("3600")
    long licenseCacheTtlSeconds();

    /** How many recent locations of a license the anomaly check compares with. */
    @WithDefault("50")
    int locationHistorySize();

    /** How often every blocked device's Redis flag is pushed again (read by {@code BlockedFlagSync}'s schedule). */
    @WithDefault("5m")
    String blockSyncEvery();

    interface HwidReset {
        /** Self-service resets a customer may make per period. */
        @WithDefault("3")
        int maxPerPeriod();

        @WithDefault("30d")
        Duration period();

        /** Minimum time between two self-service resets. */
        @WithDefault("24h")
        Duration cooldown();

        /** Whether a customer's single-device deactivation uses up a reset too (else the limit is easy to sidestep). */
        @WithDefault("true")
        boolean chargeCustomerDeactivations();
    }

    interface Geo {
        /** Request header carrying the caller's country (set by the gateway from its GeoIP module). */
        @WithDefault("X-Country-Code")
        String countryHeader();

        /** Optional DB-IP lite style CSV ({@code start_ip,end_ip,country}) used when the header is absent. */
        Optional<String> csvPath();
    }
}
