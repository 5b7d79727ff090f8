"""Maps as Vega-Lite specifications (built with Altair), each paired with a table on the page."""

from __future__ import annotations

import altair as alt

from placeplan.core.charts import chart_data, spec_with_values

# Quintile 1 (most deprived) darkest. Each map is also given as a table on its page.
QUINTILE_COLOURS = ["#0b3563", "#2f6fae", "#72a6d4", "#bcd5ea", "#f2f7fb"]


def _rewound(geometry: dict) -> dict:
    """GeoJSON (RFC 7946) rings run anticlockwise; d3-geo, which draws Vega maps, expects
    the spherical convention (clockwise exteriors). Reversing each ring converts them."""
    kind = geometry["type"]
    if kind == "Polygon":
        return {"type": kind, "coordinates": [ring[::-1] for ring in geometry["coordinates"]]}
    if kind == "MultiPolygon":
        return {
            "type": kind,
            "coordinates": [
                [ring[::-1] for ring in polygon] for polygon in geometry["coordinates"]
            ],
        }
    return geometry


def _features(rows: list[dict], geometries: dict[str, dict]) -> list[dict]:
    return [
        {"type": "Feature", "geometry": _rewound(geometries[row["code"]]), "properties": row}
        for row in rows
        if row["code"] in geometries
    ]


def council_areas_map(*, areas: list[dict], geometries: dict[str, dict]) -> dict:
    """Scotland's 32 council areas; each links to its area page."""
    chart = (
        alt.Chart(chart_data())
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.7, fill="#2f6fae")
        .encode(
            tooltip=[alt.Tooltip("properties.name:N", title="Council area")],
            href="properties.url:N",
        )
        .project(type="mercator")
        .properties(
            width="container",
            height=560,
            description="Map of Scotland's 32 council areas. The same areas are listed as links.",
        )
    )
    return spec_with_values(chart, _features(areas, geometries))


def simd_quintile_map(*, zones: list[dict], geometries: dict[str, dict], edition: int) -> dict:
    """Data zones shaded by SIMD quintile, with a legend; the page gives the same as a table."""
    chart = (
        alt.Chart(chart_data())
        .mark_geoshape(stroke="#5e5e5e", strokeWidth=0.25)
        .encode(
            color=alt.Color(
                "properties.quintile:O",
                title=f"SIMD {edition} quintile",
                scale=alt.Scale(domain=[1, 2, 3, 4, 5], range=QUINTILE_COLOURS),
                legend=alt.Legend(
                    orient="bottom",
                    symbolType="square",
                    symbolStrokeColor="#5e5e5e",
                    labelExpr="datum.value == 1 ? '1 (most deprived)' : "
                    "datum.value == 5 ? '5 (least deprived)' : datum.label",
                ),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title="Data zone"),
                alt.Tooltip("properties.code:N", title="Code"),
                alt.Tooltip("properties.community_name:N", title="Community"),
                alt.Tooltip("properties.rank:Q", title=f"SIMD {edition} rank"),
                alt.Tooltip("properties.quintile:O", title="Quintile"),
            ],
        )
        .project(type="mercator")
        .properties(
            width="container",
            height=520,
            description=f"Map of data zones shaded by SIMD {edition} quintile. "
            "The table below gives the same information.",
        )
    )
    return spec_with_values(chart, _features(zones, geometries))


def locality_map(*, zones: list[dict], geometries: dict[str, dict], name: str) -> dict:
    """A locality's communities drawn darker than their neighbours, the map zoomed to the
    locality (``zones`` mark each community of the area ``in_locality`` or not)."""
    features = _features(zones, geometries)
    chart = (
        alt.Chart(chart_data())
        .mark_geoshape(stroke="#5e5e5e", strokeWidth=0.4, clip=True)
        .encode(
            color=alt.Color(
                "properties.status:N",
                title=None,
                scale=alt.Scale(
                    domain=[name, "Elsewhere in the area"], range=["#0b3563", "#e6eef6"]
                ),
                legend=alt.Legend(
                    orient="bottom", symbolType="square", symbolStrokeColor="#5e5e5e"
                ),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title="Community"),
                alt.Tooltip("properties.code:N", title="Code"),
                alt.Tooltip("properties.status:N", title="Locality"),
            ],
        )
        .project(type="mercator")
        .properties(
            width="container",
            height=420,
            description=f"Map of the communities (intermediate zones) in {name}, drawn "
            "darker than the rest of the council area. They are also listed on this page.",
        )
    )
    spec = spec_with_values(chart, features)
    inside = [feature for feature in features if feature["properties"]["in_locality"]]
    if inside:
        spec["projection"]["fit"] = {"type": "FeatureCollection", "features": inside}
    return spec


COUNT_COLOURS = ["#e6eef6", "#72a6d4", "#2f6fae", "#0b3563"]


def locality_counts_map(
    *, zones: list[dict], geometries: dict[str, dict], name: str, what: str
) -> dict:
    """A locality's communities shaded by how many of ``what`` each has (``zones`` carry a
    ``count`` for each community of the locality, None elsewhere), the rest of the area
    drawn pale, the map zoomed to the locality. The page lists the same counts in a table."""
    rows = [
        {**zone, "band": _count_band(zone["count"]) if zone["in_locality"] else "Elsewhere"}
        for zone in zones
    ]
    bands = ["None", "1", "2 to 4", "5 or more"]
    chart = (
        alt.Chart(chart_data())
        .mark_geoshape(stroke="#5e5e5e", strokeWidth=0.4, clip=True)
        .encode(
            color=alt.Color(
                "properties.band:N",
                title=f"{what[:1].upper()}{what[1:]} listed",
                scale=alt.Scale(domain=[*bands, "Elsewhere"], range=[*COUNT_COLOURS, "#f8f8f8"]),
                legend=alt.Legend(
                    orient="bottom", symbolType="square", symbolStrokeColor="#5e5e5e"
                ),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title="Community"),
                alt.Tooltip("properties.band:N", title=what[:1].upper() + what[1:]),
            ],
        )
        .project(type="mercator")
        .properties(
            width="container",
            height=380,
            description=f"Map of the communities of {name}, shaded by how many {what} each "
            "has listed. The table below gives the same counts.",
        )
    )
    features = _features(rows, geometries)
    spec = spec_with_values(chart, features)
    inside = [feature for feature in features if feature["properties"]["in_locality"]]
    if inside:
        spec["projection"]["fit"] = {"type": "FeatureCollection", "features": inside}
    return spec


def _count_band(count: int) -> str:
    if not count:
        return "None"
    if count == 1:
        return "1"
    return "2 to 4" if count < 5 else "5 or more"
