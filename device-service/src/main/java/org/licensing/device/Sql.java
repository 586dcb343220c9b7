package org.licensing.device;

import io.vertx.mutiny.sqlclient.Tuple;

/** Small helpers for the reactive SQL client. */
public final class Sql {

    private Sql() {}

    /** A tuple that accepts nulls (Tuple.of does too, but this reads better with many arguments). */
    public static Tuple args(Object... values) {
        Tuple t = Tuple.tuple();
        for (Object v : values) {
            t.addValue(v);
        }
        return t;
    }
}
