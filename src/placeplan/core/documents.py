"""Documents in the Design System's look, for any capability: PDFs rendered from HTML by
WeasyPrint with the bundled typeface (and nothing else fetched), and Word documents by
python-docx with the Design System's type and colours, a footer with page numbers, and
summary tables."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The Design System's typeface, bundled (from npm's @fontsource/roboto), by weight.
FONT_FILES = {
    400: "vendor/fonts/roboto-latin-400-normal.woff",
    700: "vendor/fonts/roboto-latin-700-normal.woff",
}
# The Design System's colours: text, its blue, secondary text and borders.
TEXT, BLUE, GREY, BORDER = "333333", "0065BD", "5E5E5E", "B3B3B3"


# -- PDF ----------------------------------------------------------------------------------------


def font_urls() -> dict[int, str]:
    """The bundled typeface's files by weight, as file URLs."""
    urls = {}
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if found:
            urls[weight] = Path(found).resolve().as_uri()
    return urls


def fonts_only_fetcher(allowed: set[str]):
    """WeasyPrint may fetch the bundled fonts and nothing else: no file, page or address
    named in a document's text can be pulled into it."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"Not fetched for a document: {url}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols={"file"})


def html_document(html: str, fonts: dict[int, str]):
    """The rendered document (WeasyPrint's) of ``html``, which may use ``fonts`` only."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=fonts_only_fetcher(set(fonts.values()))).render()


# -- Word ---------------------------------------------------------------------------------------


def docx_styled(document):
    """A python-docx document with the Design System's type sizes and colours."""
    from docx.shared import Pt, RGBColor

    for name, size, bold in (
        ("Normal", 11, False),
        ("Title", 24, True),
        ("Heading 1", 18, True),
        ("Heading 2", 14, True),
    ):
        style = document.styles[name]
        style.font.name = "Roboto"
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = RGBColor.from_string(TEXT)
    document.styles["Title"].font.color.rgb = RGBColor.from_string(BLUE)
    return document


def docx_footer(document, text: str) -> None:
    """Every page's footer: what the document is, and the page number (a Word field)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = f"{text} · page "
    page = OxmlElement("w:fldSimple")
    page.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    page.append(run)
    paragraph._p.append(page)


def docx_summary(document, rows):
    """A two-column table of key and value, the keys in bold."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(key).bold = True
        cells[1].text = value
    return table


def docx_table(document, headers, rows, *, numeric_from: int = 1):
    """A table with a header row (repeated on each page) and the columns from
    ``numeric_from`` on aligned right, as figures are."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for index, text in enumerate(headers):
        header.cells[index].paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for index, value in enumerate(row):
            cells[index].text = str(value)
            if index >= numeric_from:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table
