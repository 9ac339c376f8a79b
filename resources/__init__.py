"""Files shipped with Ecovisit (demo data, later icons, fonts and translations).

Load them with :func:`importlib.resources.files`, e.g. ``files("resources") / "demo/tour.json"``,
never by a path relative to the source tree, so that they work from an installed wheel.
"""
