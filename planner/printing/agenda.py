"""The compact printed agenda: one A4 (or Letter) page per day, English or Japanese.

Each day shows its date in the language's format, the cities and tonight's hotel, then a table
of the items in local time (place, hosts, attendees) with the travel leg between consecutive
items (mode, minutes, distance). Every string the user typed is escaped before it reaches
reportlab's paragraph markup, so ``A<b>&Co;`` prints as typed. All fonts are embedded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.formatting import (
    attendees_text,
    bracketed,
    day_cities,
    distance_text,
    duration_text,
    format_day,
    item_place_text,
    item_time_text,
    status_text,
    travel_mode_text,
)
from planner.messages import N_, translate
from planner.model import AgendaItem, ItemStatus, Stay, Traveller
from planner.printing.fonts import register
from planner.printing.kinsoku import paragraph
from planner.printing.layout import PAPERS, Document, bookmarked, build, para
from planner.printing.layout import styles as paragraph_styles
from planner.queries import agenda_items, items_by_day, load_tour
from planner.timezones import local_today
from planner.travel import Point, TravelModel, TravelSettings

LABELS = {
    "time": N_("Time"), "item": N_("Item"), "where": N_("Where"), "who": N_("Hosts / attendees"),
    "hotel": N_("Hotel tonight"), "everyone": N_("Everyone"), "travel": N_("Travel"),
    "footer": N_("Revision {revision} · printed {date}"),
    "agenda": N_("Agenda"),
}
#: An item not confirmed is marked in its row: a bar of this colour at the row's left and its
#: status word beside the title (a cancelled title struck through).
STATUS_COLOURS = {ItemStatus.IDEA: "#7a7a7a", ItemStatus.REQUESTED: "#c06000",
                  ItemStatus.CANCELLED: "#b03030"}


def _title(item: AgendaItem, language: str) -> str:
    if language == "ja" and item.title_ja:
        return item.title_ja
    return item.title


def _leg(model: TravelModel, a: AgendaItem, b: AgendaItem, language: str) -> str | None:
    origin, destination = a.destination or a.place, b.place
    if origin is None or destination is None or origin.id == destination.id:
        return None
    leg = model.estimate(Point(origin.latitude, origin.longitude, origin.exact, origin.kind),
                         Point(destination.latitude, destination.longitude, destination.exact,
                               destination.kind))
    return f"↓ {translate(LABELS['travel'], language)}: {travel_mode_text(leg.mode, language)} " \
           f"{duration_text(leg.minutes, language)} · {distance_text(leg.distance_km, language)}"


def title_cell(item: AgendaItem, language: str, style: ParagraphStyle) -> Paragraph:
    """The item's title in the reader's language; an idea, a requested or a cancelled item
    says so in a word of that language, in its status colour."""
    title = escape(_title(item, language)).replace("\n", "<br/>")
    colour = STATUS_COLOURS.get(item.status)
    if colour is None:
        return paragraph(title, style)
    if item.status is ItemStatus.CANCELLED:
        title = f"<strike>{title}</strike>"
    mark = escape(bracketed(status_text(item.status, language), language))
    return paragraph(f'{title}<font color="{colour}">{mark}</font>', style)


def build_agenda(session: Session, path: Path, *, language: str = "en",
                 traveller: Traveller | None = None, paper: str = "a4") -> int:
    """Write the agenda PDF to *path*; returns the number of pages."""
    styles = paragraph_styles(language)
    tour = load_tour(session)
    model = TravelModel(TravelSettings.from_json(tour.travel_settings))
    query = agenda_items(traveller).options(selectinload(AgendaItem.hosts))
    days = items_by_day(list(session.scalars(query)))
    stays = list(session.scalars(select(Stay).options(selectinload(Stay.place))))
    everyone = len(list(session.scalars(select(Traveller.id))))
    story: list[Any] = []
    width = PAPERS[paper][0] - 30 * mm
    title = tour.title_ja if language == "ja" and tour.title_ja else tour.title
    for number, (day, items) in enumerate(days.items()):
        if number:
            story.append(PageBreak())
        heading = format_day(day, language)  # a bookmark per day
        story.append(bookmarked(para(heading, styles["title"]), heading))
        meta = [title, " / ".join(day_cities(items))]
        hotel = next((s.place.name for s in stays if s.covers_night_of(day)), "")
        if hotel:
            meta.append(f"{translate(LABELS['hotel'], language)}: {hotel}")
        story.append(para("  ·  ".join(m for m in meta if m), styles["meta"]))
        story.append(Spacer(1, 4 * mm))
        story.append(day_table(items, model, language, styles, width, everyone))
    document = Document(str(path), paper=paper, language=language, title=title,
                        author=tour.coordinator, subject=translate(LABELS["agenda"], language))
    footer = translate(LABELS["footer"], language).format(
        revision=tour.revision, date=format_day(local_today(), language))
    return build(document, story or [para(title, styles["title"])], footer, language)


def day_table(items: list[AgendaItem], model: TravelModel, language: str,
               styles: dict[str, ParagraphStyle], width: float, everyone: int) -> Table:
    head = [para(translate(LABELS[k], language), styles["head"])
            for k in ("time", "item", "where", "who")]
    rows: list[list[Any]] = [head]
    leg_rows = []
    marked: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        if index:
            leg = _leg(model, items[index - 1], item, language)
            if leg:
                rows.append([para("", styles["leg"]), para(leg, styles["leg"]), "", ""])
                leg_rows.append(len(rows) - 1)
        hosts = ", ".join(c.name for c in item.hosts)
        attendees = attendees_text(item, everyone, translate(LABELS["everyone"], language),
                                   language)
        who = "\n".join(x for x in (hosts, attendees) if x)
        # a time and its zone never part: "17:50 EET", not "17:50" over "EET"
        when = " – ".join(part.replace(" ", "\u00a0") for part in
                          item_time_text(item).split(" – "))
        rows.append([para(when, styles["cell"]),
                     title_cell(item, language, styles["cell"]),
                     para(item_place_text(item), styles["cell"]), para(who, styles["cell"])])
        if item.status in STATUS_COLOURS:
            marked.append((len(rows) - 1, STATUS_COLOURS[item.status]))
    table = Table(rows, colWidths=[0.17 * width, 0.33 * width, 0.27 * width, 0.23 * width],
                  repeatRows=1)
    style = [("FONTNAME", (0, 0), (-1, -1), register()[0]),  # plain cells too: all embedded
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2f4f6f")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 3)]
    for row in leg_rows:
        style += [("SPAN", (1, row), (3, row)), ("TOPPADDING", (0, row), (-1, row), 0),
                  ("BOTTOMPADDING", (0, row), (-1, row), 0)]
    for row, colour in marked:
        style.append(("LINEBEFORE", (0, row), (0, row), 2.5, colors.HexColor(colour)))
    table.setStyle(TableStyle(style))
    return table

