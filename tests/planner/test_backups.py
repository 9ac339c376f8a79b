"""Rolling backups of a tour file (planner.backups, `ecovisit backups` and `ecovisit restore`)."""

from __future__ import annotations

import io
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from planner.backups import (
    DAILY,
    WEEKLY,
    backups_dir,
    list_backups,
    newest_good_backup,
    restore_backup,
    take_backup,
    take_backup_if_due,
)
from planner.cli import main
from planner.errors import DamagedTourFile, TourFileError
from planner.store import TourStore

NOON = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # noon: the same date in every zone within 11 h


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue(), capsys.readouterr().err


def revision(path: Path) -> int:
    """The tour's revision, read without a store (immutable: no connection left behind)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return int(connection.execute("SELECT revision FROM tour").fetchone()[0])
    finally:
        connection.close()


def damage_a_title(path: Path) -> None:
    """Bytes that are not UTF-8 in an item's title, as a failing disk or another program
    might leave them (this process has no connection to the file open)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("UPDATE agenda_items SET title = CAST(x'c328' AS TEXT) WHERE id = 2")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def test_a_backup_is_due_a_day_after_the_newest(demo_path: Path) -> None:
    first = take_backup_if_due(demo_path, NOON)
    assert first is not None and first.good
    assert take_backup_if_due(demo_path, NOON + timedelta(hours=23)) is None
    second = take_backup_if_due(demo_path, NOON + timedelta(hours=24, minutes=1))
    assert second is not None and second.path != first.path
    assert [b.path for b in list_backups(demo_path)] == [second.path, first.path]


def test_backups_of_a_database_url_are_the_servers_business() -> None:
    store = TourStore.__new__(TourStore)
    store.location = "postgresql://user@host/tour"
    assert take_backup_if_due(store, NOON) is None


def test_seven_daily_and_eight_weekly_backups_are_kept(demo_path: Path) -> None:
    days = 64
    for day in range(days):  # one edit a day, for nine weeks, on a fake clock
        assert take_backup_if_due(demo_path, NOON + timedelta(days=day)) is not None
    kept = sorted(b.taken for b in list_backups(demo_path))
    last = NOON + timedelta(days=days - 1)
    # the last seven days each keep theirs
    assert {last.date() - timedelta(days=n) for n in range(DAILY)} <= {t.date() for t in kept}
    # eight weeks are represented, and nothing older than those eight weeks is kept
    weeks = sorted({t.isocalendar()[:2] for t in kept})
    assert len(weeks) == WEEKLY
    assert kept[0] >= last - timedelta(weeks=WEEKLY)
    assert len(kept) <= DAILY + WEEKLY
    # within a week older than the dailies, only its newest stays
    older = [t for t in kept if t.date() < last.date() - timedelta(days=DAILY - 1)]
    assert len({t.isocalendar()[:2] for t in older}) == len(older)


def test_a_day_of_several_backups_keeps_its_newest(demo_path: Path) -> None:
    morning = take_backup(demo_path, NOON - timedelta(hours=3))
    evening = take_backup(demo_path, NOON + timedelta(hours=8))
    assert [b.path for b in list_backups(demo_path)] == [evening.path]
    assert not morning.path.exists()


