"""Where the export dialogs suggest writing (a folder that exists, none created), and a file
already there replaced only when the user says so, every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.dialogs import export
from ui.dialogs.export import ExportCalendarDialog, ExportPdfDialog
from ui.mainwindow import MainWindow

WAIT = 120_000


def suggested_folder(qtbot: QtBot, window: MainWindow, dialog_class: type) -> Path:
    dialog = dialog_class(window.document, window.operations, window)
    qtbot.addWidget(dialog)
    return Path(dialog.destination.text()).parent


@pytest.mark.parametrize("dialog_class", [ExportCalendarDialog, ExportPdfDialog])
def test_a_fresh_account_without_documents_exports_beside_the_tour(
        qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, dialog_class: type) -> None:
    documents = tmp_path / "fresh home" / "Documents"
    monkeypatch.setattr(export, "documents_folder", lambda: documents)
    assert suggested_folder(qtbot, window, dialog_class) == demo_path.parent
    assert not documents.exists()  # nothing made behind the user's back
    documents.mkdir(parents=True)
    assert suggested_folder(qtbot, window, dialog_class) == documents
    monkeypatch.setattr(export, "documents_folder", lambda: None)  # the platform knows none
    assert suggested_folder(qtbot, window, dialog_class) == demo_path.parent


def test_a_tour_in_a_database_exports_to_the_home_folder_without_documents(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(export, "documents_folder", lambda: tmp_path / "Documents")
    assert export.default_folder(None) == Path.home()
    assert export.default_folder(tmp_path / "tour.ecovisit") == tmp_path


def test_exporting_again_to_an_existing_file_asks_each_time(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The English book, then the Japanese one to the same name: the second export asks; No
    keeps the English book and writes nothing, Yes replaces it."""
    dialog = ExportPdfDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("agenda"))
    target = tmp_path / "agenda.pdf"
    dialog.destination.setText(str(target))
    dialog._destination_typed(str(target))  # typed: the name stays when the options change
    asked: list[Path] = []
    answer = [False]

    def question(path: Path) -> bool:
        asked.append(path)
        return answer[0]

    monkeypatch.setattr(dialog, "confirm_replace", question)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    assert asked == [] and target.exists()
    english = target.read_bytes()
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    assert dialog.destination.text() == str(target)
    dialog.export()  # answered No
    assert asked == [target] and not dialog.running
    assert target.read_bytes() == english
    answer[0] = True
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    assert asked == [target, target]
    assert target.read_bytes() != english
    assert dialog.status.text().startswith(f"Wrote {target} (")


def test_the_file_dialogs_answer_counts_for_one_export(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's file dialog asked before replacing: that export does not ask again; the
    next one to the same file does."""
    dialog = ExportCalendarDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    target = tmp_path / "tour.ics"
    target.write_text("an older calendar")
    monkeypatch.setattr(export.QFileDialog, "getSaveFileName",
                        lambda *_args: (str(target), ""))
    dialog.browse()
    asked: list[Path] = []
    monkeypatch.setattr(dialog, "confirm_replace", lambda path: asked.append(path) or False)
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    assert asked == [] and target.read_text() != "an older calendar"
    written = target.read_bytes()
    dialog.export()
    assert asked == [target] and target.read_bytes() == written and not dialog.running
