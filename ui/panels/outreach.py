"""Outreach: asking each host, and where each request stands.

The panel lists the tour's host requests (the host, the meeting asked for, the contact written
to, the state, the working days waiting, the next step), what needs the coordinator first; a
request whose reminder is due says "reminder due" in bold in the warning colour. It filters by
state (and to the requests whose reminder is due) and counts them by state. Ask a host… opens a
form (:class:`AskHostDialog`: a host not yet asked, its meeting and contact); Mark Sent,
Reminder Sent, Mark Replied, Confirmed, Confirmation Sent, Declined… (with the reason,
:class:`DeclineDialog`) and No Answer move the selected requests on, each on the document's
today; Delete removes them. Each is one undoable step (:class:`ui.commands.TrackedStep` over
:mod:`planner.outreach.tracking`, ``DeleteRecord`` on kind "request").

The list is read on a worker (:class:`ui.views.reading.Reader`) while it can be seen, after
every change to requests or the records they show; a dock tab behind another catches up when it
comes forward. :func:`install_outreach` puts it into a main window as a dock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import edits
from planner.errors import EcovisitError
from planner.formatting import format_day
from planner.model import (
    AgendaItem,
    HostRequest,
    ItemKind,
    ItemStatus,
    Organisation,
    RequestState,
)
from planner.outreach import tracking
from planner.outreach.tracking import FILTERS, REMINDER_DUE, Outreach, OutreachRow
from planner.timezones import to_local
from ui import commands
from ui.commands import TrackedStep
from ui.dialogs.parts import refusal_label
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.models.outreach import ANY, OutreachFilter, OutreachModel, read_outreach, state_word
from ui.operations import Operations
from ui.panels.record_dock import RecordDock, RecordDockPanel, install_dock
from ui.text import fill
from ui.views.reading import Reader
from ui.widgets.forms import ok_cancel, stacked

#: The code of the finding a due reminder makes (:mod:`planner.feasibility.findings`).
REPLY_OVERDUE = "reply_overdue"
#: The records the table shows besides the requests: a change to one is read again.
SHOWN_KINDS = ("request", "organisation", "contact", "item", "tour")
#: The steps the buttons take: the states each follows (the planner refuses the others too).
STEPS: dict[str, tuple[RequestState, ...]] = {
    "sent": (RequestState.TO_WRITE, RequestState.NO_ANSWER),
    "reminded": (RequestState.SENT,),
    "replied": (RequestState.SENT, RequestState.NO_ANSWER),
    "confirmed": (RequestState.SENT, RequestState.REPLIED, RequestState.NO_ANSWER),
    "confirmation": (RequestState.CONFIRMED,),
    "declined": tuple(s for s in RequestState if s is not RequestState.DECLINED),
    "no_answer": (RequestState.SENT, RequestState.REPLIED),
}


def _name(english: str, japanese: str) -> str:
    return japanese if current_language() == "ja" and japanese else english


def _allowed(step: str, row: OutreachRow) -> bool:
    if row.state not in STEPS[step]:
        return False
    if step == "confirmation":
        return row.confirmation_sent_on is None and row.meeting_status is ItemStatus.CONFIRMED
    if step == "confirmed":
        return row.meeting_status is not None and row.meeting_status is not ItemStatus.CANCELLED
    return True


class HostChoices:
    """The hosts not yet asked, each with its meetings (not cancelled) and contacts, read
    once when the form opens (a few hundred rows at most)."""

    def __init__(self, document: TourDocument) -> None:
        language = current_language()
        with document.store.session() as session:
            asked = set(session.scalars(select(HostRequest.organisation_id)))
            hosts = session.scalars(select(Organisation).options(
                selectinload(Organisation.contacts)).order_by(Organisation.name,
                                                              Organisation.id))
            self.hosts: list[tuple[str, int]] = []
            self.contacts: dict[int, list[tuple[str, int]]] = {}
            for org in hosts:
                if org.id in asked:
                    continue
                self.hosts.append((_name(org.name, org.name_ja), org.id))
                self.contacts[org.id] = [
                    (f"{c.name} <{c.email}>" if c.email else c.name, c.id)
                    for c in sorted(org.contacts, key=lambda c: (not c.email, c.id))]
            self.meetings: dict[int, list[tuple[bool, str, int]]] = {}
            items = session.scalars(select(AgendaItem).where(
                AgendaItem.kind == ItemKind.MEETING,
                AgendaItem.organisation_id.is_not(None),
                AgendaItem.status != ItemStatus.CANCELLED).order_by(AgendaItem.start,
                                                                    AgendaItem.id))
            for item in items:
                assert item.organisation_id is not None
                day = format_day(to_local(item.start, item.zone).date(), language, short=True)
                self.meetings.setdefault(item.organisation_id, []).append(
                    (item.status is not ItemStatus.IDEA,  # an idea first: a request's default
                     f"{day} · {_name(item.title, item.title_ja)}", item.id))
            self.meeting_choices = {host: [(text, key) for _, text, key in sorted(
                found, key=lambda m: m[0])] for host, found in self.meetings.items()}


class AskHostDialog(QDialog):
    """A new request: the host (one not yet asked), the meeting it is for and the contact
    written to; OK starts it (to write) as one undoable step."""

    def __init__(self, document: TourDocument, host: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("askHostDialog")
        self.document = document
        #: The new request's key, once made.
        self.key: int | None = None
        self.choices = HostChoices(document)
        language = current_language()
        self.host = QComboBox(self)
        self.host.setObjectName("askHostHost")
        for text, key in self.choices.hosts:
            self.host.addItem(text, key)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("askHostMeeting")
        self.contact = QComboBox(self)
        self.contact.setObjectName("askHostContact")
        for box in (self.host, self.meeting, self.contact):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(30)
        self.host.currentIndexChanged.connect(lambda _i: self._fill())
        form = QFormLayout()
        for title, widget in ((self.tr("Host"), self.host),
                              (edits.field_title("item_id", language, "request"), self.meeting),
                              (edits.field_title("contact_id", language, "request"),
                               self.contact)):
            label = QLabel(title + ":", self)
            label.setBuddy(widget)
            widget.setAccessibleName(title)
            form.addRow(label, widget)
        self.error = refusal_label(self)
        self.error.hide()
        self.buttons = ok_cancel(self, "askHostOk")
        stacked(self, form, self.error, self.buttons)
        self.setWindowTitle(self.tr("Ask a Host"))
        if host is not None and self.host.findData(host) >= 0:
            self.host.setCurrentIndex(self.host.findData(host))
        self._fill()
        if not self.choices.hosts:
            self.error.setText(self.tr("Every host in the directory has been asked."))
            self.error.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _fill(self) -> None:
        """The chosen host's meetings and contacts."""
        host = self.host.currentData()
        meetings = self.choices.meeting_choices.get(host, [])
        for box, items, none in (
                (self.meeting, meetings, self.tr("(no meeting yet)")),
                (self.contact, self.choices.contacts.get(host, []), self.tr("(no contact)"))):
            box.clear()
            for text, key in items:
                box.addItem(text, key)
            box.addItem(none, None)
            box.setCurrentIndex(0)

    def accept(self) -> None:
        host = self.host.currentData()
        if host is None:
            return
        item, contact = self.meeting.currentData(), self.contact.currentData()
        command = TrackedStep(
            self.document, lambda s: tracking.start_request(s, host, item, contact),
            fill(self.tr("Ask %1"), self.host.currentText()))
        try:  # a refusal said here, in the form, and nothing changes
            command.do()
        except EcovisitError as exc:
            self.error.setText(message_of(exc))
            self.error.show()
            return
        commands.push_done(command)
        self.key = command.step.request_id
        super().accept()


