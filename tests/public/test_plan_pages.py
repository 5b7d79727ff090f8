"""The public plan pages on the demo plans: what the public reads and downloads agrees
with the loaded official data, and drafts never appear."""

import csv
import io

import pytest

from placeplan.performance.models import Observation
from placeplan.plans.models import Plan

pytestmark = pytest.mark.django_db
HIGHLAND, PERTH = "S12000017", "S12000048"


@pytest.fixture
def soa():
    return Plan.objects.get(
        partnership__council_area__code=HIGHLAND, kind=Plan.Kind.LOIP, status="published"
    )


@pytest.fixture
def draft():
    return Plan.objects.get(partnership__council_area__code=HIGHLAND, status="draft", is_demo=True)


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_indicators_csv_baselines_are_the_loaded_2012_13_figures(client, soa):
    rows = _csv(client.get(f"/areas/{HIGHLAND}/plans/{soa.pk}/indicators.csv"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Outcome", "Indicator", "Area"]
    crime = next(row for row in body if row[1] == "Crime Rate")
    observed = Observation.objects.get(
        measure__name="Crime Rate", area__code=HIGHLAND, period__label="2012/13"
    )
    assert crime[5] == f"{observed.value:.4f}".rstrip("0").rstrip(".")
    assert crime[6] == "2012/13"
    # The illustrative target is 5% below the baseline (lower crime is better).
    assert crime[8] == f"{round(observed.value * 0.95):g} by March 2019 (illustrative)"
    assert len(body) == 9  # one indicator for each of the nine intermediate outcomes


def test_commitments_csv_names_who_and_when(client, soa):
    rows = _csv(client.get(f"/areas/{HIGHLAND}/plans/{soa.pk}/commitments.csv"))
    by_what = {row[2]: row for row in rows[1:]}
    fires = by_what["Fewer fires in people's homes."]
    assert fires[5] == "Scottish Fire and Rescue Service"
    assert fires[6] == "NHS Highland; Highland Third Sector Interface"
    assert fires[8] == "2019-03-31"
    assert fires[9] == "Yes"


def test_public_plan_page_shows_priorities_and_labels_demonstration(client, soa):
    page = client.get(f"/areas/{HIGHLAND}/plans/{soa.pk}/").content.decode()
    assert "Demonstration content" in page
    assert "The partnership has chosen 5 priorities (at most 5)" in page
    assert "Illustrative" in page
    assert "Halve the gap between the most and least deprived fifth" in page


def test_superseded_version_is_marked_and_compared(client, soa):
    first = Plan.objects.get(series=soa.series, version=1)
    page = client.get(f"/areas/{HIGHLAND}/plans/{first.pk}/").content.decode()
    assert "This version has been replaced" in page
    changes = client.get(f"/areas/{HIGHLAND}/plans/{soa.pk}/compare/{first.pk}/")
    text = changes.content.decode()
    assert "Indicator Early Mortality for Highland" in text
    assert "Inequality target: “none” became “Halve the gap" in text


def test_drafts_are_not_public(client, draft):
    assert client.get(f"/areas/{HIGHLAND}/plans/{draft.pk}/").status_code == 404
    assert client.get(f"/areas/{HIGHLAND}/plans/{draft.pk}/outcomes.csv").status_code == 404
    listing = client.get(f"/areas/{HIGHLAND}/plans/").content.decode()
    assert draft.title not in listing


def test_unknown_table_is_not_found(client, soa):
    assert client.get(f"/areas/{HIGHLAND}/plans/{soa.pk}/budget.csv").status_code == 404


def test_locality_plan_coverage_is_public(client):
    page = client.get(f"/areas/{PERTH}/plans/").content.decode()
    assert "Perth City Locality Plan 2017 to 2027 (demonstration)" in page


def test_partner_page_lists_published_commitments_only(client, draft):
    police = draft.outcomes.get(parent__isnull=False).commitments.get().lead_partner
    page = client.get(f"/areas/{HIGHLAND}/partnership/partners/{police.pk}/").content.decode()
    assert "Fewer crimes recorded, and fewest where crime has been highest." in page
    assert "ten communities with the highest crime rates" not in page  # the draft's
