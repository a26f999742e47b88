"""Emotion cues: the rules on sentences written for the purpose, then the emotions that
examples/README.md annotates, found at the utterances it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachlens.analysis import emotion_cues as ec
from coachlens.analysis.emotion_cues import (
    EmotionCue,
    default_lexicon,
    load_lexicon,
    own_emotions,
    parse_lexicon,
    read_emotions,
)
from coachlens.analysis.vocabulary import EMOTION_FAMILIES, Intensity
from coachlens.errors import UsageError
from coachlens.transcript import Role, Transcript
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLES

LOW, HIGH = Intensity.LOW, Intensity.HIGH
N, IM = True, False  # named, implied
SP, AD, OT = "speaker", "addressee", "other"

# (sentence, the one cue expected: family, intensity, named, experiencer, negated), reasoned out.
ONE_CUE = [
    # Named emotions, their base level and inflections.
    ("I'm angry with him.", ("anger", LOW, N, SP, False)),
    ("I was absolutely furious.", ("anger", HIGH, N, SP, False)),
    ("It's so frustrating.", ("anger", HIGH, N, SP, False)),
    ("There's a lot of frustration in the team, honestly.", ("anger", LOW, N, SP, False)),
    ("I'm a bit annoyed with myself.", ("anger", LOW, N, SP, False)),
    ("I'm scared, really, that I can't protect them.", ("fear", LOW, N, SP, False)),
    ("I'm terrified of the board.", ("fear", HIGH, N, SP, False)),
    ("I'm ashamed of that, if I'm honest.", ("shame", LOW, N, SP, False)),
    ("I was mortified.", ("shame", HIGH, N, SP, False)),
    ("I feel guilty about it.", ("guilt", LOW, N, SP, False)),
    ("It's sad. ", ("sadness", LOW, N, SP, False)),
    ("I was really chuffed, actually.", ("joy", HIGH, IM, SP, False)),
    ("I'm grateful for the support.", ("love", LOW, N, SP, False)),
    # Implied emotions.
    ("That's on me as well.", ("guilt", LOW, IM, SP, False)),
    ("I feel like I've let them down already.", ("guilt", LOW, IM, SP, False)),
    ("I should have said something in the room.", ("guilt", LOW, IM, SP, False)),
    ("It was my fault.", ("guilt", LOW, IM, SP, False)),
    ("I wanted the ground to swallow me up.", ("shame", HIGH, IM, SP, False)),
    ("I feel a bit daft telling you.", ("shame", LOW, IM, SP, False)),
    ("Honestly I felt like an idiot.", ("shame", LOW, IM, SP, False)),
    ("It's a bit embarrassing really.", ("shame", LOW, N, SP, False)),
    ("I'm dreading it, mind.", ("fear", HIGH, IM, SP, False)),
    ("What if it all goes wrong?", ("fear", LOW, IM, SP, False)),
    ("The go-live is the thing keeping me up at night.", ("fear", LOW, IM, SP, False)),
    ("I miss him, to be honest.", ("sadness", LOW, IM, SP, False)),
    ("I'd be gutted.", ("sadness", HIGH, IM, SP, False)),
    ("It feels heavy.", ("sadness", LOW, IM, SP, False)),
    ("I feel a bit lighter, actually.", ("joy", LOW, IM, SP, False)),
    ("I'm fed up with the whole thing.", ("anger", LOW, IM, SP, False)),
    ("I've had enough.", ("anger", LOW, IM, SP, False)),
    ("That really wound me up.", ("anger", HIGH, IM, SP, False)),
    ("I'm sick of it.", ("anger", LOW, IM, SP, False)),
    ("I'm worried sick about it.", ("fear", HIGH, N, SP, False)),
    ("I really care about this place.", ("love", HIGH, IM, SP, False)),
    ("I'm so proud of them.", ("love", HIGH, IM, SP, False)),
    ("I'm dying to tell her.", ("joy", LOW, IM, SP, False)),
    # Intensifiers, downtoners and hedges.
    ("I'm really angry.", ("anger", HIGH, N, SP, False)),
    ("I'm bloody angry with him.", ("anger", HIGH, N, SP, False)),
    ("I've never been so angry in my life.", ("anger", HIGH, N, SP, False)),
    ("Maybe I'm a little scared.", ("fear", LOW, N, SP, False)),
    ("I'm sort of nervous about it.", ("fear", LOW, N, SP, False)),
    ("Humiliated, almost.", ("shame", HIGH, N, SP, False)),
    ("Really angry.", ("anger", HIGH, N, SP, False)),
    ("So I'm nervous about it.", ("fear", LOW, N, SP, False)),  # "so" opens, it does not grade
    ("I'm not really angry.", ("anger", LOW, N, SP, True)),
    # Negation.
    ("I'm not angry with him, not really.", ("anger", LOW, N, SP, True)),
    ("I'm not excited about it.", ("joy", LOW, N, SP, True)),
    ("I never felt guilty about it.", ("guilt", LOW, N, SP, True)),
    ("I wasn't angry in the room.", ("anger", LOW, N, SP, True)),
    ("I don't think I'm angry.", ("anger", LOW, N, SP, True)),
    ("Not that I'm stressed now.", ("fear", LOW, N, SP, True)),
    ("There's nothing to be ashamed of.", ("shame", LOW, N, SP, True)),
    ("I should be more worried than I am.", ("fear", LOW, N, SP, True)),
    ("I used to love it.", ("love", LOW, N, SP, True)),
    ("I don't love it.", ("love", LOW, N, SP, True)),
    ("It's not all on me.", ("guilt", LOW, IM, SP, True)),
    ("I can't stop worrying about it.", ("fear", LOW, N, SP, False)),
    ("I don't know why I'm so angry.", ("anger", HIGH, N, SP, False)),
    ("It's not just annoying, it's a waste of time.", ("anger", LOW, N, SP, False)),
    ("I'm not proud of that.", ("guilt", LOW, IM, SP, False)),  # the idiom is guilt, not denied joy
    ("Not my finest hour.", ("shame", LOW, IM, SP, False)),
    # Experiencer: addressee.
    ("You seem angry.", ("anger", LOW, N, AD, False)),
    ("You must feel awful.", ("guilt", LOW, IM, AD, False)),
    ("Are you angry?", ("anger", LOW, N, AD, False)),
    ("That must have been frightening.", ("fear", LOW, N, AD, False)),
    ("That sounds really sad, Mark.", ("sadness", HIGH, N, AD, False)),
    ("Oh, Mark. Don't be so hard on yourself.", ("shame", HIGH, IM, AD, True)),
    ("Oh, don't dread it!", ("fear", HIGH, N, AD, True)),
    ("Don't worry about it.", ("fear", LOW, N, AD, True)),
    # Experiencer: other.
    ("Jim was absolutely furious about the Leeds numbers.", ("anger", HIGH, N, OT, False)),
    ("But she was upset after I told her.", ("sadness", LOW, N, OT, False)),
    ("They're scared.", ("fear", LOW, N, OT, False)),
    ("Craig's thrilled, obviously.", ("joy", HIGH, N, OT, False)),  # sarcasm reads literally
    ("My boss was livid.", ("anger", HIGH, N, OT, False)),
    ("The drivers are really anxious.", ("fear", HIGH, N, OT, False)),
    ("Her planners are worried sick.", ("fear", HIGH, N, OT, False)),
    ("It made him furious.", ("anger", HIGH, N, OT, False)),
    ("She's not cross with me.", ("anger", LOW, N, OT, True)),
    ("Nobody's going to care about it.", ("love", LOW, IM, OT, True)),
    ("I want him to be happy.", ("joy", LOW, N, OT, False)),
    # Experiencer: the speaker as object.
    ("It makes me angry.", ("anger", LOW, N, SP, False)),
    ("The only bit that worries me is the Monday.", ("fear", LOW, N, SP, False)),
    ("It drives me mad.", ("anger", LOW, IM, SP, False)),
    ("My heart sort of sinks.", ("fear", LOW, IM, SP, False)),
    # Sorry: an apology formula is nothing; feeling sorry about something is guilt, for someone love.
    ("I feel so sorry about what I said.", ("guilt", HIGH, IM, SP, False)),
    ("I feel sorry for him.", ("love", LOW, IM, SP, False)),
]

# Idioms, formulas and other uses that are no emotion at all.
NO_CUE = [
    "I could list them in my sleep.",
    "She'll know where the bodies are buried.",
    "We could kill two birds with one stone.",
    "I'm afraid we're out of time.",
    "I'm afraid not.",
    "Sorry, I'm late.",
    "I'm so sorry.",
    "Feel free to interrupt me.",
    "I feel like we should move on.",
    "I'm happy to do that.",
    "I'd love to come along.",
    "That's annoyingly fair.",
    "Leeds becomes a cross-dock.",
    "We need a lighter touch with the vendor.",
    "It's not Jim who gets hurt.",
    "No worries.",
    "Take care.",
    "The drive's a killer.",
    "He's passionate about the numbers.",
    "What if we tried a different approach?",
    "The pay deal's settled.",
    "They'd be mad to lose you.",
]


def _reading(cue: EmotionCue) -> tuple[str, Intensity, bool, str, bool]:
    return (cue.family, cue.intensity, cue.named, cue.experiencer, cue.negated)


@pytest.mark.parametrize(("text", "expected"), ONE_CUE)
def test_one_cue_is_read_as_reasoned(text: str, expected: tuple[str, Intensity, bool, str, bool]) -> None:
    cues = read_emotions(text)
    assert [_reading(c) for c in cues] == [expected]


@pytest.mark.parametrize("text", NO_CUE)
def test_idioms_and_formulas_give_no_cue(text: str) -> None:
    assert read_emotions(text) == ()


def test_hedges_are_flagged_and_lower_intensity() -> None:
    (cue,) = read_emotions("Bit annoyed with myself, to be honest.")
    assert cue.hedged
    assert cue.intensity is LOW
    (cue,) = read_emotions("I think she's frightened.")
    assert cue.hedged
    assert cue.experiencer == OT
    (cue,) = read_emotions("I'm furious.")
    assert not cue.hedged


def test_cue_keeps_the_words_as_written_and_its_sentence() -> None:
    cues = read_emotions("Geoffrey was livid. Absolutely livid. I felt rotten about it.")
    assert [(c.cue, c.sentence, c.experiencer) for c in cues] == [
        ("livid", 0, OT),
        ("livid", 1, OT),  # a verbless fragment keeps the previous sentence's experiencer
        ("rotten", 2, SP),
    ]


def test_a_denied_emotion_corrected_at_once_counts() -> None:
    # "I'm not angry with her. Well. I am a bit." is anger, not its absence.
    cues = read_emotions("I'm not angry with her. Well. I am a bit. I was fuming on the Wednesday.")
    assert [(c.family, c.negated, c.hedged) for c in cues] == [
        ("anger", True, False),
        ("anger", False, True),
        ("anger", False, False),
    ]
    # A past-tense aside is not a present correction.
    cues = read_emotions("I'm not angry about it, by the way. I was, a bit, a fortnight ago.")
    assert [c.negated for c in cues] == [True]


def test_own_emotions_keeps_the_speakers_undenied_cues() -> None:
    cues = read_emotions("I'm not angry. Jim was furious. You seem upset. I'm worried, though.")
    assert [c.cue for c in own_emotions(cues)] == ["worried"]


def test_questions_address_the_listener() -> None:
    (cue,) = read_emotions("Angry?")
    assert cue.experiencer == AD
    (cue,) = read_emotions("How are you feeling about being so frustrated?")
    assert cue.experiencer == AD


def test_the_shipped_lexicon_covers_the_seven_families() -> None:
    lexicon = default_lexicon()
    assert lexicon.families == EMOTION_FAMILIES
    assert 400 <= lexicon.size <= 1_500  # expanded phrases: a typo in braces would blow past this
    assert default_lexicon() is lexicon  # read once


def test_a_practice_can_supply_its_own_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "ours.tsv"
    path.write_text(
        "# our own families\n"
        "calm\tlow\tnamed\t{calm,calmer,settled}\n"
        "calm\thigh\timplied\tat peace\n"
        "awe\thigh\tnamed\t{awed,in awe}\n"
        "-\t-\tignore\tcalm down\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    assert lexicon.families == ("calm", "awe")
    cues = read_emotions("I feel calmer. Calm down, please. I was in awe of her. I'm angry.", lexicon)
    assert [(c.family, c.intensity) for c in cues] == [("calm", LOW), ("awe", HIGH)]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("anger\tlow\tnamed", "4 tab-separated columns"),
        ("anger\tmedium\tnamed\tcross", "intensity 'medium'"),
        ("anger\tlow\tfelt\tcross", "kind 'felt'"),
        ("Anger\tlow\tnamed\tcross", "family 'Anger'"),
        ("-\tlow\tignore\tcross", "ignore row"),
        ("anger\tlow\tnamed\t{cross,mad", "unclosed brace"),
    ],
)
def test_a_bad_lexicon_row_is_reported_with_its_line(row: str, problem: str) -> None:
    with pytest.raises(UsageError, match=problem) as err:
        parse_lexicon(f"# header\n{row}\n", "ours.tsv")
    assert "ours.tsv, line 2" in str(err.value)


# ---------------------------------------------------------------- the example sessions

Row = tuple[tuple[int, ...], frozenset[str], bool]  # utterances, families accepted, negated


def _rows(*rows: tuple[int | tuple[int, ...], str, bool]) -> list[Row]:
    return [((u,) if isinstance(u, int) else u, frozenset(f.split("/")), neg) for u, f, neg in rows]


# The client emotions each README section annotates, with the family it gives (several where it
# names more than one: "joy/love (pride)"). Rows the README gives no family of the seven
# (exhaustion, self-doubt, a bid to be heard, minimising) are left out.
EXPECTED: dict[str, list[Row]] = {
    "ellison_session1_zoom.vtt": _rows(
        (21, "guilt", False),
        (33, "fear", False),
        (39, "fear", False),
        (53, "anger", False),
        (59, "anger", True),
        (69, "shame", False),
        (77, "shame", False),
        (81, "fear", False),
        (89, "fear", False),
        (93, "anger", False),
        (101, "fear", False),
        (119, "joy/love", False),
        (129, "sadness", False),
        ((131, 133), "sadness/guilt", False),
        (141, "joy", True),
        (145, "anger", False),
        (153, "fear", False),
        (161, "guilt", False),
        (163, "guilt", False),
        (167, "shame", False),
        (185, "fear", False),
        (211, "joy", False),
    ),
    "ellison_session2_teams.vtt": _rows(
        (3, "fear", False),  # "Bit frazzled": stress
        (19, "joy", False),
        (39, "anger/guilt", False),
        (51, "fear", False),
        (55, "fear", True),
        (59, "fear", False),
        (65, "guilt", False),
        (83, "fear/anger", False),
        (85, "anger", False),
        (87, "anger", False),
        (89, "sadness", False),
        (91, "anger", False),
        (105, "shame", False),
        (125, "shame", False),
        ((151, 153), "sadness", False),
        (181, "joy", False),
    ),
    "ellison_session3.srt": _rows(
        (7, "fear", False),
        (15, "shame", False),
        (17, "joy", False),
        (23, "shame", False),
        (33, "anger", True),
        (41, "fear", False),
        (45, "fear", False),
        (51, "fear", False),
        (65, "fear", False),
        (77, "fear", False),
        (125, "joy", False),
        (145, "sadness", True),
        (145, "fear", False),  # "It's the people I worry about"
        ((147, 149), "love", False),
        (169, "joy", False),
    ),
    "hughes_session.txt": _rows(
        (3, "sadness", True),
        (13, "fear", True),
        (29, "sadness", False),
        (35, "sadness", False),
        (41, "fear", False),
        (59, "sadness", True),
        (63, "guilt", False),
        (65, "guilt", False),
        (75, "shame", False),
        (79, "fear", False),
        (81, "fear", False),
        (85, "shame", False),
        (87, "shame", False),
        (93, "fear", False),
        (97, "sadness", False),
        (107, "love", False),
        (115, "love", False),
        (133, "fear", False),
        (163, "joy", False),
        (173, "joy", False),
    ),
    "nwosu_session1.json": _rows(
        (8, "joy", False),
        (10, "joy", False),
        (12, "joy", False),
        (16, "joy", False),
        (20, "joy/sadness", False),
        (50, "shame/anger", False),
        (66, "anger", False),
        (84, "fear", False),
        (84, "fear", True),
        (86, "fear", False),
        (110, "fear", False),
        (110, "anger", True),
        (112, "love", False),
        (116, "sadness", False),
        (134, "love", True),
        (136, "shame", False),
        (178, "fear", False),
    ),
    "nwosu_session3.docx": _rows(
        (9, "joy", False),
        (23, "anger", False),
        (37, "anger", True),
        (115, "joy", False),
        (125, "fear", False),
        (131, "anger", False),
        (133, "shame", False),
        (135, "shame", False),
        (137, "shame", False),
        (147, "fear", False),
        (165, "fear", False),
        (179, "fear", False),
        (203, "joy", False),
    ),
    "stanton_session.txt": _rows(
        (16, "anger", False),
        (38, "sadness", False),
        (42, "anger", False),
        (44, "anger", False),
        (46, "anger", False),
        (48, "anger", True),
        (48, "sadness", False),
        (58, "anger", False),
        (64, "anger", False),
        (68, "fear", False),
        (94, "fear", False),
        (96, "fear", False),
        (100, "fear", False),
        (106, "anger", False),
        (108, "anger", True),
        (118, "anger", False),
        (124, "anger", False),
        (144, "shame", True),
        ((144, 146, 148), "joy/love", False),
    ),
    "shah_session_otter.txt": _rows(
        (11, "shame", False),
        (31, "sadness", True),
        (35, "shame", False),
        (53, "fear/shame", False),
        (83, "fear", False),
        (91, "shame", False),
        (101, "shame", False),
        (103, "shame", False),
        (121, "fear", False),
        (121, "fear", True),
        (141, "fear", False),
        (143, "fear", False),
    ),
}
# The recall measured when the table was written, less a small margin: a change to the lexicon or
# the rules that loses an annotated emotion fails here.
MIN_RECALL = {
    "ellison_session1_zoom.vtt": 0.82,  # measured 19/22
    "ellison_session2_teams.vtt": 0.70,  # 12/16
    "ellison_session3.srt": 0.75,  # 12/15
    "hughes_session.txt": 0.65,  # 14/20
    "nwosu_session1.json": 0.82,  # 15/17
    "nwosu_session3.docx": 0.64,  # 9/13
    "stanton_session.txt": 0.36,  # 8/19: Richard's anger is mostly told, not named
    "shah_session_otter.txt": 0.50,  # 7/12: Priya's feelings are mostly implied
}


def _found(t: Transcript, row: Row) -> bool:
    indices, families, negated = row
    for i in indices:
        for cue in read_emotions(t[i].text):
            if cue.experiencer == SP and cue.family in families and cue.negated == negated:
                return True
    return False


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_annotated_client_emotions_are_found(name: str) -> None:
    t = read_transcript(EXAMPLES / name)
    rows = EXPECTED[name]
    assert all(t[i].role is Role.CLIENT for row in rows for i in row[0])
    recall = sum(_found(t, row) for row in rows) / len(rows)
    assert recall >= MIN_RECALL[name]


def _client_cues(t: Transcript, index: int) -> tuple[EmotionCue, ...]:
    assert t[index].role is Role.CLIENT
    return read_emotions(t[index].text)


def test_ellison1_third_parties_negations_coach_words_and_idioms() -> None:
    # examples/README.md, ellison_session1 "emotions (tricky cases)".
    t = read_transcript(EXAMPLES / "ellison_session1_zoom.vtt")
    # Jim "furious" (59), Deb "upset" (119), Craig "thrilled" (121) are theirs, not Mark's.
    assert ("anger", OT) in {(c.family, c.experiencer) for c in _client_cues(t, 59)}
    assert ("sadness", OT) in {(c.family, c.experiencer) for c in _client_cues(t, 119)}
    assert [(c.family, c.experiencer) for c in _client_cues(t, 121)] == [("joy", OT)]
    # "I'm not angry with him" (59) and "I'm not excited about it" (141) are denied.
    assert "anger" not in {c.family for c in own_emotions(_client_cues(t, 59))}
    assert [(c.family, c.negated) for c in _client_cues(t, 141)] == [("joy", True)]
    # The coach's "Don't be so hard on yourself" (70), "Anger's just energy" (146) and "don't
    # dread it!" (186) are not Mark's: they are the coach's turns, and 70 and 186 are negated
    # imperatives to the listener.
    for i in (70, 146, 186):
        assert t[i].role is Role.COACH
    for i in (70, 186):
        assert {(c.experiencer, c.negated) for c in read_emotions(t[i].text)} == {(AD, True)}
    # "list them in my sleep" (55) and "where the bodies are buried" (84) are no emotion.
    assert read_emotions(t[55].text) == ()
    assert read_emotions(t[84].text) == ()


def test_ellison2_third_parties_and_self_correction() -> None:
    t = read_transcript(EXAMPLES / "ellison_session2_teams.vtt")
    # Gary furious (93), Deb frightened and her planners worried sick (113), Jim delighted (163).
    for i in (93, 113, 163):
        assert _client_cues(t, i)
        assert own_emotions(_client_cues(t, i)) == ()
    # "I'm not angry with her. Well. I am a bit." (87): anger, not its absence.
    assert "anger" in {c.family for c in own_emotions(_client_cues(t, 87))}
    # "I'm not scared of him" (55) is read as denied, for the analysis to weigh in context.
    assert [(c.family, c.negated) for c in _client_cues(t, 55)] == [("fear", True)]


def test_ellison3_third_parties_and_negations() -> None:
    t = read_transcript(EXAMPLES / "ellison_session3.srt")
    # The drivers' anxiety (79), Deb's fury (105), the warehouse people's worry (115).
    for i in (79, 105, 115):
        assert {c.experiencer for c in _client_cues(t, i)} == {OT}
    # "I'm not angry about it" (33), with the past "I was, a bit": no present anger.
    assert own_emotions(_client_cues(t, 33)) == ()
    # "I'm not sort of down about it ... I'm not worried about me. It's the people I worry about."
    cues = _client_cues(t, 145)
    assert [(c.family, c.negated) for c in cues] == [("sadness", True), ("fear", True), ("fear", False)]


def test_hughes_denials_and_third_parties() -> None:
    t = read_transcript(EXAMPLES / "hughes_session.txt")
    # "I'm not depressed or anything" (3) must not read as self-reported depression.
    assert own_emotions(_client_cues(t, 3)) == ()
    # Rhian furious (11), Eleri worried (85) are theirs; Sian "not cross ... just worried" (65).
    assert {c.experiencer for c in _client_cues(t, 11)} == {OT}
    assert ("fear", OT) in {(c.family, c.experiencer) for c in _client_cues(t, 85)}
    sian = {(c.family, c.negated) for c in _client_cues(t, 65) if c.experiencer == OT}
    assert sian == {("anger", True), ("fear", False)}
    # Anger is not Gareth's emotion in this session, except that "I'm not having that" (21) reads
    # as anger, as it does for Richard in stanton (46); the README gives it as values there.
    angry = [
        u.index
        for u in t
        if u.role is Role.CLIENT and "anger" in {c.family for c in own_emotions(read_emotions(u.text))}
    ]
    assert angry == [21]


def test_nwosu_negations_third_parties_and_idioms() -> None:
    t1 = read_transcript(EXAMPLES / "nwosu_session1.json")
    # 84: "I'm not scared of the work" denied, "I'm scared of messing up" affirmed.
    assert {(c.family, c.negated) for c in _client_cues(t1, 84)} >= {("fear", True), ("fear", False)}
    # 110: "I'm not angry with him" denied; "he'd be angry with me" is Marcus's.
    assert {(c.family, c.experiencer, c.negated) for c in _client_cues(t1, 110) if c.family == "anger"} == {
        ("anger", SP, True),
        ("anger", OT, False),
    }
    # 134: "I don't love it" is denied love; 130 "annoyingly fair" is no anger.
    assert [(c.family, c.negated) for c in _client_cues(t1, 134)] == [("love", True)]
    assert read_emotions(t1[130].text) == ()
    # Hannah "so happy" (12), mum cried (16), Leo mortified (100) are theirs.
    assert ("joy", OT) in {(c.family, c.experiencer) for c in _client_cues(t1, 12)}
    assert ("sadness", OT) in {(c.family, c.experiencer) for c in _client_cues(t1, 16)}
    assert {c.experiencer for c in _client_cues(t1, 100)} == {OT}
    t3 = read_transcript(EXAMPLES / "nwosu_session3.docx")
    # 37 "I wasn't angry in the room" denied, "He was obviously annoyed" Graham's; 43 Hannah's
    # embarrassment; 157 the sister's fury.
    assert {(c.experiencer, c.negated) for c in _client_cues(t3, 37)} == {(SP, True), (OT, False)}
    assert {c.experiencer for c in _client_cues(t3, 43)} == {OT}
    assert {c.experiencer for c in _client_cues(t3, 157)} == {OT}


def test_stanton_and_shah_third_party_and_coach_story_emotions() -> None:
    stanton = read_transcript(EXAMPLES / "stanton_session.txt")
    # Geoffrey livid (4), Oliver furious (64), Kirsty upset (106) and in tears (114).
    for i, family in ((4, "anger"), (64, "anger"), (106, "sadness"), (114, "sadness")):
        assert (family, OT) in {(c.family, c.experiencer) for c in _client_cues(stanton, i)}
        assert family not in {c.family for c in own_emotions(_client_cues(stanton, i))}
    # "I'm not angry with Gary. I'm disappointed." (48); "not ashamed to say it" (144).
    assert {(c.family, c.negated) for c in own_emotions(_client_cues(stanton, 48))} == {("sadness", False)}
    assert [(c.family, c.negated) for c in _client_cues(stanton, 144)] == [("shame", True)]
    shah = read_transcript(EXAMPLES / "shah_session_otter.txt")
    # "I'm not upset about it, honestly" (31) is denied, and Dan's irritation is his.
    assert [(c.family, c.experiencer, c.negated) for c in _client_cues(shah, 31)] == [
        ("sadness", SP, True),
        ("anger", OT, False),
    ]
    # The dog (4), Roger (16), the board (56) and Colin (144) in the coach's stories are theirs.
    for i in (4, 16, 56, 144):
        assert shah[i].role is Role.COACH
        assert {c.experiencer for c in read_emotions(shah[i].text)} == {OT}


@given(st.text(alphabet="aZ0',;:().- \tx", max_size=40))
def test_the_one_pass_ascii_tokens_are_the_two_step_tokens(text: str) -> None:
    """Issue 9: ASCII sentences are tokenised in one pass; the result is the marked-then-split one."""
    two_steps = ec._TOKEN.findall(ec._BREAK_MARKS.sub(" , ", text).lower())
    assert [t or ec._BREAK for t in ec._ASCII_TOKEN.findall(text.lower())] == two_steps
