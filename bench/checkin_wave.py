"""A check-in wave against the real production server: gunicorn + PostgreSQL (or SQLite).

    .venv/bin/python bench/checkin_wave.py [--mode batch|single] [--people 250000]
        [--points 1000] [--kill-workers] [--sqlite] [--worker-class sync|gthread]
        [--workers 2] [--threads 4] [--clients 32] [--processes 4]

What it does, in order:

1. (Re)creates a database of its own: PostgreSQL ``binhdan_bench`` on the server of
   ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/``), or a SQLite file
   with ``--sqlite``; migrates it.
2. Seeds one online session with N bridge points (one village each, 10 communes), one
   operator user and API token per point (bulk inserts, tokens hashed as
   ``accounts.services`` does), and P synthetic people (name + phone, one in five by CCCD).
3. Starts ``gunicorn binhdan.config.wsgi`` with ``BINHDAN_ENV=production``.
4. Measures ``/healthz`` requests/s with the same client setup (processes x connections),
   before the wave and again after it; ``healthz_rate`` is the mean of the two.
5. Runs the wave from separate client processes (``http.client`` keep-alive connections):
   ``batch`` — each point uploads its people in batches of 50–250; ``single`` — one request
   per check-in. 5 % of the requests are sent again (a retry); a request that fails (the
   connection drops, a 5xx) is retried with the same payload until it is answered.
   ``--kill-workers`` SIGKILLs a gunicorn worker every few seconds during the wave.
   Meanwhile a poller times ``GET /api/v1/sessions/{id}/live`` four times a second.
6. Checks the database: every payload stored exactly once (lost = 0, duplicates = 0) and
   the point counters equal to the rows.

The last printed line is one JSON object: mode, records, points, seconds, rate, p50_ms,
p99_ms, lost, duplicates, healthz_rate, ratio (check-in requests/s ÷ healthz requests/s),
live_p95_ms, server, db (and a few more details).
Targets on a 2-core machine: batch 250,000 in ≤ 30 s; single ratio ≥ 0.25; lost and
duplicates 0 (with --kill-workers too); live p95 ≤ 100 ms.
"""

import argparse
import http.client
import json
import multiprocessing as mp
import os
import queue
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VENV_BIN = Path(sys.executable).parent
PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032"]
BENCH_DB = "binhdan_bench"
RETRY_SHARE = 0.05
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------- environment


def server_env(args, db_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "BINHDAN_ENV": "production",
            "DEBUG": "0",
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
            "BINHDAN_IDENTITY_KEY": "bench-identity-" + secrets.token_urlsafe(32),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": db_url,
            "BINHDAN_VAR_DIR": args.var_dir,
            "DJANGO_SETTINGS_MODULE": "binhdan.config.settings",
        }
    )
    env.pop("REDIS_URL", None)
    return env


def prepare_database(args) -> str:
    if args.sqlite:
        path = Path(args.var_dir) / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parsed = urlparse(base)
    common = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432)]
    common += ["-U", parsed.username or "postgres"]
    pg_env = dict(os.environ)
    if parsed.password:
        pg_env["PGPASSWORD"] = parsed.password
    subprocess.run(["dropdb", *common, "--if-exists", "--force", BENCH_DB], check=True, env=pg_env)
    subprocess.run(["createdb", *common, BENCH_DB], check=True, env=pg_env)
    return parsed._replace(path="/" + BENCH_DB).geturl()


# --------------------------------------------------------------------------- seeding


def person_payload(i: int, point_index: int, base: int) -> dict:
    """Synthetic person ``i``: one in five by CCCD, the others by phone and name."""
    item = {
        "client_uuid": str(uuid.UUID(int=base + i)),
        "full_name": f"Nguyễn Văn Thử {i}",
    }
    if i % 5 == 0:
        item.update(method="cccd", cccd=f"0010{60 + i % 40}{i:06d}"[:12])
    else:
        prefix = PHONE_PREFIXES[i % len(PHONE_PREFIXES)]
        item.update(method="phone", phone=f"{prefix}{i:07d}")
    return item


