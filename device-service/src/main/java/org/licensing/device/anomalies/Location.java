package org.licensing.device.anomalies;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a request came from, as coarsely as anomaly detection needs: the country when known
 * (gateway header or GeoIP), and the /16 (IPv4) or /48 (IPv6) network. Empty strings: unknown.
 */
public record Location(String country, String network, String ip) {

    public Location {
        country = country == null ? "" : country;
        network = network == null ? "" : network;
    }

    public boolean hasCountry() {
        return !country.isEmpty();
    }

    public boolean hasNetwork() {
        return !network.isEmpty();
    }

    public boolean isKnown() {
        return hasCountry() || hasNetwork();
    }

    /** For event data: only what is known. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (hasCountry()) {
            m.put("country", country);
        }
        if (hasNetwork()) {
            m.put("network", network);
        }
        if (ip != null) {
            m.put("ip", ip);
        }
        return m;
    }
}
