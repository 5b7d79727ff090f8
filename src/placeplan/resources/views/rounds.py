"""The yearly resourcing rounds: the list of rounds and opening one (support officers);
a round's page, with where each partner stands; a partner's lines in a round, entered
line by line or by uploading the round's Excel template, and confirmed; the joint budgets
lines are pooled or delegated into.

Everybody with a role in the partnership reads the rounds and partners' lines (lines not
for publication included); a partner officer changes the lines of the partner they
represent, a support officer any partner's. Confirmed figures change only with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from placeplan.core.views import found
from placeplan.performance.imports import ImportRefused, size_check
from placeplan.resources import imports, selectors, services
from placeplan.resources.forms import rounds as forms
from placeplan.resources.models import (
    ARRANGEMENT_HELP,
    FIELD_OF_LEVEL,
    LEVEL_DEFINITIONS,
    Arrangement,
)
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView

VIEW = "resources.view_resources"
IN_FULL = "resources.see_unpublished"
MANAGE = "resources.manage_resources"
EDIT = "resources.edit_lines"


def _definitions() -> dict:
    return {
        "levels": [
            {"label": level.label, "meaning": meaning, "examples": examples}
            for level, (meaning, examples) in LEVEL_DEFINITIONS.items()
        ],
        "arrangements": [
            {"label": label, "meaning": ARRANGEMENT_HELP[value]}
            for value, label in Arrangement.choices
        ],
    }


class RoundListView(PartnershipMixin, TemplateView):
    """Every year's round: when partners confirm by and how many have."""

    permission_required = VIEW
    template_name = "resources/round_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        today = timezone.localdate()
        rows = []
        for round in selectors.round_list(partnership=partnership):
            states = selectors.round_states(round=round)
            waiting = sum(not state.confirmed for state in states)
            rows.append(
                {
                    "round": round,
                    "partners": len(states),
                    "confirmed": len(states) - waiting,
                    "overdue": bool(waiting) and round.due < today,
                }
            )
        return super().get_context_data(
            rows=rows, may_manage=self.request.user.has_perm(MANAGE, partnership), **kwargs
        )


class RoundOpenView(ServiceFormView):
    permission_required = MANAGE
    form_class = forms.RoundOpenForm
    page_title = "Open a resourcing round"
    submit_label = "Open the round"
    intro = (
        "Every partner is asked for its contributions to the partnership's outcomes for the "
        "year: money, staff and assets, how they are arranged and how much is preventative. "
        "Partners that have not confirmed by the date are shown on the support officer's and "
        "the board's “what needs me” and in the exception report."
    )

    def perform(self, form):
        return services.round_open(
            partnership=self.get_partnership(), user=self.request.user, **form.cleaned_data
        )

    def success_message(self, done):
        return f"The {done.label} round is open: partners confirm by {done.due:%-d %B %Y}."

    def success_url_for(self, done):
        return reverse("resources:round", args=[self.kwargs["code"], done.year])

    def cancel_url(self):
        return reverse("resources:rounds", args=[self.kwargs["code"]])


class RoundMixin:
    """Finds the round of the year in the URL (404 if there is none)."""

    def get_round(self):
        if not hasattr(self, "round"):
            self.round = found(
                selectors.round_get,
                "This partnership has no resourcing round for that year.",
                partnership=self.get_partnership(),
                year=self.kwargs["year"],
            )
        return self.round

    def round_url(self, name: str = "resources:round", *args) -> str:
        return reverse(name, args=[self.kwargs["code"], self.kwargs["year"], *args])


class RoundView(RoundMixin, PartnershipMixin, TemplateView):
    """A round: what is asked, by when, and where each partner stands."""

    permission_required = IN_FULL
    template_name = "resources/round.html"

    def get_context_data(self, **kwargs):
        round = self.get_round()
        states = selectors.round_states(round=round)
        today = timezone.localdate()
        waiting = [state for state in states if not state.confirmed]
        return super().get_context_data(
            round=round,
            states=states,
            waiting=waiting,
            overdue=bool(waiting) and round.due < today,
            complete=not waiting,
            **kwargs,
        )


class PartnerMixin(RoundMixin):
    """Finds the partner in the URL, within the partnership (404 if none)."""

    def get_partner(self):
        if not hasattr(self, "partner"):
            self.partner = found(
                selectors.partner_get,
                "This partnership has no such partner.",
                partnership=self.get_partnership(),
                pk=self.kwargs["partner_pk"],
            )
        return self.partner

    def get_permission_object(self):
        return self.get_partner()

    def partner_url(self) -> str:
        return self.round_url("resources:partner_lines", self.kwargs["partner_pk"])

    def confirmed(self) -> bool:
        return selectors.is_confirmed(round=self.get_round(), partner=self.get_partner())

    def success_url_for(self, done):
        return self.partner_url()

    def cancel_url(self):
        return self.partner_url()


