"""The briefing book: cover with the vision, contents, delegation and goals, route map, day
pages, a page per meeting (with a QR code that opens the venue on a phone's map), the coverage
matrix, the directory of hosts and practical information. English or Japanese, fonts embedded,
user text escaped, clickable contents and PDF bookmarks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.graphics.shapes import Image as DrawingImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Image as PlatypusImage
from reportlab.platypus.tableofcontents import TableOfContents
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.calendar.ics import map_link
from planner.debrief.notes import (
    COLUMNS,
    FOLLOW_UPS,
    LEARNED,
    NO,
    RATING,
    RECOMMEND,
    TAG_WORDS,
    TAKEAWAYS,
    YES,
)
from planner.formatting import (
    bracketed,
    format_day,
    item_time_text,
    organisation_kind_text,
    status_text,
    topic_words,
    traveller_name,
)
from planner.goals import coverage
from planner.messages import N_, translate
from planner.model import AgendaItem, ItemKind, ItemStatus, Stay, Traveller
from planner.printing.agenda import day_table
from planner.printing.fonts import register
from planner.printing.layout import PAPERS, Document, build, para
from planner.printing.layout import styles as paragraph_styles
from planner.printing.route_map import background, project
from planner.queries import agenda_items, items_by_day, load_tour
from planner.timezones import local_today
from planner.travel import TravelModel, TravelSettings

T = {
    "contents": N_("Contents"), "delegation": N_("Delegation and learning goals"),
    "map": N_("Route"), "meeting": N_("Meeting: {title}"), "profile": N_("The host"),
    "people": N_("People"), "why": N_("Why we meet"), "questions": N_("Prepared questions"),
    "notes": N_("Notes"), "coverage": N_("Goal coverage"), "directory": N_("Directory of hosts"),
    "practical": N_("Practical information"), "hotels": N_("Hotels"),
    "emergency": N_("Emergency number in the EU: 112"), "coordinator": N_("Coordinator"),
    "vision": N_("Vision"), "priority": N_("Priority"), "goal": N_("Goal"),
    "scan": N_("Scan to open the venue on your phone's map"),
    "shared": N_("The delegation"),
    "book": N_("Briefing book"),
}


class _Book(Document):
    """Adds every chapter heading to the contents and the PDF bookmarks: the contents' link and
    the bookmark name one destination, on the page the contents print."""

    def afterFlowable(self, flowable: Any) -> None:
        super().afterFlowable(flowable)
        if isinstance(flowable, Paragraph) and flowable.style.name == "chapter":
            text = flowable.getPlainText()
            key = self.bookmark(text)
            # the contents re-read the entry as markup: the user's text must be escaped again
            self.notify("TOCEntry", (0, escape(text), self.page, key))


def build_book(session: Session, path: Path, *, language: str = "en",
               traveller: Traveller | None = None, paper: str = "a4") -> int:
    """Write the briefing book to *path*; returns the number of pages."""
    _sans, serif = register()
    styles = paragraph_styles(language)
    styles["chapter"] = styles["title"].clone("chapter", fontSize=15, leading=19, spaceAfter=6)
    styles["cover"] = styles["title"].clone("cover", fontSize=24, leading=30, fontName=serif)
    styles["body"] = styles["cell"].clone("body", fontSize=10, leading=14)

    def say(key: str, **values: Any) -> str:
        return translate(T[key], language).format(**values)

    tour = load_tour(session)
    model = TravelModel(TravelSettings.from_json(tour.travel_settings))
    items = list(session.scalars(agenda_items(traveller).options(
        selectinload(AgendaItem.hosts), selectinload(AgendaItem.goals))))
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position)))
    everyone = len(travellers)
    width = PAPERS[paper][0] - 30 * mm
    title = tour.title_ja if language == "ja" and tour.title_ja else tour.title
    vision = tour.vision_ja if language == "ja" and tour.vision_ja else tour.vision
    story: list[Any] = [Spacer(1, 40 * mm), para(title, styles["cover"]), Spacer(1, 6 * mm),
                        para(f"{format_day(tour.start_date, language)} – "
                           f"{format_day(tour.end_date, language)}", styles["title"])]
    companies = sorted({t.company for t in travellers if t.company})
    story.append(para(" · ".join(companies), styles["meta"]))
    if vision:
        story += [Spacer(1, 10 * mm), para(say("vision"), styles["title"]),
                  para(vision, styles["body"])]
    if tour.coordinator:
        story += [Spacer(1, 10 * mm), para(f"{say('coordinator')}: {tour.coordinator}",
                                         styles["meta"])]
    contents = TableOfContents()
    contents.levelStyles = [styles["body"]]
    contents.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), register()[0]),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story += [PageBreak(), para(say("contents"), styles["title"]), contents, PageBreak()]

    story.append(para(say("delegation"), styles["chapter"]))
    cover = coverage(session, traveller)
    for person in travellers if traveller is None else [traveller]:
        name = traveller_name(person, language)
        story.append(para(f"{name} — {person.role}" if person.role else name, styles["body"]))
        story += _goal_lines([g for g in cover.goals if g.goal.traveller_id == person.id],
                             language, styles)
    # The delegation's own goals (no traveller) under a heading of their own: listed bare after
    # the last traveller they read as that traveller's goals.
    shared = [g for g in cover.goals if g.goal.traveller_id is None]
    if shared:
        story += [Spacer(1, 3 * mm), para(say("shared"), styles["body"]),
                  *_goal_lines(shared, language, styles)]

    stays = list(session.scalars(select(Stay).options(selectinload(Stay.place))
                                 .order_by(Stay.check_in)))
    story += [PageBreak(), para(say("map"), styles["chapter"]), _route(items, stays, width)]

    for day, day_items in items_by_day(items).items():
        story += [PageBreak(), para(format_day(day, language), styles["chapter"]),
                  day_table(day_items, model, language, styles, width, everyone)]

    meetings = [i for i in items if i.kind is ItemKind.MEETING
                and i.status is not ItemStatus.CANCELLED]
    for number, meeting in enumerate(meetings, start=1):
        story += [PageBreak(), *_meeting_page(meeting, number, language, styles, say, width)]

    story += [PageBreak(), para(say("coverage"), styles["chapter"]),
              *_coverage_matrix(cover, meetings, language, styles, width, say)]
    story += [PageBreak(), para(say("directory"), styles["chapter"])]
    hosts = {m.organisation.id: m.organisation for m in meetings if m.organisation}
    for org in sorted(hosts.values(), key=lambda o: o.name):
        lines = [org.name, org.place.address if org.place else "", org.phone, org.website]
        lines += [f"{c.name}, {c.role}" for c in org.contacts]
        story.append(KeepTogether([para("\n".join(x for x in lines if x), styles["cell"]),
                                   Spacer(1, 3 * mm)]))
    story += [PageBreak(), para(say("practical"), styles["chapter"]),
              para(say("hotels"), styles["title"])]
    for stay in stays:
        place = stay.place
        where = " ".join(x for x in (", ".join(x for x in (place.name, place.address) if x),
                                     place.phone) if x)  # no empty ", " when a field is
        story.append(para(f"{where} — {format_day(stay.check_in, language, short=True)} – "
                        f"{format_day(stay.check_out, language, short=True)}", styles["cell"]))
    story += [Spacer(1, 5 * mm), para(say("emergency"), styles["body"])]
    if tour.coordinator:
        story.append(para(f"{say('coordinator')}: {tour.coordinator}", styles["body"]))

    document = _Book(str(path), paper=paper, language=language, title=title,
                     author=tour.coordinator, subject=say("book"))
    footer = f"{title} · " + translate(N_("Revision {revision} · printed {date}"),
                                       language).format(
        revision=tour.revision, date=format_day(local_today(), language))
    return build(document, story, footer, language, multi_pass=True)


def _goal_lines(goals: list[Any], language: str, styles: dict[str, Any]) -> list[Any]:
    """A bullet per goal (its Japanese title for a Japanese reader) with its priority."""
    return [para("    • " + (g.goal.title_ja if language == "ja" and g.goal.title_ja
                             else g.goal.title) + f" (P{g.goal.priority})", styles["cell"])
            for g in goals]


def _meeting_page(meeting: AgendaItem, number: int, language: str,
                  styles: dict[str, Any], say: Any, width: float) -> list[Any]:
    title = meeting.title_ja if language == "ja" and meeting.title_ja else meeting.title
    org = meeting.organisation
    when = f"{format_day(meeting.day, language)} {item_time_text(meeting)}"
    if meeting.status is not ItemStatus.CONFIRMED:  # not agreed yet: the word says so
        when += bracketed(status_text(meeting.status, language), language)
    flow: list[Any] = [para(say("meeting", title=f"M{number} {title}"), styles["chapter"]),
                       para(when, styles["title"])]
    place = meeting.place
    if place is not None:
        flow.append(para(", ".join(x for x in (place.name, place.address) if x),
                         styles["meta"]))
    if org is not None:
        flow += [Spacer(1, 3 * mm), para(say("profile"), styles["title"]),
                 para(f"{org.name} ({organisation_kind_text(org.kind, language)})",
                      styles["body"]),
                 para(org.description, styles["body"])]
        if org.topics:  # in the book's language: 製造業 for manufacturing
            flow.append(para(" · ".join(topic_words(org.topics, language)), styles["meta"]))
        if org.website:
            flow.append(para(org.website, styles["meta"]))
    if meeting.hosts:
        flow += [Spacer(1, 3 * mm), para(say("people"), styles["title"])]
        flow += [para(f"{c.name} — {c.role}", styles["body"]) for c in meeting.hosts]
    if meeting.goals:
        flow += [Spacer(1, 3 * mm), para(say("why"), styles["title"])]
        flow += [para("• " + (g.title_ja if language == "ja" and g.title_ja else g.title),
                    styles["body"]) for g in meeting.goals]
    if meeting.questions:
        flow += [Spacer(1, 3 * mm), para(say("questions"), styles["title"])]
        flow += [para(f"• {q}", styles["body"]) for q in meeting.questions]
    if meeting.protocol_notes:
        flow.append(para(meeting.protocol_notes, styles["meta"]))
    if place is not None:
        code = qr_image(map_link(place.latitude, place.longitude), 28 * mm)
        flow += [Spacer(1, 4 * mm), Table([[code, para(say("scan"), styles["meta"])]],
                                          colWidths=[32 * mm, width - 32 * mm],
                                          style=TableStyle([("FONTNAME", (0, 0), (-1, -1),
                                                             register()[0])]))]
    # The notes on a page of their own, named so that a page torn out still says its meeting;
    # as the notes sheet, none for an idea (it may never take place).
    if meeting.status is not ItemStatus.IDEA:
        flow += [PageBreak(), *notes_block(f"{say('notes')} — M{number} {title}", language,
                                           styles, width, when)]
    return flow


def notes_block(heading: str, language: str, styles: dict[str, Any], width: float,
                subtitle: str = "") -> list[Any]:
    """A meeting's notes page, laid out as the notes sheet's columns (so hand-written notes
    type in easily): what I learned; key takeaways, each with its tag to tick; the rating and
    whether she would recommend the host, to circle; follow-ups as what / who / by when."""
    flow: list[Any] = [para(heading, styles["title"])]
    if subtitle:
        flow.append(para(subtitle, styles["meta"]))
    return [*flow, Spacer(1, 2 * mm), NotesForm(width, language)]


class NotesForm(Flowable):  # type: ignore[misc]
    """The ruled form of a notes page, drawn in one go (a table per part cost a long book a
    third more time): its words are the sheet's headers and tags, in the book's language."""

    LINE = colors.HexColor("#9a9a9a")
    INK = colors.HexColor("#222222")
    SOFT = colors.HexColor("#555555")

    def __init__(self, width: float, language: str) -> None:
        super().__init__()
        self.form_width = width
        self.language = language

    def words(self, key: str) -> str:
        return translate(key, self.language)

    def header(self, column: str) -> str:
        return self.words(COLUMNS[column][0])

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.form_width, 204 * mm
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        canvas, width, sans = self.canv, self.width, register()[0]
        y = self.height  # from the top down

        def label(text: str, size: float = 10.5) -> None:
            nonlocal y
            y -= 6 * mm
            canvas.setFillColor(self.INK)
            canvas.setFont(sans, size)
            canvas.drawString(0, y + 1.5 * mm, text)

        def rule(gap: float) -> None:
            nonlocal y
            y -= gap
            canvas.line(0, y, width, y)

        canvas.saveState()
        canvas.setStrokeColor(self.LINE)
        canvas.setLineWidth(0.3)
        label(self.header(LEARNED))
        for _ in range(8):
            rule(8 * mm)
        y -= 4 * mm
        label(f"{self.header(TAKEAWAYS)} — {self.words(N_('tick a tag for each'))}")
        tags = [f"□ {self.words(word)}" for word in TAG_WORDS.values()]
        for _ in range(4):
            y -= 6 * mm
            x = 0.0
            canvas.setFillColor(self.SOFT)
            canvas.setFont(sans, 8.5)
            for tag in tags:
                canvas.drawString(x, y + 1.5 * mm, tag)
                x += float(stringWidth(tag, sans, 8.5)) + 6 * mm
            rule(7 * mm)
        y -= 5 * mm + 9 * mm
        canvas.setFillColor(self.INK)
        x = 0.0
        for text, size, gap in [(self.header(RATING), 10.5, 5 * mm),
                                *((str(n), 12.0, 5 * mm) for n in range(1, 6)),
                                ("", 10.5, 8 * mm), (self.header(RECOMMEND), 10.5, 5 * mm),
                                (self.words(YES), 12.0, 6 * mm), (self.words(NO), 12.0, 0)]:
            canvas.setFont(sans, size)
            canvas.drawString(x, y + 2.5 * mm, text)
            x += float(stringWidth(text, sans, size)) + gap
        y -= 1 * mm
        label(self.header(FOLLOW_UPS))
        columns = [0.0, width * 0.6, width * 0.82, width]
        top = y
        y -= 6 * mm
        canvas.setFillColor(colors.HexColor("#eeeeee"))
        canvas.rect(0, y, width, 6 * mm, stroke=0, fill=1)
        canvas.setFillColor(self.SOFT)
        canvas.setFont(sans, 8.5)
        for x, text in zip(columns, (N_("What"), N_("Who"), N_("By when")), strict=False):
            canvas.drawString(x + 1.5 * mm, y + 2 * mm, self.words(text))
        canvas.line(0, top, width, top)
        canvas.line(0, y, width, y)
        for _ in range(5):
            rule(9 * mm)
        for x in columns:
            canvas.line(x, top, x, y)
        canvas.restoreState()


COLUMNS_PER_TABLE = 20  # meetings per coverage table; more are continued in further tables
CELL_PADDING = 1.0  # left and right of each meeting's column


def qr_image(text: str, size: float) -> PlatypusImage:
    """A QR code as one bitmap (drawing it module by module costs seconds in a long book)."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    quiet = 4  # the white border scanners need
    dark = np.array([[code.isDark(r, c) for c in range(count)] for r in range(count)])
    pixels = np.full((count + 2 * quiet, count + 2 * quiet), 255, dtype=np.uint8)
    pixels[quiet:quiet + count, quiet:quiet + count] = np.where(dark, 0, 255)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "L").resize((pixels.shape[0] * 8,) * 2, Image.Resampling.NEAREST) \
        .save(buffer, format="PNG")
    buffer.seek(0)
    return PlatypusImage(buffer, width=size, height=size)


