"""Signing in: Django's and django-allauth's backends, unchanged except that the person a
signed-in request is from is read with ``accounts.selectors.request_user`` (one query for
what the middleware and most pages ask about them, instead of three or four)."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from placeplan.accounts.selectors import request_user


class RequestUserMixin:
    def get_user(self, user_id):
        user = request_user(pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(RequestUserMixin, DjangoModelBackend):
    """Email address and password (Django's ``ModelBackend``)."""


class AuthenticationBackend(RequestUserMixin, AllauthBackend):
    """django-allauth's sign-in (email address, with its rate limits)."""
