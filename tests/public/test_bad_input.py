"""Unknown, malformed and hostile codes in the URL: always the site's own 404, never a 500,
on the public pages and on their API twins."""

from urllib.parse import quote

import pytest

from placeplan.places.models import Area

pytestmark = pytest.mark.django_db

COUNCIL = "S12000033"  # Aberdeen City
COMMUNITY = "S02001236"  # Culter, in Aberdeen City


def _segment(text):
    """A URL path segment that decodes back to ``text``."""
    return quote(text, safe="")


BAD_COUNCIL_CODES = [
    pytest.param(_segment("S12999999"), id="unknown-council"),
    pytest.param(_segment("XX"), id="too-short"),
    pytest.param(_segment("s12000018"), id="lower-case"),
    pytest.param(_segment("S1200001"), id="seven-digits"),
    pytest.param(_segment("S120000180"), id="nine-digits"),
    pytest.param("%27%20OR%201%3D1--", id="sql-injection-encoded"),
    pytest.param(_segment("S12000018' OR '1'='1"), id="sql-injection-quoted"),
    pytest.param(_segment("1;DROP TABLE places_area"), id="drop-table"),
    pytest.param(_segment("S" + "1" * 5000), id="very-long"),
    pytest.param(_segment("Glasgow-ĉ-城市-🏴"), id="unicode"),
    pytest.param(_segment("S١٢٠٠٠٠١٨"), id="arabic-indic-digits"),  # \d matches these
    pytest.param(_segment("S12000018\n"), id="trailing-newline"),  # $ matches before \n
    # A NUL character is a 400 before any lookup (tests/core/test_nul_characters.py).
    pytest.param(_segment("<img src=x onerror=alert(1)>"), id="html"),
    pytest.param(_segment("S92000003"), id="scotland-not-a-council"),
    pytest.param(_segment("S08000015"), id="health-board-not-a-council"),
    pytest.param(_segment(COMMUNITY), id="community-not-a-council"),
    pytest.param(_segment("S01006506"), id="data-zone-not-a-council"),
]

BAD_COMMUNITY_CODES = [
    pytest.param(_segment("S02999999"), id="unknown-community"),
    pytest.param(_segment("s02001236"), id="lower-case"),
    pytest.param(_segment("S0200123"), id="seven-digits"),
    pytest.param(_segment("XX"), id="too-short"),
    pytest.param("%27%20OR%201%3D1--", id="sql-injection-encoded"),
    pytest.param(_segment("1;DROP TABLE places_area"), id="drop-table"),
    pytest.param(_segment("S" + "0" * 5000), id="very-long"),
    pytest.param(_segment("Cùlter-城市"), id="unicode"),
    pytest.param(_segment("S٠٢٠٠١٢٣٦"), id="arabic-indic-digits"),
    pytest.param(_segment("S02001236\n"), id="trailing-newline"),
    # A NUL character is a 400 before any lookup (tests/core/test_nul_characters.py).
    pytest.param(_segment("S01006506"), id="data-zone-in-the-community"),
    pytest.param(_segment(COUNCIL), id="the-council-itself"),
    pytest.param(_segment("S02002034"), id="community-of-another-council"),  # Inverclyde
]

UNKNOWN_URLS = [
    "/nope/",
    "/areas/",
    "/areas/S12000033/communities/",
    "/areas/S12000033/communities/S02001236/extra/",
    "/areas/S12000033/zones/S01006506/",
    "/workspace/../../etc/passwd",
    "/api/v1/nope",
    "/api/v2/areas/",
    "/api/v1/areas/S12000033/communities/",
    "/api/v1/areas/S12000033/communities/S02001236/extra",
    "/static/does-not-exist.css",
    "/%E2%82%AC/",
]


def assert_site_404(response):
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    # The site's own page (base template and advice), not Django's bare default.
    assert "Choose a partnership area" in html
    assert "Placeplan" in html
    assert "The requested resource was not found on this server" not in html


def assert_api_404(response):
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("code", BAD_COUNCIL_CODES)
def test_bad_council_code_on_area_page(client, code):
    assert_site_404(client.get(f"/areas/{code}/"))


@pytest.mark.parametrize("code", BAD_COUNCIL_CODES)
def test_bad_council_code_on_community_page(client, code):
    assert_site_404(client.get(f"/areas/{code}/communities/{COMMUNITY}/"))


@pytest.mark.parametrize("code", BAD_COUNCIL_CODES)
def test_bad_council_code_on_area_api(client, code):
    assert_api_404(client.get(f"/api/v1/areas/{code}"))


@pytest.mark.parametrize("code", BAD_COUNCIL_CODES)
def test_bad_council_code_on_community_api(client, code):
    assert_api_404(client.get(f"/api/v1/areas/{code}/communities/{COMMUNITY}"))


@pytest.mark.parametrize("code", BAD_COMMUNITY_CODES)
def test_bad_community_code_on_community_page(client, code):
    assert_site_404(client.get(f"/areas/{COUNCIL}/communities/{code}/"))


@pytest.mark.parametrize("code", BAD_COMMUNITY_CODES)
def test_bad_community_code_on_community_api(client, code):
    assert_api_404(client.get(f"/api/v1/areas/{COUNCIL}/communities/{code}"))


@pytest.mark.parametrize("url", UNKNOWN_URLS)
def test_unknown_url(client, url):
    assert_site_404(client.get(url))


def test_bad_codes_do_not_touch_the_data(client):
    areas = Area.objects.count()
    client.get(f"/areas/{_segment('1;DROP TABLE places_area')}/")
    client.get("/api/v1/areas/%27%20OR%201%3D1--")
    assert Area.objects.count() == areas == 8302


def test_real_community_page_marks_estimates(client):
    response = client.get(f"/areas/{COUNCIL}/communities/{COMMUNITY}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Culter" in html
    assert "Aberdeen City" in html
    # Each of the 8 measures has a table; projected (2022/23-2024/25) and imputed rows
    # are labelled as estimates, measured rows as measured.
    assert html.count('<table class="ds_table" data-measure=') == 8
    assert html.count("<td>Estimate (projected)</td>") == 8 * 3
    assert "<td>Estimate (imputed)</td>" in html
    assert "<td>Measured</td>" in html
    assert 'class="pp-estimate"><th scope="row">2024/25</th>' in html


def test_real_area_page_is_found(client):
    response = client.get(f"/areas/{COUNCIL}/")
    assert response.status_code == 200
    assert f"/areas/{COUNCIL}/communities/{COMMUNITY}/" in response.content.decode()
