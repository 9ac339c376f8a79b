"""Mutated and hostile contacts files (CSV, xlsx, vCard) never give a traceback or a half import.

A seeded mutator damages real example files (the demo directory exported as CSV and xlsx, and
written as vCards): byte flips, truncation, inserted bytes, BOMs and odd encodings, huge and
wrongly typed values, damaged zip members and sheet XML. Every case runs ``import-contacts`` in
process on a copy of a small tour and must end with exit 0, 1 (rows rejected) or 2 (unreadable
file, one ``ecovisit: error:`` line naming the file), never a traceback, a warning on stderr or
a hang; when the exit is not 0 the tour's contents are unchanged.

A few hundred cases per format run by default; ``ECOVISIT_FUZZ_CASES=2000`` runs more, and
``ECOVISIT_FUZZ_SAVE=DIR`` keeps each failing input there (to add to ``tests/data/fuzz/directory``,
whose every file is run by :func:`test_every_input_that_ever_failed`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import re
import shutil
import signal
import sqlite3
import time
import warnings
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest
from openpyxl import load_workbook

from planner.cli import main

CASES = int(os.environ.get("ECOVISIT_FUZZ_CASES", "150"))
SEED = int(os.environ.get("ECOVISIT_FUZZ_SEED", "20261202"))
SAVE = os.environ.get("ECOVISIT_FUZZ_SAVE", "")
#: A case still running after this long is a hang (the import bounds its work well below it,
#: see the limits in planner.directory.sources); one taking a third of it is too slow.
TIME_LIMIT = 60.0
REGRESSIONS = Path(__file__).parent.parent / "data" / "fuzz" / "directory"
EXAMPLE_ROWS = 10  # organisations in the example files; the tour knows the first TOUR_ROWS
TOUR_ROWS = 4


# --- the example files and the tour -------------------------------------------------------------

def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    return main([str(a) for a in args], out=out), out.getvalue()


def dump(tour: Path) -> str:
    """A digest of every row of every table, read through SQLite only."""
    digest = hashlib.sha256()
    with sqlite3.connect(tour) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


def _vcards(rows: list[dict[str, str]]) -> str:
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")

    cards = []
    for row in rows:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{esc(row['contact_name'] or row['organisation'])}",
                 f"ORG:{esc(row['organisation'])}"]
        if row["contact_role"]:
            lines.append(f"TITLE:{esc(row['contact_role'])}")
        if row["contact_email"]:
            lines.append(f"EMAIL;TYPE=INTERNET:{row['contact_email']}")
        lines.append(f"ADR;TYPE=WORK:;;{esc(row['address'])};{esc(row['city'])};;;"
                     f"{esc(row['country'])}")
        if row["latitude"]:
            lines.append(f"GEO:{row['latitude']};{row['longitude']}")
        if row["topics"]:
            lines.append(f"CATEGORIES:{','.join(esc(t.strip()) for t in row['topics'].split(';'))}")
        if row["website"]:
            lines.append(f"URL:{row['website']}")
        lines.append(f"NOTE:{esc(row['description'][:80])}")
        lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    return "\r\n".join(cards) + "\r\n"


@dataclass
class Corpus:
    tour: Path
    before: str
    examples: dict[str, bytes]  # format -> the good file's bytes
    folder: Path


@pytest.fixture(scope="module")
def corpus(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return make_corpus(demo_master, tmp_path_factory.mktemp("fuzz-directory"))


def make_corpus(demo_master: Path, folder: Path) -> Corpus:
    """The example files made from the demo's directory, and the small tour."""
    full_csv, full_xlsx = folder / "full.csv", folder / "full.xlsx"
    assert run("export-contacts", demo_master, full_csv)[0] == 0
    assert run("export-contacts", demo_master, full_xlsx)[0] == 0
    text = full_csv.read_bytes().decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    header, body = records[0], records[1:EXAMPLE_ROWS + 1]
    body[1][header.index("organisation_ja")] = "エコビジット株式会社"  # for the encodings
    body[1][header.index("contact_name_ja")] = "山田 太郎"

    def csv_bytes(rows: list[list[str]]) -> bytes:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
        return buffer.getvalue().encode("utf-8-sig")

    workbook = load_workbook(full_xlsx)
    sheet = workbook.active
    assert sheet is not None
    sheet.delete_rows(EXAMPLE_ROWS + 2, sheet.max_row)
    sheet["B3"] = "エコビジット株式会社"
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    examples = {"csv": csv_bytes(body), "xlsx": xlsx.getvalue(),
                "vcf": _vcards([dict(zip(header, r, strict=True)) for r in body]).encode()}

    tour = folder / "small.ecovisit"
    assert run("new", tour, "--title", "Fuzz", "--start", "2027-05-10", "--end",
               "2027-05-14")[0] == 0
    known = folder / "known.csv"
    known.write_bytes(csv_bytes(body[:TOUR_ROWS]))
    code, report = run("import-contacts", tour, known)
    assert code == 0 and f"{TOUR_ROWS} added" in report, report
    for name, data in examples.items():  # the good files import cleanly
        case = folder / f"good-{name}.ecovisit"
        shutil.copyfile(tour, case)
        source = folder / f"contacts.{name}"
        source.write_bytes(data)
        code, report = run("import-contacts", case, source)
        assert code == 0, report
        assert f"{EXAMPLE_ROWS - TOUR_ROWS} added" in report and "0 rejected" in report, report
    assert not Path(f"{tour}-wal").exists()
    return Corpus(tour, dump(tour), examples, folder)


