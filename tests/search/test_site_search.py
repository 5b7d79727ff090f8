"""The site search (issue 17, finding things): partnerships, council areas, communities,
bodies, published plans and their indicators, measures, meetings and papers, found by
every word asked, only as the public may see them, on the page and in its API twin alike.

Run on SQLite (every word in one of a kind's fields) and on PostgreSQL (full-text
search), the same assertions hold. Fictional records come from the factories; the real
council areas, partnerships and measures from the shipped reference data."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.meetings import services as meeting_services
from placeplan.plans import services as plan_services
from placeplan.search.selectors import MAX_LENGTH, PER_KIND, site_search
from tests.factories import (
    AgendaItemFactory,
    AreaFactory,
    BodyFactory,
    IntermediateOutcomeFactory,
    IntermediateZoneFactory,
    MeasureFactory,
    MeetingFactory,
    OutcomeFactory,
    OutcomeIndicatorFactory,
    PaperFactory,
    PartnershipFactory,
    PlanFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

INVERCLYDE = "S12000018"


def _found(text) -> dict[str, list[str]]:
    """The titles found, by kind."""
    return {g.kind: [r.title for r in g.results] for g in site_search(text=text).groups}


def _titles(text) -> set[str]:
    return {title for titles in _found(text).values() for title in titles}


@pytest.fixture
def glen():
    """Glen Fictional: a partnership with a community, a board, a published plan (with
    an indicator of the Fictional Glimmer Rate) and a draft plan (with the Fictional
    Shadow Rate), and a meeting with a public item, a confidential item and four papers:
    published, confidential, under the confidential item, and a draft."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    area = AreaFactory(name="Glen Fictional")
    partnership = PartnershipFactory(
        council_area=area, name="Glen Fictional Community Planning Partnership"
    )
    community = IntermediateZoneFactory(council_area=area, name="Fictionalburn Braes")
    board = BodyFactory(partnership=partnership, name="Glen Fictional Wellbeing Board")
    published = PlanFactory(
        partnership=partnership, owning_body=board, title="Glen Fictional Kindly Plan"
    )
    outcome = IntermediateOutcomeFactory(parent=OutcomeFactory(plan=published))
    glimmer = MeasureFactory(name="Fictional Glimmer Rate")
    indicator = OutcomeIndicatorFactory(outcome=outcome, measure=glimmer)
    plan_services.plan_agree(plan=published, agreed_by=board, agreed_on=yesterday)
    plan_services.plan_publish(plan=published, published_on=yesterday)
    draft = PlanFactory(
        partnership=partnership, owning_body=board, title="Glen Fictional Hidden Plan"
    )
    draft_outcome = IntermediateOutcomeFactory(parent=OutcomeFactory(plan=draft))
    OutcomeIndicatorFactory(
        outcome=draft_outcome, measure=MeasureFactory(name="Fictional Shadow Rate")
    )
    meeting = MeetingFactory(body=board, place="Fictional Glen Hall")
    AgendaItemFactory(meeting=meeting, title="Fictional playpark review")
    hush = AgendaItemFactory(meeting=meeting, title="Fictional hush staffing", is_confidential=True)
    papers = {
        "public": PaperFactory(meeting=meeting, title="Glen Fictional annual report"),
        "confidential": PaperFactory(
            meeting=meeting, title="Glen Fictional secret budget", is_confidential=True
        ),
        "under": PaperFactory(meeting=meeting, agenda_item=hush, title="Glen Fictional rota paper"),
        "draft": PaperFactory(meeting=meeting, title="Glen Fictional unfinished paper"),
    }
    for key in ("public", "confidential", "under"):
        meeting_services.paper_publish(paper=papers[key])
    return {
        "area": area,
        "partnership": partnership,
        "community": community,
        "board": board,
        "published": published,
        "draft": draft,
        "indicator": indicator,
        "meeting": meeting,
        "papers": papers,
    }


def test_inverclyde_finds_the_council_area_and_the_partnership():
    found = _found("Inverclyde")
    assert "Inverclyde" in found["council_areas"]
    assert "Inverclyde Community Planning Partnership" in found["partnerships"]
    groups = {g.kind: g for g in site_search(text="inverclyde").groups}  # any case
    area = next(r for r in groups["council_areas"].results if r.title == "Inverclyde")
    assert area.url == f"/areas/{INVERCLYDE}/"
    partnership = groups["partnerships"].results[0]
    assert partnership.url == f"/areas/{INVERCLYDE}/partnership/"


