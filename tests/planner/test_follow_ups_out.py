"""Follow-ups leaving Ecovisit: each owner's task list (.ics of VTODOs) as real readers read it
(ical.js under node, given a laptop in Asia/Tokyo, and libical with its RFC check), the sheet
(xlsx) read back with openpyxl, and the overdue finding in the checker and ``ecovisit check``.

A tour typed from nothing through planner.edits (two executives, the coordinator, a meeting
with its host contact and goal, seven follow-ups) is exported, then edited as after the tour (one
done, one dropped, one deleted, one handed to a colleague) and exported again; the demo's owners
get their files too. The readers run once over every file (tests/readers/)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from planner import edits
from planner.calendar.todos import completed_moment, summary_of, write_follow_ups_ics
from planner.cli import main
from planner.debrief.follow_ups import (
    ALL_OWNERS,
    COLUMNS,
    follow_ups,
    write_follow_ups_xlsx,
)
from planner.feasibility import Checker
from planner.feasibility.plan import Plan, PlanItem, follow_ups_of
from planner.feasibility.report import findings_text
from planner.formatting import format_day
from planner.messages import translate
from planner.model import AgendaItem, FollowUp, FollowUpStatus, Traveller
from planner.store import TourStore
from tests.ics_tours import HOSTILE

READERS = Path(__file__).parents[1] / "readers"
SYSTEM_PYTHON = "/usr/bin/python3"
#: The description of the follow-up with everything a file format can choke on.
DECK = '=HYPERLINK("http://evil.example") Send the deck; ' + HOSTILE
#: The day "now" is for the sheet and the findings.
TODAY = date(2027, 4, 12)
#: name -> (owner: "kenji", "aiko" or None for the coordinator, due, description)
FOLLOW_UPS: dict[str, tuple[str | None, date | None, str]] = {
    "deck": ("kenji", date(2027, 4, 20), DECK),
    "visit": (None, date(2027, 3, 31), "Book the return visit to Agency One"),
    "intro": ("kenji", None, "Introduce Dr. Weber to our R&D lead"),
    "gone": ("kenji", date(2027, 4, 1), "Send the brochure"),
    "handed": ("kenji", date(2027, 4, 10), "Draft the pilot proposal"),
    "dropped": ("kenji", date(2027, 4, 5), "Plan a second meeting"),
    "aikos": ("aiko", date(2027, 4, 15), "Share the list of funding programmes"),
}


@dataclass
class Built:
    """The fresh tour, its follow-ups' UIDs, and the files written before and after the edits
    (name -> path), with each follow-up's revision then."""

    path: Path
    travellers: dict[str, int]
    uids: dict[str, str]
    files: dict[str, Path] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    completed: date | None = None


def _revisions(path: Path) -> dict[str, int]:
    with TourStore.open(path) as store, store.transaction() as session:
        return {row.uid: row.revision for row in session.scalars(select(FollowUp))}


