"""Placeplan settings: every value comes from the environment, checked at start-up.

Variables (all optional in the demo; production needs SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL):

- ``DEBUG`` (default false), ``SECRET_KEY``, ``ALLOWED_HOSTS`` (comma separated),
  ``CSRF_TRUSTED_ORIGINS`` (comma separated);
- ``DATABASE_URL``: ``sqlite:///path`` (default: ``var/placeplan.sqlite3``) or
  ``postgres://user:pass@host:port/name``;
- ``EMAIL_URL``: ``console:`` (default) or ``smtp://user:pass@host:port``,
  ``DEFAULT_FROM_EMAIL``;
- ``SECURE``: true behind HTTPS (secure cookies, HSTS, SSL redirect);
- ``AXES_FAILURE_LIMIT`` (default 5) and ``AXES_COOLOFF_MINUTES`` (default 15): failed
  sign-ins to one account, from any address, before signing in to it is paused, and for
  how long;
- ``TRUSTED_PROXY_COUNT`` (default 0): reverse proxies in front of Placeplan, each adding
  to ``X-Forwarded-For``; the caller's address is the entry that many from the right;
- ``MFA_REQUIRED_ROLES`` (default ``site_admin,support_officer``; ``none`` for nobody):
  roles whose holders must set up two-factor authentication before going further;
- ``SESSION_IDLE_MINUTES`` (default 30) and ``SESSION_MAX_HOURS`` (default 12): a
  session ends after that long unused, and that long after signing in;
- ``API_RATE_LIMIT_PER_TOKEN`` (default 600) and ``API_RATE_LIMIT_PER_ADDRESS``
  (default 120): API requests a minute before it answers 429;
- ``SECURITY_CONTACT`` (a ``mailto:`` or ``https:`` URI) and ``SECURITY_POLICY_URL``
  (default: the site's own copy of SECURITY.md): published in
  ``/.well-known/security.txt``.
"""

from __future__ import annotations

import urllib.parse
from datetime import timedelta
from pathlib import Path

import dj_database_url

from placeplan.config.env import Env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = BASE_DIR / "data" / "scotland"
VAR_DIR = BASE_DIR / "var"

env = Env()

DEBUG = env.bool("DEBUG", False)
DEMO_SECRET_KEY = "placeplan-demo-only-not-secret"  # noqa: S105 - refused below outside DEBUG
SECRET_KEY = env.str("SECRET_KEY", DEMO_SECRET_KEY if DEBUG else None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    env.problems.append("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
SECURE = env.bool("SECURE", False)

_database_url = env.str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'placeplan.sqlite3'}")
if not _database_url.startswith(("sqlite:", "postgres:", "postgresql:")):
    env.problems.append(
        "DATABASE_URL must start with sqlite:/// or postgres:// "
        f"(got {_database_url.split(':', 1)[0]!r})."
    )
    _database_url = f"sqlite:///{VAR_DIR / 'placeplan.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers carry on while a writer works; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_email_url = urllib.parse.urlsplit(env.str("EMAIL_URL", "console:"))
if _email_url.scheme == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email_url.scheme in {"smtp", "smtps"}:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email_url.hostname or "localhost"
    EMAIL_PORT = _email_url.port or (465 if _email_url.scheme == "smtps" else 587)
    EMAIL_HOST_USER = urllib.parse.unquote(_email_url.username or "")
    EMAIL_HOST_PASSWORD = urllib.parse.unquote(_email_url.password or "")
    EMAIL_USE_SSL = _email_url.scheme == "smtps"
    EMAIL_USE_TLS = _email_url.scheme == "smtp"
elif _email_url.scheme == "locmem":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    env.problems.append("EMAIL_URL must be console:, smtp://… or smtps://….")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Placeplan <no-reply@placeplan.invalid>")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rules",
    "simple_history",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "placeplan.core",
    "placeplan.accounts",
    "placeplan.places",
    "placeplan.residents",
    "placeplan.partnerships",
    "placeplan.workspace",
    "placeplan.governance",
    "placeplan.performance",
    "placeplan.plans",
    "placeplan.delivery",
    "placeplan.stories",
    "placeplan.engagement",
    "placeplan.budgets",
    "placeplan.resources",
    "placeplan.meetings",
    "placeplan.challenges",
    "placeplan.search",
    "placeplan.public",
    "placeplan.api",
    "placeplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads the body: refuses an oversized upload by its Content-Length.
    "placeplan.core.middleware.RequestSizeLimitMiddleware",
    # No NUL character in a path, query string or JSON body reaches a query.
    "placeplan.core.middleware.NulCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    "placeplan.accounts.middleware.NoStoreMiddleware",
    "placeplan.accounts.middleware.SecurityEventMiddleware",
    "placeplan.accounts.middleware.ApiRateLimitMiddleware",
    "placeplan.accounts.middleware.SessionLimitsMiddleware",
    "placeplan.accounts.middleware.MfaRequiredMiddleware",
]

ROOT_URLCONF = "placeplan.config.urls"
WSGI_APPLICATION = "placeplan.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "placeplan.core.context_processors.site",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's and django-allauth's, reading the signed-in person in one query
    # (placeplan/accounts/backends.py).
    "placeplan.accounts.backends.ModelBackend",
    "placeplan.accounts.backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace:workspace"
