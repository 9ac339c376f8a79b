"""Two programs, one tour file (issue 15, item 7): the window shows what another program
changed, its undo history stays honest, and no acknowledged edit of either is ever lost, even
when the window is killed while commands read and write the same file."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits
from planner.model import AgendaItem, Organisation
from planner.store import TourStore
from tests.ui.conftest import open_window, screenshot
from ui import commands
from ui.mainwindow import OUTSIDE_CHECK_MS, MainWindow

ROOT = Path(__file__).resolve().parents[2]
ECOVISIT = str(Path(sys.executable).with_name("ecovisit"))
DINNER = "Bavarian dinner"
SLOW = os.environ.get("ECOVISIT_SLOW") == "1"


def shown_title(window: MainWindow, key: int) -> str | None:
    """The title the agenda shows for item *key* (what the user sees), None if not shown."""
    model = window.agenda_model
    for item in model.all_items():
        if item.id == key:
            index = model.index_of(item.uid)
            return str(model.data(model.index(index.row(), model.TITLE, index.parent())))
    return None


def dinner_key(window: MainWindow) -> int:
    return next(i.id for i in window.agenda_model.all_items() if i.title == DINNER)


def stored_title(path: Path, key: int) -> str:
    with TourStore.open(path) as store, store.transaction() as session:
        item = session.get(AgendaItem, key)
        assert item is not None
        return item.title


def test_a_command_of_another_program_is_shown_after_the_timer(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    key = dinner_key(window)
    window.selection.select_items([window.agenda_model.all_items()[0].uid])
    result = subprocess.run([ECOVISIT, "set", str(demo_path), "item", DINNER,
                             "title=Dinner moved by the command line"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert shown_title(window, key) == DINNER  # not yet looked
    # the window's timer looks every two seconds; the agenda then shows the new title
    qtbot.waitUntil(lambda: shown_title(window, key) == "Dinner moved by the command line",
                    timeout=OUTSIDE_CHECK_MS * 4)
    assert "changed by another program" in window.statusBar().currentMessage()
    assert window.selection.items  # the selection stays
    screenshot(window, "two-programs-changed-outside.png")


def test_coming_forward_looks_at_once_and_the_undo_it_overtook_is_refused(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    doc = window.document
    assert doc is not None
    window.outside_timer.stop()  # only the focus looks in this test
    key = dinner_key(window)
    assert commands.execute(commands.SetField(doc, "item", key, "title", "Dinner (window)",
                                              DINNER))
    # an organisation edit the other program leaves alone: it stays undoable
    organisation = window.models["organisation"].record_at(0)
    assert commands.execute(commands.SetField(doc, "organisation", organisation.id, "phone",
                                              "+49 89 1234", organisation.name))
    # a second store (another program) renames the same dinner
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.set_field(session, "item", key, "title", "Dinner (other program)")
    assert shown_title(window, key) == "Dinner (window)"
    with qtbot.waitSignal(doc.changed_outside, timeout=10_000):
        window._application_state(Qt.ApplicationState.ApplicationActive)  # it comes forward
    assert shown_title(window, key) == "Dinner (other program)"
    assert "1 undo step" in window.last_message
    # the organisation's step is untouched and undone as usual
    window.edit_menu.aboutToShow.emit()
    assert "changed by another program" not in window.undo_action.text()
    window.undo_action.trigger()
    row = window.models["organisation"].row_of(organisation.id)
    assert row is not None
    assert window.models["organisation"].record_at(row).phone == organisation.phone
    # the dinner's step says, in the Edit menu, that it was overtaken; undoing it is refused
    window.edit_menu.aboutToShow.emit()
    assert "changed by another program" in window.undo_action.text()
    screenshot(window.edit_menu, "two-programs-edit-menu.png")
    window.undo_action.trigger()
    assert "cannot be undone: another program has changed" in window.last_message
    assert stored_title(demo_path, key) == "Dinner (other program)"  # their work stays
    assert shown_title(window, key) == "Dinner (other program)"
    assert not doc.undo_stack.canUndo()  # the refused step is gone, nothing left behind it


def test_a_macro_overtaken_in_part_is_refused_as_a_whole(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    doc = window.document
    assert doc is not None
    window.outside_timer.stop()
    first, second = window.agenda_model.all_items()[:2]
    doc.undo_stack.beginMacro("Rename 2 items")
    for item in (first, second):
        assert commands.execute(commands.SetField(doc, "item", item.id, "title",
                                                  f"{item.title} (window)", item.title))
    doc.undo_stack.endMacro()
    travellers = window.models["traveller"].rowCount()
    # a new traveller elsewhere overtakes nothing of it
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.add_record(session, "traveller", {"name": "Someone new"})
    with qtbot.waitSignal(doc.changed_outside, timeout=10_000):
        assert window.check_outside()
    assert "undo step" not in window.last_message
    assert window.models["traveller"].rowCount() == travellers + 1  # shown
    window.edit_menu.aboutToShow.emit()
    assert "changed by another program" not in window.undo_action.text()
    # the other program changes the second item: the whole macro is overtaken
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.set_field(session, "item", second.id, "status", "cancelled")
    with qtbot.waitSignal(doc.changed_outside, timeout=10_000):
        assert window.check_outside()
    window.edit_menu.aboutToShow.emit()
    assert window.undo_action.text().endswith("(changed by another program)")
    window.undo_action.trigger()
    assert "“Rename 2 items” cannot be undone" in window.last_message
    assert not doc.undo_stack.canUndo()
    # neither half was undone: the first keeps the window's title, the second the other's
    assert stored_title(demo_path, first.id) == f"{first.title} (window)"
    assert shown_title(window, first.id) == f"{first.title} (window)"


def test_an_organisation_made_here_and_given_a_contact_elsewhere_is_not_undone(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    """Undoing "add organisation" would delete the other program's contact with it."""
    doc = window.document
    assert doc is not None
    window.outside_timer.stop()
    command = commands.AddRecord(doc, "organisation", {"name": "Window Works"},
                                 "Add Window Works")
    assert commands.execute(command)
    assert command.key is not None
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.add_record(session, "contact", {"name": "Elsewhere Person",
                                              "organisation_id": command.key})
    with qtbot.waitSignal(doc.changed_outside, timeout=10_000):
        assert window.check_outside()
    assert window.models["contact"].rowCount() == len(_contacts(demo_path))
    window.undo_action.trigger()
    assert "cannot be undone" in window.last_message
    with TourStore.open(demo_path) as store, store.transaction() as session:
        assert session.get(Organisation, command.key) is not None


