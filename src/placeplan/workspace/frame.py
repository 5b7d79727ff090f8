"""The workspace frame: what every capability's staff pages are built from.

- ``PartnershipMixin`` finds the partnership named in the URL (404 if none), checks the
  view's permission against it (or against the body, person… the view works on) and
  gives every page the workspace's side navigation, from the registered sections;
- ``ServiceFormView`` is a form whose valid data is handed to one service, with the
  stale-edit guard, and whose refusal is shown on the form (``apply_errors``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import FormView

from placeplan.core import versions
from placeplan.core.navigation import side_navigation
from placeplan.core.permissions import ObjectPermissionMixin
from placeplan.partnerships import selectors
from placeplan.partnerships.models import Partnership
from placeplan.workspace import registry


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PartnershipMixin(LoginRequiredMixin, ObjectPermissionMixin):
    """Finds the partnership named in the URL (404 if there is none) and checks access
    against it (or, in views about one body or person, against that)."""

    def get_partnership(self) -> Partnership:
        if not hasattr(self, "partnership"):
            try:
                self.partnership = selectors.partnership_get(council_code=self.kwargs["code"])
            except Partnership.DoesNotExist as missing:
                raise Http404("No partnership has that council area code.") from missing
        return self.partnership

    def get_permission_object(self):
        return self.get_partnership()

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        side_nav = side_navigation(
            label=partnership.name,
            items=[
                (section.label, url)
                for section, url in registry.sections_for(self.request.user, partnership)
            ],
            current=self.request.path,
        )
        return super().get_context_data(partnership=partnership, side_nav=side_nav, **kwargs)


class ServiceFormView(PartnershipMixin, FormView):
    """A form whose valid data is handed to one service; a refusal is shown on the form."""

    template_name = "workspace/form_page.html"
    page_title = ""
    submit_label = "Save"
    intro = ""

    # Only a change to one of these fields of ``edited()`` refuses the save (empty: any).
    version_fields: tuple[str, ...] = ()
    conflict = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.get_partnership()}

    def edited(self):
        """What the form changes, for the stale-edit check (``core.versions``): a row, a
        queryset of rows, or None for a form that only adds."""
        return None

    def edit_lock(self):
        """The row locked while a list of rows is checked and saved."""
        return None

    def form_valid(self, form):
        posted = self.request.POST.get(versions.FIELD)
        try:
            with versions.edit_guard(
                target=self.edited(),
                version=posted,
                lock=self.edit_lock(),
                fields=self.version_fields,
            ):
                done = self.perform(form)
        except versions.StaleEdit as stale:
            self.conflict = stale.change
            versions.with_yours(stale.change, form)
            apply_errors(form, stale)
            return self.form_invalid(form)
        except ValidationError as refusal:
            apply_errors(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(done))
        return redirect(self.success_url_for(done))

    def edit_version(self) -> str:
        """The version the page carries: the one read, kept through a refused form;
        after a stale-edit refusal, the newer one, so saving again replaces it."""
        if self.conflict is not None:
            return self.conflict.version
        if self.request.method == "POST" and versions.FIELD in self.request.POST:
            return self.request.POST[versions.FIELD]
        return versions.version_of(self.edited())

    def perform(self, form):  # pragma: no cover - every subclass says what it does
        raise NotImplementedError

    def success_message(self, done) -> str:
        return "Saved."

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.page_title,
            submit_label=self.submit_label,
            intro=self.intro,
            cancel_url=self.cancel_url(),
            edit_version=self.edit_version(),
            edit_conflict=self.conflict,
            **kwargs,
        )

    def cancel_url(self) -> str:  # pragma: no cover - every subclass says where back is
        raise NotImplementedError
