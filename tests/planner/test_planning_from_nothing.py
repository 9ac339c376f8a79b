"""Planning a tour a coordinator builds from an empty file: what is missing is said in one
sentence (never a traceback), and once everything is there planning fills the days."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli import main
from planner.feasibility import Checker, Severity
from planner.feasibility.plan import Plan
from planner.formatting import item_place_text
from planner.goals import coverage
from planner.messages import translate
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    Contact,
    ItemKind,
    ItemStatus,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Stay,
    Tour,
    Traveller,
)
from planner.planning import prerequisites as needs
from planner.planning.prerequisites import NothingToPlan
from planner.planning.problem import LeftOut
from planner.planning.proposal import Action, PlanProposal
from planner.planning.tour import MEETING_TITLE, apply, propose
from planner.store import TourStore, create_tour_file
from planner.timezones import local_today

START = date(2027, 6, 7)  # a Monday; the tour runs to the Tuesday of the next week
END = date(2027, 6, 15)
CITIES = {  # city: zone, hotel, station, the days the delegation spends there
    "Stockholm": ("Europe/Stockholm", (59.3326, 18.0649), (59.3303, 18.0586), (7, 8)),
    "Copenhagen": ("Europe/Copenhagen", (55.6761, 12.5683), (55.6727, 12.5647), (9, 10)),
    "Amsterdam": ("Europe/Amsterdam", (52.3702, 4.8952), (52.3791, 4.9003), (11, 14)),
}
HOSTS = [  # name, name_ja, city, kind, topics, office
    ("Northvolt Labs", "ノースボルト・ラボ", "Stockholm", OrganisationKind.SCALEUP,
     ["battery", "energy-storage"], (59.3350, 18.0700)),
    ("KTH Innovation", "KTHイノベーション", "Stockholm", OrganisationKind.UNIVERSITY,
     ["spin-off", "tech-transfer"], (59.3498, 18.0707)),
    ("BLOXHUB", "", "Copenhagen", OrganisationKind.HUB,
     ["urban", "sustainability", "ecosystem"], (55.6736, 12.5810)),
    ("DTU Skylab", "DTUスカイラボ", "Copenhagen", OrganisationKind.UNIVERSITY,
     ["spin-off", "deep-tech"], (55.7858, 12.5219)),
    ("Amsterdam Smart City", "アムステルダム・スマートシティ", "Amsterdam",
     OrganisationKind.PUBLIC_AGENCY, ["mobility", "urban"], (52.3676, 4.9041)),
    ("Techleap", "", "Amsterdam", OrganisationKind.HUB, ["ecosystem", "deal-flow"],
     (52.3600, 4.8852)),
]


@dataclass(frozen=True)
class Parts:
    """What the built tour has (all of it by default; the sparse tours leave parts out)."""

    travellers: bool = True
    goals: bool = True
    goal_topics: bool = True
    delegation_goal: bool = True
    stays: str = "all"  # "all", "none", "some" (only the Copenhagen nights), "outside"
    journeys: bool = True
    hosts: bool = True
    host_places: bool = True
    windows: str = "tour"  # "tour", "none", "outside" (the month before), "weekend"
    host_topics: bool = True
    weekend_only: bool = False  # the tour is one Saturday and Sunday
    same_names: bool = False  # two hosts share a name


def local(day: int, clock: str, zone: str, month: int = 6) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime(2027, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def place(session: Session, name: str, kind: PlaceKind, city: str, country: str,
          where: tuple[float, float], zone: str) -> Place:
    made = Place(name=name, kind=kind, city=city, country=country, latitude=where[0],
                 longitude=where[1], exact=True, zone=zone)
    session.add(made)
    return made


def fill(session: Session, parts: Parts) -> None:
    """The tour from nothing: plain model objects, as a coordinator would enter them."""
    countries = {"Stockholm": "SE", "Copenhagen": "DK", "Amsterdam": "NL"}
    if parts.travellers:
        takahashi = Traveller(name="Kenji Takahashi", name_ja="高橋 健二", role="Director",
                              company="Example Motors", languages=["ja", "en"], position=0)
        sato = Traveller(name="Yuki Sato", name_ja="佐藤 由紀", role="Manager",
                         company="Example Motors", languages=["ja", "en"], position=1)
        session.add_all([takahashi, sato])
        if parts.goals:
            def listed(*names: str) -> list[str]:
                return list(names) if parts.goal_topics else []
            takahashi.goals.append(LearningGoal(
                title="Battery and energy storage", title_ja="電池とエネルギー貯蔵",
                topics=listed("battery", "energy-storage"), priority=5))
            sato.goals.append(LearningGoal(
                title="University spin-offs", title_ja="大学発スピンオフ",
                topics=listed("spin-off", "tech-transfer"), priority=4))
            sato.goals.append(LearningGoal(title="Urban mobility", topics=listed("mobility",
                                                                                  "urban"),
                                           priority=3))
    if parts.goals and parts.delegation_goal:
        session.add(LearningGoal(title="How the Nordic ecosystems work",
                                 title_ja="北欧のエコシステムの仕組み",
                                 topics=["ecosystem"] if parts.goal_topics else [], priority=4))
    hotels = {}
    stations = {}
    for city, (zone, hotel, station, _days) in CITIES.items():
        hotels[city] = place(session, f"Hotel {city}", PlaceKind.HOTEL, city, countries[city],
                             hotel, zone)
        stations[city] = place(session, f"{city} Central", PlaceKind.STATION, city,
                               countries[city], station, zone)
    nights = {"Stockholm": (7, 9), "Copenhagen": (9, 11), "Amsterdam": (11, 15)}
    for city, (first, last) in nights.items():
        if parts.stays == "all" or (parts.stays == "some" and city == "Copenhagen"):
            session.add(Stay(place=hotels[city], check_in=date(2027, 6, first),
                             check_out=date(2027, 6, last)))
        elif parts.stays == "outside":
            session.add(Stay(place=hotels[city], check_in=date(2027, 7, first),
                             check_out=date(2027, 7, last)))
    if parts.journeys:
        tokyo = "Asia/Tokyo"
        haneda = place(session, "Haneda Airport", PlaceKind.AIRPORT, "Tokyo", "JP",
                       (35.5494, 139.7798), tokyo)
        arlanda = place(session, "Stockholm Arlanda Airport", PlaceKind.AIRPORT, "Stockholm",
                        "SE", (59.6519, 17.9186), "Europe/Stockholm")
        schiphol = place(session, "Amsterdam Schiphol Airport", PlaceKind.AIRPORT, "Amsterdam",
                         "NL", (52.3105, 4.7683), "Europe/Amsterdam")
        session.add_all([
            AgendaItem(kind=ItemKind.FLIGHT, title="Flight HND-ARN",
                       start=local(7, "00:30", tokyo), end=local(7, "06:45", "Europe/Stockholm"),
                       zone=tokyo, end_zone="Europe/Stockholm", place=haneda,
                       destination=arlanda, status=ItemStatus.CONFIRMED, locked=True),
            AgendaItem(kind=ItemKind.TRAIN, title="Train to Copenhagen",
                       start=local(9, "10:21", "Europe/Stockholm"),
                       end=local(9, "15:34", "Europe/Copenhagen"), zone="Europe/Stockholm",
                       end_zone="Europe/Copenhagen", place=stations["Stockholm"],
                       destination=stations["Copenhagen"], status=ItemStatus.CONFIRMED,
                       locked=True),
            AgendaItem(kind=ItemKind.TRAIN, title="Train to Amsterdam",
                       start=local(11, "08:40", "Europe/Copenhagen"),
                       end=local(11, "19:55", "Europe/Amsterdam"), zone="Europe/Copenhagen",
                       end_zone="Europe/Amsterdam", place=stations["Copenhagen"],
                       destination=stations["Amsterdam"], status=ItemStatus.CONFIRMED,
                       locked=True),
            AgendaItem(kind=ItemKind.FLIGHT, title="Flight AMS-HND",
                       start=local(15, "14:00", "Europe/Amsterdam"),
                       end=local(16, "09:00", tokyo), zone="Europe/Amsterdam", end_zone=tokyo,
                       place=schiphol, destination=haneda, status=ItemStatus.CONFIRMED,
                       locked=True),
        ])
    if not parts.hosts:
        return
    for n, (name, name_ja, city, kind, topics, office) in enumerate(HOSTS):
        zone, _hotel, _station, days = CITIES[city]
        if parts.same_names and n == 1:
            name = HOSTS[0][0]
        org = Organisation(name=name, name_ja=name_ja, kind=kind,
                           topics=topics if parts.host_topics else [],
                           description="" if parts.host_topics else "A company.")
        if parts.host_places:
            org.place = place(session, name, PlaceKind.OFFICE, city, countries[city], office,
                              zone)
        org.contacts.append(Contact(name=f"Host of {name}", role="Head of partnerships"))
        spans = {"tour": [(day, 6) for day in range(days[0], days[1] + 1)],
                 "outside": [(day, 5) for day in range(days[0], days[1] + 1)],
                 "weekend": [(12, 6), (13, 6)], "none": []}[parts.windows]
        for day, month in spans:
            org.availability.append(AvailabilityWindow(
                start=local(day, "09:00", zone, month), end=local(day, "17:30", zone, month),
                zone=zone))
        session.add(org)


def build(folder: Path, parts: Parts = Parts()) -> Path:
    """A new tour file with nothing but its title and dates, then *parts* added to it."""
    path = folder / "tour.ecovisit"
    start, end = (date(2027, 6, 12), date(2027, 6, 13)) if parts.weekend_only else (START, END)
    create_tour_file(path, lambda session: session.add(Tour(
        title="Nordic study tour", title_ja="北欧視察", start_date=start, end_date=end)))
    with TourStore.open(path) as store, store.transaction() as session:
        fill(session, parts)
    return path


def plan_and_apply(path: Path) -> tuple[PlanProposal, int]:
    """Plan the tour and apply the plan; returns the proposal and the errors afterwards."""
    with TourStore.open(path) as store, store.transaction() as session:
        proposal = apply(session, propose(session, seconds=20, max_iterations=150))
        session.flush()
        findings = Checker(Plan.from_session(session), local_today()).check_all()
        errors = [f for f in findings if f.severity is Severity.ERROR]
        return proposal, len(errors)


def run(*args: str | Path) -> int:
    return main([str(a) for a in args], out=io.StringIO())


# --- what is missing, said in one sentence ---------------------------------------------------

def test_planning_a_new_empty_tour_says_what_to_add(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.ecovisit"
    assert run("new", path, "--title", "T", "--start", "2027-05-03", "--end", "2027-05-07") == 0
    capsys.readouterr()
    assert run("plan", path) == 1
    captured = capsys.readouterr()
    assert captured.err == f"ecovisit: error: {translate(needs.NO_TRAVELLERS)}\n"
    assert "Traceback" not in captured.err and captured.out == ""


def test_planning_a_tour_without_hotel_nights_asks_for_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build(tmp_path, Parts(stays="none"))
    before = path.read_bytes()
    assert run("plan", path) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "ecovisit: error: Add the hotel nights (Stays) first: planning plans the days between "
        "hotels"]
    assert path.read_bytes() == before  # nothing written, not even a backup
    assert not list(tmp_path.glob("*.bak"))


SPARSE = [  # what the tour lacks, and the sentence planning says
    (Parts(travellers=False), needs.NO_TRAVELLERS),
    (Parts(stays="none"), needs.NO_STAYS),
    (Parts(weekend_only=True), needs.NO_WEEKDAYS),
    (Parts(goals=False), needs.NO_GOALS),
    (Parts(goal_topics=False), needs.NO_TOPICS),
    (Parts(hosts=False), needs.NO_PLACES),
    (Parts(host_places=False), needs.NO_PLACES),
    (Parts(windows="none"), needs.NO_AVAILABILITY),
    (Parts(windows="outside"), needs.NO_AVAILABILITY),
    (Parts(host_topics=False), needs.NO_MATCH),
    (Parts(stays="outside", journeys=False), needs.NO_HOTEL_DAYS),
]


@pytest.mark.parametrize(("parts", "sentence"), SPARSE,
                         ids=[s.split(":")[0][:40] + f"-{n}" for n, (_, s) in enumerate(SPARSE)])
def test_each_missing_part_is_named(tmp_path: Path, parts: Parts, sentence: str) -> None:
    path = build(tmp_path, parts)
    with TourStore.open(path) as store, store.transaction() as session, \
            pytest.raises(NothingToPlan) as raised:
        propose(session, seconds=5, max_iterations=20)
    assert raised.value.template == sentence
    assert str(raised.value) == sentence and "\n" not in sentence
    japanese = raised.value.message("ja")
    assert japanese == translate(sentence, "ja") != sentence and "\n" not in japanese


@pytest.mark.parametrize("parts", [
    Parts(delegation_goal=False), Parts(stays="some"), Parts(windows="weekend"),
    Parts(stays="some", journeys=False), Parts(journeys=False), Parts(same_names=True),
], ids=["no-delegation-goal", "some-nights", "weekend-windows", "some-nights-no-journeys",
        "no-journeys", "same-names"])
def test_a_partial_tour_is_planned_as_far_as_it_can_be(tmp_path: Path, parts: Parts) -> None:
    """What can be planned is planned; a host without a slot is left out with its reason."""
    proposal, errors = plan_and_apply(build(tmp_path, parts))
    assert errors == 0
    if parts.windows == "weekend":
        assert not proposal.changes
        assert {host.reason for host in proposal.left_out} == {LeftOut.NO_SLOT}


# --- sparse tours of every shape: planning says what is missing or plans ----------------------

# Each part is mostly there: a tour missing one early part (travellers, weekdays) would stop at
# that, and the parts checked later would hardly be tried.
MOSTLY, RARELY = st.sampled_from([True] * 5 + [False]), st.sampled_from([False] * 5 + [True])
SHAPES = st.builds(
    Parts, travellers=MOSTLY, goals=MOSTLY, goal_topics=MOSTLY, delegation_goal=st.booleans(),
    stays=st.sampled_from(["all", "all", "all", "none", "some", "outside"]), journeys=MOSTLY,
    hosts=MOSTLY, host_places=MOSTLY,
    windows=st.sampled_from(["tour", "tour", "tour", "none", "outside", "weekend"]),
    host_topics=MOSTLY, weekend_only=RARELY, same_names=st.booleans())


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=SHAPES)
def test_sparse_tours_never_raise_anything_but_nothing_to_plan(parts: Parts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder), parts)
        with TourStore.open(path) as store, store.transaction() as session:
            try:
                proposal = propose(session, seconds=5, max_iterations=20)
            except NothingToPlan as missing:
                assert missing.message("en") and missing.message("ja")
                event(missing.template.split(":")[0])
                return
            event("planned")
            proposal = apply(session, proposal)
            session.flush()
            assert all(change.organisation_id for change in proposal.changes)


# --- the tour built from nothing is planned ----------------------------------------------------

def test_a_tour_built_from_an_empty_file_is_planned(tmp_path: Path) -> None:
    path = build(tmp_path)
    with TourStore.open(path) as store, store.transaction() as session:
        assert coverage(session).score == 0.0
        before = Checker(Plan.from_session(session), local_today()).check_all()
        assert not [f for f in before if f.severity is Severity.ERROR]
    proposal, errors = plan_and_apply(path)
    added = [c for c in proposal.changes if c.action is Action.ADDED]
    assert len(added) >= 4, proposal.left_out
    assert errors == 0
    with TourStore.open(path) as store, store.transaction() as session:
        assert coverage(session).score > 0.5
        meetings = session.scalars(select(AgendaItem).where(
            AgendaItem.kind == ItemKind.MEETING)).all()
        assert len(meetings) == len(added)
        days = {m.day for m in meetings}
        assert days <= {date(2027, 6, d) for d in (7, 8, 9, 10, 14)}
        cities = {m.place.city for m in meetings if m.place}
        assert cities == {"Stockholm", "Copenhagen", "Amsterdam"}
        for meeting in meetings:
            assert meeting.attendees and meeting.hosts and meeting.goals
            assert meeting.local_start.minute % 5 == 0  # 16:05 after a 15:34 train, not 16:04
            assert meeting.status is ItemStatus.IDEA


def test_a_planned_meeting_has_a_japanese_title_and_names_its_host_once(tmp_path: Path) -> None:
    path = build(tmp_path)
    plan_and_apply(path)
    with TourStore.open(path) as store, store.transaction() as session:
        meetings = {m.organisation.name: m for m in session.scalars(select(AgendaItem).where(
            AgendaItem.kind == ItemKind.MEETING)) if m.organisation}
        assert meetings
        for name, meeting in meetings.items():
            org = meeting.organisation
            assert org is not None and meeting.place is not None
            assert meeting.title == f"Meeting with {name}"
            assert meeting.title_ja == f"{org.name_ja or org.name}との面談"
            where = item_place_text(meeting)
            assert where == meeting.place.city  # the title names the host already
            assert f"{meeting.title} · {where}".count(name) == 1
        if "Northvolt Labs" in meetings:
            assert meetings["Northvolt Labs"].title_ja == "ノースボルト・ラボとの面談"


def test_two_hosts_with_one_name_are_told_apart(tmp_path: Path) -> None:
    """Changes name their organisation by key: two offices called alike both get meetings."""
    path = build(tmp_path, replace(Parts(), same_names=True))
    proposal, errors = plan_and_apply(path)
    assert errors == 0
    with TourStore.open(path) as store, store.transaction() as session:
        hosts = {m.organisation_id for m in session.scalars(select(AgendaItem).where(
            AgendaItem.kind == ItemKind.MEETING))}
        assert hosts == {c.organisation_id for c in proposal.changes}

def twins(session: Session) -> list[Organisation]:
    """The two organisations called "Northvolt Labs" (``Parts(same_names=True)``), by key."""
    found = list(session.scalars(select(Organisation).where(
        Organisation.name == HOSTS[0][0]).order_by(Organisation.id)))
    assert len(found) == 2 and found[0].place_id != found[1].place_id
    return found


def test_two_organisations_of_one_name_are_each_planned_and_applied_as_themselves(
        tmp_path: Path) -> None:
    """Both are candidates; each change names its own organisation by key, and applying it
    makes a meeting with that organisation, at its office, with its host, when the change
    says."""
    path = build(tmp_path, Parts(same_names=True))
    with TourStore.open(path) as store, store.transaction() as session:
        ids = [org.id for org in twins(session)]
        proposal = propose(session, seconds=20, max_iterations=150)
        added = {c.organisation_id: c for c in proposal.changes if c.action is Action.ADDED}
        assert set(ids) <= set(added)  # both planned, neither taken for the other
        assert {added[i].organisation for i in ids} == {HOSTS[0][0]}
        applied = apply(session, proposal)
    with TourStore.open(path) as store, store.transaction() as session:
        for org in twins(session):
            [change] = [c for c in applied.changes if c.organisation_id == org.id]
            [meeting] = session.scalars(select(AgendaItem).where(
                AgendaItem.organisation_id == org.id)).all()
            assert meeting.uid == change.uid != ""
            assert meeting.place_id == org.place_id
            assert [h.id for h in meeting.hosts] == [c.id for c in org.contacts]
            assert (meeting.start, meeting.end) == (change.start, change.end)


def test_a_host_left_out_is_named_by_key_beside_its_namesake(tmp_path: Path) -> None:
    """Of two organisations called alike, the one with slots only at the weekend is left out
    for want of a slot, and its namesake is planned: the proposal tells them apart by key."""
    path = build(tmp_path, Parts(same_names=True))
    with TourStore.open(path) as store, store.transaction() as session:
        planned, weekend_only = twins(session)
        zone = weekend_only.place.zone if weekend_only.place else ""
        weekend_only.availability = [AvailabilityWindow(
            start=local(12, "09:00", zone), end=local(12, "17:30", zone), zone=zone)]
        planned_id, weekend_id = planned.id, weekend_only.id
    with TourStore.open(path) as store, store.transaction() as session:
        proposal = propose(session, seconds=20, max_iterations=150)
    assert (weekend_id, HOSTS[0][0], LeftOut.NO_SLOT) in {
        (host.organisation_id, host.organisation, host.reason) for host in proposal.left_out}
    assert planned_id not in {host.organisation_id for host in proposal.left_out}
    assert planned_id in {c.organisation_id for c in proposal.changes
                          if c.action is Action.ADDED}


def test_a_day_that_ends_before_it_starts_is_not_planned(tmp_path: Path) -> None:
    """An arrival after the latest return (or a departure before the earliest one) leaves no
    room that day; planning leaves the day alone instead of failing."""
    path = build(tmp_path)
    with TourStore.open(path) as store, store.transaction() as session:
        flight = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Flight HND-ARN")).one()
        flight.start = local(7, "16:00", "Asia/Tokyo")
        flight.end = local(7, "23:30", "Europe/Stockholm")
    with TourStore.open(path) as store, store.transaction() as session:
        proposal = propose(session, seconds=5, max_iterations=20)
        assert date(2027, 6, 7) not in proposal.planned_days
        assert date(2027, 6, 8) in proposal.planned_days


def test_the_window_says_it_in_japanese() -> None:
    missing = NothingToPlan(needs.NO_STAYS)
    assert missing.message("ja") == translate(needs.NO_STAYS, "ja")
    assert "視察" not in missing.message("en")
    for template in (needs.NO_TRAVELLERS, needs.NO_STAYS, needs.NO_WEEKDAYS,
                     needs.NO_HOTEL_DAYS, needs.NO_GOALS, needs.NO_TOPICS,
                     needs.NO_PLACES, needs.NO_AVAILABILITY, needs.NO_MATCH,
                     MEETING_TITLE):
        assert translate(template, "ja") != template, template
