"""Our calendars as real calendar programs read them: ical.js (the parser of Thunderbird, run
with node, given nothing but the file's own VTIMEZONEs) and libical (of Evolution and KDE, through
its GObject bindings with the system's Python, with its RFC 5545/5546 restriction check).

They read every event of the demo, of a tour across Berlin's 2027 clock changes and of a tour
with hostile text (tests/ics_tours.py, built from nothing through planner.edits), whole and
traveller by traveller, and must find each at the instants the tour holds, with the status and
the text it holds; libical reports no parse error and no restriction failure. Each reader runs
once over all the files (tests/readers/: read_ics.mjs, read_libical.py; .ci/run installs ical.js
with ``npm ci --prefix tests/readers`` and libical from .ci/apt-packages.txt).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from planner.calendar.ics import SHOWN_AS, STATUS
from planner.exports import write_ics
from planner.model import AgendaItem, ItemDeparture, ItemStatus, ItemTombstone, Traveller
from planner.queries import load_tour
from planner.store import TourStore
from tests.ics_tours import HOSTILE, LONG, clock_change_tour, hostile_tour

READERS = Path(__file__).parents[1] / "readers"
SYSTEM_PYTHON = "/usr/bin/python3"  # libical's bindings (python3-gi) are the system's, not the venv's


@dataclass(frozen=True)
class Written:
    """One .ics file and what it must hold: {uid: (STATUS, start, end)} and each UID's title."""

    path: Path
    expected: dict[str, tuple[str, datetime, datetime]]
    titles: dict[str, str]


def _expected(tour: Path, traveller_name: str | None, ideas: bool
              ) -> tuple[dict[str, tuple[str, datetime, datetime]], dict[str, str]]:
    """What the file for *traveller_name* (None: the whole tour) must hold, read from the tour."""
    expected: dict[str, tuple[str, datetime, datetime]] = {}
    titles: dict[str, str] = {}
    with TourStore.open(tour) as store, store.transaction() as session:
        traveller = session.scalars(select(Traveller).where(
            Traveller.name == traveller_name)).one() if traveller_name else None
        items = [i for i in session.scalars(select(AgendaItem))
                 if traveller is None or traveller in i.attendees]
        live = {i.uid for i in items}
        for item in items:
            if ideas or item.status is not ItemStatus.IDEA:
                expected[item.uid] = (STATUS[item.status], item.start, item.end)
                titles[item.uid] = item.title
        gone: list[Any] = list(session.scalars(select(ItemTombstone))) if traveller is None \
            else list(session.scalars(select(ItemDeparture).where(
                ItemDeparture.traveller_id == traveller.id)))
        for stone in gone:
            if stone.uid not in live:
                expected[stone.uid] = ("CANCELLED", stone.start, stone.end)
                titles[stone.uid] = stone.title
    return expected, titles


def _write(tour: Path, folder: Path, name: str, traveller_name: str | None = None,
           ideas: bool = True) -> Written:
    path = folder / f"{name}.ics"
    with TourStore.open(tour) as store, store.transaction() as session:
        traveller = session.scalars(select(Traveller).where(
            Traveller.name == traveller_name)).one() if traveller_name else None
        write_ics(session, path, traveller=traveller, include_ideas=ideas, force=True)
    return Written(path, *_expected(tour, traveller_name, ideas))


@pytest.fixture(scope="module")
def written(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Written]:
    """Every file the readers read: each tour whole (ideas in) and for each traveller."""
    folder = tmp_path_factory.mktemp("readers")
    files: dict[str, Written] = {}
    files["demo"] = _write(demo_master, folder, "demo")
    files["demo-sato"] = _write(demo_master, folder, "demo-sato", "Yumiko Sato", ideas=False)
    for name, build in (("dst", clock_change_tour), ("hostile", hostile_tour)):
        tour = folder / f"{name}.ecovisit"
        travellers = build(tour)
        files[name] = _write(tour, folder, name)
        for number, traveller in enumerate(travellers):
            files[f"{name}-{number}"] = _write(tour, folder, f"{name}-{number}", traveller,
                                               ideas=False)
    return files


def _run(command: list[str]) -> dict[str, Any]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def ical_js(written: dict[str, Written]) -> dict[str, Any]:
    """What ical.js read from each file (one node process for all)."""
    node = shutil.which("node")
    assert node is not None, "node is not installed (.ci/run needs the machine's Node.js)"
    assert (READERS / "node_modules" / "ical.js").is_dir(), \
        "ical.js is not installed: npm ci --prefix tests/readers (.ci/run does it)"
    read = _run([node, str(READERS / "read_ics.mjs"), *(str(w.path) for w in written.values())])
    return {name: read[str(w.path)] for name, w in written.items()}


@pytest.fixture(scope="module")
def libical(written: dict[str, Written]) -> dict[str, Any]:
    """What libical read from each file, its parse errors and its restriction check."""
    assert Path(SYSTEM_PYTHON).exists()
    read = _run([SYSTEM_PYTHON, str(READERS / "read_libical.py"),
                 *(str(w.path) for w in written.values())])
    return {name: read[str(w.path)] for name, w in written.items()}


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _as_read(events: list[dict[str, Any]]) -> dict[str, tuple[str, datetime, datetime]]:
    uids = [e["uid"] for e in events]
    assert len(uids) == len(set(uids)), "a UID twice"
    return {e["uid"]: (e["status"], _instant(e["start"]), _instant(e["end"])) for e in events}


FILES = ["demo", "demo-sato", "dst", "dst-0", "dst-1", "dst-2", "hostile", "hostile-0",
         "hostile-1"]


