"""Meetings: the standard agenda, paper numbering (unique per body and year, never
reused, safe under simultaneous submissions), attachment checks by content and size,
attendance and its rates, decisions partners must take, and minutes that freeze once
approved. Everything is made through the services, for the bodies of a fictional
partnership of the tests' own."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from placeplan.meetings import selectors, services
from placeplan.meetings.calendar import meetings_calendar
from placeplan.meetings.models import (
    Attendance,
    Meeting,
    Paper,
    PaperCounter,
)
from placeplan.partnerships.models import Body, OrganisationKind
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PersonFactory,
    user_with_role,
)
from tests.files import real_docx, real_pdf, real_xlsx

D = datetime.date


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def officer(partnership):
    """The partnership's support officer: sees every body's confidential business and
    names."""
    return user_with_role("support_officer", council_code=partnership.council_area.code)


@pytest.fixture
def safer(partnership):
    return BodyFactory(
        partnership=partnership,
        name="Safer Fictional Glen",
        kind=Body.Kind.THEMATIC,
        level=Body.Level.OPERATIONAL,
    )


def partner(partnership, name, kind):
    return PartnerFactory(
        partnership=partnership, organisation=OrganisationFactory(name=name, kind=kind)
    )


def new_meeting(body, when=None, status=None, **fields):
    """A meeting (by default held if it is in the past, scheduled if not)."""
    when = when or at(2030, 3, 5)
    if status is None:
        status = Meeting.Status.HELD if when <= timezone.now() else Meeting.Status.SCHEDULED
    return services.meeting_save(
        meeting=Meeting(
            body=body,
            starts_at=when,
            status=status,
            **{"place": "Fictional Hall", **fields},
        )
    )


def paper(meeting, title="A fictional paper", **fields):
    return services.paper_add(
        meeting=meeting,
        title=title,
        author="A fictional officer",
        purpose="To inform.",
        **fields,
    )


pytestmark = pytest.mark.django_db


def test_a_new_meeting_gets_the_standard_agenda(cog):
    meeting = new_meeting(cog, status=Meeting.Status.SCHEDULED)
    assert [(i.number, i.title, i.is_standard) for i in meeting.items.all()] == [
        (1, "Apologies", True),
        (2, "Declarations of interest", True),
        (3, "Minutes of the last meeting", True),
        (4, "Matters arising", True),
    ]
    item = services.agenda_item_add(meeting=meeting, title="  Performance  ")
    assert (item.number, item.title) == (5, "Performance")
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=meeting, title="   ")


def test_a_meeting_in_the_future_cannot_be_marked_held(cog):
    with pytest.raises(ValidationError) as refused:
        new_meeting(
            cog, when=timezone.now() + datetime.timedelta(days=1), status=Meeting.Status.HELD
        )
    assert list(refused.value.message_dict) == ["status"]


# -- paper numbers ------------------------------------------------------------------------


def test_papers_are_numbered_per_body_and_year(cog, safer):
    spring = new_meeting(cog, when=at(2030, 3, 5))
    autumn = new_meeting(cog, when=at(2030, 9, 5))
    next_year = new_meeting(cog, when=at(2031, 2, 5))
    safer_meeting = new_meeting(safer, when=at(2030, 3, 6))
    numbers = [
        paper(spring).number,
        paper(spring).number,
        paper(autumn).number,
        paper(next_year).number,
        paper(safer_meeting).number,
    ]
    # Safer Fictional Glen has no short name: its code is its initials.
    assert numbers == ["COG/1/30", "COG/2/30", "COG/3/30", "COG/1/31", "SFG/1/30"]


def test_a_paper_number_is_never_reused(cog):
    meeting = new_meeting(cog)
    first = paper(meeting)
    Paper.objects.filter(pk=first.pk).delete()  # withdrawn
    assert paper(meeting).number == "COG/2/30"


def test_the_database_refuses_a_second_paper_with_the_same_number(cog):
    meeting = new_meeting(cog)
    first = paper(meeting)
    duplicate = Paper(
        meeting=meeting,
        body=cog,
        year=first.year,
        sequence=first.sequence,
        number=first.number,
        title="Copy",
        author="x",
        purpose="x",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


# -- attachments ----------------------------------------------------------------------------


def _office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (real_pdf(), services.PDF),
        (real_docx(), services.WORD),
        (real_xlsx(), services.EXCEL),
    ],
    ids=["pdf", "docx", "xlsx"],  # the files' bytes carry the time they were made
)
def test_attachments_are_judged_by_content(cog, content, kind):
    meeting = new_meeting(cog)
    saved = paper(meeting, upload=SimpleUploadedFile("anything.bin", content))
    assert saved.attachment_type == kind
    assert saved.attachment.read() == content


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><script>alert(1)</script>",  # a web page renamed .pdf
        b"PK\x03\x04not really a zip",
        _office("ppt"),  # an Office file, but not Word or Excel
        b"",
    ],
    ids=["html", "broken zip", "pptx", "empty"],
)
def test_other_attachments_are_refused_and_nothing_is_saved(cog, content):
    meeting = new_meeting(cog)
    with pytest.raises(ValidationError) as refused:
        paper(meeting, upload=SimpleUploadedFile("paper.pdf", content))
    assert refused.value.message_dict == {
        "attachment": ["The attachment must be a PDF, Word (.docx) or Excel (.xlsx) file."]
    }
    assert not Paper.objects.filter(meeting=meeting).exists()
    assert not PaperCounter.objects.filter(body=cog, year=2030).exists()


@pytest.mark.parametrize(
    ("content", "label"),
    [
        (b"%PDF-1.7\n%fictional, not really a PDF", "PDF"),
        (_office("word"), "Word"),  # a zip that names Word's parts but holds none
        (_office("xl"), "Excel"),
        (real_pdf()[:200], "PDF"),  # cut short in the upload
    ],
    ids=["fake pdf", "fake docx", "fake xlsx", "truncated pdf"],
)
def test_a_file_that_does_not_open_as_what_it_claims_is_refused(cog, content, label):
    meeting = new_meeting(cog)
    with pytest.raises(ValidationError) as refused:
        paper(meeting, upload=SimpleUploadedFile("paper.bin", content))
    [message] = refused.value.message_dict["attachment"]
    assert message.startswith(f"The attachment looks like a {label} file but cannot be opened")
    assert not meeting.papers.exists()


def test_an_oversized_attachment_is_refused(cog, settings):
    settings.PAPER_MAX_BYTES = 2 * 1024 * 1024
    meeting = new_meeting(cog)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        paper(meeting, upload=big)
    assert refused.value.message_dict == {
        "attachment": ["The attachment must be smaller than 2 MB."]
    }


def test_an_oversized_request_is_refused_before_its_body_is_read(
    client, settings, officer, cog, partnership
):
    """The limit is checked on the declared Content-Length: the body is never read (the
    request below declares 60 MB but sends almost nothing, and reading it would fail)."""
    settings.PAPER_MAX_BYTES = 1024 * 1024
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(officer)
    meeting = new_meeting(cog)
    url = f"/workspace/{partnership.council_area.code}/meetings/{meeting.pk}/papers/add/"
    response = client.generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Placeplan accepts uploads of up to 1 MB. Nothing was saved." in page
    assert not meeting.papers.exists()
    # Within the limit the same page answers as usual.
    assert client.get(url).status_code == 200


def test_public_papers_are_published_and_not_confidential(cog, officer):
    meeting = new_meeting(cog)
    secret_item = services.agenda_item_add(meeting=meeting, title="Budgets", is_confidential=True)
    draft = paper(meeting)
    published = services.paper_publish(paper=paper(meeting))
    confidential = services.paper_publish(paper=paper(meeting, is_confidential=True))
    under_secret = services.paper_publish(paper=paper(meeting, agenda_item=secret_item))
    view = selectors.meeting_view(
        meeting=selectors.meeting_get(partnership=cog.partnership, pk=meeting.pk), user=None
    )
    assert [p.pk for p in view.papers] == [published.pk]
    assert secret_item not in view.items and view.withheld == 1
    members = selectors.meeting_view(
        meeting=selectors.meeting_get(partnership=cog.partnership, pk=meeting.pk), user=officer
    )
    assert {p.pk for p in members.papers} == {
        draft.pk,
        published.pk,
        confidential.pk,
        under_secret.pk,
    }


# -- attendance, decisions, minutes ---------------------------------------------------------


FICTIONAL_NAMES = ("Fictional Ann", "Fictional Bob", "Fictional Cat")


def _people(body, count):
    """``count`` new members of the body (Ann, Bob and Cat, in that order)."""
    people = [
        PersonFactory(partnership=body.partnership, name=name) for name in FICTIONAL_NAMES[:count]
    ]
    for person in people:
        MembershipFactory(body=body, person=person)
    return people


def test_attendance_rates_per_member_and_partner(cog, partnership, officer):
    council = partner(partnership, "Fictional Glen Council", OrganisationKind.COUNCIL)
    nhs = partner(partnership, "Fictional Glen Health Board", OrganisationKind.HEALTH_BOARD)
    ann, bob, cat = _people(cog, 3)
    first = new_meeting(cog, when=at(2026, 1, 10))
    second = new_meeting(cog, when=at(2026, 4, 10))
    cancelled = new_meeting(cog, when=at(2026, 6, 10), status=Meeting.Status.SCHEDULED)
    P, A, X, IA = (
        Attendance.Status.PRESENT,
        Attendance.Status.APOLOGIES,
        Attendance.Status.ABSENT,
        Attendance.Status.IN_ATTENDANCE,
    )
    services.attendance_record(
        meeting=first, entries=[(ann, council, P), (bob, council, A), (cat, nhs, IA)]
    )
    services.attendance_record(
        meeting=second, entries=[(ann, council, P), (bob, council, P), (cat, nhs, X)]
    )
    cancelled.status = Meeting.Status.CANCELLED
    services.meeting_save(meeting=cancelled)
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=cancelled, entries=[(ann, council, P)])
    people, partners = selectors.attendance_rates(
        body=cog, start=D(2026, 1, 1), end=D(2026, 12, 31), user=officer
    )
    by_person = {r.name: (r.expected, r.present, r.rate) for r in people}
    assert by_person[ann.name] == (2, 2, 1.0)
    assert by_person[bob.name] == (2, 1, 0.5)
    assert by_person[cat.name] == (2, 1, 0.5)  # in attendance counts as present
    by_partner = {r.name: (r.expected, r.present) for r in partners}
    assert by_partner == {"Fictional Glen Health Board": (2, 1), "Fictional Glen Council": (4, 3)}
    # Only meetings in the period count.
    people, _ = selectors.attendance_rates(
        body=cog, start=D(2026, 3, 1), end=D(2026, 12, 31), user=officer
    )
    assert {r.name: r.expected for r in people}[ann.name] == 1


def test_recording_attendance_again_replaces_it(cog):
    ann, bob = _people(cog, 2)
    meeting = new_meeting(cog, when=at(2026, 1, 10))
    services.attendance_record(
        meeting=meeting, entries=[(ann, None, "present"), (bob, None, "absent")]
    )
    services.attendance_record(meeting=meeting, entries=[(ann, None, "apologies")])
    assert [(a.person, a.status) for a in meeting.attendance.all()] == [(ann, "apologies")]


def test_attendance_is_not_recorded_before_a_meeting(cog):
    meeting = new_meeting(
        cog, when=timezone.now() + datetime.timedelta(days=3), status=Meeting.Status.SCHEDULED
    )
    with pytest.raises(ValidationError, match="once the meeting has started"):
        services.attendance_record(meeting=meeting, entries=[])


def test_decisions_partners_must_take_are_tracked_until_recorded(cog, partnership, officer):
    meeting = new_meeting(cog, when=at(2026, 5, 5))
    item = services.agenda_item_add(meeting=meeting, title="Joint resourcing")
    nhs = partner(partnership, "Fictional Glen Health Board", OrganisationKind.HEALTH_BOARD)
    police = partner(partnership, "Fictional Constabulary", OrganisationKind.POLICE)
    elsewhere = PartnerFactory()  # a partner of another (fictional) partnership
    with pytest.raises(ValidationError):
        services.decision_add(
            meeting=meeting, agenda_item=item, text="Agreed.", partners=[elsewhere]
        )
    decision = services.decision_add(
        meeting=meeting, agenda_item=item, text=" Agreed. ", partners=[nhs, police]
    )
    assert decision.text == "Agreed."
    pending = selectors.partner_decisions_pending(partnership=partnership, user=officer)
    ours = [p for p in pending if p.decision_id == decision.pk]
    assert [p.partner for p in ours] == [nhs, police]
    with pytest.raises(ValidationError) as refused:
        services.partner_decision_record(
            item=ours[0], where="Fictional Health Board", on=D(2026, 5, 1)
        )
    assert list(refused.value.message_dict) == ["on"]  # before the meeting
    services.partner_decision_record(item=ours[0], where="Fictional Health Board", on=D(2026, 6, 1))
    still = [
        p
        for p in selectors.partner_decisions_pending(partnership=partnership, user=officer)
        if p.decision_id == decision.pk
    ]
    assert [p.partner for p in still] == [police]


def test_minutes_are_drafted_approved_at_a_later_meeting_and_frozen(cog, safer):
    meeting = new_meeting(cog, when=at(2026, 5, 5))
    item = services.agenda_item_add(meeting=meeting, title="Joint resourcing")
    services.decision_add(meeting=meeting, agenda_item=item, text="Agreed the proposal.")
    outline, _ = services.minutes_outline(
        selectors.meeting_get(partnership=cog.partnership, pk=meeting.pk)
    )
    assert "5. Joint resourcing\n   Decision: Agreed the proposal." in outline
    with pytest.raises(ValidationError, match="Draft the minutes"):
        services.minutes_approve(meeting=meeting, at=new_meeting(cog, when=at(2026, 8, 5)))
    services.minutes_save(meeting=meeting, text=outline)
    earlier = new_meeting(cog, when=at(2026, 4, 5))
    other_body = new_meeting(safer, when=at(2026, 9, 5))
    not_held = new_meeting(
        cog, when=timezone.now() + datetime.timedelta(days=9), status=Meeting.Status.SCHEDULED
    )
    for wrong in (earlier, other_body, not_held):
        with pytest.raises(ValidationError):
            services.minutes_approve(meeting=meeting, at=wrong)
    later = Meeting.objects.filter(body=cog, starts_at=at(2026, 8, 5)).get()
    services.minutes_approve(meeting=meeting, at=later)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.minutes_frozen and stored.minutes_approved_at == later
    with pytest.raises(ValidationError, match="approved and can no longer change"):
        services.minutes_save(meeting=stored, text="Rewritten history.")
    assert Meeting.objects.get(pk=meeting.pk).minutes == outline.strip() + "\n"


def test_the_minutes_outline_names_who_was_there(cog):
    ann, bob, cat = _people(cog, 3)
    meeting = new_meeting(cog, when=at(2026, 5, 5))
    services.attendance_record(
        meeting=meeting,
        entries=[(ann, None, "present"), (bob, None, "in_attendance"), (cat, None, "apologies")],
    )
    outline, _ = services.minutes_outline(
        selectors.meeting_get(partnership=cog.partnership, pk=meeting.pk)
    )
    assert outline.startswith(
        f"Present: {ann.name}\nIn attendance: {bob.name}\nApologies: {cat.name}\n"
    )


def test_minutes_are_public_only_once_approved(cog):
    meeting = new_meeting(cog, when=at(2026, 5, 5))
    services.minutes_save(meeting=meeting, text="Draft minutes.")
    fetch = lambda: selectors.meeting_get(partnership=cog.partnership, pk=meeting.pk)  # noqa: E731
    assert selectors.meeting_view(meeting=fetch(), user=None).minutes == ""
    services.minutes_approve(meeting=meeting, at=new_meeting(cog, when=at(2026, 8, 5)))
    assert selectors.meeting_view(meeting=fetch(), user=None).minutes == "Draft minutes.\n"


def test_the_calendar_lists_meetings_as_icalendar(cog):
    meeting = new_meeting(cog, when=at(2026, 5, 5, 14), place="Room 1; Inverness, Highland")
    text = meetings_calendar(
        meetings=[meeting],
        name="Fictional meetings",
        host="example.org",
        url_for=lambda m: f"https://example.org/m/{m.pk}/",
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert f"UID:meeting-{meeting.pk}@example.org" in lines
    assert "DTSTART:20260505T130000Z" in lines  # 14:00 British Summer Time
    assert "DTEND:20260505T150000Z" in lines
    assert "LOCATION:Room 1\\; Inverness\\, Highland" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
