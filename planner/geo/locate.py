"""Where a place is, offline, from whatever a coordinator types or pastes into one box.

Coordinators get places in every shape: coordinates copied from a map (``55.6761, 12.5683``,
``55°40′34″N 12°34′06″E``), a link from OpenStreetMap, Google Maps, Apple Maps or Bing, a ``geo:``
URI from a phone, an airport code (``CPH``) or just a city. :func:`locate` reads all of them
without a network: a link is taken apart as a string, never opened, so a short link (which only
its web service can expand) is refused with a reason instead of guessed. Each answer says how far
to trust it: ``exact`` is True only for the point of the place itself (typed, marked in a link, an
airport); a city gives its centre, with a note that says so.

A text is never silently bent into something else: coordinates out of range, a link without
coordinates, an unknown or ambiguous name all raise :class:`LocationError` with the reason and,
where there are any, suggestions the coordinator can pick (each is text that :func:`locate`
accepts as it is).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, parse_qs, unquote_plus, urlsplit

from planner.errors import InputError
from planner.folding import fold
from planner.geo.countries import country_code
from planner.geo.gazetteer import City, PlaceNotFound, gazetteer
from planner.geo.sphere import distance_km
from planner.geo.zones import zone_at
from planner.messages import N_, render

if TYPE_CHECKING:
    import airportsdata

#: A town this far from an airport whose code is spelt like it is a different place (Ulm, Hof).
_SAME_PLACE_KM = 60.0
_READABLE = "OpenStreetMap, Google Maps, Apple Maps or geo:"
_EMPTY = N_("type coordinates, paste a map link, an airport code or a city")
_NOT_A_MAP_LINK = N_("not a map link Ecovisit can read ({readable})")


@dataclass(frozen=True)
class Located:
    """A place's point, its zone and how it was found (what the box shows back to the user)."""

    latitude: float
    longitude: float
    zone: str  # IANA zone at the point (zones.zone_at)
    exact: bool  # the door itself (typed, from a link, an airport), not a city's centre
    #: "coordinates" | "map link" | "airport" | "station" | "port" | "city" (or the caller's,
    #: located_at)
    source: str
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    name: str = ""  # the airport's name, or the label a link carries (Google's /place/NAME/)
    note: str = ""  # what the user should know: approximate, the map's centre, a guess


class LocationError(InputError):
    """Text that gives no place, with the reason, and *suggestions* (texts :func:`locate`
    accepts, such as ``"Copenhagen, DK"``) when there are likely ones."""

    def __init__(self, message: str, suggestions: list[str] | None = None, *,
                 template: str = "", **data: Any) -> None:
        super().__init__(template.format(**data) if template else message)
        self.suggestions: list[str] = list(suggestions or [])
        self.template, self.data = template, data

    def message(self, language: str = "en") -> str:
        """The reason in *language* (the catalogue's, where this error has a template)."""
        return render(self.template, self.data, language) if self.template else str(self)


def _said(template: str, suggestions: list[str] | None = None, **data: Any) -> LocationError:
    """A :class:`LocationError` whose text the catalogue translates."""
    return LocationError("", suggestions, template=template, **data)


# --- coordinates -----------------------------------------------------------------------------

_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"


def _part(n: int, letter_first: bool) -> str:
    """One coordinate: an optional label, a sign, degrees [minutes [seconds]], and a compass
    letter before the number (*letter_first*) or after it."""
    letter = r"[NSEW](?![a-z])"  # N, not the N of "Nord"
    return (rf"(?P<label{n}>lat(?:itude)?|lon(?:g(?:itude)?)?|lng)?\s*[:=]?\s*"
            rf"(?P<pre{n}>{letter if letter_first else '(?!)'})?\s*(?P<sign{n}>[-+])?\s*"
            rf"(?P<deg{n}>{_NUMBER})\s*(?P<mark{n}>°)?\s*"
            rf"(?:(?P<min{n}>{_NUMBER})\s*'\s*(?:(?P<sec{n}>{_NUMBER})\s*\"?\s*)?)?"
            rf"(?P<post{n}>{'(?!)' if letter_first else letter})?")


