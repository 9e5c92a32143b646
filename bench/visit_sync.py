"""Volunteers' phones syncing a day of support visits: gunicorn + PostgreSQL over loopback.

    .venv/bin/python bench/visit_sync.py [--teams 1000] [--members 20] [--min-visits 5]
        [--max-visits 15] [--batch-size 1000] [--resend 0.05] [--worker-class sync|gthread]
        [--workers 2] [--threads 4] [--clients 4] [--processes 4] [--database-url URL]

What it does, in order:

1. (Re)creates the PostgreSQL database ``binhdan_bench_visits`` on the server of
   ``--database-url`` (default ``$DATABASE_URL``, else ``postgres://postgres@127.0.0.1:5432/``)
   and migrates it (the migration seeds the service kinds).
2. Seeds with bulk inserts: the official provinces and communes (``areas_load_official``),
   villages in the communes of ``--province``, N teams spread over those communes, M members
   per team, each with a user, a ``volunteer`` role grant over the commune and an API token
   (hashed as ``accounts.services`` does), and ``--people-per-team`` people per team to help,
   living in the team's commune.
3. Gives each member's phone a day's queue of 5–15 visits (within the last 12 hours, to
   people of the team's commune, 1–3 service kinds, outcome done / partly / follow_up),
   cut into batches of at most ``--batch-size``.
4. Starts ``gunicorn binhdan.config.wsgi`` with ``BINHDAN_ENV=production``, measures
   ``/healthz`` requests/s with the same client setup before and after the sync
   (``healthz_rate`` is the mean of the two).
5. Every member's batches go to ``POST /api/v1/visits/batch`` with the member's Bearer token
   from separate client processes (``http.client`` keep-alive connections); ``--resend`` of
   the batches are sent a second time once answered (the phone missed the answer), so
   ``duplicate`` answers are expected. A request that fails (connection drop, 5xx) is
   re-sent with the same body until it is answered.
6. Checks the database: lost = sent − stored distinct ``client_uuid`` (must be 0),
   duplicates = stored rows − distinct ``client_uuid`` (must be 0); every visit kept with
   the member's team and all its service kinds.

The last printed line is one JSON object: visits, teams, seconds, rate (visits stored per
second), p99_ms (per request), lost, duplicates, healthz_rate, ratio (rate ÷ healthz_rate),
and details (requests, request_rate, p50_ms, statuses, server, load …).
Targets on a 2-core machine: 200,000 visits stored in ≤ 30 s, lost = 0, duplicates = 0.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.checkin_wave import (  # noqa: E402 (needs ROOT on sys.path)
    VENV_BIN,
    Client,
    free_port,
    healthz_process,
    log,
    percentile,
    run_parallel,
    server_env,
    split,
    start_server,
)

BENCH_DB = "binhdan_bench_visits"
BATCH_PATH = "/api/v1/visits/batch"
VILLAGE_KINDS = ["thôn", "tổ dân phố"]
SERVICE_WEIGHTS = {
    "vneid-level-2": 30,
    "public-service": 20,
    "cashless-payment": 20,
    "app-install": 15,
    "scam-awareness": 10,
    "other": 5,
}
OUTCOMES = ["done", "partly", "follow_up"]
OUTCOME_WEIGHTS = [70, 15, 15]
NOTES = {
    "done": "",
    "partly": "Đã cài ứng dụng, hẹn hôm sau kích hoạt tài khoản.",
    "follow_up": "Chưa mang căn cước, hẹn quay lại.",
}
VIETNAM = dt.timezone(dt.timedelta(hours=7))


# --------------------------------------------------------------------------- database


def prepare_database(base_url: str) -> str:
    parsed = urlparse(base_url)
    common = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432)]
    common += ["-U", parsed.username or "postgres"]
    pg_env = dict(os.environ)
    if parsed.password:
        pg_env["PGPASSWORD"] = parsed.password
    subprocess.run(["dropdb", *common, "--if-exists", "--force", BENCH_DB], check=True, env=pg_env)
    subprocess.run(["createdb", *common, BENCH_DB], check=True, env=pg_env)
    return parsed._replace(path="/" + BENCH_DB).geturl()


# --------------------------------------------------------------------------- seeding


def seed(args) -> dict:
    """Areas, villages, teams, members (user, grant, token), people; returns the plan."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from binhdan.accounts.models import ApiToken, Role, RoleGrant, User
    from binhdan.accounts.services import TOKEN_PREFIX, hash_token
    from binhdan.areas import paths
    from binhdan.areas.models import Area
    from binhdan.areas.services import areas_load_official
    from binhdan.core.text import fold
    from binhdan.people.models import Person
    from binhdan.volunteers.models import ServiceKind, Team, Volunteer

    rng = random.Random(args.seed)
    batch = 5000
    with transaction.atomic():
        areas_load_official()
        province = Area.objects.get(level=Area.Level.PROVINCE, code=args.province)
        communes = list(Area.objects.filter(parent=province).order_by("path"))
        if args.teams < len(communes):
            communes = communes[: args.teams]
        villages_of: dict[int, list[Area]] = {}
        new_villages = []
        for commune in communes:
            for v in range(1, args.villages + 1):
                segment = f"{v:04d}"
                kind = VILLAGE_KINDS[v % 2]
                name = f"{kind.capitalize()} {v}"
                new_villages.append(
                    Area(
                        level=Area.Level.VILLAGE,
                        parent=commune,
                        code=f"{commune.code}-{segment}",
                        name=name,
                        name_folded=fold(name),
                        kind=kind,
                        path=paths.child_path(commune.path, segment),
                    )
                )
        for village in Area.objects.bulk_create(new_villages, batch_size=batch):
            villages_of.setdefault(village.parent_id, []).append(village)

        team_communes = [communes[t % len(communes)] for t in range(args.teams)]
        names = [f"Đội hình xung kích số {t + 1}" for t in range(args.teams)]
        teams = Team.objects.bulk_create(
            [
                Team(commune=c, area_path=c.path, name=name, name_folded=fold(name))
                for c, name in zip(team_communes, names, strict=True)
            ],
            batch_size=batch,
        )
        # The teams of a commune share its villages round-robin; each covers at least one.
        per_commune = [0] * len(communes)
        for t in range(args.teams):
            per_commune[t % len(communes)] += 1
        covered = []
        for t, team in enumerate(teams):
            villages = villages_of[team.commune_id]
            count, rank = per_commune[t % len(communes)], t // len(communes)
            chosen = {rank % len(villages)} | {v for v in range(len(villages)) if v % count == rank}
            covered += [
                Team.villages.through(team_id=team.pk, area_id=villages[v].pk) for v in chosen
            ]
        Team.villages.through.objects.bulk_create(covered, batch_size=batch)

        n_members = args.teams * args.members
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [
                User(username=f"bench-tnv-{m}", password=unusable, full_name=f"Đoàn viên {m}")
                for m in range(n_members)
            ],
            batch_size=batch,
        )
        member_team = [teams[m // args.members] for m in range(n_members)]
        RoleGrant.objects.bulk_create(
            [
                RoleGrant(user=user, area_id=team.commune_id, role=Role.VOLUNTEER)
                for user, team in zip(users, member_team, strict=True)
            ],
            batch_size=batch,
        )
        raws = [TOKEN_PREFIX + secrets.token_urlsafe(32) for _ in range(n_members)]
        ApiToken.objects.bulk_create(
            [
                ApiToken(
                    user=user,
                    name="bench",
                    prefix=raw[: len(TOKEN_PREFIX) + 6],
                    key_hash=hash_token(raw),
                )
                for user, raw in zip(users, raws, strict=True)
            ],
            batch_size=batch,
        )
        members = []
        for m, (user, team) in enumerate(zip(users, member_team, strict=True)):
            village = rng.choice(villages_of[team.commune_id])
            full_name = f"Trần Thị Tình Nguyện {m}"
            members.append(
                Volunteer(
                    full_name=full_name,
                    name_folded=fold(full_name),
                    birth_year=rng.randint(1990, 2008),
                    phone=f"+8497{m:07d}",
                    commune_id=team.commune_id,
                    village=village,
                    area_path=village.path,
                    team=team,
                    user=user,
                )
            )
        Volunteer.objects.bulk_create(members, batch_size=batch)

        people = []
        people_team: list[int] = []
        for t, team in enumerate(teams):
            for p in range(args.people_per_team):
                i = t * args.people_per_team + p
                village = rng.choice(villages_of[team.commune_id])
                full_name = f"Lê Văn Dân {i}"
                people.append(
                    Person(
                        full_name=full_name,
                        name_folded=fold(full_name),
                        birth_year=rng.randint(1935, 2005),
                        village=village,
                        area_path=village.path,
                        identity_key=hashlib.sha256(f"bench-person-{i}".encode()).hexdigest(),
                    )
                )
                people_team.append(t)
        Person.objects.bulk_create(people, batch_size=batch)
        kinds = set(ServiceKind.objects.values_list("code", flat=True))
    connection.close()
    people_by_commune: dict[int, list[int]] = {}
    for person, t in zip(people, people_team, strict=True):
        people_by_commune.setdefault(teams[t].commune_id, []).append(person.pk)
    missing = set(SERVICE_WEIGHTS) - kinds
    if missing:
        raise RuntimeError(f"service kinds not seeded: {sorted(missing)}")
    return {
        "members": [
            (raw, team.pk, people_by_commune[team.commune_id])
            for raw, team in zip(raws, member_team, strict=True)
        ],
        "teams": len(teams),
        "communes": len(communes),
        "villages": len(new_villages),
        "people": len(people),
    }


def build_requests(args, plan: dict, now: dt.datetime) -> tuple[list, dict]:
    """Every batch as (member index, body, visit count, resent?), shuffled across members;
    and the expected client_uuid → number of service kinds."""
    rng = random.Random(args.seed + 1)
    codes = list(SERVICE_WEIGHTS)
    weights = list(SERVICE_WEIGHTS.values())
    expected: dict[str, int] = {}
    requests = []
    for m, (_, _, people) in enumerate(plan["members"]):
        n = rng.randint(args.min_visits, args.max_visits)
        moments = sorted(rng.uniform(0, 12 * 3600) for _ in range(n))
        queue = []
        for seconds_ago in reversed(moments):
            outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
            kinds = sorted(set(rng.choices(codes, weights, k=rng.randint(1, 3))))
            client_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            expected[client_uuid] = len(kinds)
            queue.append(
                {
                    "client_uuid": client_uuid,
                    "visited_at": (now - dt.timedelta(seconds=seconds_ago)).isoformat(),
                    "person_id": rng.choice(people),
                    "service_kinds": kinds,
                    "outcome": outcome,
                    "note": NOTES[outcome],
                }
            )
        for start in range(0, len(queue), args.batch_size):
            chunk = queue[start : start + args.batch_size]
            body = json.dumps({"visits": chunk}, ensure_ascii=False).encode()
            requests.append((m, body, len(chunk), rng.random() < args.resend))
    rng.shuffle(requests)
    return requests, expected


# --------------------------------------------------------------------------- clients


def client_process(port, jobs, tokens, threads, start_event, out_queue):
    """Send ``jobs`` over ``threads`` keep-alive connections; report latencies and answers."""
    import threading

    lock = threading.Lock()
    cursor = iter(jobs)
    latencies: list[float] = []
    acked: set[str] = set()
    statuses: dict[str, int] = {}
    codes: dict[str, int] = {}
    counts = {"requests": 0, "errors": 0, "unexpected": 0}
    unexpected_sample: list[str] = []

    def worker():
        client = Client(port)
        local_lat, local_acked, local_status, local_codes = [], set(), {}, {}
        sent = unexpected = 0
        while True:
            with lock:
                job = next(cursor, None)
            if job is None:
                break
            member, body, _, resend = job
            headers = {
                "Authorization": f"Bearer {tokens[member]}",
                "Content-Type": "application/json",
            }
            for _ in range(2 if resend else 1):
                status, data, elapsed = client.send("POST", BATCH_PATH, body, headers)
                sent += 1
                local_lat.append(elapsed)
                if status != 200:
                    unexpected += 1
                    if len(unexpected_sample) < 3:
                        unexpected_sample.append(f"{status} {data[:200].decode(errors='replace')}")
                    continue
                for result in json.loads(data)["results"]:
                    local_status[result["status"]] = local_status.get(result["status"], 0) + 1
                    if result["status"] in ("created", "duplicate"):
                        local_acked.add(result["client_uuid"])
                    elif result.get("code"):
                        local_codes[result["code"]] = local_codes.get(result["code"], 0) + 1
        with lock:
            latencies.extend(local_lat)
            acked.update(local_acked)
            for key, value in local_status.items():
                statuses[key] = statuses.get(key, 0) + value
            for key, value in local_codes.items():
                codes[key] = codes.get(key, 0) + value
            counts["requests"] += sent
            counts["errors"] += client.errors
            counts["unexpected"] += unexpected

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
            "codes": codes,
            "unexpected_sample": unexpected_sample,
            **counts,
        }
    )


