"""Official figures (CPOP, SIMD and any other national collection) cannot be overwritten
by a partnership: its imports are refused row by row and save nothing, its own local
measures still import, and a site administrator corrects an official value with a reason
kept in the value's history. Every value shown says its source.

What was found: a partner officer's import replaced a CPOP projection for their area
with 1.0 raw, and the public pages showed it.
"""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from placeplan.accounts.models import User
from placeplan.partnerships.models import Role
from placeplan.partnerships.services import partnership_role_grant
from placeplan.performance.imports import batch_apply, batch_confirm, batch_upload
from placeplan.performance.models import ImportBatch, Measure, Observation
from placeplan.performance.services import observation_correct
from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    WORLD_COUNCIL,
    WORLD_MEASURE,
    WORLD_SOURCE,
    world,
)

pytestmark = pytest.mark.django_db

DATA = f"/workspace/{WORLD_COUNCIL}/data/"
LOCAL = "test-glen-own-measure"
_emails = itertools.count(1)


def make_user(partnership=None, role=None, **fields):
    user = User.objects.create_user(
        email=f"official-figures-{next(_emails)}@example.org",
        password="a-long-enough-test-password",
        full_name="Figures Tester",
        **fields,
    )
    if role:
        partnership_role_grant(user=user, partnership=partnership, role=role)
    return user


@pytest.fixture
def partner_officer(world):  # noqa: F811
    return make_user(world.partnership, Role.PARTNER_OFFICER)


@pytest.fixture
def site_admin():
    return make_user(is_superuser=True, is_staff=True)


@pytest.fixture
def local_measure(world):  # noqa: F811
    return Measure.objects.create(
        code=LOCAL,
        name="Glen own measure",
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


@pytest.fixture
def projection(world):  # noqa: F811
    """The official (CPOP) projection of 10.0 for the council area in 2025/26."""
    value = Observation.objects.get(
        measure=world.measure, area=world.council, period__label="2025/26"
    )
    assert (value.value, value.kind, value.measure.collection) == (10.0, "projected", "cpop")
    return value


def csv_bytes(*rows):
    lines = ["measure,area_code,period,value,kind", *(",".join(map(str, r)) for r in rows)]
    return "\n".join(lines).encode()


def unchanged(observation, history):
    stored = Observation.objects.get(pk=observation.pk)
    return (stored.value, stored.kind, stored.source, stored.history.count()) == (
        observation.value,
        observation.kind,
        observation.source,
        history,
    )


def test_every_collection_but_local_is_official():
    for collection in Measure.Collection:
        assert Measure(collection=collection).is_official is (
            collection != Measure.Collection.LOCAL
        )


# -- imports ----------------------------------------------------------------------------------


def test_a_partner_officers_import_cannot_change_an_official_value(
    world,  # noqa: F811
    partner_officer,
    local_measure,
    projection,
):
    history = projection.history.count()
    content = csv_bytes(
        (LOCAL, WORLD_COUNCIL, "2025/26", 12, "raw"),
        (WORLD_MEASURE, WORLD_COUNCIL, "2025/26", 1.0, "raw"),
    )
    batch = batch_upload(
        content=content, filename="mixed.csv", partnership=world.partnership, user=partner_officer
    )
    assert batch.status == ImportBatch.Status.HAS_ERRORS
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "measure")]
    assert batch.errors[0]["message"] == (
        "“Fictional Child Poverty” is an official figure from the Community Planning "
        "Outcomes Profile collection: a partnership cannot change it. Add a local measure "
        "for your own figures instead; to correct an official value, ask the site "
        "administrator."
    )
    with pytest.raises(ValidationError):
        batch_confirm(batch=batch, user=partner_officer)
    # All or nothing: neither the official value nor the good local row is saved.
    assert unchanged(projection, history)
    assert not Observation.objects.filter(measure=local_measure).exists()


