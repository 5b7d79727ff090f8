"""Charts of a partnership's governance, drawn from the selectors' data."""

from __future__ import annotations

from placeplan.partnerships import selectors
from placeplan.partnerships.models import Locality
from placeplan.places import charts as place_charts
from placeplan.places import selectors as places


def locality_context(locality: Locality | None) -> dict:
    """A locality's map and the communities it covers (listed under the map), for a page."""
    if locality is None:
        return {}
    zones = selectors.locality_zones(locality=locality)
    geometries = places.boundaries(codes=[zone["code"] for zone in zones])
    return {
        "locality": locality,
        "locality_communities": [zone for zone in zones if zone["in_locality"]],
        "locality_map": place_charts.locality_map(
            zones=zones, geometries=geometries, name=locality.name
        ),
    }
