"""The letters' templates: built in (request, reminder, confirmation; English and Japanese) or
the coordinator's own (a :class:`~planner.model.LetterTemplate` of the tour, edits kind
``template``), which wins over the built-in one of its kind and language.

A template is a subject and a body with placeholders in braces (:data:`PLACEHOLDERS`:
``{host}``, ``{slots}``, ``{signature}``...); ``{{`` and ``}}`` are a brace. Every placeholder
is checked before anything is written (:func:`check`): an unknown name, a brace left open or
closed alone, a format spec or an attribute (``{host.upper}``) is refused with
:class:`~planner.errors.InputError` naming the template and the placeholder. The values are
filled in one pass (:func:`fill`), so a host named ``{slots}`` prints as typed.

The built-in templates are text files, ``resources/letters/KIND.LANGUAGE.txt`` (a ``Subject:``
line, a blank line, the body), read once on import. The Japanese ones are business letters for
a Japanese host (拝啓 … 敬具, 様, the coordinator's signature), not translations of the English
ones.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import InputError
from planner.mail import one_line
from planner.messages import N_, translate
from planner.model import LetterKind, LetterTemplate

#: The placeholders a template may use, and what each is filled with.
PLACEHOLDERS: dict[str, str] = {
    "host": N_("the host organisation's name"),
    "contact": N_("the host contact written to (else the host)"),
    "delegation": N_("who the delegation is: company, roles, number of visitors, languages"),
    "goals": N_("what the delegation wants to learn from this host, in the host's words "
                "where it has them"),
    "slots": N_("the proposed slots that fit the tour"),
    "length": N_("the meeting's length"),
    "language": N_("the meeting's language"),
    "interpreter": N_("whether an interpreter comes"),
    "meeting": N_("the meeting's title"),
    "when": N_("the meeting's day and time, in the host's time zone"),
    "where": N_("the meeting's place and address"),
    "attendees": N_("who comes, with names and roles"),
    "questions": N_("the questions prepared for the meeting"),
    "signature": N_("the coordinator's name, phone and e-mail"),
    "tour": N_("the tour's title"),
    "sent_on": N_("when the request went: 'on' its day, else 'recently'"),
}
#: The kinds with a built-in template here (thank-you letters: :mod:`planner.debrief.letters`).
KINDS = (LetterKind.REQUEST, LetterKind.REMINDER, LetterKind.CONFIRMATION)
LANGUAGES = ("en", "ja")

T = {
    "unknown": N_("{template}: unknown placeholder {{{name}}} (known: "
                  "{known}); write {{{{ and }}}} for a brace"),
    "form": N_("{template}: {{{name}}} is not a placeholder (a placeholder is a name in "
               "braces, e.g. {{host}}, without ':', '!', '.' or '[')"),
    "braces": N_("{template}: a brace opens or closes no placeholder near "
                 "“{near}” (a placeholder is a name in braces, e.g. {{host}}; write {{{{ and "
                 "}}}} for a brace)"),
    "subject_break": N_("{template}: the subject is one line"),
    "where": N_("the {template} template's {part}"),
    "subject": N_("subject"),
    "body": N_("body"),
    "no_kind": N_("{kind!r}: a letter template is one of {kinds}"),
    "no_language": N_("{language!r}: a letter template's language is en or ja"),
    "thanks": N_("the thank-you letter is written from the debrief (write-thanks); it has no "
                 "template to edit yet"),
    "label": N_("{kind} ({language})"),
}


def _read_built_in(kind: LetterKind, language: str) -> tuple[str, str]:
    """A built-in template from ``resources/letters/KIND.LANGUAGE.txt``: its first line
    ``Subject: ...``, a blank line, then the body."""
    name = f"{kind.value}.{language}.txt"
    text = (resources.files("resources") / "letters" / name).read_text(encoding="utf-8")
    head, _blank, body = text.partition("\n\n")
    return head.removeprefix("Subject:").strip(), body


#: The built-in templates: (kind, language) -> (subject, body).
BUILT_IN: dict[tuple[LetterKind, str], tuple[str, str]] = {
    (kind, language): _read_built_in(kind, language) for kind in KINDS for language in LANGUAGES}


@dataclass(frozen=True)
class Template:
    """One kind of letter in one language: its subject and body, and whether the coordinator
    wrote it (stored with the tour) or it is built in."""

    kind: LetterKind
    language: str
    subject: str
    body: str
    stored: bool = False

    @property
    def label(self) -> str:
        return label(self.kind, self.language)


def label(kind: LetterKind | str, language: str) -> str:
    """How messages name a template: ``request (ja)``."""
    return translate(T["label"]).format(kind=str(kind), language=language)


def letter_kind(text: str, language: str = "") -> LetterKind:
    """*text* as a kind of letter with a template (:data:`KINDS`); and *language*, if given,
    checked as a template's language. :class:`InputError` otherwise."""
    if language and language not in LANGUAGES:
        raise InputError(translate(T["no_language"]).format(language=language))
    try:
        kind = LetterKind(text.strip().lower())
    except ValueError:
        raise InputError(translate(T["no_kind"]).format(
            kind=text, kinds=", ".join(k.value for k in KINDS))) from None
    if kind not in KINDS:
        raise InputError(translate(T["thanks"]))
    return kind