def _coverage_matrix(cover: Any, meetings: list[AgendaItem], language: str,
                     styles: dict[str, Any], width: float, say: Any) -> list[Any]:
    """Goals x meetings (M1, M2... as on the meeting pages), in tables of at most 20 meetings."""
    numbers = {m.uid: n for n, m in enumerate(meetings, start=1)}
    first_width = width * 0.4
    head, column, per_table = _meeting_columns(len(meetings), width - first_width,
                                               styles["head"])
    flow: list[Any] = []
    for first in range(1, max(1, len(meetings)) + 1, per_table):
        shown = list(range(first, min(first + per_table, len(meetings) + 1)))
        rows: list[list[Any]] = [[para(say("goal"), styles["head"])]
                                 + [head(f"M{n}") for n in shown]]
        mark = styles["cell"].clone("served", alignment=TA_CENTER)
        for goal in cover.goals:
            text = goal.goal.title_ja if language == "ja" and goal.goal.title_ja \
                else goal.goal.title
            served = {numbers[m.uid] for m in goal.meetings if m.uid in numbers}
            rows.append([para(f"{text} (P{goal.goal.priority})", styles["cell"])]
                        + [para("●" if n in served else "", mark) for n in shown])
        table = Table(rows, colWidths=[first_width] + [column] * len(shown), repeatRows=1,
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), register()[0]),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2f4f6f")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (-1, 0), "CENTER"),
            ("LEFTPADDING", (1, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (1, 0), (-1, -1), CELL_PADDING)]))
        flow += [table, Spacer(1, 4 * mm)]
    return flow


