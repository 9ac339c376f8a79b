"""The notes sheet: executives take their notes from the road in Excel, not in Ecovisit.

:func:`export_notes` writes an .xlsx with a sheet per traveller and a row per meeting she
attends (not cancelled, not an idea), in time order: the day and time, the meeting, the host,
the goals it serves (hers first), the prepared questions, then the columns she fills in: what
she learned, key takeaways (one per line, ``trend: ...``), a rating 1-5, whether she would
recommend the host, and follow-ups (one per line, ``what; who; by when``). Two hidden key
columns (the meeting's UID, her id) match each row again however the rows are sorted or the
columns moved. What she entered before is filled in, so exporting, editing and importing is
stable.

:func:`read_notes` reads a filled sheet and says what importing it would add and change, and
every bad cell by sheet, row and column; :func:`import_notes` does it, all or nothing: with any
problem it raises :class:`NotesRejected` (an :class:`InputError`) and changes nothing. It adds
and changes, never deletes (a takeaway or follow-up whose line is gone stays; delete it in the
window), and importing the same sheet twice changes nothing the second time. It writes through
:mod:`planner.edits`, so :func:`planner.changes.record` around it makes one undoable step.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import edits
from planner.atomicfile import atomic_destination
from planner.directory import sources
from planner.errors import InputError
from planner.folding import fold, named
from planner.formatting import format_day, item_time_text
from planner.messages import N_, translate
from planner.model import (
    AgendaItem,
    FollowUp,
    ItemKind,
    ItemStatus,
    Learning,
    Rating,
    TakeawayTag,
    Tour,
    Traveller,
)
from planner.queries import agenda_items, load_tour

# --- the sheet's columns ---------------------------------------------------------------------
DAY, TIME, MEETING, HOST, GOALS, QUESTIONS = "day", "time", "meeting", "host", "goals", \
    "questions"
LEARNED, TAKEAWAYS, RATING, RECOMMEND, FOLLOW_UPS = "learned", "takeaways", "rating", \
    "recommend", "follow_ups"
ITEM_KEY, TRAVELLER_KEY = "item_uid", "traveller_id"

#: Column -> (header, width). The key columns' headers are never translated: they are hidden,
#: and the importer finds them by these names.
COLUMNS: dict[str, tuple[str, float]] = {
    DAY: (N_("Day"), 15), TIME: (N_("Time"), 12), MEETING: (N_("Meeting"), 30),
    HOST: (N_("Host"), 24), GOALS: (N_("Goals it serves"), 30),
    QUESTIONS: (N_("Prepared questions"), 36), LEARNED: (N_("What I learned"), 48),
    TAKEAWAYS: (N_("Key takeaways"), 40), RATING: (N_("Rating 1–5"), 9),
    RECOMMEND: (N_("Would recommend"), 12), FOLLOW_UPS: (N_("Follow-ups"), 44),
    ITEM_KEY: (ITEM_KEY, 10), TRAVELLER_KEY: (TRAVELLER_KEY, 10),
}
FILLED = (LEARNED, TAKEAWAYS, RATING, RECOMMEND, FOLLOW_UPS)

#: How a key takeaway's tag is written at the start of its line (English and Japanese).
TAG_WORDS: dict[TakeawayTag, str] = {
    TakeawayTag.TREND: N_("trend"), TakeawayTag.TECHNOLOGY: N_("technology"),
    TakeawayTag.BUSINESS_MODEL: N_("business model"),
    TakeawayTag.PARTNER_CANDIDATE: N_("partner candidate"), TakeawayTag.RISK: N_("risk"),
    TakeawayTag.OTHER: N_("other"),
}
YES, NO = N_("yes"), N_("no")
COORDINATOR = N_("coordinator")

_PROMPTS = {
    LEARNED: N_("What you learned at this meeting, in your own words."),
    TAKEAWAYS: N_("One per line, starting with its tag: trend, technology, business model, "
                  "partner candidate, risk or other. Example: trend: fleets buy by the hour"),
    RATING: N_("How valuable was the meeting? 1 (not at all) to 5 (very)."),
    RECOMMEND: N_("Would you recommend this host to another delegation? yes or no."),
    FOLLOW_UPS: N_("One per line: what; who; by when. Who: a traveller or coordinator "
                   "(empty: you). Example: Send our deck; Tanaka; 15 Apr 2027"),
}
_NOT_A_RATING = N_("{value} is not a rating from 1 to 5")


# --- writing ---------------------------------------------------------------------------------
def _title(item: AgendaItem, language: str) -> str:
    return item.title_ja if language == "ja" and item.title_ja else item.title


def _person(traveller: Traveller, language: str) -> str:
    return traveller.name_ja if language == "ja" and traveller.name_ja else traveller.name


def _goal_title(goal: Any, language: str) -> str:
    return str(goal.title_ja if language == "ja" and goal.title_ja else goal.title)


def meetings_of(session: Session, traveller: Traveller) -> list[AgendaItem]:
    """The meetings *traveller* attends that take place (not cancelled, not ideas), in time
    order: the rows of her sheet and the book's notes pages. A meeting that names no
    attendees is the whole delegation's, hers too."""
    query = agenda_items().where(AgendaItem.kind == ItemKind.MEETING).options(
        selectinload(AgendaItem.hosts), selectinload(AgendaItem.goals))
    return [item for item in session.scalars(query)
            if item.status not in (ItemStatus.CANCELLED, ItemStatus.IDEA)
            and item.attended_by(traveller)]


