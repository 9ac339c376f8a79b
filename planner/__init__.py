"""Ecovisit's core: everything that needs no screen.

The GUI (`ui`) and the command line (`planner.cli`) are both thin layers over this package.
It never imports Qt.
"""

__version__ = "0.1.0"
