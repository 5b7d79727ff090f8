"""The version of the evidence, for caching public evidence pages: it changes whenever
values are saved, a plan is published or a locality's communities change, so a page
cached under it is never served stale."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse

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


class CachedForThePublic:
    """For people not signed in the page is kept in the cache under the evidence version,
    which changes whenever values are saved or a plan is published, so it is never stale.
    A page whose content depends on its query says so in ``cache_variant``."""

    cache_seconds = 3600

    def cache_variant(self) -> str:
        """What, beside the path, tells two versions of the page apart ("" for none)."""
        return ""

    def get(self, request, *args, **kwargs):
        # Signed-in people see their own header; a page with a message for this visitor
        # (e.g. "You have signed out") is theirs alone: neither is cached nor served cached.
        if request.user.is_authenticated or len(messages.get_messages(request)):
            return super().get(request, *args, **kwargs)
        # The path hashed: a hostile one (spaces, control characters, 5,000 characters)
        # is not a key every cache backend accepts.
        path = hashlib.sha256((request.path + self.cache_variant()).encode()).hexdigest()
        key = f"placeplan:page:{evidence_version()}:{path}"
        content = cache.get(key)
        if content is None:
            response = super().get(request, *args, **kwargs)
            response.render()
            cache.set(key, response.content, self.cache_seconds)
            return response
        return HttpResponse(content)
