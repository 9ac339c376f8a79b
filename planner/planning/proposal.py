"""What planning proposes: meetings to add, move and drop (and who of the delegation goes:
a meeting added on a group's route is that group's), hosts left out and why, days it left
alone, each traveller's coverage; built from the solver's solution, keyed by record ids.

The results are frozen: reviewing a proposal (:func:`planner.planning.tour.review`) or applying
it (:func:`planner.planning.tour.apply`) returns a new one. Reasons are codes
(:class:`~planner.planning.problem.LeftOut`, a day whose fixed items conflict); the words users
read are made from them where they are shown (:meth:`LeftOutHost.reason_text`,
:meth:`PlanProposal.conflict_messages`), in English or Japanese from the message catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from planner.feasibility.plan import PlanPlace
from planner.formatting import format_day
from planner.messages import N_, render, translate
from planner.planning.candidates import Declined
from planner.planning.grid import grid_down
from planner.planning.problem import DayFact, LeftOut, Solution, Stopped
from planner.planning.tour_problem import TourProblem
from planner.timezones import to_local

#: The words for why a host is left out (the command line's JSON shows the code), then the
#: sentence with the numbers: which day, how far from which place, which window.
LEFT_OUT_TEXT = {LeftOut.NO_SLOT: N_("no slot"), LeftOut.TOO_FAR: N_("too far"),
                 LeftOut.LOW_VALUE: N_("low value"), LeftOut.NO_ROOM: N_("no room"),
                 LeftOut.DAY_LEFT_ALONE: N_("day left alone"),
                 LeftOut.APART: N_("attendees apart"),
                 LeftOut.DECLINED: N_("declined")}
#: A host that declined, when it gave no reason.
NO_REASON = N_("it gave no reason")
NO_SLOT = N_("none of its available times ({windows}) falls within the working hours of a day "
             "planning routes ({days})")
DAY_LEFT_ALONE = N_("its time falls only on days whose fixed items conflict, which planning "
                    "leaves alone ({days})")
APART = N_("its attendees travel in different groups whenever it could be held ({days}); keep "
           "the delegation together on one of those days, or change who attends it")
NO_ROOM = N_("{day}: its time {window} is taken by {items}")
NO_ROOM_HOURS = N_("{day}: its time {window} falls outside the hours the delegation has that "
                   "day ({free_from}–{free_to})")
LUNCH = N_("the lunch break")
TOO_FAR = N_("{day}: the trip from {origin} takes {origin_minutes} min "
             "({origin_km} km{origin_wait}) and on to {onward} {onward_minutes} min "
             "({onward_km} km{onward_wait}), which leaves no room for the {minutes}-minute "
             "meeting between {free_from} and {free_to} (its time: {window})")
TOO_FAR_THERE_AND_BACK = N_("{day}: {origin} is {origin_minutes} min "
                            "({origin_km} km{origin_wait}) away, each way, which leaves no "
                            "room for the {minutes}-minute meeting between {free_from} and "
                            "{free_to} (its time: {window})")
LOW_VALUE = N_("it would fit {days}, but that time went to meetings worth more: {chosen}")
OTHER_MEETINGS = N_("others of that day")
SERVES = N_("it would serve: {goals}")
#: The part of a trip spent at an airport or a station (baggage, check-in), when it is some.
WAIT = N_(", {minutes} min of it at the airport or station")
#: Why the search stopped, and when (seconds with one decimal).
STOPPED_TEXT = {
    Stopped.NO_BETTER: N_("stopped after {seconds} s: no better plan found for {stale} s"),
    Stopped.TIME: N_("stopped at the time limit after {seconds} s; the last better plan was "
                     "found {stale} s before"),
    Stopped.ITERATIONS: N_("stopped after {iterations} iterations ({seconds} s), as asked"),
    Stopped.CANCELLED: N_("stopped after {seconds} s, as asked: the best plan found so far"),
    Stopped.NOTHING_TO_CHOOSE: N_("nothing to search: no host can be added or moved"),
}
#: How many days a reason names (the rest are counted).
DAYS_NAMED = 3
MORE_DAYS = N_("{count} more days")
#: A day whose fixed items conflict among themselves: planning leaves it as it is (a day the
#: delegation splits: the day of the group whose fixed items conflict).
CONFLICT = N_("{day}: the fixed items of this day overlap for a traveller or cannot be reached "
              "in time (a problem to fix by hand); nothing was added to it")
CONFLICT_GROUP = N_("{day}: the fixed items of {names} overlap or cannot be reached in time (a "
                    "problem to fix by hand); nothing was added to their day")
#: Who goes to a meeting, when it is not the whole delegation.
FOR_SOME = N_("for {names} only")


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
    #: Who attends it (ids and names in delegation order): an added meeting, the group whose
    #: route it is on; ``everyone`` when that is the whole delegation.
    attendee_ids: tuple[int, ...] = ()
    attendees: tuple[str, ...] = ()
    everyone: bool = True

    def who_text(self, language: str = "en") -> str:
        """Who goes, when it is not everyone ("for Kenji Takahashi, Aiko Yamamoto only");
        "" for the whole delegation."""
        if self.everyone:
            return ""
        return render(FOR_SOME, {"names": ", ".join(self.attendees)}, language)

    def as_json(self) -> dict[str, Any]:
        def local(moment: datetime | None) -> str | None:
            return to_local(moment, self.zone).isoformat() if moment else None

        return {"action": str(self.action), "organisation": self.organisation,
                "start": local(self.start), "end": local(self.end), "goals": list(self.goals),
                "uid": self.uid, "attendees": list(self.attendees),
                "attendee_ids": list(self.attendee_ids), "everyone": self.everyone}


@dataclass(frozen=True)
class DayReason:
    """One day's part of why a host is left out, from the solver's facts
    (:class:`~planner.planning.problem.DayFact`) in the tour's terms: times aware, places and
    items by name, distances from the travel model."""

    day: date
    fit: LeftOut
    window: tuple[datetime, datetime]  # the earliest and latest start that day
    origin: str = ""  # TOO_FAR: where it would be reached from, and how far that is
    origin_km: float = 0.0
    origin_wait: int = 0  # minutes of the trip at an airport or station
    origin_minutes: int = 0
    onward: str = ""  # where the delegation goes next, and how far that is
    onward_km: float = 0.0
    onward_wait: int = 0
    onward_minutes: int = 0
    free: tuple[datetime, datetime] | None = None  # the time free between the two
    taken_by: tuple[str, ...] = ()  # NO_ROOM: the fixed items in its time ("": the lunch)
    chosen: tuple[str, ...] = ()  # LOW_VALUE: the hosts planned in its time that day

    def as_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "fit": str(self.fit),
                "window": [moment.isoformat() for moment in self.window],
                **({"origin": self.origin, "origin_km": round(self.origin_km, 1),
                    "origin_minutes": self.origin_minutes, "onward": self.onward,
                    "onward_km": round(self.onward_km, 1),
                    "onward_minutes": self.onward_minutes} if self.origin else {}),
                **({"free": [moment.isoformat() for moment in self.free]}
                   if self.free else {}),
                **({"taken_by": list(self.taken_by)} if self.fit is LeftOut.NO_ROOM else {}),
                **({"chosen": list(self.chosen)} if self.fit is LeftOut.LOW_VALUE else {})}


@dataclass(frozen=True)
class LeftOutHost:
    """A candidate host planning did not plan a meeting with, and why: the code, and the facts
    of the days its time meets (:meth:`reason_text` says them in a sentence)."""

    organisation_id: int
    organisation: str  # its name, to show
    reason: LeftOut
    zone: str = "UTC"  # its office's, in which its times are said
    minutes: int = 0  # how long the meeting would last
    days: tuple[DayReason, ...] = ()
    windows: tuple[tuple[datetime, datetime], ...] = ()  # its available times (NO_SLOT)
    planned_days: tuple[date, ...] = ()  # the days planning routes (NO_SLOT)
    goals: tuple[str, ...] = ()  # the goals it would serve
    goals_ja: tuple[str, ...] = ()  # their Japanese titles (the English where none)
    declined: str = ""  # DECLINED: the reason the host gave (its request's)

    def label(self, language: str = "en") -> str:
        """The reason in two words ("too far")."""
        return translate(LEFT_OUT_TEXT[self.reason], language)

    def reason_text(self, language: str = "en") -> str:
        """Why, in a sentence with the numbers: which day, how far from which place, which
        window; for a host worth too little, the goals it would serve and what took its time."""
        days = [fact for fact in self.days if fact.fit is self.reason]
        if self.reason is LeftOut.DECLINED:
            said = " ".join(self.declined.split()).rstrip(".") or translate(NO_REASON, language)
        elif self.reason is LeftOut.NO_SLOT:
            said = render(NO_SLOT, {
                "windows": ", ".join(self._span(w, language, day=True) for w in self.windows),
                "days": _days(self.planned_days, language)}, language)
        elif self.reason in (LeftOut.DAY_LEFT_ALONE, LeftOut.APART):
            template = DAY_LEFT_ALONE if self.reason is LeftOut.DAY_LEFT_ALONE else APART
            said = render(template, {"days": self._named(
                [self._span(fact.window, language, day=True) for fact in days], language)},
                language)
        elif self.reason is LeftOut.LOW_VALUE:
            chosen = list(dict.fromkeys(name for fact in days for name in fact.chosen))
            said = render(LOW_VALUE, {
                "days": self._named([self._span(fact.window, language, day=True)
                                     for fact in days], language),
                "chosen": ", ".join(chosen) or translate(OTHER_MEETINGS, language)}, language)
        else:
            said = self._named([self._day_text(fact, language) for fact in days], language,
                               "; ")
        goals = self.goals_ja if language == "ja" and self.goals_ja else self.goals
        if goals:
            said += "; " + render(SERVES, {"goals": "; ".join(goals)}, language)
        return f"{self.label(language)}: {said}"

    def _day_text(self, fact: DayReason, language: str) -> str:
        data: dict[str, Any] = {
            "day": format_day(fact.day, language, short=True),
            "window": self._span(fact.window, language), "minutes": self.minutes,
            "origin": fact.origin, "origin_km": f"{fact.origin_km:.1f}",
            "origin_minutes": fact.origin_minutes, "onward": fact.onward,
            "onward_km": f"{fact.onward_km:.1f}", "onward_minutes": fact.onward_minutes,
            "origin_wait": _wait(fact.origin_wait, language),
            "onward_wait": _wait(fact.onward_wait, language),
            "free_from": "", "free_to": ""}
        if fact.free is not None:
            data["free_from"], data["free_to"] = (f"{to_local(moment, self.zone):%H:%M}"
                                                  for moment in fact.free)
        if fact.fit is LeftOut.NO_ROOM:
            if not fact.taken_by:
                return render(NO_ROOM_HOURS, data, language)
            data["items"] = ", ".join(title or translate(LUNCH, language)
                                      for title in fact.taken_by)
            return render(NO_ROOM, data, language)
        if fact.origin == fact.onward and fact.origin_minutes == fact.onward_minutes:
            return render(TOO_FAR_THERE_AND_BACK, data, language)
        return render(TOO_FAR, data, language)

    def _span(self, span: tuple[datetime, datetime], language: str, day: bool = False) -> str:
        """``10:30–12:00`` in the office's zone, after the day when *day*."""
        begin, end = (to_local(moment, self.zone) for moment in span)
        clock = f"{begin:%H:%M}" if begin == end else f"{begin:%H:%M}–{end:%H:%M}"
        return f"{format_day(begin.date(), language, short=True)} {clock}" if day else clock

    @staticmethod
    def _named(texts: list[str], language: str, separator: str = ", ") -> str:
        """The first :data:`DAYS_NAMED` of *texts*, and how many more there are."""
        named = texts[:DAYS_NAMED]
        if len(texts) > DAYS_NAMED:
            named.append(render(MORE_DAYS, {"count": len(texts) - DAYS_NAMED}, language))
        return separator.join(named)

    def as_json(self) -> dict[str, Any]:
        return {"organisation": self.organisation, "reason": str(self.reason),
                "text": self.reason_text(), "days": [fact.as_json() for fact in self.days],
                **({"declined": self.declined} if self.reason is LeftOut.DECLINED else {})}


