"""The evidence API: measures, an indicator's series with its status, inequality, and
partner systems submitting values with an API token.

The figures come from the fictional world of ``tests/plans/conftest.py`` (``world``);
the hand workings of the status and the inequality figures are in
``tests/plans/test_progress.py``'s docstring and repeated briefly where used.
"""

import json
from fractions import Fraction

import pytest

from placeplan.accounts.models import User
from placeplan.partnerships.models import PartnershipRole, Role
from placeplan.partnerships.services import (
    organisation_ensure,
    partner_add,
    partnership_role_grant,
)
from placeplan.performance.models import ApiToken, ApiTokenUse, ImportBatch, Measure, Observation
from placeplan.performance.services import (
    api_token_create,
    api_token_revoke,
    observation_correct,
)
from placeplan.plans.models import Plan
from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    WORLD_COUNCIL,
    WORLD_MEASURE,
    WORLD_SOURCE,
    highland,
    perth,
    world,
    world_value,
)

pytestmark = pytest.mark.django_db

HIGHLAND, PERTH = "S12000017", "S12000048"
HIGHLAND_IZ = "S02001978"  # Lochaber West
INEQUALITY_KEYS = {
    "measure",
    "period",
    "basis",
    "quintiles",
    "absolute_gap",
    "relative_gap",
    "sii",
    "rii",
    "duncan_index",
    "includes_estimates",
    "notes",
}
DUNCAN = float(Fraction(2718, 6751))


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


# -- GET /api/v1/measures -----------------------------------------------------------------------


def test_measures_lists_national_and_local_measures(client, world, perth):  # noqa: F811
    local = Measure.objects.create(
        code="test-perth-local",
        name="Perth test local indicator",
        definition="A local indicator of Perth and Kinross (test).",
        unit="count",
        higher_is_better=None,
        source="Test",
        collection=Measure.Collection.LOCAL,
        levels=["council_area"],
        partnership=perth,
    )
    measures = get(client, "/api/v1/measures")
    slugs = [m["slug"] for m in measures]
    assert slugs == sorted(slugs)
    assert len(slugs) == Measure.objects.count()
    by_slug = {m["slug"]: m for m in measures}
    assert by_slug[WORLD_MEASURE] == {
        "slug": WORLD_MEASURE,
        "name": "Fictional Child Poverty",
        "unit": "%",
        "higher_is_better": False,
        "levels": ["council_area", "intermediate_zone"],
        "collection": "cpop",
        "official": True,
        "partnership": None,
        "definition": "Children in low-income families (a fictional test measure).",
        "source": WORLD_SOURCE,
    }
    assert by_slug[local.code]["official"] is False
    assert by_slug[local.code]["partnership"] == PERTH
    assert by_slug[local.code]["higher_is_better"] is None
    assert "income-deprivation-rate" in by_slug


# -- GET /api/v1/partnerships/{code}/indicators/{slug} ------------------------------------------


def series_url(code=WORLD_COUNCIL, slug=WORLD_MEASURE, query=""):
    return f"/api/v1/partnerships/{code}/indicators/{slug}{query}"


def test_the_series_for_the_council_area_with_the_published_indicators_status(client, world):  # noqa: F811
    body = get(client, series_url())
    assert {k: body[k] for k in ("measure", "area", "area_name", "unit", "higher_is_better")} == {
        "measure": WORLD_MEASURE,
        "area": WORLD_COUNCIL,
        "area_name": "Glen Fictional",
        "unit": "%",
        "higher_is_better": False,
    }
    assert body["points"][0] == {
        "period": "2021/22",
        "start": "2021-04-01",
        "end": "2022-03-31",
        "value": 20.0,
        "numerator": None,
        "denominator": None,
        "kind": "raw",
        "is_estimate": False,
        "source": WORLD_SOURCE,
    }
    assert [(p["period"], p["value"], p["kind"], p["is_estimate"]) for p in body["points"]] == [
        ("2021/22", 20.0, "raw", False),
        ("2022/23", 19.0, "raw", False),
        ("2023/24", 17.8, "raw", False),
        ("2024/25", 16.5, "imputed", True),
        ("2025/26", 10.0, "projected", True),
    ]
    # Only the published plan's indicator. Expected on 31 Mar 2025 (the latest value that
    # is not a projection): 20 − 6 × 1096/1826 = 16.3987; 16.5 is 0.1013 worse, within
    # the tolerance of 0.3: at risk. 19.0, 17.8, 16.5: improving. Gap 19 → 16: narrowed.
    (status,) = body["status"]
    assert status["plan_id"] == world.plan.pk
    assert status["indicator_id"] == world.indicator.pk
    assert status["status"] == "at_risk"
    assert status["status_label"] == "At risk"
    assert status["expected"] == pytest.approx(20 - 6 * 1096 / 1826)
    assert status["target"] == 14.0
    assert status["target_date"] == "2027-03-31"
    assert status["trend"] == "improving"
    assert status["gap_since_baseline"] == "narrowed"


