"""The version of the evidence, for caching public evidence pages: it changes whenever
values are saved, a plan is published or a locality's communities change, so a page
cached under it is never served stale."""

from django.core.cache import cache

EVIDENCE_VERSION_KEY = "placeplan:evidence-version"


def evidence_version() -> int:
    """The current version of the evidence."""
    return cache.get_or_set(EVIDENCE_VERSION_KEY, 1, None)


def evidence_changed() -> None:
    """Call after saving values, publishing a plan or changing a locality."""
    try:
        cache.incr(EVIDENCE_VERSION_KEY)
    except ValueError:
        cache.set(EVIDENCE_VERSION_KEY, 2, None)
