"""Evaluate the scam checker on the labelled messages and time it. Only the import timing
needs Django (``--no-import`` skips it).

    .venv/bin/python bench/scamcheck_eval.py [path/to/messages.jsonl] [--no-import] [--no-domains]

Prints a table per kind, the misclassified ids, timings, and last one JSON line:
{"messages", "scams", "legit", "recall", "false_alarm_rate", "p50_ms_2000_chars",
"max_ms_2000_chars", "domains"}. Recall = scams flagged (danger or suspicious) / scams; false
alarm rate = legit messages flagged / legit messages. Targets: recall >= 0.9, false alarms
<= 0.05, under 10 ms for a 2,000-character message.

The held-out look-alike domain set (``heldout_domains.jsonl``: a neutral sentence per domain,
label lookalike|official|ordinary) is evaluated the same way (flagged = danger or suspicious)
and reported only as aggregate figures: per label, and per shape for the look-alikes. It was
written blind to the rules and is never used to tune them: no row of it is ever printed.
Targets: look-alikes flagged >= 0.95, official and ordinary domains flagged <= 0.02.

Domain lists: a 2,000-character message is timed again with 100,000 block-listed domains in
memory, and (unless ``--no-import``) ``binhdan import_domain_list`` is timed loading a
generated 100,000-line list into a fresh SQLite database in a temporary folder, then one
check through the service (snapshot, its version stamp and the community lookup included).
Targets: the import <= 10 s, a check <= 10 ms with the lists loaded.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from binhdan.scamcheck.checker import DomainLists, check_text  # noqa: E402
from binhdan.scamcheck.checker.rules import RULES, Group  # noqa: E402

DATA = ROOT / "tests" / "scamcheck" / "data" / "labelled_messages.jsonl"
DOMAINS = ROOT / "tests" / "scamcheck" / "data" / "heldout_domains.jsonl"
DOMAIN_LABELS = ("lookalike", "official", "ordinary")
FLAGGED = {"danger", "suspicious"}
TIMING_RUNS = 200
LIST_SIZE = 100_000
LINK_CODES = {r.code for r in RULES if r.group is Group.LINK} | {"link_action_request"}


def load(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label") not in ("scam", "legit") or not row.get("text"):
                raise SystemExit(f"{path}:{number}: needs label scam|legit and text")
            rows.append(row)
    return rows


def long_message(rows: list[dict], size: int = 2000) -> str:
    """A 2,000-character message made of real (mostly scam) texts, for the timing."""
    texts = [r["text"] for r in rows if r["label"] == "scam"] or [r["text"] for r in rows]
    text = ""
    while len(text) < size:
        text += " ".join(texts) + " "
    return text[:size]


def time_one(text: str, runs: int = TIMING_RUNS, check=check_text) -> list[float]:
    check(text)  # warm caches and compiled patterns
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        check(text)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def generated_list(size: int = LIST_SIZE) -> list[str]:
    """``size`` distinct made-up domains in the shapes block lists hold (no real list)."""
    shapes = ("qua-tang-{n}.com", "xac-thuc-{n}.top", "https://a.nhan-thuong{n}.xyz/login",
              "0.0.0.0 ho-tro-{n}.net", "||khuyen-mai-{n}.vip^")  # fmt: skip
    return [shapes[n % len(shapes)].format(n=n) for n in range(size)]


def time_with_lists(text: str) -> dict:
    """A check with ``LIST_SIZE`` block-listed domains in memory (no Django)."""
    lists = DomainLists((f"bi-chan-{n}.com", "block", "Danh sách thử") for n in range(LIST_SIZE))
    timings = time_one(text, check=lambda t: check_text(t, domain_lists=lists))
    return {
        "p50_ms_2000_chars_with_lists": round(statistics.median(timings), 2),
        "max_ms_2000_chars_with_lists": round(max(timings), 2),
    }


def time_import(text: str) -> dict:
    """``domain_list_import`` of a generated 100,000-line file into a fresh SQLite database,
    then a check through the service with those lists loaded."""
    folder = tempfile.mkdtemp(prefix="binhdan-bench-")
    os.environ["BINHDAN_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = ""  # never a configured database: a throwaway SQLite file
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdan.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from binhdan.scamcheck.domain_lists import current_domain_lists, domain_list_import
    from binhdan.scamcheck.services import scam_check

    call_command("migrate", "scamcheck", verbosity=0)
    data = "\n".join(["# generated for the bench", *generated_list()]).encode()
    started = time.perf_counter()
    report = domain_list_import(data=data, source="Bench", kind="block", file_name="bench.txt")
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    current_domain_lists()
    snapshot_s = time.perf_counter() - started
    timings = time_one(text, runs=100, check=lambda t: scam_check(text=t, count=False))
    from django.db import connections

    connections.close_all()
    shutil.rmtree(folder, ignore_errors=True)
    print(
        f"import of {LIST_SIZE:,} lines: {report.loaded:,} domains in {import_s:.2f} s; "
        f"snapshot built in {snapshot_s:.2f} s; a 2,000-character check through the service: "
        f"median {statistics.median(timings):.2f} ms, max {max(timings):.2f} ms"
    )
    return {
        "import_100k_s": round(import_s, 2),
        "import_loaded": report.loaded,
        "snapshot_100k_s": round(snapshot_s, 2),
        "p50_ms_2000_chars_service_with_lists": round(statistics.median(timings), 2),
        "max_ms_2000_chars_service_with_lists": round(max(timings), 2),
    }


def load_domains(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label") not in DOMAIN_LABELS or not row.get("text"):
                raise SystemExit(f"{path}:{number}: needs label lookalike|official|ordinary, text")
            rows.append(row)
    return rows


def evaluate_domains(path: Path) -> dict | None:
    """Aggregate figures on the held-out domain set; never prints a row of it."""
    if not path.is_file():
        print(f"domain set: {path.name} not found, skipped")
        return None
    rows = load_domains(path)
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, flagged, link reason
    per_shape: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    brands: set[str] = set()
    for row in rows:
        result = check_text(row["text"])
        flagged = result.verdict in FLAGGED
        link_reason = any(code in LINK_CODES for code in result.codes)
        counts = per_label[row["label"]]
        counts[0] += 1
        counts[1] += flagged
        counts[2] += link_reason
        if row["label"] == "lookalike":
            shape = per_shape[str(row.get("shape") or "-")]
            shape[0] += 1
            shape[1] += flagged
            brands.add(str(row.get("brand") or "-"))
    print(f"domain set {path.name}: {len(rows)} rows, {len(brands)} look-alike brands")
    print(f"{'label':10} {'n':>4} {'flagged':>8} {'rate':>6} {'link reason':>12}")
    for label in DOMAIN_LABELS:
        count, flagged, linked = per_label.get(label, [0, 0, 0])
        rate = flagged / count if count else 0.0
        print(f"{label:10} {count:>4} {flagged:>8} {rate:>6.3f} {linked:>12}")
    print(f"{'look-alike shape':28} {'n':>4} {'flagged':>8} {'recall':>7}")
    for shape, (count, flagged) in sorted(per_shape.items()):
        print(f"{shape:28} {count:>4} {flagged:>8} {flagged / count:>7.3f}")
    lookalike = per_label.get("lookalike", [0, 0, 0])
    quiet = [per_label.get(label, [0, 0, 0]) for label in ("official", "ordinary")]
    quiet_n = sum(c[0] for c in quiet)
    return {
        "rows": len(rows),
        "lookalikes": lookalike[0],
        "brands": len(brands),
        "lookalike_recall": round(lookalike[1] / lookalike[0], 3) if lookalike[0] else None,
        "official_ordinary": quiet_n,
        "official_ordinary_flagged": (
            round(sum(c[1] for c in quiet) / quiet_n, 3) if quiet_n else None
        ),
    }


def main(argv: list[str]) -> int:
    options = {arg for arg in argv[1:] if arg.startswith("--")}
    paths = [arg for arg in argv[1:] if not arg.startswith("--")]
    path = Path(paths[0]) if paths else DATA
    rows = load(path)
    per_kind: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    missed: list[tuple[str, str, str, float, list[str]]] = []
    flagged_scams = flagged_legit = scams = legit = 0

    started = time.perf_counter()
    for row in rows:
        result = check_text(row["text"])
        flagged = result.verdict in FLAGGED
        kind = (row["label"], row.get("kind") or "-")
        per_kind[kind][0] += 1
        if row["label"] == "scam":
            scams += 1
            flagged_scams += flagged
            per_kind[kind][1] += flagged
            wrong = not flagged
        else:
            legit += 1
            flagged_legit += flagged
            per_kind[kind][1] += flagged
            wrong = flagged
        if wrong:
            missed.append(
                (str(row.get("id")), row["label"], result.verdict, result.score, result.codes)
            )
    whole_set_ms = (time.perf_counter() - started) * 1000

    print(f"{'label':6} {'kind':28} {'n':>4} {'flagged':>8} {'rate':>6}")
    for (label, kind), (count, flagged) in sorted(per_kind.items()):
        print(f"{label:6} {kind:28} {count:>4} {flagged:>8} {flagged / count:>6.2f}")
    print()
    if missed:
        print("misclassified (id, label, verdict, score, codes):")
        for row_id, label, verdict, score, codes in missed:
            print(f"  {row_id:>10} {label:5} {verdict:10} {score:.3f} {','.join(codes) or '-'}")
    else:
        print("misclassified: none")

    print()
    domains = None if "--no-domains" in options else evaluate_domains(DOMAINS)
    message = long_message(rows)
    timings = time_one(message)
    lists = time_with_lists(message)
    imported = {} if "--no-import" in options else time_import(message)
    print()
    print(f"whole set: {len(rows)} messages in {whole_set_ms:.1f} ms")
    print(
        f"one 2,000-character message: median {statistics.median(timings):.2f} ms, "
        f"max {max(timings):.2f} ms over {TIMING_RUNS} runs; with {LIST_SIZE:,} block-listed "
        f"domains: median {lists['p50_ms_2000_chars_with_lists']:.2f} ms, "
        f"max {lists['max_ms_2000_chars_with_lists']:.2f} ms"
    )
    summary = {
        "messages": len(rows),
        "scams": scams,
        "legit": legit,
        "recall": round(flagged_scams / scams, 3) if scams else None,
        "false_alarm_rate": round(flagged_legit / legit, 3) if legit else None,
        "p50_ms_2000_chars": round(statistics.median(timings), 2),
        "max_ms_2000_chars": round(max(timings), 2),
        **lists,
        **imported,
        "domains": domains,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