@pytest.mark.parametrize("code", ["simd-income-rate", "income-deprivation-rate"])
def test_the_shipped_national_collections_are_official_too(world, partner_officer, code):  # noqa: F811
    measure = Measure.objects.get(code=code)
    area = "S02900001" if code == "income-deprivation-rate" else WORLD_COUNCIL
    batch = batch_upload(
        content=csv_bytes((code, area, "SIMD 2020", 0.1, "raw")),
        filename="simd.csv",
        partnership=world.partnership,
        user=partner_officer,
    )
    messages = [e["message"] for e in batch.errors if e["column"] == "measure"]
    assert len(messages) == 1
    assert measure.get_collection_display() in messages[0]
    assert "official figure" in messages[0]


def test_a_forged_checked_batch_of_official_rows_is_not_saved(world, projection):  # noqa: F811
    """The save checks again: a batch that somehow holds official rows fails whole."""
    history = projection.history.count()
    batch = ImportBatch.objects.create(
        partnership=world.partnership,
        filename="forged.csv",
        status=ImportBatch.Status.CHECKED,
        row_count=1,
        rows=[
            {"row": 2, "measure": WORLD_MEASURE, "area": WORLD_COUNCIL, "period": "2025/26",
             "value": 1.0, "numerator": None, "denominator": None, "kind": "raw",
             "source": "Forged"},
        ],
    )  # fmt: skip
    batch = batch_apply(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.message.startswith("Nothing was saved.")
    assert "official figure" in batch.message
    assert unchanged(projection, history)


def test_a_national_load_may_still_write_official_values(world, projection):  # noqa: F811
    batch = batch_upload(
        content=csv_bytes((WORLD_MEASURE, WORLD_COUNCIL, "2025/26", 10.5, "projected")),
        filename="national.csv",
        partnership=None,
        user=None,
    )
    assert batch.status == ImportBatch.Status.CHECKED, batch.errors
    assert batch_apply(batch_id=batch.pk).status == ImportBatch.Status.DONE
    assert Observation.objects.get(pk=projection.pk).value == 10.5


def test_the_import_page_refuses_an_official_value_and_says_what_to_do(
    client,
    world,  # noqa: F811
    partner_officer,
    projection,
):
    history = projection.history.count()
    client.force_login(partner_officer)
    upload = SimpleUploadedFile(
        "cpop.csv", csv_bytes((WORLD_MEASURE, WORLD_COUNCIL, "2025/26", 1.0, "raw"))
    )
    response = client.post(DATA, {"file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get(filename="cpop.csv")
    content = client.get(response["Location"]).content.decode()
    assert "nothing has been saved" in content
    assert "is an official figure from the Community Planning Outcomes Profile" in content
    assert "Add a local measure for your own figures instead" in content
    client.post(response["Location"])  # confirming saves nothing either
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.HAS_ERRORS
    assert unchanged(projection, history)


def test_a_partner_officers_local_measure_still_imports(
    client,
    world,  # noqa: F811
    partner_officer,
    local_measure,
):
    client.force_login(partner_officer)
    upload = SimpleUploadedFile(
        "local.csv",
        csv_bytes(
            (LOCAL, WORLD_COUNCIL, "2025/26", 12, "raw"), (LOCAL, "S02900001", "2025/26", 30, "")
        ),
    )
    response = client.post(DATA, {"file": upload})
    batch = ImportBatch.objects.get(filename="local.csv")
    assert batch.status == ImportBatch.Status.CHECKED, batch.errors
    client.post(response["Location"])
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE
    saved = dict(
        Observation.objects.filter(measure=local_measure).values_list("area__code", "value")
    )
    assert saved == {WORLD_COUNCIL: 12.0, "S02900001": 30.0}


# -- a site administrator's correction --------------------------------------------------------


def test_a_site_administrator_corrects_an_official_value_with_a_reason(site_admin, projection):
    corrected = observation_correct(
        observation=projection,
        user=site_admin,
        reason="  Improvement Service erratum,\n1 May  ",
        value=10.4,
    )
    assert (corrected.value, corrected.kind) == (10.4, "projected")
    latest = corrected.history.order_by("-history_date", "-history_id").first()
    assert latest.history_type == "~"
    assert latest.value == 10.4
    assert latest.history_user == site_admin
    assert latest.history_change_reason == "Correction: Improvement Service erratum, 1 May"


@pytest.mark.parametrize("role", [Role.SUPPORT_OFFICER, Role.PARTNER_OFFICER])
def test_nobody_but_a_site_administrator_may_correct_an_official_value(world, projection, role):  # noqa: F811
    history = projection.history.count()
    someone = make_user(world.partnership, role, is_staff=True)
    with pytest.raises(PermissionDenied):
        observation_correct(observation=projection, user=someone, reason="Because", value=1.0)
    with pytest.raises(PermissionDenied):
        observation_correct(observation=projection, user=None, reason="Because", value=1.0)
    assert unchanged(projection, history)


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_a_correction_needs_a_reason(site_admin, projection, reason):
    history = projection.history.count()
    with pytest.raises(ValidationError) as refusal:
        observation_correct(observation=projection, user=site_admin, reason=reason, value=1.0)
    assert "reason" in refusal.value.message_dict
    assert unchanged(projection, history)


def test_a_correction_is_checked_like_any_value(site_admin, projection):
    history = projection.history.count()
    with pytest.raises(ValidationError):
        observation_correct(observation=projection, user=site_admin, reason="x", kind="guess")
    assert unchanged(projection, history)


def admin_change(client, observation, **data):
    fields = {
        "value": observation.value,
        "numerator": "",
        "denominator": "",
        "kind": observation.kind,
        "source": observation.source,
        "reason": "",
        **data,
    }
    return client.post(f"/admin/performance/observation/{observation.pk}/change/", fields)


def test_the_django_admin_correction_records_the_reason_in_history(client, site_admin, projection):
    client.force_login(site_admin)
    history = projection.history.count()
    # Without a reason the form is refused and nothing changes.
    response = admin_change(client, projection, value="1.0")
    assert response.status_code == 200
    assert unchanged(projection, history)

    response = admin_change(
        client, projection, value="10.4", reason="Improvement Service erratum of 1 May"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Observation.objects.get(pk=projection.pk)
    assert (stored.value, stored.kind, stored.source) == (10.4, "projected", WORLD_SOURCE)
    latest = stored.history.order_by("-history_date", "-history_id").first()
    assert stored.history.count() == history + 1
    assert latest.history_user == site_admin
    assert latest.history_change_reason == "Correction: Improvement Service erratum of 1 May"


def test_staff_who_are_not_site_administrators_cannot_correct_in_the_admin(
    client,
    world,  # noqa: F811
    projection,
):
    staff = make_user(world.partnership, Role.SUPPORT_OFFICER, is_staff=True)
    client.force_login(staff)
    history = projection.history.count()
    response = admin_change(client, projection, value="1.0", reason="Because")
    assert response.status_code in (302, 403)
    assert unchanged(projection, history)


# -- every value shown says its source ---------------------------------------------------------


def test_the_public_indicator_page_names_each_values_source(client, world):  # noqa: F811
    Observation.objects.filter(
        measure=world.measure, area=world.council, period__label="2023/24"
    ).update(source="Another named source")
    response = client.get(f"/areas/{WORLD_COUNCIL}/performance/indicators/{world.indicator.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<th scope="col">Source</th>' in content
    assert "<td>Another named source</td>" in content
    assert content.count(f"<td>{WORLD_SOURCE}</td>") >= 4  # the other periods and communities


def test_the_community_api_names_each_values_source(client, world):  # noqa: F811
    body = client.get(f"/api/v1/areas/{WORLD_COUNCIL}/communities/S02900001").json()
    values = [v for m in body["measures"] for v in m["values"]]
    assert values and all(v["source"] == WORLD_SOURCE for v in values)
