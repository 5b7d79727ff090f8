"""Staff pages for the partnership's governance: structure, partners, bodies, members and
localities. Every change goes through a service, which enforces the bodies' rules."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from placeplan.core import versions
from placeplan.core.views import found
from placeplan.meetings import challenges
from placeplan.partnerships import charts, forms, selectors, services
from placeplan.partnerships.models import Body, Locality, Membership, Partner, Person
from placeplan.partnerships.views.workspace import PartnershipMixin


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class StructureView(PartnershipMixin, TemplateView):
    """The whole partnership drawn from its data, and the bodies needing attention."""

    permission_required = "partnerships.view_workspace"
    template_name = "partnerships/structure.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nodes = selectors.partnership_structure(partnership=self.partnership)
        context.update(
            nodes=nodes,
            flat=selectors.structure_flat(nodes),
            attention=selectors.structure_attention(nodes),
            may_manage=self.request.user.has_perm(
                "partnerships.manage_structure", self.partnership
            ),
        )
        return context


class PartnerListView(PartnershipMixin, TemplateView):
    permission_required = "partnerships.view_workspace"
    template_name = "partnerships/partner_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = selectors.partners_of(partnership=self.partnership)
        context["may_manage"] = self.request.user.has_perm(
            "partnerships.manage_structure", self.partnership
        )
        return context


class ServiceFormView(PartnershipMixin, FormView):
    """A form whose valid data is handed to one service; a refusal is shown on the form."""

    template_name = "partnerships/form_page.html"
    permission_required = "partnerships.manage_structure"
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

    def cancel_url(self) -> str:
        return reverse("partnerships:structure", args=[self.kwargs["code"]])


class PartnerAddView(ServiceFormView):
    form_class = forms.PartnerAddForm
    page_title = "Add a partner"
    submit_label = "Add partner"

    def perform(self, form):
        data = form.cleaned_data
        organisation = data["organisation"] or services.organisation_ensure(
            name=data["name"].strip(), kind=data["kind"]
        )
        return services.partner_add(
            partnership=self.partnership,
            organisation=organisation,
            is_statutory=form.is_statutory(),
        )

    def success_message(self, done):
        status = "statutory" if done.is_statutory else "invited"
        return f"{done.organisation.name} is now a {status} partner."

    def success_url_for(self, done):
        return reverse("partnerships:partners", args=[self.kwargs["code"]])

    def cancel_url(self):
        return self.success_url_for(None)


class PartnerEditView(PartnerAddView):
    form_class = forms.PartnerStatusForm
    submit_label = "Save"

    def get_partner(self) -> Partner:
        if not hasattr(self, "partner"):
            self.partner = found(
                selectors.partner_get,
                "No such partner.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.partner

    @property
    def page_title(self):
        return f"Change {self.get_partner().organisation.name}'s status"

    def edited(self):
        return self.get_partner()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return kwargs

    def get_initial(self):
        return {"is_statutory": "yes" if self.get_partner().is_statutory else "no"}

    def perform(self, form):
        return services.partner_status_set(
            partner=self.get_partner(), is_statutory=form.cleaned_data["is_statutory"]
        )


class BodyMixin:
    """Finds the body named in the URL within the partnership (404 otherwise)."""

    def get_body(self) -> Body:
        if not hasattr(self, "body"):
            self.body = found(
                selectors.body_get,
                "This partnership has no such body.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.body

    def get_permission_object(self):
        return self.get_body()

    def cancel_url(self):
        return reverse("partnerships:body", args=[self.kwargs["code"], self.kwargs["pk"]])

    def success_url_for(self, done):
        return self.cancel_url()


class BodyDetailView(BodyMixin, PartnershipMixin, TemplateView):
    """A body's staff page: remit, reporting line, members, history and rule findings."""

    permission_required = "partnerships.view_body"
    template_name = "partnerships/body_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        detail = selectors.body_detail(body=self.body)
        names = selectors.person_names(user=self.request.user, partnership=self.partnership)
        may_see_names = names.may_see_names
        selectors.with_display_names(detail.current + detail.past, names=names)
        context.update(
            detail=detail,
            may_see_names=may_see_names,
            may_manage=self.request.user.has_perm("partnerships.manage_body", self.body),
            overdue=challenges.challenges_overdue(
                partnership=self.partnership, today=timezone.localdate(), body=self.body
            ),
            today=timezone.localdate(),
            **charts.locality_context(self.body.locality),
        )
        return context


class BodyAddView(ServiceFormView):
    form_class = forms.BodyForm
    page_title = "Add a body"
    submit_label = "Add body"
    intro = (
        "A board, group or local partnership. Declare the rules it keeps: Placeplan "
        "refuses changes that would break them."
    )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Body(partnership=self.partnership)
        return kwargs

    def perform(self, form):
        return services.body_save(body=form.instance, remit=form.cleaned_data["remit"])

    def success_message(self, done):
        return f"{done.name} saved."

    def success_url_for(self, done):
        return reverse("partnerships:body", args=[self.kwargs["code"], done.pk])


class BodyEditView(BodyMixin, BodyAddView):
    """Support officers edit everything; a group's lead officer edits its page."""

    permission_required = "partnerships.manage_body"
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change {self.get_body().name}"

    def edited(self):
        return self.get_body()

    def get_form_class(self):
        if self.request.user.has_perm("partnerships.manage_structure", self.partnership):
            return forms.BodyForm
        return forms.BodyPageForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_body()
        return kwargs


