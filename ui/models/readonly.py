"""What the read-only item models share: translated column headers from ``COLUMNS``, selectable
rows that cannot be edited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ReadOnlyColumns:
    """Mixin for QAbstractItemModel subclasses that declare ``COLUMNS`` and are not editable."""

    #: Column titles, marked with QT_TRANSLATE_NOOP("Columns", ...) (typed object by PySide).
    COLUMNS: tuple[object, ...] = ()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", str(self.COLUMNS[section]))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
