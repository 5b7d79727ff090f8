"""No lost updates: two people open the same edit form; the second to save is refused with
a message naming who changed what, keeps what they typed and shows both versions; saving
again (now over the version they have seen) goes through.

Each case is one kind of edit form, exercised through the real pages in two sessions."""

import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from html import unescape

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge, ChallengeStep
from placeplan.core import versions
from placeplan.delivery.models import ActionStatus
from placeplan.meetings import services as meeting_services
from placeplan.meetings.models import Attendance, Meeting, Paper, PartnerDecision
from placeplan.partnerships import body_rules
from placeplan.partnerships.models import Body, Membership, PartnershipRole, Role
from placeplan.plans import services as plan_services
from placeplan.plans.models import OutcomeIndicator
from placeplan.resources.models import InterventionYear, PreventionTarget
from placeplan.stories import services as story_services
from placeplan.stories.models import Section
from tests.factories import (
    ActivityFactory,
    ImprovementActionFactory,
    InterventionFactory,
    LineFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipRoleFactory,
    PlanFactory,
    PoolFactory,
    ProcessFactory,
    ProgressUpdateFactory,
    ReviewFactory,
    RoundFactory,
    ThemeFactory,
)
from tests.factories.stories import resident as story_resident

pytestmark = pytest.mark.django_db
HL = "S12000017"
THEIR_NAME = "Bea Fictional-Colleague"


@dataclass
class Edit:
    """One kind of edit form: where it is, what each person types and how to read it back."""

    url: str
    field: str
    theirs: str
    yours: str
    saved: object  # () -> the value now stored for ``field``
    their_url: str = ""  # another form changing the same thing (default: the same form)
    stored: object = str  # what is stored for a typed value
    extra: dict | None = None  # other fields both fill in
    their_field: str = ""  # what they change, on their form (default: ``field``)
    again: bool = True  # whether saving again after seeing theirs still applies


