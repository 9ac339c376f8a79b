"""How the window looks to a new coordinator (issue 17): the first-start layout at 1280×800, forms
that show nothing when nothing is chosen, glyphs every font has, hour labels that never run
together, and the Japanese window's kinds, travellers and columns."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.feasibility import Severity
from planner.planning.proposal import Action, Change
from tests.ui.conftest import screenshot
from ui.dialogs.export import ExportCalendarDialog, file_name
from ui.dialogs.planning import PlanningDialog
from ui.mainwindow import MainWindow
from ui.panels.records import RecordBrowser
from ui.views.timeline import TimelineCanvas

#: Findings rows the first-start layout shows whole (the demo has seven findings).
FINDINGS_ROWS = 5


def _inside(widget: QWidget, area: QWidget) -> bool:
    """Whether *widget* is wholly inside *area*'s visible rectangle."""
    top_left = widget.mapTo(area, widget.rect().topLeft())
    return area.rect().contains(QRect(top_left, widget.size()))


def _whole_rows(view: Any) -> int:
    viewport = view.viewport().rect()
    return sum(1 for row in range(view.model().rowCount())
               if viewport.contains(view.visualRect(view.model().index(row, 0))))


@pytest.fixture
def speak(window: MainWindow) -> Any:
    """Switch the window's language, as View > Language does."""
    def switch(language: str) -> None:
        window.set_language(language)
        QApplication.processEvents()
        window.retranslate()
        QApplication.processEvents()

    return switch


def shown(browser: RecordBrowser, field: str) -> list[str]:
    proxy, section = browser.proxy, browser.model.column_of(field)
    return [proxy.index(row, section).data() for row in range(proxy.rowCount())]


@pytest.fixture
def first_start(window: MainWindow) -> Iterator[MainWindow]:
    """The demo in a window laid out as on a first start (no saved layout) at 1280×800."""
    window.resize(1280, 800)
    QApplication.processEvents()
    yield window


# --- 5. the first-start layout ------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ja"])
def test_at_1280x800_the_agenda_the_directory_form_and_the_findings_are_usable(
        qtbot: QtBot, first_start: MainWindow, speak: Any, language: str) -> None:
    window = first_start
    speak(language)
    assert window.size().width() == 1280 and window.size().height() == 800
    browser = window.organisations
    browser.select_key(browser.model._rows[0].id)
    qtbot.waitUntil(browser.form.isEnabled)
    QApplication.processEvents()
    form = browser.form
    viewport = form.viewport()
    assert viewport is not None
    hidden = [name for name, editor in form.editors.items()
              if form.layout_.isRowVisible(editor) and not _inside(editor, viewport)]
    assert hidden == [], f"form fields out of sight: {hidden}"
    # the findings show several whole rows
    assert _whole_rows(window.findings_view) >= FINDINGS_ROWS
    # the agenda shows every column without scrolling sideways
    agenda = window.agenda_view
    header = agenda.header()
    columns = [n for n in range(header.count()) if not header.isSectionHidden(n)]
    assert sum(header.sectionSize(n) for n in columns) <= agenda.viewport().width()
    assert all(header.sectionSize(n) >= 60 for n in columns)
    screenshot(window, f"look-first-start-{language}.png")


def _shown_text(widget: QWidget) -> str:
    if isinstance(widget, (QLineEdit, QLabel)):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QCheckBox):
        return "checked" if widget.isChecked() else ""
    return ""


def _stale(browser: RecordBrowser) -> dict[str, str]:
    """The form's values still showing (labels of rows excepted)."""
    form = browser.form
    labels = {label for label, _column in form.labels}
    found: dict[str, str] = {}
    body = form.widget()
    assert body is not None
    for widget in body.findChildren(QWidget):
        if widget in labels or not widget.isVisibleTo(form):
            continue
        if isinstance(widget, QLabel) and (widget.buddy() is not None
                                           or widget.objectName() == ""):
            continue  # a field's label, or a section's own caption or hint
        text = _shown_text(widget)
        if text:
            found[widget.objectName() or type(widget).__name__] = text
    return found


