"""Stories of Place pages: the workspace's (each locality's story, editing it, its versions,
the moderation queue and decisions) and residents' (proposing a change or an asset, and
following what they proposed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from placeplan.core.views import found
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Locality, Partnership
from placeplan.residents import limits
from placeplan.residents.selectors import attribution, is_resident, may_contribute
from placeplan.stories import diff, forms, selectors, services
from placeplan.stories.display import compared_versions, story_context, version_rows
from placeplan.stories.models import Asset, Moderation, Proposal, Section, Story, Version
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView, apply_errors

QUEUE_PAGE = 25


# -- the workspace ---------------------------------------------------------------------------


class StoryListView(PartnershipMixin, TemplateView):
    """Each locality's story: when it last changed and what waits for moderation."""

    permission_required = "stories.view_stories"
    template_name = "stories/story_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        user = self.request.user
        return super().get_context_data(
            rows=selectors.story_list(partnership=partnership),
            may_start=user.has_perm("stories.start_story", partnership),
            may_moderate=user.has_perm("stories.moderate", partnership),
            **kwargs,
        )


class StoryStartView(PartnershipMixin, TemplateView):
    """Begin a locality's story with the default sections (a POST)."""

    permission_required = "stories.start_story"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        locality = found(
            partnership_selectors.locality_get,
            "This partnership has no such locality.",
            partnership=self.get_partnership(),
            pk=self.kwargs["locality"],
        )
        story = services.story_start(locality=locality)
        messages.success(request, f"The Story of Place for {locality.name} is begun.")
        return redirect("stories:story", self.kwargs["code"], story.locality_id)


class StoryMixin:
    """Finds the story of the locality named in the URL, in the partnership named there."""

    def get_story(self) -> Story:
        if not hasattr(self, "story"):
            self.story = found(
                selectors.story_get,
                "This partnership has no story for that locality.",
                partnership=self.get_partnership(),
                locality_pk=self.kwargs["locality"],
            )
        return self.story

    def story_url(self) -> str:
        return reverse("stories:story", args=[self.kwargs["code"], self.kwargs["locality"]])


class StoryView(StoryMixin, PartnershipMixin, TemplateView):
    permission_required = "stories.view_stories"
    template_name = "stories/story_detail.html"

    def get_context_data(self, **kwargs):
        story = self.get_story()
        user = self.request.user
        moderates = user.has_perm("stories.moderate_story", story)
        return super().get_context_data(
            **story_context(story=story, request=self.request),
            may_edit=user.has_perm("stories.edit_story", story),
            may_moderate=moderates,
            pending=(
                list(selectors.pending_proposals(localities=[story.locality])) if moderates else []
            ),
            pending_assets=(
                list(selectors.pending_assets(localities=[story.locality])) if moderates else []
            ),
            **kwargs,
        )


class SectionMixin(StoryMixin):
    def get_section(self):
        if not hasattr(self, "section"):
            self.section = found(
                selectors.section_get,
                "This story has no such section.",
                story=self.get_story(),
                pk=self.kwargs["pk"],
            )
        return self.section


class StoryFormView(StoryMixin, ServiceFormView):
    permission_required = "stories.edit_story"

    def get_permission_object(self):
        return self.get_story()

    def cancel_url(self):
        return self.story_url()

    def success_url_for(self, done):
        return self.story_url()


class SectionEditView(SectionMixin, StoryFormView):
    form_class = forms.SectionTextForm
    submit_label = "Publish this text"
    version_fields = ("current",)

    @property
    def page_title(self):
        return f"Write “{self.get_section().heading}”"

    @property
    def intro(self):
        return (
            f"Part of the Story of Place for {self.get_story().locality.name}. What you "
            "publish here is public at once, as a new version: every earlier version is kept."
        )

    def edited(self):
        return self.get_section()

    def get_initial(self):
        return {"text": self.get_section().text}

    def perform(self, form):
        return services.section_write(
            section=self.get_section(),
            text=form.cleaned_data["text"],
            note=form.cleaned_data["note"],
            user=self.request.user,
        )

    def success_message(self, done):
        return f"“{done.section.heading}” published as version {done.number}."


