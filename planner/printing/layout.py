"""What every printed document shares: paper sizes, paragraph styles, escaped paragraphs, and
the build that numbers pages ("page X of Y") with a footer."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph

from planner.messages import N_, translate
from planner.printing.fonts import register

PAPERS = {"a4": A4, "letter": LETTER}
PAGE_LABEL = N_("Page {page} of {pages}")


def styles(language: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of every document (Japanese wraps by CJK rules)."""
    sans, _serif = register()
    base = {"fontName": sans, "wordWrap": "CJK" if language == "ja" else None}
    return {
        "title": ParagraphStyle("title", fontSize=16, leading=20, spaceAfter=2, **base),
        "meta": ParagraphStyle("meta", fontSize=9, leading=12, textColor=colors.grey, **base),
        "cell": ParagraphStyle("cell", fontSize=8.5, leading=11, **base),
        "head": ParagraphStyle("head", fontSize=8.5, leading=11, textColor=colors.white, **base),
        "leg": ParagraphStyle("leg", fontSize=7.5, leading=9, textColor=colors.HexColor("#555555"),
                              **base),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text: escaped, so that it is never read as markup."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def build(document: Any, story: list[Any], footer: str, language: str,
          multi_pass: bool = False) -> int:
    """Build *document* with page numbers and *footer* on every page; returns the page count.

    The canvas class is made per build, so concurrent builds never share a footer.
    """
    pages: list[int] = []

    class NumberedCanvas(pdf_canvas.Canvas):  # type: ignore[misc]
        """Draws "page X of Y" once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", register()[0])  # never unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._states)
            for state in self._states:
                self.__dict__.update(state)
                self.setFont(register()[0], 7.5)
                self.setFillColor(colors.grey)
                width = self._pagesize[0]
                label = translate(PAGE_LABEL, language).format(page=self._pageNumber,
                                                               pages=total)
                self.drawRightString(width - 15 * mm, 10 * mm, label)
                self.drawString(15 * mm, 10 * mm, footer)
                super().showPage()
            pages.append(total)
            super().save()

    if multi_pass:
        document.multiBuild(story, canvasmaker=NumberedCanvas)
    else:
        document.build(story, canvasmaker=NumberedCanvas)
    return pages[-1] if pages else 0
