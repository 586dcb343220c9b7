package org.licensing.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.licensing.sdk.internal.Http;
import org.licensing.sdk.internal.Values;
import org.licensing.sdk.offline.CertificateVerifier;
import org.licensing.sdk.offline.LicenseCertificate;
import org.licensing.sdk.offline.OfflineCheck;
import org.licensing.sdk.offline.PublicKeys;
import org.licensing.sdk.session.LicenseSession;
import org.licensing.sdk.session.SessionOptions;

/**
 * The licensing platform as an application sees it, for one license key: activate and deactivate
 * devices, validate (with a grace period when the platform cannot be reached), run sessions,
 * fetch and verify offline certificates. Thread-safe; build one per key with {@link #builder}.
 */
public final class LicensingClient {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(72);

    private final Http http;
    private final String licenseKey;
    private final LicenseStore store;
    private final Clock clock;
    private final Duration gracePeriod;
    private final Duration clockTolerance;
    private final GraceListener graceListener;
    private final DoubleSupplier random;
    private volatile PublicKey publicKey;

    private LicensingClient(Builder b) {
        this.http = new Http(b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build(), b.baseUrl, b.requestTimeout, b.clock);
        this.licenseKey = b.licenseKey;
        this.store = b.store != null ? b.store : LicenseStore.inMemory();
        this.clock = b.clock;
        this.gracePeriod = b.gracePeriod;
        this.clockTolerance = b.clockTolerance;
        this.graceListener = b.graceListener;
        this.random = b.random;
        this.publicKey = b.publicKey;
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** Binds this device to the key's license ({@code POST /api/v1/devices/activate}); refusals throw ({@code DEVICE_LIMIT_REACHED}, {@code HWID_MISMATCH}, ...). */
    public Activation activate(Device device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("license_key", requireKey());
        body.put("device_id", device.id());
        body.put("hwid", device.hwid());
        body.put("name", device.name());
        body.put("user_name", device.userName());
        body.put("fingerprint", device.fingerprint());
        Activation a = Activation.fromAnswer(http.call("POST", "/api/v1/devices/activate", body, null));
        store.advanceLastSeen(clock.instant());
        return a;
    }

    /**
     * Unbinds a device ({@code POST /api/v1/devices/{id}/deactivate}) and frees its slot. The
     * platform allows this to people only (the license's owner, its seller, an admin), so the
     * application passes the signed-in owner's access token.
     */
    public Map<String, Object> deactivate(long deviceRowId, String accessToken) {
        return http.call("POST", "/api/v1/devices/" + deviceRowId + "/deactivate", null, accessToken);
    }

    /**
     * Validates the key ({@code POST /api/v1/licenses/validate}). Every verdict is a result, never
     * an exception. When the platform cannot be reached, the last valid verdict of the same request
     * stands for the grace period ({@code grace = true}; the {@link GraceListener} is told);
     * otherwise the {@link LicensingException} is thrown.
     */
    public Validation validate(ValidationRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", requireKey());
        body.put("product", request.product());
        body.put("domain", request.domain());
        body.put("device_id", request.device());
        body.put("certificate_id", request.certificateId());
        Map<String, Object> answer;
        try {
            answer = http.call("POST", "/api/v1/licenses/validate", body, null);
        } catch (LicensingException e) {
            if (!e.isUnreachable()) {
                throw e;
            }
            Instant now = clock.instant();
            Validation standing = GraceRule.stand(store.lastGood(request.graceKey()), now, gracePeriod, store.lastSeen(),
                    clockTolerance);
            if (standing == null) {
                throw e;
            }
            if (graceListener != null) {
                graceListener.onGrace(standing, e);
            }
            return standing;
        }
        Instant now = clock.instant();
        Validation v = Validation.fromAnswer(answer, now);
        // a verdict that is not valid replaces the good one: no grace after a suspension
        store.lastGood(request.graceKey(), v.valid() ? v : null);
        store.advanceLastSeen(now);
        return v;
    }

    public Validation validate(String product, String domain, String device) {
        return validate(new ValidationRequest(product, domain, device));
    }

    /** Starts a session for an activated device; heartbeats go on until the platform ends it or {@link LicenseSession#close()}. */
    public LicenseSession startSession(SessionOptions options) {
        return LicenseSession.start(http, requireKey(), options, random);
    }

    /**
     * Fetches an offline certificate for this device ({@code POST /api/v1/certificates}: the
     * device must be bound to the key's license with this HWID) and keeps it in the store.
     *
     * @param validityDays null for the platform's default (30 days)
     */
    public LicenseCertificate fetchCertificate(Device device, Integer validityDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("license_key", requireKey());
        body.put("device_id", device.id());
        body.put("hwid", device.hwid());
        body.put("validity_days", validityDays);
        Map<String, Object> answer = http.call("POST", "/api/v1/certificates", body, null);
        return storeCertificate(Values.str(answer, "certificate"));
    }

    /** Keeps a certificate obtained another way (e.g. by the customer in the console, or by the person endpoint). */
    public LicenseCertificate storeCertificate(String certificate) {
        LicenseCertificate c = LicenseCertificate.parse(certificate);
        store.certificate(c.token());
        store.advanceLastSeen(clock.instant());
        return c;
    }

    /**
     * Checks the stored certificate without the network: the platform's signature, this HWID,
     * expiry, and the clock against the last-seen time (which moves forward when the clock test
     * passes). The public key must be pinned or have been fetched before ({@link #fetchPublicKey()}),
     * else the answer is {@code UNKNOWN_KEY}.
     */
    public OfflineCheck verifyOffline(String hwid) {
        return verifyOffline(store.certificate(), hwid);
    }

    /** The same check of a given certificate. */
    public OfflineCheck verifyOffline(String certificate, String hwid) {
        PublicKey key = publicKey != null ? publicKey : storedKey();
        Instant now = clock.instant();
        OfflineCheck check = new CertificateVerifier(key, clockTolerance).check(certificate, hwid, now, store.lastSeen());
        if (CertificateVerifier.passedClock(check)) {
            store.advanceLastSeen(now);
        }
        return check;
    }

    /** The platform's certificate key: pinned, else stored, else fetched once ({@code GET /api/v1/keys/public}) and stored. */
    public PublicKey fetchPublicKey() {
        PublicKey key = publicKey != null ? publicKey : storedKey();
        if (key == null) {
            Map<String, Object> answer = http.call("GET", "/api/v1/keys/public", null, null);
            String b64 = Values.str(answer, "public_key");
            key = PublicKeys.parse(b64);
            store.publicKey(PublicKeys.toBase64(key));
        }
        publicKey = key;
        return key;
    }

    private PublicKey storedKey() {
        String b64 = store.publicKey();
        return b64 == null ? null : PublicKeys.parse(b64);
    }

    public LicenseStore store() {
        return store;
    }

    private String requireKey() {
        if (licenseKey == null || licenseKey.isBlank()) {
            throw new IllegalStateException("this client has no license key: set one with builder().licenseKey(...)");
        }
        return licenseKey;
    }

    /** Settings of a client; only the gateway URL and, for most calls, the license key are needed. */
    public static final class Builder {
        private final URI baseUrl;
        private String licenseKey;
        private LicenseStore store;
        private Clock clock = Clock.systemUTC();
        private Duration gracePeriod = DEFAULT_GRACE;
        private Duration clockTolerance = CertificateVerifier.DEFAULT_TOLERANCE;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private GraceListener graceListener;
        private HttpClient httpClient;
        private PublicKey publicKey;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Builder licenseKey(String k) {
            this.licenseKey = k;
            return this;
        }

        /** Keep certificate, public key, last-seen and last good validations in this file. */
        public Builder store(Path file) {
            this.store = LicenseStore.file(file);
            return this;
        }

        public Builder store(LicenseStore s) {
            this.store = s;
            return this;
        }

        /** How long the last good validation stands while the platform cannot be reached (default 72 h). */
        public Builder gracePeriod(Duration d) {
            this.gracePeriod = d;
            return this;
        }

        public Builder onGrace(GraceListener l) {
            this.graceListener = l;
            return this;
        }

        /** How far the clock may go back before it counts as set back (default 5 min). */
        public Builder clockTolerance(Duration d) {
            this.clockTolerance = d;
            return this;
        }

        /** Pin the platform's certificate key at build time (base64 SPKI DER, 32 raw bytes, or PEM). */
        public Builder publicKey(String key) {
            this.publicKey = PublicKeys.parse(key);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder httpClient(HttpClient c) {
            this.httpClient = c;
            return this;
        }

        /** The jitter source of the heartbeat back-off (tests); numbers in [0, 1). */
        public Builder random(DoubleSupplier r) {
            this.random = r;
            return this;
        }

        public LicensingClient build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("the gateway URL is required");
            }
            return new LicensingClient(this);
        }
    }
}
