#!/usr/bin/env python3
"""Benchmark of the hot paths (DESIGN section 7, issue 11). Run through bench/run.sh.

Seeds a seller, licenses, devices and sessions through the API, then measures with wrk on
127.0.0.1 only, each for a bounded time: heartbeat, validation, session start and activation
(requests/s, p50, p99 at 64 connections), each beside /q/health/live of the same service measured
in the same run; the stats aggregation rate and lag; the resident memory of each service.
Prints one table and writes bench/RESULTS.md.
"""
import base64
import concurrent.futures
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import baselines
import report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", ".results")
# The stack deploy/local/run.sh started: the README's by default, or a second one beside it
# (LM_PORT_BASE, LM_DB, LM_REDIS_DB, as in deploy/local/instance.sh)
BASE = int(os.environ.get("LM_PORT_BASE", "8080"))
DB = os.environ.get("LM_DB", "licensing")
REDIS_DB = os.environ.get("LM_REDIS_DB", "0")
# BENCH_REDIS_CLUSTER=1 (bench/run.sh): the stack runs on a local three-master Redis Cluster whose first
# node listens on this port; its rows are printed, never written to RESULTS.md (the headline is standalone)
CLUSTER_PORT = os.environ.get("BENCH_CLUSTER_FIRST_PORT", "")
GW = f"http://127.0.0.1:{BASE}"
PORTS = {"license": BASE + 1, "device": BASE + 2, "session": BASE + 3, "stats": BASE + 4}
PIDS = os.path.join(ROOT, "deploy", "local", ".run" if BASE == 8080 else f".run-{BASE}", "pids")
DURATION = os.environ.get("BENCH_DURATION", "10s")
WARMUP = os.environ.get("BENCH_WARMUP", "5s")  # unrecorded run before each measured one: fresh JVMs are still compiling
# The first time a service's health is hit it gets a longer warm-up: /q/health/live of a
# fresh JVM climbs from about 8k to its plateau over about 20 s of load (the JIT), and a health figure
# taken on the climb would flatter every ratio.
FIRST_WARMUP = os.environ.get("BENCH_FIRST_WARMUP", "20s")
# An endpoint is measured only once the JVMs' JIT compilers have settled: on two shared cores C2 keeps
# compiling a fresh endpoint's code for a minute or more (a third of device-service's CPU during the
# first minute of activations), and counting that compile time as per-request cost measures warm-up, not
# the endpoint. The unrecorded load repeats in 5 s runs until the compiler threads of the four JVMs used
# less than JIT_QUIET of their CPU in the last one, or BENCH_WARMUP_MAX has passed.
WARMUP_MAX = os.environ.get("BENCH_WARMUP_MAX", "120s")
JIT_QUIET = float(os.environ.get("BENCH_JIT_QUIET", "0.03"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
LICENSES = int(os.environ.get("BENCH_LICENSES", "200"))
DEVICES_PER_LICENSE = int(os.environ.get("BENCH_DEVICES_PER_LICENSE", "5"))
ACTIVATION_LICENSES = int(os.environ.get("BENCH_ACTIVATION_LICENSES", "800"))
ACTIVATION_SLOTS = int(os.environ.get("BENCH_ACTIVATION_SLOTS", "25"))
# The activation warm-up binds new devices to licenses without a device limit (max_devices 0), the same
# code path as a limited license with a free slot, so the measured run still finds all its slots free.
WARMUP_LICENSES = int(os.environ.get("BENCH_ACTIVATION_WARMUP_LICENSES", "400"))
# BENCH_ONLY=heartbeat,validation runs only those rows (for iterating; RESULTS.md is then left alone)
ONLY = [x.strip() for x in os.environ.get("BENCH_ONLY", "").split(",") if x.strip()]


def call(method, url, body=None, token=None):
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, text


def must(result, what):
    status, body = result
    if status >= 300:
        sys.exit(f"seeding failed at {what}: {status} {body}")
    return body


def parallel(fn, items, workers=16):
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


def issue(seller, product_id, count, max_devices):
    keys = []
    while count > 0:
        n = min(count, 1000)
        b = must(call("POST", GW + "/api/v1/licenses/batch", {"product_id": product_id, "count": n,
                                                               "max_devices": max_devices}, seller), "batch issue")
        keys += [(i["license"]["id"], i["key"]) for i in b["licenses"]]
        count -= n
    return keys


def accounts():
    """The admin's token and a fresh seller, customer and product to seed under."""
    tag = secrets.token_hex(3).upper()
    admin = must(call("POST", GW + "/api/v1/auth/sign-in", {"login": os.environ.get("LICENSING_ADMIN_USERNAME", "admin"),
                                                              "password": os.environ.get("LICENSING_ADMIN_PASSWORD", "admin-change-me-bench")}),
                 "admin sign-in")["access_token"]
    seller = must(call("POST", GW + "/api/v1/auth/register", {"username": "bench-seller-" + tag.lower(),
                                                               "email": f"bench-{tag.lower()}@bench.test", "password": "bench-pass-1",
                                                               "role": "SELLER", "seller_name": "B" + tag}), "seller")["access_token"]
    customer = must(call("POST", GW + "/api/v1/auth/register", {"username": "bench-cust-" + tag.lower(),
                                                                 "email": f"bench-c-{tag.lower()}@bench.test",
                                                                 "password": "bench-pass-1"}), "customer")["access_token"]
    product = must(call("POST", GW + "/api/v1/products", {"code": "BENCH", "name": "Bench", "key_scheme": "SEGMENTED",
                                                          "default_term": "LIFETIME", "default_max_devices": DEVICES_PER_LICENSE},
                        seller), "product")["id"]
    return {"tag": tag, "admin": admin, "seller": seller, "customer": customer, "product": product}


def seed():
    os.makedirs(OUT, exist_ok=True)
    ctx = accounts()
    tag, admin, seller, customer, product = ctx["tag"], ctx["admin"], ctx["seller"], ctx["customer"], ctx["product"]
    t0 = time.time()
    hot = issue(seller, product, LICENSES, DEVICES_PER_LICENSE)
    act = issue(seller, product, ACTIVATION_LICENSES, ACTIVATION_SLOTS)
    unlimited = issue(seller, product, WARMUP_LICENSES, 0)
    parallel(lambda k: must(call("POST", GW + "/api/v1/licenses/redeem", {"key": k[1]}, customer), "redeem"),
             hot + act + unlimited)
    pairs = [(key, f"bench-{tag}-{lid}-{d}") for lid, key in hot for d in range(DEVICES_PER_LICENSE)]
    parallel(lambda p: must(call("POST", GW + "/api/v1/devices/activate", {"license_key": p[0], "device_id": p[1],
                                                                          "hwid": "HW-" + p[1]}), "activate"), pairs)
    tokens = parallel(lambda p: must(call("POST", GW + "/api/v1/sessions", {"license_key": p[0], "device_id": p[1],
                                                                            "client_version": "1.0"}), "session")["token"], pairs)
    with open(os.path.join(OUT, "tokens.tsv"), "w") as f:
        f.writelines(t + "\n" for t in tokens)
    with open(os.path.join(OUT, "pairs.tsv"), "w") as f:
        f.writelines(f"{k}\t{d}\tBENCH\n" for k, d in pairs)
    with open(os.path.join(OUT, "activate.tsv"), "w") as f:
        f.writelines(f"{k}\n" for _, k in act)
    with open(os.path.join(OUT, "activate-warmup.tsv"), "w") as f:
        f.writelines(f"{k}\n" for _, k in unlimited)
    print(f"seeded {len(hot) + len(act) + len(unlimited)} licenses, {len(pairs)} devices, {len(tokens)} sessions in {time.time() - t0:.1f} s")
    return admin


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url, script=None, args=(), duration=None, connections=None):
    cmd = ["wrk", "-t", str(THREADS), "-c", str(connections or CONNECTIONS), "-d", duration or DURATION, "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", os.path.join("bench", "lua", script)]
    cmd.append(url)
    if args:
        cmd += ["--"] + list(args)
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")

    answers = dict((k, int(v)) for k, v in re.findall(r"^answer (\S+) (\d+)$", out, re.M))
    total = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "p50": pct(50), "p99": pct(99), "answers": answers, "requests": int(total.group(1)) if total else 0,
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": errors.group(0) if errors else "", "raw": out}


def aggregation(admin):
    s, b = call("GET", GW + "/api/v1/stats/aggregation", token=admin)
    return b if s == 200 else {}


CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_snapshot():
    """CPU used so far by each part of the stack (per pid), by this script's children (wrk), and the
    machine's idle and total jiffies: two snapshots around a run give where its CPU went."""
    groups = {}
    for name in PORTS:
        try:
            groups[name + "-service"] = [int(open(os.path.join(PIDS, name + ".pid")).read())]
        except (OSError, ValueError):
            pass
    for proc, label in (("redis-server", "redis"), ("postgres", "postgresql")):
        out = subprocess.run(["pgrep", "-x", proc], capture_output=True, text=True).stdout.split()
        groups[label] = [int(x) for x in out]
    ticks = {}
    for label, pids in groups.items():
        for pid in pids:
            try:
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                ticks[(label, pid)] = int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                pass
    t = os.times()
    jiffies = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return ticks, t.children_user + t.children_system, jiffies[3] + jiffies[4], sum(jiffies)


def jit_ticks():
    """CPU jiffies so far of the four JVMs, and of their JIT compiler threads (C1, C2) among them."""
    total = jit = 0
    for name in PORTS:
        try:
            pid = int(open(os.path.join(PIDS, name + ".pid")).read())
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
            for t in os.listdir(f"/proc/{pid}/task"):
                if open(f"/proc/{pid}/task/{t}/comm").read().startswith(("C1 Compiler", "C2 Compiler")):
                    f = open(f"/proc/{pid}/task/{t}/stat").read().rsplit(")", 1)[1].split()
                    jit += int(f[11]) + int(f[12])
        except (OSError, ValueError, IndexError):
            pass
    return total, jit


def warm_up(url, script=None, args=(), first=WARMUP):
    """Unrecorded load: `first`, then 5 s runs until the JIT compilers used less than JIT_QUIET of the
    JVMs' CPU in the last run (or WARMUP_MAX). Returns the seconds spent and that last share."""
    spent, duration, share = 0.0, first, 1.0
    while True:
        total0, jit0 = jit_ticks()
        wrk(url, script, args, duration=duration)
        total1, jit1 = jit_ticks()
        spent += wrk_seconds(duration)
        share = max(0, jit1 - jit0) / max(1, total1 - total0)
        if share < JIT_QUIET or spent >= wrk_seconds(WARMUP_MAX):
            return spent, share
        duration = "5s"


def cpu_per_request(before, after, requests):
    """Microseconds of CPU per request for each part of the stack, and how busy the machine was."""
    if requests <= 0:
        return {}, 0.0
    per = {}
    for key, t in after[0].items():
        if key in before[0]:
            per[key[0]] = per.get(key[0], 0) + (t - before[0][key]) / CLK_TCK
    per["wrk"] = after[1] - before[1]
    busy = 1 - (after[2] - before[2]) / max(1, after[3] - before[3])
    return {k: v * 1e6 / requests for k, v in per.items()}, busy


def session_ids():
    """(session id, license id) of every benchmark session token (the sid and lic claims)."""
    sids = []
    for line in open(os.path.join(OUT, "tokens.tsv")):
        payload = line.strip().split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        sids.append((claims["sid"], int(claims["lic"])))
    return sids


def beats_credited(sids):
    """Sum of the beat counters of the benchmark sessions in Redis: each 'ok' heartbeat adds one."""
    # RedisKeys.session: the hash is in its license's session partition (lic mod RedisKeys.SESSION_PARTITIONS)
    script = "".join(f"HGET session:{{s{lic % 256}}}:{sid} seq\n" for sid, lic in sids)
    cli = ["redis-cli", "-c", "-h", "127.0.0.1", "-p", CLUSTER_PORT] if CLUSTER_PORT else ["redis-cli", "-h", "127.0.0.1", "-n", REDIS_DB]
    out = subprocess.run(cli, input=script, capture_output=True, text=True).stdout
    return sum(int(x) for x in out.split() if x.isdigit())


def psql(sql):
    env = dict(os.environ, PGPASSWORD="licensing")
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "licensing", "-d", DB, "-qAt", "-c", sql],
                          capture_output=True, text=True, env=env).stdout.strip()


