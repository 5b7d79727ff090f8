"""What a story's pages show, staff's and the public's alike (the workspace and the public
site build their pages from these, so the two never differ)."""

from __future__ import annotations

from placeplan.core.parsing import parse_id
from placeplan.residents.selectors import attribution
from placeplan.stories import diff, selectors
from placeplan.stories.evidence import NO_COMMUNITY_DATA, story_evidence_cached
from placeplan.stories.models import Story, Version
from placeplan.workspace.registry import panels_render


def story_context(*, story: Story, request=None) -> dict:
    """What a story's page shows, staff's and the public's alike: its sections with their
    evidence panels, when it last changed, how many people wrote it, its assets, and (with
    a ``request``) what other capabilities show in its "what people say" section (the
    ``story`` panels: engagement's Place Standard results and activities)."""
    evidence = story_evidence_cached(locality=story.locality)
    sections = selectors.sections_of(story=story)
    for section in sections:
        section.panel = evidence.for_section(section.evidence)
    return {
        "story": story,
        "plan_for_place": selectors.plan_for_place(locality=story.locality),
        "sections": sections,
        "evidence": evidence,
        "no_community_data": NO_COMMUNITY_DATA,
        "last_updated": selectors.last_updated(story=story),
        "contributors": selectors.contributor_count(story=story),
        "assets": list(selectors.listed_assets(story=story)),
        "assets_per_community": selectors.assets_per_community(story=story),
        "assets_map": selectors.assets_map(story=story),
        "voices": (
            panels_render(
                "story", request=request, subject=story.locality, partnership=story.partnership
            )
            if request is not None
            else []
        ),
    }


def _version_label(version: Version, *, named: bool) -> str:
    who = "the partnership"
    if version.by_resident:
        who = attribution(version.author, named=named) if version.author else "a resident"
    elif version.author is not None and named:
        who = version.author.full_name
    return who


def version_rows(*, section, named: bool) -> list[dict]:
    """A section's versions, newest first, each with who wrote and moderated it (a
    resident shown as "a resident" unless ``named``)."""
    return [
        {
            "version": v,
            "author": _version_label(v, named=named),
            "moderator": (v.moderator.full_name if v.moderator and named else ""),
            "moderated": v.moderator_id is not None,
        }
        for v in selectors.versions_of(section=section)
    ]


def compared_versions(*, section, query) -> dict:
    """The two versions asked for (``from`` and ``to`` numbers; by default the one before
    the current and the current), compared."""
    # query keys: from, to
    versions = {v.number: v for v in section.versions.all()}
    if not versions:
        return {}
    newest = max(versions)
    to = parse_id(query.get("to"))
    first = parse_id(query.get("from"))
    to = to if to in versions else newest
    first = first if first in versions else max(to - 1, min(versions))
    return {
        "from_version": versions[first],
        "to_version": versions[to],
        "comparison": diff.compare(versions[first].text, versions[to].text),
        "numbers": sorted(versions, reverse=True),
    }