def _write_lists(path: Path, folder: Path, suffix: str, owners: dict[str, int | None]
                 ) -> dict[str, Path]:
    written = {}
    with TourStore.open(path) as store, store.transaction() as session:
        for name, owner in owners.items():
            written[f"{name}-{suffix}"] = folder / f"{name}-{suffix}.ics"
            write_follow_ups_ics(session, written[f"{name}-{suffix}"], owner, force=True)
    return written


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("follow-ups")
    path = folder / "fresh.ecovisit"
    edits.create_tour(path, "Berlin funding tour", date(2027, 3, 1), date(2027, 3, 5),
                      home_zone="Asia/Tokyo",
                      values={"coordinator": "Yuki Mori", "coordinator_email": "yuki@example.com"})
    uids: dict[str, str] = {}
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        def add(kind: str, **values: Any) -> int:
            return edits.add_record(session, kind, values).value

        people = {"kenji": add("traveller", name="Kenji Sato", name_ja="佐藤 健二"),
                  "aiko": add("traveller", name="Aiko Tanaka")}
        goal = add("goal", title="How public agencies fund deep tech",
                   title_ja="公的機関によるディープテック支援", priority=5)
        office = add("place", name="Agency House", latitude=52.52, longitude=13.405)
        agency = add("organisation", name="Agency One", place_id=office)
        anna = add("contact", name="Dr. Anna Weber", role="Head of funding",
                   email="anna@agency.example", organisation_id=agency)
        meeting = add("item", title="Public funding for deep tech", status="confirmed",
                      organisation_id=agency, place_id=office, hosts=[anna], goals=[goal],
                      attendees=list(people.values()),
                      start="2027-03-02T10:00+01:00", end="2027-03-02T11:00+01:00")
        for name, (owner, due, text) in FOLLOW_UPS.items():
            values: dict[str, Any] = {"description": text, "item_id": meeting,
                                      "owner_id": people[owner] if owner else None,
                                      "due": due.isoformat() if due else ""}
            if name == "deck":
                values.update(contact_id=anna, goal_id=goal)
            key = add("follow_up", **values)
            follow_up = session.get(FollowUp, key)
            assert follow_up is not None
            uids[name] = follow_up.uid
    owners: dict[str, int | None] = {**people, "coordinator": None}
    result = Built(path, people, uids)
    result.files.update(_write_lists(path, folder, "before", owners))
    result.before = _revisions(path)
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        ids = {row.uid: row.id for row in session.scalars(select(FollowUp))}
        edits.set_fields(session, "follow_up", ids[uids["deck"]],
                         {"status": "done", "completed": "2027-04-09"})
        edits.set_fields(session, "follow_up", ids[uids["dropped"]], {"status": "dropped"})
        edits.delete_record(session, "follow_up", ids[uids["gone"]])
        edits.set_fields(session, "follow_up", ids[uids["handed"]],
                         {"owner_id": people["aiko"]})
        deck = session.get(FollowUp, ids[uids["deck"]])
        assert deck is not None
        result.completed = deck.completed
    result.files.update(_write_lists(path, folder, "after", owners))
    result.after = _revisions(path)
    # The harness can fail: a due day written as a time (the end of 20 April in Berlin) is
    # another day in Tokyo.
    shifted = folder / "shifted.ics"
    shifted.write_bytes(result.files["kenji-before"].read_bytes().replace(
        b"DUE;VALUE=DATE:20270420", b"DUE:20270420T215900Z"))
    result.files["shifted"] = shifted
    return result


@dataclass
class Demo:
    """The demo with a follow-up for each traveller and the coordinator, and every owner's
    file."""

    path: Path
    files: dict[str, Path]
    owners: dict[str, int | None]


