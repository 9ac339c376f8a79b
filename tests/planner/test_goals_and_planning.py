"""Goals, coverage, and planning real tours with the planning core."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from planner.cli import main
from planner.feasibility import Checker, Severity
from planner.feasibility.plan import Plan
from planner.goals import coverage, match, set_override
from planner.model import AgendaItem, ItemKind, LearningGoal, Organisation
from planner.store import TourStore, create_tour_file
from planner.tourdoc import import_document


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    return main([str(a) for a in args], out=out), out.getvalue()


def test_matches_explain_themselves_and_overrides_win(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        goal = session.scalars(select(LearningGoal).where(
            LearningGoal.title.startswith("Battery"))).one()
        fortum = session.scalars(select(Organisation).where(Organisation.name == "Fortum")).one()
        found = match(goal, fortum)
        assert found.score >= 0.75
        assert found.explanation().startswith("matches on battery, energy-storage")
        bmw = session.scalars(select(Organisation).where(Organisation.name == "BMW Group")).one()
        assert match(goal, bmw).score < 0.3
        set_override(session, goal.id, bmw.id, 0.9)
    with demo_store.transaction() as session:
        from planner.goals import overrides

        assert list(overrides(session).values()) == [0.9]


def test_coverage_of_the_demo(demo_path: Path) -> None:
    code, text = run("coverage", demo_path, "--json")
    assert code == 0
    report = json.loads(text)
    assert report["score"] == 1.0 and report["uncovered"] == []
    first = report["goals"][0]
    assert {"goal", "traveller", "priority", "meetings"} <= set(first)
    code, text = run("coverage", demo_path, "--traveller", "Yamamoto", "--json")
    goals = {g["goal"] for g in json.loads(text)["goals"]}
    assert "Industrial AI and process mining in manufacturing" in goals
    assert "Battery, charging and energy-storage innovation" not in goals  # Takahashi's


def strip_meetings(path: Path) -> dict[str, tuple[object, object]]:
    """Remove every meeting; return the times of everything else (which must not move)."""
    with TourStore.open(path) as store, store.transaction() as session:
        kept = {}
        for item in session.scalars(select(AgendaItem)):
            if item.kind is ItemKind.MEETING:
                session.delete(item)
            else:
                kept[item.uid] = (item.start, item.end)
    return kept


def test_planning_the_demo_from_scratch(clean_demo: Path) -> None:
    with TourStore.open(clean_demo) as store, store.transaction() as session:
        hand_made = coverage(session).score
    kept = strip_meetings(clean_demo)
    code, text = run("plan", clean_demo, "--seconds", "120", "--iterations", "3000", "--json")
    assert code == 0
    report = json.loads(text)
    assert report["coverage_before"] == 0.0
    assert report["coverage_after"] >= hand_made
    assert report["errors_after"] == 0
    added = [c for c in report["changes"] if c["action"] == "added"]
    assert 12 <= len(added) <= 25
    assert all(reason in ("no slot", "too far", "low value", "no room", "day left alone",
                          "declined")  # the demo's Zalando declined
               for reason in (o["reason"] for o in report["left_out"]))
    with TourStore.open(clean_demo) as store, store.transaction() as session:
        for item in session.scalars(select(AgendaItem)):
            if item.uid in kept:
                assert (item.start, item.end) == kept[item.uid]  # fixed items never move
        findings = Checker(Plan.from_session(session), date(2027, 1, 1)).check_all()
        assert [f.message() for f in findings if f.severity is Severity.ERROR] == []
        # each day starts from the previous night's hotel, with time to check out when moving:
        assert not [f for f in findings if f.code in ("early_departure", "moving_day_checkout",
                                                      "late_return", "no_lunch")]
        new = [i for i in session.scalars(select(AgendaItem)) if i.uid not in kept]
        assert all(i.status.value == "idea" and i.goals and i.attendees for i in new)
    backups = list(clean_demo.parent.glob(f"{clean_demo.name}.before-plan-*.bak"))
    assert len(backups) == 1


def test_two_copies_in_one_second_each_keep_their_name(clean_demo: Path) -> None:
    """A plan killed after its copy, then run again within the same second, found the name
    taken and refused; so did opening a second copy of an old tour file in the same second (a
    CI run saw both): the second copy takes the next free number."""
    from datetime import UTC, datetime

    from planner.store import backup_beside

    taken = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
    made = [backup_beside(clean_demo, "before-plan") for _ in range(3)]
    names = [path.name for path in made]
    assert len(set(names)) == 3 and all(path.exists() for path in made)
    if names[0].endswith(f"{taken}.bak"):  # (the clock did not turn a second in between)
        assert names[1] == names[0].replace(".bak", "-2.bak")
    with TourStore.open(made[2]) as copy, copy.transaction() as session:  # each a whole tour
        assert session.scalar(select(AgendaItem.id).limit(1)) is not None


def test_a_working_plan_is_completed_not_reshuffled(clean_demo: Path) -> None:
    code, text = run("plan", clean_demo, "--seconds", "120", "--iterations", "500", "--dry-run",
                     "--json")
    report = json.loads(text)
    assert code == 0 and report["errors_after"] == 0
    assert {c["action"] for c in report["changes"]} <= {"added"}


def test_planning_repairs_a_meeting_in_trouble(clean_demo: Path) -> None:
    with TourStore.open(clean_demo) as store, store.transaction() as session:
        celonis = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Process mining"))).one()
        celonis.start = celonis.start.replace(hour=celonis.start.hour - 2)  # overlaps BMW
        celonis.end = celonis.end.replace(hour=celonis.end.hour - 2)
    code, text = run("plan", clean_demo, "--seconds", "120", "--iterations", "1000", "--json")
    assert code == 0
    report = json.loads(text)
    assert report["errors_after"] == 0
    assert any(c["organisation"] == "Celonis" and c["action"] in ("moved", "dropped")
               for c in report["changes"])


def test_dry_run_leaves_the_file_byte_identical(clean_demo: Path) -> None:
    strip_meetings(clean_demo)
    before = hashlib.sha256(clean_demo.read_bytes()).hexdigest()
    code, text = run("plan", clean_demo, "--iterations", "100", "--dry-run")
    assert code == 0 and text.startswith("Proposed: ")
    assert hashlib.sha256(clean_demo.read_bytes()).hexdigest() == before
    assert not list(clean_demo.parent.glob("*.bak"))


def small_tour(tmp_path: Path, windows: dict[str, tuple[str, str]],
               priorities: dict[str, int]) -> Path:
    """One working day in Berlin, a hotel, and organisations with one window each."""
    places = [{"id": 1, "name": "Hotel", "kind": "hotel", "latitude": 52.5160,
               "longitude": 13.3800, "exact": True, "zone": "Europe/Berlin", "city": "Berlin",
               "country": "DE"}]
    orgs, goals = [], []
    for n, (name, (start, end)) in enumerate(windows.items(), start=1):
        places.append({"id": n + 1, "name": name, "latitude": 52.52 + n * 0.002,
                       "longitude": 13.39, "exact": True, "zone": "Europe/Berlin",
                       "city": "Berlin", "country": "DE"})
        orgs.append({"id": n, "name": name, "topics": [f"topic-{n}"], "place": n + 1,
                     "availability": [{"id": n, "zone": "Europe/Berlin",
                                       "start": f"2027-06-08T{start}:00+02:00",
                                       "end": f"2027-06-08T{end}:00+02:00"}]})
        goals.append({"id": n, "title": f"Learn from {name}", "topics": [f"topic-{n}"],
                      "priority": priorities[name]})
    document = {"format": "ecovisit-tour", "version": 1,
                "tour": {"title": "Small", "start_date": "2027-06-07",
                         "end_date": "2027-06-09"},
                "places": places, "goals": goals, "organisations": orgs,
                "travellers": [{"id": 1, "name": "Kenji Takahashi", "languages": ["ja"]}],
                "stays": [{"id": 1, "place": 1, "check_in": "2027-06-07",
                           "check_out": "2027-06-09"}]}
    path = tmp_path / "small.ecovisit"
    create_tour_file(path, lambda s: import_document(document, s))
    return path


def test_a_host_with_one_30_minute_window_gets_it(tmp_path: Path) -> None:
    path = small_tour(tmp_path, {"Narrow": ("15:00", "15:30")}, {"Narrow": 3})
    code, text = run("plan", path, "--iterations", "200", "--meeting-minutes", "30", "--json")
    [change] = json.loads(text)["changes"]
    assert change["start"] == "2027-06-08T15:00:00+02:00"
    assert change["end"] == "2027-06-08T15:30:00+02:00"
    (tmp_path / "again").mkdir()
    fresh = small_tour(tmp_path / "again", {"Narrow": ("15:00", "15:30")}, {"Narrow": 3})
    code, text = run("plan", fresh, "--iterations", "200", "--meeting-minutes", "45", "--json")
    assert code == 0
    report = json.loads(text)  # 45 minutes do not fit a 30-minute window
    assert report["changes"] == []
    assert [(o["organisation"], o["reason"]) for o in report["left_out"]] == [
        ("Narrow", "no slot")]


def test_the_higher_priority_goal_wins_when_only_one_fits(tmp_path: Path) -> None:
    path = small_tour(tmp_path, {"Minor": ("10:00", "11:30"), "Major": ("10:00", "11:30")},
                      {"Minor": 2, "Major": 5})
    code, text = run("plan", path, "--iterations", "200", "--meeting-minutes", "75", "--json")
    assert code == 0
    report = json.loads(text)
    assert [c["organisation"] for c in report["changes"]] == ["Major"]
    assert [(o["organisation"], o["reason"]) for o in report["left_out"]] == [
        ("Minor", "low value")]
    [minor] = report["left_out"]  # what took its time is named
    assert "but that time went to meetings worth more: Major" in minor["text"]


def test_the_coordinator_overrides_a_match_from_the_command_line(demo_path: Path) -> None:
    code, text = run("match", demo_path, "battery", "fortum")
    assert code == 0 and "75% (matches on battery, energy-storage, energy)" in text
    code, text = run("match", demo_path, "battery", "BMW", "0.8")
    assert code == 0 and "80% (set by the coordinator to 80%)" in text
    code, text = run("match", demo_path, "battery", "BMW")
    assert "80%" in text  # it was stored
    code, text = run("match", demo_path, "battery", "BMW", "--clear")
    assert "0% (no common topic)" in text
    assert run("match", demo_path, "battery", "BMW", "1.5")[0] == 2
    assert run("match", demo_path, "nothing like this", "BMW")[0] == 2


def test_an_override_makes_a_host_a_candidate_for_planning(tmp_path: Path) -> None:
    path = small_tour(tmp_path, {"Chosen": ("10:00", "11:30"), "Other": ("10:00", "11:30")},
                      {"Chosen": 2, "Other": 5})
    assert run("match", path, "Learn from Chosen", "Chosen", "0")[0] == 0  # not worth it
    code, text = run("plan", path, "--iterations", "200", "--json")
    assert code == 0
    assert [c["organisation"] for c in json.loads(text)["changes"]] == ["Other"]


def test_planning_a_tour_reports_progress_and_can_be_cancelled(clean_demo: Path) -> None:
    from planner.planning.tour import propose

    strip_meetings(clean_demo)
    reports: list[tuple[int, float, float]] = []
    asked = 0

    def cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 60

    with TourStore.open(clean_demo) as store, store.session() as session:
        proposal = propose(session, seconds=120, progress=lambda *r: reports.append(r),
                           cancel=cancel)
    assert proposal.iterations == 60 and reports and reports[-1][0] == 60
    assert proposal.changes  # the best plan found before the cancel is still proposed
