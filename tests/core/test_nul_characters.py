"""A NUL character in a path, a query string or a JSON body is refused with 400 before
any query runs (PostgreSQL cannot hold one in text: on it these were 500s)."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/partnerships/S12000017%00/indicators/child-poverty",
        "/api/v1/partnerships/S12000017/meetings?x=%00",
        "/areas/S12000017%00/",
        "/areas/S12000033/communities/S02001236%00/",
        "/api/v1/areas/S12000033/communities/S02001236%00",
        "/areas/S12000017/?q=a%00b",
    ],
)
def test_a_nul_in_the_address_is_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_a_nul_in_a_json_body_is_a_bad_request(client):
    for body in ('{"measure": "a\\u0000b"}', '{"measure": "a\x00b"}'):
        response = client.post("/api/v1/observations", body, content_type="application/json")
        assert response.status_code == 400
        assert "NUL character" in json.loads(response.content)["detail"]


def test_an_ordinary_address_still_answers(client):
    assert client.get("/areas/S12000017/").status_code == 200
