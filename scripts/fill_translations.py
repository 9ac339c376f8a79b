"""Fill untranslated Japanese entries from JSON files, for work done in parallel.

People (or helpers) working at once never edit the catalogues themselves, which would collide;
each writes its Japanese into a JSON file instead, and this script puts them in:

- ``{"Context|source text": "日本語"}`` fills ``type="unfinished"`` messages of
  ``resources/translations/ecovisit_ja.ts`` (run ``scripts/update-translations`` before, so
  lupdate has collected the new texts, and after, so lrelease compiles them);
- files named ``*.po.json``, ``{"msgid": "日本語"}``, fill or add entries of the planner's
  catalogue ``planner/locale/ja/LC_MESSAGES/ecovisit.po``.

Usage: ``python scripts/fill_translations.py build/translations/*.json [--write]``. Without
``--write`` it only reports what it would fill and what stays unfinished.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.pofile import escape, read_po

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources/translations/ecovisit_ja.ts"
PO = ROOT / "planner/locale/ja/LC_MESSAGES/ecovisit.po"


def fill_ts(found: dict[str, str], write: bool) -> tuple[int, list[str]]:
    tree = ET.parse(TS)
    filled, missing = 0, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            source = message.findtext("source") or ""
            text = found.get(f"{name}|{source}")
            if text is None:
                missing.append(f"{name}|{source}")
                continue
            if message.get("numerus") == "yes":
                for form in list(translation):
                    translation.remove(form)
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
            del translation.attrib["type"]
            filled += 1
    if write and filled:
        ET.indent(tree, space="    ")
        with TS.open("wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
    return filled, missing


def fill_po(found: dict[str, str], write: bool) -> int:
    """Append the messages the catalogue lacks (appending keeps the file's own layout)."""
    with PO.open("rb") as source:
        catalog = read_po(source, locale="ja")
    blocks = []
    for msgid, text in found.items():
        message = catalog.get(msgid)
        if message is not None and message.string:
            continue
        if message is not None:
            raise SystemExit(f"{PO.name}: {msgid!r} is there untranslated; translate it there")
        flags = "#, python-brace-format\n" if "{" in msgid else ""
        blocks.append(f"\n{flags}msgid {escape(msgid)}\nmsgstr {escape(text)}\n")
    if write and blocks:
        with PO.open("a", encoding="utf-8") as out:
            out.write("".join(blocks))
    return len(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    qt: dict[str, str] = {}
    po: dict[str, str] = {}
    for path in args.files:
        (po if path.name.endswith(".po.json") else qt).update(
            json.loads(path.read_text(encoding="utf-8")))
    filled, missing = fill_ts(qt, args.write)
    added = fill_po(po, args.write)
    print(f"{TS.name}: {filled} filled, {len(missing)} still unfinished")
    for key in missing:
        print(f"  unfinished: {key}")
    print(f"{PO.name}: {added} filled or added")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
