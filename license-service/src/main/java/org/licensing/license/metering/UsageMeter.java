package org.licensing.license.metering;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.redis.LuaScript;
import org.licensing.license.validation.DirectEvents;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Usage counters in Redis. A recording checks every window of the metric and increments them all
 * in one Lua script, so concurrent recordings never exceed a limit (N parallel calls against a
 * limit of K: exactly K are accepted). Crossing 80/90/100 % of a limit sets a marker with
 * {@code SET NX} in the same script, so each threshold is announced once per window.
 */
@ApplicationScoped
public class UsageMeter {

    /**
     * KEYS: counters. ARGV[1]: amount; then per counter: limit (-1 = none), TTL ms (0 = none).
     * Refusal: {0, index of the full counter, its value}. Accepted: {1, value1, crossed1, value2, crossed2, ...}
     * where crossed is the highest threshold newly reached (0 = none).
     */
    static final LuaScript RECORD = new LuaScript("""
            local amount = tonumber(ARGV[1])
            local n = #KEYS
            for i = 1, n do
              local limit = tonumber(ARGV[2 * i])
              local cur = tonumber(redis.call('GET', KEYS[i]) or '0')
              if amount > 0 and limit >= 0 and cur + amount > limit then
                return {0, i, cur}
              end
            end
            local out = {1}
            for i = 1, n do
              local limit = tonumber(ARGV[2 * i])
              local ttl = tonumber(ARGV[2 * i + 1])
              local v = redis.call('INCRBY', KEYS[i], amount)
              if v < 0 then
                redis.call('SET', KEYS[i], '0')
                v = 0
              end
              if ttl > 0 and redis.call('PTTL', KEYS[i]) < 0 then
                redis.call('PEXPIRE', KEYS[i], ttl)
              end
              local crossed = 0
              if limit > 0 then
                for _, t in ipairs({80, 90, 100}) do
                  local marker = KEYS[i] .. ':warned:' .. t
                  if v * 100 >= limit * t then
                    local ok
                    if ttl > 0 then
                      ok = redis.call('SET', marker, '1', 'NX', 'PX', ttl)
                    else
                      ok = redis.call('SET', marker, '1', 'NX')
                    end
                    if ok then crossed = t end
                  elseif ttl == 0 then
                    redis.call('DEL', marker)
                  end
                end
              end
              table.insert(out, v)
              table.insert(out, crossed)
            end
            return out
            """);

    /** Outcome of one recording. */
    public record Recording(boolean accepted, UsageMetric metric, List<UsageLimits.Reading> readings,
            UsageLimits.Counter refusedBy) {}

    private final ReactiveRedisDataSource redis;
    private final DirectEvents events;
    private final Clock clock;

    public UsageMeter(ReactiveRedisDataSource redis, DirectEvents events) {
        this.redis = redis;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    public Uni<Recording> record(LicenseSnapshot license, UsageMetric metric, long amount) {
        Instant now = clock.instant();
        List<UsageLimits.Counter> counters = UsageLimits.countersOf(license.id(), metric, license.usageLimits(), now);
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(amount));
        for (UsageLimits.Counter c : counters) {
            keys.add(c.key());
            args.add(c.limit() == null ? "-1" : Long.toString(c.limit()));
            args.add(Long.toString(c.window().ttlMillis(now)));
        }
        return RECORD.run(redis, keys, args).chain(r -> {
            if (r.get(0).toInteger() == 0) {
                int index = r.get(1).toInteger() - 1;
                long used = r.get(2).toLong();
                List<UsageLimits.Reading> readings = List.of(new UsageLimits.Reading(counters.get(index), used));
                return Uni.createFrom().item(new Recording(false, metric, readings, counters.get(index)));
            }
            List<UsageLimits.Reading> readings = new ArrayList<>();
            List<Uni<Void>> warnings = new ArrayList<>();
            for (int i = 0; i < counters.size(); i++) {
                long value = r.get(1 + 2 * i).toLong();
                int crossed = r.get(2 + 2 * i).toInteger();
                UsageLimits.Reading reading = new UsageLimits.Reading(counters.get(i), value);
                readings.add(reading);
                if (crossed > 0) {
                    warnings.add(events.publish(warning(license, reading, crossed)));
                }
            }
            Uni<Void> published = warnings.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(warnings).andCollectFailures().replaceWithVoid();
            return published.replaceWith(new Recording(true, metric, readings, null));
        });
    }

    /** Current values of the license's limited counters (validation) or of every counter (reports). */
    public Uni<List<UsageLimits.Reading>> read(LicenseSnapshot license, boolean limitedOnly) {
        Instant now = clock.instant();
        List<UsageLimits.Counter> counters = limitedOnly
                ? UsageLimits.limitedCounters(license.id(), license.usageLimits(), now)
                : allCounters(license, now);
        if (counters.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] keys = counters.stream().map(UsageLimits.Counter::key).toArray(String[]::new);
        return redis.value(String.class).mget(keys).map(values -> {
            List<UsageLimits.Reading> out = new ArrayList<>(counters.size());
            for (UsageLimits.Counter c : counters) {
                String v = values.get(c.key());
                out.add(new UsageLimits.Reading(c, v == null ? 0 : Long.parseLong(v)));
            }
            return out;
        });
    }

    private static List<UsageLimits.Counter> allCounters(LicenseSnapshot license, Instant now) {
        List<UsageLimits.Counter> all = new ArrayList<>();
        for (UsageMetric m : UsageMetric.values()) {
            all.addAll(UsageLimits.countersOf(license.id(), m, license.usageLimits(), now));
        }
        return all;
    }

    static EventEnvelope warning(LicenseSnapshot license, UsageLimits.Reading reading, int percent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metric", reading.counter().metric().label());
        data.put("window", reading.counter().window().label());
        data.put("limit_key", reading.counter().limitKey());
        data.put("limit", reading.counter().limit());
        data.put("used", reading.used());
        data.put("threshold_percent", percent);
        if (reading.counter().resetsAt() != null) {
            data.put("resets_at", reading.counter().resetsAt().toString());
        }
        data.put("seller_id", license.sellerId());
        return EventEnvelope.of(percent >= 100 ? EventTypes.LICENSE_USAGE_EXCEEDED : EventTypes.LICENSE_USAGE_WARNING)
                .level(percent >= 100 ? "error" : "warn")
                .license(license.id())
                .account(license.ownerAccountId())
                .source("license-service")
                .data(new HashMap<>(data))
                .build();
    }
}