def test_a_form_with_nothing_chosen_shows_nothing_of_the_last_record(
        qtbot: QtBot, first_start: MainWindow) -> None:
    window = first_start
    for browser, tab in ((window.organisations, window.directory_tabs),
                         (window.places, window.directory_tabs),
                         (window.contacts, window.directory_tabs)):
        tab.setCurrentWidget(browser)
        browser.select_key(browser.model._rows[0].id)
        qtbot.waitUntil(browser.form.isEnabled)
        assert _stale(browser)  # a record shows
        browser.table.setCurrentIndex(QModelIndex())  # nothing chosen
        assert not browser.form.isEnabled()
        assert _stale(browser) == {}, browser.model.kind
        # a filter that hides the chosen record leaves nothing either
        browser.select_key(browser.model._rows[0].id)
        browser.filter_box.setText("no record is called this")
        assert not browser.form.isEnabled()
        assert _stale(browser) == {}, browser.model.kind
        browser.filter_box.clear()
    window.directory_tabs.setCurrentWidget(window.places)
    screenshot(window.directory_dock, "look-cleared-form-en.png")


# --- 7. glyphs every font has, hour labels apart ------------------------------------------------
MONDAY = date(2027, 5, 17)  # Garching and Munich: meetings with travel legs between them
#: Symbols a fresh machine's fonts may lack (each shows as an empty box).
LACKED = {ord(ch) for ch in "⚠′✈🔒"}


def _written(canvas: TimelineCanvas, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, str]]:
    """What a paint of *canvas* writes: (where, text) for each drawText."""
    written: list[tuple[Any, str]] = []
    draw_text = QPainter.drawText

    def spy(painter: QPainter, *args: Any) -> Any:
        written.append((args[0], str(args[-1])))
        return draw_text(painter, *args)

    with monkeypatch.context() as patched:
        patched.setattr(QPainter, "drawText", spy)
        canvas.grab()
    return written


def _monday(qtbot: QtBot, window: MainWindow) -> TimelineCanvas:
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(MONDAY)
    canvas = window.timeline.canvas
    qtbot.waitUntil(canvas.isVisible)
    return canvas


