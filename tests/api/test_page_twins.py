"""Every public page has a JSON twin: the outcomes dashboard, plan comparison, partner
and locality pages' twins give the figures the page shows, to the same people, and
every public page that renders HTML is mapped to its twin (a new page without one fails).

The dashboard and locality figures come from the fictional world of
``tests/plans/conftest.py`` (``world``), whose values are worked out by hand there and in
``tests/plans/test_progress.py``; the plan comparison and the partner page read the demo.
Each test compares the JSON with the objects the page itself rendered (its context) and
with a figure worked out by hand.
"""

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.challenges.models import Challenge
from placeplan.partnerships.models import Locality, Partner, Role
from placeplan.partnerships.services import locality_save, partnership_role_grant
from placeplan.plans import services
from placeplan.plans.models import Plan
from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    WORLD_COUNCIL,
    WORLD_COUNCIL_ONLY,
    WORLD_MEASURE,
    add_outcome,
    agree,
    board,
    build,
    child_poverty,
    highland,
    highland_area,
    highland_partners,
    new_plan,
    publish,
    world,
)

pytestmark = pytest.mark.django_db

HIGHLAND, PERTH = "S12000017", "S12000048"

# -- every public page has a twin -----------------------------------------------------------

# Each public page that renders HTML, and the API operation that gives its figures.
TWINS = {
    "public:home": "api-v1:area_list",
    "public:comparison": "api-v1:comparison",
    "public:area": "api-v1:area_detail",
    "public:community": "api-v1:community_detail",
    "public:partnership": "api-v1:partnership_structure",
    "public:body": "api-v1:body_detail",
    "public:partner": "api-v1:partner_detail",
    "public:plans": "api-v1:partnership_plans",
    "public:plan": "api-v1:plan_detail",
    "public:plan_compare": "api-v1:plan_compare",
    "public:dashboard": "api-v1:dashboard",
    "public:outcomes": "api-v1:outcomes_profile",
    "public:indicator": "api-v1:indicator_series",
    "public:places": "api-v1:places",
    "public:locality": "api-v1:locality_detail",
    "public:locality_measure": "api-v1:locality_measure",
    "public:meetings": "api-v1:meeting_list",
    "public:body_meetings": "api-v1:meeting_list",
    "public:meeting": "api-v1:meeting_detail",
    "public:challenges": "api-v1:challenge_list",
    "public:search": "api-v1:search",
    "public:stories": "api-v1:stories",
    "public:story": "api-v1:story",
    "public:story_versions": "api-v1:story_versions",
    "public:engagement": "api-v1:engagement_list",
    "public:engagement_activity": "api-v1:engagement_detail",
    # The response form's page is about its activity: the same figures.
    "public:engagement_respond": "api-v1:engagement_detail",
    "public:place_standard": "api-v1:place_standard_detail",
    "public:budgets": "api-v1:budget_list",
    "public:budget": "api-v1:budget_detail",
    "public:resources": "api-v1:partnership_resources",
    "public:resources_outcome": "api-v1:partnership_resources_outcome",
}
# Public URLs that are not HTML pages: files that are themselves data (CSV, Excel, the
# calendar) or documents (papers, agenda packs).
DOWNLOADS = {
    "public:comparison_table",
    "public:plan_table",
    "public:indicator_table",
    "public:places_table",
    "public:locality_table",
    "public:locality_measure_table",
    "public:paper_download",
    "public:meeting_pack",
    "public:meetings_calendar",
    "public:budget_pabulib",
    "public:resources_table",
}
# Pages of fixed text, with no figures to give.
FIXED_TEXT = {"public:about_data", "public:accessibility"}


def _named_routes(namespace):
    """Every URL name in a namespace of the project's resolver, with its route."""

    def walk(patterns, prefix, inside):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                nested = inside or pattern.namespace == namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), nested)
            elif isinstance(pattern, URLPattern) and inside and pattern.name:
                yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)

    return dict(walk(get_resolver().url_patterns, "", False))


def test_every_public_page_has_a_json_twin():
    pages = _named_routes("public")
    api = _named_routes("api-v1")
    unclassified = set(pages) - set(TWINS) - DOWNLOADS - FIXED_TEXT
    assert not unclassified, (
        f"Public URLs with no JSON twin: {sorted(unclassified)}. Give each page an endpoint "
        "in src/placeplan/api/ and add it to TWINS (or, for a file download, to DOWNLOADS)."
    )
    assert not (set(TWINS) | DOWNLOADS | FIXED_TEXT) - set(pages), "a listed URL has gone"
    missing = {page: twin for page, twin in TWINS.items() if twin not in api}
    assert not missing, f"Twins that are not API operations: {missing}"
    # Downloads are files: their routes end in a file name or a download.
    for name in DOWNLOADS:
        last = pages[name].rstrip("/").rsplit("/", 1)[-1]
        assert "." in last or last == "download", (name, pages[name])


