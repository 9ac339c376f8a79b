"""The land and sea under the route map, as tiles drawn once and kept.

A tile is a square of the world map at one zoom level (:func:`planner.geo.mapping.land_tile`),
turned into a pixmap the first time it is shown and reused while the map is panned, zoomed
within the level or repainted; the least recently shown tiles are dropped beyond a limit. The
map is drawn from the level just below its scale, so every tile is enlarged by less than two.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from planner.geo.mapping import TILE_SIZE, coast_style, land_tile, paint_land, tile_span

#: The deepest level (the map zooms no further: about a metre a pixel).
MAX_LEVEL = 16


def level_for(scale: float) -> int:
    """The tile level to draw a map of *scale* (pixels per map degree) from."""
    exact = math.log2(max(scale, 1e-9) * 360.0 / TILE_SIZE)
    return max(0, min(MAX_LEVEL, math.floor(exact + 1e-9)))


class TileCache:
    """Land/sea tiles as pixmaps, in the current colours, most recently shown last."""

    def __init__(self, limit: int = 128) -> None:
        self.limit = limit
        self.land = QColor(226, 222, 208)
        self.sea = QColor(206, 224, 240)
        self._tiles: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()
        #: How many tiles were drawn (not taken from the cache) so far.
        self.rendered = 0

    def set_colours(self, land: QColor, sea: QColor) -> None:
        """Draw land and sea in these colours from now on."""
        if (land, sea) != (self.land, self.sea):
            self.land, self.sea = QColor(land), QColor(sea)
            self._tiles.clear()

    def tile(self, level: int, column: int, row: int) -> QPixmap:
        """One tile (*column* already wrapped into the world)."""
        key = (level, column, row)
        found = self._tiles.get(key)
        if found is not None:
            self._tiles.move_to_end(key)
            return found
        import numpy as np  # with the first tile: the window starts without numpy

        share = land_tile(level, column, row)
        sharpen, coast = coast_style(level)
        rgb = np.ascontiguousarray(paint_land(share, _rgb(self.land), _rgb(self.sea), sharpen,
                                              coast))
        image = QImage(rgb.data, TILE_SIZE, TILE_SIZE, 3 * TILE_SIZE, QImage.Format.Format_RGB888)
        pixmap = QPixmap.fromImage(image.copy())  # image only borrows rgb
        self.rendered += 1
        self._tiles[key] = pixmap
        while len(self._tiles) > self.limit:
            self._tiles.popitem(last=False)
        return pixmap

    def draw(self, painter: QPainter, width: int, height: int, centre_x: float, centre_y: float,
             scale: float) -> None:
        """Fill a *width* by *height* map centred on (*centre_x*, *centre_y*) map degrees at
        *scale* pixels per degree."""
        painter.fillRect(QRect(0, 0, width, height), self.sea)
        level = level_for(scale * painter.device().devicePixelRatioF())  # sharp on high DPI
        span = tile_span(level)
        count = 1 << level
        west = centre_x - width / 2 / scale
        east = centre_x + width / 2 / scale
        north = centre_y + height / 2 / scale
        south = centre_y - height / 2 / scale
        first_column = math.floor((west + 180.0) / span)
        last_column = math.floor((east + 180.0) / span)
        first_row = max(0, math.floor((180.0 - north) / span))
        last_row = min(count - 1, math.floor((180.0 - south) / span))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)

        def to_x(x: float) -> int:
            return round((x - centre_x) * scale + width / 2)

        def to_y(y: float) -> int:
            return round((centre_y - y) * scale + height / 2)

        for row in range(first_row, last_row + 1):
            top, bottom = to_y(180.0 - row * span), to_y(180.0 - (row + 1) * span)
            for column in range(first_column, last_column + 1):
                left = to_x(-180.0 + column * span)
                right = to_x(-180.0 + (column + 1) * span)
                pixmap = self.tile(level, column % count, row)
                painter.drawPixmap(QRect(left, top, right - left, bottom - top), pixmap)
        painter.restore()


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()
