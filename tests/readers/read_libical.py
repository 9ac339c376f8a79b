"""Reads .ics files with libical (the library of Evolution and KDE), through its GObject
bindings (Debian gir1.2-ical-3.0 and python3-gi): run with the system's /usr/bin/python3, not the
project's virtual environment, which has no gi.

Usage: /usr/bin/python3 read_libical.py FILE.ics... ; prints one JSON object: {file: {"errors":
[...], "restrictions": bool, "events": [...]}}. "errors" are the X-LIC-ERROR properties libical
leaves where it could not parse a line, and those its restriction check (RFC 5545/5546: which
properties a component must and may have) adds; "restrictions" is that check's verdict. Each event
is {uid, status, summary, description, location, start, end}, start and end as UTC ISO 8601
read through the file's own VTIMEZONEs (libical looks a TZID up in the calendar first).
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


def read(path: str) -> dict[str, object]:
    root = ICal.Component.new_from_string(Path(path).read_text(encoding="utf-8"))
    if root is None:
        return {"errors": ["the file did not parse"], "restrictions": False, "events": []}
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
    return {"errors": errors(root), "restrictions": passed, "events": events}


if __name__ == "__main__":
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
