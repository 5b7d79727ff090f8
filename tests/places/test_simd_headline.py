"""The SIMD headline (share of Scotland's 20% most deprived data zones) and population of
a council area, checked against figures worked out by hand from data/scotland/.

Working (one-off count over geography/data_zones_2011.csv joined with
simd/simd20XX_ranks.csv; quintile 1 = simd_rank 1..1,395; both editions have exactly
1,395 such zones in Scotland):

- Inverclyde (S12000018) has 114 data zones.
  2020: 51 have simd_rank <= 1395 → local 51/114 = 44.7%, national 51/1395 = 3.7%.
  2016: 50 have simd_rank <= 1395 → local 50/114 = 43.9%, national 50/1395 = 3.6%.
- Orkney Islands (S12000023) has 29 data zones; none in quintile 1 in either edition
  → 0 / 0.0% / 0.0%.
- Glasgow City (S12000049) has 746 data zones.
  2020: 339 → local 339/746 = 45.4%, national 339/1395 = 24.3%.
  2016: 360 → local 360/746 = 48.3%, national 360/1395 = 25.8%.
"""

from html.parser import HTMLParser

import pytest

from placeplan.performance.selectors import area_population
from placeplan.places.models import Area
from placeplan.places.selectors import simd_headline

pytestmark = pytest.mark.django_db

# code: {edition: (data_zones, most_deprived_20pc, local_share_pc, national_share_pc)}
EXPECTED = {
    "S12000018": {2020: (114, 51, 44.7, 3.7), 2016: (114, 50, 43.9, 3.6)},
    "S12000023": {2020: (29, 0, 0.0, 0.0), 2016: (29, 0, 0.0, 0.0)},
    "S12000049": {2020: (746, 339, 45.4, 24.3), 2016: (746, 360, 48.3, 25.8)},
}
FIELDS = ("data_zones", "most_deprived_20pc", "local_share_pc", "national_share_pc")


@pytest.mark.parametrize("code", EXPECTED)
def test_selector(code):
    headline = simd_headline(area=Area.objects.get(code=code))
    assert set(headline) == {2016, 2020}
    for edition, expected in EXPECTED[code].items():
        figures = headline[edition]
        assert figures.edition == edition
        assert tuple(getattr(figures, name) for name in FIELDS) == expected


@pytest.mark.parametrize("code", EXPECTED)
def test_api(client, code):
    response = client.get(f"/api/v1/areas/{code}")
    assert response.status_code == 200
    simd = response.json()["simd"]
    assert simd == {
        str(edition): dict(zip(FIELDS, expected, strict=True))
        for edition, expected in EXPECTED[code].items()
    }
    assert response.json()["data_zones"] == EXPECTED[code][2020][0]


class _TableText(HTMLParser):
    """Collects the text of each row of the table with the given id."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id = table_id
        self.depth = 0  # > 0 while inside the table
        self.rows = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _table(html, table_id):
    parser = _TableText(table_id)
    parser.feed(html)
    return parser.rows


@pytest.mark.parametrize("code", EXPECTED)
def test_public_page(client, code):
    response = client.get(f"/areas/{code}/")
    assert response.status_code == 200
    rows = _table(response.content.decode(), "simd-headline")
    s20, s16 = EXPECTED[code][2020], EXPECTED[code][2016]
    assert rows == [
        ["Figure", "SIMD 2020", "SIMD 2016"],
        ["Data zones in the area", f"{s20[0]}", f"{s16[0]}"],
        ["In Scotland's 20% most deprived", f"{s20[1]}", f"{s16[1]}"],
        ["Local share (% of the area's data zones)", f"{s20[2]:.1f}%", f"{s16[2]:.1f}%"],
        [
            "National share (% of Scotland's 1,395 most deprived data zones)",
            f"{s20[3]:.1f}%",
            f"{s16[3]:.1f}%",
        ],
    ]


def test_public_page_inverclyde_literal(client):
    """The same figures as literal text, so a formatting slip cannot hide in f-strings."""
    rows = _table(client.get("/areas/S12000018/").content.decode(), "simd-headline")
    assert rows[1:] == [
        ["Data zones in the area", "114", "114"],
        ["In Scotland's 20% most deprived", "51", "50"],
        ["Local share (% of the area's data zones)", "44.7%", "43.9%"],
        ["National share (% of Scotland's 1,395 most deprived data zones)", "3.7%", "3.6%"],
    ]


def test_orkney_population():
    # SIMD 2020 Total_population of Orkney's 29 data zones (S01011804..S01011832):
    # 727 + 553 + 829 + 1070 + 720 + 696 + 1036 + 1113 + 665 + 816 + 760 + 895 + 826
    # + 1034 + 1022 + 734 + 920 + 411 + 638 + 627 + 623 + 512 + 606 + 516 + 981 + 457
    # + 560 + 845 + 808 = 22,000
    orkney = Area.objects.get(code="S12000023")
    assert area_population(area=orkney) == 22000
    # SIMD 2016 population base of the same zones sums to 21,590.
    assert area_population(area=orkney, edition=2016) == 21590


def test_population_on_api_and_page(client):
    # Inverclyde: SIMD 2020 Total_population summed over its 114 data zones = 78,760.
    assert client.get("/api/v1/areas/S12000018").json()["population"] == 78760
    assert "78,760" in client.get("/areas/S12000018/").content.decode()
