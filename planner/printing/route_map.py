"""The route map of the book: the tour's cities and route drawn to scale from coordinates,
over a land/sea background from the offline land mask (:mod:`planner.geo.mapping`). No web
tiles."""

from __future__ import annotations

import numpy as np
from PIL import Image

from planner.geo.mapping import land_grid, latitudes_at, mercator_y, paint_land

LAND = (226, 222, 208)
SEA = (206, 224, 240)


def background(south: float, west: float, north: float, east: float,
               width: int = 900) -> tuple[Image.Image, float]:
    """A land/sea image of the box (Mercator), and its height/width ratio."""
    y0, y1 = mercator_y(south), mercator_y(north)
    height = max(1, int(width * (y1 - y0) / (east - west)))
    longitudes = np.linspace(west, east, width)
    latitudes = latitudes_at(np.linspace(y1, y0, height))
    image = paint_land(land_grid(latitudes, longitudes), LAND, SEA)
    return Image.fromarray(image, "RGB"), height / width


def project(latitude: float, longitude: float, box: tuple[float, float, float, float],
            width: float, height: float) -> tuple[float, float]:
    """Page coordinates (origin bottom left) of a point inside *box* (south, west, north, east)."""
    south, west, north, east = box
    x = (longitude - west) / (east - west) * width
    y = (mercator_y(latitude) - mercator_y(south)) / \
        (mercator_y(north) - mercator_y(south)) * height
    return x, y
