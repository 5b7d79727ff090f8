"""Staff pages for participatory budgeting: the partnership's processes, a process's
settings and overview, the proposals' moderation and review, voting codes, paper
ballots, the results (a preview of the count for the people who run the process, then
the frozen figures) and the funded projects' delivery.

Everybody working in the partnership reads the list, the overview and published results;
every change (each POST) is for the people who run the process. No vote counts are shown
before the results are published, except the preview to the people who publish them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.budgets import forms, selectors, services
from placeplan.budgets.models import FEASIBILITY_TAGS, PHASE_TAGS, Feasibility, Process
from placeplan.budgets.permissions import runs_any_process
from placeplan.core.numbers import number_text, pounds_text
from placeplan.core.views import found
from placeplan.partnerships.models import Body
from placeplan.partnerships.selectors import bodies_led_by
from placeplan.residents.moderation import MODERATION_TAGS, Moderation
from placeplan.residents.selectors import attribution
from placeplan.workspace import registry
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView, apply_errors

VIEW = "budgets.view_budgets"
RUN = "budgets.run_process"


def public_vote_url(request, process: Process) -> str:
    """Where a code holder votes with their code."""
    return request.build_absolute_uri(
        reverse("pb:code_vote", args=[process.partnership.council_area.code, process.pk])
    )


def _count(number: int, noun: str) -> str:
    """ "3 paper ballots", "1 paper ballot", the number by the one number function."""
    return f"{number_text(number, 0)} {noun}{'s' if number != 1 else ''}"


def _today():
    return timezone.localdate()


class ProcessListView(PartnershipMixin, TemplateView):
    """The partnership's processes, each with its phase, budget, ballot and rule."""

    permission_required = VIEW
    template_name = "budgets/process_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        today = timezone.localdate()
        rows = []
        for process in selectors.process_list(partnership=partnership):
            phase = process.phase(today)
            rows.append({"process": process, "phase": phase, "tag": PHASE_TAGS[phase]})
        return super().get_context_data(
            rows=rows,
            may_add=self.request.user.has_perm("budgets.add_process", partnership),
            **kwargs,
        )