#: ``N 55 E 12`` and ``55 N 12 E``: the letters all lead or all follow, or ``55 E 12`` is unclear.
_PAIRS = [re.compile(rf"\s*{_part(1, first)}\s*(?:[,;/]\s*|\s+){_part(2, first)}\s*",
                     re.IGNORECASE) for first in (True, False)]
_DECIMAL_COMMAS = re.compile(r"\s*([-+]?\d+,\d+)\s*(?:;\s*|\s+)([-+]?\d+,\d+)\s*")
_MARKS = str.maketrans({"′": "'", "’": "'", "‘": "'", "´": "'", "ʹ": "'", "`": "'",
                        "″": '"', "”": '"', "“": '"', "ʺ": '"', "º": "°", "˚": "°",
                        "−": "-"})


def _normalised(text: str) -> str:
    """Typographic marks as ASCII and full-width digits as ASCII (``５５．６７`` is 55.67), so
    that one pattern reads what maps, spreadsheets and Japanese keyboards produce."""
    text = unicodedata.normalize("NFKC", text.replace("º", "°"))
    return text.translate(_MARKS).replace("''", '"')


def _axis(match: re.Match[str], n: int) -> tuple[str | None, bool]:
    """Which axis a part names ("lat", "lon" or None) and whether it points south or west."""
    label = (match[f"label{n}"] or "").lower()
    letter = (match[f"pre{n}"] or match[f"post{n}"] or "").upper()
    axis = "lat" if letter in ("N", "S") else "lon" if letter in ("E", "W") else None
    named = "lat" if label.startswith("lat") else "lon" if label else None
    if axis and named and axis != named:
        raise LocationError(f"{match[0].strip()!r}: {label} with the compass letter {letter}")
    if letter in ("S", "W") and match[f"sign{n}"] == "-":
        raise LocationError(f"{match[0].strip()!r}: both a minus sign and {letter}; "
                            "use one of them")
    return axis or named, letter in ("S", "W")


def _degrees(match: re.Match[str], n: int) -> float:
    degrees, minutes, seconds = match[f"deg{n}"], match[f"min{n}"], match[f"sec{n}"]
    value = float(degrees)
    if minutes is not None:
        if float(degrees) != int(float(degrees)):
            raise LocationError(f"{match[0].strip()!r}: degrees with a fraction and minutes")
        if float(minutes) >= 60 or (seconds is not None and float(seconds) >= 60):
            raise LocationError(f"{match[0].strip()!r}: minutes and seconds go up to 59")
        value += float(minutes) / 60 + float(seconds or 0) / 3600
    return -value if match[f"sign{n}"] == "-" else value


