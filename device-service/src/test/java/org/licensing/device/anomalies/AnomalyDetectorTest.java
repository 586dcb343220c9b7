package org.licensing.device.anomalies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    static Location at(String country, String network) {
        return new Location(country, network, null);
    }

    @Test
    void noHistoryNoAnomaly() {
        assertTrue(AnomalyDetector.judge(at("DE", "1.2.0.0/16"), List.of(), List.of()).isEmpty());
        assertTrue(AnomalyDetector.judge(at("", ""), List.of(at("US", "")), List.of()).isEmpty());
    }

    @Test
    void countryOutsideTheHistoryIsAnAnomalyWithBothLocations() {
        var a = AnomalyDetector.judge(at("US", "9.9.0.0/16"), List.of(at("DE", "1.2.0.0/16"), at("FR", "3.3.0.0/16")), List.of())
                .orElseThrow();
        assertEquals("country", a.basis());
        assertEquals("DE", a.previous().country());
        assertEquals("US", a.current().country());
    }

    @Test
    void anyKnownCountryOrNetworkIsFine() {
        assertTrue(AnomalyDetector.judge(at("FR", "7.7.0.0/16"), List.of(at("DE", ""), at("FR", "")), List.of()).isEmpty());
        assertTrue(AnomalyDetector.judge(at("", "3.3.0.0/16"), List.of(at("", "1.2.0.0/16"), at("", "3.3.0.0/16")), List.of()).isEmpty());
    }

    @Test
    void networksAreComparedWhenCountriesAreUnknownOnEitherSide() {
        var a = AnomalyDetector.judge(at("", "5.5.0.0/16"), List.of(at("", "1.2.0.0/16")), List.of()).orElseThrow();
        assertEquals("network", a.basis());
        // current country known but history has none: networks decide
        assertTrue(AnomalyDetector.judge(at("DE", "1.2.0.0/16"), List.of(at("", "1.2.0.0/16")), List.of()).isEmpty());
        assertTrue(AnomalyDetector.judge(at("", "1.2.0.0/16"), List.of(at("DE", "")), List.of()).isEmpty());
    }

    @Test
    void aNewDeviceIsComparedWithTheLicensesOtherDevicesButOwnHistoryWins() {
        assertTrue(AnomalyDetector.judge(at("BR", ""), List.of(), List.of(at("FR", ""))).isPresent());
        assertTrue(AnomalyDetector.judge(at("BR", ""), List.of(at("BR", "")), List.of(at("FR", ""))).isEmpty());
    }

    @Test
    void networkPrefixes() {
        assertEquals("203.0.0.0/16", NetworkPrefix.of("203.0.113.9"));
        assertEquals("2001:db8:1::/48", NetworkPrefix.of("2001:db8:1:2::9"));
        assertEquals("2001:db8:1::/48", NetworkPrefix.of("[2001:0db8:0001:ffff::1]"));
        assertEquals("10.1.0.0/16", NetworkPrefix.of("::ffff:10.1.2.3"));
        assertEquals(null, NetworkPrefix.of("unknown"));
        assertEquals(null, NetworkPrefix.of("300.1.1.1"));
        assertEquals(null, NetworkPrefix.of("example.com"));
        assertEquals(null, NetworkPrefix.of(null));
    }

    @Test
    void geoIpCsvLooksUpBothFamilies() {
        GeoIpDatabase db = GeoIpDatabase.parse(List.of("\"1.0.0.0\",\"1.0.0.255\",\"AU\"", "8.8.8.0,8.8.8.255,us",
                "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,NL", "garbage", "9.9.9.9,1.1.1.1,XX"));
        assertEquals(3, db.size());
        assertEquals("AU", db.country("1.0.0.17"));
        assertEquals("US", db.country("8.8.8.8"));
        assertEquals("NL", db.country("2001:db8:5::1"));
        assertEquals(null, db.country("1.0.1.0"));
        assertEquals(null, db.country("2001:db9::1"));
        assertEquals(null, db.country("not-an-ip"));
        assertEquals(null, db.country("0.0.0.1"));
    }
}
