"""Time-zone-aware datetimes: the one place that decides how instants are stored and shown.

Every instant in Ecovisit is an aware :class:`datetime.datetime`. The database keeps it in UTC
(:class:`UtcDateTime`); the IANA zone of the place it happens at is stored beside it, and
:func:`to_local` turns the pair back into the wall-clock time people read.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime

from planner.errors import InputError
from planner.messages import N_, render
from planner.readback import LenientRead, parsed, text_raw_problem


class NaiveDatetimeError(ValueError):
    """A datetime without a time zone reached a place that must know the zone."""


class UnknownTimeZoneError(ValueError):
    """A time-zone name that is not in the IANA database."""


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def zone(name: str) -> ZoneInfo:
    """The :class:`ZoneInfo` for an IANA name such as ``Europe/Berlin``; rejects anything else."""
    if name not in _known_zones():
        raise UnknownTimeZoneError(f"unknown time zone {name!r} (expected an IANA name such as "
                                   "'Europe/Berlin')")
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as exc:  # pragma: no cover - listed but not loadable
        raise UnknownTimeZoneError(f"unknown time zone {name!r}") from exc


def validate_zone_name(name: str) -> str:
    """Return *name* if it is a valid IANA zone name, else raise :class:`UnknownTimeZoneError`."""
    zone(name)
    return name


def require_aware(value: datetime, what: str = "datetime") -> datetime:
    """Return *value* unchanged if it carries a UTC offset; raise :class:`NaiveDatetimeError`."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(f"{what} {value.isoformat()} has no time zone; Ecovisit stores "
                                 "only time-zone-aware datetimes")
    return value


def to_utc(value: datetime) -> datetime:
    """The same instant in UTC; *value* must be aware."""
    return require_aware(value).astimezone(UTC)


def to_local(value: datetime, zone_name: str) -> datetime:
    """The same instant as wall-clock time in the IANA zone *zone_name*."""
    return require_aware(value).astimezone(zone(zone_name))


class LocalTimeError(InputError):
    """A wall-clock time its zone skips (the clocks go forward) or passes twice (they go
    back): says which, when the clocks change and what to type instead, in the window's
    language too (a catalogue template and its data).

    ``skipped`` tells the two apart; ``instants`` are the two instants a repeated time could
    be (the first, then the second), empty for a skipped one."""

    def __init__(self, template: str, skipped: bool, instants: tuple[datetime, ...] = (), /,
                 **data: Any) -> None:
        super().__init__(template.format(**data))
        self.template, self.data = template, data
        self.skipped, self.instants = skipped, instants

    def message(self, language: str = "en") -> str:
        return render(self.template, self.data, language)


#: The refusals of :func:`local_instant`.
SKIPPED = N_("{what} {time} does not exist in {zone}: the clocks go forward from {before} to "
             "{after} that night; choose a time before {before} or from {after}")
REPEATED = N_("{what} {time} happens twice in {zone}: the clocks go back from {after} to "
              "{before} that night ({first_name} then {second_name}); choose a time before "
              "{before} or from {after}")
REPEATED_OFFSET = N_("{what} {time} happens twice in {zone}: the clocks go back from {after} "
                     "to {before} that night ({first_name} then {second_name}); add {first} "
                     "for the first or {second} for the second")


def local_instant(wall: datetime, zone_name: str, what: str = "time",
                  offsets: bool = False) -> datetime:
    """The instant the wall-clock time *wall* (naive) names in the zone *zone_name*.

    A time the clocks skip (the hour they go forward) or pass twice (the hour they go back) is
    refused with :class:`LocalTimeError`, never silently moved or guessed; the message names
    the time as *what* (``--start``, or the window's "Starts"), says when the clocks change
    and what to choose instead (with *offsets*, for the command line: the UTC offset to write
    after a repeated time)."""
    if wall.tzinfo is not None:
        raise ValueError(f"local_instant takes a wall-clock (naive) time, not {wall.isoformat()}")
    tz = zone(zone_name)
    early, late = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early
    # the clocks change between the two readings: find the minute they do
    low, high = sorted((early.astimezone(UTC), late.astimezone(UTC)))
    changed = _change(low, high, tz)
    old = low.astimezone(tz).utcoffset() or timedelta()
    new = changed.utcoffset() or timedelta()
    old_wall, new_wall = (changed.astimezone(UTC) + old).replace(tzinfo=None), \
        (changed.astimezone(UTC) + new).replace(tzinfo=None)
    shown = {"what": what, "time": f"{wall:%Y-%m-%d %H:%M}", "zone": zone_name}
    if early.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:  # in the gap
        raise LocalTimeError(SKIPPED, True, before=f"{old_wall:%H:%M}",
                             after=f"{new_wall:%H:%M}", **shown)
    first, second = early, late
    raise LocalTimeError(REPEATED_OFFSET if offsets else REPEATED, False, (first, second),
                         before=f"{new_wall:%H:%M}", after=f"{old_wall:%H:%M}",
                         first=offset_text(first), second=offset_text(second),
                         first_name=_abbreviation(first), second_name=_abbreviation(second),
                         **shown)


def _change(low: datetime, high: datetime, tz: ZoneInfo) -> datetime:
    """The first minute (in *tz*) whose UTC offset differs from *low*'s, up to *high*."""
    offset = low.astimezone(tz).utcoffset()
    first, last = int(low.timestamp() // 60), int(high.timestamp() // 60) + 1
    while last - first > 1:  # the offset is *offset* at minute *first*, not at minute *last*
        middle = (first + last) // 2
        if datetime.fromtimestamp(middle * 60, tz).utcoffset() == offset:
            first = middle
        else:
            last = middle
    return datetime.fromtimestamp(last * 60, tz)


def offset_text(moment: datetime) -> str:
    """*moment*'s UTC offset as written after a time: ``+02:00``, ``-05:00``."""
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _abbreviation(moment: datetime) -> str:
    """``CEST``; the offset where the zone has no letters for it (``+03``)."""
    name = moment.tzname() or ""
    return name if name[:1].isalpha() else f"UTC{offset_text(moment)}"


def local_today() -> date:
    """Today's date where this computer is (its local time zone)."""
    return datetime.now(UTC).astimezone().date()


def now_utc() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


class UtcDateTime(LenientRead):
    """A column type for instants: accepts only aware datetimes, stores UTC, returns aware UTC.

    SQLite has no time-zone type, so the value is stored as naive UTC there and given its
    ``UTC`` tzinfo back on load; PostgreSQL stores ``timestamptz``. Either way, a naive datetime
    never reaches the database: binding one raises :class:`NaiveDatetimeError`. A stored value
    that is not an instant in the years a tour holds is read as
    :class:`~planner.readback.Unreadable` (the model names it as damage, with its row).
    """

    impl = DateTime(timezone=True)
    cache_ok = True
    what = "a date and time"

    def raw_problem(self, raw: Any) -> str | None:
        return text_raw_problem(raw, self.what) if not isinstance(raw, datetime) else None

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        utc = to_utc(value)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        value = parsed(value, datetime)
        if not isinstance(value, datetime):
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