def test_the_timeline_writes_no_glyph_its_font_lacks(
        qtbot: QtBot, first_start: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    canvas = _monday(qtbot, first_start)
    blocks = list(canvas.blocks())
    assert blocks
    erring = blocks[0][0]
    canvas.marks = {**canvas.marks, erring.uid: Severity.ERROR}
    real = QFontMetricsF.inFontUcs4
    monkeypatch.setattr(QFontMetricsF, "inFontUcs4",
                        lambda metrics, code: code not in LACKED and real(metrics, code))
    written = _written(canvas, monkeypatch)
    lacked = {ch for _where, text in written for ch in text if ord(ch) in LACKED}
    assert lacked == set()
    assert any(text.endswith("'") and text[0].isalpha() for _w, text in written)  # taxi 12'
    # the error's warning triangle is drawn at the start of its block
    badge = canvas.badges[erring.uid]
    assert any(rect.contains(badge) for item, _row, rect in canvas.blocks()
               if item.uid == erring.uid) and badge.height() >= 6
    screenshot(canvas, "look-timeline-badge-en.png")


def test_the_hour_labels_never_run_together(
        qtbot: QtBot, first_start: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    canvas = _monday(qtbot, first_start)
    metrics = QFontMetricsF(canvas.font())
    widths = []
    for asked in (260, 330, 420, 560, 700, 900, 1300):
        canvas.setFixedWidth(asked)  # the scroll area gives it no other width
        QApplication.processEvents()
        width = canvas.width()
        widths.append(width)
        labels = sorted(
            (where.center().x() - metrics.horizontalAdvance(text) / 2,
             where.center().x() + metrics.horizontalAdvance(text) / 2, text)
            for where, text in _written(canvas, monkeypatch)
            if isinstance(where, QRectF) and re.fullmatch(r"\d\d:\d\d", text)
            and where.top() < 2)
        assert len(labels) >= 2, width
        for (_l, right, first), (left, _r, second) in itertools.pairwise(labels):
            assert left >= right + 2, f"{first} and {second} run together at {width} px"
        assert labels[-1][1] <= width
    assert min(widths) <= 330  # narrow enough for hours to crowd
    canvas.setMinimumWidth(0)
    canvas.setMaximumWidth(16_777_215)


# --- 8. the Japanese window ---------------------------------------------------------------------
def test_a_japanese_window_names_kinds_and_travellers_in_japanese(
        qtbot: QtBot, first_start: MainWindow, speak: Any) -> None:
    window = first_start
    browser = window.organisations
    speak("ja")
    kinds = dict(zip(shown(browser, "name"), shown(browser, "kind"), strict=True))
    assert kinds["Fraunhofer-Gesellschaft"] == "研究機関"
    assert kinds["EUREF-Campus"] == "イノベーション拠点"
    assert not {"research", "hub", "Research institute", "Hub"} & set(kinds.values())
    # the calendar export: travellers by their Japanese names, the file named in Japanese
    dialog = ExportCalendarDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    dialog.show()
    tour = window.document.tour  # type: ignore[union-attr]
    names = [dialog.travellers.itemText(n) for n in range(dialog.travellers.count())]
    assert "高橋 健二" in names and "Kenji Takahashi" not in names
    assert Path(dialog.destination.text()).name == file_name(tour.title_ja) + ".ics"
    dialog.travellers.setCurrentIndex(names.index("高橋 健二"))
    assert Path(dialog.destination.text()).name == \
        file_name(tour.title_ja, "高橋 健二") + ".ics"
    screenshot(dialog, "look-calendar-dialog-ja.png")
    dialog.close()
    speak("en")
    dialog = ExportCalendarDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Kenji Takahashi" in [dialog.travellers.itemText(n)
                                 for n in range(dialog.travellers.count())]
    assert Path(dialog.destination.text()).name == file_name(tour.title) + ".ics"
    screenshot(dialog, "look-calendar-dialog-en.png")
    dialog.close()


CHANGES = [Change(Action.ADDED, 1, "Berlin Partner für Wirtschaft und Technologie",
                  datetime(2027, 5, 12, 13, 20, tzinfo=UTC), datetime(2027, 5, 12, 14, 35,
                                                                      tzinfo=UTC),
                  "Europe/Berlin", ("How public agencies fund deep tech",), (1,)),
           Change(Action.MOVED, 2, "Fraunhofer FOKUS", datetime(2027, 5, 13, 7, 0, tzinfo=UTC),
                  datetime(2027, 5, 13, 8, 15, tzinfo=UTC), "Europe/Berlin",
                  ("Software-defined vehicles and automotive AI", "Digital twins"), (2, 3)),
           Change(Action.DROPPED, 3, "Wolt", None, None, "Europe/Helsinki", (), ())]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_planning_dialogs_columns_hold_what_they_show(
        qtbot: QtBot, first_start: MainWindow, speak: Any, language: str) -> None:
    speak(language)
    dialog = PlanningDialog(first_start.document, first_start.operations,  # type: ignore
                            parent=first_start)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view, model = dialog.changes_view, dialog.changes_model
    metrics = view.fontMetrics()
    header = view.horizontalHeader()

    def fits() -> list[str]:
        squashed = []
        for column in range(model.columnCount() - 1):
            texts = [str(model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(model.data(model.index(row, column)) or "")
                      for row in range(model.rowCount())]
            squashed += [text for text in texts
                         if metrics.horizontalAdvance(text) + 8 > header.sectionSize(column)]
        return squashed

    assert fits() == []  # before a search: room for a typical row
    model.set_changes(CHANGES)
    dialog.size_columns()
    assert fits() == []
    last = model.columnCount() - 1
    assert header.sectionSize(last) >= 150  # the goals served keep room
    assert "5月12日(水)" in str(model.data(model.index(0, 2))) if language == "ja" else True
    screenshot(dialog, f"look-planning-columns-{language}.png")
    dialog.close()


def test_a_first_window_framed_by_a_window_manager_fits_the_screen(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1280×800 a window manager's title bar pushed the status bar (the revision, what an
    import added) off the bottom of the screen: a first start's window shrinks to the free
    area once it is framed; without a frame (offscreen) it is left as it is."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window._fit_on_first_show  # nothing remembered: the first start's size
    inner = window.geometry()
    window._fit_into_screen()
    assert window.geometry() == inner  # the offscreen platform's stand-in screen: left alone
    monkeypatch.setattr("ui.mainwindow.shown_on_a_real_screen", lambda: True)

    class Screen:  # a screen as tall as the window, whose title bar then does not fit
        def availableGeometry(self) -> QRect:
            return QRect(0, 0, inner.width() + 200, inner.height())

    monkeypatch.setattr(window, "screen", lambda: Screen())
    monkeypatch.setattr(window, "frameGeometry", lambda: QRect(
        inner.x() - 1, inner.y() - 25, inner.width() + 2, inner.height() + 26))
    window._fit_into_screen()
    assert (window.width(), window.height()) == (inner.width(), inner.height() - 26)
    assert (window.x(), window.y()) == (0, 0)
