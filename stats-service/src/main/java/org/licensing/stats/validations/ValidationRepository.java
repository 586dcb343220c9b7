package org.licensing.stats.validations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads {@code stats.validation_daily} (written only by the event-log batches, see ValidationCounts). */
@ApplicationScoped
public class ValidationRepository {

    public static final String SELLER = "seller", LICENSE = "license";

    private final Pool pool;

    public ValidationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<DailyValidations> daily(String scope, long id, LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT day, valid, refused FROM stats.validation_daily "
                + "WHERE scope = $1 AND scope_id = $2 AND day BETWEEN $3 AND $4")
                .execute(Tuple.of(scope, id, from, to))
                .map(rows -> {
                    Map<LocalDate, DailyValidations.Day> byDay = new HashMap<>();
                    for (Row r : rows) {
                        LocalDate d = r.getLocalDate("day");
                        byDay.put(d, new DailyValidations.Day(d, r.getLong("valid"), r.getLong("refused")));
                    }
                    List<DailyValidations.Day> days = new ArrayList<>();
                    long valid = 0, refused = 0;
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        DailyValidations.Day p = byDay.getOrDefault(d, new DailyValidations.Day(d, 0, 0));
                        valid += p.valid();
                        refused += p.refused();
                        days.add(p);
                    }
                    return new DailyValidations(scope, id, from, to, valid, refused, days);
                });
    }
}
