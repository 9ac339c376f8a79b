"""Run the checks over a whole tour, and again after one edit, only where the edit can matter."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from planner.feasibility.checks import Context, check_day, merge
from planner.feasibility.findings import Finding, sort_key
from planner.feasibility.plan import Plan, PlanItem
from planner.travel import TravelModel


class Checker:
    """Findings of one plan, kept per day so that an edit re-checks a few days, not the tour.

    An item's findings belong to the day it starts on, and so do the checks between it and the
    item before it; so an edit can only change the findings of the item's old and new days and
    of the days after them (whose first item follows it).
    """

    def __init__(self, plan: Plan, today: date, model: TravelModel | None = None) -> None:
        self.plan = plan
        self.context = Context(plan, model or TravelModel(plan.settings), today)
        self._by_day: dict[date, list[Finding]] = {}

    def check_all(self) -> list[Finding]:
        """Check every day of the plan."""
        self._by_day = {}
        for day in self.plan.days():
            self._recheck(day)
        return self.findings()

    def _recheck(self, day: date) -> None:
        found = merge(self.plan, check_day(self.context, day))
        if found:
            self._by_day[day] = found
        else:
            self._by_day.pop(day, None)

    def findings(self) -> list[Finding]:
        """All current findings, by day, worst first."""
        return sorted((f for found in self._by_day.values() for f in found), key=sort_key)

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
