"""The debrief's files through the window's dialogs, on the demo: the notes sheet exported for the
whole delegation, filled in as an executive would (a Japanese text; a rating of 7 refused by
sheet, row and column, nothing imported), imported as one undoable step; the follow-ups as the
coordinator's task list (.ics) and as everyone's spreadsheet; the thank-you letters written to a
folder, and written again only when the user says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from planner.exports import PDF_KINDS
from planner.model import Learning, Traveller
from planner.store import TourStore
from tests.ui.conftest import dialog_of, screenshot
from ui.dialogs.debrief_files import (
    ExportFollowUpsDialog,
    ExportNotesDialog,
    ImportNotesDialog,
    WriteThanksDialog,
)
from ui.dialogs.export import ExportPdfDialog
from ui.mainwindow import MainWindow

TODAY = date(2027, 6, 15)
WAIT = 30_000


def opened(qtbot: QtBot, window: MainWindow, name: str) -> Any:
    """Trigger the action *name* and return the dialog it opened."""
    actions = {action.objectName(): action for action in window.file_menu.actions()}
    assert [actions[key].text().replace("&", "") for key in (
        "exportNotes", "importNotes", "exportFollowUps", "writeThanks")] == [
        "Export Notes Sheet…", "Import Notes Sheet…", "Export Follow-ups…",
        "Write Thank-you Letters…"]
    return dialog_of(qtbot, actions[name])


def export_to(qtbot: QtBot, dialog: Any, path: Path) -> str:
    dialog.destination.setText(str(path))
    dialog._destination_chosen = True
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    return str(dialog.status.text())


def learnings(path: Path) -> int:
    with TourStore.open(path) as store, store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Learning)) or 0)


def fill_in(path: Path, *, rating: object) -> tuple[str, int]:
    """Fill the first sheet's first row without learnings as an executive would; returns the
    sheet and row."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[1]}
    learned, rated = headers["What I learned"], headers["Rating 1–5"]
    for row in range(2, sheet.max_row + 1):
        if not sheet.cell(row, learned).value and not sheet.cell(row, rated).value:
            sheet.cell(row, learned).value = "Depots charge at night: 夜間充電で電力を平準化"
            sheet.cell(row, rated).value = rating
            book.save(path)
            return sheet.title, row
    raise AssertionError("every row is filled in already")


@pytest.fixture
def debrief_window(window: MainWindow) -> MainWindow:
    assert window.document is not None
    window.document.today = TODAY
    return window


def test_notes_sheet_out_and_back(qtbot: QtBot, debrief_window: MainWindow, demo_path: Path,
                                  tmp_path: Path) -> None:
    window = debrief_window
    sheet_path = tmp_path / "notes.xlsx"
    dialog = opened(qtbot, window, "exportNotes")
    assert isinstance(dialog, ExportNotesDialog)
    assert dialog.destination.text().endswith("Notes.xlsx")
    said = export_to(qtbot, dialog, sheet_path)
    assert said.startswith(f"Wrote {sheet_path} (") and said.endswith("meeting rows).")
    with TourStore.open(demo_path) as store, store.session() as session:
        travellers = session.scalar(select(func.count()).select_from(Traveller))
    assert len(load_workbook(sheet_path).worksheets) == travellers
    dialog.close()
    # a rating of 7: said by sheet, row and column; nothing can be imported
    sheet, row = fill_in(sheet_path, rating=7)
    before = learnings(demo_path)
    importer = opened(qtbot, window, "importNotes")
    assert isinstance(importer, ImportNotesDialog)
    importer.file.setText(str(sheet_path))
    importer.read_file()
    qtbot.waitUntil(lambda: importer.report is not None, timeout=WAIT)
    problems = [[importer.preview.topLevelItem(n).text(c) for c in range(4)]  # type: ignore
                for n in range(importer.preview.topLevelItemCount())]
    assert [sheet, str(row), "Rating 1–5", "7 is not a rating from 1 to 5"] in problems
    assert "1 problem" in importer.summary.text()
    assert not importer.import_button.isEnabled()
    screenshot(importer, "notes-import-problem-en.png")
    # fixed: what it would add is shown, then imported as one undo step
    book = load_workbook(sheet_path)
    column = {c.value: c.column for c in book[sheet][1]}["Rating 1–5"]
    book[sheet].cell(row, column).value = 4
    book.save(sheet_path)
    importer.read_file()
    qtbot.waitUntil(lambda: importer.import_button.isEnabled(), timeout=WAIT)
    assert importer.summary.text().startswith("Would add 2 and change 0")
    texts = [importer.preview.topLevelItem(n).text(3)  # type: ignore[union-attr]
             for n in range(importer.preview.topLevelItemCount())]
    assert any("夜間充電" in text for text in texts)
    screenshot(importer, "notes-import-preview-en.png")
    stack = window.document.undo_stack  # type: ignore[union-attr]
    qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: importer.imported is not None, timeout=WAIT)
    assert learnings(demo_path) == before + 1
    assert stack.undoText() == "Import notes notes.xlsx"
    assert window.last_message == "Imported notes.xlsx: 2 added, 0 changed."
    window.undo_action.trigger()
    assert learnings(demo_path) == before
    window.redo_action.trigger()
    assert learnings(demo_path) == before + 1
    importer.close()


