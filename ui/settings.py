"""Every setting of the desktop program, declared once: key, type, default and description.

Values live in :class:`QSettings` (the platform's place for them). Code reads and writes them only
through :func:`get` and :func:`put`, so a stored value of the wrong type (a hand-edited file, an
older version) falls back to the default instead of breaking the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

#: Incremented when a setting changes meaning; :func:`upgrade` moves old values over.
SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: where it is stored, what it holds, and what it means."""

    key: str
    type: type[T]
    default: T
    description: str


LANGUAGE = Setting("ui/language", str, "",
                   "Language of the window: 'en', 'ja', or '' to follow the system's locale.")
LAST_TOUR = Setting("tours/last", str, "",
                    "The tour open when the program last closed; opened again at the next start.")
RECENT_TOURS = Setting("tours/recent", list, cast(list[str], []),
                       "Tour files and database URLs opened recently, newest first.")
RECENT_LIMIT = Setting("tours/recentLimit", int, 8,
                       "How many recent tours the File menu lists.")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(),
                          "Size and position of the main window.")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(),
                       "Which panels are open, and where they are docked.")
AGENDA_COLUMNS = Setting("window/agendaColumns", QByteArray, QByteArray(),
                         "Widths and order of the agenda's columns.")

CALDAV_URL = Setting("publish/url", str, "",
                     "The calendar URL the last successful publish went to (offered next time).")
CALDAV_USER = Setting("publish/user", str, "",
                      "The user name of the last successful publish (never the password).")

ALL: tuple[Setting[Any], ...] = (LANGUAGE, LAST_TOUR, RECENT_TOURS, RECENT_LIMIT,
                                 WINDOW_GEOMETRY, WINDOW_STATE, AGENDA_COLUMNS, CALDAV_URL,
                                 CALDAV_USER)
VERSION_KEY = "settingsVersion"


def get(setting: Setting[T], store: QSettings | None = None) -> T:
    """The stored value of *setting*, or its default if none (or one of another type) is stored."""
    store = store or QSettings()
    if not store.contains(setting.key):
        return setting.default
    raw = store.value(setting.key)
    if setting.type is list:
        if raw is None or raw == "":
            return cast(T, [])
        values = raw if isinstance(raw, list) else [raw]
        return cast(T, [str(v) for v in values])
    if setting.type is int:
        try:
            return cast(T, int(raw))
        except (TypeError, ValueError):
            return setting.default
    if isinstance(raw, setting.type):
        return raw
    return setting.default


def put(setting: Setting[T], value: T, store: QSettings | None = None) -> None:
    """Store *value* for *setting*."""
    if not isinstance(value, setting.type):
        raise TypeError(f"{setting.key} holds {setting.type.__name__}, not {value!r}")
    (store or QSettings()).setValue(setting.key, value)


def upgrade(store: QSettings | None = None) -> None:
    """Bring settings written by an older version up to date (nothing to move yet)."""
    store = store or QSettings()
    found = get(Setting(VERSION_KEY, int, 0, ""), store)
    if found < SETTINGS_VERSION:
        store.setValue(VERSION_KEY, SETTINGS_VERSION)


def remember_tour(location: str, store: QSettings | None = None) -> list[str]:
    """Record *location* as the last and most recent tour; returns the recent list."""
    store = store or QSettings()
    recent = [location] + [r for r in get(RECENT_TOURS, store) if r != location]
    recent = recent[:max(1, get(RECENT_LIMIT, store))]
    put(RECENT_TOURS, recent, store)
    put(LAST_TOUR, location, store)
    return recent
