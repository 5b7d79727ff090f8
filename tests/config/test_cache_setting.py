"""CACHE_URL chooses the cache every process shares: Redis for several machines, a folder
for one; anything else stops start-up with a message (placeplan/config/settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Reads the production settings once per CACHE_URL, in a process of its own (settings are
# read once a process), and prints what each gave.
PROBE = """
import importlib, json, os, sys
answers = []
for url in json.loads(sys.argv[1]):
    os.environ.pop("CACHE_URL", None)
    if url is not None:
        os.environ["CACHE_URL"] = url
    try:
        if "placeplan.config.settings" in sys.modules:
            settings = importlib.reload(sys.modules["placeplan.config.settings"])
        else:
            settings = importlib.import_module("placeplan.config.settings")
    except Exception as error:
        answers.append({"error": str(error)})
    else:
        answers.append({"cache": settings.CACHES["default"]})
print(json.dumps(answers))
"""


def _settings_for(*urls):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(DEBUG="true", PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(  # noqa: S603 - this interpreter, the probe above
        [sys.executable, "-c", PROBE, json.dumps(list(urls))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cache_url_chooses_redis_a_folder_or_refuses():
    redis, default, folder, wrong = _settings_for(
        "redis://127.0.0.1:6379/3", None, "file:///srv/placeplan/cache", "memcached://x:11211"
    )
    assert redis["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "KEY_PREFIX": "placeplan",
    }
    assert default["cache"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert default["cache"]["LOCATION"] == str(ROOT / "var" / "cache")
    assert folder["cache"]["LOCATION"] == "/srv/placeplan/cache"
    assert wrong == {
        "error": "Placeplan cannot start:\n  - CACHE_URL must be redis://host:port/db "
        "(several machines) or file:///folder (one machine); got 'memcached'."
    }