def sheet_title(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts, after *name*: none of ``[]:*?/\\``, no apostrophe at
    either end, at most 31 characters, not "History", and unique (case-insensitive) in
    *taken* (to which it is added)."""
    text = re.sub(r"[\[\]:*?/\\\x00-\x1f]", " ", name)
    text = " ".join(text.split()).strip("'").strip() or "Notes"
    if text.casefold() == "history":
        text += " 1"
    text = text[:31].rstrip()
    candidate, number = text, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate, number = text[:31 - len(suffix)].rstrip() + suffix, number + 1
    taken.add(candidate.casefold())
    return candidate


def _host_text(item: AgendaItem, language: str) -> str:
    """The host and the people met, in Japanese where known for a Japanese sheet."""
    def name(record: Any) -> str:
        return str(record.name_ja if language == "ja" and record.name_ja else record.name)

    lines = [name(item.organisation)] if item.organisation is not None else []
    lines += [f"{name(c)}, {c.role}" if c.role else name(c) for c in item.hosts]
    return "\n".join(lines)


def _goals_text(item: AgendaItem, traveller: Traveller, language: str) -> str:
    """The goals the meeting serves, hers first, then the delegation's, then the others'."""
    goals = sorted(item.goals, key=lambda g: (0 if g.traveller_id == traveller.id else
                                              1 if g.traveller_id is None else 2, g.id))
    return "\n".join(_goal_title(g, language) for g in goals)


def _flat(text: str) -> str:
    """One line of a multi-line cell: a record's text with its line breaks as spaces."""
    return " ".join(text.split())


def _plain_learning(session: Session, item_id: int, traveller_id: int) -> Learning | None:
    """Her "what I learned" at a meeting: her first learning there without goal or tag."""
    return session.scalars(select(Learning).where(
        Learning.item_id == item_id, Learning.traveller_id == traveller_id,
        Learning.goal_id.is_(None), Learning.tag.is_(None))
        .order_by(Learning.position, Learning.id).limit(1)).first()


def _takeaways(session: Session, item_id: int, traveller_id: int) -> list[Learning]:
    return list(session.scalars(select(Learning).where(
        Learning.item_id == item_id, Learning.traveller_id == traveller_id,
        Learning.tag.is_not(None)).order_by(Learning.position, Learning.id)))


def _owned_follow_ups(session: Session, item_id: int, traveller_id: int) -> list[FollowUp]:
    return list(session.scalars(select(FollowUp).where(
        FollowUp.item_id == item_id, FollowUp.owner_id == traveller_id)
        .order_by(FollowUp.id)))


def _filled(session: Session, item: AgendaItem, traveller: Traveller,
            language: str) -> dict[str, Any]:
    """What she entered before, as the sheet writes it (so that reading it back is no change)."""
    values: dict[str, Any] = {}
    plain = _plain_learning(session, item.id, traveller.id)
    if plain is not None:
        values[LEARNED] = plain.text
    lines = [f"{translate(TAG_WORDS[t.tag], language)}: {_flat(t.text)}"
             for t in _takeaways(session, item.id, traveller.id) if t.tag is not None]
    if lines:
        values[TAKEAWAYS] = "\n".join(lines)
    rating = session.scalars(select(Rating).where(
        Rating.item_id == item.id, Rating.traveller_id == traveller.id)).first()
    if rating is not None:
        values[RATING] = rating.score
        if rating.recommend is not None:
            values[RECOMMEND] = translate(YES if rating.recommend else NO, language)
    lines = [f"{_flat(f.description)}; {_person(traveller, language)}; "
             f"{format_day(f.due, language) if f.due else ''}".rstrip("; ").rstrip()
             for f in _owned_follow_ups(session, item.id, traveller.id)]
    if lines:
        values[FOLLOW_UPS] = "\n".join(lines)
    return values


def export_notes(session: Session, path: Path, *, traveller_ids: list[int] | None = None,
                 language: str = "en", force: bool = False) -> int:
    """Write the notes sheet (see the module) for the travellers *traveller_ids* (everyone by
    default) to the .xlsx *path*, headers in *language*; returns the number of meeting rows.
    Written whole or not at all (an existing file is refused unless *force*)."""
    from openpyxl import Workbook

    if Path(path).suffix.lower() != ".xlsx":
        raise InputError(f"{path}: the notes sheet is an .xlsx file")
    everyone = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                               Traveller.id)))
    if traveller_ids is not None:
        known = {t.id: t for t in everyone}
        missing = [key for key in traveller_ids if key not in known]
        if missing:
            raise InputError(f"no traveller #{missing[0]} in this tour")
        everyone = [t for t in everyone if t.id in set(traveller_ids)]
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    taken: set[str] = set()
    rows = 0
    for traveller in everyone:
        sheet = workbook.create_sheet(sheet_title(_person(traveller, language), taken))
        meetings = meetings_of(session, traveller)
        _write_sheet(session, sheet, traveller, meetings, language)
        rows += len(meetings)
    buffer = io.BytesIO()  # built in memory, written in one go (as the directory's export)
    workbook.save(buffer)
    with atomic_destination(Path(path), force=force) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return rows


