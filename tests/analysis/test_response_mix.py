"""Coach acts, client acts and feeling versus fixing: written sentences, then the example sessions
where examples/README.md says what a good analysis finds."""

from __future__ import annotations

import pytest

from coachlens.analysis import analyze_transcript
from coachlens.analysis.acts import label_client_turn, label_coach_turns, rule_act
from coachlens.analysis.commitments import analyze_commitments, detect_commitment
from coachlens.analysis.emotions import analyze_emotions
from coachlens.analysis.response_mix import ResponseMix, analyze_response_mix
from coachlens.analysis.vocabulary import CLIENT_ACTS, COACH_ACTS
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLE_FILES, EXAMPLES

# One sentence per rule, with the act a supervisor would give it (DOMAIN.md, "Empathy, feeling and
# fixing"): fixing moves, feeling moves, questions, and here-and-now talk.
RULE_CASES = [
    ("Have you thought about just telling him?", "suggestion_question"),
    ("Why don't you ask Deb to run it?", "suggestion_question"),
    ("Could you not get Brightwell on side, then?", "suggestion_question"),
    ("Have you said that to Jim?", "question_closed"),
    ("What got in the way, do you think?", "question_open"),
    ("So how did that land with the team?", "question_open"),
    ("Tell me more about that.", "question_open"),
    ("It'll be fine, honestly.", "reassurance"),
    ("At least it's only January.", "reassurance"),
    ("Don't be so hard on yourself.", "reassurance"),
    ("Kids are so resilient, he'll have forgotten all about it.", "reassurance"),
    ("You should tell him straight.", "advice"),
    ("If I were you I'd book it today.", "advice"),
    ("Just put it in his diary.", "advice"),
    ("That sounds really sad, Mark.", "reflection_feeling"),
    ("It sounds like you feel you've let them down.", "reflection_feeling"),
    ("You seem really anxious about Monday.", "reflection_feeling"),
    ("So what you're saying is the date came from Jim.", "reflection_content"),
    ("Well done, that took courage.", "affirmation"),
    ("When I was running a depot I had a boss like that.", "self_disclosure"),
    ("Research suggests most people overestimate it.", "information"),
    ("I notice I've been doing a lot of the talking.", "relational"),
    ("How is this landing for you right now?", "relational"),
    ("Mm-hmm.", "other"),
    ("I'm hearing a lot of frustration in that.", "reflection_feeling"),
    ("I would suggest trying it for at least ten minutes a day.", "advice"),
    ("do you have other friends", "question_closed"),
    ("so what else do you enjoy", "question_open"),
    ("how long have you been there", "question_open"),
    ("Who's the home team and who are the guests.", "question_open"),
    ("Shall we book the next one for the seventeenth?", "other"),
    ("I'll send you a quick summary by Wednesday.", "other"),
    ("Oh, I wouldn't be too hard on yourself.", "reassurance"),
    # spoken counselling turns (tricky_cases.tsv has more)
    ("you're angry that nobody asked you", "reflection_feeling"),
    ("you must be exhausted", "reflection_feeling"),
    ("You must tell him before Friday.", "advice"),
    ("It's important to you to be a good example for your kids.", "reflection_content"),
    ("You're not convinced the new role is the right move.", "reflection_content"),
    ("What about going for a walk when the craving hits?", "suggestion_question"),
    ("Why not take the afternoon off and see how you feel?", "suggestion_question"),
    ("What about your wife?", "question_open"),
    ("Would it be worth asking for some feedback?", "suggestion_question"),
    ("Would it be useful if I shared something I've seen work?", "question_closed"),
    ("On a scale of one to ten, how important is it for you?", "question_open"),
    ("Lots of people go through this, you're not on your own.", "reassurance"),
    ("I'm noticing I've been doing most of the talking, how is this for you?", "relational"),
    ("Shall we stop there for today?", "other"),
    ("So, um, first thing tomorrow, book the meeting with her.", "advice"),
    ("Say a bit more about the guilt.", "question_open"),
    ("You were really brave to tell her.", "affirmation"),
    ("Mm. That must have hurt.", "reflection_feeling"),
]


@pytest.mark.parametrize(("sentence", "act"), RULE_CASES)
def test_rules_label_the_sentence(sentence: str, act: str) -> None:
    assert rule_act(sentence) == act


