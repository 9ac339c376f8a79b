"""Where the asking of each host stands, and the coordinator's steps that move it on.

**The outreach table** (:func:`outreach`): a frozen :class:`OutreachRow` per host request — the
host, the meeting it is for, the contact written to, the state, the working days it has waited
for an answer (Monday to Friday since the request went), whether a reminder is due (the tour's
``reminder_days`` working days since the last letter, request or reminder, with no answer:
:meth:`planner.model.HostRequest.reminder_due_on`, the rule the ``reply_overdue`` finding uses
too) and the next step — with the counts per state. Read on a *today* (by default today in the
tour's home zone, where the coordinator works), so tests and scripts fix it.

**The steps** are edits through :mod:`planner.edits` in the caller's transaction, each
returning a :class:`Step`: what it changed (:class:`~planner.edits.Changes`) and the values that
undo it (:func:`undo`); recorded with :func:`planner.changes.record` each is one undoable step
too. :func:`start_request` (to write: the host's idea meeting and its first contact with an
e-mail, unless given), :func:`mark_sent` (sent on a day; the meeting, an idea, becomes
requested), :func:`mark_reminded`, :func:`mark_replied`, :func:`mark_confirmed` (the meeting
becomes confirmed), :func:`mark_confirmation_sent`, :func:`mark_declined` and
:func:`mark_no_answer`. A step that does not follow from where the request stands, a day after
today or before the letter it answers, a confirmation for a meeting not confirmed, is refused
with :class:`OutreachError` or :class:`~planner.edits.FieldError` naming the host and the field,
before anything changes.

**A declined host** is left out of planning for this tour with its reason
(:mod:`planner.planning.candidates`). Its meeting is kept, **cancelled**, with the decline and
its reason added to the meeting's notes: the coordinator still sees it in the agenda (struck
through), travellers' calendars that held it as tentative cancel it cleanly, and undo puts it
back as it was. It is not deleted, an idea no more than a requested meeting: what the
delegation once considered and why it did not happen stays in the tour's history. A host that
never answered (``no_answer``) keeps its meeting as it is: the coordinator decides whether to
ask another host or to drop it.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import edits
from planner.edits import Changes, Done, FieldError, Reason
from planner.errors import InputError
from planner.formatting import format_day
from planner.messages import N_, render, translate
from planner.model import (
    AgendaItem,
    Contact,
    HostRequest,
    ItemKind,
    ItemStatus,
    Organisation,
    RequestState,
    Tour,
    add_working_days,
)

#: How each state is called (the window's column, the command line's table).
STATE_TEXT: dict[RequestState, str] = {
    RequestState.TO_WRITE: N_("to write"), RequestState.SENT: N_("sent"),
    RequestState.REPLIED: N_("replied"), RequestState.CONFIRMED: N_("confirmed"),
    RequestState.DECLINED: N_("declined"), RequestState.NO_ANSWER: N_("no answer")}
#: A sent request whose reminder is due (not a state of its own: it follows from the days).
REMINDER_DUE = "reminder_due"
REMINDER_DUE_TEXT = N_("reminder due")
DUE_TEXT = N_("reminder due: {state}")
SENT_TEXT = N_("sent {day}, {days} working days waiting")
REMINDED_TEXT = N_("sent {day}, reminded {reminded}, {days} working days waiting")
#: What ``--state`` filters by: the states, and the requests whose reminder is due.
FILTERS = (*(state.value for state in RequestState), REMINDER_DUE)


class NextStep(enum.StrEnum):
    """What the coordinator does next about a request."""

    WRITE = "write"  # write the request and send it
    WAIT = "wait"  # sent: wait for the answer until the reminder is due
    REMIND = "remind"  # sent, no answer after the reminder days: send a reminder
    AGREE = "agree"  # replied: agree a time, then mark it confirmed
    CONFIRM = "confirm"  # confirmed: send the confirmation letter
    NONE = "none"  # confirmed and confirmation sent, declined, or no answer


NEXT_TEXT: dict[NextStep, str] = {
    NextStep.WRITE: N_("write the request and mark it sent"),
    NextStep.WAIT: N_("wait for the answer (a reminder is due on {day})"),
    NextStep.REMIND: N_("send a reminder and mark it sent"),
    NextStep.AGREE: N_("agree a time (the slots offered into the plan), then mark it "
                       "confirmed"),
    NextStep.CONFIRM: N_("send the confirmation letter and mark it sent"),
}
DONE_CONFIRMED = N_("nothing: confirmation sent on {day}")
DONE_DECLINED = N_("nothing: left out of planning for this tour")
DONE_NO_ANSWER = N_("nothing: ask another host, or ask again")
#: The order of the table: what needs the coordinator first.
_RANK = {NextStep.REMIND: 0, NextStep.CONFIRM: 1, NextStep.WRITE: 2, NextStep.AGREE: 3,
         NextStep.WAIT: 4, NextStep.NONE: 5}

# --- refusals ---------------------------------------------------------------------------------
ASKED_ALREADY = N_("{host} has been asked already (the request is {state}): a host is asked "
                   "once per tour")
NOT_ASKED = N_("{host} has not been asked yet: start a request first")
WRONG_STATE = N_("{host}: the request is {state}; {what} follows only a request that is "
                 "{allowed}")
NO_MEETING_FOR = N_("{host}: the request names no meeting; give it one first (its meeting "
                    "field)")
MEETING_CANCELLED = N_("{host}: the meeting {meeting} is cancelled")
NOT_CONFIRMED = N_("{host}: the meeting {meeting} is {status}, not confirmed; mark the request "
                   "confirmed first")
AFTER_TODAY = N_("{host}: {day} is after today ({today})")
BEFORE_LETTER = N_("{host}: {day} is before the {letter} it follows ({earlier})")
NOT_HOSTED = N_("{meeting} is not a meeting with {host}")
NOT_OF_HOST = N_("{contact} is not a contact of {host}")
#: The steps, as refusals name them.
WHAT = {"sent": N_("marking the request sent"), "reminded": N_("a reminder"),
        "replied": N_("a reply"), "confirmed": N_("a confirmation of the meeting"),
        "confirmation": N_("the confirmation letter"), "declined": N_("a decline"),
        "no_answer": N_("giving up waiting")}
LETTERS = {"sent_on": N_("request"), "reminded_on": N_("reminder"), "replied_on": N_("reply")}
#: What a decline adds to its meeting's notes (the notes are the coordinator's text, kept
#: in English as the template says it).
DECLINE_NOTE = N_("Declined by {host} on {day}: {reason}")
DECLINE_NOTE_NO_REASON = N_("Declined by {host} on {day}.")
#: The word joining states in refusals ("sent or replied").
OR = N_("or")


class OutreachError(InputError):
    """A step the request's state does not allow: names the host and why, in the window's
    language too (a catalogue template and its data)."""

    def __init__(self, template: str, /, **data: Any) -> None:
        self.template, self.data = template, data
        super().__init__(self.message())

    def message(self, language: str = "en") -> str:
        shown = {key: _shown(value, language) for key, value in self.data.items()}
        return render(self.template, shown, language)


def _shown(value: Any, language: str) -> Any:
    if isinstance(value, date):
        return format_day(value, language)
    if isinstance(value, RequestState):
        return translate(STATE_TEXT[value], language)
    if isinstance(value, ItemStatus):
        return translate(value.value, language)
    if isinstance(value, tuple):  # states: "sent or replied"
        return f" {translate(OR, language)} ".join(str(_shown(v, language)) for v in value)
    if isinstance(value, _Word):
        return translate(value, language)
    return value


class _Word(str):
    """A word of the catalogue in a refusal's data (the step, the letter): translated where
    shown, unlike the user's text beside it."""

    __slots__ = ()


