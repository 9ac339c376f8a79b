"""Request, reminder and confirmation letters to hosts (issue 20, items 1, 2 and 5): written from
the built-in or the coordinator's templates with every placeholder filled, proposing slots the
checker passes, English and Japanese; the .eml drafts read back by Python's ``email`` package
and by a real mail reader (mblaze's ``mshow``), the host brief attached and read by
``pdftotext``; hostile text never breaks a header; a bad template is refused by name."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import edits
from planner.cli import main
from planner.dayplan import MEETING_MINUTES
from planner.errors import FileExistsRefused, InputError
from planner.feasibility.checker import Checker
from planner.feasibility.findings import Severity
from planner.feasibility.plan import Plan
from planner.formatting import format_day, item_time_text
from planner.model import (
    AgendaItem,
    Contact,
    HostRequest,
    ItemStatus,
    LetterKind,
    Organisation,
    RequestState,
)
from planner.outreach.letters import RequestLetter, request_letters, write_requests
from planner.outreach.slots import Slot, propose_slots
from planner.outreach.templates import BUILT_IN, KINDS, PLACEHOLDERS, check, fill, placeholders
from planner.store import TourStore
from planner.timezones import to_local

#: The demo's idea and requested meetings' hosts, in the order of their meetings.
OPEN_HOSTS = ["Siemensstadt Square (Siemens)", "Celonis", "WERK1", "Renault Group"]
SMUGGLED = "=?utf-8?b?" + base64.b64encode(b"x\r\nBcc: evil@example.com").decode() + "?="
HEADERS = {"From", "To", "Subject", "Date", "Message-ID", "X-Unsent", "Content-Type",
           "Content-Transfer-Encoding", "MIME-Version"}


def read(data: bytes) -> EmailMessage:
    return message_from_bytes(data, policy=default)


def body_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def org(session: Session, name: str) -> Organisation:
    return session.scalars(select(Organisation).where(Organisation.name == name)).one()


def ask(demo_path: Path, name: str, **values: object) -> None:
    """Set the host's request (added if it has none): its language, state..."""
    with TourStore.open(demo_path) as store, store.transaction() as session:
        organisation = org(session, name)
        row = session.scalars(select(HostRequest).where(
            HostRequest.organisation_id == organisation.id)).first()
        if row is None:
            edits.add_record(session, "request", {"organisation_id": organisation.id,
                                                  **values})
        else:
            edits.set_fields(session, "request", row.id, values)


def open_hosts(demo_path: Path) -> list[str]:
    """The hosts of the demo's idea and requested meetings, in the order of their meetings."""
    with TourStore.open(demo_path, read_only=True) as store, store.session() as session:
        items = session.scalars(select(AgendaItem).where(
            AgendaItem.status.in_([ItemStatus.IDEA, ItemStatus.REQUESTED]),
            AgendaItem.organisation_id.is_not(None)).order_by(AgendaItem.start, AgendaItem.id))
        return list(dict.fromkeys(i.organisation.name for i in items if i.organisation))


class Verdict:
    """The checker's verdict on moving one meeting: a fresh plan and checker (independent of
    the finder's), the errors of the plan without the meeting as the baseline."""

    def __init__(self, session: Session, item: AgendaItem) -> None:
        self.checker = Checker(Plan.from_session(session))
        self.planned = self.checker.plan.items[item.uid]
        self.checker.update(removed=item.uid)
        self.checker.check_all()
        self.before = self.errors()

    def errors(self) -> set[tuple[str, tuple[str, ...]]]:
        return {(f.code, f.items) for f in self.checker.findings()
                if f.severity is Severity.ERROR}

    def passes(self, slot: Slot) -> bool:
        """Whether the meeting moved to *slot* raises no error the plan without it lacks."""
        self.checker.update(replace(self.planned, start=slot.start, end=slot.end))
        return self.errors() <= self.before


def filled(letter: RequestLetter) -> None:
    assert "{" not in letter.text and "}" not in letter.text, letter.text
    assert "{" not in letter.subject and "}" not in letter.subject
    assert letter.subject.strip() and "\n" not in letter.subject


