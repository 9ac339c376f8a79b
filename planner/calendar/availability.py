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

import recurring_ical_events  # type: ignore[import-untyped]
from icalendar import Calendar
from sqlalchemy.orm import Session

from planner.errors import InputError
from planner.formatting import LocalSpan, format_day
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
            lines.append(f"  {LocalSpan(local_start, local_end)}")
        return "\n".join(lines)


#: The years an instant of a host's calendar may fall in (as a tour's items).
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: How many times one recurrence rule may repeat from its start to the end of the tour (the
#: expansion walks every one of them): a busy series repeats daily at the most often.
MAX_REPEATS = 50_000
_PER_DAY = {"DAILY": 1.0, "WEEKLY": 1 / 7, "MONTHLY": 1 / 28, "YEARLY": 1 / 365}


class _Bad(Exception):
    """One entry of the calendar that cannot be used; the message says which and why."""


def _aware(value: Any, host_zone: str, what: str = "a time") -> datetime:
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None and value.utcoffset() is not None \
            else value.replace(tzinfo=zone_info(host_zone))
    elif isinstance(value, date):  # an all-day value: the whole day in the host's zone
        moment = datetime.combine(value, time(0), tzinfo=zone_info(host_zone))
    else:
        raise _Bad(f"{what}: expected a date or a date and time, got {type(value).__name__}")
    return _in_years(moment, what)


def read_spans(path: Path, host_zone: str, tour: Tour | None = None
               ) -> tuple[list[Span], list[Span]]:
    """(free spans, busy spans) in *path*; recurring events expanded within *tour*'s days (or,
    without a tour, taken at their first occurrence only). Every instant must lie between the
    years 2000 and 2100; anything unreadable raises InputError naming the entry."""
    try:
        cal = Calendar.from_ical(Path(path).read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder, not an iCalendar file") from None
    except PermissionError:
        raise InputError(f"{path}: not allowed to read it") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # icalendar's parser: anything it raises means an unreadable file
        raise InputError(f"{path}: not a readable iCalendar file "
                         f"({_one_line(str(exc)) or type(exc).__name__})") from None
    if not isinstance(cal, Calendar):
        raise InputError(f"{path}: not a readable iCalendar file (no VCALENDAR)")
    try:
        free, busy = _free_busy(cal, host_zone)
        for span, transparent in _events(cal, host_zone, tour):
            (free if transparent else busy).append(span)
    except _Bad as exc:
        raise InputError(f"{path}: an event or free/busy entry cannot be read: {exc}") from None
    return free, busy


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 160 else line[:157] + "..."


def _free_busy(cal: Calendar, host_zone: str) -> tuple[list[Span], list[Span]]:
    free: list[Span] = []
    busy: list[Span] = []
    for number, component in enumerate(cal.walk("VFREEBUSY"), 1):
        props = component.get("FREEBUSY", [])
        for prop in props if isinstance(props, list) else [props]:
            what = f"free/busy entry {number}"
            kind = str(getattr(prop, "params", {}).get("FBTYPE", "BUSY")).upper()
            for period in _periods(prop, what):
                start, end = _period(period, host_zone, what)
                (free if kind == "FREE" else busy).append((start, end))
    return free, busy


def _periods(prop: Any, what: str) -> list[Any]:
    periods = getattr(prop, "dts", None)
    if periods is not None:
        return list(periods)
    if hasattr(prop, "dt"):  # icalendar 7 splits a list of periods into one value each
        return [prop]
    raise _Bad(f"{what}: FREEBUSY {_one_line(str(prop))[:40]!r} is not a list of periods")


def _period(period: Any, host_zone: str, what: str) -> Span:
    value = getattr(period, "dt", period)
    if not isinstance(value, tuple) or len(value) != 2:
        raise _Bad(f"{what}: expected a period START/END or START/DURATION")
    start = _aware(value[0], host_zone, what)
    end = start + value[1] if isinstance(value[1], timedelta) else \
        _aware(value[1], host_zone, what)
    return start, _in_years(end, what)


def _in_years(moment: datetime, what: str) -> datetime:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise _Bad(f"{what}: {moment:%Y-%m-%d %H:%M} is outside the years "
                   f"{FIRST_YEAR}..{LAST_YEAR}")
    return moment


def _events(cal: Calendar, host_zone: str, tour: Tour | None) -> list[tuple[Span, bool]]:
    """Every event's occurrences within the tour as (span, shown as free)."""
    series: dict[str, list[Any]] = {}
    for number, event in enumerate(cal.walk("VEVENT"), 1):
        what = _name(event, number)
        _check_event(event, host_zone, what)
        series.setdefault(str(event.get("UID", f"#{number}")), []).append((event, what))
    found: list[tuple[Span, bool]] = []
    for members in series.values():
        if tour is None:
            occurrences = [event for event, _ in members]
        else:
            occurrences = _expand(cal, members, host_zone, tour)
        for event in occurrences:
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                continue
            what = _name(event, 0)
            start, end = _event_span(event, host_zone, what)
            found.append(((start, end), str(event.get("TRANSP", "OPAQUE")).upper()
                          == "TRANSPARENT"))
    return found


def _name(event: Any, number: int) -> str:
    uid = _one_line(str(event.get("UID", "")))[:60]
    summary = _one_line(str(event.get("SUMMARY", "")))[:60]
    return f"event {number or ''} {uid!r}".replace("  ", " ") + (f" ({summary})" if summary
                                                                 else "")


def _decoded(event: Any, name: str, what: str) -> Any:
    try:
        return event.decoded(name)
    except Exception as exc:  # icalendar decodes lazily: a bad value shows only here
        raise _Bad(f"{what}: {name} cannot be read ({_one_line(str(exc))[:80]})") from None


def _event_span(event: Any, host_zone: str, what: str) -> Span:
    if "DTSTART" not in event:
        raise _Bad(f"{what}: no DTSTART (when it starts)")
    start = _aware(_decoded(event, "DTSTART", what), host_zone, f"{what}: DTSTART")
    if "DTEND" in event:
        end = _aware(_decoded(event, "DTEND", what), host_zone, f"{what}: DTEND")
    elif "DURATION" in event:
        length = _decoded(event, "DURATION", what)
        if not isinstance(length, timedelta):
            raise _Bad(f"{what}: DURATION {length!r} is not a length of time such as PT1H")
        try:
            end = _in_years(start + length, f"{what}: DURATION")
        except OverflowError:
            raise _Bad(f"{what}: DURATION {length} is too long") from None
    elif isinstance(_decoded(event, "DTSTART", what), datetime):
        end = start
    else:  # an all-day event without an end lasts the day
        end = start + timedelta(days=1)
    return start, end


def _check_event(event: Any, host_zone: str, what: str) -> None:
    """Refuse an event whose own values cannot be used, before any expansion."""
    _event_span(event, host_zone, what)
    for name in ("RDATE", "EXDATE", "RECURRENCE-ID"):
        if name not in event:
            continue
        values = event.get(name)
        for prop in values if isinstance(values, list) else [values]:
            try:
                listed = getattr(prop, "dts", None) or [prop]
            except Exception as exc:  # icalendar's BrokenCalendarProperty
                raise _Bad(f"{what}: {name} cannot be read ({_one_line(str(exc))[:80]})") \
                    from None
            for value in listed:
                moment = getattr(value, "dt", value)
                if isinstance(moment, tuple):  # RDATE;VALUE=PERIOD
                    _period(value, host_zone, f"{what}: {name}")
                else:
                    _aware(moment, host_zone, f"{what}: {name}")
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else ([rules] if rules is not None else []):
        _check_rule(rule, event, host_zone, what)


def _check_rule(rule: Any, event: Any, host_zone: str, what: str) -> None:
    _repeats_per_day(rule, what)


def _repeats_per_day(rule: Any, what: str) -> float:
    """How often *rule* repeats a day at the most; refuses what a busy time never does."""
    names = ("FREQ", "INTERVAL", "BYHOUR", "BYMINUTE", "BYSECOND", "BYDAY", "BYMONTHDAY",
             "BYYEARDAY")
    try:
        rule = {name: list(rule.get(name) or []) for name in names}
    except Exception as exc:  # icalendar's BrokenCalendarProperty, or no rule at all
        raise _Bad(f"{what}: RRULE cannot be read ({_one_line(str(exc))[:80]})") from None
    freq = str((rule["FREQ"] or [""])[0]).upper()
    if freq not in _PER_DAY:
        raise _Bad(f"{what}: RRULE FREQ={freq or '(none)'}: a busy time repeats daily at the "
                   "most often (DAILY, WEEKLY, MONTHLY or YEARLY)")
    try:
        interval = int((rule.get("INTERVAL") or [1])[0])
    except (TypeError, ValueError):
        interval = 0
    if interval < 1:
        raise _Bad(f"{what}: RRULE INTERVAL must be a whole number of at least 1")
    per_day = _PER_DAY[freq] / interval
    for part in ("BYHOUR", "BYMINUTE", "BYSECOND", "BYDAY", "BYMONTHDAY", "BYYEARDAY"):
        per_day *= max(1, len(rule.get(part) or []))
    return per_day


def _expand(cal: Calendar, members: list[Any], host_zone: str, tour: Tour) -> list[Any]:
    """The occurrences of one series (an event, its rule's repeats, moved ones) in the tour."""
    series = Calendar()
    for component in cal.walk("VTIMEZONE"):
        series.add_component(component)
    for event, _ in members:
        series.add_component(event)
    here = zone_info(host_zone)
    first = datetime.combine(tour.start_date - timedelta(days=1), time(0), tzinfo=here)
    last = datetime.combine(tour.end_date + timedelta(days=2), time(0), tzinfo=here)
    what = members[0][1]
    for event, name in members:
        _bound(event, first, name)
    try:
        return list(recurring_ical_events.of(series).between(first, last))
    except Exception as exc:  # the library's word on a series it cannot expand
        raise _Bad(f"{what}: its repeats cannot be worked out "
                   f"({_one_line(str(exc))[:100] or type(exc).__name__})") from None


def _bound(event: Any, first: datetime, what: str) -> None:
    """Refuse a rule that would make the expansion walk more than MAX_REPEATS times (it walks
    from the series' start, however long before the tour that is)."""
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else ([rules] if rules is not None else []):
        repeats = _repeats_per_day(rule, what) * ((first - _start_of(event, first)).days + 14)
        if repeats > MAX_REPEATS:
            raise _Bad(f"{what}: RRULE repeats about {repeats:,.0f} times before the tour; at "
                       f"most {MAX_REPEATS:,} can be worked out")


def _start_of(event: Any, first: datetime) -> datetime:
    value = event.decoded("DTSTART")
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=first.tzinfo)
    return datetime.combine(value, time(0), tzinfo=first.tzinfo)


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
    free, busy = read_spans(path, host_zone, tour)
    if free:
        windows, source = _merge(subtract(free, busy)), "free slots"
    elif busy:
        windows = _merge(subtract(working_hours(tour, host_zone), busy))
        source = "working hours minus busy time"
    else:
        raise InputError(f"{path}: holds no free or busy time within the tour "
                         f"({format_day(tour.start_date)} to {format_day(tour.end_date)})")
    replaced = len(organisation.availability)
    organisation.availability.clear()
    session.flush()
    for start, end in windows:
        organisation.availability.append(AvailabilityWindow(start=start, end=end,
                                                            zone=host_zone))
    return AvailabilityReport(organisation.name, windows, replaced, source)