def _meeting_columns(count: int, room: float, style: Any) -> tuple[Any, float, int]:
    """How the meetings' columns are headed, how wide they are and how many go to a table, so
    that no label (M1 ... M{count}) ever breaks: labels that fit across their column at the
    header's size (up to :data:`COLUMNS_PER_TABLE` columns in *room*) are set across; longer
    ones are set upright, at the same size, in a column as wide as a line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    label = f"M{max(count, 1)}"  # the widest: the most digits (every digit is as wide)
    column = room / COLUMNS_PER_TABLE
    across = float(stringWidth(label, style.fontName, style.fontSize)) + 2 * CELL_PADDING + 1
    head = style.clone("meeting-head", alignment=TA_CENTER)
    if across <= column:
        return (lambda text: para(text, head)), column, COLUMNS_PER_TABLE
    column = max(column, style.leading + 2 * CELL_PADDING)
    per_table = max(1, min(COLUMNS_PER_TABLE, int(room // column)))
    return (lambda text: _Upright(text, head)), column, per_table


class _Upright(Flowable):  # type: ignore[misc]
    """A column header set upright, read from the bottom up: a label as long as it is,
    however narrow its column, at the header's size."""

    def __init__(self, text: str, style: Any) -> None:
        super().__init__()
        self.text, self.style = text, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.width = self.style.leading
        self.height = float(stringWidth(self.text, self.style.fontName, self.style.fontSize))
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)
        canvas.setFont(self.style.fontName, self.style.fontSize)
        canvas.rotate(90)  # the text runs up the page; its baseline a little right of centre
        canvas.drawString(0, -(self.width + 0.7 * self.style.fontSize) / 2, self.text)
        canvas.restoreState()