def test_the_series_for_a_community_has_no_public_status(client, world):  # noqa: F811
    # The draft plan's indicator for GF01 is not public.
    body = get(client, series_url(query="?area=S02900001"))
    assert body["area"] == "S02900001" and body["area_name"] == "Glen Fictional 01"
    assert [(p["period"], p["value"]) for p in body["points"]] == [
        ("2021/22", 30.0),
        ("2024/25", 26.0),
    ]
    assert body["status"] == []


def test_the_status_shows_once_the_draft_is_published(client, world):  # noqa: F811
    from tests.plans.conftest import agree, publish

    agree(world.draft, world.body)
    publish(world.draft)
    (status,) = get(client, series_url(query="?area=S02900001"))["status"]
    assert status["plan_id"] == world.draft.pk
    assert status["status"] == "no_target"
    assert status["target"] is None and status["target_date"] is None
    assert status["trend"] == "not_enough_data"
    assert status["gap_since_baseline"] is None


def test_the_council_area_named_as_area_is_the_council_area(client, world):  # noqa: F811
    body = get(client, series_url(query=f"?area={WORLD_COUNCIL}"))
    assert body["area"] == WORLD_COUNCIL and len(body["points"]) == 5


def test_from_and_to_limit_the_periods_by_their_end(client, world):  # noqa: F811
    # from 2022/23 = periods ending on or after 1 Apr 2022; to 2023/24 = ending by 31 Mar 2024.
    body = get(client, series_url(query="?from=2022/23&to=2023/24"))
    assert [p["period"] for p in body["points"]] == ["2022/23", "2023/24"]
    # A calendar year and a rolling period work too: ending in 2023 to 2025 → 2022/23 … 2024/25.
    body = get(client, series_url(query="?from=2023&to=2022-2025"))
    assert [p["period"] for p in body["points"]] == ["2022/23", "2023/24", "2024/25"]
    # The status is not limited by the range.
    assert body["status"][0]["status"] == "at_risk"


@pytest.mark.parametrize("query", ["?from=last+year", "?to=2023/25", "?from=20/21", "?to=1800"])
def test_an_unreadable_period_is_a_bad_request(client, world, query):  # noqa: F811
    body = get(client, series_url(query=query), status=400)
    assert "is not a period" in body["detail"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (series_url(code="S99999999"), "No partnership has the council area code S99999999"),
        (series_url(slug="no-such-measure"), "No measure has the slug 'no-such-measure'"),
        # A Highland community and a community that does not exist are outside the area.
        (series_url(query=f"?area={HIGHLAND_IZ}"), "is not an area in Glen Fictional"),
        (series_url(query="?area=S02999999"), "is not an area in Glen Fictional"),
        # Scotland is not an area of the partnership either.
        (series_url(query="?area=S92000003"), "is not an area in Glen Fictional"),
    ],
)
def test_unknown_partnership_measure_or_area_is_not_found(client, world, url, words):  # noqa: F811
    assert words in get(client, url, status=404)["detail"]