# --- the templates --------------------------------------------------------------------------
def test_every_built_in_template_uses_known_placeholders_and_a_japanese_letter_is_formal() -> None:
    assert {k for k, _l in BUILT_IN} == set(KINDS)
    for (kind, language), (subject, body) in BUILT_IN.items():
        from planner.outreach.templates import Template

        check(Template(kind, language, subject, body))
        assert set(placeholders(body, "t")) <= set(PLACEHOLDERS)
        if language == "ja":
            assert "拝啓" in body and "敬具" in body and "様" in body
    assert fill("{{x}} {host}: {slots}", {"host": "{slots}", "slots": "a"}) == "{x} {slots}: a"


@pytest.mark.parametrize(("text", "named"), [
    ("Hello {hots}", "{hots}"), ("Hello {host", "Hello {host"), ("Hello host}", "host}"),
    ("{host.__class__}", "{host.__class__}"), ("{host!r}", "{host!r}"),
    ("{slots:>20}", "{slots:>20}"), ("{}", "{}"), ("{0}", "{0}")])
def test_a_bad_placeholder_is_refused_naming_the_template_and_the_placeholder(
        text: str, named: str) -> None:
    with pytest.raises(InputError) as caught:
        placeholders(text, "request (en)")
    assert "request (en)" in str(caught.value) and named in str(caught.value)


# --- letters for the demo ---------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ja"])
def test_requests_and_reminders_for_the_demo_fill_every_placeholder_and_slots_pass(
        demo_path: Path, language: str) -> None:
    hosts = open_hosts(demo_path)
    assert hosts == OPEN_HOSTS
    for name in hosts:
        ask(demo_path, name, language=language)
    with TourStore.open(demo_path) as store, store.transaction() as session:
        keys = [org(session, name).id for name in hosts]
        found = request_letters(session, LetterKind.REQUEST, organisation_ids=keys)
        assert [x.name for x in found] == OPEN_HOSTS
        reminders = request_letters(session, LetterKind.REMINDER, organisation_ids=keys)
        for letter in [*found, *reminders]:
            filled(letter)
            assert letter.language == language
            assert 1 <= len(letter.slots) <= 3
            assert letter.to and letter.to[0][1].endswith("@example.com")
            item = session.get_one(AgendaItem, letter.item_id)
            organisation = session.get_one(Organisation, letter.organisation_id)
            verdict = Verdict(session, item)
            for slot in letter.slots:
                assert slot.end - slot.start == item.end - item.start
                assert to_local(slot.start, slot.zone).weekday() < 5
                assert any(w.start <= slot.start and slot.end <= w.end
                           for w in organisation.availability)
                assert verdict.passes(slot), (letter.name, slot.text())
                assert slot.text(language) in letter.text
            starts = sorted(s.start for s in letter.slots)
            assert all(a.end <= b.start for a, b in zip(sorted(letter.slots, key=lambda s:
                                                                 s.start),
                                                          sorted(letter.slots, key=lambda s:
                                                                 s.start)[1:], strict=False))
            assert starts
            if language == "ja":
                assert "拝啓" in letter.text and "敬具" in letter.text
                assert "欧州イノベーション・エコシステム視察" in letter.subject
                assert f"{letter.to[0][0]} 様" in letter.text
            else:
                assert letter.text.startswith(f"Dear {letter.to[0][0]},")
                assert "Europe Innovation Ecosystem Study Tour" in letter.subject
            assert "Marie Lindqvist" in letter.text and "+49 30 5555 0142" in letter.text
        celonis = next(x for x in found if x.name == "Celonis")
        assert "プロセスマイニング" in celonis.text or "process mining" in celonis.text.lower()


def test_the_hosts_written_to_follow_the_requests_states(demo_path: Path) -> None:
    ask(demo_path, "WERK1", state="to_write")
    ask(demo_path, "Celonis", state="sent", sent_on="2026-11-02")
    ask(demo_path, "Renault Group", state="declined", reason="no time")
    ask(demo_path, "Siemensstadt Square (Siemens)", state="replied")
    with TourStore.open(demo_path) as store, store.transaction() as session:
        for row in session.scalars(select(HostRequest)):
            if row.organisation.name not in OPEN_HOSTS and row.state in (
                    RequestState.TO_WRITE, RequestState.SENT):
                edits.set_fields(session, "request", row.id, {"state": "no_answer"})
            if row.state is RequestState.CONFIRMED and row.organisation.name != "BMW Group":
                edits.set_fields(session, "request", row.id,
                                 {"confirmation_sent_on": "2026-11-20"})
            elif row.organisation.name == "BMW Group":
                edits.set_fields(session, "request", row.id, {"confirmation_sent_on": None})
        assert [x.name for x in request_letters(session, LetterKind.REQUEST)] == ["WERK1"]
        reminder, = request_letters(session, LetterKind.REMINDER)
        assert reminder.name == "Celonis" and "I wrote to you on " in reminder.text
        confirmation, = request_letters(session, LetterKind.CONFIRMATION)
        assert confirmation.name == "BMW Group" and confirmation.brief


