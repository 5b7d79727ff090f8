"""People who sign in to Placeplan."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    """Creates users identified by email address."""

    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Site administrators are superusers; national readers
    (Scottish Government, Improvement Service, Audit Scotland) read every partnership."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="May use the Django admin site (site administrators only)."
    )
    is_national_reader = models.BooleanField(
        default=False,
        help_text="Reads every partnership's workspace, for national comparison and audit.",
    )
    date_joined = models.DateTimeField(default=timezone.now)
    daily_digest = models.BooleanField(
        "Send me a daily email digest",
        default=True,
        help_text="One email a day, only on days with something for you: improvement "
        "actions due or overdue, challenges received or due an answer, papers published.",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SecurityEventKind(models.TextChoices):
    """What happened, in the words a site administrator reads in the log."""

    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Signing in paused (too many failures)"
    SESSION_EXPIRED = "session_expired", "Session ended (idle or too long)"
    MFA_ADDED = "mfa_added", "Two-factor method added"
    MFA_REMOVED = "mfa_removed", "Two-factor method removed"
    MFA_RESET = "mfa_reset", "Recovery codes replaced"
    MFA_FAILED = "mfa_failed", "Two-factor code refused"
    PERMISSION_REFUSED = "permission_refused", "Permission refused (403)"
    RATE_LIMITED = "rate_limited", "API rate limit reached (429)"
    TOKEN_USED = "token_used", "API token used (to write, or refused)"
    PERSONAL_DATA_EXPORTED = "personal_data_exported", "Personal data exported"
    WORKSPACE_DOWNLOAD = "workspace_download", "Downloaded from the workspace"


class SecurityEvent(models.Model):
    """One security-relevant act, for site administrators to review. Written only by
    ``services.security_event_record``; never changed afterwards."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=SecurityEventKind.choices, db_index=True)
    user = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
        help_text="The account concerned, when there is one.",
    )
    address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M:%S}"
