"""How fast the route map draws a 3-week tour.

The tour is the planning benchmark's (``bench/plan_tour.py``: 15 travellers, a hotel a week in
Berlin, Munich and Paris, 400 hosts in the directory) with a full agenda added: a flight from
Tokyo and back, a train and a flight between the cities, five meetings and a lunch every working
day, the delegation split in two for the afternoon meetings (parallel branches on the map).

Prints medians (with min and max) of:

1. reading the route from the tour file (``planner.route.read_route``);
2. ``RouteMapView.set_document`` (its read on a worker) and the first paint, on a new view
   (every background tile drawn from the land mask), and again on a view that has drawn the
   tour before (tiles cached);
3. a repaint of the unchanged map (``grab()``);
4. a zoom step (a wheel notch: zoom and paint, with the new tiles it needs), in and out, and a
   pan step (a 40-pixel drag and paint);
5. choosing a day in the day filter (fit and paint), and the refresh after an edit.

    QT_QPA_PLATFORM=offscreen python bench/route_map.py [--repeat N] [--size WxH]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from plan_tour import large_tour  # bench/plan_tour.py, beside this script
from PySide6.QtCore import QEventLoop, QPointF
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session
from timing import timed

from planner.model import (
    AgendaItem,
    ItemKind,
    ItemStatus,
    Organisation,
    Place,
    PlaceKind,
    Stay,
    Traveller,
)
from planner.route import read_route
from planner.store import TourStore, create_tour_file

START = date(2027, 6, 7)
TRANSPORT = {  # city: (station, airport)
    "Berlin": (("Berlin Hauptbahnhof", 52.5251, 13.3694), ("Berlin Brandenburg Airport",
                                                           52.3667, 13.5033)),
    "Munich": (("München Hauptbahnhof", 48.1402, 11.56), ("Munich Airport", 48.3538, 11.7861)),
    "Paris": (("Paris Gare de Lyon", 48.8443, 2.3744), ("Paris Charles de Gaulle Airport",
                                                        49.0097, 2.5479)),
}


def three_week_tour(session: Session) -> None:
    """The planning benchmark's tour with a full agenda (see the module docstring)."""
    large_tour(session, START)
    session.flush()
    rng = random.Random(11)
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position)))
    halves = (travellers[: len(travellers) // 2], travellers[len(travellers) // 2:])
    stays = list(session.scalars(select(Stay).order_by(Stay.check_in)))
    offices: dict[str, list[Organisation]] = {}
    for organisation in session.scalars(select(Organisation)):
        assert organisation.place is not None
        offices.setdefault(organisation.place.city, []).append(organisation)
    country = {"Berlin": "DE", "Munich": "DE", "Paris": "FR"}
    zones = {"Berlin": "Europe/Berlin", "Munich": "Europe/Berlin", "Paris": "Europe/Paris"}
    hubs: dict[str, tuple[Place, Place]] = {}
    for city, ((station, slat, slon), (airport, alat, alon)) in TRANSPORT.items():
        hubs[city] = (
            Place(name=station, kind=PlaceKind.STATION, city=city, country=country[city],
                  latitude=slat, longitude=slon, exact=True, zone=zones[city]),
            Place(name=airport, kind=PlaceKind.AIRPORT, city=city, country=country[city],
                  latitude=alat, longitude=alon, exact=True, zone=zones[city]))
    tokyo = Place(name="Tokyo Haneda Airport", kind=PlaceKind.AIRPORT, city="Tokyo",
                  country="JP", latitude=35.5494, longitude=139.7798, exact=True,
                  zone="Asia/Tokyo")

    def add(kind: ItemKind, title: str, day: date, at: clock, minutes: int, place: Place,
            destination: Place | None = None, organisation: Organisation | None = None,
            who: list[Traveller] | None = None) -> None:
        begin = datetime.combine(day, at, tzinfo=ZoneInfo(place.zone))
        session.add(AgendaItem(kind=kind, title=title, start=begin,
                               end=begin + timedelta(minutes=minutes), zone=place.zone,
                               place=place, destination=destination, organisation=organisation,
                               status=ItemStatus.CONFIRMED, attendees=who or travellers))

    cities = [stay.place.city for stay in stays]
    add(ItemKind.FLIGHT, "Flight Tokyo → Berlin", START, clock(6, 0), 720, tokyo,
        hubs["Berlin"][1])
    for offset in range(21):
        day = START + timedelta(days=offset)
        city = cities[offset // 7]
        if offset in (7, 14):  # moving day: train Berlin -> Munich, flight Munich -> Paris
            before = cities[offset // 7 - 1]
            kind = ItemKind.TRAIN if offset == 7 else ItemKind.FLIGHT
            origin, destination = (hubs[before][0], hubs[city][0]) if offset == 7 else \
                (hubs[before][1], hubs[city][1])
            add(kind, f"{kind.value.title()} {before} → {city}", day, clock(8, 0), 240, origin,
                destination)
        if day.weekday() >= 5 and offset not in (7, 14):
            continue
        hosts = rng.sample(offices[city], 6)
        begin = 13 if offset in (7, 14) else 9
        for slot in range(5):
            hour = begin + 2 * slot
            if hour >= 18:
                break
            if slot < 2:
                add(ItemKind.MEETING, f"Meeting {offset}.{slot}", day, clock(hour, 0), 75,
                    hosts[slot].place, organisation=hosts[slot])  # type: ignore[arg-type]
            else:  # the afternoon in two groups
                for group, host in zip(halves, (hosts[slot], hosts[5]), strict=True):
                    add(ItemKind.MEETING, f"Meeting {offset}.{slot} {host.name}", day,
                        clock(hour, 0), 75, host.place, organisation=host,  # type: ignore[arg-type]
                        who=group)
            if slot == 1:
                add(ItemKind.MEAL, f"Lunch {offset}", day, clock(hour + 1, 30), 60,
                    hosts[slot].place)  # type: ignore[arg-type]
    add(ItemKind.FLIGHT, "Flight Paris → Tokyo", START + timedelta(days=20), clock(19, 0), 780,
        hubs["Paris"][1], tokyo)


def report(label: str, seconds: list[float]) -> None:
    print(f"{label}: median {statistics.median(seconds) * 1e3:.1f} ms "
          f"(min {min(seconds) * 1e3:.1f}, max {max(seconds) * 1e3:.1f}; n={len(seconds)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    app = QApplication.instance() or QApplication([])
    from planner.geo.landmask import land_mask
    from ui.document import TourDocument, read_contents
    from ui.operations import Operations
    from ui.selection import Selection
    from ui.views.route_map import ZOOM_STEP, RouteMapView

    land_mask()  # loaded once per process in the program too
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "three-weeks.ecovisit"
        create_tour_file(path, three_week_tour)
        store = TourStore.open(path)
        operations = Operations()
        document = TourDocument(store, read_contents(store), operations)
        with store.session() as session:
            route = read_route(session)
        print(f"3-week tour: {len(route.items)} items, {len(route.places)} places, "
              f"{len(route.legs)} legs over {len(route.days)} days; canvas {width}x{height}")
        reads: list[float] = []
        for _ in range(args.repeat):
            with store.session() as session:
                reads.append(timed(lambda session=session: read_route(session)))
        report("read the route", reads)

        def new_view() -> RouteMapView:
            view = RouteMapView(Selection(), operations)
            view.resize(width, height + 30)
            view.show()
            app.processEvents()
            return view

        def shown(view: RouteMapView, read: Callable[[], None]) -> None:
            """Start *read* and wait until the view shows the route (it reads on a worker)."""
            loop, done = QEventLoop(), []
            view.refreshed.connect(loop.quit)
            view.refreshed.connect(lambda: done.append(True))
            read()
            if not done:
                loop.exec()

        firsts, tiles = [], []
        for _ in range(args.repeat):
            view = new_view()
            firsts.append(timed(lambda view=view: (shown(view, lambda: view.set_document(
                document)), view.grab())))
            tiles.append(view.canvas.tiles.rendered)
            view.close()
            view.deleteLater()
        report("set_document + first paint, new view (all tiles drawn)", firsts)
        print(f"  background tiles drawn for it: {statistics.median(tiles):.0f}")
        view = new_view()
        shown(view, lambda: view.set_document(document))
        view.grab()
        report("set_document + first paint, tiles cached",
               [timed(lambda: (shown(view, lambda: view.set_document(document)), view.grab()))
                for _ in range(args.repeat)])
        canvas = view.canvas
        report("repaint (grab)", [timed(canvas.grab) for _ in range(args.repeat * 3)])
        middle = QPointF(canvas.width() / 2, canvas.height() / 2)

        def steps(action: Callable[[], None], count: int) -> list[float]:
            return [timed(lambda: (action(), canvas.grab())) for _ in range(count)]

        drawn = canvas.tiles.rendered
        zoom_in = steps(lambda: canvas.zoom_by(ZOOM_STEP, middle), 16)
        zoom_out = steps(lambda: canvas.zoom_by(1 / ZOOM_STEP, middle), 16)
        report("zoom step in, 16 wheel notches (new tiles included)", zoom_in)
        report("zoom step out, 16 wheel notches back", zoom_out)
        print(f"  tiles drawn while zooming: {canvas.tiles.rendered - drawn}")
        view.fit()
        for _ in range(6):
            canvas.zoom_by(ZOOM_STEP, middle)
        report("pan step (40 px, new tiles included)", steps(lambda: canvas.pan_by(40, 0), 30))
        days = [view.day_box.findData(d.toordinal()) for d in route.days]
        report("choose a day (fit + paint)",
               [timed(lambda i=i: (view.day_box.setCurrentIndex(i), canvas.grab()))
                for i in days[: args.repeat]])
        view.day_box.setCurrentIndex(0)
        report("refresh after an edit (read + paint)",
               [timed(lambda: (shown(view, view.reload), canvas.grab()))
                for _ in range(args.repeat)])
        view.set_document(None)
        view.close()
        document.close()
        operations.shut_down()


if __name__ == "__main__":
    main()