def rss_mb():
    out = {}
    for name in PORTS:
        try:
            pid = open(os.path.join(PIDS, name + ".pid")).read().strip()
            kb = int(subprocess.run(["ps", "-o", "rss=", "-p", pid], capture_output=True, text=True).stdout.strip())
            out[name] = kb / 1024
        except (OSError, ValueError):
            out[name] = float("nan")
    return out


def main():
    admin = seed()
    sids = session_ids()
    results = []
    warmed = set()

    def measure(label, service, url_path, script, args, on_start=None, warmup_args=None):
        if ONLY and label.split()[0] not in ONLY:
            return None
        health_url = f"http://127.0.0.1:{PORTS[service]}/q/health/live"
        url = f"http://127.0.0.1:{PORTS[service]}{url_path}"
        warm_up(health_url, first=WARMUP if service in warmed else FIRST_WARMUP)
        warmed.add(service)
        cpu_before = cpu_snapshot()
        health = wrk(health_url)
        health_cpu, _ = cpu_per_request(cpu_before, cpu_snapshot(), health["requests"])
        warm_s, jit_share = warm_up(url, script, warmup_args or args)
        if on_start:
            on_start()
        heartbeat = label.startswith("heartbeat")
        credited_before = beats_credited(sids) if heartbeat else 0
        cpu_before = cpu_snapshot()
        r = wrk(url, script, args)
        r["cpu_us"], r["busy"] = cpu_per_request(cpu_before, cpu_snapshot(), r["requests"])
        if heartbeat:
            # no per-response Lua in heartbeat.lua: the answers are counted by what Redis credited
            ok = beats_credited(sids) - credited_before
            r["answers"] = {"ok (beats credited in Redis)": ok, "other": r["requests"] - ok}
        r.update(label=label, service=service, health_rps=health["rps"], ratio=r["rps"] / health["rps"],
                 health_cpu_us=sum(health_cpu.values()), health_cpu_parts=health_cpu, warmup_s=warm_s, jit_share=jit_share)
        results.append(r)
        print(f"{label}: {r['rps']:.0f} req/s (health {health['rps']:.0f}), p50 {r['p50']:.2f} ms, "
              f"p99 {r['p99']:.2f} ms, answers {r['answers']} {r['socket_errors']}")
        print("  cpu us/request: " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(r["cpu_us"].items(), key=lambda kv: -kv[1]))
              + f"; machine {r['busy']:.0%} busy; health request {r['health_cpu_us']:.0f} us in total ("
              + ", ".join(f"{k} {v:.0f}" for k, v in sorted(health_cpu.items(), key=lambda kv: -kv[1]) if v >= 1) + ")"
              + f" ({sum(r['cpu_us'].values()) / max(1, r['health_cpu_us']):.1f}x health); warm-up {warm_s:.0f} s,"
              + f" JIT {jit_share:.0%} of the JVMs' CPU in its last 5 s")
        return r

    # Heartbeat, then how fast stats-service applies what it produced. While the measured run goes,
    # the lag (now - ts of the newest applied heartbeat) is sampled twice a second.
    state = {}
    lags = []

    def start_sampling():
        state["before"] = aggregation(admin).get("entries_applied_total", 0)
        state["start"] = time.time()
        state["sampling"] = True

        def sample():
            while state.get("sampling"):
                lag = aggregation(admin).get("heartbeat_lag_ms")
                if lag is not None:
                    lags.append(lag)
                time.sleep(0.5)
        state["thread"] = threading.Thread(target=sample, daemon=True)
        state["thread"].start()

    if not measure("heartbeat", "session", "/api/v1/sessions/heartbeat", "heartbeat.lua",
                   [os.path.join(OUT, "tokens.tsv")], on_start=start_sampling):
        start_sampling()
    hb_end = time.time()
    state["sampling"] = False
    before, hb_start = state["before"], state["start"]
    last, last_change = before, hb_end
    while time.time() - last_change < 2.0 and time.time() - hb_end < 120:
        now = aggregation(admin).get("entries_applied_total", 0)
        if now != last:
            last, last_change = now, time.time()
        time.sleep(0.1)
    agg = aggregation(admin)
    applied = last - before
    lags.sort()
    agg_result = {"applied": applied, "rate": applied / max(0.001, last_change - hb_start),
                  "drain_s": max(0.0, last_change - hb_end),
                  "lag_p50": lags[len(lags) // 2] if lags else None, "lag_max": lags[-1] if lags else None}
    hb = next((r for r in results if r["label"] == "heartbeat"), None)
    if hb and applied:
        # the aggregator's CPU over the heartbeat run, per entry it applied (the drain after it is short)
        agg_result["per_entry_us"] = (hb["cpu_us"].get("stats-service", 0) + hb["cpu_us"].get("postgresql", 0)) \
            * hb["requests"] / applied
    print(f"aggregation: {applied} entries applied, {agg_result['rate']:.0f}/s, drained {agg_result['drain_s']:.2f} s "
          f"after the load stopped, lag during the run p50 {agg_result['lag_p50']} ms, max {agg_result['lag_max']} ms")

    # The same heartbeat run with stats-service stopped (SIGSTOP, then SIGCONT: nothing is lost, the
    # stream waits): how fast the hot path is when the aggregator and PostgreSQL do not share the two
    # cores with it, as in a deployment where they run on other nodes. Reported beside, not instead.
    if not ONLY or "heartbeat" in ONLY:
        stats_pid = int(open(os.path.join(PIDS, "stats.pid")).read().strip())
        os.kill(stats_pid, signal.SIGSTOP)
        try:
            measure("heartbeat alone", "session", "/api/v1/sessions/heartbeat", "heartbeat.lua",
                    [os.path.join(OUT, "tokens.tsv")])
        finally:
            os.kill(stats_pid, signal.SIGCONT)

    measure("validation", "license", "/api/v1/licenses/validate", "validate.lua", [os.path.join(OUT, "pairs.tsv")])
    measure("session start", "session", "/api/v1/sessions", "session_start.lua", [os.path.join(OUT, "pairs.tsv")])
    measure("activation", "device", "/api/v1/devices/activate", "activate.lua",
            [os.path.join(OUT, "activate.tsv"), secrets.token_hex(2)],
            warmup_args=[os.path.join(OUT, "activate-warmup.tsv"), secrets.token_hex(2)])
    over = psql("SELECT count(*) FROM (SELECT d.license_id FROM device.devices d JOIN license.licenses l ON l.id = d.license_id"
                " WHERE d.bound AND l.max_devices > 0 GROUP BY d.license_id, l.max_devices"
                " HAVING count(*) > l.max_devices) x")
    floors = {}
    if not ONLY or "baseline" in ONLY:
        seconds = int(wrk_seconds(DURATION))
        floors["seed001"] = baselines.pgbench("seed001-schema.sql", "seed001-heartbeat.sql", CONNECTIONS, seconds,
                                              cpu_snapshot, cpu_per_request)
        floors["activation"] = baselines.pgbench("activation-floor-schema.sql", "activation-floor.sql", CONNECTIONS, seconds,
                                                 cpu_snapshot, cpu_per_request)
        floors["session start"] = baselines.pgbench("session-start-floor-schema.sql", "session-start-floor.sql", CONNECTIONS,
                                                    seconds, cpu_snapshot, cpu_per_request)
        for name, f in floors.items():
            print(f"baseline {name}: {f['tps']:.0f} tx/s, cpu us/tx {f['cpu_us']}")
    memory = rss_mb()
    if ONLY or CLUSTER_PORT:
        print("BENCH_ONLY or BENCH_REDIS_CLUSTER set: bench/RESULTS.md not rewritten")
        return
    settings = (f"wrk {THREADS} threads, {CONNECTIONS} connections, {DURATION} per row after an unrecorded warm-up "
                f"({WARMUP}, {FIRST_WARMUP} the first time a service's health is hit, then 5 s more at a time until the "
                f"JIT compiler threads used < {JIT_QUIET:.0%} of the JVMs' CPU, at most {WARMUP_MAX})")
    report.write(ROOT, settings, results, agg_result, over, memory, floors)


def wrk_seconds(text):
    return float(text[:-1]) * {"s": 1, "m": 60}[text[-1]] if text[-1] in "sm" else float(text)


if __name__ == "__main__":
    main()