def _contacts(path: Path) -> list[str]:
    from planner.model import Contact

    with TourStore.open(path) as store, store.transaction() as session:
        return list(session.scalars(select(Contact.name)))


def test_the_windows_own_edits_are_not_taken_for_another_programs(
        qtbot: QtBot, window: MainWindow) -> None:
    doc = window.document
    assert doc is not None
    key = dinner_key(window)
    for n in range(5):
        assert commands.execute(commands.SetField(doc, "item", key, "title", f"Dinner {n}",
                                                  DINNER))
    assert not window.check_outside()
    window.undo_action.trigger()
    assert shown_title(window, key) == "Dinner 3"


def test_two_windows_on_one_tour_each_see_the_others_edits(qtbot: QtBot,
                                                          demo_path: Path) -> None:
    """A second writer is safe the same way: each edit is one short transaction, each window
    shows the other's, and neither undoes the other's work."""
    first, second = open_window(qtbot, demo_path), open_window(qtbot, demo_path)
    try:
        for window in (first, second):
            window.outside_timer.stop()
        one, two = first.document, second.document
        assert one is not None and two is not None
        key = dinner_key(first)
        assert commands.execute(commands.SetField(one, "item", key, "title", "First's", DINNER))
        with qtbot.waitSignal(two.changed_outside, timeout=10_000):
            assert second.check_outside()
        assert shown_title(second, key) == "First's"
        assert commands.execute(commands.SetField(two, "item", key, "title", "Second's",
                                                  "First's"))
        with qtbot.waitSignal(one.changed_outside, timeout=10_000):
            assert first.check_outside()
        assert shown_title(first, key) == "Second's"
        first.undo_action.trigger()  # would undo over the second window's edit: refused
        assert "cannot be undone" in first.last_message
        assert stored_title(demo_path, key) == "Second's"
        second.undo_action.trigger()  # its own, on top: undone
        assert stored_title(demo_path, key) == "First's"
        with qtbot.waitSignal(one.changed_outside, timeout=10_000):
            assert first.check_outside()
        assert shown_title(first, key) == "First's"
    finally:
        first.close()
        second.close()


