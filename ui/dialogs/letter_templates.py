"""The letters' templates (issue 20): the tour's own request, reminder and confirmation
templates in English and Japanese, edited over the built-in ones
(:mod:`planner.outreach.templates`).

The kind and language chosen, the template the letters are written from is read on a worker
(the tour's own, else the built-in one) into a subject and a body editor, beside the
placeholders a template may use and what each is filled with. Check says what the placeholder
check says; Save checks first and stores the template as one undoable step (``AddRecord`` of
kind ``template`` the first time, ``SetFields`` after); Reset to Built-in deletes the tour's
own (one undoable ``DeleteRecord``).

The window's Tour menu opens it (``MainWindow._open_dialog("letter_templates", ...)``),
importing this module when it is first opened.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import InputError
from planner.messages import translate
from planner.model import LetterKind
from planner.outreach.templates import PLACEHOLDERS, Template, check, stored, template_for
from ui import commands
from ui.dialogs.export import failure_reason
from ui.dialogs.parts import BusyWork, WorkDialog, busy_bar, outcome_label, refusal_label
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations, Progress
from ui.text import fill, tooltip

#: What a read of one template gives: it, and the key of the tour's own (None: built in).
Loaded = tuple[Template, int | None]


class LetterTemplatesDialog(WorkDialog):
    """Edit the tour's own letter template of a kind and language, check it, save it, or put
    the built-in one back."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(document, operations, parent)
        #: The template as last read, and the key of the tour's own (None: built in).
        self.loaded: Template | None = None
        self.key: int | None = None
        self.setWindowTitle(self.tr("Letter Templates"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("templateKind")
        self.kind.addItem(self.tr("Request"), LetterKind.REQUEST.value)
        self.kind.addItem(self.tr("Reminder"), LetterKind.REMINDER.value)
        self.kind.addItem(self.tr("Confirmation"), LetterKind.CONFIRMATION.value)
        self.language = QComboBox(self)
        self.language.setObjectName("templateLanguage")
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("Japanese"), "ja")
        for box in (self.kind, self.language):
            box.currentIndexChanged.connect(lambda _i: self.load())
        self.origin = QLabel(self)
        self.origin.setObjectName("templateOrigin")
        choose = QHBoxLayout()
        choose.addWidget(self.kind)
        choose.addWidget(self.language)
        choose.addWidget(self.origin, 1)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("templateSubject")
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("templateBody")
        self.body.setAccessibleName(self.tr("Body"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kind_label = QLabel(self.tr("&Letter:"), self)
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, choose)
        subject_label = QLabel(self.tr("&Subject:"), self)
        subject_label.setBuddy(self.subject)
        form.addRow(subject_label, self.subject)
        self.placeholders = QTreeWidget(self)
        self.placeholders.setObjectName("templatePlaceholders")
        self.placeholders.setRootIsDecorated(False)
        self.placeholders.setColumnCount(2)
        self.placeholders.setHeaderLabels([self.tr("Placeholder"), self.tr("Filled with")])
        self.placeholders.setAccessibleName(self.tr(
            "The placeholders: double-click one to put it into the body"))
        self.placeholders.setToolTip(self.tr("Double-click a placeholder to put it into the "
                                             "body where the cursor is."))
        self.placeholders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.placeholders.setWordWrap(True)
        language = current_language()
        for name, description in PLACEHOLDERS.items():
            described = translate(description, language)
            item = QTreeWidgetItem([f"{{{name}}}", described])
            item.setToolTip(1, tooltip(described))
            self.placeholders.addTopLevelItem(item)
        header = self.placeholders.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.placeholders.itemDoubleClicked.connect(self._insert)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.body)
        split.addWidget(self.placeholders)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 400])
        self.error = refusal_label(self)
        self.error.hide()
        self.bar = busy_bar(self, self.tr("Progress"))
        self.status = outcome_label(self, self.tr("Outcome"))
        self.buttons = QDialogButtonBox(self)
        self.check_button = QPushButton(self.tr("C&heck"), self)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.clicked.connect(self.check)
        self.reset_button = QPushButton(self.tr("&Reset to Built-in"), self)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.clicked.connect(self.reset)
        self.save_button = self.buttons.addButton(self.tr("&Save"),
                                                  QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.clicked.connect(self.save)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.status,
                             starts=[self.check_button, self.save_button, self.reset_button],
                             close=self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(980, 620)
        # an undo or redo of a template (or anything else) shows the template as it is now
        document.undo_stack.indexChanged.connect(self._undone)
        self.load()

    # --- reading ----------------------------------------------------------------------------
    def letter_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def template_language(self) -> str:
        return str(self.language.currentData())

    def load(self, said: str = "") -> None:
        """Read the template of the chosen kind and language on a worker into the editors."""
        store, kind, language = self.document.store, self.letter_kind(), \
            self.template_language()
        self._generation += 1
        generation = self._generation

        def read(_progress: Progress) -> Loaded:
            with store.session() as session:
                row = stored(session, kind, language)
                return template_for(session, kind, language), \
                    (row.id if row is not None else None)

        self.work.start(self.operations.run(
            self.tr("Reading the template"), read,
            lambda loaded: self._loaded(loaded, generation, said),
            lambda error: self._load_failed(error, generation),
            lambda: self.work.finish("")), self.tr("Reading the template…"))

    def _loaded(self, loaded: Loaded, generation: int, said: str) -> None:
        if generation != self._generation:
            return
        template, self.key = loaded
        self.loaded = template
        self.subject.setText(template.subject)
        self.body.setPlainText(template.body)
        self.origin.setText(self.tr("The tour's own template") if template.stored
                            else self.tr("Built in"))
        self.error.hide()
        self.work.finish(said)
        self.reset_button.setEnabled(self.key is not None)

    def _load_failed(self, error: BaseException, generation: int) -> None:
        if generation == self._generation:
            self.work.finish(fill(self.tr("The template could not be read: %1"),
                                  failure_reason(error)))
            self.reset_button.setEnabled(self.key is not None)

    def _undone(self, _index: int) -> None:
        if self.isVisible():
            self.load()  # a read still running is stale: its result is dropped

    def _insert(self, item: QTreeWidgetItem, _column: int) -> None:
        self.body.insertPlainText(item.text(0))
        self.body.setFocus()

    # --- checking and saving ----------------------------------------------------------------
    def edited(self) -> Template:
        return Template(self.letter_kind(), self.template_language(), self.subject.text(),
                        self.body.toPlainText())

    def check(self) -> bool:
        """Say what the placeholder check says of the edited template; True if it passes."""
        try:
            check(self.edited(), current_language())
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.status.setText("")
            return False
        self.error.hide()
        self.status.setText(self.tr("The template's placeholders are all known: letters can "
                                    "be written from it."))
        return True

    def _label(self) -> str:
        return fill(self.tr("%1 (%2)"), self.kind.currentText(), self.language.currentText())

    def save(self) -> None:
        """Store the edited template as the tour's own, once checked: one undoable step."""
        if self.work.running or not self.check():
            return
        template = self.edited()
        values = {"subject": template.subject, "body": template.body}
        text = fill(self.tr("Save letter template %1"), self._label())
        if self.key is None:
            command: commands.TourCommand = commands.AddRecord(
                self.document, "template", {"kind": template.kind.value,
                                            "language": template.language, **values}, text)
        else:
            command = commands.SetFields(self.document, "template", self.key, values, text)
        if commands.execute(command):
            self.load(fill(self.tr("Saved the %1 template: letters are written from it."),
                           self._label()))

    def reset(self) -> None:
        """Delete the tour's own template (one undoable step): the built-in one is used."""
        if self.work.running or self.key is None:
            return
        if commands.execute(commands.DeleteRecord(
                self.document, "template", self.key,
                fill(self.tr("letter template %1"), self._label()))):
            self.load(self.tr("The built-in template is used again."))

    def done(self, result: int) -> None:
        with contextlib.suppress(RuntimeError, TypeError):  # not connected any more
            self.document.undo_stack.indexChanged.disconnect(self._undone)
        super().done(result)
