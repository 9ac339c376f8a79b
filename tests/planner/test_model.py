"""The domain model's guarantees: aware datetimes only, revisions, tombstones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, event, insert, select, update
from sqlalchemy.exc import OperationalError, StatementError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from planner.errors import DamagedTourFile
from planner.model import (
    AgendaItem,
    ItemStatus,
    ItemTombstone,
    Place,
    Tour,
    TourSession,
    Traveller,
    _bookkeeping,
    _check_columns,
)
from planner.readback import read_text
from planner.store import TourStore
from planner.timezones import NaiveDatetimeError, UnknownTimeZoneError


def first_meeting(session) -> AgendaItem:  # type: ignore[no-untyped-def]
    return session.scalars(select(AgendaItem).where(AgendaItem.kind == "meeting")
                           .order_by(AgendaItem.start)).first()


def test_a_naive_datetime_is_refused_on_assignment(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = first_meeting(session)
        with pytest.raises(NaiveDatetimeError, match="no time zone"):
            item.start = datetime(2027, 5, 11, 9, 0)  # noqa: DTZ001 - the point of the test


def test_a_naive_datetime_cannot_reach_the_database_by_any_path(demo_store: TourStore) -> None:
    naive = datetime(2027, 5, 11, 9, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(StatementError) as caught, demo_store.transaction() as session:
        session.execute(update(AgendaItem).where(AgendaItem.id == 1).values(start=naive))
    assert isinstance(caught.value.orig, NaiveDatetimeError)
    with pytest.raises(StatementError) as caught, demo_store.transaction() as session:
        session.execute(insert(ItemTombstone).values(
            uid="x", revision=1, title="x", start=naive, end=naive, zone="UTC",
            deleted_at=datetime.now(UTC)))
    assert isinstance(caught.value.orig, NaiveDatetimeError)
    with demo_store.transaction() as session:  # and nothing was changed
        assert session.get(AgendaItem, 1).start.tzinfo is UTC  # type: ignore[union-attr]


def test_instants_are_stored_in_utc_and_shown_in_the_place_zone(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = first_meeting(session)
        item.start = datetime(2027, 5, 11, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
        item_id = item.id
    with demo_store.transaction() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        assert item.start == datetime(2027, 5, 11, 6, 0, tzinfo=UTC)
        assert item.start.tzinfo is UTC
        assert item.local_start.isoformat() == "2027-05-11T09:00:00+03:00"
        raw = session.connection().exec_driver_sql(
            f"SELECT start FROM agenda_items WHERE id = {item_id}").scalar()
        assert str(raw).startswith("2027-05-11 06:00:00")


def test_unknown_zones_and_coordinates_out_of_range_are_refused() -> None:
    with pytest.raises(UnknownTimeZoneError, match="Europe/Berlinn"):
        Place(name="x", latitude=0, longitude=0, zone="Europe/Berlinn")
    with pytest.raises(ValueError, match="latitude"):
        Place(name="x", latitude=91, longitude=0, zone="UTC")
    with pytest.raises(UnknownTimeZoneError):
        Tour(title="x", home_zone="Tokyo")


def test_every_change_raises_the_item_revision_and_the_tour_revision(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = first_meeting(session)
        item_id, before = item.id, item.revision
        tour_before = session.get(Tour, 1).revision  # type: ignore[union-attr]
        item.start += timedelta(minutes=15)
    with demo_store.transaction() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None and item.revision == before + 1
        item.attendees = item.attendees[:2]  # a change of the collection counts too
    with demo_store.transaction() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None and item.revision == before + 2
        assert session.get(Tour, 1).revision == tour_before + 2  # type: ignore[union-attr]
    with demo_store.transaction() as session:  # reading changes nothing
        assert session.get(AgendaItem, item_id).revision == before + 2  # type: ignore[union-attr]


class _Theirs(DeclarativeBase):
    """Another library's model in the same process."""


class _TheirTour(_Theirs):
    """A table that happens to be called ``tour`` and to have a ``revision`` of its own."""

    __tablename__ = "tour"
    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int]
    title: Mapped[str]


def test_a_foreign_session_on_another_database_is_untouched(demo_store: TourStore) -> None:
    """The bookkeeping listens to Ecovisit's sessions only: another program's Session, on
    another database, flushes as SQLAlchemy alone would (no revision raised behind its back,
    no query of ours run in its transaction)."""
    engine = create_engine("sqlite://")
    try:
        _Theirs.metadata.create_all(engine)
        with Session(engine) as session:
            session.add(_TheirTour(id=1, revision=7, title="theirs"))
            session.commit()
            theirs = session.get(_TheirTour, 1)
            assert theirs is not None
            theirs.title = "changed"
            session.commit()
            assert session.execute(select(_TheirTour.revision, _TheirTour.title)).one() == \
                (7, "changed")
    finally:
        engine.dispose()
    for name, listener in (("before_flush", _bookkeeping), ("do_orm_execute", _check_columns)):
        assert not event.contains(Session, name, listener)
        assert event.contains(TourSession, name, listener)
    with demo_store.transaction() as session:  # Ecovisit's own sessions still keep the books
        assert isinstance(session, TourSession)
        tour = session.get_one(Tour, 1)
        before, tour.title = tour.revision, tour.title + "!"
    with demo_store.transaction() as session:
        assert session.get_one(Tour, 1).revision == before + 1


def test_a_foreign_engine_reads_text_as_sqlalchemy_alone_would(demo_store: TourStore) -> None:
    """Ecovisit's lenient text reading and its damage messages are its engines' own
    (readback.watch): another library's SQLite engine keeps the standard text factory, and
    its errors are not called a damaged tour."""
    engine = create_engine("sqlite://")
    try:
        with engine.connect() as connection:
            assert connection.connection.driver_connection.text_factory is str  # type: ignore[union-attr]
            with pytest.raises(OperationalError) as raised:
                connection.exec_driver_sql("SELECT CAST(x'ff' AS TEXT)").all()
            assert not isinstance(raised.value, DamagedTourFile)
    finally:
        engine.dispose()
    with demo_store.engine.connect() as connection:  # the tour's own engine reads leniently
        assert connection.connection.driver_connection.text_factory is read_text  # type: ignore[union-attr]


def test_deleting_an_item_leaves_a_tombstone_for_calendars(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = first_meeting(session)
        uid, revision, start = item.uid, item.revision, item.start
        session.delete(item)
    with demo_store.transaction() as session:
        stone = session.get(ItemTombstone, uid)
        assert stone is not None
        assert stone.revision == revision + 1
        assert stone.start == start
        assert stone.deleted_at.tzinfo is UTC


def test_uids_are_unique_and_stable(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = first_meeting(session)
        uid = item.uid
        item.status = ItemStatus.CANCELLED
        traveller = Traveller(name="New")
        session.add(traveller)
    with demo_store.transaction() as session:
        uids = session.scalars(select(AgendaItem.uid)).all()
        assert uid in uids and len(set(uids)) == len(uids)
