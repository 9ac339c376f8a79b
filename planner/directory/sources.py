"""Read a contacts file (CSV, Excel .xlsx, vCard) into one shape: a table of text cells.

Every reader returns a :class:`Table`: column names and rows of ``column -> text``, each row with
the number the user sees (the line or spreadsheet row, or the card's position in a vCard file).
A file that cannot be read at all raises :class:`UnreadableFile` naming the file and the reason;
rows that are malformed are kept in ``Table.problems`` for the import report.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from planner.errors import InputError

#: The largest field a CSV may hold before the row is rejected (the reader itself allows more,
#: so that one huge field costs one row, not the whole file).
MAX_FIELD = 10_000
_CSV_READER_LIMIT = 50_000_000
_DELIMITERS = (",", ";", "\t", "|")


class UnreadableFile(InputError):
    """A file that cannot be read as contacts at all; nothing is imported."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class Row:
    """One record of the file: its number as the user sees it, and its cells by column."""

    number: int
    values: dict[str, str]


@dataclass
class RowProblem:
    """A record that could not even be split into cells."""

    number: int
    reason: str


@dataclass
class Table:
    """A file's contents as text cells."""

    source: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    row_label: str = "row"  # "row" for sheets and CSV, "card" for vCard
    encoding: str = ""


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Read *path* by its content (xlsx zip, vCard, else CSV), whatever its suffix says."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(source, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(source, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(source, f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise UnreadableFile(source, "is empty (0 bytes of data)" if not data else
                             "contains only blank space")
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data, source)
    text = decode(data, source, encoding)
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return read_vcard(text, source)
    return read_csv(text, source)


# --- text -------------------------------------------------------------------------------------

def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text: BOMs first, then UTF-8, then the more plausible of CP932 and CP1252."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise UnreadableFile(source, f"cannot be read as {encoding} ({exc})") from None
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(source, f"is not valid {codec} ({exc.reason} at byte "
                                             f"{exc.start})") from None
    if b"\x00" in data[:8192]:
        raise UnreadableFile(source, "is a binary file, not CSV, Excel (.xlsx) or vCard")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = []
    for codec in ("cp932", "cp1252"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_plausibility(text, codec), codec, text))
    if not readings:
        raise UnreadableFile(source, "is in an unknown text encoding (not UTF-8, Shift_JIS/CP932 "
                                     "or Windows-1252); save it as UTF-8 CSV")
    readings.sort(reverse=True)
    return readings[0][2]


def _plausibility(text: str, codec: str) -> float:
    """How much the non-ASCII letters of *text* look like the language of *codec*."""
    odd = [ch for ch in text if ord(ch) > 127]
    if not odd:
        return 1.0
    if codec == "cp932":
        good = sum(1 for ch in odd if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
                   or "\uff01" <= ch <= "\uff5e" or ch in "。、「」・ー")
        kana = sum(1 for ch in odd if "\u3040" <= ch <= "\u30ff")
        return good / len(odd) * (1.0 if kana else 0.5)
    good = sum(1 for ch in odd if ch.isalpha() and "\u00c0" <= ch <= "\u017f")
    return good / len(odd)


# --- CSV --------------------------------------------------------------------------------------