def test_another_partnerships_local_measure_is_not_found(client, world, perth):  # noqa: F811
    Measure.objects.create(
        code="test-perth-only",
        name="Perth only",
        definition="Local to Perth and Kinross (test).",
        unit="%",
        higher_is_better=True,
        source="Test",
        collection=Measure.Collection.LOCAL,
        levels=["council_area"],
        partnership=perth,
    )
    get(client, series_url(slug="test-perth-only"), status=404)
    assert get(client, series_url(code=PERTH, slug="test-perth-only"))["points"] == []


# -- GET /api/v1/partnerships/{code}/inequality -------------------------------------------------


def inequality_url(code=WORLD_COUNCIL, **query):
    query.setdefault("measure", WORLD_MEASURE)
    return f"/api/v1/partnerships/{code}/inequality?" + "&".join(
        f"{k}={v}" for k, v in query.items()
    )


def test_inequality_for_the_baseline_period(client, world):  # noqa: F811
    body = get(client, inequality_url(period="2021/22"))
    assert set(body) == INEQUALITY_KEYS
    assert body["measure"] == WORLD_MEASURE
    assert body["period"] == "2021/22"
    assert body["basis"] == "income"
    # Fifths of 2,000 people each: 29, 25, 21, 17, 10 (hand workings in test_progress.py).
    assert [set(q) for q in body["quintiles"]] == [{"quintile", "population", "value"}] * 5
    assert [(q["quintile"], q["population"]) for q in body["quintiles"]] == [
        (n, 2000.0) for n in range(1, 6)
    ]
    assert [q["value"] for q in body["quintiles"]] == pytest.approx([29, 25, 21, 17, 10])
    assert body["absolute_gap"] == pytest.approx(19.0)
    assert body["relative_gap"] == pytest.approx(2.9)
    assert body["sii"] == pytest.approx(23.0)
    assert body["rii"] == pytest.approx(23.0 / 20.4)
    assert body["duncan_index"] == pytest.approx(DUNCAN)
    assert body["includes_estimates"] is False
    assert body["notes"] == []


def test_inequality_for_a_period_with_an_estimate(client, world):  # noqa: F811
    body = get(client, inequality_url(period="2024/25"))
    assert [q["value"] for q in body["quintiles"]] == pytest.approx([25, 23, 19, 15, 9])
    assert body["absolute_gap"] == pytest.approx(16.0)
    assert body["sii"] == pytest.approx(20.0)
    assert body["includes_estimates"] is True
    assert body["notes"] == ["Some values for this period are estimates (imputed or projected)."]


def test_inequality_without_a_period_takes_the_latest_with_values(client, world):  # noqa: F811
    # Without the 2025/26 projection, 2024/25 is the latest period with any values.
    Observation.objects.filter(measure=world.measure, period__label="2025/26").delete()
    body = get(client, inequality_url())
    assert body["period"] == "2024/25"
    assert body["absolute_gap"] == pytest.approx(16.0)


@pytest.mark.parametrize("measure", ["simd-income-rate", "income-deprivation-rate"])
def test_inequality_without_a_period_for_a_measure_without_council_values(client, measure):
    """Found against 907bb0a: the default period was the council area's own latest, so
    these measures (no council-level values) answered period null and no quintiles."""
    # Both have values for Highland's data zones or communities in SIMD 2020 (the latest).
    body = get(client, inequality_url(code=HIGHLAND, measure=measure))
    assert body["period"] == "SIMD 2020"
    assert len(body["quintiles"]) == 5 and body["absolute_gap"] is not None


def test_inequality_without_a_period_takes_the_latest_with_community_values(client, world):  # noqa: F811
    # The council area's newest value (2025/26) is a projection with no community values;
    # the latest period the inequality can be computed for is 2024/25.
    body = get(client, inequality_url())
    assert body["period"] == "2024/25"
    assert body["absolute_gap"] == pytest.approx(16.0)


def test_inequality_without_a_period_never_takes_a_projected_one(client, world):  # noqa: F811
    # Communities projected (lower, to tempt) for 2025/26: the page's chart and the API
    # both default to 2024/25, the latest period that is not a projection.
    from tests.plans.conftest import world_value

    for area in world.communities:
        world_value(world.measure, area, "2025/26", 5.0, "projected")
    body = get(client, inequality_url())
    assert body["period"] == "2024/25"
    assert body["absolute_gap"] == pytest.approx(16.0)
    projected = get(client, inequality_url(period="2025/26"))
    assert projected["notes"] == ["The values for this period are projections, not measured."]


