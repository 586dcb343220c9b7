package org.licensing.device.anomalies;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Country look-up from a CSV range file in the format of DB-IP's free "IP to Country Lite"
 * ({@code start_ip,end_ip,country}, IPv4 and IPv6, quotes allowed). Loaded once into sorted arrays;
 * a look-up is a binary search, no I/O.
 */
public final class GeoIpDatabase {

    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$");

    private final BigInteger[] starts;
    private final BigInteger[] ends;
    private final String[] countries;

    private record Range(BigInteger start, BigInteger end, String country) {}

    private GeoIpDatabase(List<Range> ranges) {
        ranges.sort(Comparator.comparing(Range::start));
        starts = new BigInteger[ranges.size()];
        ends = new BigInteger[ranges.size()];
        countries = new String[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            starts[i] = ranges.get(i).start();
            ends[i] = ranges.get(i).end();
            countries[i] = ranges.get(i).country();
        }
    }

    public static GeoIpDatabase load(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(r.lines().toList());
        }
    }

    public static GeoIpDatabase parse(List<String> lines) {
        List<Range> ranges = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.replace("\"", "").split(",");
            if (f.length < 3) {
                continue;
            }
            BigInteger a = number(f[0].trim());
            BigInteger b = number(f[1].trim());
            String c = f[2].trim().toUpperCase(Locale.ROOT);
            if (a != null && b != null && c.length() == 2 && a.compareTo(b) <= 0) {
                ranges.add(new Range(a, b, c));
            }
        }
        return new GeoIpDatabase(ranges);
    }

    public int size() {
        return starts.length;
    }

    /** The two-letter country of an IP, or null when unknown. */
    public String country(String ip) {
        BigInteger n = number(ip);
        if (n == null) {
            return null;
        }
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) { // last range whose start <= n
            int mid = (lo + hi) >>> 1;
            if (starts[mid].compareTo(n) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && ends[found].compareTo(n) >= 0 ? countries[found] : null;
    }

    /** IPv4 addresses map into the IPv4-mapped IPv6 space so both families share one ordering. */
    static BigInteger number(String ip) {
        // Only literals reach InetAddress, so nothing here can cause a DNS look-up.
        if (ip == null || !(ip.contains(":") ? IPV6_CHARS.matcher(ip).matches() : IPV4.matcher(ip).matches())) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(ip).getAddress();
            if (b.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                b = mapped;
            }
            return new BigInteger(1, b);
        } catch (IOException e) {
            return null;
        }
    }
}
