"""How a view reads what it shows after an edit: on a worker of the window's operations (never
on the main thread: a view is given the operations when it is made), only while the view can be
seen (a dock tab behind another cannot), and the newest read wins over a slower older one. A view
that was not to be seen catches up when it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from ui.operations import Operations

T = TypeVar("T")


def seen(widget: QWidget) -> bool:
    """Whether any of *widget* is on screen (a hidden dock tab's widget is "visible" to Qt)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class Reader:
    """The reads of one view, each on a worker of *operations*."""

    def __init__(self, view: QWidget, title: str, operations: Operations) -> None:
        if operations is None:  # a caller without types: say so now, not by a frozen window
            raise TypeError("a view reads on the window's operations: pass them")
        self.view = view
        self.title = title
        self.operations = operations
        #: Something changed while the view was not to be seen.
        self.stale = False
        self._generation = 0

    def read(self, work: Callable[[], T], show: Callable[[T], None]) -> None:
        """Run *work* on a worker, then *show* its result on the main thread; while the view
        cannot be seen, only note that it is :attr:`stale`."""
        if not seen(self.view):
            self.stale = True
            return
        self.stale = False
        self._generation += 1
        generation = self._generation

        def newest(result: Any) -> None:
            if generation == self._generation:
                show(result)

        self.operations.run(self.title, lambda _progress: work(), newest)
