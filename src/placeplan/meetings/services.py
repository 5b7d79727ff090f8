"""Writes to meetings: scheduling, the agenda, numbered papers with checked attachments,
attendance, decisions (and partners' own decisions), and minutes that freeze once the
next meeting approves them. Every write is checked, in one transaction, and audited."""

from __future__ import annotations

import datetime
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from placeplan.meetings.models import (
    STANDARD_ITEMS,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PaperCounter,
    PartnerDecision,
)
from placeplan.partnerships.selectors import person_names

# -- meetings and the agenda -------------------------------------------------------------


@transaction.atomic
def meeting_save(*, meeting: Meeting) -> Meeting:
    """Schedule a meeting (a new one gets the standard agenda items: apologies,
    declarations of interest, minutes of the last meeting, matters arising) or change
    one. A meeting cannot be marked held before it starts."""
    if meeting.status == Meeting.Status.HELD and meeting.starts_at > timezone.now():
        raise ValidationError({"status": "A meeting can be marked held only once it has started."})
    is_new = meeting.pk is None
    meeting.full_clean()
    meeting.save()
    if is_new:
        for number, title in enumerate(STANDARD_ITEMS, start=1):
            AgendaItem.objects.create(meeting=meeting, number=number, title=title, is_standard=True)
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, is_confidential: bool = False):
    """Add an item of business at the end of the agenda."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter the item's title."})
    last = meeting.items.order_by("-number").values_list("number", flat=True).first() or 0
    item = AgendaItem(
        meeting=meeting, number=last + 1, title=title, is_confidential=is_confidential
    )
    item.full_clean()
    item.save()
    return item


# -- papers --------------------------------------------------------------------------------

PDF = "pdf"
WORD = "docx"
EXCEL = "xlsx"
ATTACHMENT_LABELS = {PDF: "PDF", WORD: "Word", EXCEL: "Excel"}
ATTACHMENT_TYPES = {
    PDF: "application/pdf",
    WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    EXCEL: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _claimed_kind(content: bytes) -> str | None:
    """What a file says it is, by its first bytes and, for Office files, the parts of
    its zip package."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            names = set()
        if "[Content_Types].xml" in names:
            if any(name.startswith("word/") for name in names):
                return WORD
            if any(name.startswith("xl/") for name in names):
                return EXCEL
    return None


def _opens_as(kind: str, content: bytes) -> bool:
    """Whether the file really opens as the format it claims: every page of a PDF is
    parsed (pypdf), a Word file opened (python-docx), a workbook loaded (openpyxl)."""
    import warnings

    stream = io.BytesIO(content)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if kind == PDF:
                from pypdf import PdfReader

                reader = PdfReader(stream)
                if reader.is_encrypted:
                    return False
                return len(reader.pages) > 0
            if kind == WORD:
                from docx import Document

                Document(stream)
                return True
            from openpyxl import load_workbook

            load_workbook(stream, read_only=True).close()
            return True
    except Exception:  # noqa: BLE001 - any failure to parse means "not that format"
        return False


def attachment_kind(content: bytes) -> str:
    """What a file is, judged by its content (never by its name): PDF, Word (.docx) or
    Excel (.xlsx), and it must open as that format. Anything else, including a renamed
    web page or a damaged or encrypted file, is refused."""
    kind = _claimed_kind(content)
    if kind is None:
        raise ValidationError(
            {"attachment": "The attachment must be a PDF, Word (.docx) or Excel (.xlsx) file."}
        )
    if not _opens_as(kind, content):
        label = ATTACHMENT_LABELS[kind]
        raise ValidationError(
            {
                "attachment": f"The attachment looks like a {label} file but cannot be opened "
                "as one: it may be damaged or password-protected. Save it again and upload "
                "the new copy."
            }
        )
    return kind


def _attachment_check(upload) -> tuple[str, bytes]:
    limit = settings.PAPER_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {"attachment": f"The attachment must be smaller than {limit // (1024 * 1024)} MB."}
        )
    content = upload.read()
    return attachment_kind(content), content


