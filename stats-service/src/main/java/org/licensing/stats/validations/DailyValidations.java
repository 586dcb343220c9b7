package org.licensing.stats.validations;

import java.time.LocalDate;
import java.util.List;

/** Validation outcomes per UTC day of [from, to] (days without validations at zero) and their sums. */
public record DailyValidations(String scope, long id, LocalDate from, LocalDate to, long valid, long refused, List<Day> days) {

    public record Day(LocalDate day, long valid, long refused) {}
}