def _safe(text: str) -> str:
    """Text openpyxl can store: the control characters XML 1.0 has no place for removed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def _write_sheet(session: Session, sheet: Any, traveller: Traveller,
                 meetings: list[AgendaItem], language: str) -> None:
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    names = list(COLUMNS)
    letter = {name: get_column_letter(n) for n, name in enumerate(names, start=1)}
    sheet.append([translate(header, language) if name not in (ITEM_KEY, TRAVELLER_KEY)
                  else header for name, (header, _width) in COLUMNS.items()])
    head_fill = PatternFill("solid", fgColor="2F4F6F")
    fill_here = PatternFill("solid", fgColor="FFF8E1")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for item in meetings:
        values: dict[str, Any] = {
            DAY: format_day(item.day, language, short=True), TIME: item_time_text(item),
            MEETING: _title(item, language), HOST: _host_text(item, language),
            GOALS: _goals_text(item, traveller, language),
            QUESTIONS: "\n".join(item.questions), ITEM_KEY: item.uid,
            TRAVELLER_KEY: traveller.id, **_filled(session, item, traveller, language)}
        sheet.append([_safe(v) if isinstance(v, str) else v
                      for v in (values.get(name) for name in names)])
        row = sheet.max_row
        lines = max(_lines_in(str(values.get(name, "")), COLUMNS[name][1])
                    for name in names if name not in (ITEM_KEY, TRAVELLER_KEY))
        # room to write in, and for what is there (Excel does not grow a row set by a program)
        sheet.row_dimensions[row].height = min(400, max(75, 13.5 * lines + 6))
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for name, cell in zip(names, cells, strict=True):
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
            cell.alignment = wrap
            if name in FILLED:
                cell.fill = fill_here
    for name, (_header, width) in COLUMNS.items():
        sheet.column_dimensions[letter[name]].width = width
    for name in (ITEM_KEY, TRAVELLER_KEY):
        sheet.column_dimensions[letter[name]].hidden = True
    sheet.freeze_panes = "C2"
    last = sheet.max_row
    if last >= 2:
        title = translate(N_("How to fill in"), language)
        for name, prompt in _PROMPTS.items():
            check = _validation(name, language)
            check.showInputMessage = True
            check.promptTitle = title[:32]
            check.prompt = translate(prompt, language)[:255]
            check.add(f"{letter[name]}2:{letter[name]}{last}")
            sheet.add_data_validation(check)
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{letter[FOLLOW_UPS]}{max(last, 1)}"


def _lines_in(text: str, width: float) -> int:
    """How many lines *text* takes in a wrapped column *width* characters wide (a Japanese
    character is two wide)."""
    count = 0
    for line in text.split("\n"):
        wide = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        count += max(1, math.ceil(wide / max(1.0, width - 1)))
    return count


def _validation(name: str, language: str) -> Any:
    """The data validation of a column she fills in: whole numbers 1-5 for the rating, yes or
    no for the recommendation, any text (with the prompt only) elsewhere."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if name == RATING:
        check = DataValidation(type="whole", operator="between", formula1="1", formula2="5",
                               allow_blank=True)
        check.error = translate(N_("A rating is a whole number from 1 to 5."), language)
    elif name == RECOMMEND:
        words = ",".join(translate(w, language) for w in (YES, NO))
        check = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
        check.error = translate(N_("Answer yes or no."), language)
    else:
        return DataValidation(allow_blank=True)
    check.showErrorMessage = True
    check.errorTitle = translate(N_("Notes sheet"), language)[:32]
    return check