class ProcessMixin:
    """Finds the process in the URL, within the partnership (404 if none)."""

    def get_process(self) -> Process:
        if not hasattr(self, "process"):
            self.process = found(
                selectors.process_get,
                "This partnership has no such participatory budgeting process.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.process

    def process_url(self, name: str = "budgets:process") -> str:
        return reverse(name, args=[self.kwargs["code"], self.kwargs["pk"]])


class ProcessPage(ProcessMixin, PartnershipMixin, TemplateView):
    """A page of a process with small forms, each posted to the page with an ``action``
    naming it. Reading needs ``permission_required`` (on the partnership when it is
    ``budgets.view_budgets``, else on the process); every POST needs
    ``budgets.run_process`` on the process. A refused form is shown again, bound, with
    its error summary."""

    permission_required = RUN
    actions: tuple[str, ...] = ()
    failed_action = ""
    failed = None

    def get_permission_required(self):
        if self.request.method == "POST":
            return (RUN,)
        return (self.permission_required,)

    def get_permission_object(self):
        if self.request.method != "POST" and self.permission_required == VIEW:
            return self.get_partnership()
        return self.get_process()

    def may_run(self) -> bool:
        return self.request.user.has_perm(RUN, self.get_process())

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in self.actions:
            raise Http404("This page has no such form.")
        form, perform = getattr(self, f"do_{action}")()
        if form.is_valid():
            try:
                done = perform(form.cleaned_data)
            except ValidationError as refusal:
                apply_errors(form, refusal)
            else:
                if not isinstance(done, str):
                    return done
                messages.success(request, done)
                return redirect(self.request.path)
        self.failed_action, self.failed = action, form
        return self.render_to_response(self.get_context_data())

    def bound(self, action: str, form_class, key=None, **kwargs):
        """The form for ``action`` (and the row ``key``): the refused one, bound, when it
        is the one just posted; a new one otherwise."""
        failed = self.failed
        if (
            failed is not None
            and self.failed_action == action
            and (key is None or str(failed.data.get("project", "")) == str(key))
        ):
            return failed
        auto_id = f"id_{action}{'_' + str(key) if key is not None else ''}_%s"
        return form_class(auto_id=auto_id, **kwargs)

    def posted(self, action: str, form_class, **kwargs):
        key = self.request.POST.get("project", "")
        key = key if key.isdigit() and key.isascii() else None
        auto_id = f"id_{action}{'_' + key if key is not None else ''}_%s"
        return form_class(self.request.POST, auto_id=auto_id, **kwargs)

    def get_context_data(self, **kwargs):
        process = self.get_process()
        today = timezone.localdate()
        phase = process.phase(today)
        return super().get_context_data(
            process=process,
            phase=phase,
            phase_tag=PHASE_TAGS[phase],
            today=today,
            may_run=self.may_run(),
            failed=self.failed,
            **kwargs,
        )


class ProcessView(ProcessPage):
    """A process at a glance: its phase, dates and rules, where its money comes from (the
    ``process`` panels), its proposals by state, how many ballots have been cast (never
    how they voted, while voting), the funded projects' delivery and links to its pages."""

    permission_required = VIEW
    template_name = "budgets/process.html"
    actions = ("publish",)

    def do_publish(self):
        form = self.posted("publish", forms.ConfirmForm)

        def perform(_):
            services.process_publish(process=self.get_process())
            return f"“{self.get_process().title}” is published on the partnership's pages."

        return form, perform

    def get_context_data(self, **kwargs):
        process = self.get_process()
        counts = selectors.proposal_counts(process)
        moderation = [
            {
                "label": label,
                "count": counts["moderation"].get(value, 0),
                "tag": MODERATION_TAGS[value],
            }
            for value, label in Moderation.choices
        ]
        review = [
            {
                "label": label,
                "count": counts["review"].get(value, 0),
                "tag": FEASIBILITY_TAGS[value],
            }
            for value, label in Feasibility.choices
        ]
        delivered = selectors.delivery(process)
        delivery = [{"project": project, "action": project.action} for project in delivered]
        published = selectors.published_results(process)
        funded = []
        if published is not None:
            done = {p.pk for p in delivered}
            funded = [
                row
                for row in published["projects"]
                if row["funded_amount"] and row["id"] not in done
            ]
        return super().get_context_data(
            moderation=moderation,
            review=review,
            ballots=sum(selectors.ballots_cast(process)),
            delivery=delivery,
            to_deliver=funded,
            frozen_rules=services.rules_frozen(process, timezone.localdate()),
            panels=registry.panels_render(
                "process", request=self.request, subject=process, partnership=process.partnership
            ),
            **kwargs,
        )


class ProcessAddView(ServiceFormView):
    permission_required = "budgets.add_process"
    form_class = forms.ProcessForm
    page_title = "Start a participatory budgeting process"
    submit_label = "Save the process"
    intro = (
        "The ballot rules (budget, costs, kind of ballot, how the winners are chosen, part "
        "funding and who may vote) can be changed until voting opens, then they are fixed. "
        "The process stays a draft until you publish it from its page."
    )

    def process_instance(self) -> Process:
        return Process(partnership=self.get_partnership())

    def get_form_kwargs(self):
        partnership = self.get_partnership()
        user = self.request.user
        bodies = None
        if not runs_any_process.test(user, partnership):
            bodies = Body.objects.filter(
                pk__in=bodies_led_by(user=user, day=timezone.localdate()),
                partnership=partnership,
            )
        instance = self.process_instance()
        kwargs = {**super().get_form_kwargs(), "instance": instance, "bodies": bodies}
        if instance.pk:
            kwargs["initial"] = {"communities": list(instance.communities.all())}
        return kwargs

    def perform(self, form):
        return services.process_save(
            process=form.instance,
            today=timezone.localdate(),
            communities=form.cleaned_data["communities"],
        )

    def success_message(self, done):
        return f"Process saved: “{done.title}” ({done.get_status_display().lower()})."

    def success_url_for(self, done):
        return reverse("budgets:process", args=[self.kwargs["code"], done.pk])

    def cancel_url(self):
        return reverse("budgets:list", args=[self.kwargs["code"]])


class ProcessEditView(ProcessMixin, ProcessAddView):
    permission_required = RUN
    page_title = "Change a participatory budgeting process"
    submit_label = "Save changes"

    def get_permission_object(self):
        return self.get_process()

    def process_instance(self):
        return self.get_process()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if kwargs["bodies"] is not None and self.get_process().body_id:
            kwargs["bodies"] = kwargs["bodies"] | Body.objects.filter(pk=self.get_process().body_id)
        return kwargs

    def edited(self):
        return self.get_process()

    def cancel_url(self):
        return self.process_url()


class ProposalsView(ProcessPage):
    """Moderation of residents' proposals, the review of published ones (feasible or not,
    the cost, duplicates merged) and a proposal entered for a group. Who proposed what is
    shown here, to the people who run the process, only."""

    template_name = "budgets/proposals.html"
    actions = ("moderate", "review", "merge", "enter")

    def _kwargs(self):
        return {"process": self.get_process()}

    def do_moderate(self):
        form = self.posted("moderate", forms.ModerateForm, **self._kwargs())

        def perform(data):
            project, user = data["project"], self.request.user
            if data["decision"] == "approve":
                services.project_approve(project=project, moderator=user, today=_today())
                return f"“{project.title}” is published."
            services.project_reject(project=project, moderator=user, reason=data["reason"])
            return f"“{project.title}” is rejected; the proposer is told why."

        return form, perform

    def do_review(self):
        form = self.posted("review", forms.ReviewForm, **self._kwargs())

        def perform(data):
            project = services.project_review(
                project=data["project"],
                feasibility=data["feasibility"],
                reason=data["feasibility_reason"],
                adjusted_cost=data["adjusted_cost"],
                cost_note=data["cost_note"],
                today=_today(),
            )
            return (
                f"Review saved: “{project.title}” is {project.get_feasibility_display().lower()}."
            )

        return form, perform

    def do_merge(self):
        form = self.posted("merge", forms.MergeForm, **self._kwargs())

        def perform(data):
            project = services.project_merge(
                project=data["project"], into=data["merged_into"], today=_today()
            )
            return f"“{project.title}” is merged into “{data['merged_into'].title}”."

        return form, perform

    def do_enter(self):
        form = self.posted("enter", forms.EnterForm, **self._enter_kwargs())

        def perform(data):
            project = services.project_enter(
                process=self.get_process(),
                user=self.request.user,
                title=data["title"],
                description=data["description"],
                cost=data["cost"],
                on_behalf_of=data["on_behalf_of"],
                community=data["community"],
                today=_today(),
            )
            return f"“{project.title}” is entered for {project.on_behalf_of} and published."

        return form, perform

    def _enter_kwargs(self):
        process = self.get_process()
        return {"process": process, "communities": selectors.area_communities(process)}

    def get_context_data(self, **kwargs):
        process = self.get_process()
        kw = self._kwargs()
        pending = [
            {
                "project": project,
                "by": attribution(project.proposer, named=True),
                "form": self.bound(
                    "moderate",
                    forms.ModerateForm,
                    project.pk,
                    initial={"project": project.pk},
                    **kw,
                ),
            }
            for project in selectors.pending_projects(process).select_related("proposer")
        ]
        published = []
        for project in selectors.for_review(process).select_related("proposer"):
            row = {
                "project": project,
                "by": project.on_behalf_of or attribution(project.proposer, named=True),
            }
            if project.feasibility != Feasibility.MERGED:
                initial = {
                    "project": project.pk,
                    "feasibility": project.feasibility
                    if project.feasibility != Feasibility.UNREVIEWED
                    else None,
                    "feasibility_reason": project.feasibility_reason,
                    "adjusted_cost": project.adjusted_cost,
                    "cost_note": project.cost_note,
                }
                row["review"] = self.bound(
                    "review", forms.ReviewForm, project.pk, initial=initial, **kw
                )
                row["merge"] = self.bound(
                    "merge", forms.MergeForm, project.pk, initial={"project": project.pk}, **kw
                )
            published.append(row)
        decided = process.projects.filter(
            status__in=(Moderation.REJECTED, Moderation.WITHDRAWN)
        ).select_related("proposer")
        return super().get_context_data(
            pending=pending,
            published=published,
            decided=[(p, attribution(p.proposer, named=True)) for p in decided],
            enter_form=self.bound("enter", forms.EnterForm, **self._enter_kwargs()),
            before_voting=_today() < process.voting_open,
            **kwargs,
        )


class CodesView(ProcessPage):
    """Voting codes issued and used, by batch; making new ones answers a printable sheet
    of them, once: only their hashes are kept."""

    template_name = "budgets/codes.html"
    actions = ("generate",)

    def do_generate(self):
        form = self.posted("generate", forms.CodesForm)

        def perform(data):
            process = self.get_process()
            codes = services.codes_generate(
                process=process, number=data["number"], batch=data["batch"], user=self.request.user
            )
            response = TemplateResponse(
                self.request,
                "budgets/codes_sheet.html",
                {
                    "process": process,
                    "partnership": self.get_partnership(),
                    "codes": codes,
                    "batch": data["batch"].strip(),
                    "vote_url": public_vote_url(self.request, process),
                },
            )
            response["Cache-Control"] = "no-store"
            return response

        return form, perform

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            batches=selectors.codes_summary(self.get_process()),
            form=self.bound("generate", forms.CodesForm),
            **kwargs,
        )


