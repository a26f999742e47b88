"""Corpus benchmark: full-analysis throughput per core, 1 -> 2 workers, memory, and ConvoKit side by side.

All figures come from this one run, on one generated corpus (the shared kit's ``make_synthetic.py``,
two-party coaching-like sessions of 250 utterances; see ``make_corpus.py``):

1. coachlens full analysis on one core: every analyzer on every utterance (``analyze_transcript``
   on parsed transcripts), and end to end as ``coachlens batch --workers 1`` runs it (read, hash,
   parse, analyse, rows, tables). Target: at least 2,000 utterances per second per core.
2. ``coachlens batch`` on 2 workers: the speed-up over 1 (includes starting the worker processes).
3. Peak memory of one worker analysing a 3-hour transcript (a fresh process; target < 500 MB).
4. ConvoKit on the SAME utterances, in its own virtualenv (``bench/.convokit-venv``, created here
   on first use: ``pip install torch==2.13.0`` then ``convokit``; never a coachlens dependency):
   the kit's ``convokit_bench.py --parser blank`` times linguistic coordination (fit, transform,
   summarize) and politeness strategies (blank spaCy parse + politeness_api). Prints the ratio
   coachlens full analysis / ConvoKit coordination alone, one core each (target >= 10x), and loads
   the ConvoKit corpus that ``coachlens batch --convokit`` wrote, to check the export.

    python bench/bench_batch.py [--sessions 200] [--kit ../shared/bench] [--no-convokit]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import DEFAULT_KIT, make_jsonl, write_transcripts

if TYPE_CHECKING:
    from coachlens.analysis.models.linear import FloatArray
    from coachlens.analysis.registry import AnalyzerOutput
    from coachlens.transcript import Transcript

ROOT = Path(__file__).resolve().parents[1]
CONVOKIT_VENV = ROOT / "bench" / ".convokit-venv"
TARGET_PER_CORE = 2_000
TARGET_RATIO = 10.0
TARGET_MB = 500
_COORDINATION = ("coord.fit", "coord.transform", "coord.summarize")
_POLITENESS = ("parse", "politeness", "politeness.summarize")

# VmHWM is this process's own peak; ru_maxrss would also count the parent's size at fork (Linux)
_MEMORY_PROBE = """
import resource, sys
sys.path.insert(0, {bench!r})
from bench_ingest import _zoom_vtt
from coachlens.batch.rows import analyze_file
data = _zoom_vtt(180)
result = analyze_file("three_hours.vtt", data, "")
assert result["error"] is None, result["error"]
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(result["utterances"]), peak)
"""

_CONVOKIT_LOAD = """
import json, sys
from convokit import Corpus
corpus = Corpus(filename=sys.argv[1])
print(json.dumps([len(corpus.utterances), len(corpus.conversations), len(corpus.speakers)]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=200, help="conversations of 250 utterances")
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT, help="the shared benchmark kit folder")
    parser.add_argument("--no-convokit", action="store_true", help="leave out the ConvoKit comparison")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core means one core, for numpy too
    print("coachlens corpus benchmark (batch, workers, memory, ConvoKit side by side)\n")
    with tempfile.TemporaryDirectory(prefix="coachlens-bench-") as tmp:
        work = Path(tmp)
        jsonl = make_jsonl(args.kit, args.sessions, 250, work / "synthetic.jsonl")
        corpus = work / "corpus"
        utterances = write_transcripts(jsonl, corpus)
        print(f"corpus: {args.sessions} sessions, {utterances} utterances (make_synthetic.py --seed 1)")
        load = os.getloadavg()[0]
        busy = " (other processes share the cores: wall-clock figures are pessimistic)" if load > 0.5 else ""
        print(f"load average before: {load:.2f} on {os.cpu_count()} cores{busy}\n")
        analysis_rate, analysis_wall_rate, floor = _analysis_only(corpus)
        (one, two), (cpu_one, cpu_two) = _batch_runs(corpus, work, utterances)
        peak_mb = _memory()
        print()
        verdict = "met" if analysis_rate >= TARGET_PER_CORE else "MISSED"
        print(
            f"target >= {TARGET_PER_CORE:,} utt/s per core (full analysis): {verdict} ({analysis_rate:,.0f})"
        )
        verdict = "met" if peak_mb < TARGET_MB else "MISSED"
        print(f"target < {TARGET_MB} MB per worker for a 3-hour transcript: {verdict} ({peak_mb:.0f} MB)")
        print(
            f"scaling 1 -> 2 workers: {one / two:.2f}x wall (2.00 would be perfect; it needs a second idle "
            f"core); CPU per utterance, 2 workers / 1: {cpu_two / cpu_one:.2f} (1.00: no parallel overhead)"
        )
        if not args.no_convokit:
            print()
            _convokit(
                args.kit, jsonl, utterances, analysis_wall_rate, utterances / two, floor, work / "convokit"
            )