def _days(days: tuple[date, ...], language: str) -> str:
    """The planned days, briefly: each of a few, else the first and the last."""
    if len(days) <= DAYS_NAMED:
        return ", ".join(format_day(day, language, short=True) for day in days)
    return f"{format_day(days[0], language, short=True)} – " \
           f"{format_day(days[-1], language, short=True)}"


@dataclass(frozen=True)
class TravellerCoverage:
    """One traveller's coverage (:func:`planner.goals.coverage` for her: her goals and the
    delegation's, served by the meetings she attends), before planning and after it."""

    traveller_id: int
    name: str
    before: float
    after: float = 0.0  # once reviewed

    def as_json(self) -> dict[str, Any]:
        return {"traveller": self.name, "traveller_id": self.traveller_id,
                "before": round(self.before, 4), "after": round(self.after, 4)}


@dataclass(frozen=True)
class PlanProposal:
    """What planning proposes, with the reasons, before (or after) it is applied."""

    changes: tuple[Change, ...] = ()
    left_out: tuple[LeftOutHost, ...] = ()
    #: The days whose fixed items overlap or cannot be reached in time: nothing added to them.
    conflict_days: tuple[date, ...] = ()
    #: For each of ``conflict_days``, whose day it is: a group's names on a day the delegation
    #: splits, () for everyone.
    conflict_groups: tuple[tuple[str, ...], ...] = ()
    coverage_before: float = 0.0
    coverage_after: float = 0.0  # once reviewed
    errors_after: int = 0  # once reviewed
    seconds: float = 0.0
    iterations: int = 0
    planned_days: tuple[date, ...] = ()
    stopped: Stopped = Stopped.NOTHING_TO_CHOOSE  # why the search stopped
    best_seconds: float = 0.0  # when it found the plan it proposes
    #: Each traveller's coverage before and (once reviewed) after, in delegation order.
    coverage_by_traveller: tuple[TravellerCoverage, ...] = ()

    def search_text(self, language: str = "en") -> str:
        """How long the search ran and why it stopped ("stopped after 2.1 s: no better plan
        found for 1.0 s")."""
        return render(STOPPED_TEXT[self.stopped], {
            "seconds": f"{self.seconds:.1f}", "iterations": self.iterations,
            "stale": f"{max(0.0, self.seconds - self.best_seconds):.1f}"}, language)

    def count(self, action: Action) -> int:
        """How many meetings it adds, moves or drops."""
        return sum(change.action is action for change in self.changes)

    def conflict_messages(self, language: str = "en") -> list[str]:
        groups = self.conflict_groups or ((),) * len(self.conflict_days)
        return [render(CONFLICT_GROUP if names else CONFLICT,
                       {"day": day.isoformat(), "names": ", ".join(names)}, language)
                for day, names in zip(self.conflict_days, groups, strict=True)]

    def as_json(self) -> dict[str, Any]:
        return {"changes": [c.as_json() for c in self.changes],
                "left_out": [host.as_json() for host in self.left_out],
                "conflicts": self.conflict_messages(),
                "coverage_before": round(self.coverage_before, 4),
                "coverage_after": round(self.coverage_after, 4),
                "errors_after": self.errors_after, "seconds": round(self.seconds, 2),
                "iterations": self.iterations, "stopped": str(self.stopped),
                "search": self.search_text(),
                "days": [d.isoformat() for d in self.planned_days],
                "coverage_by_traveller": [c.as_json() for c in self.coverage_by_traveller]}


