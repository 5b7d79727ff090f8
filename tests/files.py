"""Small real files for upload tests: each opens as the format it claims."""

import io


def real_pdf(pages: int = 1) -> bytes:
    """A valid PDF of ``pages`` blank pages (pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def real_docx(text: str = "A fictional paper") -> bytes:
    """A valid Word document saying ``text`` (python-docx)."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def real_xlsx() -> bytes:
    """A valid Excel workbook with one cell (openpyxl)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "A fictional figure"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
