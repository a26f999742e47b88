"""Who is the coach: roles given on the command line, or inferred with a stated confidence.

Inference reads how people talk in each role. A coach asks more questions, says "you" more than
"I", uses the language of the process ("what would you like to focus on", "it sounds like",
"last session"), usually talks less and often opens. A client says "I" and "my team", talks about
an organisation. A sponsor speaks of the client in the third person and of "the business"; a
therapist of therapy. The features are summed into a coach score per speaker (weights below);
confidence grows with the margin between the best and the next candidate. Phrases and pronouns
are read from each speaker's first 3,000 words, so the cost stays flat for long sessions. Blind spots: a very
directive coach who talks most and asks little, and transcripts of a few turns, get low confidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from coachlens.errors import UsageError
from coachlens.transcript.model import Role, Speaker
from coachlens.transcript.tokens import PhraseSet, words


@dataclass(frozen=True, slots=True)
class RoleHints:
    """Roles a person stated: ``--coach``, ``--client`` and ``--role NAME=ROLE``."""

    coach: str | None = None
    client: str | None = None
    roles: Mapping[str, Role] = field(default_factory=dict)

    def stated(self) -> dict[str, Role]:
        """Return every stated name with its role."""
        out = dict(self.roles)
        if self.coach:
            out[self.coach] = Role.COACH
        if self.client:
            out[self.client] = Role.CLIENT
        return out


_EVIDENCE_WORDS = 3000  # words per speaker read for cue phrases and the you/I ratio
_YOU = frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd"})
_I = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"})
_COACH_CUES = [
    "what would you like",
    "what do you want to",
    "where would you like",
    "how would you like",
    "what would {be useful,be most useful,most useful}",
    "focus on today",
    "our {session,time,last session,work together}",
    "last {session,time we met,time we spoke}",
    "when we {met,spoke,last met,last spoke}",
    "it sounds like",
    "what {i'm,im} hearing",
    "{i'm,im} {noticing,hearing,curious}",
    "i notice",
    "i wonder",
    "tell me {more,about}",
    "how {does,did} {that,it} {feel,land,sound}",
    "{what's,whats} {that,it} like",
    "what comes up",
    "what are you taking away",
    "before we {finish,close,stop,wrap}",
    "check in",
    "the contract",
    "how are you {feeling,doing}",
    "{what's,whats} going on for you",
    "what did you notice",
    "say more",
    "what {would,might} it {mean,take,look like}",
    "your {goal,goals,actions}",
    "the {actions,goals} we agreed",
    "{what's,whats} on your mind",
    "what do you make of",
]
_CLIENT_CUES = [
    "my {team,boss,manager,director,ceo,board,chair,department,company,staff,people,role,direct report,"
    "direct reports,peers,job,deputy}",
    "our {board,team,company,business,ceo,customers}",
    "at work",
    "in the office",
    "{i'll,ill} {try,do,speak,talk,book,ring,call,send}",
    "i need to",
    "{i'm,im} going to",
]
_SPONSOR_CUES = [
    "as {his,her,their} {manager,boss,line manager,sponsor,director}",
    "sponsor",
    "from {the,our} {business,organisation's,organization's,company's,organisation,organization} "
    "{side,point of view,perspective}",
    "{i'd,i would} like to see {him,her,them}",
    "in {his,her,their} role",
    "the business needs",
    "{his,her,their} {team,performance,development,progress}",
]
_THERAPIST_CUES = [
    "therapy",
    "therapist",
    "therapeutic",
    "counselling",
    "counseling",
    "clinical",
    "clinically",
    "in our sessions together",
    "in our therapy sessions together",
    "our work in therapy",
    "as {his,her,their} therapist",
]
_CUES = PhraseSet(
    {"coach": _COACH_CUES, "client": _CLIENT_CUES, "sponsor": _SPONSOR_CUES, "therapist": _THERAPIST_CUES}
)
_LABEL_ROLES = {
    "coach": Role.COACH,
    "client": Role.CLIENT,
    "coachee": Role.CLIENT,
    "patient": Role.CLIENT,
    "sponsor": Role.SPONSOR,
    "therapist": Role.THERAPIST,
    "counsellor": Role.THERAPIST,
    "counselor": Role.THERAPIST,
    "psychotherapist": Role.THERAPIST,
}


@dataclass(frozen=True, slots=True)
class _Profile:
    name: str
    coach_score: float
    sponsor_hits: int
    therapist_hits: int
    self_focus: float


def assign_roles(
    turns: Sequence[tuple[str, str]], names: tuple[str, ...], hints: RoleHints, path: str
) -> tuple[Speaker, ...]:
    """Return the speakers in order of first appearance, each with a role and its confidence.

    ``turns`` are (speaker, text) pairs in order; ``names`` the speakers in order of appearance.
    """
    given = {_match_name(query, names, path): role for query, role in hints.stated().items()}
    labelled = {
        name: role for name in names if (role := _LABEL_ROLES.get(name.strip().lower())) and name not in given
    }
    therapists = [n for n, r in labelled.items() if r is Role.THERAPIST]
    if len(therapists) == 1 and Role.COACH not in {*given.values(), *labelled.values()}:
        # A counselling session ("Therapist:" and "Client:", no coach): the therapist is the
        # practitioner of this conversation, and every analyzer reads the practitioner as the coach.
        labelled[therapists[0]] = Role.COACH
    given.update(labelled)
    profiles = _profiles(turns, names)
    roles: dict[str, tuple[Role, float]] = {n: (r, 1.0) for n, r in given.items()}
    rest = [n for n in names if n not in roles]
    if rest and Role.COACH not in {r for r, _ in roles.values()}:
        ranked = sorted(rest, key=lambda n: profiles[n].coach_score, reverse=True)
        runner_up = ranked[1] if len(ranked) > 1 else None
        margin = profiles[ranked[0]].coach_score - (profiles[runner_up].coach_score if runner_up else -1.0)
        roles[ranked[0]] = (Role.COACH, _confidence(margin))
        rest.remove(ranked[0])
    for name in list(rest):
        p = profiles[name]
        if p.therapist_hits >= 2 and p.therapist_hits > p.sponsor_hits:
            roles[name] = (Role.THERAPIST, _confidence(0.25 * p.therapist_hits))
            rest.remove(name)
        elif p.sponsor_hits >= 2 and len(names) > 2:
            roles[name] = (Role.SPONSOR, _confidence(0.25 * p.sponsor_hits))
            rest.remove(name)
    if rest and Role.CLIENT not in {r for r, _ in roles.values()}:
        ranked = sorted(rest, key=lambda n: profiles[n].self_focus, reverse=True)
        margin = profiles[ranked[0]].self_focus - (profiles[ranked[1]].self_focus if len(ranked) > 1 else 0.0)
        coach_conf = min((c for r, c in roles.values() if r is Role.COACH), default=1.0)
        conf = coach_conf if len(ranked) == 1 else min(coach_conf, _confidence(margin))
        roles[ranked[0]] = (Role.CLIENT, conf)
        rest.remove(ranked[0])
    for name in rest:
        roles[name] = (Role.OTHER, 0.5)
    return tuple(
        Speaker(name=n, role=roles[n][0], role_confidence=round(roles[n][1], 2), role_given=n in given)
        for n in names
    )


def _profiles(turns: Sequence[tuple[str, str]], names: tuple[str, ...]) -> dict[str, _Profile]:
    """Return each speaker's profile, tokenising every turn once."""
    texts: dict[str, list[str]] = {n: [] for n in names}
    asking = dict.fromkeys(names, 0)
    for speaker, text in turns:
        texts[speaker].append(text)
        if "?" in text:
            asking[speaker] += 1
    turn_counts = {n: len(t) for n, t in texts.items()}
    # One tokenisation per speaker; a turn boundary can join two phrases' words, a negligible blur.
    all_tokens = {n: words(" ".join(t)) for n, t in texts.items()}
    total_words = sum(len(t) for t in all_tokens.values()) or 1
    # Habits of speech show early (contracting, agenda): the first words decide, at constant cost.
    tokens = {n: t[:_EVIDENCE_WORDS] for n, t in all_tokens.items()}
    opener = turns[0][0] if turns else None
    profiles = {}
    for name in names:
        toks = tokens[name]
        counts = Counter(toks)
        you = sum(counts[w] for w in _YOU)
        me = sum(counts[w] for w in _I)
        share = len(all_tokens[name]) / total_words
        you_ratio = you / (you + me) if you + me else 0.5
        n_turns = max(1, turn_counts[name])
        cues = _CUES.count(toks)
        coach_cues = min(1.0, cues["coach"] / n_turns * 2)
        client_cues = min(1.0, cues["client"] / n_turns * 2)
        # Weights were set by reading the example sessions and short synthetic exchanges; each term
        # is bounded so no single habit (a talkative coach, a client full of questions) decides alone.
        score = (
            1.5 * asking[name] / n_turns
            + 2.0 * (you_ratio - 0.5)
            + 2.0 * coach_cues
            - 1.5 * client_cues
            + 0.3 * (name == opener)
            - 1.0 * share
        )
        profiles[name] = _Profile(
            name=name,
            coach_score=score,
            sponsor_hits=cues["sponsor"],
            therapist_hits=cues["therapist"],
            self_focus=(1 - you_ratio) + share + client_cues,
        )
    return profiles


def _confidence(margin: float) -> float:
    """Map a score margin to a confidence between 0.5 (a guess) and 0.99."""
    return min(0.99, 0.5 + 0.5 * math.tanh(max(0.0, margin) * 1.5))


def _match_name(query: str, names: tuple[str, ...], path: str) -> str:
    wanted = " ".join(query.split()).casefold()
    exact = [n for n in names if n.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [
        n for n in names if wanted in re.split(r"[\s,]+", n.casefold()) or n.casefold().startswith(wanted)
    ]
    if len(partial) == 1:
        return partial[0]
    listed = ", ".join(names)
    if partial:
        raise UsageError(
            f'"{query}" matches several speakers in {path} ({", ".join(partial)}); give the full name'
        )
    raise UsageError(f'{path} has no speaker named "{query}"; its speakers are: {listed}')
