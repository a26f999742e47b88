"""Dynamics analyzer benchmark: a 60-minute and a 3-hour session, and how cost grows with length.

Times the whole dynamics step as `coachlens analyze` runs it (questions, silences, interruptions,
topic shifts, agenda, answers, style coordination, the deference reading and the findings) on one
core. Prints medians of repeated runs; compare the ratio printed in the same run, not absolute
figures across machines. Target: under 20 ms for 60 minutes. Run with ``make bench``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import _median_ms, _zoom_vtt

from coachlens.analysis.registry import ANALYZERS
from coachlens.transcript.load import parse_transcript

TARGET_MS = 20.0


def main() -> None:
    run = next(a.run for a in ANALYZERS if a.name == "dynamics")
    print("coachlens dynamics benchmark (median of repeated runs, one core)\n")
    results = {}
    for minutes, repeat in ((60, 30), (180, 10)):
        t = parse_transcript(_zoom_vtt(minutes), f"{minutes}.vtt")
        ms = _median_ms(lambda t=t: run(t, {}), repeat)  # type: ignore[misc]
        results[minutes] = (ms, len(t))
        words = sum(len(u.text.split()) for u in t)
        print(f"{minutes:>3} min: {len(t):>5} turns, {words:>6} words: {ms:7.2f} ms")
    (ms60, n60), (ms180, n180) = results[60], results[180]
    print(f"\nratio 3 h / 60 min: {ms180 / ms60:.2f} (linear would be {n180 / n60:.2f})")
    verdict = "met" if ms60 < TARGET_MS else "MISSED"
    print(f"target under {TARGET_MS:g} ms for 60 minutes: {verdict} ({ms60:.1f} ms)")


if __name__ == "__main__":
    main()
