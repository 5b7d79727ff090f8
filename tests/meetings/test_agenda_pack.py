"""The agenda pack: agenda, papers (a paper's own PDF after its cover sheet) and the
exception report, as PDF and Word, holding only what the reader may see."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.core import documents
from placeplan.core.models import StoredFile
from placeplan.meetings import exceptions, services
from placeplan.meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    ImprovementActionFactory,
    MeetingFactory,
    MembershipFactory,
    PaperFactory,
    PersonFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

CRIME_ITEM = "Fictional Glen: the rise in crime"
BUDGET_PAPER = "Partners' budget proposals for 2027/28 (fictional)"


@pytest.fixture
def upcoming(cog):
    """The group's next meeting, in 57 days: a public item (item 5, after the four
    standard ones), and a confidential item with a confidential draft paper."""
    today = timezone.localdate()
    meeting = MeetingFactory(
        body=cog,
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=57), datetime.time(10))
        ),
        status=Meeting.Status.SCHEDULED,
    )
    AgendaItemFactory(meeting=meeting, title=CRIME_ITEM)
    budgets = AgendaItemFactory(
        meeting=meeting, title="Partners' budget proposals for 2027/28", is_confidential=True
    )
    PaperFactory(
        meeting=meeting,
        agenda_item=budgets,
        title=BUDGET_PAPER,
        purpose="To share partners' draft budget proposals before they are public.",
        is_confidential=True,
    )
    return meeting


def signed_in(role, code):
    client = Client()
    client.force_login(user_with_role(role, council_code=code))
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


def test_the_public_pack_withholds_confidential_business_and_unissued_reports(code, upcoming):
    pages = pdf_pages(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.pdf"))
    text = " ".join(pages)
    assert "Agenda pack: Fictional Chief Officers Group" in text
    assert CRIME_ITEM in text
    assert "1 confidential item is not shown." in text
    assert "budget" not in text.lower()
    assert "Exception report" not in text  # none issued and published
    word = docx_text(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.docx"))
    assert CRIME_ITEM in word and "budget" not in word.lower()


def test_the_staff_pack_holds_drafts_for_members_and_the_live_report(
    partnership, code, cog, upcoming
):
    # Something for the live report: an overdue action and a challenge whose answer is
    # overdue.
    today = datetime.date.today()
    action = ImprovementActionFactory(
        partnership=partnership,
        title="Fictional overdue action",
        responsible_body=cog,
        due=today - datetime.timedelta(days=5),
    )
    challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=partnership,
            question="Fictional: where is the answer?",
            raised_by_body=cog,
            raised_on=today - datetime.timedelta(days=40),
            to_partner=action.accountable_partner,
            answer_due=today - datetime.timedelta(days=12),
        )
    )
    staff = signed_in("support_officer", code)
    text = " ".join(pdf_pages(staff.get(f"/workspace/{code}/meetings/{upcoming.pk}/pack.pdf")))
    assert "Partners' budget proposals for 2027/28" in text  # confidential, draft
    assert "Draft — not yet issued" in text and "Exception report" in text
    lines = exceptions.exception_report(partnership=partnership, on=today)
    assert {line.section for line in lines} >= {
        "Actions overdue",
        "Challenges with an overdue answer",
    }
    assert f"{len(lines)} items" in text
    # A board member of the partnership may not see the Chief Officers Group's drafts.
    board_member = signed_in("board_member", code)
    board = " ".join(
        pdf_pages(board_member.get(f"/workspace/{code}/meetings/{upcoming.pk}/pack.pdf"))
    )
    assert CRIME_ITEM in board
    assert BUDGET_PAPER not in board
    # ... nor its exception report before it is issued and published: a draft too.
    assert "Exception report" not in board


def test_the_bodys_members_read_its_report_before_it_is_issued_marked_as_a_draft(
    partnership, code, cog, upcoming
):
    """The draft report is the body's business: its members read it (page and pack),
    marked as a draft; only those who run its meetings issue it; others in the
    partnership, and the public, see it once issued and published."""
    member = user_with_role("board_member", council_code=code)
    MembershipFactory(body=cog, person=PersonFactory(partnership=partnership, user=member))
    reader = Client()
    reader.force_login(member)
    url = f"/workspace/{code}/meetings/{upcoming.pk}/exception-report/"

    page = reader.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Draft — not yet issued" in html
    assert "Issue it to the meeting's papers" not in html  # reading, not issuing
    assert reader.post(url).status_code == 403
    assert not upcoming.papers.filter(report__isnull=False).exists()
    assert url in reader.get(f"/workspace/{code}/meetings/{upcoming.pk}/").content.decode()
    text = " ".join(pdf_pages(reader.get(f"/workspace/{code}/meetings/{upcoming.pk}/pack.pdf")))
    assert "Exception report" in text and "Draft — not yet issued" in text
    word = docx_text(reader.get(f"/workspace/{code}/meetings/{upcoming.pk}/pack.docx"))
    assert "Exception report (Draft — not yet issued)" in word

    # A board member of the partnership without a seat on the group: not theirs.
    outsider = signed_in("board_member", code)
    assert outsider.get(url).status_code == 403
    meeting_page = outsider.get(f"/workspace/{code}/meetings/{upcoming.pk}/").content.decode()
    assert url not in meeting_page

    # Once issued, the page says so and the draft mark goes.
    paper = exceptions.exception_report_issue(meeting=upcoming, today=datetime.date.today())
    html = reader.get(url).content.decode()
    assert f"Issued already</strong> as paper {paper.number}" in html
    assert "Draft — not yet issued" not in html


def test_a_papers_own_pdf_follows_its_cover_sheet(code, upcoming):
    item = upcoming.items.get(title=CRIME_ITEM)
    first = services.paper_publish(
        paper=services.paper_add(
            meeting=upcoming,
            agenda_item=item,
            title="Crime figures for Fictional Glen",
            author="Fictional analyst",
            purpose="To show the rise in crime.",
            upload=SimpleUploadedFile("crime.pdf", a_pdf("Fictional crime appendix", pages=2)),
        )
    )
    pages = pdf_pages(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.pdf"))
    cover = next(i for i, page in enumerate(pages) if f"Paper {first.number} " in page[:200])
    assert "The paper (PDF) follows this sheet." in pages[cover]
    assert "Fictional crime appendix, page 1" in pages[cover + 1]
    assert "Fictional crime appendix, page 2" in pages[cover + 2]
    # The page count includes the paper's own pages.
    assert len(pages) == cover + 3
    assert f"Page {cover + 1} of {len(pages)}" in pages[cover]
    # The Word pack cannot hold a PDF: it says where the paper is.
    word = docx_text(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.docx"))
    assert "The paper is a PDF file: download it from the meeting's page." in word


def test_an_unreadable_pdf_does_not_stop_the_pack(code, upcoming):
    """A PDF is parsed before it is accepted, but a stored file can still be damaged
    later (a disk, a restore): the pack names it instead of failing."""
    broken = services.paper_publish(
        paper=services.paper_add(
            meeting=upcoming,
            title="A damaged paper",
            author="Fictional author",
            purpose="To test.",
            upload=SimpleUploadedFile("broken.pdf", a_pdf("Soon damaged")),
        )
    )
    StoredFile.objects.filter(name=broken.attachment.name).update(
        content=b"%PDF-1.7\nnot really a PDF"
    )
    text = " ".join(pdf_pages(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.pdf")))
    assert f"Paper {broken.number}" in text
    assert "The paper is a PDF file: download it from the meeting's page." in text


def test_the_issued_report_is_the_one_in_the_pack(code, upcoming):
    paper = exceptions.exception_report_issue(meeting=upcoming, today=datetime.date.today())
    # What the meeting saw is frozen: later data must not change the pack.
    paper.report = {
        "as_of": "2026-11-02",
        "lines": [{"section": "Actions overdue", "text": "A frozen line", "url": "/workspace/"}],
    }
    paper.save()
    staff = signed_in("support_officer", code)
    text = " ".join(pdf_pages(staff.get(f"/workspace/{code}/meetings/{upcoming.pk}/pack.pdf")))
    assert f"Paper {paper.number}" in text and "A frozen line" in text
    assert "data on 2 November 2026: 1 item. As issued" in text
    assert "Not yet issued" not in text
    public = " ".join(pdf_pages(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.pdf")))
    assert "A frozen line" not in public  # a draft until published
    services.paper_publish(paper=paper)
    public = " ".join(pdf_pages(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.pdf")))
    assert "A frozen line" in public
    word = docx_text(Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.docx"))
    assert f"Exception report (paper {paper.number})" in word and "A frozen line" in word


def test_the_pack_is_a_named_download_and_other_formats_do_not_exist(code, upcoming):
    response = Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.docx")
    day = upcoming.starts_at.date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="COG-{day}-agenda-pack.docx"'
    assert Document(io.BytesIO(response.content)).core_properties.title.startswith("Agenda pack")
    assert Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.html").status_code == 404
    assert Client().get(f"/areas/{code}/meetings/999999/pack.pdf").status_code == 404


def test_the_pack_fetches_nothing_but_its_fonts():
    fetcher = documents.fonts_only_fetcher({"file:///fonts/roboto.woff"})
    for url in ("file:///etc/passwd", "http://127.0.0.1:5432/", "https://example.org/x.css"):
        with pytest.raises(ValueError, match="Not fetched for a document"):
            fetcher.fetch(url)


def test_the_pack_is_set_in_the_design_systems_typeface(code, upcoming):
    response = Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.pdf")
    fonts = set()
    for page in PdfReader(io.BytesIO(response.content)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Roboto" in name for name in fonts)


def test_the_word_pack_numbers_its_agenda_and_pages(code, upcoming):
    response = Client().get(f"/areas/{code}/meetings/{upcoming.pk}/pack.docx")
    document = Document(io.BytesIO(response.content))
    agenda = [p.text for p in document.paragraphs if p.text[:2] in ("1.", "5.")]
    assert agenda == ["1. Apologies", f"5. {CRIME_ITEM}"]
    assert all(p.style.name == "Normal" for p in document.paragraphs if p.text in agenda)
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text.startswith("Fictional Chief Officers Group, ")
    assert 'w:instr="PAGE"' in footer._element.xml
