"""The admin's audit history pages answer 404, not a server error, for ids that cannot
be ids (django-simple-history filtered by them as given)."""

import pytest

from placeplan.accounts.models import User
from placeplan.demo.services import DEMO_DOMAIN
from placeplan.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.get(email=f"site.admin@{DEMO_DOMAIN}"))
    return client


@pytest.mark.parametrize("object_id", ["abc", "%3A", "%C2%B2", "0", "99999999999999999999"])
@pytest.mark.parametrize("model", ["accounts/user", "plans/plan", "performance/measure"])
def test_history_of_an_impossible_id_is_not_found(admin_client, model, object_id):
    assert admin_client.get(f"/admin/{model}/{object_id}/history/").status_code == 404


@pytest.mark.parametrize("version_id", ["abc", "%C2%B2", "99999999999999999999"])
def test_a_version_of_an_impossible_id_is_not_found(admin_client, version_id):
    plan = Plan.objects.first()
    url = f"/admin/plans/plan/{plan.pk}/history/{version_id}/"
    assert admin_client.get(url).status_code == 404


def test_history_of_a_real_record_still_shows(admin_client):
    plan = Plan.objects.first()
    response = admin_client.get(f"/admin/plans/plan/{plan.pk}/history/")
    assert response.status_code == 200
    version = plan.history.first().history_id
    assert admin_client.get(f"/admin/plans/plan/{plan.pk}/history/{version}/").status_code == 200
