"""A person's own settings: whether they get the daily email digest."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.views.generic import UpdateView

from placeplan.accounts.models import User


class DigestForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["daily_digest"]


class DigestSettingsView(LoginRequiredMixin, UpdateView):
    """Turn the daily email digest on or off."""

    form_class = DigestForm
    template_name = "accounts/digest.html"

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        state = "on" if form.instance.daily_digest else "off"
        messages.success(self.request, f"Daily email digest turned {state}.")
        return response

    def get_success_url(self):
        return reverse("partnerships:workspace")
