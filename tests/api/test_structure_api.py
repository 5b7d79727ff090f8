"""The open-data API's governance endpoints: a partnership's structure and one body.

Expectations are counted by hand from the demo structures in
``placeplan/demo/governance.py`` (which follow the seed documents) or counted again here
straight from the Membership rows, never through the selectors the API uses."""

import json

import pytest
from django.db.models import Count, Max, Q
from django.utils import timezone

from placeplan.partnerships.models import Body, Membership, Partnership, Person

pytestmark = pytest.mark.django_db

HIGHLAND, PERTH = "S12000017", "S12000048"
CATEGORIES = {
    "elected_member",
    "non_executive",
    "officer",
    "community_representative",
    "third_sector",
    "other",
}
HIGHLAND_THEMATIC_GROUPS = {
    "Safer Highland",
    "For Highland's Children",
    "Health Inequalities",
    "Community Learning and Development",
    "Employability",
    "Environment",
    "Strategic Commissioning for Adults",
}
BODY_FIELDS = {
    "id",
    "name",
    "short_name",
    "kind",
    "kind_label",
    "level",
    "level_label",
    "parent",
    "purpose",
    "meeting_frequency",
    "remit",
    "members",
    "members_by_category",
    "locality",
    "rules",
    "is_demo",
    "page_url",
    "api_url",
}


def _structure(client, code=HIGHLAND):
    response = client.get(f"/api/v1/partnerships/{code}/structure")
    assert response.status_code == 200, response.content
    return response.json()


def _by_name(structure):
    return {body["name"]: body for body in structure["bodies"]}


def _body(code, name):
    return Body.objects.get(partnership__council_area__code=code, name=name)


def _counted_from_memberships(body):
    """Current representatives by category, counted straight from the Membership rows."""
    today = timezone.localdate()
    rows = (
        Membership.objects.filter(body=body, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gt=today))
        .exclude(role=Membership.MemberRole.IN_ATTENDANCE)
        .values("category")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(CATEGORIES, 0)
    counts.update({row["category"]: row["n"] for row in rows})
    return counts


def test_structure_lists_every_highland_body(client):
    structure = _structure(client)
    assert structure["partnership"] == "Highland Community Planning Partnership"
    assert structure["council_code"] == HIGHLAND
    names = [body["name"] for body in structure["bodies"]]
    expected = Body.objects.filter(partnership__council_area__code=HIGHLAND)
    assert sorted(names) == sorted(expected.values_list("name", flat=True))
    # Seeds 000/001: the Members Partnership Board, the Chief Officers Group, 7 groups.
    assert (
        set(names)
        == {
            "Members Partnership Board",
            "Chief Officers Group",
        }
        | HIGHLAND_THEMATIC_GROUPS
    )
    assert len({body["id"] for body in structure["bodies"]}) == 9
    for body in structure["bodies"]:
        assert set(body) == BODY_FIELDS
        assert set(body["members_by_category"]) == CATEGORIES
        assert body["api_url"] == f"/api/v1/partnerships/{HIGHLAND}/bodies/{body['id']}"
        assert body["page_url"] == f"/areas/{HIGHLAND}/partnership/bodies/{body['id']}/"
        assert body["is_demo"] is True


def test_structure_parents_form_the_reporting_tree(client):
    bodies = _structure(client)["bodies"]
    reports_to = dict(
        Body.objects.filter(partnership__council_area__code=HIGHLAND).values_list(
            "pk", "reports_to_id"
        )
    )
    position = {body["id"]: index for index, body in enumerate(bodies)}
    for body in bodies:
        assert body["parent"] == reports_to[body["id"]], body["name"]
        if body["parent"] is not None:
            assert position[body["parent"]] < position[body["id"]], "parent listed after child"
    named = _by_name(_structure(client))
    board, cog = named["Members Partnership Board"], named["Chief Officers Group"]
    assert [b["name"] for b in bodies if b["parent"] is None] == ["Members Partnership Board"]
    assert cog["parent"] == board["id"]
    assert {b["name"] for b in bodies if b["parent"] == cog["id"]} == HIGHLAND_THEMATIC_GROUPS


