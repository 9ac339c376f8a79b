"""Split delegations are planned: a day whose fixed items split the delegation is routed per group,
a day the coordinator lets split is split by the travellers' goals, each meeting planning adds
goes to its route's group, and coverage is reported per traveller."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli import main
from planner.feasibility import Checker, Finding, Severity
from planner.feasibility.checks import Context
from planner.feasibility.plan import Plan
from planner.goals import coverage
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    ItemKind,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Stay,
    Tour,
    Traveller,
)
from planner.planning import Day, Problem, Visit, solve
from planner.planning.candidates import candidates_for
from planner.planning.groups import goal_groups
from planner.planning.problem import LeftOut
from planner.planning.proposal import Action, PlanProposal
from planner.planning.tour import MEETING_MINUTES, apply, propose, review
from planner.planning.tour_problem import tour_problem
from planner.planning.verify import score, violations
from planner.store import TourStore, create_tour_file
from planner.timezones import local_today
from planner.travel import TravelModel, TravelSettings

BERLIN = "Europe/Berlin"
DAY = date(2027, 6, 8)  # the one day the small tour routes (a Tuesday)
#: The demo's second Monday on holiday-free dates: "Process mining for manufacturing" for
#: Takahashi and Yamamoto and the Munich pitch session for the others, both at 15:15.
SPLIT_MONDAY = date(2027, 6, 14)


def at(clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=ZoneInfo(BERLIN))


def small_tour(folder: Path, settings: TravelSettings, shared: str = "") -> Path:
    """From nothing: two travellers with goals of their own, a hotel, and two hosts for each of
    them, one at 10:00 and one at 14:00 (an hour-long meeting exactly then): together the delegation can
    meet only one host at a time."""
    def fill(session: Session) -> None:
        session.add(Tour(title="Split", start_date=date(2027, 6, 7), end_date=date(2027, 6, 9),
                         travel_settings=settings.to_json()))
        anna = Traveller(name="Anna Battery", languages=["en"], position=0)
        ben = Traveller(name="Ben Spinoff", languages=["en"], position=1)
        anna.goals.append(LearningGoal(title="Batteries", topics=["battery"], priority=5))
        ben.goals.append(LearningGoal(title="Spin-offs", topics=["spin-off"], priority=5))
        session.add_all([anna, ben])
        hotel = Place(name="Hotel Mitte", kind=PlaceKind.HOTEL, city="Berlin", country="DE",
                      latitude=52.520, longitude=13.405, exact=True, zone=BERLIN)
        session.add(Stay(place=hotel, check_in=date(2027, 6, 7), check_out=date(2027, 6, 9)))
        hosts = [("Cell Works", "battery", "10:00", 0.004),
                 ("Anode Lab", "battery", "14:00", 0.008),
                 ("Campus Ventures", "spin-off", "10:00", -0.004),
                 ("Uni Transfer", "spin-off", "14:00", -0.008)]
        for name, topic, clock, offset in hosts:
            topics = [topic, "spin-off"] if name == shared else [topic]  # serves both
            org = Organisation(name=name, kind=OrganisationKind.SCALEUP, topics=topics)
            org.place = Place(name=name, kind=PlaceKind.OFFICE, city="Berlin", country="DE",
                              latitude=52.520 + offset, longitude=13.405 + offset, exact=True,
                              zone=BERLIN)
            org.availability.append(AvailabilityWindow(
                start=at(clock), end=at(f"{int(clock[:2]) + 1:02d}:00"), zone=BERLIN))
            session.add(org)

    path = folder / "split.ecovisit"
    create_tour_file(path, fill)
    return path


def planned(path: Path, errors: int = 0) -> tuple[PlanProposal, dict[str, set[str]]]:
    """Plan the tour at *path* and apply it: the proposal, and who attends each meeting (the
    plan has as many checker errors as the tour had: *errors*)."""
    with TourStore.open(path) as store, store.session() as session:
        proposal = apply(session, review(session, propose(
            session, seconds=60, seed=0, max_iterations=200, meeting_minutes=60)))
        session.flush()
        assert proposal.errors_after == errors == len(checker_errors(session))
        who = {item.organisation.name: {t.name for t in item.attendees}
               for item in session.scalars(select(AgendaItem).where(
                   AgendaItem.kind == ItemKind.MEETING))}
        session.rollback()
    return proposal, who


def checker_errors(session: Session) -> list[Finding]:
    return [f for f in Checker(Plan.from_session(session), local_today()).check_all()
            if f.severity is Severity.ERROR]


def test_allowed_to_split_each_traveller_meets_her_own_hosts_at_the_same_time(
        tmp_path: Path) -> None:
    proposal, who = planned(small_tour(tmp_path, TravelSettings(split_delegation=True)))
    assert who == {"Cell Works": {"Anna Battery"}, "Anode Lab": {"Anna Battery"},
                   "Campus Ventures": {"Ben Spinoff"}, "Uni Transfer": {"Ben Spinoff"}}
    starts = {change.organisation: change.start for change in proposal.changes}
    assert starts["Cell Works"] == starts["Campus Ventures"] == at("10:00")
    assert starts["Anode Lab"] == starts["Uni Transfer"] == at("14:00")
    added = {change.organisation: change for change in proposal.changes}
    assert added["Cell Works"].attendees == ("Anna Battery",) and not added["Cell Works"].everyone
    assert added["Cell Works"].who_text() == "for Anna Battery only"
    assert added["Cell Works"].as_json()["attendees"] == ["Anna Battery"]


def test_a_groups_meeting_serves_only_its_members_goals(tmp_path: Path) -> None:
    """A host that would serve both travellers, met by one of them: the meeting says it serves
    her goals, and the other's goal is not counted as covered."""
    path = small_tour(tmp_path, TravelSettings(split_delegation=True), shared="Cell Works")
    proposal, who = planned(path)
    goals = {change.organisation: set(change.goals) for change in proposal.changes}
    for name, attendees in who.items():
        wanted = {"Batteries"} if attendees == {"Anna Battery"} else \
            {"Spin-offs"} if attendees == {"Ben Spinoff"} else {"Batteries", "Spin-offs"}
        assert goals[name] <= wanted and goals[name], (name, attendees, goals[name])
    assert who["Cell Works"] == {"Anna Battery"} and goals["Cell Works"] == {"Batteries"}