class PaperView(ProcessPage):
    """Paper ballots counted at events, a pile of identical ballots at a time; a pile
    entered in error is taken out (until the results are published)."""

    template_name = "budgets/paper.html"
    actions = ("enter", "remove")

    def _kwargs(self):
        process = self.get_process()
        return {"process": process, "ballot_projects": selectors.ballot_projects(process)}

    def do_enter(self):
        form = self.posted("enter", forms.PaperForm, **self._kwargs())

        def perform(data):
            ballot = services.paper_enter(
                process=self.get_process(),
                projects=list(data["projects"]),
                count=data["count"],
                event=data["event"],
                user=self.request.user,
                today=_today(),
            )
            return f"{_count(ballot.count, 'paper ballot')} entered."

        return form, perform

    def do_remove(self):
        form = self.posted("remove", forms.PileForm, process=self.get_process())

        def perform(data):
            pile = data["ballot"]
            services.paper_remove(ballot=pile)
            return f"{_count(pile.count, 'paper ballot')} taken out."

        return form, perform

    def get_context_data(self, **kwargs):
        process = self.get_process()
        return super().get_context_data(
            form=self.bound("enter", forms.PaperForm, **self._kwargs()),
            piles=selectors.paper_ballots(process).select_related("entered_by"),
            **kwargs,
        )


