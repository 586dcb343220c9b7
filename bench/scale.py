#!/usr/bin/env python3
"""How the heartbeat and the aggregation cost grow with the number of live sessions (issue 22).
Run through bench/run.sh, after bench.py, on the stack it started.

For each size (BENCH_SCALE_SIZES, default 1000,10000,100000 live sessions, grown in place):
seeds licenses through the API, their devices straight into device.devices (one real activation
per license first, so the slot row, the owner and the license's activation are the platform's
own), and the sessions through POST /api/v1/sessions on held connections (rate limits are lifted
by run.sh; a start is the real one: PostgreSQL row, seat, token). Then, at that size:
- paced: every session beats about once per interval (live sessions / interval beats a second,
  wrk with a per-connection delay), for BENCH_SCALE_PACED (30s);
- flat out: as fast as the machine goes, for BENCH_DURATION (10s).
Per run it prints CPU per beat (session-service, Redis, wrk), CPU per applied entry (stats-service
and PostgreSQL, from the run's start until the aggregator caught up), PostgreSQL rows written per
second (pg_stat_database) and Redis memory per live session (used_memory growth over the starts).
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time

import bench

SIZES = [int(x) for x in os.environ.get("BENCH_SCALE_SIZES", "1000,10000,100000").split(",") if x.strip()]
PACED = os.environ.get("BENCH_SCALE_PACED", "30s")
INTERVAL_S = float(os.environ.get("BENCH_SCALE_INTERVAL_S", "60"))  # the production heartbeat interval
DEVICES_PER_LICENSE = 100
OUT = bench.OUT


def redis_used_memory():
    out = subprocess.run(["redis-cli", "-h", "127.0.0.1", "INFO", "memory"], capture_output=True, text=True).stdout
    return int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("used_memory:")))


def pg_rows_written():
    return int(bench.psql(f"SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = '{bench.DB}'") or 0)


def start_sessions(pairs, workers=24):
    """POST /api/v1/sessions for each (key, device id) on held keep-alive connections; returns the tokens."""
    tokens, failures, lock = [], [], threading.Lock()
    chunks = [pairs[i::workers] for i in range(workers)]

    def run(chunk):
        conn = http.client.HTTPConnection("127.0.0.1", bench.PORTS["session"], timeout=60)
        mine = []
        for key, dev in chunk:
            conn.request("POST", "/api/v1/sessions", json.dumps({"license_key": key, "device_id": dev, "client_version": "1.0"}),
                         {"Content-Type": "application/json"})
            r = conn.getresponse()
            body = r.read()
            if r.status == 201:
                mine.append(json.loads(body)["token"])
            else:
                with lock:
                    failures.append((r.status, body[:200]))
        with lock:
            tokens.extend(mine)

    threads = [threading.Thread(target=run, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit(f"session starts failed: {len(failures)}, first: {failures[0]}")
    return tokens


def seed_size(ctx, target):
    """Grows the live sessions to target: licenses of DEVICES_PER_LICENSE devices each."""
    need = target - len(ctx["tokens"])
    licenses = bench.issue(ctx["seller"], ctx["product"], need // DEVICES_PER_LICENSE, DEVICES_PER_LICENSE)
    tag = ctx["tag"]
    bench.parallel(lambda k: bench.must(bench.call("POST", bench.GW + "/api/v1/licenses/redeem", {"key": k[1]}, ctx["customer"]),
                                        "redeem"), licenses)
    first = [(key, f"scale-{tag}-{lid}-0") for lid, key in licenses]
    bench.parallel(lambda p: bench.must(bench.call("POST", bench.GW + "/api/v1/devices/activate",
                                                   {"license_key": p[0], "device_id": p[1], "hwid": "HW-" + p[1]}), "activate"), first)
    ids = ",".join(str(lid) for lid, _ in licenses)
    # the other devices of each license, as the activation would have bound them (same owner)
    bench.psql(f"INSERT INTO device.devices (license_id, account_id, device_id, hwid_hash, bound_at) "
               f"SELECT d.license_id, d.account_id, 'scale-{tag}-' || d.license_id || '-' || g, "
               f"encode(sha256(('HW-scale-{tag}-' || d.license_id || '-' || g)::bytea), 'hex'), now() "
               f"FROM device.devices d CROSS JOIN generate_series(1, {DEVICES_PER_LICENSE - 1}) g "
               f"WHERE d.license_id IN ({ids}) AND d.device_id LIKE 'scale-%-0'")
    pairs = [(key, f"scale-{tag}-{lid}-{d}") for lid, key in licenses for d in range(DEVICES_PER_LICENSE)]
    mem_before = redis_used_memory()
    t0 = time.time()
    ctx["tokens"] += start_sessions(pairs)
    took = time.time() - t0
    ctx["mem_per_session"] = (redis_used_memory() - mem_before) / len(pairs)
    path = os.path.join(OUT, "scale-tokens.tsv")
    with open(path, "w") as f:
        f.writelines(t + "\n" for t in ctx["tokens"])
    print(f"scale: {len(ctx['tokens'])} live sessions ({len(pairs)} started at {len(pairs) / took:.0f}/s); "
          f"Redis {ctx['mem_per_session']:.0f} bytes per live session")
    return path


def drained(admin, before, started, timeout=300):
    """Waits until the aggregator has applied everything (no change for 2 s): entries applied."""
    last, last_change = before, time.time()
    while time.time() - last_change < 2.0 and time.time() - started < timeout:
        now = bench.aggregation(admin).get("entries_applied_total", 0)
        if now != last:
            last, last_change = now, time.time()
        time.sleep(0.1)
    return last - before


def idle_cpu(seconds=5.0):
    """CPU the stack spends per second with no load (timers, consumers polling, the reaper): taken
    off the paced runs, whose few beats a second it would otherwise dominate."""
    before = bench.cpu_snapshot()
    time.sleep(seconds)
    used, _ = bench.cpu_per_request(before, bench.cpu_snapshot(), 1)
    return {k: v / seconds for k, v in used.items()}


def net(used, idle, seconds, count):
    """Microseconds per item of what a window used beyond the idle stack's share of it."""
    return {k: max(0.0, v - idle.get(k, 0.0) * seconds) / max(1, count) for k, v in used.items()}


