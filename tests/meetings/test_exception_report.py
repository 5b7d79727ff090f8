"""The exception report on a prepared data set: the fictional world of
``tests/plans/conftest.py`` (a published plan whose council indicator is at risk on its
trajectory), with actions, a challenge and a membership made here, and the world's board,
which has no chair although it requires one. Issuing freezes the report into a paper."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.delivery import services as delivery
from placeplan.delivery.models import ActionStatus, ImprovementAction
from placeplan.meetings import exceptions, services
from placeplan.meetings.models import Meeting
from placeplan.partnerships.models import Membership, Person, Role
from placeplan.partnerships.services import (
    organisation_ensure,
    partner_add,
    partnership_role_grant,
)
from placeplan.plans.models import OutcomeIndicator
from tests.plans.conftest import world  # noqa: F401 (fixture reused)

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2026, 11, 30)


@pytest.fixture
def prepared(world):  # noqa: F811
    partner = partner_add(
        partnership=world.partnership,
        organisation=organisation_ensure(name="Glen Fictional Council", kind="council"),
    )

    def action(title, due, status=ActionStatus.NOT_STARTED):
        saved = delivery.action_save(
            action=ImprovementAction(
                partnership=world.partnership,
                title=title,
                improvement="Fictional.",
                source="other",
                responsible_body=world.body,
                accountable_partner=partner,
                start=D(2026, 1, 1),
                due=due,
            ),
            today=ON,
        )
        if status != ActionStatus.NOT_STARTED:
            delivery.progress_update_add(
                action=saved, on=D(2026, 6, 1), status=status, narrative="Fictional.", today=ON
            )
        return saved

    action("Late fictional action", D(2026, 11, 1))
    action("Troubled fictional action", D(2027, 6, 1), ActionStatus.OFF_TRACK)
    action("Fine fictional action", D(2027, 6, 1), ActionStatus.ON_TRACK)
    challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=world.partnership,
            question="Why is the fictional figure late?",
            raised_on=D(2026, 10, 1),
            answer_due=D(2026, 10, 29),
            to_partner=partner,
        )
    )
    person = Person.objects.create(partnership=world.partnership, name="Fictional Reviewee")
    Membership.objects.create(
        body=world.body,
        person=person,
        role="member",
        category="officer",
        start=D(2025, 1, 1),
        next_review=D(2026, 1, 1),
    )
    # A tolerance of 1% of the 6-point baseline-to-target distance: the 0.1 shortfall on
    # the trajectory (see tests/plans/test_progress.py) is now off track, not at risk.
    OutcomeIndicator.objects.filter(pk=world.indicator.pk).update(tolerance=1)
    return world


def test_the_report_lists_each_exception_with_its_evidence(prepared):
    lines = exceptions.exception_report(partnership=prepared.partnership, on=ON)
    by_section = {name: [line.text for line in found] for name, found in exceptions.sections(lines)}
    (off_track,) = by_section["Indicators off track"]
    assert off_track.startswith("Fictional Child Poverty, Glen Fictional (outcome 1.1): 16.5")
    assert by_section["Indicators worsening"] == []  # 20, 19, 17.8, 16.5: improving
    assert by_section["Actions overdue"] == [
        "Late fictional action (Glen Fictional Board, Glen Fictional Council): due 1 November 2026."
    ]
    assert by_section["Actions at risk or off track"] == [
        "Troubled fictional action (Glen Fictional Board, Glen Fictional Council): off track."
    ]
    assert by_section["Challenges with an overdue answer"] == [
        "To Glen Fictional Council, answer due 29 October 2026: Why is the fictional figure late?"
    ]
    assert by_section["Membership reviews due"] == [
        "Membership review: Fictional Reviewee: membership was due for review on 1 January 2026."
    ]
    assert by_section["Rules broken"] == ["A chair is required: Glen Fictional Board has no chair."]
    indicator_line = next(line for line in lines if line.section == "Indicators off track")
    assert indicator_line.url == (
        f"/workspace/{prepared.council.code}/performance/indicators/{prepared.indicator.pk}/"
    )


def test_the_report_is_of_its_date(prepared):
    # On 1 October 2026 the late action was not yet due and the challenge not yet overdue.
    lines = exceptions.exception_report(partnership=prepared.partnership, on=D(2026, 10, 1))
    sections = {line.section for line in lines}
    assert "Actions overdue" not in sections
    assert "Challenges with an overdue answer" not in sections


def test_issuing_freezes_the_report_into_the_papers(prepared):
    meeting = services.meeting_save(
        meeting=Meeting(
            body=prepared.body,
            starts_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 10)),
            place="Online",
            status="held",
        )
    )
    paper = exceptions.exception_report_issue(meeting=meeting, today=D(2026, 12, 5))
    assert paper.number == "GFB/1/26" and paper.status == "draft"
    assert paper.report["as_of"] == "2026-11-30"  # the meeting's day, not today
    frozen = list(paper.report["lines"])
    # Later changes do not alter what the meeting saw.
    ImprovementAction.objects.filter(title="Late fictional action").update(
        status="complete", completed_on=ON
    )
    paper.refresh_from_db()
    assert paper.report["lines"] == frozen
    assert any(line["text"].startswith("Late fictional action") for line in frozen)


@pytest.fixture
def report_page(prepared):
    """A support officer of the prepared partnership signed in, a meeting held on 30
    November 2026, and its exception report page's address."""
    user = User.objects.create_user(
        email="glen-report@example.org", password="x" * 20, full_name="Glen Reporter"
    )
    partnership_role_grant(user=user, partnership=prepared.partnership, role=Role.SUPPORT_OFFICER)
    client = Client()
    client.force_login(user)
    meeting = services.meeting_save(
        meeting=Meeting(
            body=prepared.body,
            starts_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 10)),
            place="Online",
            status="held",
        )
    )
    url = f"/workspace/{prepared.council.code}/meetings/{meeting.pk}/exception-report/"
    return client, meeting, url


def test_the_report_page_and_issue_button(report_page):
    client, meeting, url = report_page
    page = client.get(url).content.decode()
    assert "Rules broken (1)" in page and "Late fictional action" in page
    response = client.post(url)
    assert response.status_code == 302
    assert meeting.papers.get().report is not None


def test_a_report_is_issued_once_and_its_page_says_so(report_page):
    client, meeting, url = report_page
    assert "Issue it to the meeting's papers" in client.get(url).content.decode()
    paper = exceptions.exception_report_issue(meeting=meeting, today=D(2026, 12, 5))
    with pytest.raises(ValidationError, match=f"issued already, as paper {paper.number}"):
        exceptions.exception_report_issue(meeting=meeting, today=D(2026, 12, 6))

    page = client.get(url).content.decode()
    assert f"as paper {paper.number}, with the data of 2026-11-30" in page
    assert "Issue it to the meeting's papers" not in page
    assert f"#report-{paper.pk}" in page

    response = client.post(url, follow=True)
    assert "The exception report was issued already" in response.content.decode()
    assert list(meeting.papers.values_list("pk", flat=True)) == [paper.pk]
