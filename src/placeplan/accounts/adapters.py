"""django-allauth behaviour for Placeplan."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from placeplan.accounts.throttling import client_address


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are given by a partnership's support officer; nobody signs up themselves."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request) -> str:
        """allauth's rate limits see the same address as everything else (behind
        ``TRUSTED_PROXY_COUNT`` proxies), and a short ``X-Forwarded-For`` is no error."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