def test_not_allowed_to_split_the_delegation_stays_one_route(tmp_path: Path) -> None:
    proposal, who = planned(small_tour(tmp_path, TravelSettings()))
    assert len(who) == 2  # one host at 10:00 and one at 14:00, for both
    assert all(names == {"Anna Battery", "Ben Spinoff"} for names in who.values())
    assert all(change.everyone and change.who_text() == ""
               and change.attendees == ("Anna Battery", "Ben Spinoff")
               for change in proposal.changes)


def test_a_days_override_keeps_that_day_together_or_splits_it(tmp_path: Path) -> None:
    together = TravelSettings(split_delegation=True).with_split_day(DAY, False)
    split = TravelSettings().with_split_day(DAY, True)
    for chosen, meetings in ((together, 2), (split, 4)):
        folder = tmp_path / str(meetings)
        folder.mkdir()
        _, who = planned(small_tour(folder, chosen))
        assert len(who) == meetings
        assert all(len(names) == 4 // meetings for names in who.values())  # both, or one


def test_a_groups_own_impossible_day_is_left_alone_and_named(tmp_path: Path) -> None:
    """Anna's fixed items overlap while Ben is elsewhere: the fixed items split the day, Anna's
    part of it is a conflict (named), Ben's is planned."""
    path = small_tour(tmp_path, TravelSettings())
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        anna, ben = session.scalars(select(Traveller).order_by(Traveller.position)).all()
        hotel = session.scalars(select(Place).where(Place.kind == PlaceKind.HOTEL)).one()
        for title, begin, end, who in (("Call A", "10:00", "11:00", anna),
                                       ("Call B", "10:30", "11:30", anna),
                                       ("Workshop", "10:00", "11:00", ben)):
            session.add(AgendaItem(kind=ItemKind.OTHER, title=title, start=at(begin),
                                   end=at(end), zone=BERLIN, place=hotel, locked=True,
                                   attendees=[who]))
    proposal, who = planned(path, errors=1)  # Anna's overlap, the coordinator's own
    assert proposal.conflict_days == (DAY,)
    assert proposal.conflict_messages() == [
        "2027-06-08: the fixed items of Anna Battery overlap or cannot be reached in time (a "
        "problem to fix by hand); nothing was added to their day"]
    assert who == {"Uni Transfer": {"Ben Spinoff"}}


def test_the_command_line_says_who_goes_and_each_travellers_coverage(tmp_path: Path) -> None:
    path = small_tour(tmp_path, TravelSettings(split_delegation=True))
    args = ["plan", str(path), "--iterations", "200", "--meeting-minutes", "60", "--dry-run"]
    out = io.StringIO()
    assert main(args, out=out) == 0
    text = out.getvalue()
    assert "Coverage by traveller: Anna Battery 0% -> 100%, Ben Spinoff 0% -> 100%" in text
    assert "Cell Works" in text and "(for Anna Battery only)" in text
    out = io.StringIO()
    assert main([*args, "--json"], out=out) == 0
    found = json.loads(out.getvalue())
    assert [c["after"] for c in found["coverage_by_traveller"]] == [1.0, 1.0]
    assert {c["organisation"]: c["attendees"] for c in found["changes"]}["Uni Transfer"] == [
        "Ben Spinoff"]


def test_coverage_per_traveller_is_reported_as_goals_computes_it(tmp_path: Path) -> None:
    path = small_tour(tmp_path, TravelSettings(split_delegation=True))
    with TourStore.open(path) as store, store.session() as session:
        proposal = review(session, propose(session, seconds=60, seed=0, max_iterations=200,
                                           meeting_minutes=60))
        assert [(c.name, c.before) for c in proposal.coverage_by_traveller] == [
            ("Anna Battery", 0.0), ("Ben Spinoff", 0.0)]
        apply(session, proposal)
        session.flush()
        travellers = session.scalars(select(Traveller).order_by(Traveller.position)).all()
        assert [c.after for c in proposal.coverage_by_traveller] == [
            coverage(session, traveller).score for traveller in travellers] == [1.0, 1.0]
        reported = proposal.as_json()["coverage_by_traveller"]
        assert reported[0] == {"traveller": "Anna Battery", "traveller_id": travellers[0].id,
                               "before": 0.0, "after": 1.0}
        session.rollback()


def test_the_demos_split_monday_is_planned_per_group(clean_demo: Path) -> None:
    """The fixed items split the Monday afternoon (two meetings at 15:15): no longer a day left
    alone; with its meetings for everyone taken out, the hosts planning adds that day go to one
    group each, and every traveller's day passes the checker."""
    with TourStore.open(clean_demo) as store, store.session() as session:
        plan = Plan.from_session(session)
        tour = tour_problem(plan, Context(plan, TravelModel(plan.settings), local_today()),
                            candidates_for(session, plan), MEETING_MINUTES)
        names = {t.id: t.name for t in plan.travellers.values()}
        assert [tuple(names[t] for t in sorted(group))
                for day, group in zip(tour.days, tour.groups, strict=True)
                if day == SPLIT_MONDAY] == [("Kenji Takahashi", "Aiko Yamamoto"),
                                            ("Yumiko Sato", "Hiroshi Nakamura", "Takeshi Ito")]
        everyone = len(session.scalars(select(Traveller)).all())
        for item in session.scalars(select(AgendaItem).where(
                AgendaItem.kind == ItemKind.MEETING)).all():
            if item.start.date() == SPLIT_MONDAY and len(item.attendees) == everyone:
                session.delete(item)
        session.flush()
        proposal = apply(session, review(session, propose(session, seconds=60, seed=0,
                                                          max_iterations=300)))
        assert proposal.errors_after == 0 and not proposal.conflict_days
        monday = [change for change in proposal.changes if change.action is Action.ADDED
                  and change.start is not None and change.start.date() == SPLIT_MONDAY]
        assert monday and all(not change.everyone for change in monday)
        groups = {change.attendees for change in monday}
        assert groups <= {("Kenji Takahashi", "Aiko Yamamoto"),
                          ("Yumiko Sato", "Hiroshi Nakamura", "Takeshi Ito")}
        session.flush()
        assert checker_errors(session) == []
        session.rollback()


def test_goal_groups_are_two_and_never_empty() -> None:
    assert goal_groups([1, 2, 3], {1: [1.0, 0.0], 2: [0.0, 1.0], 3: [0.9, 0.1]}) == (
        frozenset({1, 3}), frozenset({2}))
    assert goal_groups([1, 2, 3], {1: [1.0, 0.0], 2: [0.0, 1.0], 3: [0.0, 0.0]}) == (
        frozenset({1, 3}), frozenset({2}))  # no goals of her own: with the first
    assert goal_groups([1, 2], {1: [1.0, 0.5], 2: [2.0, 1.0]}) is None  # the same hosts
    assert goal_groups([1, 2], {1: [1.0], 2: [0.0]}) is None  # only one has goals


def two_routes(values: list[list[float]]) -> Problem:
    """Two routes from node 0 on one morning, and a visit (at nodes 1, 2...) for each row."""
    n = len(values)
    visits = [Visit(max(row), 30.0, ((0.0, 200.0),), k + 1) for k, row in enumerate(values)]
    travel = np.full((n + 1, n + 1), 5.0)
    np.fill_diagonal(travel, 0.0)
    days = [Day(0, 0, 0.0, 240.0), Day(0, 0, 0.0, 240.0)]
    return Problem(visits, days, travel, route_values=np.array(values, dtype=np.float64))


def test_a_visit_worth_something_only_to_route_1_goes_to_route_1() -> None:
    problem = two_routes([[0.0, 5.0], [3.0, 0.0]])
    solution = solve(problem, seconds=10, seed=0, max_iterations=20)
    assert [[stop.visit for stop in route] for route in solution.routes] == [[1], [0]]
    assert solution.score == score(problem, solution) == 8.0
    assert violations(problem, solution) == []


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0.0, 1.0, 2.5, 4.0]), min_size=2, max_size=2),
                min_size=1, max_size=12))