def warm_up(port: int, token: str, person_id: int) -> None:
    """First requests of a worker load the URLconf and catalogs: not timed. The visit sent
    has an outcome no phone sends, so it is rejected and stores nothing."""
    client = Client(port)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for _ in range(12):
        visit = {
            "client_uuid": str(uuid.uuid4()),
            "visited_at": dt.datetime.now(VIETNAM).isoformat(),
            "person_id": person_id,
            "service_kinds": ["other"],
            "outcome": "bench-warm-up",
        }
        client.send("GET", "/healthz", None, {})
        client.send("POST", BATCH_PATH, json.dumps({"visits": [visit]}).encode(), headers)


# --------------------------------------------------------------------------- verify


def verify(expected: dict[str, int], acked: set[str]) -> dict:
    from django.db import connection

    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT client_uuid::text FROM volunteers_supportvisit")
        rows = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM volunteers_supportvisit_services")
        service_rows = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM volunteers_supportvisit v "
            "JOIN volunteers_volunteer m ON m.id = v.volunteer_id "
            "WHERE v.team_id IS DISTINCT FROM m.team_id"
        )
        wrong_team = cursor.fetchone()[0]
    stored = set(rows)
    sent = set(expected)
    return {
        "rows": len(rows),
        "lost": len(sent - stored),
        "acked_missing": len(acked - stored),
        "duplicates": len(rows) - len(stored),
        "unexpected_rows": len(stored - sent),
        "services_ok": service_rows == sum(expected[u] for u in stored & sent),
        "wrong_team": wrong_team,
    }


