"""How a view reads what it shows after an edit: on a worker when the window lends it its
operations, only while the view can be seen (a dock tab behind another cannot), and the newest
read wins over a slower older one. A view that was not to be seen catches up when it is."""

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
    """The reads of one view."""

    def __init__(self, view: QWidget, title: str) -> None:
        self.view = view
        self.title = title
        #: Set by the window: reads then run on a worker, and wait while the view is unseen.
        self.operations: Operations | None = None
        #: Something changed while the view was not to be seen.
        self.stale = False
        self._generation = 0

    def read(self, work: Callable[[], T], show: Callable[[T], None]) -> None:
        """Run *work*, then *show* its result on the main thread."""
        if self.operations is None:
            show(work())
            return
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