def _in_range(latitude: float, longitude: float, where: str = "",
              swap_hint: bool = False) -> tuple[float, float]:
    """The point, or the error that names the number out of range (with *swap_hint*, and a
    latitude that would fit as longitude and the other way round, the swap as a suggestion)."""
    swapped = swap_hint and abs(longitude) <= 90 and abs(latitude) <= 180
    if not -90 <= latitude <= 90:
        if swapped:
            raise _said(N_("latitude {value}{where} is out of range (-90 to 90); are latitude "
                           "and longitude swapped?"), [f"{longitude}, {latitude}"],
                        value=f"{latitude:g}", where=where)
        raise _said(N_("latitude {value}{where} is out of range (-90 to 90)"),
                    value=f"{latitude:g}", where=where)
    if not -180 <= longitude <= 180:
        raise _said(N_("longitude {value}{where} is out of range (-180 to 180)"),
                    value=f"{longitude:g}", where=where)
    return latitude, longitude


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``(latitude, longitude)`` from coordinates as people copy them, or None for other text.

    Reads decimal degrees (``55.6761, 12.5683``, ``55.6761 12.5683``, ``55,6761 12,5683`` with
    decimal commas), degrees with minutes and seconds (``55°40′34″N 12°34′06″E``), compass letters
    before or after (which also allow longitude first: ``12.5683E 55.6761N``) and labels
    (``lat 55.6761, lon 12.5683``). Text that is shaped like coordinates but cannot be a point on
    Earth raises :class:`LocationError` naming the number at fault rather than passing as a name.
    """
    text = _normalised(text)
    commas = _DECIMAL_COMMAS.fullmatch(text)
    if commas:
        text = f"{commas[1].replace(',', '.')} {commas[2].replace(',', '.')}"
    match = _PAIRS[0].fullmatch(text) or _PAIRS[1].fullmatch(text)
    if match is None:
        return None
    (axis1, negative1), (axis2, negative2) = _axis(match, 1), _axis(match, 2)
    if axis1 is not None and axis1 == axis2:
        which = "latitudes (N/S)" if axis1 == "lat" else "longitudes (E/W)"
        raise LocationError(f"{match[0].strip()!r}: two {which} and no "
                            f"{'longitude' if axis1 == 'lat' else 'latitude'}")
    first = _degrees(match, 1) * (-1 if negative1 else 1)
    second = _degrees(match, 2) * (-1 if negative2 else 1)
    if axis1 == "lon" or axis2 == "lat":
        first, second = second, first
    # Where letters or labels name the axes, a swap is no likely slip: no suggestion then.
    return _in_range(first, second, swap_hint=not (axis1 or axis2))


# --- map links -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _LinkPoint:
    latitude: float
    longitude: float
    label: str = ""
    marked: bool = True  # a marked place; False for the centre of the map view


_SHORT_HOSTS = {"goo.gl", "maps.app.goo.gl", "g.co", "maps.apple", "binged.it", "osm.org/go"}
_GOOGLE_HOST = re.compile(r"(?:www\.|maps\.)?google\.(?:com?\.)?[a-z]{2,3}")
_BARE_HOST = re.compile(r"(?:www\.)?(?:openstreetmap\.org|osm\.org|maps\.apple\.com|maps\.apple/|"
                        r"maps\.google\.|google\.[a-z.]+/maps|(?:maps\.app\.)?goo\.gl/|"
                        r"bing\.com/maps)", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://\S+", re.IGNORECASE)
_STRICT_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def _number(text: str) -> float | None:
    """A plain decimal number (not ``nan``, ``inf`` or ``1_000``, which float() would take)."""
    text = text.strip()
    return float(text) if _STRICT_NUMBER.fullmatch(text) else None


def _pair(first: str, second: str) -> tuple[float, float] | None:
    a, b = _number(first), _number(second)
    return None if a is None or b is None else _in_range(a, b, " in the link")


def _coordinates_in(value: str) -> tuple[float, float] | None:
    """Coordinates a link parameter holds (``52.37,4.89``, ``loc:52.37,4.89``), if it holds any."""
    value = value.strip()
    value = value[4:] if value.lower().startswith("loc:") else value
    try:
        return parse_coordinates(value)
    except LocationError as exc:
        raise LocationError(f"the link's coordinates: {exc}") from None


def _first(query: dict[str, list[str]], *names: str) -> str:
    for name in names:
        if query.get(name) and query[name][0].strip():
            return query[name][0].strip()
    return ""


def _no_coordinates(service: str, label: str, what: str = "") -> LocationError:
    named = f" names {label!r} but" if label else ""
    return LocationError(
        f"this {service} link{named} holds no coordinates{what}; open it, let the map show the "
        "place and copy the full address from the address bar (or type the coordinates)")


def _short_link() -> LocationError:
    return _said(N_("short links cannot be read offline; open it and copy the full address"))


def _google(url: SplitResult) -> _LinkPoint:
    """Google Maps: the place's pin (``!3d<lat>!4d<lon>`` in data=) wins over coordinates in
    the query (``q=``, ``query=``), the place's name when it is coordinates, and last the
    ``@lat,lon`` of the map's centre."""
    raw_path = url.path
    query = parse_qs(url.query)
    segments = raw_path.split("/")
    if "dir" in segments[:3] and not query.get("destination"):
        raise LocationError("a Google Maps directions link holds several places; "
                            "copy the link of the one place")
    label = ""
    named: tuple[float, float] | None = None
    for key in ("place", "search"):
        if key in segments and segments.index(key) + 1 < len(segments):
            text = unquote_plus(segments[segments.index(key) + 1])
            named = _coordinates_in(text)
            label = "" if named else text.strip()
            break
    pins = re.findall(r"!3d(-?[\d.]+)!4d(-?[\d.]+)", raw_path)
    if pins and (pin := _pair(*pins[-1])):
        return _LinkPoint(*pin, label)
    for key in ("q", "query", "destination", "daddr"):
        value = _first(query, key)
        if value and (point := _coordinates_in(value)):
            return _LinkPoint(*point, label)
        label = label or value
    if named:
        return _LinkPoint(*named, label)
    centre = re.search(r"/@(-?[\d.]+),(-?[\d.]+)", raw_path)
    if centre and (point := _pair(centre[1], centre[2])):
        return _LinkPoint(*point, label, marked=False)
    for key in ("ll", "center"):
        if (value := _first(query, key)) and (point := _coordinates_in(value)):
            return _LinkPoint(*point, label, marked=False)
    raise _no_coordinates("Google Maps", label)


