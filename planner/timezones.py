"""Time-zone-aware datetimes: the one place that decides how instants are stored and shown.

Every instant in Ecovisit is an aware :class:`datetime.datetime`. The database keeps it in UTC
(:class:`UtcDateTime`); the IANA zone of the place it happens at is stored beside it, and
:func:`to_local` turns the pair back into the wall-clock time people read.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator


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


def local_today() -> date:
    """Today's date where this computer is (its local time zone)."""
    return datetime.now(UTC).astimezone().date()


def now_utc() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A column type for instants: accepts only aware datetimes, stores UTC, returns aware UTC.

    SQLite has no time-zone type, so the value is stored as naive UTC there and given its
    ``UTC`` tzinfo back on load; PostgreSQL stores ``timestamptz``. Either way, a naive datetime
    never reaches the database: binding one raises :class:`NaiveDatetimeError`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        utc = to_utc(value)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