def _post_value(bound) -> object:
    value = bound.value()
    if value is None and isinstance(
        bound.field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
    ):
        return None
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def _opened(client: Client, url: str) -> dict:
    """Open an edit form: what it would post if saved as shown, with its version."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["form"]
    data = {name: _post_value(form[name]) for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    version = re.search(r'name="edit_version" value="([^"]+)"', response.content.decode())
    assert version, f"{url} does not carry the version it was read at"
    data[versions.FIELD] = version.group(1)
    return data


@pytest.fixture
def you(highland):
    client = Client()
    client.force_login(PartnershipRoleFactory(partnership=highland, role=Role.SUPPORT_OFFICER).user)
    return client


@pytest.fixture
def them(highland):
    user = User.objects.create_user(
        email="bea.colleague@example.invalid",
        password="A-long-fictional-pass-9",
        full_name=THEIR_NAME,
    )
    PartnershipRole.objects.create(user=user, partnership=highland, role=Role.SUPPORT_OFFICER)
    client = Client()
    client.force_login(user)
    return client


def _fresh(instance, name):
    return lambda: getattr(type(instance).objects.get(pk=instance.pk), name)


# -- the edit forms ----------------------------------------------------------------------------


def plan_details(build, **_):
    plan = build().plan
    url = reverse("plans:edit", args=[HL, plan.pk])
    return Edit(
        url, "title", "Their fictional title", "Your fictional title", _fresh(plan, "title")
    )


def plan_outcome(build, **_):
    built = build()
    url = reverse("plans:outcome_edit", args=[HL, built.plan.pk, built.long_term.pk])
    return Edit(
        url, "statement", "Their outcome", "Your outcome", _fresh(built.long_term, "statement")
    )


def plan_commitment(build, **_):
    built = build()
    url = reverse("plans:commitment_edit", args=[HL, built.plan.pk, built.commitment.pk])
    return Edit(
        url, "what", "Their commitment", "Your commitment", _fresh(built.commitment, "what")
    )


def plan_baseline(build, **_):
    built = build()
    url = reverse("plans:baseline", args=[HL, built.plan.pk, built.indicator.pk])
    return Edit(
        url, "value", "21.5", "22.5", _fresh(built.indicator, "baseline_value"), stored=float
    )


def plan_gap_target(build, **_):
    built = build()
    url = reverse("plans:gap_target", args=[HL, built.plan.pk, built.indicator.pk])
    return Edit(
        url,
        "gap_reduction",
        "10",
        "20",
        _fresh(built.indicator, "gap_reduction"),
        stored=int,
        extra={"gap_by": "2030-03-31"},
    )


def plan_tolerance(build, **_):
    built = build()
    url = reverse("plans:tolerance", args=[HL, built.plan.pk, built.indicator.pk])
    return Edit(url, "tolerance", "15", "25", _fresh(built.indicator, "tolerance"), stored=int)


def partner_status(highland_partners, **_):
    partner = highland_partners[0]
    url = reverse("governance:partner_edit", args=[HL, partner.pk])
    theirs = "no" if partner.is_statutory else "yes"
    yours = "yes" if theirs == "no" else "no"
    return Edit(
        url, "is_statutory", theirs, yours, _fresh(partner, "is_statutory"), stored="yes".__eq__
    )


def body_page(board, **_):
    url = reverse("governance:body_edit", args=[HL, board.pk])
    return Edit(url, "name", "Their Fictional Board", "Your Fictional Board", _fresh(board, "name"))


def member_details(board, **_):
    membership = Membership.objects.filter(body=board, end__isnull=True).order_by("pk").first()
    person = membership.person
    url = reverse("governance:person_edit", args=[HL, person.pk])
    return Edit(url, "job_title", "Their job title", "Your job title", _fresh(person, "job_title"))


def membership_review(board, **_):
    Body.objects.filter(pk=board.pk).update(review_after_months=12)
    membership = Membership.objects.filter(body=board, end__isnull=True).order_by("pk").first()
    url = reverse("governance:membership_review", args=[HL, board.pk, membership.pk])
    return Edit(
        url,
        "reviewed_on",
        "2026-01-05",
        "2026-02-06",
        _fresh(membership, "next_review"),
        stored=lambda typed: body_rules.add_months(datetime.date.fromisoformat(typed), 12),
    )


def partnership_contact(highland, **_):
    url = reverse("governance:contact", args=[HL])
    return Edit(
        url,
        "contact_email",
        "their.fictional@example.org",
        "your.fictional@example.org",
        _fresh(highland, "contact_email"),
    )


def locality(highland_locality, **_):
    url = reverse("governance:locality_edit", args=[HL, highland_locality.pk])
    return Edit(
        url,
        "name",
        "Their Fictional Glen",
        "Your Fictional Glen",
        _fresh(highland_locality, "name"),
    )


def action(highland, **_):
    item = ImprovementActionFactory(partnership=highland)
    url = reverse("delivery:action_edit", args=[HL, item.pk])
    return Edit(
        url, "title", "Their fictional action", "Your fictional action", _fresh(item, "title")
    )


def action_progress(highland, **_):
    item = ProgressUpdateFactory(action__partnership=highland, status=ActionStatus.ON_TRACK).action
    url = reverse("delivery:progress_add", args=[HL, item.pk])
    return Edit(
        url,
        "status",
        ActionStatus.AT_RISK,
        ActionStatus.OFF_TRACK,
        _fresh(item, "status"),
        extra={"narrative": "Fictional progress narrative."},
    )


def engagement_activity(highland, **_):
    item = ActivityFactory(partnership=highland)
    return Edit(
        reverse("engagement:edit", args=[HL, item.pk]),
        "title",
        "Their fictional consultation",
        "Your fictional consultation",
        _fresh(item, "title"),
    )


def engagement_we_did(highland, **_):
    item = ThemeFactory(activity__partnership=highland)
    return Edit(
        reverse("engagement:we_did", args=[HL, item.activity.pk, item.pk]),
        "no_action_reason",
        "Their fictional reason.",
        "Your fictional reason.",
        _fresh(item, "no_action_reason"),
        extra={"responded_on": "2026-03-02"},
    )


def engagement_summary(highland, **_):
    item = ActivityFactory(partnership=highland, takes_responses=True)
    return Edit(
        reverse("engagement:summary", args=[HL, item.pk]),
        "response_summary",
        "Their fictional summary.",
        "Your fictional summary.",
        _fresh(item, "response_summary"),
    )


def budget_process(highland, **_):
    item = ProcessFactory(partnership=highland)
    return Edit(
        reverse("budgets:edit", args=[HL, item.pk]),
        "title",
        "Their fictional vote",
        "Your fictional vote",
        _fresh(item, "title"),
    )


def resource_line(highland, **_):
    round = RoundFactory(partnership=highland, year=2031)
    line = LineFactory(
        round=round,
        partner=PartnerFactory(partnership=highland),
        outcome=OutcomeFactory(plan=PlanFactory(partnership=highland)),
    )
    return Edit(
        reverse("resources:line_edit", args=[HL, round.year, line.partner_id, line.pk]),
        "title",
        "Their fictional service",
        "Your fictional service",
        _fresh(line, "title"),
    )


def resource_pool(highland, **_):
    item = PoolFactory(partnership=highland)
    return Edit(
        reverse("resources:pool_edit", args=[HL, item.pk]),
        "name",
        "Their fictional fund",
        "Your fictional fund",
        _fresh(item, "name"),
    )


def prevention_intervention(highland, **_):
    item = InterventionFactory(partnership=highland)
    return Edit(
        reverse("resources:intervention_edit", args=[HL, item.pk]),
        "title",
        "Their fictional programme",
        "Your fictional programme",
        _fresh(item, "title"),
    )


def prevention_target(highland, **_):
    def saved():
        return PreventionTarget.objects.get(partnership=highland, year=2030).share

    return Edit(
        reverse("resources:targets", args=[HL]),
        "share",
        "35",
        "40",
        saved,
        stored=Decimal,
        extra={"year": "2030"},
    )


def prevention_intervention_year(highland, **_):
    item = InterventionFactory(partnership=highland)

    def saved():
        return InterventionYear.objects.get(intervention=item, year=2027).spend

    return Edit(
        reverse("resources:intervention_years", args=[HL, item.pk]),
        "spend",
        "1000.00",
        "2000.00",
        saved,
        stored=Decimal,
        extra={"year": "2027", "expected_cashable": "0", "expected_non_cashable": "0"},
    )


def prevention_review(highland, **_):
    review = ReviewFactory(partnership=highland, year=2031)
    return Edit(
        reverse("resources:review", args=[HL, review.year]),
        "summary",
        "Their fictional summary",
        "Your fictional summary",
        _fresh(review, "summary"),
    )


def plan_agreement(build, board, **_):
    plan = build().plan
    return Edit(
        reverse("plans:agree", args=[HL, plan.pk]),
        "agreed_on",
        "Their fictional title",
        "2026-06-01",
        _fresh(plan, "agreed_on"),
        their_url=reverse("plans:edit", args=[HL, plan.pk]),
        their_field="title",
        stored=datetime.date.fromisoformat,
        extra={"agreed_by": board.pk},
    )


@pytest.fixture
def held(chief_officers):
    return meeting_services.meeting_save(
        meeting=Meeting(
            body=chief_officers,
            starts_at=timezone.now() - datetime.timedelta(hours=2),
            place="Fictional Hall",
            status=Meeting.Status.HELD,
        )
    )


def meeting_details(held, **_):
    url = reverse("meetings:edit", args=[HL, held.pk])
    return Edit(url, "place", "Their Fictional Hall", "Your Fictional Hall", _fresh(held, "place"))


def meeting_minutes(held, **_):
    url = reverse("meetings:minutes", args=[HL, held.pk])
    return Edit(
        url,
        "minutes",
        "Their fictional minutes.",
        "Your fictional minutes.",
        lambda: _fresh(held, "minutes")().strip(),
    )


def meeting_attendance(held, **_):
    member = held.body.memberships.filter(end__isnull=True).order_by("pk").first()
    field = f"person_{member.person_id}"

    def saved():
        return held.attendance.get(person=member.person_id).status

    url = reverse("meetings:attendance", args=[HL, held.pk])
    return Edit(url, field, Attendance.Status.APOLOGIES, Attendance.Status.PRESENT, saved)


def meeting_agenda(held, **_):
    def saved():
        return held.items.order_by("-number").first().title

    url = reverse("meetings:item_add", args=[HL, held.pk])
    return Edit(url, "title", "Their fictional item", "Your fictional item", saved)


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def meeting_paper(held, **_):
    paper = meeting_services.paper_add(
        meeting=held,
        title="Fictional paper",
        author="Fictional author",
        purpose="To inform.",
        upload=SimpleUploadedFile("paper.pdf", _blank_pdf()),
    )
    url = reverse("meetings:paper_publish", args=[HL, held.pk, paper.pk])
    # Publishing has nothing to type: theirs and yours are the same act.
    return Edit(url, "", "", "", _fresh(paper, "status"), stored=lambda _: Paper.Status.PUBLISHED)


def partner_decision(held, highland_partners, **_):
    decision = meeting_services.decision_add(
        meeting=held,
        agenda_item=held.items.order_by("number").last(),
        text="Fictional decision for the partners.",
        partners=[highland_partners[0]],
    )
    item = PartnerDecision.objects.get(decision=decision)
    url = reverse("meetings:partner_decision", args=[HL, item.pk])
    return Edit(
        url,
        "where",
        "Their fictional committee",
        "Your fictional committee",
        _fresh(item, "taken_where"),
        extra={"on": timezone.localdate().isoformat()},
    )


def _challenge(highland, chief_officers):
    today = timezone.localdate()
    return challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=highland,
            question="Why has the fictional figure worsened?",
            raised_on=today - datetime.timedelta(days=10),
            answer_due=today + datetime.timedelta(days=10),
            to_body=chief_officers,
        )
    )


def _last_step(challenge, kind):
    return lambda: challenge.steps.filter(kind=kind).order_by("-pk").first()


def challenge_answer(highland, chief_officers, **_):
    challenge = _challenge(highland, chief_officers)
    step = _last_step(challenge, ChallengeStep.Kind.ANSWERED)
    return Edit(
        reverse("challenges:answer", args=[HL, challenge.pk]),
        "text",
        "Their fictional answer",
        "Your fictional answer",
        lambda: step() and step().text,
        again=False,  # answered: it waits for no other answer
    )


def challenge_acceptance(highland, chief_officers, **_):
    challenge = _challenge(highland, chief_officers)
    challenge_services.challenge_answer(
        challenge=challenge,
        text="A fictional answer.",
        on=timezone.localdate(),
        today=timezone.localdate(),
    )
    step = _last_step(challenge, ChallengeStep.Kind.ACCEPTED)
    return Edit(
        reverse("challenges:accept", args=[HL, challenge.pk]),
        "text",
        "Their fictional acceptance",
        "Your fictional acceptance",
        lambda: step() and step().text,
        again=False,  # closed: nothing more to accept
    )


def _gone_or(model, pk, name):
    def saved():
        row = model.objects.filter(pk=pk).first()
        return None if row is None else getattr(row, name)

    return saved


def outcome_removal(build, **_):
    built = build()
    outcome = built.long_term
    return Edit(
        reverse("plans:outcome_remove", args=[HL, built.plan.pk, outcome.pk]),
        "",
        "Their outcome",
        "",
        _gone_or(type(outcome), outcome.pk, "statement"),
        their_url=reverse("plans:outcome_edit", args=[HL, built.plan.pk, outcome.pk]),
        their_field="statement",
        stored=lambda _: None,
    )


def indicator_removal(build, **_):
    built = build()
    indicator = built.indicator
    return Edit(
        reverse("plans:indicator_remove", args=[HL, built.plan.pk, indicator.pk]),
        "",
        "15",
        "",
        _gone_or(type(indicator), indicator.pk, "tolerance"),
        their_url=reverse("plans:tolerance", args=[HL, built.plan.pk, indicator.pk]),
        their_field="tolerance",
        stored=lambda _: None,
    )


def commitment_removal(build, **_):
    built = build()
    commitment = built.commitment
    return Edit(
        reverse("plans:commitment_remove", args=[HL, built.plan.pk, commitment.pk]),
        "",
        "Their commitment",
        "",
        _gone_or(type(commitment), commitment.pk, "what"),
        their_url=reverse("plans:commitment_edit", args=[HL, built.plan.pk, commitment.pk]),
        their_field="what",
        stored=lambda _: None,
    )


def plan_publication(build, board, **_):
    plan = build().plan
    plan_services.plan_agree(plan=plan, agreed_by=board, agreed_on=datetime.date(2026, 6, 1))
    return Edit(
        reverse("plans:publish", args=[HL, plan.pk]),
        "",
        "",
        "",
        _fresh(plan, "status"),
        stored=lambda _: "published",
        extra={"published_on": "2026-07-01"},
        again=False,  # published: there is nothing left to publish
    )


def membership_ending(board, **_):
    membership = (
        Membership.objects.filter(body=board, end__isnull=True, role="member")
        .order_by("pk")
        .first()
    )
    return Edit(
        reverse("governance:membership_end", args=[HL, board.pk, membership.pk]),
        "end",
        (membership.start + datetime.timedelta(days=1)).isoformat(),
        (membership.start + datetime.timedelta(days=2)).isoformat(),
        lambda: _fresh(membership, "end")().isoformat(),
        extra={"reason": "Fictional reason."},
        again=False,  # ended: it cannot end again
    )


def minutes_approval(held, **_):
    meeting_services.minutes_save(meeting=held, text="Draft fictional minutes.")
    later = meeting_services.meeting_save(
        meeting=Meeting(
            body=held.body,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            place="Fictional Hall",
            status=Meeting.Status.HELD,
        )
    )
    return Edit(
        reverse("meetings:minutes_approve", args=[HL, held.pk]),
        "at",
        "Their fictional minutes.",
        str(later.pk),
        _fresh(held, "minutes_status"),
        their_url=reverse("meetings:minutes", args=[HL, held.pk]),
        their_field="minutes",
        stored=lambda _: Meeting.MinutesStatus.APPROVED,
    )


def challenge_escalation(highland, chief_officers, **_):
    challenge = _challenge(highland, chief_officers)
    today = timezone.localdate()
    challenge_services.challenge_answer(
        challenge=challenge, text="A fictional answer.", on=today, today=today
    )
    return Edit(
        reverse("challenges:escalate", args=[HL, challenge.pk]),
        "text",
        "Their fictional acceptance",
        "Your fictional reason to escalate",
        _fresh(challenge, "status"),
        stored=lambda _: Challenge.Status.ESCALATED,
        their_url=reverse("challenges:accept", args=[HL, challenge.pk]),
        extra={"answer_due": (today + datetime.timedelta(days=28)).isoformat()},
        again=False,  # closed: nothing more to escalate
    )


def story_section(highland_locality, **_):
    story = story_services.story_start(locality=highland_locality)
    section = story.sections.get(evidence="health")
    url = reverse("stories:section_edit", args=[HL, highland_locality.pk, section.pk])
    return Edit(
        url,
        "text",
        "Their fictional story",
        "Your fictional story",
        lambda: Section.objects.get(pk=section.pk).current.text,
    )


def story_sections(highland_locality, **_):
    story = story_services.story_start(locality=highland_locality)
    section = story.sections.get(evidence="health")
    return Edit(
        reverse("stories:sections", args=[HL, highland_locality.pk]),
        f"heading_{section.pk}",
        "Their fictional heading",
        "Your fictional heading",
        _fresh(section, "heading"),
    )


def story_proposal_decision(highland_locality, **_):
    story = story_services.story_start(locality=highland_locality)
    proposal = story_services.proposal_make(
        section=story.sections.get(evidence="health"),
        text="A fictional resident's text.",
        user=story_resident(),
    )
    return Edit(
        reverse("stories:proposal", args=[HL, proposal.pk]),
        "text",
        "Their fictional edit of it",
        "Your fictional edit of it",
        _fresh(proposal, "status"),
        stored=lambda _: "approved",
        extra={"decision": "approve"},
        again=False,  # decided: nothing more to decide
    )


EDIT_FORMS = [
    plan_details,
    plan_outcome,
    plan_commitment,
    plan_baseline,
    plan_gap_target,
    plan_tolerance,
    partner_status,
    body_page,
    partnership_contact,
    member_details,
    membership_review,
    locality,
    action,
    action_progress,
    plan_agreement,
    meeting_details,
    meeting_minutes,
    meeting_attendance,
    meeting_agenda,
    meeting_paper,
    partner_decision,
    challenge_answer,
    challenge_acceptance,
    outcome_removal,
    indicator_removal,
    commitment_removal,
    plan_publication,
    membership_ending,
    minutes_approval,
    challenge_escalation,
    story_section,
    story_sections,
    story_proposal_decision,
    engagement_activity,
    engagement_we_did,
    engagement_summary,
    budget_process,
    resource_line,
    resource_pool,
    prevention_intervention,
    prevention_target,
    prevention_intervention_year,
    prevention_review,
]


@pytest.fixture(params=EDIT_FORMS, ids=lambda case: case.__name__)
def edit(request):
    names = request.param.__code__.co_varnames[: request.param.__code__.co_argcount]
    return request.param(**{name: request.getfixturevalue(name) for name in names})


def test_saving_over_a_newer_change_is_refused_and_keeps_what_you_typed(edit, you, them):
    their_url = edit.their_url or edit.url
    yours = {**_opened(you, edit.url), **(edit.extra or {})}
    theirs = {**_opened(them, their_url), **(edit.extra or {})}

    saved = them.post(their_url, {**theirs, (edit.their_field or edit.field): edit.theirs})
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    their_value = edit.saved()

    refused = you.post(edit.url, {**yours, edit.field: edit.yours})

    assert refused.status_code == 200
    page = unescape(refused.content.decode())
    assert f"{THEIR_NAME} saved a change" in page
    assert "Nothing you typed has been saved" in page
    assert "Compare with their change" in page
    if edit.field:  # what you typed is kept in the form
        assert refused.context["form"].data[edit.field] == edit.yours
        assert f'value="{edit.yours}"' in page or f"{edit.yours}</textarea>" in page
    assert edit.saved() == their_value  # theirs is not overwritten

    if not edit.again:
        return
    # Having seen their change, saving again (the page now carries their version) goes through.
    again = dict(refused.context["form"].data.lists())
    again[versions.FIELD] = refused.context["edit_version"]
    assert again[versions.FIELD] != yours[versions.FIELD]
    done = you.post(edit.url, again)
    assert done.status_code == 302
    assert edit.saved() == edit.stored(edit.yours)


def test_a_single_edit_saves(edit, you):
    data = {**_opened(you, edit.url), **(edit.extra or {})}
    response = you.post(edit.url, {**data, edit.field: edit.yours})
    assert response.status_code == 302
    assert edit.saved() == edit.stored(edit.yours)


def test_a_stale_edit_names_the_fields_they_changed(build, you, them):
    plan = build().plan
    url = reverse("plans:edit", args=[HL, plan.pk])
    yours = _opened(you, url)
    them.post(url, {**_opened(them, url), "title": "Their fictional title"})

    refused = you.post(url, {**yours, "title": "Your fictional title"})

    conflict = refused.context["edit_conflict"]
    assert conflict.who == [THEIR_NAME]
    assert conflict.what == ["title"]
    [difference] = conflict.differences
    assert (difference.theirs, difference.yours) == (
        "Their fictional title",
        "Your fictional title",
    )


def test_a_change_to_other_fields_of_the_same_row_is_no_conflict(build, you, them):
    built = build()
    tolerance = reverse("plans:tolerance", args=[HL, built.plan.pk, built.indicator.pk])
    gap = reverse("plans:gap_target", args=[HL, built.plan.pk, built.indicator.pk])
    yours = _opened(you, tolerance)
    them.post(gap, {**_opened(them, gap), "gap_reduction": "10", "gap_by": "2030-03-31"})

    response = you.post(tolerance, {**yours, "tolerance": "25"})

    assert response.status_code == 302
    built.indicator.refresh_from_db()
    assert (built.indicator.tolerance, built.indicator.gap_reduction) == (25, 10)


def test_a_change_to_other_fields_made_while_a_save_is_under_way_is_kept(build):
    built = build()
    loaded = OutcomeIndicator.objects.get(pk=built.indicator.pk)  # as a post loads it
    version = versions.version_of(loaded)
    plan_services.indicator_gap_target_set(
        indicator=OutcomeIndicator.objects.get(pk=built.indicator.pk),
        reduction=10,
        by=datetime.date(2030, 3, 31),
    )

    with versions.edit_guard(target=loaded, version=version, fields=("tolerance",)):
        plan_services.indicator_tolerance_set(indicator=loaded, tolerance=25)

    saved = OutcomeIndicator.objects.get(pk=built.indicator.pk)
    assert (saved.tolerance, saved.gap_reduction) == (25, 10)


def test_a_removed_row_of_a_list_is_a_newer_change(held):
    member = held.body.memberships.filter(end__isnull=True).order_by("pk").first()
    meeting_services.attendance_record(
        meeting=held, entries=[(member.person, None, Attendance.Status.PRESENT)]
    )
    version = versions.version_of(held.attendance.all())
    meeting_services.attendance_record(meeting=held, entries=[])

    with pytest.raises(versions.StaleEdit) as refused:
        versions.version_check(target=held.attendance.all(), version=version)
    assert refused.value.change.what == ["a row was removed"]
