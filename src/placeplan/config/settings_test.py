"""Settings for the test suite: the one settings module, given test-safe environment values."""

import os

os.environ.setdefault("SECRET_KEY", "placeplan-tests-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("EMAIL_URL", "locmem:")
# Tests sign people in with force_login; tests/accounts/test_mfa.py turns the requirement
# on (production's default) and proves it on the real sign-in.
os.environ.setdefault("MFA_REQUIRED_ROLES", "none")
# The fuzz and Schemathesis tests make thousands of API calls a minute;
# tests/accounts/test_sessions.py lowers the limits to prove them.
os.environ.setdefault("API_RATE_LIMIT_PER_TOKEN", "1000000")
os.environ.setdefault("API_RATE_LIMIT_PER_ADDRESS", "1000000")
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + os.path.join(os.getcwd(), "var", "test.sqlite3")
)

from placeplan.config.settings import *  # noqa: E402,F403
from placeplan.config.settings import DATABASES, STORAGES  # noqa: E402

# Tests read static files through the finders instead of a collectstatic manifest.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Find a static file when it is asked for, instead of indexing all 1,300 when the middleware
# starts: every test client starts the middleware again (36 ms each, 1,900 times in the
# policy table alone).
WHITENOISE_AUTOREFRESH = True
# Tasks run at once, in the process that queues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast in tests only

# A file, not memory, so the browser tests' server thread sees the same test database;
# named per process so that concurrent test runs on one machine never share one.
_test_db = f"test_placeplan_{os.getpid()}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.getcwd(), "var", f"{_test_db}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": _test_db}
# One process per test run: its memory is cache enough, and runs never share one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Where attachments kept on disk before they moved to the database would be: a folder of
# this process, removed when the tests end.
MEDIA_ROOT = os.path.join(os.getcwd(), "var", f"{_test_db}-media")
