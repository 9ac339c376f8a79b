"""What the Debrief view shows of the tour after it: the meetings with the delegation's average
rating, and for one meeting its summary, the goals it served (each with its outcome and what the
delegation learned for it), its key takeaways and other learnings, and each attendee's rating.

:func:`read_debrief` reads all of it in one go on a worker and returns frozen records (no ORM
object escapes); the two table models below show a meeting's learnings and ratings and turn an
edit of a cell into one undo command (``SetField``, ``AddRecord``, ``DeleteRecord``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.debrief.summary import Person, pick
from planner.model import (
    AgendaItem,
    GoalOutcome,
    ItemKind,
    ItemStatus,
    Learning,
    LearningGoal,
    Rating,
    TakeawayTag,
    Traveller,
)
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language
from ui.text import fill, tooltip

Index = QModelIndex | QPersistentModelIndex

#: What each kind of key takeaway is called ("" : a plain learning, not a takeaway).
TAKEAWAY_TAGS: dict[str, Any] = {
    "": QT_TRANSLATE_NOOP("Debrief", "Learning"),
    "trend": QT_TRANSLATE_NOOP("Debrief", "Trend"),
    "technology": QT_TRANSLATE_NOOP("Debrief", "Technology"),
    "business_model": QT_TRANSLATE_NOOP("Debrief", "Business model"),
    "partner_candidate": QT_TRANSLATE_NOOP("Debrief", "Partner candidate"),
    "risk": QT_TRANSLATE_NOOP("Debrief", "Risk"),
    "other": QT_TRANSLATE_NOOP("Debrief", "Other"),
}
assert list(TAKEAWAY_TAGS)[1:] == [t.value for t in TakeawayTag]
YES, NO = QT_TRANSLATE_NOOP("Debrief", "yes"), QT_TRANSLATE_NOOP("Debrief", "no")
#: Ratings as stars (the index is the score; 0: not rated).
STARS = ("", "★", "★★", "★★★", "★★★★", "★★★★★")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Debrief", text)



def tag_text(tag: TakeawayTag | str | None) -> str:
    """A takeaway's tag as the window's language says it (``Partner candidate``)."""
    key = "" if tag is None else str(getattr(tag, "value", tag))
    return _tr(str(TAKEAWAY_TAGS.get(key, key)))


def score_text(score: int | None) -> str:
    """A rating as stars and a number: ``★★★★ 4``; "" when not rated."""
    return f"{STARS[score]} {score}" if score else ""


def average_text(average: float | None, count: int) -> str:
    """The delegation's average rating of a meeting: ``★ 4.3 (3)``; "" when nobody rated."""
    if average is None:
        return ""
    return f"★ {average:.1f} ({count})"


def recommend_text(recommend: bool | None) -> str:
    if recommend is None:
        return ""
    return _tr(str(YES)) if recommend else _tr(str(NO))


@dataclass(frozen=True)
class MeetingRow:
    """A meeting in the list: when, what, with whom, and how the delegation rated it."""

    id: int
    uid: str
    day: date
    start: datetime  # local
    end: datetime  # local
    title: str
    title_ja: str
    host: str
    host_ja: str
    average: float | None
    count: int

    def text(self, language: str) -> str:
        return pick(self.title, self.title_ja, language)

    def host_text(self, language: str) -> str:
        return pick(self.host, self.host_ja, language)


@dataclass(frozen=True)
class GoalRow:
    """A goal the meeting served: its outcome, and its learning at this meeting, the
    delegation's or else the first a traveller said (``learning_id`` None: none written
    yet)."""

    id: int
    title: str
    title_ja: str
    outcome: GoalOutcome
    outcome_summary: str
    learning_id: int | None
    learning: str
    #: Who said it (None: the delegation).
    speaker: Person | None = None

    def text(self, language: str) -> str:
        return pick(self.title, self.title_ja, language)


@dataclass(frozen=True)
class LearningRow:
    """A learning of the meeting not shown with its goal: a takeaway (tagged), or a plain
    learning said by someone or for no goal."""

    id: int
    text: str
    tag: TakeawayTag | None
    traveller_id: int | None
    goal_id: int | None
    next_step: str


@dataclass(frozen=True)
class RatingRow:
    """An attendee (or someone else who rated the meeting) and her rating, if any."""

    person: Person
    rating_id: int | None
    score: int | None
    recommend: bool | None
    comment: str


@dataclass(frozen=True)
class MeetingDebrief:
    """One meeting's debrief, as the view shows it."""

    meeting: MeetingRow
    summary: str
    goals: tuple[GoalRow, ...]
    learnings: tuple[LearningRow, ...]
    ratings: tuple[RatingRow, ...]
    #: Who may have said a learning (the delegation first), and the goals one may serve.
    travellers: tuple[Person, ...]
    all_goals: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class DebriefRead:
    """The meetings to choose from and the chosen one's debrief."""

    meetings: tuple[MeetingRow, ...] = ()
    chosen: MeetingDebrief | None = None
    #: Every goal of the tour with its outcome (id, title, title_ja, outcome).
    goals: tuple[tuple[int, str, str, GoalOutcome], ...] = field(default=())