def test_inequality_for_a_period_without_values_explains(client, world):  # noqa: F811
    body = get(client, inequality_url(period="2019"))
    assert set(body) == INEQUALITY_KEYS
    assert body["period"] == "2019"
    assert body["quintiles"] == []
    assert body["absolute_gap"] is None and body["sii"] is None
    assert body["notes"] == ["No values for 2019."]


def test_a_council_only_measure_gives_nulls_and_a_note(client, world):  # noqa: F811
    body = get(client, inequality_url(measure="test-glen-council-only"))
    assert body == {
        "measure": "test-glen-council-only",
        "period": None,
        "basis": None,
        "quintiles": [],
        "absolute_gap": None,
        "relative_gap": None,
        "sii": None,
        "rii": None,
        "duncan_index": None,
        "includes_estimates": False,
        "notes": [
            "“Fictional council-only measure” is reported only for whole council areas, so "
            "it cannot be split by deprivation."
        ],
    }
    with_period = get(client, inequality_url(measure="test-glen-council-only", period="2024/25"))
    assert with_period["period"] == "2024/25"
    assert with_period["quintiles"] == [] and with_period["absolute_gap"] is None
    assert with_period["notes"] == body["notes"]


def test_data_zone_measures_use_national_quintiles_unless_asked_for_local(client):
    national = get(
        client, inequality_url(code=HIGHLAND, measure="simd-income-rate", period="SIMD 2020")
    )
    assert set(national) == INEQUALITY_KEYS
    assert national["basis"] == "national"
    assert [q["quintile"] for q in national["quintiles"]] == [1, 2, 3, 4, 5]
    local = get(
        client,
        inequality_url(
            code=HIGHLAND, measure="simd-income-rate", period="SIMD 2020", basis="local"
        ),
    )
    assert local["basis"] == "local"
    # Local fifths each hold about a fifth of Highland's people; national ones do not.
    people = [q["population"] for q in local["quintiles"]]
    assert max(people) - min(people) < 0.05 * sum(people)
    assert [q["population"] for q in national["quintiles"]] != people


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (inequality_url(code="S99999999"), "No partnership"),
        (inequality_url(measure="no-such-measure"), "No measure has the slug"),
    ],
)
def test_inequality_of_an_unknown_partnership_or_measure_is_not_found(client, world, url, words):  # noqa: F811
    assert words in get(client, url, status=404)["detail"]


# -- POST /api/v1/observations ------------------------------------------------------------------


GLEN_LOCAL = "test-glen-local-measure"


@pytest.fixture
def world_partner(world):  # noqa: F811
    organisation = organisation_ensure(name="Glen Fictional Council", kind="council")
    return partner_add(partnership=world.partnership, organisation=organisation)


def support_officer(partnership, **fields):
    user = User.objects.create_user(
        email=f"support-{User.objects.count()}@example.org",
        password="a-long-enough-test-password",
        full_name="Support Tester",
        **fields,
    )
    partnership_role_grant(user=user, partnership=partnership, role=Role.SUPPORT_OFFICER)
    return user


@pytest.fixture
def glen_officer(world):  # noqa: F811
    """A support officer of Glen Fictional: makes its tokens."""
    return support_officer(world.partnership)


@pytest.fixture
def glen_local(world):  # noqa: F811
    """Glen Fictional's own local indicator, with values for 2024/25 (the council area)
    and SIMD 2020 (GF02), the second with counts."""
    measure = Measure.objects.create(
        code=GLEN_LOCAL,
        name="Glen local measure",
        definition="A local indicator of Glen Fictional (test).",
        unit="%",
        higher_is_better=False,
        source="Glen Fictional Council",
        collection=Measure.Collection.LOCAL,
        partnership=world.partnership,
        levels=["council_area", "intermediate_zone"],
        valid_min=0.0,
        valid_max=100.0,
    )
    world_value(measure, world.council, "2024/25", 16.5, source="Glen Fictional Council")
    world_value(
        measure,
        world.communities[1],
        "SIMD 2020",
        35.0,
        numerator=350,
        denominator=1000,
        source="Glen Fictional Council",
    )
    return measure


