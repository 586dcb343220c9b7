package org.licensing.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ("250m", "2", "512Mi", "1G") as numbers, to compare requests with limits. */
final class Quantities {

    private Quantities() {}

    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.valueOf(1_000L)), Map.entry("M", BigDecimal.valueOf(1_000_000L)),
            Map.entry("G", BigDecimal.valueOf(1_000_000_000L)), Map.entry("T", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)));

    static BigDecimal parse(Object quantity) {
        if (quantity == null) {
            throw new IllegalArgumentException("missing quantity");
        }
        String q = quantity.toString().trim();
        int i = 0;
        while (i < q.length() && (Character.isDigit(q.charAt(i)) || q.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a quantity: " + q);
        }
        BigDecimal number = new BigDecimal(q.substring(0, i));
        String suffix = q.substring(i);
        if (suffix.isEmpty()) {
            return number;
        }
        BigDecimal factor = SUFFIX.get(suffix);
        if (factor == null) {
            throw new IllegalArgumentException("unknown quantity suffix in " + q);
        }
        return number.multiply(factor);
    }
}
