"""Run the checks over a whole tour, and again after one edit, only where the edit can matter."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from planner.feasibility.checks import (
    Context,
    check_day,
    check_follow_ups,
    check_requests,
    merge,
)
from planner.feasibility.findings import Finding, sort_key
from planner.feasibility.plan import Plan, PlanFollowUp, PlanItem, PlanRequest
from planner.travel import TravelModel


class Checker:
    """Findings of one plan, kept per day so that an edit re-checks a few days, not the tour.

    An item's findings belong to the day it starts on, and so do the checks between it and the
    item before it; so an edit can only change the findings of the item's old and new days and
    of the days after them (whose first item follows it).

    Findings of the whole tour (overdue follow-ups, overdue replies) have no day; an item edit
    leaves them as they are, :meth:`update_follow_ups` re-checks them after a follow-up edit
    and :meth:`update_requests` after a host request's (with the days of its meetings).

    *today*: the day the checks are made on (overdue follow-ups, items not yet confirmed); by
    default the plan's (:meth:`Plan.day_today`: today in the tour's home zone).
    """

    def __init__(self, plan: Plan, today: date | None = None,
                 model: TravelModel | None = None) -> None:
        self.plan = plan
        self.context = Context(plan, model or TravelModel(plan.settings),
                               today if today is not None else plan.day_today())
        self._by_day: dict[date, list[Finding]] = {}
        self._tour: list[Finding] = []

    def check_all(self) -> list[Finding]:
        """Check every day of the plan, and the tour as a whole."""
        self._by_day = {}
        for day in self.plan.days():
            self._recheck(day)
        self._tour = self._whole_tour()
        return self.findings()

    def _whole_tour(self) -> list[Finding]:
        return [*check_follow_ups(self.context), *check_requests(self.context)]

    def update_follow_ups(self, follow_ups: tuple[PlanFollowUp, ...]) -> None:
        """After a follow-up was added, changed or deleted: the plan takes the tour's
        follow-ups as they are now (:func:`planner.feasibility.plan.follow_ups_of`) and the
        overdue ones are found again; the days' findings stay as they are."""
        self.plan.follow_ups = follow_ups
        self._tour = self._whole_tour()

    def update_requests(self, requests: tuple[PlanRequest, ...],
                        reminder_days: int | None = None) -> set[date]:
        """After a host request was added, changed or deleted (or the tour's reminder days):
        the plan takes the requests as they are now
        (:func:`planner.feasibility.plan.requests_of`), the overdue replies are found again and
        the days of the meetings whose request changed what they show (a confirmation sent)
        are re-checked; returns those days."""
        def shown(found: tuple[PlanRequest, ...]) -> dict[str, tuple[int, bool]]:
            """What the days' checks read of each meeting's request."""
            return {r.item_uid: (r.id, r.confirmation_sent_on is None) for r in found
                    if r.item_uid is not None}

        old, new = shown(self.plan.requests), shown(requests)
        self.plan.requests = requests
        if reminder_days is not None:
            self.plan.reminder_days = reminder_days
        self._tour = self._whole_tour()
        days = {self.plan.items[uid].day for uid in old.keys() | new.keys()
                if old.get(uid) != new.get(uid) and uid in self.plan.items}
        for day in days:
            self._recheck(day)
        return days

    def _recheck(self, day: date) -> None:
        found = merge(self.plan, check_day(self.context, day))
        if found:
            self._by_day[day] = found
        else:
            self._by_day.pop(day, None)

    def findings(self) -> list[Finding]:
        """All current findings, by day, worst first."""
        every = [*self._tour, *(f for found in self._by_day.values() for f in found)]
        return sorted(every, key=sort_key)

    def update(self, changed: PlanItem | None = None, removed: str | None = None) -> set[date]:
        """Apply one edit (an item added or changed, or an item removed) and re-check.

        Returns the days whose findings were recomputed.
        """
        days: set[date] = set()
        old = self.plan.remove(removed) if removed else None
        if changed is not None:
            previous = self.plan.items.get(changed.uid)
            if previous is not None:
                days.add(previous.day)
            self.plan.put(changed)
            days.add(changed.day)
        if old is not None:
            days.add(old.day)
        for day in set(days):
            days.add(day + timedelta(days=1))
        for day in days:
            self._recheck(day)
        return days


def check_tour(session: Session, today: date) -> list[Finding]:
    """Every finding of the tour in *session*."""
    return Checker(Plan.from_session(session), today).check_all()
