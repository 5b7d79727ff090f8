"""django-allauth behaviour for Placeplan."""

from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are given by a partnership's support officer; nobody signs up themselves."""

    def is_open_for_signup(self, request):
        return False
