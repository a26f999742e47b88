"""Ingestion benchmarks: parse time per format, 60-minute vs 3-hour scaling, CLI start-up.

Prints medians of repeated runs (machine noise: compare ratios printed in the same run, not
absolute figures across machines). Run with ``make bench``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from coachlens.transcript.load import parse_transcript, read_transcript

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches and lazy imports
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _zoom_vtt(minutes: float) -> bytes:
    """Return a Zoom-style VTT of about ``minutes``, cycling the turns of the first example session."""
    source = read_transcript(EXAMPLES / "ellison_session1_zoom.vtt")
    assert source.duration is not None
    lines, n, offset = ["WEBVTT", ""], 0, 0.0
    while offset < minutes * 60:
        for u in source:
            if u.start is None or u.end is None:
                continue
            if u.end + offset > minutes * 60:
                break
            words = u.text.split()
            half = max(1, len(words) // 2)
            mid = (u.start + u.end) / 2
            for text, a, b in ((" ".join(words[:half]), u.start, mid), (" ".join(words[half:]), mid, u.end)):
                if text:
                    n += 1
                    lines += [str(n), f"{_ts(a + offset)} --> {_ts(b + offset)}", f"{u.speaker}: {text}", ""]
        offset += source.duration + 5
    return "\n".join(lines).encode()


def _ts(s: float) -> str:
    ms = round(s * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def main() -> None:
    print("coachlens ingestion benchmark (median of repeated runs, one core)\n")
    print(f"{'example':34} {'format':6} {'turns':>6} {'parse ms':>9}")
    for path in sorted(EXAMPLES.iterdir()):
        if path.name == "README.md":
            continue
        data = path.read_bytes()
        t = parse_transcript(data, path.name)
        ms = _median_ms(lambda d=data, n=path.name: parse_transcript(d, n), 20)  # type: ignore[misc]
        print(f"{path.name:34} {t.source.format:6} {len(t):>6} {ms:>9.2f}")

    hour, three = _zoom_vtt(60), _zoom_vtt(180)
    t60 = parse_transcript(hour, "sixty.vtt")
    t180 = parse_transcript(three, "three_hours.vtt")
    ms60 = _median_ms(lambda: parse_transcript(hour, "sixty.vtt"), 20)
    ms180 = _median_ms(lambda: parse_transcript(three, "three_hours.vtt"), 10)
    print(f"\nZoom VTT, 60 min ({len(t60)} turns, {len(hour) // 1024} KB): {ms60:.2f} ms")
    print(f"Zoom VTT, 3 h  ({len(t180)} turns, {len(three) // 1024} KB): {ms180:.2f} ms")
    print(f"ratio 3 h / 60 min: {ms180 / ms60:.2f} (linear would be {len(t180) / len(t60):.2f})")

    exe = Path(sys.executable).with_name("coachlens")
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "--help"], check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    print(f"\ncoachlens --help: {statistics.median(runs) * 1000:.0f} ms (median of 7; target under 1000 ms)")


if __name__ == "__main__":
    main()
