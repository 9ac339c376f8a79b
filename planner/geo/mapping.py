"""Maps drawn offline: the Mercator projection, land and sea from the offline land mask, and
great circles, for the printed book's route map and the window's route map alike.

Map coordinates are in degrees: ``x`` is the longitude and ``y`` the Mercator ordinate
(:func:`mercator_y`), so that a square of the world map is 360 by 360 from latitude -85.05 to
85.05 (the square of web maps, whose tiles :func:`land_tile` draws: at zoom *z* the world is
``2**z`` tiles of :data:`TILE_SIZE` pixels across, numbered from the north-west). Nothing here
calls a web service.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.geo.landmask import land_mask
from planner.geo.sphere import KM_PER_DEGREE, along

if TYPE_CHECKING:  # numpy is imported where arrays are made: the window starts without it
    import numpy as np
    import numpy.typing as npt

    from planner.geo.sphere import FloatArray

#: The side of a map tile, in pixels.
TILE_SIZE = 256
#: The latitude where the Mercator square ends (y = 180).
MAX_LATITUDE = 85.0511287798

Colour = tuple[int, int, int]


def mercator_y(latitude: float) -> float:
    """The Mercator ordinate of *latitude*, in degrees (equal to the latitude near the
    equator, 180 at :data:`MAX_LATITUDE`)."""
    latitude = max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)))


def latitude_at(y: float) -> float:
    """The latitude whose Mercator ordinate is *y* (the inverse of :func:`mercator_y`)."""
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def latitudes_at(ys: FloatArray) -> FloatArray:
    """:func:`latitude_at` for many ordinates at once."""
    import numpy as np

    return np.degrees(2 * np.arctan(np.exp(np.radians(ys))) - math.pi / 2)


def great_circle(lat1: float, lon1: float, lat2: float, lon2: float,
                 points: int = 33) -> tuple[FloatArray, FloatArray]:
    """*points* points along the great circle from point 1 to point 2: latitudes and longitudes,
    the longitudes unwrapped (a route over the date line goes on past 180 instead of jumping)."""
    import numpy as np

    latitudes, longitudes = along(lat1, lon1, lat2, lon2, np.linspace(0.0, 1.0, max(2, points)))
    longitudes = np.degrees(np.unwrap(np.radians(longitudes)))
    longitudes += 360.0 * round((lon1 - longitudes[0]) / 360.0)  # start where point 1 is
    return latitudes, longitudes


@dataclass(frozen=True)
class Box:
    """A latitude/longitude box: what a map shows."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]], margin: float = 0.15,
               minimum_km: float = 2.0) -> Box | None:
        """The box around (latitude, longitude) *points* with a *margin* (a share of its size
        on each side) and at least *minimum_km* across; None without points."""
        found = list(points)
        if not found:
            return None
        lats = [p[0] for p in found]
        lons = [p[1] for p in found]
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        least_lat = minimum_km / KM_PER_DEGREE
        least_lon = least_lat / max(0.05, math.cos(math.radians((south + north) / 2)))
        pad_lat = max((north - south) * margin, (least_lat - (north - south)) / 2, 0.0)
        pad_lon = max((east - west) * margin, (least_lon - (east - west)) / 2, 0.0)
        return cls(max(-MAX_LATITUDE, south - pad_lat), west - pad_lon,
                   min(MAX_LATITUDE, north + pad_lat), east + pad_lon)

    @property
    def centre(self) -> tuple[float, float]:
        """(latitude, longitude) of the middle of the box on a Mercator map."""
        return (latitude_at((mercator_y(self.south) + mercator_y(self.north)) / 2),
                (self.west + self.east) / 2)


#: Europe, for a map with nothing on it yet.
EUROPE = Box(35.0, -11.0, 71.0, 32.0)


def land_grid(latitudes: FloatArray, longitudes: FloatArray) -> npt.NDArray[np.bool_]:
    """Land (True) or sea at every (latitude, longitude) of the grid of *latitudes* (rows) by
    *longitudes* (columns), from the nearest cell of the land mask."""
    import numpy as np

    mask = land_mask()
    rows = np.clip(((90.0 - latitudes) / 180.0 * mask.rows).astype(np.int64), 0, mask.rows - 1)
    columns = np.floor((longitudes + 180.0) / 360.0 * mask.columns).astype(np.int64) \
        % mask.columns
    packed = mask._packed
    bits = (packed[rows[:, None], (columns >> 3)[None, :]] >> (7 - (columns & 7))[None, :]) & 1
    return np.asarray(bits == 1)


