"""Turning typed-in cell text into clean values: names, kinds, topics, languages, coordinates."""

from __future__ import annotations

import functools
import re

from babel import Locale

from planner.folding import fold
from planner.model import OrganisationKind

_LEGAL_FORMS = re.compile(
    r"\b(gmbh|ag|se|kg|ug|ohg|e ?v|oy|oyj|ab|as|a ?s|aps|bv|nv|ltd|limited|llc|inc|corp|"
    r"corporation|co|company|plc|sa|sas|sarl|spa|srl|kk|k ?k)\b"
    r"|株式会社|有限会社|合同会社|\(株\)|㈱")

_KIND_WORDS: dict[str, OrganisationKind] = {
    **{fold(k.value): k for k in OrganisationKind},
    **{fold(word): kind for kind, words in {
        OrganisationKind.STARTUP: ["start-up", "start up", "スタートアップ", "ベンチャー",
                                   "ベンチャー企業"],
        OrganisationKind.SCALEUP: ["scale-up", "scale up", "スケールアップ"],
        OrganisationKind.INVESTOR: ["vc", "venture capital", "fund", "cvc", "investor",
                                    "投資家", "ベンチャーキャピタル", "投資会社", "ファンド"],
        OrganisationKind.ACCELERATOR: ["incubator", "venture studio", "アクセラレーター",
                                       "インキュベーター"],
        OrganisationKind.CORPORATE: ["corporation", "company", "enterprise", "corporate lab",
                                     "大企業", "企業", "事業会社"],
        OrganisationKind.UNIVERSITY: ["uni", "college", "school", "大学", "大学院"],
        OrganisationKind.RESEARCH: ["research institute", "lab", "laboratory", "institute",
                                    "研究所", "研究機関"],
        OrganisationKind.PUBLIC_AGENCY: ["public agency", "agency", "government", "ministry",
                                         "public", "政府機関", "公的機関", "行政", "自治体"],
        OrganisationKind.HUB: ["innovation hub", "campus", "coworking", "co-working",
                               "ハブ", "キャンパス"],
        OrganisationKind.OTHER: ["その他"],
    }.items() for word in words},
}


def organisation_key(name: str) -> str:
    """A name for de-duplication: ``Celonis SE`` and ``CELONIS`` give the same key."""
    folded = fold(name)
    stripped = re.sub(r"[^\w\s]", " ", _LEGAL_FORMS.sub(" ", folded))
    return " ".join(stripped.split()) or folded


def parse_kind(text: str) -> OrganisationKind | None:
    """An organisation kind from an English or Japanese word, or None if not recognised."""
    return _KIND_WORDS.get(fold(text))


def split_list(text: str) -> list[str]:
    """``"AI; mobility, 電池・水素"`` -> ``["AI", "mobility", "電池", "水素"]``."""
    return [part.strip() for part in re.split(r"[;,、・|\n]", text) if part.strip()]


def parse_topics(text: str) -> list[str]:
    """Topic tags in one spelling: lower case, words joined by hyphens, order kept, no repeats."""
    topics: list[str] = []
    for part in split_list(text):
        tag = "-".join(part.casefold().split())
        if tag not in topics:
            topics.append(tag)
    return topics


@functools.cache
def _language_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for locale in ("en", "ja", "de", "fr"):
        for code, name in Locale(locale).languages.items():
            if "_" not in code:
                names.setdefault(fold(name), code)
    return names


@functools.cache
def _language_codes() -> frozenset[str]:
    return frozenset(fold(code) for code in _language_names().values())


def parse_language(text: str) -> str | None:
    """A BCP 47 language code from a code (``de``, ``pt-BR``) or a name (German, ドイツ語)."""
    text = text.strip()
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", text) and \
            fold(text.split("-")[0]) in _language_codes():
        head, *rest = text.split("-")
        return "-".join([head.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])
    return _language_names().get(fold(text))


def parse_number(text: str) -> float:
    """A decimal number written with a point or a decimal comma (``52,5``); ValueError if not."""
    cleaned = text.strip().replace("\u2212", "-")
    if re.fullmatch(r"[-+]?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    if "_" in cleaned:  # Python's float() reads "4_8.1" as 48.1; nobody writes numbers so
        raise ValueError("not a number")
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def parse_coordinates(text: str) -> tuple[float, float]:
    """``"52.52, 13.40"``, ``"52.52;13.40"`` or a ``geo:52.52,13.40`` URI -> (lat, lon)."""
    body = text.strip()
    if body.lower().startswith("geo:"):
        body = body[4:].split(";")[0]
    if ";" in body:
        parts = body.split(";")
    elif re.fullmatch(r"\s*[-+]?\d+,\d+\s+[-+]?\d+,\d+\s*", body):  # decimal commas
        parts = body.split()
    else:
        parts = re.split(r"[,\s]+", body)
    parts = [p for p in parts if p.strip()]
    if len(parts) < 2:
        raise ValueError("expected 'latitude,longitude' or a geo: URI")
    return parse_number(parts[0]), parse_number(parts[1])


_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")


def is_email(text: str) -> bool:
    """A plausible e-mail address (one @, a dot in the domain, no spaces)."""
    return bool(_EMAIL.match(text))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def unprotect(text: str) -> str:
    """Remove the apostrophe an export put before ``=``, ``+``, ``-`` or ``@`` (see export)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


_POSTAL_TOWN = re.compile(r"^\d{4,}\s")
_STREET_WORD = re.compile(r"(strasse|str)(?=\s|\d|$)")


def street_key(address: str) -> str:
    """The street and number of *address* for comparing two addresses, or ``""`` if it has
    none: ``Lichtenbergstraße 6, 85748 Garching``, ``lichtenbergstr. 6`` and
    ``Lichtenberg Strasse 6`` give the same key. The first comma-separated part with letters
    and a number, not a postal code and town; case, accents, spaces and the spellings of
    *Straße* (strasse, str.) folded."""
    for part in address.split(","):
        folded = fold(part)  # "ß" folds to "ss", "." to a space
        if not re.search(r"\d", folded) or not re.search(r"[^\W\d_]", folded) \
                or _POSTAL_TOWN.match(folded):
            continue
        return _STREET_WORD.sub("str", folded).replace(" ", "")
    return ""
