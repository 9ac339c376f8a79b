"""Thank-you letters to the hosts (issue 19, item 6) and the mail drafts they are written as
(issue 20's mail rules): read back by Python's ``email`` package (policy default) as a mail
program reads them; names, subject and body in Japanese and with accents survive; hostile text
(quotes, angle brackets, line breaks, encoded words) never injects a header."""

from __future__ import annotations

import base64
import shutil
from datetime import date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from planner import edits
from planner.debrief.letters import T, letters, safe_stem, write_thanks
from planner.errors import FileExistsRefused, InputError
from planner.formatting import format_day
from planner.mail import draft
from planner.messages import translate
from planner.model import (
    AgendaItem,
    FollowUp,
    FollowUpStatus,
    ItemStatus,
    Learning,
    Organisation,
)
from planner.queries import load_tour
from planner.store import TourStore
from tests.planner.report_data import add, debrief_demo, debrief_fresh, has_debrief
from tests.printed_pdf import fresh_tour

TODAY = date(2027, 3, 25)
#: An encoded word that decodes to a line break and a Bcc header.
SMUGGLED = "=?utf-8?b?" + base64.b64encode(b"x\r\nBcc: evil@example.com").decode() + "?="
HEADERS = {"From", "To", "Subject", "Date", "Message-ID", "X-Unsent", "Content-Type",
           "Content-Transfer-Encoding", "MIME-Version"}


def read(data: bytes) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(data, policy=default))


def visible(text: str) -> str:
    """What a reader sees: the invisible word joiner that keeps ``=?`` from being decoded
    removed."""
    return text.replace("\u2060", "")


# --- the mail drafts ------------------------------------------------------------------------
def test_a_draft_keeps_names_subject_and_body_in_any_script() -> None:
    sent = datetime(2027, 3, 25, 9, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    data = draft(to=[('Zoë "Z" <Ö> Müller', "zoe@agency.example"), ("高橋 健二", "k@hokuto.example")],
                 sender=("Marie Lindqvist, Nordlicht", "marie@nordlicht.example"),
                 subject='Danke — ありがとう "quoted" <x> & Café', date=sent,
                 body="Liebe Zoë,\nありがとうございました。\n" + "long line " * 30 + "\n")
    assert all(byte < 128 for line in data.split(b"\n\n")[0].splitlines() for byte in line)
    message = read(data)
    assert set(message.keys()) == HEADERS
    assert message["Subject"] == 'Danke — ありがとう "quoted" <x> & Café'
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ('Zoë "Z" <Ö> Müller', "zoe@agency.example"), ("高橋 健二", "k@hokuto.example")]
    assert message["From"].addresses[0].display_name == "Marie Lindqvist, Nordlicht"
    assert message["X-Unsent"] == "1"
    assert message["Message-ID"].endswith("@nordlicht.example>")
    assert message["Date"].datetime == sent
    body = message.get_body()
    assert body is not None and body.get_content() == \
        "Liebe Zoë,\nありがとうございました。\n" + "long line " * 30 + "\n"


@pytest.mark.parametrize("field", ["subject", "name", "sender", "address"])
@pytest.mark.parametrize("hostile", ["Hi\r\nBcc: evil@example.com", "Hi\nBcc: evil@example.com",
                                     "Hi\rBcc: evil@example.com", "Hi\u2028Bcc: x@y.example"])
def test_a_line_break_in_a_header_is_refused(field: str, hostile: str) -> None:
    values: dict[str, Any] = {"to": [("Zoë", "zoe@agency.example")],
                              "sender": ("Marie", "marie@nordlicht.example"),
                              "subject": "Thanks", "body": "Thanks"}
    if field == "subject":
        values["subject"] = hostile
    elif field == "name":
        values["to"] = [(hostile, "zoe@agency.example")]
    elif field == "sender":
        values["sender"] = (hostile, "marie@nordlicht.example")
    else:
        values["to"] = [("Zoë", "zoe@agency.example" + hostile.removeprefix("Hi"))]
    with pytest.raises(InputError):
        draft(**values)


@pytest.mark.parametrize("bad", ["zoe", "zoe@a.example, eve@b.example", "Zoë <zoe@a.example>",
                                 '"eve"@b.example', ""])
def test_an_address_is_one_plain_address(bad: str) -> None:
    with pytest.raises(InputError):
        draft(to=[("Zoë", bad)], sender=("M", "m@n.example"), subject="s", body="b")


def test_an_encoded_word_typed_in_a_name_or_the_subject_is_shown_never_decoded() -> None:
    data = draft(to=[(SMUGGLED, "zoe@agency.example"), ("=?utf-8?q?Evil?= <x@y>", "a@b.example")],
                 sender=(SMUGGLED, "m@n.example"), subject=f"{SMUGGLED} ありがとう", body="b")
    message = read(data)
    assert set(message.keys()) == HEADERS  # no Bcc, nothing else
    assert "evil@example.com" not in str(message["To"]) + str(message["From"])
    assert visible(message["Subject"]) == f"{SMUGGLED} ありがとう"
    assert [a.addr_spec for a in message["To"].addresses] == ["zoe@agency.example",
                                                              "a@b.example"]
    assert visible(message["To"].addresses[1].display_name) == "=?utf-8?q?Evil?= <x@y>"


