package org.licensing.session.connections;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Bytes transferred since the previous report (added to the connection's total). */
public record TrafficReport(@NotNull @PositiveOrZero Long bytes) {
}