def _apple(url: SplitResult) -> _LinkPoint:
    """Apple Maps: ``coordinate=`` or ``ll=`` (the place), then ``daddr=``, then the search
    centre ``sll=`` or ``center=``; the label from ``name=``, ``q=`` or ``address=``."""
    query = parse_qs(url.query)
    label = ""
    for key in ("name", "q", "address"):
        value = _first(query, key)
        if value and not _coordinates_in(value):
            label = value
            break
    for keys, marked in ((("coordinate", "ll", "daddr", "q"), True), (("sll", "center"), False)):
        for key in keys:
            if (value := _first(query, key)) and (point := _coordinates_in(value)):
                return _LinkPoint(*point, label, marked)
    raise _no_coordinates("Apple Maps", label)


def _openstreetmap(url: SplitResult) -> _LinkPoint:
    """OpenStreetMap: the marker ``mlat=&mlon=`` wins over the map's centre ``#map=z/lat/lon``
    (or the old ``lat=&lon=``); a node, way or relation link alone holds no coordinates."""
    if url.path.startswith("/go/"):
        raise _short_link()
    query, fragment = parse_qs(url.query), parse_qs(url.fragment)
    if url.path.startswith("/directions"):
        raise LocationError("an OpenStreetMap directions link holds several places; "
                            "copy the link of the one place")
    if (lat := _first(query, "mlat")) and (lon := _first(query, "mlon")) and (
            point := _pair(lat, lon)):
        return _LinkPoint(*point)
    if (value := _first(query, "query")) and (point := _coordinates_in(value)):
        return _LinkPoint(*point)
    parts = _first(fragment, "map").split("/")
    if len(parts) == 3 and (point := _pair(parts[1], parts[2])):
        return _LinkPoint(*point, marked=False)
    if (lat := _first(query, "lat")) and (lon := _first(query, "lon")) and (
            point := _pair(lat, lon)):
        return _LinkPoint(*point, marked=False)
    kind = re.match(r"/(node|way|relation)/(\d+)", url.path)
    what = f" (only the number of OpenStreetMap {kind[1]} {kind[2]})" if kind else ""
    raise _no_coordinates("OpenStreetMap", "", what)


def _bing(url: SplitResult) -> _LinkPoint:
    """Bing Maps: a pushpin ``sp=point.lat_lon_name`` or else the centre ``cp=lat~lon``."""
    query = parse_qs(url.query)
    spot = _first(query, "sp").split("_")
    if spot[0].startswith("point.") and len(spot) >= 2 and (
            point := _pair(spot[0][len("point."):], spot[1])):
        return _LinkPoint(*point, "_".join(spot[2:]).strip())
    centre = _first(query, "cp").split("~")
    if len(centre) == 2 and (point := _pair(*centre)):
        return _LinkPoint(*point, _first(query, "q", "where1"), marked=False)
    raise _no_coordinates("Bing Maps", _first(query, "q", "where1"))