@pytest.fixture
def token_record(world_partner, glen_officer, glen_local):
    return api_token_create(
        partner=world_partner, name="Glen performance system", user=glen_officer
    )


@pytest.fixture
def token(token_record):
    return token_record[1]


def submit(client, rows, secret=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return client.post(
        "/api/v1/observations",
        data=json.dumps({"rows": rows}),
        content_type="application/json",
        **headers,
    )


def good_rows():
    return [
        {"measure": GLEN_LOCAL, "area_code": WORLD_COUNCIL, "period": "2026/27", "value": 14.5},
        {
            "measure": GLEN_LOCAL,
            "area_code": "S02900001",
            "period": "2026/27",
            "value": "25.5",
            "kind": "provisional",
            "source": "Glen Fictional Council returns",
        },
        {
            "measure": GLEN_LOCAL,
            "area_code": "S02900002",
            "period": "SIMD 2020",
            "value": 35,
            "numerator": 350,
            "denominator": 1000,
            "source": "Glen Fictional Council",  # as stored by the fixture
        },
    ]


def test_without_a_token_nothing_is_accepted(client, world):  # noqa: F811
    before = Observation.objects.count()
    assert submit(client, good_rows()).status_code == 401
    assert submit(client, good_rows(), secret="pp_not-a-real-token").status_code == 401
    assert submit(client, good_rows(), secret="not even the prefix").status_code == 401
    assert Observation.objects.count() == before
    assert not ImportBatch.objects.filter(via="api").exists()


def test_a_revoked_token_is_refused(client, token_record, glen_officer):
    record, secret = token_record
    assert submit(client, good_rows(), secret).status_code == 201
    api_token_revoke(token=record, user=glen_officer)
    before = Observation.objects.count()
    response = submit(client, good_rows(), secret)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert Observation.objects.count() == before


def test_good_rows_are_saved_and_saving_them_again_changes_nothing(client, world, token):  # noqa: F811
    before = Observation.objects.count()
    response = submit(client, good_rows(), token)
    assert response.status_code == 201, response.content
    body = response.json()
    # Two new values (2026/27 is a new period) and the GF02 figure exactly as it is
    # stored (value, counts, kind and source), so unchanged.
    assert {k: body[k] for k in ("created", "updated", "unchanged")} == {
        "created": 2,
        "updated": 0,
        "unchanged": 1,
    }
    assert Observation.objects.count() == before + 2
    saved = Observation.objects.get(
        measure__code=GLEN_LOCAL, area__code="S02900001", period__label="2026/27"
    )
    assert (saved.value, saved.kind, saved.source) == (
        25.5,
        "provisional",
        "Glen Fictional Council returns",
    )
    council = Observation.objects.get(
        measure__code=GLEN_LOCAL, area__code=WORLD_COUNCIL, period__label="2026/27"
    )
    assert council.source == "Submitted by Glen Fictional Community Planning Partnership"
    batch = ImportBatch.objects.get(pk=body["batch_id"])
    assert (batch.via, batch.status, batch.partnership) == ("api", "done", world.partnership)
    assert batch.filename == "API: Glen performance system"

    again = submit(client, good_rows(), token)
    assert again.status_code == 201
    assert {k: again.json()[k] for k in ("created", "updated", "unchanged")} == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
    }
    assert again.json()["batch_id"] != body["batch_id"]
    assert Observation.objects.count() == before + 2


def test_a_corrected_value_is_updated(client, world, token):  # noqa: F811
    row = {"measure": GLEN_LOCAL, "area_code": WORLD_COUNCIL, "period": "2024/25", "value": 16.1}
    response = submit(client, [row], token)
    assert response.status_code == 201
    assert response.json()["updated"] == 1
    stored = Observation.objects.get(
        measure__code=GLEN_LOCAL, area=world.council, period__label="2024/25"
    )
    assert (stored.value, stored.kind) == (16.1, "raw")


