"""The challenge log: raising, answering, accepting and escalating (the state machine),
overdue detection by date, and what the public log shows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from placeplan.challenges import selectors as challenge_selectors
from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge, ChallengeStep
from placeplan.partnerships.models import Body
from tests.factories import (
    BodyFactory,
    ImprovementActionFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 30)


@pytest.fixture
def bodies(partnership):
    """Its reporting line: a community safety group reports to the chief officers group,
    which reports to the board (the one body reporting to no other)."""
    board = BodyFactory(partnership=partnership, name="Fictional Partnership Board")
    cog = BodyFactory(
        partnership=partnership,
        name="Fictional Chief Officers Group",
        kind=Body.Kind.EXECUTIVE,
        reports_to=board,
    )
    safer = BodyFactory(
        partnership=partnership,
        name="Fictional Safer Glen",
        kind=Body.Kind.THEMATIC,
        level=Body.Level.OPERATIONAL,
        reports_to=cog,
    )
    return {"board": board, "cog": cog, "safer": safer}


@pytest.fixture
def officer(partnership):
    return user_with_role("support_officer", council_code=partnership.council_area.code)


def raise_(partnership, *, to_body=None, to_partner=None, raised_by_body=None, **fields):
    return challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=partnership,
            question=fields.pop("question", "Why has the fictional figure worsened?"),
            raised_on=fields.pop("raised_on", D(2026, 10, 1)),
            answer_due=fields.pop("answer_due", D(2026, 10, 29)),
            to_body=to_body,
            to_partner=to_partner,
            raised_by_body=raised_by_body,
            **fields,
        )
    )


def kinds(challenge):
    return [s.kind for s in ChallengeStep.objects.filter(challenge=challenge).order_by("pk")]


def test_raise_answer_accept(partnership, bodies, police, officer):
    c = raise_(partnership, to_body=bodies["safer"], raised_by_body=bodies["cog"])
    assert c.status == Challenge.Status.OPEN and kinds(c) == ["raised"]
    action = ImprovementActionFactory(
        partnership=partnership, responsible_body=bodies["safer"], accountable_partner=police
    )
    challenge_services.challenge_answer(
        challenge=c,
        text="We will act.",
        on=D(2026, 10, 20),
        today=TODAY,
        user=officer,
        actions=[action],
    )
    assert c.status == Challenge.Status.ANSWERED
    answer = ChallengeStep.objects.get(challenge=c, kind="answered")
    assert (answer.by, answer.by_name, list(answer.actions.all())) == (
        officer,
        officer.full_name,
        [action],
    )
    challenge_services.challenge_accept(challenge=c, on=D(2026, 10, 25), today=TODAY)
    assert Challenge.objects.get(pk=c.pk).status == Challenge.Status.ACCEPTED
    assert kinds(c) == ["raised", "answered", "accepted"]
    with pytest.raises(ValidationError):
        challenge_services.challenge_answer(challenge=c, text="Again.", on=TODAY, today=TODAY)


def test_escalation_goes_to_the_body_the_addressee_reports_to(partnership, bodies):
    safer = bodies["safer"]
    c = raise_(partnership, to_body=safer)
    challenge_services.challenge_answer(challenge=c, text="Soon.", on=D(2026, 10, 20), today=TODAY)
    with pytest.raises(ValidationError):
        challenge_services.challenge_escalate(
            challenge=c, text="  ", answer_due=D(2026, 12, 31), on=TODAY, today=TODAY
        )
    challenge_services.challenge_escalate(
        challenge=c,
        text="Not enough.",
        answer_due=D(2026, 12, 31),
        on=D(2026, 11, 1),
        today=TODAY,
    )
    stored = Challenge.objects.get(pk=c.pk)
    assert stored.to_body == safer.reports_to == bodies["cog"]
    assert (stored.status, stored.answer_due) == (Challenge.Status.ESCALATED, D(2026, 12, 31))
    # The Chief Officers Group answers; escalated again it goes to the board; above the
    # board there is nobody.
    challenge_services.challenge_answer(
        challenge=stored, text="Agreed.", on=D(2026, 11, 5), today=TODAY
    )
    challenge_services.challenge_escalate(
        challenge=stored,
        text="Still not.",
        answer_due=D(2027, 1, 31),
        on=D(2026, 11, 6),
        today=TODAY,
    )
    assert stored.to_body == bodies["board"]
    challenge_services.challenge_answer(
        challenge=stored, text="Decided.", on=D(2026, 11, 7), today=TODAY
    )
    with pytest.raises(ValidationError, match="reports to no other body"):
        challenge_services.challenge_escalate(
            challenge=stored,
            text="No.",
            answer_due=D(2027, 1, 31),
            on=D(2026, 11, 8),
            today=TODAY,
        )
    assert kinds(c) == ["raised", "answered", "escalated", "answered", "escalated", "answered"]


def test_a_challenge_to_a_partner_escalates_to_the_board(partnership, police, bodies):
    # A second body reporting to no other, which is not the board.
    BodyFactory(
        partnership=partnership,
        name="Fictional Glen Local Partnership",
        kind=Body.Kind.LOCAL,
        level=Body.Level.LOCAL,
    )
    c = raise_(partnership, to_partner=police)
    challenge_services.challenge_answer(challenge=c, text="Soon.", on=D(2026, 10, 20), today=TODAY)
    assert challenge_services.escalation_body(c) == bodies["board"]
    challenge_services.challenge_escalate(
        challenge=c,
        text="Not enough.",
        answer_due=D(2026, 12, 31),
        on=D(2026, 11, 1),
        today=TODAY,
    )
    assert (c.to_partner, c.to_body) == (None, bodies["board"])


def test_only_an_answered_challenge_can_be_accepted_or_escalated(partnership, bodies):
    c = raise_(partnership, to_body=bodies["safer"])
    with pytest.raises(ValidationError):
        challenge_services.challenge_accept(challenge=c, on=TODAY, today=TODAY)
    with pytest.raises(ValidationError):
        challenge_services.challenge_escalate(
            challenge=c, text="x", answer_due=D(2027, 1, 1), on=TODAY, today=TODAY
        )
    assert kinds(c) == ["raised"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"question": "   "}, "question"),
        ({"answer_due": D(2026, 9, 1)}, "answer_due"),  # before it was raised
    ],
)
def test_a_bad_challenge_is_refused(partnership, bodies, fields, field):
    before = Challenge.objects.count()
    with pytest.raises(ValidationError) as refused:
        raise_(partnership, to_body=bodies["safer"], **fields)
    assert field in refused.value.message_dict
    assert Challenge.objects.count() == before


def test_a_challenge_needs_exactly_one_addressee(partnership, bodies, police):
    with pytest.raises(ValidationError):
        raise_(partnership)
    with pytest.raises(ValidationError):
        raise_(partnership, to_body=bodies["safer"], to_partner=police)


def test_steps_cannot_go_back_in_time_or_into_the_future(partnership, bodies):
    c = raise_(partnership, to_body=bodies["safer"], raised_on=D(2026, 10, 1))
    for on in (D(2026, 9, 30), D(2026, 12, 1)):
        with pytest.raises(ValidationError):
            challenge_services.challenge_answer(challenge=c, text="x", on=on, today=TODAY)
    assert c.status == Challenge.Status.OPEN


def test_overdue_challenges_by_date_and_addressee(partnership, bodies, police):
    due_yesterday = raise_(partnership, to_partner=police, answer_due=D(2026, 11, 29))
    due_today = raise_(partnership, to_body=bodies["safer"], answer_due=TODAY)
    answered = raise_(partnership, to_partner=police, answer_due=D(2026, 10, 2))
    challenge_services.challenge_answer(
        challenge=answered, text="Done.", on=D(2026, 10, 2), today=TODAY
    )
    overdue = challenge_selectors.challenges_overdue(partnership=partnership, today=TODAY)
    assert overdue == [due_yesterday]
    assert challenge_selectors.challenges_overdue(
        partnership=partnership, today=D(2026, 12, 1), body=bodies["safer"]
    ) == [due_today]
    assert due_yesterday.is_overdue(TODAY) and not due_today.is_overdue(TODAY)


def test_the_public_log_shows_public_challenges_with_their_answers(partnership, bodies):
    public = raise_(
        partnership, to_body=bodies["safer"], question="Why is crime rising (fictional)?"
    )
    challenge_services.challenge_answer(
        challenge=public, text="Joint tasking (fictional).", on=D(2026, 10, 5), today=TODAY
    )
    raise_(
        partnership,
        to_body=bodies["safer"],
        question="A private fictional matter?",
        is_public=False,
    )
    code = partnership.council_area.code
    page = Client().get(f"/areas/{code}/challenges/").content.decode()
    assert "Why is crime rising (fictional)?" in page and "Joint tasking (fictional)." in page
    assert "A private fictional matter?" not in page


def test_the_demo_challenge_log(highland):
    demo = Challenge.objects.filter(partnership=highland, is_demo=True)
    assert sorted(demo.values_list("status", flat=True)) == ["accepted", "open"]
    (waiting,) = demo.filter(status="open")
    assert waiting.to_partner.organisation.name == "Police Scotland"
    assert waiting.answer_due < waiting.raised_on + datetime.timedelta(days=40)


def test_overdue_challenges_show_on_the_addressees_own_pages(partnership, bodies, police, officer):
    """A body's and a partner's own pages, staff and public, list the challenges to them
    whose answer is overdue: the public only the public ones; answered ones go."""
    today = datetime.date.today()
    safer = bodies["safer"]

    def due(question, days_ago, **to):
        return raise_(
            partnership,
            question=question,
            raised_on=min(today, today - datetime.timedelta(days=30 + days_ago)),
            answer_due=today - datetime.timedelta(days=days_ago),
            **to,
        )

    late = due("Fictional question answered late", 2, to_body=safer)
    private = due("Fictional private question", 1, to_body=safer, is_public=False)
    due("Fictional question not yet due", 0, to_body=safer)
    to_police = due("Fictional question to the police", 3, to_partner=police)
    staff = Client()
    staff.force_login(officer)
    code = partnership.council_area.code

    def overdue_on(client, url):
        page = client.get(url).content.decode()
        if 'id="overdue-challenges"' not in page:
            return ""
        return page.split('id="overdue-challenges"')[1].split("</div>")[0]

    public_body = overdue_on(Client(), f"/areas/{code}/partnership/bodies/{safer.pk}/")
    assert "Challenges with an overdue answer (1)" in public_body
    assert late.question in public_body and f"#challenge-{late.pk}" in public_body
    assert private.question not in public_body and "not yet due" not in public_body
    staff_body = overdue_on(staff, f"/workspace/{code}/bodies/{safer.pk}/")
    assert "Challenges with an overdue answer (2)" in staff_body
    assert private.question in staff_body and f"/challenges/{private.pk}/" in staff_body
    public_partner = overdue_on(Client(), f"/areas/{code}/partnership/partners/{police.pk}/")
    assert to_police.question in public_partner and late.question not in public_partner
    staff_partner = overdue_on(staff, f"/workspace/{code}/partners/{police.pk}/")
    assert to_police.question in staff_partner

    challenge_services.challenge_answer(
        challenge=late, text="Fictional answer", on=today, today=today
    )
    assert overdue_on(Client(), f"/areas/{code}/partnership/bodies/{safer.pk}/") == ""


def test_the_agenda_item_choice_groups_items_by_meeting_in_date_order(partnership, bodies, officer):
    from django.utils import timezone

    from tests.factories import AgendaItemFactory, MeetingFactory

    def meeting(body, day):
        return MeetingFactory(
            body=body,
            starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        )

    # Made later-first, so the order on the page is the meetings' dates, not creation.
    later = meeting(bodies["cog"], D(2026, 12, 3))
    earlier = meeting(bodies["safer"], D(2026, 9, 15))
    AgendaItemFactory(meeting=later, title="Fictional budgets")
    AgendaItemFactory(meeting=earlier, title="Fictional crime figures")
    client = Client()
    client.force_login(officer)
    html = client.get(
        f"/workspace/{partnership.council_area.code}/challenges/add/"
    ).content.decode()
    select = html[
        html.index('name="agenda_item"') : html.index("</select>", html.index('name="agenda_item"'))
    ]
    first = select.index('<optgroup label="Fictional Safer Glen · 15 September 2026">')
    second = select.index('<optgroup label="Fictional Chief Officers Group · 3 December 2026">')
    assert first < select.index("Fictional crime figures") < second
    assert second < select.index("Fictional budgets")
    assert select.count("<optgroup") == 2
