"""Writes to Stories of Place: sections and their versions, residents' proposals and
community assets and the moderators' decisions on them. Each write is checked, in one
transaction, into the audit history; nothing a resident writes is public until approved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from placeplan.residents.moderation import decide, pending_locked, tell_proposer
from placeplan.residents.selectors import is_resident, may_contribute
from placeplan.stories.models import (
    Asset,
    Evidence,
    Moderation,
    Proposal,
    Section,
    Story,
    Version,
)

# The sections every story starts with (a partnership may rename and reorder them).
DEFAULT_SECTIONS = (
    (Evidence.PLACE, "The place and its people"),
    (Evidence.HEALTH, "Health and wellbeing"),
    (Evidence.WORK, "Work and money"),
    (Evidence.LEARNING, "Learning"),
    (Evidence.SAFETY, "Safety"),
    (Evidence.HOUSING, "Housing and environment"),
    (Evidence.ASSETS, "Community assets"),
    (Evidence.VOICES, "What people say"),
)
MAX_TEXT = 10_000
NOT_YET = (
    "Confirm your email address before you propose changes: use the link we emailed you, "
    "or ask for another from your account page."
)


@transaction.atomic
def story_start(*, locality, is_demo: bool = False) -> Story:
    """The locality's story, begun with the default sections if it has none yet."""
    story, _ = Story.objects.get_or_create(locality=locality, defaults={"is_demo": is_demo})
    have = set(story.sections.values_list("evidence", flat=True))
    for position, (evidence, heading) in enumerate(DEFAULT_SECTIONS, start=1):
        if evidence not in have:
            Section.objects.create(
                story=story, evidence=evidence, heading=heading, position=position
            )
    return story


def _text_problems(text: str, current: str, field: str = "text") -> dict[str, str]:
    if not text.strip():
        return {field: "Enter the text for this section."}
    if len(text) > MAX_TEXT:
        return {field: f"Keep the text to {MAX_TEXT:,} characters or fewer."}
    if text.strip() == current.strip():
        return {field: "The text is the same as the current version: change something first."}
    return {}


def _next_version(section: Section, **fields) -> Version:
    # The section's row is locked by the caller, so two saves number one after the other.
    last = section.versions.aggregate(last=Max("number"))["last"] or 0
    version = Version.objects.create(section=section, number=last + 1, **fields)
    section.current = version
    section.save(update_fields=["current", "updated_at"])
    return version


def _locked(section: Section) -> Section:
    return (
        Section.objects.select_for_update(of=("self",)).select_related("current").get(pk=section.pk)
    )


@transaction.atomic
def section_write(*, section: Section, text: str, user, note: str = "") -> Version:
    """A new version of a section's text, written directly by someone with a role in the
    partnership (the view checks the role; a stale form is refused by the edit guard)."""
    section = _locked(section)
    problems = _text_problems(text, section.text)
    if problems:
        raise ValidationError(problems)
    return _next_version(
        section, text=text.strip(), author=user, by_resident=False, note=note.strip()
    )


@transaction.atomic
def sections_arrange(*, story: Story, headings: dict[int, tuple[str, int]]) -> Story:
    """Rename and reorder the story's sections: ``headings`` maps each section's id to its
    new heading and position (1 first). Every section is named; no two share a place."""
    sections = {s.pk: s for s in story.sections.select_for_update()}
    problems = {}
    if set(headings) != set(sections):
        raise ValidationError("Give every section of the story a heading and a place.")
    positions = [position for _, position in headings.values()]
    if len(set(positions)) != len(positions):
        problems["__all__"] = "Give each section a different place in the story."
    for pk, (heading, _) in headings.items():
        if not heading.strip():
            problems[f"heading_{pk}"] = "Enter a heading for every section."
    if problems:
        raise ValidationError(problems)
    for pk, (heading, position) in headings.items():
        section = sections[pk]
        if section.heading != heading.strip() or section.position != position:
            section.heading, section.position = heading.strip(), position
            section.save(update_fields=["heading", "position", "updated_at"])
    return story


@transaction.atomic
def proposal_make(*, section: Section, text: str, user, note: str = "") -> Proposal:
    """A resident's proposed text for a section, held for moderation and written against
    the version current now."""
    if not may_contribute(user):
        raise ValidationError(NOT_YET)
    section = Section.objects.select_related("current").get(pk=section.pk)
    problems = _text_problems(text, section.text)
    if len(note) > 500:
        problems["note"] = "Keep the reason to 500 characters or fewer."
    if problems:
        raise ValidationError(problems)
    return Proposal.objects.create(
        section=section, base=section.current, text=text.strip(), note=note.strip(), proposer=user
    )


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, user) -> Proposal:
    """The proposer takes back a proposal not yet decided."""
    proposal = pending_locked(Proposal, proposal.pk)
    if user is None or proposal.proposer_id != user.pk:
        raise ValidationError("Only the person who made a proposal can withdraw it.")
    proposal.status = Moderation.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    return proposal


def _where(section: Section) -> str:
    return f"“{section.heading}” in the Story of Place for {section.story.locality.name}"