def _field_error(field_name: str, template: str, **data: Any) -> FieldError:
    """A day refused for *field_name* of a host request, the reason in the window's language."""
    return FieldError(edits.record("request").label, field_name, _Reason(template, **data))


class _Reason(Reason):
    """A :class:`~planner.edits.Reason` whose days and words are written in the language."""

    def __init__(self, template: str, **data: Any) -> None:
        ValueError.__init__(self, render(template, {k: _shown(v, "en") for k, v in data.items()}))
        self.template, self.data = template, data

    def message(self, language: str = "en") -> str:
        return render(self.template, {k: _shown(v, language) for k, v in self.data.items()},
                      language)


# --- the table -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OutreachRow:
    """One host request as the outreach table shows it (no ORM objects: safe on a worker)."""

    request_id: int
    organisation_id: int
    host: str
    host_ja: str
    meeting: str  # its title, "" when the request names none
    meeting_uid: str | None
    meeting_day: date | None
    meeting_status: ItemStatus | None
    contact: str  # the contact written to, "" when none
    email: str
    state: RequestState
    language: str
    sent_on: date | None
    reminded_on: date | None
    replied_on: date | None
    confirmation_sent_on: date | None
    #: Working days waited for an answer since the request went (None unless sent, waiting).
    days_waiting: int | None
    reminder_due: bool
    #: When a reminder falls due (a request sent and waiting), whether or not it is yet.
    reminder_due_on: date | None
    reason: str
    notes: str
    next_step: NextStep

    @property
    def shown_state(self) -> str:
        """The state as the table groups it: ``reminder_due`` for a sent request whose
        reminder is due, else the state's value."""
        return REMINDER_DUE if self.reminder_due else self.state.value

    def state_text(self, language: str = "en", loud: bool = False) -> str:
        """The state in words with its days: ``sent Mon 1 Mar 2027, 3 working days waiting``,
        ``reminder due: sent ..., reminded ...``, ``confirmed Fri 5 Mar 2027``; *loud*: a due
        reminder's words in capitals (a terminal's table)."""
        data = {"day": format_day(self.sent_on, language) if self.sent_on else "",
                "reminded": format_day(self.reminded_on, language) if self.reminded_on else "",
                "days": self.days_waiting}
        if self.state is RequestState.SENT and self.sent_on is not None:
            words = render(REMINDED_TEXT if self.reminded_on else SENT_TEXT, data, language)
            if self.reminder_due:
                words = render(DUE_TEXT, {"state": words}, language)
                if loud:
                    due = translate(REMINDER_DUE_TEXT, language)
                    words = words.replace(due, due.upper(), 1)
            return words
        words = translate(STATE_TEXT[self.state], language)
        day = self.replied_on if self.state in (
            RequestState.REPLIED, RequestState.CONFIRMED, RequestState.DECLINED) else None
        return f"{words} {format_day(day, language)}" if day is not None else words

    def next_step_text(self, language: str = "en") -> str:
        """What to do next, in a phrase."""
        if self.next_step is NextStep.NONE:
            if self.state is RequestState.CONFIRMED:
                return render(DONE_CONFIRMED, {"day": format_day(
                    self.confirmation_sent_on, language) if self.confirmation_sent_on else ""},
                    language)
            if self.state is RequestState.DECLINED:
                return translate(DONE_DECLINED, language)
            return translate(DONE_NO_ANSWER, language)
        day = self.reminder_due_on
        return render(NEXT_TEXT[self.next_step],
                      {"day": format_day(day, language) if day else ""}, language)

    def as_json(self) -> dict[str, Any]:
        def iso(day: date | None) -> str | None:
            return day.isoformat() if day is not None else None

        return {
            "request_id": self.request_id, "host": self.host, "meeting": self.meeting or None,
            "meeting_uid": self.meeting_uid, "meeting_day": iso(self.meeting_day),
            "meeting_status": self.meeting_status.value if self.meeting_status else None,
            "contact": self.contact or None, "email": self.email or None,
            "state": self.state.value, "shown_state": self.shown_state,
            "language": self.language, "sent_on": iso(self.sent_on),
            "reminded_on": iso(self.reminded_on), "replied_on": iso(self.replied_on),
            "confirmation_sent_on": iso(self.confirmation_sent_on),
            "days_waiting": self.days_waiting, "reminder_due": self.reminder_due,
            "reminder_due_on": iso(self.reminder_due_on), "reason": self.reason,
            "next_step": self.next_step.value, "next_step_text": self.next_step_text()}


