"""The export, publish and travel settings dialogs: the work runs as an operation, the files are
real (.ics read by icalendar, PDF read by pdftotext), a cancelled export leaves nothing, the
calendar lands on a real CalDAV server, and new travel settings are one undoable step."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import keyring
import pytest
from icalendar import Calendar
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from planner.calendar.caldav_publish import KEYRING_SERVICE
from planner.queries import load_tour
from planner.store import TourStore
from planner.travel import TravelSettings
from tests.caldav_servers import read_collection, running
from tests.ui.conftest import screenshot as save_screenshot
from ui import commands
from ui.dialogs.export import ExportCalendarDialog, ExportPdfDialog, file_name
from ui.dialogs.publish import PublishDialog
from ui.dialogs.travel_settings import TravelSettingsDialog
from ui.mainwindow import MainWindow

MEETING_JA = "製造業のためのプロセスマイニング"  # "Process mining for manufacturing"
WAIT = 120_000


def screenshot(dialog: QWidget, name: str) -> None:
    """Save a picture of *dialog* once its layout took in the latest texts."""
    QApplication.sendPostedEvents()  # the layout requests of labels just given new text
    save_screenshot(dialog, name)


def events_in(path: Path) -> list[Any]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def leftovers(folder: Path) -> list[str]:
    """Temporary files an export left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def stored_settings(path: Path) -> dict[str, Any]:
    """The travel settings the tour file holds, read by a new store."""
    with TourStore.open(path) as store, store.transaction() as session:
        return dict(load_tour(session).travel_settings)


def choose(box: Any, data: Any) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


# --- export -----------------------------------------------------------------------------------

