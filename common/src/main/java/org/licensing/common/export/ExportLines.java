package org.licensing.common.export;

import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One export row as a line of text. CSV: fields quoted when they hold a comma, quote or line break,
 * and a text starting with {@code = + @} or a tab prefixed with {@code '} so that a spreadsheet never
 * runs it as a formula (numbers, also negative ones, are written as they are). JSON Lines: the columns
 * as the keys of one object.
 */
public final class ExportLines {

    private ExportLines() {}

    public static String header(ExportFormat format, List<String> columns) {
        return format == ExportFormat.CSV ? csv(List.copyOf(columns)) : null;
    }

    public static String line(ExportFormat format, List<String> columns, List<?> values) {
        if (format == ExportFormat.CSV) {
            return csv(values);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            o.put(columns.get(i), json(values.get(i)));
        }
        return new JsonObject(o).encode() + "\n";
    }

    static String csv(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(values.get(i)));
        }
        return b.append("\r\n").toString();
    }

    static String field(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v instanceof JsonObject j ? j.encode() : v instanceof JsonArray a ? a.encode() : v.toString();
        if (!s.isEmpty() && "=+@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static Object json(Object v) {
        // Dates as ISO-8601 text; nested JSON (an event's data) stays an object.
        return v instanceof TemporalAccessor ? v.toString() : v;
    }
}
