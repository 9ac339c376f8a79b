"""The editor of one agenda item (double-click in the timeline): what, when, how it stands with
the host, the language and the notes. OK applies every changed field as one undoable step."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.edits import parse_value
from planner.errors import InputError
from planner.model import ItemStatus
from planner.timezones import to_local
from ui import commands
from ui.document import TourDocument
from ui.i18n import message_of
from ui.models.agenda import AgendaModel


class ItemDialog(QDialog):
    """Edits the agenda item *uid* of *document*."""

    def __init__(self, document: TourDocument, uid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.uid = uid
        key = document.item_key(uid)
        assert key is not None, f"no agenda item {uid}"
        self.item = item = document.load("item", [key])[key]
        self.setWindowTitle(self.tr("Edit %1").replace("%1", item.title))
        self.title = QLineEdit(item.title, self)
        self.title_ja = QLineEdit(item.title_ja, self)
        local_start = to_local(item.start, item.zone)
        local_end = to_local(item.end, item.end_zone or item.zone)
        self.start = QTimeEdit(QTime(local_start.hour, local_start.minute), self)
        self.end = QTimeEdit(QTime(local_end.hour, local_end.minute), self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
            edit.setEnabled(not item.locked)
        self.status = QComboBox(self)
        for status in ItemStatus:
            self.status.addItem(QCoreApplication.translate(
                "AgendaModel", str(AgendaModel.STATUSES[status.value])), status.value)
        self.status.setCurrentIndex(self.status.findData(item.status.value))
        self.locked = QCheckBox(self.tr("Fixed: planning never moves it"), self)
        self.locked.setChecked(item.locked)
        self.language = QLineEdit(item.language, self)
        self.language.setPlaceholderText(self.tr("e.g. en, de, Japanese"))
        self.interpreter = QCheckBox(self.tr("Interpreter booked"), self)
        self.interpreter.setChecked(item.interpreter_booked)
        self.questions = QPlainTextEdit("\n".join(item.questions), self)
        self.notes = QPlainTextEdit(item.notes, self)
        self.protocol = QPlainTextEdit(item.protocol_notes, self)
        for text in (self.questions, self.notes, self.protocol):
            text.setTabChangesFocus(True)
        where = QLabel(self)
        where.setTextFormat(Qt.TextFormat.PlainText)  # user text is data
        host = item.organisation.name if item.organisation else ""
        place = item.place.name if item.place else ""
        where.setText(" · ".join(p for p in (host, place, local_start.tzname() or "") if p))
        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Title:"), self.title), (self.tr("&Japanese title:"), self.title_ja),
            (self.tr("Where:"), where), (self.tr("&Starts:"), self.start),
            (self.tr("&Ends:"), self.end), (self.tr("St&atus:"), self.status),
            ("", self.locked), (self.tr("&Language:"), self.language), ("", self.interpreter),
            (self.tr("&Questions (one per line):"), self.questions),
            (self.tr("&Notes:"), self.notes), (self.tr("&Protocol notes:"), self.protocol)]
        for label, field in rows:
            form.addRow(label, field)
            if label:
                field.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def changes(self) -> list[tuple[str, Any]]:
        """(field, new value) for every field the user changed."""
        item = self.item
        wanted: list[tuple[str, Any]] = [
            ("title", self.title.text()), ("title_ja", self.title_ja.text()),
            ("status", self.status.currentData()), ("locked", self.locked.isChecked()),
            ("language", self.language.text().strip()),
            ("interpreter_booked", self.interpreter.isChecked()),
            ("questions", [q.strip() for q in self.questions.toPlainText().splitlines()
                           if q.strip()]),
            ("notes", self.notes.toPlainText()), ("protocol_notes", self.protocol.toPlainText())]
        current = {"status": item.status.value}
        return [(name, value) for name, value in wanted
                if current.get(name, getattr(item, name)) != value]

    def new_times(self) -> tuple[datetime, datetime] | None:
        """The new start and end, or None if the times did not change. A new start alone
        keeps the item's length, as dragging it does; a new end before the start means the
        next day."""
        item = self.item
        start_local = to_local(item.start, item.zone)
        end_local = to_local(item.end, item.end_zone or item.zone)
        start_time, end_time = self.start.time(), self.end.time()
        start = start_local.replace(hour=start_time.hour(), minute=start_time.minute())
        end = end_local.replace(hour=end_time.hour(), minute=end_time.minute())
        if (start, end) == (start_local, end_local):
            return None
        if end == end_local:  # only the start moved
            return start, start + (item.end - item.start)
        if end <= start and end_local.date() == start_local.date():
            end += timedelta(days=1)  # past midnight
        return start, end

    def accept(self) -> None:
        """Apply the changes as one undoable step; stay open, changing nothing, if one is
        refused."""
        document, item = self.document, self.item
        edits = self.changes()
        times = self.new_times()
        if not edits and times is None:
            super().accept()
            return
        try:  # every value checked before anything changes: all or nothing
            for name, value in edits:
                parse_value("item", name, value)
        except InputError as exc:
            self.error.setText(message_of(exc))
            return
        stack = document.undo_stack
        stack.beginMacro(self.tr("Edit %1").replace("%1", item.title))
        try:
            if times is not None:
                commands.execute(commands.MoveItem(document, item.uid, *times, item.title))
            for name, value in edits:
                commands.execute(commands.SetField(document, "item", item.id, name, value,
                                                   item.title))
        finally:
            stack.endMacro()
        super().accept()
