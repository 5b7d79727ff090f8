"""The public Stories of Place: each locality's approved story with its evidence from the
data, and every version of its sections. Pending proposals are never shown here."""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.public.views import PartnershipMixin
from placeplan.stories import selectors as stories
from placeplan.stories.display import compared_versions, story_context, version_rows


class StoryMixin(PartnershipMixin):
    def get_story(self):
        self.partnership = self.get_partnership()
        return found(
            stories.story_get,
            "This partnership has no Story of Place for that locality.",
            partnership=self.partnership,
            locality_pk=self.kwargs["locality"],
        )

    def stories_crumb(self):
        return ("Stories of Place", reverse("public:stories", args=[self.kwargs["code"]]))


class StoriesView(PartnershipMixin, TemplateView):
    """The partnership's Stories of Place, one per locality that has begun one."""

    template_name = "public/stories.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            partnership=partnership,
            rows=stories.stories_public(partnership=partnership),
            breadcrumbs=self.crumbs(partnership, ("Stories of Place", None)),
            **kwargs,
        )


class StoryView(StoryMixin, TemplateView):
    template_name = "public/story.html"

    def get_context_data(self, **kwargs):
        story = self.get_story()
        return super().get_context_data(
            partnership=self.partnership,
            **story_context(story=story, request=self.request),
            breadcrumbs=self.crumbs(
                self.partnership, self.stories_crumb(), (story.locality.name, None)
            ),
            **kwargs,
        )


class StoryVersionsView(StoryMixin, TemplateView):
    """Every section's versions (residents shown as "a resident"), and two versions of
    one section compared."""

    template_name = "public/story_versions.html"

    def get_context_data(self, **kwargs):
        story = self.get_story()
        sections = stories.sections_of(story=story)
        # query keys: section, from, to
        chosen = next(
            (s for s in sections if str(s.pk) == self.request.GET.get("section", "")),
            sections[0] if sections else None,
        )
        return super().get_context_data(
            partnership=self.partnership,
            story=story,
            sections=[(s, version_rows(section=s, named=False)) for s in sections],
            section=chosen,
            # query keys: from, to
            **(compared_versions(section=chosen, query=self.request.GET) if chosen else {}),
            breadcrumbs=self.crumbs(
                self.partnership,
                self.stories_crumb(),
                (
                    story.locality.name,
                    reverse("public:story", args=[self.kwargs["code"], story.locality_id]),
                ),
                ("Versions", None),
            ),
            **kwargs,
        )
