"""The table bench.py prints and writes into bench/RESULTS.md, judged against issue 21's targets:
whole-stack CPU per request as a multiple of a health request's, in the same run."""
import datetime
import os
import platform
import re

# label -> (max CPU multiple of a health request, min req/s or None, p99 ms bound or None)
TARGETS = {
    "heartbeat": (3.5, None, None),
    "heartbeat alone": (2.5, None, None),
    "validation": (4.0, None, 25.0),
    "session start": (25.0, 1000.0, None),
    "activation": (30.0, 1000.0, None),
}
REDIS_PER_BEAT_US = 40.0
AGGREGATOR_PER_ENTRY_US = 20.0
RESIDENT_MB = 256.0


def total_cpu(r):
    return sum(r.get("cpu_us", {}).values())


def verdict(r):
    """The target text and whether this run met it."""
    bound = TARGETS.get(r["label"])
    if not bound:
        return "", ""
    multiple, rate, p99 = bound
    text = [f"<= {multiple:g}x"]
    ok = total_cpu(r) <= multiple * r["health_cpu_us"]
    if rate:
        text.append(f">= {rate:,.0f}/s")
        ok = ok and r["rps"] >= rate
    if p99:
        text.append(f"p99 < {p99:g} ms")
        ok = ok and r["p99"] < p99
    return ", ".join(text), "yes" if ok else "no"


