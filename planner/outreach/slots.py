"""The slots a request letter proposes to a host: two or three times for its meeting that fit
the tour, each tried with the checker.

Where: the days the delegation is near the host's office (:func:`planner.outreach.offers.
near_days`: a hotel night within :data:`~planner.outreach.offers.CITY_KM`, and the days whose
items are that near; a tour without hotel nights, every day of it), weekdays only. When: the
host's known availability windows on those days (else the tour's working day), less the items
the meeting's attendees already have (an idea meeting of another host counts too: it may be
asked for as well). Each free stretch is tried from its start on a :data:`STEP_MINUTES` grid;
the first start where the checker (:class:`~planner.feasibility.checker.Checker`, the meeting
swapped in as the item editor's candidate is) finds no new error — overlap, travel before and
after, the host's windows, the tour's dates — is a proposal, and the search goes on after its
end (proposals never overlap). Proposals that also raise no new
warning of :data:`AVOIDED` (lunch, the working day, a weekend, a public holiday, too many
meetings) come first, then spread over different days; the meeting's own time comes first when
it passes. The meeting's length is kept (:data:`~planner.dayplan.MEETING_MINUTES` for a host
without one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from planner.dayplan import MEETING_MINUTES
from planner.feasibility.checker import Checker
from planner.feasibility.findings import Finding, Severity
from planner.feasibility.plan import Plan, PlanItem, PlanPlace, Window, at_local
from planner.formatting import LocalSpan
from planner.geo.sphere import distance_km
from planner.model import AgendaItem, ItemKind, ItemStatus, Organisation, Tour
from planner.outreach.offers import CITY_KM, host_zone, near_days
from planner.timezones import to_local

#: Starts are tried this many minutes apart within a free stretch.
STEP_MINUTES = 15
#: At most this many slots are proposed.
PROPOSED = 3
#: Warnings a proposal should not raise (one that does is proposed only for want of others).
AVOIDED = frozenset({"no_lunch", "outside_working_day", "weekend", "holiday",
                     "too_many_meetings"})
#: The uid of the meeting tried for a host that has none yet.
CANDIDATE_UID = "outreach-candidate@ecovisit"


@dataclass(frozen=True)
class Slot:
    """One proposed slot: instants (UTC-aware) and the host's zone they are read in."""

    start: datetime
    end: datetime
    zone: str

    @property
    def local(self) -> LocalSpan:
        return LocalSpan(to_local(self.start, self.zone), to_local(self.end, self.zone))

    def text(self, language: str = "en") -> str:
        """``Tue 9 Jun 14:00–15:15 CEST``: the host's local time, its zone named."""
        return f"{self.local.text(language)} {self.local.start.tzname()}"

    def as_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "zone": self.zone,
                "local": self.local.text()}


def _key(finding: Finding) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return finding.code, finding.items, finding.travellers


