"""The demo practice: one engagement per example story in ``examples/``, a demo account per role.

- **Ellison** (Ruth Adeyemi -> Mark Ellison, sponsor Jim Calloway): sessions 1-3. The action
  "tell Jim the April timeline isn't workable" is not done at sessions 2 and 3, so the collusion
  alert is raised at session 3 and not before. The contract has no escalation clause; the coach
  acknowledged the warning when activating it.
- **Nwosu** (Simon Hale -> Amara Nwosu): sessions 1 and 3. The check-in after session 3 drops
  reliably (a rupture); the one a week later recovers (its repair).
- **Stanton**, **Shah**, **Hughes**: one session each, numbered as in their stories; Shah's
  check-in is low on goals, Hughes has a referral with therapist-sharing consent.
- Ellison and Nwosu also have supervisor-sharing consent, so the demo supervisor (Sam Okafor)
  sees their anonymised outlines in the web application.

Passwords are fixed demo strings (``DEMO_PASSWORD``), stored as Argon2 hashes like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import UsageError
from coachlens.practice.actions import agree_action, review_action
from coachlens.practice.checkins import record_checkin
from coachlens.practice.consents import grant_consent
from coachlens.practice.engagements import ContractTerms, GoalTerms, activate_engagement, create_engagement
from coachlens.practice.intake import read_session_file
from coachlens.practice.journal import record_referral, write_journal_entry
from coachlens.practice.people import add_client, add_sponsor, add_user, create_practice
from coachlens.practice.sessions import store_session
from coachlens.practice.sponsor import approve_sponsor_update, draft_sponsor_update
from coachlens.security.passwords import hash_password
from coachlens.store.tables import CoachingSession, ConsentKind, Contract, Goal, Practice, UserRole
from coachlens.transcript.roles import RoleHints

DEMO_PRACTICE = "coachlens demo practice"
DEMO_PASSWORD = "coachlens-demo"
DEMO_ACCOUNTS: tuple[tuple[UserRole, str, str], ...] = (
    (UserRole.ADMIN, "Ada Admin", "admin@demo.coachlens.example"),
    (UserRole.COACH, "Ruth Adeyemi", "ruth@demo.coachlens.example"),
    (UserRole.CLIENT, "Mark Ellison", "mark@demo.coachlens.example"),
    (UserRole.SPONSOR, "Jim Calloway", "jim@demo.coachlens.example"),
    (UserRole.SUPERVISOR, "Sam Okafor", "sam@demo.coachlens.example"),
)
OTHER_COACHES = (
    ("Simon Hale", "simon@demo.coachlens.example"),
    ("Claire Dubois", "claire@demo.coachlens.example"),
    ("Margaret Lowe", "margaret@demo.coachlens.example"),
    ("Joanna Pike", "joanna@demo.coachlens.example"),
)
EXAMPLE_FILES = {
    "ellison": ("ellison_session1_zoom.vtt", "ellison_session2_teams.vtt", "ellison_session3.srt"),
    "nwosu": ("nwosu_session1.json", "nwosu_session3.docx"),
    "stanton": ("stanton_session.txt",),
    "shah": ("shah_session_otter.txt",),
    "hughes": ("hughes_session.txt",),
}
_ALL_CONSENTS = (ConsentKind.RECORDING, ConsentKind.ANALYSIS, ConsentKind.SPONSOR_REPORTING)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo loaded: the engagements by name and the accounts to log in with."""

    practice_id: int
    engagements: dict[str, int]
    accounts: tuple[tuple[UserRole, str], ...]
    password: str


