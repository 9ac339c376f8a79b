"""Mail drafts the coordinator sends herself: Ecovisit writes them, never sends them (it stays
offline).

:func:`draft` makes an RFC 5322 message with Python's :mod:`email` (``EmailMessage``, the
default policy): UTF-8 throughout, display names and the subject MIME-encoded where they are
not ASCII (``=?utf-8?...?=``), a Date and a Message-ID, and ``X-Unsent: 1`` so that Outlook
opens the ``.eml`` as a draft ready to send. Names, addresses and the subject are user text:
a line break in them is refused rather than let it start a header of its own, and quotes,
angle brackets and encoded-word look-alikes in a name are quoted by the policy (a name is
never read as an address or as an encoded word).
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime, make_msgid
from pathlib import Path

from planner.errors import InputError

#: What may never be in a header value typed by a user: line breaks of every kind (CR, LF and
#: the Unicode line and paragraph separators a mail program may read as one), NUL and the other
#: control characters.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
#: An address: one @, no spaces, no brackets, quotes or commas (the typed e-mail field).
_ADDRESS = re.compile(r"[^\s@<>\"(),;:\\\[\]]+@[^\s@<>\"(),;:\\\[\]]+")


#: The opening of an RFC 2047 encoded word. Python's mail parser decodes one wherever it
#: stands in a header it is given, so a subject typed as ``=?utf-8?b?...?=`` would be decoded
#: before it is written, and could carry a line break that starts a header of its own (a Bcc).
_ENCODED_WORD = "=?"
#: Put between ``=`` and ``?`` (an invisible WORD JOINER): the text reads as typed and is
#: never taken for an encoded word, here or by the reader's mail program.
_JOINER = "=\u2060?"


def header_text(text: str, what: str) -> str:
    """*text* for a header (a subject, a display name): one line, or :class:`InputError`
    naming *what* if it holds a line break or a control character (tabs become spaces); an
    encoded-word opening (``=?``) is kept from being decoded (see :data:`_JOINER`)."""
    text = text.replace("\t", " ").strip()
    if _BREAKS.search(text):
        raise InputError(f"{what} may not contain a line break: {text!r}")
    return text.replace(_ENCODED_WORD, _JOINER)


def one_line(text: str) -> str:
    """*text* with its line breaks and control characters made spaces (runs of spaces made
    one): a name or title from the tour, fit for a header (:func:`draft` refuses a break)."""
    return " ".join(_BREAKS.sub(" ", text).split())


def address(name: str, email: str, what: str = "recipient") -> Address:
    """A mailbox: *name* (any script; quoted or encoded as needed) and *email* (refused with
    :class:`InputError` unless it is one plain address)."""
    email = header_text(email, f"the {what}'s e-mail address")
    if not _ADDRESS.fullmatch(email):
        raise InputError(f"the {what}'s e-mail address {email!r} is not an address")
    user, domain = email.rsplit("@", 1)
    return Address(display_name=header_text(name, f"the {what}'s name"), username=user,
                   domain=domain)


def draft(*, to: Sequence[tuple[str, str]], sender: tuple[str, str], subject: str, body: str,
          attachments: Sequence[Path] = (), cc: Sequence[tuple[str, str]] = (),
          date: datetime | None = None) -> bytes:
    """An unsent mail from *sender* to *to* (each a ``(name, e-mail)``), as the bytes of an
    ``.eml`` file: see the module docstring. A *sender* without an e-mail address leaves the
    From out (the mail program sending the draft puts its account's). *attachments* are files
    attached under their names. Raises :class:`InputError` for a line break in a name or the
    subject, or an address that is not one."""
    if not to:
        raise InputError("a mail needs at least one recipient")
    message = EmailMessage(policy=default)
    if sender[1].strip():
        message["From"] = address(*sender, what="sender")
    message["To"] = [address(name, email) for name, email in to]
    if cc:
        message["Cc"] = [address(name, email) for name, email in cc]
    message["Subject"] = header_text(subject, "the subject")
    moment = date if date is not None else datetime.now(UTC).astimezone()  # in the local zone
    if moment.tzinfo is None:
        raise InputError("a mail's date needs its time zone")
    message["Date"] = format_datetime(moment)
    domain = sender[1].rsplit("@", 1)[-1] if "@" in sender[1] else "ecovisit.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    message.set_content(body.replace("\r\n", "\n"), charset="utf-8")
    for path in attachments:
        kind, _encoding = mimetypes.guess_type(path.name)
        main, sub = (kind or "application/octet-stream").split("/", 1)
        message.add_attachment(path.read_bytes(), maintype=main, subtype=sub,
                               filename=path.name)
    return message.as_bytes(policy=default)
