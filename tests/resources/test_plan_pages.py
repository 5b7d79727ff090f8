"""The prevention plan in the workspace: support officers add interventions with the
indicators whose demand they should reduce, record spend and savings by year (summed by
year to the penny), set the trajectory, and draft, edit and agree the annual review;
everybody working in the partnership reads it."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from placeplan.partnerships.services import partnership_role_grant
from placeplan.resources.models import Intervention, PreventionTarget, Review
from tests.factories import (
    InterventionFactory,
    InterventionYearFactory,
    OutcomeFactory,
    OutcomeIndicatorFactory,
    PartnershipFactory,
    PlanFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def partnership():
    return PartnershipFactory()


def _client(partnership, role) -> Client:
    user = UserFactory(full_name=f"Fictional {role.replace('_', ' ').title()}")
    partnership_role_grant(user=user, partnership=partnership, role=role)
    client = Client()
    client.force_login(user)
    return client


def _url(partnership, name, *args):
    return reverse(f"resources:{name}", args=[partnership.council_area.code, *args])


def test_a_support_officer_adds_an_intervention_and_its_years(partnership):
    support = _client(partnership, "support_officer")
    use = OutcomeIndicatorFactory(outcome=OutcomeFactory(plan=PlanFactory(partnership=partnership)))
    added = support.post(
        _url(partnership, "intervention_add"),
        {
            "title": "Fictional family early help",
            "kind": "programme",
            "level": "secondary",
            "demand": "Fictional crisis referrals",
            "indicators": [use.pk],
        },
    )
    assert added.status_code == 302
    item = Intervention.objects.get(partnership=partnership)
    assert list(item.indicators.all()) == [use]

    years = _url(partnership, "intervention_years", item.pk)
    saved = support.post(
        years,
        {
            "year": "2026",
            "spend": "1000.10",
            "expected_cashable": "300.05",
            "expected_non_cashable": "0",
            "realised_cashable": "",
            "realised_non_cashable": "",
        },
    )
    assert saved.status_code == 302
    other = InterventionFactory(partnership=partnership, title="Fictional home safety visits")
    InterventionYearFactory(
        intervention=other,
        year=2026,
        spend=D("500.00"),
        expected_cashable=D("200.00"),
        expected_non_cashable=D("99.95"),
        realised_cashable=D("150.00"),
    )
    page = support.get(_url(partnership, "plan")).content.decode()
    assert "Fictional family early help" in page
    assert "£1,500.10" in page  # spend: 1,000.10 + 500.00
    assert "£600" in page  # expected: 300.05 + 200.00 + 99.95
    assert "£500.05" in page  # of which cashable: 300.05 + 200.00

    refused = support.post(years, {"year": "1999", "spend": "-1"})
    errors = refused.context["form"].errors
    assert set(errors) >= {"year", "spend", "expected_cashable"}
    assert item.years.count() == 1


def test_the_trajectory_is_set_by_year(partnership):
    support = _client(partnership, "support_officer")
    url = _url(partnership, "targets")
    assert support.post(url, {"year": "2030", "share": "35"}).status_code == 302
    assert support.post(url, {"year": "2030", "share": "40.5"}).status_code == 302
    assert list(PreventionTarget.objects.filter(partnership=partnership).values_list("share")) == [
        (D("40.50"),)
    ]
    refused = support.post(url, {"year": "2031", "share": "120"})
    assert refused.context["form"].errors["share"] == ["Enter a share of 100% or less"]
    assert (
        "40.5% preventative by 2030/31" in support.get(_url(partnership, "plan")).content.decode()
    )


def test_a_review_is_drafted_from_the_data_edited_and_agreed(partnership):
    support = _client(partnership, "support_officer")
    item = InterventionFactory(partnership=partnership, title="Fictional falls prevention")
    InterventionYearFactory(intervention=item, year=2026, spend=D("800.00"))
    drafted = support.post(_url(partnership, "plan"), {"year": "2026"})
    assert drafted.status_code == 302
    review = Review.objects.get(partnership=partnership, year=2026)
    entry = review.entries.get()
    assert "Spent £800 in 2026/27." in entry.note
    again = support.post(_url(partnership, "plan"), {"year": "2026"})
    assert again.context["form"].errors["year"] == ["The 2026/27 review is already started."]

    url = _url(partnership, "review", 2026)
    version = support.get(url).context["edit_version"]
    data = {
        "summary": "A fictional year of steady progress.",
        f"progress_{entry.pk}": "complete",
        f"note_{entry.pk}": "Fictional: finished early.",
        "edit_version": version,
        "agree": "1",
    }
    community = _client(partnership, "community_member")
    assert community.post(url, data).status_code == 403
    assert community.get(url).status_code == 200
    assert support.post(url, data).status_code == 302
    review.refresh_from_db()
    entry.refresh_from_db()
    assert (review.status, review.summary) == (Review.Status.AGREED, data["summary"])
    assert (entry.progress, entry.note) == ("complete", "Fictional: finished early.")
    assert support.post(url, data).status_code == 404  # agreed: no longer changes
    page = support.get(url).content.decode()
    assert "Fictional: finished early." in page


def test_everybody_in_the_partnership_reads_the_plan_and_only_support_officers_change_it(
    partnership,
):
    ReviewFactory(partnership=partnership, year=2025)
    member = _client(partnership, "community_member")
    assert member.get(_url(partnership, "plan")).status_code == 200
    assert member.get(_url(partnership, "intervention_add")).status_code == 403
    assert member.post(_url(partnership, "plan"), {"year": "2027"}).status_code == 403
    assert member.get(_url(partnership, "review", 2025)).status_code == 200
    assert member.get(_url(partnership, "review", 2024)).status_code == 404
    assert not Review.objects.filter(partnership=partnership, year=2027).exists()
