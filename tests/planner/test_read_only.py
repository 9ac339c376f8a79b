"""Reading never writes (issue 15, items 3 and 5): a tour in a read-only folder (a shared drive, a
mail attachment) or a read-only file is read by every reading command, and a writing command
says one line; a tour of an older schema is read through a private migrated copy and stays
byte-identical, with no ``.bak`` beside it.

Permissions are tested as a user they apply to. The suite runs as root here, and root ignores
file permissions; ``runuser -u nobody`` cannot even start our Python (it lives under /root).
So the commands run in a subprocess that is still root but has lost the two capabilities that
override permissions (``setpriv --bounding-set=-dac_override,-dac_read_search``): for it a mode
of 0444 or 0555 means what it says. As another user the subprocess runs as it is.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.errors import READ_ONLY_REASON
from planner.store import TourStore, inspect_file, schema_version

DATA = Path(__file__).parent.parent / "data"
GOAL = "Startup speed and culture"
HOST = "Fortum"
CONTACTS = """\
Company,Type,Topics,City,Country
Read Only Oy,startup,energy,Helsinki,FI
"""
FREE_ICS = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Host//Slots//EN
BEGIN:VEVENT
UID:open@host
DTSTAMP:20270101T000000Z
DTSTART;TZID=Europe/Helsinki:20270511T140000
DTEND;TZID=Europe/Helsinki:20270511T160000
SUMMARY:Open for visitors
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
"""

#: Runs ``planner.cli.main`` for each argv given as JSON and prints each result as JSON: one
#: interpreter for all the commands (starting one per command would take a minute).
RUNNER = """
import contextlib, io, json, sys, time, traceback
from planner.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stderr(err):
        try:
            code = main(argv, out=out)
        except BaseException:
            code, err = -1, io.StringIO(traceback.format_exc())
    results.append({"argv": argv, "code": code, "out": out.getvalue(), "err": err.getvalue(),
                    "seconds": time.monotonic() - started})
print(json.dumps(results))
"""


def unprivileged() -> list[str]:
    """The command prefix that makes file permissions apply to a subprocess (see above)."""
    if os.geteuid() != 0:
        return []
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}", "--"]


def run_all(commands: list[list[str]], *, as_user: bool = True,
            env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    done = subprocess.run([*(unprivileged() if as_user else []), sys.executable, "-c", RUNNER,
                           json.dumps(commands)], capture_output=True, text=True, timeout=240,
                          env={**os.environ, **(env or {})}, check=False)
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file in *folder*: its content's digest and modification time (read only while no
    database of this process has it open)."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir())}


def reading_commands(tour: Path, out: Path, tmp: Path) -> list[list[str]]:
    """Every command that only reads the tour, with outputs written into *out*."""
    t = str(tour)
    return [
        ["info", t], ["info", t, "--json"], ["agenda", t], ["check", t], ["coverage", t],
        ["search", t, "energy"], ["match", t, GOAL, HOST],
        ["travel", "60.17,24.94", "60.19,24.83", "--tour", t], ["travel-settings", t],
        ["edit-tour", t], ["plan", t, "--dry-run", "--iterations", "200", "--seed", "1"],
        ["import-contacts", t, str(tmp / "contacts.csv"), "--dry-run"],
        ["export-json", t, str(out / "tour.json")],
        ["export-pdf", t, str(out / "agenda.pdf")],
        ["export-ics", t, str(out / "tour.ics")],
        ["export-contacts", t, str(out / "contacts.csv")],
        ["export-contacts", t, str(out / "contacts.xlsx")],
    ]


def writing_commands(tour: Path, tmp: Path) -> list[list[str]]:
    """Commands that change the tour: each must refuse a read-only one in one line."""
    t = str(tour)
    return [
        ["travel-settings", t, "walk_speed_kmh=4.5"],
        ["import-contacts", t, str(tmp / "contacts.csv")],
        ["import-availability", t, HOST, str(tmp / "free.ics")],
        ["match", t, GOAL, HOST, "0.9"],
        ["edit-tour", t, "--title", "Changed"],
        ["add-traveller", t, "Ann Other"],
        ["plan", t, "--iterations", "50"],
        ["delete", t, "traveller", "Kenji"],
    ]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    (folder / "free.ics").write_text(FREE_ICS, encoding="utf-8")
    return folder