@pytest.fixture(scope="module")
def demo(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo-follow-ups")
    path = folder / "demo.ecovisit"
    shutil.copyfile(demo_master, path)
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        travellers = list(session.scalars(select(Traveller).order_by(Traveller.id)))
        owners: dict[str, int | None] = {f"demo-{t.id}": t.id for t in travellers}
        owners["demo-coordinator"] = None
        first = session.scalars(select(AgendaItem).order_by(AgendaItem.start)).first()
        assert first is not None
        for number, owner in enumerate(owners.values()):
            edits.add_record(session, "follow_up", {
                "description": f"Demo follow-up {number}", "owner_id": owner,
                "item_id": first.id, "due": date(2027, 6, 1 + number).isoformat()})
    return Demo(path, _write_lists(path, folder, "now", owners), owners)


def _run(command: list[str], **env: str) -> dict[str, Any]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def read(built: Built, demo: Demo) -> dict[str, dict[str, Any]]:
    """reader ("ical.js", "libical") -> file name -> uid -> the task as read; ical.js runs in
    Asia/Tokyo (TZ), as a laptop there. One process per reader for every file."""
    files = {**built.files, **demo.files}
    node = shutil.which("node")
    assert node is not None, "node is not installed (.ci/run needs the machine's Node.js)"
    assert (READERS / "node_modules" / "ical.js").is_dir(), \
        "ical.js is not installed: npm ci --prefix tests/readers (.ci/run does it)"
    js = _run([node, str(READERS / "read_ics.mjs"), "--todos",
               *(str(p) for p in files.values())], TZ="Asia/Tokyo")
    lib = _run([SYSTEM_PYTHON, str(READERS / "read_libical.py"),
                *(str(p) for p in files.values())])
    result: dict[str, dict[str, Any]] = {"ical.js": {}, "libical": {}, "libical-check": {}}
    for name, path in files.items():
        for reader, found in (("ical.js", js[str(path)]), ("libical", lib[str(path)])):
            assert found["events"] == []
            uids = [t["uid"] for t in found["todos"]]
            assert len(uids) == len(set(uids)), f"{reader}, {name}: a UID twice"
            result[reader][name] = {t["uid"]: t for t in found["todos"]}
        result["libical-check"][name] = (lib[str(path)]["errors"],
                                         lib[str(path)]["restrictions"])
    return result


READERS_USED = ["ical.js", "libical"]


def _names(built: Built, todos: dict[str, Any]) -> dict[str, str]:
    """name -> STATUS of the follow-ups in a file."""
    by_uid = {uid: name for name, uid in built.uids.items()}
    return {by_uid[uid]: todo["status"] for uid, todo in todos.items()}


@pytest.mark.parametrize("reader", READERS_USED)
def test_each_owner_finds_her_tasks_and_only_hers(reader: str, built: Built,
                                                  read: dict[str, dict[str, Any]]) -> None:
    before = read[reader]
    assert _names(built, before["kenji-before"]) == {
        "deck": "NEEDS-ACTION", "intro": "NEEDS-ACTION", "gone": "NEEDS-ACTION",
        "handed": "NEEDS-ACTION", "dropped": "NEEDS-ACTION"}
    assert _names(built, before["aiko-before"]) == {"aikos": "NEEDS-ACTION"}
    assert _names(built, before["coordinator-before"]) == {"visit": "NEEDS-ACTION"}
    for name in ("kenji-before", "aiko-before", "coordinator-before"):
        for uid, todo in before[name].items():
            assert todo["sequence"] == built.before[uid]
    deck = before["kenji-before"][built.uids["deck"]]
    assert deck["priority"] == 1  # its goal is the reason Kenji came (priority 5)
    assert before["kenji-before"][built.uids["intro"]]["priority"] is None  # no goal
    assert before["kenji-before"][built.uids["intro"]]["due"] is None


def test_libical_finds_no_error_and_passes_its_rfc_check(
        built: Built, demo: Demo, read: dict[str, dict[str, Any]]) -> None:
    for name in [*built.files, *demo.files]:
        assert read["libical-check"][name] == ([], True), name


@pytest.mark.parametrize("reader", READERS_USED)
def test_a_due_day_is_the_day_given_even_in_tokyo(reader: str, built: Built,
                                                  read: dict[str, dict[str, Any]]) -> None:
    assert b"\r\nDUE;VALUE=DATE:20270420\r\n" in built.files["kenji-before"].read_bytes()
    seen = 0
    for name in ("kenji-before", "aiko-before", "coordinator-before", "kenji-after",
                 "aiko-after"):
        for uid, todo in read[reader][name].items():
            due = next(d for n, (_, d, _) in FOLLOW_UPS.items() if built.uids[n] == uid)
            if due is None:
                continue
            seen += 1
            assert (todo["due"], todo["dueIsDate"]) == (due.isoformat(), True)
            if reader == "ical.js":  # the day a task list in Tokyo shows
                assert todo["dueLocalDay"] == due.isoformat()
    assert seen >= 8
    if reader == "ical.js":  # the harness can fail: a time at the end of the day in Berlin
        shifted = read[reader]["shifted"][built.uids["deck"]]
        assert (shifted["dueIsDate"], shifted["dueLocalDay"]) == (False, "2027-04-21")


@pytest.mark.parametrize("reader", READERS_USED)
def test_a_follow_up_marked_done_is_completed_in_the_next_export(
        reader: str, built: Built, read: dict[str, dict[str, Any]]) -> None:
    uid = built.uids["deck"]
    old, new = read[reader]["kenji-before"][uid], read[reader]["kenji-after"][uid]
    assert (old["status"], old["completed"]) == ("NEEDS-ACTION", None)
    assert new["status"] == "COMPLETED"
    assert new["sequence"] > old["sequence"]
    assert built.completed == date(2027, 4, 9)
    # the day it was done, at noon in the tour's home zone (Tokyo), in UTC
    assert new["completed"].replace(".000Z", "Z") == "2027-04-09T03:00:00Z"
    assert completed_moment(date(2027, 4, 9), "Asia/Tokyo") == datetime.combine(
        date(2027, 4, 9), time(12), ZoneInfo("Asia/Tokyo")).astimezone(UTC)


@pytest.mark.parametrize("reader", READERS_USED)
def test_dropped_deleted_and_handed_over_are_cancelled_in_the_old_owners_list_only(
        reader: str, built: Built, read: dict[str, dict[str, Any]]) -> None:
    after = read[reader]
    assert _names(built, after["kenji-after"]) == {
        "deck": "COMPLETED", "intro": "NEEDS-ACTION", "gone": "CANCELLED",
        "handed": "CANCELLED", "dropped": "CANCELLED"}
    assert _names(built, after["aiko-after"]) == {"aikos": "NEEDS-ACTION",
                                                   "handed": "NEEDS-ACTION"}
    assert _names(built, after["coordinator-after"]) == {"visit": "NEEDS-ACTION"}
    for name in ("gone", "handed", "dropped"):  # each supersedes what Kenji was sent
        uid = built.uids[name]
        assert after["kenji-after"][uid]["sequence"] > after["kenji-before"][uid]["sequence"]
    unchanged = built.uids["intro"]
    assert after["kenji-after"][unchanged]["sequence"] == \
        after["kenji-before"][unchanged]["sequence"]


@pytest.mark.parametrize("reader", READERS_USED)
def test_the_task_reads_as_typed_with_its_meeting_contact_goal_and_coordinator(
        reader: str, built: Built, read: dict[str, dict[str, Any]]) -> None:
    deck = read[reader]["kenji-before"][built.uids["deck"]]
    assert deck["summary"] == summary_of(DECK) == DECK.split("\n")[0]
    for line in (DECK, "Meeting: Public funding for deep tech, " + format_day(date(2027, 3, 2)),
                 "Contact: Dr. Anna Weber, Head of funding, Agency One, anna@agency.example",
                 "Goal: How public agencies fund deep tech",
                 "Coordinator: Yuki Mori, yuki@example.com"):
        assert line in deck["description"], line
    for octets in built.files["kenji-before"].read_bytes().split(b"\r\n"):
        assert len(octets) <= 75
    assert b"METHOD" not in built.files["kenji-before"].read_bytes()


@pytest.mark.parametrize("reader", READERS_USED)
def test_every_demo_owner_gets_her_follow_ups(reader: str, demo: Demo,
                                              read: dict[str, dict[str, Any]]) -> None:
    with TourStore.open(demo.path) as store, store.transaction() as session:
        for name, owner in demo.owners.items():
            todos = read[reader][f"{name}-now"]
            rows = follow_ups(session, owner_id=owner)
            assert rows, name
            assert set(todos) >= {row.uid for row in rows}
            for row in rows:
                due = row.due.isoformat() if row.due else None
                assert (todos[row.uid]["summary"], todos[row.uid]["due"]) == (
                    summary_of(row.description), due)


def _sheet(path: Path) -> tuple[Any, list[tuple[Any, ...]]]:
    sheet = load_workbook(path).active
    return sheet, list(sheet.iter_rows(values_only=True))


def test_the_sheet_reads_back_in_both_languages(built: Built, tmp_path: Path) -> None:
    english, japanese = tmp_path / "follow-ups.xlsx", tmp_path / "follow-ups-ja.xlsx"
    with TourStore.open(built.path) as store, store.transaction() as session:
        assert write_follow_ups_xlsx(session, english, today=TODAY) == 6
        assert write_follow_ups_xlsx(session, japanese, language="ja", today=TODAY) == 6
        assert write_follow_ups_xlsx(session, tmp_path / "aiko.xlsx",
                                     owner_id=built.travellers["aiko"], today=TODAY) == 2
        assert write_follow_ups_xlsx(session, tmp_path / "coordinator.xlsx", owner_id=None,
                                     today=TODAY) == 1
    sheet, rows = _sheet(english)
    assert rows[0] == tuple(header for header, _ in COLUMNS)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L7"
    assert sheet.column_dimensions["A"].width == COLUMNS[0][1]
    table = {row[0]: row for row in rows[1:]}
    # soonest due first, none last; the deleted one gone
    assert [row[0] for row in rows[1:]] == [FOLLOW_UPS[n][2] for n in (
        "visit", "dropped", "handed", "aikos", "deck", "intro")]
    visit = table[FOLLOW_UPS["visit"][2]]
    assert visit[1] == "Yuki Mori (coordinator)"
    assert (visit[7].date(), visit[8], visit[9]) == (date(2027, 3, 31), "open", "yes")
    handed = table[FOLLOW_UPS["handed"][2]]
    assert (handed[1], handed[9]) == ("Aiko Tanaka", "yes")
    assert table[FOLLOW_UPS["dropped"][2]][8:10] == ("dropped", "no")
    deck = table[DECK]
    assert deck[1:5] == ("Kenji Sato (佐藤 健二)", "Dr. Anna Weber", "Agency One",
                         "Public funding for deep tech")
    assert (deck[5].date(), deck[6]) == (date(2027, 3, 2), "How public agencies fund deep tech")
    assert (deck[8], deck[9], deck[10].date()) == ("done", "no", date(2027, 4, 9))
    assert table[FOLLOW_UPS["intro"][2]][7] is None
    # the text that looks like a formula is a string cell, never a formula
    assert sheet["A6"].value == DECK and sheet["A6"].data_type == "s"
    with zipfile.ZipFile(english) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    _, ja_rows = _sheet(japanese)
    assert ja_rows[0] == tuple(translate(header, "ja") for header, _ in COLUMNS)
    assert "目標" in ja_rows[0]
    ja_deck = next(row for row in ja_rows if row[0] == DECK)
    assert ja_deck[1] == "佐藤 健二 (Kenji Sato)"
    assert ja_deck[6] == "公的機関によるディープテック支援"


def test_the_sheet_refuses_to_overwrite_and_another_suffix(built: Built,
                                                           tmp_path: Path) -> None:
    from planner.errors import FileExistsRefused, InputError

    target = tmp_path / "there.xlsx"
    target.write_bytes(b"mine")
    with TourStore.open(built.path) as store, store.transaction() as session:
        with pytest.raises(FileExistsRefused):
            write_follow_ups_xlsx(session, target, today=TODAY)
        with pytest.raises(InputError):
            write_follow_ups_xlsx(session, tmp_path / "list.csv", today=TODAY)
    assert target.read_bytes() == b"mine"
    assert not (tmp_path / "list.csv").exists()


def test_the_query_filters_by_owner_overdue_goal_and_status(built: Built) -> None:
    with TourStore.open(built.path) as store, store.transaction() as session:
        def names(**criteria: Any) -> list[str]:
            by_uid = {uid: name for name, uid in built.uids.items()}
            return [by_uid[row.uid] for row in follow_ups(session, **criteria)]

        assert names() == ["visit", "dropped", "handed", "aikos", "deck", "intro"]
        assert names(owner_id=ALL_OWNERS) == names()
        assert names(owner_id=None) == ["visit"]
        assert names(owner_id=built.travellers["kenji"]) == ["dropped", "deck", "intro"]
        assert names(overdue_on=TODAY) == ["visit", "handed"]
        assert names(status=FollowUpStatus.DONE) == ["deck"]
        deck = next(r for r in follow_ups(session) if r.uid == built.uids["deck"])
        assert names(goal_id=deck.goal_id) == ["deck"]


def test_an_overdue_follow_up_is_a_finding_until_it_is_done(built: Built,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "copy.ecovisit"
    shutil.copyfile(built.path, path)
    with TourStore.open(path) as store:
        with store.transaction() as session:
            plan = Plan.from_session(session, today=TODAY)
        checker = Checker(plan)  # today: the plan's
        overdue = [f for f in checker.check_all() if f.code == "follow_up_overdue"]
        assert [(f.day, f.items, f.travellers, f.data["due"]) for f in overdue] == [
            (None, (), (), date(2027, 3, 31)), (None, (), ("Aiko Tanaka",), date(2027, 4, 10))]
        assert overdue[0].message() == ('Follow-up "Book the return visit to Agency One" (the '
                                        'coordinator) was due on Wed 31 Mar 2027 and is still open.')
        assert format_day(date(2027, 4, 10), "ja") in overdue[1].message("ja")
        assert overdue[0].severity.value == "warning"
        text = findings_text(checker.findings())
        assert text.index("Whole tour") < text.index("Book the return visit")
        # an item edit leaves them; Aiko's own check has hers only; a day earlier, none
        with store.transaction() as session:
            meeting = session.scalars(select(AgendaItem)).one()
            checker.update(changed=PlanItem.of(meeting))
        assert sum(f.code == "follow_up_overdue" for f in checker.findings()) == 2
        alone = Checker(plan.for_traveller(built.travellers["aiko"])).check_all()
        assert [f.data["uid"] for f in alone if f.code == "follow_up_overdue"] == [
            built.uids["handed"]]
        assert not [f for f in Checker(plan, date(2027, 3, 31)).check_all()
                    if f.code == "follow_up_overdue"]
        with store.transaction(write=True) as session:
            visit = session.scalars(select(FollowUp).where(
                FollowUp.uid == built.uids["visit"])).one()
            edits.set_fields(session, "follow_up", visit.id, {"status": "done"})
        with store.transaction() as session:
            checker.update_follow_ups(follow_ups_of(session))
    assert [f.data["uid"] for f in checker.findings() if f.code == "follow_up_overdue"] == [
        built.uids["handed"]]


def test_ecovisit_check_lists_an_overdue_follow_up_of_the_demo(demo: Demo,
                                                               tmp_path: Path) -> None:
    """On the demo, through the command line (its today: the computer's); one traveller's
    check, which is quicker and lists her follow-ups only."""
    path = tmp_path / "demo.ecovisit"
    shutil.copyfile(demo.path, path)
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        owner = session.scalars(select(Traveller).order_by(Traveller.id)).first()
        assert owner is not None
        name = owner.name
        edits.add_record(session, "follow_up", {
            "description": "Send the minutes", "due": "2020-01-06", "owner_id": owner.id})
        edits.add_record(session, "follow_up", {  # the coordinator's: not in her check
            "description": "Pay the interpreter", "due": "2020-01-07"})
    said = io.StringIO()
    main(["check", str(path), "--traveller", name], out=said)
    text = said.getvalue()
    assert text.index("Whole tour") < text.index(
        f'Follow-up "Send the minutes" ({name}) was due on Mon 6 Jan 2020 and is still open.')
    assert "Pay the interpreter" not in text


def _tasks(data: bytes) -> dict[str, tuple[str, int]]:
    from icalendar import Calendar

    return {str(todo["UID"]): (str(todo["STATUS"]), int(todo.decoded("SEQUENCE")))
            for todo in Calendar.from_ical(data).walk("VTODO")}


def test_handed_back_it_is_live_again_above_the_cancellation(built: Built,
                                                               tmp_path: Path) -> None:
    from planner.calendar.todos import follow_ups_ics

    path = tmp_path / "copy.ecovisit"
    shutil.copyfile(built.path, path)
    kenji, uid = built.travellers["kenji"], built.uids["handed"]
    with TourStore.open(path) as store:
        with store.transaction() as session:
            cancelled = _tasks(follow_ups_ics(session, kenji))[uid]
            assert cancelled[0] == "CANCELLED"
            without_done = _tasks(follow_ups_ics(session, kenji, include_done=False))
            assert built.uids["deck"] not in without_done
            assert without_done[uid] == cancelled
        with store.transaction(write=True) as session:
            row = session.scalars(select(FollowUp).where(FollowUp.uid == uid)).one()
            edits.set_fields(session, "follow_up", row.id, {"owner_id": kenji})
        with store.transaction() as session:
            back = _tasks(follow_ups_ics(session, kenji))[uid]
            assert back[0] == "NEEDS-ACTION" and back[1] > cancelled[1]
            assert _tasks(follow_ups_ics(session, built.travellers["aiko"]))[uid][0] == \
                "CANCELLED"
            assert uid not in _tasks(follow_ups_ics(session, None))


def test_a_checker_without_a_today_takes_the_home_zones() -> None:
    from planner.feasibility.plan import home_today
    from planner.travel import TravelSettings

    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # 25 hours apart
        plan = Plan(date(2027, 3, 1), date(2027, 3, 5), time(8, 30), time(19), TravelSettings(),
                    {}, [], home_zone=zone)
        assert Checker(plan).context.today == home_today(zone) == \
            datetime.now(ZoneInfo(zone)).date()
    plan = Plan(date(2027, 3, 1), date(2027, 3, 5), time(8, 30), time(19), TravelSettings(),
                {}, [], today=TODAY)
    assert Checker(plan).context.today == TODAY
    assert Checker(plan, date(2027, 1, 1)).context.today == date(2027, 1, 1)