def test_bad_rows_are_listed_by_row_and_nothing_is_saved(client, world, token):  # noqa: F811
    rows = good_rows()
    rows[0]["value"] = "lots"  # row 1
    rows[2]["numerator"] = 1500  # row 3: more than the denominator
    rows.append({"measure": "no-such-measure", "area_code": WORLD_COUNCIL, "period": "2026/27"})
    before = Observation.objects.count()
    response = submit(client, rows, token)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Nothing was saved: correct these rows."
    spots = [(e["row"], e["column"]) for e in body["errors"]]
    assert spots == [(1, "value"), (3, "numerator"), (4, "measure"), (4, "value")]
    assert "“lots” is not a number" in body["errors"][0]["message"]
    assert body["errors"][1]["message"] == (
        "The numerator (1500) is greater than the denominator (1000)."
    )
    # Row 2 was fine, but nothing is saved: not even it.
    assert Observation.objects.count() == before
    assert not Observation.objects.filter(period__label="2026/27").exists()
    assert ImportBatch.objects.get(via="api").status == ImportBatch.Status.HAS_ERRORS


def test_a_token_cannot_write_another_partnerships_areas(client, world, token):  # noqa: F811
    from placeplan.partnerships.models import Partner

    poverty = {"measure": GLEN_LOCAL, "period": "2026/27", "value": 9}
    rows = [
        {"measure": GLEN_LOCAL, "area_code": WORLD_COUNCIL, "period": "2026/27", "value": 14.0},
        {**poverty, "area_code": HIGHLAND},
        {**poverty, "area_code": HIGHLAND_IZ},
    ]
    before = Observation.objects.count()
    response = submit(client, rows, token)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "area_code"), (3, "area_code")]
    assert errors[0]["message"] == "No area in this partnership's area has the code “S12000017”."
    assert Observation.objects.count() == before

    # And a Highland partner's token cannot write Glen Fictional's areas.
    highland_partner = Partner.objects.filter(partnership__council_area__code=HIGHLAND).first()
    _, highland_secret = api_token_create(
        partner=highland_partner,
        name="Highland",
        user=support_officer(highland_partner.partnership),
    )
    response = submit(client, rows[:1], highland_secret)
    assert response.status_code == 422
    # Glen Fictional's council area, and its local measure, are unknown to Highland.
    assert {e["column"] for e in response.json()["errors"]} == {"measure", "area_code"}
    assert Observation.objects.count() == before


def test_an_empty_submission_is_a_bad_request(client, token):
    response = submit(client, [], token)
    assert response.status_code == 400
    assert response.json() == {"detail": "Send at least one row.", "errors": []}


def test_too_many_rows_are_a_bad_request(client, token, settings):
    settings.IMPORT_MAX_ROWS = 2
    response = submit(client, good_rows(), token)
    assert response.status_code == 400
    assert response.json()["detail"] == "Send at most 2 rows at a time."


def test_a_token_cannot_change_an_official_figure(client, world, token_record):  # noqa: F811
    # What was found: a partnership's token replaced a CPOP projection with 1.0 raw.
    record, secret = token_record
    row = {"measure": WORLD_MEASURE, "area_code": WORLD_COUNCIL, "period": "2025/26", "value": 1}
    official = Observation.objects.get(
        measure=world.measure, area=world.council, period__label="2025/26"
    )
    history = official.history.count()
    before = Observation.objects.count()
    response = submit(client, [row, good_rows()[0]], secret)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Nothing was saved: correct these rows."
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(1, "measure")]
    message = body["errors"][0]["message"]
    assert "official figure" in message
    assert "Community Planning Outcomes Profile" in message
    assert "Add a local measure" in message
    # Nothing saved: not the official value, not the good local row beside it.
    official.refresh_from_db()
    assert (official.value, official.kind) == (10.0, "projected")
    assert official.history.count() == history
    assert Observation.objects.count() == before
    # The public series still shows the official projection, with its source.
    points = get(client, series_url())["points"]
    assert points[-1] == {**points[-1], "value": 10.0, "kind": "projected", "source": WORLD_SOURCE}
    # The refused attempt is in the token's audit record.
    (use,) = ApiTokenUse.objects.filter(token=record)
    assert use.rows_sent == 2 and use.outcome.startswith("Nothing saved")


