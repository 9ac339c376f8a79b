"""Importing organisations and contacts: formats, languages, de-duplication, bad files."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from planner.cli import main
from planner.directory.fields import map_columns
from planner.directory.importer import import_table
from planner.directory.sources import read_table
from planner.model import Contact, Organisation, OrganisationKind
from planner.store import TourStore


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    return main([str(a) for a in args], out=out), out.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def organisations(path: Path) -> dict[str, Organisation]:
    with TourStore.open(path) as store, store.transaction() as session:
        orgs = session.scalars(select(Organisation)).all()
        for org in orgs:
            _ = org.place, list(org.contacts)
        return {o.name: o for o in orgs}


@pytest.fixture
def empty_tour(tmp_path: Path) -> Path:
    path = tmp_path / "empty.ecovisit"
    assert run("new", path, "--title", "Empty", "--start", "2027-05-10",
               "--end", "2027-05-14")[0] == 0
    return path


# --- formats and languages --------------------------------------------------------------------

UTF8_CSV = """\
Company,Type,Topics,City,Country,Contact person,Job title,Email,Phone,Latitude,Longitude
Celonis SE,scaleup,"process mining; AI",München,Germany,Felix Schneider,VP,felix@example.com,+49 89 1,,
Station F,hub,campus,Paris,FR,Camille Dubois,Head,camille@example.com,,48.8342,2.3708
"Müller & Söhne GmbH",corporate,"automotive, Batterie",Stuttgart,DE,Jürgen Müller,CEO,jm@example.com,,,
"""


def test_utf8_with_bom_csv_imports_with_umlauts_and_exact_coordinates(
        empty_tour: Path, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(UTF8_CSV.encode("utf-8-sig"))
    code, text = run("import-contacts", empty_tour, source)
    assert code == 0, text
    assert "3 added, 0 merged, 0 unchanged, 0 rejected" in text
    orgs = organisations(empty_tour)
    celonis = orgs["Celonis SE"]
    assert celonis.kind is OrganisationKind.SCALEUP
    assert celonis.topics == ["process-mining", "ai"]
    assert celonis.place is not None and celonis.place.city == "Munich"
    assert (celonis.place.country, celonis.place.zone) == ("DE", "Europe/Berlin")
    assert celonis.place.exact is False  # only the city is known
    [felix] = celonis.contacts
    assert (felix.name, felix.role, felix.email, felix.phone) == (
        "Felix Schneider", "VP", "felix@example.com", "+49 89 1")
    station = orgs["Station F"].place
    assert station is not None and station.exact and station.latitude == 48.8342
    assert orgs["Müller & Söhne GmbH"].contacts[0].name == "Jürgen Müller"


CP932_CSV = """\
会社名,種別,分野,都市,国,担当者名,役職,メールアドレス
北斗ラボ,スタートアップ,電池・水素,ミュンヘン,ドイツ,山田 太郎,代表取締役,taro@example.com
パリ研究所,研究所,AI,パリ,フランス,佐藤 花子,研究員,hanako@example.com
"""


def test_cp932_csv_from_japanese_excel_imports(empty_tour: Path, tmp_path: Path) -> None:
    source = tmp_path / "japanese.csv"
    source.write_bytes(CP932_CSV.encode("cp932"))
    code, text = run("import-contacts", empty_tour, source)
    assert code == 0, text
    orgs = organisations(empty_tour)
    lab = orgs["北斗ラボ"]
    assert lab.kind is OrganisationKind.STARTUP and lab.topics == ["電池", "水素"]
    assert lab.place is not None and (lab.place.city, lab.place.country) == ("Munich", "DE")
    assert lab.contacts[0].name_ja == "山田 太郎" and lab.contacts[0].role == "代表取締役"
    paris = orgs["パリ研究所"]
    assert paris.kind is OrganisationKind.RESEARCH
    assert paris.place is not None and paris.place.zone == "Europe/Paris"


SEMICOLON_CSV = """\
Organisation;Stadt;Land;Breitengrad;Längengrad;E-Mail;Notes
Werk1;München;DE;48,1231;11,6107;hello@example.com;"Pitch night; Thursdays"
"""


def test_semicolon_csv_with_decimal_commas_and_a_mapping(empty_tour: Path,
                                                          tmp_path: Path) -> None:
    source = tmp_path / "semicolon.csv"
    source.write_text(SEMICOLON_CSV, encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--map", "Stadt=city",
                     "--map", "Land=country", "--map", "Breitengrad=latitude",
                     "--map", "Längengrad=longitude", "--json")
    assert code == 0, text
    report = json.loads(text)
    assert report["mapping"]["Breitengrad"] == "latitude"
    werk1 = organisations(empty_tour)["Werk1"]
    assert werk1.place is not None and werk1.place.latitude == 48.1231 and werk1.place.exact
    assert werk1.email == "hello@example.com"  # no contact person: the organisation's e-mail
    assert werk1.notes == "Pitch night; Thursdays"


def test_xlsx_imports_from_the_first_sheet(empty_tour: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])  # a blank first row: the header is the first non-empty one
    sheet.append(["Organization", "City", "Country", "Lat", "Lng", "Name", "E-mail",
                  "Languages"])
    sheet.append(["Aalto University", "Espoo", "FI", 60.1863, 24.827, "Jari Heikkinen",
                  "jari@example.com", "Finnish; English"])
    sheet.append(["Business Finland", "Helsinki", "Finland", None, None, None, None, None])
    source = tmp_path / "directory.xlsx"
    workbook.save(source)
    code, text = run("import-contacts", empty_tour, source)
    assert code == 0, text
    orgs = organisations(empty_tour)
    aalto = orgs["Aalto University"]
    assert aalto.place is not None and aalto.place.latitude == 60.1863
    assert aalto.contacts[0].languages == ["fi", "en"]
    assert orgs["Business Finland"].contacts == []


VCARDS = """\
BEGIN:VCARD
VERSION:3.0
FN:Markus Zimmermann
N:Zimmermann;Markus;;;
ORG:BMW Group;Startup Garage
TITLE:Head of Startup Garage
EMAIL;TYPE=INTERNET:markus@example.com
ADR;TYPE=WORK:;;Petuelring 130;München;;80809;Germany
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:山田 太郎
ORG:株式会社テスト
EMAIL:yamada@example.com
GEO:geo:35.6812,139.7671
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Camille Dubois
ORG:Station F
ADR:;;5 Parvis Alan Turing;Paris;;75013;France
CATEGORIES:startups,campus
END:VCARD
"""


def test_vcards_import_with_japanese_names(empty_tour: Path, tmp_path: Path) -> None:
    source = tmp_path / "cards.vcf"
    source.write_text(VCARDS, encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source)
    assert code == 0, text
    orgs = organisations(empty_tour)
    bmw = orgs["BMW Group"]
    assert bmw.place is not None and bmw.place.address == "Petuelring 130, 80809"
    assert bmw.contacts[0].role == "Head of Startup Garage"
    test_co = orgs["株式会社テスト"]
    assert test_co.contacts[0].name_ja == "山田 太郎"
    assert test_co.place is not None and test_co.place.zone == "Asia/Tokyo"
    assert test_co.place.city == "Tokyo" and test_co.place.exact
    assert orgs["Station F"].topics == ["startups", "campus"]


# --- de-duplication and re-import ---------------------------------------------------------------

def test_organisations_already_in_the_tour_are_merged_never_doubled(
        demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "overlap.csv"
    source.write_text(
        "Company,City,Country,Contact,Email,Website\n"
        "CELONIS SE,München,DE,Felix Schneider,felix.schneider@example.com,\n"
        "Hasso-Plattner-Institut,Potsdam,DE,Lukas Brandt,lukas@example.com,\n"
        "Celonis,Munich,DE,Nora Vogel,nora@example.com,\n", encoding="utf-8")
    code, text = run("import-contacts", demo_path, source, "--json")
    assert code == 0
    report = json.loads(text)
    assert [r["outcome"] for r in report["unchanged"]] == ["unchanged"]
    merged = {r["organisation"]: r["details"] for r in report["merged"]}
    assert "similar to 'Hasso Plattner Institute'" in merged["Hasso Plattner Institute"][0]
    assert "added contact Nora Vogel" in merged["Celonis"]
    orgs = organisations(demo_path)
    assert len(orgs) == 30
    assert [c.name for c in orgs["Celonis"].contacts] == ["Felix Schneider", "Nora Vogel"]


def test_importing_the_same_file_twice_changes_nothing(empty_tour: Path,
                                                       tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(UTF8_CSV.encode("utf-8-sig"))
    assert run("import-contacts", empty_tour, source)[0] == 0
    before = digest(empty_tour)
    code, text = run("import-contacts", empty_tour, source)
    assert code == 0
    assert "0 added, 0 merged, 3 unchanged, 0 rejected" in text
    assert digest(empty_tour) == before


def test_dry_run_reports_and_changes_nothing(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(UTF8_CSV.encode("utf-8-sig"))
    before = digest(demo_path)
    code, text = run("import-contacts", demo_path, source, "--dry-run")
    assert code == 0 and "dry run" in text and "added 'Müller & Söhne GmbH'" in text
    assert digest(demo_path) == before


# --- bad input ------------------------------------------------------------------------------

BAD_ROWS = """\
Company,City,Country,Email,Latitude,Longitude,Description
Good One,Berlin,DE,good@example.com,,,
,Berlin,DE,nobody@example.com,,,
Bad Mail,Berlin,DE,not-an-address,,,
Far Away,,,x@example.com,95.0,13.4,
Half,,,y@example.com,52.5,,
Lost Town,Atlantisville,,z@example.com,,,
Two Frankfurts,Frankfurt,DE,f@example.com,,,
Too Many,Berlin,DE,t@example.com,,,,surplus
Huge,Berlin,DE,h@example.com,,,{huge}
Nowhere,,,n@example.com,,,
"""


def test_every_rejected_row_names_row_column_and_reason(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD_ROWS.format(huge="x" * 50_000), encoding="utf-8")
    code, text = run("import-contacts", demo_path, source, "--json")
    assert code == 0  # one good row
    report = json.loads(text)
    assert [r["organisation"] for r in report["added"]] == ["Good One"]
    rejected = {r["row"]: (r["column"], r["reason"]) for r in report["rejected"]}
    assert rejected[3] == ("Company", "the organisation name is empty")
    assert rejected[4][0] == "Email" and "not an e-mail address" in rejected[4][1]
    assert rejected[5][0] == "Latitude" and "out of range" in rejected[5][1]
    assert rejected[6][0] == "longitude" or rejected[6][0] == "Longitude"
    assert rejected[7][0] == "City" and "unknown city 'Atlantisville'" in rejected[7][1]
    assert rejected[8][0] == "City" and "ambiguous" in rejected[8][1]
    assert "has 8 fields, but the header has 7" in rejected[9][1]
    assert rejected[10][0] == "Description" and "too long (50,000 characters" in rejected[10][1]
    assert rejected[11][0] == "City" and "needs a city" in rejected[11][1]
    code, text = run("import-contacts", demo_path, source)
    assert f"{source}: row 4, column 'Email': 'not-an-address' is not an e-mail address" in text


def write_bad(kind: str, path: Path) -> None:
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    elif kind == "encoding":
        path.write_bytes(b"Company,City\n\x80\x81 GmbH,Berlin\n")
    elif kind == "no-organisation-column":
        path.write_text("Person,City\nAnna,Berlin\n", encoding="utf-8")
    elif kind == "broken-xlsx":
        path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    elif kind == "broken-vcard":
        path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nthis line is garbage\n",
                        encoding="utf-8")


@pytest.mark.parametrize(("kind", "words"), [
    ("empty", "is empty"),
    ("binary", "binary file"),
    ("encoding", "unknown text encoding"),
    ("no-organisation-column", "no column holds the organisation name"),
    ("broken-xlsx", "not a readable Excel"),
    ("broken-vcard", "malformed vCard"),
])
def test_unreadable_files_exit_2_and_leave_the_tour_byte_identical(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        kind: str, words: str) -> None:
    source = tmp_path / f"bad-{kind}.csv"
    write_bad(kind, source)
    before = digest(demo_path)
    assert run("import-contacts", demo_path, source)[0] == 2
    err = capsys.readouterr().err
    assert str(source) in err and words in err and "Traceback" not in err
    assert digest(demo_path) == before


def test_a_file_whose_every_row_is_rejected_exits_1_and_changes_nothing(
        demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "all-bad.csv"
    source.write_text("Company,City\nX,Atlantisville\n,Berlin\n", encoding="utf-8")
    before = digest(demo_path)
    code, text = run("import-contacts", demo_path, source)
    assert code == 1 and "0 added, 0 merged, 0 unchanged, 2 rejected" in text
    assert digest(demo_path) == before


def test_a_wrong_explicit_encoding_is_reported(demo_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "japanese.csv"
    source.write_bytes(CP932_CSV.encode("cp932"))
    assert run("import-contacts", demo_path, source, "--encoding", "utf-8")[0] == 2
    assert "cannot be read as utf-8" in capsys.readouterr().err


def test_a_failure_half_way_applies_nothing(demo_path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "japanese.csv"
    source.write_bytes(CP932_CSV.encode("cp932"))  # two organisations new to the demo
    table = read_table(source)
    calls = []
    import planner.directory.importer as importer

    original = importer._new_place

    def failing(data):  # type: ignore[no-untyped-def]
        calls.append(data.name)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(data)

    monkeypatch.setattr(importer, "_new_place", failing)
    with TourStore.open(demo_path) as store:
        with pytest.raises(OSError), store.transaction() as session:
            import_table(session, table, map_columns(table.columns))
        with store.transaction() as session:
            assert session.scalar(select(func.count()).select_from(Organisation)) == 30
            assert session.scalar(select(func.count()).select_from(Contact)) == 32


def test_help_lists_the_importable_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-contacts", "--help")[0] == 0
    out = capsys.readouterr().out
    for name in ("organisation", "contact_email", "latitude", "geo", "exact", "kind"):
        assert f"  {name} " in out


def test_row_numbers_are_the_lines_people_see_even_with_multi_line_cells(
        empty_tour: Path, tmp_path: Path) -> None:
    source = tmp_path / "multiline.csv"
    source.write_text('Company,City,Notes,Email\n'
                      'Alpha,Berlin,"first line\nsecond line",a@example.com\n'
                      '\n'
                      'Beta,Berlin,,broken-address\n', encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--json")
    report = json.loads(text)
    assert code == 0
    assert report["added"][0]["row"] == 2
    assert report["rejected"] == [{"row": 5, "column": "Email",
                                   "reason": "'broken-address' is not an e-mail address"}]
    assert organisations(empty_tour)["Alpha"].notes == "first line\nsecond line"


def test_a_sheet_row_wider_than_its_header_is_rejected(empty_tour: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Company", "City"])
    sheet.append(["Wide", "Berlin", "surplus"])
    sheet.append(["Narrow", "Berlin"])
    source = tmp_path / "wide.xlsx"
    workbook.save(source)
    code, text = run("import-contacts", empty_tour, source, "--json")
    report = json.loads(text)
    assert code == 0
    assert [r["organisation"] for r in report["added"]] == ["Narrow"]
    assert report["rejected"][0]["row"] == 2 and "right of the last column" in \
        report["rejected"][0]["reason"]


# --- issue 17: one bad field, misspelt cities, the same organisation written another way --------

BAD_CONTACT_MAIL = """\
Company,City,Country,Contact,Title,Email,Phone
Nordlicht Robotics,Hamburg,DE,Ole Hansen,CTO,ole(at)nordlicht,+49 40 1234
"""


def test_a_bad_contact_email_imports_the_organisation_and_reports_the_field(
        empty_tour: Path, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(BAD_CONTACT_MAIL, encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--dry-run")
    assert code == 0, text
    assert "1 added" in text and "0 rejected" in text
    assert (f"{source}: row 2, column 'Email': 'ole(at)nordlicht' is not an e-mail address"
            in text)
    assert "would not be imported" in text
    code, text = run("import-contacts", empty_tour, source, "--json")
    report = json.loads(text)
    assert [r["organisation"] for r in report["added"]] == ["Nordlicht Robotics"]
    assert report["rejected"] == []
    assert report["dropped"] == [{"row": 2, "column": "Email",
                                  "reason": "'ole(at)nordlicht' is not an e-mail address"}]
    # The contact is kept (a coordinator wants the person, and phones them), without the e-mail.
    contact = organisations(empty_tour)["Nordlicht Robotics"].contacts[0]
    assert (contact.name, contact.role, contact.email, contact.phone) == (
        "Ole Hansen", "CTO", "", "+49 40 1234")


def test_a_rejected_row_names_every_problem_it_has(empty_tour: Path, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text("Company,City,Country,Contact,Email\n"
                      "Lost,Atlantis,XX,Nobody,not-an-address\n", encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--json")
    assert code == 1
    report = json.loads(text)
    assert [(i["row"], i["column"]) for i in report["rejected"]] == [(2, "Email"), (2, "Country")]
    assert report["dropped"] == []
    code, text = run("import-contacts", empty_tour, source)
    assert "0 added, 0 merged, 0 unchanged, 1 rejected" in text
    assert "Rejected rows (were not imported):" in text


def test_an_unknown_city_suggests_the_closest_gazetteer_names(empty_tour: Path,
                                                              tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text("Company,City,Country\n"
                      "Nordic Ventures,Copenhagn,\n"
                      "Hafen Labs,Hambrug,DE\n"
                      "Nowhere Inc,Qqqzzxx,\n", encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--json")
    assert code == 1
    rejected = {i["row"]: i for i in json.loads(text)["rejected"]}
    assert rejected[2]["column"] == "City"
    assert "unknown city 'Copenhagn'" in rejected[2]["reason"]
    assert "did you mean Copenhagen?" in rejected[2]["reason"]
    assert "did you mean Hamburg" in rejected[3]["reason"]  # first, before Amberg
    assert "did you mean" not in rejected[4]["reason"]
    assert "latitude and longitude" in rejected[4]["reason"]


def test_suggestions_are_bounded_in_a_long_file(empty_tour: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.directory import importer
    from planner.geo.gazetteer import Gazetteer

    calls: list[str] = []
    similar = Gazetteer.similar

    def counted(self: Gazetteer, name: str, limit: int = 3,
                country: str | None = None) -> list[object]:
        calls.append(name)
        return similar(self, name, limit, country)  # type: ignore[return-value]

    monkeypatch.setattr(Gazetteer, "similar", counted)
    monkeypatch.setattr(importer, "MAX_CITY_SUGGESTIONS", 5)
    rows = [f"Company {n},Hambrug{n % 8},DE" for n in range(40)] + ["Last,Hambrug,DE"]
    source = tmp_path / "contacts.csv"
    source.write_text("Company,City,Country\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--json", "--dry-run")
    assert code == 1
    reasons = [i["reason"] for i in json.loads(text)["rejected"]]
    assert len(reasons) == 41
    assert len(calls) == 5  # each name once, and no more names than the bound
    assert "did you mean" in reasons[0] and "did you mean" in reasons[8]  # the same name again
    assert "no suggestions: more than 5 unknown cities in this file" in reasons[-1]


def test_a_japanese_row_with_the_demo_street_address_merges_with_unternehmertum(
        demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "japanese.csv"
    source.write_bytes("会社名,住所,都市,国,担当者名,メールアドレス\n"
                       "UnternehmerTUM,\"Lichtenbergstrasse 6, Garching\",ミュンヘン,ドイツ,"
                       "鈴木 一郎,suzuki@example.com\n".encode("cp932"))
    code, text = run("import-contacts", demo_path, source, "--json")
    assert code == 0, text
    report = json.loads(text)
    assert report["added"] == []
    [merged] = report["merged"]
    assert merged["organisation"] == "UnternehmerTUM"
    assert any("same address" in d for d in merged["details"])
    assert "added contact 鈴木 一郎" in merged["details"]
    orgs = organisations(demo_path)
    assert len(orgs) == 30
    assert "鈴木 一郎" in [c.name for c in orgs["UnternehmerTUM"].contacts]


def test_the_same_name_a_few_kilometres_away_is_the_same_organisation(
        demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "near.csv"
    # UnternehmerTUM's office is at 48.2656, 11.67 in Garching; these coordinates are 1 km off
    # and the city is written as the next town.
    source.write_text("Company,City,Country,Latitude,Longitude\n"
                      "UNTERNEHMERTUM GmbH,Eching,DE,48.2700,11.6820\n"
                      "UnternehmerTUM,Berlin,DE,,\n", encoding="utf-8")
    code, text = run("import-contacts", demo_path, source, "--json")
    assert code == 0, text
    report = json.loads(text)
    assert [r["organisation"] for r in report["merged"] + report["unchanged"]] == [
        "UnternehmerTUM"]
    assert [r["organisation"] for r in report["added"]] == ["UnternehmerTUM"]  # Berlin's own
    with TourStore.open(demo_path) as store, store.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 31


def test_another_organisation_at_the_same_address_stays_apart_with_a_warning(
        demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "building.csv"
    source.write_text("Company,Address,City,Country\n"
                      "Quantum Startup GmbH,Lichtenbergstr. 6,Garching,DE\n", encoding="utf-8")
    code, text = run("import-contacts", demo_path, source, "--json")
    assert code == 0, text
    report = json.loads(text)
    assert [r["organisation"] for r in report["added"]] == ["Quantum Startup GmbH"]
    [warning] = report["warnings"]
    assert warning["column"] == "Address" and "UnternehmerTUM" in warning["reason"]


def test_street_keys_fold_the_spellings_of_strasse_and_skip_postal_towns() -> None:
    from planner.directory.normalise import street_key

    same = {street_key(a) for a in ("Lichtenbergstraße 6, 85748 Garching bei München, Germany",
                                    "Lichtenbergstrasse 6, Garching", "lichtenbergstr. 6",
                                    "85748 Garching, LICHTENBERG STRASSE 6")}
    assert len(same) == 1 and same != {""}
    assert street_key("Lichtenbergstraße 8") not in same
    assert street_key("Garching") == "" and street_key("85748 Garching") == ""


def test_a_building_of_many_organisations_warns_once_a_row(empty_tour: Path,
                                                          tmp_path: Path) -> None:
    source = tmp_path / "building.csv"
    source.write_text("Company,Address,City,Country\n" + "".join(
        f"{name},Lichtenbergstr. 6,Garching,DE\n" for name in (
            "Isar Robotics", "Quantum Brilliance", "Kewazo", "Proxima Fusion", "Magazino",
            "Reactive Robotics")),
        encoding="utf-8")
    code, text = run("import-contacts", empty_tour, source, "--json")
    assert code == 0, text
    report = json.loads(text)
    assert len(report["added"]) == 6
    assert [w["row"] for w in report["warnings"]] == [3, 4, 5, 6, 7]
    assert report["warnings"][-1]["reason"].startswith(
        "the same street address as 'Isar Robotics', 'Quantum Brilliance', 'Kewazo' (+2);")
