"""Response acts: what each coach sentence does, and what each client turn does.

Coach sentences get one act of `COACH_ACTS`. Rules the project wrote come first, because
they carry what a coaching supervisor listens for and generalise beyond any training set:
question form (open or closed), advice disguised as a question, reassurance and minimising,
prescriptions, reflections of feeling (a feeling frame plus an emotion word), here-and-now
talk about the relationship. A sentence no rule claims is labelled by the project's act model
(trained on ESConv's supporter strategies, `coachlens train`). A turn's acts are its
sentences' acts in order, without repeats; its ``primary`` act pools the sentences.

Client turns get `CLIENT_ACTS`: emotion expression (an own emotion, from `emotion_cues`),
commitment (an agreed action, as `analysis.commitments` reads it), question, minimal response, or
other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from coachlens.analysis.dynamics import question_kind
from coachlens.analysis.emotion_cues import read_emotions
from coachlens.analysis.lexicons import acts as lex
from coachlens.analysis.lexicons.function_words import STOP_WORDS
from coachlens.analysis.models import load_model
from coachlens.transcript.tokens import PhraseSet, is_question, plain_lower, sentences, words

# ESConv strategies and the coach act each becomes (question form refines two of them).
STRATEGY_ACTS: dict[str, str] = {
    "Question": "question_open",
    "Restatement or Paraphrasing": "reflection_content",
    "Reflection of feelings": "reflection_feeling",
    "Self-disclosure": "self_disclosure",
    "Affirmation and Reassurance": "affirmation",
    "Providing Suggestions": "advice",
    "Information": "information",
    "Others": "other",
}

# The reverse, for evaluation against ESConv: every act belongs to one strategy group.
ACT_STRATEGIES: dict[str, str] = {
    "question_open": "Question",
    "question_closed": "Question",
    "reflection_content": "Restatement or Paraphrasing",
    "reflection_feeling": "Reflection of feelings",
    "self_disclosure": "Self-disclosure",
    "affirmation": "Affirmation and Reassurance",
    "reassurance": "Affirmation and Reassurance",
    "advice": "Providing Suggestions",
    "suggestion_question": "Providing Suggestions",
    "information": "Information",
    "relational": "Others",
    "other": "Others",
}

# Rule acts that sum up a turn on their own when every sentence of the turn has that act: the
# moves a supervisor listens for, which the model (trained on ESConv's strategies) may file under
# another group ("Thank you for telling me that." is "Others" in ESConv). Closed-question and
# paraphrase rules only label sentences: on a turn as a whole, the model's reading wins (chosen on
# ESConv's validation file; see docs/models.md).
RULES_DECIDE = frozenset(
    {
        "relational",
        "suggestion_question",
        "reassurance",
        "advice",
        "question_open",
        "affirmation",
        "reflection_feeling",
        "self_disclosure",
        "information",
        "other",
    }
)

FEELING_ACTS = frozenset({"reflection_feeling"})
FIXING_ACTS = frozenset({"advice", "suggestion_question", "reassurance"})

_LEAD_IN = frozenset(
    {
        "and",
        "so",
        "but",
        "okay",
        "ok",
        "well",
        "right",
        "now",
        "then",
        "look",
        "listen",
        "yeah",
        "mm",
        "um",
        "uh",
        "er",
    }
)
_BACKCHANNEL = frozenset(
    {"mm", "mmm", "mhm", "mm-hmm", "hmm", "uh-huh", "yeah", "yes", "right", "okay", "ok", "sure"}
)


@dataclass(frozen=True, slots=True)
class SentenceAct:
    """One sentence of a coach turn and its act; ``rule`` is False when the model decided, ``echo``
    True when the sentence gives the client's own words back (a reflection, `_echoes`)."""

    text: str
    act: str
    rule: bool
    echo: bool = False


@dataclass(frozen=True, slots=True)
class CoachTurnActs:
    """A coach turn's sentence acts, its acts in order, and the one that best sums it up."""

    sentences: tuple[SentenceAct, ...]
    acts: tuple[str, ...]
    primary: str


