"""The IANA time zone of a point on Earth, offline (timezonefinder)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder


@functools.cache
def _finder() -> TimezoneFinder:
    # Imported when first needed: timezonefinder loads numba (about 0.4 s), which a command
    # that never places anything should not pay for.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str:
    """The IANA zone at a point, e.g. ``Europe/Berlin``; at sea, the nautical ``Etc/GMT±N``."""
    found = _finder().timezone_at(lng=longitude, lat=latitude)
    if found is None:  # pragma: no cover - timezonefinder covers the oceans with Etc/ zones
        hours = round(longitude / 15)
        return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return str(found)