def test_backups_list_their_revision_and_items(demo_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = revision(demo_path)
    take_backup(demo_path, NOON)
    code, _out, _err = run(capsys, "add-traveller", str(demo_path), "Mika Honda")
    assert code == 0
    take_backup(demo_path, NOON + timedelta(days=1))
    newest, oldest = list_backups(demo_path)
    assert (oldest.revision, newest.revision) == (before, before + 1)
    assert newest.items == oldest.items == 30
    assert newest.title == oldest.title != ""
    code, out, _err = run(capsys, "backups", str(demo_path))
    assert code == 0
    assert f"revision {before + 1}, 30 items" in out and oldest.name in out
    code, out, _err = run(capsys, "backups", str(demo_path), "--json")
    assert '"revision": ' + str(before) in out


def test_a_writing_command_takes_a_backup_and_a_reading_one_does_not(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "info", str(demo_path))[0] == 0
    assert list_backups(demo_path) == []
    assert run(capsys, "add-traveller", str(demo_path), "Mika Honda")[0] == 0
    assert len(list_backups(demo_path)) == 1
    assert run(capsys, "add-traveller", str(demo_path), "Sora Kato")[0] == 0
    assert len(list_backups(demo_path)) == 1  # the newest is younger than a day


def test_restore_brings_back_the_backup_and_keeps_the_replaced_tour(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = take_backup(demo_path, NOON)
    assert run(capsys, "add-traveller", str(demo_path), "Mika Honda")[0] == 0
    edited = revision(demo_path)
    code, _out, err = run(capsys, "restore", str(demo_path), "--newest")
    assert code == 2 and "opens fine; add --force" in err and err.count("\n") == 1
    code, out, _err = run(capsys, "restore", str(demo_path), backup.name, "--force")
    assert code == 0 and "kept as the backup" in out
    assert revision(demo_path) == backup.revision
    assert run(capsys, "search", str(demo_path), "Honda")[1] == run(
        capsys, "search", str(demo_path), "no-such-organisation")[1]
    replaced = [b for b in list_backups(demo_path) if b.replaced]
    assert len(replaced) == 1 and replaced[0].revision == edited and replaced[0].good
    assert not Path(f"{demo_path}-wal").exists()
    assert run(capsys, "check", str(demo_path))[0] in (0, 1)


def test_a_damaged_tour_is_refused_offering_its_newest_good_backup(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = take_backup(demo_path, NOON)
    damage_a_title(demo_path)
    with pytest.raises(DamagedTourFile):
        take_backup(demo_path, NOON + timedelta(days=2))  # a damaged tour is not backed up
    for command in ("info", "agenda", "export-json"):
        argv = [command, str(demo_path)] + ([str(demo_path.with_suffix(".json"))]
                                            if command == "export-json" else [])
        code, _out, err = run(capsys, *argv)
        assert code == 2 and err.count("\n") == 1, err
        assert "agenda_items row 2, title" in err
        assert f"ecovisit restore {demo_path} --newest" in err
        assert f"ecovisit rescue {demo_path}" in err and "revision" in err
    code, _out, _err = run(capsys, "restore", str(demo_path), "--newest")  # no --force needed
    assert code == 0
    assert run(capsys, "agenda", str(demo_path))[0] == 0
    assert revision(demo_path) == backup.revision
    assert any(b.replaced and not b.good for b in list_backups(demo_path))


def test_a_damaged_tour_without_backups_is_offered_the_rescue(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damage_a_title(demo_path)
    code, _out, err = run(capsys, "info", str(demo_path))
    assert code == 2 and "no backup of it was found; rescue what can be read" in err


def test_a_damaged_backup_is_never_restored(demo_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    good = take_backup(demo_path, NOON)
    bad = take_backup(demo_path, NOON + timedelta(days=1))
    data = bytearray(bad.path.read_bytes())  # a backup file no connection has open
    data[4096 * 3:4096 * 4] = bytes(4096)
    bad.path.write_bytes(bytes(data))
    assert not list_backups(demo_path)[0].good
    assert newest_good_backup(demo_path) == good
    with pytest.raises(DamagedTourFile, match="damaged backup"):
        restore_backup(list_backups(demo_path)[0], demo_path)
    code, _out, err = run(capsys, "restore", str(demo_path), bad.name, "--force")
    assert code == 2 and "damaged backup" in err
    code, out, _err = run(capsys, "backups", str(demo_path))
    assert "DAMAGED" in out


def test_restore_is_refused_while_another_program_has_the_tour_open(demo_path: Path) -> None:
    backup = take_backup(demo_path, NOON)
    store = TourStore.open(demo_path)
    try:
        with store.transaction() as session:  # a connection that stays in the pool
            session.execute(text("SELECT 1"))
        with pytest.raises(TourFileError, match="open in another program"):
            restore_backup(backup, demo_path)
    finally:
        store.close()
    assert restore_backup(backup, demo_path) is not None


def test_backups_of_two_tours_are_kept_apart(demo_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / demo_path.name
    other.parent.mkdir()
    other.write_bytes(demo_path.read_bytes())
    assert backups_dir(demo_path) != backups_dir(other)
    take_backup(demo_path, NOON)
    assert list_backups(other) == []


def test_unknown_backup_names_and_urls_get_one_line(demo_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "restore", str(demo_path), "20000101T000000000000Z")
    assert code == 2 and "no such backup" in err and err.count("\n") == 1
    code, _out, err = run(capsys, "restore", str(demo_path))
    assert code == 2 and "--newest" in err
    code, _out, err = run(capsys, "backups", "postgresql://user@localhost/tour")
    assert code == 2 and "database server keeps its own" in err
