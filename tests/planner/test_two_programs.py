"""Two programs on one tour: opening a tour a second time in a process that already has it open,
while another program reads it, loses nothing (issue 15, defect 1).

Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included; a second look at the file through Python's open() let another program believe it was
the last user and delete the live write-ahead log, after which this process wrote into a deleted
file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planner import edits
from planner.model import Tour
from planner.store import TourStore, inspect_file

READ_TITLE = """
import sys
from planner.store import TourStore
from planner.queries import load_tour
with TourStore.open(sys.argv[1]) as store, store.transaction() as session:
    print(load_tour(session).title)
"""


def other_program_reads_title(path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", READ_TITLE, str(path)], check=True,
                          capture_output=True, text=True, timeout=60)
    return done.stdout.strip()


def test_a_second_look_at_an_open_tour_keeps_its_write_ahead_log(demo_path: Path) -> None:
    store = TourStore.open(demo_path)
    try:
        with store.transaction() as session:
            edits.set_field(session, "tour", 1, "title", "First edit")
        wal = demo_path.with_name(demo_path.name + "-wal")
        assert wal.exists()
        inspect_file(demo_path)  # as opening the tour again (a re-read, a second window) does
        TourStore.open(demo_path).close()
        assert other_program_reads_title(demo_path) == "First edit"
        assert wal.exists()  # the other program did not take itself for the last user
        with store.transaction() as session:
            edits.set_field(session, "tour", 1, "title", "Second edit")
        assert other_program_reads_title(demo_path) == "Second edit"
        with store.transaction() as session:
            assert session.get_one(Tour, 1).title == "Second edit"
    finally:
        store.close()


WRITE_AND_CHECKPOINT = """
import sys
from planner import edits
from planner.store import TourStore
from sqlalchemy import text
store = TourStore.open(sys.argv[1])
print("ready", flush=True)
for round in range(int(sys.argv[2])):
    with store.transaction() as session:
        for number in range(40):
            edits.add_record(session, "traveller", {"name": f"Visitor {round}-{number}"})
    with store.engine.connect() as connection:  # as SQLite does after 1,000 pages of log
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
store.close()
"""


def test_looking_at_a_tour_another_program_is_writing_never_calls_it_damaged(
        demo_path: Path) -> None:
    """Opening a tour (inspect_file) while another program writes and checkpoints it: an
    immutable look ignored the log and the locks, and read pages being rewritten as a
    'malformed' tour, which the window would have offered to restore from a backup."""
    with subprocess.Popen([sys.executable, "-c", WRITE_AND_CHECKPOINT, str(demo_path), "60"],
                          stdout=subprocess.PIPE, text=True) as writer:
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
            looks = 0
            while writer.poll() is None:
                inspect_file(demo_path)  # raises DamagedTourFile on a torn read
                looks += 1
            assert writer.returncode == 0 and looks > 10
        finally:
            writer.kill()
    inspect_file(demo_path)
