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
