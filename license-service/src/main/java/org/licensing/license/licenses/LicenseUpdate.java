package org.licensing.license.licenses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;
import org.licensing.license.products.PolicyRules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A PATCH of a license, parsed and checked: {@code fields} names what the body carried (only those
 * change; {@code max_sessions} and {@code notes} may be set to null), the other components hold
 * the checked values. Parsing is the only place that looks at the raw JSON; bad input is a 400
 * naming its field.
 */
public record LicenseUpdate(Set<String> fields, Integer maxDevices, Integer maxSessions, Map<String, Long> usageLimits,
        List<String> domainRestrictions, List<String> ipRestrictions, String notes, Boolean autoRenew) {

    /** The fields a PATCH may carry, in the order they are checked; each is also its column's name. */
    public static final List<String> FIELDS = List.of("max_devices", "max_sessions", "usage_limits", "domain_restrictions",
            "ip_restrictions", "notes", "auto_renew");

    public static LicenseUpdate parse(Map<String, Object> body) {
        for (String k : body.keySet()) {
            if (!FIELDS.contains(k)) {
                throw ProblemException.invalidField(k, "is not a field that can be changed here");
            }
        }
        if (body.isEmpty()) {
            throw ProblemException.badRequest(LicenseCodes.NOTHING_TO_UPDATE, "Give at least one of " + String.join(", ", FIELDS));
        }
        Set<String> fields = new LinkedHashSet<>();
        FIELDS.stream().filter(body::containsKey).forEach(fields::add);
        Integer maxDevices = null;
        Integer maxSessions = null;
        Map<String, Long> limits = null;
        List<String> domains = null;
        List<String> ips = null;
        String notes = null;
        Boolean autoRenew = null;
        if (fields.contains("max_devices")) {
            if (!(body.get("max_devices") instanceof Integer n)) {
                throw ProblemException.invalidField("max_devices", "must be a whole number");
            }
            maxDevices = PolicyRules.maxDevices(n, "max_devices");
        }
        if (fields.contains("max_sessions")) {
            Object v = body.get("max_sessions");
            if (v != null && !(v instanceof Integer)) {
                throw ProblemException.invalidField("max_sessions", "must be a whole number or null (unlimited)");
            }
            maxSessions = PolicyRules.maxSessions((Integer) v, "max_sessions");
        }
        if (fields.contains("usage_limits")) {
            if (!(body.get("usage_limits") instanceof Map<?, ?> m)) {
                throw ProblemException.invalidField("usage_limits", "must be an object of name: limit");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) m;
            limits = PolicyRules.usageLimits(raw, "usage_limits");
        }
        if (fields.contains("domain_restrictions")) {
            domains = Restrictions.domains(strings(body.get("domain_restrictions"), "domain_restrictions"), "domain_restrictions");
        }
        if (fields.contains("ip_restrictions")) {
            ips = Restrictions.ips(strings(body.get("ip_restrictions"), "ip_restrictions"), "ip_restrictions");
        }
        if (fields.contains("notes")) {
            Object v = body.get("notes");
            if (v != null && !(v instanceof String)) {
                throw ProblemException.invalidField("notes", "must be text");
            }
            notes = (String) v;
        }
        if (fields.contains("auto_renew")) {
            if (!(body.get("auto_renew") instanceof Boolean b)) {
                throw ProblemException.invalidField("auto_renew", "must be true or false");
            }
            autoRenew = b;
        }
        return new LicenseUpdate(Set.copyOf(fields), maxDevices, maxSessions, limits, domains, ips, notes, autoRenew);
    }

    /** The value to store in a field's column (JSON columns as JSON). */
    Object column(String field) {
        return switch (field) {
            case "max_devices" -> maxDevices;
            case "max_sessions" -> maxSessions;
            case "usage_limits" -> new JsonObject(new HashMap<>(usageLimits));
            case "domain_restrictions" -> new JsonArray(domainRestrictions);
            case "ip_restrictions" -> new JsonArray(ipRestrictions);
            case "notes" -> notes;
            case "auto_renew" -> autoRenew;
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** The changed fields in a stable order, for the event and the statement. */
    List<String> changed() {
        return FIELDS.stream().filter(fields::contains).toList();
    }

    private static List<String> strings(Object v, String field) {
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
}