@dataclass(frozen=True)
class Outreach:
    """The outreach table of a tour on a day: its rows (what needs the coordinator first) and
    the counts per state (``reminder_due`` counted besides ``sent``)."""

    today: date
    reminder_days: int
    rows: tuple[OutreachRow, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)

    def of_state(self, state: str | None) -> tuple[OutreachRow, ...]:
        """The rows of *state* (a :class:`RequestState` value, or ``reminder_due``); all for
        None."""
        if state is None:
            return self.rows
        if state == REMINDER_DUE:
            return tuple(row for row in self.rows if row.reminder_due)
        return tuple(row for row in self.rows if row.state.value == state)

    def counts_text(self, language: str = "en") -> str:
        """``1 to write, 3 sent (1 reminder due), 14 confirmed, 1 declined``."""
        parts = []
        for state in RequestState:
            count = self.counts.get(state.value, 0)
            if not count:
                continue
            part = f"{count} {translate(STATE_TEXT[state], language)}"
            if state is RequestState.SENT and self.counts.get(REMINDER_DUE):
                part += f" ({self.counts[REMINDER_DUE]} " \
                        f"{translate(REMINDER_DUE_TEXT, language)})"
            parts.append(part)
        return ", ".join(parts)

    def as_json(self, state: str | None = None) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "reminder_days": self.reminder_days,
                "counts": dict(self.counts),
                "requests": [row.as_json() for row in self.of_state(state)]}