def test_follow_ups_out_and_letters(qtbot: QtBot, debrief_window: MainWindow,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = debrief_window
    # the demo's follow-ups in their panel, as a first start shows them
    panel = window.follow_ups_dock.panel
    QApplication.processEvents()  # the dock's tab bar is laid out
    with qtbot.waitSignal(panel.refreshed, timeout=WAIT):
        window.follow_ups_dock.raise_()
    assert len(panel.shown_rows()) >= 8
    assert {row[2] for row in panel.row_texts()} >= {"open", "dropped"}
    QApplication.processEvents()
    screenshot(window, "follow-ups-demo-en.png")
    dialog = opened(qtbot, window, "exportFollowUps")
    assert isinstance(dialog, ExportFollowUpsDialog)
    sheet = tmp_path / "follow-ups.xlsx"
    said = export_to(qtbot, dialog, sheet)
    assert said.startswith(f"Wrote {sheet} (") and "follow-ups" in said
    assert load_workbook(sheet).worksheets[0].max_row > 5
    # the coordinator's task list
    dialog.format.setCurrentIndex(dialog.format.findData(".ics"))
    assert dialog.owner.currentText() == "Coordinator"
    assert "Outlook for Windows" in dialog.explanation.text()
    assert dialog.destination.text().endswith(".ics")
    screenshot(dialog, "follow-ups-export-en.png")
    tasks = tmp_path / "coordinator.ics"
    export_to(qtbot, dialog, tasks)
    text = tasks.read_text(encoding="utf-8")
    assert "BEGIN:VTODO" in text and "BEGIN:VEVENT" not in text
    # asked before replacing: No leaves the file as it was
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_kw: (
        asked.append(str(args[2])), QMessageBox.StandardButton.No)[1])
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["coordinator.ics already exists. Replace it?"]
    dialog.close()
    # the letters
    letters = opened(qtbot, window, "writeThanks")
    assert isinstance(letters, WriteThanksDialog)
    qtbot.waitUntil(lambda: letters.write_button.isEnabled(), timeout=WAIT)
    assert letters.hosts.count() > 3
    assert "Thank" in letters.text.toPlainText() or "感謝" in letters.text.toPlainText() \
        or "お礼" in letters.text.toPlainText()
    screenshot(letters, "thank-you-letters-en.png")
    folder = tmp_path / "letters"
    letters.folder.setText(str(folder))
    qtbot.mouseClick(letters.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(letters.written), timeout=WAIT)
    written = sorted(p.name for p in folder.iterdir())
    assert any(name.endswith(".txt") for name in written)
    assert any(name.endswith(".eml") for name in written)
    assert letters.status.text() == f"Wrote {len(written)} files to {folder}."
    # again: asked, and Yes replaces them
    asked.clear()
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_kw: (
        asked.append(str(args[2])), QMessageBox.StandardButton.Yes)[1])
    letters.written = []
    qtbot.mouseClick(letters.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(letters.written), timeout=WAIT)
    assert asked == [f"{folder} already holds letters for these hosts. Replace them?"]
    letters.close()


def test_the_debrief_report_is_a_pdf_kind(qtbot: QtBot, debrief_window: MainWindow,
                                          tmp_path: Path) -> None:
    window = debrief_window
    dialog = window._open_dialog("export", "ExportPdfDialog")
    assert isinstance(dialog, ExportPdfDialog)
    kinds = [dialog.kind.itemData(n) for n in range(dialog.kind.count())]
    assert kinds == [kind for kind in ("agenda", "book", "host-brief", "debrief")
                     if kind in PDF_KINDS]
    if "debrief" in PDF_KINDS:
        dialog.kind.setCurrentIndex(dialog.kind.findData("debrief"))
        assert not dialog.travellers.isVisibleTo(dialog)
        assert dialog.destination.text().endswith("Debrief.pdf")
        said = export_to(qtbot, dialog, tmp_path / "debrief.pdf")
        assert said.startswith("Wrote ") and said.endswith("pages).")
    dialog.close()