# --- reading ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class NotesProblem:
    """A cell (or row, or sheet) that cannot be imported, and why (an English template of the
    catalogue and its values, rendered in the reader's language)."""

    sheet: str
    row: int  # 0: the sheet as a whole
    column: str  # the column's header as the sheet has it; "" for the row or sheet
    reason: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        where = [self.sheet]
        if self.row:
            where.append(translate(N_("row {row}"), language).format(row=self.row))
        if self.column:
            where.append(self.column)
        values = {key: format_day(value, language) if isinstance(value, date) else value
                  for key, value in self.values.items()}
        said = translate(self.reason, language).format(**values)
        return ("、" if language == "ja" else ", ").join(where) + ": " + said


@dataclass(frozen=True)
class NotesChange:
    """One record an import adds or changes: where it comes from and what it is."""

    sheet: str
    row: int
    what: str  # an English template: "learning", "takeaway", "rating", "follow-up"
    text: str
    added: bool

    def line(self, language: str = "en") -> str:
        row = translate(N_("row {row}"), language).format(row=self.row)
        said = N_("{what} added: {text}") if self.added else N_("{what} changed: {text}")
        comma = "、" if language == "ja" else ", "
        return f"{self.sheet}{comma}{row}: " + translate(said, language).format(
            what=translate(self.what, language), text=self.text)


@dataclass
class NotesReport:
    """What reading (or importing) a notes sheet found: the records it adds and changes, the
    rows that change nothing, the empty rows skipped, and every problem."""

    source: str
    added: list[NotesChange] = field(default_factory=list)
    changed: list[NotesChange] = field(default_factory=list)
    unchanged: int = 0  # rows with notes that are all in the tour already
    empty: int = 0  # rows with nothing filled in
    problems: list[NotesProblem] = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, language: str = "en") -> str:
        if self.problems:
            template = N_("{source}: 1 problem; nothing is imported until it is fixed")
            if len(self.problems) != 1:
                template = N_("{source}: {count} problems; nothing is imported until they are "
                              "fixed")
            return translate(template, language).format(source=self.source,
                                                         count=len(self.problems))
        template = N_("{source}: {added} added, {changed} changed, {unchanged} rows unchanged, "
                      "{empty} empty rows skipped")
        return translate(template, language).format(
            source=self.source, added=len(self.added), changed=len(self.changed),
            unchanged=self.unchanged, empty=self.empty)

    def text(self, language: str = "en") -> str:
        lines = [self.summary(language)]
        lines += [problem.text(language) for problem in self.problems]
        lines += [change.line(language) for change in (*self.added, *self.changed)]
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "imported": self.imported,
                "added": [c.line() for c in self.added],
                "changed": [c.line() for c in self.changed], "unchanged": self.unchanged,
                "empty": self.empty, "problems": [p.text() for p in self.problems]}


class NotesRejected(InputError):
    """A notes sheet with problems: nothing was imported; ``report`` names every one."""

    def __init__(self, report: NotesReport) -> None:
        super().__init__(report.text())
        self.report = report


@dataclass
class _Sheet:
    title: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


