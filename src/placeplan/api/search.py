"""Version 1 of the API, the site search: the twin of the public search page."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from placeplan.search import selectors as search

router = Router(tags=["search"])


class ResultOut(Schema):
    title: str
    detail: str
    url: str


class GroupOut(Schema):
    kind: str
    label: str
    count: int
    more: int
    results: list[ResultOut]


class SearchOut(Schema):
    query: str
    total: int
    groups: list[GroupOut]


class ErrorOut(Schema):
    detail: str


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, url_name="search")
def site_search(request, q: str = ""):
    """What the public pages show that matches the words ``q``, grouped by kind
    (partnerships, council areas, communities, bodies, published plans, indicators in
    published plans, measures, meetings, published papers), each kind's ``count`` in all
    and its first 20 ``results``, each with its public page's ``url``. Every word must
    match (on PostgreSQL a full-text search, best matches first). The same results as
    ``/search/?q=``, whoever asks; a search over 200 characters is refused (400)."""
    problem = search.query_problem(q)
    if problem:
        raise HttpError(400, problem)
    found = search.site_search(text=q)
    return {
        "query": found.query,
        "total": found.total,
        "groups": [
            {
                "kind": group.kind,
                "label": group.label,
                "count": group.count,
                "more": group.more,
                "results": [vars(result) for result in group.results],
            }
            for group in found.groups
        ],
    }