@functools.cache
def _phrases() -> dict[str, PhraseSet]:
    """Phrase sets, each read in one pass: the act groups found anywhere share one set."""
    return {
        "anywhere": PhraseSet(
            {
                "relational": lex.RELATIONAL,
                "suggestion_question": lex.SUGGESTION_QUESTIONS,
                "reassurance": lex.REASSURANCE,
                "affirmation": lex.AFFIRMATION,
                "advice": lex.ADVICE,
                "self_disclosure": lex.SELF_DISCLOSURE,
                "reflection_content": lex.REFLECTION_CONTENT,
                "information": lex.INFORMATION,
                "logistics": lex.LOGISTICS,
                "empathic": lex.EMPATHIC,
            }
        ),
        "advice_opener": PhraseSet({"x": lex.ADVICE_OPENERS}),
        "when": PhraseSet({"x": lex.WHEN_LEADS}),
        "invitation": PhraseSet({"x": lex.INVITATIONS}),
        "feeling_frame": PhraseSet({"x": lex.FEELING_FRAMES}),
        "question_opener": PhraseSet({"x": lex.QUESTION_OPENERS}),
    }


def _after_lead_in(tokens: Sequence[str]) -> int:
    """The position of the first word after lead-ins such as "and", "so", "okay", "um"."""
    start = 0
    while start < len(tokens) and tokens[start] in _LEAD_IN:
        start += 1
    return start


def _opens_with(name: str, tokens: Sequence[str]) -> bool:
    return _phrases()[name].match_at(tokens, _after_lead_in(tokens)) is not None


def _opens_with_timed_advice(tokens: Sequence[str]) -> bool:
    """An instruction after when to do it: "So, um, first thing tomorrow, book the meeting with her."."""
    start = _after_lead_in(tokens)
    if _phrases()["when"].match_at(tokens, start) is None:
        return False
    advice = _phrases()["advice_opener"]
    return any(
        advice.match_at(tokens, end) is not None for end in range(start + 1, min(len(tokens), start + 6))
    )


def asks(sentence: str, tokens: Sequence[str] | None = None) -> bool:
    """Return True for a sentence written as a question, or opening like one without its question
    mark ("do you have other friends", "Who's the home team and who are the guests.")."""
    return is_question(sentence) or _opens_with(
        "question_opener", words(sentence) if tokens is None else tokens
    )


def rule_act(sentence: str, tokens: Sequence[str] | None = None) -> str | None:
    """Return the act a written rule gives ``sentence``, or None when no rule applies."""
    toks = words(sentence) if tokens is None else tokens
    if not toks:
        return None
    found = {label for _, label in _phrases()["anywhere"].matches(toks)}
    if "relational" in found:
        return "relational"
    if "logistics" in found:
        return "other"
    if _PRESCRIBING_CLEFT.match(plain_lower(sentence).strip()):
        return "advice"  # "What you should have said was, ..., do you want to take that?" is no question
    if asks(sentence, toks):
        if "suggestion_question" in found or _PROPOSING_ABOUT.match(plain_lower(sentence).strip()):
            return "suggestion_question"
        return "question_open" if question_kind(sentence) == "open" else "question_closed"
    if _opens_with("invitation", toks):
        return "question_open"
    if "empathic" in found or _is_feeling_reflection(sentence, toks) or _names_their_feeling(sentence):
        return "reflection_feeling"
    if _reflects_perspective(sentence):
        return "reflection_feeling" if _feels(sentence) else "reflection_content"
    if "reassurance" in found:
        return "reassurance"
    if "affirmation" in found or (len(toks) <= 3 and toks[0] in lex.PRAISE_WORDS):
        return "affirmation"
    if "advice" in found or _opens_with("advice_opener", toks) or _opens_with_timed_advice(toks):
        return "advice"
    for act in ("self_disclosure", "reflection_content", "information"):
        if act in found:
            return act
    if all(t in _BACKCHANNEL for t in toks):
        return "other"
    return None


# "What about going for a walk?", "How about if you rang her?", "Why not take the afternoon off?": an
# action proposed as a question (not "What about your wife?", "what about everything else", "Why not?").
_PROPOSING_ABOUT = re.compile(
    r"^(?:(?:and|so|but|well|okay|ok|right)\W+)*(?:(?:what|how) about (?:if\b|(?!\w*thing\b)\w{2,}ing\b)"
    r"|why not \w)"
)

# A prescription said as a cleft: "What you should have said was...", "What you want to do is...".
_PRESCRIBING_CLEFT = re.compile(
    r"^(?:and |so |but |well |look |honestly )*what (?:you (?:should|need to|want to|ought to|have to|must)"
    r"|i'd do|i would do)\b"
)

