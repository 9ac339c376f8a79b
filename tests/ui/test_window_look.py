"""How the window looks to a new coordinator (issue 17): the first-start layout at 1280×800, forms
that show nothing when nothing is chosen, glyphs every font has, hour labels that never run
together, and the Japanese window's kinds, travellers and columns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QRect
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

from tests.ui.conftest import screenshot
from ui.mainwindow import MainWindow
from ui.panels.records import RecordBrowser

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
def first_start(window: MainWindow) -> Iterator[MainWindow]:
    """The demo in a window laid out as on a first start (no saved layout) at 1280×800."""
    window.resize(1280, 800)
    QApplication.processEvents()
    yield window


# --- 5. the first-start layout ------------------------------------------------------------------
def test_at_1280x800_the_agenda_the_directory_form_and_the_findings_are_usable(
        qtbot: QtBot, first_start: MainWindow) -> None:
    window = first_start
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
    shown = [n for n in range(header.count()) if not header.isSectionHidden(n)]
    assert sum(header.sectionSize(n) for n in shown) <= agenda.viewport().width()
    assert all(header.sectionSize(n) >= 60 for n in shown)
    screenshot(window, "look-first-start-en.png")


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