class SectionsArrangeView(StoryFormView):
    form_class = forms.SectionsForm
    page_title = "Name and order the sections"
    submit_label = "Save the sections"

    def edited(self):
        return self.get_story().sections.all()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "sections": selectors.sections_of(story=self.get_story()),
        }

    def perform(self, form):
        return services.sections_arrange(story=self.get_story(), headings=form.headings())

    def success_message(self, done):
        return "The sections are saved."


class AssetAddView(StoryFormView):
    form_class = forms.AssetForm
    page_title = "Add a community asset"
    submit_label = "Add the asset"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "story": self.get_story()}

    def perform(self, form):
        data = form.cleaned_data
        return services.asset_propose(
            story=self.get_story(),
            user=self.request.user,
            community=data["community"],
            category=data["category"],
            name=data["name"],
            description=data["description"],
        )

    def success_message(self, done):
        return f"“{done.name}” is listed on the story."


class VersionsView(SectionMixin, PartnershipMixin, TemplateView):
    permission_required = "stories.view_stories"
    template_name = "stories/versions.html"

    def get_context_data(self, **kwargs):
        section = self.get_section()
        # Residents' display names are for the story's moderators; others see "a resident".
        moderates = self.request.user.has_perm("stories.moderate_story", self.get_story())
        return super().get_context_data(
            story=self.get_story(),
            section=section,
            rows=version_rows(section=section, named=moderates),
            may_restore=moderates,
            # query keys: from, to
            **compared_versions(section=section, query=self.request.GET),
            **kwargs,
        )


