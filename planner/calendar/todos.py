"""An owner's follow-ups as an iCalendar file of tasks (VTODO, RFC 5545), for the task lists that
read them (Thunderbird, Evolution and KDE through libical, a CalDAV server's task list and the
phones syncing with it); the calendar rules of the events (:mod:`planner.calendar.ics`) apply.
Outlook for Windows imports only the events of an .ics file and ignores its tasks: for Outlook
users the follow-ups sheet (:func:`planner.debrief.follow_ups.write_follow_ups_xlsx`) is the way.

* One file per owner (a traveller, or the coordinator). Each follow-up is a VTODO with its UID,
  which never changes, and its revision as SEQUENCE, so importing a newer file updates the task
  instead of adding a second one.
* No ``METHOD``: a snapshot to import or subscribe to, not an iTIP message (which would need an
  ORGANIZER, and Outlook would show a task request to accept). The coordinator's name, phone and
  e-mail go in the DESCRIPTION, as in the events.
* ``DUE`` is a DATE (``DUE;VALUE=DATE:20270420``), never a time: a due day is the same day in
  every zone, so an executive whose laptop is on Tokyo time sees the day the coordinator gave in
  Berlin. A time (midnight, or the end of the day, in some zone) would be another zone's previous
  or next day, and the task would show as due a day early or late.
* ``STATUS``: ``NEEDS-ACTION`` while open, ``COMPLETED`` with ``COMPLETED`` (the day it was done,
  at noon in the tour's home zone, in UTC as RFC 5545 requires) and ``PERCENT-COMPLETE:100`` when
  done, ``CANCELLED`` when dropped. A follow-up that left the owner's list (deleted, or handed to
  another owner: its :class:`~planner.model.FollowUpTombstone`) is written ``CANCELLED`` in her
  file, so her task list drops it; it is never in anyone else's file but its new owner's.
* ``PRIORITY`` from the goal's priority (5, the reason the traveller came: 1, high; 3: 5, normal;
  1: 9, low; Outlook reads 1-4 as high, 5 normal, 6-9 low); none without a goal.
* The follow-up's notes stay out (as an item's internal notes do); the host contact's phone only
  when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Todo, vText
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import __version__
from planner.atomicfile import atomic_destination
from planner.calendar.ics import to_bytes
from planner.errors import InputError
from planner.formatting import format_day
from planner.model import Contact, FollowUp, FollowUpStatus, FollowUpTombstone, Tour, Traveller
from planner.queries import load_tour
from planner.timezones import now_utc, to_local

#: The VTODO's STATUS for each of a follow-up's.
STATUS = {FollowUpStatus.OPEN: "NEEDS-ACTION", FollowUpStatus.DONE: "COMPLETED",
          FollowUpStatus.DROPPED: "CANCELLED"}
#: The VTODO's PRIORITY (1 highest, 9 lowest) for a goal's priority (5 highest, 1 lowest).
PRIORITY = {5: 1, 4: 3, 3: 5, 2: 7, 1: 9}
#: The longest SUMMARY; a longer or multi-line description goes whole into the DESCRIPTION.
SUMMARY_LENGTH = 200


@dataclass(frozen=True)
class TodoOptions:
    """What goes into the file."""

    include_done: bool = True
    with_phones: bool = False


def summary_of(description: str) -> str:
    """A follow-up's task title: the first line of its description, cut at
    :data:`SUMMARY_LENGTH` characters (with an ellipsis)."""
    first = description.strip().split("\n", 1)[0].strip()
    return first if len(first) <= SUMMARY_LENGTH else first[:SUMMARY_LENGTH - 1] + "…"


def completed_moment(day: date, home_zone: str) -> datetime:
    """The instant written as COMPLETED for a follow-up done on *day*: noon there in the tour's
    home zone, in UTC (the model keeps the day only; noon is the same day in most zones)."""
    return datetime.combine(day, time(12), ZoneInfo(home_zone)).astimezone(UTC)


def _coordinator(tour: Tour) -> str:
    parts = [p for p in (tour.coordinator, tour.coordinator_phone, tour.coordinator_email) if p]
    return "Coordinator: " + ", ".join(parts) if parts else ""


def _description(row: FollowUp, options: TodoOptions, coordinator: str) -> str:
    lines: list[str] = []
    text = row.description.strip()
    if text != summary_of(row.description):
        lines.append(text)
    if row.item is not None:
        day = to_local(row.item.start, row.item.zone).date()
        lines.append(f"Meeting: {row.item.title}, {format_day(day)}")
    contact = row.contact
    if contact is not None:
        parts = [contact.name, contact.role, contact.organisation.name]
        if contact.email:
            parts.append(contact.email)
        if options.with_phones and contact.phone:
            parts.append(contact.phone)
        lines.append("Contact: " + ", ".join(p for p in parts if p))
    elif row.item is not None and row.item.organisation is not None:
        lines.append(f"Host: {row.item.organisation.name}")
    if row.goal is not None:
        lines.append(f"Goal: {row.goal.title}")
    if coordinator:
        lines.append(coordinator)
    return "\n".join(lines)


def _todo(row: FollowUp, stamp: datetime, tour: Tour, options: TodoOptions,
          coordinator: str) -> Todo:
    todo = Todo()
    todo.add("uid", row.uid)
    todo.add("sequence", row.revision)
    todo.add("dtstamp", stamp)
    todo.add("summary", summary_of(row.description))
    description = _description(row, options, coordinator)
    if description:
        todo.add("description", description)
    if row.due is not None:
        todo.add("due", row.due)  # a date: VALUE=DATE
    status = STATUS[row.status]
    todo.add("status", status)
    if row.status is FollowUpStatus.DONE:
        done = (completed_moment(row.completed, tour.home_zone) if row.completed is not None
                else stamp)
        todo.add("completed", done)
        todo.add("percent-complete", 100)
    if row.goal is not None:
        todo.add("priority", PRIORITY.get(row.goal.priority, 5))
    return todo


def _cancelled(stone: FollowUpTombstone, stamp: datetime) -> Todo:
    todo = Todo()
    todo.add("uid", stone.uid)
    todo.add("sequence", stone.revision)
    todo.add("dtstamp", stamp)
    todo.add("summary", summary_of(stone.description))
    if stone.due is not None:
        todo.add("due", stone.due)
    todo.add("status", "CANCELLED")
    return todo


def _owned(session: Session, owner_id: int | None) -> list[FollowUp]:
    """The owner's follow-ups, in the order of :func:`planner.debrief.follow_ups.follow_ups`
    (which sits above this layer)."""
    query = select(FollowUp).options(
        selectinload(FollowUp.contact).selectinload(Contact.organisation),
        selectinload(FollowUp.item), selectinload(FollowUp.goal))
    query = query.where(FollowUp.owner_id.is_(None) if owner_id is None
                        else FollowUp.owner_id == owner_id)
    return sorted(session.scalars(query), key=lambda r: (
        r.due is None, r.due or date.min, r.description.casefold(), r.id))


def _gone(session: Session, owner_id: int | None, live: set[str]) -> list[FollowUpTombstone]:
    """The owner's tombstones whose UID is not in her list now (one per UID: the latest)."""
    query = select(FollowUpTombstone).order_by(FollowUpTombstone.gone_at, FollowUpTombstone.id)
    query = query.where(FollowUpTombstone.owner_id.is_(None) if owner_id is None
                        else FollowUpTombstone.owner_id == owner_id)
    latest: dict[str, FollowUpTombstone] = {}
    for stone in session.scalars(query):
        if stone.uid in live:
            continue
        kept = latest.get(stone.uid)
        if kept is None or stone.revision >= kept.revision:
            latest[stone.uid] = stone
    return sorted(latest.values(), key=lambda s: (s.due is None, s.due or date.min,
                                                  s.description.casefold(), s.uid))


