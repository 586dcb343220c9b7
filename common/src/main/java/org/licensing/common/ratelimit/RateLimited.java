package org.licensing.common.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a resource method (or class) in a rate-limit group configured under
 * {@code licensing.rate-limit.groups.<group>}. Unannotated endpoints use the {@code default} group.
 * {@code exempt = true}: the endpoint enforces its own limit in its own Redis round trip (the
 * heartbeat hot path), so the filter adds no second one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RateLimited {
    String value() default "default";

    boolean exempt() default false;
}
