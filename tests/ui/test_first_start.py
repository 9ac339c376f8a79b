"""A first start and a new tour: the welcome dialog (the demo, a new tour, Open), the guide over a
new tour's empty agenda, and the ways in that skip the welcome (TOUR, --demo, the last tour)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from planner.edits import create_tour
from planner.locations import demo_tour_path
from planner.queries import load_tour
from planner.store import TourStore
from tests.ui.conftest import open_window, screenshot
from ui import commands, settings
from ui.app import parse_arguments, start
from ui.dialogs.import_contacts import ImportContactsDialog
from ui.dialogs.new_tour import NewTourDialog
from ui.dialogs.tour_properties import TourPropertiesDialog
from ui.dialogs.welcome import WelcomeDialog
from ui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parents[2]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def shown(kind: type[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


@pytest.fixture
def bare_window(qtbot: QtBot) -> MainWindow:
    """The main window as a start shows it, before any tour is open."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def first_start(qtbot: QtBot, window: MainWindow) -> WelcomeDialog:
    welcome = start(window, [])  # no tour named, none opened before
    assert isinstance(welcome, WelcomeDialog)
    qtbot.waitExposed(welcome)
    assert welcome.isModal() and window.document is None
    assert shown(WelcomeDialog) == [welcome]
    return welcome


@pytest.fixture
def new_tour(tmp_path: Path) -> Path:
    path = tmp_path / "nordics.ecovisit"
    create_tour(path, "Nordic energy transition", date(2027, 9, 6), date(2027, 9, 10),
                home_zone="Asia/Tokyo", values={"vision": "Learn how the Nordics decarbonise."})
    return path


# --- the welcome dialog -----------------------------------------------------------------------
def test_the_first_start_offers_the_demo_which_opens_with_one_click(
        qtbot: QtBot, bare_window: MainWindow) -> None:
    window = bare_window
    welcome = first_start(qtbot, window)
    assert [b.text() for b in (welcome.demo_button, welcome.new_button, welcome.open_button)] \
        == ["Open the demo tour", "New tour…", "Open a tour…"]
    assert welcome.demo_button.isDefault()
    screenshot(welcome, "welcome-en.png")
    with qtbot.waitSignal(window.tour_opened, timeout=60_000):
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.location == str(demo_tour_path())
    assert window.windowTitle().startswith("Europe Innovation Ecosystem Study Tour")
    qtbot.waitUntil(lambda: shown(WelcomeDialog) == [], timeout=5_000)
    assert settings.get(settings.LAST_TOUR) == str(demo_tour_path())
    with qtbot.waitSignal(window.tour_opened, timeout=60_000):
        assert start(window, []) is None  # the next start reopens it, no welcome
    # the first start's work (the gazetteer's index, the land mask, the first check) ends
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=60_000)


def test_new_tour_from_the_welcome_creates_the_tour_with_its_vision_and_opens_it(
        qtbot: QtBot, bare_window: MainWindow, tmp_path: Path) -> None:
    window = bare_window
    welcome = first_start(qtbot, window)
    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    dialogs = shown(NewTourDialog)
    assert len(dialogs) == 1  # opened without blocking, over the welcome
    dialog = dialogs[0]
    assert isinstance(dialog, NewTourDialog)
    dialog.reject()  # a change of mind: the welcome is still there
    assert shown(WelcomeDialog) == [welcome]

    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    dialog = shown(NewTourDialog)[0]  # type: ignore[assignment]
    path = tmp_path / "benelux.ecovisit"
    assert dialog.zone.currentText() == "Asia/Tokyo" and dialog.zone.itemText(0) == "Asia/Tokyo"
    dialog.title.setText("Benelux logistics")
    dialog.zone.setCurrentText("Asia/Seoul")
    dialog.vision.setPlainText("See how Rotterdam automates a port.")
    dialog.vision_ja.setPlainText("ロッテルダム港の自動化を学ぶ。")
    dialog.file.setText(str(path))
    screenshot(dialog, "new-tour-en.png")
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    assert window.location == str(path)
    qtbot.waitUntil(lambda: shown(WelcomeDialog) == [], timeout=5_000)
    with TourStore.open(path) as store, store.transaction() as session:
        tour = load_tour(session)
        assert (tour.title, tour.home_zone, tour.vision, tour.vision_ja) == (
            "Benelux logistics", "Asia/Seoul", "See how Rotterdam automates a port.",
            "ロッテルダム港の自動化を学ぶ。")
    qtbot.waitUntil(window.agenda_guide.isVisible, timeout=5_000)  # and what to do next


def test_open_from_the_welcome_opens_the_chosen_file(
        qtbot: QtBot, bare_window: MainWindow, demo_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = bare_window
    welcome = first_start(qtbot, window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_args, **_kwargs: ("", "")))
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)  # cancelled
    assert window.document is None and shown(WelcomeDialog) == [welcome]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_args, **_kwargs: (str(demo_path), "")))
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    assert window.location == str(demo_path)
    qtbot.waitUntil(lambda: shown(WelcomeDialog) == [], timeout=5_000)