class DeclineDialog(QDialog):
    """Why the host said no; OK marks the request declined with the reason."""

    def __init__(self, host: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declineDialog")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("declineReason")
        self.reason.setPlaceholderText(self.tr("e.g. no capacity in May"))
        label = QLabel(fill(self.tr("Why did %1 decline?"), host), self)
        label.setWordWrap(True)
        label.setBuddy(self.reason)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.buttons = ok_cancel(self, "declineOk")
        stacked(self, label, self.reason, self.buttons)
        self.setWindowTitle(self.tr("Declined"))
        self.resize(420, self.sizeHint().height())


class OutreachPanel(RecordDockPanel):
    """The tour's host requests with a state filter and counts, and the steps."""

    SHOWN_KINDS = SHOWN_KINDS
    model: OutreachModel
    proxy: OutreachFilter

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent)
        self.setObjectName("outreachPanel")
        #: The directory's chosen organisation's key, asked when Ask a host… opens.
        self.chosen_host: Callable[[], int | None] = lambda: None
        self.reader = Reader(self, self.tr("Reading the outreach"), operations)
        self.model = OutreachModel(self)
        self.proxy = OutreachFilter(self)
        self.proxy.setSourceModel(self.model)
        self.state_box = QComboBox(self)
        self.state_box.setObjectName("outreachStateFilter")
        self.state_box.currentIndexChanged.connect(lambda _i: self._filter())
        self.state_label = QLabel(self)
        self.state_label.setBuddy(self.state_box)
        self.count_label.setObjectName("outreachCounts")
        self._add_buttons("outreach_{}Button", (
            ("ask", self.ask), ("sent", lambda: self.step("sent")),
            ("reminded", lambda: self.step("reminded")),
            ("replied", lambda: self.step("replied")),
            ("confirmed", lambda: self.step("confirmed")),
            ("confirmation", lambda: self.step("confirmation")),
            ("declined", self.decline),
            ("no_answer", lambda: self.step("no_answer")),
            ("delete", self.delete)))
        self._make_table("outreachTable", OutreachModel.NEXT, (
            (OutreachModel.HOST, "Copenhagen Capacity"),
            (OutreachModel.STATE, "reminder duex"),
            (OutreachModel.WAITING, "Waitingx"),
            (OutreachModel.NEXT, "send a reminder and mark it sent"),
            (OutreachModel.MEETING, "Wed 12 May · Copenhagen Capacity"),
            (OutreachModel.CONTACT, "Dr. Elina Mäkinen")), stretch_last=True)
        filters = QHBoxLayout()
        filters.addWidget(self.state_label)
        filters.addWidget(self.state_box)
        filters.addWidget(self.count_label, 1)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._lay_out(filters, spacing=2)

    # --- the document -------------------------------------------------------------------------
    def _work(self, document: TourDocument) -> Callable[[], Outreach]:
        store, today = document.store, document.today
        return lambda: read_outreach(store, today)

    def _put(self, result: Outreach) -> None:
        self.model.set_table(result)

    def _clear(self) -> None:
        self.model.set_table(None)

    def _filled(self) -> None:
        self._filter()

    # --- filter and counts --------------------------------------------------------------------
    def _fill_states(self) -> None:
        language = current_language()
        chosen = self.state_box.currentData() if self.state_box.currentIndex() >= 0 else ANY
        self.state_box.blockSignals(True)
        self.state_box.clear()
        self.state_box.addItem(self.tr("Every state"), ANY)
        for state in FILTERS:
            self.state_box.addItem(state_word(state, language), state)
        self.state_box.setCurrentIndex(max(0, self.state_box.findData(chosen)))
        self.state_box.blockSignals(False)

    def _filter(self) -> None:
        self.proxy.set_state(self.state_box.currentData() or ANY)
        self._count()
        self._update_buttons()

    def set_filter(self, state: str = ANY) -> None:
        """Choose the state filter as a user would (a state's value, ``reminder_due``, ANY)."""
        self.state_box.setCurrentIndex(max(0, self.state_box.findData(state)))
        self._filter()

    def counts_text(self) -> str:
        """``21 · 1 to write · 2 sent (1 reminder due) · …``: the requests by state."""
        language = current_language()
        counts, total = self.model.counts, self.model.rowCount()
        shown = self.proxy.rowCount()
        parts = [str(total) if shown == total else f"{shown} / {total}"]
        for state in RequestState:
            count = counts.get(state.value, 0)
            if not count:
                continue
            part = fill(self.tr("%1 %2"), count, state_word(state.value, language))
            due = counts.get(REMINDER_DUE, 0)
            if state is RequestState.SENT and due:
                part += " " + fill(self.tr("(%1 reminder due)"), due)
            parts.append(part)
        return " · ".join(parts)

    def _count(self) -> None:
        text = self.counts_text()
        self.count_label.setText(text)
        self.count_label.setToolTip(text)

    # --- selection ----------------------------------------------------------------------------
    def select_host(self, host: str) -> None:
        """Select the request to *host* (its English name), as a user would click it."""
        self.select_keys([r.request_id for r in self.model.rows if r.host == host])

    def _enable(self, editable: bool, chosen: list[OutreachRow]) -> None:
        self.buttons["ask"].setEnabled(editable)
        self.buttons["delete"].setEnabled(editable and bool(chosen))
        for step in STEPS:
            allowed = any(_allowed(step, row) for row in chosen)
            if step == "declined":
                allowed = allowed and len(chosen) == 1
            self.buttons[step].setEnabled(editable and allowed)

    # --- editing ------------------------------------------------------------------------------
    def ask(self) -> AskHostDialog | None:
        """Open the form for a new request (the directory's chosen organisation, if any)."""
        document = self.document
        if document is None:
            return None
        return self._open(AskHostDialog(document, self.chosen_host(), parent=self.window()))

    def _texts(self, step: str) -> tuple[str, str]:
        """The undo texts of *step*: for one host (%1) and for several (%1 requests)."""
        return {
            "sent": (self.tr("Mark request to %1 sent"), self.tr("Mark %1 requests sent")),
            "reminded": (self.tr("Reminder sent to %1"), self.tr("Reminders sent to %1 hosts")),
            "replied": (self.tr("Mark %1 replied"), self.tr("Mark %1 hosts replied")),
            "confirmed": (self.tr("Mark %1 confirmed"), self.tr("Mark %1 hosts confirmed")),
            "confirmation": (self.tr("Confirmation sent to %1"),
                             self.tr("Confirmations sent to %1 hosts")),
            "declined": (self.tr("Mark %1 declined"), self.tr("Mark %1 hosts declined")),
            "no_answer": (self.tr("Mark %1 no answer"), self.tr("Mark %1 hosts no answer")),
        }[step]

    def _run(self, step: str, rows: list[OutreachRow],
             make: Callable[[OutreachRow], Callable[[Session], Any]]) -> None:
        document = self.document
        if document is None or not rows:
            return
        one, several = self._texts(step)
        with commands.one_step(document, len(rows), fill(several, len(rows))):
            for row in rows:
                commands.execute(TrackedStep(document, make(row),
                                             fill(one, _name(row.host, row.host_ja))))

    def step(self, step: str) -> None:
        """Move the selected requests on by *step* (those it follows), on the document's
        today; one undoable step."""
        document = self.document
        if document is None:
            return
        today = document.today
        functions = {"sent": tracking.mark_sent, "reminded": tracking.mark_reminded,
                     "replied": tracking.mark_replied, "confirmed": tracking.mark_confirmed,
                     "confirmation": tracking.mark_confirmation_sent}
        rows = [row for row in self.selected_rows() if _allowed(step, row)]
        if step == "no_answer":
            self._run(step, rows, lambda row: lambda s: tracking.mark_no_answer(
                s, row.request_id))
            return
        function = functions[step]
        self._run(step, rows, lambda row: lambda s: function(s, row.request_id, today, today))

    def decline(self) -> DeclineDialog | None:
        """Ask why the selected host declined, then mark it so (one undoable step)."""
        chosen = [row for row in self.selected_rows() if _allowed("declined", row)]
        if self.document is None or len(chosen) != 1:
            return None
        row = chosen[0]
        dialog = DeclineDialog(_name(row.host, row.host_ja), parent=self.window())

        def declined() -> None:
            document = self.document
            if document is None:
                return
            reason, today = dialog.reason.text().strip(), document.today
            self._run("declined", [row], lambda r: lambda s: tracking.mark_declined(
                s, r.request_id, reason, today, today))

        return self._open(dialog, declined)

    def delete(self) -> None:
        """Delete the selected requests (one undoable step)."""
        self._delete("request", self.tr("Delete %1 requests"),
                     lambda row: fill(self.tr("request to %1"), _name(row.host, row.host_ja)))

    # --- language -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Outreach")

    def retranslate(self) -> None:
        self.state_label.setText(self.tr("&State:"))
        self.table.setAccessibleName(self.title())
        self._label_buttons((
                ("ask", self.tr("Ask a Host…"), self.tr("Start a request to a host not yet "
                                                        "asked")),
                ("sent", self.tr("Mark Sent"), self.tr("The request went today: waiting for "
                                                       "the answer")),
                ("reminded", self.tr("Reminder Sent"), self.tr("A reminder went today")),
                ("replied", self.tr("Mark Replied"), self.tr("The host answered today, "
                                                             "nothing agreed yet")),
                ("confirmed", self.tr("Confirmed"), self.tr("The host agreed a time: the "
                                                            "meeting is confirmed")),
                ("confirmation", self.tr("Confirmation Sent"),
                 self.tr("The confirmation letter went today")),
                ("declined", self.tr("Declined…"), self.tr("The host said no: its meeting "
                                                          "is cancelled, with the reason")),
                ("no_answer", self.tr("No Answer"), self.tr("Stop waiting for the answer")),
                ("delete", self.tr("Delete"), self.tr("Delete the selected requests"))),
            named_by_tip=False)
        self.model.relabel()
        self._fill_states()
        self._count()