LOGOUT_REDIRECT_URL = "public:home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Optional: a resident is sent a link to confirm their address when they sign up, and may
# contribute only once it is confirmed (residents.selectors.may_contribute); signing in
# never waits for it (staff accounts are made by support officers, with no such link).
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
# Staff accounts are created by a partnership's support officer; public sign-up makes a
# resident's account only (a profile, no role anywhere): placeplan.residents.adapters.
ACCOUNT_ADAPTER = "placeplan.residents.adapters.ResidentAccountAdapter"
ACCOUNT_FORMS = {
    "login": "placeplan.accounts.forms.LoginForm",
    "signup": "placeplan.residents.forms.ResidentSignupForm",
}
ACCOUNT_RATE_LIMITS = {
    "login_failed": False,  # django-axes does the throttling
    # Sign-ups sent (valid or not) from one address: 10 an hour.
    "signup": "10/h/ip",
    # What residents do (placeplan.residents.limits): per person, and per address too.
    "resident_proposal": "20/h/user,60/h/ip",
    "resident_response": "20/h/user,60/h/ip",
    # Voting codes typed in (participatory budgeting), right or wrong: guessing is slow.
    "budget_code": "30/h/ip",
}

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", 15, minimum=1))
# Keyed on the account alone, so a lock-out follows the account from any address.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 warns that parameters other than the address can be rotated to dodge a
# lock-out; the account's email cannot (django-allauth separately limits sign-in attempts
# per address, ACCOUNT_RATE_LIMITS["login"]).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "placeplan.accounts.throttling.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The caller's address, behind TRUSTED_PROXY_COUNT proxies: one rule for django-axes,
# django-allauth's rate limits (InvitationOnlyAccountAdapter.get_client_ip), the API's
# rate limits and the security event log.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "placeplan.accounts.throttling.client_address"

# Two-factor authentication (django-allauth's mfa): authenticator apps, recovery codes and
# security keys, offered to everyone and required of the roles named here.
MFA_ROLES = {
    "site_admin",
    "national_reader",
    "support_officer",
    "partner_officer",
    "board_member",
    "community_member",
}
_mfa_roles = env.list("MFA_REQUIRED_ROLES", ["site_admin", "support_officer"])
MFA_REQUIRED_ROLES = [] if _mfa_roles == ["none"] else _mfa_roles
if set(MFA_REQUIRED_ROLES) - MFA_ROLES:
    env.problems.append(
        f"MFA_REQUIRED_ROLES may name {', '.join(sorted(MFA_ROLES))} or none "
        f"(got {', '.join(_mfa_roles)})."
    )
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Placeplan"
# Browsers offer security keys only over HTTPS, or on localhost in the demo.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not SECURE

# Sessions end after SESSION_IDLE_MINUTES unused and SESSION_MAX_HOURS after signing in
# (placeplan.accounts.middleware.SessionLimitsMiddleware); the cookie goes with it.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

# The API answers 429 with Retry-After past these many requests a minute.
API_RATE_LIMIT_PER_TOKEN = env.int("API_RATE_LIMIT_PER_TOKEN", 600, minimum=1)
API_RATE_LIMIT_PER_ADDRESS = env.int("API_RATE_LIMIT_PER_ADDRESS", 120, minimum=1)

# /.well-known/security.txt (RFC 9116) and SECURITY.md.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", "mailto:security@placeplan.invalid")
# Empty: the site's own copy of SECURITY.md, at /.well-known/security-policy.txt.
SECURITY_POLICY_URL = env.str("SECURITY_POLICY_URL", "")
if not SECURITY_CONTACT.startswith(("mailto:", "https://", "tel:")):
    env.problems.append("SECURITY_CONTACT must be a mailto:, https:// or tel: URI.")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    # Uploaded files (papers' attachments) in the database: shared by every process on
    # every machine and held by its backups (placeplan/core/storage.py).
    "default": {"BACKEND": "placeplan.core.storage.DatabaseStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# The cache holds the evidence version (public pages are cached under it), import
# progress and the API's rate-limit counts, so every web process and the task worker must
# share it. One machine: a file cache (the default). Several machines: Redis
# (CACHE_URL=redis://host:6379/0), so a change saved through one process is served fresh
# by all (docs/deployment.md).
_cache_url = env.str("CACHE_URL", f"file://{VAR_DIR / 'cache'}")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", "placeplan"),
        }
    }
elif _cache_url.startswith("file://") and len(_cache_url) > len("file://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _cache_url.removeprefix("file://"),
        }
    }
else:
    env.problems.append(
        "CACHE_URL must be redis://host:port/db (several machines) or file:///folder "
        f"(one machine); got {_cache_url.split(':', 1)[0]!r}."
    )
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }

# Imports and other long work run as tasks: in a database queue worked by the task
# worker, ``manage.py run_worker``, a service of its own (started by script/setup-and-run;
# docs/deployment.md), which checks in for /health/.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", 200_000, minimum=10)
# Files with more rows than this are saved by the task worker, with a progress bar.
IMPORT_INLINE_ROWS = env.int("IMPORT_INLINE_ROWS", 2_000, minimum=0)
# Meeting papers' attachments are kept in the database (STORAGES above), served only
# through a view that checks who may see the paper, always as a download. MEDIA_ROOT is
# where attachments were kept before: the migration that moved them reads it.
MEDIA_ROOT = env.str("MEDIA_ROOT", str(VAR_DIR / "media"))
PAPER_MAX_BYTES = env.int("PAPER_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Sessions are kept in the database and read through the cache (Redis when several
# processes serve): a signed-in request reads its session without a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None

# No 'unsafe-inline' or 'unsafe-eval' anywhere: scripts and styles come from static files
# only, and Vega evaluates chart expressions with its interpreter (charts.js passes
# `ast: true`) instead of `new Function`. Browsers post violations to the report view.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "report-uri": ["/csp-report/"],
    }
}
# The largest violation report the report view reads (a real one is under 2 kB).
CSP_REPORT_MAX_BYTES = 16 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SITE_NAME = "Placeplan"

env.check()
