"""A train or flight item's proposed length from its two places.

The item editor and ``ecovisit add-item`` both ask :func:`proposed_ride` how long a train or a
flight between the item's place and its destination lasts: the scheduled part only (boarding to
arrival, station to station or airport to airport, :meth:`planner.travel.TravelModel.ride`), with
the tour's travel settings. An item's end is then its start plus the ride's minutes, and the
ride's ``summary`` says how it was found.

A ride takes milliseconds once the travel model has what it needs; the first one of a process
loads geopy and the shipped network (a second or so), which the window does on a worker
beforehand (:func:`prepare`, :func:`ready`) so that choosing a place never waits for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Protocol

from planner.model import ItemKind, PlaceKind
from planner.travel import Point, Ride, TravelModel, TravelSettings

#: The item kinds that ride from one place to another, and the travel model's mode of each
#: (a transfer goes by road: it has no scheduled ride).
RIDE_MODES: Mapping[ItemKind, str] = {ItemKind.TRAIN: "rail", ItemKind.FLIGHT: "flight"}


class Located(Protocol):
    """A place as the proposal needs it: a :class:`planner.model.Place`, or any record with its
    coordinates, whether they are exact, its kind and its name."""

    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...
    @property
    def exact(self) -> bool: ...
    @property
    def kind(self) -> PlaceKind | str: ...
    @property
    def name(self) -> str: ...


_prepared: set[TravelSettings] = set()


def ride_mode(kind: ItemKind | str | None) -> str | None:
    """The travel model's mode of an item *kind* ("rail" for a train), None for a kind that is
    no scheduled ride (a meeting, a transfer by road)."""
    try:
        return RIDE_MODES.get(ItemKind(kind)) if kind is not None else None
    except ValueError:
        return None


def proposed_ride(settings: TravelSettings, kind: ItemKind | str | None,
                  origin: Located | None, destination: Located | None) -> Ride | None:
    """How long an item of *kind* (a train, a flight) from *origin* to *destination* lasts,
    boarding to arrival, with the tour's *settings*; None for another kind, a missing or the
    same place, or when the travel model knows no such ride between them."""
    mode = ride_mode(kind)
    if mode is None or origin is None or destination is None:
        return None
    a, b = Point.of(origin), Point.of(destination)
    if (a.latitude, a.longitude) == (b.latitude, b.longitude):
        return None
    return _ride(settings, mode, a, b)


def prepare(settings: TravelSettings) -> None:
    """Load what finding a ride with *settings* needs (geopy, the shipped network), so that
    :func:`proposed_ride` answers at once afterwards; safe on a worker thread."""
    import geopy.distance  # noqa: F401  (the model imports it on its first distance)

    _model(settings).network()
    _prepared.add(settings)


def ready(settings: TravelSettings) -> bool:
    """Whether :func:`prepare` has run for *settings* (a ride is then a matter of milliseconds)."""
    return settings in _prepared


@lru_cache(maxsize=512)
def _ride(settings: TravelSettings, mode: str, a: Point, b: Point) -> Ride | None:
    """The ride, found once per settings, mode and pair of places (the editor asks again on
    every change of its places)."""
    return _model(settings).ride(a, b, mode)


@lru_cache(maxsize=4)
def _model(settings: TravelSettings) -> TravelModel:
    """One travel model per settings: it keeps the network's searches it made."""
    return TravelModel(settings)
