package org.licensing.session.connections;

import jakarta.validation.constraints.PositiveOrZero;

/** Optional body of a connection end: the last bytes not yet reported. */
public record EndReport(@PositiveOrZero Long bytes) {
}
