"""The built-in demo tour looks like a real study tour and is internally consistent."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from planner.demo import default_start, ensure_demo_tour
from planner.locations import demo_tour_path
from planner.model import (
    AgendaItem,
    FollowUp,
    FollowUpStatus,
    GoalOutcome,
    ItemKind,
    ItemStatus,
    Learning,
    LearningGoal,
    Organisation,
    Place,
    Rating,
    Stay,
    TakeawayTag,
    Traveller,
)
from planner.queries import load_tour, route_cities
from planner.store import TourStore
from tests.conftest import DEMO_START


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2100, 1, 1)))
def test_the_default_start_is_the_monday_at_least_eight_weeks_ahead(today: date) -> None:
    start = default_start(today)
    assert start.weekday() == 0
    assert timedelta(weeks=8) <= start - today < timedelta(weeks=9)


def test_the_demo_has_the_size_of_a_real_study_tour(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        tour = load_tour(session)
        travellers = session.scalars(select(Traveller)).all()
        goals = session.scalars(select(LearningGoal)).all()
        organisations = session.scalars(select(Organisation)).all()
        items = session.scalars(select(AgendaItem)).all()
        assert tour.start_date == DEMO_START
        assert 8 <= len(tour.days) <= 10
        assert 4 <= len([t for t in travellers if not t.staff]) <= 6
        assert all(t.name and t.name_ja and t.email.endswith("@example.com") for t in travellers)
        assert 10 <= len(goals) <= 15
        assert all(g.topics and 1 <= g.priority <= 5 for g in goals)
        assert 25 <= len(organisations) <= 40
        assert all(o.place is not None and o.contacts and o.description for o in organisations)
        assert all(c.email.endswith("@example.com") for o in organisations for c in o.contacts)
        assert 20 <= len(items) <= 30
        assert {i.kind for i in items} >= {ItemKind.MEETING, ItemKind.MEAL, ItemKind.TRAIN,
                                          ItemKind.FLIGHT}
        assert 3 <= len(route_cities(session)) <= 4


def test_demo_meetings_fit_their_hosts_windows_and_nobody_is_in_two_places(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        items = session.scalars(select(AgendaItem).order_by(AgendaItem.start)).all()
        tour = load_tour(session)
        for item in items:
            assert tour.start_date <= item.day <= tour.end_date, item.title
            if item.kind is ItemKind.MEETING:
                assert item.organisation is not None and item.hosts and item.goals, item.title
                windows = item.organisation.availability
                assert any(w.start <= item.start and item.end <= w.end for w in windows), \
                    f"{item.title} is outside {item.organisation.name}'s windows"
        for a, b in combinations(items, 2):
            shared = set(a.attendees) & set(b.attendees)
            if shared and a.start < b.end and b.start < a.end:
                raise AssertionError(f"{a.title} overlaps {b.title}")


def test_the_demo_has_a_debrief_a_first_start_shows(demo_store: TourStore) -> None:
    """Learnings, ratings, follow-ups, goal outcomes and the vision after, as a delegation
    would have them after the tour, consistent with who attended what."""
    with demo_store.transaction() as session:
        tour = load_tour(session)
        assert tour.vision_after and tour.vision_after_ja and tour.vision_after != tour.vision
        confirmed = session.scalars(select(AgendaItem).where(
            AgendaItem.kind == ItemKind.MEETING,
            AgendaItem.status == ItemStatus.CONFIRMED)).all()
        summarised = [item for item in confirmed if item.learnings]
        assert len(summarised) >= 0.75 * len(confirmed)
        learnings = session.scalars(select(Learning)).all()
        assert {entry.item for entry in learnings} == set(summarised)
        assert all(entry.traveller is not None for entry in learnings)
        tags = {entry.tag for entry in learnings}
        assert {None, TakeawayTag.TREND, TakeawayTag.TECHNOLOGY, TakeawayTag.BUSINESS_MODEL,
                TakeawayTag.RISK, TakeawayTag.PARTNER_CANDIDATE} <= tags
        partners = [e for e in learnings if e.tag is TakeawayTag.PARTNER_CANDIDATE]
        assert 2 <= len({e.item.organisation_id for e in partners}) <= 3
        assert all(e.next_step and e.goal is not None for e in partners)
        goals_taught = {e.goal for e in learnings if e.goal is not None}
        assert len(goals_taught) >= 12

        ratings = session.scalars(select(Rating)).all()
        assert all(r.item.kind is ItemKind.MEETING and r.traveller in r.item.attendees
                   for r in ratings)
        assert {r.score for r in ratings} == {2, 3, 4, 5}
        assert 2 <= sum(r.recommend is False for r in ratings) <= 6
        assert sum(r.recommend is True for r in ratings) >= 10
        assert len({r.item for r in ratings}) >= len(confirmed) - 1

        follow_ups = session.scalars(select(FollowUp)).all()
        assert 8 <= len(follow_ups) <= 10
        owners = {f.owner for f in follow_ups}
        assert None in owners and len(owners - {None}) >= 3  # the coordinator and travellers
        assert [f.status for f in follow_ups].count(FollowUpStatus.DONE) == 1
        assert [f.status for f in follow_ups].count(FollowUpStatus.DROPPED) == 1
        for task in follow_ups:
            assert task.due is not None and task.due > tour.end_date, task.description
            assert (task.completed is not None) == (task.status is FollowUpStatus.DONE)
            if task.contact is not None:
                assert task.item is not None and task.contact in task.item.hosts
        assert sum(f.contact is not None for f in follow_ups) >= 8

        goals = session.scalars(select(LearningGoal)).all()
        assert {g.outcome for g in goals} == set(GoalOutcome)
        assert all(g.outcome_summary for g in goals)


def test_every_night_has_a_hotel(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        tour = load_tour(session)
        stays = session.scalars(select(Stay)).all()
        for night in tour.days[:-1]:  # the last night is spent on the plane home
            assert sum(s.covers_night_of(night) for s in stays) == 1, night
        assert all(s.place.kind == "hotel" for s in stays)


def test_places_have_coordinates_and_zones(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        for place in session.scalars(select(Place)):
            assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
            assert place.zone.startswith(("Europe/", "Asia/Tokyo")), place.name
            assert place.address and place.city and len(place.country) == 2


def test_the_first_start_writes_the_demo_into_the_data_folder(tmp_path: Path) -> None:
    path = ensure_demo_tour(date(2026, 11, 23))
    assert path == demo_tour_path() and path.exists()
    with TourStore.open(path) as store, store.transaction() as session:
        assert load_tour(session).start_date == date(2027, 1, 18)
    assert ensure_demo_tour() == path  # an existing demo is kept as it is
