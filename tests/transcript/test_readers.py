"""Each format's reader on a file written to look like that tool's real export."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from coachlens.errors import InvalidTranscript
from coachlens.transcript import Role
from coachlens.transcript.load import parse_transcript, read_transcript
from tests.conftest import FIXTURES

DANA, OLU = "Dana Whitfield", "Olu Bankole"


def test_zoom_vtt_merges_consecutive_cues_and_drops_fillers() -> None:
    t = read_transcript(FIXTURES / "zoom_split_cues.vtt")
    assert t.source.format == "vtt"
    assert [u.speaker for u in t] == [DANA, OLU, DANA, OLU, DANA]
    # cues 2 and 3 are one turn by Olu: merged, with the first start and the last end
    assert t[1].text == "Honestly? Long. The board pack went out late and I took the blame for it."
    assert (t[1].start, t[1].end) == (6.3, 12.4)
    assert t[0].text == "Morning, Olu. How's the week been?"  # "Um," removed
    assert "&" in t[3].text  # HTML entity decoded
    assert t[1].line == 8  # the timing line of its first cue


def test_teams_vtt_reads_voice_tags_skips_notes_and_keeps_names_as_written() -> None:
    t = read_transcript(FIXTURES / "teams_voice_tags.vtt")
    assert [s.name for s in t.speakers] == ["Whitfield, Dana", "Bankole, Olu"]
    assert len(t) == 5
    assert (
        t[3].text
        == "I did. It went better than I expected, to be fair. She'd been waiting for someone to ask."
    )
    assert "<" not in "".join(u.text for u in t)
    assert t[4].start == pytest.approx(19.2)


def test_srt_joins_multi_line_cues_and_merges_turns() -> None:
    t = read_transcript(FIXTURES / "subrip_labels.srt")
    assert t.source.format == "srt"
    assert t[0].text == "Shall we start with the actions from last time?"
    assert t[1].text == "Sure. I booked the one-to-one with Jim. It's on Thursday."
    assert t[1].end == pytest.approx(10.0)


def test_plain_text_skips_preamble_and_joins_continuation_lines() -> None:
    t = read_transcript(FIXTURES / "plain_labels.txt")
    assert t.source.format == "txt"
    assert len(t) == 6
    assert t[0].text.startswith("How do you want")  # the title line is not a turn
    assert "Note: it isn't announced yet" in t[1].text  # a colon inside a turn is not a speaker
    assert t[3].text == "Mostly my team. They don't know, and I do, and that feels awful."
    assert not t.has_timestamps


def test_bracket_stamped_text_reads_start_times() -> None:
    t = read_transcript(FIXTURES / "stamped_labels.txt")
    assert [u.start for u in t] == [3.0, 7.0, 12.0, 13.0, 62.0, 65.0]
    assert t[5].text == "A relief. I'll write up what we agreed by Friday."


def test_otter_headers_start_turns_and_their_text_follows() -> None:
    t = read_transcript(FIXTURES / "otter_headers.txt")
    assert [u.speaker for u in t] == [DANA, OLU, DANA, OLU, DANA]
    assert t[1].text == (
        "Busy. The merger announcement landed on Tuesday and everyone's been asking me what it means."
    )
    assert t[4].start == 62.0


def test_json_segment_list_merges_consecutive_segments() -> None:
    t = read_transcript(FIXTURES / "segments_list.json")
    assert t.source.format == "json"
    assert len(t) == 4
    assert t[1].text == "My board presentation next week. I freeze when the chair questions me."
    assert (t[1].start, t[1].end) == (4.6, 9.8)


def test_json_contract_shape_with_clock_times() -> None:
    t = read_transcript(FIXTURES / "contract_shape.json")
    assert [u.start for u in t] == [1.0, 3.0, 6.8, 9.5]
    assert t[3].end == 12.0


def test_json_milliseconds_are_recognised() -> None:
    data = (
        b'{"utterances": [{"speaker": "A", "text": "How are you today?", "start": 1200, "end": 3400},'
        b' {"speaker": "B", "text": "Fine, thanks.", "start": 3900, "end": 250000}]}'
    )
    t = parse_transcript(data, "assembly.json")
    assert (t[0].start, t[1].end) == (1.2, 250.0)


def test_csv_with_header_quotes_and_clock_times() -> None:
    t = read_transcript(FIXTURES / "speakers_columns.csv")
    assert t.source.format == "csv"
    assert len(t) == 4
    assert t[3].text == "That I'll have to cut a team I built, and say \"it's fine\" when it isn't."
    assert t[2].start == 9.5


COUNSELLING_CSV = (
    b"transcript_id,mi_quality,utterance_id,interlocutor,timestamp,utterance_text\n"
    b'7,high,0,therapist,00:00:13,"What would you like to talk about?"\n'
    b'7,high,1,client,00:00:18,"My drinking, I suppose."\n'
    b"7,high,2,therapist,00:00:22,\"You're not sure it's a problem.\"\n"
)


def test_csv_of_one_counselling_conversation_reads_interlocutor_and_utterance_text() -> None:
    t = parse_transcript(COUNSELLING_CSV, "annotated.csv")
    assert [(u.speaker, u.role, u.start) for u in t] == [
        ("therapist", Role.COACH, 13.0),
        ("client", Role.CLIENT, 18.0),
        ("therapist", Role.COACH, 22.0),
    ]


def test_csv_holding_two_conversations_is_refused_with_the_line_and_the_column() -> None:
    data = COUNSELLING_CSV + b'8,low,0,therapist,00:00:01,"You need to stop."\n'
    with pytest.raises(InvalidTranscript) as caught:
        parse_transcript(data, "corpus.csv")
    message = str(caught.value)
    assert "line 5" in message
    assert "more than one conversation (column 'transcript_id': '7', '8')" in message
    assert "coachlens batch" in message
    assert "--conversation ID" in message


TWO_CONVERSATIONS = COUNSELLING_CSV + (
    b'8,low,0,therapist,00:00:01,"You need to stop,\nit\'s as simple as that."\n'
    b'8,low,1,client,00:00:09,"Right."\n'
)


def test_one_conversation_of_several_is_read_by_its_id_with_the_lines_of_the_file() -> None:
    eight = parse_transcript(TWO_CONVERSATIONS, "corpus.csv", conversation="8")
    assert eight.source.path == "corpus.csv#8"
    assert [u.text for u in eight] == ["You need to stop, it's as simple as that.", "Right."]
    seven = parse_transcript(TWO_CONVERSATIONS, "corpus.csv", conversation="7")
    assert len(seven) == 3
    # a row that spans two lines keeps the file's line numbers for the rows after it
    bad = TWO_CONVERSATIONS + b"8,low,2,client,00:00:03\n"
    with pytest.raises(InvalidTranscript, match="line 8"):
        parse_transcript(bad, "corpus.csv", conversation="8")


@pytest.mark.parametrize(
    ("data", "conversation", "says"),
    [
        (TWO_CONVERSATIONS, "9", "has no conversation '9' (it has '7', '8')"),
        (COUNSELLING_CSV, "7", "holds one conversation only"),
    ],
)
def test_a_conversation_that_cannot_be_picked_is_one_sentence(
    data: bytes, conversation: str, says: str
) -> None:
    with pytest.raises(InvalidTranscript, match=re.escape(says)):
        parse_transcript(data, "corpus.csv", conversation=conversation)


def _docx_bytes(paragraphs: list[str], table: list[tuple[str, str]] | None = None) -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        grid = document.add_table(rows=len(table), cols=2)
        for row, (who, said) in zip(grid.rows, table, strict=True):
            row.cells[0].text, row.cells[1].text = who, said
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_teams_style_paragraphs() -> None:
    data = _docx_bytes(
        [
            "Coaching session",
            f"{DANA}   0:04",
            "What would you like from today?",
            f"{OLU}   0:09",
            "Clarity on the promotion.",
            f"{DANA}   0:15",
            "Say more?",
        ]
    )
    t = parse_transcript(data, "session.docx")
    assert t.source.format == "docx"
    assert [(u.speaker, u.start) for u in t] == [(DANA, 4.0), (OLU, 9.0), (DANA, 15.0)]


def test_docx_table_of_speaker_and_text() -> None:
    data = _docx_bytes([], table=[(DANA, "How are you?"), (OLU, "Tired."), (DANA, "Tell me more.")])
    t = parse_transcript(data, "table.docx")
    assert [u.text for u in t] == ["How are you?", "Tired.", "Tell me more."]


def test_format_is_detected_from_content_not_the_extension(tmp_path: Path) -> None:
    misnamed = tmp_path / "export.txt"
    misnamed.write_bytes((FIXTURES / "subrip_labels.srt").read_bytes())
    assert read_transcript(misnamed).source.format == "srt"
    json_as_dat = tmp_path / "export.dat"
    json_as_dat.write_bytes((FIXTURES / "segments_list.json").read_bytes())
    assert read_transcript(json_as_dat).source.format == "json"


def test_three_way_meeting_finds_coach_client_and_sponsor() -> None:
    t = read_transcript(FIXTURES / "three_way_sponsor.txt")
    roles = {s.name: s.role for s in t.speakers}
    assert roles == {DANA: Role.COACH, OLU: Role.CLIENT, "Priya Raman": Role.SPONSOR}