def run(ctx, size, mode, tokens_path):
    drained(ctx["admin"], bench.aggregation(ctx["admin"]).get("entries_applied_total", 0), time.time())
    idle = idle_cpu()
    if mode == "paced":
        rate = size / INTERVAL_S
        # few connections at low rates: each must send at least one request a second or so
        connections = max(bench.THREADS, min(bench.CONNECTIONS, int(rate)))
        script, args, duration = "heartbeat_paced.lua", [tokens_path, str(max(1, int(connections * 1000 / rate)))], PACED
    else:
        connections, script, args, duration = bench.CONNECTIONS, "heartbeat.lua", [tokens_path], bench.DURATION
    url = f"http://127.0.0.1:{bench.PORTS['session']}/api/v1/sessions/heartbeat"
    applied_before = bench.aggregation(ctx["admin"]).get("entries_applied_total", 0)
    rows_before = pg_rows_written()
    cpu0 = bench.cpu_snapshot()
    t0 = time.time()
    r = bench.wrk(url, script, args, duration=duration, connections=connections)
    t_load = time.time() - t0
    cpu1 = bench.cpu_snapshot()
    applied = drained(ctx["admin"], applied_before, t0)
    t_all = time.time() - t0
    cpu2 = bench.cpu_snapshot()
    rows = pg_rows_written() - rows_before
    used_load, busy = bench.cpu_per_request(cpu0, cpu1, 1)
    used_all, _ = bench.cpu_per_request(cpu0, cpu2, 1)
    beat_cpu = net(used_load, idle, t_load, r["requests"])
    agg_cpu = net(used_all, idle, t_all, applied)
    row = {"size": size, "mode": mode, "rps": r["rps"], "p99": r["p99"], "non2xx": r["non2xx"],
           "beat_cpu": {k: beat_cpu.get(k, 0) for k in ("session-service", "redis", "wrk")},
           "agg_cpu": {k: agg_cpu.get(k, 0) for k in ("stats-service", "postgresql")},
           "applied": applied, "rows_s": rows / t_all, "rows_per_beat": rows / max(1, r["requests"]),
           "busy": busy, "load_s": t_load, "mem": ctx["mem_per_session"], "connections": connections}
    print(f"scale {size} {mode}: {r['rps']:.0f} beats/s, p99 {r['p99']:.1f} ms, non-2xx {r['non2xx']}; cpu us/beat "
          + ", ".join(f"{k} {v:.0f}" for k, v in row["beat_cpu"].items())
          + f"; aggregator us/applied entry " + ", ".join(f"{k} {v:.0f}" for k, v in row["agg_cpu"].items())
          + f" ({applied} applied); PostgreSQL {row['rows_s']:.0f} rows/s ({row['rows_per_beat']:.2f} per beat)")
    return row


def report(rows):
    lines = ["Live sessions grown in place (1 start per device, 100 devices per license); 'paced': every session beats "
             f"about once per {INTERVAL_S:.0f} s interval (live sessions / {INTERVAL_S:.0f} beats a second, {PACED}); "
             f"'flat out': as fast as it goes ({bench.DURATION}). CPU (net of the idle stack's, measured for 5 s before each run) per beat: during the load; per applied entry: "
             "stats-service + PostgreSQL from the start of the load until the aggregator caught up, over the entries it applied.", "",
             "| live sessions | pace | connections | beats/s | p99 ms | non-2xx | CPU us/beat: session-service | Redis | wrk "
             "| aggregator us/entry: stats-service | PostgreSQL | PG rows/s | PG rows/beat | Redis bytes/live session |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        b, a = r["beat_cpu"], r["agg_cpu"]
        lines.append(f"| {r['size']} | {r['mode']} | {r['connections']} | {r['rps']:.0f} | {r['p99']:.1f} | {r['non2xx']} | {b['session-service']:.0f} | "
                     f"{b['redis']:.0f} | {b['wrk']:.0f} | {a['stats-service']:.0f} | {a['postgresql']:.0f} | {r['rows_s']:.0f} | "
                     f"{r['rows_per_beat']:.2f} | {r['mem']:.0f} |")
    table = "\n".join(lines)
    print("\n" + table)
    path = os.path.join(bench.ROOT, "bench", "RESULTS.md")
    text = open(path).read()
    block = "<!-- SCALE -->\n" + table + "\n<!-- /SCALE -->"
    if "<!-- SCALE -->" in text and "<!-- /SCALE -->" in text:
        text = text[:text.index("<!-- SCALE -->")] + block + text[text.index("<!-- /SCALE -->") + len("<!-- /SCALE -->"):]
    else:
        text += "\n## How cost grows with live sessions\n\nLatest `bench/scale.py` run (bench/run.sh):\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    os.makedirs(OUT, exist_ok=True)
    ctx = bench.accounts()
    ctx["tokens"] = []
    rows = []
    for size in SIZES:
        path = seed_size(ctx, size)
        for mode in ("paced", "flat out"):
            rows.append(run(ctx, size, mode, path))
    if bench.ONLY:
        print("BENCH_ONLY set: bench/RESULTS.md not rewritten")
        return
    report(rows)


if __name__ == "__main__":
    main()
