"""The hosts planning may schedule, valued by the learning goals they serve.

**Candidates** are the organisations with a place and availability windows, valued by the goals
they serve (priority-weighted, less for a goal already served by a fixed meeting). Meetings the
coordinator placed stay where they are unless the checker finds them in trouble: planning
completes and repairs a plan, it does not reshuffle a working one. A meeting in trouble that is
not locked makes its organisation a candidate too, so planning may move or drop it.

A host that **declined** (its request's state, :class:`~planner.model.RequestState`) is left
out for this tour: never a candidate; when it would have been one, the proposal lists it with
the reason it gave (:func:`declined_hosts`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.feasibility.checker import Checker
from planner.feasibility.findings import Severity
from planner.feasibility.plan import Plan, PlanPlace
from planner.goals import SERVES, goal_value, match, overrides
from planner.model import (
    AgendaItem,
    HostRequest,
    ItemKind,
    ItemStatus,
    LearningGoal,
    Organisation,
    RequestState,
)
from planner.planning.prerequisites import require_hosts
from planner.timezones import local_today


@dataclass(frozen=True)
class Candidate:
    """An organisation that could be met, what it is worth, and the goals it serves."""

    organisation: Organisation
    value: float
    goals: tuple[LearningGoal, ...]
    #: What each of *goals* adds to *value*, in their order: a group of travellers values the
    #: host by its members' goals and the delegation's (:meth:`value_for`).
    worth: tuple[float, ...]
    existing: AgendaItem | None = None  # an unlocked meeting with it already in the plan

    @cached_property
    def office(self) -> PlanPlace:
        """Where the meeting takes place (a candidate always has a place)."""
        place = PlanPlace.of(self.organisation.place)
        assert place is not None
        return place

    def value_for(self, group: frozenset[int]) -> float:
        """What meeting the host is worth to a *group* of travellers (ids): the part of its
        value that its members' goals and the delegation's give it. A meeting planning may move
        keeps its attendees: worth a little to a group they all belong to, else nothing."""
        if self.existing is not None:
            attendees = {t.id for t in self.existing.attendees}
            if not attendees or not attendees <= group:
                return 0.0
        served = set(self.goals_for(group))
        mine = sum(worth for goal, worth in zip(self.goals, self.worth, strict=True)
                   if goal in served)
        return max(mine, 0.01) if self.existing is not None else mine

    def goals_for(self, group: frozenset[int]) -> tuple[LearningGoal, ...]:
        """The goals it serves that a meeting of *group* (traveller ids; empty: everyone)
        answers: its members' own and the delegation's."""
        return tuple(goal for goal in self.goals if not group or goal.traveller_id is None
                     or goal.traveller_id in group)

    def personal_value(self, traveller: int) -> float:
        """The part of its value that the traveller's own goals give it."""
        return sum(worth for goal, worth in zip(self.goals, self.worth, strict=True)
                   if goal.traveller_id == traveller)

    def minutes(self, default: int) -> int:
        """How long the meeting lasts: as planned already, else *default*."""
        if self.existing is None:
            return default
        return round((self.existing.end - self.existing.start).total_seconds() / 60)


@dataclass(frozen=True)
class Declined:
    """A host that would have been a candidate but declined: the reason it gave."""

    candidate: Candidate
    reason: str


def declined_reasons(session: Session) -> dict[int, str]:
    """The organisations that declined to receive the delegation, and the reason each gave."""
    return {request.organisation_id: request.reason for request in session.scalars(
        select(HostRequest).where(HostRequest.state == RequestState.DECLINED))}


def candidates_for(session: Session, plan: Plan) -> list[Candidate]:
    """The candidates of the tour in *session* (*plan* is its snapshot), without the hosts
    that declined. Raises :class:`~planner.planning.prerequisites.NothingToPlan` when there is
    nothing to repair and no host worth meeting."""
    return candidates_and_declined(session, plan)[0]


def candidates_and_declined(session: Session, plan: Plan
                            ) -> tuple[list[Candidate], list[Declined]]:
    """The candidates (as :func:`candidates_for`), and the hosts that would be candidates but
    declined, with their reasons (the planning report says why they are left out)."""
    reasons = declined_reasons(session)
    found = _candidates(session, plan, set(reasons))
    return ([c for c in found if c.organisation.id not in reasons],
            [Declined(c, reasons[c.organisation.id]) for c in found
             if c.organisation.id in reasons])


def _candidates(session: Session, plan: Plan, declined: set[int]) -> list[Candidate]:
    troubled = {uid for f in Checker(plan, local_today()).check_all()
                if f.severity is Severity.ERROR for uid in f.items}
    items = session.scalars(select(AgendaItem).options(
        selectinload(AgendaItem.goals), selectinload(AgendaItem.organisation))).all()
    unlocked = {i.organisation_id: i for i in items
                if i.kind is ItemKind.MEETING and not i.locked and i.organisation_id
                and i.status is not ItemStatus.CANCELLED and i.uid in troubled
                and i.organisation_id not in declined}
    if not unlocked:  # nothing to repair: without goals and hosts there is nothing to add
        require_hosts(session, plan)
    already = {i.organisation_id for i in items
               if i.kind is ItemKind.MEETING and i.organisation_id
               and i.status is not ItemStatus.CANCELLED and i.organisation_id not in unlocked}
    goal_counts: dict[int, int] = {}
    for item in items:
        if item.organisation_id not in unlocked and item.status is not ItemStatus.CANCELLED:
            for goal in item.goals:
                goal_counts[goal.id] = goal_counts.get(goal.id, 0) + 1
    return [c for c in valued_hosts(session, goal_counts, unlocked)
            if c.organisation.id not in already]


def valued_hosts(session: Session, fixed_goal_counts: dict[int, int],
                 unlocked: dict[int, AgendaItem]) -> list[Candidate]:
    """Organisations worth meeting, valued by the goals they serve (*fixed_goal_counts*: how
    many fixed meetings serve each goal already; *unlocked*: the meetings planning may move or
    drop, by organisation)."""
    fixed = overrides(session)
    goals = session.scalars(select(LearningGoal)).all()
    orgs = session.scalars(select(Organisation).options(
        selectinload(Organisation.place), selectinload(Organisation.availability),
        selectinload(Organisation.contacts))).all()
    usable = [org for org in orgs if org.place is not None and org.availability]
    strengths = {(goal.id, org.id): match(goal, org, fixed.get((goal.id, org.id))).score
                 for goal in goals for org in usable}
    # A goal few hosts serve is worth more per host: the plan should cover every goal before it
    # serves the popular ones twice (the additive values of the solver stand in for coverage).
    hosts = {goal.id: sum(strengths[(goal.id, org.id)] >= SERVES for org in usable)
             for goal in goals}
    found = []
    for org in usable:
        value = 0.0
        served = []
        worth = []
        for goal in goals:
            strength = strengths[(goal.id, org.id)]
            if strength >= SERVES:
                served.append(goal)
                worth.append(strength * goal_value(goal.priority,
                                                   fixed_goal_counts.get(goal.id, 0))
                             / math.sqrt(hosts[goal.id]))
                value += worth[-1]
        if value > 0 or org.id in unlocked:
            found.append(Candidate(org, max(value, 0.01), tuple(served), tuple(worth),
                                   unlocked.get(org.id)))
    return found
