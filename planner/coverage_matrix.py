"""The coverage matrix: learning goals against the planned meetings, for the whole delegation or
for one traveller, as plain values any shell can show (the GUI's coverage view, later the book).

A cell *serves* when the meeting is linked to the goal: exactly what
:func:`planner.goals.coverage` counts, so the matrix and ``ecovisit coverage`` agree. Where a
meeting is not linked to a goal but its host matches the goal well enough
(:func:`planner.goals.match`, the coordinator's overrides winning), the cell is a *hint*: this
meeting could serve the goal too. Every match a cell has is kept, so a view can explain it.

Rows come grouped: the delegation's goals first, then each traveller's (in the delegation's
order), the highest priority first within a group. Columns are the meetings in time order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from sqlalchemy.orm import Session

from planner.formatting import item_time_text
from planner.goals import SERVES, Match, coverage, match, overrides, planned_meetings
from planner.model import AgendaItem, ItemStatus, LearningGoal, Traveller


@dataclass(frozen=True)
class GoalRow:
    """One learning goal and the meetings (UIDs, in time order) that serve it."""

    id: int
    title: str
    title_ja: str
    priority: int
    #: None: a goal of the whole delegation.
    traveller_id: int | None
    traveller: str
    traveller_ja: str
    meetings: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return bool(self.meetings)


@dataclass(frozen=True)
class MeetingColumn:
    """One planned meeting: who hosts it, when, and the goals (ids) it serves."""

    id: int
    uid: str
    title: str
    title_ja: str
    #: The host organisation's name (the meeting's title when it has no host).
    host: str
    host_ja: str
    day: date
    start: datetime
    #: ``09:00–10:30`` in the place's local time.
    time_text: str
    status: ItemStatus
    goals: tuple[int, ...]


@dataclass(frozen=True)
class CoverageMatrix:
    """Goals by meetings; see the module docstring."""

    goals: tuple[GoalRow, ...] = ()
    meetings: tuple[MeetingColumn, ...] = ()
    #: (goal id, meeting UID) -> how well the meeting's host matches the goal (score above 0).
    matches: Mapping[tuple[int, str], Match] = field(default_factory=dict)
    #: Priority-weighted share of the goals served by at least one meeting (0 to 1).
    score: float = 1.0

    def serves(self, goal_id: int, uid: str) -> bool:
        """Whether the meeting is linked to the goal (it counts for coverage)."""
        return (goal_id, uid) in self._links

    def hint(self, goal_id: int, uid: str) -> bool:
        """Whether the meeting is not linked to the goal but its host matches it well."""
        found = self.matches.get((goal_id, uid))
        return found is not None and found.score >= SERVES and not self.serves(goal_id, uid)

    @property
    def uncovered(self) -> tuple[GoalRow, ...]:
        return tuple(g for g in self.goals if not g.covered)

    @cached_property
    def _links(self) -> frozenset[tuple[int, str]]:
        return frozenset((goal.id, uid) for goal in self.goals for uid in goal.meetings)


def _group(goal: LearningGoal) -> tuple[int, int, int, int, int]:
    owner = goal.traveller
    if owner is None:
        return (0, 0, 0, -goal.priority, goal.id)
    return (1, owner.position, owner.id, -goal.priority, goal.id)


def _column(item: AgendaItem, goal_ids: set[int]) -> MeetingColumn:
    host = item.organisation
    return MeetingColumn(
        id=item.id, uid=item.uid, title=item.title, title_ja=item.title_ja,
        host=host.name if host is not None else item.title,
        host_ja=(host.name_ja if host is not None else item.title_ja) or "",
        day=item.day, start=item.start, time_text=item_time_text(item),
        status=item.status,
        goals=tuple(g.id for g in item.goals if g.id in goal_ids))


def coverage_matrix(session: Session, traveller: Traveller | None = None) -> CoverageMatrix:
    """The matrix of the whole delegation, or of *traveller*: their goals and the delegation's,
    and the meetings they attend."""
    result = coverage(session, traveller)
    goals = sorted(result.goals, key=lambda g: _group(g.goal))
    rows = tuple(GoalRow(
        id=g.goal.id, title=g.goal.title, title_ja=g.goal.title_ja, priority=g.goal.priority,
        traveller_id=g.goal.traveller_id,
        traveller=g.goal.traveller.name if g.goal.traveller else "",
        traveller_ja=g.goal.traveller.name_ja if g.goal.traveller else "",
        meetings=tuple(m.uid for m in g.meetings)) for g in goals)
    goal_ids = {row.id for row in rows}
    items = planned_meetings(session, traveller)
    fixed = overrides(session)
    matches: dict[tuple[int, str], Match] = {}
    for item in items:
        if item.organisation is None:
            continue
        for g in goals:
            found = match(g.goal, item.organisation, fixed.get((g.goal.id, item.organisation.id)))
            if found.score > 0:
                matches[(g.goal.id, item.uid)] = found
    return CoverageMatrix(goals=rows, meetings=tuple(_column(i, goal_ids) for i in items),
                          matches=matches, score=result.score)
