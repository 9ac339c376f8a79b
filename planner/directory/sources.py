"""Read a contacts file (CSV, Excel .xlsx, vCard) into one shape: a table of text cells.

Every reader returns a :class:`Table`: column names and rows of ``column -> text``, each row with
the number the user sees (the line or spreadsheet row, or the card's position in a vCard file).
A file that cannot be read at all raises :class:`UnreadableFile` naming the file and the reason;
rows that are malformed are kept in ``Table.problems`` for the import report.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
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
#: Bounds that keep a hostile file from taking the machine: a contacts list has far fewer.
MAX_FILE_BYTES = 100_000_000  # the file as read from disk
MAX_ROWS = 100_000  # non-empty rows (or cards)
MAX_CELLS = 5_000_000  # the rows of a sheet times their width
MAX_XLSX_UNPACKED = 200_000_000  # the parts of an .xlsx, unpacked
MAX_XLSX_MEMBERS = 1_000
MAX_VCARD_LINES = 200_000  # vobject reads some 10,000 lines a second
MAX_SHEET_ROWS, MAX_SHEET_COLUMNS = 1_048_576, 16_384  # Excel's own limits
_DELIMITERS = (",", ";", "\t", "|")


class UnreadableFile(InputError):
    """A file that cannot be read as contacts at all; nothing is imported."""

    def __init__(self, source: str, reason: str) -> None:
        reason = one_line(reason)
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def one_line(text: str, limit: int = 300) -> str:
    """*text* as one printable line for a message: line breaks and control characters (which a
    damaged file puts into parser messages) shown as escapes, long text shortened."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


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
        with Path(path).open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableFile(source, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(source, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(source, f"cannot be read ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(source, f"is larger than {MAX_FILE_BYTES // 10**6} MB, too large "
                                     f"for a contacts list")
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
    taken: set[str] = set()
    next_number: dict[str, int] = {}  # a repeated name -> the next suffix to try
    for n, name in enumerate(raw, start=1):
        name = name.strip() or f"column {n}"
        base = name
        while name in taken:
            k = next_number.get(base, 2)
            name, next_number[base] = f"{base} ({k})", k + 1
        columns.append(name)
        taken.add(name)
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
        if len(table.rows) + len(table.problems) >= MAX_ROWS:
            raise UnreadableFile(source, f"has more than {MAX_ROWS:,} rows (at line or row "
                                         f"{number}); import it in parts")
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


def _check_zip(data: bytes, source: str) -> None:
    """Refuse a damaged or oversized zip before any XML is parsed: every member is unpacked
    once (its size bounded by the directory, its CRC checked) so that damage is named here."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError) as exc:
        raise UnreadableFile(source, f"is not a readable Excel .xlsx workbook (the zip "
                                     f"container is damaged: {_why(exc)})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_XLSX_MEMBERS:
            raise UnreadableFile(source, f"is not a contacts workbook: it holds {len(members):,} "
                                         f"parts (at most {MAX_XLSX_MEMBERS:,} are read)")
        unpacked = sum(member.file_size for member in members)
        if unpacked > MAX_XLSX_UNPACKED:
            raise UnreadableFile(source, f"unpacks to {unpacked / 1e6:,.0f} MB, more than the "
                                         f"{MAX_XLSX_UNPACKED // 10**6} MB a contacts workbook "
                                         f"may hold")
        for member in members:
            try:
                with archive.open(member) as content:
                    while content.read(1 << 20):
                        pass
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                    OSError, ValueError) as exc:
                raise UnreadableFile(source, f"the part {member.filename!r} of the workbook is "
                                             f"damaged ({_why(exc)})") from None


def _why(exc: BaseException) -> str:
    """An exception's text on one short line (its type when it has none)."""
    return one_line(str(exc).strip() or type(exc).__name__, 200)


class _SheetDamage(Exception):
    """A cell or row of the sheet's XML that names no place on a sheet (raised mid-parse)."""


_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _worksheet_parser(sheet: Any) -> Any:
    """openpyxl's sheet parser, made to keep the text of a number, date or true/false cell that
    does not convert (the importer then names the field it is wrong for) and to refuse cell
    references outside a sheet."""
    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> Any:
            reference = element.get("r")
            match = None
            if reference is not None:
                match = _CELL_REFERENCE.fullmatch(reference)
                if not match or column_index_from_string(match[1]) > MAX_SHEET_COLUMNS or \
                        not 1 <= int(match[2]) <= MAX_SHEET_ROWS:
                    raise _SheetDamage(f"{reference[:20]!r} is not a cell of a sheet "
                                       f"(A1 to XFD1048576)")
            try:
                return super().parse_cell(element)
            except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
                text = element.findtext(VALUE_TAG)
                kind = element.get("t", "n")
                where = reference or f"row {self.row_counter}"
                if text is None or kind not in ("n", "d", "b", "e", "str"):
                    raise _SheetDamage(f"cell {where[:20]}: {_why(exc)}") from None
                column = int(getattr(self, "col_counter", 0)) + 1
                if match is not None:
                    column = column_index_from_string(match[1])
                self.col_counter = column
                return {"row": self.row_counter, "column": column, "value": text,
                        "data_type": "s", "style_id": 0}

    workbook = sheet.parent
    return Parser(sheet._get_source(), sheet._shared_strings, data_only=True,
                  epoch=workbook.epoch, date_formats=workbook._date_formats,
                  timedelta_formats=workbook._timedelta_formats)


def _sheet_records(sheet: Any, source: str, place: list[Any]) -> Iterator[tuple[int, list[str]]]:
    """The sheet's non-empty rows as (row number, cell texts), in order; *place* gets the parser
    (whose row is named in messages). Bounded: rows and cells beyond the limits are refused."""
    parser = _worksheet_parser(sheet)
    place.append(parser)
    cells_read = last = 0
    try:
        for number, cells in parser.parse():
            if not 1 <= number <= MAX_SHEET_ROWS:
                raise _SheetDamage(f"{number} is not a row of a sheet (1 to 1048576)")
            if number <= last:
                raise _SheetDamage("the row appears twice" if number == last else
                                   f"the row comes after row {last}")
            last = number
            values = {cell["column"]: cell["value"] for cell in cells if cell["value"] is not None}
            if not values:
                continue
            width = max(values)
            cells_read += width
            if cells_read > MAX_CELLS:
                raise UnreadableFile(source, f"worksheet {sheet.title!r} is too large to be a "
                                             f"contacts list (more than {MAX_CELLS:,} cells, at "
                                             f"row {number})")
            record = [""] * width
            for column, value in values.items():
                record[column - 1] = _cell_text(value)
            yield number, record
    finally:
        parser.source.close()


def read_xlsx(data: bytes, source: str) -> Table:
    """The first worksheet of an Excel workbook; its first non-empty row is the header.

    The zip is checked first (see :func:`_check_zip`); openpyxl raises many kinds of errors on a
    damaged workbook, so they are caught here, at this one boundary, and named with the sheet
    and row. openpyxl's warnings (about features it drops) are not the user's business.
    """
    from openpyxl import load_workbook

    _check_zip(data, source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl: XML, zip, TypeError, KeyError, ...
            raise UnreadableFile(source, f"is not a readable Excel .xlsx workbook "
                                         f"({_why(exc)})") from None
        place: list[Any] = []  # the sheet's parser, once it runs
        title = ""
        try:
            if not workbook.worksheets:
                raise UnreadableFile(source, "has no worksheet")
            sheet = workbook.worksheets[0]
            title = str(sheet.title)
            return _build_table(
                source, _sheet_records(sheet, source, place),
                f"the first worksheet ({title!r}) is empty",
                lambda _record, _width: "has cells to the right of the last column with a header")
        except UnreadableFile:
            raise
        except Exception as exc:  # the same boundary, while the sheet is parsed
            row = place[0].row_counter if place else 0
            where = (f", row {row}" if isinstance(exc, _SheetDamage) else f", near row {row}") \
                if row else ""
            raise UnreadableFile(source, f"worksheet {title!r}{where}: the sheet is damaged "
                                         f"({_why(exc)})") from None
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

    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > MAX_VCARD_LINES:
        raise UnreadableFile(source, f"has {lines:,} lines, more than the {MAX_VCARD_LINES:,} "
                                     f"lines of vCards read at once; split the file")
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
        raise UnreadableFile(source, f"{where}malformed vCard ({_why(exc)})") from None
    if not table.rows and not table.problems:
        raise UnreadableFile(source, "contains no vCard")
    return table
