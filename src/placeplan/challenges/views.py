"""Staff pages of the challenge log: the log with overdue answers first, raising a
challenge (at a meeting or between meetings), and answering, accepting or escalating."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.challenges import forms
from placeplan.challenges import selectors as challenge_selectors
from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.core.parsing import parse_id
from placeplan.core.views import found
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


class ChallengeLogView(PartnershipMixin, TemplateView):
    """Every challenge, overdue answers first, and a filter by status."""

    permission_required = "meetings.view_meetings"
    template_name = "challenges/challenge_log.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        status = self.request.GET.get("status", "")
        status = status if status in Challenge.Status.values else ""
        today = timezone.localdate()
        return super().get_context_data(
            challenges=challenge_selectors.challenge_list(partnership=partnership, status=status),
            names=partnership_selectors.person_names(
                user=self.request.user, partnership=partnership
            ),
            overdue=challenge_selectors.challenges_overdue(partnership=partnership, today=today),
            statuses=Challenge.Status.choices,
            chosen=status,
            today=today,
            may_raise=self.request.user.has_perm("challenges.raise", partnership),
            **kwargs,
        )


class ChallengeMixin:
    def get_challenge(self) -> Challenge:
        if not hasattr(self, "challenge"):
            self.challenge = found(
                challenge_selectors.challenge_get,
                "This partnership has no such challenge.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.challenge

    def challenge_url(self) -> str:
        return reverse("challenges:challenge", args=[self.kwargs["code"], self.kwargs["pk"]])


class ChallengeView(ChallengeMixin, PartnershipMixin, TemplateView):
    """A challenge and each of its steps, with what the person may do next."""

    permission_required = "meetings.view_meetings"
    template_name = "challenges/challenge_detail.html"

    def get_context_data(self, **kwargs):
        challenge = self.get_challenge()
        user = self.request.user
        return super().get_context_data(
            challenge=challenge,
            names=partnership_selectors.person_names(user=user, partnership=self.get_partnership()),
            steps=list(challenge.steps.prefetch_related("actions")),
            is_overdue=challenge.is_overdue(timezone.localdate()),
            may_answer=challenge.is_waiting and user.has_perm("challenges.answer", challenge),
            may_respond=challenge.status == Challenge.Status.ANSWERED
            and user.has_perm("challenges.respond_to_answer", challenge),
            escalation_body=challenge_services.escalation_body(challenge),
            **kwargs,
        )


class ChallengeAddView(ServiceFormView):
    permission_required = "challenges.raise"
    form_class = forms.ChallengeForm
    page_title = "Raise a challenge"
    submit_label = "Raise challenge"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        wanted = ("indicator", "action", "meeting", "agenda_item", "to_partner", "to_body")
        # query keys: indicator, action, meeting, agenda_item, to_partner, to_body
        query = self.request.GET
        ids = {name: parse_id(query.get(name)) for name in wanted}
        initial = {name: pk for name, pk in ids.items() if pk is not None}
        return {"is_public": True, **initial}

    def perform(self, form):
        data = form.cleaned_data
        return challenge_services.challenge_raise(
            challenge=Challenge(
                partnership=self.get_partnership(),
                question=data["question"],
                to_partner=data["to_partner"],
                to_body=data["to_body"],
                answer_due=data["answer_due"],
                raised_by_body=data["raised_by_body"],
                raised_on=timezone.localdate(),
                indicator=data["indicator"],
                action=data["action"],
                meeting=data["meeting"],
                agenda_item=data["agenda_item"],
                is_public=data["is_public"],
            ),
            user=self.request.user,
        )

    def success_message(self, done):
        return f"Challenge raised: {done.addressee} is to answer by {done.answer_due:%-d %B %Y}."

    def success_url_for(self, done):
        return reverse("challenges:challenge", args=[self.kwargs["code"], done.pk])

    def cancel_url(self):
        return reverse("challenges:log", args=[self.kwargs["code"]])


class ChallengeStepView(ChallengeMixin, ServiceFormView):
    """A step of a challenge, by those the permission names (on the challenge)."""

    def get_permission_object(self):
        return self.get_challenge()

    def edited(self):
        # Every step saves the challenge: a step on a challenge that moved on since the
        # form was opened (answered, accepted, escalated) is refused.
        return self.get_challenge()

    def applies(self, challenge) -> bool:
        return challenge.status == Challenge.Status.ANSWERED

    def get(self, request, *args, **kwargs):
        challenge = self.get_challenge()
        if not self.applies(challenge):
            messages.info(
                request,
                f"This challenge is “{challenge.get_status_display().lower()}”: "
                "that step does not apply now.",
            )
            return redirect(self.challenge_url())
        return super().get(request, *args, **kwargs)

    def success_url_for(self, done):
        return self.challenge_url()

    def cancel_url(self):
        return self.challenge_url()


class ChallengeAnswerView(ChallengeStepView):
    permission_required = "challenges.answer"
    form_class = forms.AnswerForm
    submit_label = "Save answer"

    def applies(self, challenge) -> bool:
        return challenge.is_waiting

    @property
    def page_title(self):
        return f"Answer for {self.get_challenge().addressee}"

    @property
    def intro(self):
        return f"The challenge: {self.get_challenge().question}"

    def get_initial(self):
        return {"on": timezone.localdate()}

    def perform(self, form):
        data = form.cleaned_data
        return challenge_services.challenge_answer(
            challenge=self.get_challenge(),
            text=data["text"],
            on=data["on"],
            today=timezone.localdate(),
            user=self.request.user,
            actions=list(data["actions"]),
        )

    def success_message(self, done):
        return "Answer saved. The challenger now accepts it or escalates the challenge."


class ChallengeAcceptView(ChallengeStepView):
    permission_required = "challenges.respond_to_answer"
    form_class = forms.AcceptForm
    page_title = "Accept the answer"
    submit_label = "Accept the answer"
    intro = "Accepting the answer closes the challenge."

    def get_initial(self):
        return {"on": timezone.localdate()}

    def perform(self, form):
        return challenge_services.challenge_accept(
            challenge=self.get_challenge(),
            on=form.cleaned_data["on"],
            text=form.cleaned_data["text"],
            today=timezone.localdate(),
            user=self.request.user,
        )

    def success_message(self, done):
        return "Answer accepted: the challenge is closed."


class ChallengeEscalateView(ChallengeStepView):
    permission_required = "challenges.respond_to_answer"
    form_class = forms.EscalateForm
    page_title = "Escalate the challenge"
    submit_label = "Escalate"

    @property
    def intro(self):
        target = challenge_services.escalation_body(self.get_challenge())
        if target is None:
            return "There is no body above the addressee to escalate to."
        return f"The challenge goes to {target.name}, which is to answer by the date you set."

    def get_initial(self):
        return {"on": timezone.localdate()}

    def perform(self, form):
        data = form.cleaned_data
        return challenge_services.challenge_escalate(
            challenge=self.get_challenge(),
            text=data["text"],
            answer_due=data["answer_due"],
            on=data["on"],
            today=timezone.localdate(),
            user=self.request.user,
        )

    def success_message(self, done):
        return f"Escalated to {done.to_body.name}."
