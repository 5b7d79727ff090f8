"""Who may do what with Stories of Place.

Everybody with a role in the partnership edits its stories directly (the seed: "services
and communities … edit and add content"); residents propose, and what they propose waits
for a moderator: the partnership's support officers, and the chair and lead officer of the
locality's local partnership (for that locality's story)."""

import rules
from django.utils import timezone

from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_national_reader,
    is_site_admin,
    is_support_officer_of,
)
from placeplan.partnerships.selectors import bodies_led_by


@rules.predicate
def leads_the_local_partnership(user, story):
    """Chairs or is the lead officer of a body covering the story's locality, today."""
    if story is None or not user.is_authenticated or not user.is_active:
        return False
    return story.locality.bodies.filter(
        pk__in=bodies_led_by(user=user, day=timezone.localdate())
    ).exists()


@rules.predicate
def leads_a_local_partnership_of(user, partnership):
    """Chairs or is the lead officer of one of the partnership's local partnerships."""
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return partnership.bodies.filter(
        locality__isnull=False, pk__in=bodies_led_by(user=user, day=timezone.localdate())
    ).exists()


@rules.predicate
def supports_the_story(user, story):
    return story is not None and is_support_officer_of(user, story.partnership)


@rules.predicate
def has_role_for_story(user, story):
    return story is not None and has_any_role_in(user, story.partnership)


# The partnership's stories, in the workspace: anyone with a role; national readers read.
rules.add_perm("stories.view_stories", has_any_role_in | is_national_reader | is_site_admin)
# Editing a story directly (its text, its sections' names and order, assets): any role.
rules.add_perm("stories.edit_story", has_role_for_story | is_site_admin)
# Deciding on residents' proposals and restoring versions, for one story.
rules.add_perm(
    "stories.moderate_story", supports_the_story | leads_the_local_partnership | is_site_admin
)
# The moderation queue of a partnership: those who moderate any of its stories.
rules.add_perm(
    "stories.moderate",
    is_support_officer_of | leads_a_local_partnership_of | is_site_admin,
)
# Beginning a locality's story: anyone with a role in the partnership.
rules.add_perm("stories.start_story", has_any_role_in | is_site_admin)
