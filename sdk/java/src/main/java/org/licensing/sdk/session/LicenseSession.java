package org.licensing.sdk.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.licensing.sdk.LicensingException;
import org.licensing.sdk.internal.Backoff;
import org.licensing.sdk.internal.Http;
import org.licensing.sdk.internal.Values;

/**
 * A running client session: started with {@code POST /api/v1/sessions}, kept alive by heartbeats
 * ({@code POST /api/v1/sessions/heartbeat} with the session token) at the interval the server
 * gives, retried with {@code Retry-After} and jittered back-off on 429/503 and network failures,
 * stopped when the platform ends it (the listener's {@code onEnded}), ended by {@link #close()}
 * ({@code DELETE /api/v1/sessions/current}). Heartbeats run on one daemon thread of the session.
 */
public final class LicenseSession implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LicenseSession.class.getName());

    private final Http http;
    private final SessionListener listener;
    private final DoubleSupplier random;
    private final String sessionId;
    private final String token;
    private final long licenseId;
    private final long deviceRowId;
    private final Instant expiresAt;
    private final Duration serverInterval;
    private final Duration maxInterval;
    private final ScheduledExecutorService timer;
    private int attempt;
    private volatile SessionEnd end;
    private volatile boolean closed;

    private LicenseSession(Http http, SessionOptions options, DoubleSupplier random, Map<String, Object> started) {
        this.http = http;
        this.listener = options.listener();
        this.random = random;
        this.sessionId = Values.str(started, "session_id");
        this.token = Values.str(started, "token");
        Long lic = Values.lng(started, "license_id");
        Long dev = Values.lng(started, "device_id");
        this.licenseId = lic == null ? 0 : lic;
        this.deviceRowId = dev == null ? 0 : dev;
        this.expiresAt = Values.instant(started, "expires_at");
        Long every = Values.lng(started, "heartbeat_interval_seconds");
        this.serverInterval = Duration.ofSeconds(every == null || every < 1 ? 60 : every);
        this.maxInterval = options.maxHeartbeatInterval();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "licensing-heartbeat-" + sessionId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a session and its heartbeats; a refusal (e.g. 409 TOO_MANY_SESSIONS) throws. Used by LicensingClient. */
    public static LicenseSession start(Http http, String licenseKey, SessionOptions options, DoubleSupplier random) {
        if (options.deviceId() == null || options.clientVersion() == null) {
            throw new IllegalArgumentException("deviceId and clientVersion are required");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("license_key", licenseKey);
        body.put("device_id", options.deviceId());
        body.put("client_version", options.clientVersion());
        body.put("language", options.language());
        body.put("session_data", options.sessionData());
        LicenseSession s = new LicenseSession(http, options, random, http.call("POST", "/api/v1/sessions", body, null));
        s.schedule(s.interval(null));
        return s;
    }

    /** The server's interval, shortened to maxHeartbeatInterval when that is set. */
    Duration interval(Long nextSeconds) {
        Duration d = nextSeconds == null || nextSeconds < 1 ? serverInterval : Duration.ofSeconds(nextSeconds);
        return maxInterval != null && maxInterval.compareTo(d) < 0 ? maxInterval : d;
    }

    private void schedule(Duration delay) {
        if (end != null || closed) {
            return;
        }
        try {
            timer.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void tick() {
        if (end != null || closed) {
            return;
        }
        try {
            Heartbeat h = beatNow();
            if (h.status() == HeartbeatStatus.OK) {
                schedule(interval(h.nextHeartbeatSeconds()));
            }
        } catch (LicensingException e) {
            if (end != null || closed) {
                return;
            }
            Duration delay;
            synchronized (this) {
                attempt++;
                delay = Backoff.delay(attempt, e.retryAfter().orElse(null), interval(null), random.getAsDouble());
            }
            safely(() -> listener().onRetry(e, delay));
            schedule(delay);
        } catch (IllegalStateException e) {
            // ended by a concurrent beatNow()
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "heartbeat loop of session " + sessionId + " failed; retrying", e);
            schedule(interval(null));
        }
    }

    /**
     * Sends one heartbeat now (the loop goes on as scheduled). An answer that ends the session
     * calls the listener and stops the loop; a refusal of the token ends it too. Retryable
     * failures (network, 429, 5xx) throw and leave the session running.
     *
     * @throws IllegalStateException when the session has ended or was closed
     */
    public synchronized Heartbeat beatNow() {
        if (end != null || closed) {
            throw new IllegalStateException("the session has ended");
        }
        Http.Answer a = http.exchange("POST", "/api/v1/sessions/heartbeat", null, token);
        if (a.status() == 200) {
            Heartbeat h = Heartbeat.fromAnswer(a.body());
            attempt = 0;
            if (h.status() == HeartbeatStatus.OK) {
                safely(() -> listener().onHeartbeat(h));
            } else {
                finish(new SessionEnd(SessionEnd.Status.of(h.status()), h.endReason(), h.reason(), null));
            }
            return h;
        }
        LicensingException e = http.refusal(a);
        if (endsSession(e)) {
            finish(new SessionEnd(SessionEnd.Status.EXPIRED, null, e.detail(), e.code()));
            return new Heartbeat(HeartbeatStatus.EXPIRED, sessionId, null, null, null, null, e.detail());
        }
        throw e;
    }

    /** A 4xx other than 429 means the token is no good any more: the session is over. */
    static boolean endsSession(LicensingException e) {
        return !e.isUnreachable() && e.status() >= 400 && e.status() < 500 && e.status() != 429;
    }

    private synchronized void finish(SessionEnd why) {
        if (end != null) {
            return;
        }
        end = why;
        timer.shutdown();
        safely(() -> listener().onEnded(why));
    }

    private SessionListener listener() {
        return listener == null ? ended -> { } : listener;
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session listener failed", e);
        }
    }

    /**
     * Ends the session ({@code DELETE /api/v1/sessions/current}) unless the platform already did,
     * then tells the listener ({@code CLOSED}, as sdk/js's {@code end} event); never throws.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdownNow();
        if (end != null) {
            return;
        }
        String detail = null;
        try {
            http.call("DELETE", "/api/v1/sessions/current", null, token);
        } catch (LicensingException e) {
            // the platform ends a silent session by itself after interval + grace
            detail = e.getMessage();
            LOG.log(Level.INFO, "sign-out of session " + sessionId + " failed: " + detail);
        }
        finish(new SessionEnd(SessionEnd.Status.CLOSED, "signed_out", detail, null));
    }

    public String sessionId() {
        return sessionId;
    }

    /** The session token (a bearer for the session's own calls, e.g. remote connections). */
    public String token() {
        return token;
    }

    public long licenseId() {
        return licenseId;
    }

    public long deviceRowId() {
        return deviceRowId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The interval the server asked for at the start. */
    public Duration serverInterval() {
        return serverInterval;
    }

    /** Why the session stopped, or null while it runs. */
    public SessionEnd end() {
        return end;
    }

    public boolean isRunning() {
        return end == null && !closed;
    }
}
