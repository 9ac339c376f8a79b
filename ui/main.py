"""The ``ecovisit`` entry point: a sub-command runs the Qt-free CLI, no arguments open the GUI.

``ecovisit gui [TOUR]`` and ``ecovisit TOUR.ecovisit`` (how a file manager's "Open with" calls a
program) open the window too.

Qt is imported only on the GUI path, so ``ecovisit check ...`` starts fast and needs no display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to :mod:`planner.cli` or to the desktop program; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0].endswith(".ecovisit"):
        args = ["gui", *args]
    if args and args[0] != "gui":
        from planner.cli import main as cli_main

        return cli_main(args)
    from ui.app import run

    return run(args[1:])


if __name__ == "__main__":
    sys.exit(main())
