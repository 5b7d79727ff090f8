"""The improvement action and recommendation pages: what they list, and their forms (an
error summary and nothing saved on bad input; one service call on good input)."""

import datetime

import pytest
from django.test import Client

from placeplan.accounts.models import User
from placeplan.delivery.models import ActionStatus, ImprovementAction, ProgressUpdate
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Body, Partner
from placeplan.plans.models import OutcomeIndicator

pytestmark = pytest.mark.django_db

HL = "S12000017"


@pytest.fixture
def officer():
    client = Client()
    client.force_login(User.objects.get(email=demo_email("highland", "support_officer")))
    return client


@pytest.fixture
def reader():
    """A national reader: reads every partnership's actions, changes none."""
    client = Client()
    client.force_login(User.objects.get(email="national.reader@demo.placeplan.invalid"))
    return client


def _open_demo_action():
    return ImprovementAction.objects.get(
        partnership__council_area__code=HL, is_demo=True, status=ActionStatus.AT_RISK
    )


def test_the_list_shows_open_actions_by_default_and_all_on_request(officer):
    page = officer.get(f"/workspace/{HL}/actions/").content.decode()
    assert "Record where each partner takes CPP decisions" in page
    assert "Delivery plans for the seven themes" not in page  # complete: not open
    everything = officer.get(f"/workspace/{HL}/actions/?status=all").content.decode()
    assert "Delivery plans for the seven themes" in everything


def test_the_list_names_what_needs_attention(officer):
    action = _open_demo_action()
    page = officer.get(f"/workspace/{HL}/actions/").content.decode()
    attention = page[page.index('id="attention-bodies"') : page.index('id="attention-partners"')]
    # Due 30 September 2026 and at risk: both overdue and at risk (the demo's "today" is
    # later than its due date whenever these tests run).
    assert attention.count(action.title) == 2


def test_adding_an_action_with_nothing_filled_in_shows_every_problem(officer):
    before = ImprovementAction.objects.count()
    response = officer.post(f"/workspace/{HL}/actions/add/", {})
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


def test_adding_and_changing_an_action(officer):
    body = Body.objects.get(partnership__council_area__code=HL, name="Safer Highland")
    partner = Partner.objects.get(
        partnership__council_area__code=HL, organisation__name="Police Scotland"
    )
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
    refused = officer.post(f"/workspace/{HL}/actions/add/", data)
    assert "The due date must be on or after the start date." in refused.content.decode()
    assert not ImprovementAction.objects.filter(title="A fictional action").exists()
    data["due"] = "2027-06-30"
    response = officer.post(f"/workspace/{HL}/actions/add/", data)
    action = ImprovementAction.objects.get(title="A fictional action")
    assert response["Location"] == f"/workspace/{HL}/actions/{action.pk}/"
    assert (action.responsible_body, action.accountable_partner) == (body, partner)
    assert action.due == datetime.date(2027, 6, 30) and not action.is_demo
    data["title"] = "A renamed fictional action"
    officer.post(f"/workspace/{HL}/actions/{action.pk}/edit/", data)
    assert ImprovementAction.objects.get(pk=action.pk).title == "A renamed fictional action"
    assert action.history.count() == 2


def test_recording_progress(officer):
    action = _open_demo_action()
    updates = action.updates.count()
    bad = officer.post(f"/workspace/{HL}/actions/{action.pk}/progress/", {"status": "on_track"})
    assert 'id="error-summary"' in bad.content.decode()
    assert action.updates.count() == updates
    response = officer.post(
        f"/workspace/{HL}/actions/{action.pk}/progress/",
        {"on": "2026-11-02", "status": "on_track", "narrative": "Both partners replied."},
    )
    assert response.status_code == 302
    assert ImprovementAction.objects.get(pk=action.pk).status == ActionStatus.ON_TRACK
    page = officer.get(f"/workspace/{HL}/actions/{action.pk}/").content.decode()
    assert "Both partners replied." in page
    latest = ProgressUpdate.objects.filter(action=action).order_by("-pk").first()
    assert latest.recorded_by.email == demo_email("highland", "support_officer")