def write(root, settings, results, agg, over, memory, floors):
    cpu = "unknown"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
    except (OSError, AttributeError):
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Run {when} on {os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GiB, {platform.system()}; {settings}, 127.0.0.1, "
             f"services (JVM, {os.environ.get('JAVA_OPTS') or 'see deploy/local/run.sh'}), PostgreSQL, Redis and the load "
             "generator on the same machine. 'heartbeat alone': the same run with stats-service stopped. "
             "'CPU' = whole-stack CPU per request (all four JVMs, Redis, PostgreSQL, wrk; from /proc), "
             "'x health' = that as a multiple of a health request's whole-stack CPU measured just before.", "",
             "| endpoint | req/s | p50 ms | p99 ms | CPU us/request | health CPU us | x health | target | met | answers |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"]
    for r in results:
        target, met = verdict(r)
        answers = ", ".join(f"{k}: {v}" for k, v in sorted(r["answers"].items()))
        lines.append(f"| {r['label']} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {total_cpu(r):.0f} | "
                     f"{r['health_cpu_us']:.0f} | {total_cpu(r) / max(1, r['health_cpu_us']):.1f} | {target} | {met} | {answers} |")
    lines += ["", "Where each request's CPU went, in microseconds, and how busy the two cores were:", ""]
    for r in results:
        parts = ", ".join(f"{k} {v:.0f}" for k, v in sorted(r.get("cpu_us", {}).items(), key=lambda kv: -kv[1]) if v >= 1)
        # the health request's own parts: what any request to that service costs before its work begins
        health = ", ".join(f"{k} {v:.0f}" for k, v in sorted(r.get("health_cpu_parts", {}).items(), key=lambda kv: -kv[1])
                           if v >= 1)
        lines.append(f"- {r['label']}: {parts} (total {total_cpu(r):.0f}; its health request: {health or 'n/a'});"
                     f" machine {r.get('busy', 0):.0%} busy;"
                     f" measured after {r.get('warmup_s', 0):.0f} s of warm-up (JIT {r.get('jit_share', 0):.0%} of the JVMs' CPU"
                     f" in its last run).")
    by_label = {r["label"]: r for r in results}
    lines.append("")
    for label in ("heartbeat", "heartbeat alone"):
        if label in by_label:
            redis = by_label[label]["cpu_us"].get("redis", 0)
            lines.append(f"- Redis CPU per beat ({label}): {redis:.0f} us (target <= {REDIS_PER_BEAT_US:.0f}: "
                         f"{'yes' if redis <= REDIS_PER_BEAT_US else 'no'}).")
    if agg.get("per_entry_us") is not None:
        per = agg["per_entry_us"]
        lines.append(f"- Aggregator CPU per applied entry (stats-service + PostgreSQL, during the heartbeat run): "
                     f"{per:.0f} us (target <= {AGGREGATOR_PER_ENTRY_US:.0f}: {'yes' if per <= AGGREGATOR_PER_ENTRY_US else 'no'}); "
                     "with production-like traffic see the scaling table.")
    if agg:
        lines.append(f"- Aggregation: {agg['applied']} heartbeat/event entries applied at {agg['rate']:.0f} entries/s "
                     f"(from the start of the heartbeat run until drained); caught up {agg['drain_s']:.2f} s after the load "
                     f"stopped; lag sampled every 0.5 s during the run: p50 {agg['lag_p50']} ms, max {agg['lag_max']} ms.")
    seed = floors.get("seed001")
    if seed and "heartbeat" in by_label:
        ours = by_label["heartbeat"]["rps"]
        alone = by_label.get("heartbeat alone", {}).get("rps")
        lines.append(f"- Seed 001's heartbeat design (its four PostgreSQL statements per beat, autocommit, pgbench -M prepared, "
                     f"same connections; the PHP layer not counted): {seed['tps']:.0f} beats/s, PostgreSQL "
                     f"{seed['cpu_us']['postgresql']:.0f} us + client {seed['cpu_us']['pgbench']:.0f} us per beat. Our heartbeat: "
                     f"**{ours / max(1, seed['tps']):.1f}x** its throughput"
                     + (f" ({alone / max(1, seed['tps']):.1f}x alone)." if alone else "."))
    def as_health(label, floor):
        # the floor by itself against the same row's health request: how much of the target it leaves
        r = by_label.get(label)
        total = floor["cpu_us"]["postgresql"] + floor["cpu_us"]["pgbench"]
        return f" = {total / r['health_cpu_us']:.1f}x that row's health request by itself" if r and r.get("health_cpu_us") else ""
    floor = floors.get("activation")
    if floor:
        lines.append(f"- Activation's PostgreSQL floor (one transaction: lock the slot row, count, bind, touch the slot, "
                     f"outbox insert; pgbench -M prepared, same connections, 400 licenses): {floor['tps']:.0f} tx/s, "
                     f"PostgreSQL {floor['cpu_us']['postgresql']:.0f} us + client {floor['cpu_us']['pgbench']:.0f} us per transaction"
                     + as_health("activation", floor) + ".")
    floor = floors.get("session start")
    if floor:
        lines.append(f"- Session start's PostgreSQL floor (its one statement: device bound and not blocked, session row, "
                     f"outbox row, with the real tables' indexes; autocommit, pgbench -M prepared, same connections, "
                     f"1,000 devices): {floor['tps']:.0f} tx/s, PostgreSQL {floor['cpu_us']['postgresql']:.0f} us + client "
                     f"{floor['cpu_us']['pgbench']:.0f} us per start" + as_health("session start", floor) + ".")
    lines.append(f"- Devices bound beyond their license's limit after the activation run: **{over}**.")
    lines.append("- Resident memory after the run: " + ", ".join(
        f"{k}-service {v:.0f} MB" for k, v in memory.items())
        + f" (target < {RESIDENT_MB:.0f}: {'yes' if all(v < RESIDENT_MB for v in memory.values()) else 'no'}).")
    table = "\n".join(lines)
    print("\n" + table)
    # Only the table between the markers is replaced: the analysis around it is written by people.
    path = os.path.join(root, "bench", "RESULTS.md")
    block = "<!-- TABLE -->\n" + table + "\n<!-- /TABLE -->"
    try:
        text = open(path).read()
    except OSError:
        text = ""
    if "<!-- TABLE -->" in text and "<!-- /TABLE -->" in text:
        text = text[:text.index("<!-- TABLE -->")] + block + text[text.index("<!-- /TABLE -->") + len("<!-- /TABLE -->"):]
    else:
        text = "# Benchmark results\n\nLatest run of `bash bench/run.sh` (see bench/README.md).\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)