def test_the_twins_are_documented():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/partnerships/{code}/dashboard",
        "/api/v1/partnerships/{code}/plans/{plan_id}/compare/{other_id}",
        "/api/v1/partnerships/{code}/partners/{partner_id}",
        "/api/v1/partnerships/{code}/localities/{locality_id}",
        "/api/v1/partnerships/{code}/localities/{locality_id}/measures/{slug}",
        "/api/v1/partnerships/{code}/resources/{year}/outcomes/{outcome_pk}",
    ):
        assert set(paths[path]) == {"get"}, path
        assert "404" in paths[path]["get"]["responses"], path


# -- shared ---------------------------------------------------------------------------------


def _get(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response


def _json(url, client=None):
    response = _get(url, client)
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _not_found(url, mentions):
    response = Client().get(url)
    assert response.status_code == 404, url
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"} and mentions in body["detail"], body
    return body


def _support_officer(partnership):
    user = User.objects.create_user(
        email=f"twins-{partnership.pk}-{User.objects.count()}@example.org",
        password="a-long-enough-test-password",
        full_name="Twin Tester",
    )
    partnership_role_grant(user=user, partnership=partnership, role=Role.SUPPORT_OFFICER)
    client = Client()
    client.force_login(user)
    return client


def _plan_ref(plan, code):
    return {
        "id": plan.pk,
        "title": plan.title,
        "kind": {"code": plan.kind, "label": plan.get_kind_display()},
        "status": plan.status,
        "version": plan.version,
        "is_demo": plan.is_demo,
        "url": f"/areas/{code}/plans/{plan.pk}/" if plan.is_public else None,
        "api_url": f"/api/v1/plans/{plan.pk}",
    }


def _dashboard_rows(dashboard, code):
    """The dashboard as the page rendered it (its context), in the API's shape."""

    def value(p):
        return {k: p[k] for k in ("period", "value", "kind", "is_estimate", "source")}

    return [
        {
            "plan": _plan_ref(entry.plan, code),
            "counts": [{"label": label, "count": n} for label, n in entry.counts],
            "indicators": [
                {
                    "outcome": number,
                    "indicator_id": row.indicator.pk,
                    "measure": {
                        "code": row.indicator.measure.code,
                        "name": row.indicator.measure.name,
                        "unit": row.indicator.measure.unit,
                        "higher_is_better": row.indicator.measure.higher_is_better,
                    },
                    "area": {"code": row.indicator.area.code, "name": row.indicator.area.name},
                    "latest": value(row.latest) if row.latest else None,
                    "status": {
                        "code": row.status.code,
                        "label": row.status.label,
                        "expected": row.status.expected,
                        "target": {
                            "value": row.status.target.value,
                            "due": row.status.target.when.isoformat(),
                        }
                        if row.status.target
                        else None,
                    },
                    "trend": row.trend,
                    "trend_label": row.trend_label,
                    "comparison": {
                        "period": row.comparison.period,
                        "scotland": row.comparison.scotland,
                        "group_name": row.comparison.group_name,
                        "group_average": row.comparison.group_average,
                        "group_size": row.comparison.group_size,
                    }
                    if row.comparison
                    else None,
                    "gap_since_baseline": row.gap,
                    "gap_label": row.gap_label,
                    "values": [value(p) for p in row.points],
                    "page_url": f"/areas/{code}/performance/indicators/{row.indicator.pk}/",
                }
                for number, row in entry.rows
            ],
        }
        for entry in dashboard
    ]


# -- the outcomes dashboard -----------------------------------------------------------------

DASHBOARD_API = f"/api/v1/partnerships/{WORLD_COUNCIL}/dashboard"


def test_the_dashboard_twin_gives_the_pages_figures(world):  # noqa: F811
    page = _get(f"/areas/{WORLD_COUNCIL}/performance/")
    data = _json(DASHBOARD_API)
    assert data == {
        "partnership": "Glen Fictional Community Planning Partnership",
        "council_code": WORLD_COUNCIL,
        "plans": _dashboard_rows(page.context["dashboard"], WORLD_COUNCIL),
        "page_url": f"/areas/{WORLD_COUNCIL}/performance/",
    }
    # By hand (tests/plans/test_progress.py): the latest value is the imputed 16.5 of
    # 2024/25 (the 2025/26 projection is never used); on 31 March 2025 the straight line
    # from 20 (31 March 2022) to 14 (31 March 2027) stands at 20 - 6 × 1096/1826.
    ((plan),) = data["plans"]
    assert plan["plan"]["title"] == "Glen Fictional Outcomes Plan"
    assert plan["counts"] == [{"label": "At risk", "count": 1}]
    (row,) = plan["indicators"]
    assert row["outcome"] == "1.1"
    assert row["latest"] == {
        "period": "2024/25",
        "value": 16.5,
        "kind": "imputed",
        "is_estimate": True,
        "source": "Fictional test source",
    }
    assert row["status"]["label"] == "At risk"
    assert row["status"]["expected"] == pytest.approx(20 - 6 * 1096 / 1826)
    assert row["status"]["target"] == {"value": 14.0, "due": "2027-03-31"}
    assert row["trend_label"] == "Improving"
    assert row["comparison"]["scotland"] == 18.0
    # The mean of the family group's other council area: 21 (never the area itself).
    assert (row["comparison"]["group_average"], row["comparison"]["group_size"]) == (21.0, 1)
    assert row["gap_label"] == "Gap narrowed"
    assert [v["period"] for v in row["values"]][-1] == "2025/26"
    assert row["values"][-1]["kind"] == "projected" and row["values"][-1]["is_estimate"]
    # And the page says the same.
    assert "Expected 16.4; target 14.0 by Mar 2027" in " ".join(page.content.decode().split())


def test_the_dashboard_twin_never_shows_drafts_even_to_the_partnership(world):  # noqa: F811
    for client in (Client(), _support_officer(world.partnership)):
        data = _json(DASHBOARD_API, client)
        assert [p["plan"]["id"] for p in data["plans"]] == [world.plan.pk]
        text = str(data)
        assert "Glen Fictional Draft Locality Plan" not in text
        assert world.draft_indicator.pk not in [
            r["indicator_id"] for p in data["plans"] for r in p["indicators"]
        ]


def test_the_dashboard_twin_of_an_unknown_area_is_404():
    _not_found("/api/v1/partnerships/S12999999/dashboard", "S12999999")
    assert Client().get("/areas/S12999999/performance/").status_code == 404


# -- plan comparison ------------------------------------------------------------------------


@pytest.fixture
def soa():
    """Highland's demo Single Outcome Agreement: version 2 published, version 1 superseded."""
    newer = Plan.objects.get(
        partnership__council_area__code=HIGHLAND, kind=Plan.Kind.LOIP, status="published"
    )
    return Plan.objects.get(series=newer.series, version=1), newer


def test_the_comparison_twin_lists_the_pages_changes(soa):
    older, newer = soa
    page = _get(f"/areas/{HIGHLAND}/plans/{newer.pk}/compare/{older.pk}/")
    url = f"/api/v1/partnerships/{HIGHLAND}/plans/{newer.pk}/compare/{older.pk}"
    data = _json(url)
    assert [(c["kind"], c["subject"], c["details"]) for c in data["changes"]] == [
        (c.kind, c.subject, c.details) for c in page.context["changes"]
    ]
    assert (data["older"]["id"], data["older"]["version"], data["older"]["status"]) == (
        older.pk,
        1,
        "superseded",
    )
    assert (data["newer"]["id"], data["newer"]["version"], data["newer"]["status"]) == (
        newer.pk,
        2,
        "published",
    )
    assert data["page_url"] == f"/areas/{HIGHLAND}/plans/{newer.pk}/compare/{older.pk}/"
    # Seed 001's second version added an inequality target to Early Mortality (as the page
    # test in tests/public/test_plan_pages.py reads it).
    (mortality,) = [
        c for c in data["changes"] if c["subject"].startswith("Indicator Early Mortality")
    ]
    assert mortality["kind"] == "changed"
    assert any(
        d.startswith("Inequality target: “none” became “Halve the gap")
        for d in mortality["details"]
    )
    # Asked the other way round: the same comparison, older first.
    reverse_order = _json(f"/api/v1/partnerships/{HIGHLAND}/plans/{older.pk}/compare/{newer.pk}")
    assert reverse_order["changes"] == data["changes"]
    assert reverse_order["older"]["id"] == older.pk


def test_the_comparison_twin_never_shows_a_draft(soa):
    _, newer = soa
    draft = services.plan_amend(plan=newer)
    assert draft.series == newer.series and draft.status == "draft"
    url = f"/api/v1/partnerships/{HIGHLAND}/plans/{newer.pk}/compare/{draft.pk}"
    page = f"/areas/{HIGHLAND}/plans/{newer.pk}/compare/{draft.pk}/"
    officer = _support_officer(newer.partnership)
    for client in (Client(), officer):
        assert client.get(page).status_code == 404
        response = client.get(url)
        assert response.status_code == 404
        # Just what an id that does not exist gets: a draft cannot be discovered.
        assert response.json() == {
            "detail": f"{newer.partnership.name} has published no plan {draft.pk}."
        }


def test_the_comparison_twin_404s_like_the_page(soa):
    older, newer = soa
    _not_found(f"/api/v1/partnerships/S12999999/plans/{newer.pk}/compare/{older.pk}", "S12999")
    # Another partnership's plans are not there.
    _not_found(f"/api/v1/partnerships/{PERTH}/plans/{newer.pk}/compare/{older.pk}", "no plan")
    unknown = Plan.objects.order_by("-pk").first().pk + 1000
    _not_found(f"/api/v1/partnerships/{HIGHLAND}/plans/{newer.pk}/compare/{unknown}", "no plan")
    # A version with itself, or versions of two different plans.
    _not_found(
        f"/api/v1/partnerships/{HIGHLAND}/plans/{newer.pk}/compare/{newer.pk}", "two different"
    )
    other = (
        Plan.objects.filter(partnership=newer.partnership, status="published")
        .exclude(series=newer.series)
        .first()
    )
    if other is not None:
        _not_found(
            f"/api/v1/partnerships/{HIGHLAND}/plans/{newer.pk}/compare/{other.pk}", "same plan"
        )


# -- a partner's page -----------------------------------------------------------------------


def _partner_url(partner, api=True):
    code = partner.partnership.council_area.code
    if api:
        return f"/api/v1/partnerships/{code}/partners/{partner.pk}"
    return f"/areas/{code}/partnership/partners/{partner.pk}/"


@pytest.fixture
def police(highland):  # noqa: F811
    return Partner.objects.get(partnership=highland, organisation__name="Police Scotland")


def test_the_partner_twin_gives_the_pages_commitments_and_overdue_challenges(police):
    page = _get(_partner_url(police, api=False))
    data = _json(_partner_url(police))
    code = HIGHLAND
    assert data["name"] == "Police Scotland" and data["is_statutory"] is True
    assert data["kind"]["label"] == police.organisation.get_kind_display()
    assert data["commitments"] == [
        {
            "plan": _plan_ref(a.plan, code),
            "number": f"{a.outcome_number}.{a.commitment.number}",
            "what": a.commitment.what,
            "role": a.role,
            "measured_by": a.commitment.indicator.measure.name if a.commitment.indicator else None,
            "due": a.commitment.due.isoformat() if a.commitment.due else None,
        }
        for a in page.context["accountability"]
    ]
    assert all(c["plan"]["status"] == "published" for c in data["commitments"])
    # The demo's challenge from the Members Partnership Board to Police Scotland, whose
    # answer was due 12 days ago (src/placeplan/demo/meetings.py).
    overdue = page.context["overdue"]
    assert [c["id"] for c in data["overdue_challenges"]] == [c.pk for c in overdue]
    (challenge,) = data["overdue_challenges"]
    due = datetime.date.fromisoformat(challenge["answer_due"])
    assert (timezone.localdate() - due).days == 12
    assert challenge["url"] == f"/areas/{code}/challenges/#challenge-{challenge['id']}"
    assert data["page_url"] == _partner_url(police, api=False)


def test_the_partner_twin_shows_published_commitments_with_their_numbers(
    build,  # noqa: F811
    board,  # noqa: F811
    highland_partners,  # noqa: F811
):
    built = build(title="Twin test: a plan naming two partners")
    lead, contributor = highland_partners[0], highland_partners[1]
    officer = _support_officer(lead.partnership)

    def titled(partner, client=None):
        data = _json(_partner_url(partner), client)
        return [
            (c["number"], c["role"], c["measured_by"], c["due"])
            for c in data["commitments"]
            if c["plan"]["title"] == "Twin test: a plan naming two partners"
        ]

    # A draft's commitments reach nobody through the public page's twin.
    assert titled(lead) == titled(lead, officer) == []
    agree(built.plan, board)
    assert titled(lead) == []  # agreed is not published
    publish(built.plan)
    # Outcome 1.1, its first commitment: led by the first partner, the second contributes.
    expected = ("1.1.1", "Leads", "Child Poverty", "2028-03-31")
    assert titled(lead) == [expected]
    assert titled(contributor) == [("1.1.1", "Contributes", *expected[2:])]


def test_the_partner_twin_leaves_out_private_challenges(police):
    (challenge,) = _json(_partner_url(police))["overdue_challenges"]
    Challenge.objects.filter(pk=challenge["id"]).update(is_public=False)
    assert _json(_partner_url(police))["overdue_challenges"] == []
    officer = _support_officer(police.partnership)
    assert _json(_partner_url(police), officer)["overdue_challenges"] == []


def test_the_partner_twin_404s_like_the_page(police):
    _not_found(f"/api/v1/partnerships/S12999999/partners/{police.pk}", "S12999999")
    # Highland's partner is not a partner of Perth and Kinross.
    _not_found(f"/api/v1/partnerships/{PERTH}/partners/{police.pk}", f"no partner {police.pk}")
    assert Client().get(f"/areas/{PERTH}/partnership/partners/{police.pk}/").status_code == 404


# -- the locality pages ---------------------------------------------------------------------


@pytest.fixture
def glen_locality(world):  # noqa: F811
    """Glen Fictional 01 and 02, a thousand people each (tests/plans/conftest.py)."""
    return locality_save(
        locality=Locality(
            partnership=world.partnership, name="Upper Glen Fictional", has_poorer_outcomes=True
        ),
        communities=world.communities[:2],
    )


def _locality_plan(world, locality, title):  # noqa: F811
    plan = new_plan(
        world.partnership, world.body, title=title, kind=Plan.Kind.LOCALITY, locality=locality
    )
    outcome = add_outcome(plan, "Upper Glen Fictional children thrive")
    services.indicator_add(outcome=outcome, measure=world.measure, area=world.communities[0])
    return plan


def _locality_url(locality, suffix="", api=True):
    code = locality.partnership.council_area.code
    if api:
        return f"/api/v1/partnerships/{code}/localities/{locality.pk}{suffix}"
    return f"/areas/{code}/performance/localities/{locality.pk}/{suffix}"


def _locality_value(p):
    if p is None:
        return None
    return {
        "period": p.period,
        "value": p.value,
        "kind_label": p.kind_label,
        "is_estimate": p.is_estimate,
        "is_projection": p.is_projection,
        "method": p.method,
        "partnership": p.partnership,
        "scotland": p.scotland,
    }


def test_the_locality_twin_gives_the_pages_figures(world, glen_locality):  # noqa: F811
    published = _locality_plan(world, glen_locality, "Upper Glen Fictional locality plan")
    agree(published, world.body)
    publish(published)
    _locality_plan(world, glen_locality, "Upper Glen Fictional draft locality plan")

    page = _get(_locality_url(glen_locality, api=False))
    data = _json(_locality_url(glen_locality))
    evidence, code = page.context["evidence"], WORLD_COUNCIL
    assert data["measures"] == [
        {
            "measure": {
                "code": row.measure.code,
                "name": row.measure.name,
                "unit": row.measure.unit,
                "higher_is_better": row.measure.higher_is_better,
            },
            "latest": _locality_value(row.latest),
            "trend": row.trend,
            "trend_label": row.trend_label,
            "markedly_poorer": row.poorer,
            "page_url": _locality_url(glen_locality, f"measures/{row.measure.code}/", api=False),
            "api_url": _locality_url(glen_locality, f"/measures/{row.measure.code}"),
        }
        for row in evidence.measures
    ]
    assert data["plans"] == _dashboard_rows(page.context["dashboard"], code)
    assert data["population"] == evidence.population
    assert [c["code"] for c in data["communities"]] == [c.code for c in evidence.communities]
    assert data["markedly_poorer_on"] == [m.measure.code for m in evidence.poorer_measures]

    # By hand: 2,000 people; the 2024/25 value is the population-weighted mean of 26 and
    # 24 (a thousand people each), 25, an estimate; Glen Fictional had 16.5 and Scotland
    # 18, and 25 is worse than both by more than 10%.
    assert data["population"] == 2000
    (glen,) = [m for m in data["measures"] if m["measure"]["code"] == WORLD_MEASURE]
    assert glen["latest"]["value"] == pytest.approx(25.0)
    assert glen["latest"]["period"] == "2024/25" and glen["latest"]["is_estimate"] is True
    assert (glen["latest"]["partnership"], glen["latest"]["scotland"]) == (16.5, 18.0)
    assert glen["markedly_poorer"] is True and data["markedly_poorer_on"] == [WORLD_MEASURE]
    assert data["identified_as_poorer_outcomes"] is True
    # Its published locality plan, never the draft, with the indicator's latest value.
    assert [p["plan"]["title"] for p in data["plans"]] == ["Upper Glen Fictional locality plan"]
    (row,) = data["plans"][0]["indicators"]
    assert (row["area"]["code"], row["latest"]["value"]) == ("S02900001", 26.0)
    assert "draft locality plan" not in page.content.decode()


def test_the_locality_twin_never_shows_draft_plans_even_to_the_partnership(
    world,  # noqa: F811
    glen_locality,
):
    _locality_plan(world, glen_locality, "Upper Glen Fictional draft locality plan")
    for client in (Client(), _support_officer(world.partnership)):
        assert _json(_locality_url(glen_locality), client)["plans"] == []


def test_the_locality_measure_twin_gives_the_pages_figures(world, glen_locality):  # noqa: F811
    page = _get(_locality_url(glen_locality, f"measures/{WORLD_MEASURE}/", api=False))
    data = _json(_locality_url(glen_locality, f"/measures/{WORLD_MEASURE}"))
    row = page.context["page"].row
    assert data["values"] == [_locality_value(p) for p in row.points]
    assert data["latest"] == _locality_value(row.latest)
    assert (data["trend"], data["markedly_poorer"]) == (row.trend, row.poorer)
    assert data["communities"] == [
        {
            k: c[k]
            for k in ("code", "name", "period", "value", "kind_label", "is_estimate", "source")
        }
        for c in page.context["page"].communities
    ]
    assert data["measure"]["code"] == WORLD_MEASURE
    assert data["measure"]["direction_label"] == "Lower is better"
    # By hand: (30 + 28) / 2 = 29 in 2021/22 and (26 + 24) / 2 = 25 in 2024/25, beside
    # Glen Fictional's 20 and 16.5 and Scotland's 21 and 18.
    by_period = {
        v["period"]: (v["value"], v["partnership"], v["scotland"], v["is_estimate"])
        for v in data["values"]
    }
    assert by_period == {
        "2021/22": (pytest.approx(29.0), 20.0, 21.0, True),
        "2024/25": (pytest.approx(25.0), 16.5, 18.0, True),
    }
    assert [(c["code"], c["value"], c["kind_label"]) for c in data["communities"]] == [
        ("S02900001", 26.0, "Measured"),
        ("S02900002", 24.0, "Measured"),
    ]


def test_the_locality_twins_404_like_the_pages(world, glen_locality):  # noqa: F811
    other = Locality.objects.filter(partnership__council_area__code=PERTH).first()
    # Another partnership's locality, an unknown partnership, a measure not reported for
    # communities and an unknown measure.
    _not_found(f"/api/v1/partnerships/{WORLD_COUNCIL}/localities/{other.pk}", "no locality")
    _not_found(f"/api/v1/partnerships/S12999999/localities/{glen_locality.pk}", "S12999999")
    _not_found(
        f"/api/v1/partnerships/{WORLD_COUNCIL}/localities/{other.pk}/measures/{WORLD_MEASURE}",
        "no locality",
    )
    for slug in (WORLD_COUNCIL_ONLY, "no-such-measure"):
        _not_found(_locality_url(glen_locality, f"/measures/{slug}"), slug)
        page = _locality_url(glen_locality, f"measures/{slug}/", api=False)
        assert Client().get(page).status_code == 404


def test_the_twins_link_back_to_their_pages(world, glen_locality):  # noqa: F811
    code = WORLD_COUNCIL
    detail = _json(_locality_url(glen_locality))
    assert detail["page_url"] == reverse("public:locality", args=[code, glen_locality.pk])
    measure = _json(detail["measures"][0]["api_url"])
    assert measure["page_url"] == reverse(
        "public:locality_measure",
        args=[code, glen_locality.pk, detail["measures"][0]["measure"]["code"]],
    )
    assert _json(measure["locality"]["api_url"]) == detail