def test_a_site_administrators_correction_moves_the_status_of_the_published_indicator(
    client,
    world,  # noqa: F811
):
    # 15.0 measured for 2025/26 replaces the projection: expected on 31 Mar 2026 is
    # 20 − 6 × 1461/1826 = 15.1993, and 15.0 is better: on track.
    admin = User.objects.create_user(
        email="site-admin-correction@example.org",
        password="a-long-enough-test-password",
        full_name="Site Admin",
        is_superuser=True,
        is_staff=True,
    )
    official = Observation.objects.get(
        measure=world.measure, area=world.council, period__label="2025/26"
    )
    observation_correct(
        observation=official,
        user=admin,
        reason="Publisher's erratum of 1 May",
        value=15.0,
        kind="raw",
    )
    (status,) = get(client, series_url())["status"]
    assert status["status"] == "on_track"
    assert status["expected"] == pytest.approx(20 - 6 * 1461 / 1826)
    assert Plan.objects.get(pk=world.plan.pk).status == Plan.Status.PUBLISHED


# -- API tokens: expiry, the maker's role, the audit record -------------------------------------


def test_an_expired_token_is_refused_with_the_reason(client, token_record):
    record, secret = token_record
    ApiToken.objects.filter(pk=record.pk).update(expires_at=record.created_at)
    before = Observation.objects.count()
    response = submit(client, good_rows(), secret)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert Observation.objects.count() == before
    assert not ImportBatch.objects.filter(via="api").exists()
    assert not ApiTokenUse.objects.exists()


def test_a_token_is_refused_once_its_maker_is_deactivated(client, token_record, glen_officer):
    _, secret = token_record
    glen_officer.is_active = False
    glen_officer.save()
    response = submit(client, good_rows(), secret)
    assert response.status_code == 401
    assert "no longer has an active account" in response.json()["detail"]
    assert not ImportBatch.objects.filter(via="api").exists()


def test_a_token_is_refused_once_its_maker_is_no_longer_a_support_officer(
    client, token_record, glen_officer
):
    _, secret = token_record
    PartnershipRole.objects.filter(user=glen_officer).update(role=Role.PARTNER_OFFICER)
    response = submit(client, good_rows(), secret)
    assert response.status_code == 401
    assert "no longer allowed to manage" in response.json()["detail"]
    assert not ImportBatch.objects.filter(via="api").exists()


def test_every_write_with_a_token_is_in_the_audit_history(client, token_record, glen_officer):
    record, secret = token_record
    response = submit(client, good_rows(), secret)
    assert response.status_code == 201
    batch_id = response.json()["batch_id"]
    assert submit(client, [], secret).status_code == 400
    assert submit(client, [{**good_rows()[0], "value": "lots"}], secret).status_code == 422
    uses = list(ApiTokenUse.objects.filter(token=record).order_by("pk"))
    assert [(u.endpoint, u.rows_sent) for u in uses] == [("POST /api/v1/observations", 3)] + [
        ("POST /api/v1/observations", n) for n in (0, 1)
    ]
    first, empty, bad = uses
    assert first.batch_id == batch_id
    assert first.outcome == "2 new values, 0 corrected, 1 unchanged."
    assert empty.batch is None and empty.outcome == "Nothing saved: Send at least one row."
    assert bad.outcome == "Nothing saved: 1 problems in the rows."
    record.refresh_from_db()
    assert record.last_used_at is not None
    assert first.used_at <= bad.used_at <= record.last_used_at
    # The values written carry the token's maker and the import in their history.
    saved = Observation.objects.get(
        measure__code=GLEN_LOCAL, area__code=WORLD_COUNCIL, period__label="2026/27"
    )
    (created,) = saved.history.all()
    assert created.history_user == glen_officer
    assert created.history_change_reason == f"Import {batch_id}: API: Glen performance system"
