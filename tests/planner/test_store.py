"""Tour files: created, recognised, refused when foreign or damaged, migrated when older."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from planner.errors import (
    DamagedTourFile,
    FileExistsRefused,
    NewerSchemaError,
    NotATourFile,
    TourFileError,
)
from planner.model import AgendaItem, Base, FollowUp, ItemDeparture, Tour
from planner.store import (
    APPLICATION_ID,
    TourStore,
    create_tour_file,
    inspect_file,
    schema_version,
)

DATA = Path(__file__).parent.parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def new_tour(path: Path) -> None:
    create_tour_file(path, lambda s: s.add(Tour(title="T", start_date=date(2027, 3, 1),
                                                 end_date=date(2027, 3, 5))))


def test_a_new_tour_file_is_marked_and_configured(tmp_path: Path) -> None:
    path = tmp_path / "t.ecovisit"
    new_tour(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.ecovisit"]  # no temp files left
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    raw.close()
    with TourStore.open(path) as store, store.engine.connect() as connection:
        pragmas = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("foreign_keys", "journal_mode", "synchronous")}
    assert pragmas == {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2}


def test_the_migrations_build_exactly_the_model(tmp_path: Path) -> None:
    path = tmp_path / "t.ecovisit"
    new_tour(path)
    with TourStore.open(path) as store, store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def make_newer(path: Path) -> None:
    new_tour(path)
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {schema_version() + 1}")
    raw.commit()
    raw.close()


def make_foreign(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    raw.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    raw.commit()
    raw.close()


def make_random(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def make_truncated(path: Path) -> None:
    new_tour(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


@pytest.mark.parametrize(("make", "error", "words"), [
    (make_newer, NewerSchemaError, "newer Ecovisit"),
    (make_foreign, NotATourFile, "another program"),
    (make_random, NotATourFile, "not an SQLite database"),
    (make_truncated, DamagedTourFile, "damaged"),
    (make_empty, NotATourFile, "empty"),
    (make_header_only, DamagedTourFile, "damaged"),
])
def test_files_that_are_not_usable_tours_are_refused_and_left_untouched(
        tmp_path: Path, make, error, words) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.ecovisit"
    make(path)
    before = digest(path)
    with pytest.raises(error) as caught:
        TourStore.open(path)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)
    assert digest(path) == before
    assert side_files(path) == []  # not even a -wal or -shm file


def test_a_missing_file_or_a_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TourFileError, match="no such file"):
        TourStore.open(tmp_path / "missing.ecovisit")
    with pytest.raises(TourFileError, match="folder"):
        TourStore.open(tmp_path)


@pytest.mark.parametrize("schema", [1, 2, 3, 4, 5, 6])
def test_an_older_schema_is_backed_up_and_migrated(tmp_path: Path, schema: int) -> None:
    path = tmp_path / "old.ecovisit"
    shutil.copyfile(DATA / f"tour-schema-{schema}.ecovisit", path)
    with TourStore.open(path) as store:
        backup = store.migration_backup
        with store.transaction() as session:
            tour = session.get(Tour, 1)
            assert tour is not None and tour.title_ja == "北欧モビリティ視察"
            item = session.scalars(select(AgendaItem)).one()
            assert item.title == "Campus visit"
            assert item.local_start.isoformat() == "2026-09-08T10:00:00+03:00"
            assert item.learnings == ("" if schema == 1 else "They fund pilots within 6 weeks.")
            assert [t.name for t in item.attendees] == ["Kenji Takahashi"]
            session.add(FollowUp(description="Send our NDA", item=item))
            kenji = item.attendees[0]
            item.attendees = []  # schema 5: her calendars are told
        with store.transaction() as session:
            [gone] = session.scalars(select(ItemDeparture)).all()
            assert (gone.traveller_id, gone.title) == (kenji.id, "Campus visit")
            assert gone.revision == session.scalars(select(AgendaItem.revision)).one()
    assert backup is not None and backup.exists()
    assert inspect_file(backup).schema == schema  # the backup is the file as it was
    old = sqlite3.connect(backup)
    assert old.execute("SELECT title FROM agenda_items").fetchall() == [("Campus visit",)]
    old.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    raw.close()


def test_create_refuses_to_overwrite_and_force_replaces(tmp_path: Path) -> None:
    path = tmp_path / "t.ecovisit"
    new_tour(path)
    before = digest(path)
    with pytest.raises(FileExistsRefused):
        new_tour(path)
    assert digest(path) == before
    create_tour_file(path, lambda s: s.add(Tour(title="Second", start_date=date(2027, 1, 1),
                                                 end_date=date(2027, 1, 2))), force=True)
    with TourStore.open(path) as store, store.transaction() as session:
        assert session.get(Tour, 1).title == "Second"  # type: ignore[union-attr]


def test_a_failure_while_creating_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "t.ecovisit"

    def fill(session) -> None:  # type: ignore[no-untyped-def]
        session.add(Tour(title="T", start_date=date(2027, 1, 1), end_date=date(2027, 1, 2)))
        session.flush()
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        create_tour_file(path, fill)
    assert list(tmp_path.iterdir()) == []


def test_save_as_copies_a_consistent_tour(demo_store: TourStore, tmp_path: Path) -> None:
    copy = tmp_path / "copy.ecovisit"
    demo_store.backup_to(copy)
    with TourStore.open(copy) as store, store.transaction() as session:
        assert len(session.scalars(select(AgendaItem)).all()) == 30


def test_the_schema_number_in_the_code_is_the_newest_migration() -> None:
    from planner.store import migrations_head, schema_version

    assert schema_version() == migrations_head()
