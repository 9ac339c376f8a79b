"""Settings are declared once, read with their type, and fall back to their default."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ui import settings


def test_every_setting_is_declared_with_a_type_default_and_description() -> None:
    keys = [s.key for s in settings.ALL]
    assert len(keys) == len(set(keys))
    for setting in settings.ALL:
        assert setting.description.endswith(".")
        assert isinstance(setting.default, setting.type)


def test_a_stored_value_of_the_wrong_type_falls_back_to_the_default() -> None:
    store = QSettings()
    store.setValue(settings.RECENT_LIMIT.key, "many")
    assert settings.get(settings.RECENT_LIMIT, store) == 8
    store.setValue(settings.WINDOW_STATE.key, "not bytes")
    assert settings.get(settings.WINDOW_STATE, store) == QByteArray()
    store.setValue(settings.RECENT_TOURS.key, "one.ecovisit")  # a single value, as ini stores it
    assert settings.get(settings.RECENT_TOURS, store) == ["one.ecovisit"]


def test_recent_tours_are_newest_first_without_repeats_and_limited() -> None:
    store = QSettings()
    settings.put(settings.RECENT_LIMIT, 3, store)
    for name in ("a", "b", "c", "a", "d"):
        settings.remember_tour(f"{name}.ecovisit", store)
    assert settings.get(settings.RECENT_TOURS, store) == ["d.ecovisit", "a.ecovisit",
                                                          "c.ecovisit"]
    assert settings.get(settings.LAST_TOUR, store) == "d.ecovisit"


def test_upgrading_records_the_settings_version() -> None:
    store = QSettings()
    settings.upgrade(store)
    assert store.value(settings.VERSION_KEY, type=int) == settings.SETTINGS_VERSION