@pytest.mark.parametrize(
    "sentence",
    [
        "I hope you feel better soon.",
        "A walk can help you feel calmer.",
        "Which is completely understandable.",
    ],
)
def test_wishes_causes_and_relative_clauses_are_not_reflections_or_questions(sentence: str) -> None:
    assert rule_act(sentence) not in {"reflection_feeling", "question_open", "question_closed"}


def test_a_trusted_rule_sums_up_a_turn_the_model_would_file_elsewhere() -> None:
    # ESConv files thanks under "Others"; for a coach it is an affirmation of the client's disclosure
    (turn,) = label_coach_turns(["Thank you for telling me that."])
    assert turn.primary == "affirmation"


def test_a_sentence_no_rule_claims_is_left_to_the_model() -> None:
    assert rule_act("Nothing's gone out to staff yet.") is None
    (turn,) = label_coach_turns(["Nothing's gone out to staff yet."])
    assert turn.sentences[0].rule is False
    assert turn.acts[0] in COACH_ACTS


def test_a_turn_lists_its_sentence_acts_in_order_and_its_primary_act_is_one_of_them() -> None:
    (turn,) = label_coach_turns(["That sounds hard. Have you thought about telling him?"])
    assert turn.acts == ("reflection_feeling", "suggestion_question")
    assert turn.primary in turn.acts
    (fix,) = label_coach_turns(["Okay. You should just tell him."])
    assert fix.acts == ("other", "advice")
    assert fix.primary == "advice"
    (relational,) = label_coach_turns(["Okay. I notice I've been doing a lot of the talking."])
    assert relational.primary == "relational"


def test_a_statement_that_gives_the_client_s_words_back_is_a_reflection() -> None:
    client = "Yeah. Most nights now. A bottle of wine, sometimes more."
    (echo, fresh, forecast) = label_coach_turns(
        ["A bottle most nights.", "Alcohol is a depressant.", "The wine will run out."], [client] * 3
    )
    assert echo.primary == "reflection_content"
    assert fresh.primary != "reflection_content"  # nothing of the client's in it
    assert forecast.primary != "reflection_content"  # a forecast, not a reflection
    (without,) = label_coach_turns(["A bottle most nights."])  # without the client's turn, the model's call
    assert not without.sentences[0].echo


def test_the_model_gives_self_disclosure_only_to_a_sentence_in_the_first_person() -> None:
    # ESConv's model reads a plain statement about the client's past as the supporter's own story
    (turn,) = label_coach_turns(["You've been doing this job for twenty years."])
    assert "self_disclosure" not in turn.acts
    (own,) = label_coach_turns(["I had a manager like that once and it nearly broke me."])
    assert own.primary == "self_disclosure"


def test_a_statement_is_never_labelled_a_question_by_the_model() -> None:
    # "He rates you." reads like a Question to the ESConv model; without a question mark it is not.
    (turn,) = label_coach_turns(["He rates you."])
    assert turn.acts[0] not in {"question_open", "question_closed"}


@pytest.mark.parametrize(
    ("text", "emotion", "acts"),
    [
        ("Mm-hmm.", False, ("minimal_response",)),
        ("Yeah, pretty much.", False, ("minimal_response",)),
        ("I'll book a one-to-one with Jim before Friday.", False, ("commitment",)),
        ("I might try to have a word with her.", False, ("commitment",)),
        ("What would you do?", False, ("question",)),
        ("I'm dreading it, mind.", True, ("emotion_expression",)),
        ("The go-live is in March.", False, ("other",)),
        ("I'll tell you. You've been warned.", False, ("other",)),  # courtesy, not an agreed action
    ],
)
def test_client_turn_acts(text: str, emotion: bool, acts: tuple[str, ...]) -> None:
    # The commitment act is the commitments analyzer's reading, so the two can never disagree.
    assert label_client_turn(text, emotion, detect_commitment(text) is not None) == acts
    assert set(acts) <= set(CLIENT_ACTS)


def test_the_commitment_act_marks_exactly_the_turns_the_commitments_analyzer_finds() -> None:
    transcript = read_transcript(EXAMPLES / "nwosu_session1.json")
    mix = analyze_response_mix(transcript, analyze_emotions(transcript))
    acted = {i for i, acts in mix.client_acts.items() if "commitment" in acts}
    assert acted == {c.index for c in analyze_commitments(transcript)}
    assert 168 in acted  # "I want to ask Leo and Maya", in reply to the coach's ask
    assert 164 not in acted  # "I'll tell you. You've been warned."