@transaction.atomic
def proposal_approve(
    *,
    proposal: Proposal,
    moderator,
    text: str | None = None,
    over_newer: bool = False,
    link: str = "",
    notify: bool = True,
) -> Version:
    """Publish a proposal as the section's new version, as written or as the moderator
    edited it. A proposal written against an older version is published only when the
    moderator says so (``over_newer``), having compared it with the current text: never
    silently over a newer change."""
    proposal = pending_locked(Proposal, proposal.pk)
    section = _locked(proposal.section)
    if proposal.base_id != section.current_id and not over_newer:
        now = section.current.number if section.current else 0
        then = proposal.base.number if proposal.base else 0
        raise ValidationError(
            f"This proposal was written against version {then}; the section is now at "
            f"version {now}. Compare it with the current text, then confirm you are "
            "publishing it over the newer version (or edit it to keep both changes)."
        )
    final = (text if text is not None else proposal.text).strip()
    problems = _text_problems(final, section.text)
    if problems:
        raise ValidationError(problems)
    edited = final != proposal.text.strip()
    version = _next_version(
        section,
        text=final,
        author=proposal.proposer,
        by_resident=True,
        moderator=moderator,
        proposal=proposal,
        note="Proposed by a resident; edited by the moderator" if edited else "",
    )
    decide(proposal, moderator, Moderation.APPROVED)
    how = "with some changes by the moderator" if edited else "as you wrote it"
    if not notify:
        return version
    tell_proposer(
        proposal,
        subject="Your proposed change has been published",
        lines=[
            f"Your proposed change to {_where(section)} has been approved, {how}, and is "
            f"now published as version {version.number}.",
            *([f"See it here: {link}"] if link else []),
        ],
    )
    return version


@transaction.atomic
def proposal_reject(*, proposal: Proposal, moderator, reason: str, link: str = "") -> Proposal:
    """Decline a proposal, with a reason the proposer sees (and is emailed)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why: the person who proposed it will see this."})
    proposal = pending_locked(Proposal, proposal.pk)
    decide(proposal, moderator, Moderation.REJECTED, reason.strip())
    tell_proposer(
        proposal,
        subject="Your proposed change was not published",
        lines=[
            f"Your proposed change to {_where(proposal.section)} was not published.",
            "",
            f"The moderator's reason: {reason.strip()}",
            *([f"Your proposals: {link}"] if link else []),
        ],
    )
    return proposal


@transaction.atomic
def version_restore(*, version: Version, moderator) -> Version:
    """Make an earlier version's text current again, as a new version (nothing is lost)."""
    section = _locked(version.section)
    if section.current_id == version.pk:
        raise ValidationError(f"Version {version.number} is the current version already.")
    return _next_version(
        section,
        text=version.text,
        author=moderator,
        by_resident=False,
        moderator=moderator,
        restored_from=version,
        note=f"Version {version.number} restored",
    )


def _asset_problems(story: Story, community, name: str, description: str) -> dict:
    problems = {}
    if community is None or not story.locality.communities.filter(pk=community.pk).exists():
        problems["community"] = "Choose one of the locality's communities."
    if not name.strip():
        problems["name"] = "Enter the asset's name."
    if len(description) > 2000:
        problems["description"] = "Keep the description to 2,000 characters or fewer."
    return problems


@transaction.atomic
def asset_propose(
    *, story: Story, user, community, category: str, name: str, description: str = ""
) -> Asset:
    """A community asset put forward: a resident's waits for moderation; one added by
    someone with a role in the partnership is listed at once."""
    resident = is_resident(user)
    if resident and not may_contribute(user):
        raise ValidationError(NOT_YET)
    problems = _asset_problems(story, community, name, description)
    if category not in Asset.Category.values:
        problems["category"] = "Choose what kind of asset it is."
    if problems:
        raise ValidationError(problems)
    asset = Asset(
        story=story,
        community=community,
        category=category,
        name=name.strip(),
        description=description.strip(),
        proposer=user,
    )
    if not resident:
        asset.status = Moderation.APPROVED
        asset.decided_by = user
        asset.decided_at = timezone.now()
    asset.save()
    return asset


@transaction.atomic
def asset_approve(*, asset: Asset, moderator) -> Asset:
    asset = pending_locked(Asset, asset.pk)
    decide(asset, moderator, Moderation.APPROVED)
    tell_proposer(
        asset,
        subject="The community asset you suggested is listed",
        lines=[
            f"“{asset.name}”, which you suggested, is now listed in the Story of Place for "
            f"{asset.story.locality.name}."
        ],
    )
    return asset


@transaction.atomic
def asset_reject(*, asset: Asset, moderator, reason: str) -> Asset:
    if not reason.strip():
        raise ValidationError({"reason": "Say why: the person who suggested it will see this."})
    asset = pending_locked(Asset, asset.pk)
    decide(asset, moderator, Moderation.REJECTED, reason.strip())
    tell_proposer(
        asset,
        subject="The community asset you suggested was not listed",
        lines=[
            f"“{asset.name}”, which you suggested, was not listed in the Story of Place for "
            f"{asset.story.locality.name}.",
            "",
            f"The moderator's reason: {reason.strip()}",
        ],
    )
    return asset


@transaction.atomic
def asset_withdraw(*, asset: Asset, user) -> Asset:
    asset = pending_locked(Asset, asset.pk)
    if user is None or asset.proposer_id != user.pk:
        raise ValidationError("Only the person who suggested an asset can withdraw it.")
    asset.status = Moderation.WITHDRAWN
    asset.save(update_fields=["status", "updated_at"])
    return asset