def _read_sheets(path: Path) -> list[_Sheet]:
    """Every worksheet's non-empty rows as text, bounded as the contacts reader is
    (:mod:`planner.directory.sources`: file size, zip members and unpacked size, cells)."""
    from openpyxl import load_workbook

    source = str(path)
    try:
        with Path(path).open("rb") as file:
            data = file.read(sources.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise sources.UnreadableFile(source, "no such file") from None
    except IsADirectoryError:
        raise sources.UnreadableFile(source, "is a folder, not a file") from None
    except OSError as exc:
        raise sources.UnreadableFile(source, f"cannot be read ({exc.strerror})") from None
    if len(data) > sources.MAX_FILE_BYTES:
        raise sources.UnreadableFile(source, "is too large for a notes sheet")
    if not data.startswith(b"PK\x03\x04"):
        raise sources.UnreadableFile(source, "is not an Excel .xlsx workbook")
    sources._check_zip(data, source)
    sheets: list[_Sheet] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl: XML, zip, TypeError, KeyError, ...
            raise sources.UnreadableFile(source, f"is not a readable Excel .xlsx workbook "
                                                 f"({sources._why(exc)})") from None
        place: list[Any] = []
        title = ""
        try:
            total = 0
            for sheet in workbook.worksheets:
                title, place = str(sheet.title), []
                records = list(sources._sheet_records(sheet, source, place))
                total += len(records)
                if total > sources.MAX_ROWS:
                    raise sources.UnreadableFile(source, f"has more than {sources.MAX_ROWS:,} "
                                                         f"rows")
                if records:
                    sheets.append(_Sheet(title, records[0][1], records[1:]))
                else:
                    sheets.append(_Sheet(title, [], []))
        except sources.UnreadableFile:
            raise
        except Exception as exc:  # the same boundary, while a sheet is parsed
            row = place[0].row_counter if place else 0
            where = f", row {row}" if row else ""
            raise sources.UnreadableFile(source, f"worksheet {title!r}{where}: the sheet is "
                                                 f"damaged ({sources._why(exc)})") from None
        finally:
            workbook.close()
    return sheets


def _header_names() -> dict[str, str]:
    """Folded header (English or Japanese) -> column."""
    found: dict[str, str] = {}
    for name, (header, _width) in COLUMNS.items():
        for language in ("en", "ja"):
            found[fold(translate(header, language))] = name
    return found


def _tag_words() -> list[tuple[str, TakeawayTag]]:
    """Folded tag word (English, Japanese or the stored value) -> tag, longest first."""
    words: dict[str, TakeawayTag] = {}
    for tag, word in TAG_WORDS.items():
        for language in ("en", "ja"):
            words[fold(translate(word, language))] = tag
        words[fold(tag.value)] = tag
    words.update({fold(word): tag for word, tag in _MORE_TAG_WORDS.items()})
    return sorted(words.items(), key=lambda pair: -len(pair[0]))


#: Tag words read whatever the catalogue says (an executive types them as she says them).
_MORE_TAG_WORDS = {
    "トレンド": TakeawayTag.TREND, "動向": TakeawayTag.TREND, "技術": TakeawayTag.TECHNOLOGY,
    "テクノロジー": TakeawayTag.TECHNOLOGY, "tech": TakeawayTag.TECHNOLOGY,
    "ビジネスモデル": TakeawayTag.BUSINESS_MODEL, "パートナー候補": TakeawayTag.PARTNER_CANDIDATE,
    "partner": TakeawayTag.PARTNER_CANDIDATE, "パートナー": TakeawayTag.PARTNER_CANDIDATE,
    "リスク": TakeawayTag.RISK, "その他": TakeawayTag.OTHER,
    "other takeaway": TakeawayTag.OTHER, "その他の気づき": TakeawayTag.OTHER,
}
_YES_WORDS = {"yes", "y", "true", "1", "はい", "○", "◯"}
_NO_WORDS = {"no", "n", "false", "0", "いいえ", "×", "✕"}
_COORDINATOR_WORDS = {"coordinator", "the coordinator", "コーディネーター", "コーディネータ"}


def _key(text: str) -> str:
    """How two texts are compared: case, spacing and the spaces around ``;`` aside."""
    text = re.sub(r"\s*[;；]\s*", ";", text.replace("\r\n", "\n"))
    return " ".join(text.split()).casefold()


def _text(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def _lines(cell: str) -> list[str]:
    return [line.strip() for line in _text(cell).split("\n") if line.strip()]


# --- dates typed as text -----------------------------------------------------------------------
_MONTHS = {name: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_WEEKDAYS = re.compile(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|"
                       r"urday|sday)?\b\.?,?|[(（][月火水木金土日][)）]", re.IGNORECASE)
_MONTH = r"([a-z]{3,9})\.?"


class _BadDate(ValueError):
    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(reason)
        self.reason, self.values = reason, values


def parse_day(text: str, after: date) -> date:
    """A day typed as text: ``2027-03-15``, ``2027/3/15``, ``15.3.2027``, ``15 March 2027``,
    ``March 15``, ``Mon 15 Mar 2027``, ``2027年3月15日(月)``, ``3月15日``; one without a year is
    the first on or after *after* (a follow-up comes after the tour). A day written with slashes
    whose day and month could be swapped (``3/4/2027``) is refused, as is anything else
    (:class:`ValueError` with the reason)."""
    raw = text
    text = _WEEKDAYS.sub(" ", text.strip().lower().replace("　", " "))
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = " ".join(text.replace(",", " ").split())
    year: int | None
    if found := re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text):
        year, month, day = (int(x) for x in found.groups())
    elif found := re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?", text):
        year, month, day = None, int(found[1]), int(found[2])
    elif found := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})?", text):
        day, month = int(found[1]), int(found[2])
        year = int(found[3]) if found[3] else None
    elif found := re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", text):
        first, second = int(found[1]), int(found[2])
        year = int(found[3]) if found[3] else None
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first or first == second:
            month, day = first, second
        else:
            year_given = int(found[3]) if found[3] else after.year
            try:
                one, other = date(year_given, second, first), date(year_given, first, second)
            except ValueError:
                raise _BadDate(N_("'{text}' is not a day of the calendar"), text=raw) from None
            raise _BadDate(N_("'{text}' could be {one} or {other}: write the month as a word "
                              "or the day as year-month-day"), text=raw, one=one, other=other)
    elif (found := re.fullmatch(rf"(\d{{1,2}}) {_MONTH}(?: (\d{{4}}))?", text)) \
            and found[2] in _MONTHS:
        day, month = int(found[1]), _MONTHS[found[2]]
        year = int(found[3]) if found[3] else None
    elif (found := re.fullmatch(rf"{_MONTH} (\d{{1,2}})(?: (\d{{4}}))?", text)) \
            and found[1] in _MONTHS:
        month, day = _MONTHS[found[1]], int(found[2])
        year = int(found[3]) if found[3] else None
    else:
        raise _BadDate(N_("'{text}' is not a date (write it as 15 Apr 2027 or 2027-04-15)"),
                       text=raw)
    try:
        if year is not None:
            return date(year, month, day)
        found_day = date(after.year, month, day)
        if found_day < after:
            found_day = date(after.year + 1, month, day)
        return found_day
    except ValueError:
        raise _BadDate(N_("'{text}' is not a day of the calendar"), text=raw) from None