def _geo_uri(text: str) -> _LinkPoint:
    """An RFC 5870 ``geo:lat,lon[,alt][;crs=..][;u=..][?q=..]`` URI; Android's
    ``geo:0,0?q=lat,lon(label)`` puts the place in q= instead."""
    body, _, query_text = text[len("geo:"):].partition("?")
    path, *params = unquote_plus(body).split(";")
    numbers = path.split(",")
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "crs" and value.strip().lower() != "wgs84":
            raise LocationError(f"a geo: link in the reference system {value.strip()!r}; "
                                "only WGS 84 (the GPS one) is understood")
    if len(numbers) not in (2, 3) or any(_number(n) is None for n in numbers):
        raise LocationError(f"a geo: link needs latitude,longitude after geo:, not {path!r}")
    point = _in_range(float(numbers[0]), float(numbers[1]), " in the link")
    q = _first(parse_qs(query_text), "q")
    found = re.fullmatch(r"\s*([-+]?[\d.]+)\s*,\s*([-+]?[\d.]+)\s*(?:\((.*)\))?\s*", q)
    in_q = _pair(found[1], found[2]) if found else None
    label = (found[3] or "").strip() if found else q
    if point == (0.0, 0.0):
        if in_q is None:
            raise _no_coordinates("geo:", label)
        point = in_q
    return _LinkPoint(*point, label)


def _read_link(text: str) -> _LinkPoint | None:
    text = text.strip().strip("<>")
    if text.lower().startswith("geo:"):
        return _geo_uri(text)
    if not re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        if _BARE_HOST.match(text) and not re.search(r"\s", text):
            text = "https://" + text  # copied without its scheme
        elif found := _URL_IN_TEXT.search(text):  # a link inside a message
            text = found[0].rstrip(".,;:!?)]>'\"")
        else:
            return None
    url = urlsplit(text)
    host = (url.hostname or "").lower()
    if url.scheme.lower() == "maps":  # Apple's own maps:// scheme
        return _apple(url)
    if url.scheme.lower() not in ("http", "https"):
        raise _said(_NOT_A_MAP_LINK, readable=_READABLE)
    if host in _SHORT_HOSTS or f"{host}/{url.path.strip('/').split('/')[0]}" in _SHORT_HOSTS:
        raise _short_link()
    if host in ("openstreetmap.org", "www.openstreetmap.org", "osm.org", "www.osm.org"):
        return _openstreetmap(url)
    if _GOOGLE_HOST.fullmatch(host) and (host.startswith("maps.") or url.path.startswith(
            "/maps")):
        return _google(url)
    if host == "maps.apple.com":
        return _apple(url)
    if host in ("bing.com", "www.bing.com") and url.path.startswith("/maps"):
        return _bing(url)
    raise _said(_NOT_A_MAP_LINK, readable=_READABLE)


def parse_map_link(text: str) -> tuple[float, float, str] | None:
    """``(latitude, longitude, label)`` from a map link or ``geo:`` URI, read as a string only.

    None when *text* is not a link at all. A link that is one but gives no point (a short link,
    which only its web service can expand; a directions link; a place named without coordinates;
    a web page that is no map) raises :class:`LocationError` saying what to copy instead.
    """
    found = _read_link(text)
    return None if found is None else (found.latitude, found.longitude, found.label)


# --- airports and cities ---------------------------------------------------------------------

@functools.cache
def _airports() -> dict[str, airportsdata.Airport]:
    import airportsdata  # when a code is first looked up, not when the window starts

    return airportsdata.load("IATA")


def _point(latitude: float, longitude: float, source: str, name: str = "",
           note: str = "") -> Located:
    """A point with its zone and the town it is in (none at sea or far from any town)."""
    town = gazetteer().nearest(latitude, longitude)
    return Located(latitude, longitude, zone_at(latitude, longitude), True, source,
                   town.name if town else "", town.country if town else "", name, note)