@pytest.mark.parametrize("name", FILES)
def test_ical_js_reads_every_event_at_the_instants_the_tour_holds(
        name: str, written: dict[str, Written], ical_js: dict[str, Any]) -> None:
    events = ical_js[name]
    assert _as_read(events) == written[name].expected
    assert {e["uid"]: e["summary"] for e in events} == written[name].titles
    for event in events:
        # Zones come from the file alone: none is unknown (floating, read in node's own zone).
        assert "floating" not in (event["startZone"], event["endZone"]), event["summary"]
        assert (event["transp"], event["busy"]) == SHOWN_AS[event["status"]]


@pytest.mark.parametrize("name", FILES)
def test_libical_reads_every_event_at_the_instants_the_tour_holds_without_an_error(
        name: str, written: dict[str, Written], libical: dict[str, Any]) -> None:
    read = libical[name]
    assert read["errors"] == []
    assert read["restrictions"] is True
    assert _as_read(read["events"]) == written[name].expected
    assert {e["uid"]: e["summary"] for e in read["events"]} == written[name].titles


def test_the_repeated_hour_is_written_in_utc_and_read_an_hour_apart(
        written: dict[str, Written], ical_js: dict[str, Any], libical: dict[str, Any]) -> None:
    text = written["dst"].path.read_text(encoding="utf-8")
    assert "DTSTART:20271031T003000Z" in text  # the first 02:30 (summer time)
    assert "DTSTART:20271031T013000Z" in text  # the second (winter time)
    assert not re.search(r"TZID=Europe/Berlin:20271031T02", text)
    for read in (ical_js["dst"], libical["dst"]["events"]):
        starts = {e["summary"]: _instant(e["start"]) for e in read}
        gap = starts["Second 02:30 (winter time)"] - starts["First 02:30 (summer time)"]
        assert gap.total_seconds() == 3600
        flight = next(e for e in read if e["summary"].startswith("Flight Frankfurt"))
        assert _instant(flight["end"]) == datetime(2027, 10, 31, 8, 20, tzinfo=UTC)


def test_a_travellers_file_names_only_what_she_attended(written: dict[str, Written]) -> None:
    sato = {title: status for (status, _, _), title in zip(
        written["dst-0"].expected.values(), written["dst-0"].titles.values(), strict=True)}
    assert "Meeting deleted in the repeated hour" not in sato  # her colleagues' meeting
    assert "Idea: breakfast at the station" not in sato
    assert sato["Sato taken off in the repeated hour"] == "CANCELLED"
    assert sato["Across the repeated hour"] == "CANCELLED"
    takahashi = dict(zip(written["dst-1"].titles.values(),
                         (s for s, _, _ in written["dst-1"].expected.values()), strict=True))
    assert takahashi["Meeting deleted in the repeated hour"] == "CANCELLED"
    assert "Sato taken off in the repeated hour" not in takahashi


@pytest.mark.parametrize("reader", ["ical.js", "libical"])
def test_hostile_text_is_read_as_typed(reader: str, written: dict[str, Written],
                                       ical_js: dict[str, Any], libical: dict[str, Any]) -> None:
    events = ical_js["hostile"] if reader == "ical.js" else libical["hostile"]["events"]
    meeting = next(e for e in events if e["summary"] == HOSTILE[:300])
    for text in (HOSTILE, LONG, "Booking reference: X;Y,Z\\%",
                 'Coordinator: Marie "M" O\'Neil; Nordlicht, <Tours> & Co \\ 🚀, '
                 "+49 (30) 5555; 0142, ext. 7, marie+tours@nordlicht.example",
                 'Dr. A; B, "C" \\ 🚀 山田', "Participants: 佐藤, 由美子; \\ 🚀, "
                 'Kenji "K" <Takahashi> & 100%'):
        assert text in meeting["description"], text
    assert meeting["location"].startswith(HOSTILE[:200] + ", " + LONG[:50])
    assert any(e["summary"] == LONG[:300] for e in events)
    with TourStore.open(written["hostile"].path.with_suffix(".ecovisit")) as store, \
            store.transaction() as session:
        assert load_tour(session).title == HOSTILE[:200]
    for line in written["hostile"].path.read_bytes().split(b"\r\n"):
        assert len(line) <= 75


def test_the_readers_see_what_the_rfcs_and_the_zones_forbid(
        written: dict[str, Written], tmp_path: Path) -> None:
    """The harness can fail: libical's check refuses METHOD:PUBLISH without ORGANIZER and, in a
    file without METHOD, an event with two SUMMARYs; ical.js without the file's VTIMEZONEs reads
    its local times as floating."""
    data = written["dst"].path.read_bytes().decode("utf-8")
    published = tmp_path / "publish.ics"
    published.write_text(data.replace("VERSION:2.0\r\n", "VERSION:2.0\r\nMETHOD:PUBLISH\r\n", 1),
                         encoding="utf-8", newline="")
    zoneless = tmp_path / "zoneless.ics"
    zoneless.write_text(re.sub(r"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", "", data, flags=re.S),
                        encoding="utf-8", newline="")
    doubled = tmp_path / "doubled.ics"  # no METHOD, and one event with two SUMMARYs
    doubled.write_text(data.replace("SEQUENCE:", "SUMMARY:again\r\nSEQUENCE:", 1),
                       encoding="utf-8", newline="")
    checked = _run([SYSTEM_PYTHON, str(READERS / "read_libical.py"), str(published),
                    str(doubled)])
    assert checked[str(published)]["restrictions"] is False
    assert any("ORGANIZER" in e for e in checked[str(published)]["errors"])
    assert checked[str(doubled)]["restrictions"] is False
    assert any("SUMMARY" in e for e in checked[str(doubled)]["errors"])
    node = shutil.which("node")
    assert node is not None
    read = _run([node, str(READERS / "read_ics.mjs"), str(zoneless)])[str(zoneless)]
    assert any(e["startZone"] == "floating" for e in read)
