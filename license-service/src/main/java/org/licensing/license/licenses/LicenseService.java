package org.licensing.license.licenses;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.auth.Roles;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountService;
import org.licensing.common.auth.Caller;
import org.licensing.license.products.PolicyRules;
import org.licensing.license.products.Product;
import org.licensing.license.products.ProductService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Issuing keys and every later change of a license. Each change runs in one transaction that
 * also appends its event to the outbox; after commit {@link LicenseCache} refreshes Redis.
 */
@ApplicationScoped
public class LicenseService {

    public static final String LICENSE_NOT_FOUND = "LICENSE_NOT_FOUND";
    public static final String LICENSE_ALREADY_REDEEMED = "LICENSE_ALREADY_REDEEMED";
    public static final String LICENSE_RESERVED = "LICENSE_RESERVED";
    public static final String KEY_ALREADY_EXISTS = "KEY_ALREADY_EXISTS";
    public static final String NO_BASE_LICENSE = "NO_BASE_LICENSE";
    public static final String UPGRADE_NOT_HIGHER = "UPGRADE_NOT_HIGHER";
    public static final String NOTHING_TO_EXTEND = "NOTHING_TO_EXTEND";
    public static final String BATCH_TOO_LARGE = "BATCH_TOO_LARGE";

    private final Pool pool;
    private final Outbox outbox;
    private final LicenseCache cache;
    private final LicenseKeyHasher hasher;
    private final KeyGenerator generator;
    private final KeyCipher cipher;
    private final int maxBatch;
    /** Sellers issue only once their e-mail address is verified (account security, on in production). */
    private final boolean verifiedSellersOnly;

    public LicenseService(Pool pool, Outbox outbox, LicenseCache cache, LicenseKeyHasher hasher,
            @ConfigProperty(name = "licensing.keys.platform", defaultValue = "LMP") String platform,
            @ConfigProperty(name = "licensing.keys.encryption-key") String encryptionKey,
            @ConfigProperty(name = "licensing.licenses.max-batch", defaultValue = "1000") int maxBatch,
            @ConfigProperty(name = "licensing.accounts.email-verification-required", defaultValue = "true") boolean verifiedSellersOnly) {
        this.verifiedSellersOnly = verifiedSellersOnly;
        this.pool = pool;
        this.outbox = outbox;
        this.cache = cache;
        this.hasher = hasher;
        SecureRandom random = new SecureRandom();
        this.generator = new KeyGenerator(random, hasher.checksumSecret(), platform);
        this.cipher = new KeyCipher(encryptionKey, random);
        this.maxBatch = maxBatch;
    }

    /** What a new license is made of; anything null comes from the product's defaults. */
    public static final String EMAIL_NOT_VERIFIED = "EMAIL_NOT_VERIFIED";

    public record IssueRequest(Long productId, Long ownerAccountId, String owner, String type, String licenseClass,
            String privilege, String term, Integer durationDays, Instant expiresAt, Integer maxDevices, Integer maxSessions,
            Map<String, Object> usageLimits, List<String> domainRestrictions, List<String> ipRestrictions, Boolean autoRenew,
            String notes, String key, Integer count, List<String> keys) {}

    public record Issued(LicenseView license, String key) {}

    public record Batch(UUID batchId, int count, List<Issued> licenses) {}

    // ------------------------------------------------------------------ issue

    public Uni<Issued> issue(Caller caller, IssueRequest req, String ip) {
        if (req.count() != null || req.keys() != null) {
            throw ProblemException.invalidField("count", "use POST /api/v1/licenses/batch for several licenses");
        }
        return issueMany(caller, req, 1, req.key() == null ? null : List.of(req.key()), null, ip).map(l -> l.get(0));
    }

    /** Up to {@code licensing.licenses.max-batch} licenses in one transaction: all are stored, or none. */
    public Uni<Batch> issueBatch(Caller caller, IssueRequest req, String ip) {
        if (req.key() != null) {
            throw ProblemException.invalidField("key", "a batch imports keys through 'keys'");
        }
        int count;
        if (req.keys() != null) {
            if (req.count() != null && req.count() != req.keys().size()) {
                throw ProblemException.invalidField("count", "must equal the number of keys when keys are given");
            }
            count = req.keys().size();
        } else {
            if (req.count() == null) {
                throw ProblemException.invalidField("count", "is required");
            }
            count = req.count();
        }
        if (count < 1) {
            throw ProblemException.invalidField("count", "must be at least 1");
        }
        if (count > maxBatch) {
            throw new ProblemException(400, BATCH_TOO_LARGE, "At most " + maxBatch + " licenses per batch",
                    List.of(new ProblemException.FieldError("count", "at most " + maxBatch)), Map.of(), Map.of());
        }
        UUID batchId = UUID.randomUUID();
        return issueMany(caller, req, count, req.keys(), batchId, ip).map(l -> new Batch(batchId, l.size(), l));
    }

