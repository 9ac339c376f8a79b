"""Plan a real tour: propose a plan, review what it would leave behind, apply it.

:func:`propose` reads the tour (read only) and builds the planning problem from it in pieces:
what the tour must have (:mod:`~planner.planning.prerequisites`), the hosts worth meeting
(:mod:`~planner.planning.candidates`), the days routed around the fixed items
(:mod:`~planner.planning.days`), when each host may be met (:mod:`~planner.planning.windows`),
the travel between stops from the checker's own model (:mod:`~planner.planning.travel_matrix`)
and the lunch break the checker asks for (:mod:`~planner.planning.lunch`), all put together by
:mod:`~planner.planning.tour_problem`. It solves the problem (:mod:`~planner.planning.solver`)
and returns what the solution changes (:mod:`~planner.planning.proposal`), keyed by record
ids: so a plan it proposes passes the checker, and two organisations of one name stay two.

:func:`review` says what a proposal would leave behind (coverage, the delegation's and each
traveller's, and errors) without changing the tour; :func:`apply` makes the changes, each
meeting it adds for the travellers of the route it is on. The window's planning dialog and the
command line's ``plan`` both propose, review, then apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.dayplan import MEETING_MINUTES as MEETING_MINUTES  # the window's too
from planner.feasibility.checker import Checker
from planner.feasibility.checks import Context
from planner.feasibility.findings import Severity
from planner.feasibility.plan import Plan
from planner.messages import N_, render
from planner.model import AgendaItem, ItemKind, ItemStatus, LearningGoal, Organisation, Traveller
from planner.planning.candidates import candidates_and_declined
from planner.planning.prerequisites import require_delegation_and_days
from planner.planning.proposal import Action, PlanProposal, TravellerCoverage, build_proposal
from planner.planning.solver import Progress, solve
from planner.planning.tour_problem import tour_problem
from planner.timezones import local_today
from planner.travel import TravelModel

#: The title of a meeting planning adds (the catalogue gives the Japanese title).
MEETING_TITLE = N_("Meeting with {name}")


def propose(session: Session, *, seconds: float = 10.0, seed: int | None = 0,
            meeting_minutes: int = MEETING_MINUTES, max_iterations: int | None = None,
            progress: Progress | None = None,
            cancel: Callable[[], bool] | None = None,
            stop_when_stale: bool = True) -> PlanProposal:
    """Plan the tour in *session* (read only). Raises
    :class:`~planner.planning.prerequisites.NothingToPlan` when the tour lacks something
    planning needs."""
    from planner.goals import coverage

    plan = Plan.from_session(session)
    require_delegation_and_days(plan)
    found, declined = candidates_and_declined(session, plan)
    coverage_before = coverage(session).score
    tour = tour_problem(plan, Context(plan, TravelModel(plan.settings), local_today()), found,
                        meeting_minutes)
    solution = solve(tour.problem, seconds=seconds, seed=seed, progress=progress,
                     cancel=cancel, max_iterations=max_iterations,
                     stop_when_stale=stop_when_stale)
    return replace(build_proposal(tour, solution, coverage_before, declined),
                   coverage_by_traveller=tuple(
                       TravellerCoverage(traveller.id, traveller.name, score)
                       for traveller, score in _coverage_by_traveller(session)))


def review(session: Session, proposal: PlanProposal) -> PlanProposal:
    """*proposal* with what it would leave behind (coverage, errors), found by applying it in a
    savepoint and rolling that back: the tour in *session* is unchanged afterwards."""
    from planner.goals import coverage

    with session.begin_nested() as savepoint:
        apply(session, proposal)
        session.flush()
        coverage_after = coverage(session).score
        after = {traveller.id: score for traveller, score in _coverage_by_traveller(session)}
        findings = Checker(Plan.from_session(session), local_today()).check_all()
        errors_after = sum(f.severity is Severity.ERROR for f in findings)
        savepoint.rollback()
    return replace(proposal, coverage_after=coverage_after, errors_after=errors_after,
                   coverage_by_traveller=tuple(
                       replace(mine, after=after.get(mine.traveller_id, 0.0))
                       for mine in proposal.coverage_by_traveller))


def _coverage_by_traveller(session: Session) -> list[tuple[Traveller, float]]:
    """Each traveller's coverage score (:func:`planner.goals.coverage` for her), in delegation
    order."""
    from planner.goals import coverage

    return [(traveller, coverage(session, traveller).score) for traveller in
            session.scalars(select(Traveller).order_by(Traveller.position, Traveller.id))]


def apply(session: Session, proposal: PlanProposal) -> PlanProposal:
    """Apply *proposal* in *session* (the caller commits): add, move and drop meetings, each
    found by its record's key; an added meeting is attended by the travellers its change names
    (the group whose route it is on), else by everyone. Returns the proposal as applied: an
    added meeting's change carries its new uid."""
    uids = [change.uid for change in proposal.changes if change.uid]
    items = {item.uid: item
             for item in session.scalars(select(AgendaItem).where(AgendaItem.uid.in_(uids)))}
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position)))
    by_id = {traveller.id: traveller for traveller in travellers}
    applied = []
    for change in proposal.changes:
        if change.action is Action.DROPPED:
            session.delete(items[change.uid])
        elif change.action is Action.MOVED:
            assert change.start is not None and change.end is not None
            items[change.uid].start, items[change.uid].end = change.start, change.end
        else:
            org = session.get_one(Organisation, change.organisation_id)
            assert change.start is not None and change.end is not None and org.place
            meeting = AgendaItem(
                kind=ItemKind.MEETING, title=render(MEETING_TITLE, {"name": org.name}),
                title_ja=render(MEETING_TITLE, {"name": org.name_ja or org.name}, "ja"),
                start=change.start, end=change.end, zone=org.place.zone, place=org.place,
                organisation=org,
                status=ItemStatus.IDEA,
                attendees=[by_id[t] for t in change.attendee_ids] if change.attendee_ids
                else travellers, hosts=list(org.contacts),
                goals=[session.get_one(LearningGoal, goal) for goal in change.goal_ids],
                notes="Proposed by automatic planning: " + "; ".join(change.goals))
            session.add(meeting)
            session.flush()
            change = replace(change, uid=meeting.uid)
        applied.append(change)
    return replace(proposal, changes=tuple(applied))
