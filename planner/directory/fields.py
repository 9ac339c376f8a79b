"""The importable fields of the directory and the column names that mean them.

One row of a file is one organisation and, optionally, one of its contacts. Columns are matched
to fields by name, in English or Japanese, ignoring case, accents and punctuation; the user can
override any match (``--map COLUMN=FIELD``). ``docs/import-format.md`` lists the same table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.errors import InputError
from planner.folding import fold


@dataclass(frozen=True)
class Field:
    """An importable field: its name, what it means, and the column names that mean it."""

    name: str
    description: str
    aliases: tuple[str, ...]


FIELDS: tuple[Field, ...] = (
    Field("organisation", "name of the organisation (required)",
          ("organisation", "organization", "company", "company name", "organisation name",
           "organization name", "org", "firm", "institution", "ORG", "Firma", "Unternehmen",
           "Société", "Entreprise",
           "会社名", "企業名", "組織名", "団体名", "会社", "機関名", "所属")),
    Field("organisation_ja", "name of the organisation in Japanese",
          ("organisation ja", "organization ja", "company ja", "company japanese",
           "会社名 日本語", "組織名 日本語", "日本語名")),
    Field("kind", "startup, scaleup, investor, accelerator, corporate, university, research, "
                  "public_agency, hub or other (English or Japanese words)",
          ("kind", "type", "category", "organisation type", "organization type",
           "Typ", "Art", "Kategorie", "Catégorie", "種別", "種類", "分類", "区分")),
    Field("topics", "topics or tags, separated by ; or ,",
          ("topics", "topic", "tags", "keywords", "focus", "focus areas", "sectors",
           "CATEGORIES", "Themen", "Schlagworte", "Thèmes", "Mots-clés",
           "テーマ", "トピック", "タグ", "分野", "キーワード")),
    Field("description", "what the organisation does",
          ("description", "about", "summary", "profile", "説明", "概要", "事業内容", "紹介")),
    Field("website", "web address",
          ("website", "web", "url", "homepage", "web site", "URL", "ウェブサイト",
           "ホームページ", "ウェブ")),
    Field("organisation_phone", "the organisation's switchboard telephone",
          ("organisation phone", "organization phone", "company phone", "main phone",
           "代表電話", "代表電話番号", "会社電話")),
    Field("organisation_email", "the organisation's general e-mail",
          ("organisation email", "organization email", "company email", "general email",
           "代表メール", "会社メール")),
    Field("phone", "telephone (the contact's if a contact name is given, else the "
                   "organisation's)",
          ("phone", "telephone", "tel", "phone number", "TEL", "Telefon", "Téléphone", "電話",
           "電話番号")),
    Field("email", "e-mail (the contact's if a contact name is given, else the organisation's)",
          ("email", "e-mail", "mail", "email address", "e-mail address", "EMAIL",
           "メール", "メールアドレス", "Eメール", "電子メール")),
    Field("address", "street address",
          ("address", "street", "street address", "address line 1", "ADR street",
           "住所", "所在地", "番地")),
    Field("postal_code", "postal code (added to the address)",
          ("postal code", "postcode", "zip", "zip code", "ADR postal code", "郵便番号")),
    Field("city", "city or town, in English, the local language or Japanese",
          ("city", "town", "locality", "municipality", "ADR city", "Stadt", "Ort", "Ville",
           "都市", "都市名", "市区町村", "市", "町")),
    Field("country", "country: code (DE, DEU) or name (Germany, Deutschland, ドイツ)",
          ("country", "country code", "nation", "ADR country", "Land", "Pays", "国", "国名")),
    Field("exact", "yes if latitude/longitude are the venue's door, no if only approximate "
                   "(default: yes when coordinates are given)",
          ("exact", "coordinates exact", "exact coordinates", "正確な座標")),
    Field("latitude", "latitude of the venue, decimal degrees (exact coordinates)",
          ("latitude", "lat", "Breitengrad", "緯度")),
    Field("longitude", "longitude of the venue, decimal degrees (exact coordinates)",
          ("longitude", "lon", "lng", "long", "Längengrad", "経度")),
    Field("geo", "coordinates as 'lat,lon' or a geo: URI (exact coordinates)",
          ("geo", "coordinates", "geo uri", "GEO", "座標", "位置")),
    Field("contact_name", "full name of the contact person",
          ("contact", "contact name", "contact person", "person", "full name", "name",
           "FN", "Ansprechpartner", "Kontaktperson", "Interlocuteur",
           "担当者", "担当者名", "氏名", "名前")),
    Field("contact_first_name", "given name of the contact (joined with the family name)",
          ("first name", "given name", "forename", "Vorname", "Prénom", "名")),
    Field("contact_last_name", "family name of the contact",
          ("last name", "family name", "surname", "Nachname", "姓")),
    Field("contact_name_ja", "the contact's name in Japanese script",
          ("contact name ja", "name ja", "japanese name", "氏名 漢字", "漢字氏名")),
    Field("contact_email", "the contact's e-mail",
          ("contact email", "contact e-mail", "person email", "担当者メール")),
    Field("contact_role", "the contact's job title",
          ("title", "job title", "role", "position", "TITLE", "役職", "肩書", "肩書き", "職位")),
    Field("contact_phone", "the contact's mobile or direct phone",
          ("mobile", "mobile phone", "cell", "cell phone", "direct phone", "携帯", "携帯電話")),
    Field("contact_languages", "languages the contact speaks (codes or names, ; separated)",
          ("languages", "language", "言語", "対応言語")),
    Field("notes", "notes about the organisation",
          ("notes", "note", "comments", "comment", "memo", "remarks", "NOTE", "Notizen",
           "Bemerkungen", "備考", "メモ", "コメント")),
)

BY_NAME = {f.name: f for f in FIELDS}
_ALIASES = {fold(alias): f.name for f in FIELDS for alias in (f.name, *f.aliases)}


def field_for_column(column: str) -> str | None:
    """The field a column name means, or None if it matches none."""
    return _ALIASES.get(fold(column))


def parse_overrides(pairs: Iterable[str]) -> dict[str, str | None]:
    """``["Firma=organisation", "Spalte=-"]`` -> ``{"Firma": "organisation", "Spalte": None}``.

    ``-`` (or ``ignore``) as the field means: do not import this column.
    """
    overrides: dict[str, str | None] = {}
    for pair in pairs:
        column, sep, name = pair.rpartition("=")
        if not sep or not column:
            raise InputError(f"--map {pair!r}: expected COLUMN=FIELD")
        name = name.strip()
        if name in ("-", "ignore", ""):
            overrides[column] = None
        elif name in BY_NAME:
            overrides[column] = name
        else:
            raise InputError(f"--map {pair!r}: unknown field {name!r}; fields are: "
                             + ", ".join(BY_NAME))
    return overrides


def map_columns(columns: Sequence[str], overrides: Mapping[str, str | None] | None = None,
                source: str = "") -> dict[str, str]:
    """Column -> field for every column that is imported (automatic, then *overrides*)."""
    overrides = overrides or {}
    unknown = [c for c in overrides if c not in columns]
    if unknown:
        raise InputError(f"{source}: --map names no column {unknown[0]!r}; the columns are: "
                         + ", ".join(repr(c) for c in columns))
    mapping: dict[str, str] = {}
    taken: dict[str, str] = {}
    for column in columns:
        field = overrides[column] if column in overrides else field_for_column(column)
        if field is None:
            continue
        if field in taken:
            if column in overrides and taken[field] not in overrides:
                del mapping[taken[field]]  # the user's choice wins over an automatic match
            else:
                continue  # the first column of a field wins
        mapping[column] = field
        taken[field] = column
    return mapping
