"""Evaluate the scam checker on the labelled messages and time it. No Django needed.

    .venv/bin/python bench/scamcheck_eval.py [path/to/labelled_messages.jsonl]

Prints a table per kind, the misclassified ids, timings, and last one JSON line:
{"messages", "scams", "legit", "recall", "false_alarm_rate", "p50_ms_2000_chars",
"max_ms_2000_chars"}. Recall = scams flagged (danger or suspicious) / scams; false alarm rate
= legit messages flagged / legit messages. Targets: recall >= 0.9, false alarms <= 0.1,
under 50 ms for a 2,000-character message.
"""

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from binhdan.scamcheck.checker import check_text  # noqa: E402

DATA = ROOT / "tests" / "scamcheck" / "data" / "labelled_messages.jsonl"
FLAGGED = {"danger", "suspicious"}
TIMING_RUNS = 200


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


def time_one(text: str, runs: int = TIMING_RUNS) -> list[float]:
    check_text(text)  # warm caches and compiled patterns
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        check_text(text)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DATA
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

    timings = time_one(long_message(rows))
    print()
    print(f"whole set: {len(rows)} messages in {whole_set_ms:.1f} ms")
    print(
        f"one 2,000-character message: median {statistics.median(timings):.2f} ms, "
        f"max {max(timings):.2f} ms over {TIMING_RUNS} runs"
    )
    summary = {
        "messages": len(rows),
        "scams": scams,
        "legit": legit,
        "recall": round(flagged_scams / scams, 3) if scams else None,
        "false_alarm_rate": round(flagged_legit / legit, 3) if legit else None,
        "p50_ms_2000_chars": round(statistics.median(timings), 2),
        "max_ms_2000_chars": round(max(timings), 2),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
