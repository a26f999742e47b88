"""Roles given on the command line win; otherwise inferred with a confidence."""

from __future__ import annotations

import pytest

from coachlens.errors import UsageError
from coachlens.transcript import Role
from coachlens.transcript.load import read_transcript
from coachlens.transcript.roles import RoleHints
from tests.conftest import FIXTURES

PLAIN = FIXTURES / "plain_labels.txt"


def test_inferred_roles_carry_a_confidence() -> None:
    t = read_transcript(PLAIN)
    coach, client = t.speakers
    assert (coach.name, coach.role, client.role) == ("Dana Whitfield", Role.COACH, Role.CLIENT)
    assert 0.5 <= coach.role_confidence <= 0.99
    assert not coach.role_given


def test_given_coach_overrides_inference_even_against_the_evidence() -> None:
    t = read_transcript(PLAIN, hints=RoleHints(coach="Olu Bankole"))
    roles = {s.name: (s.role, s.role_confidence, s.role_given) for s in t.speakers}
    assert roles["Olu Bankole"] == (Role.COACH, 1.0, True)
    assert roles["Dana Whitfield"][0] is Role.CLIENT
    assert all(u.role is Role.COACH for u in t if u.speaker == "Olu Bankole")


def test_a_unique_first_name_is_enough() -> None:
    t = read_transcript(PLAIN, hints=RoleHints(client="olu"))
    assert t.role_of("Olu Bankole") is Role.CLIENT


def test_role_option_sets_a_sponsor() -> None:
    hints = RoleHints(roles={"Priya Raman": Role.SPONSOR})
    t = read_transcript(FIXTURES / "three_way_sponsor.txt", hints=hints)
    assert t.role_of("Priya Raman") is Role.SPONSOR
    assert t.role_of("Dana Whitfield") is Role.COACH


def test_unknown_name_lists_the_speakers() -> None:
    with pytest.raises(UsageError, match=r'no speaker named "Ruth".*Dana Whitfield, Olu Bankole'):
        read_transcript(PLAIN, hints=RoleHints(coach="Ruth"))


def test_labels_that_are_roles_are_taken_as_such(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "anon.txt"  # type: ignore[operator]
    path.write_text(
        "Client: What should I do about my boss?\nCoach: What do you want to do?\nClient: Quit, honestly.\n"
    )
    t = read_transcript(path)
    assert t.role_of("Coach") is Role.COACH
    assert t.role_of("Client") is Role.CLIENT


@pytest.mark.parametrize(
    ("practitioner", "client"), [("Therapist", "Client"), ("Counselor", "Patient"), ("Counsellor", "Client")]
)
def test_in_a_counselling_session_the_therapist_is_read_as_the_coach(
    tmp_path: pytest.TempPathFactory, practitioner: str, client: str
) -> None:
    path = tmp_path / "counselling.txt"  # type: ignore[operator]
    path.write_text(
        f"{practitioner}: What brings you here today?\n{client}: My drinking, I suppose.\n"
        f"{practitioner}: You're not sure it's a problem.\n{client}: Not really, no.\n"
    )
    t = read_transcript(path)
    assert t.role_of(practitioner) is Role.COACH
    assert t.role_of(client) is Role.CLIENT


def test_beside_a_coach_a_therapist_keeps_the_therapist_role(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "three_way.txt"  # type: ignore[operator]
    path.write_text(
        "Coach: Thanks both for joining.\nTherapist: Glad to be here, with the client's consent.\n"
        "Client: I wanted you two to talk.\n"
    )
    t = read_transcript(path)
    assert (t.role_of("Coach"), t.role_of("Therapist")) == (Role.COACH, Role.THERAPIST)