    private Uni<List<Issued>> issueMany(Caller caller, IssueRequest req, int count, List<String> importedKeys, UUID batchId,
            String ip) {
        if (req.productId() == null) {
            throw ProblemException.invalidField("product_id", "is required");
        }
        // Imported keys are parsed (format and checksum) before anything is looked up.
        List<LicenseKeyFormat.ParsedKey> imported = null;
        if (importedKeys != null) {
            imported = new ArrayList<>();
            for (int i = 0; i < importedKeys.size(); i++) {
                imported.add(hasher.parseOrReject(importedKeys.get(i), importedKeys.size() == 1 && batchId == null ? "key" : "keys[" + i + "]"));
            }
        }
        List<LicenseKeyFormat.ParsedKey> importedFinal = imported;
        return pool.withTransaction(tx -> ProductService.byId(tx, req.productId()).chain(product -> {
            if (product == null || !caller.isAdmin() && product.sellerId() != caller.accountId()) {
                throw ProblemException.notFound(ProductService.PRODUCT_NOT_FOUND, "No product " + req.productId());
            }
            return AccountService.byIdIn(tx, product.sellerId()).invoke(seller -> {
                if (verifiedSellersOnly && !caller.isAdmin() && !seller.emailVerified()) {
                    throw new ProblemException(403, EMAIL_NOT_VERIFIED, "Verify your e-mail address before issuing licenses"
                            + " (the link was e-mailed at registration; POST /api/v1/auth/verify-email/resend sends another)");
                }
            }).chain(seller -> resolveOwner(tx, req)
                    .chain(owner -> insertAll(tx, product, seller, owner, req, count, importedFinal, batchId, caller, ip)));
        })).call(issued -> cache.committed(issued.stream().map(IssuedRow::license).toList()))
                .map(rows -> rows.stream().map(r -> new Issued(LicenseView.of(r.license(), true), r.key())).toList());
    }

    private record IssuedRow(License license, String key) {}

    private Uni<Long> resolveOwner(SqlClient tx, IssueRequest req) {
        if (req.ownerAccountId() == null && (req.owner() == null || req.owner().isBlank())) {
            return Uni.createFrom().nullItem();
        }
        Uni<Account> found = req.ownerAccountId() != null ? AccountService.byIdIn(tx, req.ownerAccountId())
                : AccountService.byLoginIn(tx, req.owner());
        String field = req.ownerAccountId() != null ? "owner_account_id" : "owner";
        return found.map(a -> {
            if (a == null || !Roles.CUSTOMER.equals(a.role())) {
                throw ProblemException.invalidField(field, "must name a customer account");
            }
            return a.id();
        });
    }