def airport(code: str) -> Located | None:
    """The airport with IATA *code* (``CPH``, ``cph``), or None if there is none.

    Airports are where a delegation arrives and leaves, and their codes are on every ticket, so a
    code gives the terminal's point (exact), from the airportsdata table shipped with the app.
    """
    key = code.strip().upper()
    found = _airports().get(key) if re.fullmatch(r"[A-Z]{3}", key) else None
    if found is None:
        return None
    latitude, longitude = float(found["lat"]), float(found["lon"])
    town = found["city"]
    if not town:
        near = gazetteer().nearest(latitude, longitude)
        town = near.name if near else ""
    return Located(latitude, longitude, zone_at(latitude, longitude), True, "airport",
                   town, found["country"], found["name"])


def station(text: str) -> Located | None:
    """The station or ferry port of the shipped network that *text* names (``Köln Hbf``,
    ``Gare du Nord``, ``Helsinki West Harbour``), or None: its name, or words of its name
    beyond its city's (a city's name alone is the city)."""
    from planner.network.data import network_data

    wanted = set(fold(text).split())
    if not wanted:
        return None
    found = []
    for node in network_data().nodes:
        words = set(fold(node.name).split())
        if fold(node.name) == fold(text) and fold(node.city) != fold(text):
            found = [node]
            break
        if wanted <= words and wanted - set(fold(node.city).split()):
            found.append(node)
    if len(found) != 1:
        return None
    node = found[0]
    return Located(node.latitude, node.longitude, zone_at(node.latitude, node.longitude), True,
                   node.kind, node.city, node.country, node.name)


def _suggestions(cities: list[City]) -> list[str]:
    """``Name, CC`` for each city (``Name, CC-region`` where that alone would be two places),
    which :func:`city` and :func:`locate` read back as that very city."""
    short = [f"{c.name}, {c.country}" for c in cities]
    return [s if short.count(s) == 1 or not c.region else f"{s}-{c.region}"
            for s, c in zip(short, cities, strict=True)]


def _country_hint(country: str | None) -> str | None:
    if not country or not country.strip():
        return None
    code = country_code(country)
    if code is None:
        raise LocationError(f"unknown country {country!r}")
    return code


def _split_country(name: str) -> tuple[str, str | None, str | None]:
    """``Paris, FR`` -> (``Paris``, ``FR``, None); ``Neustadt, DE-08`` also gives the region."""
    head, comma, tail = name.rpartition(",")
    if not comma or not head.strip():
        return name.strip(), None, None
    tail = tail.strip()
    regional = re.fullmatch(r"([A-Za-z]{2})-(\w+)", tail)
    if regional and country_code(regional[1]):
        return head.strip(), country_code(regional[1]), regional[2]
    code = country_code(tail)
    return (head.strip(), code, None) if code else (name.strip(), None, None)


def _city_located(town: City, note: str = "") -> Located:
    notes = [f"approximate: the centre of {town.name}", note]
    return Located(town.latitude, town.longitude, zone_at(town.latitude, town.longitude), False,
                   "city", town.name, town.country, "", "; ".join(n for n in notes if n))


def city(name: str, country: str | None = None) -> Located:
    """The centre of the city *name* (in *country* if given; ``Paris, FR`` names it inline).

    Only the town is known, so the point is approximate (``exact`` False), and the note says so.
    An unknown name raises :class:`LocationError` with up to three cities spelt like it (large ones
    first); an ambiguous one with the candidates to choose from.
    """
    text, inline, region = _split_country(name)
    code = inline or _country_hint(country)
    if not text:
        raise _said(_EMPTY)
    where = f" in {code}" if code else ""
    if region:
        found = [c for c in gazetteer().candidates(text, code) if c.region == region]
        if len(found) == 1:
            return _city_located(found[0])
        if found:
            listing = "; ".join(c.label() for c in found[:6])
            raise LocationError(f"city {name!r} is still ambiguous: {listing}; "
                                "give its coordinates")
    else:
        try:
            match = gazetteer().lookup(text, code)
        except PlaceNotFound as exc:
            if exc.candidates:
                raise LocationError(str(exc), _suggestions(exc.candidates[:6])) from None
        else:
            return _city_located(match.city, match.note)
    similar = _suggestions(gazetteer().similar(text, 3, code))
    if similar:
        raise _said(N_("unknown city {text!r}{where} (not in the offline gazetteer); did you "
                       "mean {guesses}?"), similar, text=text, where=where,
                    guesses=" / ".join(similar))
    raise _said(N_("unknown city {text!r}{where} (not in the offline gazetteer)"), text=text,
                where=where)