def debriefed(item: AgendaItem) -> bool:
    """Whether the debrief lists *item*: a meeting (or an item with a host) that took place
    (not cancelled, not an idea)."""
    return item.status not in (ItemStatus.CANCELLED, ItemStatus.IDEA) and (
        item.kind is ItemKind.MEETING or item.organisation_id is not None)


def _meeting_row(item: AgendaItem, scores: Sequence[int]) -> MeetingRow:
    host = item.organisation
    return MeetingRow(
        item.id, item.uid, item.day, item.local_start, item.local_end, item.title,
        item.title_ja, host.name if host else "", host.name_ja if host else "",
        sum(scores) / len(scores) if scores else None, len(scores))


def read_debrief(session: Session, item_id: int | None) -> DebriefRead:
    """The meetings (in time order, with their average ratings) and *item_id*'s debrief (that
    item need not be a meeting: any agenda item may have learnings)."""
    items = list(session.scalars(
        select(AgendaItem).options(selectinload(AgendaItem.organisation))
        .order_by(AgendaItem.start, AgendaItem.end, AgendaItem.id)))
    scores: dict[int, list[int]] = {}
    for item_key, score in session.execute(select(Rating.item_id, Rating.score)):
        scores.setdefault(item_key, []).append(score)
    meetings = tuple(_meeting_row(item, scores.get(item.id, ())) for item in items
                     if debriefed(item))
    goals = list(session.scalars(select(LearningGoal).order_by(
        LearningGoal.traveller_id.is_(None).desc(), LearningGoal.traveller_id, LearningGoal.id)))
    goal_list = tuple((g.id, g.title, g.title_ja, g.outcome) for g in goals)
    chosen_item = next((item for item in items if item.id == item_id), None)
    if chosen_item is None:
        return DebriefRead(meetings, None, goal_list)
    return DebriefRead(meetings, _meeting_debrief(session, chosen_item,
                                                  scores.get(chosen_item.id, ()), goals),
                       goal_list)


def _meeting_debrief(session: Session, item: AgendaItem, scores: Sequence[int],
                     goals: list[LearningGoal]) -> MeetingDebrief:
    learnings = list(session.scalars(select(Learning).where(Learning.item_id == item.id)
                                     .order_by(Learning.position, Learning.id)))
    ratings = {r.traveller_id: r for r in session.scalars(
        select(Rating).where(Rating.item_id == item.id))}
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id)))
    by_id = {g.id: g for g in goals}
    # The goals it served (linked to it), then any goal a learning names besides
    served = [g.id for g in item.goals]
    served += [x.goal_id for x in learnings
               if x.goal_id is not None and x.goal_id not in served and x.goal_id in by_id]
    goal_rows: list[GoalRow] = []
    shown: set[int] = set()
    for goal_id in served:
        goal = by_id[goal_id]
        # its learning here: the delegation's, else the first a traveller said
        own = min((x for x in learnings if x.goal_id == goal_id and x.tag is None),
                  key=lambda x: (x.traveller_id is not None, x.position, x.id), default=None)
        if own is not None:
            shown.add(own.id)
        speaker = next((t for t in travellers if own is not None and t.id == own.traveller_id),
                       None)
        goal_rows.append(GoalRow(goal.id, goal.title, goal.title_ja, goal.outcome,
                                 goal.outcome_summary, own.id if own else None,
                                 own.text if own else "",
                                 Person(speaker.id, speaker.name, speaker.name_ja)
                                 if speaker else None))
    attendees = item.attending(travellers)
    raters = attendees + [t for t in travellers if t.id in ratings and t not in attendees]
    rating_rows = tuple(
        RatingRow(Person(t.id, t.name, t.name_ja), r.id if r else None, r.score if r else None,
                  r.recommend if r else None, r.comment if r else "")
        for t in raters for r in (ratings.get(t.id),))
    return MeetingDebrief(
        _meeting_row(item, scores), item.learnings, tuple(goal_rows),
        tuple(LearningRow(x.id, x.text, x.tag, x.traveller_id, x.goal_id, x.next_step)
              for x in learnings if x.id not in shown),
        rating_rows,
        (Person(None, "", ""), *(Person(t.id, t.name, t.name_ja) for t in travellers)),
        tuple((g.id, g.title, g.title_ja) for g in goals))