def seed(args) -> dict:
    """Areas, one session, N points with an operator and a token each; returns the plan."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from binhdan.accounts.models import ApiToken, User
    from binhdan.accounts.services import TOKEN_PREFIX, hash_token
    from binhdan.areas.models import Area
    from binhdan.classes.models import BridgePoint, ClassSession, SessionKind, SessionPoint

    n_points = args.points
    communes_n = max(1, min(10, n_points))
    with transaction.atomic():
        province = Area.objects.create(
            level=Area.Level.PROVINCE, code="99", name="Tỉnh Thử", kind="tỉnh", path="99/"
        )
        communes = Area.objects.bulk_create(
            [
                Area(
                    level=Area.Level.COMMUNE,
                    parent=province,
                    code=f"99{c:03d}",
                    name=f"Xã Thử {c}",
                    kind="xã",
                    path=f"99/99{c:03d}/",
                )
                for c in range(communes_n)
            ]
        )
        villages = Area.objects.bulk_create(
            [
                Area(
                    level=Area.Level.VILLAGE,
                    parent=communes[v % communes_n],
                    code=f"{communes[v % communes_n].code}-{v:04d}",
                    name=f"Thôn Thử {v}",
                    kind="thôn",
                    path=f"{communes[v % communes_n].path}{v:04d}/",
                )
                for v in range(n_points)
            ]
        )
        now = timezone.now()
        session = ClassSession.objects.create(
            kind=SessionKind.ONLINE,
            title="Buổi học thử tải",
            area=province,
            area_path=province.path,
            starts_at=now - timezone.timedelta(minutes=5),
            ends_at=now + timezone.timedelta(hours=3),
        )
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [User(username=f"bench-op-{p}", password=unusable) for p in range(n_points)]
        )
        admin = User.objects.create(username="bench-admin", password=unusable, is_superuser=True)
        raws = [TOKEN_PREFIX + secrets.token_urlsafe(32) for _ in range(n_points + 1)]
        ApiToken.objects.bulk_create(
            [
                ApiToken(
                    user=user,
                    name="bench",
                    prefix=raw[: len(TOKEN_PREFIX) + 6],
                    key_hash=hash_token(raw),
                )
                for user, raw in zip([*users, admin], raws, strict=True)
            ]
        )
        points = BridgePoint.objects.bulk_create(
            [
                BridgePoint(
                    village=village,
                    area_path=village.path,
                    name=f"Điểm cầu {i}",
                    self_checkin_code=secrets.token_urlsafe(12),
                )
                for i, village in enumerate(villages)
            ]
        )
        BridgePoint.operators.through.objects.bulk_create(
            [
                BridgePoint.operators.through(bridgepoint_id=point.pk, user_id=user.pk)
                for point, user in zip(points, users, strict=True)
            ]
        )
        SessionPoint.objects.bulk_create(
            [
                SessionPoint(session=session, point=point, area_path=point.area_path)
                for point in points
            ]
        )
    connection.close()
    return {
        "session_id": session.pk,
        "points": [(point.pk, raw) for point, raw in zip(points, raws, strict=False)],
        "admin_token": raws[-1],
    }


def build_requests(args, plan: dict, base: int) -> list[tuple[int, str, bytes]]:
    """Every request of the wave as (point index, path, body), shuffled across points."""
    rng = random.Random(args.seed)
    session_id = plan["session_id"]
    n_points = len(plan["points"])
    people = [[] for _ in range(n_points)]
    for i in range(args.people):
        people[i % n_points].append(person_payload(i, i % n_points, base))
    requests: list[tuple[int, str, bytes]] = []
    for p, items in enumerate(people):
        point_id = plan["points"][p][0]
        if args.mode == "single":
            for item in items:
                body = {"session_id": session_id, "point_id": point_id, **item}
                requests.append((p, "/api/v1/checkins", json.dumps(body).encode()))
            continue
        start = 0
        while start < len(items):
            size = rng.randint(args.batch_min, args.batch_max)
            chunk = items[start : start + size]
            start += size
            body = {"session_id": session_id, "point_id": point_id, "items": chunk}
            requests.append((p, "/api/v1/checkins/batch", json.dumps(body).encode()))
    rng.shuffle(requests)
    return requests


# --------------------------------------------------------------------------- clients


class Client:
    """One keep-alive connection; reconnects and re-sends until the server answers < 500."""

    def __init__(self, port: int):
        self.port = port
        self.conn = None
        self.errors = 0

    def _connect(self):
        self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)

    def send(self, method: str, path: str, body: bytes | None, headers: dict) -> tuple:
        while True:
            if self.conn is None:
                self._connect()
            try:
                started = time.perf_counter()
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                if response.status >= 500:
                    self.errors += 1
                    time.sleep(0.05)
                    continue
                return response.status, data, elapsed
            except (OSError, http.client.HTTPException):
                self.errors += 1
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                time.sleep(0.05)


def client_process(port, jobs, tokens, threads, seed_value, start_event, out_queue):
    """Send ``jobs`` over ``threads`` connections; report latencies and acknowledgements."""
    rng = random.Random(seed_value)
    lock = threading.Lock()
    cursor = iter(jobs)
    latencies: list[float] = []
    acked: set[str] = set()
    statuses: dict[str, int] = {}
    counts = {"requests": 0, "errors": 0, "unexpected": 0}

    def worker():
        client = Client(port)
        local_lat = []
        local_acked = set()
        local_status: dict[str, int] = {}
        sent = 0
        while True:
            with lock:
                job = next(cursor, None)
            if job is None:
                break
            point_index, path, body = job
            headers = {
                "Authorization": f"Bearer {tokens[point_index]}",
                "Content-Type": "application/json",
            }
            repeats = 2 if rng.random() < RETRY_SHARE else 1
            for _ in range(repeats):
                status, data, elapsed = client.send("POST", path, body, headers)
                sent += 1
                local_lat.append(elapsed)
                if status not in (200, 201):
                    counts["unexpected"] += 1
                    continue
                answer = json.loads(data)
                results = answer.get("results", [answer])
                for result in results:
                    local_status[result["status"]] = local_status.get(result["status"], 0) + 1
                    if result["status"] in ("created", "duplicate"):
                        local_acked.add(result["client_uuid"])
        with lock:
            latencies.extend(local_lat)
            acked.update(local_acked)
            for key, value in local_status.items():
                statuses[key] = statuses.get(key, 0) + value
            counts["requests"] += sent
            counts["errors"] += client.errors

    start_event.wait()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out_queue.put(
        {
            "latencies": latencies,
            "acked": sorted(acked),
            "statuses": statuses,
            **counts,
        }
    )


def healthz_process(port, threads, seconds, start_event, out_queue):
    counts = []
    lock = threading.Lock()

    def worker():
        client = Client(port)
        n = 0
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            client.send("GET", "/healthz", None, {})
            n += 1
        with lock:
            counts.append(n)

    start_event.wait()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out_queue.put(sum(counts))


def live_poller(port, session_id, token, stop_event, out_queue, interval=0.25):
    client = Client(port)
    headers = {"Authorization": f"Bearer {token}"}
    latencies = []
    last = None
    while not stop_event.is_set():
        status, data, elapsed = client.send(
            "GET", f"/api/v1/sessions/{session_id}/live", None, headers
        )
        if status == 200:
            latencies.append(elapsed)
            last = json.loads(data)
        time.sleep(interval)
    out_queue.put({"latencies": latencies, "last": last})


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def warm_up(port: int, session_id: int, token: str, point_id: int) -> None:
    """First requests of a worker load the URLconf and catalogs (about a second): not timed."""
    client = Client(port)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = json.dumps({"session_id": session_id, "point_id": point_id, "items": []}).encode()
    for _ in range(12):
        client.send("GET", "/healthz", None, {})
        client.send("POST", "/api/v1/checkins/batch", body, headers)
        client.send("GET", f"/api/v1/sessions/{session_id}/live", None, headers)


def start_server(args, env, port) -> subprocess.Popen:
    command = [
        str(VENV_BIN / "gunicorn"),
        "binhdan.config.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--log-level",
        "warning",
        "--backlog",
        "2048",
        "--timeout",
        "60",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads), "--keep-alive", "30"]
    if args.preload:
        command.append("--preload")
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def worker_pids(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in text.split()]


def killer(master: int, every: float, stop_event, kills: list):
    rng = random.Random(7)
    while not stop_event.wait(every):
        pids = worker_pids(master)
        if pids:
            pid = rng.choice(pids)
            try:
                os.kill(pid, signal.SIGKILL)
                kills.append(pid)
            except ProcessLookupError:
                pass


def split(seq: list, n: int) -> list[list]:
    return [seq[i::n] for i in range(n)]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_parallel(args, port, target_args_list, target) -> tuple[list, float]:
    ctx = mp.get_context("fork")
    start_event = ctx.Event()
    out_queue = ctx.Queue()
    procs = [
        ctx.Process(target=target, args=(port, *targs, start_event, out_queue))
        for targs in target_args_list
    ]
    for proc in procs:
        proc.start()
    time.sleep(1.0)  # let every client build its payloads
    started = time.perf_counter()
    start_event.set()
    results = []
    while len(results) < len(procs):
        try:
            results.append(out_queue.get(timeout=1))
        except queue.Empty:
            if not any(proc.is_alive() for proc in procs) and out_queue.empty():
                raise RuntimeError("a client process died") from None
    seconds = time.perf_counter() - started
    for proc in procs:
        proc.join()
    return results, seconds


# --------------------------------------------------------------------------- verify


def verify(session_id: int, acked: set[str], sent: set[str]) -> dict:
    from django.db import connection

    from binhdan.classes.models import CheckIn, SessionPoint

    connection.close()
    rows = list(CheckIn.objects.filter(session_id=session_id).values_list("client_uuid", flat=True))
    stored = {str(u) for u in rows}
    identities = CheckIn.objects.filter(session_id=session_id).values("identity_key").distinct()
    counter = sum(
        SessionPoint.objects.filter(session_id=session_id).values_list("checkin_count", flat=True)
    )
    return {
        "rows": len(rows),
        "lost": len((acked | sent) - stored),
        "acked_missing": len(acked - stored),
        "duplicates": (len(rows) - len(stored & sent)) + (len(rows) - identities.count()),
        "counter_ok": counter == len(rows),
    }


# --------------------------------------------------------------------------- main


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["batch", "single"], default="batch")
    parser.add_argument("--people", type=int, default=250_000)
    parser.add_argument("--points", type=int, default=1_000)
    parser.add_argument("--kill-workers", action="store_true")
    parser.add_argument("--kill-every", type=float, default=3.0)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default=None)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--processes", type=int, default=None, help="client processes")
    parser.add_argument("--clients", type=int, default=None, help="concurrent connections")
    parser.add_argument("--batch-min", type=int, default=50)
    parser.add_argument("--batch-max", type=int, default=250)
    parser.add_argument("--healthz-seconds", type=float, default=5.0)
    parser.add_argument("--no-preload", dest="preload", action="store_false")
    parser.add_argument(
        "--live-pool",
        type=int,
        default=0,
        help="serve the live figures from a separate gunicorn with this many sync workers "
        "(a read lane for staff, as docs/operations.md describes); 0 = the same server",
    )
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--var-dir", default="")
    args = parser.parse_args(argv)
    if args.worker_class is None:
        args.worker_class = "gthread" if args.sqlite else "sync"
    if args.workers is None:
        args.workers = 1 if args.sqlite else 2
    if args.clients is None:
        args.clients = 32 if args.mode == "single" else 4
    if args.processes is None:
        args.processes = min(4, args.clients)
    args.points = min(args.points, args.people)
    tmp = tempfile.TemporaryDirectory(prefix="binhdan-bench-")
    args.var_dir = args.var_dir or tmp.name
    (Path(args.var_dir) / "static").mkdir(parents=True, exist_ok=True)

    db_url = prepare_database(args)
    env = server_env(args, db_url)
    os.environ.update(env)
    log(f"database: {db_url}; migrating …")
    # --skip-checks: the bench runs production settings without Redis on purpose, which the
    # binhdan.E001 check (rate limits need a shared cache) refuses.
    subprocess.run(
        [str(VENV_BIN / "binhdan"), "migrate", "--noinput", "--skip-checks", "-v", "0"],
        check=True,
        env=env,
    )
    started = time.perf_counter()
    plan = seed(args)
    log(f"seeded {len(plan['points'])} points in {time.perf_counter() - started:.1f} s")
    base = random.Random(args.seed).getrandbits(64) << 64
    requests = build_requests(args, plan, base)
    sent = {str(uuid.UUID(int=base + i)) for i in range(args.people)}
    tokens = [raw for _, raw in plan["points"]]
    log(f"{len(requests)} requests for {args.people} people ({args.mode})")

    port = free_port()
    server = start_server(args, env, port)
    live_port, live_server = port, None
    if args.live_pool:
        live_port = free_port()
        live_args = argparse.Namespace(**{**vars(args), "workers": args.live_pool})
        live_args.worker_class = "sync"
        live_server = start_server(live_args, env, live_port)
    try:
        warm_up(port, plan["session_id"], tokens[0], plan["points"][0][0])
        if live_server:
            warm_up(live_port, plan["session_id"], tokens[0], plan["points"][0][0])
        per_proc = max(1, args.clients // args.processes)

        def measure_healthz() -> float:
            health, hseconds = run_parallel(
                args,
                port,
                [(per_proc, args.healthz_seconds) for _ in range(args.processes)],
                healthz_process,
            )
            return sum(health) / hseconds

        healthz_before = measure_healthz()
        log(f"/healthz before the wave: {healthz_before:.0f} req/s")

        ctx = mp.get_context("fork")
        stop = ctx.Event()
        live_queue = ctx.Queue()
        poller = ctx.Process(
            target=live_poller,
            args=(live_port, plan["session_id"], plan["admin_token"], stop, live_queue),
        )
        poller.start()
        kills: list[int] = []
        kill_thread = None
        if args.kill_workers:
            kill_thread = threading.Thread(
                target=killer, args=(server.pid, args.kill_every, stop, kills), daemon=True
            )
            kill_thread.start()
        chunks = split(requests, args.processes)
        results, seconds = run_parallel(
            args,
            port,
            [(chunk, tokens, per_proc, args.seed + i) for i, chunk in enumerate(chunks)],
            client_process,
        )
        stop.set()
        live = live_queue.get()
        poller.join()
        if kill_thread:
            kill_thread.join()
        # Measured again after the wave: on a shared machine the CPU left to us drifts, and
        # the ratio should not hang on one 5-second sample.
        healthz_after = measure_healthz()
        log(f"/healthz after the wave: {healthz_after:.0f} req/s")
        healthz_rate = (healthz_before + healthz_after) / 2
    finally:
        for process in filter(None, (server, live_server)):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()

    latencies = [x for r in results for x in r["latencies"]]
    acked = {u for r in results for u in r["acked"]}
    statuses: dict[str, int] = {}
    for r in results:
        for key, value in r["statuses"].items():
            statuses[key] = statuses.get(key, 0) + value
    n_requests = sum(r["requests"] for r in results)
    checks = verify(plan["session_id"], acked, sent)
    request_rate = n_requests / seconds
    summary = {
        "mode": args.mode,
        "records": args.people,
        "points": len(plan["points"]),
        "seconds": round(seconds, 2),
        "rate": round(args.people / seconds),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0,
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "lost": checks["lost"],
        "duplicates": checks["duplicates"],
        "healthz_rate": round(healthz_rate),
        "healthz_before": round(healthz_before),
        "healthz_after": round(healthz_after),
        "ratio": round(request_rate / healthz_rate, 3) if healthz_rate else None,
        "live_p95_ms": round(percentile(live["latencies"], 0.95) * 1000, 1),
        "server": f"gunicorn {args.worker_class} x{args.workers}"
        + (f" threads={args.threads}" if args.worker_class == "gthread" else "")
        + (f" + live pool sync x{args.live_pool}" if args.live_pool else ""),
        "db": "sqlite" if args.sqlite else "postgresql",
        "requests": n_requests,
        "request_rate": round(request_rate),
        "clients": args.processes * per_proc,
        "statuses": statuses,
        "client_errors": sum(r["errors"] for r in results),
        "unexpected": sum(r["unexpected"] for r in results),
        "kills": len(kills),
        "counter_ok": checks["counter_ok"],
        "live_polls": len(live["latencies"]),
        "live_unique_people": (live["last"] or {}).get("unique_people"),
        "load": os.getloadavg()[0],
    }
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    tmp.cleanup()
    return summary


if __name__ == "__main__":
    main()