def land_share(latitudes: FloatArray, longitudes: FloatArray) -> npt.NDArray[np.float32]:
    """How much of land (0 to 1) at every point of the grid of *latitudes* by *longitudes*,
    interpolated between the centres of the land mask's cells (smooth coasts when a map shows
    more pixels than the mask has cells)."""
    import numpy as np

    mask = land_mask()
    fr = (90.0 - latitudes) / 180.0 * mask.rows - 0.5
    fc = (longitudes + 180.0) / 360.0 * mask.columns - 0.5
    r0 = np.floor(fr).astype(np.int64)
    c0 = np.floor(fc).astype(np.int64)
    tr = (fr - r0).astype(np.float32)
    tc = (fc - c0).astype(np.float32)
    # Unpack only the block of cells the grid touches, then interpolate rows, then columns.
    rows = np.clip(np.arange(int(r0.min()), int(r0.max()) + 2), 0, mask.rows - 1)
    columns = np.arange(int(c0.min()), int(c0.max()) + 2) % mask.columns
    packed = mask._packed
    block = ((packed[rows[:, None], (columns >> 3)[None, :]] >> (7 - (columns & 7))[None, :])
             & 1).astype(np.float32)
    local_rows = r0 - int(r0.min())
    local_columns = c0 - int(c0.min())
    top, bottom = block[local_rows], block[local_rows + 1]
    by_row = top + (bottom - top) * tr[:, None]
    left, right = by_row[:, local_columns], by_row[:, local_columns + 1]
    return np.asarray(left + (right - left) * tc[None, :], dtype=np.float32)


def tile_span(zoom: int) -> float:
    """The width (and height) of one tile at *zoom*, in map degrees."""
    return 360.0 / (1 << zoom)


def land_tile(zoom: int, column: int, row: int,
              size: int = TILE_SIZE) -> npt.NDArray[np.float32]:
    """The land share (0 to 1) of every pixel of a map tile, rows from north to south.

    *column* may lie outside ``0..2**zoom - 1``: the world repeats east and west. Rows outside
    the Mercator square are sea.
    """
    import numpy as np

    span = tile_span(zoom)
    pixels = (np.arange(size) + 0.5) / size
    longitudes = -180.0 + (column + pixels) * span
    ys = 180.0 - (row + pixels) * span
    inside = np.abs(ys) <= 180.0
    latitudes = latitudes_at(np.clip(ys, -180.0, 180.0))
    mask = land_mask()
    cells_per_pixel = span / 360.0 * mask.columns / size
    if cells_per_pixel >= 1.0:
        share = land_grid(latitudes, longitudes).astype(np.float32)
    else:
        share = land_share(latitudes, longitudes)
    share[~inside, :] = 0.0
    return share


#: The land mask counts a cell as land only when all of it is land (the safe side for travel),
#: so the real coast lies somewhere in the first cell it calls sea. A map zoomed in past the
#: mask's cells draws the coast there, where the interpolated share of land is this much, rather
#: than at the edge of the last all-land cell (which put waterfront offices in the sea).
COAST_SHARE = 0.2


def coast_style(zoom: int, size: int = TILE_SIZE) -> tuple[float, float]:
    """How :func:`paint_land` should draw the coast of a tile at *zoom*: (sharpen, coast).

    Zoomed out, a tile's pixels are land or sea (nothing to adjust); zoomed in past the mask's
    cells, the coast is drawn at :data:`COAST_SHARE` and stays about a pixel wide."""
    cells_per_pixel = tile_span(zoom) / 360.0 * land_mask().columns / size
    if cells_per_pixel >= 1.0:
        return 1.0, 0.5
    return max(1.0, 0.7 / cells_per_pixel), COAST_SHARE


def paint_land(share: npt.NDArray[np.float32] | npt.NDArray[np.bool_], land: Colour,
               sea: Colour, sharpen: float = 1.0, coast: float = 0.5) -> npt.NDArray[np.uint8]:
    """An RGB image (rows, columns, 3) of a land share grid: *land* where it is land, *sea*
    where it is sea, the coast where the share is *coast*, blended over a width that narrows
    as *sharpen* grows."""
    import numpy as np

    alpha = np.asarray(share, dtype=np.float32)
    if sharpen != 1.0 or coast != 0.5:
        alpha = np.clip((alpha - coast) * sharpen + 0.5, 0.0, 1.0)
    land_rgb = np.array(land, dtype=np.float32)
    sea_rgb = np.array(sea, dtype=np.float32)
    image = sea_rgb + (land_rgb - sea_rgb) * alpha[..., None]
    return np.ascontiguousarray(np.rint(image), dtype=np.uint8)
