"""The agenda pack of a meeting: its agenda, each paper's cover sheet (with the paper's
own PDF after it, where it has one) and the exception report, as one PDF or Word file in
the Scottish Government Design System's look.

What goes in is what the reader may see of the meeting (``selectors.meeting_view``): for
anyone outside the body only non-confidential items and published, non-confidential
papers. The exception report is the one issued into the
meeting's papers when it is among them; until then the body's members (those who see its
drafts, ``selectors.sees_confidential``) see the live report, marked as a draft not yet
issued. Anyone else, and the public, see a report only once it is issued and published.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from placeplan.core.documents import FORMATS as FILE_FORMATS
from placeplan.core.documents import (
    docx_footer,
    docx_styled,
    docx_summary,
    font_urls,
    html_document,
)
from placeplan.meetings import exceptions, selectors, services
from placeplan.meetings.models import AgendaItem, Meeting, Paper

logger = logging.getLogger(__name__)

# How a report not yet issued is marked wherever it is shown (page, pack).
DRAFT_LABEL = "Draft — not yet issued"

FORMATS = {name: FILE_FORMATS[name] for name in ("pdf", "docx")}


@dataclass
class PackItem:
    item: AgendaItem
    papers: list[Paper]


@dataclass
class PackReport:
    """The exception report in the pack: issued (frozen in a paper) or, for staff, live."""

    as_of: datetime.date
    sections: list[tuple[str, list[exceptions.Line]]]
    paper: Paper | None

    @property
    def count(self) -> int:
        return sum(len(lines) for _, lines in self.sections)


@dataclass
class AgendaPack:
    meeting: Meeting
    public: bool
    made_on: datetime.date
    items: list[PackItem]
    unlinked: list[Paper]
    report: PackReport | None
    withheld: int

    @property
    def papers(self) -> list[Paper]:
        return [paper for entry in self.items for paper in entry.papers] + self.unlinked

    @property
    def meeting_day(self) -> datetime.date:
        return timezone.localtime(self.meeting.starts_at).date()

    @property
    def filename(self) -> str:
        return (
            f"{services.paper_prefix(self.meeting.body)}-{self.meeting_day.isoformat()}-agenda-pack"
        )

    @property
    def report_lead(self) -> str:
        """What the exception report is: its date, its count, and whether it was issued."""
        report = self.report
        count = report.count
        verb = "needs" if report.paper is None else "needed"
        lead = (
            f"What {verb} {self.meeting.body.name}'s attention, from the partnership's data "
            f"on {report.as_of:%-d %B %Y}: {count} item{'s' if count != 1 else ''}."
        )
        if report.paper is None:
            return lead + (
                f" {DRAFT_LABEL}: this is the report as it stands today, for "
                f"{self.meeting.body.name}'s members, not a paper."
            )
        return lead + " As issued: frozen into the meeting's papers."


def _frozen_sections(report: dict) -> list[tuple[str, list[exceptions.Line]]]:
    lines = [exceptions.Line(**line) for line in report.get("lines", [])]
    return exceptions.sections(lines)


def agenda_pack(*, meeting: Meeting, user, today: datetime.date) -> AgendaPack:
    """What the pack holds for a reader (``user`` None: the public): what
    ``selectors.meeting_view`` lets them see."""
    public = user is None
    view = selectors.meeting_view(meeting=meeting, user=user)
    by_item: dict[int, list[Paper]] = {}
    unlinked = []
    for paper in sorted(view.papers, key=lambda p: (p.year, p.sequence)):
        if paper.agenda_item_id and any(i.pk == paper.agenda_item_id for i in view.items):
            by_item.setdefault(paper.agenda_item_id, []).append(paper)
        else:
            unlinked.append(paper)
    issued = [paper for paper in view.papers if paper.report]
    if issued:
        paper = max(issued, key=lambda p: (p.year, p.sequence))
        report = PackReport(
            datetime.date.fromisoformat(paper.report["as_of"]),
            _frozen_sections(paper.report),
            paper,
        )
    elif not view.members:
        # Not yet issued (or issued but not published): a draft, for the body's members.
        report = None
    else:
        on = exceptions.report_date(meeting, today)
        lines = exceptions.exception_report(
            partnership=meeting.body.partnership, on=on, body=meeting.body
        )
        report = PackReport(on, exceptions.sections(lines), None)
    return AgendaPack(
        meeting=meeting,
        public=public,
        made_on=today,
        items=[PackItem(item, by_item.get(item.pk, [])) for item in view.items],
        unlinked=unlinked,
        report=report,
        withheld=view.withheld,
    )


# -- PDF ----------------------------------------------------------------------------------------


def _attached_pdf(paper: Paper):
    """The paper's own PDF, read, or None when it has none or it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if paper.attachment_type != "pdf" or not paper.attachment:
        return None
    try:
        with paper.attachment.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            _ = len(reader.pages)
            return reader
    except (OSError, PyPdfError, ValueError) as error:
        logger.warning("Paper %s: its PDF could not be added to the pack: %s", paper.number, error)
        return None


def _report_lines(pack: AgendaPack, link_for) -> list[tuple[str, list[tuple[str, str]]]]:
    """The report's sections as (text, link) lines: links to the evidence for staff; none
    for the public, whose pages the staff links are not."""
    if pack.report is None:
        return []
    return [
        (name, [(line.text, "" if pack.public else link_for(line.url)) for line in lines])
        for name, lines in pack.report.sections
    ]


