"""Reads .ics files with libical (the library of Evolution and KDE), through its GObject
bindings (Debian gir1.2-ical-3.0 and python3-gi): run with the system's /usr/bin/python3, not the
project's virtual environment, which has no gi.

Usage: /usr/bin/python3 read_libical.py FILE.ics... ; prints one JSON object: {file: {"errors":
[...], "restrictions": bool, "events": [...]}}. "errors" are the X-LIC-ERROR properties libical
leaves where it could not parse a line, and those its restriction check (RFC 5545/5546: which
properties a component must and may have) adds; "restrictions" is that check's verdict. Each event
is {uid, status, summary, description, location, start, end}, start and end as UTC ISO 8601
read through the file's own VTIMEZONEs (libical looks a TZID up in the calendar first). "todos"
are the tasks (VTODO): {uid, status, sequence, summary, description, priority, due, dueIsDate,
completed}, due "YYYY-MM-DD" for a DATE (a UTC instant otherwise), completed a UTC instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as ICal  # noqa: E402

UTC = ICal.Timezone.get_utc_timezone()


def errors(component: ICal.Component) -> list[str]:
    """Every X-LIC-ERROR in *component* and below, with the component it is in."""
    found = []
    kind = ICal.Component.kind_to_string(component.isa())
    prop = component.get_first_property(ICal.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(f"{kind}: {prop.get_xlicerror()}")
        prop = component.get_next_property(ICal.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(ICal.ComponentKind.ANY_COMPONENT)
    while child is not None:
        found += errors(child)
        child = component.get_next_component(ICal.ComponentKind.ANY_COMPONENT)
    return found


def instant(time: ICal.Time) -> str:
    utc = time.convert_to_zone(UTC) if not time.is_utc() else time
    return (f"{utc.get_year():04d}-{utc.get_month():02d}-{utc.get_day():02d}T"
            f"{utc.get_hour():02d}:{utc.get_minute():02d}:{utc.get_second():02d}Z")


def day_or_instant(time: ICal.Time) -> str:
    if time.is_date():
        return f"{time.get_year():04d}-{time.get_month():02d}-{time.get_day():02d}"
    return instant(time)


def todo_of(todo: ICal.Component) -> dict[str, object]:
    status = todo.get_status()
    due = todo.get_due()
    known = due is not None and not due.is_null_time()
    completed = todo.get_first_property(ICal.PropertyKind.COMPLETED_PROPERTY)
    priority = todo.get_first_property(ICal.PropertyKind.PRIORITY_PROPERTY)
    return {
        "uid": todo.get_uid(),
        "status": ICal.Property.status_to_string(status) if status else None,
        "sequence": todo.get_sequence(), "summary": todo.get_summary(),
        "description": todo.get_description(),
        "priority": priority.get_priority() if priority is not None else None,
        "due": day_or_instant(due) if known else None,
        "dueIsDate": bool(due.is_date()) if known else None,
        "completed": instant(completed.get_completed()) if completed is not None else None}


def read(path: str) -> dict[str, object]:
    root = ICal.Component.new_from_string(Path(path).read_text(encoding="utf-8"))
    if root is None:
        return {"errors": ["the file did not parse"], "restrictions": False, "events": [],
                "todos": []}
    passed = bool(ICal.restriction_check(root))
    events = []
    event = root.get_first_component(ICal.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        status = event.get_status()
        events.append({
            "uid": event.get_uid(),
            "status": ICal.Property.status_to_string(status) if status else None,
            "summary": event.get_summary(), "description": event.get_description(),
            "location": event.get_location(),
            "start": instant(event.get_dtstart()), "end": instant(event.get_dtend())})
        event = root.get_next_component(ICal.ComponentKind.VEVENT_COMPONENT)
    todos = []
    todo = root.get_first_component(ICal.ComponentKind.VTODO_COMPONENT)
    while todo is not None:
        todos.append(todo_of(todo))
        todo = root.get_next_component(ICal.ComponentKind.VTODO_COMPONENT)
    return {"errors": errors(root), "restrictions": passed, "events": events, "todos": todos}


if __name__ == "__main__":
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