def todo_calendar(session: Session, owner_id: int | None, *,
                  options: TodoOptions | None = None,
                  stamp: datetime | None = None) -> Calendar:
    """The follow-ups of *owner_id* (a traveller's id; None: the coordinator) as an iCalendar
    object of VTODOs: her live follow-ups (done ones unless left out), then the cancellations
    of those that left her list."""
    options = options or TodoOptions()
    stamp = stamp or now_utc()
    tour = load_tour(session)
    owner = session.get(Traveller, owner_id) if owner_id is not None else None
    if owner_id is not None and owner is None:
        raise InputError(f"no traveller {owner_id}: a follow-up's owner is a traveller or "
                         "the coordinator")
    rows = _owned(session, owner_id)
    live = {row.uid for row in rows}
    if not options.include_done:
        rows = [row for row in rows if row.status is not FollowUpStatus.DONE]
    cal = Calendar()
    cal.add("prodid", f"-//Ecovisit//Ecovisit {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    whose = owner.name if owner is not None else "coordinator"
    # An X- property is not escaped unless typed as text (vText).
    cal.add("x-wr-calname", vText(f"{tour.title} – follow-ups ({whose})"))
    coordinator = _coordinator(tour)
    for row in rows:
        cal.add_component(_todo(row, stamp, tour, options, coordinator))
    for stone in _gone(session, owner_id, live):
        cal.add_component(_cancelled(stone, stamp))
    return cal


def follow_ups_ics(session: Session, owner_id: int | None, *, include_done: bool = True,
                   with_phones: bool = False, stamp: datetime | None = None) -> bytes:
    """*owner_id*'s follow-ups (None: the coordinator's) as .ics bytes (:func:`todo_calendar`)."""
    return to_bytes(todo_calendar(session, owner_id,
                                  options=TodoOptions(include_done, with_phones), stamp=stamp))


def write_follow_ups_ics(session: Session, path: Path, owner_id: int | None, *,
                         include_done: bool = True, with_phones: bool = False,
                         force: bool = False) -> int:
    """Write *owner_id*'s follow-ups (None: the coordinator's) as an .ics file of tasks, written
    whole or not at all (:func:`planner.atomicfile.atomic_destination`: refuses an existing
    file unless *force*); returns the number of VTODOs (cancellations included)."""
    cal = todo_calendar(session, owner_id, options=TodoOptions(include_done, with_phones))
    data = to_bytes(cal)
    with atomic_destination(path, force=force) as tmp:
        tmp.write_bytes(data)
    return len(cal.walk("VTODO"))