def test_the_start_of_a_word_is_enough_on_every_database():
    # "Inver" is the start of Inverclyde: found on PostgreSQL (a prefix in the full-text
    # query) as on SQLite (a match anywhere in the name).
    assert "Inverclyde" in _found("Inver")["council_areas"]
    assert "Child Poverty" in _found("pov chil")["measures"]


def test_a_community_is_found_by_its_name(glen):
    (result,) = next(g for g in site_search(text="Fictionalburn").groups).results
    assert result.title == "Fictionalburn Braes"
    assert "Glen Fictional" in result.detail
    code = glen["community"].code
    assert result.url == f"/areas/{glen['area'].code}/communities/{code}/"
    # A real community of Inverclyde, by two words of its name.
    assert _found("Larkfield Gourock")["communities"] == [
        "Gourock Upper and West Central and Upper Larkfield"
    ]


def test_a_measure_is_found_by_a_word_of_its_name():
    found = site_search(text="poverty")
    measures = next(g for g in found.groups if g.kind == "measures")
    child = next(r for r in measures.results if r.title == "Child Poverty")
    assert child.url == "/compare/?measure=cpop-child-poverty"


def test_every_word_must_match(glen):
    assert "Glen Fictional Kindly Plan" in _found("Kindly Glen")["plans"]
    assert "Glen Fictional Kindly Plan" not in _titles("Kindly Glenmorangie")
    assert _found("Kindly Glenmorangie") == {}
    # Both words in the measure's name: found; one of them elsewhere only: not.
    assert _found("child poverty")["measures"][0] == "Child Poverty"
    assert "Child Poverty" not in _titles("child zebrafish")


def test_published_things_are_found_and_drafts_and_confidential_business_are_not(glen):
    assert _found("Kindly")["plans"] == ["Glen Fictional Kindly Plan"]
    assert _found("Hidden") == {}  # the draft plan
    # The published plan's indicator; the draft's measure is a public measure, but no
    # published plan uses it.
    assert _found("Glimmer") == {
        "indicators": ["Fictional Glimmer Rate"],
        "measures": ["Fictional Glimmer Rate"],
    }
    assert _found("Shadow") == {"measures": ["Fictional Shadow Rate"]}
    number = glen["papers"]["public"].number
    assert _found("annual report Glen") == {
        "papers": [f"Paper {number}: Glen Fictional annual report"]
    }
    for hidden in ("secret budget", "rota", "unfinished"):
        assert _found(hidden) == {}, hidden
    # The meeting: by its body, its place or a public item; never by its confidential item.
    meeting = (
        f"Glen Fictional Wellbeing Board: {timezone.localtime(glen['meeting'].starts_at):%-d %B %Y}"
    )
    assert meeting in _found("Wellbeing Board")["meetings"]
    assert _found("Glen Hall")["meetings"] == [meeting]
    assert _found("playpark")["meetings"] == [meeting]
    assert _found("hush") == {}


def test_each_result_links_to_its_public_page(glen):
    client = Client()
    for text in ("Glen Fictional", "Glimmer", "Fictionalburn"):
        for group in site_search(text=text).groups:
            for result in group.results:
                assert client.get(result.url).status_code == 200, (group.kind, result.url)
    paper = glen["papers"]["public"]
    (result,) = next(g for g in site_search(text="annual report Glen").groups).results
    assert result.url == f"{glen['meeting'].get_absolute_url()}#paper-{paper.pk}"
    assert f'id="paper-{paper.pk}"' in client.get(result.url).content.decode()


def test_the_page_lists_results_by_kind_with_counts(glen):
    response = Client().get(reverse("public:search"), {"q": "Glen Fictional"})
    html = response.content.decode()
    assert response.status_code == 200
    search = response.context["search"]
    assert [g.kind for g in search.groups] == [
        "partnerships",
        "council_areas",
        "communities",  # Fictionalburn Braes, in Glen Fictional
        "bodies",
        "plans",
        "meetings",
        "papers",
    ]
    assert "Plans (1)" in html and "Glen Fictional Kindly Plan" in html
    assert reverse("public:plan", args=[glen["area"].code, glen["published"].pk]) in html
    assert "Hidden Plan" not in html and "secret budget" not in html
    assert 'value="Glen Fictional"' in html  # the box keeps the words asked


