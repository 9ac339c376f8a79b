"""Publish a tour to a CalDAV calendar collection (caldav library): one resource per agenda item.

Publishing makes the collection hold exactly the calendar's live events (:func:`publish`): each
is created, or updated in place when what it shows changed, with the SEQUENCE the tour gives it
(the library is never let raise it); and every event of ours that is not live in the calendar
— cancelled, deleted, a traveller taken off it, an idea left out — is removed. An event is ours
when its UID ends ``@ecovisit`` (every item's does) or its calendar's PRODID is Ecovisit's; the
user's own events in the collection are never touched. A UID held by two resources (another
client copied one) is left in one. A traveller's collection is built from her calendar only, so it
never names a meeting she did not attend, and removes one she was taken off. An executive's
calendar may hold her earlier tours too: an event of ours whose UID this tour never had (no item,
tombstone or departure) and that lies outside the tour's dates is another tour's, and is left
alone (and said).

The tour itself is only read, so a network failure changes nothing, and a rerun picks up where the
last one stopped. Passwords come from an environment variable, the system keyring or a prompt,
never from the command line or the tour, and are never printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import __version__
from planner.calendar.ics import IcsOptions, calendar, ideas_left_out
from planner.errors import WorkFailed
from planner.model import AgendaItem, ItemDeparture, ItemTombstone, Traveller
from planner.queries import load_tour

KEYRING_SERVICE = "ecovisit-caldav"
#: Every agenda item's UID ends so (:func:`planner.model.new_uid`).
UID_SUFFIX = "@ecovisit"
#: What the PRODID of Ecovisit's calendars holds, whatever the version.
PRODID_MARK = "//Ecovisit//"
#: The resource type of a calendar collection (RFC 4791, 4.2).
CALENDAR_TYPE = "{urn:ietf:params:xml:ns:caldav}calendar"


@dataclass
class PublishReport:
    """What publishing did, by event title."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: The idea items not published (ideas are published only when asked for).
    ideas_left_out: list[str] = field(default_factory=list)
    #: Events of another Ecovisit tour in the collection, left as they are.
    other_tours: list[str] = field(default_factory=list)

    def text(self, url: str) -> str:
        lines = [f"{url}: {len(self.created)} created, {len(self.updated)} updated, "
                 f"{len(self.removed)} removed, {len(self.unchanged)} unchanged"]
        for verb, titles in (("created", self.created), ("updated", self.updated),
                             ("removed", self.removed)):
            lines += [f"  {verb:<8} {t}" for t in titles]
        if self.ideas_left_out:
            count = len(self.ideas_left_out)
            lines.append(f"Not published: {count} idea item{'' if count == 1 else 's'} "
                         "(--include-ideas publishes them): " + "; ".join(self.ideas_left_out))
        if self.other_tours:
            count = len(self.other_tours)
            lines.append(f"Left alone: {count} event{'' if count == 1 else 's'} of another tour "
                         "(not this tour's, outside its dates): " + "; ".join(self.other_tours))
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "removed": self.removed,
                "unchanged": self.unchanged, "ideas_left_out": self.ideas_left_out,
                "other_tours": self.other_tours}


def _resource(source: Calendar, event: Any) -> str:
    """One event as a CalDAV resource: its own VCALENDAR with the zones it uses (no METHOD:
    RFC 4791 forbids it in a calendar object resource)."""
    single = Calendar()
    single.add("prodid", f"-//Ecovisit//Ecovisit {__version__}//EN")
    single.add("version", "2.0")
    used = {event[name].params.get("TZID") for name in ("DTSTART", "DTEND") if name in event}
    for zone in source.walk("VTIMEZONE"):
        if str(zone["TZID"]) in used:
            single.add_component(zone)
    single.add_component(event)
    return bytes(single.to_ical()).decode("utf-8")


def _fingerprint(component: Any) -> tuple[Any, ...]:
    """What decides whether a stored event must be rewritten: its properties but DTSTAMP (and
    the times a server may stamp on it), and its alarms'."""
    stamped = {"DTSTAMP", "LAST-MODIFIED", "CREATED"}
    own = tuple(sorted(f"{k}:{v.to_ical() if hasattr(v, 'to_ical') else v}"
                       for k, v in component.items() if k not in stamped))
    return (component.name, own, tuple(_fingerprint(sub) for sub in component.subcomponents))


@dataclass
class _Stored:
    """An event in the collection: the caldav resource, its VEVENT, whether it is ours."""

    resource: Any
    component: Any
    ours: bool

    @property
    def uid(self) -> str:
        return str(self.component.get("UID", ""))

    @property
    def title(self) -> str:
        return str(self.component.get("SUMMARY", "")) or self.uid


def _stored(resources: Iterable[Any]) -> list[_Stored]:
    """The collection's events as the server sent them; one that cannot be read is the user's,
    not ours. The caldav library's own reading "fixes" what it reads (it drops a line's trailing
    space, for one), so an event read that way never equals the one we wrote and would be
    rewritten on every publish; the bytes the server sent are read instead where the library
    keeps them (``raw_data``, caldav 3)."""
    found = []
    for resource in resources:
        raw = getattr(resource, "raw_data", None)
        try:
            instance = (Calendar.from_ical(raw) if raw is not None
                        else resource.icalendar_instance)
            component = next(c for c in instance.subcomponents if c.name == "VEVENT")
        except (ValueError, KeyError, IndexError, StopIteration):
            continue
        uid = str(component.get("UID", ""))
        ours = uid.endswith(UID_SUFFIX) or PRODID_MARK in str(instance.get("PRODID", ""))
        found.append(_Stored(resource, component, ours))
    return found