def short(text: str, length: int = 40) -> str:
    """*text* on one line, at most *length* characters (an undo step's name)."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[:length - 1] + "…"


class _DebriefTable(QAbstractTableModel):
    """A table over one meeting's debrief (reset with every read)."""

    COLUMNS: tuple[str, ...] = ()
    HEADINGS: tuple[Any, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.document: TourDocument | None = None
        self.debrief: MeetingDebrief | None = None
        self.language = current_language()

    def show(self, document: TourDocument | None, debrief: MeetingDebrief | None) -> None:
        self.beginResetModel()
        self.document, self.debrief = document, debrief
        self.language = current_language()
        self.endResetModel()

    def retranslate(self) -> None:
        self.language = current_language()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(self.COLUMNS) - 1))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.heading(section)
        return None

    def heading(self, section: int) -> str:
        return _tr(str(self.HEADINGS[section]))

    def _person(self, key: int | None) -> str:
        if self.debrief is None:
            return ""
        found = next((p for p in self.debrief.travellers if p.id == key), None)
        if key is None or found is None:
            return QCoreApplication.translate("Debrief", "Delegation")
        return found.text(self.language)

    def _goal(self, key: int | None) -> str:
        if self.debrief is None or key is None:
            return ""
        found = next((g for g in self.debrief.all_goals if g[0] == key), None)
        return pick(found[1], found[2], self.language) if found else ""

    def _execute(self, command: commands.TourCommand) -> bool:
        return commands.execute(command)