def test_more_than_twenty_of_a_kind_are_counted_not_listed():
    """Every community of Scotland whose name has "Central" (or "centr" stemmed)."""
    found = site_search(text="Central")
    communities = next(g for g in found.groups if g.kind == "communities")
    assert communities.count > PER_KIND
    assert len(communities.results) == PER_KIND
    assert communities.more == communities.count - PER_KIND
    html = Client().get("/search/?q=Central").content.decode()
    assert f"And {communities.more} more communities" in html


def test_an_empty_search_shows_the_box_and_a_hint():
    response = Client().get("/search/")
    html = response.content.decode()
    assert response.status_code == 200 and response.context["search"] is None
    assert 'for="search-q"' in html and "for example “Inverclyde”" in html
    assert Client().get("/search/?q=%20%20").context["search"] is None


def test_a_search_with_no_results_says_how_to_improve_it():
    html = Client().get("/search/?q=zzyzxq").content.decode()
    assert "No results for" in html and "Nothing on Placeplan matches “zzyzxq”" in html
    assert "check the spelling" in html


def test_a_search_too_long_is_refused_with_a_clear_message():
    response = Client().get("/search/", {"q": "a" * (MAX_LENGTH + 1)})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["search"] is None
    message = f"Enter a search of {MAX_LENGTH} characters or fewer (this one has {MAX_LENGTH + 1})."
    assert "There is a problem" in html and message in html
    assert 'href="#search-q"' in html
    api = Client().get("/api/v1/search", {"q": "a" * (MAX_LENGTH + 1)})
    assert api.status_code == 400 and api.json() == {"detail": message}
    assert Client().get("/search/", {"q": "a" * MAX_LENGTH}).status_code == 200


@pytest.mark.parametrize(
    "text", ["\x00", "' OR 1=1 --", "<script>", '"unclosed', "-", "!!!", "a & | ! b"]
)
def test_hostile_words_never_fail(text):
    # A null character is refused before any view (400), like everywhere on the site.
    assert Client().get("/search/", {"q": text}).status_code in (200, 400)
    assert Client().get("/api/v1/search", {"q": text}).status_code in (200, 400)


def test_signed_in_staff_see_the_publics_results(glen):
    """The public search stays public: a support officer of the partnership, who may
    read its draft plan and confidential papers in the workspace, is not shown them
    here."""
    client = Client()
    client.force_login(user_with_role("support_officer", council_code=glen["area"].code))
    for text in ("Hidden", "secret budget", "hush"):
        assert client.get("/search/", {"q": text}).context["search"].groups == [], text
        assert client.get("/api/v1/search", {"q": text}).json()["groups"] == [], text


def test_the_page_and_its_api_twin_give_the_same_results(glen):
    for text in ("Glen Fictional", "poverty", "Inverclyde", "Central"):
        page = Client().get("/search/", {"q": text}).context["search"]
        data = Client().get("/api/v1/search", {"q": text}).json()
        assert data["query"] == page.query and data["total"] == page.total
        assert data["groups"] == [
            {
                "kind": g.kind,
                "label": g.label,
                "count": g.count,
                "more": g.more,
                "results": [
                    {"title": r.title, "detail": r.detail, "url": r.url} for r in g.results
                ],
            }
            for g in page.groups
        ]
    assert Client().get("/api/v1/search").json() == {"query": "", "total": 0, "groups": []}


def test_every_page_has_the_search_box_in_its_header():
    for url in ("/", f"/areas/{INVERCLYDE}/", "/compare/", "/accessibility/"):
        html = Client().get(url).content.decode()
        header = html[html.index('<header class="ds_site-header"') : html.index("</header>")]
        assert 'role="search"' in header and 'action="/search/"' in header
        assert (
            'method="get"' in header
            and '<label class="ds_label visually-hidden" for="site-search">' in header
        )