class MemberAddView(BodyMixin, ServiceFormView):
    form_class = forms.MembershipAddForm
    permission_required = "partnerships.manage_body"
    submit_label = "Add member"

    @property
    def page_title(self):
        return f"Add a member to {self.get_body().name}"

    def perform(self, form):
        data = form.cleaned_data
        person = data["person"] or Person(
            partnership=self.partnership,
            name=data["new_name"],
            job_title=data["new_job_title"],
            public_name_consent=data["public_name_consent"],
        )
        return services.membership_join(
            body=self.body,
            person=person,
            role=data["role"],
            category=data["category"],
            start=data["start"],
            organisation=data["organisation"],
            is_senior_officer=data["is_senior_officer"],
        )

    def success_message(self, done):
        return f"{done.person.name} is now a {done.get_role_display().lower()} of {done.body}."


class MembershipMixin(BodyMixin):
    def get_membership(self) -> Membership:
        if not hasattr(self, "membership"):
            self.membership = found(
                selectors.membership_get,
                "This body has no such membership.",
                body=self.get_body(),
                pk=self.kwargs["membership"],
            )
        return self.membership

    def edited(self):
        return self.get_membership()

    def get_form_kwargs(self):
        self.get_membership()
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return kwargs


class MembershipEndView(MembershipMixin, ServiceFormView):
    form_class = forms.MembershipEndForm
    permission_required = "partnerships.manage_body"
    submit_label = "End membership"
    intro = "The membership is kept in the body's history; it is not deleted."

    @property
    def page_title(self):
        membership = self.get_membership()
        return f"End {membership.person.name}'s membership of {membership.body.name}"

    def perform(self, form):
        return services.membership_end(
            membership=self.membership,
            end=form.cleaned_data["end"],
            reason=form.cleaned_data["reason"],
        )

    def success_message(self, done):
        return f"{done.person.name}'s membership ends on {done.end:%-d %B %Y}."


class MembershipReviewView(MembershipMixin, ServiceFormView):
    form_class = forms.MembershipReviewForm
    permission_required = "partnerships.manage_body"
    submit_label = "Record review"

    @property
    def page_title(self):
        membership = self.get_membership()
        return f"Record a review of {membership.person.name}'s membership"

    def perform(self, form):
        return services.membership_review(
            membership=self.membership, reviewed_on=form.cleaned_data["reviewed_on"]
        )

    def success_message(self, done):
        if done.next_review:
            return f"Review recorded. The next review is due on {done.next_review:%-d %B %Y}."
        return "Review recorded."


class PersonListView(PartnershipMixin, TemplateView):
    permission_required = "partnerships.view_members"
    template_name = "partnerships/person_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = selectors.people_list(partnership=self.partnership)
        context["may_manage"] = self.request.user.has_perm(
            "partnerships.manage_structure", self.partnership
        )
        return context


class PersonMixin:
    def get_person(self) -> Person:
        if not hasattr(self, "person"):
            self.person = found(
                selectors.person_get,
                "This partnership has no such person.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.person


class PersonDetailView(PersonMixin, PartnershipMixin, TemplateView):
    """Every body a person sits or sat on. Contact details: support officers only."""

    permission_required = "partnerships.view_members"
    template_name = "partnerships/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.get_person()
        context.update(
            person=person,
            memberships=selectors.person_memberships(person=person),
            may_see_contact=self.request.user.has_perm(
                "partnerships.view_people", self.partnership
            ),
            may_manage=self.request.user.has_perm(
                "partnerships.manage_structure", self.partnership
            ),
        )
        return context


class PersonAddView(ServiceFormView):
    form_class = forms.PersonForm
    page_title = "Add a person"
    submit_label = "Add person"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Person(partnership=self.partnership)}

    def perform(self, form):
        return services.person_save(person=form.instance)

    def success_message(self, done):
        return f"{done.name} saved."

    def success_url_for(self, done):
        return reverse("partnerships:person", args=[self.kwargs["code"], done.pk])

    def cancel_url(self):
        return reverse("partnerships:persons", args=[self.kwargs["code"]])


class PersonEditView(PersonMixin, PersonAddView):
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change {self.get_person().name}'s details"

    def edited(self):
        return self.get_person()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_person()}


class LocalityListView(PartnershipMixin, TemplateView):
    permission_required = "partnerships.view_workspace"
    template_name = "partnerships/locality_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["localities"] = selectors.localities_of(partnership=self.partnership)
        context["may_manage"] = self.request.user.has_perm(
            "partnerships.manage_structure", self.partnership
        )
        return context


class LocalityAddView(ServiceFormView):
    form_class = forms.LocalityForm
    template_name = "partnerships/locality_form.html"
    page_title = "Add a locality"
    submit_label = "Save locality"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Locality(partnership=self.partnership)}

    def perform(self, form):
        return services.locality_save(
            locality=form.instance, communities=list(form.cleaned_data["communities"])
        )

    def success_message(self, done):
        return f"{done.name} saved."

    def success_url_for(self, done):
        return reverse("partnerships:localities", args=[self.kwargs["code"]])

    def cancel_url(self):
        return self.success_url_for(None)


class LocalityEditView(LocalityAddView):
    def get_locality(self) -> Locality:
        if not hasattr(self, "locality"):
            self.locality = found(
                selectors.locality_get,
                "This partnership has no such locality.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.locality

    @property
    def page_title(self):
        return f"Change {self.get_locality().name}"

    def edited(self):
        return self.get_locality()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_locality()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**charts.locality_context(self.get_locality()), **kwargs)