# --- the mutator ------------------------------------------------------------------------------

NASTY = ["", " ", "0", "-0", "91", "-91", "181", "-181", "1e309", "-1e309", "1e-320", "nan",
         "inf", "-inf", "9" * 400, "1_000", "52,5", "52.5.5", "0x1A", "١٢٣", "１２３", "½",
         "not-a-number48.1351", "=1+1", "'=cmd|' /C calc'!A0", "@SUM(A1)", "+49 89 1",
         "\x00", "\x1b[31m", "\u202e", "\ufeff", "\r", "\n", "\r\n", '"', '""', ";", ",", "\t",
         "a" * 20_000, "日本語" * 3000, "geo:91,181", "geo:abc", "52.5;13.4;7", "mailto:",
         "a@b", "@@", "x" * 300 + "@example.com", "München", "Zürich", "ÅÄÖ", "Ελλάδα",
         "東京", "ソウル", "🙂" * 50, "yes", "no", "maybe", "ZZZZ", "XFD1048576", "A0",
         "-1", "4294967296", "9223372036854775808", "1" + "0" * 30, "True", "None", "[]", "{}",
         "<x>", "&amp;", "&#0;", "]]>", "%s%s%n", "../../etc/passwd", "C:\\con\\con"]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff",
        b"\xef\xbb\xbf\xef\xbb\xbf", b"+/v8-"]
ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp932", "cp1252", "latin-1",
             "shift_jis", "euc-jp", "iso-2022-jp", "utf-7", "gb18030", "koi8-r", "cp037"]


def _nasty(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000),
                                       rng.randrange(0xE000, 0x110000)]))
                       for _ in range(rng.randrange(1, 40)))
    return rng.choice(NASTY)


def _at(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 9)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8) if rng.random() < 0.7 \
                else rng.randrange(1, 256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:_at(rng, data)]


def insert(rng: random.Random, data: bytes) -> bytes:
    where = _at(rng, data)
    piece = (bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
             if rng.random() < 0.4 else _nasty(rng).encode())
    return data[:where] + piece + data[where:]


def delete(rng: random.Random, data: bytes) -> bytes:
    start = _at(rng, data)
    return data[:start] + data[start + rng.randrange(1, 200):]