def _next_step(request: HostRequest, due: bool) -> NextStep:
    state = request.state
    if state is RequestState.TO_WRITE:
        return NextStep.WRITE
    if state is RequestState.SENT:
        return NextStep.REMIND if due else NextStep.WAIT
    if state is RequestState.REPLIED:
        return NextStep.AGREE
    if state is RequestState.CONFIRMED and request.confirmation_sent_on is None:
        return NextStep.CONFIRM
    return NextStep.NONE


def row_of(request: HostRequest, today: date, reminder_days: int) -> OutreachRow:
    """*request* as the table shows it on *today*."""
    item, contact, org = request.item, request.contact, request.organisation
    due = request.reminder_due_on(today, reminder_days)
    last = request.letter_day
    return OutreachRow(
        request.id, request.organisation_id, org.name, org.name_ja,
        item.title if item is not None else "", item.uid if item is not None else None,
        item.day if item is not None else None, item.status if item is not None else None,
        contact.name if contact is not None else "",
        contact.email if contact is not None else "", request.state, request.language,
        request.sent_on, request.reminded_on, request.replied_on, request.confirmation_sent_on,
        request.waiting_days(today), due,
        add_working_days(last, reminder_days)
        if request.state is RequestState.SENT and last is not None else None,
        request.reason, request.notes, _next_step(request, due))


def outreach(session: Session, today: date | None = None) -> Outreach:
    """The outreach table of the tour in *session* on *today* (by default today in the tour's
    home zone)."""
    tour = session.get_one(Tour, 1)
    today = today or edits.tour_today(session)
    requests = session.scalars(select(HostRequest).options(
        selectinload(HostRequest.organisation), selectinload(HostRequest.item),
        selectinload(HostRequest.contact))).all()
    rows = sorted((row_of(r, today, tour.reminder_days) for r in requests), key=lambda row: (
        _RANK[row.next_step], row.meeting_day or date.max, row.host.casefold(), row.request_id))
    counts = Counter(row.state.value for row in rows)
    counts[REMINDER_DUE] = sum(row.reminder_due for row in rows)
    return Outreach(today, tour.reminder_days, tuple(rows),
                    {key: counts.get(key, 0) for key in FILTERS})