def test_a_closed_action_sends_people_back_from_the_progress_form(officer):
    action = ImprovementAction.objects.filter(
        partnership__council_area__code=HL, status=ActionStatus.COMPLETE
    ).first()
    response = officer.get(f"/workspace/{HL}/actions/{action.pk}/progress/")
    assert response["Location"] == f"/workspace/{HL}/actions/{action.pk}/"


def test_a_reader_sees_no_buttons_to_change(reader):
    action = _open_demo_action()
    page = reader.get(f"/workspace/{HL}/actions/{action.pk}/").content.decode()
    assert "Record progress" not in page and "Change the action" not in page
    listing = reader.get(f"/workspace/{HL}/actions/").content.decode()
    assert "Add an improvement action" not in listing


def test_recommendations_list_their_actions_and_unanswered_ones(officer):
    page = officer.get(f"/workspace/{HL}/recommendations/").content.decode()
    assert page.count("No action yet") == 3
    assert "Record where each partner takes CPP decisions" in page
    response = officer.post(
        f"/workspace/{HL}/recommendations/add/",
        {
            "source_document": "A fictional inspection",
            "text": "Do better.",
            "made_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    empty = officer.post(f"/workspace/{HL}/recommendations/add/", {})
    text = empty.content.decode()
    assert "Enter the report" in text and "Enter the recommendation" in text


def test_an_action_on_an_indicator_links_both_ways(officer):
    """The demo action answering the crime challenge names the crime indicator and its
    outcome; the indicator's staff page lists it. An indicator of another outcome is
    refused on the form, with nothing saved."""
    action = ImprovementAction.objects.get(
        partnership__council_area__code=HL, is_demo=True, source="challenge"
    )
    indicator = action.indicator
    indicator_url = f"/workspace/{HL}/performance/indicators/{indicator.pk}/"
    page = officer.get(f"/workspace/{HL}/actions/{action.pk}/").content.decode()
    assert f'href="{indicator_url}">Crime Rate, Highland</a>' in page
    assert f"#outcome-{indicator.outcome_id}" in page
    text = officer.get(indicator_url).content.decode()
    assert "Improvement actions on this indicator" in text
    assert f'href="/workspace/{HL}/actions/{action.pk}/">{action.title}</a>' in text

    other = (
        OutcomeIndicator.objects.filter(outcome__plan=indicator.outcome.plan)
        .exclude(outcome=indicator.outcome)
        .first()
    )
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
    refused = officer.post(f"/workspace/{HL}/actions/add/", data).content.decode()
    assert "Choose an indicator of the outcome chosen, or no outcome." in refused
    assert not ImprovementAction.objects.filter(title=data["title"]).exists()


def test_the_board_puts_actions_in_a_column_for_each_status(officer):
    """Every status gets a column, in the order work moves; each action sits in its own."""
    page = officer.get(f"/workspace/{HL}/actions/?status=all&layout=board").content.decode()
    board = page.split('id="action-board"')[1].split('<h2 id="')[0]
    headings = [part.split('"')[0] for part in board.split('id="board-')[1:]]
    assert headings == ["not_started", "on_track", "at_risk", "off_track", "complete", "cancelled"]
    actions = ImprovementAction.objects.filter(partnership__council_area__code=HL)
    columns = board.split('id="board-')[1:]
    for status, column in zip(headings, columns, strict=True):
        expected = actions.filter(status=status).count()
        assert f"</strong> {expected}</h3>" in column
        assert column.count('class="pp-board__card"') == expected
    at_risk = _open_demo_action()
    assert at_risk.title in columns[2]
    # The open actions only, by default: no complete column.
    open_board = officer.get(f"/workspace/{HL}/actions/?layout=board").content.decode()
    assert 'id="board-complete"' not in open_board and 'id="board-at_risk"' in open_board


@pytest.mark.parametrize(
    "query",
    ["body=999999999", "partner=abc", "status=nonsense", "layout=sideways", "body=%20"],
)
def test_an_unknown_filter_value_shows_the_open_actions_unfiltered(officer, query):
    """A filter value the list does not know is no filter at all (for status: open
    actions), never an error or a 500."""
    plain = officer.get(f"/workspace/{HL}/actions/")
    odd = officer.get(f"/workspace/{HL}/actions/?{query}")
    assert odd.status_code == 200
    assert odd.context["chosen"]["status"] == "open"
    assert [a.pk for a in odd.context["actions"]] == [a.pk for a in plain.context["actions"]]
