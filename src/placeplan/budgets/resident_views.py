"""Residents' participatory budgeting pages (mounted under ``/contribute/``): proposing a
project while proposals are open, voting with a verified account (with the declaration
that they live in the area and are old enough), seeing and changing their ballot, and
voting with a printed voting code (no account needed).

The ballot works without JavaScript: the server checks it with
``services.ballot_problems`` and shows every problem at once with the running total of
what was chosen; ``placeplan/ballot.js`` updates the total as projects are ticked. People
with a role in a partnership run the vote in the workspace: these pages refuse them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from placeplan.budgets import selectors, services
from placeplan.budgets.models import Process
from placeplan.budgets.resident_forms import BallotForm, ProposalForm
from placeplan.residents import limits
from placeplan.residents.selectors import is_resident, may_contribute
from placeplan.workspace.frame import apply_errors

STAFF_REFUSED = (
    "These pages are for residents. People with a role in a partnership run its "
    "participatory budgeting in the workspace, and do not vote with that account."
)


class ProcessMixin:
    """The published process named in the URL (404 for another partnership's or a draft)."""

    def get_process(self) -> Process:
        if not hasattr(self, "process"):
            try:
                self.process = selectors.public_process_get(
                    council_code=self.kwargs["code"], pk=self.kwargs["pk"], for_page=self.for_page()
                )
            except Process.DoesNotExist as missing:
                raise Http404("No such participatory budgeting process.") from missing
        return self.process

    def for_page(self) -> bool:
        """Whether what is read will most likely be shown: not when a form is sent, which
        is answered with a redirect when it is accepted."""
        return self.request.method != "POST"

    def public_url(self) -> str:
        return reverse("public:budget", args=[self.kwargs["code"], self.kwargs["pk"]])

    def vote_url(self) -> str:
        return reverse("pb:vote", args=[self.kwargs["code"], self.kwargs["pk"]])

    def code_url(self) -> str:
        return reverse("pb:code_vote", args=[self.kwargs["code"], self.kwargs["pk"]])

    def not_now(self):
        """Where to send someone when the page does not apply now (None: it does)."""
        return None

    def get_context_data(self, **kwargs):
        process = self.get_process()
        return super().get_context_data(
            process=process,
            partnership=process.partnership,
            public_url=self.public_url(),
            **kwargs,
        )


class ResidentMixin(LoginRequiredMixin):
    """Pages for residents: staff are refused (403), as on the Stories of Place."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_resident(request.user):
            raise PermissionDenied(STAFF_REFUSED)
        elsewhere = self.not_now()
        if elsewhere:
            return elsewhere
        return super().dispatch(request, *args, **kwargs)


class ProposeView(ResidentMixin, ProcessMixin, FormView):
    """A verified resident proposes a project while proposals are open; a moderator
    checks it before it is published. Rate-limited."""

    template_name = "budgets/residents/propose.html"
    form_class = ProposalForm

    def not_now(self):
        if not self.get_process().takes_proposals(timezone.localdate()):
            messages.info(self.request, "This vote is not taking proposals now.")
            return redirect(self.public_url())
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "process": self.get_process()}

    def form_valid(self, form):
        if not limits.allowed(self.request, limits.PROPOSAL):
            form.add_error(None, limits.TOO_MANY)
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            project = services.project_propose(
                process=self.get_process(),
                user=self.request.user,
                title=data["title"],
                description=data["description"],
                cost=data["cost"],
                community=data["community"],
                today=timezone.localdate(),
            )
        except ValidationError as refusal:
            apply_errors(form, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Thank you. “{project.title}” is with the moderators: it is published once they "
            "approve it, and we will email you their decision.",
        )
        return redirect(self.public_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_contribute=may_contribute(self.request.user), **kwargs)


def ballot_context(process: Process, form: BallotForm, chosen: list) -> dict:
    """The ballot's projects with whether each is ticked and still fits, and the running
    total of what is chosen."""
    money = selectors.ballot_total(process, chosen)
    left = process.budget - money["total"]
    ticked = {p.pk for p in chosen}
    knapsack = process.ballot == Process.BallotKind.KNAPSACK
    return {
        "form": form,
        "knapsack": knapsack,
        "items": [
            {
                "project": p,
                "checked": p.pk in ticked,
                "fits": p.pk in ticked or not knapsack or p.ballot_cost <= left,
            }
            for p in form.ballot
        ],
        "chosen": chosen,
        **money,
    }


class BallotMixin(ProcessMixin):
    """A ballot form: the ballot's projects, checked all at once."""

    template_name = "budgets/residents/ballot.html"
    declaration = True
    code = False
    submit_label = "Cast my vote"

    def get_form(self, form_class=None):
        process = self.get_process()
        kwargs = {
            "process": process,
            "projects": selectors.ballot_projects(process, for_page=self.for_page()),
            "declaration": self.declaration,
            "code": self.code,
            "initial": self.get_initial(),
        }
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return BallotForm(**kwargs)

    def checked(self, form: BallotForm) -> list:
        """Every problem with the ballot, on the form: the form's own and the rules'."""
        form.is_valid()
        chosen = form.chosen()
        if "projects" not in form.errors:
            for problem in services.ballot_problems(self.get_process(), chosen):
                form.add_error("projects", problem)
        return chosen

    def show(self, form, chosen, status=200):
        context = self.get_context_data(**ballot_context(self.get_process(), form, chosen))
        return self.render_to_response(context, status=status)

    def already(self, message=services.ALREADY_VOTED):
        """The ballot was cast already (the same person, or the same code): 409."""
        return render(
            self.request,
            "budgets/residents/already.html",
            {
                "process": self.get_process(),
                "message": message,
                "public_url": self.public_url(),
                "vote_url": self.vote_url() if not self.code else None,
            },
            status=409,
        )

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        return self.show(form, form.chosen())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        chosen = self.checked(form)
        if form.errors:
            return self.show(form, chosen)
        try:
            return self.perform(form, chosen)
        except services.AlreadyVoted:
            return self.already()
        except ValidationError as refusal:
            apply_errors(form, refusal)
            return self.show(form, chosen)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("may_contribute", True)  # code holders need no account
        return super().get_context_data(submit_label=self.submit_label, **kwargs)


class VoteView(ResidentMixin, BallotMixin, FormView):
    """A verified resident's ballot while voting is open, with the declaration; once they
    have voted, their ballot confirmed (and a link to change it, when allowed)."""

    def not_now(self):
        process = self.get_process()
        today = timezone.localdate()
        if not process.residents_vote and process.codes_vote:
            return redirect(self.code_url())
        if self.request.method == "POST" and process.is_voting(today):
            # A ballot cast: the database's one-ballot rule refuses a second (409), so
            # the one already cast need not be read first.
            self.ballot = None
            return None
        self.ballot = selectors.ballot_of(process=process, user=self.request.user)
        if self.ballot is None and not process.is_voting(today):
            messages.info(self.request, "Voting is not open in this process now.")
            return redirect(self.public_url())
        return None

    def get(self, request, *args, **kwargs):
        if self.ballot is not None:
            return self.voted()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.ballot is not None:
            return self.already()
        return super().post(request, *args, **kwargs)

    def perform(self, form, chosen):
        services.ballot_cast(
            process=self.get_process(),
            projects=chosen,
            today=timezone.localdate(),
            user=self.request.user,
            declared=form.cleaned_data.get("declared", False),
        )
        messages.success(self.request, "Thank you: your vote is cast.")
        return redirect(self.vote_url())

    def voted(self):
        process = self.get_process()
        return render(
            self.request,
            "budgets/residents/voted.html",
            {
                "process": process,
                "partnership": process.partnership,
                "projects": list(self.ballot.projects.all()),
                "ballot": self.ballot,
                "may_change": process.may_change_ballot and process.is_voting(timezone.localdate()),
                "public_url": self.public_url(),
            },
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_contribute=may_contribute(self.request.user), **kwargs)


class ChangeView(ResidentMixin, BallotMixin, FormView):
    """A resident changes their ballot until voting closes, when the process allows it."""

    declaration = False
    submit_label = "Change my vote"

    def not_now(self):
        process = self.get_process()
        self.ballot = selectors.ballot_of(process=process, user=self.request.user)
        if (
            self.ballot is None
            or not process.may_change_ballot
            or not process.is_voting(timezone.localdate())
        ):
            messages.info(self.request, "You cannot change a ballot in this process now.")
            return redirect(self.vote_url())
        return None

    def get_initial(self):
        return {"projects": [str(p.pk) for p in self.ballot.projects.all()]}

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        chosen = [p for p in form.ballot if str(p.pk) in set(self.get_initial()["projects"])]
        return self.show(form, chosen)

    def perform(self, form, chosen):
        services.ballot_change(
            process=self.get_process(),
            user=self.request.user,
            projects=chosen,
            today=timezone.localdate(),
        )
        messages.success(self.request, "Your vote is changed.")
        return redirect(self.vote_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(changing=True, **kwargs)


class CodeVoteView(BallotMixin, FormView):
    """A ballot cast with a printed voting code, one use each; no account needed (people
    with a role in a partnership are refused, as on residents' pages). Rate-limited by
    address, right or wrong."""

    declaration = False
    code = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_resident(request.user):
            raise PermissionDenied(STAFF_REFUSED)
        process = self.get_process()
        if not (process.codes_vote and process.is_voting(timezone.localdate())):
            messages.info(request, "This vote is not taking voting codes now.")
            return redirect(self.public_url())
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not limits.allowed(request, limits.BUDGET_CODE):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, limits.TOO_MANY)
            return self.show(form, form.chosen())
        return super().post(request, *args, **kwargs)

    def already(self, message=None):
        return super().already(
            "A ballot has already been cast with this voting code: each code votes once."
        )

    def perform(self, form, chosen):
        process = self.get_process()
        services.ballot_cast(
            process=process,
            projects=chosen,
            today=timezone.localdate(),
            code=form.cleaned_data["code"],
        )
        return render(
            self.request,
            "budgets/residents/voted.html",
            {
                "process": process,
                "partnership": process.partnership,
                "projects": sorted(chosen, key=lambda p: p.title),
                "by_code": True,
                "public_url": self.public_url(),
            },
        )