    private Uni<List<IssuedRow>> insertAll(SqlClient tx, Product product, Account seller, Long ownerId, IssueRequest req,
            int count, List<LicenseKeyFormat.ParsedKey> imported, UUID batchId, Caller caller, String ip) {
        String type = PolicyRules.oneOf(req.type(), PolicyRules.TYPES, "type", "BASE");
        String cls = PolicyRules.oneOf(req.licenseClass(), PolicyRules.CLASSES, "license_class", product.defaultLicenseClass());
        String privilege = PolicyRules.oneOf(req.privilege(), PolicyRules.PRIVILEGES, "privilege", product.defaultPrivilege());
        String term = PolicyRules.term(req.term(), product.defaultTerm());
        Integer days = req.durationDays() != null ? PolicyRules.durationDays(req.durationDays(), "duration_days")
                : req.term() == null ? product.defaultDurationDays() : null;
        if (req.expiresAt() != null && !req.expiresAt().isAfter(Instant.now())) {
            throw ProblemException.invalidField("expires_at", "must be in the future");
        }
        int maxDevices = req.maxDevices() != null ? PolicyRules.maxDevices(req.maxDevices(), "max_devices") : product.defaultMaxDevices();
        Integer maxSessions = req.maxSessions() != null ? PolicyRules.maxSessions(req.maxSessions(), "max_sessions")
                : product.defaultMaxSessions();
        Map<String, Long> limits = req.usageLimits() != null ? PolicyRules.usageLimits(req.usageLimits(), "usage_limits")
                : product.defaultUsageLimits();
        List<String> domains = req.domainRestrictions() == null ? List.of()
                : Restrictions.domains(req.domainRestrictions(), "domain_restrictions");
        List<String> ips = req.ipRestrictions() == null ? List.of() : Restrictions.ips(req.ipRestrictions(), "ip_restrictions");
        String notes = req.notes();
        boolean autoRenew = Boolean.TRUE.equals(req.autoRenew());

        List<Tuple> rows = new ArrayList<>(count);
        List<String> plainKeys = new ArrayList<>(count);
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < count; i++) {
            LicenseKeyFormat.ParsedKey parsed = imported != null ? imported.get(i)
                    : hasher.parseOrReject(newKey(product, seller, privilege), "key");
            String hash = hasher.hash(parsed);
            if (!hashes.add(hash)) {
                throw ProblemException.conflict(KEY_ALREADY_EXISTS, "The key at position " + i + " appears twice in the batch")
                        .withExtension("index", i);
            }
            plainKeys.add(parsed.normalized());
            rows.add(Tuple.from(Arrays.asList(hash, cipher.encrypt(parsed.normalized()), parsed.scheme().name(),
                    KeyGenerator.hint(parsed.normalized()), product.id(), product.sellerId(), ownerId, type, cls, privilege, term,
                    days, maxDevices, maxSessions, new JsonObject(new HashMap<>(limits)), new JsonArray(domains),
                    new JsonArray(ips), autoRenew, utc(req.expiresAt()), ip, notes, batchId)));
        }
        // One statement per row inside the transaction: a failing row (a duplicate imported key) rolls everything back.
        String insert = "WITH l AS (INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, product_id, seller_id,"
                + " owner_account_id, type, license_class, privilege, term, duration_days, max_devices, max_sessions, usage_limits,"
                + " domain_restrictions, ip_restrictions, auto_renew, expires_at, created_from_ip, notes, batch_id)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)"
                + " RETURNING *) SELECT " + License.COLUMNS + " FROM l JOIN license.products p ON p.id = l.product_id";
        Uni<List<IssuedRow>> chain = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            Tuple row = rows.get(i);
            String key = plainKeys.get(i);
            int index = i;
            chain = chain.chain(acc -> tx.preparedQuery(insert).execute(row)
                    .onFailure(PgException.class).transform(t -> "23505".equals(((PgException) t).getSqlState())
                            ? ProblemException.conflict(KEY_ALREADY_EXISTS, "The key at position " + index + " already exists")
                                    .withExtension("index", index)
                            : t)
                    .map(LicenseService::firstOrNull)
                    .chain(l -> outbox.append(tx, EventEnvelope.of(EventTypes.LICENSE_ISSUED).license(l.id()).account(ownerId)
                            .actor(caller.accountId()).ip(ip).source(LicenseEvents.SOURCE)
                            .data(issuedData(l, batchId)).build()).replaceWith(l))
                    .map(l -> {
                        acc.add(new IssuedRow(l, key));
                        return acc;
                    }));
        }
        return chain;
    }

    private static Map<String, Object> issuedData(License l, UUID batchId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("product_id", l.productId());
        d.put("product_code", l.productCode());
        d.put("seller_id", l.sellerId());
        d.put("type", l.type());
        d.put("privilege", l.privilege());
        d.put("term", l.term());
        d.put("key_hint", l.keyHint());
        if (batchId != null) {
            d.put("batch_id", batchId.toString());
        }
        return d;
    }

    private String newKey(Product product, Account seller, String privilege) {
        return switch (LicenseKeyFormat.Scheme.valueOf(product.keyScheme())) {
            case SEGMENTED -> {
                if (seller.sellerName() == null) {
                    throw ProblemException.conflict("SELLER_NAME_MISSING",
                            "Segmented keys need the seller's name; this seller has none");
                }
                yield generator.segmented(seller.sellerName(), privilege);
            }
            case CHECKSUMMED -> generator.checksummed(product.code(), product.sellerId(), LocalDate.now(ZoneOffset.UTC));
            case OPAQUE -> generator.opaque();
        };
    }

    // ------------------------------------------------------------------ redeem and upgrade

    /**
     * A customer binds a key to its account: UNUSED → ACTIVE under a row lock, so of two accounts
     * redeeming one key at the same time exactly one wins. An UPGRADE key also moves the account's
     * active BASE license of the same product to UPGRADED and records the upgrade.
     */
    public Uni<LicenseView> redeem(Caller caller, String rawKey, String ip) {
        LicenseKeyFormat.ParsedKey parsed = hasher.parseOrReject(rawKey, "key");
        String hash = hasher.hash(parsed);
        return pool.withTransaction(tx -> tx.preparedQuery(SELECT_FOR_UPDATE_BY_HASH).execute(Tuple.of(hash))
                .map(LicenseService::firstOrNull)
                .chain(l -> {
                    if (l == null) {
                        throw ProblemException.notFound(LICENSE_NOT_FOUND, "No license has this key");
                    }
                    if (l.status() != LicenseStatus.UNUSED) {
                        throw ProblemException.conflict(LICENSE_ALREADY_REDEEMED, l.ownerAccountId() != null
                                && l.ownerAccountId() == caller.accountId() ? "You already redeemed this key"
                                        : "This key was already redeemed");
                    }
                    if (l.ownerAccountId() != null && l.ownerAccountId() != caller.accountId()) {
                        throw ProblemException.conflict(LICENSE_RESERVED, "This key was issued to another account");
                    }
                    LicenseStatusMachine.transition(l.status(), LicenseStatus.ACTIVE);
                    Instant now = Instant.now();
                    Instant expires = Terms.expiryAtActivation(Terms.Term.valueOf(l.term()), l.durationDays(), l.expiresAt(), now);
                    if ("UPGRADE".equals(l.type())) {
                        return upgrade(tx, caller, l, expires, ip);
                    }
                    return activate(tx, caller, l, expires, ip).map(List::of);
                }))
                .call(changed -> cache.committed(changed))
                .map(changed -> LicenseView.of(changed.get(0), false));
    }

    private static final String SELECT_FOR_UPDATE_BY_HASH = License.SELECT + " WHERE l.key_hash = $1 FOR UPDATE OF l";

    private Uni<License> activate(SqlClient tx, Caller caller, License l, Instant expires, String ip) {
        return tx.preparedQuery("UPDATE license.licenses SET status = 'ACTIVE', owner_account_id = $2, activated_at = now(),"
                + " expires_at = $3, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(l.id(), caller.accountId(), utc(expires)))
                .chain(() -> byIdIn(tx, l.id(), false))
                .call(a -> outbox.append(tx, EventEnvelope.of(EventTypes.LICENSE_ACTIVATED).license(l.id()).account(caller.accountId())
                        .actor(caller.accountId()).ip(ip).source(LicenseEvents.SOURCE)
                        .data(data("product_id", l.productId(), "type", l.type(), "privilege", l.privilege(),
                                "expires_at", expires == null ? null : expires.toString())).build()));
    }

    /** Returns the new (activated) license first, then the upgraded base. */
    private Uni<List<License>> upgrade(SqlClient tx, Caller caller, License upgradeKey, Instant expires, String ip) {
        return tx.preparedQuery(License.SELECT + " WHERE l.owner_account_id = $1 AND l.product_id = $2 AND l.type = 'BASE'"
                + " AND l.status = 'ACTIVE' ORDER BY l.activated_at DESC, l.id DESC LIMIT 1 FOR UPDATE OF l")
                .execute(Tuple.of(caller.accountId(), upgradeKey.productId()))
                .map(LicenseService::firstOrNull)
                .chain(base -> {
                    if (base == null) {
                        throw ProblemException.conflict(NO_BASE_LICENSE,
                                "An upgrade key needs an active base license of the same product on your account");
                    }
                    if (PolicyRules.privilegeRank(upgradeKey.privilege()) <= PolicyRules.privilegeRank(base.privilege())) {
                        throw ProblemException.conflict(UPGRADE_NOT_HIGHER, "The upgrade key's tier " + upgradeKey.privilege()
                                + " is not above the base license's " + base.privilege());
                    }
                    LicenseStatusMachine.transition(base.status(), LicenseStatus.UPGRADED);
                    return tx.preparedQuery("UPDATE license.licenses SET status = 'UPGRADED', updated_at = now() WHERE id = $1")
                            .execute(Tuple.of(base.id()))
                            .chain(() -> activate(tx, caller, upgradeKey, expires, ip))
                            .chain(activated -> tx.preparedQuery("INSERT INTO license.upgrades (account_id, license_from, license_to)"
                                    + " VALUES ($1, $2, $3)").execute(Tuple.of(caller.accountId(), base.id(), activated.id()))
                                    .chain(() -> outbox.append(tx, EventEnvelope.of(EventTypes.LICENSE_UPGRADED).license(base.id())
                                            .account(caller.accountId()).actor(caller.accountId()).ip(ip).source(LicenseEvents.SOURCE)
                                            .data(data("from_license_id", base.id(), "to_license_id", activated.id(),
                                                    "from_privilege", base.privilege(), "to_privilege", activated.privilege()))
                                            .build()))
                                    .chain(() -> byIdIn(tx, base.id(), false))
                                    .map(upgraded -> List.of(activated, upgraded)));
                });
    }

    // ------------------------------------------------------------------ read

    public record Filter(String status, Long productId, Long ownerAccountId, Instant expiringBefore, String key, int page,
            int size) {}

    public record Page(List<LicenseView> items, long total, int page, int size) {}

    /** Sellers: their products' licenses; customers: their own; admins: all. */
    public Uni<Page> list(Caller caller, Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (caller.isSeller()) {
            args.add(caller.accountId());
            where.append(" AND l.seller_id = $").append(args.size());
        } else if (caller.isCustomer()) {
            args.add(caller.accountId());
            where.append(" AND l.owner_account_id = $").append(args.size());
        } else if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only sellers, customers and admins list licenses");
        }
        if (f.status() != null && !f.status().isBlank()) {
            args.add(PolicyRules.oneOf(f.status(), Arrays.stream(LicenseStatus.values()).map(Enum::name).toList(), "status", null));
            where.append(" AND l.status = $").append(args.size());
        }
        if (f.productId() != null) {
            args.add(f.productId());
            where.append(" AND l.product_id = $").append(args.size());
        }
        if (f.ownerAccountId() != null) {
            args.add(f.ownerAccountId());
            where.append(" AND l.owner_account_id = $").append(args.size());
        }
        if (f.expiringBefore() != null) {
            args.add(utc(f.expiringBefore()));
            where.append(" AND l.expires_at < $").append(args.size());
        }
        KeySearch key = KeySearch.of(f.key(), hasher.checksumSecret(), hasher::hashNormalized);
        if (key != null && key.keyHash() != null) {
            args.add(key.keyHash());
            where.append(" AND l.key_hash = $").append(args.size());
        } else if (key != null) {
            args.add(key.hintFragment().toUpperCase(java.util.Locale.ROOT));
            where.append(" AND strpos(upper(l.key_hint), $").append(args.size()).append(") > 0");
        }
        Tuple t = Tuple.from(args);
        boolean internal = !caller.isCustomer();
        return pool.preparedQuery("SELECT count(*) AS n FROM license.licenses l" + where).execute(t)
                .map(rows -> rows.iterator().next().getLong("n"))
                .chain(total -> pool.preparedQuery(License.SELECT + where + " ORDER BY l.id DESC LIMIT " + f.size() + " OFFSET "
                        + ((long) f.page() * f.size())).execute(t).map(rows -> {
                            List<LicenseView> items = new ArrayList<>();
                            rows.forEach(r -> items.add(LicenseView.of(License.from(r), internal)));
                            return new Page(items, total, f.page(), f.size());
                        }));
    }

    public Uni<LicenseView> get(Caller caller, long id) {
        return visible(caller, id).map(l -> LicenseView.of(l, !caller.isCustomer()));
    }

    /** The plain key, for its owner, its seller and admins. */
    public Uni<Map<String, Object>> readKey(Caller caller, long id) {
        return visible(caller, id).map(l -> Map.of("id", l.id(), "key", cipher.decrypt(l.keyEncrypted()), "key_scheme", l.keyScheme()));
    }

    private Uni<License> visible(Caller caller, long id) {
        return byIdIn(pool, id, false).map(l -> {
            if (l == null || !l.visibleTo(caller)) {
                throw ProblemException.notFound(LICENSE_NOT_FOUND, "No license " + id);
            }
            return l;
        });
    }

    // ------------------------------------------------------------------ seller and admin changes

    /** Loads the row under lock and checks that the caller manages it (404 otherwise: ids of others are not revealed). */
    public Uni<License> lockManaged(SqlClient tx, Caller caller, long id) {
        return byIdIn(tx, id, true).map(l -> {
            if (l == null || !l.manageableBy(caller)) {
                throw ProblemException.notFound(LICENSE_NOT_FOUND, "No license " + id);
            }
            return l;
        });
    }

    public Uni<LicenseView> suspend(Caller caller, long id, String reason, String ip) {
        String r = reason(reason);
        return change(caller, id, ip, (tx, l) -> {
            LicenseStatusMachine.transition(l.status(), LicenseStatus.SUSPENDED);
            return tx.preparedQuery("UPDATE license.licenses SET status = 'SUSPENDED', suspended_at = now(), suspension_reason = $2,"
                    + " suspended_by_account_id = $3, suspended_by_role = $4, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(l.id(), r, caller.accountId(), caller.role()))
                    .replaceWith(event(EventTypes.LICENSE_SUSPENDED, l, caller, ip, data("reason", r, "suspended_by_role", caller.role()))
                            .level("warn"));
        });
    }

    public Uni<LicenseView> reinstate(Caller caller, long id, String ip) {
        return change(caller, id, ip, (tx, l) -> {
            LicenseStatusMachine.transition(l.status(), LicenseStatus.ACTIVE);
            if (l.status() != LicenseStatus.SUSPENDED) {
                throw ProblemException.conflict(LicenseStatusMachine.INVALID_STATUS_TRANSITION, "Only a suspended license is reinstated");
            }
            // The row is locked (lockManaged): who imposed the suspension cannot change meanwhile.
            return tx.preparedQuery("SELECT suspended_by_role FROM license.licenses WHERE id = $1").execute(Tuple.of(l.id()))
                    .invoke(rows -> SuspensionAuthority.requireMayLift(rows.iterator().next().getString("suspended_by_role"),
                            caller.role()))
                    .chain(() -> tx.preparedQuery("UPDATE license.licenses SET status = 'ACTIVE', suspended_at = NULL,"
                            + " suspension_reason = NULL, suspended_by_account_id = NULL, suspended_by_role = NULL,"
                            + " updated_at = now() WHERE id = $1").execute(Tuple.of(l.id())))
                    .replaceWith(event(EventTypes.LICENSE_REINSTATED, l, caller, ip, Map.of()));
        });
    }

    public Uni<LicenseView> revoke(Caller caller, long id, String reason, String ip) {
        String r = reason(reason);
        return change(caller, id, ip, (tx, l) -> {
            LicenseStatusMachine.transition(l.status(), LicenseStatus.REVOKED);
            return tx.preparedQuery("UPDATE license.licenses SET status = 'REVOKED', revoked_at = now(), revocation_reason = $2,"
                    + " updated_at = now() WHERE id = $1").execute(Tuple.of(l.id(), r))
                    .replaceWith(event(EventTypes.LICENSE_REVOKED, l, caller, ip, data("reason", r, "from_status", l.status().name()))
                            .level("warn"));
        });
    }

    /**
     * Extends by {@code days} (from the current expiry, or from now if it passed) or sets a new
     * {@code expiresAt}. An unused time-based license gets a longer term instead. An expired license
     * is renewed: extended from now and ACTIVE again (its devices and seats work again at once).
     * Upgraded and revoked licenses cannot be extended.
     */
    public Uni<LicenseView> extend(Caller caller, long id, Integer days, Instant until, String ip) {
        if ((days == null) == (until == null)) {
            throw ProblemException.invalidField("days", "give either days or expires_at");
        }
        if (days != null) {
            PolicyRules.durationDays(days, "days");
        }
        if (until != null && !until.isAfter(Instant.now())) {
            throw ProblemException.invalidField("expires_at", "must be in the future");
        }
        return change(caller, id, ip, (tx, l) -> extendLocked(tx, caller, l, days, until, ip));
    }

    /** For approval of an extension request: the row is already locked by the caller's transaction. */
    public Uni<EventEnvelope.Builder> extendLocked(SqlClient tx, Caller caller, License l, Integer days, Instant until, String ip) {
        if (l.status() != LicenseStatus.ACTIVE && l.status() != LicenseStatus.SUSPENDED && l.status() != LicenseStatus.UNUSED
                && l.status() != LicenseStatus.EXPIRED) {
            throw new ProblemException(409, LicenseStatusMachine.INVALID_STATUS_TRANSITION,
                    "A license in status " + l.status() + " cannot be extended").withExtension("from", l.status().name());
        }
        boolean renewal = l.status() == LicenseStatus.EXPIRED;
        LicenseStatus status = renewal ? LicenseStatusMachine.transition(l.status(), LicenseStatus.ACTIVE) : l.status();
        Instant now = Instant.now();
        Instant newExpiry;
        Integer newDuration = l.durationDays();
        if (until != null) {
            newExpiry = until;
        } else if (l.status() == LicenseStatus.UNUSED && l.expiresAt() == null) {
            Integer base = Terms.effectiveDays(Terms.Term.valueOf(l.term()), l.durationDays());
            if (base == null) {
                throw ProblemException.conflict(NOTHING_TO_EXTEND, "This license never expires");
            }
            newDuration = base + days;
            newExpiry = null;
        } else {
            if (l.expiresAt() == null) {
                throw ProblemException.conflict(NOTHING_TO_EXTEND, "This license never expires; set expires_at to give it an end");
            }
            newExpiry = Terms.extend(l.expiresAt(), days, now);
        }
        Map<String, Object> d = data("days", days, "expires_at", newExpiry == null ? null : newExpiry.toString(),
                "previous_expires_at", l.expiresAt() == null ? null : l.expiresAt().toString(), "duration_days", newDuration,
                "renewed_from", renewal ? l.status().name() : null);
        return tx.preparedQuery("UPDATE license.licenses SET expires_at = $2, duration_days = $3, status = $4, updated_at = now()"
                + " WHERE id = $1")
                .execute(Tuple.of(l.id(), utc(newExpiry), newDuration, status.name()))
                .replaceWith(event(EventTypes.LICENSE_EXTENDED, l, caller, ip, d));
    }

    /** A new key for the license; the old one stops resolving at once (database and Redis index). */
    public Uni<Issued> replaceKey(Caller caller, long id, String importedKey, String ip) {
        LicenseKeyFormat.ParsedKey imported = importedKey == null ? null : hasher.parseOrReject(importedKey, "key");
        String[] oldHash = new String[1];
        String[] plain = new String[1];
        return pool.withTransaction(tx -> lockManaged(tx, caller, id).chain(l -> {
            if (l.status() == LicenseStatus.REVOKED) {
                throw ProblemException.conflict("LICENSE_REVOKED", "A revoked license gets no new key");
            }
            oldHash[0] = l.keyHash();
            return ProductService.byId(tx, l.productId()).chain(product -> AccountService.byIdIn(tx, l.sellerId()).chain(seller -> {
                LicenseKeyFormat.ParsedKey parsed = imported != null ? imported
                        : hasher.parseOrReject(newKey(product, seller, l.privilege()), "key");
                plain[0] = parsed.normalized();
                return tx.preparedQuery("UPDATE license.licenses SET key_hash = $2, key_encrypted = $3, key_scheme = $4, key_hint = $5,"
                        + " key_replaced_at = now(), updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(l.id(), hasher.hash(parsed), cipher.encrypt(parsed.normalized()), parsed.scheme().name(),
                                KeyGenerator.hint(parsed.normalized())))
                        .onFailure(PgException.class).transform(t -> "23505".equals(((PgException) t).getSqlState())
                                ? ProblemException.conflict(KEY_ALREADY_EXISTS, "This key already exists") : t)
                        .chain(() -> outbox.append(tx, event(EventTypes.LICENSE_KEY_REPLACED, l, caller, ip,
                                data("old_key_hint", l.keyHint(), "new_key_hint", KeyGenerator.hint(parsed.normalized()))).build()))
                        .chain(() -> byIdIn(tx, l.id(), false));
            }));
        })).call(l -> cache.keyReplaced(l, oldHash[0])).map(l -> new Issued(LicenseView.of(l, true), plain[0]));
    }

    /** Limits, restrictions, notes and auto-renew; only the fields present in the body change. */
    public Uni<LicenseView> update(Caller caller, long id, Map<String, Object> body, String ip) {
        Set<String> known = Set.of("max_devices", "max_sessions", "usage_limits", "domain_restrictions", "ip_restrictions", "notes",
                "auto_renew");
        for (String k : body.keySet()) {
            if (!known.contains(k)) {
                throw ProblemException.invalidField(k, "is not a field that can be changed here");
            }
        }
        if (body.isEmpty()) {
            throw ProblemException.badRequest("NOTHING_TO_UPDATE", "Give at least one of " + String.join(", ", known));
        }
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(id);
        if (body.containsKey("max_devices")) {
            Object v = body.get("max_devices");
            if (!(v instanceof Integer n)) {
                throw ProblemException.invalidField("max_devices", "must be a whole number");
            }
            args.add(PolicyRules.maxDevices(n, "max_devices"));
            sets.add("max_devices = $" + args.size());
        }
        if (body.containsKey("max_sessions")) {
            Object v = body.get("max_sessions");
            if (v != null && !(v instanceof Integer)) {
                throw ProblemException.invalidField("max_sessions", "must be a whole number or null (unlimited)");
            }
            args.add(PolicyRules.maxSessions((Integer) v, "max_sessions"));
            sets.add("max_sessions = $" + args.size());
        }
        if (body.containsKey("usage_limits")) {
            Object v = body.get("usage_limits");
            if (!(v instanceof Map<?, ?> m)) {
                throw ProblemException.invalidField("usage_limits", "must be an object of name: limit");
            }
            @SuppressWarnings("unchecked")
            Map<String, Long> limits = PolicyRules.usageLimits((Map<String, Object>) m, "usage_limits");
            args.add(new JsonObject(new HashMap<>(limits)));
            sets.add("usage_limits = $" + args.size());
        }
        if (body.containsKey("domain_restrictions")) {
            args.add(new JsonArray(Restrictions.domains(stringList(body.get("domain_restrictions"), "domain_restrictions"),
                    "domain_restrictions")));
            sets.add("domain_restrictions = $" + args.size());
        }
        if (body.containsKey("ip_restrictions")) {
            args.add(new JsonArray(Restrictions.ips(stringList(body.get("ip_restrictions"), "ip_restrictions"), "ip_restrictions")));
            sets.add("ip_restrictions = $" + args.size());
        }
        if (body.containsKey("notes")) {
            Object v = body.get("notes");
            if (v != null && !(v instanceof String)) {
                throw ProblemException.invalidField("notes", "must be text");
            }
            args.add(v);
            sets.add("notes = $" + args.size());
        }
        if (body.containsKey("auto_renew")) {
            if (!(body.get("auto_renew") instanceof Boolean b)) {
                throw ProblemException.invalidField("auto_renew", "must be true or false");
            }
            args.add(b);
            sets.add("auto_renew = $" + args.size());
        }
        String sql = "UPDATE license.licenses SET " + String.join(", ", sets) + ", updated_at = now() WHERE id = $1";
        Tuple t = Tuple.from(args);
        List<String> changed = new ArrayList<>(body.keySet());
        return change(caller, id, ip, (tx, l) -> {
            if (l.status() == LicenseStatus.REVOKED) {
                throw ProblemException.conflict("LICENSE_REVOKED", "A revoked license cannot be changed");
            }
            return tx.preparedQuery(sql).execute(t)
                    .replaceWith(event(LicenseEvents.LICENSE_UPDATED, l, caller, ip, data("fields", changed)));
        });
    }

    private static List<String> stringList(Object v, String field) {
        if (!(v instanceof List<?> list)) {
            throw ProblemException.invalidField(field, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw ProblemException.invalidField(field, "must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** One locked change: load under lock, check, write, append the event, commit, refresh Redis. */
    @FunctionalInterface
    public interface Change {
        Uni<EventEnvelope.Builder> apply(SqlClient tx, License locked);
    }

    public Uni<LicenseView> change(Caller caller, long id, String ip, Change change) {
        return pool.withTransaction(tx -> lockManaged(tx, caller, id)
                .chain(l -> change.apply(tx, l))
                .chain(event -> outbox.append(tx, event.build()))
                .chain(() -> byIdIn(tx, id, false)))
                .call(l -> cache.committed(l))
                .map(l -> LicenseView.of(l, true));
    }

    public static EventEnvelope.Builder event(String type, License l, Caller caller, String ip, Map<String, Object> data) {
        return EventEnvelope.of(type).license(l.id()).account(l.ownerAccountId()).actor(caller == null ? null : caller.accountId())
                .ip(ip).source(LicenseEvents.SOURCE).data(data);
    }

    // ------------------------------------------------------------------ helpers

    /** A license with its product code, optionally locking the licenses row. */
    public static Uni<License> byIdIn(SqlClient client, long id, boolean forUpdate) {
        return client.preparedQuery(License.SELECT + " WHERE l.id = $1" + (forUpdate ? " FOR UPDATE OF l" : ""))
                .execute(Tuple.of(id)).map(LicenseService::firstOrNull);
    }

    static License firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? License.from(rows.iterator().next()) : null;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String reason(String reason) {
        if (reason != null && reason.length() > 255) {
            throw ProblemException.invalidField("reason", "at most 255 characters");
        }
        return reason == null || reason.isBlank() ? null : reason.trim();
    }

    /** A map that, unlike Map.of, keeps null values out instead of failing on them. */
    public static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