# --- what a row says ---------------------------------------------------------------------------
@dataclass
class _Op:
    """One write: add a record of *kind* with *values*, or set *values* on record *key*."""

    kind: str
    values: dict[str, Any]
    key: int | None = None


@dataclass
class _Context:
    session: Session
    tour: Tour
    travellers: list[Traveller]
    report: NotesReport
    columns: dict[str, str] = field(default_factory=dict)  # column -> header as in the sheet
    positions: dict[int, int] = field(default_factory=dict)  # item -> next learning position
    #: Follow-ups this sheet adds (meeting, description's key, owner): two rows asking for the
    #: same one (two colleagues each giving Tanaka the same task) add it once.
    planned: set[tuple[int, str, int | None]] = field(default_factory=set)

    def problem(self, sheet: str, row: int, column: str, reason: str, /,
                **values: Any) -> None:
        header = self.columns.get(column, column)
        self.report.problems.append(NotesProblem(sheet, row, header, reason, values))

    def position(self, item_id: int) -> int:
        if item_id not in self.positions:
            last = self.session.scalar(select(Learning.position).where(
                Learning.item_id == item_id).order_by(Learning.position.desc()).limit(1))
            self.positions[item_id] = (last or 0) + 1
        self.positions[item_id] += 1
        return self.positions[item_id] - 1


def _plan(session: Session, path: Path) -> tuple[NotesReport, list[tuple[_Op, NotesChange]]]:
    """Read the sheet at *path* against the tour: the report and the writes it asks for."""
    tour = load_tour(session)
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id)))
    report = NotesReport(Path(path).name)
    ops: list[tuple[_Op, NotesChange]] = []
    headers = _header_names()
    seen: dict[tuple[str, int], tuple[str, int]] = {}
    context = _Context(session, tour, travellers, report)
    for sheet in _read_sheets(Path(path)):
        if not sheet.header:
            continue  # an empty sheet (one the user added) says nothing
        columns: dict[str, int] = {}
        named_as: dict[str, str] = {}
        for index, header in enumerate(sheet.header):
            name = headers.get(fold(header))
            if name is not None and name not in columns:
                columns[name] = index
                named_as[name] = header
        context.columns = named_as
        missing = [key for key in (ITEM_KEY, TRAVELLER_KEY) if key not in columns]
        if len(missing) == 2 and not columns:
            context.problem(sheet.title, 0, "", N_("not a notes sheet of Ecovisit (its first "
                                                   "row names none of the sheet's columns)"))
            continue
        if missing:
            for key in missing:
                context.problem(sheet.title, 0, "", N_("the hidden key column '{column}' is "
                                                       "missing: export the sheet again and "
                                                       "copy the notes into it"), column=key)
            continue
        for number, cells in sheet.rows:
            values = {name: _text(cells[index]) if index < len(cells) else ""
                      for name, index in columns.items()}
            if not any(values.get(name) for name in FILLED):
                report.empty += 1
                continue
            _plan_row(context, sheet.title, number, values, seen, ops)
    for op, change in ops:
        (report.added if op.key is None else report.changed).append(change)
    return report, ops


def _plan_row(context: _Context, sheet: str, number: int, values: dict[str, str],
              seen: dict[tuple[str, int], tuple[str, int]],
              ops: list[tuple[_Op, NotesChange]]) -> None:
    session = context.session
    uid, who = values.get(ITEM_KEY, ""), values.get(TRAVELLER_KEY, "")
    if not uid or not who:
        context.problem(sheet, number, "", N_("the row has notes but no meeting key (the hidden "
                                              "columns were cleared): copy the notes into a "
                                              "row of the exported sheet"))
        return
    item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).first()
    traveller = session.get(Traveller, int(who)) if who.isdecimal() and len(who) < 10 else None
    if item is None:
        context.problem(sheet, number, "", N_("the meeting of this row is no longer in the "
                                              "tour"))
        return
    if traveller is None:
        context.problem(sheet, number, "", N_("the traveller of this row (#{key}) is not in "
                                              "the tour"), key=who)
        return
    if not item.attended_by(traveller):
        context.problem(sheet, number, "", N_("{name} no longer attends {meeting}"),
                        name=traveller.name, meeting=item.title)
        return
    if (uid, traveller.id) in seen:
        first_sheet, first_row = seen[(uid, traveller.id)]
        context.problem(sheet, number, "", N_("the same meeting as {sheet}, row {row}"),
                        sheet=first_sheet, row=first_row)
        return
    seen[(uid, traveller.id)] = (sheet, number)
    before = len(ops)
    row = _Row(context, sheet, number, item, traveller, ops)
    problems = len(context.report.problems)
    row.learned(values.get(LEARNED, ""))
    row.takeaways(values.get(TAKEAWAYS, ""))
    row.rating(values.get(RATING, ""), values.get(RECOMMEND, ""))
    row.follow_ups(values.get(FOLLOW_UPS, ""))
    if len(ops) == before and len(context.report.problems) == problems:
        context.report.unchanged += 1