def repeat(rng: random.Random, data: bytes) -> bytes:
    start = _at(rng, data)
    span = data[start:start + rng.randrange(1, 300)]
    return data[:start] + span * rng.choice([2, 10, 200, 1000]) + data[start:]


def bom(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(BOMS) + (data[3:] if data.startswith(b"\xef\xbb\xbf") else data)


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8-sig", "replace")
    return text.encode(rng.choice(ENCODINGS), "replace")


BYTES: list[Callable[[random.Random, bytes], bytes]] = [flip, truncate, insert, delete, repeat,
                                                         bom, reencode]


def _csv_rows(data: bytes) -> tuple[bytes, list[list[str]]]:
    return data[:3], list(csv.reader(io.StringIO(data.decode("utf-8-sig", "surrogateescape"),
                                                   newline="")))


def _csv_write(prefix: bytes, rows: list[list[str]], rng: random.Random) -> bytes:
    buffer = io.StringIO(newline="")
    delimiter = rng.choice([",", ",", ",", ";", "\t", "|"])
    csv.writer(buffer, delimiter=delimiter, lineterminator=rng.choice(["\r\n", "\n", "\r"])
               ).writerows(rows)
    body = buffer.getvalue().encode("utf-8", "surrogateescape")
    return (prefix if prefix == b"\xef\xbb\xbf" else b"") + body


def csv_cell(rng: random.Random, data: bytes) -> bytes:
    prefix, rows = _csv_rows(data)
    for _ in range(rng.randrange(1, 4)):
        row = rng.choice(rows)
        if row:
            row[rng.randrange(len(row))] = _nasty(rng)
    return _csv_write(prefix, rows, rng)


def csv_shape(rng: random.Random, data: bytes) -> bytes:
    prefix, rows = _csv_rows(data)
    choice = rng.randrange(7)
    if choice == 0:  # many rows
        rows += [list(rng.choice(rows[1:]))] * rng.choice([20, 300])
    elif choice == 1:  # many columns
        extra = rng.choice([50, 5000])
        rows = [r + [f"c{i}" for i in range(extra)] for r in rows]
    elif choice == 2:  # the header lost or doubled
        rows = rows[1:] if rng.random() < 0.5 else [rows[0], *rows]
    elif choice == 3:  # a ragged row
        row = rng.choice(rows)
        del row[rng.randrange(len(row)):]
        if rng.random() < 0.5:
            row += ["extra"] * rng.randrange(1, 5)
    elif choice == 4:  # columns swapped
        i, j = rng.randrange(len(rows[0])), rng.randrange(len(rows[0]))
        for row in rows:
            if max(i, j) < len(row):
                row[i], row[j] = row[j], row[i]
    elif choice == 5:  # a header renamed
        rows[0][rng.randrange(len(rows[0]))] = _nasty(rng)[:50]
    else:  # the rows shuffled
        body = rows[1:]
        rng.shuffle(body)
        rows = [rows[0], *body]
    return _csv_write(prefix, rows, rng)


def vcf_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.decode("utf-8", "surrogateescape").split("\r\n")
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(len(lines))
        line = lines[i]
        name, _, value = line.partition(":")
        choice = rng.randrange(9)
        if choice == 0:
            lines[i] = f"{name}:{_nasty(rng)}"
        elif choice == 1:
            lines[i] = f"{_nasty(rng)[:30]}:{value}"
        elif choice == 2:
            lines.insert(i, rng.choice([
                "BEGIN:VCARD", "END:VCARD", "BEGIN:VCALENDAR", "VERSION:9.9", "GEO:91;181",
                "GEO:geo:abc", "GEO:" + _nasty(rng), "ADR:" + ";" * rng.randrange(20),
                "ADR;TYPE=WORK:;;" + _nasty(rng), "ORG:" + ";" * 5, "ORG:", "N:" + _nasty(rng),
                "PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64", "NOTE;ENCODING=QUOTED-PRINTABLE:=ZZ",
                "EMAIL;TYPE=INTERNET,=:x", "item1.EMAIL:a@b.c", "X-FOO;BAR=\"baz:qux\":1",
                "CATEGORIES:" + "," * 10, "BDAY:99999999", "REV:" + _nasty(rng),
                "TEL;VALUE=uri:tel:" + _nasty(rng), "KEY;ENCODING=b:" + "A" * 10, " folded",
                "\tfolded", "FN;CHARSET=x-unknown:abc", "AGENT:BEGIN:VCARD", ":", ";;;",
                "URL:" + _nasty(rng)]))
        elif choice == 3:
            del lines[i]
        elif choice == 4:
            lines[i] = line + rng.choice([";", ";;", "\\", "=", ",", "\\n", "=\r\n="])
        elif choice == 5:
            lines[i] = " " + line  # a continuation line where none belongs
        elif choice == 6:
            lines[i] = line.replace(";", rng.choice([":", ",", ";;;", ""]))
        elif choice == 7:
            lines[i] = line + "x" * rng.choice([100, 10_000, 100_000])
        else:
            lines[i] = line.lower() if rng.random() < 0.5 else line.replace(":", ";", 1)
    return "\r\n".join(lines).encode("utf-8", "surrogateescape")


# xlsx: mutate a member of the zip and write the zip again (valid CRCs), or damage the zip itself.

def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members: list[tuple[zipfile.ZipInfo, bytes]], compression: int = zipfile.ZIP_DEFLATED
         ) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for info, content in members:
            archive.writestr(info.filename, content)
    return out.getvalue()