def test_a_japanese_briefing_book_is_exported_from_the_dialog(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportPdfDialog(window.document, window.operations, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.kind, "book")
    choose(dialog.language, "ja")
    assert dialog.destination.text().endswith(".pdf")
    assert "Briefing book" in Path(dialog.destination.text()).name
    assert not dialog.host.isVisibleTo(dialog) and dialog.travellers.isVisibleTo(dialog)
    target = tmp_path / "book.pdf"
    dialog.destination.setText(str(target))
    screenshot(dialog, "export-pdf-dialog.png")
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export_button.click()
        assert window.indicator.isVisible()  # the status bar shows the running export
        assert not dialog.export_button.isEnabled() and dialog.bar.isVisible()
        screenshot(dialog, "export-pdf-dialog-running.png")
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert MEETING_JA in text
    assert dialog.written == target and dialog.open_button.isEnabled()
    assert dialog.status.text().startswith(f"Wrote {target} (")
    assert "pages)." in dialog.status.text()
    assert leftovers(tmp_path) == []
    screenshot(dialog, "export-pdf-dialog-done.png")


def test_the_calendar_is_exported_for_everyone_and_for_one_traveller(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportCalendarDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    dialog.show()
    title = window.document.tour.title  # type: ignore[union-attr]
    assert Path(dialog.destination.text()).name == file_name(title) + ".ics"
    assert ":" not in Path(dialog.destination.text()).name  # the title's colon is unsafe
    everyone = tmp_path / "tour.ics"
    dialog.destination.setText(str(everyone))
    screenshot(dialog, "export-ics-dialog.png")
    assert not dialog.ideas.isChecked()  # idea items only when asked for
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    events = events_in(everyone)
    assert len(events) == 29  # the demo's 30 items but its one idea
    assert all(event.walk("VALARM") for event in events)  # 15 minutes before, by default
    assert dialog.status.text() == f"Wrote {everyone} (29 events)."
    with_ideas = tmp_path / "ideas.ics"
    dialog.destination.setText(str(with_ideas))
    dialog.ideas.setChecked(True)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    pitch = [e for e in events_in(with_ideas) if str(e["SUMMARY"]).startswith("Pitch session")]
    assert [str(e["STATUS"]) for e in pitch] == ["TENTATIVE"]
    assert dialog.status.text() == f"Wrote {with_ideas} (30 events)."
    dialog.ideas.setChecked(False)
    # one traveller, no reminder; the default name follows the traveller until one is typed
    dialog._destination_chosen = False
    dialog.travellers.setCurrentIndex(2)  # Sato: not in the process-mining meeting
    name = dialog.travellers.currentText()
    assert Path(dialog.destination.text()).name == file_name(title, name) + ".ics"
    one = tmp_path / "one.ics"
    dialog.destination.setText(str(one))
    dialog.alarm.setValue(0)
    assert dialog.alarm.text() == "No reminder"
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    mine = events_in(one)
    assert 0 < len(mine) < 29
    assert not any(event.walk("VALARM") for event in mine)
    assert leftovers(tmp_path) == []


def test_a_cancelled_export_leaves_no_file_and_an_old_one_as_it_was(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ExportPdfDialog(window.document, window.operations, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.kind, "book")
    target = tmp_path / "book.pdf"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
        assert dialog.close_button.text() == "Cancel"
        dialog.close_button.click()  # while exporting, the button cancels
    assert not target.exists() and leftovers(tmp_path) == []
    assert dialog.status.text() == "Cancelled: no file was written."
    assert dialog.isVisible() and dialog.close_button.text() == "Close"
    # an existing file, replaced when asked, stays as it was if the export is cancelled
    target.write_bytes(b"the old book")
    asked: list[Path] = []

    def replace(path: Path) -> bool:
        asked.append(path)
        return True

    monkeypatch.setattr(dialog, "confirm_replace", replace)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
        window.indicator.cancel_button.click()  # the status bar's Cancel does it too
    assert asked == [target]
    assert target.read_bytes() == b"the old book" and leftovers(tmp_path) == []


def test_a_failed_export_names_the_file_and_a_refused_replace_does_nothing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ExportCalendarDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    missing = tmp_path / "no such folder" / "tour.ics"
    dialog.destination.setText(str(missing))
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    assert dialog.status.text() == (f"{missing} could not be written: {missing.parent}: "
                                    "folder does not exist")
    assert not dialog.open_button.isEnabled() and dialog.export_button.isEnabled()
    existing = tmp_path / "kept.ics"
    existing.write_text("mine")
    dialog.destination.setText(str(existing))
    monkeypatch.setattr(dialog, "confirm_replace", lambda _path: False)
    dialog.export()
    assert not dialog.running and existing.read_text() == "mine"


def test_a_host_brief_is_for_one_host_and_the_whole_delegation(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportPdfDialog(window.document, window.operations, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    choose(dialog.kind, "host-brief")
    assert dialog.host.isVisibleTo(dialog) and not dialog.travellers.isVisibleTo(dialog)
    hosts = [dialog.host.itemText(i) for i in range(dialog.host.count())]
    assert "Celonis" in hosts and hosts == sorted(hosts)
    dialog.host.setCurrentIndex(hosts.index("Celonis"))
    assert Path(dialog.destination.text()).name.endswith("Host brief - Celonis.pdf")
    choose(dialog.paper, "letter")
    target = tmp_path / "celonis.pdf"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Celonis" in text and "Process mining for manufacturing" in text
    assert dialog.status.text() == f"Wrote {target} (1 page)." or "pages)." in \
        dialog.status.text()


# --- publish ----------------------------------------------------------------------------------

class MemoryKeyring(KeyringBackend):
    """A keyring in memory, so no test touches the user's own."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def calendar_url(tmp_path: Path) -> Iterator[str]:
    with running("radicale", tmp_path / "radicale") as server:
        yield server.new_collection("Tour")


def server_uids(url: str) -> set[str]:
    return set(read_collection(url))


def test_publishing_to_a_caldav_server_from_the_dialog(
        qtbot: QtBot, window: MainWindow, calendar_url: str,
        memory_keyring: MemoryKeyring) -> None:
    document = window.document
    assert document is not None
    dialog = PublishDialog(document, window.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(calendar_url)
    dialog.user.setText("coordinator")
    dialog.password.setText("not-a-secret")
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert not dialog.remember.isChecked()
    screenshot(dialog, "publish-dialog.png")
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish_button.click()
    # every item but the idea, left out unless asked for
    assert not dialog.ideas.isChecked()
    assert dialog.status.text() == (f"Published to {calendar_url}:\n29 created, 0 updated, "
                                    "0 removed, 0 unchanged.")
    assert dialog.report is not None and len(dialog.report.created) == 29
    assert len(server_uids(calendar_url)) == 29
    assert "created: Process mining for manufacturing" in dialog.details.toPlainText()
    assert memory_keyring.passwords == {}  # typed, not remembered
    assert document.undo_stack.count() == 0
    screenshot(dialog, "publish-dialog-done.png")
    again = PublishDialog(document, window.operations, window)  # the next time: where it went
    qtbot.addWidget(again)
    assert again.url.text() == calendar_url and again.user.text() == dialog.user.text()
    assert again.password.text() == ""
    # no password typed, none in the keyring: said so, nothing sent
    dialog.password.clear()
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert "No password for coordinator at" in dialog.status.text()
    # remembered when asked, and used when the field is left empty
    dialog.password.setText("not-a-secret")
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert memory_keyring.passwords == {
        (KEYRING_SERVICE, f"coordinator@{calendar_url}"): "not-a-secret"}
    dialog.password.clear()
    dialog.remember.setChecked(False)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert dialog.status.text().endswith("0 created, 0 updated, 0 removed, 29 unchanged.")
    dialog.ideas.setChecked(True)  # the idea published when asked for, removed when not
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert dialog.status.text().endswith("1 created, 0 updated, 0 removed, 29 unchanged.")
    assert len(server_uids(calendar_url)) == 30
    dialog.ideas.setChecked(False)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert dialog.status.text().endswith("0 created, 0 updated, 1 removed, 29 unchanged.")
    assert "removed: Pitch session: Munich mobility startups" in dialog.details.toPlainText()
    assert "not published (an idea): Pitch session: Munich mobility startups" in (
        dialog.details.toPlainText())
    dialog.password.setText("typed again")
    dialog.close()
    assert dialog.password.text() == ""  # a closed dialog forgets the password


def test_an_unreachable_server_is_shown_and_the_tour_is_untouched(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    document = window.document
    assert document is not None
    revision = document.tour.revision
    dialog = PublishDialog(document, window.operations, window)
    qtbot.addWidget(dialog)
    dialog.url.setText("http://127.0.0.1:9/cal/")
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    text = dialog.status.text()
    assert text.startswith("Publishing failed: http://127.0.0.1:9/cal/: the calendar server "
                           "could not be used")
    assert "the tour is unchanged" in text and dialog.publish_button.isEnabled()
    with TourStore.open(demo_path) as store, store.transaction() as session:
        assert load_tour(session).revision == revision
    dialog.url.setText("calendar.example.com")
    dialog.publish()
    assert not dialog.running and "starts with https://" in dialog.status.text()


# --- travel settings --------------------------------------------------------------------------

def test_new_travel_settings_are_one_undoable_step(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    document = window.document
    assert document is not None
    before = stored_settings(demo_path)
    dialog = TravelSettingsDialog(document, window.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    # every setting has its editor but the days' own choices on splitting (kept, not edited)
    assert dialog.values() == {k: v for k, v in asdict(TravelSettings.from_json(before)).items()
                               if k != "split_days"}
    assert set(dialog.editors) == {f.name for f in fields(TravelSettings)} - {"split_days"}
    choose(dialog.editors["city_mode"], "transit")
    dialog.editors["station_buffer_min"].setValue(30)  # type: ignore[attr-defined]
    assert dialog.labels["city_mode"].font().bold()
    assert dialog.labels["station_buffer_min"].font().bold()
    assert "the default is 20 min" in dialog.labels["station_buffer_min"].toolTip()
    assert not dialog.labels["rail_wait_min"].font().bold()
    screenshot(dialog, "travel-settings-dialog.png")
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):  # the tour is checked again
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert stored_settings(demo_path) == {**before, "city_mode": "transit",
                                          "station_buffer_min": 30.0}
    assert document.plan.settings.city_mode == "transit"
    stack = document.undo_stack
    assert stack.count() == 1 and stack.undoText().startswith("Change travel settings of ")
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        stack.undo()
    assert stored_settings(demo_path) == before
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        stack.redo()
    # Restore defaults puts every default into the form; OK stores none
    again = TravelSettingsDialog(document, window.operations, window)
    qtbot.addWidget(again)
    assert again.value("city_mode") == "transit"
    again.restore_button.click()
    assert again.values() == {k: v for k, v in asdict(TravelSettings()).items()
                              if k != "split_days"}
    assert again.changed_names() == []
    assert not any(label.font().bold() for label in again.labels.values())
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        again.accept()
    assert stored_settings(demo_path) == {}
    assert stack.count() == 2
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        stack.undo()
    assert stored_settings(demo_path)["city_mode"] == "transit"


def test_travel_settings_that_make_no_sense_are_refused(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    document = window.document
    assert document is not None
    dialog = TravelSettingsDialog(document, window.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.lunch_from.setTime(dialog.lunch_until.time())
    dialog.accept()
    assert dialog.error.text() == "Lunch must start before it ends."
    assert dialog.isVisible() and document.undo_stack.count() == 0
    dialog.reject()
    unchanged = TravelSettingsDialog(document, window.operations, window)
    qtbot.addWidget(unchanged)
    unchanged.accept()  # nothing changed: no step on the undo stack
    assert document.undo_stack.count() == 0


def test_values_set_elsewhere_are_shown_exactly_and_kept(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    """A value finer than a field's steps (set with the command line) is shown as it is, and
    OK without a change leaves it alone. (A value beyond the range is refused by the planner.)"""
    document = window.document
    assert document is not None
    odd = {"walk_buffer_min": 7.5, "walk_max_km": 1.25, "lunch_window": "12:00-13:15"}
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        assert commands.execute(commands.SetField(document, "tour", 1, "travel_settings", odd,
                                                  "the tour"))
    dialog = TravelSettingsDialog(document, window.operations, window)
    qtbot.addWidget(dialog)
    assert {name: dialog.value(name) for name in odd} == odd
    assert dialog.editors["walk_buffer_min"].text() == "7.5 min"  # type: ignore[attr-defined]
    assert sorted(dialog.changed_names()) == sorted(odd)
    dialog.accept()
    assert document.undo_stack.count() == 1
    assert stored_settings(demo_path) == odd


def test_the_settings_spin_boxes_offer_the_range_the_planner_accepts(
        qtbot: QtBot, window: MainWindow) -> None:
    """The window never offers a value the command line refuses (a walking speed of 0 divided
    by zero in check and plan)."""
    document = window.document
    assert document is not None
    dialog = TravelSettingsDialog(document, window.operations, window)
    qtbot.addWidget(dialog)
    for name, allowed in TravelSettings.ranges.items():
        spin = dialog.editors[name]
        assert isinstance(spin, QSpinBox | QDoubleSpinBox), name
        assert (spin.minimum(), spin.maximum()) == (allowed.low, allowed.high), name
    assert dialog.editors["walk_speed_kmh"].minimum() > 0
    assert dialog.editors["road_detour"].suffix() == " × straight line"
