"""Render the project's written example sessions (scripts/examples/*.script) as real-looking exports.

The dialogue is written by the project as plain scripts (one turn per line, ``~pause N`` and
``~overlap`` marks); this tool gives each a plausible timeline (speaking rate scaled to the
session's stated length, short gaps, the pauses and overlaps as written) and writes it in the
format a video-call or transcription tool would produce. Deterministic: same scripts, same files
(DOCX core properties aside). Run: ``.venv/bin/python scripts/build_examples.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts" / "examples"
OUT = ROOT / "examples"


@dataclass
class Turn:
    speaker: str
    text: str
    pause_before: float = 0.0
    overlaps_previous: bool = False
    start: float = 0.0
    end: float = 0.0


@dataclass
class Script:
    title: str
    minutes: float
    turns: list[Turn]


def parse_script(path: Path) -> Script:
    title, minutes, turns = path.stem, 30.0, []
    pause, overlap = 0.0, False
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip() == "title":
                title = value.strip()
            elif key.strip() == "minutes":
                minutes = float(value)
            continue
        if line.startswith("~pause"):
            pause = float(line.split()[1])
            continue
        if line == "~overlap":
            overlap = True
            continue
        name, sep, text = line.partition(": ")
        if not sep:
            sys.exit(f"{path}:{lineno}: not a 'Name: text' turn")
        if turns and turns[-1].speaker == name:
            sys.exit(f"{path}:{lineno}: two consecutive turns by {name}")
        turns.append(Turn(name, text.strip(), pause, overlap))
        pause, overlap = 0.0, False
    _time(turns, minutes)
    return Script(title, minutes, turns)


def _jitter(seed: str, low: float, high: float) -> float:
    h = int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return low + (high - low) * h


def _time(turns: list[Turn], minutes: float) -> None:
    gaps = [
        (t.pause_before or _jitter(f"gap{i}", 0.3, 1.1)) if not t.overlaps_previous else 0.0
        for i, t in enumerate(turns)
    ]
    total_words = sum(len(t.text.split()) for t in turns)
    speaking = max(minutes * 60 - sum(gaps) - 4.0, total_words / 3.2)
    rate = total_words / speaking  # words per second
    clock = 4.0 + _jitter("lead", 0.0, 3.0)  # recordings start a few seconds before anyone speaks
    for i, (turn, gap) in enumerate(zip(turns, gaps, strict=True)):
        duration = max(0.9, len(turn.text.split()) / rate * _jitter(f"rate{i}", 0.9, 1.1))
        if turn.overlaps_previous and i:
            # Cut in during the interrupted turn's last cue, as caption tools (sorted by start) show it.
            prev = turns[i - 1]
            last_cue = max(_chunks(prev, size)[-1][1] for size in (16, 18, 22))
            turn.start = max(last_cue + 0.2, prev.end - 1.2)
        else:
            turn.start = clock + gap
        turn.end = turn.start + duration
        clock = max(clock, turn.end)


def _chunks(turn: Turn, max_words: int = 22) -> list[tuple[str, float, float]]:
    """Split a turn into caption cues at sentence ends, times shared by word count."""
    sentences = re.split(r"(?<=[.?!])\s+", turn.text)
    pieces: list[str] = []
    for s in sentences:
        words = s.split()
        while len(words) > max_words:
            pieces.append(" ".join(words[:max_words]))
            words = words[max_words:]
        if pieces and len(pieces[-1].split()) + len(words) <= max_words // 2:
            pieces[-1] += " " + " ".join(words)
        elif words:
            pieces.append(" ".join(words))
    total = sum(len(p.split()) for p in pieces)
    out, t = [], turn.start
    for p in pieces:
        d = (turn.end - turn.start) * len(p.split()) / total
        out.append((p, t, t + d))
        t += d
    return out


def _ts(seconds: float, sep: str = ".") -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def zoom_vtt(script: Script) -> str:
    out, n = ["WEBVTT", ""], 0
    for turn in script.turns:
        for text, a, b in _chunks(turn):
            n += 1
            out += [str(n), f"{_ts(a)} --> {_ts(b)}", f"{turn.speaker}: {text}", ""]
    return "\n".join(out)


def teams_vtt(script: Script) -> str:
    out = ["WEBVTT", ""]
    for i, turn in enumerate(script.turns):
        uid = hashlib.sha1(f"{script.title}{i}".encode()).hexdigest()
        cue_id = f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:32]}"
        for j, (text, a, b) in enumerate(_chunks(turn, 18)):
            out += [f"{cue_id}/{j + 11}-{j}", f"{_ts(a)} --> {_ts(b)}", f"<v {turn.speaker}>{text}</v>", ""]
    return "\n".join(out)


def srt(script: Script) -> str:
    """SubRip as older Windows caption tools write it: CRLF, typographic apostrophes (cp1252)."""
    out, n = [], 0
    for turn in script.turns:
        for text, a, b in _chunks(turn, 16):
            n += 1
            curly = re.sub(r"(?<=\w)'|'(?=\w)", "’", text)
            out += [str(n), f"{_ts(a, ',')} --> {_ts(b, ',')}", f"{turn.speaker}: {curly}", ""]
    return "\r\n".join(out)


def bracket_txt(script: Script) -> str:
    lines = [f"{script.title}", ""]
    lines += [f"[{_ts(t.start)[:8]}] {t.speaker}: {t.text}" for t in script.turns]
    return "\n".join(lines) + "\n"


def otter_txt(script: Script) -> str:
    lines = [script.title, ""]
    for t in script.turns:
        lines += [f"{t.speaker}  {_clock(t.start)}", t.text, ""]
    return "\n".join(lines)


def plain_txt(script: Script) -> str:
    return "\r\n".join(f"{t.speaker}: {t.text}" for t in script.turns) + "\r\n"


def json_export(script: Script) -> str:
    doc = {
        "title": script.title,
        "utterances": [
            {"speaker": t.speaker, "text": t.text, "start": round(t.start, 2), "end": round(t.end, 2)}
            for t in script.turns
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def docx_export(script: Script, path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = script.title
    document.add_heading(script.title, level=1)
    document.add_paragraph("Transcript")
    for t in script.turns:
        document.add_paragraph(f"{t.speaker}   {_clock(t.start)}")
        document.add_paragraph(t.text)
    document.save(str(path))


# script id -> (output file, writer, encoding)
EXPORTS = {
    "ellison_s1": ("ellison_session1_zoom.vtt", zoom_vtt, "utf-8"),
    "ellison_s2": ("ellison_session2_teams.vtt", teams_vtt, "utf-8-sig"),
    "ellison_s3": ("ellison_session3.srt", srt, "cp1252"),
    "nwosu_s1": ("nwosu_session1.json", json_export, "utf-8"),
    "nwosu_s3": ("nwosu_session3.docx", None, None),
    "stanton": ("stanton_session.txt", bracket_txt, "utf-8"),
    "shah": ("shah_session_otter.txt", otter_txt, "utf-8"),
    "hughes": ("hughes_session.txt", plain_txt, "utf-16"),
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for script_id, (name, writer, encoding) in EXPORTS.items():
        source = SCRIPTS / f"{script_id}.script"
        if not source.exists():
            print(f"skip {script_id}: no script yet")
            continue
        script = parse_script(source)
        target = OUT / name
        if writer is None:
            docx_export(script, target)
        else:
            target.write_bytes(writer(script).encode(encoding))
        last = script.turns[-1].end / 60
        print(f"{name}: {len(script.turns)} turns, {last:.0f} min")


if __name__ == "__main__":
    main()