def _pick(rng: random.Random, members: list[tuple[zipfile.ZipInfo, bytes]]) -> int:
    names = [info.filename for info, _ in members]
    favourites = [i for i, n in enumerate(names) if n.endswith(("sheet1.xml", "sharedStrings.xml"))]
    return rng.choice(favourites) if favourites and rng.random() < 0.7 else rng.randrange(len(names))


_TAG = re.compile(rb"<(/?)([A-Za-z][\w:]*)")
_ATTR = re.compile(rb'(\s[\w:]+)="([^"]*)"')


def xml_damage(rng: random.Random, xml: bytes) -> bytes:
    choice = rng.randrange(10)
    tags = list(_TAG.finditer(xml))
    attrs = list(_ATTR.finditer(xml))
    if choice == 0 and tags:  # a tag renamed
        m = rng.choice(tags)
        return xml[:m.start(2)] + rng.choice([b"x", b"row", b"c", b"v", b"is", b"t", b"foo:bar",
                                              b"sheetData", b"dimension"]) + xml[m.end(2):]
    if choice == 1 and tags:  # a closing tag lost
        closing = [m for m in tags if m.group(1)] or tags
        m = rng.choice(closing)
        end = xml.find(b">", m.start())
        return xml[:m.start()] + xml[end + 1:]
    if choice == 2 and attrs:  # an attribute's value replaced
        m = rng.choice(attrs)
        value = rng.choice([_nasty(rng).encode(), b"ZZZZ1", b"A0",
                            b"XFD1048576", b"A1:XFD1048576", b"ZZZ99999999", b"-1", b"99999",
                            b"1e400", b"n", b"s", b"b", b"d", b"e", b"str", b"inlineStr", b""])
        return xml[:m.start(2)] + value.replace(b'"', b"&quot;") + xml[m.end(2):]
    if choice == 3 and tags:  # an unknown attribute
        m = rng.choice(tags)
        return xml[:m.end()] + rng.choice([b' foo="1"', b' r="A1"', b' t="x"', b' s="999"',
                                           b' spans="1:99999"', b' ht="abc"']) + xml[m.end():]
    if choice == 4:  # a cell value replaced
        values = list(re.finditer(rb"<v>([^<]*)</v>", xml))
        if values:
            m = rng.choice(values)
            value = rng.choice([_nasty(rng).encode(),
                                b"not-a-number48.1351", b"99999999", b"-5", b"1e308"])
            return xml[:m.start(1)] + value.replace(b"<", b"&lt;") + xml[m.end(1):]
    if choice == 5:  # XML that hostile parsers choke on
        return rng.choice([
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;'
            b'&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' + xml,
            b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd">' + xml,
            xml.replace(b"?>", b"?><!-- " + b"x" * 1000 + b" -->", 1),
            b"\xff\xfe" + xml, xml.decode("utf-8", "replace").encode("utf-16"), b"",
        ])
    if choice == 6:  # a far-away cell or row
        big = rng.choice([b"XFD", b"ZZZ", b"AAAA", b"A"])
        row = rng.choice([b"1048576", b"1000000", b"99999999999", b"0", b"5"])
        return xml.replace(b'<row r="2"', b'<row r="' + row + b'"', 1).replace(
            b'r="B2"', b'r="' + big + row + b'"', 1)
    if choice == 7:  # many rows or cells
        rows = list(re.finditer(rb"<row[ >].*?</row>", xml, re.S))
        if rows:
            m = rng.choice(rows)
            return xml[:m.end()] + m.group(0) * rng.choice([10, 500]) + xml[m.end():]
    if choice == 8 and tags:  # an unknown element
        m = rng.choice(tags)
        return xml[:m.start()] + b"<unknown attr='1'/>" + xml[m.start():]
    return flip(rng, xml)


