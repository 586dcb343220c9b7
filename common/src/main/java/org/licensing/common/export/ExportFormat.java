package org.licensing.common.export;

import java.util.Locale;

import org.licensing.common.problem.ProblemException;

/**
 * The two file formats of every export: CSV (RFC 4180, a header row) and JSON Lines (one JSON object a
 * line). {@code format=csv|jsonl} wins over the {@code Accept} header; without either, CSV.
 */
public enum ExportFormat {
    CSV("text/csv", "csv"),
    JSONL("application/jsonl", "jsonl");

    /** What the export endpoints declare they produce (JSON Lines is also known as NDJSON). */
    public static final String CSV_TYPE = "text/csv";
    public static final String JSONL_TYPE = "application/jsonl";
    public static final String NDJSON_TYPE = "application/x-ndjson";

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static ExportFormat choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson" -> JSONL;
                default -> throw ProblemException.invalidField("format", "must be csv or jsonl");
            };
        }
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        int json = Math.max(a.indexOf("jsonl"), a.indexOf("ndjson"));
        int csv = a.indexOf("text/csv");
        // The first one named wins; a browser's */* alone gets CSV.
        return json >= 0 && (csv < 0 || json < csv) ? JSONL : CSV;
    }
}