def _this_tours(session: Session) -> Callable[[_Stored], bool]:
    """Whether an event of ours in a collection is this tour's: its UID is one of the tour's
    (an item, a tombstone, a departure), or it lies within the tour's dates (with two days on
    either side for the zones); else it is another tour's."""
    uids = set(session.scalars(select(AgendaItem.uid)))
    uids.update(session.scalars(select(ItemTombstone.uid)))
    uids.update(session.scalars(select(ItemDeparture.uid)))
    tour = load_tour(session)
    first, last = tour.start_date - timedelta(days=2), tour.end_date + timedelta(days=2)

    def this_tours(stored: _Stored) -> bool:
        if stored.uid in uids:
            return True
        start = stored.component.get("DTSTART")
        if start is None:
            return False
        moment = start.dt
        day = moment.date() if isinstance(moment, datetime) else moment
        return isinstance(day, date) and first <= day <= last

    return this_tours


def _write(target: Any, resource: Any | None, data: str) -> None:
    """PUT *data* as the event *resource* (None: a new one in *target*), byte for byte: its
    SEQUENCE is the item's revision, never raised by the library, and nothing of it "fixed"
    (the library's usual save drops trailing spaces and may retry with a cleaned-up copy;
    ``raw_data`` is why pyproject.toml asks for caldav 3.6)."""
    import caldav

    event: Any = caldav.Event
    (resource or event(target.client, parent=target)).save(raw_data=data.encode("utf-8"))


def _calendar_collection(client: Any, url: str) -> Any:
    """The calendar collection at *url*; WorkFailed, before anything is written, where the URL
    names nothing or something else (the server, a user's home, an address book)."""
    from caldav.elements import dav
    from caldav.lib.error import NotFoundError

    target = client.calendar(url=url)
    try:
        kinds = target.get_properties([dav.ResourceType()]).get("{DAV:}resourcetype")
    except NotFoundError:
        raise WorkFailed(f"{url}: the server has no calendar at this address (not found); "
                         "nothing was published") from None
    if CALENDAR_TYPE not in ([kinds] if isinstance(kinds, str) else kinds or []):
        raise WorkFailed(f"{url}: this is not a calendar on the server (give the address of a "
                         "calendar collection, often ending in /calendars/NAME/, not the "
                         "server's, a user's or an address book's); nothing was published")
    return target


def _reason(exc: Exception) -> str:
    """What went wrong, in a few words."""
    from caldav.lib.error import AuthorizationError

    if isinstance(exc, AuthorizationError):
        return ("the server refused access: check the user name and password, and that this "
                "user may write to the calendar")
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def publish(session: Session, url: str, traveller: Traveller | None = None,
            username: str | None = None, password: str | None = None,
            options: IcsOptions | None = None) -> PublishReport:
    """Make the collection at *url* hold exactly the live events of the tour's (or the
    traveller's) calendar, leaving the user's own events as they are."""
    from caldav import DAVClient
    from caldav.lib.error import DAVError

    options = options or IcsOptions()
    ours = calendar(session, traveller, options)
    live: dict[str, Any] = {}
    titles: dict[str, str] = {}  # a removed event is named as the tour names it, if it does
    for event in ours.walk("VEVENT"):
        uid = str(event["UID"])
        titles[uid] = str(event["SUMMARY"])
        if str(event.get("STATUS")) != "CANCELLED":
            live[uid] = event
    report = PublishReport()
    this_tours = _this_tours(session)
    if not options.include_ideas:
        report.ideas_left_out = ideas_left_out(session, traveller)
    try:
        with DAVClient(url=url, username=username, password=password,  # type: ignore[operator]
                       timeout=30) as client:
            target = _calendar_collection(client, url)
            held: dict[str, list[_Stored]] = {}
            for stored in _stored(target.events()):
                if stored.ours:
                    held.setdefault(stored.uid, []).append(stored)
            for uid, event in live.items():
                title = str(event["SUMMARY"])
                copies = sorted(held.pop(uid, []), key=lambda s: str(s.resource.url))
                for extra in copies[1:]:  # one UID, one resource: never two copies
                    extra.resource.delete()
                if not copies:
                    _write(target, None, _resource(ours, event))
                    report.created.append(title)
                elif _fingerprint(copies[0].component) != _fingerprint(event):
                    _write(target, copies[0].resource, _resource(ours, event))
                    report.updated.append(title)
                else:
                    report.unchanged.append(title)
            for uid, copies in held.items():  # ours, and not live in this calendar
                if not this_tours(copies[0]):
                    report.other_tours.append(copies[0].title)
                    continue
                for stored in copies:
                    stored.resource.delete()
                report.removed.append(titles.get(uid, copies[0].title))
    except (DAVError, OSError) as exc:  # the HTTP library's errors are OSErrors
        raise WorkFailed(f"{url}: the calendar server could not be used ({_reason(exc)}); "
                         "the tour is unchanged, and running publish again resumes") from None
    return report


def find_password(url: str, username: str, variable: str | None) -> str:
    """The password from *variable*, else the system keyring, else a prompt on a terminal."""
    import os
    import sys

    from planner.errors import InputError

    if variable:
        if variable not in os.environ:
            raise InputError(f"--password-env {variable}: that environment variable is not set")
        return os.environ[variable]
    try:
        import keyring

        stored = keyring.get_password(KEYRING_SERVICE, f"{username}@{url}")
    except Exception:  # no usable keyring backend on this system
        stored = None
    if stored is not None:
        return str(stored)
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Password for {username} at {url}: ")
    raise InputError("no password: give --password-env VARIABLE, or store it in the system "
                     f"keyring (service {KEYRING_SERVICE!r}, user '{username}@{url}')")