def xlsx_member(rng: random.Random, data: bytes) -> bytes:
    members = _members(data)
    i = _pick(rng, members)
    info, content = members[i]
    choice = rng.randrange(6)
    if choice == 0:
        del members[i]
    elif choice == 1:
        members[i] = (info, truncate(rng, content))
    elif choice == 2:
        members[i] = (info, flip(rng, content))
    else:
        members[i] = (info, xml_damage(rng, content))
    return _zip(members, rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))


def xlsx_zip(rng: random.Random, data: bytes) -> bytes:
    """Damage the zip itself: a member's compressed bytes, its sizes or CRC, or the directory."""
    members = _members(data)
    out = bytearray(data)
    choice = rng.randrange(4)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.infolist()[_pick(rng, members)]
    local = info.header_offset
    start = local + 30 + len(info.filename.encode()) + len(info.extra)
    if choice == 0 and info.compress_size:  # the compressed bytes
        for _ in range(rng.randrange(1, 5)):
            out[start + rng.randrange(info.compress_size)] ^= 1 << rng.randrange(8)
    elif choice == 1:  # the CRC or sizes in the local header
        field = local + rng.choice([14, 18, 22])
        out[field:field + 4] = rng.randrange(2**32).to_bytes(4, "little")
    elif choice == 2:  # the central directory
        directory = data.rfind(b"PK\x01\x02")
        out[directory + rng.randrange(46)] ^= 1 << rng.randrange(8)
    else:
        return flip(rng, data)
    return bytes(out)