def test_structure_describes_the_chief_officers_group(client):
    cog = _by_name(_structure(client))["Chief Officers Group"]
    assert cog["short_name"] == "COG"
    assert (cog["kind"], cog["kind_label"]) == ("executive_group", "Executive group")
    assert (cog["level"], cog["level_label"]) == ("strategic", "Strategic")
    assert cog["meeting_frequency"] == "More often than quarterly"
    assert cog["purpose"].startswith("To drive public service reform")
    assert cog["locality"] is None
    assert cog["rules"] == {
        "max_members": None,
        "requires_chair": True,
        "requires_lead_officer": False,
        "leads_from_partners": False,
        "review_after_months": None,
    }
    # Seed 001: the COG's remit has seven numbered points.
    assert [item["number"] for item in cog["remit"]] == [1, 2, 3, 4, 5, 6, 7]
    assert cog["remit"][0]["text"].startswith("Ensuring and challenging the partnership's delivery")
    assert cog["remit"][6]["text"].startswith("Supporting constructive challenge")


def test_bodies_without_a_remit_have_an_empty_list(client):
    named = _by_name(_structure(client))
    assert named["Members Partnership Board"]["remit"] == []
    assert named["Safer Highland"]["remit"] == []


def test_member_counts_match_a_hand_count(client):
    named = _by_name(_structure(client))
    none = dict.fromkeys(CATEGORIES, 0)
    # demo/governance.py: a chair (officer), then officer, elected, third sector,
    # community in turn up to the body's size; thematic groups add a lead officer.
    assert named["Chief Officers Group"]["members"] == 9
    assert named["Chief Officers Group"]["members_by_category"] == {
        **none,
        "officer": 3,
        "elected_member": 2,
        "third_sector": 2,
        "community_representative": 2,
    }
    assert named["Safer Highland"]["members"] == 7
    assert named["Safer Highland"]["members_by_category"] == {
        **none,
        "officer": 4,
        "elected_member": 1,
        "third_sector": 1,
        "community_representative": 1,
    }
    assert named["Members Partnership Board"]["members"] == 8


def test_member_counts_match_the_membership_rows_for_every_body(client):
    for code in (HIGHLAND, PERTH, "S12000010"):
        for body in _structure(client, code)["bodies"]:
            counted = _counted_from_memberships(Body.objects.get(pk=body["id"]))
            assert body["members_by_category"] == counted, body["name"]
            assert body["members"] == sum(counted.values()) > 0, body["name"]


def test_perth_city_local_partnership(client):
    structure = _structure(client, PERTH)
    named = _by_name(structure)
    perth_city = named["Perth City Local Community Planning Partnership"]
    assert perth_city["parent"] == named["Community Planning Partnership Board"]["id"]
    assert perth_city["locality"] == "Perth City"
    assert (perth_city["kind"], perth_city["level"]) == ("local_partnership", "local")
    assert perth_city["rules"] == {
        "max_members": 15,
        "requires_chair": True,
        "requires_lead_officer": True,
        "leads_from_partners": True,
        "review_after_months": 12,
    }
    # At its limit: chair, lead officer and 13 members (officer, elected, third sector,
    # community in turn: 4 officers and 3 of each of the others).
    assert perth_city["members"] == 15
    assert perth_city["members_by_category"] == {
        "elected_member": 3,
        "non_executive": 0,
        "officer": 6,
        "community_representative": 3,
        "third_sector": 3,
        "other": 0,
    }
    assert len(structure["bodies"]) == 10  # board, IJB, 3 delivery groups, 5 local CPPs