# A statement that gives the client's own perspective back to them, as counsellors and coaches
# reflect: what matters to them, how something feels to them, a part of them, what they would like.
_PERSPECTIVE = re.compile(
    r"(?:\b(?:matters?|mattered|means? (?:a lot|so much|everything))"
    r"|(?:\b(?:is|are|was)|'s) (?:really |so )?important)"
    r" (?:\w+ ){0,2}to you\b"
    r"|\bfeels (?:\w+ ){0,3}(?:to|for) you\b"
    r"|^(?:and |so |but )?(?:a |some )?part of you\b"
    r"|^(?:and |so |but )?on the one hand\b"
    r"|^(?:and |so |but )?you(?:'d| would) (?:really )?(?:like|love|rather)\b"
    r"|^(?:and |so |but )?you(?:'re| are) (?:not sure|unsure|wondering|torn|in two minds|not convinced"
    r"|unconvinced|not certain|undecided|still deciding)\b"
)


def _reflects_perspective(sentence: str) -> bool:
    """A statement (not a question) that reflects the client's perspective ("Being a good dad matters
    a lot to you.", "Part of you is worried you're heading that way.", "You'd like to be there for
    them."): a reflection, of feeling when it names one."""
    return not asks(sentence) and _PERSPECTIVE.search(plain_lower(sentence).strip()) is not None


# A statement that tells the client what they are feeling: "you're angry that nobody asked you",
# "So you were really hurt by that." (not a forecast: "you're going to feel better").
_YOU_ARE = re.compile(
    r"^(?:(?:so|and|but|mm|yeah|okay|ok|right|well)\W+)*you(?:'re| are| were|'ve been| have been)\b"
    r"(?! going to\b| gonna\b)"
)


def _names_their_feeling(sentence: str) -> bool:
    return _YOU_ARE.match(plain_lower(sentence).strip()) is not None and any(
        c.experiencer == "addressee" and not c.negated for c in read_emotions(sentence)
    )


def _is_feeling_reflection(sentence: str, toks: Sequence[str]) -> bool:
    starts = [i for i, _ in _phrases()["feeling_frame"].matches(toks)]
    if not starts or all(i > 0 and toks[i - 1] in lex.NOT_REFLECTING for i in starts):
        return False
    # "I'm hearing a lot of frustration": the listener names what they perceive in the client
    framed = toks[0] in {"that", "it", "sounds", "how", "what"} or any(
        toks[i] in {"i", "i'm"} for i in starts
    )
    return any(not c.negated and (framed or c.experiencer != "speaker") for c in read_emotions(sentence))


def rule_tags(rule_acts: Sequence[str | None]) -> str:
    """Return the marker words the act model reads for the rules that fired in a turn's sentences.

    The model is trained on texts prefixed with these markers (``zzadvice zzquestionopen ...``), so
    it learns how far ESConv's annotators agree with each rule; "zz" keeps them apart from words.
    """
    return " ".join(f"zz{act.replace('_', '')}" for act in rule_acts if act is not None)


def tagged_text(text: str) -> str:
    """Return ``text`` prefixed with its sentences' rule markers, as the act model reads a turn."""
    return f"{rule_tags([rule_act(s) for s in sentences(text) or [text]])} {text}"


def label_coach_turns(texts: Sequence[str], before: Sequence[str] | None = None) -> list[CoachTurnActs]:
    """Return the acts of each coach turn in ``texts`` (one model call for all of them).

    The model reads every sentence no rule claims, and every whole turn (with its rule markers)
    to choose the turn's primary act. ``before`` holds the client's turn just before each coach
    turn ("" for none): a statement no rule claims that gives the client's own words back is a
    reflection (`_echoes`), whatever the model would say.
    """
    split = [sentences(t) or [t] for t in texts]
    flat = [s for ss in split for s in ss]
    ruled = [rule_act(s) for s in flat]
    echoed = [False] * len(flat)
    if before is not None:
        pos = 0
        for ss, said in zip(split, before, strict=True):
            heard = _content_words(said)
            for k in range(pos, pos + len(ss)):
                if ruled[k] is None and heard and _echoes(flat[k], heard):
                    ruled[k] = "reflection_feeling" if _feels(flat[k]) else "reflection_content"
                    echoed[k] = True
            pos += len(ss)
    model = load_model("acts")
    pending = [i for i, act in enumerate(ruled) if act is None]
    turn_inputs: list[str] = []
    pos = 0
    for text, ss in zip(texts, split, strict=True):
        turn_inputs.append(f"{rule_tags(ruled[pos : pos + len(ss)])} {text}")
        pos += len(ss)
    probs = model.predict_proba([flat[i] for i in pending] + turn_inputs)
    row = dict(zip(pending, range(len(pending)), strict=True))
    decided: list[SentenceAct] = []
    for i, sentence in enumerate(flat):
        act = ruled[i]
        if act is not None:
            decided.append(SentenceAct(sentence, act, rule=True, echo=echoed[i]))
        else:
            feeling = _feels(sentence)
            strategy = _best_strategy(
                model.classes,
                probs[row[i]],
                asks(sentence),
                feeling,
                _directs(sentence),
                not _FIRST_PERSON.isdisjoint(words(sentence)),
            )
            decided.append(SentenceAct(sentence, _refine(STRATEGY_ACTS[strategy], sentence), rule=False))
    out: list[CoachTurnActs] = []
    pos = 0
    for n, ss in enumerate(split):
        mine = tuple(decided[pos : pos + len(ss)])
        pos += len(ss)
        acts = tuple(dict.fromkeys(s.act for s in mine))
        turn_probs = probs[len(pending) + n]
        asked = any(asks(s.text) for s in mine)
        strategy = _best_strategy(model.classes, turn_probs, asked)
        out.append(CoachTurnActs(mine, acts, _primary(mine, strategy)))
    return out


