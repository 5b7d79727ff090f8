"""A form shows all its errors at once: a field it cannot read does not hide a rule broken
by another field (the plan's, the partnership's), nor one rule another. Each case posts
two problems, one a cross-field or service rule, and finds both in the error summary."""

import pytest
from django.test import Client

from placeplan.partnerships.services import organisation_ensure
from tests.factories import user_with_role
from tests.plans.conftest import world  # noqa: F401 (fixture reused)

pytestmark = pytest.mark.django_db


def summary_of(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index("ds_error-summary")
    return html[start : html.index("</div>", start)]


def support_officer(code) -> Client:
    client = Client()
    client.force_login(user_with_role("support_officer", council_code=code))
    return client


def test_a_target_shows_an_unreadable_value_and_a_date_outside_the_plan_at_once(world):  # noqa: F811
    code = world.council.code
    indicator = world.draft_indicator
    url = f"/workspace/{code}/plans/{world.draft.pk}/indicators/{indicator.pk}/targets/add/"
    # The value is missing (the form cannot read it) and the date is outside the plan's
    # period (the plan's rule, checked before only once the value was valid).
    response = support_officer(code).post(url, {"value": "", "due": "2045-03-31"})
    summary = summary_of(response)
    assert "Enter the target value" in summary
    assert "A target is due within the plan&#x27;s period" in summary
    assert not world.draft_indicator.targets.exists()


def test_a_partner_form_shows_both_choices_and_the_missing_type_at_once(world):  # noqa: F811
    code = world.council.code
    known = organisation_ensure(name="Fictional Glen Trust", kind="tsi")
    response = support_officer(code).post(
        f"/workspace/{code}/partners/add/",
        {"organisation": known.pk, "name": "Fictional Strath Housing", "status": "schedule"},
    )
    summary = summary_of(response)
    assert "name a new one, not both" in summary
    assert "Choose the type of the new organisation" in summary
    assert not world.partnership.partners.filter(organisation=known).exists()


def test_a_seat_names_every_rule_it_breaks_at_once(world):  # noqa: F811
    """A body of at most one representative whose chair must be a senior officer of a
    partner: adding its one member again, as chair and not a senior officer, breaks three
    rules, and the summary names all three (before, only the first)."""
    from tests.factories.partnerships import BodyFactory, MembershipFactory

    code = world.council.code
    body = BodyFactory(
        partnership=world.partnership,
        name="Fictional Glen Small Group",
        max_members=1,
        leads_from_partners=True,
    )
    seat = MembershipFactory(body=body)
    response = support_officer(code).post(
        f"/workspace/{code}/bodies/{body.pk}/members/add/",
        {
            "person": seat.person.pk,
            "role": "chair",
            "category": "officer",
            "start": "2025-05-01",
        },
    )
    summary = summary_of(response)
    assert f"{seat.person.name} is already a member of {body.name}" in summary
    assert "At most 1 representatives" in summary
    assert "Chair and lead officer are senior officers of partners" in summary
    assert body.memberships.count() == 1