# --- two processes: the window killed while others read and write --------------------------
WINDOW_SCRIPT = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from PySide6.QtCore import QSettings
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
    from ui import commands
    from ui.mainwindow import MainWindow
    window = MainWindow()
    window.show()
    opened = []
    window.tour_opened.connect(lambda _location: opened.append(1))
    window.open_tour(sys.argv[1])
    while not opened:
        QTest.qWait(20)
    doc = window.document
    n = 0
    while True:
        name = f"window-{n}"
        if commands.execute(commands.AddRecord(doc, "traveller", {"name": name}, name)):
            print(name, flush=True)  # acknowledged: committed
        n += 1
        if n % 5 == 0:
            window.check_outside()
        QTest.qWait(5)
""")

OTHER_STORE = textwrap.dedent("""
    import sys
    from planner import edits
    from planner.store import TourStore
    n = 0
    while True:
        with TourStore.open(sys.argv[1]) as store:
            for _ in range(5):
                with store.transaction() as session:
                    edits.add_record(session, "traveller", {"name": f"store-{n}"})
                print(f"store-{n}", flush=True)
                n += 1
""")


def _start(arguments: list[str], log: Path) -> subprocess.Popen[bytes]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                       PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with log.open("wb") as out:
        return subprocess.Popen(arguments, stdout=out, stderr=subprocess.STDOUT,
                                env=environment, cwd=ROOT)


def test_no_acknowledged_edit_is_lost_when_the_window_is_killed_among_other_programs(
        demo_path: Path, tmp_path: Path) -> None:
    seconds = 40.0 if SLOW else 4.0
    rounds = 3 if SLOW else 1
    for round_ in range(rounds):
        tour = tmp_path / f"shared-{round_}.ecovisit"
        tour.write_bytes(demo_path.read_bytes())
        window_log, store_log = tmp_path / f"window-{round_}.log", tmp_path / f"store-{round_}.log"
        window = _start([sys.executable, "-c", WINDOW_SCRIPT, str(tour),
                         str(tmp_path / f"settings-{round_}")], window_log)
        other = _start([sys.executable, "-c", OTHER_STORE, str(tour)], store_log)
        readers = 0
        try:
            deadline = time.monotonic() + 60
            while "window-0" not in window_log.read_text() and time.monotonic() < deadline:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    window.wait(timeout=0.1)  # returns at once if the window dies
                assert window.poll() is None, window_log.read_text()
            assert "window-0" in window_log.read_text(), window_log.read_text()
            end = time.monotonic() + seconds
            export = tmp_path / "out.ics"
            while time.monotonic() < end:
                for command in (["info", str(tour)], ["export-ics", str(tour), str(export),
                                                      "--force"]):
                    result = subprocess.run([ECOVISIT, *command], capture_output=True,
                                            text=True, timeout=60, check=False)
                    assert result.returncode == 0, result.stderr
                    readers += 1
                assert window.poll() is None, window_log.read_text()[-3000:]
                assert other.poll() is None, store_log.read_text()[-3000:]
        finally:
            window.send_signal(signal.SIGKILL)
            other.send_signal(signal.SIGKILL)
            window.wait(30)
            other.wait(30)
        acknowledged = [line for line in window_log.read_text().splitlines()
                        if line.startswith("window-")]
        stored_by_other = [line for line in store_log.read_text().splitlines()
                           if line.startswith("store-")]
        assert len(acknowledged) > 10 and stored_by_other and readers >= 2
        connection = sqlite3.connect(tour)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            names = {row[0] for row in connection.execute("SELECT name FROM travellers")}
        finally:
            connection.close()
        lost = [name for name in acknowledged + stored_by_other if name not in names]
        assert not lost, f"{len(lost)} acknowledged edits lost: {lost[:5]}"
        print(f"round {round_}: {len(acknowledged)} window edits and {len(stored_by_other)} "
              f"by a second store acknowledged, {readers} info/export-ics runs, none lost")