@pytest.fixture
def read_only_tours(demo_path: Path, tmp_path: Path) -> Iterator[list[Path]]:
    """The demo tour in a folder nobody may write (the file itself writable, as a mail
    attachment's often is), and as a file nobody may write in a folder that may be written."""
    tours = []
    for name, locked_folder in (("shared", True), ("attachment", False)):
        folder = tmp_path / name
        folder.mkdir()
        tour = folder / "tour.ecovisit"
        shutil.copyfile(demo_path, tour)
        (folder if locked_folder else tour).chmod(0o555 if locked_folder else 0o444)
        tours.append(tour)
    try:
        yield tours
    finally:
        for tour in tours:
            tour.parent.chmod(0o755)
            tour.chmod(0o644)


def test_the_subprocess_really_may_not_write(read_only_tours: list[Path]) -> None:
    """The premise of this module: permissions hold for the commands' subprocess."""
    in_folder, as_file = read_only_tours
    probe = ("import sys\nfor name in sys.argv[1:]:\n    try:\n        open(name, 'ab')\n"
             "    except PermissionError:\n        print('refused')\n")
    done = subprocess.run([*unprivileged(), sys.executable, "-c", probe,
                           str(in_folder.parent / "new"), str(as_file)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.split() == ["refused", "refused"], done.stderr


def test_every_reading_command_reads_a_read_only_tour(
        read_only_tours: list[Path], demo_path: Path, inputs: Path, tmp_path: Path) -> None:
    before = [snapshot(tour.parent) for tour in read_only_tours]
    commands, outputs = [], []
    for tour in read_only_tours:
        out = tmp_path / f"out-{tour.parent.name}"
        out.mkdir()
        outputs.append(out)
        commands += reading_commands(tour, out, inputs)
    shown = ("info", "agenda", "check", "coverage", "search", "match", "travel-settings")
    same = [argv for argv in reading_commands(demo_path, tmp_path, inputs)
            if argv[0] in shown and "--json" not in argv]
    results = run_all(commands)
    for result in results:
        assert result["code"] == 0, result
        assert result["err"] == "", result
    assert [snapshot(tour.parent) for tour in read_only_tours] == before  # not a byte, not a
    # -wal, not a -shm, not a .bak
    for out in outputs:
        assert sorted(p.name for p in out.iterdir()) == sorted(
            ["tour.json", "agenda.pdf", "tour.ics", "contacts.csv", "contacts.xlsx"])
        assert all(p.stat().st_size > 0 for p in out.iterdir())
    # What they say is what they say of the same tour where it may be written.
    expected = [r["out"] for r in run_all(same, as_user=False)]
    for tour in read_only_tours:
        told = [r["out"] for r in results
                if r["argv"][0] in shown and str(tour) in r["argv"] and "--json" not in r["argv"]]
        assert [text.replace(str(tour), str(demo_path)) for text in told] == expected


def test_every_writing_command_says_the_tour_is_read_only(
        read_only_tours: list[Path], inputs: Path) -> None:
    before = [snapshot(tour.parent) for tour in read_only_tours]
    commands = [argv for tour in read_only_tours for argv in writing_commands(tour, inputs)]
    results = run_all(commands)
    assert len(results) == 16
    for result in results:
        tour = result["argv"][1]
        assert result["code"] == 2, result
        assert result["out"] == ""
        assert result["err"] == f"ecovisit: error: {tour}: {READ_ONLY_REASON}\n", result
    assert [snapshot(tour.parent) for tour in read_only_tours] == before


@pytest.mark.parametrize("caldav_server", ["radicale"], indirect=True)  # one server is enough
def test_publish_reads_a_read_only_tour(read_only_tours: list[Path], calendar_url: str) -> None:
    before = [snapshot(tour.parent) for tour in read_only_tours]
    results = run_all([["publish", str(tour), calendar_url, "--user", "coordinator",
                        "--password-env", "ECOVISIT_TEST_PASSWORD", "--json"]
                       for tour in read_only_tours],
                      env={"ECOVISIT_TEST_PASSWORD": "not-a-secret"})
    assert [r["code"] for r in results] == [0, 0], results
    assert json.loads(results[0]["out"])["created"]
    assert [snapshot(tour.parent) for tour in read_only_tours] == before


@pytest.mark.parametrize("schema", [1, 2, 3, 4, 6])
def test_reading_an_older_schema_changes_nothing(schema: int, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    tour = folder / "tour.ecovisit"
    shutil.copyfile(DATA / f"tour-schema-{schema}.ecovisit", tour)
    before = snapshot(folder)
    assert main(["info", str(tour)]) == 0
    assert main(["agenda", str(tour)]) == 0
    assert main(["export-json", str(tour), str(tmp_path / "old.json")]) == 0
    assert snapshot(folder) == before  # byte-identical, no .bak, no -wal
    assert "Upgraded" not in capsys.readouterr().err
    with TourStore.open(tour, read_only=True) as store:
        assert store.read_only and store.upgraded_from is None
    assert snapshot(folder) == before
    assert not [p for p in Path(tempfile.gettempdir()).glob("ecovisit-copy.*")
                if f"-{os.getpid()}-" in p.name]  # the private copy went with the store


def test_editing_an_older_schema_upgrades_it_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tour = tmp_path / "tour.ecovisit"
    shutil.copyfile(DATA / "tour-schema-2.ecovisit", tour)
    assert main(["travel-settings", str(tour), "walk_speed_kmh=4.5"]) == 0
    [backup] = tmp_path.glob("tour.ecovisit.schema-2-*.bak")
    assert capsys.readouterr().err == (f"Upgraded {tour} from schema 2 to {schema_version()}; "
                                       f"the old file is kept as {backup}\n")
    assert inspect_file(backup).schema == 2  # the old file as it was (SQLite's backup API)
    with TourStore.open(tour) as store:
        assert store.upgraded_from is None  # once is enough


def test_an_older_schema_in_a_read_only_folder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    tour = folder / "tour.ecovisit"
    shutil.copyfile(DATA / "tour-schema-1.ecovisit", tour)
    folder.chmod(0o555)
    try:
        before = snapshot(folder)
        results = run_all([["info", str(tour)], ["travel-settings", str(tour), "walk_max_km=1"]])
        assert [r["code"] for r in results] == [0, 2], results
        assert results[1]["err"] == f"ecovisit: error: {tour}: {READ_ONLY_REASON}\n"
        assert snapshot(folder) == before
    finally:
        folder.chmod(0o755)


def test_a_store_opened_for_reading_refuses_to_write(demo_path: Path) -> None:
    from sqlalchemy.exc import OperationalError

    from planner import edits
    from planner.errors import TourReadOnly, storage_error

    before = snapshot(demo_path.parent)
    with TourStore.open(demo_path, read_only=True) as store:
        assert store.read_only and store.read_only_reason
        with pytest.raises(OperationalError) as refused, store.transaction() as session:
            edits.set_field(session, "tour", 1, "title", "Not saved")
        assert isinstance(storage_error(refused.value, demo_path), TourReadOnly)
    assert snapshot(demo_path.parent) == before
    with TourStore.open(demo_path) as store:
        assert not store.read_only and store.read_only_reason == ""


LEAVE_A_LOG = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute("UPDATE tour SET title = 'Only in the log'")
connection.commit()
os._exit(0)  # as if killed: the change is in the -wal file only
"""


@pytest.mark.parametrize("with_shm", [True, False])
def test_a_write_ahead_log_in_a_read_only_folder_is_read(demo_path: Path, tmp_path: Path,
                                                         with_shm: bool) -> None:
    """A tour copied with its -wal (and maybe without its -shm, which SQLite may not create in a
    read-only folder) shows the change that is only in the log."""
    folder = tmp_path / "shared"
    folder.mkdir()
    tour = folder / "tour.ecovisit"
    shutil.copyfile(demo_path, tour)
    subprocess.run([sys.executable, "-c", LEAVE_A_LOG, str(tour)], check=True, timeout=60)
    assert Path(f"{tour}-wal").stat().st_size > 0
    if not with_shm:
        Path(f"{tour}-shm").unlink()
    folder.chmod(0o555)
    try:
        before = snapshot(folder)
        [result] = run_all([["info", str(tour)]])
        assert result["code"] == 0, result
        assert result["out"].startswith("Only in the log\n")
        # The tour and its log are untouched. A -shm file that is there is SQLite's shared
        # memory between readers and writers (where its owner may still be writing): a reader
        # marks in it what it reads, by design.
        after = snapshot(folder)
        for found in (before, after):
            found.pop("tour.ecovisit-shm", None)
        assert after == before
    finally:
        folder.chmod(0o755)


def test_a_team_database_opened_for_reading_refuses_writes(postgres_url: str) -> None:
    from sqlalchemy.exc import DBAPIError

    from planner import edits
    from planner.queries import load_tour

    assert main(["demo", postgres_url, "--start", "2027-05-10"], out=io.StringIO()) == 0
    with TourStore.open(postgres_url, read_only=True) as store:
        assert store.read_only
        with pytest.raises(DBAPIError, match="read-only transaction"), \
                store.transaction() as session:
            edits.set_field(session, "tour", 1, "title", "Not saved")
    assert main(["plan", postgres_url, "--dry-run", "--iterations", "50"],
                out=io.StringIO()) == 0  # a trial run writes and rolls back
    with TourStore.open(postgres_url) as store, store.transaction() as session:
        assert load_tour(session).title != "Not saved"
        edits.set_field(session, "tour", 1, "title", "Saved")  # for editing it may be written
