"""Where Ecovisit keeps its files on this computer (platformdirs), and the demo tour's place
(:func:`planner.demo.ensure_demo_tour` writes it there)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from planner.store import SUFFIX

#: Set this variable to keep Ecovisit's files somewhere else (tests, portable installs).
DATA_DIR_VARIABLE = "ECOVISIT_DATA_DIR"
#: ... and this one for its caches (derived data that can be rebuilt at any time).
CACHE_DIR_VARIABLE = "ECOVISIT_CACHE_DIR"


def data_dir() -> Path:
    """Ecovisit's data folder, e.g. ``~/.local/share/Ecovisit`` on Linux."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    return platformdirs.user_data_path("Ecovisit", appauthor=False)


def cache_dir() -> Path:
    """Ecovisit's cache folder (created on demand), e.g. ``~/.cache/Ecovisit`` on Linux."""
    override = os.environ.get(CACHE_DIR_VARIABLE)
    folder = Path(override) if override else platformdirs.user_cache_path("Ecovisit",
                                                                           appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def tours_dir() -> Path:
    """The default folder for tour files (created on demand)."""
    folder = data_dir() / "tours"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_tour_path() -> Path:
    """The demo tour a first start opens."""
    return tours_dir() / f"demo{SUFFIX}"