class ResultsView(ProcessPage):
    """Published results, frozen, for everybody working in the partnership; before, once
    voting has closed, a preview of the count for the people who publish them."""

    permission_required = VIEW
    template_name = "budgets/results.html"
    actions = ("publish",)

    def do_publish(self):
        form = self.posted("publish", forms.ConfirmForm)

        def perform(_):
            services.results_publish(
                process=self.get_process(), user=self.request.user, today=_today()
            )
            return "The results are published and frozen."

        return form, perform

    def get_context_data(self, **kwargs):
        process = self.get_process()
        figures = selectors.published_results(process)
        preview = None
        closed = _today() > process.voting_close
        if figures is None and closed and self.may_run():
            preview = selectors.results_figures(process)
        return super().get_context_data(
            figures=figures or preview,
            is_preview=preview is not None,
            closed=closed,
            population_note=selectors.POPULATION_NOTE,
            **kwargs,
        )


class DeliverView(ProcessMixin, ServiceFormView):
    """A funded project made an improvement action, with its owner and due date."""

    permission_required = RUN
    form_class = forms.DeliverForm
    submit_label = "Make it an improvement action"

    def get_permission_object(self):
        return self.get_process()

    def get_project(self):
        if not hasattr(self, "project"):
            process = self.get_process()
            figures = selectors.published_results(process) or {"projects": []}
            funded = {row["id"]: row for row in figures["projects"] if row["funded_amount"]}
            project = process.projects.filter(pk=self.kwargs["project_pk"]).first()
            if project is None or project.pk not in funded:
                raise Http404("This process has no such funded project.")
            self.project, self.funded_amount = project, funded[project.pk]["funded_amount"]
        return self.project

    @property
    def page_title(self):
        return f"Deliver “{self.get_project().title}”"

    @property
    def intro(self):
        return (
            f"Funded {pounds_text(self.funded_amount)} by “{self.get_process().title}”. It "
            "becomes an improvement action; its progress is shown on the process's page."
        )

    def perform(self, form):
        data = form.cleaned_data
        return services.project_deliver(
            project=self.get_project(),
            accountable_partner=data["accountable_partner"],
            responsible_body=data["responsible_body"],
            owner=data["owner"],
            due=data["due"],
            today=_today(),
        )

    def success_message(self, done):
        return f"“{done.title}” is now an improvement action."

    def success_url_for(self, done):
        return f"{self.process_url()}#delivery"

    def cancel_url(self):
        return self.process_url()