# --- the letters ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_letters(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("letters-demo")
    tour = folder / "demo.ecovisit"
    shutil.copyfile(demo_master, tour)
    with TourStore.open(tour) as store, store.transaction(write=True) as session:
        if not has_debrief(session):
            debrief_demo(session)
    out = folder / "out"
    out.mkdir()
    return tour, out


def test_a_letter_per_host_met_naming_who_came_what_we_valued_and_the_follow_ups(
        demo_letters: tuple[Path, Path]) -> None:
    tour, out = demo_letters
    with TourStore.open(tour) as store, store.transaction() as session:
        written = write_thanks(session, out, today=TODAY)
        found = letters(session, today=TODAY)
        met = {i.organisation_id for i in session.scalars(select(AgendaItem))
               if i.organisation_id and i.status is ItemStatus.CONFIRMED}
        assert {letter.organisation_id for letter in found} >= met
        utum = [i for i in session.scalars(select(AgendaItem)) if i.organisation and
                i.organisation.name == "UnternehmerTUM" and i.status is ItemStatus.CONFIRMED]
        attendees = {(t.name, t.role) for i in utum for t in i.attendees}
        host_names = sorted({c.name for i in utum for c in i.hosts})
        ids = {i.id for i in utum}
        valued = sorted((x for x in session.scalars(select(Learning)) if x.item_id in ids),
                        key=lambda x: (x.tag is None, x.position, x.id))
        agreed = [f for f in session.scalars(select(FollowUp)) if f.item_id in ids
                  and f.status is not FollowUpStatus.DROPPED]
        others = [f.description for f in session.scalars(select(FollowUp))
                  if f.item_id not in ids and f.contact_id not in
                  {c.id for i in utum for c in i.hosts}]
        tour_row = load_tour(session)
    assert valued and agreed and others
    texts = sorted(p.name for p in written if p.suffix == ".txt")
    assert len(texts) == len(found) == len(set(texts))
    assert all(p.exists() and p.parent == out for p in written)
    eml = out / "thanks-UnternehmerTUM.eml"
    message = read(eml.read_bytes())
    assert sorted(a.display_name for a in message["To"].addresses) == host_names
    assert message["X-Unsent"] == "1"
    assert tour_row.title in message["Subject"]
    body = message.get_body()
    assert body is not None
    text = body.get_content()
    assert text == (out / "thanks-UnternehmerTUM.txt").read_text(encoding="utf-8")
    for name, role in attendees:  # who came, with their roles
        assert f"{name}, {role}" in text
    assert valued[0].text in text  # what the delegation valued: a key takeaway first
    for row in agreed:  # the follow-ups agreed with this host, with who and by when
        assert row.description in text
        if row.due is not None:
            assert format_day(row.due) in text
    for description in others:  # and no other host's
        assert description not in text
    assert tour_row.coordinator in text and tour_row.coordinator_phone in text  # signed
    assert message["From"].addresses[0].addr_spec == tour_row.coordinator_email


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tour built from nothing with a debrief, a Japanese host and hostile names."""
    folder = tmp_path_factory.mktemp("letters-fresh")
    tour = fresh_tour(folder / "fresh.ecovisit", meetings=10)
    with TourStore.open(tour) as store, store.transaction(write=True) as session:
        debrief_fresh(session)
        edits.set_fields(session, "tour", 1, {
            "title": f"Tour {SMUGGLED} \"Ö\" <b>", "coordinator": "Yuki Mori",
            "coordinator_email": "yuki@tours.example", "coordinator_phone": "+81 3 1234 5678"})
        japanese = add(session, "organisation", name="株式会社ホクト・テック", kind="corporate")
        yamada = add(session, "contact", organisation_id=japanese, name="Taro Yamada",
                     name_ja="山田 太郎", role="部長", email="yamada@hokuto.example",
                     languages="ja, en")
        add(session, "contact", organisation_id=japanese, name="Hanako\nBcc: x@y.example",
            email="hanako@hokuto.example", languages="ja")
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.status == ItemStatus.CONFIRMED).order_by(AgendaItem.start.desc())).first()
        assert item is not None
        contacts = [yamada, yamada + 1]
        edits.set_fields(session, "item", item.id, {"organisation_id": japanese,
                                                    "hosts": contacts})
        add(session, "learning", item_id=item.id, traveller_id=1, tag="technology",
            text="工場のデジタルツインは半年で投資を回収した。")
        add(session, "follow_up", description="技術資料を送付する", owner_id=1,
            contact_id=yamada, item_id=item.id, due="2027-04-10")
    return tour


def test_a_japanese_host_gets_a_japanese_letter_and_hostile_names_stay_in_their_header(
        fresh: Path, tmp_path: Path) -> None:
    with TourStore.open(fresh) as store, store.transaction() as session:
        written = write_thanks(session, tmp_path, today=TODAY)
        japanese = session.scalars(select(Organisation).where(
            Organisation.name == "株式会社ホクト・テック")).one()
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.organisation_id == japanese.id)).one()
        title_ja = item.title_ja
    names = sorted(p.name for p in written)
    assert names == sorted(["thanks-Agency-One.txt", "thanks-Agency-One.eml",
                            "thanks-株式会社ホクト-テック.txt", "thanks-株式会社ホクト-テック.eml"])
    message = read((tmp_path / "thanks-株式会社ホクト-テック.eml").read_bytes())
    assert set(message.keys()) == HEADERS
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ("山田 太郎", "yamada@hokuto.example"), ("Hanako Bcc: x@y.example", "hanako@hokuto.example")]
    assert visible(message["Subject"]) == translate(T["subject"], "ja").format(
        tour=f"Tour {SMUGGLED} \"Ö\" <b>") or message["Subject"]
    body = message.get_body()
    assert body is not None
    text = body.get_content()
    assert "山田 太郎 様" in text  # Japanese letters address the host by her Japanese name
    assert "株式会社ホクト・テック" in text and title_ja in text
    assert "佐藤 健二" in text  # who came, in Japanese
    assert "工場のデジタルツインは半年で投資を回収した。" in text
    assert "技術資料を送付する" in text
    assert "Yuki Mori" in text and "+81 3 1234 5678" in text
    english = read((tmp_path / "thanks-Agency-One.eml").read_bytes())
    assert set(english.keys()) == HEADERS
    assert [(a.display_name, a.addr_spec) for a in english["To"].addresses] == [
        ('Zoë "Z" <Ö> Müller', "zoe@agency.example")]
    assert visible(english["Subject"]) == \
        f'Thank you for receiving our delegation — Tour {SMUGGLED} "Ö" <b>'
    assert english["From"].addresses[0].display_name == "Yuki Mori"
    english_body = english.get_body()
    assert english_body is not None
    assert "Dear Zoë \"Z\" <Ö> Müller," in english_body.get_content()
    assert "Apply for the Agency's pilot grant — Kenji Sato, by Sat 20 Mar 2027" in \
        english_body.get_content()


def test_letters_refuse_to_overwrite_unless_forced_and_narrow_to_the_hosts_asked(
        fresh: Path, tmp_path: Path) -> None:
    with TourStore.open(fresh) as store, store.transaction() as session:
        agency = session.scalars(select(Organisation).where(
            Organisation.name == "Agency One")).one().id
        first = write_thanks(session, tmp_path, today=TODAY, organisation_ids=[agency])
        assert sorted(p.name for p in first) == ["thanks-Agency-One.eml", "thanks-Agency-One.txt"]
        (tmp_path / "thanks-Agency-One.txt").write_text("mine", encoding="utf-8")
        with pytest.raises(FileExistsRefused):
            write_thanks(session, tmp_path, today=TODAY)
        assert (tmp_path / "thanks-Agency-One.txt").read_text(encoding="utf-8") == "mine"
        assert len(list(tmp_path.iterdir())) == 2  # nothing else written either
        again = write_thanks(session, tmp_path, today=TODAY, force=True)
        assert len(again) == 4
        assert (tmp_path / "thanks-Agency-One.txt").read_text(encoding="utf-8") != "mine"
        with pytest.raises(InputError, match="did not meet"):
            write_thanks(session, tmp_path, today=TODAY, organisation_ids=[agency + 999],
                         force=True)
        with pytest.raises(InputError, match="does not exist"):
            write_thanks(session, tmp_path / "nowhere", today=TODAY)


@pytest.mark.parametrize(("name", "stem"), [
    ("Aalto University (A Grid)", "Aalto-University-A-Grid"), ("../../etc/passwd", "etc-passwd"),
    ("CON", "host-CON"), ("...", "host"), ("Zoë & Co. / Müller", "Zoë-Co-Müller"),
    ("株式会社ホクト・テック", "株式会社ホクト-テック"), ("a\nb\tc", "a-b-c")])
def test_file_names_are_safe(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_an_attachment_arrives_whole_under_its_name(tmp_path: Path) -> None:
    pdf = tmp_path / "ホスト資料 Brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    data = draft(to=[("Zoë", "zoe@agency.example")], sender=("Yuki", "yuki@tours.example"),
                 subject="Brief", body="Attached.\n", attachments=[pdf])
    message = read(data)
    body = message.get_body(("plain",))
    assert body is not None and body.get_content() == "Attached.\n"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "ホスト資料 Brief.pdf"
    assert attachment.get_content() == pdf.read_bytes()
