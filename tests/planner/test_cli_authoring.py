"""A tour built from nothing on the command line (edit-tour, add-traveller, add-goal, add-place,
add-stay, add-item, add-availability, set, delete), as a script fed from spreadsheets builds it:
the tour of docs/example-tour.sh, run here command by command through ``planner.cli.main``."""

from __future__ import annotations

import json
import shlex
import shutil
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from planner import lookup
from planner.cli import main
from planner.errors import InputError, NameNotFound
from planner.formatting import duration_text
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    LearningGoal,
    Organisation,
    Place,
    Stay,
    Tour,
    Traveller,
)
from planner.queries import route_cities
from planner.store import TourStore
from planner.timezones import to_local
from tests.planner.test_edits import dump

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "example-tour.sh"


def script_commands(tour: Path) -> list[list[str]]:
    """The ``ecovisit`` command lines of docs/example-tour.sh, with its variables filled in."""
    text = SCRIPT.read_text(encoding="utf-8").replace("\\\n", " ")
    commands = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "ecovisit":
            commands.append([w.replace("$tour", str(tour)).replace("$here", str(SCRIPT.parent))
                             for w in words[1:]])
    return commands


def run(capsys: pytest.CaptureFixture[str], *argv: Any) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example tour, built once by the script's commands (the last one is its check)."""
    tour = tmp_path_factory.mktemp("example") / "nordic.ecovisit"
    commands = script_commands(tour)
    assert commands[0][0] == "new" and commands[-1][0] == "check"
    for argv in commands[:-1]:
        assert main(argv) == 0, argv
    return tour


@pytest.fixture
def tour(example: Path, tmp_path: Path) -> Path:
    """A copy of the example tour to change."""
    copy = tmp_path / "copy.ecovisit"
    shutil.copy(example, copy)
    return copy


def read(tour: Path, query: Any, show: Any = lambda r: r) -> list[Any]:
    """What *show* takes of each record *query* finds (inside the session, so references can
    be followed)."""
    with TourStore.open(tour) as store, store.transaction() as session:
        return [show(r) for r in session.scalars(query)]


def errors(capsys: pytest.CaptureFixture[str], tour: Path) -> list[dict[str, Any]]:
    code, out, _err = run(capsys, "check", tour, "--json")
    found = [f for f in json.loads(out) if f["severity"] == "error"]
    assert code == (1 if found else 0)
    return found


# --- the tour of docs/example-tour.sh -------------------------------------------------------

def test_the_script_only_uses_the_authoring_commands_and_an_import() -> None:
    used = {argv[0] for argv in script_commands(Path("t.ecovisit"))}
    assert used == {"new", "edit-tour", "add-traveller", "add-goal", "add-place", "add-stay",
                    "import-contacts", "set", "add-availability", "add-item", "check"}


