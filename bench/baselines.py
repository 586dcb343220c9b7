"""Rows measured beside the platform's, in the same run (bench.py calls them): PostgreSQL doing
only what a design needs, with pgbench on the same two cores.

- seed 001's heartbeat: the four statements of requirement 001's heartbeat.php per beat, which
  our heartbeat's throughput is printed as a multiple of;
- the activation floor: the one write transaction an activation cannot do without;
- the session-start floor: the one statement a start cannot do without (device check, session row,
  outbox row).

Each runs in a scratch database (bench_baseline, created once, owned by licensing) so that the
platform's data is not touched.
"""
import os
import subprocess

SQL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sql")
DB = "bench_baseline"
ENV = dict(os.environ, PGPASSWORD="licensing")


def _database():
    exists = subprocess.run(["su", "postgres", "-c", f"psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '{DB}'\""],
                            capture_output=True, text=True).stdout.strip()
    if exists != "1":
        subprocess.run(["su", "postgres", "-c", f"createdb -O licensing {DB}"], check=True)


def _load(schema):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "licensing", "-d", DB, "-q", "-v", "ON_ERROR_STOP=1",
                    "-f", os.path.join(SQL, schema)], check=True, env=ENV, capture_output=True)


def pgbench(schema, script, clients, duration_s, cpu_snapshot, cpu_per_request):
    """Transactions/s of one pgbench script, and CPU per transaction (postgresql, pgbench as 'wrk')."""
    _database()
    _load(schema)
    def cmd(seconds):
        return ["pgbench", "-n", "-M", "prepared", "-h", "127.0.0.1", "-U", "licensing", "-c", str(clients), "-j", "2",
                "-T", str(seconds), "-f", os.path.join(SQL, script), DB]
    subprocess.run(cmd(3), env=ENV, capture_output=True, text=True)  # warm-up: plans, caches
    _load(schema)
    # pgbench's backends live only while it runs: the CPU is read inside the run (from 1 s after
    # the start, when every connection is open, until 0.5 s before the end) and set against the
    # transactions of that window at the run's rate. pgbench itself is counted when it has exited.
    import time
    run = subprocess.Popen(cmd(duration_s), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    time.sleep(1.0)
    t0, before = time.time(), cpu_snapshot()
    time.sleep(max(0.5, duration_s - 1.5))
    t1, after = time.time(), cpu_snapshot()
    out = run.communicate()[0]
    tps = next((float(line.split("=")[1].split()[0]) for line in out.splitlines() if line.startswith("tps")), 0.0)
    tx = next((int(line.split(":")[1].split("/")[0].strip()) for line in out.splitlines()
               if line.startswith("number of transactions actually processed")), 0)
    db, _ = cpu_per_request(before, after, tps * (t1 - t0))
    client = (cpu_snapshot()[1] - before[1]) * 1e6 / max(1, tx)
    return {"tps": tps, "transactions": tx, "cpu_us": {"postgresql": db.get("postgresql", 0), "pgbench": client}}
