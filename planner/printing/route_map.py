"""The route map of the book: the tour's cities and route drawn to scale from coordinates,
over a land/sea background from the offline land mask. No web tiles."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from planner.geo.landmask import land_mask

LAND = (226, 222, 208)
SEA = (206, 224, 240)


def _mercator_y(latitude: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)))


def background(south: float, west: float, north: float, east: float,
               width: int = 900) -> tuple[Image.Image, float]:
    """A land/sea image of the box (Mercator), and its height/width ratio."""
    y0, y1 = _mercator_y(south), _mercator_y(north)
    height = max(1, int(width * (y1 - y0) / (east - west)))
    xs = np.linspace(west, east, width)
    ys = np.linspace(y1, y0, height)
    lats = np.degrees(2 * np.arctan(np.exp(np.radians(ys))) - math.pi / 2)
    mask = land_mask()
    rows = np.clip(((90.0 - lats) / 180.0 * mask.rows).astype(np.int64), 0, mask.rows - 1)
    columns = (((xs + 180.0) / 360.0 * mask.columns).astype(np.int64)) % mask.columns
    grid_rows, grid_columns = np.meshgrid(rows, columns, indexing="ij")
    packed = mask._packed
    land = (packed[grid_rows, grid_columns >> 3] >> (7 - (grid_columns & 7))) & 1
    image = np.where(land[..., None] == 1, np.array(LAND, dtype=np.uint8),
                     np.array(SEA, dtype=np.uint8)).astype(np.uint8)
    return Image.fromarray(image, "RGB"), height / width


def project(latitude: float, longitude: float, box: tuple[float, float, float, float],
            width: float, height: float) -> tuple[float, float]:
    """Page coordinates (origin bottom left) of a point inside *box* (south, west, north, east)."""
    south, west, north, east = box
    x = (longitude - west) / (east - west) * width
    y = (_mercator_y(latitude) - _mercator_y(south)) / \
        (_mercator_y(north) - _mercator_y(south)) * height
    return x, y