class PartnerLinesView(PartnerMixin, PartnershipMixin, TemplateView):
    """A partner's lines in a round, their total, and (for whoever may change them) the
    forms to add, change, upload and confirm them."""

    permission_required = IN_FULL
    template_name = "resources/partner_lines.html"

    def get_permission_required(self):
        return (EDIT,) if self.request.method == "POST" else (IN_FULL,)

    def get_permission_object(self):
        if self.request.method == "POST":
            return self.get_partner()
        return self.get_partnership()

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "confirm":
            raise Http404("This page has no such form.")
        round, partner = self.get_round(), self.get_partner()
        try:
            services.lines_confirm(round=round, partner=partner, user=request.user)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(
                request,
                f"{partner.organisation.name}'s figures for {round.label} are confirmed. A later "
                "change needs a reason.",
            )
        return redirect(self.partner_url())

    def get_context_data(self, **kwargs):
        round, partner = self.get_round(), self.get_partner()
        lines = list(selectors.line_list(round=round, partner=partner))
        confirmation = selectors.confirmations(round=round).get(partner.pk)
        return super().get_context_data(
            round=round,
            partner=partner,
            lines=lines,
            total=selectors.lines_total(lines),
            confirmation=confirmation,
            may_edit=self.request.user.has_perm(EDIT, partner),
            level_fields=list(FIELD_OF_LEVEL.values()),
            **kwargs,
        )


class LineFormMixin(PartnerMixin):
    permission_required = EDIT
    form_class = forms.LineForm
    template_name = "resources/line_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            round=self.get_round(),
            partner=self.get_partner(),
            confirmed=self.confirmed(),
            **_definitions(),
            **kwargs,
        )


class LineAddView(LineFormMixin, ServiceFormView):
    submit_label = "Save the line"

    @property
    def page_title(self):
        return f"Add a line for {self.get_partner().organisation.name}, {self.get_round().label}"

    def perform(self, form):
        return services.line_save(
            round=self.get_round(),
            partner=self.get_partner(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            **form.line_fields(),
        )

    def success_message(self, done):
        return f"“{done.title}” is saved."


class LineMixin(PartnerMixin):
    def get_line(self):
        if not hasattr(self, "line"):
            self.line = found(
                selectors.line_get,
                "This round has no such line.",
                round=self.get_round(),
                pk=self.kwargs["pk"],
            )
            if self.line.partner_id != self.get_partner().pk:
                raise Http404("This partner has no such line.")
        return self.line

    def edited(self):
        return self.get_line()


class LineEditView(LineMixin, LineAddView):
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change “{self.get_line().title}”"

    def get_initial(self):
        line = self.get_line()
        return {name: getattr(line, name) for name in services.LINE_FIELDS}

    def perform(self, form):
        return services.line_save(
            round=self.get_round(),
            partner=self.get_partner(),
            user=self.request.user,
            line=self.get_line(),
            reason=form.cleaned_data["reason"],
            **form.line_fields(),
        )


class LineDeleteView(LineMixin, ServiceFormView):
    permission_required = EDIT
    form_class = forms.ReasonForm
    submit_label = "Remove the line"

    @property
    def page_title(self):
        return f"Remove “{self.get_line().title}”"

    @property
    def intro(self):
        line = self.get_line()
        return (
            f"The line and its {len(line.assets.all())} asset(s) are removed from "
            f"{self.get_partner().organisation.name}'s figures for {self.get_round().label}. "
            "The history keeps a record of them."
        )

    def perform(self, form):
        line = self.get_line()
        services.line_delete(line=line, user=self.request.user, reason=form.cleaned_data["reason"])
        return line

    def success_message(self, done):
        return f"“{done.title}” is removed."


class AssetAddView(LineMixin, ServiceFormView):
    permission_required = EDIT
    form_class = forms.AssetForm
    submit_label = "Save the asset"

    @property
    def page_title(self):
        return f"Add an asset to “{self.get_line().title}”"

    def edited(self):
        return None

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        return services.asset_save(
            line=self.get_line(), user=self.request.user, reason=reason, **data
        )

    def success_message(self, done):
        return f"The asset “{done.description}” is saved."


class AssetDeleteView(LineMixin, ServiceFormView):
    """Remove one asset from a line (a reason once the partner has confirmed)."""

    permission_required = EDIT
    form_class = forms.ReasonForm
    submit_label = "Remove the asset"

    def get_asset(self):
        if not hasattr(self, "asset"):
            self.asset = found(
                selectors.asset_get,
                "This line has no such asset.",
                line=self.get_line(),
                pk=self.kwargs["asset_pk"],
            )
        return self.asset

    def edited(self):
        return self.get_asset()

    @property
    def page_title(self):
        return f"Remove the asset “{self.get_asset().description}”"

    @property
    def intro(self):
        return (
            f"The asset is removed from “{self.get_line().title}”. The history keeps a "
            "record of it."
        )

    def perform(self, form):
        asset = self.get_asset()
        services.asset_delete(
            asset=asset, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return asset

    def success_message(self, done):
        return f"The asset “{done.description}” is removed."


class TemplateDownloadView(PartnerMixin, PartnershipMixin, View):
    """The round's Excel template for the partner, with its lines so far."""

    permission_required = EDIT

    def get(self, request, *args, **kwargs):
        round, partner = self.get_round(), self.get_partner()
        content = imports.template_workbook(round=round, partner=partner)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"resources-{round.year}-partner-{partner.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class UploadView(PartnerMixin, PartnershipMixin, FormView):
    """The completed template: every row checked, saved all or nothing."""

    permission_required = EDIT
    form_class = forms.UploadForm
    template_name = "resources/upload.html"
    row_errors: list = ()

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        round, partner = self.get_round(), self.get_partner()
        try:
            size_check(upload.size)  # before reading it into memory
            saved = imports.template_import(
                round=round,
                partner=partner,
                content=upload.read(),
                filename=upload.name,
                user=self.request.user,
            )
        except imports.RowsRefused as refused:
            self.row_errors = refused.errors
            form.add_error("file", refused.messages[0] + " Nothing has been saved.")
            return self.form_invalid(form)
        except (ImportRefused, ValidationError) as refusal:
            form.add_error("file", refusal.messages[0])
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{len(saved)} line{'s' if len(saved) != 1 else ''} saved from {upload.name}.",
        )
        return redirect(self.partner_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            round=self.get_round(),
            partner=self.get_partner(),
            confirmed=self.confirmed(),
            row_errors=self.row_errors,
            cancel_url=self.partner_url(),
            **kwargs,
        )


class PoolListView(PartnershipMixin, TemplateView):
    """The joint budgets partners pool or delegate money into."""

    permission_required = VIEW
    template_name = "resources/pool_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            pools=selectors.pool_list(partnership=partnership),
            may_manage=self.request.user.has_perm(MANAGE, partnership),
            **kwargs,
        )


