"""Public holidays of a place's country and region (the ``holidays`` package, offline).

Germany's holidays differ by state (Corpus Christi in Bavaria, not in Berlin), so a German place
is put in its state through the gazetteer: the nearest town's GeoNames state code maps to the
ISO 3166-2 code that ``holidays`` understands. Elsewhere the national holidays are used.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING

from planner.geo.gazetteer import gazetteer

if TYPE_CHECKING:
    import holidays

#: GeoNames admin1 codes of the German states -> ISO 3166-2 subdivision codes.
GERMAN_STATES = {"01": "BW", "02": "BY", "03": "HB", "04": "HH", "05": "HE", "06": "NI",
                 "07": "NW", "08": "RP", "09": "SL", "10": "SH", "11": "BB", "12": "MV",
                 "13": "SN", "14": "ST", "15": "TH", "16": "BE"}


@functools.cache
def subdivision(country: str, latitude: float, longitude: float) -> str | None:
    """The ISO 3166-2 subdivision (without the country) of a point, where it matters."""
    if country != "DE":
        return None
    town = gazetteer().nearest(latitude, longitude, within_km=40)
    if town is None or town.country != "DE":
        return None
    return GERMAN_STATES.get(town.region)


@functools.cache
def _calendar(country: str, subdiv: str | None, year: int) -> holidays.HolidayBase | None:
    import holidays  # on the first holiday looked up: the package takes ~75 ms to import

    try:
        return holidays.country_holidays(country, subdiv=subdiv, years=year)
    except NotImplementedError:  # a country the package does not know
        return None


def holiday_name(day: date, country: str, subdiv: str | None = None) -> str | None:
    """The public holiday on *day* in *country* (and *subdiv*), or None."""
    if not country:
        return None
    calendar = _calendar(country.upper(), subdiv, day.year)
    if calendar is None:
        return None
    name = calendar.get(day)
    return str(name) if name else None
