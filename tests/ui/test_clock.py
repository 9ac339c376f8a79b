"""Date and time boxes take typed digits after a click on a section."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit
from pytestqt.qtbot import QtBot

from ui.widgets.clock import typeable


def test_a_click_on_the_hour_then_typing_sets_the_hour(qtbot: QtBot) -> None:
    edit = QDateTimeEdit()
    qtbot.addWidget(edit)
    edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
    edit.setDateTime(QDateTime(QDate(2027, 5, 10), QTime(8, 30)))
    edit.resize(260, 30)
    edit.show()
    qtbot.waitExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)  # focus given later would select the first section again
    typeable(edit)
    line = edit.lineEdit()
    line.setCursorPosition(len("Mon 10 May 2027  0"))  # inside the hour
    where = line.cursorRect().center()
    line.setCursorPosition(0)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: line.selectedText() == "08")
    qtbot.keyClicks(edit, "10")
    assert edit.dateTime().time() == QTime(10, 30)
