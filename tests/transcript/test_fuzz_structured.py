"""Structured fuzzing: JSON transcripts with the readers' own keys and any value types, and .docx packages
with arbitrary document XML. Either a Transcript or one clean InvalidTranscript, never another error."""

from __future__ import annotations

import io
import json
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from coachlens.errors import InvalidTranscript
from coachlens.transcript import Transcript
from coachlens.transcript.load import parse_transcript

_KEYS = st.sampled_from(
    [
        "utterances", "segments", "monologues", "results", "speaker", "speaker_label", "name", "text",
        "content", "value", "elements", "words", "word", "start", "end", "start_time", "end_time",
        "startTime", "offset", "start_ms", "end_ms", "role", "items",
    ]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["00:00:01.000", "1:02", "Ann", "Bo", "-5", "1e400", "nan"]),
)
_json_values = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


def _check(data: bytes, name: str) -> None:
    try:
        result = parse_transcript(data, name)
    except InvalidTranscript as error:
        message = str(error)
        assert message.startswith(name)
        assert "\n" not in message
    else:
        assert isinstance(result, Transcript)
        assert [u.index for u in result] == list(range(len(result)))


@settings(max_examples=300, deadline=None)
@given(value=_json_values)
def test_json_of_any_shape(value: object) -> None:
    try:
        data = json.dumps(value, allow_nan=True).encode("utf-8")
    except ValueError:  # integers too long for the encoder: not a file anyone can write
        return
    _check(data, "fuzz.json")


_XML = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<w:p>",
                "</w:p>",
                "<w:r>",
                "</w:r>",
                "<w:t>",
                "</w:t>",
                "<w:tbl>",
                "<w:tr>",
                "<w:tc>",
                "Ann: ",
                "&amp;",
            ]
        ),
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)

_OOXML = "http://schemas.openxmlformats.org"
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{_OOXML}/wordprocessingml/2006/main"><w:body>'
)
_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_OOXML}/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_OOXML}/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


@settings(max_examples=60, deadline=None)
@given(body=_XML, closed=st.booleans())
def test_docx_with_any_document_body(body: str, closed: bool) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", _HEAD + body + ("</w:body></w:document>" if closed else ""))
    _check(buffer.getvalue(), "fuzz.docx")