def xlsx_cells(rng: random.Random, data: bytes) -> bytes:
    """Cells of the wrong type, far away, or very many, written by openpyxl itself."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    if sheet is None:
        raise ValueError("no active sheet")
    choice = rng.randrange(5)
    if choice == 0:
        for _ in range(rng.randrange(1, 4)):
            sheet.cell(rng.randrange(1, EXAMPLE_ROWS + 2), rng.randrange(1, 22)).value = \
                rng.choice([_nasty(rng).replace("\x00", "") or "x", 1e308, -1e308, 10**15,
                            -(10**18), True, 0.1, float("nan")])
    elif choice == 1:
        sheet.cell(rng.choice([2, 5000, 1_048_576]), rng.choice([3, 300, 16_384])).value = "far"
    elif choice == 2:
        for row in range(EXAMPLE_ROWS + 2, EXAMPLE_ROWS + 2 + rng.choice([50, 300])):
            sheet.cell(row, 1).value = f"Org {row}"
            sheet.cell(row, 10).value = "Paris"
    elif choice == 3:
        workbook.create_sheet("First", 0)
        if rng.random() < 0.5:
            workbook.worksheets[0]["A1"] = "name"
    else:
        sheet.cell(rng.randrange(1, 4), rng.randrange(1, 22)).value = "=1/0"
    out = io.BytesIO()
    try:
        workbook.save(out)
    except Exception:  # openpyxl refuses some values (e.g. control characters); keep the file
        return data
    return out.getvalue()


MUTATORS: dict[str, list[Callable[[random.Random, bytes], bytes]]] = {
    "csv": [*BYTES, csv_cell, csv_cell, csv_cell, csv_shape, csv_shape],
    "vcf": [*BYTES, vcf_line, vcf_line, vcf_line, vcf_line],
    "xlsx": [flip, truncate, insert, xlsx_member, xlsx_member, xlsx_member, xlsx_member,
             xlsx_member, xlsx_zip, xlsx_zip, xlsx_cells, xlsx_cells],
}


def mutate(fmt: str, data: bytes, case: int) -> bytes:
    rng = random.Random(f"{SEED}-{fmt}-{case}")
    for _ in range(1 if rng.random() < 0.7 else rng.randrange(2, 4)):
        mutator = rng.choice(MUTATORS[fmt])
        try:
            data = mutator(rng, data)
        except Exception:  # openpyxl or zipfile refuse what earlier steps did
            data = flip(rng, data)  # an earlier mutation left nothing this one understands
    return data


# --- running one case -------------------------------------------------------------------------

class _Hang(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Hang


def check_import(tour: Path, source: Path, before: str) -> tuple[str, int]:
    """Import *source* into *tour*: what went wrong ('' if nothing) and the exit code (-1 if
    none)."""
    err = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    started = time.monotonic()
    try:
        with redirect_stderr(err), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = main(["import-contacts", str(tour), str(source)], out=io.StringIO())
    except _Hang:
        return f"hang: still running after {TIME_LIMIT:g} s", -1
    except BaseException as exc:  # a traceback is what this test looks for
        return f"traceback: {type(exc).__name__}: {str(exc)[:200]}", -1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    seconds = time.monotonic() - started
    return _judge(code, err.getvalue().splitlines(), caught, seconds, tour, source, before), code


def _judge(code: int, lines: list[str], caught: list[warnings.WarningMessage], seconds: float,
           tour: Path, source: Path, before: str) -> str:
    if caught:
        return f"warning on stderr: {caught[0].category.__name__}: {str(caught[0].message)[:200]}"
    if code not in (0, 1, 2):
        return f"exit {code}: {lines}"
    if code == 2:
        if len(lines) != 1 or not lines[0].startswith("ecovisit: error: "):
            return f"exit 2 without one error line: {lines[:3]}"
        if str(source) not in lines[0]:
            return f"the message does not name the file: {lines[0][:200]}"
    elif lines:
        return f"exit {code} with stderr: {lines[:3]}"
    if code != 0 and dump(tour) != before:
        return f"exit {code} but the tour changed"
    if seconds > TIME_LIMIT / 3:
        return f"slow: {seconds:.1f} s"
    return ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_mutated_files_exit_cleanly_and_change_nothing(corpus: Corpus, fmt: str) -> None:
    folder = corpus.folder / f"cases-{fmt}"
    folder.mkdir(exist_ok=True)
    tour = folder / "tour.ecovisit"
    failures: list[str] = []
    codes = {0: 0, 1: 0, 2: 0}
    for case in range(CASES):
        data = mutate(fmt, corpus.examples[fmt], case)
        source = folder / f"contacts.{fmt}"
        source.write_bytes(data)
        shutil.copyfile(corpus.tour, tour)
        for stale in (Path(f"{tour}-wal"), Path(f"{tour}-shm")):
            stale.unlink(missing_ok=True)
        problem, code = check_import(tour, source, corpus.before)
        codes[code] = codes.get(code, 0) + 1
        if problem:
            failures.append(f"{fmt} case {case}: {problem}")
            if SAVE:
                Path(SAVE).mkdir(parents=True, exist_ok=True)
                (Path(SAVE) / f"{fmt}-{SEED}-{case}.{fmt}").write_bytes(data)
    print(f"{fmt}: {CASES} cases, exit codes {codes}, {len(failures)} failed")
    assert not failures, f"{len(failures)} of {CASES} {fmt} cases failed:\n" + "\n".join(
        failures[:30])


# --- every input that ever failed ----------------------------------------------------------------

def _regressions() -> list[Path]:
    return sorted(p for p in REGRESSIONS.iterdir() if p.suffix in (".csv", ".xlsx", ".vcf"))


@pytest.mark.parametrize("source", _regressions(), ids=lambda p: p.name)
def test_every_input_that_ever_failed(corpus: Corpus, source: Path, tmp_path: Path) -> None:
    tour = tmp_path / "tour.ecovisit"
    shutil.copyfile(corpus.tour, tour)
    problem, _code = check_import(tour, source, corpus.before)
    assert not problem, f"{source.name}: {problem}"


# --- the limits that bound the work, and messages that name the place ---------------------------

def _import(corpus: Corpus, tmp_path: Path, name: str, data: bytes,
            capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    tour = tmp_path / "tour.ecovisit"
    shutil.copyfile(corpus.tour, tour)
    source = tmp_path / name
    source.write_bytes(data)
    capsys.readouterr()
    code, report = run("import-contacts", tour, source)
    err = capsys.readouterr().err
    if code != 0:
        assert dump(tour) == corpus.before
    return code, report, err


def _with_member(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    return _zip([(info, change(content) if info.filename == name else content)
                 for info, content in _members(data)])


def test_a_zip_bomb_is_refused_before_it_is_unpacked(corpus: Corpus, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bomb = (REGRESSIONS / "xlsx-zip-bomb-201MB.xlsx").read_bytes()  # the example + 201 MB spaces
    assert len(bomb) < 300_000
    started = time.monotonic()
    code, _report, err = _import(corpus, tmp_path, "bomb.xlsx", bomb, capsys)
    assert time.monotonic() - started < 5
    assert code == 2
    assert "bomb.xlsx: unpacks to 201 MB, more than the 200 MB a contacts workbook may hold" in err


def test_a_damaged_zip_member_is_named(corpus: Corpus, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(corpus.examples["xlsx"])
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    code, _report, err = _import(corpus, tmp_path, "crc.xlsx", bytes(data), capsys)
    assert code == 2
    assert "crc.xlsx: the part 'xl/worksheets/sheet1.xml' of the workbook is damaged (" in err
    assert err.count("\n") == 1


def test_text_in_a_number_cell_rejects_that_row_naming_the_column(
        corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def damage(xml: bytes) -> bytes:
        return re.sub(rb'(<c r="L3"[^>]*>)<v>[^<]*</v>', rb"\1<v>not-a-number48.1351</v>", xml)

    data = _with_member(corpus.examples["xlsx"], "xl/worksheets/sheet1.xml", damage)
    code, report, err = _import(corpus, tmp_path, "text.xlsx", data, capsys)
    assert (code, err) == (0, "")
    assert "text.xlsx: row 3, column 'latitude': 'not-a-number48.1351' is not a number" in report


@pytest.mark.parametrize(("reference", "message"), [
    ("AAAA3", "worksheet 'Directory', row 3: the sheet is damaged ('AAAA3' is not a cell of a "
              "sheet (A1 to XFD1048576))"),
    ("XFE3", "'XFE3' is not a cell of a sheet"),
    ("A0", "'A0' is not a cell of a sheet"),
])
def test_a_cell_outside_any_sheet_is_refused_with_its_row(
        corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], reference: str,
        message: str) -> None:
    data = _with_member(corpus.examples["xlsx"], "xl/worksheets/sheet1.xml",
                        lambda xml: xml.replace(b'r="B3"', f'r="{reference}"'.encode()))
    code, _report, err = _import(corpus, tmp_path, "far.xlsx", data, capsys)
    assert code == 2 and message in err


def test_a_row_far_beyond_the_last_is_read_without_filling_the_gap(
        corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def far(xml: bytes) -> bytes:
        last = xml.rindex(b"</row>") + len(b"</row>")
        return (xml[:last] + b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t>'
                b"</is></c></row>" + xml[last:]).replace(b'<dimension ref="A1:U11"/>',
                                                        b'<dimension ref="A1:XFD1048576"/>')

    data = _with_member(corpus.examples["xlsx"], "xl/worksheets/sheet1.xml", far)
    started = time.monotonic()
    code, report, _err = _import(corpus, tmp_path, "far.xlsx", data, capsys)
    assert time.monotonic() - started < 10
    assert code == 0
    assert "row 1048576, column '': has cells to the right of the last column with a header" \
        in report


@pytest.mark.parametrize(("fmt", "limit", "message"), [
    ("csv", "MAX_FILE_BYTES", "is larger than 0 MB, too large for a contacts list"),
    ("vcf", "MAX_VCARD_LINES", "more than the 50 lines of vCards read at once; split the file"),
    ("csv", "MAX_ROWS", "has more than 50 rows (at line or row 52); import it in parts"),
    ("xlsx", "MAX_ROWS", "has more than 50 rows (at line or row 52); import it in parts"),
    ("xlsx", "MAX_CELLS", "worksheet 'Directory' is too large to be a contacts list (more than "
                          "50 cells, at row 3)"),
    ("xlsx", "MAX_XLSX_MEMBERS", "is not a contacts workbook: it holds"),
])
def test_the_limits_refuse_the_whole_file(corpus: Corpus, tmp_path: Path, fmt: str, limit: str,
                                          message: str, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"planner.directory.sources.{limit}", 5 if "MEMBERS" in limit else 50)
    data = corpus.examples[fmt]
    if limit == "MAX_ROWS" and fmt == "csv":
        prefix, rows = _csv_rows(data)
        data = _csv_write(prefix, [rows[0], *[rows[5]] * 60], random.Random(0))
    elif limit == "MAX_ROWS":
        workbook = load_workbook(io.BytesIO(data))
        sheet = workbook.active
        assert sheet is not None
        for row in range(EXAMPLE_ROWS + 2, 70):
            sheet.cell(row, 1).value = f"Org {row}"
        out = io.BytesIO()
        workbook.save(out)
        data = out.getvalue()
    code, _report, err = _import(corpus, tmp_path, f"big.{fmt}", data, capsys)
    assert code == 2 and message in err, err


def test_messages_from_a_damaged_file_are_one_printable_line(
        corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cards = corpus.examples["vcf"].replace(b"VERSION:3.0", b"VER\x1b[31mSION 3.0", 1)
    code, _report, err = _import(corpus, tmp_path, "odd.vcf", cards, capsys)
    assert code == 2
    assert err.count("\n") == 1 and "\x1b" not in err and "\\x1b" in err


def test_two_thousand_contacts_of_one_organisation_import_in_seconds(
        corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """This took minutes: every language code was compared with every known one, and every
    contact of a row with every contact the organisation already had."""
    prefix, rows = _csv_rows(corpus.examples["csv"])
    header, row = rows[0], rows[5]
    name, email = header.index("contact_name"), header.index("contact_email")
    many = [[*row[:name], f"Person {n}", *row[name + 1:email], f"p{n}@example.com",
             *row[email + 1:]] for n in range(2000)]
    data = _csv_write(prefix, [header, *many, many[7]], random.Random(0))
    started = time.monotonic()
    code, report, _err = _import(corpus, tmp_path, "many.csv", data, capsys)
    assert code == 0, report
    assert "1 added, 1999 merged, 1 unchanged, 0 rejected" in report
    assert time.monotonic() - started < 30
