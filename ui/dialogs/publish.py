"""Publish the tour (or one traveller's part) to a CalDAV calendar, as ``ecovisit publish`` does.

Publishing runs as a background operation: the calendar ends up holding exactly the tour's (or the
traveller's) items (created, updated in place; cancelled, deleted and left-out ones removed, the
user's own events kept; idea items only when asked for), the tour is only read, and a network error
changes nothing and is shown as it is. The password is typed here or, left empty, taken from the
system keyring where the command line looks too; it goes to the server and, when asked, to the
keyring, nowhere else: not the tour, not the settings, not a message. The keyring is used on the
worker, since it may wait for the user to unlock it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.calendar.caldav_publish import PublishReport, publish
from planner.calendar.ics import IcsOptions
from planner.calendar.passwords import store_password, stored_password
from planner.errors import InputError, WorkFailed
from planner.model import Traveller
from ui import settings
from ui.dialogs.export import traveller_box
from ui.dialogs.parts import BusyWork, busy_bar, outcome_label
from ui.document import TourDocument
from ui.operations import Operations, Progress
from ui.text import fill


@dataclass(frozen=True)
class Published:
    """What a publish did, and whether the password could be remembered."""

    report: PublishReport
    keyring_problem: str = ""


class PublishDialog(QDialog):
    """Publish to a CalDAV calendar collection: where, as whom, whose items."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        #: The last successful publish's report.
        self.report: PublishReport | None = None
        self.setWindowTitle(self.tr("Publish to a Calendar Server"))
        explanation = QLabel(self.tr(
            "The calendar will hold exactly the tour's items: new ones are created, changed "
            "ones updated, and cancelled, deleted or left-out ones removed; events you made "
            "yourself stay. The tour itself is not changed."), self)
        explanation.setWordWrap(True)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://calendar.example.com/dav/coordinator/tour/")
        self.user = QLineEdit(self)
        self.user.setPlaceholderText(self.tr("Empty: the server asks for no sign-in"))
        self.url.setText(settings.get(settings.CALDAV_URL))  # where the last publish went
        self.user.setText(settings.get(settings.CALDAV_USER))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Empty: the one in the system keyring"))
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"), self)
        self.travellers = traveller_box(document, self)
        self.alarm = QSpinBox(self)
        self.alarm.setRange(0, 7 * 24 * 60)
        self.alarm.setSingleStep(5)
        self.alarm.setValue(15)
        self.alarm.setSuffix(self.tr(" min before"))
        self.alarm.setSpecialValueText(self.tr("No reminder"))
        self.phones = QCheckBox(self.tr("Include the hosts' phone numbers"), self)
        # Ideas are the coordinator's, not yet the executives': out unless asked for.
        self.ideas = QCheckBox(self.tr("Include the idea items"), self)
        self.ideas.setToolTip(self.tr(
            "Items still at the idea stage are left out of calendars unless this is checked "
            "(and removed from the calendar if they were published before); requested items are "
            "always in, as tentative."))
        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            (self.tr("Calendar &URL:"), self.url), (self.tr("User &name:"), self.user),
            (self.tr("&Password:"), self.password), ("", self.remember),
            (self.tr("&Traveller:"), self.travellers), (self.tr("&Reminder:"), self.alarm),
            ("", self.phones), ("", self.ideas)]
        for label, field in rows:
            form.addRow(label, field)
            if label:
                field.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.remember.setAccessibleName(self.remember.text())
        self.phones.setAccessibleName(self.phones.text())
        self.ideas.setAccessibleName(self.ideas.text())
        self.bar = busy_bar(self, self.tr("Publishing progress"))  # shown while the work runs
        self.status = outcome_label(self, self.tr("Outcome of publishing"))
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Events created, updated and removed"))
        self.details.setMinimumHeight(90)
        self.details.hide()  # shown with what a publish did
        self.buttons = QDialogButtonBox(self)
        self.publish_button = self.buttons.addButton(self.tr("&Publish"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.publish_button.setDefault(True)
        self.buttons.accepted.connect(self.publish)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.status, starts=[self.publish_button],
                             close=self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        chain = [self.url, self.user, self.password, self.remember, self.travellers, self.alarm,
                 self.phones, self.ideas, self.details, self.publish_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.resize(600, self.sizeHint().height())

    @property
    def running(self) -> bool:
        return self.work.running

    def publish(self) -> None:
        """Publish as a background operation; its outcome shows in the dialog."""
        if self.running:
            return
        url, user = self.url.text().strip(), self.user.text().strip()
        if not url.lower().startswith(("http://", "https://")):
            self.status.setText(self.tr("The calendar URL starts with https:// (or http://)."))
            self.url.setFocus()
            return
        typed = self.password.text()
        remember = self.remember.isChecked() and bool(user) and bool(typed)
        traveller_id = self.travellers.currentData()
        options = IcsOptions(self.alarm.value(), self.phones.isChecked(), self.ideas.isChecked())
        store = self.document.store
        publishing = fill(self.tr("Publishing to %1…"), url)
        no_password = fill(self.tr(
            "No password for %1 at %2 in the system keyring: type it in the Password field."),
            user, url)
        outcome: list[Published] = []  # kept even if a cancel lands after the work is done

        def work(progress: Progress) -> Published:
            password: str | None = typed or None
            if user and password is None:
                password = stored_password(url, user)
                if password is None:
                    raise InputError(no_password)
            progress.check()
            with store.session() as session:  # only read: the tour is never changed here
                traveller = None if traveller_id is None else session.get(Traveller,
                                                                          traveller_id)
                report = publish(session, url, traveller, user or None,
                                 password if user else None, options)
            problem = ""
            if remember and password is not None:
                try:
                    store_password(url, user, password)
                except WorkFailed as exc:
                    problem = str(exc)
            outcome.append(Published(report, problem))
            return outcome[0]

        self.report = None
        self.details.clear()
        self.work.start(self.operations.run(
            self.tr("Publishing the calendar"), work,
            lambda published: self._published(url, published), self._failed,
            lambda: self._cancelled(url, outcome)), publishing)

    def _published(self, url: str, published: Published) -> None:
        settings.put(settings.CALDAV_URL, url)
        settings.put(settings.CALDAV_USER, self.user.text().strip())
        report = self.report = published.report
        text = fill(self.tr("Published to %1:\n%2 created, %3 updated, %4 removed, %5 unchanged."),
                    url, len(report.created), len(report.updated), len(report.removed),
                    len(report.unchanged))
        if published.keyring_problem:
            text += "\n" + fill(self.tr("But %1."), published.keyring_problem)
        self.work.finish(text, succeeded=True)
        lines = []
        for label, titles in ((self.tr("created"), report.created),
                              (self.tr("updated"), report.updated),
                              (self.tr("removed"), report.removed),
                              (self.tr("not published (an idea)"), report.ideas_left_out),
                              (self.tr("left alone (another tour's)"), report.other_tours)):
            lines += [f"{label}: {title}" for title in titles]
        self.details.setPlainText("\n".join(lines))
        if lines and self.details.isHidden():
            self.details.show()
            self.resize(self.width(), max(self.height(), 560))

    def _failed(self, error: BaseException) -> None:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        self.work.finish(fill(self.tr("Publishing failed: %1"), message))

    def _cancelled(self, url: str, outcome: list[Published]) -> None:
        if outcome:  # the cancel came too late: say what was done
            self._published(url, outcome[0])
            return
        self.work.finish(self.tr("Cancelled before anything was published."))

    def reject(self) -> None:
        """Close; while publishing, cancel instead. Once the server is being written to,
        publishing runs to its end (a rerun would resume anyway) and says what it did."""
        if not self.work.cancel():
            super().reject()

    def done(self, result: int) -> None:
        """Closing forgets a typed password."""
        self.password.clear()
        super().done(result)