class OutreachDock(RecordDock):
    """The panel's dock, titled in the window's language."""

    panel: OutreachPanel


def install_outreach(window: Any) -> OutreachDock:
    """Put the outreach panel into *window* (a :class:`ui.mainwindow.MainWindow`) as a dock
    tabbed with the findings, listed in the View menu; it follows the tour the window opens,
    Ask a host… starts with the directory's chosen organisation, and a click on a reply
    overdue finding shows that request in it. Returns the dock (``dock.panel`` is the panel)."""
    operations: Operations = window.operations
    panel = OutreachPanel(operations, window)
    dock = OutreachDock(panel, window)

    def chosen_host() -> int | None:
        organisations = getattr(window, "organisations", None)
        record = organisations.current_record() if organisations is not None else None
        key = getattr(record, "id", None)
        return key if isinstance(key, int) else None

    panel.chosen_host = chosen_host

    def finding_chosen(finding: Any) -> None:
        """A reply overdue finding clicked: its request, in the panel."""
        if finding.code != REPLY_OVERDUE:
            return
        key = finding.data.get("request_id")
        host = finding.data.get("host")
        if key is None:
            found = [r.request_id for r in panel.model.rows if r.host == host]
            key = found[0] if found else None
        if key is None:
            dock.show()
            dock.raise_()
        else:
            dock.reveal(int(key))

    install_dock(window, dock, finding_chosen)
    return dock