# --------------------------------------------------------------------------- main


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=1_000)
    parser.add_argument("--members", type=int, default=20, help="members per team")
    parser.add_argument("--min-visits", type=int, default=5)
    parser.add_argument("--max-visits", type=int, default=15)
    parser.add_argument("--batch-size", type=int, default=1000, help="visits per request (≤ 1000)")
    parser.add_argument("--resend", type=float, default=0.05, help="share of batches re-sent")
    parser.add_argument("--people-per-team", type=int, default=100)
    parser.add_argument("--villages", type=int, default=8, help="villages per commune")
    parser.add_argument("--province", default="33")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--processes", type=int, default=None, help="client processes")
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections")
    parser.add_argument("--healthz-seconds", type=float, default=5.0)
    parser.add_argument("--no-preload", dest="preload", action="store_false")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help=f"a PostgreSQL server; the bench (re)creates its own database {BENCH_DB} there",
    )
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--var-dir", default="")
    args = parser.parse_args(argv)
    if not 1 <= args.batch_size <= 1000:
        parser.error("--batch-size must be between 1 and 1000")
    if not 1 <= args.min_visits <= args.max_visits:
        parser.error("need 1 ≤ --min-visits ≤ --max-visits")
    if args.processes is None:
        args.processes = min(4, args.clients)
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    tmp = tempfile.TemporaryDirectory(prefix="binhdan-bench-")
    args.var_dir = args.var_dir or tmp.name
    (Path(args.var_dir) / "static").mkdir(parents=True, exist_ok=True)

    db_url = prepare_database(args.database_url)
    env = server_env(args, db_url)
    os.environ.update(env)
    log(f"database: {db_url}; migrating …")
    # --skip-checks: production settings without Redis on purpose (see checkin_wave.py).
    subprocess.run(
        [str(VENV_BIN / "binhdan"), "migrate", "--noinput", "--skip-checks", "-v", "0"],
        check=True,
        env=env,
    )
    started = dt.datetime.now(VIETNAM)
    t0 = time.perf_counter()
    plan = seed(args)
    seed_seconds = time.perf_counter() - t0
    log(
        f"seeded {plan['teams']} teams in {plan['communes']} communes, "
        f"{len(plan['members'])} members, {plan['people']} people in {seed_seconds:.1f} s"
    )
    requests, expected = build_requests(args, plan, started)
    tokens = [raw for raw, _, _ in plan["members"]]
    log(f"{len(requests)} batches for {len(expected)} visits")

    port = free_port()
    server = start_server(args, env, port)
    try:
        warm_up(port, tokens[0], plan["members"][0][2][0])
        per_proc = max(1, args.clients // args.processes)

        def measure_healthz() -> float:
            health, seconds = run_parallel(
                args,
                port,
                [(per_proc, args.healthz_seconds) for _ in range(args.processes)],
                healthz_process,
            )
            return sum(health) / seconds

        healthz_before = measure_healthz()
        log(f"/healthz before the sync: {healthz_before:.0f} req/s")
        results, seconds = run_parallel(
            args,
            port,
            [(chunk, tokens, per_proc) for chunk in split(requests, args.processes)],
            client_process,
        )
        healthz_after = measure_healthz()
        log(f"/healthz after the sync: {healthz_after:.0f} req/s")
        healthz_rate = (healthz_before + healthz_after) / 2
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()

    latencies = [x for r in results for x in r["latencies"]]
    acked = {u for r in results for u in r["acked"]}
    statuses: dict[str, int] = {}
    codes: dict[str, int] = {}
    for r in results:
        for key, value in r["statuses"].items():
            statuses[key] = statuses.get(key, 0) + value
        for key, value in r["codes"].items():
            codes[key] = codes.get(key, 0) + value
    n_requests = sum(r["requests"] for r in results)
    checks = verify(expected, acked)
    rate = checks["rows"] / seconds
    summary = {
        "visits": len(expected),
        "teams": plan["teams"],
        "seconds": round(seconds, 2),
        "rate": round(rate),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "lost": checks["lost"],
        "duplicates": checks["duplicates"],
        "healthz_rate": round(healthz_rate),
        "ratio": round(rate / healthz_rate, 3) if healthz_rate else None,
        "healthz_before": round(healthz_before),
        "healthz_after": round(healthz_after),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0,
        "members": len(plan["members"]),
        "people": plan["people"],
        "stored": checks["rows"],
        "requests": n_requests,
        "request_rate": round(n_requests / seconds),
        "batch_size": args.batch_size,
        "statuses": statuses,
        "reject_codes": codes,
        "acked_missing": checks["acked_missing"],
        "services_ok": checks["services_ok"],
        "wrong_team": checks["wrong_team"],
        "unexpected": sum(r["unexpected"] for r in results),
        "unexpected_sample": [s for r in results for s in r["unexpected_sample"]][:3],
        "client_errors": sum(r["errors"] for r in results),
        "clients": args.processes * per_proc,
        "server": f"gunicorn {args.worker_class} x{args.workers}"
        + (f" threads={args.threads}" if args.worker_class == "gthread" else ""),
        "db": "postgresql",
        "load": os.getloadavg()[0],
    }
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    tmp.cleanup()
    return summary


if __name__ == "__main__":
    main()
