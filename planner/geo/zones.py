"""The IANA time zone of a point on Earth, offline (timezonefinder)."""

from __future__ import annotations

import functools

from timezonefinder import TimezoneFinder


@functools.cache
def _finder() -> TimezoneFinder:
    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str:
    """The IANA zone at a point, e.g. ``Europe/Berlin``; at sea, the nautical ``Etc/GMT±N``."""
    found = _finder().timezone_at(lng=longitude, lat=latitude)
    if found is None:  # pragma: no cover - timezonefinder covers the oceans with Etc/ zones
        hours = round(longitude / 15)
        return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return str(found)
