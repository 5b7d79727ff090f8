"""The improvement action and recommendation pages: what they list, and their forms (an
error summary and nothing saved on bad input; one service call on good input).

The pages show a fictional partnership built by the factories (tests/factories/): an
open action overdue and at risk, a complete one, and two recommendations, one answered."""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client

from placeplan.accounts.models import User
from placeplan.delivery.models import ActionStatus, ImprovementAction, ProgressUpdate
from placeplan.partnerships.models import Body, Partner, Partnership, Role
from tests.factories import (
    BodyFactory,
    ImprovementActionFactory,
    IntermediateOutcomeFactory,
    OutcomeIndicatorFactory,
    PartnerFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@dataclass
class Delivery:
    partnership: Partnership
    code: str
    support_officer: User
    body: Body
    partner: Partner
    at_risk: ImprovementAction  # open, overdue (due 30 September 2026) and at risk
    complete: ImprovementAction
    answering: ImprovementAction  # open, on track, answers a recommendation


@pytest.fixture
def delivery():
    partnership = PartnershipFactory()
    body = BodyFactory(partnership=partnership, name="Fictional Community Safety Partnership")
    partner = PartnerFactory(partnership=partnership, organisation__name="Fictional Police")
    mine = {"partnership": partnership, "responsible_body": body, "accountable_partner": partner}
    at_risk = ImprovementActionFactory(
        title="Fictional action running late", due=D(2026, 9, 30), **mine
    )
    ProgressUpdateFactory(action=at_risk, on=D(2026, 9, 1), status=ActionStatus.AT_RISK)
    complete = ImprovementActionFactory(
        title="Fictional action finished", status=ActionStatus.COMPLETE, **mine
    )
    RecommendationFactory(partnership=partnership, text="Fictional unanswered recommendation.")
    answering = ImprovementActionFactory(
        title="Fictional action answering a recommendation",
        source=ImprovementAction.Source.RECOMMENDATION,
        recommendation=RecommendationFactory(partnership=partnership),
        due=D(2099, 3, 31),
        **mine,
    )
    ProgressUpdateFactory(action=answering, status=ActionStatus.ON_TRACK)
    return Delivery(
        partnership=partnership,
        code=partnership.council_area.code,
        support_officer=PartnershipRoleFactory(
            partnership=partnership, role=Role.SUPPORT_OFFICER
        ).user,
        body=body,
        partner=partner,
        at_risk=at_risk,
        complete=complete,
        answering=answering,
    )


@pytest.fixture
def officer(delivery):
    client = Client()
    client.force_login(delivery.support_officer)
    return client


@pytest.fixture
def reader(delivery):
    """A national reader: reads every partnership's actions, changes none."""
    client = Client()
    client.force_login(UserFactory(is_national_reader=True))
    return client


def test_the_list_shows_open_actions_by_default_and_all_on_request(officer, delivery):
    page = officer.get(f"/workspace/{delivery.code}/actions/").content.decode()
    assert delivery.at_risk.title in page
    assert delivery.complete.title not in page  # complete: not open
    everything = officer.get(f"/workspace/{delivery.code}/actions/?status=all").content.decode()
    assert delivery.complete.title in everything


def test_the_list_names_what_needs_attention(officer, delivery):
    page = officer.get(f"/workspace/{delivery.code}/actions/").content.decode()
    attention = page[page.index('id="attention-bodies"') : page.index('id="attention-partners"')]
    # Due 30 September 2026 and at risk: both overdue and at risk (the day these tests run
    # is later than its due date); the action on track and not yet due needs no attention.
    assert attention.count(delivery.at_risk.title) == 2
    assert delivery.answering.title not in attention


def test_adding_an_action_with_nothing_filled_in_shows_every_problem(officer, delivery):
    before = ImprovementAction.objects.count()
    response = officer.post(f"/workspace/{delivery.code}/actions/add/", {})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in page
    for message in (
        "Enter the action",
        "Enter what will improve",
        "Choose where the action comes from",
        "Choose the accountable partner",
        "Choose the responsible body",
        "Enter the due date",
    ):
        assert message in page
    assert ImprovementAction.objects.count() == before


def test_adding_and_changing_an_action(officer, delivery):
    body, partner = delivery.body, delivery.partner
    data = {
        "title": "A fictional action",
        "improvement": "Fewer fictional things go wrong.",
        "source": "self_evaluation",
        "accountable_partner": partner.pk,
        "responsible_body": body.pk,
        "start": "2026-12-01",
        "due": "2026-11-01",  # before the start
        "status": "not_started",
    }
    refused = officer.post(f"/workspace/{delivery.code}/actions/add/", data)
    assert "The due date must be on or after the start date." in refused.content.decode()
    assert not ImprovementAction.objects.filter(title="A fictional action").exists()
    data["due"] = "2027-06-30"
    response = officer.post(f"/workspace/{delivery.code}/actions/add/", data)
    action = ImprovementAction.objects.get(title="A fictional action")
    assert response["Location"] == f"/workspace/{delivery.code}/actions/{action.pk}/"
    assert (action.partnership, action.responsible_body, action.accountable_partner) == (
        delivery.partnership,
        body,
        partner,
    )
    assert action.due == datetime.date(2027, 6, 30) and not action.is_demo
    data["title"] = "A renamed fictional action"
    officer.post(f"/workspace/{delivery.code}/actions/{action.pk}/edit/", data)
    assert ImprovementAction.objects.get(pk=action.pk).title == "A renamed fictional action"
    assert action.history.count() == 2


def test_recording_progress(officer, delivery):
    action = delivery.at_risk
    updates = action.updates.count()
    bad = officer.post(
        f"/workspace/{delivery.code}/actions/{action.pk}/progress/", {"status": "on_track"}
    )
    assert 'id="error-summary"' in bad.content.decode()
    assert action.updates.count() == updates
    response = officer.post(
        f"/workspace/{delivery.code}/actions/{action.pk}/progress/",
        {"on": "2026-11-02", "status": "on_track", "narrative": "Both partners replied."},
    )
    assert response.status_code == 302
    assert ImprovementAction.objects.get(pk=action.pk).status == ActionStatus.ON_TRACK
    page = officer.get(f"/workspace/{delivery.code}/actions/{action.pk}/").content.decode()
    assert "Both partners replied." in page
    latest = ProgressUpdate.objects.filter(action=action).order_by("-pk").first()
    assert latest.recorded_by == delivery.support_officer


def test_a_closed_action_sends_people_back_from_the_progress_form(officer, delivery):
    action = delivery.complete
    response = officer.get(f"/workspace/{delivery.code}/actions/{action.pk}/progress/")
    assert response["Location"] == f"/workspace/{delivery.code}/actions/{action.pk}/"


def test_a_reader_sees_no_buttons_to_change(reader, delivery):
    action = delivery.at_risk
    page = reader.get(f"/workspace/{delivery.code}/actions/{action.pk}/").content.decode()
    assert "Record progress" not in page and "Change the action" not in page
    listing = reader.get(f"/workspace/{delivery.code}/actions/").content.decode()
    assert "Add an improvement action" not in listing


def test_recommendations_list_their_actions_and_unanswered_ones(officer, delivery):
    page = officer.get(f"/workspace/{delivery.code}/recommendations/").content.decode()
    assert page.count("No action yet") == 1
    assert "Fictional unanswered recommendation." in page
    assert delivery.answering.title in page
    response = officer.post(
        f"/workspace/{delivery.code}/recommendations/add/",
        {
            "source_document": "A fictional inspection",
            "text": "Do better.",
            "made_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    empty = officer.post(f"/workspace/{delivery.code}/recommendations/add/", {})
    text = empty.content.decode()
    assert "Enter the report" in text and "Enter the recommendation" in text


def test_an_action_on_an_indicator_links_both_ways(officer, delivery):
    """An action on an indicator names the indicator and its outcome; the indicator's staff
    page lists it. An indicator of another outcome is refused on the form, with nothing
    saved."""
    plan = PlanFactory(partnership=delivery.partnership, owning_body=delivery.body)
    indicator = OutcomeIndicatorFactory(outcome__parent__plan=plan)
    other = OutcomeIndicatorFactory(outcome=IntermediateOutcomeFactory(parent__plan=plan))
    action = ImprovementActionFactory(
        partnership=delivery.partnership,
        responsible_body=delivery.body,
        accountable_partner=delivery.partner,
        outcome=indicator.outcome,
        indicator=indicator,
    )
    code = delivery.code
    indicator_url = f"/workspace/{code}/performance/indicators/{indicator.pk}/"
    page = officer.get(f"/workspace/{code}/actions/{action.pk}/").content.decode()
    link = f"{indicator.measure.name}, {indicator.area.name}"
    assert f'href="{indicator_url}">{link}</a>' in page
    assert f"#outcome-{indicator.outcome_id}" in page
    text = officer.get(indicator_url).content.decode()
    assert "Improvement actions on this indicator" in text
    assert f'href="/workspace/{code}/actions/{action.pk}/">{action.title}</a>' in text

    data = {
        "title": "A fictional action on the wrong indicator",
        "improvement": "Fictional.",
        "source": "other",
        "outcome": indicator.outcome_id,
        "indicator": other.pk,
        "accountable_partner": action.accountable_partner_id,
        "responsible_body": action.responsible_body_id,
        "due": "2027-06-30",
        "status": "not_started",
    }
    refused = officer.post(f"/workspace/{code}/actions/add/", data).content.decode()
    assert "Choose an indicator of the outcome chosen, or no outcome." in refused
    assert not ImprovementAction.objects.filter(title=data["title"]).exists()


def test_the_board_puts_actions_in_a_column_for_each_status(officer, delivery):
    """Every status gets a column, in the order work moves; each action sits in its own."""
    code = delivery.code
    page = officer.get(f"/workspace/{code}/actions/?status=all&layout=board").content.decode()
    board = page.split('id="action-board"')[1].split('<h2 id="')[0]
    headings = [part.split('"')[0] for part in board.split('id="board-')[1:]]
    assert headings == ["not_started", "on_track", "at_risk", "off_track", "complete", "cancelled"]
    columns = dict(zip(headings, board.split('id="board-')[1:], strict=True))
    expected = {"on_track": 1, "at_risk": 1, "complete": 1}
    for status, column in columns.items():
        count = expected.get(status, 0)
        assert f"</strong> {count}</h3>" in column
        assert column.count('class="pp-board__card"') == count
    assert delivery.at_risk.title in columns["at_risk"]
    assert delivery.answering.title in columns["on_track"]
    assert delivery.complete.title in columns["complete"]
    # The open actions only, by default: no complete column.
    open_board = officer.get(f"/workspace/{code}/actions/?layout=board").content.decode()
    assert 'id="board-complete"' not in open_board and 'id="board-at_risk"' in open_board


@pytest.mark.parametrize(
    "query",
    ["body=999999999", "partner=abc", "status=nonsense", "layout=sideways", "body=%20"],
)
def test_an_unknown_filter_value_shows_the_open_actions_unfiltered(officer, delivery, query):
    """A filter value the list does not know is no filter at all (for status: open
    actions), never an error or a 500."""
    plain = officer.get(f"/workspace/{delivery.code}/actions/")
    odd = officer.get(f"/workspace/{delivery.code}/actions/?{query}")
    assert odd.status_code == 200
    assert odd.context["chosen"]["status"] == "open"
    assert len(plain.context["actions"]) == 2  # the two open actions
    assert [a.pk for a in odd.context["actions"]] == [a.pk for a in plain.context["actions"]]