def _delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: _count_outside_quotes(header, d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _unique_columns(raw: list[str]) -> list[str]:
    columns: list[str] = []
    for n, name in enumerate(raw, start=1):
        name = name.strip() or f"column {n}"
        base, k = name, 2
        while name in columns:
            name, k = f"{base} ({k})", k + 1
        columns.append(name)
    return columns


def _build_table(source: str, records: Iterator[tuple[int, list[str]]], empty: str,
                 too_wide: Callable[[list[str], int], str]) -> Table:
    """A table from numbered records: the first non-blank one is the header, blanks are skipped,
    a record with text beyond the header's columns is a problem (*too_wide* says why)."""
    table: Table | None = None
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if table is None:
            while not record[-1].strip():  # trailing empty header cells name no column
                record = record[:-1]
            table = Table(source, _unique_columns(record))
            continue
        if any(cell.strip() for cell in record[len(table.columns):]):
            table.problems.append(RowProblem(number, too_wide(record, len(table.columns))))
            continue
        table.rows.append(Row(number, dict(zip(table.columns, record, strict=False))))
    if table is None:
        raise UnreadableFile(source, empty)
    return table


def read_csv(text: str, source: str) -> Table:
    """Parse CSV text with the delimiter its header line uses."""
    csv.field_size_limit(_CSV_READER_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    line = 0

    def records() -> Iterator[tuple[int, list[str]]]:
        nonlocal line
        for record in reader:
            number, line = line + 1, reader.line_num  # a quoted cell may span several lines
            yield number, record

    try:
        return _build_table(source, records(), "has no header row",
                            lambda record, width: f"has {len(record)} fields, but the header "
                                                  f"has {width}")
    except csv.Error as exc:
        raise UnreadableFile(source, f"line {line + 1}: malformed CSV ({exc})") from None


# --- Excel ------------------------------------------------------------------------------------

def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def read_xlsx(data: bytes, source: str) -> Table:
    """The first worksheet of an Excel workbook; its first non-empty row is the header."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(source, f"is not a readable Excel .xlsx workbook ({exc})") from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return _build_table(
            source, ((n, [_cell_text(v) for v in cells]) for n, cells in enumerate(rows, 1)),
            "the first worksheet is empty",
            lambda _record, _width: "has cells to the right of the last column with a header")
    finally:
        workbook.close()


# --- vCard ------------------------------------------------------------------------------------

VCARD_COLUMNS = ["ORG", "FN", "TITLE", "EMAIL", "TEL", "ADR street", "ADR postal code",
                 "ADR city", "ADR country", "GEO", "URL", "NOTE", "CATEGORIES"]


def _first(card: Any, name: str) -> Any:
    items = card.contents.get(name.lower(), [])
    return items[0].value if items else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value if _text(v))
    return str(value).strip()


def read_vcard(text: str, source: str) -> Table:
    """vCard 3.0 / 4.0: one row per card, with columns named after the vCard properties."""
    import vobject

    table = Table(source, list(VCARD_COLUMNS), row_label="card")
    try:
        for number, card in enumerate(vobject.readComponents(text, ignoreUnreadable=False),
                                      start=1):
            if card.name.upper() != "VCARD":
                table.problems.append(RowProblem(number, f"is a {card.name}, not a VCARD"))
                continue
            org = _first(card, "ORG")
            adr = _first(card, "ADR")
            geo = _first(card, "GEO")
            values = {
                "ORG": _text(org[0] if isinstance(org, list) and org else org),
                "FN": _text(_first(card, "FN")),
                "TITLE": _text(_first(card, "TITLE")),
                "EMAIL": _text(_first(card, "EMAIL")),
                "TEL": _text(_first(card, "TEL")),
                "ADR street": _text(getattr(adr, "street", "")),
                "ADR postal code": _text(getattr(adr, "code", "")),
                "ADR city": _text(getattr(adr, "city", "")),
                "ADR country": _text(getattr(adr, "country", "")),
                "GEO": _text(geo).replace(";", ","),
                "URL": _text(_first(card, "URL")),
                "NOTE": _text(_first(card, "NOTE")),
                "CATEGORIES": _text(_first(card, "CATEGORIES")),
            }
            table.rows.append(Row(number, values))
    except Exception as exc:  # vobject raises ParseError and assorted errors on broken cards
        line = getattr(exc, "lineNumber", None)
        where = f"line {line}: " if line else ""
        raise UnreadableFile(source, f"{where}malformed vCard ({exc})") from None
    if not table.rows and not table.problems:
        raise UnreadableFile(source, "contains no vCard")
    return table