def build_proposal(tour: TourProblem, solution: Solution, coverage_before: float,
                   declined: Sequence[Declined] = ()) -> PlanProposal:
    """The changes *solution* makes to the tour, and the hosts it leaves out (after them, the
    hosts that *declined*, with the reasons they gave)."""
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
                                  tuple(g.id for g in candidate.goals), existing.uid,
                                  *_who(tour, frozenset(t.id for t in existing.attendees))))
        left_out.append(_left_out_host(tour, solution, n))
    for host in declined:
        candidate = host.candidate
        left_out.append(LeftOutHost(
            candidate.organisation.id, candidate.organisation.name, LeftOut.DECLINED,
            candidate.office.zone, candidate.minutes(tour.meeting_minutes),
            goals=tuple(g.title for g in candidate.goals),
            goals_ja=tuple(g.title_ja or g.title for g in candidate.goals),
            declined=host.reason))
    for n, (start, end, route) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
        candidate = tour.candidates[n]
        org, existing = candidate.organisation, candidate.existing
        if existing is not None and existing.start == start and existing.end == end:
            continue
        group = (frozenset(t.id for t in existing.attendees) if existing is not None
                 else tour.groups[route] if tour.groups else frozenset())
        served = candidate.goals_for(group)  # a group's meeting answers its members' goals
        changes.append(Change(Action.MOVED if existing is not None else Action.ADDED, org.id,
                              org.name, start, end, candidate.office.zone,
                              tuple(g.title for g in served), tuple(g.id for g in served),
                              existing.uid if existing is not None else "",
                              *_who(tour, group)))
    return PlanProposal(tuple(changes), tuple(left_out),
                        tuple(tour.days[r] for r in solution.broken_days),
                        tuple(_group_names(tour, r) for r in solution.broken_days),
                        coverage_before,
                        seconds=solution.seconds, iterations=solution.iterations,
                        planned_days=tuple(dict.fromkeys(tour.days)), stopped=solution.stopped,
                        best_seconds=solution.best_seconds)


