"""Security events from Django's, django-axes' and django-allauth's signals: the features
that sign people in, throttle them and manage second factors need not know of the log."""

from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed

from placeplan.accounts.middleware import session_start
from placeplan.accounts.models import SecurityEventKind, User
from placeplan.accounts.services import security_event_record
from placeplan.accounts.throttling import axes_username


def _account(request, credentials=None) -> tuple[User | None, str]:
    named = axes_username(request, credentials)
    return User.objects.filter(email=named).first() if named else None, named


def on_signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    session_start(request)
    security_event_record(kind=SecurityEventKind.SIGNED_IN, user=user, request=request)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    user, named = _account(request, credentials)
    security_event_record(
        kind=SecurityEventKind.SIGN_IN_FAILED,
        user=user,
        request=request,
        detail=f"for {named!r}" + ("" if user else " (no such account)"),
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    user, named = _account(request, {"username": username})
    security_event_record(
        kind=SecurityEventKind.LOCKED_OUT, user=user, request=request, detail=f"for {named!r}"
    )


def _mfa_receiver(kind):
    def receiver(sender, request, user, authenticator=None, **kwargs):
        method = authenticator.get_type_display() if authenticator is not None else ""
        security_event_record(kind=kind, user=user, request=request, detail=method)

    return receiver


MFA_KINDS = {
    mfa_signals.authenticator_added: SecurityEventKind.MFA_ADDED,
    mfa_signals.authenticator_removed: SecurityEventKind.MFA_REMOVED,
    mfa_signals.authenticator_reset: SecurityEventKind.MFA_RESET,
    mfa_signals.authentication_failed: SecurityEventKind.MFA_FAILED,
}


def connect() -> None:
    """Called from ``AccountsConfig.ready()``."""
    user_logged_in.connect(on_signed_in, dispatch_uid="placeplan.security.signed_in")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="placeplan.security.failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="placeplan.security.locked_out")
    for signal, kind in MFA_KINDS.items():
        signal.connect(_mfa_receiver(kind), dispatch_uid=f"placeplan.security.{kind}", weak=False)
