"""What the places pages show, staff and public alike: the overview of localities and
communities, a locality's outcomes, and one measure for a locality; and their tables.

A page is "places", "locality" or "measure". The staff pages show every current plan's
indicators for a locality; the public pages only published plans'.
"""

from __future__ import annotations

from dataclasses import dataclass

from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Locality
from placeplan.performance import localities, locality_pages
from placeplan.plans import progress


@dataclass(frozen=True)
class PlacesSubject:
    """What a places page is about: nothing more than the partnership (the overview), a
    locality, or a locality and one of its measures."""

    page: str
    locality: Locality | None = None
    measure_page: locality_pages.LocalityMeasurePage | None = None


def places_subject(*, partnership, page: str, locality_pk=None, measure=None) -> PlacesSubject:
    """The page's subject from its address (raises ``DoesNotExist`` for a locality of
    another partnership or a measure the locality's communities do not report)."""
    if page == "places":
        return PlacesSubject(page)
    locality = partnerships.locality_get(partnership=partnership, pk=locality_pk)
    if page == "locality":
        return PlacesSubject(page, locality)
    return PlacesSubject(
        page, locality, locality_pages.locality_measure_page(locality=locality, code=measure)
    )


def places_page(*, partnership, subject: PlacesSubject, public: bool) -> dict:
    """What the page shows: the overview; a locality's evidence with the plans'
    indicators for it; or the locality measure page."""
    if subject.page == "places":
        return {"overview": localities.places_overview(partnership=partnership)}
    if subject.page == "locality":
        return {
            "evidence": localities.locality_evidence(locality=subject.locality),
            "dashboard": progress.partnership_dashboard(
                partnership=partnership, public=public, locality=subject.locality
            ),
        }
    return {"page": subject.measure_page}


def places_table(*, partnership, subject: PlacesSubject, name: str) -> tuple[str, list, list]:
    """The table ``name`` of the page as (file name, header, rows); ``LookupError`` if
    the page has no such table."""
    code = partnership.council_area.code
    if subject.page == "places" and name in locality_pages.PLACES_TABLES:
        overview = localities.places_overview(partnership=partnership)
        header, rows = locality_pages.places_table(overview=overview, name=name)
        return f"places-{code}-{name}", header, rows
    if subject.page == "locality" and name in locality_pages.LOCALITY_TABLES:
        evidence = localities.locality_evidence(locality=subject.locality)
        header, rows = locality_pages.locality_table(evidence=evidence, name=name)
        return f"locality-{subject.locality.pk}-{name}", header, rows
    if subject.page == "measure" and name in locality_pages.LOCALITY_MEASURE_TABLES:
        page = subject.measure_page
        header, rows = locality_pages.locality_measure_table(page=page, name=name)
        return f"locality-{subject.locality.pk}-{page.row.measure.code}-{name}", header, rows
    raise LookupError(name)


def indicator_table(*, indicator, name: str) -> tuple[str, list, list]:
    """The table ``name`` of a plan indicator's page as (file name, header, rows);
    ``LookupError`` if it has no such table."""
    if name not in progress.EVIDENCE_TABLES:
        raise LookupError(name)
    header, rows = progress.evidence_table(
        evidence_=progress.indicator_evidence(indicator=indicator), name=name
    )
    return f"indicator-{indicator.pk}-{name}", header, rows
