"""The response-mix and emotions sections of the reports: HTML blocks, charts, transcript tags, tables."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from coachlens.analysis import Analysis, analyze_transcript
from coachlens.analysis.emotions import Emotion
from coachlens.analysis.response_mix import ResponseMix
from coachlens.analysis.vocabulary import COACH_ACTS, EMOTION_FAMILIES, Intensity
from coachlens.reports.charts import ACT_GROUPS, act_chart, emotion_chart
from coachlens.reports.html import render_html
from coachlens.reports.markdown import render_markdown
from coachlens.reports.sections import build_response_mix
from coachlens.reports.summary import format_metric
from coachlens.reports.terminal import terminal_text
from coachlens.transcript import Role
from coachlens.transcript.load import parse_transcript, read_transcript
from coachlens.transcript.roles import RoleHints
from tests.conftest import EXAMPLES

ELLISON = EXAMPLES / "ellison_session1_zoom.vtt"

# No emotion words, and no first-person sentence, so the emotion model is not consulted either.
NO_EMOTIONS = """\
Coach: What would you like to work on today?
Client: The budget for next quarter. Numbers for the Leeds site.
Coach: What about the numbers stands out?
Client: The freight costs. They went up again in March.
Coach: Say more about the freight costs.
Client: Three suppliers, two contracts, one renewal in April.
"""


@cache
def _analysis(path: Path) -> Analysis:
    return analyze_transcript(read_transcript(path))


@cache
def _ellison_html() -> str:
    return render_html(_analysis(ELLISON))


def _block(html: str, anchor: str) -> str:
    start = html.index(f'<section id="{anchor}"')
    return html[start : html.index("</section>", start)]


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


def test_response_mix_section_lists_client_emotions_met_with_a_fix() -> None:
    # ellison 33: "Honestly, Ruth, I'm worried sick about it", met by reassurance at 34 ("I'm sure
    # you'll find a way through it"); 185: "I'm dreading it, mind.", met by reassurance at 186.
    analysis = _analysis(ELLISON)
    mix = analysis.details["response_mix"]
    assert isinstance(mix, ResponseMix)
    met = {r.client: (r.coach, r.response) for r in mix.responses}
    assert met[33] == (34, "fixed")
    assert met[185] == (186, "fixed")

    block = _block(_ellison_html(), "response-mix")
    assert '<h2 id="response-mix-heading">Response mix</h2>' in block
    assert "<h3>After the client's emotions</h3>" in block
    rows = re.findall(r'<tr class="response-(\w+)">\s*<th scope="row"><a href="#u-(\d+)">', block)
    assert ("fixed", "33") in rows
    assert ("fixed", "185") in rows
    assert len(rows) == len(mix.responses)
    row_33 = block[block.index('<a href="#u-33">') :].split("</tr>", 1)[0]
    assert '<a href="#u-34">34</a>' in row_33
    assert "fear" in row_33
    assert "<q>" in row_33


def test_act_table_counts_every_coach_sentence_once() -> None:
    analysis = _analysis(ELLISON)
    data = build_response_mix(analysis)
    assert data is not None
    mix = analysis.details["response_mix"]
    assert isinstance(mix, ResponseMix)
    rows = data["acts"]
    assert isinstance(rows, list)
    assert [row.act for row in rows] == list(COACH_ACTS)
    assert sum(row.sentences for row in rows) == sum(len(t.sentences) for t in mix.coach_turns.values())
    assert sum(row.primary for row in rows) == len(mix.coach_turns)
    assert data["feeling_share"] == format_metric("feeling_share", mix.feeling_share)


def test_every_coach_act_is_in_exactly_one_chart_group() -> None:
    grouped = [act for group in ACT_GROUPS for act in group.acts]
    assert sorted(grouped) == sorted(COACH_ACTS)
    assert {"reflection_feeling", "reflection_content", "question_open"} <= set(ACT_GROUPS[0].acts)
    assert set(ACT_GROUPS[1].acts) == {"advice", "suggestion_question", "reassurance"}


def test_every_svg_in_the_report_is_well_formed_xml_with_a_title() -> None:
    for path in (ELLISON, EXAMPLES / "hughes_session.txt"):
        svgs = _svgs(render_html(_analysis(path)))
        classes = [svg.get("class", "") for svg in svgs]
        assert "chart act-chart" in classes, path
        assert "chart emotion-chart" in classes, path
        for svg in svgs:
            assert svg.get("role") == "img"
            assert svg.find("title") is not None
            assert (svg.find("desc").text or "") != ""  # type: ignore[union-attr]


def test_act_chart_has_a_bar_per_slice_and_sums_to_the_sentences() -> None:
    analysis = _analysis(ELLISON)
    mix = analysis.details["response_mix"]
    assert isinstance(mix, ResponseMix)
    chart = act_chart(analysis.transcript, mix.coach_turns)
    assert chart is not None
    svg = ET.fromstring(chart.svg)
    totals = [int(t.text or "0") for t in svg.iter("text") if t.get("class") == "total"]
    assert len(totals) == 10
    assert sum(totals) == sum(len(t.sentences) for t in mix.coach_turns.values())
    assert "0–5 min" in chart.svg  # the slices are in minutes: this session has timestamps


def test_emotion_chart_marks_named_and_implied_emotions_per_role() -> None:
    analysis = _analysis(ELLISON)
    chart = emotion_chart(analysis.transcript, analysis.emotions, EMOTION_FAMILIES)
    assert chart is not None
    marks = [c for c in ET.fromstring(chart.svg).iter("circle")]
    assert len(marks) == sum(len(found) for found in analysis.emotions.values())
    turn_33 = [c for c in marks if (c.findtext("title") or "").startswith("Turn 33 ")]
    assert [c.get("class") for c in turn_33] == ["emo fam-fear named"]
    assert turn_33[0].get("r") == "5.5"  # "worried sick" is strong
    assert "(client)" in (turn_33[0].findtext("title") or "")
    assert chart.summary.startswith("Emotions over the session: coach ")
    assert "; client " in chart.summary


def test_emotion_chart_escapes_cues_and_families() -> None:
    t = parse_transcript(NO_EMOTIONS.encode(), "plain.txt")
    odd = Emotion('<b x="1">', Intensity.HIGH, True, "<script>alert(1)</script> & more", "model")
    chart = emotion_chart(t, {1: (odd,)}, (*EMOTION_FAMILIES, '<b x="1">'))
    assert chart is not None
    svg = ET.fromstring(chart.svg)
    assert "<script" not in chart.svg
    assert not [
        e for e in svg.iter() if e.tag not in {"svg", "title", "desc", "g", "line", "text", "rect", "circle"}
    ]
    title = next(c for c in svg.iter("circle")).findtext("title") or ""
    assert "<script>alert(1)</script> & more" in title


def test_script_in_a_transcript_stays_text_in_the_new_sections() -> None:
    coach, client = "<script>alert(1)</script> Ruth", "<b>Mark</b>"
    turns = [
        (coach, "What would you like to work on today?"),
        (client, "<script>alert(2)</script> Honestly I'm worried sick about April. Jim was furious."),
        (coach, "You'll be fine, you always are. Have you thought about telling him?"),
        (client, "<img src=x onerror=alert(3)> I feel ashamed, to be honest."),
        (coach, "That sounds hard. What's that like for you?"),
    ]
    doc = {"utterances": [{"speaker": s, "text": text, "start": 5 * n} for n, (s, text) in enumerate(turns)]}
    t = parse_transcript(json.dumps(doc).encode(), "odd.json", hints=RoleHints(coach=coach))
    analysis = analyze_transcript(t)
    assert analysis.emotions, "the session should express emotions for this test to mean anything"
    html = render_html(analysis)
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in _block(html, "response-mix")
    assert "&lt;b&gt;Mark&lt;/b&gt;" in _block(html, "emotions")  # a speaker name, by "Jim was furious"
    for svg in _svgs(html):
        assert not [e for e in svg.iter() if e.tag in {"script", "img", "b", "foreignObject"}]


def test_a_session_without_emotions_says_so_instead_of_drawing_a_chart() -> None:
    analysis = analyze_transcript(parse_transcript(NO_EMOTIONS.encode(), "plain.txt"))
    assert dict(analysis.emotions) == {}
    html = render_html(analysis)
    emotions = _block(html, "emotions")
    assert "No emotions found" in emotions
    assert "<svg" not in emotions
    assert "<table" not in emotions
    response = _block(html, "response-mix")
    assert "No client turn expressed an emotion" in response
    assert '<table class="responses"' not in response
    assert len(_svgs(response)) == 1  # the coach's acts are still drawn
    assert "turn 0</text>" in response  # six turns, six slices of one turn each: by turn number


def test_sections_are_left_out_when_the_response_analyzer_did_not_run() -> None:
    analysis = _analysis(ELLISON)
    details = {k: v for k, v in analysis.details.items() if k not in {"response_mix", "emotions"}}
    html = render_html(dataclasses.replace(analysis, details=details))
    assert 'id="response-mix"' not in html
    assert 'href="#emotions"' not in html
    assert 'id="dynamics"' in html


def test_transcript_tags_each_turn_with_its_acts_and_emotions() -> None:
    html = _ellison_html()
    turn_33 = html[html.index('<li id="u-33"') : html.index('<li id="u-34"')]
    assert '<li class="emotion fam-fear">fear, named, high</li>' in turn_33
    assert '<li class="act">emotion_expression</li>' in turn_33
    turn_34 = html[html.index('<li id="u-34"') : html.index('<li id="u-35"')]
    assert '<li class="act">reassurance</li>' in turn_34


def test_the_dynamics_block_keeps_only_its_own_tables() -> None:
    dynamics = _block(_ellison_html(), "dynamics")
    assert "Status per role" in dynamics
    assert "Response mix" not in dynamics


def test_markdown_and_terminal_show_the_response_mix_and_emotions_tables() -> None:
    analysis = _analysis(ELLISON)
    coach = analysis.metrics[Role.COACH]
    md = render_markdown(analysis)
    assert "## Response mix" in md
    row = "| coach | " + " | ".join(
        format_metric(k, coach[k])
        for k in ("feeling_turns", "fixing_turns", "feeling_share", "emotions_acknowledged", "emotions_fixed")
    )
    assert row in md
    assert "| client | –" not in md  # the client has no response-mix metrics, so no row of dashes
    assert "## Emotions" in md
    assert "| Role | Turns | Named % | " + " | ".join(EMOTION_FAMILIES) + " |" in md
    emotions = md.split("## Emotions", 1)[1].split("\n## ", 1)[0]
    client_row = next(line for line in emotions.splitlines() if line.startswith("| client |"))
    assert client_row.split(" | ")[1] == str(analysis.metrics[Role.CLIENT]["emotion_utterances"])

    text = terminal_text(analysis)
    assert "Response mix" in text
    assert "Emotions (turns per family)" in text
    assert len(text.splitlines()) < 200  # still a summary


def test_markdown_lists_difference_ruptures_commitments_and_referral_per_analyzer() -> None:
    md = render_markdown(_analysis(EXAMPLES / "hughes_session.txt"))
    for title in ("## Social difference", "## Ruptures and repairs", "## Commitments", "## Beyond coaching"):
        assert title in md
    commitments = md.split("## Commitments", 1)[1].split("\n## ", 1)[0]
    assert (
        "| 143 | Gareth Hughes | I'll ring the GP surgery on Monday morning | on Monday morning | firm |"
        in commitments
    )
    assert "| 120 | Joanna Pike (coach) |" in commitments
    beyond = md.split("## Beyond coaching", 1)[1].split("\n## ", 1)[0]
    assert "| 101 | self harm | better off without me | client |" in beyond
    assert '- Safety asked about directly at 102 ("thoughts of ending your life")' in beyond
    assert "Nobody named social difference in this session." in md
