"""The site search: partnerships, council areas, communities, bodies, published plans
and their indicators, measures, meetings and public papers, found by words.

Each kind is read through its own app's public selector, so the search can only find
what the public pages show: published plans (not drafts, agreed or superseded versions)
and their indicators, and papers that are published, not confidential and not under a
confidential item. Meetings are found by their body, place and public agenda items,
never by a confidential item's title. The public page and the API ask the same
``site_search``, as the public, whoever is signed in.

On PostgreSQL the words are a web-style full-text query (``websearch_to_tsquery`` with
the English configuration: "child poverty" finds both words stemmed, quotes find a
phrase, ``-word`` leaves a word out), ranked by ``ts_rank`` with the title weighted
above the description. On SQLite every word must appear, in any case, in one of the
kind's searched fields; results are in name order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from placeplan.meetings import selectors as meetings
from placeplan.partnerships import selectors as partnerships
from placeplan.performance import selectors as performance
from placeplan.places import selectors as places
from placeplan.plans import selectors as plans

#: The longest search asked (longer ones are refused with ``query_problem``'s message).
MAX_LENGTH = 200
#: The most results of one kind listed; the rest are counted ("and N more").
PER_KIND = 20


@dataclass(frozen=True)
class Result:
    """One thing found: its name, a line saying what and where it is, its public page."""

    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class ResultGroup:
    """The things of one kind found: ``count`` in all, the first ``PER_KIND`` listed."""

    kind: str
    label: str
    count: int
    results: list[Result]

    @property
    def more(self) -> int:
        """How many were found beyond those listed."""
        return self.count - len(self.results)


@dataclass(frozen=True)
class SiteSearch:
    """A search's answer: the words asked and the kinds with anything found, in the
    order of ``KINDS``."""

    query: str
    groups: list[ResultGroup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


@dataclass(frozen=True)
class Kind:
    """How one kind of thing is searched and shown. ``titles`` are its name fields
    (ranked first), ``texts`` its other searched fields; ``related`` optionally finds
    it through related rows: (their public queryset, the field naming it, their fields)."""

    key: str
    label: str
    rows: Callable[[], QuerySet]
    titles: tuple[str, ...]
    texts: tuple[str, ...]
    order: tuple[str, ...]
    show: Callable[[object], Result]
    related: tuple[Callable[[], QuerySet], str, tuple[str, ...]] | None = None


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _measure_url(measure) -> str:
    """A measure's public page: the national comparison for a measure the 32 compare on
    (once it has values), the partnership's outcomes dashboard for its local indicator,
    else about the data."""
    if measure.is_compared_nationally and measure.has_council_values:
        return f"{reverse('public:comparison')}?measure={measure.code}"
    if measure.partnership_id:
        return reverse("public:dashboard", args=[measure.partnership.council_area.code])
    return reverse("public:about_data")


def _measure(measure) -> Result:
    whose = measure.partnership.name if measure.partnership_id else "National measure"
    return Result(
        measure.name, f"{whose} · {measure.get_collection_display()}", _measure_url(measure)
    )


def _plan(plan) -> Result:
    code = plan.partnership.council_area.code
    return Result(
        plan.title,
        f"{plan.get_kind_display()} · {plan.partnership.name} · {plan.period_label}",
        reverse("public:plan", args=[code, plan.pk]),
    )


def _indicator(indicator) -> Result:
    plan = indicator.outcome.plan
    return Result(
        indicator.measure.name,
        f"In {plan.title} · for {indicator.area.name}",
        reverse("public:indicator", args=[plan.partnership.council_area.code, indicator.pk]),
    )


def _meeting(meeting) -> Result:
    return Result(
        f"{meeting.body.name}: {_day(meeting.starts_at)}",
        f"{meeting.place} · {meeting.body.partnership.name}",
        meeting.get_absolute_url(),
    )


def _paper(paper) -> Result:
    meeting = paper.meeting
    return Result(
        f"Paper {paper.number}: {paper.title}",
        f"{meeting.body.name}, meeting of {_day(meeting.starts_at)}",
        f"{meeting.get_absolute_url()}#paper-{paper.pk}",
    )


KINDS = (
    Kind(
        "partnerships",
        "Partnerships",
        partnerships.partnership_list,
        ("name",),
        ("council_area__name",),
        ("name",),
        lambda p: Result(
            p.name,
            f"Community Planning Partnership of {p.council_area.name}",
            reverse("public:partnership", args=[p.council_area.code]),
        ),
    ),
    Kind(
        "council_areas",
        "Council areas",
        places.council_area_list,
        ("name",),
        ("code",),
        ("name",),
        lambda a: Result(a.name, f"Council area · {a.code}", a.get_absolute_url()),
    ),
    Kind(
        "communities",
        "Communities",
        places.community_list,
        ("name",),
        ("code", "council_area__name"),
        ("name", "code"),
        lambda a: Result(
            a.name,
            f"Community (intermediate zone) in {a.council_area.name} · {a.code}",
            a.get_absolute_url(),
        ),
    ),
    Kind(
        "bodies",
        "Partnership bodies",
        partnerships.body_list,
        ("name", "short_name"),
        ("purpose",),
        ("name", "pk"),
        lambda b: Result(b.name, b.partnership.name, b.get_absolute_url()),
    ),
    Kind(
        "plans",
        "Plans",
        plans.plans_published,
        ("title",),
        ("summary",),
        ("title", "pk"),
        _plan,
    ),
    Kind(
        "indicators",
        "Indicators in plans",
        plans.indicators_published,
        ("measure__name",),
        ("outcome__statement",),
        ("measure__name", "pk"),
        _indicator,
    ),
    Kind(
        "measures",
        "Measures",
        performance.measures_public,
        ("name",),
        ("definition",),
        ("name", "code"),
        _measure,
    ),
    Kind(
        "meetings",
        "Meetings",
        meetings.meetings_all_public,
        ("body__name", "body__short_name"),
        ("place",),
        ("-starts_at", "pk"),
        _meeting,
        related=(meetings.agenda_items_public, "meeting_id", ("title",)),
    ),
    Kind(
        "papers",
        "Papers",
        lambda: meetings.papers_public().select_related("meeting__body__partnership__council_area"),
        ("title", "number"),
        ("purpose", "recommendations", "author"),
        ("-published_on", "pk"),
        _paper,
    ),
)


def query_problem(text: str) -> str | None:
    """Why a search cannot be run as asked (too long, or a character no database
    stores), or None."""
    if len(text) > MAX_LENGTH:
        return f"Enter a search of {MAX_LENGTH} characters or fewer (this one has {len(text)})."
    if "\x00" in text:
        return "Remove the null character from the search."
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _matching_words(kind: Kind, rows: QuerySet, text: str) -> QuerySet:
    """SQLite: every word in one of the kind's fields (or one of its related rows')."""
    fields = kind.titles + kind.texts
    for word in _words(text):
        found = Q()
        for name in fields:
            found |= Q(**{f"{name}__icontains": word})
        if kind.related:
            related, key, related_fields = kind.related
            hits = Q()
            for name in related_fields:
                hits |= Q(**{f"{name}__icontains": word})
            found |= Q(pk__in=related().filter(hits).values(key))
        rows = rows.filter(found)
    return rows.order_by(*kind.order)


def _matching_text(kind: Kind, rows: QuerySet, text: str) -> QuerySet:
    """PostgreSQL: the full-text query over the kind's fields, best ranked first. Every
    word must match, as on SQLite, the start of a word or more ("Inver" finds
    Inverclyde, "poverty" child poverty: each word a prefix, stemmed in English)."""
    # The words are letters, digits and underscores only (_words), so no character of
    # the text reaches the query's own syntax.
    prefixes = " & ".join(f"{word}:*" for word in _words(text))
    query = SearchQuery(prefixes, search_type="raw", config="english")
    vector = SearchVector(*kind.titles, weight="A", config="english") + SearchVector(
        *kind.texts, weight="B", config="english"
    )
    rows = rows.annotate(search_text=vector, search_rank=SearchRank(vector, query))
    found = Q(search_text=query)
    if kind.related:
        related, key, related_fields = kind.related
        hits = (
            related()
            .annotate(search_text=SearchVector(*related_fields, config="english"))
            .filter(search_text=query)
        )
        found |= Q(pk__in=hits.values(key))
    return rows.filter(found).order_by("-search_rank", *kind.order)


def site_search(*, text: str, per_kind: int = PER_KIND) -> SiteSearch:
    """What the public may see that matches ``text``, grouped by kind (kinds with
    nothing found are left out). An empty search, or one ``query_problem`` refuses,
    finds nothing."""
    text = text.strip()
    if not text or query_problem(text) or not _words(text):
        return SiteSearch(query=text)
    matching = _matching_text if connection.vendor == "postgresql" else _matching_words
    groups = []
    for kind in KINDS:
        rows = matching(kind, kind.rows(), text)
        count = rows.count()
        if count:
            shown = [kind.show(row) for row in rows[:per_kind]]
            groups.append(ResultGroup(kind.key, kind.label, count, shown))
    return SiteSearch(query=text, groups=groups)
