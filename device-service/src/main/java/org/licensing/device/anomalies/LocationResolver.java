package org.licensing.device.anomalies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.device.DeviceConfig;

/** Locates a caller: country from the gateway header, else from the configured GeoIP CSV, plus the network. */
@ApplicationScoped
public class LocationResolver {

    private static final Logger LOG = Logger.getLogger(LocationResolver.class);
    private static final Pattern COUNTRY = Pattern.compile("^[A-Za-z]{2}$");

    private final GeoIpDatabase geoIp;

    public LocationResolver(DeviceConfig config) {
        this.geoIp = config.geo().csvPath().map(LocationResolver::load).orElse(null);
    }

    private static GeoIpDatabase load(String path) {
        Path p = Path.of(path);
        if (!Files.isReadable(p)) {
            LOG.warnf("GeoIP database %s not readable; countries come from the gateway header only", path);
            return null;
        }
        try {
            GeoIpDatabase db = GeoIpDatabase.load(p);
            LOG.infof("GeoIP database %s loaded: %d ranges", path, db.size());
            return db;
        } catch (IOException e) {
            LOG.warnf("GeoIP database %s unreadable (%s); countries come from the gateway header only", path, e.getMessage());
            return null;
        }
    }

    /**
     * @param countryHeader the gateway's country header value, may be null; "XX", "--" and other
     *                      non-country placeholders count as unknown
     */
    public Location locate(String ip, String countryHeader) {
        String country = null;
        if (countryHeader != null && COUNTRY.matcher(countryHeader.trim()).matches()
                && !"XX".equalsIgnoreCase(countryHeader.trim())) {
            country = countryHeader.trim().toUpperCase(Locale.ROOT);
        } else if (geoIp != null) {
            country = geoIp.country(ip);
        }
        return new Location(country, NetworkPrefix.of(ip), ip);
    }
}