def test_body_detail_matches_the_structure_and_adds_reporting(client):
    named = _by_name(_structure(client))
    board, cog, safer = (
        named["Members Partnership Board"],
        named["Chief Officers Group"],
        named["Safer Highland"],
    )
    response = client.get(cog["api_url"])
    assert response.status_code == 200
    detail = response.json()
    assert set(detail) == BODY_FIELDS | {"reporting_bodies", "reporting_line"}
    assert {k: v for k, v in detail.items() if k in BODY_FIELDS} == cog
    assert detail["reporting_line"] == [board["id"]]
    thematic = Body.objects.filter(
        partnership__council_area__code=HIGHLAND, name__in=HIGHLAND_THEMATIC_GROUPS
    )
    assert sorted(detail["reporting_bodies"]) == sorted(thematic.values_list("pk", flat=True))
    assert len(detail["reporting_bodies"]) == 7

    safer_detail = client.get(safer["api_url"]).json()
    assert safer_detail["reporting_line"] == [cog["id"], board["id"]]
    assert safer_detail["reporting_bodies"] == []
    assert safer_detail["members_by_category"] == safer["members_by_category"]

    top = client.get(board["api_url"]).json()
    assert top["reporting_line"] == []
    assert top["reporting_bodies"] == [cog["id"]]


def test_perth_city_detail_counts_match_the_membership_rows(client):
    body = _body(PERTH, "Perth City Local Community Planning Partnership")
    detail = client.get(f"/api/v1/partnerships/{PERTH}/bodies/{body.pk}").json()
    assert detail["members"] == 15
    assert detail["members_by_category"] == _counted_from_memberships(body)
    assert detail["reporting_line"] == [_body(PERTH, "Community Planning Partnership Board").pk]


@pytest.mark.parametrize("code", [HIGHLAND, PERTH])
def test_no_personal_data(client, code):
    partnership = Partnership.objects.get(council_area__code=code)
    people = Person.objects.filter(partnership=partnership)
    assert people.count() > 50  # the demo's invented members
    board = partnership.bodies.get(reports_to__isnull=True)
    texts = [
        client.get(f"/api/v1/partnerships/{code}/structure").content.decode(),
        client.get(f"/api/v1/partnerships/{code}/bodies/{board.pk}").content.decode(),
    ]
    for text in texts:
        for name in people.values_list("name", flat=True):
            assert name not in text
        # Each name's parts, e.g. "Exampleton", would show a name split across fields.
        assert "Exampleton" not in text and "Ailsa" not in text
        assert "@" not in text
        assert "email" not in text.lower()
        assert "person" not in text.lower()


def test_structure_query_count_is_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/partnerships/{HIGHLAND}/structure")
    assert response.status_code == 200
    assert len(response.json()["bodies"]) == 9


def test_openapi_schema_lists_the_governance_endpoints(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for path in (
        "/api/v1/partnerships/{code}/structure",
        "/api/v1/partnerships/{code}/bodies/{body_id}",
    ):
        assert "get" in schema["paths"][path]
        assert schema["paths"][path]["get"]["tags"] == ["partnerships"]


@pytest.fixture
def perth_body_id():
    return _body(PERTH, "Perth City Local Community Planning Partnership").pk


@pytest.fixture
def unknown_body_id():
    return Body.objects.aggregate(top=Max("pk"))["top"] + 1000


@pytest.mark.parametrize(
    ("url", "mentions"),
    [
        ("/api/v1/partnerships/S12999999/structure", "S12999999"),
        ("/api/v1/partnerships/highland/structure", "highland"),
        # An intermediate zone code is not a council area.
        ("/api/v1/partnerships/S02001236/structure", "S02001236"),
        ("/api/v1/partnerships/S12999999/bodies/1", "S12999999"),
    ],
)
def test_unknown_partnership_is_404_with_detail(client, url, mentions):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}
    assert mentions in body["detail"]


def test_body_of_another_partnership_is_404(client, perth_body_id):
    assert client.get(f"/api/v1/partnerships/{PERTH}/bodies/{perth_body_id}").status_code == 200
    response = client.get(f"/api/v1/partnerships/{HIGHLAND}/bodies/{perth_body_id}")
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"Highland Community Planning Partnership has no body {perth_body_id}."
    }


def test_unknown_body_is_404(client, unknown_body_id):
    response = client.get(f"/api/v1/partnerships/{HIGHLAND}/bodies/{unknown_body_id}")
    assert response.status_code == 404
    assert str(unknown_body_id) in response.json()["detail"]
