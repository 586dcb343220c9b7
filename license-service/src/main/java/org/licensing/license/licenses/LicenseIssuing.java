package org.licensing.license.licenses;

import java.time.Instant;
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

import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.accounts.AccountsConfig;
import org.licensing.license.products.PolicyRules;
import org.licensing.license.products.Product;
import org.licensing.license.products.ProductService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Issuing new licenses, one or a batch. A batch runs in one transaction that also appends one
 * event per license to the outbox: all are stored, or none; after commit {@link LicenseCache}
 * refreshes Redis.
 */
@ApplicationScoped
public class LicenseIssuing {

    private final Pool pool;
    private final Outbox outbox;
    private final LicenseCache cache;
    private final LicenseKeys keys;
    private final int maxBatch;
    /** Sellers issue only once their e-mail address is verified (account security, on in production). */
    private final boolean verifiedSellersOnly;

    public LicenseIssuing(Pool pool, Outbox outbox, LicenseCache cache, LicenseKeys keys, LicensesConfig licenses,
            AccountsConfig accounts) {
        this.pool = pool;
        this.outbox = outbox;
        this.cache = cache;
        this.keys = keys;
        this.maxBatch = licenses.maxBatch();
        this.verifiedSellersOnly = accounts.emailVerificationRequired();
    }

    /** What a new license is made of; anything null comes from the product's defaults. */
    public record IssueRequest(Long productId, Long ownerAccountId, String owner, String type, String licenseClass,
            String privilege, String term, Integer durationDays, Instant expiresAt, Integer maxDevices, Integer maxSessions,
            Map<String, Object> usageLimits, List<String> domainRestrictions, List<String> ipRestrictions, Boolean autoRenew,
            String notes, String key, Integer count, List<String> keys) {}

    public record Issued(LicenseView license, String key) {}

    public record Batch(UUID batchId, int count, List<Issued> licenses) {}

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
            throw new ProblemException(400, LicenseCodes.BATCH_TOO_LARGE, "At most " + maxBatch + " licenses per batch",
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
                imported.add(keys.parse(importedKeys.get(i), importedKeys.size() == 1 && batchId == null ? "key" : "keys[" + i + "]"));
            }
        }
        List<LicenseKeyFormat.ParsedKey> importedFinal = imported;
        return pool.withTransaction(tx -> ProductService.byId(tx, req.productId()).chain(product -> {
            if (product == null || !caller.isAdmin() && product.sellerId() != caller.accountId()) {
                throw ProblemException.notFound(LicenseCodes.PRODUCT_NOT_FOUND, "No product " + req.productId());
            }
            return AccountService.byIdIn(tx, product.sellerId()).invoke(seller -> {
                if (verifiedSellersOnly && !caller.isAdmin() && !seller.emailVerified()) {
                    throw new ProblemException(403, LicenseCodes.EMAIL_NOT_VERIFIED, "Verify your e-mail address before issuing licenses"
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
            LicenseKeyFormat.ParsedKey parsed = imported != null ? imported.get(i) : keys.mint(product, seller, privilege);
            String hash = keys.hash(parsed);
            if (!hashes.add(hash)) {
                throw ProblemException.conflict(LicenseCodes.KEY_ALREADY_EXISTS, "The key at position " + i + " appears twice in the batch")
                        .withExtension("index", i);
            }
            plainKeys.add(parsed.normalized());
            rows.add(Tuple.from(Arrays.asList(hash, keys.encrypt(parsed.normalized()), parsed.scheme().name(),
                    KeyGenerator.hint(parsed.normalized()), product.id(), product.sellerId(), ownerId, type, cls, privilege, term,
                    days, maxDevices, maxSessions, new JsonObject(new HashMap<>(limits)), new JsonArray(domains),
                    new JsonArray(ips), autoRenew, LicenseRows.utc(req.expiresAt()), ip, notes, batchId)));
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
                            ? ProblemException.conflict(LicenseCodes.KEY_ALREADY_EXISTS, "The key at position " + index + " already exists")
                                    .withExtension("index", index)
                            : t)
                    .map(LicenseRows::firstOrNull)
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
}