def test_route_values_keep_visits_off_the_routes_they_are_worth_nothing_on(
        values: list[list[float]]) -> None:
    problem = two_routes(values)
    solution = solve(problem, seconds=10, seed=0, max_iterations=30)
    assert violations(problem, solution) == []  # which says a visit worth nothing on its route
    assert all(values[stop.visit][r] > 0 for r, route in enumerate(solution.routes)
               for stop in route)
    assert solution.score == score(problem, solution)


def test_a_meeting_whose_attendees_go_apart_is_left_out_and_says_why(tmp_path: Path) -> None:
    """A meeting for both travellers, in trouble (outside the host's hours: planning may move
    it), on the only day the delegation splits by their goals: no group holds both, so it is
    dropped with that reason, not "no slot"."""
    from planner.model import ItemStatus

    path = small_tour(tmp_path, TravelSettings(split_delegation=True))
    with TourStore.open(path) as store, store.transaction() as session:
        cell = session.scalars(select(Organisation).where(Organisation.name == "Cell Works")).one()
        session.add(AgendaItem(kind=ItemKind.MEETING, title="Cells for both", start=at("12:00"),
                               end=at("13:00"), zone=BERLIN, place=cell.place,
                               organisation=cell, status=ItemStatus.IDEA,
                               attendees=list(session.scalars(select(Traveller)))))
    proposal, _who = planned(path)
    host = next(h for h in proposal.left_out if h.organisation == "Cell Works")
    assert host.reason is LeftOut.APART
    assert host.reason_text().startswith("attendees apart: its attendees travel in different "
                                          "groups whenever it could be held (Tue 8 Jun")
    assert any(c.action is Action.DROPPED and c.organisation == "Cell Works"
               for c in proposal.changes)
