package org.licensing.common.http;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands authentication failures to the REST layer's exception mappers, as Quarkus REST does, without
 * its per-request cost. With Micrometer present, Quarkus REST (3.34) installs a filter right after HTTP
 * security's authentication that, on every request whose failure handler is still HTTP security's
 * default, first names the request's URI template for the metrics by building a new RequestMapper over
 * every resource class, then swaps in a handler that fails the route with the cause. Measured with JFR on
 * license-service: 77 % of the bytes it allocated under health-check load and 10 % of its CPU samples
 * under validation were that mapper, and the garbage it made ran young collections ~180 times a second.
 *
 * <p>This route runs between the two (same route order as that filter, registered before it: Vert.x keeps
 * the insertion order among equal orders; the router event fires before Quarkus adds its filters) and
 * installs the same hand-off, so the filter finds nothing to do. Metrics keep their templates: a matched
 * REST request names its template in Quarkus REST's own handler chain, and a proactive authentication
 * failure in Quarkus's failure handler. {@code AuthFailureHandoffTest} checks the order, the hand-off and
 * the templates against a running service.
 */
@ApplicationScoped
public class AuthFailureHandoff {

    /** The context key HTTP security and Quarkus REST keep the failure handler under. */
    public static final String FAILURE_HANDLER_KEY = "io.quarkus.vertx.http.auth-failure-handler";
    /** Quarkus REST's filter priority 199, which Quarkus registers as route order -199. */
    static final int ORDER = -199;

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(AuthFailureHandoff::handOff);
    }

    static void handOff(RoutingContext ctx) {
        if (ctx.get(FAILURE_HANDLER_KEY) instanceof DefaultAuthFailureHandler) {
            ctx.put(FAILURE_HANDLER_KEY, ToRestExceptionMappers.INSTANCE);
        }
        ctx.next();
    }

    /** What Quarkus REST installs: the failure, unwrapped, goes to the route's failure handling. */
    public static final class ToRestExceptionMappers implements BiConsumer<RoutingContext, Throwable> {
        static final ToRestExceptionMappers INSTANCE = new ToRestExceptionMappers();

        private ToRestExceptionMappers() {}

        @Override
        public void accept(RoutingContext ctx, Throwable failure) {
            DefaultAuthFailureHandler.markIfOtherAuthenticationFailure(ctx, failure);
            if (!ctx.failed()) {
                ctx.fail(DefaultAuthFailureHandler.extractRootCause(failure));
            }
        }
    }
}
