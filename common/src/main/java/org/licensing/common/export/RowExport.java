package org.licensing.common.export;

import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Streams the rows of one query to the client as CSV or JSON Lines, at any size: a PostgreSQL cursor
 * (a read-only transaction on one connection) fetches {@link #FETCH} rows at a time and the next batch
 * is read only when the client has taken the previous one, so memory stays flat however many rows
 * there are. The connection goes back to the pool when the stream ends, fails or the client leaves.
 */
public final class RowExport {

    public static final int FETCH = 500;
    /** Rows per written chunk: fewer, larger writes than one per row. */
    static final int CHUNK = 100;

    private RowExport() {}

    public static Multi<Row> rows(Pool pool, String sql, Tuple args) {
        return pool.getConnection().onItem().transformToMulti(conn -> cursor(conn, sql, args)
                .onTermination().call(() -> conn.close()));
    }

    private static Multi<Row> cursor(SqlConnection conn, String sql, Tuple args) {
        return conn.begin().onItem().transformToMulti(tx -> conn.prepare(sql)
                .onItem().transformToMulti(ps -> ps.createStream(FETCH, args).toMulti()));
    }

    /** The HTTP answer: the header line (CSV), then the rows' lines; a download named {@code name.csv|jsonl}. */
    public static RestMulti<String> respond(ExportFormat format, String name, List<String> columns, Multi<String> lines) {
        String header = ExportLines.header(format, columns);
        Multi<String> chunks = lines.group().intoLists().of(CHUNK).map(batch -> String.join("", batch));
        Multi<String> body = header == null ? chunks : Multi.createBy().concatenating().streams(Multi.createFrom().item(header), chunks);
        return RestMulti.fromMultiData(body)
                .header("Content-Type", format.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The values of a row, in the order of {@code columns} (the column names of the query). */
    public static List<?> byName(Row r, List<String> columns) {
        List<Object> out = new ArrayList<>(columns.size());
        for (String c : columns) {
            out.add(r.getValue(c));
        }
        return out;
    }
}
