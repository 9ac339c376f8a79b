"""The import dialog says what would not be imported, where, and why, and the window says what
was imported (issue 17, defect 3)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.feasibility import Severity
from tests.ui.conftest import screenshot
from ui.dialogs.import_contacts import REPORT_LINES, ImportContactsDialog
from ui.mainwindow import MainWindow
from ui.severity import SEVERITY_COLOURS

CSV = """Firma;Stadt;Land;Ansprechpartner;E-Mail
Neue Mobilität GmbH;München;DE;Jana Novak;jana@neue.example
Nordlicht Robotics;Hamburg;DE;Ole Hansen;ole(at)nordlicht
Nordic Ventures;Copenhagn;;Mette Holm;mette@nordic.example
Celonis;München;DE;Anna Becker;anna@celonis.example
"""


#: A file as a CRM exports it: many columns (each gets a row in the dialog's column mapping).
WIDE = ";".join(["Typ", "Themen", "Webseite", "Telefon", "Adresse", "PLZ", "Position",
                 "Notizen", "Beschreibung", "Sprachen", "Mobil", "Vorname", "Nachname",
                 "Breitengrad", "Längengrad"])


def checked(qtbot: QtBot, window: MainWindow, tmp_path: Path,
            wide: bool = False) -> ImportContactsDialog:
    source = tmp_path / "kontakte.csv"
    lines = CSV.splitlines()
    if wide:
        lines = [lines[0] + ";" + WIDE] + [line + ";" * 15 for line in lines[1:]]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = ImportContactsDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.file.setText(str(source))
    dialog.read_file()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=60_000)
    return dialog


def test_the_preview_marks_rejected_rows_and_left_out_values_with_the_reason(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = checked(qtbot, window, tmp_path)
    model = dialog.preview
    email = dialog.table.columns.index("E-Mail")  # type: ignore[union-attr]

    def colour(row: int, column: int) -> str | None:
        found = model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole)
        return None if found is None else found.name()

    def tip(row: int, column: int) -> str:
        return str(model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) or "")

    error, warning = SEVERITY_COLOURS[Severity.ERROR], SEVERITY_COLOURS[Severity.WARNING]
    # row 4 of the file (Copenhagn) would not be imported: every cell says so, and why
    assert [colour(2, c) for c in range(model.columnCount())] == [error] * 5
    assert "Would not be imported" in tip(2, 0) and "did you mean Copenhagen?" in tip(2, 0)
    header_tip = model.headerData(2, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "did you mean Copenhagen?" in header_tip
    # row 3 is imported without its contact's e-mail: that cell alone is marked
    assert colour(1, email) == warning and colour(1, 0) is None
    assert "not an e-mail address" in tip(1, email) and "ole(at)nordlicht" in tip(1, email)
    # the good rows are left alone
    assert {colour(r, c) for r in (0, 3) for c in range(model.columnCount())} == {None}
    assert "Neue Mobilität GmbH" in tip(0, 0) and "imported" not in tip(0, 0)


def test_the_report_is_readable_and_says_what_would_not_be_imported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = checked(qtbot, window, tmp_path, wide=True)
    assert len(dialog.field_boxes) == 20
    lines = dialog.details.viewport().height() / dialog.details.fontMetrics().lineSpacing()
    assert lines >= REPORT_LINES >= 10
    screenshot(dialog, "import-dialog-wide-file.png")
    summary, details = dialog.summary.text(), dialog.details.toPlainText()
    assert "rows that would not be imported: 1." in summary
    assert "Values that would be left out: 1 (marked in the preview)." in summary
    assert "Rejected rows (would not be imported):" in details
    assert "row 4, column 'Stadt': unknown city 'Copenhagn'" in details
    assert "row 3, column 'E-Mail': 'ole(at)nordlicht' is not an e-mail address" in details


def test_after_import_the_window_says_what_was_added_and_merged(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = checked(qtbot, window, tmp_path)
    with qtbot.waitSignal(window.operations.idle, timeout=60_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    said = window.statusBar().currentMessage()
    assert said.startswith("Imported kontakte.csv: 2 new, 1 merged into existing organisations")
    assert "1 rejected" in said and "Values left out: 1." in said
