"""What the user has selected, shared by every view: agenda items (by UID) and organisations
(by key). Selecting in one view (the agenda, the timeline, the map, the directory, a finding)
shows the same things selected in the others."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """The window's one selection. Views call :meth:`select_items` or
    :meth:`select_organisations` and listen to :attr:`changed`; a view passes itself as
    *source* and ignores the notices it caused."""

    #: Emitted with the view that changed the selection (or None).
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[str, ...] = ()
        self.organisations: tuple[int, ...] = ()

    def select_items(self, uids: list[str] | tuple[str, ...], source: object = None) -> None:
        """Select these agenda items (and nothing else)."""
        if tuple(uids) == self.items and not self.organisations:
            return
        self.items, self.organisations = tuple(uids), ()
        self.changed.emit(source)

    def select_organisations(self, keys: list[int] | tuple[int, ...],
                             source: object = None) -> None:
        """Select these organisations (and nothing else)."""
        if tuple(keys) == self.organisations and not self.items:
            return
        self.items, self.organisations = (), tuple(keys)
        self.changed.emit(source)

    def clear(self, source: object = None) -> None:
        if self.items or self.organisations:
            self.items, self.organisations = (), ()
            self.changed.emit(source)