class RestoreView(SectionMixin, StoryFormView):
    permission_required = "stories.moderate_story"
    form_class = forms.forms.Form
    submit_label = "Restore this version"

    def get_version(self) -> Version:
        return found(
            selectors.version_get,
            "This section has no such version.",
            section=self.get_section(),
            number=self.kwargs["number"],
        )

    @property
    def page_title(self):
        return f"Restore version {self.get_version().number} of “{self.get_section().heading}”"

    @property
    def intro(self):
        return (
            "Its text becomes the current text, as a new version; the versions since are "
            "kept and can be restored in turn."
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return kwargs

    def edited(self):
        return self.get_section()

    def perform(self, form):
        return services.version_restore(version=self.get_version(), moderator=self.request.user)

    def success_message(self, done):
        return f"Version {done.restored_from.number} restored as version {done.number}."

    def cancel_url(self):
        return reverse(
            "stories:versions",
            args=[self.kwargs["code"], self.kwargs["locality"], self.kwargs["pk"]],
        )


class QueueView(PartnershipMixin, TemplateView):
    """What waits for the person's decision: residents' proposals (each as a comparison
    with the current text) and suggested assets, oldest first, a page at a time."""

    permission_required = "stories.moderate"
    template_name = "stories/queue.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        localities = selectors.moderated_localities(user=self.request.user, partnership=partnership)
        # query keys: page
        page = Paginator(selectors.pending_proposals(localities=localities), QUEUE_PAGE).get_page(
            self.request.GET.get("page")
        )
        today = timezone.localdate()
        items = [
            {
                "proposal": p,
                "comparison": diff.compare(p.section.text, p.text),
                "who": attribution(p.proposer, named=True),
                "days": (today - timezone.localtime(p.created_at).date()).days,
            }
            for p in page.object_list
        ]
        return super().get_context_data(
            page=page,
            items=items,
            assets=list(selectors.pending_assets(localities=localities)[:QUEUE_PAGE]),
            stale_days=selectors.STALE_DAYS,
            **kwargs,
        )


class DecideMixin:
    """A moderator's decision on something pending in one of the partnership's stories."""

    permission_required = "stories.moderate_story"

    def get_permission_object(self):
        return self.get_item().story_for_permission

    def queue_url(self):
        return reverse("stories:queue", args=[self.kwargs["code"]])

    def cancel_url(self):
        return self.queue_url()

    def success_url_for(self, done):
        return self.queue_url()

    def get(self, request, *args, **kwargs):
        if not self.get_item().is_pending:
            item = self.get_item()
            messages.info(request, f"This was {item.get_status_display().lower()} already.")
            return redirect(self.queue_url())
        return super().get(request, *args, **kwargs)


class ProposalDecideView(DecideMixin, ServiceFormView):
    form_class = forms.DecisionForm
    template_name = "stories/proposal_decide.html"
    submit_label = "Save the decision"

    def get_item(self) -> Proposal:
        if not hasattr(self, "proposal"):
            self.proposal = found(
                selectors.proposal_get,
                "This partnership has no such proposal.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
            self.proposal.story_for_permission = self.proposal.section.story
        return self.proposal

    @property
    def page_title(self):
        proposal = self.get_item()
        return (
            f"Proposed change to “{proposal.section.heading}”, "
            f"{proposal.section.story.locality.name}"
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return {**kwargs, "stale": self.get_item().is_stale}

    def get_initial(self):
        return {"text": self.get_item().text}

    def edited(self):
        return self.get_item()

    def perform(self, form):
        data = form.cleaned_data
        proposal = self.get_item()
        code, locality = self.kwargs["code"], proposal.section.story.locality_id
        if data["decision"] == "approve":
            return services.proposal_approve(
                proposal=proposal,
                moderator=self.request.user,
                text=data["text"],
                over_newer=data.get("over_newer", False),
                link=self.request.build_absolute_uri(
                    reverse("public:story", args=[code, locality])
                ),
            )
        return services.proposal_reject(
            proposal=proposal,
            moderator=self.request.user,
            reason=data["reason"],
            link=self.request.build_absolute_uri(reverse("contribute:mine")),
        )

    def success_message(self, done):
        if isinstance(done, Version):
            return f"Published as version {done.number} of “{done.section.heading}”."
        return "The proposal is not published; the resident is told why."

    def get_context_data(self, **kwargs):
        proposal = self.get_item()
        section = proposal.section
        return super().get_context_data(
            proposal=proposal,
            who=attribution(proposal.proposer, named=True),
            against_current=diff.compare(section.text, proposal.text),
            against_base=(
                diff.compare(proposal.base.text if proposal.base else "", proposal.text)
                if proposal.is_stale
                else None
            ),
            **kwargs,
        )


class AssetDecideView(DecideMixin, ServiceFormView):
    form_class = forms.DecisionForm
    template_name = "stories/asset_decide.html"
    submit_label = "Save the decision"

    def get_item(self) -> Asset:
        if not hasattr(self, "asset"):
            self.asset = found(
                selectors.asset_get,
                "This partnership has no such asset.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
            self.asset.story_for_permission = self.asset.story
        return self.asset

    @property
    def page_title(self):
        return f"Suggested community asset: {self.get_item().name}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return {**kwargs, "with_text": False}

    def edited(self):
        return self.get_item()

    def perform(self, form):
        data = form.cleaned_data
        if data["decision"] == "approve":
            return services.asset_approve(asset=self.get_item(), moderator=self.request.user)
        return services.asset_reject(
            asset=self.get_item(), moderator=self.request.user, reason=data["reason"]
        )

    def success_message(self, done):
        if done.status == Moderation.APPROVED:
            return f"“{done.name}” is listed on the story."
        return f"“{done.name}” is not listed; the resident is told why."

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            asset=self.get_item(), who=attribution(self.get_item().proposer, named=True), **kwargs
        )


# -- residents ----------------------------------------------------------------------------


class ResidentMixin(LoginRequiredMixin):
    """Pages for residents: staff write in the workspace instead."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_resident(request.user):
            raise PermissionDenied(
                "These pages are for residents. People with a role in a partnership "
                "edit its stories directly in the workspace."
            )
        return super().dispatch(request, *args, **kwargs)


class ResidentStoryMixin(ResidentMixin):
    def get_story(self) -> Story:
        if not hasattr(self, "story"):
            try:
                partnership = partnership_selectors.partnership_get(
                    council_code=self.kwargs["code"]
                )
                self.story = selectors.story_get(
                    partnership=partnership, locality_pk=self.kwargs["locality"]
                )
            except (Partnership.DoesNotExist, Story.DoesNotExist, Locality.DoesNotExist) as e:
                raise Http404("No such Story of Place.") from e
        return self.story

    def public_url(self) -> str:
        return reverse("public:story", args=[self.kwargs["code"], self.kwargs["locality"]])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            story=self.get_story(),
            may_contribute=may_contribute(self.request.user),
            cancel_url=self.public_url(),
            page_title=self.page_title,
            submit_label=self.submit_label,
            **kwargs,
        )


class ResidentFormView(ResidentStoryMixin, FormView):
    limit = limits.PROPOSAL

    def form_valid(self, form):
        if not limits.allowed(self.request, self.limit):
            form.add_error(None, limits.TOO_MANY)
            return self.form_invalid(form)
        try:
            done = self.perform(form)
        except ValidationError as refusal:
            apply_errors(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(done))
        return redirect("contribute:mine")


class ProposeView(ResidentFormView):
    form_class = forms.ProposalForm
    template_name = "stories/propose.html"
    submit_label = "Send to the moderators"

    @property
    def page_title(self):
        return f"Propose a change to “{self.get_section().heading}”"

    def get_section(self):
        try:
            return selectors.section_get(story=self.get_story(), pk=self.kwargs["pk"])
        except Section.DoesNotExist as missing:
            raise Http404("This story has no such section.") from missing

    def get_initial(self):
        return {"text": self.get_section().text}

    def perform(self, form):
        return services.proposal_make(
            section=self.get_section(),
            text=form.cleaned_data["text"],
            note=form.cleaned_data["note"],
            user=self.request.user,
        )

    def success_message(self, done):
        return (
            f"Thank you. Your change to “{done.section.heading}” is with the moderators: "
            "it is not public until they approve it, and we will email you their decision."
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.get_section(), **kwargs)


class AssetSuggestView(ResidentFormView):
    form_class = forms.AssetForm
    template_name = "stories/asset_suggest.html"
    submit_label = "Send to the moderators"
    page_title = "Suggest a community asset"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "story": self.get_story()}

    def perform(self, form):
        data = form.cleaned_data
        return services.asset_propose(
            story=self.get_story(),
            user=self.request.user,
            community=data["community"],
            category=data["category"],
            name=data["name"],
            description=data["description"],
        )

    def success_message(self, done):
        return (
            f"Thank you. “{done.name}” is with the moderators: it is listed once they "
            "approve it, and we will email you their decision."
        )


class MyContributionsView(ResidentMixin, TemplateView):
    """What the resident has proposed and suggested, with each decision and its reason."""

    template_name = "stories/mine.html"

    def get_context_data(self, **kwargs):
        proposals, assets = selectors.contributions_of(user=self.request.user)
        return super().get_context_data(
            proposals=list(proposals),
            assets=list(assets),
            may_contribute=may_contribute(self.request.user),
            **kwargs,
        )


class WithdrawView(ResidentMixin, TemplateView):
    """The proposer takes back something not yet decided (a POST)."""

    http_method_names = ["post"]
    model = Proposal

    def post(self, request, *args, **kwargs):
        item = self.model.objects.filter(pk=self.kwargs["pk"], proposer=request.user).first()
        if item is None:
            raise Http404("You have no such proposal.")
        try:
            if self.model is Proposal:
                services.proposal_withdraw(proposal=item, user=request.user)
            else:
                services.asset_withdraw(asset=item, user=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, "Withdrawn: the moderators will not see it.")
        return redirect("contribute:mine")
