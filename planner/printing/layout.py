"""What every printed document shares: paper sizes, paragraph styles, escaped paragraphs, the
document (metadata: title, author, subject, creator and language; bookmarks), and the build that
numbers pages ("page X of Y") with a footer."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFObjectReference
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from planner.messages import N_, translate
from planner.printing.fonts import register
from planner.printing.kinsoku import paragraph

PAPERS = {"a4": A4, "letter": LETTER}
PAGE_LABEL = N_("Page {page} of {pages}")
CREATOR = "Ecovisit"


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
    """A paragraph of user text: escaped, so that it is never read as markup (Japanese lines
    broken by kinsoku rules, :mod:`planner.printing.kinsoku`)."""
    return paragraph(escape(text).replace("\n", "<br/>"), style)


def bookmarked(flowable: Flowable, title: str, level: int = 0) -> Flowable:
    """*flowable*, marked so that a `Document` bookmarks it (PDF outline) where it is drawn."""
    flowable.bookmark = (title, level)
    return flowable


class Document(SimpleDocTemplate):  # type: ignore[misc]
    """A printed document: its metadata (title, author — the coordinator —, subject, creator and
    the catalogue's /Lang, so screen readers and search read Japanese as Japanese) and its
    outline, a bookmark for each `bookmarked` flowable, the first level open."""

    def __init__(self, path: str, *, paper: str, language: str, title: str, author: str,
                 subject: str, **margins: float) -> None:
        edges = {"leftMargin": 15 * mm, "rightMargin": 15 * mm, "topMargin": 15 * mm,
                 "bottomMargin": 18 * mm, **margins}
        super().__init__(path, pagesize=PAPERS[paper], title=title, author=author,
                         subject=subject, creator=CREATOR, lang=language,
                         displayDocTitle=True, **edges)
        self.marks = 0

    def afterFlowable(self, flowable: Any) -> None:
        mark = getattr(flowable, "bookmark", None)
        if mark is not None:
            self.bookmark(*mark)

    def bookmark(self, title: str, level: int = 0) -> str:
        """A bookmark to the current page, shown in the outline; returns its key (for links)."""
        self.marks += 1
        key = f"mark-{self.marks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        self.canv.showOutline()  # the viewer opens with the outline shown
        return key

    def beforeDocument(self) -> None:
        self.marks = 0  # each pass of a multi-pass build names its bookmarks alike


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

        def bookmarkPage(self, key: str, **where: Any) -> Any:
            """A destination on the page being drawn. The pages reach the PDF only in `save`,
            so reportlab's own reference would name the first page for every bookmark: name
            the page this one will be (the document calls its pages "Page1", "Page2"...)."""
            destination = super().bookmarkPage(key, **where)
            destination.setPage(PDFObjectReference(f"Page{self._pageNumber}"))
            return destination

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