def _analysis_only(corpus: Path) -> tuple[float, float, dict[str, float]]:
    """Utterances per CPU second and per wall second of `analyze_transcript` alone, models loaded,
    and where its time goes (`_where_the_time_goes`)."""
    from coachlens.analysis import analyze_transcript
    from coachlens.transcript.load import read_transcript

    transcripts = [read_transcript(p) for p in sorted(corpus.glob("*.json"))]
    analyze_transcript(transcripts[0])  # lexicons and models load lazily on first use
    count = sum(len(t) for t in transcripts)
    cpu, wall = time.process_time(), time.perf_counter()
    for t in transcripts:
        analyze_transcript(t)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"full analysis, one core:           {count / cpu:8,.0f} utt/s per CPU second "
        f"({count / wall:,.0f} per wall second; {count} utterances, every analyzer, models loaded)"
    )
    return count / cpu, count / wall, _where_the_time_goes(transcripts, count)


def _where_the_time_goes(transcripts: list[Transcript], count: int) -> dict[str, float]:
    """Print microseconds per utterance of each analyzer step, of the two trained models within
    them, and of tokenising every turn once (the floor any analysis of this design pays); return
    those as seconds per utterance: "models", "tokenising"."""
    from coachlens.analysis.models.linear import LinearTextModel
    from coachlens.analysis.registry import ANALYZERS, Analyzer, analyze_transcript
    from coachlens.transcript.tokens import forget_texts, sentences, words

    steps: dict[str, float] = dict.fromkeys((a.name for a in ANALYZERS), 0.0)
    models = [0.0]

    def timed_step(analyzer: Analyzer) -> Analyzer:
        def run(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
            start = time.perf_counter()
            try:
                return analyzer.run(transcript, earlier)
            finally:
                steps[analyzer.name] += time.perf_counter() - start

        return Analyzer(analyzer.name, run, analyzer.requires)

    predict = LinearTextModel.predict_proba

    def timed_predict(model: LinearTextModel, texts: Sequence[str]) -> FloatArray:
        start = time.perf_counter()
        try:
            return predict(model, texts)
        finally:
            models[0] += time.perf_counter() - start

    timed = tuple(map(timed_step, ANALYZERS))
    LinearTextModel.predict_proba = timed_predict  # type: ignore[method-assign,assignment]
    try:
        for t in transcripts:
            analyze_transcript(t, timed)
    finally:
        LinearTextModel.predict_proba = predict  # type: ignore[method-assign]
    start = time.perf_counter()
    for t in transcripts:
        forget_texts()
        for u in t.utterances:
            words(u.text)
            sentences(u.text)
    tokenising = time.perf_counter() - start

    def us(seconds: float) -> str:
        return f"{seconds / count * 1e6:.1f}"

    print("  where the time goes, microseconds per utterance (wall, one core, timers on):")
    print(
        "    "
        + ", ".join(f"{name} {us(s)}" for name, s in steps.items())
        + f"; all {us(sum(steps.values()))}"
    )
    print(
        f"    within those: the two trained models (numpy) {us(models[0])}; "
        f"tokenising every turn once (words, sentences) {us(tokenising)}"
    )
    return {"models": models[0] / count, "tokenising": tokenising / count}


def _batch_runs(corpus: Path, work: Path, utterances: int) -> tuple[tuple[float, float], tuple[float, float]]:
    from coachlens.batch.convokit import write_convokit
    from coachlens.batch.runner import run_batch

    timings, cpus = [], []
    for workers in (1, 2):
        cpu = _cpu_seconds()
        report = run_batch([corpus], work / f"tables-{workers}", workers=workers)
        cpu = _cpu_seconds() - cpu
        timings.append(report.seconds)
        cpus.append(cpu)
        print(
            f"coachlens batch --workers {workers}:    {utterances / report.seconds:8,.0f} utt/s wall "
            f"({report.analysed} files in {report.seconds:.1f} s; {utterances / cpu:,.0f} utt per CPU "
            "second of all processes; end to end: read, hash, parse, analyse, state, tables)"
        )
        if workers == 1:
            write_convokit(report.tables, work / "convokit")
    return (timings[0], timings[1]), (cpus[0], cpus[1])


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (the pool workers)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _memory() -> float:
    probe = _MEMORY_PROBE.format(bench=str(ROOT / "bench"))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    turns, peak = out.split()
    print(
        f"peak memory, one worker, 3-hour transcript ({turns} turns): {float(peak):.0f} MB "
        "(peak resident set of a fresh worker process: interpreter, models, transcript, analysis)"
    )
    return float(peak)


def _convokit(
    kit: Path,
    jsonl: Path,
    utterances: int,
    coachlens_rate: float,
    two_workers_rate: float,
    floor: Mapping[str, float],
    export: Path,
) -> None:
    """Run the kit's ConvoKit bench on the same utterances and print the ratios to coachlens's full
    analysis on one core and batch on 2 workers (utterances per wall second); ``floor`` is what
    `_where_the_time_goes` returned."""
    python = _convokit_python()
    out = jsonl.with_name("convokit.json")
    print(f"ConvoKit ({python}), same {utterances} utterances, --parser blank:")
    command = [python, str(kit / "convokit_bench.py"), str(jsonl), "--parser", "blank"]
    command += ["--stages", "coordination,politeness", "--json", str(out)]
    run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "TQDM_DISABLE": "1"})
    if run.returncode != 0 or not out.is_file():
        raise SystemExit(f"convokit_bench.py failed (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    report = json.loads(out.read_text(encoding="utf-8"))
    stages = {row["stage"]: row for row in report["stages"]}
    failed = [name for name in (*_COORDINATION, *_POLITENESS) if stages[name]["status"] != "ok"]
    if failed:
        raise SystemExit(f"ConvoKit stages failed: {', '.join(failed)}; no ratio printed")
    coordination = utterances / sum(stages[s]["seconds"] for s in _COORDINATION)
    politeness = utterances / sum(stages[s]["seconds"] for s in _POLITENESS)
    print(f"  coordination (fit+transform+summarize): {coordination:8,.0f} utt/s")
    print(f"  politeness (blank parse + strategies):  {politeness:8,.0f} utt/s")
    peak = max(r["peak_rss_mb"] for r in report["stages"])
    print(f"  ConvoKit {report.get('convokit')} peak RSS: {peak:.0f} MB")
    ratio = coachlens_rate / coordination
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(
        f"ratio coachlens full analysis / ConvoKit coordination alone (one core each, wall clock): "
        f"{ratio:.2f}x; target >= {TARGET_RATIO:g}x: {verdict}"
    )
    if ratio < TARGET_RATIO:
        budget = 1e6 / (TARGET_RATIO * coordination)
        print(
            f"  {TARGET_RATIO:g}x would leave {budget:.0f} us per utterance for the full analysis (it takes "
            f"{1e6 / coachlens_rate:.0f}); the trained models and tokenising alone take "
            f"{(floor['models'] + floor['tokenising']) * 1e6:.0f}, before any analyzer's own rules"
        )
    print(f"ratio coachlens full analysis / ConvoKit politeness alone: {coachlens_rate / politeness:.2f}x")
    print(
        "ratio coachlens batch on 2 workers (end to end) / ConvoKit coordination (one process, it has "
        f"no parallel mode): {two_workers_rate / coordination:.2f}x"
    )
    loaded = subprocess.run([python, "-c", _CONVOKIT_LOAD, str(export)], capture_output=True, text=True)
    if loaded.returncode != 0:
        raise SystemExit(f"ConvoKit could not load the coachlens export:\n{loaded.stderr}")
    counts = json.loads(loaded.stdout.strip().splitlines()[-1])
    print(
        f"ConvoKit loads the `coachlens batch --convokit` export: {counts[0]} utterances, "
        f"{counts[1]} conversations, {counts[2]} speakers"
    )


def _convokit_python() -> str:
    """Return the benchmark virtualenv's python with ConvoKit importable, creating it if need be."""
    python = CONVOKIT_VENV / "bin" / "python"
    if python.is_file() and _imports_convokit(python):
        return str(python)
    print(f"creating {CONVOKIT_VENV} (torch==2.13.0, then convokit; about 2 GB, once)", flush=True)
    steps = [
        [sys.executable, "-m", "venv", str(CONVOKIT_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "torch==2.13.0"],
        [str(python), "-m", "pip", "install", "--quiet", "convokit"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(
                f"could not set up ConvoKit for the comparison ({' '.join(step[-2:])} failed); "
                f"no ratio printed:\n{done.stderr[-2000:]}"
            )
    if not _imports_convokit(python):
        raise SystemExit("ConvoKit installed but does not import; no ratio printed")
    return str(python)


def _imports_convokit(python: Path) -> bool:
    check = subprocess.run([str(python), "-c", "import convokit"], capture_output=True, env={**os.environ})
    return check.returncode == 0


if __name__ == "__main__":
    main()