@dataclass
class _Row:
    context: _Context
    sheet: str
    number: int
    item: AgendaItem
    traveller: Traveller
    ops: list[tuple[_Op, NotesChange]]

    def problem(self, column: str, reason: str, /, **values: Any) -> None:
        self.context.problem(self.sheet, self.number, column, reason, **values)

    def write(self, op: _Op, what: str, text: str) -> None:
        change = NotesChange(self.sheet, self.number, what, text, added=op.key is None)
        self.ops.append((op, change))

    def checked(self, column: str, kind: str, name: str, value: Any) -> Any:
        """*value* as the record's field stores it, or a problem (None)."""
        try:
            return edits.parse_value(kind, name, value)
        except InputError as exc:
            self.problem(column, "{reason}", reason=str(exc))
            return None

    def learned(self, text: str) -> None:
        if not text or self.checked(LEARNED, "learning", "text", text) is None:
            return
        session, item, traveller = self.context.session, self.item, self.traveller
        plain = _plain_learning(session, item.id, traveller.id)
        if plain is None:
            self.write(_Op("learning", {"item_id": item.id, "traveller_id": traveller.id,
                                        "text": text,
                                        "position": self.context.position(item.id)}),
                       N_("learning"), _short(text))
        elif _key(plain.text) != _key(text):
            self.write(_Op("learning", {"text": text}, plain.id), N_("learning"), _short(text))

    def takeaways(self, cell: str) -> None:
        session, item, traveller = self.context.session, self.item, self.traveller
        existing = {_key(t.text): t for t in _takeaways(session, item.id, traveller.id)}
        done: set[str] = set()
        for line in _lines(cell):
            tag, text = _tagged(line)
            key = _key(text)
            if not text or key in done:
                continue
            done.add(key)
            if self.checked(TAKEAWAYS, "learning", "text", text) is None:
                continue
            found = existing.get(key)
            if found is None:
                self.write(_Op("learning", {
                    "item_id": item.id, "traveller_id": traveller.id, "text": text,
                    "tag": tag.value, "position": self.context.position(item.id)}),
                    N_("takeaway"), _short(line))
            elif found.tag is not tag:
                self.write(_Op("learning", {"tag": tag.value}, found.id), N_("takeaway"),
                           _short(line))

    def rating(self, score_text: str, recommend_text: str) -> None:
        score: int | None = None
        if score_text:
            try:
                number = float(score_text)
            except ValueError:
                number = 0.5
            if number.is_integer() and 1 <= number <= 5:
                score = int(number)
            else:
                self.problem(RATING, _NOT_A_RATING, value=score_text)
                return
        recommend: bool | None = None
        if recommend_text:
            word = fold(recommend_text)
            if word in _YES_WORDS:
                recommend = True
            elif word in _NO_WORDS:
                recommend = False
            else:
                self.problem(RECOMMEND, N_("'{value}' is neither yes nor no"),
                             value=recommend_text)
                return
        if score is None and recommend is None:
            return
        session, item, traveller = self.context.session, self.item, self.traveller
        found = session.scalars(select(Rating).where(
            Rating.item_id == item.id, Rating.traveller_id == traveller.id)).first()
        shown = f"{score if score is not None else ''} {recommend_text}".strip()
        if found is None:
            if score is None:
                self.problem(RECOMMEND, N_("give a rating from 1 to 5 as well"))
                return
            self.write(_Op("rating", {"item_id": item.id, "traveller_id": traveller.id,
                                      "score": score, "recommend": recommend}),
                       N_("rating"), shown)
            return
        wanted: dict[str, Any] = {}
        if score is not None and score != found.score:
            wanted["score"] = score
        if recommend != found.recommend and (score is not None or recommend is not None):
            wanted["recommend"] = recommend
        if wanted:
            self.write(_Op("rating", wanted, found.id), N_("rating"), shown)

    def follow_ups(self, cell: str) -> None:
        session, item = self.context.session, self.item
        existing = list(session.scalars(select(FollowUp).where(FollowUp.item_id == item.id)
                                        .order_by(FollowUp.id)))
        done: set[str] = set()
        for line in _lines(cell):
            read = self._follow_up(line)
            if read is None:
                continue
            description, owner, due = read
            key = _key(description)
            if key in done or self.checked(FOLLOW_UPS, "follow_up", "description",
                                           description) is None:
                continue
            done.add(key)
            same = [f for f in existing if _key(f.description) == key]
            found = next((f for f in same if f.owner_id == owner), same[0] if same else None)
            if found is None:
                if (item.id, key, owner) in self.context.planned:
                    continue
                self.context.planned.add((item.id, key, owner))
                goals = [g.id for g in item.goals if g.traveller_id == self.traveller.id]
                values: dict[str, Any] = {
                    "description": description, "owner_id": owner, "item_id": item.id,
                    "due": due, "goal_id": goals[0] if len(goals) == 1 else None,
                    "contact_id": item.hosts[0].id if item.hosts else None}
                self.write(_Op("follow_up", values), N_("follow-up"), _short(line))
                continue
            wanted: dict[str, Any] = {}
            if found.owner_id != owner:
                wanted["owner_id"] = owner
            if found.due != due:
                wanted["due"] = due
            if wanted:
                self.write(_Op("follow_up", wanted, found.id), N_("follow-up"), _short(line))

    def _follow_up(self, line: str) -> tuple[str, int | None, date | None] | None:
        """A follow-up line: what, whose (a traveller's id, None for the coordinator) and by
        when; None after naming the problem."""
        parts = [part.strip() for part in re.split(r"[;；]", line)]
        who = when = ""
        if len(parts) >= 3:
            description, who, when = "; ".join(parts[:-2]), parts[-2], parts[-1]
        elif len(parts) == 2:
            description = parts[0]
            if re.search(r"\d", parts[1]):
                when = parts[1]
            else:
                who = parts[1]
        else:
            description = parts[0]
        if not description:
            self.problem(FOLLOW_UPS, N_("'{line}': say what is to be done before the first ';'"),
                         line=line)
            return None
        due: date | None = None
        if when:
            try:
                due = parse_day(when, self.context.tour.end_date)
            except _BadDate as exc:
                self.problem(FOLLOW_UPS, exc.reason, **exc.values)
                return None
        owner: int | None = self.traveller.id
        if who:
            wanted = fold(who)
            coordinator = fold(self.context.tour.coordinator.split(",")[0]) \
                if self.context.tour.coordinator else ""
            if wanted in _COORDINATOR_WORDS or fold(translate(COORDINATOR, "ja")) == wanted \
                    or (coordinator and wanted == coordinator):
                owner = None
            else:
                found = named(wanted, self.context.travellers,
                              lambda t: (t.name, t.name_ja, t.email))
                if len(found) != 1:
                    known = ", ".join(t.name for t in (found or self.context.travellers))
                    reason = N_("'{who}' names more than one traveller: {known}") if found \
                        else N_("'{who}' is not a traveller on the tour (write a name of "
                                "{known}, or coordinator)")
                    self.problem(FOLLOW_UPS, reason, who=who, known=known)
                    return None
                owner = found[0].id
        return description, owner, due