def _airport_or_town(text: str, port: Located, country: str | None) -> Located:
    """Three letters are an airport code but also the name of towns (Ulm, Hof, Hel) far from
    that airport: capitals mean the code, a capitalised word the town, and lower case that could
    be either is asked about rather than guessed."""
    towns = [c for c in gazetteer().candidates(text, country) if fold(c.name) == fold(text)
             and distance_km(c.latitude, c.longitude, port.latitude, port.longitude)
             > _SAME_PLACE_KM]
    if not towns:
        return port
    if country and port.country != country:  # the town is in the country the user works in
        return city(text, country)
    code = text.upper()
    about = f"{code} is the airport {port.name} ({port.country})"
    if text.isupper():
        other = _suggestions(towns[:1])[0]
        return _replace_note(port, f"{about}; for the town type {other!r}")
    if text.islower():
        listing = ", ".join(_suggestions(towns[:3]))
        raise LocationError(f"{text!r} is both the airport code {code} ({port.name}, "
                            f"{port.country}) and the name of {listing}; type the code in "
                            "capitals for the airport, or the town with its country",
                            [code, *_suggestions(towns[:3])])
    town = city(text, country)
    return _replace_note(town, f"{about}: type {code} in capitals for it")


def _replace_note(place: Located, note: str) -> Located:
    notes = "; ".join(n for n in (place.note, note) if n)
    return Located(place.latitude, place.longitude, place.zone, place.exact, place.source,
                   place.city, place.country, place.name, notes)


# --- the entry points ------------------------------------------------------------------------

def located_at(latitude: float, longitude: float, source: str = "map") -> Located:
    """A point the user chose on the map: exact, with its zone and the town it is in."""
    latitude, longitude = _in_range(latitude, longitude)
    return _point(latitude, longitude, source)


def locate(text: str, country: str | None = None) -> Located:
    """The place *text* gives: a map link or geo: URI, coordinates, an IATA airport code, a
    station or ferry port of the shipped network, or a city (tried in that order, as each is
    recognisable by its shape or its words before the gazetteer's names).

    *country* (a code or a name) narrows a city name; ``Paris, FR`` in the text does the same.
    """
    stripped = text.strip()
    if not stripped:
        raise _said(_EMPTY)
    link = _read_link(stripped)
    if link is not None:
        note = ("" if link.marked else
                "the centre of the map view in the link, which marks no place: check the point")
        return _point(link.latitude, link.longitude, "map link", link.label, note)
    point = parse_coordinates(stripped)
    if point is not None:
        return _point(*point, "coordinates")
    hint = _country_hint(country)
    if re.fullmatch(r"[A-Za-z]{3}", stripped) and (port := airport(stripped)) is not None:
        return _airport_or_town(stripped, port, hint)
    if (stop := station(stripped)) is not None:
        return stop
    if re.search(r"\d", stripped) and not re.search(r"[^\W\d_]{2}", stripped):
        raise LocationError(f"{stripped!r} is not coordinates Ecovisit can read; write latitude "
                            "and longitude such as 55.6761, 12.5683 or 55°40′34″N 12°34′06″E")
    try:
        return city(stripped, hint)
    except LocationError as exc:
        if exc.suggestions or "unknown city" not in str(exc):
            raise
        three = " or an airport code" if re.fullmatch(r"[A-Za-z]{3}", stripped) else ""
        where = f" in {hint}" if hint else ""
        raise LocationError(f"{stripped!r} is not a city known offline{where}{three}: "
                            f"{_EMPTY}") from None
