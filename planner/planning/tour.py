"""Plan a real tour: turn it into a planning problem, solve it, and apply the result.

* **Days**: every weekday of the tour that starts at a hotel (the previous night's) or right
  after an arrival, and ends at a hotel (that night's) or at a departure. Moving days allow time
  to check out first.
* **Fixed items** (everything locked, and every item that is not a meeting) stay exactly where
  they are; **candidates** are the organisations with a place and availability windows, valued by
  the learning goals they serve (priority-weighted, less for a goal already served by a fixed
  meeting). Unlocked meetings are candidates too: planning may move or drop them.
* **Times**: meetings fit inside the host's windows and the working day; travel times come from
  the same model and buffers as the feasibility checker, so a plan it proposes passes the checker.
* **Lunch**: on a day the checker asks a lunch break of (no meal or long journey at lunchtime
  for everyone), planning keeps one by the checker's rule: ``lunch_min`` free inside
  ``lunch_window`` (its travel settings), the trip between the stops around it not counted. The
  break is a stop without a place between two fixed stops that leave room for it (nearest
  :data:`LUNCH_AT`), free to move inside the window: a meeting before it ends by its start, and
  the meeting after it starts no earlier than its end, nor than the one before it ends plus the
  break plus the trip, so neither a meeting nor a trip eats it. Where the fixed items leave no
  room for it, planning keeps the lunch the checker finds before the day's first fixed item or
  after its last one (it counts no trip from or to the hotel) by adding nothing before or after
  it; failing that, it adds nothing inside the lunch window: the checker's warning is then the
  coordinator's own, as it was before planning.
* **Missing input**: a tour built from an empty file lacks something planning needs (travellers,
  hotel nights, goals, hosts with a place and availability...). Planning then raises
  :class:`NothingToPlan`, one sentence saying what to add, in the user's language, instead of
  failing somewhere inside the search.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.dayplan import MEETING_MINUTES as MEETING_MINUTES  # the window's too
from planner.errors import WorkFailed
from planner.feasibility.checker import Checker
from planner.feasibility.checks import Context, need_between_places
from planner.feasibility.findings import Severity
from planner.feasibility.plan import Plan, PlanItem, PlanPlace, at_local
from planner.goals import SERVES, goal_value, match, overrides
from planner.messages import N_, render
from planner.model import (
    AgendaItem,
    ItemKind,
    ItemStatus,
    LearningGoal,
    Organisation,
    Traveller,
    tour_days,
)
from planner.planning.problem import Day, LeftOut, Locked, Problem, Solution, Visit
from planner.planning.solver import solve
from planner.timezones import local_today, to_local
from planner.travel import TravelModel

GRID = 5  # minutes: travel times, windows and day starts are rounded to it
UNREACHABLE = 1e7  # minutes between nodes that never share a day
#: When planning starts the delegation's lunch break (local time) if the fixed items allow; how
#: long it lasts and the window it must lie in are the checker's (``lunch_min``, ``lunch_window``).
LUNCH_AT = time(12, 0)
#: The title of a meeting planning adds (the catalogue gives the Japanese title).
MEETING_TITLE = N_("Meeting with {name}")

#: What a tour may lack for planning, each said in one sentence that names what to add. They are
#: checked in the order a coordinator fills in a tour, so the first thing to add is named first.
NO_TRAVELLERS = N_("Add the travellers first: planning plans meetings for the delegation and "
                   "its learning goals")
NO_STAYS = N_("Add the hotel nights (Stays) first: planning plans the days between hotels")
NO_WEEKDAYS = N_("Every day of the tour falls on a weekend and planning plans meetings on "
                 "weekdays only: change the tour's dates")
NO_HOTEL_DAYS = N_("No weekday of the tour starts and ends at a hotel or a journey: add the "
                   "hotel nights (Stays) for the tour's dates")
NO_GOALS = N_("Add the learning goals first: planning chooses the hosts that serve them")
NO_TOPICS = N_("The learning goals have no topics: add topics to the goals so that planning can "
               "find the hosts that serve them")
NO_PLACES = N_("No organisation has a place: add the hosts' addresses so that planning can "
               "route the days")
NO_AVAILABILITY = N_("No host has available slots during the tour: add hosts' availability")
NO_MATCH = N_("No host available during the tour serves a learning goal: give the hosts topics "
              "that match the goals, or set a match by hand")


class NothingToPlan(WorkFailed):
    """The tour lacks something planning needs: one sentence saying what to add, as a catalogue
    template and its data, so the command line says it in English and the window in its own
    language (like :class:`planner.edits.Reason`)."""

    def __init__(self, template: str, **data: Any) -> None:
        super().__init__(template.format(**data))
        self.template, self.data = template, data

    def message(self, language: str = "en") -> str:
        return render(self.template, self.data, language)


@dataclass
class Candidate:
    """An organisation that could be met, what it is worth, and the goals it serves."""

    organisation: Organisation
    value: float
    goals: list[LearningGoal]
    existing: AgendaItem | None = None  # an unlocked meeting with it already in the plan

    def minutes(self, default: int) -> int:
        """How long the meeting lasts: as planned already, else *default*."""
        if self.existing is None:
            return default
        return round((self.existing.end - self.existing.start).total_seconds() / 60)


@dataclass
class Change:
    """One meeting the plan adds, moves or drops, and why."""

    action: str  # "added", "moved", "dropped"
    organisation: str
    start: datetime | None
    end: datetime | None
    zone: str
    goals: list[str]
    uid: str = ""
    #: Which organisation (names need not be unique in a directory).
    organisation_id: int = 0

    def as_json(self) -> dict[str, Any]:
        def local(moment: datetime | None) -> str | None:
            return to_local(moment, self.zone).isoformat() if moment else None

        return {"action": self.action, "organisation": self.organisation,
                "start": local(self.start), "end": local(self.end), "goals": self.goals,
                "uid": self.uid}


@dataclass
class PlanProposal:
    """What planning proposes, with the reasons, before (or after) it is applied."""

    changes: list[Change] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # organisation, reason
    conflicts: list[str] = field(default_factory=list)
    coverage_before: float = 0.0
    coverage_after: float = 0.0
    errors_after: int = 0
    seconds: float = 0.0
    iterations: int = 0
    planned_days: list[date] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"changes": [c.as_json() for c in self.changes],
                "left_out": [{"organisation": o, "reason": r} for o, r in self.left_out],
                "conflicts": self.conflicts,
                "coverage_before": round(self.coverage_before, 4),
                "coverage_after": round(self.coverage_after, 4),
                "errors_after": self.errors_after, "seconds": round(self.seconds, 2),
                "iterations": self.iterations,
                "days": [d.isoformat() for d in self.planned_days]}


@dataclass
class _Node:
    """A row of the travel matrix: where the delegation arrives, and where it leaves from."""

    arrive: PlanPlace
    leave: PlanPlace
    kind: ItemKind | None = None  # the fixed item's kind (check-in before trains and flights)


@dataclass
class _PlannedDay:
    """A day planning routes, as its lunch break needs it (times in minutes since the origin)."""

    index: int
    day: date
    fixed: list[PlanItem]  # every fixed item of the day, as the checker sees them
    #: The day's route before planning, in order: its start (node, open, open), the fixed items
    #: (node, start, end on the grid) and its end (node, close, close).
    route: list[tuple[int, float, float]]
    placeless: list[tuple[float, float]]  # fixed items without a place (not on the route)
    zone: str  # where the day starts


def candidates(session: Session, fixed_goal_counts: dict[int, int],
               unlocked: dict[int, AgendaItem]) -> list[Candidate]:
    """Organisations worth meeting, valued by the goals they serve."""
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
        for goal in goals:
            strength = strengths[(goal.id, org.id)]
            if strength >= SERVES:
                served.append(goal)
                value += strength * goal_value(goal.priority, fixed_goal_counts.get(goal.id, 0)) \
                    / math.sqrt(hosts[goal.id])
        if value > 0 or org.id in unlocked:
            found.append(Candidate(org, max(value, 0.01), served, unlocked.get(org.id)))
    return found


def _minutes(moment: datetime, origin: datetime) -> float:
    return (moment - origin).total_seconds() / 60.0


def propose(session: Session, *, seconds: float = 10.0, seed: int | None = 0,
            meeting_minutes: int = MEETING_MINUTES, max_iterations: int | None = None,
            progress: Callable[[int, float, float], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> tuple[PlanProposal, dict[str, Any]]:
    """Plan the tour in *session* (read only); returns the proposal and what applying needs."""
    from planner.goals import coverage

    plan = Plan.from_session(session)
    if all(day.weekday() >= 5 for day in tour_days(plan.start_date, plan.end_date)):
        raise NothingToPlan(NO_WEEKDAYS)
    if not plan.travellers:
        raise NothingToPlan(NO_TRAVELLERS)
    if not plan.stays:
        raise NothingToPlan(NO_STAYS)
    ctx = Context(plan, TravelModel(plan.settings), local_today())
    troubled = {uid for f in Checker(plan, local_today()).check_all()
                if f.severity is Severity.ERROR for uid in f.items}
    proposal = PlanProposal(coverage_before=coverage(session).score)
    items = {i.uid: i for i in session.scalars(select(AgendaItem).options(
        selectinload(AgendaItem.goals), selectinload(AgendaItem.organisation)))}
    # Meetings the coordinator placed stay where they are unless the checker finds them in
    # trouble: planning completes and repairs a plan, it does not reshuffle a working one.
    unlocked = {i.organisation_id: i for i in items.values()
                if i.kind is ItemKind.MEETING and not i.locked and i.organisation_id
                and i.status is not ItemStatus.CANCELLED and i.uid in troubled}
    if not unlocked:  # nothing to repair: without goals and hosts there is nothing to add
        lacking = _lacking_hosts(session, plan)
        if lacking is not None:
            raise NothingToPlan(lacking)
    already = {i.organisation_id for i in items.values()
               if i.kind is ItemKind.MEETING and i.organisation_id
               and i.status is not ItemStatus.CANCELLED and i.organisation_id not in unlocked}
    goal_counts: dict[int, int] = {}
    for item in items.values():
        if item.organisation_id not in unlocked and item.status is not ItemStatus.CANCELLED:
            for goal in item.goals:
                goal_counts[goal.id] = goal_counts.get(goal.id, 0) + 1
    found = [c for c in candidates(session, goal_counts, unlocked)
             if c.organisation.id not in already]
    movable = {c.existing.uid for c in found if c.existing is not None}
    fixed_items = [plan_item for plan_item in plan.items.values()
                   if plan_item.status is not ItemStatus.CANCELLED
                   and plan_item.uid not in movable]
    origin = datetime.combine(plan.start_date - timedelta(days=1), time(0), tzinfo=UTC)
    s = plan.settings

    nodes: list[_Node] = []
    visits: list[Visit] = []
    locked: list[Locked] = []
    days: list[Day] = []
    day_dates: list[date] = []
    fixed_by_day: dict[date, list[PlanItem]] = {}
    for plan_item in fixed_items:
        fixed_by_day.setdefault(plan_item.day, []).append(plan_item)

    def node_for(arrive: PlanPlace, leave: PlanPlace, kind: ItemKind | None = None) -> int:
        nodes.append(_Node(arrive, leave, kind))
        return len(nodes) - 1

    offices = [PlanPlace.of(c.organisation.place) for c in found]
    candidate_nodes = [node_for(office, office) for office in offices if office is not None]
    windows: list[list[tuple[float, float]]] = [[] for _ in found]
    fixed_visit: dict[str, int] = {}
    #: node of a fixed item -> how far its end lies before the grid: the solver sees it end on
    #: the grid (a train at 15:34 ends at 15:35), so a meeting after it, or after a lunch break
    #: after it, starts on the grid too; trips to fixed items and hotels are that much shorter.
    padding: dict[int, float] = {}
    planned: list[_PlannedDay] = []
    for day in tour_days(plan.start_date, plan.end_date):
        if day.weekday() >= 5:
            continue
        todays = sorted(fixed_by_day.get(day, []), key=lambda i: i.start)
        before = plan.hotel_for_night(day - timedelta(days=1))
        tonight = plan.hotel_for_night(day)
        start_node = end_node = -1
        open_at = close_at = 0.0
        route_fixed = list(todays)
        if before is not None:
            start_node = node_for(before, before)
            departure = at_local(day, time.fromisoformat(s.earliest_departure), before.zone)
            if tonight is not None and tonight.id != before.id:
                departure += timedelta(minutes=s.checkout_min)
            open_at = _grid_up(_minutes(departure, origin))
        elif route_fixed:
            first = route_fixed.pop(0)  # the day starts when this (an arrival) ends
            place = first.end_place
            if place is None:
                continue
            start_node = node_for(place, place)
            open_at = _grid_up(_minutes(first.end, origin) + (
                s.airport_exit_min if first.kind is ItemKind.FLIGHT else 0.0))
        else:
            continue
        if tonight is not None:
            end_node = node_for(tonight, tonight)
            close_at = _minutes(at_local(day, time.fromisoformat(s.latest_return),
                                         tonight.zone), origin)
        elif route_fixed:
            last = route_fixed.pop()  # the day ends by boarding this (a departure)
            if last.place is None:
                continue
            end_node = node_for(last.place, last.place, last.kind)
            close_at = _minutes(last.start, origin)
        else:
            continue
        if close_at <= open_at:
            continue  # arriving after the day's end, or leaving before it starts: no room
        index = len(days)
        days.append(Day(start_node, end_node, open_at, close_at))
        day_dates.append(day)
        route: list[tuple[int, float, float]] = [(start_node, open_at, open_at)]
        placeless: list[tuple[float, float]] = []
        for plan_item in route_fixed:
            begins = _minutes(plan_item.start, origin)
            ends = _minutes(plan_item.end, origin)
            if plan_item.place is None:
                placeless.append((begins, ends))
                continue
            node = node_for(plan_item.place, plan_item.end_place or plan_item.place,
                            plan_item.kind)
            padding[node] = _grid_up(ends) - ends
            fixed_visit[plan_item.uid] = len(found) + len(locked)
            locked.append(Locked(len(found) + len(locked), index, begins))
            visits.append(Visit(0.0, _grid_up(ends) - begins, ((0.0, 0.0),), node))
            route.append((node, begins, _grid_up(ends)))
        route.append((end_node, close_at, close_at))
        planned.append(_PlannedDay(index, day, todays, route, placeless, nodes[start_node].leave
                                   .zone))
        for n, candidate in enumerate(found):
            office_zone = offices[n].zone  # type: ignore[union-attr]
            length = timedelta(minutes=candidate.minutes(meeting_minutes))
            work0 = at_local(day, plan.day_start, office_zone)
            work1 = at_local(day, plan.day_end, office_zone) - length
            for w in candidate.organisation.availability:
                lo, hi = max(w.start, work0), min(w.end - length, work1)
                lo_minutes = _grid_up(_minutes(lo, origin))
                hi_minutes = _grid_down(_minutes(hi, origin))
                if lo_minutes <= hi_minutes:
                    windows[n].append((lo_minutes, hi_minutes))
    if not days:
        raise NothingToPlan(NO_HOTEL_DAYS)
    # Fixed visits were appended after the candidates: put the candidates first.
    all_visits = [Visit(c.value, float(c.minutes(meeting_minutes)), tuple(windows[n]),
                        candidate_nodes[n]) for n, c in enumerate(found)] + visits
    # Travel is only needed between nodes that can share a day: the rest stay unreachable.
    size = len(nodes)
    travel = np.full((size, size), UNREACHABLE)
    np.fill_diagonal(travel, 0.0)
    same_day: list[set[int]] = [set() for _ in days]
    for r, route_day in enumerate(days):
        same_day[r] |= {route_day.start_node, route_day.end_node}
    for lock in locked:
        same_day[lock.day].add(all_visits[lock.visit].node)
    for n, visit_windows in enumerate(windows):
        for r, route_day in enumerate(days):
            if any(o <= route_day.close and c >= route_day.open for o, c in visit_windows):
                same_day[r].add(candidate_nodes[n])
    cache: dict[tuple[int, int, bool, ItemKind | None], float] = {}
    candidate_set = set(candidate_nodes)
    for members in same_day:
        for i in members:
            for j in members:
                if i == j:
                    continue
                key = (nodes[i].leave.id, nodes[j].arrive.id, nodes[i].kind is ItemKind.FLIGHT,
                       nodes[j].kind)
                if key not in cache:
                    need = need_between_places(ctx, nodes[i].leave, nodes[j].arrive, key[2],
                                               key[3])
                    cache[key] = _grid_up(float(need.minutes))
                travel[i, j] = cache[key]
                if i in padding and j not in candidate_set:
                    travel[i, j] -= padding[i]  # it really ends off the grid (see padding)
    breaks = _lunch_breaks(plan, planned, travel, same_day, [
        (candidate_nodes[n], offices[n].zone,  # type: ignore[union-attr]
         float(c.minutes(meeting_minutes))) for n, c in enumerate(found)], origin)
    for planned_day, kept in breaks:
        if len(kept) == 2:  # no room for a break: add nothing inside these times
            for n, c in enumerate(found):
                all_visits[n] = _without_starts(all_visits[n], kept[0] - c.minutes(
                    meeting_minutes), kept[1])
            continue
        moment, earliest, latest = kept
        locked.append(Locked(len(all_visits), planned_day.index, moment, floating=True))
        all_visits.append(Visit(0.0, _grid_up(s.lunch_min), ((earliest, latest),),
                                len(travel), anywhere=True))
        travel = np.pad(travel, ((0, 1), (0, 1)))  # never read: a break has no place
    never = ((1e12, 1e12),)  # no window on any planned day: the solver reports "no slot"
    all_visits = [replace(v, windows=tuple(sorted(v.windows)) or never) for v in all_visits]
    problem = Problem(all_visits, days, travel, locked)
    solution = solve(problem, seconds=seconds, seed=seed, progress=progress, cancel=cancel,
                     max_iterations=max_iterations)
    proposal.conflicts = [
        f"{day_dates[r].isoformat()}: the fixed items of this day "
        "overlap or cannot be reached in time (parallel tracks, or a problem to fix by hand); "
        "nothing was added to it" for r in solution.broken_days]
    proposal.seconds, proposal.iterations = solution.seconds, solution.iterations
    proposal.planned_days = day_dates
    chosen = _chosen(found, solution, origin, meeting_minutes)
    for n, candidate in enumerate(found):
        if n in chosen:
            continue
        reason = str(solution.left_out.get(n, LeftOut.LOW_VALUE))
        if candidate.existing is not None:
            proposal.changes.append(Change("dropped", candidate.organisation.name,
                                           candidate.existing.start, candidate.existing.end,
                                           candidate.existing.zone,
                                           [g.title for g in candidate.goals],
                                           candidate.existing.uid, candidate.organisation.id))
        proposal.left_out.append((candidate.organisation.name, reason))
    for n, (start, end) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
        candidate = found[n]
        zone = candidate.organisation.place.zone  # type: ignore[union-attr]
        existing = candidate.existing
        if existing is not None and existing.start == start and existing.end == end:
            continue
        action = "moved" if existing is not None else "added"
        proposal.changes.append(Change(action, candidate.organisation.name, start, end, zone,
                                       [g.title for g in candidate.goals],
                                       existing.uid if existing else "",
                                       candidate.organisation.id))
    return proposal, {"found": found, "chosen": chosen}


def lunch_needed(plan: Plan, day: date, fixed: list[PlanItem]) -> bool:
    """Whether the checker asks a lunch break of anyone on *day* with the *fixed* items (in time
    order): its exemption, a meal or a journey of ``onboard_meal_min`` or more in someone's lunch
    window (read in the zone of their first item), must hold for every traveller."""
    s = plan.settings
    first, last = (time.fromisoformat(text) for text in s.lunch_window.split("-"))
    onboard = timedelta(minutes=s.onboard_meal_min)
    for traveller in plan.travellers:
        mine = [i for i in fixed if traveller in plan.attendees(i)]
        if not mine:
            return True
        w0, w1 = at_local(day, first, mine[0].zone), at_local(day, last, mine[0].zone)
        if not any(i.start < w1 and i.end > w0 and (i.kind is ItemKind.MEAL or (
                i.is_journey and i.end - i.start >= onboard)) for i in mine):
            return True
    return False


def _lunch_breaks(plan: Plan, planned: list[_PlannedDay], travel: NDArray[np.float64],
                  same_day: list[set[int]], offices: list[tuple[int, str, float]],
                  origin: datetime
                  ) -> list[tuple[_PlannedDay, tuple[float, float] | tuple[float, float, float]]]:
    """Where each planned day that needs one keeps its lunch break: between which of its stops
    (a minute between them) and in which window (the checker's lunch window, less the break), or
    (no room for one) the times to keep free of new meetings: before the day's first fixed item
    or after its last one, where the checker finds lunch in the day as it is, else the lunch
    window.

    The break lies inside the checker's lunch window in every zone the checker may read it in:
    the zone of each traveller's first fixed item, or of the office of a meeting planned before
    it (*offices*: node, zone and minutes of each candidate). It goes between the two stops of the
    day before planning that leave room for it and the trip between them (with the checker's
    rule: the gap less the trip), nearest :data:`LUNCH_AT`; it floats in its window as meetings
    are added around it.
    """
    length = _grid_up(plan.settings.lunch_min)
    breaks: list[tuple[_PlannedDay, tuple[float, float] | tuple[float, float, float]]] = []
    for planned_day in planned:
        day = planned_day.day
        if not lunch_needed(plan, day, planned_day.fixed):
            continue
        start_node, open_at, _ = planned_day.route[0]
        end_node, close_at, _ = planned_day.route[-1]
        firsts = {mine[0].zone for traveller in plan.travellers
                  if (mine := [i for i in planned_day.fixed if traveller in plan.attendees(i)])}
        today = {zone for node, zone, minutes in offices if node in same_day[planned_day.index]
                 and travel[start_node, node] + minutes + travel[node, end_node]
                 <= close_at - open_at}
        choices = [(firsts | today) or {planned_day.zone}, firsts | {planned_day.zone},
                   {planned_day.zone}]
        windows = [_lunch_window(plan, day, zones, origin) for zones in choices]
        w0, w1 = next((w for w in windows if w[1] - w[0] >= length), windows[-1])
        prefer = _grid_up(_minutes(at_local(day, LUNCH_AT, planned_day.zone), origin))
        earliest, latest = _grid_up(w0), _grid_down(w1 - length)
        best: float | None = None
        for (before, _, free_from), (after, free_until, _) in itertools.pairwise(
                planned_day.route):
            if any(u0 < free_until and u1 > free_from for u0, u1 in planned_day.placeless):
                continue  # the checker sees an item there that the route does not
            begin = max(free_from, earliest)
            if begin > min(latest, free_until - length) or max(
                    begin + length, free_from + length + travel[before, after]) > free_until:
                continue
            moment = min(max(prefer, begin), latest, free_until - length)
            if best is None or abs(moment - prefer) < abs(best - prefer):
                best = moment
        if best is not None:
            breaks.append((planned_day, (best, earliest, latest)))
            continue
        # No room for a break: the checker may still find lunch before the day's first item
        # or after its last one (it counts no trip from or to the hotel): keep that as it is,
        # by adding nothing before the first, or after the last, whichever leaves more room.
        lunch_min = plan.settings.lunch_min
        edges: list[tuple[float, tuple[float, float]]] = []
        if planned_day.fixed:
            first = _minutes(planned_day.fixed[0].start, origin)
            last = planned_day.fixed[-1]
            last_start, last_end = _minutes(last.start, origin), _minutes(last.end, origin)
            if min(first, w1) - w0 >= lunch_min:
                edges.append((first - open_at, (open_at - 1, first)))
            if w1 - max(last_end, w0) >= lunch_min:
                edges.append((close_at - last_start, (last_start, close_at + 1)))
        if edges:
            breaks.append((planned_day, min(edges)[1]))
            continue
        # The fixed items take the lunch window: the coordinator's warning, as it was.
        each = [_lunch_window(plan, day, {zone}, origin)
                for zone in choices[0] | {planned_day.zone}]
        breaks.append((planned_day, (min(w[0] for w in each), max(w[1] for w in each))))
    return breaks


def _lunch_window(plan: Plan, day: date, zones: set[str], origin: datetime) -> tuple[float, float]:
    """The checker's lunch window on *day* as it is in every one of *zones* (minutes)."""
    first, last = (time.fromisoformat(text) for text in plan.settings.lunch_window.split("-"))
    return (max(_minutes(at_local(day, first, zone), origin) for zone in zones),
            min(_minutes(at_local(day, last, zone), origin) for zone in zones))


def _without(lo: float, hi: float, a: float, b: float) -> list[tuple[float, float]]:
    """The starts in [lo, hi] (on the grid) outside the open interval (a, b)."""
    if hi <= a or lo >= b:
        return [(lo, hi)]
    pieces = [(lo, _grid_down(a)), (_grid_up(b), hi)]
    return [(x, y) for x, y in pieces if x <= y]


def _without_starts(visit: Visit, a: float, b: float) -> Visit:
    """*visit* with no start in the open interval (a, b): it neither overlaps nor touches it."""
    return replace(visit, windows=tuple(piece for lo, hi in visit.windows
                                        for piece in _without(lo, hi, a, b)))


def _lacking_hosts(session: Session, plan: Plan) -> str | None:
    """What the tour lacks for planning to find any host worth meeting (a catalogue template),
    or None: goals, goals with topics (or the coordinator's own matches), organisations with a
    place, available during the tour, serving a goal."""
    goals = session.scalars(select(LearningGoal)).all()
    if not goals:
        return NO_GOALS
    fixed = overrides(session)
    if not any(goal.topics for goal in goals) and not any(v >= SERVES for v in fixed.values()):
        return NO_TOPICS
    orgs = session.scalars(select(Organisation).options(
        selectinload(Organisation.place), selectinload(Organisation.availability))).all()
    placed = [(org, org.place) for org in orgs if org.place is not None]
    if not placed:
        return NO_PLACES
    available = [org for org, place in placed if any(
        w.end > at_local(plan.start_date, time(0), place.zone)
        and w.start < at_local(plan.end_date + timedelta(days=1), time(0), place.zone)
        for w in org.availability)]
    if not available:
        return NO_AVAILABILITY
    if not any(match(goal, org, fixed.get((goal.id, org.id))).score >= SERVES
               for goal in goals for org in available):
        return NO_MATCH
    return None


def _grid_up(minutes: float) -> float:
    """Up to the next multiple of five minutes: plans read 10:35, not 10:33."""
    return float(math.ceil(minutes / GRID - 1e-9) * GRID)


def _grid_down(minutes: float) -> float:
    return float(math.floor(minutes / GRID + 1e-9) * GRID)


def _chosen(found: list[Candidate], solution: Solution, origin: datetime,
            meeting_minutes: int) -> dict[int, tuple[datetime, datetime]]:
    chosen = {}
    for route in solution.routes:
        for stop in route:
            if stop.visit < len(found):
                start = origin + timedelta(minutes=math.ceil(stop.start - 1e-6))
                length = timedelta(minutes=found[stop.visit].minutes(meeting_minutes))
                chosen[stop.visit] = (start, start + length)
    return chosen


def apply(session: Session, proposal: PlanProposal, context: dict[str, Any]) -> None:
    """Apply *proposal* in *session* (the caller commits): add, move and drop meetings."""
    found: list[Candidate] = context["found"]
    by_id = {c.organisation.id: c for c in found}
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position)))
    for change in proposal.changes:
        candidate = by_id[change.organisation_id]
        if change.action == "dropped" and candidate.existing is not None:
            session.delete(candidate.existing)
        elif change.action == "moved" and candidate.existing is not None:
            assert change.start is not None and change.end is not None
            candidate.existing.start, candidate.existing.end = change.start, change.end
        elif change.action == "added":
            org = candidate.organisation
            assert change.start is not None and change.end is not None and org.place
            meeting = AgendaItem(
                kind=ItemKind.MEETING, title=render(MEETING_TITLE, {"name": org.name}),
                title_ja=render(MEETING_TITLE, {"name": org.name_ja or org.name}, "ja"),
                start=change.start, end=change.end, zone=org.place.zone, place=org.place,
                organisation=org,
                status=ItemStatus.IDEA, attendees=travellers, hosts=list(org.contacts),
                goals=list(candidate.goals),
                notes="Proposed by automatic planning: " + "; ".join(change.goals))
            session.add(meeting)
            session.flush()
            change.uid = meeting.uid


def review(session: Session, proposal: PlanProposal, context: dict[str, Any]) -> None:
    """Fill in what the proposal would leave behind (coverage, errors) by applying it in a
    savepoint and rolling that back: the tour in *session* is unchanged afterwards, and
    :func:`apply` can still apply the proposal."""
    from planner.goals import coverage

    with session.begin_nested() as savepoint:
        apply(session, proposal, context)
        session.flush()
        proposal.coverage_after = coverage(session).score
        findings = Checker(Plan.from_session(session), local_today()).check_all()
        proposal.errors_after = sum(f.severity is Severity.ERROR for f in findings)
        savepoint.rollback()
    for change in proposal.changes:
        if change.action == "added":
            change.uid = ""  # the rolled-back item; applying makes the real one