# --- the steps --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """What one step did: the request it concerns, each record's fields as they were (in the
    order they were set; :func:`undo` puts them back last first), a request it added, and the
    records it changed."""

    request_id: int
    old: tuple[tuple[str, int, dict[str, Any]], ...] = ()
    added: int | None = None
    changes: Changes = field(default_factory=Changes)


class _Steps:
    """The edits of one step, collected."""

    def __init__(self, request_id: int) -> None:
        self.request_id = request_id
        self.old: list[tuple[str, int, dict[str, Any]]] = []
        self.changes = Changes()

    def set(self, session: Session, kind: str, key: int, values: Mapping[str, Any]) -> None:
        done = edits.set_fields(session, kind, key, values)
        self.old.append((kind, key, done.value))
        self.changes.merge(done.changes)

    def step(self) -> Step:
        return Step(self.request_id, tuple(self.old), None, self.changes)


def undo(session: Session, step: Step) -> Done[None]:
    """Take *step* back in the caller's transaction: every field as it was, a request it
    added deleted."""
    changes = Changes()
    for kind, key, old in reversed(step.old):
        changes.merge(edits.restore_fields(session, kind, key, old).changes)
    if step.added is not None:
        changes.merge(edits.delete_record(session, "request", step.added).changes)
    return Done(None, changes)


def request_of(session: Session, organisation_id: int) -> HostRequest | None:
    """The request of the host *organisation_id*, if it has been asked."""
    return session.scalars(select(HostRequest).where(
        HostRequest.organisation_id == organisation_id)).one_or_none()


def require_request(session: Session, organisation_id: int) -> HostRequest:
    """The request of the host *organisation_id*; :class:`OutreachError` if it has none."""
    found = request_of(session, organisation_id)
    if found is None:
        host = session.get_one(Organisation, organisation_id)
        raise OutreachError(NOT_ASKED, host=host.name)
    return found


def _meeting_of(session: Session, org: Organisation) -> AgendaItem | None:
    """The host's meeting a new request is for: its idea meeting (the first), else one it has
    been asked for already (requested), else none."""
    meetings = [i for i in session.scalars(select(AgendaItem).where(
        AgendaItem.organisation_id == org.id, AgendaItem.kind == ItemKind.MEETING)
        .order_by(AgendaItem.start, AgendaItem.id))]
    for status in (ItemStatus.IDEA, ItemStatus.REQUESTED):
        for item in meetings:
            if item.status is status:
                return item
    return None


def start_request(session: Session, organisation_id: int, item_id: int | None = None,
                  contact_id: int | None = None, language: str = "") -> Step:
    """A new request to the host *organisation_id* (to write), for the meeting *item_id*
    (by default its idea meeting), written to *contact_id* (by default its first contact with
    an e-mail), in *language* (``en``, ``ja``; empty: the host's)."""
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise InputError(f"organisation #{organisation_id} no longer exists")
    asked = request_of(session, organisation_id)
    if asked is not None:
        raise OutreachError(ASKED_ALREADY, host=org.name, state=asked.state)
    item = session.get(AgendaItem, item_id) if item_id is not None else _meeting_of(session, org)
    if item_id is not None and item is None:
        raise _field_error("item_id", N_("no record #{key}"), key=item_id)
    if item is not None and item.organisation_id != org.id:
        raise _field_error("item_id", NOT_HOSTED, meeting=item.title, host=org.name)
    if item is not None and item.status is ItemStatus.CANCELLED:
        raise _field_error("item_id", MEETING_CANCELLED, host=org.name, meeting=item.title)
    contact: Contact | None
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.organisation_id != org.id:
            raise _field_error("contact_id", NOT_OF_HOST, contact=contact.name if contact
                               else f"#{contact_id}", host=org.name)
    else:
        contact = next((c for c in sorted(org.contacts, key=lambda c: c.id) if c.email), None)
    done = edits.add_record(session, "request", {
        "organisation_id": org.id, "item_id": item.id if item is not None else None,
        "contact_id": contact.id if contact is not None else None, "language": language})
    return Step(done.value, (), done.value, done.changes)


def _load(session: Session, request_id: int) -> HostRequest:
    request = session.get(HostRequest, request_id)
    if request is None:
        raise InputError(f"host request #{request_id} no longer exists")
    return request


def _require_state(request: HostRequest, what: str, allowed: Sequence[RequestState]) -> None:
    if request.state not in allowed:
        raise OutreachError(WRONG_STATE, host=request.host_name, state=request.state,
                            what=_Word(WHAT[what]), allowed=tuple(allowed))


def _check_day(session: Session, request: HostRequest, field_name: str, day: date,
               today: date | None, after: Iterable[str] = ()) -> None:
    """*day* for *field_name*: not after today, not before the letters it follows."""
    today = today or edits.tour_today(session)
    if day > today:
        raise _field_error(field_name, AFTER_TODAY, host=request.host_name, day=day,
                           today=today)
    for earlier_field in after:
        earlier = getattr(request, earlier_field)
        if earlier is not None and day < earlier:
            raise _field_error(field_name, BEFORE_LETTER, host=request.host_name, day=day,
                               letter=_Word(LETTERS[earlier_field]), earlier=earlier)


def _meeting(request: HostRequest) -> AgendaItem:
    item = request.item
    if item is None:
        raise OutreachError(NO_MEETING_FOR, host=request.host_name)
    return item


def mark_sent(session: Session, request_id: int, day: date, today: date | None = None) -> Step:
    """The request went on *day* (to write, or asked again after no answer): sent, waiting;
    its meeting, an idea, becomes requested."""
    request = _load(session, request_id)
    _require_state(request, "sent", (RequestState.TO_WRITE, RequestState.NO_ANSWER))
    _check_day(session, request, "sent_on", day, today)
    steps = _Steps(request_id)
    steps.set(session, "request", request_id, {
        "state": RequestState.SENT.value, "sent_on": day, "reminded_on": None, "reason": ""})
    item = request.item
    if item is not None and item.status is ItemStatus.IDEA:
        steps.set(session, "item", item.id, {"status": ItemStatus.REQUESTED.value})
    return steps.step()


def mark_reminded(session: Session, request_id: int, day: date, today: date | None = None
                  ) -> Step:
    """A reminder went on *day* (the request is sent and still waiting): the reminder days
    count again from it."""
    request = _load(session, request_id)
    _require_state(request, "reminded", (RequestState.SENT,))
    _check_day(session, request, "reminded_on", day, today, ("sent_on", "reminded_on"))
    steps = _Steps(request_id)
    steps.set(session, "request", request_id, {"reminded_on": day})
    return steps.step()


def mark_replied(session: Session, request_id: int, day: date, today: date | None = None
                 ) -> Step:
    """The host answered on *day* (slots offered, a question), nothing agreed yet."""
    request = _load(session, request_id)
    _require_state(request, "replied", (RequestState.SENT, RequestState.NO_ANSWER))
    _check_day(session, request, "replied_on", day, today, ("sent_on", "reminded_on"))
    steps = _Steps(request_id)
    steps.set(session, "request", request_id, {"state": RequestState.REPLIED.value,
                                               "replied_on": day})
    return steps.step()


def mark_confirmed(session: Session, request_id: int, day: date, today: date | None = None
                   ) -> Step:
    """The host agreed a time on *day*: the request is confirmed and so is its meeting (which
    it must name, not cancelled)."""
    request = _load(session, request_id)
    _require_state(request, "confirmed", (RequestState.SENT, RequestState.REPLIED,
                                          RequestState.NO_ANSWER))
    item = _meeting(request)
    if item.status is ItemStatus.CANCELLED:
        raise OutreachError(MEETING_CANCELLED, host=request.host_name, meeting=item.title)
    _check_day(session, request, "replied_on", day, today, ("sent_on",))
    steps = _Steps(request_id)
    values: dict[str, Any] = {"state": RequestState.CONFIRMED.value}
    if request.replied_on is None or request.state is not RequestState.REPLIED:
        values["replied_on"] = day
    steps.set(session, "request", request_id, values)
    if item.status is not ItemStatus.CONFIRMED:
        steps.set(session, "item", item.id, {"status": ItemStatus.CONFIRMED.value})
    return steps.step()


def mark_confirmation_sent(session: Session, request_id: int, day: date,
                           today: date | None = None) -> Step:
    """The confirmation letter went to the host on *day* (the request and its meeting are
    confirmed)."""
    request = _load(session, request_id)
    _require_state(request, "confirmation", (RequestState.CONFIRMED,))
    item = _meeting(request)
    if item.status is not ItemStatus.CONFIRMED:
        raise OutreachError(NOT_CONFIRMED, host=request.host_name, meeting=item.title,
                            status=item.status)
    _check_day(session, request, "confirmation_sent_on", day, today, ("sent_on",))
    steps = _Steps(request_id)
    steps.set(session, "request", request_id, {"confirmation_sent_on": day})
    return steps.step()


def mark_declined(session: Session, request_id: int, reason: str, day: date,
                  today: date | None = None) -> Step:
    """The host said no on *day*, for *reason*: the request is declined (the reason kept) and
    left out of planning for this tour; its meeting is cancelled, the decline in its notes (see
    the module's rules)."""
    request = _load(session, request_id)
    _require_state(request, "declined", tuple(s for s in RequestState
                                              if s is not RequestState.DECLINED))
    _check_day(session, request, "replied_on", day, today, ("sent_on",))
    reason = edits.parse_value("request", "reason", reason)
    steps = _Steps(request_id)
    steps.set(session, "request", request_id, {
        "state": RequestState.DECLINED.value, "reason": reason, "replied_on": day})
    item = request.item
    if item is not None and item.status is not ItemStatus.CANCELLED:
        note = render(DECLINE_NOTE if reason.strip() else DECLINE_NOTE_NO_REASON,
                      {"host": request.host_name, "day": day.isoformat(),
                       "reason": " ".join(reason.split())})
        notes = f"{item.notes.rstrip()}\n{note}" if item.notes.strip() else note
        steps.set(session, "item", item.id, {"status": ItemStatus.CANCELLED.value,
                                             "notes": notes})
    return steps.step()


def mark_no_answer(session: Session, request_id: int, reason: str = "") -> Step:
    """The coordinator stops waiting for the host (*reason*, if given, kept); its meeting stays
    as it is."""
    request = _load(session, request_id)
    _require_state(request, "no_answer", (RequestState.SENT, RequestState.REPLIED))
    steps = _Steps(request_id)
    steps.set(session, "request", request_id, {"state": RequestState.NO_ANSWER.value,
                                               "reason": reason})
    return steps.step()
