"""Publish a tour to a CalDAV calendar (caldav library): one resource per agenda item.

Items become events (created, or updated in place when they changed); cancelled and deleted
items are removed from the calendar. The tour itself is only read, so a network failure changes
nothing, and a rerun picks up where the last one stopped. Passwords come from an environment
variable, the system keyring or a prompt, never from the command line or the tour, and are never
printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from icalendar import Calendar
from sqlalchemy.orm import Session

from planner import __version__
from planner.calendar.ics import IcsOptions, calendar
from planner.errors import WorkFailed
from planner.model import Traveller

KEYRING_SERVICE = "ecovisit-caldav"


@dataclass
class PublishReport:
    """What publishing did, by event title."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def text(self, url: str) -> str:
        lines = [f"{url}: {len(self.created)} created, {len(self.updated)} updated, "
                 f"{len(self.removed)} removed, {len(self.unchanged)} unchanged"]
        for verb, titles in (("created", self.created), ("updated", self.updated),
                             ("removed", self.removed)):
            lines += [f"  {verb:<8} {t}" for t in titles]
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "removed": self.removed,
                "unchanged": self.unchanged}


def _resource(source: Calendar, event: Any) -> bytes:
    """One event as a CalDAV resource: its own VCALENDAR with the zones it uses (no METHOD)."""
    single = Calendar()
    single.add("prodid", f"-//Ecovisit//Ecovisit {__version__}//EN")
    single.add("version", "2.0")
    used = {event[name].params.get("TZID") for name in ("DTSTART", "DTEND") if name in event}
    for zone in source.walk("VTIMEZONE"):
        if str(zone["TZID"]) in used:
            single.add_component(zone)
    single.add_component(event)
    return bytes(single.to_ical())


def _fingerprint(event: Any) -> tuple[str, ...]:
    """What decides whether a stored event must be rewritten (everything but DTSTAMP)."""
    return tuple(sorted(f"{k}:{v.to_ical() if hasattr(v, 'to_ical') else v}"
                        for k, v in event.items() if k != "DTSTAMP"))


def publish(session: Session, url: str, traveller: Traveller | None = None,
            username: str | None = None, password: str | None = None,
            options: IcsOptions | None = None) -> PublishReport:
    """Make the calendar at *url* hold exactly the tour's (or the traveller's) items."""
    import requests
    from caldav import DAVClient
    from caldav.lib.error import DAVError

    ours = calendar(session, traveller, options)
    report = PublishReport()
    try:
        client: Any = DAVClient(url=url, username=username, password=password,  # type: ignore[operator]
                                timeout=30)
        target = client.calendar(url=url)
        stored: dict[str, Any] = {}
        for resource in target.events():
            component = resource.icalendar_component
            stored[str(component["UID"])] = (resource, component)
        for event in ours.walk("VEVENT"):
            uid, title = str(event["UID"]), str(event["SUMMARY"])
            if str(event.get("STATUS")) == "CANCELLED":
                if uid in stored:
                    stored[uid][0].delete()
                    report.removed.append(title)
                continue
            if uid not in stored:
                # SEQUENCE is the item's revision: the library must not bump it on its own.
                target.save_event(_resource(ours, event).decode("utf-8"), increase_seqno=False)
                report.created.append(title)
            elif _fingerprint(stored[uid][1]) != _fingerprint(event):
                resource = stored[uid][0]
                resource.data = _resource(ours, event).decode("utf-8")
                resource.save(increase_seqno=False)
                report.updated.append(title)
            else:
                report.unchanged.append(title)
    except (DAVError, requests.exceptions.RequestException, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WorkFailed(f"{url}: the calendar server could not be used ({reason}); the tour "
                         "is unchanged, and running publish again resumes") from None
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
