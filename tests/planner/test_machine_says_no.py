"""The machine says no (issue 15, item 5): a tour another program is writing (its write lock held)
and a full disk each give one line a user understands, never a traceback, never SQLAlchemy's
text or its link, and leave the tour as it was.

The full disk is a real one: a 1 MB tmpfs mounted for the test (the suite runs as root; a
filler file leaves it a few kilobytes short of what each command needs) and unmounted after.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.demo import write_demo
from tests.conftest import DEMO_START
from tests.planner.test_read_only import CONTACTS, FREE_ICS, GOAL, HOST, run_all

BUSY = "is busy in another program (it is being written); nothing was changed: try again in a moment"
FULL = "no space left on device"

HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA busy_timeout = 5000")
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
connection.rollback()
connection.close()
"""


def digest(path: Path) -> str:
    """The file's bytes (read only while no database of this process has it open)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def intact(tour: Path) -> bool:
    connection = sqlite3.connect(f"file:{tour}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


@contextlib.contextmanager
def write_lock_held(tour: Path) -> Iterator[None]:
    """Another program holds the tour's write lock (``BEGIN IMMEDIATE``) inside the block."""
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tour)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        try:
            yield
        finally:
            assert holder.stdin is not None
            holder.stdin.close()
            holder.wait(timeout=30)


@pytest.fixture
def locked_tour(demo_path: Path) -> Iterator[Path]:
    """The demo tour while another program holds its write lock."""
    with write_lock_held(demo_path):
        yield demo_path


def test_a_locked_tour_gives_one_line_within_the_busy_timeout(
        locked_tour: Path, tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "free.ics").write_text(FREE_ICS, encoding="utf-8")
    before = digest(locked_tour)
    t = str(locked_tour)
    writing = [
        ["import-contacts", t, str(tmp_path / "contacts.csv")],
        ["travel-settings", t, "walk_speed_kmh=4.5"],
        ["import-availability", t, HOST, str(tmp_path / "free.ics")],
        ["match", t, GOAL, HOST, "0.9"],
        ["add-traveller", t, "Ann Other"],
    ]
    # A trial import first (it reads, so the lock does not stop it): it fills the gazetteer's
    # cache, which takes a while the first time, so that the times below are the lock's.
    warm_up = ["import-contacts", t, str(tmp_path / "contacts.csv"), "--dry-run"]
    results = run_all([warm_up, *writing, ["info", t], ["agenda", t]], as_user=False)
    assert results.pop(0)["code"] == 0
    for result in results[:len(writing)]:
        assert result["code"] == 1, result
        assert result["out"] == ""
        assert result["err"] == f"ecovisit: error: {t}: {BUSY}\n", result
        assert result["seconds"] < 20, result  # the busy timeout is 5 s
    for result in results[len(writing):]:  # readers are not kept waiting by a writer
        assert result["code"] == 0 and result["err"] == "", result
        assert result["seconds"] < 20, result
    assert digest(locked_tour) == before


def test_the_locked_tour_is_intact_and_takes_the_change_once_free(
        demo_path: Path, tmp_path: Path) -> None:
    with write_lock_held(demo_path):
        [refused] = run_all([["travel-settings", str(demo_path), "walk_max_km=2"]],
                            as_user=False)
    assert refused["code"] == 1 and BUSY in refused["err"]
    assert intact(demo_path)
    [done] = run_all([["travel-settings", str(demo_path), "walk_max_km=2"]], as_user=False)
    assert done["code"] == 0, done
    assert "walk_max_km              2" in done["out"]


# --- a full disk ------------------------------------------------------------------------------

def fill(folder: Path, leave: int) -> None:
    """Fill the disk of *folder* until only about *leave* bytes are free."""
    free = shutil.disk_usage(folder).free
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A small real file system (tmpfs, 1 MB), unmounted after the test."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True,
                   capture_output=True, timeout=30)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True, capture_output=True,
                       timeout=30)


def one_line(result: dict[str, object], path: Path) -> None:
    err = str(result["err"])
    assert result["code"] == 1, result
    assert err == f"ecovisit: error: {path}: {FULL}\n", result
    assert "Traceback" not in err and "sqlalche.me" not in err


def test_a_full_disk_gives_one_line_and_writes_nothing(
        full_disk: Path, demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "tour.json"
    [exported] = run_all([["export-json", str(demo_path), str(source)]], as_user=False)
    assert exported["code"] == 0, exported
    before = digest(demo_path)
    fill(full_disk, 48 * 1024)
    made = {
        "import-json": (["import-json", str(source), str(full_disk / "new.ecovisit")],
                        full_disk / "new.ecovisit"),
        "demo": (["demo", str(full_disk / "demo.ecovisit")], full_disk / "demo.ecovisit"),
        "export-contacts": (["export-contacts", str(demo_path), str(full_disk / "c.xlsx")],
                            full_disk / "c.xlsx"),
        "export-contacts csv": (["export-contacts", str(demo_path), str(full_disk / "c.csv")],
                                full_disk / "c.csv"),
        "export-pdf": (["export-pdf", str(demo_path), str(full_disk / "a.pdf"), "--kind",
                        "book"], full_disk / "a.pdf"),
        "export-json": (["export-json", str(demo_path), str(full_disk / "t.json")],
                        full_disk / "t.json"),
    }
    results = run_all([argv for argv, _path in made.values()], as_user=False)
    for result, (_argv, path) in zip(results, made.values(), strict=True):
        one_line(result, path)
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # nothing half-written
    assert digest(demo_path) == before


def test_plan_on_a_full_disk_gives_one_line_and_keeps_the_tour(full_disk: Path) -> None:
    tour = full_disk / "tour.ecovisit"
    write_demo(tour, DEMO_START)
    before = digest(tour)
    fill(full_disk, 64 * 1024)  # room for SQLite's -shm, not for the backup plan makes first
    [result] = run_all([["plan", str(tour), "--iterations", "50"]], as_user=False)
    err = str(result["err"])
    assert result["code"] == 1, result
    assert err.startswith(f"ecovisit: error: {full_disk}/tour.ecovisit") and err.endswith(
        f": {FULL}\n") and err.count("\n") == 1, result
    assert "Traceback" not in err and "sqlalche.me" not in err
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "tour.ecovisit"]
    assert digest(tour) == before and intact(tour)
    (full_disk / "filler").unlink()
    [again] = run_all([["plan", str(tour), "--iterations", "50"]], as_user=False)
    assert again["code"] == 0, again
    assert intact(tour)
