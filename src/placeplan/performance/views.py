"""The workspace's data pages: importing values from files (check, preview, confirm,
progress), import templates, and partner systems' API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from placeplan.core.downloads import table_response
from placeplan.core.views import found
from placeplan.performance import imports, selectors, services
from placeplan.performance.forms import TokenForm, UploadForm
from placeplan.performance.models import ApiToken, ImportBatch
from placeplan.workspace.frame import PartnershipMixin, apply_errors

PREVIEW_ROWS = 50


class DataMixin(PartnershipMixin):
    permission_required = "performance.import_data"

    def data_url(self, name="performance:data", *args):
        return reverse(name, args=[self.kwargs["code"], *args])


class DataHomeView(DataMixin, FormView):
    """Upload a file of values; the partnership's recent imports; templates."""

    template_name = "performance/data.html"
    form_class = UploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            imports.size_check(upload.size)  # before reading it into memory
            content = upload.read()
            batch = imports.batch_upload(
                content=content,
                filename=upload.name,
                partnership=self.get_partnership(),
                user=self.request.user,
            )
        except ValidationError as refusal:
            form.add_error("file", refusal.messages[0])
            return self.form_invalid(form)
        return redirect(self.data_url("performance:batch", batch.pk))

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            batches=partnership.import_batches.select_related("created_by")[:20],
            measures=selectors.measure_list(partnership=partnership),
            **kwargs,
        )


class TemplateDownloadView(DataMixin, View):
    """An import template for one measure: a row per area of the partnership it is
    reported for, ready for periods and values."""

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in ("csv", "xlsx"):
            raise Http404("Templates come as .csv or .xlsx.")
        partnership = self.get_partnership()
        measure = found(
            selectors.measure_get,
            "There is no such measure.",
            code=request.GET.get("measure", ""),
            partnership=partnership,
        )
        rows = imports.template_rows(
            measures=[measure], areas=selectors.reporting_areas(partnership=partnership)
        )
        return table_response(
            filename=f"placeplan-template-{measure.code}",
            header=imports.TEMPLATE_COLUMNS,
            rows=[[row[c] for c in imports.TEMPLATE_COLUMNS] for row in rows],
            fmt=kwargs["fmt"],
        )


class BatchMixin(DataMixin):
    def get_batch(self) -> ImportBatch:
        return found(
            self.get_partnership().import_batches.select_related("created_by").get,
            "This partnership has no such import.",
            pk=self.kwargs["pk"],
        )


class BatchView(BatchMixin, TemplateView):
    """An import's preview (every problem by row and column, or what will change), the
    confirmation, and then its progress and result."""

    template_name = "performance/batch.html"

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        cancelling = request.POST.get("action") == "cancel"
        try:
            if cancelling:
                imports.batch_cancel(batch=batch, user=request.user)
            else:
                imports.batch_confirm(batch=batch, user=request.user)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
            return redirect(self.data_url("performance:batch", batch.pk))
        if cancelling:
            messages.success(request, f"Import of {batch.filename} cancelled: nothing was saved.")
            return redirect(self.data_url("performance:data"))
        return redirect(self.data_url("performance:batch", batch.pk))

    def get_context_data(self, **kwargs):
        batch = self.get_batch()
        return super().get_context_data(
            batch=batch,
            preview=batch.rows[:PREVIEW_ROWS],
            errors=batch.errors[:500],
            progress=imports.batch_progress(batch),
            **kwargs,
        )


class BatchProgressView(BatchMixin, View):
    """The import's status and rows saved so far, for the progress bar."""

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        return JsonResponse(
            {
                "status": batch.status,
                "status_label": batch.get_status_display(),
                "rows_done": imports.batch_progress(batch),
                "row_count": batch.row_count,
                "message": batch.message,
            }
        )


class TokenListView(DataMixin, FormView):
    """Partner systems' API tokens: make one (shown once), see when each expires and was
    last used, and revoke them."""

    permission_required = "performance.manage_tokens"
    template_name = "performance/tokens.html"
    form_class = TokenForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.get_partnership()}

    def form_valid(self, form):
        try:
            token, secret = services.api_token_create(
                partner=form.cleaned_data["partner"],
                name=form.cleaned_data["name"],
                user=self.request.user,
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as refusal:
            apply_errors(form, refusal)
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=TokenForm(partnership=self.get_partnership()), new=secret)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tokens=selectors.api_token_list(partnership=self.get_partnership()), **kwargs
        )


class TokenRevokeView(DataMixin, View):
    permission_required = "performance.manage_tokens"

    def post(self, request, *args, **kwargs):
        try:
            token = ApiToken.objects.get(
                pk=kwargs["pk"], partner__partnership=self.get_partnership()
            )
        except ApiToken.DoesNotExist as missing:
            raise Http404("This partnership has no such token.") from missing
        services.api_token_revoke(token=token, user=request.user)
        messages.success(request, f"The token “{token.name}” is revoked and no longer works.")
        return redirect(self.data_url("performance:tokens"))
