"""The agenda pack: agenda, papers (a paper's own PDF after its cover sheet) and the
exception report, as PDF and Word, holding only what the reader may see."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from pypdf import PdfReader

from placeplan.accounts.models import User
from placeplan.demo.services import demo_email
from placeplan.meetings import exceptions, pack, services
from placeplan.meetings.models import Meeting
from placeplan.partnerships.models import Body

pytestmark = pytest.mark.django_db

HL = "S12000017"


@pytest.fixture
def cog():
    return Body.objects.get(partnership__council_area__code=HL, name="Chief Officers Group")


@pytest.fixture
def upcoming(cog):
    return Meeting.objects.get(body=cog, is_demo=True, status=Meeting.Status.SCHEDULED)


def signed_in(role):
    client = Client()
    client.force_login(User.objects.get(email=demo_email("highland", role)))
    return client


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    ]


def docx_text(response) -> str:
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def a_pdf(text: str, pages: int = 1) -> bytes:
    """A real PDF of ``pages`` pages, each saying ``text`` and its number."""
    from weasyprint import HTML

    body = "".join(
        f'<p style="page-break-after: always">{text}, page {n}</p>' for n in range(1, pages + 1)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def test_the_public_pack_withholds_confidential_business_and_unissued_reports(upcoming):
    pages = pdf_pages(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.pdf"))
    text = " ".join(pages)
    assert "Agenda pack: Chief Officers Group" in text
    assert "Safer Highland: the rise in crime" in text
    assert "1 confidential item is not shown." in text
    assert "budget" not in text.lower()
    assert "Exception report" not in text  # none issued and published
    word = docx_text(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.docx"))
    assert "Safer Highland: the rise in crime" in word and "budget" not in word.lower()


def test_the_staff_pack_holds_drafts_for_members_and_the_live_report(upcoming):
    text = " ".join(
        pdf_pages(
            signed_in("support_officer").get(f"/workspace/{HL}/meetings/{upcoming.pk}/pack.pdf")
        )
    )
    assert "Partners' budget proposals for 2027/28" in text  # confidential, draft
    assert "Not yet issued" in text and "Exception report" in text
    lines = exceptions.exception_report(
        partnership=upcoming.body.partnership, on=datetime.date.today()
    )
    assert f"{len(lines)} items" in text
    # A board member of Highland may not see the Chief Officers Group's drafts.
    board = " ".join(
        pdf_pages(signed_in("board_member").get(f"/workspace/{HL}/meetings/{upcoming.pk}/pack.pdf"))
    )
    assert "Safer Highland: the rise in crime" in board
    assert "Partners' budget proposals for 2027/28 (demonstration)" not in board


def test_a_papers_own_pdf_follows_its_cover_sheet(cog, upcoming):
    item = upcoming.items.get(title="Safer Highland: the rise in crime")
    first = services.paper_publish(
        paper=services.paper_add(
            meeting=upcoming,
            agenda_item=item,
            title="Crime figures for Safer Highland",
            author="Fictional analyst, demonstration",
            purpose="To show the rise in crime.",
            upload=SimpleUploadedFile("crime.pdf", a_pdf("Fictional crime appendix", pages=2)),
        )
    )
    pages = pdf_pages(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.pdf"))
    cover = next(i for i, page in enumerate(pages) if f"Paper {first.number} " in page[:200])
    assert "The paper (PDF) follows this sheet." in pages[cover]
    assert "Fictional crime appendix, page 1" in pages[cover + 1]
    assert "Fictional crime appendix, page 2" in pages[cover + 2]
    # The page count includes the paper's own pages.
    assert len(pages) == cover + 3
    assert f"Page {cover + 1} of {len(pages)}" in pages[cover]
    # The Word pack cannot hold a PDF: it says where the paper is.
    word = docx_text(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.docx"))
    assert "The paper is a PDF file: download it from the meeting's page." in word


def test_an_unreadable_pdf_does_not_stop_the_pack(upcoming):
    """A PDF is parsed before it is accepted, but a stored file can still be damaged
    later (a disk, a restore): the pack names it instead of failing."""
    broken = services.paper_publish(
        paper=services.paper_add(
            meeting=upcoming,
            title="A damaged paper",
            author="Fictional author, demonstration",
            purpose="To test.",
            upload=SimpleUploadedFile("broken.pdf", a_pdf("Soon damaged")),
        )
    )
    with broken.attachment.open("wb") as stored:
        stored.write(b"%PDF-1.7\nnot really a PDF")
    text = " ".join(pdf_pages(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.pdf")))
    assert f"Paper {broken.number}" in text
    assert "The paper is a PDF file: download it from the meeting's page." in text


def test_the_issued_report_is_the_one_in_the_pack(upcoming):
    paper = exceptions.exception_report_issue(meeting=upcoming, today=datetime.date.today())
    # What the meeting saw is frozen: later data must not change the pack.
    paper.report = {
        "as_of": "2026-11-02",
        "lines": [{"section": "Actions overdue", "text": "A frozen line", "url": "/workspace/"}],
    }
    paper.save()
    staff = signed_in("support_officer")
    text = " ".join(pdf_pages(staff.get(f"/workspace/{HL}/meetings/{upcoming.pk}/pack.pdf")))
    assert f"Paper {paper.number}" in text and "A frozen line" in text
    assert "data on 2 November 2026: 1 item. As issued" in text
    assert "Not yet issued" not in text
    public = " ".join(pdf_pages(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.pdf")))
    assert "A frozen line" not in public  # a draft until published
    services.paper_publish(paper=paper)
    public = " ".join(pdf_pages(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.pdf")))
    assert "A frozen line" in public
    word = docx_text(Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.docx"))
    assert f"Exception report (paper {paper.number})" in word and "A frozen line" in word


def test_the_pack_is_a_named_download_and_other_formats_do_not_exist(upcoming):
    response = Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.docx")
    day = upcoming.starts_at.date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="COG-{day}-agenda-pack.docx"'
    assert Document(io.BytesIO(response.content)).core_properties.title.startswith("Agenda pack")
    assert Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.html").status_code == 404
    assert Client().get(f"/areas/{HL}/meetings/999999/pack.pdf").status_code == 404


def test_the_pack_fetches_nothing_but_its_fonts():
    fetcher = pack._url_fetcher({"file:///fonts/roboto.woff"})
    for url in ("file:///etc/passwd", "http://127.0.0.1:5432/", "https://example.org/x.css"):
        with pytest.raises(ValueError, match="Not fetched for an agenda pack"):
            fetcher.fetch(url)


def test_the_pack_is_set_in_the_design_systems_typeface(upcoming):
    response = Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.pdf")
    fonts = set()
    for page in PdfReader(io.BytesIO(response.content)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Roboto" in name for name in fonts)


def test_the_word_pack_numbers_its_agenda_and_pages(upcoming):
    response = Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/pack.docx")
    document = Document(io.BytesIO(response.content))
    agenda = [p.text for p in document.paragraphs if p.text[:2] in ("1.", "5.")]
    assert agenda == ["1. Apologies", "5. Safer Highland: the rise in crime"]
    assert all(p.style.name == "Normal" for p in document.paragraphs if p.text in agenda)
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text.startswith("Chief Officers Group, ")
    assert 'w:instr="PAGE"' in footer._element.xml
