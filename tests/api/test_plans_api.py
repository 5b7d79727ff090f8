"""The open-data API's plan endpoints: a partnership's plans and one version of a plan.

Every plan here is built in the fixture through the plan services, so the expectations
are written out by hand from what the fixture put in (or read straight from the shipped
CSV), never through the selectors the API uses. Demo plans may exist too: the tests only
look at the plans they made."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db.models import Max

from placeplan.accounts.models import User
from placeplan.partnerships.models import Body, Locality, Partner, Partnership, Role
from placeplan.partnerships.services import partnership_role_grant
from placeplan.performance.models import Measure, Observation
from placeplan.places.services import read_csv
from placeplan.plans import services
from placeplan.plans.models import (
    Commitment,
    NationalOutcome,
    Outcome,
    Plan,
    PolicyPriority,
)

pytestmark = pytest.mark.django_db

HIGHLAND, PERTH = "S12000017", "S12000048"
BOARD = "Community Planning Partnership Board"
PERTH_CITY = "Perth City Local Community Planning Partnership"
COUNCIL, COLLEGE, PKAVS = (
    "Perth and Kinross Council",
    "Perth College UHI",
    "Perth and Kinross Association of Voluntary Service (PKAVS)",
)
SUMMARY_FIELDS = {
    "id",
    "title",
    "kind",
    "status",
    "version",
    "period_start",
    "period_end",
    "owning_body",
    "locality",
    "agreed_by",
    "agreed_on",
    "published_on",
    "is_demo",
    "url",
    "api_url",
}
OUTCOME_FIELDS = {
    "number",
    "level",
    "statement",
    "theme",
    "lead_body",
    "is_priority",
    "national_outcomes",
    "policy_priorities",
    "indicators",
    "commitments",
    "children",
}
HALVE_THE_GAP = (
    "Halve the gap between the most and least deprived fifth of communities by March 2030"
)


def _date(text):
    return datetime.date.fromisoformat(text)


def _commitment(outcome, what, **fields):
    contributors = fields.pop("contributing_partners", None)
    return services.commitment_save(
        commitment=Commitment(outcome=outcome, what=what, **fields),
        contributing_partners=contributors,
    )


@pytest.fixture
def perth():
    return Partnership.objects.get(council_area__code=PERTH)


@pytest.fixture
def plans(perth):
    """A published LOIP with a full tree, an amended draft of it (version 2), an agreed
    thematic plan and a draft locality plan, all in Perth and Kinross."""
    board = Body.objects.get(partnership=perth, name=BOARD)
    perth_city = Body.objects.get(partnership=perth, name=PERTH_CITY)
    partner = {
        name: Partner.objects.get(partnership=perth, organisation__name=name)
        for name in (COUNCIL, COLLEGE, PKAVS)
    }
    council_area = perth.council_area
    child_poverty = Measure.objects.get(code="cpop-child-poverty")
    attainment = Measure.objects.get(code="cpop-attainment")

    loip = services.plan_save(
        plan=Plan(
            partnership=perth,
            kind=Plan.Kind.LOIP,
            title="API test: Perth and Kinross Offer 2024-2034",
            summary="A test plan.",
            period_start=_date("2024-04-01"),
            period_end=_date("2034-03-31"),
            owning_body=board,
        )
    )
    children = services.outcome_save(
        outcome=Outcome(
            plan=loip,
            statement="Children get the best start in life",
            lead_body=board,
            is_priority=True,
        ),
        national_outcomes=NationalOutcome.objects.filter(
            name__in=["Poverty", "Children and Young People"]
        ),
        policy_priorities=PolicyPriority.objects.filter(name="Early years"),
    )
    poverty = services.outcome_save(
        outcome=Outcome(
            plan=loip,
            parent=children,
            statement="Fewer children live in poverty",
            theme="Poverty",
            lead_body=perth_city,
        )
    )
    dropped = services.outcome_save(
        outcome=Outcome(plan=loip, parent=children, statement="Removed before agreement")
    )
    learning = services.outcome_save(
        outcome=Outcome(
            plan=loip,
            parent=children,
            statement="The attainment gap narrows",
            theme="Learning",
            is_priority=True,
        )
    )
    services.outcome_remove(outcome=dropped)  # numbers close up: "learning" shows as 1.2
    services.outcome_save(outcome=Outcome(plan=loip, statement="Communities are safer"))

    poverty_indicator = services.indicator_add(
        outcome=poverty, measure=child_poverty, area=council_area
    )
    services.indicator_baseline_set(indicator=poverty_indicator, value=17.9, period="2021/22")
    # Added out of date order: the API lists targets by due date.
    services.target_add(
        indicator=poverty_indicator, value=14.5, due=_date("2030-03-31"), is_illustrative=True
    )
    services.target_add(indicator=poverty_indicator, value=16.0, due=_date("2027-03-31"))
    services.indicator_gap_target_set(
        indicator=poverty_indicator, reduction=50, by=_date("2030-03-31")
    )

    attainment_indicator = services.indicator_add(
        outcome=learning, measure=attainment, area=council_area
    )
    services.indicator_baseline_set(
        indicator=attainment_indicator,
        observation=Observation.objects.get(
            measure=attainment, area=council_area, period__label="2021/22"
        ),
    )
    services.target_add(indicator=attainment_indicator, value=5.75, due=_date("2028-03-31"))

    _commitment(
        poverty,
        "Every eligible family claims the Scottish Child Payment",
        how="Income maximisation advice in every school",
        indicator=poverty_indicator,
        lead_partner=partner[COUNCIL],
        contributing_partners=[partner[PKAVS], partner[COLLEGE]],
        lead_body=board,
        due=_date("2026-03-31"),
        is_preventative=True,
    )
    _commitment(
        poverty,
        "More funded childcare places in Perth City",
        lead_partner=partner[COLLEGE],
        due=_date("2027-03-31"),
    )
    _commitment(
        learning,
        "Mentoring for young people leaving school",
        lead_partner=partner[COUNCIL],
        due=_date("2028-03-31"),
    )
    services.plan_agree(plan=loip, agreed_by=board, agreed_on=_date("2024-03-20"))
    loip = services.plan_publish(plan=loip, published_on=_date("2024-04-02"))

    amendment = services.plan_amend(plan=loip)
    amendment.summary = "A test plan, refreshed."
    amendment = services.plan_save(plan=amendment)

    thematic = services.plan_save(
        plan=Plan(
            partnership=perth,
            kind=Plan.Kind.THEMATIC,
            title="API test: Employability delivery plan",
            period_start=_date("2024-04-01"),
            period_end=_date("2027-03-31"),
            owning_body=board,
        )
    )
    services.outcome_save(outcome=Outcome(plan=thematic, statement="More people in fair work"))
    thematic = services.plan_agree(plan=thematic, agreed_by=board, agreed_on=_date("2024-05-01"))

    locality_plan = services.plan_save(
        plan=Plan(
            partnership=perth,
            kind=Plan.Kind.LOCALITY,
            title="API test: Perth City locality plan",
            period_start=_date("2025-04-01"),
            period_end=_date("2030-03-31"),
            owning_body=perth_city,
            locality=Locality.objects.get(partnership=perth, name="Perth City"),
        )
    )
    return SimpleNamespace(
        loip=loip,
        amendment=amendment,
        thematic=thematic,
        locality=locality_plan,
        board=board,
        perth_city=perth_city,
        ids={loip.pk, amendment.pk, thematic.pk, locality_plan.pk},
    )


_emails = iter(range(1, 10_000))


def _user(role=None, code=PERTH):
    user = User.objects.create_user(
        email=f"plans-api-{next(_emails)}@example.org",
        password="a-long-enough-test-password",
        full_name="Test Person",
    )
    if role:
        partnership = Partnership.objects.get(council_area__code=code)
        partnership_role_grant(user=user, partnership=partnership, role=role)
    return user


@pytest.fixture
def support_officer():
    return _user(Role.SUPPORT_OFFICER)


def _mine(client, plans, code=PERTH):
    response = client.get(f"/api/v1/partnerships/{code}/plans")
    assert response.status_code == 200, response.content
    listed = response.json()
    for entry in listed:
        assert set(entry) == SUMMARY_FIELDS
    return {entry["id"]: entry for entry in listed if entry["id"] in plans.ids}


def _detail(client, pk):
    response = client.get(f"/api/v1/plans/{pk}")
    assert response.status_code == 200, response.content
    return response.json()


def _published_summary(plans):
    pk = plans.loip.pk
    return {
        "id": pk,
        "title": "API test: Perth and Kinross Offer 2024-2034",
        "kind": {"code": "loip", "label": "Local Outcomes Improvement Plan (SOA)"},
        "status": "published",
        "version": 1,
        "period_start": "2024-04-01",
        "period_end": "2034-03-31",
        "owning_body": {"id": plans.board.pk, "name": BOARD},
        "locality": None,
        "agreed_by": BOARD,
        "agreed_on": "2024-03-20",
        "published_on": "2024-04-02",
        "is_demo": False,
        "url": f"/areas/{PERTH}/plans/{pk}/",
        "api_url": f"/api/v1/plans/{pk}",
    }


def test_anonymous_list_shows_the_published_version_only(client, plans):
    assert _mine(client, plans) == {plans.loip.pk: _published_summary(plans)}


def test_list_of_a_partnership_without_plans_of_ours(client, plans):
    assert _mine(client, plans, HIGHLAND) == {}


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda: _user(), id="signed-in-without-a-role"),
        pytest.param(lambda: _user(Role.SUPPORT_OFFICER, HIGHLAND), id="officer-elsewhere"),
    ],
)
def test_people_outside_the_partnership_see_what_the_public_sees(client, plans, who):
    client.force_login(who())
    assert _mine(client, plans) == {plans.loip.pk: _published_summary(plans)}
    for hidden in (plans.amendment, plans.thematic, plans.locality):
        assert client.get(f"/api/v1/plans/{hidden.pk}").status_code == 404


def test_support_officer_sees_each_plans_newest_version_with_drafts(client, plans, support_officer):
    client.force_login(support_officer)
    mine = _mine(client, plans)
    # The LOIP appears once: as its newest version, the draft amendment.
    assert set(mine) == {plans.amendment.pk, plans.thematic.pk, plans.locality.pk}
    amendment = mine[plans.amendment.pk]
    assert amendment == {
        **_published_summary(plans),
        "id": plans.amendment.pk,
        "status": "draft",
        "version": 2,
        "agreed_by": None,
        "agreed_on": None,
        "published_on": None,
        "url": None,
        "api_url": f"/api/v1/plans/{plans.amendment.pk}",
    }
    thematic = mine[plans.thematic.pk]
    assert (thematic["status"], thematic["agreed_by"], thematic["agreed_on"]) == (
        "agreed",
        BOARD,
        "2024-05-01",
    )
    assert thematic["kind"] == {"code": "thematic", "label": "Thematic delivery plan"}
    assert (thematic["url"], thematic["published_on"]) == (None, None)
    locality = mine[plans.locality.pk]
    assert locality["status"] == "draft"
    assert locality["kind"] == {"code": "locality", "label": "Locality plan"}
    assert locality["locality"] == "Perth City"
    assert locality["owning_body"] == {"id": plans.perth_city.pk, "name": PERTH_CITY}
    assert (locality["period_start"], locality["period_end"]) == ("2025-04-01", "2030-03-31")


def test_support_officer_sees_a_renamed_amendment_as_the_newest_version(
    client, plans, support_officer
):
    plans.amendment.title = "API test: Perth and Kinross Offer 2024-2034 (refreshed)"
    services.plan_save(plan=plans.amendment)
    client.force_login(support_officer)
    mine = _mine(client, plans)
    assert plans.amendment.pk in mine
    assert plans.loip.pk not in mine


@pytest.mark.parametrize("which", ["amendment", "thematic", "locality"])
def test_unpublished_versions_are_404_for_the_public_and_readable_in_the_partnership(
    client, plans, support_officer, which
):
    plan = getattr(plans, which)
    response = client.get(f"/api/v1/plans/{plan.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    # Exactly what an id that does not exist gets: a draft cannot be discovered.
    assert response.json() == {"detail": f"No plan has the id {plan.pk}."}

    client.force_login(support_officer)
    detail = _detail(client, plan.pk)
    assert detail["id"] == plan.pk
    assert detail["status"] == plan.status
    assert detail["url"] is None


def test_a_community_member_of_the_partnership_reads_drafts_too(client, plans):
    client.force_login(_user(Role.COMMUNITY_MEMBER))
    assert _detail(client, plans.locality.pk)["status"] == "draft"
    assert plans.locality.pk in _mine(client, plans)


def test_published_plan_detail_summary_matches_the_list(client, plans):
    detail = _detail(client, plans.loip.pk)
    assert set(detail) == SUMMARY_FIELDS | {"outcomes", "priorities"}
    assert {k: v for k, v in detail.items() if k in SUMMARY_FIELDS} == _published_summary(plans)


def test_published_plan_tree_numbers_and_shape(client, plans):
    detail = _detail(client, plans.loip.pk)
    outcomes = detail["outcomes"]
    # Two long-term outcomes; the removed 1.2 leaves no gap in the numbering.
    assert [(o["number"], o["level"], o["statement"]) for o in outcomes] == [
        ("1", "long_term", "Children get the best start in life"),
        ("2", "long_term", "Communities are safer"),
    ]
    assert [(o["number"], o["level"], o["statement"]) for o in outcomes[0]["children"]] == [
        ("1.1", "intermediate", "Fewer children live in poverty"),
        ("1.2", "intermediate", "The attainment gap narrows"),
    ]
    assert outcomes[1]["children"] == []
    assert detail["priorities"] == ["1", "1.2"]

    top = outcomes[0]
    assert set(top) == OUTCOME_FIELDS
    assert top["lead_body"] == BOARD
    assert top["is_priority"] is True
    assert top["theme"] == ""
    # Listed in the National Performance Framework's order, not the order given.
    assert top["national_outcomes"] == ["Children and Young People", "Poverty"]
    assert top["policy_priorities"] == ["Early years"]
    assert (top["indicators"], top["commitments"]) == ([], [])
    poverty, learning = top["children"]
    assert set(poverty) == OUTCOME_FIELDS
    assert (poverty["theme"], poverty["lead_body"], poverty["is_priority"]) == (
        "Poverty",
        PERTH_CITY,
        False,
    )
    assert (learning["lead_body"], learning["is_priority"]) == (None, True)
    assert poverty["children"] == learning["children"] == []
    assert outcomes[1]["lead_body"] is None
    assert outcomes[1]["national_outcomes"] == outcomes[1]["policy_priorities"] == []


def test_published_plan_indicators_baselines_and_targets(client, plans):
    poverty, learning = _detail(client, plans.loip.pk)["outcomes"][0]["children"]
    [child_poverty] = poverty["indicators"]
    assert child_poverty == {
        "code": "cpop-child-poverty",
        "name": "Child Poverty",
        "unit": "%",
        "higher_is_better": False,
        "source": Measure.objects.get(code="cpop-child-poverty").source,
        "area": {"code": PERTH, "name": "Perth and Kinross"},
        "baseline": {"value": 17.9, "period": "2021/22", "is_estimate": False},
        "targets": [
            {"value": 16.0, "due": "2027-03-31", "is_illustrative": False},
            {"value": 14.5, "due": "2030-03-31", "is_illustrative": True},
        ],
        "inequality_target": HALVE_THE_GAP,
    }
    assert child_poverty["source"].startswith("Community Planning Outcomes Profile, ")

    # The attainment baseline was taken from the data: cpp_outcomes.csv has
    # S12000048,Perth and Kinross,Attainment,2021/22,imputed,5.6283400832603805
    row = next(
        r
        for r in read_csv(settings.DATA_DIR / "outcomes" / "cpp_outcomes.csv")
        if (r["area_code"], r["measure"], r["period"]) == (PERTH, "Attainment", "2021/22")
    )
    assert row["kind"] == "imputed"
    [attainment] = learning["indicators"]
    assert (attainment["code"], attainment["higher_is_better"]) == ("cpop-attainment", True)
    assert attainment["unit"] == "average tariff score"
    assert attainment["baseline"] == {
        "value": pytest.approx(float(row["value"])),
        "period": "2021/22",
        "is_estimate": True,  # imputed values are estimates
    }
    assert attainment["baseline"]["value"] == pytest.approx(5.62834, abs=1e-5)
    assert attainment["targets"] == [{"value": 5.75, "due": "2028-03-31", "is_illustrative": False}]
    assert attainment["inequality_target"] is None


def test_published_plan_commitments(client, plans):
    poverty, learning = _detail(client, plans.loip.pk)["outcomes"][0]["children"]
    first, second = poverty["commitments"]
    assert {**first, "contributing_partners": sorted(first["contributing_partners"])} == {
        "number": "1.1.1",
        "what": "Every eligible family claims the Scottish Child Payment",
        "how": "Income maximisation advice in every school",
        "indicator": "Child Poverty",
        "lead_partner": COUNCIL,
        "contributing_partners": sorted([COLLEGE, PKAVS]),
        "lead_body": BOARD,
        "due": "2026-03-31",
        "is_preventative": True,
        "is_complete": True,
    }
    assert second == {
        "number": "1.1.2",
        "what": "More funded childcare places in Perth City",
        "how": "",
        "indicator": None,
        "lead_partner": COLLEGE,
        "contributing_partners": [],
        "lead_body": None,
        "due": "2027-03-31",
        "is_preventative": False,
        "is_complete": True,
    }
    # Under the outcome that moved up from 1.3 to 1.2 when 1.2 was removed.
    assert [(c["number"], c["lead_partner"]) for c in learning["commitments"]] == [
        ("1.2.1", COUNCIL)
    ]


def test_draft_commitment_gaps_show_as_incomplete(client, plans, support_officer):
    draft_outcome = Outcome.objects.get(
        plan=plans.amendment, statement="Fewer children live in poverty"
    )
    _commitment(draft_outcome, "A commitment with no one accountable yet")
    client.force_login(support_officer)
    poverty = _detail(client, plans.amendment.pk)["outcomes"][0]["children"][0]
    last = poverty["commitments"][-1]
    assert (last["number"], last["lead_partner"], last["due"]) == ("1.1.3", None, None)
    assert last["is_complete"] is False
    # The amendment copies the published version's tree.
    assert [c["number"] for c in poverty["commitments"]] == ["1.1.1", "1.1.2", "1.1.3"]


def test_superseded_versions_stay_public(client, plans):
    services.outcome_save(
        outcome=Outcome(plan=plans.amendment, statement="Older people live well at home")
    )
    services.plan_agree(plan=plans.amendment, agreed_by=plans.board, agreed_on=_date("2025-03-01"))
    services.plan_publish(plan=plans.amendment, published_on=_date("2025-03-02"))

    mine = _mine(client, plans)
    assert set(mine) == {plans.amendment.pk}
    assert mine[plans.amendment.pk]["status"] == "published"
    assert mine[plans.amendment.pk]["version"] == 2

    old = _detail(client, plans.loip.pk)
    assert old["status"] == "superseded"
    assert old["url"] == f"/areas/{PERTH}/plans/{plans.loip.pk}/"
    assert [o["number"] for o in old["outcomes"]] == ["1", "2"]
    new = _detail(client, plans.amendment.pk)
    assert [o["statement"] for o in new["outcomes"]][-1] == "Older people live well at home"
    assert [o["number"] for o in new["outcomes"]] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("code", "mentions"),
    [("S12999999", "S12999999"), ("perth", "perth"), ("S02001236", "S02001236")],
)
def test_unknown_partnership_plans_is_404_with_detail(client, code, mentions):
    response = client.get(f"/api/v1/partnerships/{code}/plans")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}
    assert mentions in body["detail"]


def test_unknown_plan_is_404_with_detail(client, plans, support_officer):
    unknown = Plan.objects.aggregate(top=Max("pk"))["top"] + 1000
    for signed_in in (False, True):
        if signed_in:
            client.force_login(support_officer)
        response = client.get(f"/api/v1/plans/{unknown}")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": f"No plan has the id {unknown}."}
    assert client.get("/api/v1/plans/not-a-number").status_code == 422


def test_plan_detail_query_count_is_bounded(client, plans, django_assert_max_num_queries):
    # A fixed number whatever the plan's size: the tree is read in one pass of prefetches.
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/plans/{plans.loip.pk}")
    assert response.status_code == 200


def test_plan_list_query_count_is_bounded(client, plans, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/v1/partnerships/{PERTH}/plans")
    assert response.status_code == 200


def test_no_personal_data_in_plans(client, plans, support_officer):
    client.force_login(support_officer)
    texts = [
        client.get(f"/api/v1/partnerships/{PERTH}/plans").content.decode(),
        client.get(f"/api/v1/plans/{plans.loip.pk}").content.decode(),
        client.get(f"/api/v1/plans/{plans.amendment.pk}").content.decode(),
    ]
    for text in texts:
        assert "@" not in text
        assert support_officer.full_name not in text


def test_openapi_schema_lists_the_plan_endpoints(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for path in ("/api/v1/partnerships/{code}/plans", "/api/v1/plans/{plan_id}"):
        assert schema["paths"][path]["get"]["tags"] == ["plans"]
    children = schema["components"]["schemas"]["PlanOutcome"]["properties"]["children"]
    assert children["items"] == {"$ref": "#/components/schemas/PlanOutcome"}
