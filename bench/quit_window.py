"""Quitting: from the window's close() to the end of the process, on the demo tour.

Each run starts Ecovisit as ``ecovisit --demo`` does (private settings and data folders, the
user's cache folder so the gazetteer and the land mask are not built again), closes the window
at a chosen moment and prints, in milliseconds after close(), when each part of closing started
and ended (remembering the layout, waiting for the workers, closing the tour's store) and when
the process ended; then the medians. The moments:

- ``idle``: half a second after nothing runs any more (the usual quit);
- ``opened``: as soon as the tour shows, the first full check and the land mask still running.

    python bench/quit_window.py [idle|opened] [--runs N]

Needs a display or ``QT_QPA_PLATFORM=offscreen`` (the default here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The child: the program's own start with hooks that say when each part of closing happens
#: (CLOCK_MONOTONIC, which every process shares) on the file descriptor QUIT_FD.
CHILD = r'''
import os, sys, time

MODE = sys.argv[1]


def say(what):
    os.write(int(os.environ["QUIT_FD"]), f"{what} {time.monotonic():.6f}\n".encode())


from ui import app as app_module

original_start = app_module.start


def start(window, args, store=None):
    from PySide6.QtCore import QTimer

    def timed(owner, name):
        inner = getattr(owner, name)

        def wrapper(*a, **k):
            say(f"{name}-start")
            try:
                return inner(*a, **k)
            finally:
                say(f"{name}-end")
        setattr(owner, name, wrapper)

    def close():
        timed(window, "save_layout")
        timed(window.operations, "shut_down")
        timed(window, "_close_document")
        say("close")
        window.close()
        say("close-returned")

    def when_idle():
        if window.operations.busy:
            QTimer.singleShot(50, when_idle)
        else:
            QTimer.singleShot(500, close)

    if MODE == "opened":
        window.tour_opened.connect(lambda _location: QTimer.singleShot(0, close))
    else:
        shown = []
        window.findings_shown.connect(lambda: shown or (shown.append(1), when_idle()))
    return original_start(window, args, store)


app_module.start = start
code = app_module.run(["--demo"])
say("exec-returned")
sys.exit(code)
'''


def one_run(mode: str) -> dict[str, float] | None:
    """The moments of one run, in ms after close() (None if the window never closed)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        read, write = os.pipe()
        with (Path(home) / "stderr.txt").open("w") as errors:
            child = subprocess.Popen([sys.executable, "-c", CHILD, mode], pass_fds=(write,),
                                     env=dict(env, QUIT_FD=str(write)),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=errors)
            os.close(write)
            child.wait(timeout=300)
        ended = time.monotonic()
        marks: dict[str, float] = {}
        with os.fdopen(read) as stream:
            for line in stream:
                name, at = line.split()
                marks[name] = float(at)
        if "close" not in marks:
            print((Path(home) / "stderr.txt").read_text()[-2000:], file=sys.stderr)
            return None
    begin = marks["close"]
    moments = {name: (at - begin) * 1000 for name, at in marks.items()}
    moments["process-ended"] = (ended - begin) * 1000
    return moments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", choices=["idle", "opened"], default="idle")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    runs = [found for found in (one_run(options.mode) for _ in range(options.runs)) if found]
    for moments in runs:
        print({name: round(ms) for name, ms in sorted(moments.items(), key=lambda kv: kv[1])})
    names = sorted({name for moments in runs for name in moments},
                   key=lambda name: statistics.median(m.get(name, 0) for m in runs))
    print(f"medians of {len(runs)} runs ({options.mode}), ms after close():")
    for name in names:
        print(f"  {name:24} {statistics.median(m[name] for m in runs if name in m):8.0f}")


if __name__ == "__main__":
    main()