def _mix(name: str) -> ResponseMix:
    transcript = read_transcript(EXAMPLES / name)
    return analyze_response_mix(transcript, analyze_emotions(transcript))


def test_the_fixing_coach_answers_most_client_emotions_with_a_fix() -> None:
    # examples/README.md, ellison session 1: of the client's emotions in its table, these are
    # followed by a fixing coach turn (advice, reassurance, silver linings, advice as a question).
    mix = _mix("ellison_session1_zoom.vtt")
    read = {r.client: r.response for r in mix.responses}
    written_fixes = [21, 33, 53, 69, 81, 93, 101, 145, 153, 185]
    fixed = [i for i in written_fixes if read.get(i) in {"fixed", "mixed"}]
    assert len(fixed) >= 9, read  # measured: all 10
    # the two reflections of feeling that land (130 after 129's implied sadness; 162 after 161)
    assert "reflection_feeling" in mix.coach_turns[130].acts
    assert read[161] == "acknowledged"
    # 163 "I feel like I've let them down" gets only "Mm-hmm." (164): not a fix
    assert read[163] == "minimal"


def test_the_fixing_coach_is_read_as_fixing_far_more_than_feeling() -> None:
    # README: "about 16 fixes to 2 reflections after client emotion (>= 80% fixing)"
    mix = _mix("ellison_session1_zoom.vtt")
    fixed = sum(r.response == "fixed" for r in mix.responses)
    acknowledged = sum(r.response == "acknowledged" for r in mix.responses)
    assert fixed >= 4 * acknowledged
    assert mix.feeling_share is not None
    assert mix.feeling_share < 0.3


def test_session_two_is_more_balanced_than_session_one() -> None:
    # README: in session 2 Ruth reflects feelings and asks open questions (about 20 feeling moves to
    # 13 fixing moves): the feeling share rises from session 1.
    one, two = _mix("ellison_session1_zoom.vtt"), _mix("ellison_session2_teams.vtt")
    assert one.feeling_share is not None
    assert two.feeling_share is not None
    assert two.feeling_share > one.feeling_share + 0.1


def test_the_bid_to_be_heard_is_flagged_with_the_fix_that_followed() -> None:
    # README: at 97 Mark says "I don't need solving on this one"; Ruth answers "But just
    # practically..." (98).
    analysis = analyze_transcript(read_transcript(EXAMPLES / "ellison_session1_zoom.vtt"))
    bids = [f for f in analysis.findings if f.kind == "response.missed_bid"]
    assert [f.evidence for f in bids] == [(97, 98)]


def test_fixing_runs_point_at_the_client_emotion_and_every_fixing_turn() -> None:
    analysis = analyze_transcript(read_transcript(EXAMPLES / "ellison_session1_zoom.vtt"))
    runs = [f for f in analysis.findings if f.kind == "response.fixing_run"]
    assert runs
    for f in runs:
        client, *coach = f.evidence
        assert analysis.transcript.utterances[client].role == "client"
        assert len(coach) >= 2
        assert all(analysis.transcript.utterances[i].role == "coach" for i in coach)
        assert "Consider" in f.message


def test_commitments_are_labelled_on_the_client_turns_that_make_them() -> None:
    # README, ellison session 1: "I'll book a one-to-one with Jim before Friday" (183) and
    # "I'll block Tuesday mornings for Deb and Tariq" (195).
    mix = _mix("ellison_session1_zoom.vtt")
    assert "commitment" in mix.client_acts[183]
    assert "commitment" in mix.client_acts[195]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_utterance_gets_acts_from_its_role_vocabulary(path) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_transcript(read_transcript(path))
    for u in analysis.transcript.utterances:
        acts = analysis.acts.get(u.index, ())
        vocabulary = COACH_ACTS if u.role == "coach" else CLIENT_ACTS if u.role == "client" else ()
        if vocabulary:
            assert acts, u.index
            assert set(acts) <= set(vocabulary), (u.index, acts)
    for finding in analysis.findings:
        if finding.kind.startswith("response."):
            assert finding.evidence
            assert "may" in finding.message or "Consider" in finding.message