def _tagged(line: str) -> tuple[TakeawayTag, str]:
    """A takeaway line's tag and text: ``trend: ...``, ``トレンド：...``; a line without a
    known tag is an "other" takeaway, whole."""
    found = re.match(r"\s*([^:：]{1,40})[:：]\s*(.*)$", line, re.S)
    if found:
        word = fold(found[1])
        for known, tag in _tag_words():
            if word == known:
                return tag, found[2].strip()
    return TakeawayTag.OTHER, line.strip()


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- the public functions -----------------------------------------------------------------------
def read_notes(session: Session, path: Path) -> NotesReport:
    """What importing the notes sheet *path* would add and change, and every problem (sheet,
    row, column, reason); writes nothing. An unreadable file raises :class:`InputError`."""
    report, _ops = _plan(session, path)
    return report


def import_notes(session: Session, path: Path) -> NotesReport:
    """Merge the notes sheet *path* into the tour in *session* (the caller's transaction): all
    or nothing. With any problem, raises :class:`NotesRejected` naming each and changes
    nothing; else adds and changes the records it names (see the module) and returns the
    report. Importing the same sheet again changes nothing. Run it inside
    :func:`planner.changes.record` for one undoable step."""
    report, ops = _plan(session, path)
    if report.problems:
        raise NotesRejected(report)
    for op, _change in ops:
        if op.key is None:
            edits.add_record(session, op.kind, op.values)
        else:
            edits.set_fields(session, op.kind, op.key, op.values)
    session.flush()
    report.imported = True
    return report


__all__ = ["NotesChange", "NotesProblem", "NotesRejected", "NotesReport", "export_notes",
           "import_notes", "meetings_of", "parse_day", "read_notes", "sheet_title"]