def _who(tour: TourProblem, group: frozenset[int]) -> tuple[tuple[int, ...], tuple[str, ...],
                                                             bool]:
    """Who a meeting of *group* is for: ids and names in delegation order, and whether that is
    everyone (an empty group is everyone, as an item without attendees)."""
    travellers = tour.travellers
    members = [t for t in travellers if not group or t.id in group]
    everyone = len(members) == len(travellers)
    return tuple(t.id for t in members), tuple(t.name for t in members), everyone


def _group_names(tour: TourProblem, route: int) -> tuple[str, ...]:
    """The names of those who travel *route*: () when that is everyone."""
    _, names, everyone = _who(tour, tour.groups[route] if tour.groups else frozenset())
    return () if everyone else names


def _left_out_host(tour: TourProblem, solution: Solution, n: int) -> LeftOutHost:
    """Candidate *n*, left out: its code, and the solver's facts of each day in tour terms."""
    candidate = tour.candidates[n]
    org = candidate.organisation
    minutes = candidate.minutes(tour.meeting_minutes)

    def moment(value: float) -> datetime:
        return tour.origin + timedelta(minutes=math.ceil(value - 1e-6))

    days = []
    for fact in _one_a_day(tour, solution.facts.get(n, ())):
        reason = DayReason(tour.days[fact.day], fact.fit,
                           (moment(fact.window[0]), moment(fact.window[1])))
        if fact.fit is LeftOut.TOO_FAR:
            origin, onward = tour.nodes[fact.origin].leave, tour.nodes[fact.onward].arrive
            reason = replace(reason, origin=origin.name, onward=onward.name,
                             origin_km=_km(tour, origin, candidate.office),
                             onward_km=_km(tour, candidate.office, onward),
                             origin_wait=_wait_minutes(tour, fact.trip_in, origin,
                                                       candidate.office),
                             onward_wait=_wait_minutes(tour, fact.trip_out, candidate.office,
                                                       onward),
                             origin_minutes=round(fact.trip_in),
                             onward_minutes=round(fact.trip_out),
                             free=(moment(fact.free[0]), moment(fact.free[1])))
        elif fact.fit is LeftOut.NO_ROOM:  # the fixed items in its time, and the day's hours
            day = tour.problem.days[fact.day]
            reason = replace(reason, taken_by=tuple(
                _stop_title(tour, visit) for visit in fact.taken_by),
                free=(moment(day.open), moment(day.close)))
        elif fact.fit is LeftOut.LOW_VALUE:
            reason = replace(reason, chosen=_planned_in(tour, solution, fact.day, fact.window,
                                                        minutes))
        days.append(reason)
    return LeftOutHost(org.id, org.name, solution.left_out.get(n, LeftOut.LOW_VALUE),
                       candidate.office.zone, minutes, tuple(days),
                       tuple((w.start, w.end) for w in sorted(org.availability,
                                                              key=lambda w: w.start)),
                       tuple(dict.fromkeys(tour.days)),
                       tuple(g.title for g in candidate.goals),
                       tuple(g.title_ja or g.title for g in candidate.goals))