class PoolMixin:
    def get_pool(self):
        if not hasattr(self, "pool"):
            self.pool = found(
                selectors.pool_get,
                "This partnership has no such joint budget.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.pool

    def edited(self):
        return self.get_pool()

    def success_url_for(self, done):
        return reverse("resources:pools", args=[self.kwargs["code"]])

    def cancel_url(self):
        return reverse("resources:pools", args=[self.kwargs["code"]])


class PoolEditView(PoolMixin, ServiceFormView):
    permission_required = MANAGE
    form_class = forms.PoolForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change “{self.get_pool().name}”"

    def get_initial(self):
        pool = self.get_pool()
        return {name: getattr(pool, name) for name in forms.PoolForm.base_fields}

    def perform(self, form):
        return services.pool_save(
            partnership=self.get_partnership(), pool=self.get_pool(), **form.cleaned_data
        )

    def success_message(self, done):
        return f"“{done.name}” is saved."


class PoolDeleteView(PoolMixin, ServiceFormView):
    """Remove a joint budget nothing uses (the service says what uses it otherwise)."""

    permission_required = MANAGE
    form_class = forms.ConfirmForm
    submit_label = "Remove the joint budget"

    @property
    def page_title(self):
        return f"Remove “{self.get_pool().name}”"

    intro = (
        "A joint budget can be removed while no line of partners' contributions and no "
        "intervention of the prevention plan uses it. The history keeps a record of it."
    )

    def perform(self, form):
        pool = self.get_pool()
        services.pool_delete(pool=pool)
        return pool

    def success_message(self, done):
        return f"“{done.name}” is removed."


class PoolAddView(ServiceFormView):
    permission_required = MANAGE
    form_class = forms.PoolForm
    page_title = "Add a joint budget"
    submit_label = "Save the joint budget"

    def perform(self, form):
        return services.pool_save(partnership=self.get_partnership(), **form.cleaned_data)

    def success_message(self, done):
        return f"“{done.name}” is saved."

    def success_url_for(self, done):
        return reverse("resources:pools", args=[self.kwargs["code"]])

    def cancel_url(self):
        return reverse("resources:pools", args=[self.kwargs["code"]])