def _content_words(text: str) -> frozenset[str]:
    return frozenset(
        w.rstrip("s") for w in words(text) if len(w) > 2 and w not in STOP_WORDS and w not in _NOT_CONTENT
    )


# Words too common in talk to show that the coach is giving the client's words back.
_NOT_CONTENT = frozenset(
    {
        "used",
        "got",
        "get",
        "getting",
        "really",
        "just",
        "thing",
        "things",
        "sort",
        "kind",
        "bit",
        "lot",
        "way",
        "one",
        "still",
        "even",
        "yeah",
        "well",
        "going",
        "know",
        "think",
        "mean",
        "like",
        "said",
        "say",
        "good",
        "luck",
        "thank",
        "thanks",
        "bye",
        "lovely",
        "great",
        "fine",
        "okay",
        "right",
    }
)
_FORECAST = re.compile(r"\b(?:will|won't|'ll|going to|gonna)\b")


def _echoes(sentence: str, heard: frozenset[str]) -> bool:
    """Whether a coach statement of three words or more gives the client's words back: half of its
    content words, and two or its only one, were in the client's turn just before ("A bottle most
    nights." after "Most nights now. A bottle of wine, sometimes more."), with no first person, no
    forecast ("They'll grumble for a week") and no form of advice."""
    mine = _content_words(sentence)
    shared = len(mine & heard)
    if not ((shared >= 2 or len(mine) == 1 == shared) and 2 * shared >= len(mine)):
        return False
    toks = words(sentence)
    return not (
        len(toks) < 3
        or asks(sentence)
        or _directs(sentence)
        or not _FIRST_PERSON.isdisjoint(toks)
        or _FORECAST.search(plain_lower(sentence))
    )


def _feels(sentence: str) -> bool:
    """Whether a sentence names a feeling (an emotion cue not negated) or appraises a plight
    ("I understand, that is a tough situation"): only such a sentence may be read as a reflection."""
    if any(t in lex.APPRAISALS for t in words(sentence)):
        return True
    return any(not c.negated for c in read_emotions(sentence))


def _best_strategy(
    classes: Sequence[str],
    probs: npt.NDArray[np.float32],
    question: bool,
    feeling: bool = True,
    directive: bool = True,
    personal: bool = True,
) -> str:
    """The model's strategy, with three limits: a sentence not written as a question is never
    "Question" (invitations such as "Tell me more" are decided by the rules); a sentence with no
    emotion or appraisal word is never a reflection of feeling (``feeling`` False): on coaching talk
    the model reads plain statements ("Let's be really concrete.") as reflections; and a sentence
    with no directive form (``directive`` False, see `_directs`) is never a suggestion: on spoken
    talk the model reads short reflective fragments ("Another thing for her to look after.",
    "Every night, waking at four.") as advice; and a sentence with no first person (``personal``
    False) is never self-disclosure ("You've tried to stop a few times before.")."""
    for k in np.argsort(-probs):
        strategy = classes[int(k)]
        if (
            (question or strategy != "Question")
            and (feeling or strategy != "Reflection of feelings")
            and (directive or strategy != "Providing Suggestions")
            and (personal or strategy != "Self-disclosure")
        ):
            return strategy
    return "Others"


_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})

