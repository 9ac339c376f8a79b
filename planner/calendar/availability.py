"""Read a host's availability from an .ics file into its availability windows.

Free time is taken from VFREEBUSY ``FREEBUSY;FBTYPE=FREE`` periods and from events marked
``TRANSP:TRANSPARENT`` (shown as free). If the file holds only busy time (ordinary events,
``FBTYPE=BUSY``), the windows are the tour's working hours on weekdays, in the host's time zone,
minus the busy time. Floating times (no zone) are read in the host's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar
from sqlalchemy.orm import Session

from planner.errors import InputError
from planner.model import AvailabilityWindow, Organisation, Tour
from planner.timezones import zone as zone_info

Span = tuple[datetime, datetime]


@dataclass
class AvailabilityReport:
    """What the import did."""

    organisation: str
    windows: list[Span]
    replaced: int
    source: str  # "free slots" or "working hours minus busy time"

    def text(self, zone_name: str) -> str:
        lines = [f"{self.organisation}: {len(self.windows)} availability windows from "
                 f"{self.source} (replacing {self.replaced})"]
        for start, end in self.windows:
            local_start, local_end = start.astimezone(zone_info(zone_name)), \
                end.astimezone(zone_info(zone_name))
            lines.append(f"  {local_start:%a %d %b %H:%M}-{local_end:%H:%M}")
        return "\n".join(lines)


def _aware(value: Any, host_zone: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone_info(host_zone))
    if isinstance(value, date):  # an all-day value: the whole day in the host's zone
        return datetime.combine(value, time(0), tzinfo=zone_info(host_zone))
    raise InputError(f"unexpected time value {value!r}")


def read_spans(path: Path, host_zone: str) -> tuple[list[Span], list[Span]]:
    """(free spans, busy spans) in *path*."""
    try:
        cal = Calendar.from_ical(Path(path).read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder, not an iCalendar file") from None
    except PermissionError:
        raise InputError(f"{path}: not allowed to read it") from None
    except (ValueError, IndexError, KeyError) as exc:
        raise InputError(f"{path}: not a readable iCalendar file ({exc})") from None
    try:
        return _spans(cal, host_zone)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:  # e.g. no DTSTART
        raise InputError(f"{path}: an event or free/busy entry cannot be read "
                         f"({type(exc).__name__}: {exc})") from None


def _spans(cal: Calendar, host_zone: str) -> tuple[list[Span], list[Span]]:
    free: list[Span] = []
    busy: list[Span] = []
    for component in cal.walk("VFREEBUSY"):
        for prop in component.get("FREEBUSY", []) if isinstance(
                component.get("FREEBUSY"), list) else [component.get("FREEBUSY")]:
            if prop is None:
                continue
            kind = str(prop.params.get("FBTYPE", "BUSY")).upper()
            for period in (prop.dts if hasattr(prop, "dts") else [prop]):
                start, end = period.dt if hasattr(period, "dt") else period
                if isinstance(end, timedelta):
                    end = start + end
                span = (_aware(start, host_zone), _aware(end, host_zone))
                (free if kind == "FREE" else busy).append(span)
    for event in cal.walk("VEVENT"):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = _aware(event.decoded("DTSTART"), host_zone)
        if "DTEND" in event:
            end = _aware(event.decoded("DTEND"), host_zone)
        else:
            end = start + (event.decoded("DURATION") if "DURATION" in event else timedelta(0))
        transparent = str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
        (free if transparent else busy).append((start, end))
    return free, busy


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def working_hours(tour: Tour, host_zone: str) -> list[Span]:
    """The tour's working hours on its weekdays, in the host's zone."""
    here = zone_info(host_zone)
    return [(datetime.combine(day, tour.day_start, tzinfo=here),
             datetime.combine(day, tour.day_end, tzinfo=here))
            for day in tour.days if day.weekday() < 5]


def subtract(spans: list[Span], busy: list[Span]) -> list[Span]:
    """*spans* without the *busy* time."""
    result = []
    for start, end in spans:
        pieces = [(start, end)]
        for b0, b1 in _merge(busy):
            pieces = [p for s, e in pieces for p in ((s, min(e, b0)), (max(s, b1), e))
                      if p[1] > p[0]]
        result += pieces
    return result


def import_availability(session: Session, organisation: Organisation, tour: Tour,
                        path: Path) -> AvailabilityReport:
    """Replace *organisation*'s windows with the availability in *path* (the caller commits)."""
    if organisation.place is None:
        raise InputError(f"{organisation.name} has no place, so its time zone is unknown")
    host_zone = organisation.place.zone
    free, busy = read_spans(path, host_zone)
    if free:
        windows, source = _merge(subtract(free, busy)), "free slots"
    elif busy:
        windows = _merge(subtract(working_hours(tour, host_zone), busy))
        source = "working hours minus busy time"
    else:
        raise InputError(f"{path}: holds no free or busy time")
    replaced = len(organisation.availability)
    organisation.availability.clear()
    session.flush()
    for start, end in windows:
        organisation.availability.append(AvailabilityWindow(start=start, end=end,
                                                            zone=host_zone))
    return AvailabilityReport(organisation.name, windows, replaced, source)