def test_a_host_chosen_in_the_directory_gets_slots_for_the_whole_delegation(
        demo_path: Path) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        office = org(session, "Station F").place
        lab = Organisation(name="Laboratoire Zoé", place=office)
        nowhere = Organisation(name="Nowhere Inc")
        session.add_all([lab, nowhere])
        session.flush()
        slots = propose_slots(session, lab)
        assert 2 <= len(slots) <= 3 and all(s.zone == "Europe/Paris" for s in slots)
        assert all(to_local(s.start, s.zone).weekday() < 5 for s in slots)
        assert all(s.end - s.start == timedelta(minutes=MEETING_MINUTES) for s in slots)
        assert propose_slots(session, nowhere) == ()  # no office: no travel can be reckoned
        letter, = request_letters(session, LetterKind.REQUEST, organisation_ids=[nowhere.id])
        filled(letter)
        assert letter.slots == () and "flexible" in letter.text and letter.to == ()
        letter, = request_letters(session, LetterKind.REQUEST, organisation_ids=[lab.id])
        filled(letter)
        assert letter.slots == slots and all(s.text() in letter.text for s in slots)


# --- the drafts, read by Python's email and by mblaze's mshow ---------------------------------
def mshow(path: Path, *options: str) -> str:
    tool = shutil.which("mshow")
    assert tool is not None, "mblaze is missing: apt-get install mblaze (.ci/apt-packages.txt)"
    home = path.parent / ".mblaze"
    home.mkdir(exist_ok=True)
    (home / "seq").touch()
    env = {**os.environ, "MBLAZE": str(home), "LC_ALL": "C.UTF-8"}
    done = subprocess.run([tool, *options, str(path)], capture_output=True, env=env, check=True,
                          cwd=path.parent, timeout=60)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_confirmation_draft_attaches_the_host_brief_and_survives_two_readers(
        demo_path: Path, tmp_path: Path, language: str) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        bmw = org(session, "BMW Group")
        contact = session.scalars(select(Contact).where(Contact.organisation_id == bmw.id)).first()
        assert contact is not None
        edits.set_fields(session, "contact", contact.id, {"name": "Zoë Müller-Lüdenscheidt",
                                                          "name_ja": "ミュラー 浩子"})
        row = session.scalars(select(HostRequest).where(
            HostRequest.organisation_id == bmw.id)).first()
        values = {"language": language, "contact_id": contact.id}
        if row is None:
            edits.add_record(session, "request", {"organisation_id": bmw.id, **values})
        else:
            edits.set_fields(session, "request", row.id, values)
        meeting = session.scalars(select(AgendaItem).where(
            AgendaItem.organisation_id == bmw.id)).one()
        when = f"{format_day(meeting.day)} {item_time_text(meeting)} " \
            f"{meeting.local_start.tzname()}"
    out = tmp_path / "letters"
    out.mkdir()
    assert main(["write-requests", str(demo_path), str(out), "--kind", "confirmation",
                 "--host", "BMW Group"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["confirmation-BMW-Group.eml",
                                                    "confirmation-BMW-Group.txt"]
    eml = out / "confirmation-BMW-Group.eml"
    message = read(eml.read_bytes())
    name = "ミュラー 浩子" if language == "ja" else "Zoë Müller-Lüdenscheidt"
    subject = "ご面談日時のご確認（欧州イノベーション・エコシステム視察 ― モビリティ・エネルギー・AI）" \
        if language == "ja" else f"Confirmation of our meeting on {when} — Europe Innovation " \
        "Ecosystem Study Tour: Mobility, Energy and AI"
    assert message["Subject"] == subject
    assert [a.display_name for a in message["To"].addresses] == [name]
    assert message["X-Unsent"] == "1"
    text = body_of(message)
    assert text == (out / "confirmation-BMW-Group.txt").read_text(encoding="utf-8")
    assert "{" not in text and "Petuelring 130, 80809 München" in text
    assert ("拝啓" in text and f"{name} 様" in text) if language == "ja" else \
        text.startswith(f"Dear {name},")
    attachment, = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "host-brief-BMW-Group.pdf"
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(attachment.get_content())
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None
    brief = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True,
                           timeout=60).stdout.decode("utf-8")
    assert "BMW Group" in brief
    shown = mshow(eml)
    assert f"Subject: {subject}" in shown
    assert f"To: {name} <" in shown
    assert text.splitlines()[0] in shown and text.splitlines()[-1] in shown
    parts = mshow(eml, "-t")
    assert "application/pdf" in parts and "host-brief-BMW-Group.pdf" in parts


def test_a_tour_built_from_nothing_gets_a_request_letter(tmp_path: Path) -> None:
    tour = tmp_path / "new.ecovisit"
    assert main(["new", str(tour), "--title", "Spring tour", "--start", "2027-05-10",
                 "--end", "2027-05-14"]) == 0
    assert main(["edit-tour", str(tour), "--coordinator", "Yuki Mori",
                 "--coordinator-email", "yuki@tours.example"]) == 0
    assert main(["add-traveller", str(tour), "Kenji Sato", "--role", "CTO",
                 "--company", "Hokuto", "--languages", "ja"]) == 0
    csv = tmp_path / "hosts.csv"
    csv.write_text(
        "organisation,kind,topics,description,address,city,country,latitude,longitude,"
        "contact,role,email\nCafé Zoë Lab,startup,mobility,Mobility pilots in the city,"
        "Kungsgatan 1,Stockholm,SE,59.3361,18.0632,Åsa Öberg,CEO,asa@zoe.example\n",
        encoding="utf-8")
    assert main(["import-contacts", str(tour), str(csv)]) == 0
    assert main(["add-item", str(tour), "Mobility pilots", "--host", "Café Zoë Lab",
                 "--start", "2027-05-11 10:00", "--minutes", "60"]) == 0
    out = tmp_path / "out"
    assert main(["write-requests", str(tour), str(out)]) == 0
    message = read((out / "request-Café-Zoë-Lab.eml").read_bytes())
    assert [a.display_name for a in message["To"].addresses] == ["Åsa Öberg"]
    text = body_of(message)
    assert text.startswith("Dear Åsa Öberg,") and "Café Zoë Lab" in text and "{" not in text
    assert "Kenji Sato" in text
    assert "11 May 10:00–11:00 CEST" in text  # its own time passes: proposed first
    assert main(["write-requests", str(tour), str(out)]) == 2  # refused: there already
    assert main(["write-requests", str(tour), str(out), "--force"]) == 0
    # asked before the delegation is named: no "0 visitors from —"
    assert main(["delete", str(tour), "traveller", "Kenji Sato"]) == 0
    assert main(["write-requests", str(tour), str(out), "--force"]) == 0
    text = body_of(read((out / "request-Café-Zoë-Lab.eml").read_bytes()))
    assert "The visitors' names will follow." in text and "0 visitors" not in text


# --- hostile text ------------------------------------------------------------------------------
@pytest.mark.parametrize("hostile", [
    'Evil "Co" <x@y.example>', "Evil\r\nBcc: evil@example.com", "Evil\nBcc: evil@example.com",
    SMUGGLED, "Evil =?utf-8?q?x?= Co"])
def test_hostile_names_and_templates_never_break_a_header(
        demo_path: Path, tmp_path: Path, hostile: str) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        celonis = org(session, "Celonis")
        celonis.name = hostile  # as an import or another program may have stored it
        for contact in celonis.contacts:
            contact.name = hostile
        edits.add_record(session, "template", {
            "kind": "request", "language": "en",
            "subject": 'Visit "{host}" <{tour}> ' + SMUGGLED,
            "body": "Dear {contact},\n<b>{host}</b> \"{slots}\"\nBcc: not@header.example\n"})
        session.flush()
        out = tmp_path / "out"
        out.mkdir()
        written = write_requests(session, out, LetterKind.REQUEST,
                                 organisation_ids=[celonis.id])
    eml = next(p for p in written if p.suffix == ".eml")
    message = read(eml.read_bytes())
    assert set(message.keys()) == HEADERS
    assert "Bcc" not in message
    to, = message["To"].addresses  # the name on one line, quoted: never an address of its own
    assert to.addr_spec == "felix.schneider@example.com"
    assert "".join(to.display_name.replace("\u2060", "").split()) == "".join(hostile.split())
    subject = message["Subject"].replace("\u2060", "")
    assert subject.startswith('Visit "') and SMUGGLED in subject and "\n" not in subject
    assert "Bcc: not@header.example" in body_of(message)
    shown = mshow(eml)
    head = shown.split("\n\n")[0].splitlines()
    assert [line.split(":")[0] for line in head] == ["From", "Subject", "To", "Date"]


def test_a_stored_template_with_an_unknown_placeholder_is_refused_before_writing(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "body.txt"
    body.write_text("Dear {contact},\n{bogus}\n", encoding="utf-8")
    assert main(["template", str(demo_path), "request", "en", "--body-file", str(body)]) == 2
    assert "{bogus}" in capsys.readouterr().err
    assert main(["template", str(demo_path), "request", "en", "--subject", "A\nB"]) == 2
    with TourStore.open(demo_path) as store, store.transaction() as session:
        edits.add_record(session, "template", {"kind": "reminder", "language": "en",
                                               "body": "Dear {contact}, {nope}"})
    out = tmp_path / "out"
    out.mkdir()
    with TourStore.open(demo_path) as store, store.transaction() as session, \
            pytest.raises(InputError, match=r"reminder \(en\).*\{nope\}"):
        write_requests(session, out, LetterKind.REMINDER, organisation_ids=[
            org(session, "Celonis").id])
    with TourStore.open(demo_path) as store, store.transaction() as session:
        edits.add_record(session, "template", {"kind": "request", "language": "en",
                                               "subject": "Visit\nBcc: evil@example.com"})
    with TourStore.open(demo_path) as store, store.transaction() as session, \
            pytest.raises(InputError, match=r"request \(en\).*subject is one line"):
        write_requests(session, out, LetterKind.REQUEST, organisation_ids=[
            org(session, "Celonis").id])
    assert list(out.iterdir()) == []


def test_the_template_command_shows_stores_and_resets(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", str(demo_path), "request", "ja"]) == 0
    assert "拝啓" in capsys.readouterr().out
    body = tmp_path / "body.txt"
    body.write_text("{contact} 様\n\n{slots}\n\n{signature}\n", encoding="utf-8")
    assert main(["template", str(demo_path), "request", "en", "--subject", "Besuch: {host}",
                 "--body-file", str(body)]) == 0
    assert "the tour's own" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["write-requests", str(demo_path), str(out), "--host", "WERK1"]) == 0
    message = read((out / "request-WERK1.eml").read_bytes())
    assert message["Subject"] == "Besuch: WERK1"
    assert body_of(message).startswith("Daniel Huber 様\n\n- ")
    assert main(["template", str(demo_path), "request", "en", "--reset"]) == 0
    assert "built in" in capsys.readouterr().out
    with TourStore.open(demo_path) as store, store.transaction() as session, \
            pytest.raises(FileExistsRefused):
        write_requests(session, out, LetterKind.REQUEST,
                       organisation_ids=[org(session, "WERK1").id])
    assert main(["template", str(demo_path), "thanks", "en"]) == 2


def test_write_requests_writes_thank_you_letters_through_the_debrief(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "thanks"
    assert main(["write-requests", str(demo_path), str(out), "--kind", "thanks"]) == 0
    said = capsys.readouterr().out
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert all(name.startswith("thanks-") for name in written)
    assert ("Wrote" in said) == bool(written)


def test_file_names_are_safe_and_unique(demo_path: Path, tmp_path: Path) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        hosts = [Organisation(name=name) for name in ("../A/B", "a:b", "CON", "東京 ラボ")]
        session.add_all(hosts)
        session.flush()
        written = write_requests(session, tmp_path, LetterKind.REQUEST,
                                 organisation_ids=[h.id for h in hosts])
    assert [p.name for p in written] == [
        "request-A-B.txt", f"request-a-b-{hosts[1].id}.txt", "request-host-CON.txt",
        "request-東京-ラボ.txt"]
    assert all(p.parent == tmp_path for p in written)
