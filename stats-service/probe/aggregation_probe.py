#!/usr/bin/env python3
"""How much CPU the aggregator spends per applied heartbeat entry, against a running local stack.

Feeds N heartbeat entries (the session script's exact fields) for D distinct devices straight into
the stack's lm:heartbeats:{n} partitions, at a fixed rate or in one burst, waits until stats-service
has applied all of them (stats.stream_offsets.entries_applied), and prints the CPU the stats-service
JVM and PostgreSQL used meanwhile, per entry, from /proc. D = N is production-like traffic: every
session beats once per interval, so a batch holds many distinct devices and their upserts do not
collapse into a few rows.

  /usr/bin/python3 stats-service/probe/aggregation_probe.py --entries 20000 --devices 20000 --rate 2000
  (LM_PORT_BASE, LM_DB, LM_REDIS_DB as for deploy/local/run.sh; bounded: at most --timeout seconds)

PostgreSQL is counted twice: the backends connected to this stack's database (what the aggregator's
own statements cost) and every postgres process (adds the WAL writer, checkpointer and any other
load on the machine, e.g. other stacks). The probe's devices are "probe-..." rows: they stay in the
stack's statistics like any other traffic.
"""
import argparse
import os
import subprocess
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BASE = int(os.environ.get("LM_PORT_BASE", "8080"))
DB = os.environ.get("LM_DB", "licensing")
REDIS_DB = os.environ.get("LM_REDIS_DB", "0")
RUN = os.path.join(ROOT, "deploy/local", ".run" if BASE == 8080 else f".run-{BASE}")
TICKS = os.sysconf("SC_CLK_TCK")
PG_ENV = dict(os.environ, PGPASSWORD="licensing")


def psql(sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "licensing", "-d", DB, "-Atc", sql],
                         env=PG_ENV, check=True, capture_output=True, text=True).stdout
    return out.strip()


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def postgres_pids():
    pids = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/comm") as f:
                    if f.read().strip() == "postgres":
                        pids.append(int(p))
            except OSError:
                pass
    return pids


def snapshot(stats_pid):
    own = [int(x) for x in psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{DB}'").split()]
    return {"stats": cpu_ticks(stats_pid), "pg_own": {p: cpu_ticks(p) for p in own},
            "pg_all": {p: cpu_ticks(p) for p in postgres_pids()}, "t": time.time()}


def delta(before, after, key):
    return sum(v - before[key].get(p, 0) for p, v in after[key].items())


def applied():
    return int(psql("SELECT coalesce(sum(entries_applied), 0) FROM stats.stream_offsets "
                    "WHERE stream_key LIKE 'lm:heartbeats:%'") or 0)


def resp(*args):
    out = [f"*{len(args)}\r\n".encode()]
    for a in args:
        b = str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


def beats(start, count, devices, partitions, run):
    chunk = []
    now = int(time.time() * 1000)
    for i in range(start, start + count):
        d = i % devices
        license_id = 3_000_000_000 + d // 2          # two devices per license, ten licenses per account
        account_id = 3_000_000_000 + d // 20
        sid = f"probe-{run}-{d}"
        chunk.append(resp("XADD", f"lm:heartbeats:{d % partitions}", "*", "v", "1", "id", f"{sid}:{i}",
                          "session_id", sid, "license_id", license_id, "account_id", account_id,
                          "device_id", f"probe-{d}", "ts", now, "seconds", 60, "server", "probe"))
    return b"".join(chunk)


def feed(data):
    subprocess.run(["redis-cli", "-n", REDIS_DB, "--pipe"], input=data, check=True, capture_output=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=20000)
    ap.add_argument("--devices", type=int, default=20000)
    ap.add_argument("--rate", type=int, default=0, help="entries per second; 0: one burst")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=300)
    a = ap.parse_args()
    with open(os.path.join(RUN, "pids", "stats.pid")) as f:
        stats_pid = int(f.read().strip())
    run = uuid.uuid4().hex[:6]
    start_applied = applied()
    before = snapshot(stats_pid)
    sent = 0
    step = max(1, a.rate // 10) if a.rate else a.entries
    t0 = time.time()
    while sent < a.entries:
        n = min(step, a.entries - sent)
        feed(beats(sent, n, a.devices, a.partitions, run))
        sent += n
        if a.rate:
            time.sleep(max(0.0, t0 + sent / a.rate - time.time()))
    fed = time.time() - t0
    deadline = time.time() + a.timeout
    while applied() - start_applied < a.entries and time.time() < deadline:
        time.sleep(0.1)
    after = snapshot(stats_pid)
    done = applied() - start_applied
    us = 1e6 / TICKS / max(1, done)
    stats = after["stats"] - before["stats"]
    own, allpg = delta(before, after, "pg_own"), delta(before, after, "pg_all")
    print(f"entries {done}/{a.entries} applied, {a.devices} distinct devices, fed in {fed:.1f} s, "
          f"drained {after['t'] - t0:.1f} s after the start")
    print(f"cpu us per applied entry: stats-service {stats * us:.1f}, postgresql (this database's backends) "
          f"{own * us:.1f}, postgresql (all processes) {allpg * us:.1f}; "
          f"stats + own backends {(stats + own) * us:.1f}")


if __name__ == "__main__":
    main()
