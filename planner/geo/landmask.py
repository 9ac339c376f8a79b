"""Land or sea at a point, offline: a 4 km grid derived from the ``global-land-mask`` package.

The package ships a 1 km mask of the whole globe (0.93 GB once unpacked) and unpacks all of it on
import. Ecovisit instead streams it once, row by row, into a 4x coarser grid that counts a cell as
land only when all of its sixteen 1 km cells are land (so straits and coasts read as sea: the safe
side for travel estimates), packs it to bits and keeps it in the cache folder (about 7 MB). Later
uses load that file in milliseconds and stay at a few megabytes of memory.
"""

from __future__ import annotations

import functools
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from planner.geo.sphere import along, distance_km

if TYPE_CHECKING:  # numpy is imported where the mask is read or used: not at the window's start
    import numpy as np

FACTOR = 4
_FORMAT = 2


class LandMask:
    """A packed boolean grid: row 0 is the northernmost band, column 0 the date line."""

    def __init__(self, packed: np.ndarray, rows: int, columns: int) -> None:
        self._packed = packed
        self.rows = rows
        self.columns = columns

    def is_land(self, latitude: float, longitude: float) -> bool:
        """Whether the grid cell containing the point is (entirely) land."""
        row = min(self.rows - 1, max(0, int((90.0 - latitude) / 180.0 * self.rows)))
        column = int((longitude + 180.0) / 360.0 * self.columns) % self.columns
        return bool((self._packed[row, column >> 3] >> (7 - (column & 7))) & 1)

    def sea_share(self, lat1: float, lon1: float, lat2: float, lon2: float,
                  skip_km: float = 5.0) -> tuple[float, float]:
        """Along the great circle from point 1 to point 2: the share and the kilometres at sea.

        The first and last *skip_km* are ignored, so that a harbour or a waterfront office does
        not count as a sea crossing.
        """
        import numpy as np

        distance = distance_km(lat1, lon1, lat2, lon2)
        if distance <= 2 * skip_km:
            return 0.0, 0.0
        steps = max(2, int(distance / 2.0))  # one sample every 2 km
        fractions = np.linspace(0.0, 1.0, steps + 1)
        edge = skip_km / distance
        fractions = fractions[(fractions >= edge) & (fractions <= 1 - edge)]
        if fractions.size == 0:
            return 0.0, 0.0
        lats, lons = along(lat1, lon1, lat2, lon2, fractions)
        rows = np.clip(((90.0 - lats) / 180.0 * self.rows).astype(np.int64), 0, self.rows - 1)
        columns = (((lons + 180.0) / 360.0 * self.columns).astype(np.int64)) % self.columns
        land = (self._packed[rows, columns >> 3] >> (7 - (columns & 7))) & 1
        share = float(1.0 - land.mean())
        return share, share * (distance - 2 * skip_km)


def _source() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("global_land_mask")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the global-land-mask package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / \
        "globe_combined_mask_compressed.npz"


def build(destination: Path) -> None:
    """Stream the package's 1 km mask into the coarse packed grid at *destination* (.npy)."""
    import numpy as np
    from numpy.lib import format as npy_format

    with zipfile.ZipFile(_source()) as archive, archive.open("mask.npy") as stream:
        version = npy_format.read_magic(stream)
        read_header = (npy_format.read_array_header_1_0 if version == (1, 0)
                       else npy_format.read_array_header_2_0)
        shape, fortran, dtype = read_header(stream)
        if fortran or dtype != np.dtype(bool) or len(shape) != 2:
            raise ValueError("unexpected layout of the global-land-mask data")
        rows, columns = shape
        coarse = np.zeros((rows // FACTOR, columns // FACTOR), dtype=bool)
        for band in range(rows // FACTOR):
            water = np.frombuffer(stream.read(FACTOR * columns), dtype=bool)  # True = water
            water = water.reshape(FACTOR, columns // FACTOR, FACTOR)
            coarse[band] = ~water.any(axis=(0, 2))
    # a name of this build's own: two programs starting at once on a new computer each build
    # the mask, and each puts a whole file in place (the last one wins, and both are the same)
    handle, name = tempfile.mkstemp(dir=destination.parent, prefix=destination.stem,
                                    suffix=".part.npy")
    tmp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            np.save(out, np.packbits(coarse, axis=1))
        tmp.replace(destination)
    finally:
        tmp.unlink(missing_ok=True)


@functools.cache
def land_mask() -> LandMask:
    """The coarse land mask, built into the cache folder on first use."""
    import numpy as np

    from planner.locations import cache_dir

    path = cache_dir() / f"landmask-{_FORMAT}-x{FACTOR}.npy"
    if not path.exists():
        build(path)
    packed = np.load(path)
    return LandMask(packed, packed.shape[0], packed.shape[1] * 8)