def _one_a_day(tour: TourProblem, facts: Sequence[DayFact]) -> list[DayFact]:
    """The first of the *facts* of each day and verdict: a day the delegation splits has a
    route for each group, and says why once."""
    seen: set[tuple[date, LeftOut]] = set()
    kept = []
    for fact in facts:
        if (tour.days[fact.day], fact.fit) not in seen:
            seen.add((tour.days[fact.day], fact.fit))
            kept.append(fact)
    return kept


def _km(tour: TourProblem, a: PlanPlace, b: PlanPlace) -> float:
    """How far *a* is from *b* by the travel model (0 for one place)."""
    if tour.model is None or a.id == b.id:
        return 0.0
    return tour.model.estimate(a.point, b.point).distance_km


def _wait_minutes(tour: TourProblem, trip: float, a: PlanPlace, b: PlanPlace) -> int:
    """The minutes of *trip* (planning's, from the checker's model) beyond the journey itself:
    baggage after a flight, check-in before a train or flight (a few minutes of rounding to the
    grid are not counted)."""
    if tour.model is None or a.id == b.id:
        return 0
    extra = int(grid_down(round(trip) - tour.model.estimate(a.point, b.point).minutes))
    return extra if extra >= 10 else 0


def _wait(minutes: int, language: str) -> str:
    return render(WAIT, {"minutes": minutes}, language) if minutes else ""


