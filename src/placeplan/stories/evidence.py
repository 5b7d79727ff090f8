"""A story's evidence panels, drawn live from the data: never typed in, so they change when
the data does. Every figure comes from the performance app's locality selectors
(``performance.localities.locality_evidence``: the locality's value worked out from its
communities, its trend, the partnership's and Scotland's values) and its community values
(``performance.selectors.community_values``: the spread between the locality's
communities, its inequality)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache

from placeplan.core.evidence_cache import evidence_version
from placeplan.performance.localities import LocalityMeasure, community_measures, locality_evidence
from placeplan.performance.selectors import community_values
from placeplan.stories.models import Evidence

# The community measures each section's panel shows (codes of ``performance.Measure``).
SECTION_MEASURES = {
    Evidence.PLACE: ("cpop-depopulation",),
    Evidence.HEALTH: ("cpop-early-mortality", "cpop-emergency-admissions"),
    Evidence.WORK: ("cpop-child-poverty", "cpop-out-of-work-benefits"),
    Evidence.LEARNING: ("cpop-attainment", "cpop-participation-rate"),
    Evidence.SAFETY: ("cpop-crime-rate",),
}
NO_COMMUNITY_DATA = (
    "The national data has no figures for communities on this theme: what people say and "
    "the partnership's own evidence tell this part of the story."
)


@dataclass
class CommunityValue:
    name: str
    code: str
    value: float
    is_estimate: bool


@dataclass
class PanelMeasure:
    """One measure on a panel: the locality's latest value and trend against the
    partnership and Scotland, and its communities' spread in the same period."""

    measure: object
    evidence: LocalityMeasure
    communities: list[CommunityValue] = field(default_factory=list)

    @property
    def latest(self):
        return self.evidence.latest

    @property
    def worst(self) -> CommunityValue | None:
        """The community doing worst on the measure (in the latest period)."""
        if not self.communities:
            return None
        pick = min if self.measure.higher_is_better else max
        return pick(self.communities, key=lambda c: c.value)

    @property
    def best(self) -> CommunityValue | None:
        if not self.communities:
            return None
        pick = max if self.measure.higher_is_better else min
        return pick(self.communities, key=lambda c: c.value)

    @property
    def gap(self) -> float | None:
        """How far apart the best and worst communities are (always positive)."""
        if self.worst is None or len(self.communities) < 2:
            return None
        return abs(self.best.value - self.worst.value)


@dataclass
class StoryEvidence:
    locality: object
    population: float
    community_count: int
    panels: dict[str, list[PanelMeasure]]

    def for_section(self, evidence: str) -> list[PanelMeasure]:
        return self.panels.get(evidence, [])


def story_evidence(*, locality) -> StoryEvidence:
    """Every panel of the locality's story."""
    wanted = {code for codes in SECTION_MEASURES.values() for code in codes}
    measures = [m for m in community_measures(partnership=locality.partnership) if m.code in wanted]
    found = locality_evidence(locality=locality, measures=measures)
    codes = {c.code for c in found.communities}
    council = locality.partnership.council_area
    by_code = {}
    for item in found.measures:
        latest = item.latest
        spread = []
        if latest is not None:
            spread = [
                CommunityValue(row["name"], row["code"], row["value"], row["is_estimate"])
                for row in community_values(
                    measure=item.measure, council_area=council, period=latest.period
                )
                if row["code"] in codes and row["value"] is not None
            ]
        by_code[item.measure.code] = PanelMeasure(item.measure, item, spread)
    panels = {
        evidence: [by_code[code] for code in codes_ if code in by_code]
        for evidence, codes_ in SECTION_MEASURES.items()
    }
    return StoryEvidence(
        locality=locality,
        population=found.population,
        community_count=len(found.communities),
        panels=panels,
    )


def story_evidence_cached(*, locality) -> StoryEvidence:
    """``story_evidence``, kept in the cache under the evidence version (which moves on
    whenever values are saved or a locality's communities change), so it is never stale."""
    key = f"placeplan:story-evidence:{evidence_version()}:{locality.pk}"
    found = cache.get(key)
    if found is None:
        found = story_evidence(locality=locality)
        cache.set(key, found, 3600)
    return found