def pack_pdf(pack: AgendaPack, *, link_for) -> bytes:
    """The pack as a PDF: rendered from HTML by WeasyPrint, with each paper's own PDF
    pages after its cover sheet. ``link_for(path)`` makes links absolute.

    The HTML holds one empty page for each page of a paper's own PDF, so that the page
    numbers count them; each empty page is then swapped for the paper's page."""
    from pypdf import PdfReader, PdfWriter

    attached = {paper.pk: _attached_pdf(paper) for paper in pack.papers}
    fonts = font_urls()
    sheets = [
        (
            paper,
            _paper_attachment_note(paper, included=attached[paper.pk] is not None),
            range(len(attached[paper.pk].pages)) if attached[paper.pk] else range(0),
        )
        for paper in pack.papers
    ]
    html = render_to_string(
        "meetings/pack.html",
        {
            "pack": pack,
            "fonts": fonts,
            "sheets": sheets,
            "report_sections": _report_lines(pack, link_for),
        },
    )
    document = html_document(html, fonts)
    # The empty pages, each marked "insert-<paper>-<page>".
    swaps: dict[int, tuple[int, int]] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("insert-"):
                _, paper_pk, number = anchor.split("-")
                swaps[index] = (int(paper_pk), int(number))
    rendered = PdfReader(io.BytesIO(document.write_pdf()))
    writer = PdfWriter()
    for index, page in enumerate(rendered.pages):
        if index in swaps:
            paper_pk, number = swaps[index]
            writer.add_page(attached[paper_pk].pages[number])
        else:
            writer.add_page(page)
    writer.add_metadata(
        {"/Title": f"Agenda pack: {pack.meeting.body.name}, {pack.meeting_day:%-d %B %Y}"}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# -- Word ---------------------------------------------------------------------------------------


def _paper_attachment_note(paper: Paper, *, included: bool) -> str:
    """Where the paper itself is: this sheet, the pages after it (``included``), or a
    download from the meeting's page."""
    if not paper.attachment:
        return "No attachment: this sheet is the paper."
    kind = services.ATTACHMENT_LABELS.get(paper.attachment_type, paper.attachment_type)
    if included:
        return f"The paper ({kind}) follows this sheet."
    return f"The paper is a {kind} file: download it from the meeting's page."


def pack_docx(pack: AgendaPack, *, link_for) -> bytes:
    """The pack as a Word document: agenda, paper cover sheets and exception report."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    meeting = pack.meeting
    document = docx_styled(Document())
    docx_footer(document, f"{meeting.body.name}, {pack.meeting_day:%-d %B %Y}: agenda pack")
    document.core_properties.title = f"Agenda pack: {meeting.body.name}"
    document.add_paragraph(meeting.body.partnership.name)
    document.add_paragraph(meeting.body.name, style="Title")
    if meeting.is_demo:
        document.add_paragraph().add_run("Demonstration content").bold = True
    docx_summary(
        document,
        [
            ("When", f"{timezone.localtime(meeting.starts_at):%A %-d %B %Y, %H:%M}"),
            ("Where", meeting.place),
            ("Status", meeting.get_status_display()),
            ("Pack made", f"{pack.made_on:%-d %B %Y}"),
        ],
    )
    document.add_heading("Agenda", level=1)
    if pack.withheld:
        document.add_paragraph(f"{pack.withheld} confidential item(s) not shown.")
    for entry in pack.items:
        # The agenda's own numbers, not Word's list numbering.
        line = document.add_paragraph()
        line.add_run(f"{entry.item.number}. {entry.item.title}")
        if entry.item.is_confidential:
            line.add_run(" (confidential: not for publication)").bold = True
        for paper in entry.papers:
            note = document.add_paragraph(f"Paper {paper.number}: {paper.title}")
            note.paragraph_format.left_indent = Cm(0.75)
    for paper in pack.papers:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(f"Paper {paper.number}: {paper.title}", level=1)
        rows = [("Author", paper.author), ("Purpose", paper.purpose)]
        if paper.recommendations:
            rows.append(("Recommendations", paper.recommendations))
        rows.append(("Status", paper.get_status_display()))
        if paper.is_confidential:
            rows.append(("Confidential", "Not for publication"))
        docx_summary(document, rows)
        document.add_paragraph(_paper_attachment_note(paper, included=False))
    if pack.report is not None:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _report_docx(document, pack, link_for)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _report_docx(document, pack: AgendaPack, link_for) -> None:
    report = pack.report
    title = "Exception report"
    if report.paper is not None:
        title += f" (paper {report.paper.number})"
    else:
        title += f" ({DRAFT_LABEL})"
    document.add_heading(title, level=1)
    document.add_paragraph(pack.report_lead)
    for name, lines in _report_lines(pack, link_for):
        document.add_heading(f"{name} ({len(lines)})", level=2)
        if not lines:
            document.add_paragraph("None.")
        for text, url in lines:
            document.add_paragraph(f"{text} ({url})" if url else text, style="List Bullet")


def pack_bytes(pack: AgendaPack, fmt: str, *, link_for) -> bytes:
    """The pack in ``fmt`` ("pdf" or "docx")."""
    maker = {"pdf": pack_pdf, "docx": pack_docx}[fmt]
    return maker(pack, link_for=link_for)
