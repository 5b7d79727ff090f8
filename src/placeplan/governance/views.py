"""Staff pages for the partnership's governance: structure, partners, bodies, members and
localities. Every change goes through a service, which enforces the bodies' rules."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.governance import forms
from placeplan.partnerships import charts, selectors, services
from placeplan.partnerships.models import Body, Locality, Membership, Partner, Person
from placeplan.workspace import registry
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


class StructureView(PartnershipMixin, TemplateView):
    """The whole partnership drawn from its data, and the bodies needing attention."""

    permission_required = "partnerships.view_workspace"
    template_name = "governance/structure.html"

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
    template_name = "governance/partner_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = selectors.partners_of(partnership=self.partnership)
        context["may_manage"] = self.request.user.has_perm(
            "partnerships.manage_structure", self.partnership
        )
        return context


class PartnerView(PartnershipMixin, TemplateView):
    """A partner's accountability in one place: what each capability holds it to (its
    plan commitments, improvement actions, the challenges addressed to it and its
    representatives' attendance), as panels the capabilities contribute."""

    permission_required = "partnerships.view_workspace"
    template_name = "governance/partner_detail.html"

    def get_context_data(self, **kwargs):
        partner = found(
            selectors.partner_get,
            "This partnership has no such partner.",
            partnership=self.get_partnership(),
            pk=self.kwargs["pk"],
        )
        return super().get_context_data(
            partner=partner,
            panels=registry.panels_render(
                "partner", request=self.request, subject=partner, partnership=self.partnership
            ),
            **kwargs,
        )


class GovernanceFormView(ServiceFormView):
    """A governance form: changing the structure needs the right to manage it, and Cancel
    goes back to the structure."""

    permission_required = "partnerships.manage_structure"

    def cancel_url(self) -> str:
        return reverse("governance:structure", args=[self.kwargs["code"]])


class PartnerAddView(GovernanceFormView):
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
        return reverse("governance:partners", args=[self.kwargs["code"]])

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
        return reverse("governance:body", args=[self.kwargs["code"], self.kwargs["pk"]])

    def success_url_for(self, done):
        return self.cancel_url()


class BodyDetailView(BodyMixin, PartnershipMixin, TemplateView):
    """A body's staff page: remit, reporting line, members, history and rule findings."""

    permission_required = "partnerships.view_body"
    template_name = "governance/body_detail.html"

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
            panels=registry.panels_render(
                "body", request=self.request, subject=self.body, partnership=self.partnership
            ),
            today=timezone.localdate(),
            **charts.locality_context(self.body.locality),
        )
        return context


class BodyAddView(GovernanceFormView):
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
        return reverse("governance:body", args=[self.kwargs["code"], done.pk])


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


class MemberAddView(BodyMixin, GovernanceFormView):
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


class MembershipEndView(MembershipMixin, GovernanceFormView):
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


class MembershipReviewView(MembershipMixin, GovernanceFormView):
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
    template_name = "governance/person_list.html"

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
    template_name = "governance/person_detail.html"

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


class PersonAddView(GovernanceFormView):
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
        return reverse("governance:person", args=[self.kwargs["code"], done.pk])

    def cancel_url(self):
        return reverse("governance:persons", args=[self.kwargs["code"]])


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
    template_name = "governance/locality_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["localities"] = selectors.localities_of(partnership=self.partnership)
        context["may_manage"] = self.request.user.has_perm(
            "partnerships.manage_structure", self.partnership
        )
        return context


class LocalityAddView(GovernanceFormView):
    form_class = forms.LocalityForm
    template_name = "governance/locality_form.html"
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
        return reverse("governance:localities", args=[self.kwargs["code"]])

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


class PartnershipContactView(GovernanceFormView):
    """How the public contacts the partnership, shown on every public page of it."""

    form_class = forms.PartnershipContactForm
    page_title = "Contact details for the public"
    submit_label = "Save contact details"
    intro = (
        "Shown on every public page of the partnership, so residents know where to ask "
        "about its meetings, plans and figures. Leave a part empty if you do not publish it."
    )
    version_fields = ("contact_email", "contact_address", "contact_url")

    def edited(self):
        return self.get_partnership()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_partnership()}

    def perform(self, form):
        data = form.cleaned_data
        return services.partnership_contact_set(
            partnership=self.get_partnership(),
            email=data["contact_email"],
            address=data["contact_address"],
            url=data["contact_url"],
        )

    def success_message(self, done):
        return "Contact details saved. They now show on the partnership's public pages."

    def success_url_for(self, done):
        return reverse("governance:contact", args=[self.kwargs["code"]])


class PartnershipPeopleView(PartnershipMixin, TemplateView):
    """Who holds which role in the partnership (names and email addresses)."""

    permission_required = "partnerships.view_people"
    template_name = "governance/partnership_people.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = selectors.partnership_people(partnership=self.partnership)
        return context
