"""The Perth and Kinross demonstration engagement: labelled, the Place Standard exercise
for Perth City compares with the earlier one, every theme says what was done, the open
consultation takes responses, and the Perth City locality plan's public page shows the
engagement that shaped it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.engagement import selectors
from placeplan.engagement.models import Activity
from placeplan.partnerships.models import Locality
from placeplan.plans.models import Plan

pytestmark = pytest.mark.django_db
PERTH = "S12000048"


def test_the_demo_is_labelled_and_complete():
    activities = Activity.objects.filter(
        partnership__council_area__code=PERTH, is_demo=True
    ).exclude(kind=Activity.Kind.PARTICIPATORY_BUDGETING)  # the budgets demo's vote
    assert activities.count() == 5
    assert all("(demonstration)" in a.title for a in activities)
    themes = [t for a in activities for t in a.themes.all()]
    assert len(themes) == 5 and all(t.has_response for t in themes)
    [open_now] = [a for a in activities if a.accepts_responses(timezone.localdate())]
    assert open_now.kind == Activity.Kind.CONSULTATION


def test_perth_city_place_standard_compares_2024_with_2019():
    city = Locality.objects.get(partnership__council_area__code=PERTH, name="Perth City")
    result = selectors.place_standard_for_locality(city)
    assert result.activity.ends_on.year == 2024 and result.earlier.activity.ends_on.year == 2019
    feeling_safe = {r.theme: r for r in result.rows}["feeling_safe"]
    assert (feeling_safe.latest.text, feeling_safe.earlier.text) == ("3.9", "3.2")
    assert result.respondents == 412


def test_the_locality_plan_shows_the_engagement_that_shaped_it():
    plan = Plan.objects.get(
        partnership__council_area__code=PERTH, kind=Plan.Kind.LOCALITY, is_demo=True
    )
    page = Client().get(reverse("public:plan", args=[PERTH, plan.pk])).content.decode()
    assert "What people said that shaped this plan" in page
    assert "Help for families on low incomes" in page
    assert "Feeling safe in the streets" in page