def test_the_example_tour_is_built_from_nothing_and_the_plan_works(
        example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with TourStore.open(example) as store, store.transaction() as session:
        tour = session.get(Tour, 1)
        assert tour is not None and tour.coordinator == "Yuki Mori"
        assert tour.vision_ja and tour.day_start == time(8, 30)
        travellers = session.scalars(select(Traveller).order_by(Traveller.position)).all()
        assert [t.name_ja for t in travellers] == ["佐藤 健二", "田中 遥", "鈴木 剛"]
        goals = session.scalars(select(LearningGoal).order_by(LearningGoal.id)).all()
        assert [g.traveller.name if g.traveller else None for g in goals] == [
            None, "Kenji Sato", "Haruka Tanaka", "Takeshi Suzuki"]
        hotels = {p.name: p for p in session.scalars(select(Place).where(Place.kind == "hotel"))}
        assert {name: (p.exact, p.zone) for name, p in hotels.items()} == {
            "Hotel Diplomat": (True, "Europe/Stockholm"),  # typed coordinates
            "Hotel Danmark": (True, "Europe/Copenhagen"),  # a map link
            "Hotel V Nesplein": (False, "Europe/Amsterdam")}  # a city: approximate
        assert route_cities(session) == ["Stockholm", "Copenhagen", "Amsterdam"]
        assert session.scalar(select(func.count()).select_from(Organisation)) == 15
        cobe = session.scalars(select(Organisation).where(
            Organisation.name == "Cobe Mobility Lab")).one()
        assert cobe.place is not None and cobe.place.exact
        assert cobe.place.address == "Nørrebrogade 52"
        slots = session.scalars(select(AvailabilityWindow)).all()
        assert len(slots) == 32
        assert [(f"{to_local(w.start, w.zone):%Y-%m-%d %H:%M}-{to_local(w.end, w.zone):%H:%M}",
                 w.zone) for w in slots if w.organisation.name == "DTU Skylab"] == [
            ("2027-05-13 09:00-12:00", "Europe/Copenhagen")]
        items = {i.title: i for i in session.scalars(select(AgendaItem))}
        home = items["Flight home"]
        assert (home.zone, home.end_zone) == ("Europe/Amsterdam", "Asia/Tokyo")
        assert f"{home.local_start:%Y-%m-%d %H:%M}" == "2027-05-14 18:45"
        assert f"{home.local_end:%Y-%m-%d %H:%M}" == "2027-05-15 14:35"
        vinnova = items["Vinnova: funding deep tech"]
        assert vinnova.place is not None and vinnova.place.name == "Vinnova"  # the office
        assert f"{vinnova.local_start:%H:%M}-{vinnova.local_end:%H:%M}" == "09:30-10:45"
        assert [c.name for c in vinnova.hosts] == ["Karin Lund"]
        assert len(vinnova.questions) == 2 and vinnova.interpreter_booked
        exergi = items["Stockholm Exergi: bio-CCS"]
        assert sorted(t.name for t in exergi.attendees) == ["Kenji Sato", "Takeshi Suzuki"]
    code, out, _err = run(capsys, "check", example)
    assert code == 0, out
    assert out.splitlines()[-1].startswith("0 errors, ")


def test_planning_the_example_tour_adds_meetings_and_keeps_it_working(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", tour, "--seconds", "20", "--iterations", "40000",
                         "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["errors_after"] == 0
    assert any(c["action"] == "added" for c in report["changes"])
    assert errors(capsys, tour) == []


# --- each command -----------------------------------------------------------------------------

def test_edit_tour_without_options_prints_the_properties(
        example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "edit-tour", example)
    assert code == 0
    assert "coordinator        Yuki Mori" in out and "start date         2027-05-10" in out
    code, out, _err = run(capsys, "edit-tour", example, "--json")
    assert json.loads(out)["coordinator_email"] == "yuki.mori@example.jp"


def test_shortening_the_tour_keeps_every_item_and_the_checker_reports_them(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = len(read(tour, select(AgendaItem)))
    code, out, _err = run(capsys, "edit-tour", tour, "--end", "2027-05-13")
    assert code == 0
    assert "end date           2027-05-13" in out
    assert "2 agenda items now outside the tour's dates" in out
    assert len(read(tour, select(AgendaItem))) == before
    assert {f["code"] for f in errors(capsys, tour)} == {"outside_tour"}


def test_every_add_command_prints_its_record_as_json(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = [
        ["add-traveller", tour, "Mai Ito", "--name-ja", "伊藤 舞", "--staff", "--json"],
        ["add-goal", tour, "Hydrogen", "--traveller", "伊藤", "--topics", "hydrogen",
         "--json"],
        ["add-place", tour, "Noma", "--kind", "restaurant", "--at", "55.6828, 12.6105",
         "--json"],
        ["add-stay", tour, "Hotel Danmark", "--check-in", "2027-05-13", "--check-out",
         "2027-05-14", "--json"],
        ["add-item", tour, "Dinner at Noma", "--kind", "meal", "--place", "Noma", "--start",
         "2027-05-12 19:00", "--minutes", "120", "--traveller", "Ito", "--json"],
        ["add-availability", tour, "Copenhagen Capacity", "--from", "2027-05-12 16:30",
         "--until", "2027-05-12 18:00", "--json"],
        ["set", tour, "traveller", "Ito", "dietary=no shellfish", "--json"],
        ["edit-tour", tour, "--title", "Nordic tour", "--json"],
        ["delete", tour, "item", "Dinner at Noma", "--json"],
    ]
    found = []
    for argv in commands:
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        found.append(json.loads(out))
    traveller, goal, place, stay, item, slots, changed, tour_data, deleted = found
    assert traveller["name_ja"] == "伊藤 舞" and traveller["staff"] is True
    assert goal["traveller"] == "Mai Ito" and goal["topics"] == ["hydrogen"]
    assert (place["zone"], place["exact"], place["city"]) == (
        "Europe/Copenhagen", True, "Copenhagen")
    assert stay["place"] == "Hotel Danmark (Copenhagen)" and stay["nights"] == 1
    assert item["start"] == "2027-05-12T19:00:00+02:00" and item["attendees"] == ["Mai Ito"]
    assert [s["start"] for s in slots] == ["2027-05-12T16:30:00+02:00"]
    assert changed["dietary"] == "no shellfish"
    assert tour_data["title"] == "Nordic tour"
    assert deleted["deleted"]["title"] == "Dinner at Noma"


def test_local_times_are_read_where_the_item_happens(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def added(*argv: str) -> dict[str, Any]:
        code, out, err = run(capsys, "add-item", tour, *argv, "--json")
        assert code == 0, err
        result: dict[str, Any] = json.loads(out)
        return result

    flight = added("Flight to Copenhagen", "--kind", "flight", "--place", "Haneda", "--to",
                   "Copenhagen Airport", "--start", "2027-05-09 11:00", "--end",
                   "2027-05-09 17:30")
    assert (flight["start"], flight["end"]) == ("2027-05-09T11:00:00+09:00",
                                                "2027-05-09T17:30:00+02:00")
    assert flight["end_zone"] == "Europe/Copenhagen"
    meeting = added("Copenhagen Capacity", "--host", "Copenhagen Capacity", "--start",
                    "2027-05-12 10:00")  # at the host's office, 75 minutes
    assert (meeting["start"], meeting["end"], meeting["place"]) == (
        "2027-05-12T10:00:00+02:00", "2027-05-12T11:15:00+02:00",
        "Copenhagen Capacity")  # its office, named after it
    evening = added("Free evening", "--kind", "free", "--start", "2027-05-12 20:00",
                    "--minutes", "90")  # no place: the day's clock, as the timeline reads
    # it (planner.dayplan.day_zone): the day began on the train from Stockholm
    assert (evening["zone"], evening["start"]) == ("Europe/Stockholm",
                                                   "2027-05-12T20:00:00+02:00")
    before = added("Packing", "--kind", "other", "--start", "2027-05-08 20:00", "--minutes",
                   "30")  # before the first night: at home
    assert before["zone"] == "Asia/Tokyo" and before["start"].endswith("+09:00")


def test_a_train_without_an_end_ends_when_the_proposed_ride_arrives(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planner.journeys import proposed_ride
    from planner.model import ItemKind
    from planner.queries import load_tour
    from planner.travel import TravelSettings

    with TourStore.open(tour) as store, store.transaction() as session:
        places = {p.name: p for p in session.scalars(select(Place))}
        ride = proposed_ride(TravelSettings.from_json(load_tour(session).travel_settings),
                             ItemKind.TRAIN, places["Stockholm Central"],
                             places["Copenhagen Central"])
    assert ride is not None
    argv = ["add-item", tour, "Train to Copenhagen", "--kind", "train", "--place",
            "Stockholm Central", "--to", "Copenhagen Central", "--start", "2027-05-12 09:21"]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    added = json.loads(out)
    start, end = (datetime.fromisoformat(added[name]) for name in ("start", "end"))
    assert (end - start).total_seconds() == ride.minutes * 60
    assert added["proposed"] == {"minutes": ride.minutes, "mode": "rail",
                                 "summary": ride.summary}
    code, out, err = run(capsys, *argv)  # for people: how the end was found
    assert code == 0, err
    assert out.rstrip().endswith(f"; the end proposed: {duration_text(ride.minutes)}, "
                                 f"{ride.summary}")
    code, out, err = run(capsys, *argv, "--minutes", "300", "--json")  # a length given: taken
    assert code == 0 and "proposed" not in json.loads(out), err
    # nothing known between them: the length must be given, as before
    code, _out, err = run(capsys, "add-item", tour, "X", "--kind", "train", "--place",
                          "Haneda", "--to", "Arlanda", "--start", "2027-05-10 10:50")
    assert code == 2 and "--end or --minutes: how long is the train? (no train from Tokyo " \
        "Haneda to Stockholm Arlanda is known)" in err


@pytest.mark.parametrize(("start", "says", "meant"), [
    ("2027-03-28 02:30", "does not exist in Europe/Stockholm: the clocks go forward from "
                         "02:00 to 03:00 that night; choose a time before 02:00 or from 03:00",
     "2027-03-28T03:30:00+02:00"),
    ("2027-10-31 02:30", "happens twice in Europe/Stockholm: the clocks go back from 03:00 to "
                         "02:00 that night (CEST then CET); add +02:00 for the first or +01:00 "
                         "for the second",
     "2027-10-31T02:30:00+01:00"),
])
def test_a_local_time_the_clocks_skip_or_repeat_is_refused(
        tour: Path, capsys: pytest.CaptureFixture[str], start: str, says: str,
        meant: str) -> None:
    code, _out, err = run(capsys, "add-item", tour, "Night train", "--kind", "other",
                          "--place", "Stockholm Central", "--start", start, "--minutes", "30")
    assert code == 2 and says in err
    code, out, err = run(capsys, "add-item", tour, "Night train", "--kind", "other",
                         "--place", "Stockholm Central", "--start", f"{start}+01:00",
                         "--minutes", "30", "--json")  # an offset says which instant
    assert code == 0, err
    assert json.loads(out)["start"] == meant


def test_set_corrects_records_by_name_and_delete_removes_them(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "set", tour, "item", "DTU Skylab", "start=2027-05-13 10:00")
    assert code == 0, err
    assert "10:00–11:15" in out  # the length is kept
    code, out, err = run(capsys, "set", tour, "item", "DTU", "minutes=60",
                         "attendees=Sato; 田中", "goals=spin-offs; fund deep tech")
    assert code == 0, err
    assert read(tour, select(AgendaItem).where(AgendaItem.title == "DTU Skylab"), lambda i: (
        (i.end - i.start).seconds, [t.name for t in i.attendees], len(i.goals))) == [
        (3600, ["Kenji Sato", "Haruka Tanaka"], 2)]
    # an organisation's office: by the name of a place, or found with --at
    code, out, err = run(capsys, "set", tour, "organisation", "Copenhagen Capacity",
                         "place=BLOXHUB")
    assert code == 0, err
    code, out, err = run(capsys, "set", tour, "organisation", "SSE",
                         "address=Saltmätargatan 9A", "--at", "59.3421, 18.0574")
    assert code == 0, err
    assert read(tour, select(Organisation).where(Organisation.name == "SSE Business Lab"),
                lambda o: (o.place.latitude, o.place.exact, o.place.address)) == [
        (59.3421, True, "Saltmätargatan 9A")]
    assert read(tour, select(Organisation).where(Organisation.name == "Copenhagen Capacity"),
                lambda o: o.place.name) == ["BLOXHUB"]
    # moving it then moves no shared place: it gets an office of its own
    bloxhub = read(tour, select(Place).where(Place.name == "BLOXHUB"),
                   lambda p: (p.latitude, p.longitude, p.address))
    code, out, err = run(capsys, "set", tour, "organisation", "Copenhagen Capacity",
                         "address=Nørregade 7B", "--at", "55.6795, 12.5713")
    assert code == 0, err
    assert read(tour, select(Place).where(Place.name == "BLOXHUB"),
                lambda p: (p.latitude, p.longitude, p.address)) == bloxhub
    assert read(tour, select(Organisation).where(Organisation.name == "Copenhagen Capacity"),
                lambda o: (o.place.name, o.place.kind.value, o.place.address,
                           o.place.latitude)) == [
        ("Copenhagen Capacity", "office", "Nørregade 7B", 55.6795)]
    code, out, err = run(capsys, "set", tour, "item", "AMS Institute",
                         "host=Amsterdam Smart City", "title=Amsterdam Smart City")
    assert code == 0, err
    assert read(tour, select(AgendaItem).where(AgendaItem.title == "Amsterdam Smart City"),
                lambda i: (i.organisation.name, i.place.name)) == [
        ("Amsterdam Smart City", "Amsterdam Smart City")]  # the new host's office
    # a hotel with nights stays until its nights are gone, then goes
    code, _out, err = run(capsys, "delete", tour, "place", "Hotel Diplomat")
    assert code == 2
    assert err == ("ecovisit: error: place name: Hotel Diplomat is the hotel of 1 stay(s): "
                   "delete those nights first\n")
    assert run(capsys, "delete", tour, "stay", "Diplomat")[0] == 0
    code, out, err = run(capsys, "delete", tour, "place", "Hotel Diplomat")
    assert code == 0, err
    assert "no longer named by 1 agenda item" in out  # the welcome dinner
    code, out, err = run(capsys, "delete", tour, "organisation", "Vinnova")
    assert code == 0 and "with 5 available slots, 1 contact" in out


def test_names_are_resolved_as_users_type_them(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "add-goal", tour, "Hydrogen", "--traveller",
                         "HARUKA.TANAKA@example.jp")  # an e-mail, ignoring case
    assert code == 0 and "(Haruka Tanaka," in out
    code, out, err = run(capsys, "add-stay", tour, "danmark", "--check-in", "2027-05-13",
                         "--check-out", "2027-05-14")  # part of a name
    assert code == 0, err
    code, _out, err = run(capsys, "set", tour, "item", "Flight", "status=idea")
    assert code == 2 and "Flight home (2027-05-14 18:45)" in err
    code, _out, err = run(capsys, "set", tour, "item", "Flight home (2027-05-14 18:45)",
                          "status=idea")  # what the message listed picks that one
    assert code == 0, err
    assert run(capsys, "add-place", tour, "Hotel Danmark", "--kind", "hotel", "--at",
               "55.6760, 12.5714")[0] == 0  # the same name twice
    code, _out, err = run(capsys, "set", tour, "place", "Hotel Danmark", "phone=1")
    assert code == 2
    listed = err.split("matches: ")[1].strip().split(", ")
    keys = read(tour, select(Place.id).where(Place.name == "Hotel Danmark").order_by(Place.id))
    assert listed == [f"Hotel Danmark (Copenhagen) #{key}" for key in keys]
    assert run(capsys, "set", tour, "place", listed[1], "phone=+45 1")[0] == 0
    assert read(tour, select(Place.phone).where(Place.name == "Hotel Danmark").order_by(
        Place.id)) == ["", "+45 1"]


def test_a_goal_changes_owner_and_goes_to_the_delegation(
        tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "set", tour, "goal", "Battery", "owner=Tanaka")
    assert code == 0 and "(Haruka Tanaka," in out, err
    code, out, err = run(capsys, "set", tour, "goal", "Battery", "traveller=delegation")
    assert code == 0 and "(the delegation," in out, err
    assert read(tour, select(LearningGoal).where(LearningGoal.title.like("Battery%")),
                lambda g: g.traveller_id) == [None]


# --- bad input: exit 2, one line, nothing changed ---------------------------------------------

BAD = [
    # bad dates and times
    (["add-stay", "{t}", "Danmark", "--check-in", "2027-05-32", "--check-out", "2027-05-14"],
     "hotel stay check-in: '2027-05-32' is not a date"),
    (["add-stay", "{t}", "Danmark", "--check-in", "2027-05-14", "--check-out", "2027-05-13"],
     "hotel stay check-out: must come after the check-in"),
    (["add-item", "{t}", "X", "--start", "2027-05-11 9am"], "--start '2027-05-11 9am' is not"),
    (["add-item", "{t}", "X", "--start", "2027-05-11 10:00", "--end", "2027-05-11 09:00"],
     "agenda item end: must come after the start"),
    (["add-item", "{t}", "X", "--kind", "train", "--start", "2027-05-11 10:00"],
     "--end or --minutes: how long is the train?"),
    (["add-item", "{t}", "X", "--start", "2027-05-11 10:00", "--minutes", "-5"], "--minutes"),
    (["add-availability", "{t}", "Vinnova", "--from", "2027-05-11 10:00", "--until", "soon"],
     "--until 'soon' is not a date and time"),
    (["add-availability", "{t}", "Vinnova", "--from", "2027-05-11 10:00"],
     "--from and --until go together"),
    (["edit-tour", "{t}", "--end", "2027-02-30"], "tour last day: '2027-02-30' is not a date"),
    (["edit-tour", "{t}", "--day-end", "07:00"], "tour working day end: 07:00 is not after"),
    (["set", "{t}", "item", "DTU", "start=2027-13-01 10:00"], "start '2027-13-01 10:00'"),
    (["set", "{t}", "stay", "Danmark", "check_out=soon"], "hotel stay check-out: 'soon'"),
    # unknown names
    (["add-goal", "{t}", "G", "--traveller", "Zed"], "no traveller matches 'Zed'"),
    (["add-stay", "{t}", "Ritz", "--check-in", "2027-05-13", "--check-out", "2027-05-14"],
     "no hotel matches 'Ritz'; known: Hotel Danmark (Copenhagen), Hotel Diplomat (Stockholm), "
     "Hotel V Nesplein (Amsterdam)"),
    (["add-item", "{t}", "X", "--host", "Nokia", "--start", "2027-05-11 10:00"],
     "no host matches 'Nokia'"),
    (["add-item", "{t}", "X", "--place", "Nowhere", "--start", "2027-05-11 10:00"],
     "no place matches 'Nowhere'"),
    (["add-item", "{t}", "X", "--goal", "world peace", "--start", "2027-05-11 10:00"],
     "no goal matches 'world peace'"),
    (["add-item", "{t}", "X", "--contact", "Nobody", "--start", "2027-05-11 10:00"],
     "no contact matches 'Nobody'"),
    (["add-availability", "{t}", "Nokia", "--weekly", "Mon 9-10"],
     "no organisation matches 'Nokia'"),
    (["set", "{t}", "organisation", "Nokia", "phone=1"], "no organisation matches 'Nokia'"),
    (["set", "{t}", "item", "DTU", "place=Nowhere"], "no place matches 'Nowhere'"),
    (["delete", "{t}", "place", "Nowhere"], "no place matches 'Nowhere'"),
    # ambiguous names
    (["add-stay", "{t}", "Hotel", "--check-in", "2027-05-13", "--check-out", "2027-05-14"],
     "hotel 'Hotel' is ambiguous; it matches: Hotel Danmark (Copenhagen), Hotel Diplomat"),
    (["add-item", "{t}", "X", "--host", "Amsterdam", "--start", "2027-05-11 10:00"],
     "host 'Amsterdam' is ambiguous; it matches: Amsterdam Smart City, Battery Lab Amsterdam, "
     "StartupAmsterdam"),
    (["add-item", "{t}", "X", "--traveller", "a", "--start", "2027-05-11 10:00"],
     "traveller 'a' is ambiguous"),
    (["add-availability", "{t}", "Stockholm", "--weekly", "Mon 9-10"],
     "organisation 'Stockholm' is ambiguous; it matches: Epicenter Stockholm, Stockholm Exergi"),
    (["set", "{t}", "item", "Flight", "status=idea"], "agenda item 'Flight' is ambiguous"),
    (["delete", "{t}", "stay", "Hotel"], "hotel stay 'Hotel' is ambiguous"),
    # values refused, with the field named
    (["add-traveller", "{t}", "X", "--email", "nope"],
     "traveller e-mail: 'nope' is not an e-mail address"),
    (["add-traveller", "{t}", "X", "--languages", "ja, klingonish"],
     "traveller languages: 'klingonish' is not a language"),
    (["add-traveller", "{t}", ""], "traveller name: may not be empty"),
    (["add-goal", "{t}", "G", "--priority", "9"], "learning goal priority: is a priority from 1"),
    (["add-place", "{t}", "X", "--at", "55.1, 12.1", "--kind", "palace"],
     "place kind: is one of office, hotel"),
    (["add-place", "{t}", "X", "--at", "Copenhagn"], "did you mean Copenhagen, DK?"),
    (["add-place", "{t}", "X", "--at", "95.1, 12.1"], "--at '95.1, 12.1'"),
    (["add-item", "{t}", "X", "--kind", "lunch", "--start", "2027-05-11 10:00"],
     "agenda item kind: is one of meeting"),
    (["add-item", "{t}", "X", "--status", "maybe", "--start", "2027-05-11 10:00"],
     "agenda item status: is one of idea"),
    (["add-item", "{t}", "X", "--language", "elvish", "--start", "2027-05-11 10:00"],
     "agenda item language: 'elvish' is not a language"),
    (["add-availability", "{t}", "Vinnova", "--weekly", "Blursday 9-10"],
     "'blursday' is not a day of the week"),
    (["add-availability", "{t}", "Vinnova", "--weekly", "Fri-Mon 9-10"], "runs backwards"),
    (["add-availability", "{t}", "Vinnova", "--weekly", "Sat 9-10"],
     "none of these weekdays falls in the tour"),
    (["edit-tour", "{t}", "--home-zone", "Mars/Base"], "tour home time zone: 'Mars/Base'"),
    (["edit-tour", "{t}", "--coordinator-email", "x"], "tour coordinator's e-mail: 'x'"),
    (["set", "{t}", "organisation", "Vinnova", "colour=red"],
     "organisation has no field 'colour' (fields: "),
    (["set", "{t}", "organisation", "Vinnova", "phone=1", "email=bad"],
     "organisation e-mail: 'bad' is not an e-mail address"),
    (["set", "{t}", "item", "DTU", "locked=perhaps"],
     "agenda item locked: 'perhaps' is neither yes nor no"),
    (["set", "{t}", "traveller", "Sato"], "say what to change: FIELD=VALUE"),
    (["set", "{t}", "traveller", "Sato", "role"], "'role': expected FIELD=VALUE"),
    (["set", "{t}", "hotel", "Danmark", "phone=1"], "unknown kind of record 'hotel'"),
    (["set", "{t}", "goal", "Battery", "--at", "Oslo"], "--at moves a place"),
    (["set", "{t}", "place", "Danmark", "--at", "Copenhagn"], "did you mean Copenhagen, DK?"),
]


@pytest.mark.parametrize(("argv", "says"), BAD, ids=[f"{a[0]}-{n}" for n, (a, _s) in
                                                      enumerate(BAD)])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
        tour: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str) -> None:
    with TourStore.open(tour) as store:
        before = dump(store)
    code, out, err = run(capsys, *[a.replace("{t}", str(tour)) for a in argv])
    assert code == 2
    assert out == ""
    assert err.startswith("ecovisit: error: ") and err.count("\n") == 1, err
    assert says in err
    with TourStore.open(tour) as store:
        assert dump(store) == before


# --- reading what people type ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "days", "hours"), [
    ("Tue-Thu 10:00-16:00", [1, 2, 3], ("10:00", "16:00")),
    ("Tue–Thu 10:00–16:00", [1, 2, 3], ("10:00", "16:00")),
    ("Tue,Thu 9-12", [1, 3], ("09:00", "12:00")),
    ("Mon - Fri 09:30 to 17:30", [0, 1, 2, 3, 4], ("09:30", "17:30")),
    ("Monday and Wednesday 10.00-12.00", [0, 2], ("10:00", "12:00")),
    ("weekdays 9-17", [0, 1, 2, 3, 4], ("09:00", "17:00")),
    ("Sat, Sun, Mon-Tue 8-9", [0, 1, 5, 6], ("08:00", "09:00")),
])
def test_weekly_slots_are_read_in_english(text: str, days: list[int],
                                          hours: tuple[str, str]) -> None:
    found, start, end = lookup.weekly(text)
    assert found == days and (f"{start:%H:%M}", f"{end:%H:%M}") == hours


@pytest.mark.parametrize(("text", "says"), [
    ("Tue-Thu", "expected days and hours"),
    ("10:00-16:00", "say which days"),
    ("Tue-Thu 16:00-10:00", "16:00"),
    ("Tue-Thu 25:00-26:00", "not a time of day"),
    ("Tue--Thu 9-10", "is not a range of days"),
    ("Thu-Tue 9-10", "runs backwards"),
    ("Funday 9-10", "'funday' is not a day of the week"),
])
def test_nonsense_weekly_slots_are_refused_with_a_reason(text: str, says: str) -> None:
    with pytest.raises(InputError, match="--weekly") as caught:
        lookup.weekly(text)
    assert says in str(caught.value)


def test_local_times_are_aware_and_an_offset_picks_one_of_two() -> None:
    moment = lookup.local_time("2027-05-04 10:00", "Europe/Copenhagen")
    assert moment.utcoffset() is not None and moment.isoformat() == "2027-05-04T10:00:00+02:00"
    assert lookup.local_time("2027-10-31T02:30+01:00", "Europe/Copenhagen").isoformat() == \
        "2027-10-31T02:30:00+01:00"
    with pytest.raises(InputError, match="from 02:00 to 03:00"):
        lookup.local_time("2027-03-14 02:10", "America/New_York")
    with pytest.raises(InputError, match="add -04:00 for the first or -05:00 for the second"):
        lookup.local_time("2027-11-07 01:30", "America/New_York")
    assert lookup.day_of("2027-05-04 10:00") == date(2027, 5, 4)
    assert isinstance(moment, datetime)


def test_an_empty_name_lists_what_there_is(example: Path) -> None:
    with TourStore.open(example) as store, store.transaction() as session:
        with pytest.raises(NameNotFound, match=r"known: Hotel Diplomat \(2027-05-10 to 2027"):
            lookup.find(session, "stay", " ")
        stay = lookup.find(session, "stay", "DK-88310")  # the booking reference
        assert isinstance(stay, Stay) and stay.place.name == "Hotel Danmark"


def test_a_station_or_port_by_name_is_added_with_its_kind(
        capsys: pytest.CaptureFixture[str], tour: Path) -> None:
    code, out, err = run(capsys, "add-place", tour, "Köln", "--at", "Koln Hbf")
    assert code == 0, err
    assert "(station): Köln, Cologne, DE at 50.94300, 6.95890 (exact" in out
    code, out, err = run(capsys, "add-place", tour, "West Harbour", "--at",
                         "Helsinki West Harbour")
    assert code == 0 and "(port)" in out, err
