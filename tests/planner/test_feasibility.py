"""The feasibility checker: each check fires on its planted problem and the demo stays clean."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli import main
from planner.demo import write_demo
from planner.feasibility import Checker, Severity
from planner.feasibility.plan import Plan, PlanItem, PlanPlace, PlanStay, PlanTraveller
from planner.model import AgendaItem, ItemKind, ItemStatus, Organisation, Traveller
from planner.store import TourStore
from planner.travel import TravelSettings
from tests.conftest import CLEAN_START

TODAY = date(2027, 3, 1)


def findings_after(path: Path, change: Callable[[Session], None], today: date = TODAY):
    with TourStore.open(path) as store:
        with store.transaction() as session:
            change(session)
        with store.transaction() as session:
            return Checker(Plan.from_session(session), today).check_all()


def item(session: Session, title: str) -> AgendaItem:
    return session.scalars(select(AgendaItem).where(AgendaItem.title.startswith(title))).one()


def shift(session: Session, title: str, minutes: int, end_too: bool = True) -> None:
    found = item(session, title)
    found.start += timedelta(minutes=minutes)
    if end_too:
        found.end += timedelta(minutes=minutes)


def test_the_demo_is_clean_apart_from_its_clock_changes(clean_demo: Path) -> None:
    findings = findings_after(clean_demo, lambda s: None)
    assert {f.code for f in findings} == {"zone_change"}
    assert [f.data["shift_hours"] for f in findings] == [-6, -1, 7]  # summer time in June


def bmw(session: Session) -> AgendaItem:
    return item(session, "BMW Startup Garage")


def add_meeting(session: Session, title: str, host: str, start: datetime,
                minutes: int = 60) -> AgendaItem:
    org = session.scalars(select(Organisation).where(Organisation.name == host)).one()
    meeting = AgendaItem(kind=ItemKind.MEETING, title=title, start=start,
                         end=start + timedelta(minutes=minutes), zone=org.place.zone,  # type: ignore[union-attr]
                         place=org.place, organisation=org, status=ItemStatus.CONFIRMED,
                         attendees=list(session.scalars(select(Traveller))),
                         language="en", interpreter_booked=True)
    session.add(meeting)
    return meeting


def local(day: int, clock: str, zone: str = "Europe/Berlin") -> datetime:
    hour, minute = map(int, clock.split(":"))
    base = datetime.combine(CLEAN_START + timedelta(days=day), datetime.min.time())
    return base.replace(hour=hour, minute=minute, tzinfo=ZoneInfo(zone))


PLANTED: dict[str, tuple[Callable[[Session], None], list[str]]] = {
    # code: (the change, titles of the items the finding must name)
    "overlap": (lambda s: shift(s, "Process mining", -60), ["BMW Startup Garage",
                                                           "Process mining"]),
    "travel_time": (lambda s: shift(s, "BMW Startup Garage", -30),
                    ["Lunch at the Entrepreneurship", "BMW Startup Garage"]),
    "travel_to_departure": (lambda s: shift(s, "Design thinking", 75),
                            ["Design thinking", "ICE Berlin"]),
    "early_departure": (lambda s: shift(s, "Finland's innovation funding", -120),
                        ["Finland's innovation funding"]),
    "late_return": (lambda s: shift(s, "Bavarian dinner", 120), ["Bavarian dinner"]),
    "moving_day_checkout": (lambda s: shift(s, "Design thinking", -30), ["Design thinking"]),
    "outside_availability": (lambda s: shift(s, "How an operational VC", 60),
                             ["How an operational VC"]),
    "no_availability": (lambda s: [s.delete(w) for w in bmw(s).organisation.availability]  # type: ignore[union-attr]
                        and None, ["BMW Startup Garage"]),
    "outside_working_day": (lambda s: shift(s, "Siemensstadt Square", 90),
                            ["Siemensstadt Square"]),
    "no_lunch": (lambda s: add_meeting(s, "Working session", "Project A Ventures",
                                       local(3, "12:30"), 45) and None, []),
    "weekend": (lambda s: add_meeting(s, "Saturday visit", "Siemens AG", local(5, "10:00"))
                and None, ["Saturday visit"]),
    "too_many_meetings": (
        lambda s: [add_meeting(s, f"Extra {n}", "Aalto University (A Grid)",
                               local(1, f"18:{n * 30:02d}", "Europe/Helsinki"), 30)
                   for n in range(2)] and None, []),
    "no_place": (lambda s: setattr(item(s, "Bavarian dinner"), "place", None),
                 ["Bavarian dinner"]),
    "no_host": (lambda s: setattr(item(s, "Design thinking"), "organisation", None),
                ["Design thinking"]),
    "outside_tour": (lambda s: shift(s, "Closing lunch", 24 * 60 * 3), ["Closing lunch"]),
    "language": (lambda s: setattr(item(s, "Battery recycling"), "interpreter_booked", False),
                 ["Battery recycling"]),
}


@pytest.mark.parametrize("code", sorted(PLANTED))
def test_each_check_fires_on_its_planted_problem(clean_demo: Path, code: str) -> None:
    change, titles = PLANTED[code]
    findings = findings_after(clean_demo, change)
    fired = [f for f in findings if f.code == code]
    assert fired, [(f.code, f.message()) for f in findings]
    if titles:
        with TourStore.open(clean_demo) as store, store.transaction() as session:
            uids = [item(session, t).uid for t in titles]
        assert any(list(f.items) == uids for f in fired), [f.message() for f in fired]
    for finding in fired:  # every finding explains itself and proposes a fix
        assert finding.message() and finding.suggestion()
        assert finding.message("ja") != finding.message()


def test_travel_finding_gives_numbers_to_fix_it(clean_demo: Path) -> None:
    findings = findings_after(clean_demo, PLANTED["travel_time"][0])
    [travel] = [f for f in findings if f.code == "travel_time"]
    data = travel.data
    assert data["gap"] == 30 and data["needed"] > 30
    assert travel.severity is Severity.ERROR
    assert f"Start BMW Startup Garage and the software-defined vehicle {data['short']} min " \
           f"later, at {data['suggested']}" in travel.suggestion()
    assert travel.travellers == ()  # the whole delegation


def test_unconfirmed_meetings_close_to_the_date(clean_demo: Path) -> None:
    close = CLEAN_START + timedelta(days=2)
    findings = findings_after(clean_demo, lambda s: None, today=close)
    unconfirmed = {f.data["item"] for f in findings if f.code == "unconfirmed"}
    assert unconfirmed == {"Siemensstadt Square: a new industrial district",
                           "Process mining for manufacturing",
                           "Pitch session: Munich mobility startups",
                           "Software-defined vehicles and the circular economy at Renault"}


def test_public_holidays_of_the_host_country(tmp_path: Path) -> None:
    path = tmp_path / "may.ecovisit"
    write_demo(path, date(2027, 5, 10))  # Whit Monday 17 May: the Munich day
    with TourStore.open(path) as store, store.transaction() as session:
        findings = Checker(Plan.from_session(session), TODAY).check_all()
    holidays = [f for f in findings if f.code == "holiday"]
    assert {(f.day, f.data["region"], f.data["holiday"]) for f in holidays} == {
        (date(2027, 5, 17), "DE-BY", "Pentecost Monday")}
    assert len(holidays) == 4  # UnternehmerTUM, BMW, Celonis, WERK1 (not the lunch)


def test_regional_holidays_depend_on_the_state(tmp_path: Path) -> None:
    path = tmp_path / "corpus-christi.ecovisit"
    write_demo(path, date(2027, 5, 24))  # Thursday 27 May: Corpus Christi, Bavaria only
    with TourStore.open(path) as store:
        with store.transaction() as session:
            add_meeting(session, "Munich side trip", "Siemens AG",
                        datetime(2027, 5, 27, 11, 0, tzinfo=BERLIN))
        with store.transaction() as session:
            findings = Checker(Plan.from_session(session), TODAY).check_all()
    holidays = [f for f in findings if f.code == "holiday"]
    assert [(f.data["item"], f.data["region"]) for f in holidays] == [
        ("Munich side trip", "DE-BY")]  # the Berlin meetings that day are fine


def test_a_zone_change_is_shown_on_its_day(clean_demo: Path) -> None:
    findings = findings_after(clean_demo, lambda s: None)
    [change] = [f for f in findings if f.day == CLEAN_START + timedelta(days=2)]
    assert change.message() == ("Clocks change on Wed 9 Jun: Helsinki (EEST) to Berlin (CEST), "
                                "-1 h.")
    assert change.message("ja") == "6月9日(水)に時差があります：Helsinki（EEST）からBerlin（CEST）へ、-1時間。"


def test_split_tracks_are_checked_per_traveller(clean_demo: Path) -> None:
    def clash(session: Session) -> None:  # Nakamura is not at Celonis: no overlap for him
        pitch = item(session, "Pitch session")
        pitch.attendees = [t for t in pitch.attendees if t.name != "Hiroshi Nakamura"]
        celonis = item(session, "Process mining")
        nakamura = session.scalars(select(Traveller).where(Traveller.name.startswith("Hiroshi"))
                                   ).one()
        celonis.attendees = [*celonis.attendees, nakamura]
        celonis.interpreter_booked = True
        pitch.start = celonis.start

    findings = findings_after(clean_demo, clash)
    assert [f.code for f in findings if f.severity is Severity.ERROR] == []
    def both(session: Session) -> None:
        clash(session)
        pitch = item(session, "Pitch session")
        pitch.attendees = [*pitch.attendees, *[t for t in item(session, "Process mining")
                                               .attendees if t.name == "Aiko Yamamoto"]]
    overlaps = [f for f in findings_after(clean_demo, both) if f.code == "overlap"]
    assert [f.travellers for f in overlaps] == [("Aiko Yamamoto",)]


def test_the_check_command(clean_demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["check", str(clean_demo)], out=out) == 0
    assert out.getvalue().strip().endswith("0 errors, 0 warnings, 3 notes")
    with TourStore.open(clean_demo) as store, store.transaction() as session:
        PLANTED["overlap"][0](session)
    out = io.StringIO()
    assert main(["check", str(clean_demo), "--json"], out=out) == 1
    findings = json.loads(out.getvalue())
    overlap = next(f for f in findings if f["code"] == "overlap")
    assert {"code", "severity", "items", "travellers", "day", "message", "suggestion"} <= \
        set(overlap)
    assert overlap["severity"] == "error" and overlap["day"] == "2027-06-14"
    out = io.StringIO()
    assert main(["check", str(clean_demo), "--traveller", "中村"], out=out) == 0  # not at Celonis
    out = io.StringIO()
    assert main(["check", str(clean_demo), "--lang", "ja"], out=out) == 1
    assert "重なっています" in out.getvalue() and "エラー2件" in out.getvalue()


# --- properties -------------------------------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
PLACES = [PlanPlace(n, f"P{n}", "Berlin", "DE", 52.45 + 0.02 * n, 13.30 + 0.03 * n, True,
                    "office", "Europe/Berlin") for n in range(5)]


def plan_of(items: list[PlanItem]) -> Plan:
    plan = Plan(date(2027, 6, 7), date(2027, 6, 11), datetime.min.time().replace(hour=8),
                datetime.min.time().replace(hour=19), TravelSettings(),
                {1: PlanTraveller(1, "A", ("en",))},
                [PlanStay(date(2027, 6, 6), date(2027, 6, 12), PLACES[0])])
    for plan_item in items:
        plan.put(plan_item)
    return plan


def meeting(uid: str, place: PlanPlace, start: datetime, minutes: int) -> PlanItem:
    return PlanItem(uid, ItemKind.MEETING, uid, start, start + timedelta(minutes=minutes),
                    "Europe/Berlin", None, place, None, "Host", (), frozenset(),
                    ItemStatus.CONFIRMED, False, "", False)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(PLACES), st.sampled_from(PLACES), st.integers(0, 120),
       st.integers(0, 120))
def test_a_longer_gap_never_adds_a_travel_finding(a: PlanPlace, b: PlanPlace, gap: int,
                                                  more: int) -> None:
    start = datetime(2027, 6, 8, 9, 0, tzinfo=BERLIN)

    def travel_findings(gap_minutes: int) -> set[str]:
        first = meeting("a", a, start, 60)
        second = meeting("b", b, first.end + timedelta(minutes=gap_minutes), 60)
        found = Checker(plan_of([first, second]), TODAY).check_all()
        return {f.code for f in found if f.code in ("travel_time", "overlap")}

    assert travel_findings(gap + more) <= travel_findings(gap)


def test_incremental_recheck_equals_a_full_check(clean_demo: Path) -> None:
    with TourStore.open(clean_demo) as store, store.transaction() as session:
        plan = Plan.from_session(session)
    checker = Checker(plan, TODAY)
    checker.check_all()
    import random

    rng = random.Random(5)
    uids = sorted(plan.items)
    for _ in range(40):
        uid = rng.choice(uids)
        old = plan.items[uid]
        delta = timedelta(minutes=rng.choice([-240, -90, -30, 15, 45, 120, 24 * 60]))
        moved = PlanItem(**{**old.__dict__, "start": old.start + delta, "end": old.end + delta})
        days = checker.update(moved)
        assert len(days) <= 4
        full = Checker(plan_of_copy(plan), TODAY).check_all()
        assert checker.findings() == full


def plan_of_copy(plan: Plan) -> Plan:
    copy = Plan(plan.start_date, plan.end_date, plan.day_start, plan.day_end, plan.settings,
                plan.travellers, plan.stays)
    for plan_item in plan.items.values():
        copy.put(plan_item)
    return copy