def _stray_brace(text: str) -> int:
    """Where the first brace of *text* that opens or closes no placeholder stands (-1: none)."""
    at = 0
    while at < len(text):
        if text.startswith(("{{", "}}"), at):
            at += 2
        elif text[at] == "{":
            end = text.find("}", at + 1)
            if end < 0 or "{" in text[at + 1:end]:
                return at
            at = end + 1
        elif text[at] == "}":
            return at
        else:
            at += 1
    return -1


def placeholders(text: str, template: str, part: Literal["subject", "body"] = "body", *,
                 language: str = "en") -> list[str]:
    """The placeholders of *text* in order, each checked (see the module docstring); *template*
    and *part* (subject or body) name where in the messages, said in *language*."""
    where = translate(T["where"], language).format(template=template,
                                                   part=translate(T[part], language))
    stray = _stray_brace(text)
    if stray >= 0:
        near = one_line(text[max(0, stray - 15):stray + 25])
        raise InputError(translate(T["braces"], language).format(template=where, near=near))
    found: list[str] = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec
                                                                       else "")
            raise InputError(translate(T["form"], language).format(template=where, name=shown))
        if name not in PLACEHOLDERS:
            raise InputError(translate(T["unknown"], language).format(
                template=where, name=name, known=", ".join(f"{{{p}}}" for p in PLACEHOLDERS)))
        found.append(name)
    return found


def check(template: Template, language: str = "en") -> Template:
    """*template*, once its subject and body are checked (see the module docstring); a
    refusal said in *language* (the window's)."""
    placeholders(template.subject, template.label, "subject", language=language)
    placeholders(template.body, template.label, "body", language=language)
    if one_line(template.subject) != template.subject.strip():
        where = translate(T["where"], language).format(template=template.label,
                                                       part=translate(T["subject"], language))
        raise InputError(translate(T["subject_break"], language).format(template=where))
    return template


def built_in(kind: LetterKind, language: str) -> Template:
    subject, body = BUILT_IN[(kind, language)]
    return Template(kind, language, subject, body)


def stored(session: Session, kind: LetterKind, language: str) -> LetterTemplate | None:
    """The coordinator's template of *kind* and *language*, if she wrote one."""
    return session.scalars(select(LetterTemplate).where(
        LetterTemplate.kind == kind, LetterTemplate.language == language)).first()


def template_for(session: Session, kind: LetterKind, language: str) -> Template:
    """The template a letter is written from: the tour's own, else the built-in one; checked."""
    row = stored(session, kind, language)
    if row is None:
        return check(built_in(kind, language))
    mine = Template(kind, language, row.subject or BUILT_IN[(kind, language)][0],
                    row.body or BUILT_IN[(kind, language)][1], stored=True)
    return check(mine)


def fill(text: str, values: Mapping[str, str]) -> str:
    """*text* with its placeholders replaced by *values* in one pass (checked first)."""
    parts = string.Formatter().parse(text)
    return "".join(literal + (values[name] if name is not None else "")
                   for literal, name, _spec, _conversion in parts)
