"""The Earth as a sphere: distances and points along great circles, for the offline map, the
land mask and the gazetteer (door-to-door travel uses geopy's geodesic distance instead)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported by along(): the distances need none of it
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

EARTH_RADIUS_KM = 6371.0
#: The length of a degree of latitude (and of longitude at the equator) on that sphere, about
#: 111.2 km: the one figure for "degrees to kilometres" everywhere.
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def _angle(p1: float, l1: float, p2: float, l2: float) -> float:
    """The central angle between two points (radians in, radians out; haversine)."""
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(a)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    return EARTH_RADIUS_KM * _angle(*map(math.radians, (lat1, lon1, lat2, lon2)))


def along(lat1: float, lon1: float, lat2: float, lon2: float,
          fractions: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The points at *fractions* (0 to 1) of the great circle from point 1 to point 2:
    latitudes and longitudes in degrees (longitudes in -180..180)."""
    import numpy as np

    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    delta = _angle(p1, l1, p2, l2)
    if delta < 1e-12:
        return np.full(fractions.shape, lat1), np.full(fractions.shape, lon1)
    a = np.sin((1 - fractions) * delta) / math.sin(delta)
    b = np.sin(fractions * delta) / math.sin(delta)
    x = a * math.cos(p1) * math.cos(l1) + b * math.cos(p2) * math.cos(l2)
    y = a * math.cos(p1) * math.sin(l1) + b * math.cos(p2) * math.sin(l2)
    z = a * math.sin(p1) + b * math.sin(p2)
    return np.degrees(np.arctan2(z, np.hypot(x, y))), np.degrees(np.arctan2(y, x))