class LearningsModel(_DebriefTable):
    """A meeting's key takeaways and other learnings: tag, text, who said it, the goal it
    served, the next step (a partner candidate's); each cell edited as one undo step."""

    TAG, TEXT, SAID_BY, GOAL, NEXT_STEP = range(5)
    COLUMNS = ("tag", "text", "traveller_id", "goal_id", "next_step")
    HEADINGS = (QT_TRANSLATE_NOOP("Debrief", "Takeaway"),
                QT_TRANSLATE_NOOP("Debrief", "What was learned"),
                QT_TRANSLATE_NOOP("Debrief", "Said by"), QT_TRANSLATE_NOOP("Debrief", "Goal"),
                QT_TRANSLATE_NOOP("Debrief", "Next step"))

    def rows(self) -> tuple[LearningRow, ...]:
        return self.debrief.learnings if self.debrief is not None else ()

    def learning_at(self, row: int) -> LearningRow | None:
        found = self.rows()
        return found[row] if 0 <= row < len(found) else None

    def row_of(self, key: int) -> int | None:
        return next((n for n, x in enumerate(self.rows()) if x.id == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def choices(self, column: int) -> list[tuple[str, str]]:
        """What a choice column offers, as (label, value)."""
        if column == self.TAG:
            return [(tag_text(key), key) for key in TAKEAWAY_TAGS]
        if self.debrief is None:
            return []
        if column == self.SAID_BY:
            return [(self._person(p.id), "" if p.id is None else str(p.id))
                    for p in self.debrief.travellers]
        if column == self.GOAL:
            return [(QCoreApplication.translate("Debrief", "(no goal)"), "")] + [
                (pick(title, title_ja, self.language), str(key))
                for key, title, title_ja in self.debrief.all_goals]
        return []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        learning = self.learning_at(index.row()) if index.isValid() else None
        if learning is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.EditRole:
            value = {self.TAG: learning.tag.value if learning.tag else "",
                     self.TEXT: learning.text,
                     self.SAID_BY: "" if learning.traveller_id is None
                     else str(learning.traveller_id),
                     self.GOAL: "" if learning.goal_id is None else str(learning.goal_id),
                     self.NEXT_STEP: learning.next_step}
            return value[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = {self.TAG: tag_text(learning.tag), self.TEXT: learning.text,
                    self.SAID_BY: self._person(learning.traveller_id),
                    self.GOAL: self._goal(learning.goal_id),
                    self.NEXT_STEP: learning.next_step}[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(text)
            # a goal's title is known: its first words name it (the tooltip has it all)
            return short(text, 30) if column == self.GOAL else " ".join(text.split())
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.document is not None and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        learning = self.learning_at(index.row()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or learning is None or self.document is None:
            return False
        current = self.data(index, Qt.ItemDataRole.EditRole)
        text = "" if value is None else str(value)
        if text == current or (index.column() == self.TEXT and text.strip() == current):
            return True
        name = self.COLUMNS[index.column()]
        stored: Any = text.strip() if index.column() in (self.TEXT, self.NEXT_STEP) else text
        if name in ("traveller_id", "goal_id", "tag"):
            stored = stored or None
        return self._execute(commands.SetField(self.document, "learning", learning.id, name,
                                               stored, short(learning.text)))

    def add(self, tag: str, text: str) -> int | None:
        """Add a takeaway (*tag* "" : a plain learning) to the meeting; its key, or None if
        refused."""
        if self.document is None or self.debrief is None:
            return None
        values: dict[str, Any] = {"item_id": self.debrief.meeting.id, "text": text,
                                  "tag": tag or None,
                                  "position": len(self.debrief.learnings)
                                  + len(self.debrief.goals)}
        command = commands.AddRecord(self.document, "learning", values,
                                     fill(QCoreApplication.translate(
                                         "Debrief", "Add takeaway to %1"),
                                          short(self.debrief.meeting.title)))
        return command.key if self._execute(command) else None

    def delete(self, rows: list[int]) -> None:
        """Delete the learnings at *rows* (several: one undo step)."""
        document = self.document
        chosen = [x for x in (self.learning_at(r) for r in sorted(set(rows))) if x is not None]
        if document is None or not chosen:
            return
        stack = document.undo_stack
        if len(chosen) > 1:
            stack.beginMacro(fill(QCoreApplication.translate("Debrief", "Delete %1 takeaways"),
                                  len(chosen)))
        try:
            for learning in chosen:
                self._execute(commands.DeleteRecord(document, "learning", learning.id,
                                                    short(learning.text)))
        finally:
            if len(chosen) > 1:
                stack.endMacro()


class RatingsModel(_DebriefTable):
    """Each attendee's rating of the meeting (1–5 stars), whether she would recommend the host
    to another delegation, and her comment. Rating someone not yet rated adds her rating;
    clearing the stars deletes it (each one undo step)."""

    WHO, SCORE, RECOMMEND, COMMENT = range(4)
    COLUMNS = ("traveller_id", "score", "recommend", "comment")
    HEADINGS = (QT_TRANSLATE_NOOP("Debrief", "Attendee"), QT_TRANSLATE_NOOP("Debrief", "Rating"),
                QT_TRANSLATE_NOOP("Debrief", "Would recommend"),
                QT_TRANSLATE_NOOP("Debrief", "Comment"))

    def rows(self) -> tuple[RatingRow, ...]:
        return self.debrief.ratings if self.debrief is not None else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def rating_at(self, row: int) -> RatingRow | None:
        found = self.rows()
        return found[row] if 0 <= row < len(found) else None

    def choices(self, column: int) -> list[tuple[str, str]]:
        if column == self.SCORE:
            return [(QCoreApplication.translate("Debrief", "(not rated)"), "")] + [
                (score_text(n), str(n)) for n in range(1, 6)]
        if column == self.RECOMMEND:
            return [(QCoreApplication.translate("Debrief", "(not said)"), ""),
                    (_tr(str(YES)), "yes"), (_tr(str(NO)), "no")]
        return []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rating_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return {self.WHO: row.person.text(self.language),
                    self.SCORE: str(row.score or ""),
                    self.RECOMMEND: "" if row.recommend is None
                    else "yes" if row.recommend else "no",
                    self.COMMENT: row.comment}[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = {self.WHO: row.person.text(self.language), self.SCORE: score_text(row.score),
                    self.RECOMMEND: recommend_text(row.recommend),
                    self.COMMENT: row.comment}[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                if column in (self.RECOMMEND, self.COMMENT) and row.rating_id is None:
                    return QCoreApplication.translate("Debrief", "Give a rating first")
                return tooltip(text)
            return " ".join(text.split())
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.rating_at(index.row()) if index.isValid() else None
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editable = self.document is not None and not self.document.read_only and (
            index.column() == self.SCORE
            or (index.column() in (self.RECOMMEND, self.COMMENT) and row.rating_id is not None))
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.rating_at(index.row()) if index.isValid() else None
        document, debrief = self.document, self.debrief
        if role != Qt.ItemDataRole.EditRole or row is None or document is None \
                or debrief is None or row.person.id is None:
            return False
        text = "" if value is None else str(value).strip()
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return True
        name = fill_name(row.person.name, debrief.meeting.title)
        column = index.column()
        if column == self.SCORE:
            if not text:
                if row.rating_id is None:
                    return True
                return self._execute(commands.DeleteRecord(document, "rating", row.rating_id,
                                                           name))
            if row.rating_id is None:
                return self._execute(commands.AddRecord(
                    document, "rating", {"item_id": debrief.meeting.id,
                                         "traveller_id": row.person.id, "score": text},
                    fill(QCoreApplication.translate("Debrief", "Rate %1"), name)))
            return self._execute(commands.SetField(document, "rating", row.rating_id, "score",
                                                   text, name))
        if row.rating_id is None:
            return False
        field_name = self.COLUMNS[column]
        stored: Any = text
        if column == self.RECOMMEND:
            stored = None if not text else text == "yes"
        return self._execute(commands.SetField(document, "rating", row.rating_id, field_name,
                                               stored, name))


def fill_name(person: str, meeting: str) -> str:
    """How an undo step names a rating: ``Kenji Sato at Vinnova meeting``."""
    return fill(QCoreApplication.translate("Debrief", "%1 at %2"), person, short(meeting))