# The forms advice takes: a modal or verb of suggesting, a conditional offer, a "let's" (here),
# or an imperative opening (`_IMPERATIVE_START`, wider than the rules' advice openers, which decide
# a sentence before the model is asked).
_DIRECTIVE = re.compile(
    r"\b(?:should|shouldn't|ought|must(?! be\b| have been\b| feel\b| have felt\b)"
    r"|need to|needs to|have to|has to|had better|could|can|might|may"
    r"|try|trying|suggest|suggestion|recommend|advise|advice|consider|make sure|remember|don't forget"
    r"|how about|what about|why not|why don't|let's|let us|if i were you|i'd|i would|i'll|you'll|you will"
    r"|worth|idea|option|best|helps?|helpful|useful|plan|step|tip|way to|instead|maybe|perhaps)\b"
)
_IMPERATIVE_START = re.compile(
    r"^(?:and |so |but |just |please |then )*"
    r"(?:do|don't|be|go|get|take|make|keep|stop|start|write|call|ring|send"
    r"|speak|talk|tell|ask|book|put|give|find|look|think|focus|set|use|see|check|read|listen|breathe|practise"
    r"|practice|plan|prepare|sit|stay|spend|leave|reach|join|contact|email|note|block|delegate|avoid|pick"
    r"|bring|share|try|remember|consider|imagine|picture|list|let|allow|treat|schedule)\b"
)


# An instruction said as a statement ("You text him tonight, and you tell him it's red.") or an
# imperative inside a list ("Dan on Thursday, count your sorries, and slow down.").
_INSTRUCTION = re.compile(
    r"(?:^|, )(?:and |so |then |right |okay )*(?:you )?(?:text|tell|ring|call|ask|book|send|email|sit|write"
    r"|open|agree|count|slow|block|delegate|pick|bring|keep|stop|start|take|put|get|go|say|speak|talk)"
    r" (?:him|her|them|it|that|this|your|the|a|an|down|up|in|out|to|with|on|off|tonight|today|first)\b"
)


def _directs(sentence: str) -> bool:
    """Whether a sentence has a form advice can take: a modal or verb of suggesting ("you could",
    "I'd suggest", "it might help", "maybe try"), "let's", an imperative opening ("Tell him."), or an
    instruction said as a statement ("You text him tonight") or inside a list ("and slow down")."""
    low = plain_lower(sentence).strip()
    return (
        _DIRECTIVE.search(low) is not None
        or _IMPERATIVE_START.match(low) is not None
        or _INSTRUCTION.search(low) is not None
    )


def _refine(act: str, sentence: str) -> str:
    if act == "question_open" and not _QUESTION_WORD.match(sentence.lower()) and asks(sentence):
        return "question_closed"
    return act


_QUESTION_WORD = re.compile(r"^\W*(?:and |so |but )?(?:what|how|why|where|who|which|when|tell me|say more)\b")


def _primary(mine: Sequence[SentenceAct], strategy: str) -> str:
    """The act that sums up a turn.

    Relational talk wins (the model cannot know it); a turn whose sentences agree has that act when
    a rule of `RULES_DECIDE`, the model, or a reflection of the client's perspective gave it;
    otherwise the model's reading of the whole turn (``strategy``, which has seen the rules'
    markers) chooses the group, and the turn's own sentence act in that group names it.
    """
    acts = [s.act for s in mine]
    if "relational" in acts:
        return "relational"
    if any(a != "other" for a in acts):  # a backchannel ("Okay.") does not sum up a turn with content
        mine = [s for s in mine if s.act != "other"]
        acts = [s.act for s in mine]
    trusted = bool(acts) and (
        acts[0] in RULES_DECIDE
        or not mine[0].rule
        or all(s.echo or _reflects_perspective(s.text) for s in mine)
    )
    if len(set(acts)) == 1 and trusted:
        return acts[0]
    group = [a for a in acts if ACT_STRATEGIES[a] == strategy]
    if group:
        return max(group, key=lambda a: (a in FIXING_ACTS or a in FEELING_ACTS, acts.count(a)))
    asked = [s.text for s in mine if asks(s.text)]
    return _refine(STRATEGY_ACTS[strategy], (asked or [mine[0].text])[0])


def label_client_turn(text: str, expresses_emotion: bool, commits: bool = False) -> tuple[str, ...]:
    """Return the client acts of one turn (several may apply; "other" only when none does).

    ``expresses_emotion`` comes from the emotions analysis (`analysis.emotions`) and ``commits``
    from the commitments analysis (`analysis.commitments`), so each is read in one place only.
    """
    toks = words(text)
    found: list[str] = []
    if toks and len(toks) <= 4 and all(t in lex.MINIMAL for t in toks) and not expresses_emotion:
        return ("minimal_response",)
    if expresses_emotion:
        found.append("emotion_expression")
    if commits:
        found.append("commitment")
    if any(is_question(s) for s in sentences(text)):
        found.append("question")
    return tuple(found) or ("other",)
