"""What a tour must have before it can be planned, each lack said in one sentence.

A tour built from an empty file lacks something planning needs (travellers, hotel nights, goals,
hosts with a place and availability...). Planning then raises :class:`NothingToPlan`, one
sentence saying what to add, in the user's language, instead of failing somewhere inside the
search. The lacks are checked in the order a coordinator fills in a tour, so the first thing to
add is named first.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.errors import WorkFailed
from planner.feasibility.plan import Plan, at_local
from planner.goals import SERVES, match, overrides
from planner.messages import N_, render
from planner.model import LearningGoal, Organisation, tour_days

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


def require_delegation_and_days(plan: Plan) -> None:
    """Raise :class:`NothingToPlan` unless the tour has a weekday, travellers and hotel nights."""
    if all(day.weekday() >= 5 for day in tour_days(plan.start_date, plan.end_date)):
        raise NothingToPlan(NO_WEEKDAYS)
    if not plan.travellers:
        raise NothingToPlan(NO_TRAVELLERS)
    if not plan.stays:
        raise NothingToPlan(NO_STAYS)


def require_hosts(session: Session, plan: Plan) -> None:
    """Raise :class:`NothingToPlan` unless some host is worth meeting: goals, goals with topics
    (or the coordinator's own matches), organisations with a place, available during the tour,
    serving a goal."""
    goals = session.scalars(select(LearningGoal)).all()
    if not goals:
        raise NothingToPlan(NO_GOALS)
    fixed = overrides(session)
    if not any(goal.topics for goal in goals) and not any(v >= SERVES for v in fixed.values()):
        raise NothingToPlan(NO_TOPICS)
    orgs = session.scalars(select(Organisation).options(
        selectinload(Organisation.place), selectinload(Organisation.availability))).all()
    placed = [(org, org.place) for org in orgs if org.place is not None]
    if not placed:
        raise NothingToPlan(NO_PLACES)
    available = [org for org, place in placed if any(
        w.end > at_local(plan.start_date, time(0), place.zone)
        and w.start < at_local(plan.end_date + timedelta(days=1), time(0), place.zone)
        for w in org.availability)]
    if not available:
        raise NothingToPlan(NO_AVAILABILITY)
    if not any(match(goal, org, fixed.get((goal.id, org.id))).score >= SERVES
               for goal in goals for org in available):
        raise NothingToPlan(NO_MATCH)
