"""VTIMEZONE blocks that Outlook reads: observances with RRULEs, not lists of dates.

Observance times are local wall-clock times by definition (RFC 5545), so this is the one module
whose datetimes are deliberately naive.

Outlook builds a zone only from TZOFFSETFROM/TO, DTSTART and RRULE of each observance, and
ignores the long RDATE lists some generators write (icalendar's own among them). The rules are
derived from the IANA database (zoneinfo) for the year in question: the month, weekday and week
of each transition ("last Sunday of March at 02:00").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """The wall-clock times (naive, in the offset valid before) at which *zone* changes offset.

    Scans the year hour by hour in UTC; every real-world rule changes on the hour.
    """
    utc = ZoneInfo("UTC")
    moment = datetime(year, 1, 1, tzinfo=zone).astimezone(utc)
    end = datetime(year + 1, 1, 1, tzinfo=zone).astimezone(utc)
    previous = moment.astimezone(zone).utcoffset() or timedelta(0)
    found = []
    while moment < end:
        moment += timedelta(hours=1)
        offset = moment.astimezone(zone).utcoffset() or timedelta(0)
        if offset != previous:
            found.append((moment + previous).replace(tzinfo=None))
            previous = offset
    return found


def _rule(moment: datetime) -> str:
    """``-1SU`` (last Sunday) or ``2SU`` (second Sunday) for the day of *moment*."""
    weekday = _DAYS[moment.weekday()]
    if (moment + timedelta(days=7)).month != moment.month:
        return f"-1{weekday}"
    return f"{(moment.day - 1) // 7 + 1}{weekday}"


def vtimezone(name: str, year: int) -> Timezone:
    """The VTIMEZONE of the IANA zone *name*, with the rules in force in *year*."""
    zone = ZoneInfo(name)
    block = Timezone()
    block.add("tzid", name)
    changes = _transitions(zone, year)
    if len(changes) != 2:  # no daylight saving time (or an irregular year): one observance
        offset = datetime(year, 7, 1, tzinfo=zone).utcoffset() or timedelta(0)
        standard = TimezoneStandard()
        # RFC 5545: an observance starts at a local wall-clock time, without zone (floating).
        standard.add("dtstart", datetime(1970, 1, 1))  # noqa: DTZ001
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", datetime(year, 7, 1, tzinfo=zone).tzname() or name)
        block.add_component(standard)
        return block
    for change in changes:
        after = (change + timedelta(hours=3)).replace(tzinfo=zone)
        before_offset = (change - timedelta(hours=3)).replace(tzinfo=zone).utcoffset()
        after_offset = after.utcoffset()
        assert before_offset is not None and after_offset is not None
        daylight = after.dst() not in (None, timedelta(0))
        part = TimezoneDaylight() if daylight else TimezoneStandard()
        part.add("dtstart", change.replace(year=1970, day=1) + timedelta(
            days=_first_matching_day(1970, change)))
        part.add("tzoffsetfrom", before_offset)
        part.add("tzoffsetto", after_offset)
        part.add("tzname", after.tzname() or name)
        part.add("rrule", {"freq": "yearly", "bymonth": change.month, "byday": _rule(change)})
        block.add_component(part)
    return block


def _first_matching_day(year: int, change: datetime) -> int:
    """Days to add to the 1st of the month in *year* to reach the rule's day (for DTSTART)."""
    rule = _rule(change)
    weekday = _DAYS.index(rule[-2:])
    days = []
    day = date(year, change.month, 1)
    while day.month == change.month:
        if day.weekday() == weekday:
            days.append(day.day)
        day += timedelta(days=1)
    nth = int(rule[:-2])
    return (days[nth] if nth < 0 else days[nth - 1]) - 1