def _stop_title(tour: TourProblem, visit: int) -> str:
    """The title of a fixed item by its visit ("" for a lunch break, which has no item)."""
    k = visit - len(tour.candidates)
    return tour.stops[k].title if 0 <= k < len(tour.stops) else ""


def _planned_in(tour: TourProblem, solution: Solution, day: int, window: tuple[float, float],
                minutes: int) -> tuple[str, ...]:
    """The hosts *solution* plans on *day* at times a meeting started in *window* would
    overlap."""
    return tuple(tour.candidates[stop.visit].organisation.name
                 for stop in solution.routes[day] if stop.visit < len(tour.candidates)
                 and stop.start < window[1] + minutes
                 and stop.start + tour.candidates[stop.visit].minutes(tour.meeting_minutes)
                 > window[0])


def _chosen(tour: TourProblem, solution: Solution
            ) -> dict[int, tuple[datetime, datetime, int]]:
    """When each planned meeting starts and ends, and on which route, by candidate."""
    chosen = {}
    for r, route in enumerate(solution.routes):
        for stop in route:
            if stop.visit < len(tour.candidates):
                start = tour.origin + timedelta(minutes=math.ceil(stop.start - 1e-6))
                length = timedelta(
                    minutes=tour.candidates[stop.visit].minutes(tour.meeting_minutes))
                chosen[stop.visit] = (start, start + length, r)
    return chosen
