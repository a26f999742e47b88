"""Write a folder of coaching-like transcripts (JSON, with times) from the peer benchmark's generator.

Runs ``make_synthetic.py`` of the shared benchmark kit (the corpus the ConvoKit comparison uses)
and writes each of its conversations as a coachlens JSON transcript
(``{"utterances": [{"speaker", "text", "start", "end"}]}``). Times follow speech at 2.5 words a
second with half a second between turns, as the kit's talk-time stage assumes, so 400 utterances
make about a 60-minute session. Template text: good for speed, meaningless for the findings.

    python bench/make_corpus.py -n 1000 -u 400 -o /tmp/corpus
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KIT = ROOT.parent / "shared" / "bench"


def make_jsonl(kit: Path, conversations: int, utterances: int, target: Path, seed: int = 1) -> Path:
    """Run the kit's generator into ``target`` (JSON lines, one utterance a line) and return it."""
    generator = kit / "make_synthetic.py"
    if not generator.is_file():
        raise SystemExit(f"{generator} does not exist; point --kit at the shared benchmark kit")
    command = [sys.executable, str(generator), "-n", str(conversations), "-u", str(utterances)]
    command += ["--seed", str(seed), "-o", str(target)]
    subprocess.run(command, check=True, capture_output=True)
    return target


def write_transcripts(jsonl: Path, folder: Path) -> int:
    """Write one JSON transcript per conversation of ``jsonl`` into ``folder``; return the utterances."""
    by_conversation: dict[str, list[dict[str, str]]] = defaultdict(list)
    with jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_conversation[record["conversation_id"]].append(record)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for conversation, records in sorted(by_conversation.items()):
        clock, turns = 0.0, []
        for r in records:
            seconds = max(0.4, len(r["text"].split()) / 2.5)
            turns.append(
                {
                    "speaker": r["speaker"],
                    "text": r["text"],
                    "start": round(clock, 2),
                    "end": round(clock + seconds, 2),
                }
            )
            clock += seconds + 0.5
        (folder / f"{conversation}.json").write_text(json.dumps({"utterances": turns}), encoding="utf-8")
        total += len(turns)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--sessions", type=int, default=1000)
    parser.add_argument("-u", "--utterances", type=int, default=400)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT, help="the shared benchmark kit folder")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    jsonl = make_jsonl(args.kit, args.sessions, args.utterances, args.output / ".synthetic.jsonl")
    total = write_transcripts(jsonl, args.output)
    jsonl.unlink()
    print(f"wrote {args.sessions} sessions, {total} utterances, to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
