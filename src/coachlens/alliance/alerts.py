"""Alliance signals from a series of check-ins: reliable drops (rupture), recoveries (repair), low scores.

Each check-in is compared with the one before it on the total score: an RCI at or below
``-threshold`` is a rupture signal, at or above ``+threshold`` after a rupture is its repair. A
subscale or total mean below the instrument's ``low_threshold`` is a low-score signal whatever the
trend. Signals are tentative prompts for the coach, worded as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from coachlens.alliance.instruments import Instrument
from coachlens.alliance.scoring import TOTAL, Reliability, reliable_change_index


@dataclass(frozen=True, slots=True)
class ScoredCheckin:
    """One check-in's scores and when it happened (its session number, if tied to one)."""

    scores: Mapping[str, float]
    submitted_at: datetime
    session_number: int | None = None


@dataclass(frozen=True, slots=True)
class AllianceSignal:
    """A rupture, repair or low-score signal at one check-in of the series (0-based ``position``)."""

    kind: str  # "alliance.rupture", "alliance.repair", "alliance.low"
    position: int
    session_number: int | None
    message: str
    rci: float | None = None


def analyze_checkins(
    series: Sequence[ScoredCheckin], instrument: Instrument, reliability: Reliability
) -> list[AllianceSignal]:
    """Return the signals of a check-in series, oldest first."""
    signals: list[AllianceSignal] = []
    threshold = instrument.scoring.rci_threshold
    ruptured = False
    for position, checkin in enumerate(series):
        at = _where(checkin)
        if position > 0:
            before, after = series[position - 1].scores[TOTAL], checkin.scores[TOTAL]
            rci = reliable_change_index(before, after, reliability)
            basis = (
                f"RCI {rci:+.2f}, reliability {reliability.reliability:.2f} "
                f"({reliability.reliability_source}), SD {reliability.sd:.2f}"
            )
            if rci <= -threshold:
                ruptured = True
                signals.append(
                    AllianceSignal(
                        "alliance.rupture",
                        position,
                        checkin.session_number,
                        f"The alliance score fell from {before:.2f} to {after:.2f} {at}, more than "
                        f"measurement error explains ({basis}); there may be a rupture to explore "
                        "with the client.",
                        rci,
                    )
                )
            elif rci >= threshold and ruptured:
                ruptured = False
                signals.append(
                    AllianceSignal(
                        "alliance.repair",
                        position,
                        checkin.session_number,
                        f"The alliance score recovered from {before:.2f} to {after:.2f} {at} ({basis}); "
                        "the earlier rupture may have been repaired.",
                        rci,
                    )
                )
        low = sorted(
            name for name, value in checkin.scores.items() if value < instrument.scoring.low_threshold
        )
        if low:
            shown = ", ".join(f"{name} ({checkin.scores[name]:.2f})" for name in low)
            signals.append(
                AllianceSignal(
                    "alliance.low",
                    position,
                    checkin.session_number,
                    f"The check-in {at} scored below {instrument.scoring.low_threshold:g} on {shown}, "
                    f"out of {instrument.scale_max}; "
                    "consider asking the client how the work is going for them.",
                )
            )
    return signals


def _where(checkin: ScoredCheckin) -> str:
    if checkin.session_number is not None:
        return f"after session {checkin.session_number}"
    return f"on {checkin.submitted_at:%d %b %Y}"