def load_demo(session: Session, examples: Path) -> DemoSummary:
    """Load the demo practice from the example transcripts in ``examples`` into an empty database."""
    missing = [n for names in EXAMPLE_FILES.values() for n in names if not (examples / n).is_file()]
    if missing:
        raise UsageError(
            f"{examples} lacks the example sessions {', '.join(missing)}; point --examples at them"
        )
    if session.scalars(select(Practice).where(Practice.name == DEMO_PRACTICE)).first() is not None:
        raise UsageError("this database already holds the demo practice; use another --db to load it again")
    practice = create_practice(session, DEMO_PRACTICE)
    password = hash_password(DEMO_PASSWORD)
    users = {
        email: add_user(session, practice.id, name=name, email=email, role=role, password_hash=password)
        for role, name, email in DEMO_ACCOUNTS
    }
    coaches = {"Ruth Adeyemi": users["ruth@demo.coachlens.example"].id}
    for name, email in OTHER_COACHES:
        coaches[name] = add_user(
            session, practice.id, name=name, email=email, role=UserRole.COACH, password_hash=password
        ).id
    loader = _Loader(session, practice.id, examples, coaches, users["sam@demo.coachlens.example"].id)
    engagements = {
        "Ellison": loader.ellison(
            users["mark@demo.coachlens.example"].id, users["jim@demo.coachlens.example"].id
        ),
        "Nwosu": loader.nwosu(),
        "Stanton": loader.stanton(),
        "Shah": loader.shah(),
        "Hughes": loader.hughes(),
    }
    return DemoSummary(
        practice_id=practice.id,
        engagements=engagements,
        accounts=tuple((role, email) for role, _, email in DEMO_ACCOUNTS),
        password=DEMO_PASSWORD,
    )


def _answers(
    bond: tuple[int, int, int], goal: tuple[int, int, int], task: tuple[int, int, int]
) -> dict[str, int]:
    """Return the default instrument's answers as given (the third of each triple is reverse-keyed)."""
    keys = (
        ("bond_honest", "bond_side", "bond_held_back"),
        ("goal_matters", "goal_same", "goal_unsure"),
        ("task_forward", "task_say", "task_waste"),
    )
    return {
        key: value
        for trio, values in zip(keys, (bond, goal, task), strict=True)
        for key, value in zip(trio, values, strict=True)
    }