def test_closing_the_welcome_leaves_an_empty_window(qtbot: QtBot,
                                                   bare_window: MainWindow) -> None:
    welcome = first_start(qtbot, bare_window)
    qtbot.mouseClick(welcome.buttons.button(QDialogButtonBox.StandardButton.Close),
                     Qt.MouseButton.LeftButton)
    assert shown(WelcomeDialog) == []
    assert bare_window.document is None and bare_window.windowTitle() == "Ecovisit"
    assert not bare_window.agenda_guide.isVisible()  # no tour, nothing to guide


def test_the_welcome_speaks_the_windows_language(qtbot: QtBot,
                                                 bare_window: MainWindow) -> None:
    bare_window.set_language("ja")
    welcome = first_start(qtbot, bare_window)
    screenshot(welcome, "welcome-ja.png")  # new texts English until the lead merges them
    welcome.reject()
    bare_window.set_language("en")


def test_a_named_tour_the_demo_flag_or_the_last_tour_skip_the_welcome(
        qtbot: QtBot, bare_window: MainWindow, demo_path: Path, new_tour: Path) -> None:
    window = bare_window
    with qtbot.waitSignal(window.tour_opened, timeout=60_000):
        assert start(window, ["--demo"]) is None
    assert window.location == str(demo_tour_path())
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        assert start(window, [str(new_tour)]) is None
    assert window.location == str(new_tour)
    settings.put(settings.LAST_TOUR, str(demo_path))
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        assert start(window, []) is None
    assert window.location == str(demo_path)
    assert shown(WelcomeDialog) == []
    with pytest.raises(SystemExit) as bad:
        parse_arguments(["--demo", str(new_tour)])
    assert bad.value.code == 2


def test_start_demo_opens_the_demo_and_gui_takes_demo_and_a_tour() -> None:
    script = (ROOT / "scripts" / "start-demo").read_text(encoding="utf-8")
    assert 'if [ $# -eq 0 ]; then set -- gui --demo; fi' in script  # README: "on the demo"
    result = subprocess.run([sys.executable, "-m", "ui.main", "gui", "--help"],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0
    assert "--demo" in result.stdout and "TOUR" in result.stdout


# --- the guide over an empty agenda -----------------------------------------------------------
def test_a_new_tours_agenda_says_what_to_do_next_until_the_first_item(
        qtbot: QtBot, new_tour: Path) -> None:
    window = open_window(qtbot, new_tour)
    window.resize(1280, 800)
    guide = window.agenda_guide
    assert window.agenda_model.rowCount() == 0
    assert guide.isVisible() and guide.heading.text() == "This tour has no agenda yet"
    for name, button in guide.buttons.items():  # a step per action the window has
        has_action = window.findChild(QAction, name) is not None
        assert button.isVisible() == has_action, name
    for name in ("importContacts", "planTour", "tourProperties"):
        assert guide.buttons[name].isVisible()
    assert guide.buttons["importContacts"].text() == "Import contacts…"
    assert "CSV, Excel or vCard" in guide.buttons["importContacts"].description()
    assert window.agenda_view.viewport().rect().contains(guide.geometry())
    screenshot(window, "empty-agenda-en.png")

    qtbot.mouseClick(guide.buttons["tourProperties"], Qt.MouseButton.LeftButton)
    assert len(shown(TourPropertiesDialog)) == 1
    shown(TourPropertiesDialog)[0].close()
    qtbot.mouseClick(guide.buttons["importContacts"], Qt.MouseButton.LeftButton)
    assert len(shown(ImportContactsDialog)) == 1
    shown(ImportContactsDialog)[0].close()

    window.central_tabs.setCurrentWidget(window.timeline)
    assert window.timeline_guide.isVisible()
    screenshot(window, "empty-timeline-en.png")
    window.central_tabs.setCurrentWidget(window.agenda_view)

    document = window.document
    assert document is not None
    add = commands.AddRecord(document, "item", {
        "title": "Kick-off with the embassy", "kind": "meeting",
        "start": datetime(2027, 9, 6, 9, 0, tzinfo=STOCKHOLM),
        "end": datetime(2027, 9, 6, 10, 0, tzinfo=STOCKHOLM)}, "Add Kick-off")
    assert commands.execute(add)
    assert window.agenda_model.rowCount() == 1
    assert not guide.isVisible() and window.timeline_guide.isHidden()  # the first item
    window.undo_action.trigger()
    assert guide.isVisible()  # the last item gone: the guide is back
    window.redo_action.trigger()
    assert not guide.isVisible()
    assert add.key is not None
    assert commands.execute(commands.DeleteRecord(document, "item", add.key, "Kick-off"))
    assert guide.isVisible()

    window.set_language("ja")
    screenshot(window, "empty-agenda-ja.png")  # new texts English until the lead merges them
    window.set_language("en")
    window.close()


def test_the_guide_stays_away_from_a_tour_with_items(window: MainWindow) -> None:
    assert window.agenda_model.rowCount() > 0
    assert window.agenda_guide.isHidden() and window.timeline_guide.isHidden()


def test_a_tour_file_given_alone_opens_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file manager's "Open with Ecovisit" runs `ecovisit /path/tour.ecovisit`."""
    import ui.app
    from ui.main import main

    opened: list[list[str]] = []
    monkeypatch.setattr(ui.app, "run", lambda args: opened.append(list(args)) or 0)
    assert main(["/somewhere/Nordic tour.ecovisit"]) == 0
    assert opened == [["/somewhere/Nordic tour.ecovisit"]]