def _next_number(body, year: int) -> int:
    """The next number in the body's series for the year. The counter row is locked
    (on PostgreSQL) so two papers saved at once get different numbers; numbers are never
    reused."""
    counter, _ = PaperCounter.objects.select_for_update().get_or_create(body=body, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def paper_prefix(body) -> str:
    """The body's code for paper numbers: its short name, or the initials of its name."""
    if body.short_name:
        return body.short_name
    return "".join(word[0] for word in body.name.split() if word[:1].isalpha()).upper()


@transaction.atomic
def paper_add(
    *,
    meeting: Meeting,
    title: str,
    author: str,
    purpose: str,
    recommendations: str = "",
    agenda_item: AgendaItem | None = None,
    is_confidential: bool = False,
    upload=None,
) -> Paper:
    """Add a draft paper to a meeting, numbered in its body's series for the meeting's
    year: body code / number / two-digit year, e.g. ``COG/1/13``."""
    problems = {}
    if not title.strip():
        problems["title"] = "Enter the paper's title."
    if not author.strip():
        problems["author"] = "Enter who wrote the paper."
    if not purpose.strip():
        problems["purpose"] = "Enter the paper's purpose."
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        problems["agenda_item"] = "Choose an item of this meeting's agenda."
    kind, content = (None, None)
    if upload is not None:
        try:
            kind, content = _attachment_check(upload)
        except ValidationError as error:
            problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    body = meeting.body
    year = timezone.localtime(meeting.starts_at).year
    sequence = _next_number(body, year)
    paper = Paper(
        meeting=meeting,
        agenda_item=agenda_item,
        body=body,
        year=year,
        sequence=sequence,
        number=f"{paper_prefix(body)}/{sequence}/{year % 100:02d}",
        title=title.strip(),
        author=author.strip(),
        purpose=purpose.strip(),
        recommendations=recommendations.strip(),
        is_confidential=is_confidential,
    )
    if upload is not None:
        paper.attachment.save(
            f"{paper.number.replace('/', '-')}.{kind}", ContentFile(content), save=False
        )
        paper.attachment_name = (getattr(upload, "name", "") or "")[:200]
        paper.attachment_type = kind
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def paper_publish(*, paper: Paper, on: datetime.date | None = None) -> Paper:
    """Publish a draft paper to the meeting's members and, unless it is confidential, to
    the public, today (or ``on``, for a record of the past)."""
    if paper.status != Paper.Status.PUBLISHED:
        paper.status = Paper.Status.PUBLISHED
        paper.published_on = on or timezone.localdate()
        paper.save()
    return paper


# -- attendance and decisions ------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting: Meeting, entries: list[tuple]) -> int:
    """Record who was at a meeting: (person, partner or None, status) for each person,
    replacing what was recorded before. Attendance is recorded once the meeting has
    started; returns how many people are recorded."""
    if meeting.starts_at > timezone.now():
        raise ValidationError("Record attendance once the meeting has started.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("The meeting was cancelled: nobody attended it.")
    seen = set()
    for person, partner, status in entries:
        if person.pk in seen:
            raise ValidationError(f"{person} is listed twice.")
        seen.add(person.pk)
        Attendance.objects.update_or_create(
            meeting=meeting, person=person, defaults={"partner": partner, "status": status}
        )
    for stale in meeting.attendance.exclude(person_id__in=seen):
        stale.delete()
    return len(seen)


@transaction.atomic
def decision_add(
    *, meeting: Meeting, agenda_item: AgendaItem, text: str, action=None, partners=()
) -> Decision:
    """Record a decision under an agenda item, with any action it created and the
    partners who must take it through their own governance."""
    if agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item of this meeting's agenda."})
    if not text.strip():
        raise ValidationError({"text": "Enter the decision."})
    partnership_id = meeting.body.partnership_id
    if action is not None and action.partnership_id != partnership_id:
        raise ValidationError({"action": "Choose one of this partnership's actions."})
    for partner in partners:
        if partner.partnership_id != partnership_id:
            raise ValidationError({"partners": "Choose this partnership's own partners."})
    decision = Decision(meeting=meeting, agenda_item=agenda_item, text=text.strip(), action=action)
    decision.full_clean()
    decision.save()
    for partner in partners:
        PartnerDecision.objects.create(decision=decision, partner=partner)
    return decision


@transaction.atomic
def partner_decision_record(
    *, item: PartnerDecision, where: str, on: datetime.date, user=None
) -> PartnerDecision:
    """Record where and when a partner took a decision through its own governance."""
    problems = {}
    if not where.strip():
        problems["where"] = "Enter the partner's body that took the decision."
    if on > timezone.localdate():
        problems["on"] = "The date cannot be in the future."
    elif on < timezone.localtime(item.decision.meeting.starts_at).date():
        problems["on"] = "The partner cannot have taken it before the meeting that asked it to."
    if problems:
        raise ValidationError(problems)
    item.taken_where, item.taken_on, item.recorded_by = where.strip(), on, user
    item.full_clean()
    item.save()
    return item


# -- minutes ------------------------------------------------------------------------------------


def minutes_outline(meeting: Meeting) -> tuple[str, str]:
    """A first draft of the minutes from the agenda, attendance and decisions, in two
    parts: the public part (attendance, named by the public display-name rule because it
    is published once approved, and the non-confidential items with their decisions) and
    the confidential part (confidential items and their decisions, for the body's
    members only)."""
    names = person_names(user=None, partnership=meeting.body.partnership)

    def present(status) -> str:
        rows = meeting.attendance.all()
        return ", ".join(names(a.person) for a in rows if a.status == status)

    public = ["Present: " + (present(Attendance.Status.PRESENT) or "(to record)")]
    in_attendance = present(Attendance.Status.IN_ATTENDANCE)
    if in_attendance:
        public.append("In attendance: " + in_attendance)
    public.append("Apologies: " + (present(Attendance.Status.APOLOGIES) or "none"))
    public.append("")
    confidential = []
    decisions: dict[int, list] = {}
    for decision in meeting.decisions.all():
        decisions.setdefault(decision.agenda_item_id, []).append(decision)
    for item in meeting.items.all():
        lines = confidential if item.is_confidential else public
        lines.append(f"{item.number}. {item.title}")
        for decision in decisions.get(item.pk, []):
            lines.append(f"   Decision: {decision.text}")
        lines.append("")

    def text(lines) -> str:
        joined = "\n".join(lines).rstrip()
        return joined + "\n" if joined else ""

    return text(public), text(confidential)


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str, confidential: str = "") -> Meeting:
    """Save the draft minutes of a meeting that has been held: the public part and the
    confidential part (for the body's members only). Approved minutes are frozen."""
    if meeting.minutes_frozen:
        raise ValidationError("These minutes were approved and can no longer change.")
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("Minutes are written for a meeting that has been held.")
    if not text.strip():
        raise ValidationError({"minutes": "Enter the minutes."})
    meeting.minutes = text.strip() + "\n"
    meeting.minutes_confidential = confidential.strip() + "\n" if confidential.strip() else ""
    meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    meeting.save()
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, at: Meeting) -> Meeting:
    """Approve a meeting's draft minutes at a later meeting of the same body that has
    been held; from then on they are frozen."""
    if meeting.minutes_frozen:
        raise ValidationError("These minutes are already approved.")
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError("Draft the minutes before they are approved.")
    if at.body_id != meeting.body_id or at.starts_at <= meeting.starts_at:
        raise ValidationError({"at": "Minutes are approved at a later meeting of the same body."})
    if at.status != Meeting.Status.HELD:
        raise ValidationError({"at": "Choose a meeting that has been held."})
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_at = at
    meeting.full_clean()
    meeting.save()
    return meeting