def _route(items: list[AgendaItem], stays: list[Stay], width: float) -> Drawing:
    points = [(s.place.latitude, s.place.longitude, s.place.city) for s in stays]
    if not points:
        points = [(i.place.latitude, i.place.longitude, i.place.city) for i in items if i.place]
    points = [p for p in points if abs(p[1]) < 60 or len(points) == 1] or points
    lats = [p[0] for p in points] or [50.0]
    lons = [p[1] for p in points] or [10.0]
    pad_lat = max(1.5, (max(lats) - min(lats)) * 0.2)
    pad_lon = max(2.0, (max(lons) - min(lons)) * 0.2)
    box = (min(lats) - pad_lat, min(lons) - pad_lon, max(lats) + pad_lat, max(lons) + pad_lon)
    image, ratio = background(*box)
    height = min(width * ratio, 200 * mm)
    drawing = Drawing(width, height)
    drawing.add(DrawingImage(0, 0, width, height, image))  # a PIL image, drawn as it is
    xy = [project(lat, lon, box, width, height) for lat, lon, _ in points]
    if len(xy) > 1:
        drawing.add(PolyLine([c for p in xy for c in p], strokeColor=colors.HexColor("#b03030"),
                             strokeWidth=2))
    for (x, y), (_, _, city) in zip(xy, points, strict=True):
        drawing.add(Line(x - 3, y, x + 3, y, strokeColor=colors.black, strokeWidth=3))
        drawing.add(String(x + 5, y + 4, city, fontName=register()[0], fontSize=9))
    return drawing
