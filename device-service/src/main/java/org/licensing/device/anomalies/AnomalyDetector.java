package org.licensing.device.anomalies;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a sign-in location is unusual. The device's own history is the reference; a
 * device never seen before is compared with the other devices of its license. Countries are
 * compared when both sides know one, networks (/16, /48) otherwise. No history: nothing to
 * compare, no anomaly.
 */
public final class AnomalyDetector {

    public record Anomaly(Location previous, Location current, String basis) {}

    private AnomalyDetector() {}

    /**
     * @param deviceHistory  locations of this device, most recent first
     * @param licenseHistory locations of the license's other devices, most recent first
     */
    public static Optional<Anomaly> judge(Location current, List<Location> deviceHistory, List<Location> licenseHistory) {
        if (current == null || !current.isKnown()) {
            return Optional.empty();
        }
        List<Location> history = deviceHistory.isEmpty() ? licenseHistory : deviceHistory;
        if (history.isEmpty()) {
            return Optional.empty();
        }
        boolean byCountry = current.hasCountry() && history.stream().anyMatch(Location::hasCountry);
        if (byCountry) {
            if (history.stream().anyMatch(h -> h.country().equals(current.country()))) {
                return Optional.empty();
            }
            Location previous = history.stream().filter(Location::hasCountry).findFirst().orElseThrow();
            return Optional.of(new Anomaly(previous, current, "country"));
        }
        if (!current.hasNetwork() || history.stream().noneMatch(Location::hasNetwork)) {
            return Optional.empty();
        }
        if (history.stream().anyMatch(h -> h.network().equals(current.network()))) {
            return Optional.empty();
        }
        Location previous = history.stream().filter(Location::hasNetwork).findFirst().orElseThrow();
        return Optional.of(new Anomaly(previous, current, "network"));
    }
}