class SlotFinder:
    """Proposes slots for hosts of one tour (one plan and checker for all of them)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.tour = session.get_one(Tour, 1)
        self.checker = Checker(Plan.from_session(session))
        self.checker.check_all()

    def propose(self, organisation: Organisation, item: AgendaItem | None = None,
                count: int = PROPOSED) -> tuple[Slot, ...]:
        """Up to *count* slots for *organisation*'s meeting *item* (None: a meeting of the usual
        length with the whole delegation), in time order; none for a host without an office
        (no travel can be reckoned to it)."""
        office = organisation.place
        if office is None:
            return ()
        plan = self.checker.plan
        zone_name = host_zone(self.tour, organisation)
        original = plan.items.get(item.uid) if item is not None else None
        if original is not None:
            candidate = original
        else:
            minutes = int((item.end - item.start).total_seconds() // 60) if item is not None \
                else MEETING_MINUTES
            start = at_local(self.tour.start_date, self.tour.day_start, zone_name)
            candidate = PlanItem(
                uid=item.uid if item is not None else CANDIDATE_UID, kind=ItemKind.MEETING,
                title=organisation.name, start=start, end=start + timedelta(minutes=minutes),
                zone=zone_name, end_zone=None, place=PlanPlace.of(office), destination=None,
                host=organisation.name, windows=tuple(
                    Window(w.start, w.end, w.zone) for w in organisation.availability),
                attendees=frozenset(t.id for t in item.attendees) if item is not None
                else frozenset(), status=ItemStatus.IDEA, locked=False,
                language=item.language if item is not None else "", interpreter=False)
        length = candidate.end - candidate.start
        try:
            self.checker.update(removed=candidate.uid)
            baseline = {_key(f) for f in self.checker.findings()}
            tried: list[tuple[bool, Slot]] = []

            def attempt(start: datetime) -> bool | None:
                """None: an error; else whether the slot raises no avoided warning."""
                self.checker.update(replace(candidate, start=start, end=start + length))
                new = [f for f in self.checker.findings() if _key(f) not in baseline]
                if any(f.severity is Severity.ERROR for f in new):
                    return None
                return not any(f.code in AVOIDED for f in new)

            if original is not None:
                clean = attempt(original.start)
                if clean is not None:
                    tried.append((clean, Slot(original.start, original.end, zone_name)))
            for day in self._days(organisation):
                for start, end in self._stretches(day, candidate, zone_name, length):
                    moment, found = start, 0
                    while moment + length <= end and found < count:
                        if any(s.start < moment + length and moment < s.end for _c, s in tried):
                            moment += timedelta(minutes=STEP_MINUTES)
                            continue
                        clean = attempt(moment)
                        if clean is None:
                            moment += timedelta(minutes=STEP_MINUTES)
                            continue
                        tried.append((clean, Slot(moment, moment + length, zone_name)))
                        found += 1
                        moment += length  # the next proposal after this one
                if sum(1 for c, _s in tried if c) >= count * 2:
                    break
        finally:
            if original is not None:
                self.checker.update(original)
            else:
                self.checker.update(removed=candidate.uid)
        return _choose(tried, count)

    def _days(self, organisation: Organisation) -> list[date]:
        """The weekdays of the tour the delegation is near the office (see the module)."""
        office = organisation.place
        assert office is not None
        plan = self.checker.plan
        days = set(near_days(self.session, organisation, self.tour))
        for planned in plan.items.values():
            for place in (planned.place, planned.destination):
                if place is not None and distance_km(
                        office.latitude, office.longitude, place.latitude,
                        place.longitude) <= CITY_KM:
                    days.add(planned.day)
        if not plan.stays:
            days.update(plan.days())
        return sorted(d for d in days
                      if plan.start_date <= d <= plan.end_date and d.weekday() < 5)

    def _stretches(self, day: date, candidate: PlanItem, zone_name: str,
                   length: timedelta) -> list[tuple[datetime, datetime]]:
        """The free stretches of *day* the candidate's attendees have within the host's
        windows (or the working day), each at least *length* long."""
        plan = self.checker.plan
        day_start = at_local(day, plan.day_start, zone_name)
        day_end = at_local(day, plan.day_end, zone_name)
        if candidate.windows:
            spans = [(max(w.start, day_start), min(w.end, day_end)) for w in candidate.windows]
        else:
            spans = [(day_start, day_end)]
        who = plan.attendees(candidate)
        busy = sorted((i.start, i.end) for i in plan.items_on(day)
                      if i.uid != candidate.uid and i.status is not ItemStatus.CANCELLED
                      and plan.attendees(i) & who)
        free: list[tuple[datetime, datetime]] = []
        for start, end in sorted(spans):
            for taken_start, taken_end in busy:
                if taken_end <= start or taken_start >= end:
                    continue
                if taken_start > start:
                    free.append((start, taken_start))
                start = max(start, taken_end)
            if start < end:
                free.append((start, end))
        return [(_grid(a, zone_name), b) for a, b in free if b - a >= length]


def _grid(moment: datetime, zone_name: str) -> datetime:
    """*moment*, or the next local minute on the :data:`STEP_MINUTES` grid."""
    local = to_local(moment, zone_name)
    past = timedelta(minutes=local.minute % STEP_MINUTES, seconds=local.second,
                     microseconds=local.microsecond)
    return moment if not past else moment + timedelta(minutes=STEP_MINUTES) - past


def _choose(tried: list[tuple[bool, Slot]], count: int) -> tuple[Slot, ...]:
    """The proposals: the meeting's own time first if it passed, clean ones before the rest,
    one a day before a second on the same day; in time order."""
    seen: set[Slot] = set()
    ordered: list[Slot] = []
    first = tried[:1] if tried and tried[0][0] else []
    for clean_wanted in (True, False):
        for spread in (True, False):
            for clean, slot in first + tried:
                if len(ordered) == count:
                    break
                if clean != clean_wanted or slot in seen:
                    continue
                day = slot.local.start.date()
                if spread and any(s.local.start.date() == day for s in ordered):
                    continue
                seen.add(slot)
                ordered.append(slot)
    return tuple(sorted(ordered, key=lambda s: s.start))


def propose_slots(session: Session, organisation: Organisation,
                  item: AgendaItem | None = None, count: int = PROPOSED) -> tuple[Slot, ...]:
    """Up to *count* slots for one host's meeting (see the module docstring)."""
    return SlotFinder(session).propose(organisation, item, count)

