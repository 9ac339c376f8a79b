"""What planning proposes: meetings to add, move and drop, hosts left out and why, days it left
alone; built from the solver's solution, keyed by record ids.

The results are frozen: reviewing a proposal (:func:`planner.planning.tour.review`) or applying
it (:func:`planner.planning.tour.apply`) returns a new one. Reasons are codes
(:class:`~planner.planning.problem.LeftOut`, a day whose fixed items conflict); the words users
read are made from them where they are shown (:meth:`LeftOutHost.reason_text`,
:meth:`PlanProposal.conflict_messages`), in English or Japanese from the message catalogue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from planner.messages import N_, render, translate
from planner.planning.problem import LeftOut, Solution
from planner.planning.tour_problem import TourProblem
from planner.timezones import to_local

#: The words for why a host is left out (the command line's JSON shows the code).
LEFT_OUT_TEXT = {LeftOut.NO_SLOT: N_("no slot"), LeftOut.TOO_FAR: N_("too far"),
                 LeftOut.LOW_VALUE: N_("low value")}
#: A day whose fixed items conflict among themselves: planning leaves it as it is.
CONFLICT = N_("{day}: the fixed items of this day overlap or cannot be reached in time "
              "(parallel tracks, or a problem to fix by hand); nothing was added to it")


class Action(StrEnum):
    """What a change does to a meeting."""

    ADDED = "added"
    MOVED = "moved"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Change:
    """One meeting the plan adds, moves or drops, and why (the goals it serves)."""

    action: Action
    organisation_id: int  # which organisation (names need not be unique in a directory)
    organisation: str  # its name, to show
    start: datetime | None
    end: datetime | None
    zone: str
    goals: tuple[str, ...]  # the titles of the goals it serves, to show
    goal_ids: tuple[int, ...]
    #: The meeting's: the one moved or dropped, or the one added once the plan is applied.
    uid: str = ""

    def as_json(self) -> dict[str, Any]:
        def local(moment: datetime | None) -> str | None:
            return to_local(moment, self.zone).isoformat() if moment else None

        return {"action": str(self.action), "organisation": self.organisation,
                "start": local(self.start), "end": local(self.end), "goals": list(self.goals),
                "uid": self.uid}


@dataclass(frozen=True)
class LeftOutHost:
    """A candidate host planning did not plan a meeting with, and why."""

    organisation_id: int
    organisation: str  # its name, to show
    reason: LeftOut

    def reason_text(self, language: str = "en") -> str:
        return translate(LEFT_OUT_TEXT[self.reason], language)


@dataclass(frozen=True)
class PlanProposal:
    """What planning proposes, with the reasons, before (or after) it is applied."""

    changes: tuple[Change, ...] = ()
    left_out: tuple[LeftOutHost, ...] = ()
    #: The days whose fixed items overlap or cannot be reached in time: nothing added to them.
    conflict_days: tuple[date, ...] = ()
    coverage_before: float = 0.0
    coverage_after: float = 0.0  # once reviewed
    errors_after: int = 0  # once reviewed
    seconds: float = 0.0
    iterations: int = 0
    planned_days: tuple[date, ...] = ()

    def count(self, action: Action) -> int:
        """How many meetings it adds, moves or drops."""
        return sum(change.action is action for change in self.changes)

    def conflict_messages(self, language: str = "en") -> list[str]:
        return [render(CONFLICT, {"day": day.isoformat()}, language)
                for day in self.conflict_days]

    def as_json(self) -> dict[str, Any]:
        return {"changes": [c.as_json() for c in self.changes],
                "left_out": [{"organisation": o.organisation, "reason": str(o.reason)}
                             for o in self.left_out],
                "conflicts": self.conflict_messages(),
                "coverage_before": round(self.coverage_before, 4),
                "coverage_after": round(self.coverage_after, 4),
                "errors_after": self.errors_after, "seconds": round(self.seconds, 2),
                "iterations": self.iterations,
                "days": [d.isoformat() for d in self.planned_days]}


def build_proposal(tour: TourProblem, solution: Solution, coverage_before: float
                   ) -> PlanProposal:
    """The changes *solution* makes to the tour, and the hosts it leaves out."""
    chosen = _chosen(tour, solution)
    changes: list[Change] = []
    left_out: list[LeftOutHost] = []
    for n, candidate in enumerate(tour.candidates):
        if n in chosen:
            continue
        org, existing = candidate.organisation, candidate.existing
        if existing is not None:
            changes.append(Change(Action.DROPPED, org.id, org.name, existing.start,
                                  existing.end, existing.zone,
                                  tuple(g.title for g in candidate.goals),
                                  tuple(g.id for g in candidate.goals), existing.uid))
        left_out.append(LeftOutHost(org.id, org.name,
                                    solution.left_out.get(n, LeftOut.LOW_VALUE)))
    for n, (start, end) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
        candidate = tour.candidates[n]
        org, existing = candidate.organisation, candidate.existing
        if existing is not None and existing.start == start and existing.end == end:
            continue
        changes.append(Change(Action.MOVED if existing is not None else Action.ADDED, org.id,
                              org.name, start, end, candidate.office.zone,
                              tuple(g.title for g in candidate.goals),
                              tuple(g.id for g in candidate.goals),
                              existing.uid if existing is not None else ""))
    return PlanProposal(tuple(changes), tuple(left_out),
                        tuple(tour.days[r] for r in solution.broken_days), coverage_before,
                        seconds=solution.seconds, iterations=solution.iterations,
                        planned_days=tour.days)


def _chosen(tour: TourProblem, solution: Solution) -> dict[int, tuple[datetime, datetime]]:
    """When each planned meeting starts and ends, by candidate."""
    chosen = {}
    for route in solution.routes:
        for stop in route:
            if stop.visit < len(tour.candidates):
                start = tour.origin + timedelta(minutes=math.ceil(stop.start - 1e-6))
                length = timedelta(
                    minutes=tour.candidates[stop.visit].minutes(tour.meeting_minutes))
                chosen[stop.visit] = (start, start + length)
    return chosen