class _Loader:
    def __init__(
        self, session: Session, practice_id: int, examples: Path, coaches: dict[str, int], supervisor: int
    ):
        self.s, self.practice_id, self.examples = session, practice_id, examples
        self.coaches, self.supervisor = coaches, supervisor

    def engagement(
        self,
        name: str,
        coach: str,
        client: str,
        sponsor: tuple[str, str],
        contract: ContractTerms,
        *,
        client_user: int | None = None,
        sponsor_user: int | None = None,
        consents: tuple[ConsentKind, ...] = _ALL_CONSENTS,
    ) -> int:
        client_id = add_client(
            self.s, self.practice_id, name=client, organisation=sponsor[1], user_id=client_user
        ).id
        sponsor_id = add_sponsor(
            self.s, self.practice_id, name=sponsor[0], organisation=sponsor[1], user_id=sponsor_user
        ).id
        engagement = create_engagement(
            self.s,
            self.practice_id,
            name=name,
            coach_id=self.coaches[coach],
            client_id=client_id,
            sponsor_id=sponsor_id,
            supervisor_id=self.supervisor,
            contract=contract,
        )
        for kind in consents:
            grant_consent(self.s, engagement.id, kind, given_on=contract.agreed_on or date(2025, 1, 6))
        activate_engagement(self.s, engagement.id, acknowledge_missing_escalation=True)
        return engagement.id

    def session(
        self,
        engagement: int,
        file: str,
        number: int,
        held_on: date,
        minutes: int,
        coach: str,
        notes: str = "",
    ) -> CoachingSession:
        transcript, analysis = read_session_file(self.examples / file, hints=RoleHints(coach=coach))
        return store_session(
            self.s,
            engagement,
            number=number,
            held_on=held_on,
            duration_minutes=minutes,
            notes=notes,
            transcript=transcript,
            analysis=analysis,
        )

    def checkin(
        self, engagement: int, record: CoachingSession | None, when: date, answers: dict[str, int]
    ) -> None:
        record_checkin(
            self.s,
            engagement,
            answers,
            session_id=record.id if record else None,
            submitted_at=datetime.combine(when, time(18, 0)),
        )

    def ellison(self, client_user: int, sponsor_user: int) -> int:
        contract = ContractTerms(
            goals=(
                GoalTerms(
                    "Build a rhythm of one-to-ones with his direct reports", "Tuesday one-to-ones held weekly"
                ),
                GoalTerms(
                    "Give Jim an honest view of Project Compass",
                    "Jim hears the April risk before the board pack",
                ),
            ),
            cadence="every two weeks",
            session_count=8,
            confidentiality_terms="What Mark says in sessions stays between Mark and Ruth.",
            sponsor_receives="Attendance, and progress against the two goals in words Mark has approved.",
            escalation_clause=None,  # the contract gap DOMAIN.md warns about
            boundaries="Ruth does not coach Jim or Mark's reports.",
            agreed_on=date(2025, 1, 13),
        )
        e = self.engagement(
            "Ellison",
            "Ruth Adeyemi",
            "Mark Ellison",
            ("Jim Calloway", "Northgate Freight"),
            contract,
            client_user=client_user,
            sponsor_user=sponsor_user,
            consents=(*_ALL_CONSENTS, ConsentKind.SUPERVISOR_SHARING),  # the supervisor sees the case
        )
        s1 = self.session(e, EXAMPLE_FILES["ellison"][0], 1, date(2025, 1, 20), 45, "Ruth Adeyemi")
        jim = agree_action(
            self.s,
            e,
            "Tell Jim straight that April isn't workable",
            agreed_in_session_id=s1.id,
            goal_id=_goal(self.s, e, 2),
        )
        tuesdays = agree_action(
            self.s, e, "Keep Tuesday mornings for one-to-ones", agreed_in_session_id=s1.id
        )
        self.checkin(e, s1, date(2025, 1, 20), _answers((4, 4, 2), (4, 4, 2), (4, 4, 2)))
        s2 = self.session(e, EXAMPLE_FILES["ellison"][1], 2, date(2025, 2, 3), 35, "Ruth Adeyemi")
        review_action(
            self.s, jim.id, s2.id, "not_done", note="Jim away, then quarter-end; not the right moment"
        )
        review_action(self.s, tuesdays.id, s2.id, "partly_done", note="one week out of two")
        deb = agree_action(self.s, e, "Let Deb run the Thursday driver call", agreed_in_session_id=s2.id)
        self.checkin(e, s2, date(2025, 2, 3), _answers((4, 4, 2), (4, 3, 2), (4, 4, 2)))
        s3 = self.session(e, EXAMPLE_FILES["ellison"][2], 3, date(2025, 2, 17), 30, "Ruth Adeyemi")
        review_action(self.s, jim.id, s3.id, "not_done", note="two sessions running")
        review_action(self.s, tuesdays.id, s3.id, "done", note="both Tuesdays")
        review_action(self.s, deb.id, s3.id, "open")
        self.checkin(e, s3, date(2025, 2, 17), _answers((4, 4, 2), (4, 4, 3), (4, 4, 2)))
        approve_sponsor_update(
            self.s, draft_sponsor_update(self.s, e, "Mark has attended all three sessions so far.").id
        )
        write_journal_entry(
            self.s,
            self.coaches["Ruth Adeyemi"],
            "I notice I let the Jim conversation go again. What am I protecting, and whose comfort is it?",
            engagement_id=e,
        )
        return e

    def nwosu(self) -> int:
        contract = ContractTerms(
            goals=(
                GoalTerms("Establish her authority as Director of Product", "Peers' feedback at six months"),
                GoalTerms("Sustainable working hours", "No routine working after 10pm"),
            ),
            cadence="monthly, 75 minutes",
            session_count=6,
            confidentiality_terms="Content stays with Amara and Simon; themes only with her approval.",
            sponsor_receives="A three-way review at the midpoint and end, on themes Amara chooses.",
            escalation_clause="If actions stall twice, Simon and Amara agree how to raise it with Hannah.",
            boundaries="No coaching of Amara's team members.",
            agreed_on=date(2025, 1, 6),
        )
        e = self.engagement(
            "Nwosu",
            "Simon Hale",
            "Amara Nwosu",
            ("Hannah Reeve", "Ledgerline"),
            contract,
            consents=(*_ALL_CONSENTS, ConsentKind.SUPERVISOR_SHARING),
        )
        s1 = self.session(e, EXAMPLE_FILES["nwosu"][0], 1, date(2025, 1, 9), 40, "Simon Hale")
        feedback = agree_action(
            self.s, e, "Ask Leo and Maya for feedback on the board update", agreed_in_session_id=s1.id
        )
        self.checkin(e, s1, date(2025, 1, 9), _answers((5, 5, 1), (5, 4, 1), (5, 4, 2)))  # 4.67
        s3 = self.session(
            e,
            EXAMPLE_FILES["nwosu"][1],
            3,
            date(2025, 3, 6),
            40,
            "Simon Hale",
            notes="Session 2 was not recorded.",
        )
        review_action(self.s, feedback.id, s3.id, "done", note="So I did both")
        self.checkin(
            e, s3, date(2025, 3, 6), _answers((3, 3, 3), (4, 4, 2), (3, 4, 3))
        )  # 3.44: a reliable drop
        self.checkin(e, None, date(2025, 3, 13), _answers((5, 4, 1), (5, 4, 2), (5, 4, 2)))  # 4.44: repaired
        return e

    def stanton(self) -> int:
        contract = ContractTerms(
            goals=(
                GoalTerms("A succession plan for the September board", "Plan tabled at the September board"),
            ),
            cadence="every three weeks",
            session_count=10,
            confidentiality_terms="Content stays between Richard and Claire.",
            sponsor_receives="Attendance and whether the succession plan is on track.",
            escalation_clause="If the succession work stalls twice, the three of us meet.",
            agreed_on=date(2024, 11, 4),
        )
        e = self.engagement(
            "Stanton", "Claire Dubois", "Richard Stanton", ("Geoffrey Lund", "Stanton Precision"), contract
        )
        s4 = self.session(e, EXAMPLE_FILES["stanton"][0], 4, date(2025, 2, 12), 35, "Claire Dubois")
        agree_action(self.s, e, "Think about the succession plan over the summer", agreed_in_session_id=s4.id)
        self.checkin(e, s4, date(2025, 2, 12), _answers((5, 5, 1), (4, 4, 2), (5, 5, 1)))
        return e

    def shah(self) -> int:
        contract = ContractTerms(
            goals=(
                GoalTerms(
                    "Lead her team with confidence", "Escalates risks early; fewer apologies in stand-up"
                ),
            ),
            cadence="every two weeks",
            session_count=6,
            confidentiality_terms="Content stays between Priya and Margaret.",
            sponsor_receives="Attendance only.",
            escalation_clause="Non-action twice: Margaret and Priya agree what, if anything, Colin hears.",
            agreed_on=date(2025, 2, 3),
        )
        e = self.engagement(
            "Shah", "Margaret Lowe", "Priya Shah", ("Colin Barker", "Harbourside Mutual"), contract
        )
        s2 = self.session(e, EXAMPLE_FILES["shah"][0], 2, date(2025, 3, 5), 35, "Margaret Lowe")
        agree_action(self.s, e, "Sit Dan down by Friday and say the three things", agreed_in_session_id=s2.id)
        agree_action(self.s, e, "Count the sorries in stand-up this week", agreed_in_session_id=s2.id)
        self.checkin(e, s2, date(2025, 3, 5), _answers((4, 4, 2), (3, 3, 4), (3, 3, 3)))  # goals 2.67: low
        return e

    def hughes(self) -> int:
        contract = ContractTerms(
            goals=(
                GoalTerms("Lead the Kestrel finance-system change", "Go-live decision taken on time"),
                GoalTerms(
                    "Present to the board with confidence", "Board feedback in April's three-way review"
                ),
            ),
            cadence="monthly",
            session_count=8,
            confidentiality_terms="Content stays between Gareth and Joanna; nothing to HR or the board.",
            sponsor_receives="Attendance and the April three-way review.",
            escalation_clause="If actions stall twice, we raise it together at the next three-way review.",
            agreed_on=date(2024, 9, 2),
        )
        e = self.engagement(
            "Hughes",
            "Joanna Pike",
            "Gareth Hughes",
            ("Huw Morgan", "Cwm Valley Homes"),
            contract,
            consents=(*_ALL_CONSENTS, ConsentKind.THERAPIST_SHARING),
        )
        s5 = self.session(e, EXAMPLE_FILES["hughes"][0], 5, date(2025, 2, 20), 30, "Joanna Pike")
        agree_action(self.s, e, "Ring the GP surgery on Monday at 8am", agreed_in_session_id=s5.id)
        record_referral(
            self.s,
            e,
            session_id=s5.id,
            referred_to="GP, then EAP counselling",
            reason="Months of low mood, broken sleep and panic (session 5); coaching continues alongside.",
            made_on=date(2025, 2, 20),
        )
        self.checkin(e, s5, date(2025, 2, 20), _answers((5, 5, 1), (5, 4, 1), (5, 5, 2)))
        return e


def _goal(session: Session, engagement_id: int, position: int) -> int | None:
    goal = session.scalars(
        select(Goal)
        .join(Contract, Contract.id == Goal.contract_id)
        .where(Contract.engagement_id == engagement_id, Goal.position == position)
    ).first()
    return goal.id if goal else None
