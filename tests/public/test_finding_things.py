"""Finding things (issue 17): the partnership's meetings page, the area page's links to the
partnership's pages, the partnership's contact details on its public pages (set by its
support officers), and the area's communities listed by name or most deprived first.

Everything is built by the factories in a fictional partnership and council area."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.demo.services import demo_load
from placeplan.meetings import services as meeting_services
from placeplan.meetings.models import Meeting
from placeplan.partnerships.models import Partnership, Role
from placeplan.partnerships.services import partnership_contact_set
from placeplan.performance.models import Measure, Period
from tests.factories import (
    AgendaItemFactory,
    AreaFactory,
    BodyFactory,
    IntermediateZoneFactory,
    MeetingFactory,
    ObservationFactory,
    PaperFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
)
from tests.files import real_pdf

pytestmark = pytest.mark.django_db

HIGHLAND = "S12000017"
NO_CONTACT = "This partnership has not published contact details yet."


def _text(response) -> str:
    """The page's words, without markup, spaces run together."""
    assert response.status_code == 200, response.status_code
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _at(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


# -- the partnership's meetings ----------------------------------------------------------


@pytest.fixture
def meetings():
    """Two bodies of a fictional partnership: the board met 20 days ago (a published
    paper with a file, a confidential published paper and a published paper under a
    confidential item) and meets again in 40 days; the safety group meets in 9 days."""
    partnership = PartnershipFactory()
    board = BodyFactory(partnership=partnership, name="Fictional Partnership Board")
    safety = BodyFactory(
        partnership=partnership, name="Fictional Safety Group", requires_chair=False
    )
    past = MeetingFactory(
        body=board, starts_at=_at(-20), place="Fictional Hall", status=Meeting.Status.HELD
    )
    later = MeetingFactory(body=board, starts_at=_at(40), place="Fictional Library")
    sooner = MeetingFactory(body=safety, starts_at=_at(9), place="Online")
    public = PaperFactory(
        meeting=past,
        title="Fictional annual report",
        upload=SimpleUploadedFile("annual report.pdf", real_pdf()),
    )
    secret = PaperFactory(meeting=past, title="Fictional secret budget", is_confidential=True)
    item = AgendaItemFactory(meeting=past, title="Fictional staffing", is_confidential=True)
    under = PaperFactory(meeting=past, agenda_item=item, title="Fictional staffing paper")
    draft = PaperFactory(meeting=sooner, title="Fictional draft plan")
    for paper in (public, secret, under):
        meeting_services.paper_publish(paper=paper)
    return partnership, past, sooner, later, public, draft


def test_the_meetings_page_lists_next_meetings_soonest_first_then_past_ones(meetings):
    partnership, past, sooner, later, public, _ = meetings
    code = partnership.council_area.code
    response = Client().get(reverse("public:meetings", args=[code]))
    page = _text(response)
    listed = response.context["meetings"]
    assert [m.pk for m in listed.upcoming] == [sooner.pk, later.pk]
    assert [m.pk for m in listed.past] == [past.pk]
    # In that order on the page, each with its body and place.
    html = response.content.decode()
    positions = [html.index(f'id="meeting-{m.pk}"') for m in (sooner, later, past)]
    assert positions == sorted(positions)
    assert html.index("Next meetings") < html.index("Past meetings")
    assert "Fictional Safety Group" in page and "Fictional Partnership Board" in page
    assert "Online" in page and "Fictional Library" in page and "Fictional Hall" in page
    # Links to each meeting's page, the published paper's file and the calendar.
    assert reverse("public:meeting", args=[code, sooner.pk]) in html
    assert reverse("public:paper_download", args=[code, past.pk, public.pk]) in html
    assert f"Paper {public.number}: Fictional annual report (PDF)" in page
    assert reverse("public:meetings_calendar", args=[code]) in html


def test_the_meetings_page_never_shows_confidential_or_draft_papers(meetings):
    partnership, past, sooner, *_ = meetings
    response = Client().get(reverse("public:meetings", args=[partnership.council_area.code]))
    page = _text(response)
    for hidden in ("Fictional secret budget", "Fictional staffing", "Fictional draft plan"):
        assert hidden not in page
    (held,) = response.context["meetings"].past
    assert [p.title for p in held.public_papers] == ["Fictional annual report"]
    assert response.context["meetings"].upcoming[0].public_papers == []


def test_the_meetings_page_of_an_unknown_area_is_404():
    assert Client().get("/areas/S99999999/meetings/").status_code == 404


# -- the area page's links ---------------------------------------------------------------


def test_the_area_page_links_to_the_partnerships_pages():
    partnership = PartnershipFactory()
    code = partnership.council_area.code
    html = Client().get(reverse("public:area", args=[code])).content.decode()
    links = html[
        html.index('id="partnership-links"') : html.index("</ul>", html.index("partnership-links"))
    ]
    for name in (
        "partnership",
        "plans",
        "dashboard",
        "outcomes",
        "meetings",
        "challenges",
        "budgets",
        "resources",
    ):
        url = reverse(f"public:{name}", args=[code])
        assert f'href="{url}"' in links, name
        assert Client().get(url).status_code == 200, name


def test_an_area_without_a_partnership_links_to_no_page_that_would_be_missing():
    area = AreaFactory()
    assert not Partnership.objects.filter(council_area=area).exists()
    response = Client().get(reverse("public:area", args=[area.code]))
    page, html = _text(response), response.content.decode()
    assert "No Community Planning Partnership is recorded for this area" in page
    assert f"/areas/{area.code}/meetings/" not in html
    assert f"/areas/{area.code}/plans/" not in html
    assert "Contact the partnership" not in page


# -- the partnership's contact details ---------------------------------------------------


@pytest.fixture
def officer():
    """A client signed in as the support officer of a fictional partnership."""
    grant = PartnershipRoleFactory(partnership=PartnershipFactory(), role=Role.SUPPORT_OFFICER)
    client = Client()
    client.force_login(grant.user)
    return client, grant.partnership


CONTACT = {
    "contact_email": "  community.planning@example.org ",
    "contact_address": "Fictional House\r\n\r\n  1 Fictional Street \r\nFictionton FT1 1AA",
    "contact_url": "https://www.example.org/community-planning",
}


def test_a_support_officer_sets_the_contact_and_every_public_page_shows_it(
    officer, django_capture_on_commit_callbacks
):
    client, partnership = officer
    code = partnership.council_area.code
    body = BodyFactory(partnership=partnership)
    public_pages = [
        reverse("public:area", args=[code]),
        reverse("public:partnership", args=[code]),
        reverse("public:body", args=[code, body.pk]),
        reverse("public:body_meetings", args=[code, body.pk]),
        reverse("public:meetings", args=[code]),
        reverse("public:plans", args=[code]),
        reverse("public:dashboard", args=[code]),
        reverse("public:outcomes", args=[code]),
        reverse("public:challenges", args=[code]),
    ]
    # Before: every page says there are none yet (and is cached for the public).
    for url in public_pages:
        page = _text(Client().get(url))
        assert "Contact the partnership" in page and NO_CONTACT in page, url

    url = reverse("governance:contact", args=[code])
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages refreshed
        response = client.post(url, CONTACT)
    assert response.status_code == 302 and response["Location"] == url
    partnership.refresh_from_db()
    assert partnership.contact_email == "community.planning@example.org"
    assert partnership.contact_address == "Fictional House\n1 Fictional Street\nFictionton FT1 1AA"
    assert partnership.contact_url == "https://www.example.org/community-planning"
    # In the audit history, with who made the change.
    latest = partnership.history.latest()
    assert latest.contact_email == "community.planning@example.org"
    assert latest.history_user is not None and latest.history_type == "~"

    for url in public_pages:
        response = Client().get(url)
        page = _text(response)
        assert NO_CONTACT not in page, url
        assert 'href="mailto:community.planning@example.org"' in response.content.decode(), url
        assert "Fictional House 1 Fictional Street Fictionton FT1 1AA" in page, url
        assert 'href="https://www.example.org/community-planning"' in response.content.decode()


def test_the_contact_form_shows_every_error_at_once_and_changes_nothing(officer):
    client, partnership = officer
    url = reverse("governance:contact", args=[partnership.council_area.code])
    before = partnership.history.count()
    response = client.post(
        url,
        {
            "contact_email": "not an address",
            "contact_address": "x" * 501,
            "contact_url": "ftp://files.example.org/",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[
        html.index("ds_error-summary") : html.index("</div>", html.index("ds_error-summary"))
    ]
    for message in (
        "Enter the email address in the correct format, like name@example.org",
        "Enter a postal address of 500 characters or fewer",
        "Enter the web page&#x27;s full address, starting https://",
    ):
        assert message in summary, message
    partnership.refresh_from_db()
    assert (partnership.contact_email, partnership.contact_address, partnership.contact_url) == (
        "",
        "",
        "",
    )
    assert partnership.history.count() == before


def test_the_contact_can_be_emptied_again(officer):
    client, partnership = officer
    url = reverse("governance:contact", args=[partnership.council_area.code])
    client.post(url, CONTACT)
    client.post(url, {"contact_email": "", "contact_address": "", "contact_url": ""})
    partnership.refresh_from_db()
    assert not partnership.has_contact
    assert NO_CONTACT in _text(
        Client().get(reverse("public:meetings", args=[partnership.council_area.code]))
    )


def test_the_contact_page_is_in_the_support_officers_navigation(officer):
    client, partnership = officer
    code = partnership.council_area.code
    html = client.get(reverse("governance:structure", args=[code])).content.decode()
    assert reverse("governance:contact", args=[code]) in html


def test_the_demo_contact_is_fictional_and_never_replaces_a_real_one():
    highland = Partnership.objects.get(council_area__code=HIGHLAND)
    highland.contact_email = highland.contact_address = highland.contact_url = ""
    highland.save()
    demo_load()
    highland.refresh_from_db()
    assert highland.contact_email == "community.planning.highland@example.org"
    assert highland.contact_address.startswith("Demonstration only: not a real address")
    partnership_contact_set(partnership=highland, email="team@example.net", address="", url="")
    demo_load()
    highland.refresh_from_db()
    assert highland.contact_email == "team@example.net"


# -- communities by deprivation ----------------------------------------------------------


@pytest.fixture
def communities():
    """A fictional council area's four communities with SIMD 2020 income deprivation:
    Aird 90 of 1,000 people (9%), Braes 300 of 1,200 (25%), Corran 45 of 300 (15%), and
    Dalmore with no figure."""
    partnership = PartnershipFactory()
    council = partnership.council_area
    income = Measure.objects.get(code="income-deprivation-rate")
    period = Period.objects.get(label="SIMD 2020")
    for name, deprived, population in (
        ("Fictional Aird", 90, 1000),
        ("Fictional Braes", 300, 1200),
        ("Fictional Corran", 45, 300),
        ("Fictional Dalmore", None, None),
    ):
        community = IntermediateZoneFactory(council_area=council, name=name)
        if deprived is not None:
            ObservationFactory(
                measure=income,
                area=community,
                period=period,
                value=deprived / population,
                numerator=deprived,
                denominator=population,
            )
    return council


def test_communities_are_listed_by_name_by_default_and_for_unknown_orders(communities):
    for query in ("", "?communities=nonsense", "?communities=name"):
        response = Client().get(reverse("public:area", args=[communities.code]) + query)
        assert [c.name for c in response.context["profile"].communities] == [
            "Fictional Aird",
            "Fictional Braes",
            "Fictional Corran",
            "Fictional Dalmore",
        ]
        assert response.context["community_order"] == "name"
        html = response.content.decode()
        assert "Fictional Aird Fictional Braes Fictional Corran Fictional Dalmore" in _text(
            response
        )
        assert "income deprived" not in html
        assert 'aria-current="true"><strong>By name</strong>' in html


def test_communities_are_listed_most_deprived_first_with_the_share_used(communities):
    url = reverse("public:area", args=[communities.code]) + "?communities=deprivation"
    response = Client().get(url)
    # By hand: Braes 300/1,200 = 25%, Corran 45/300 = 15%, Aird 90/1,000 = 9%; Dalmore,
    # with no figure, last.
    rows = response.context["by_deprivation"]
    assert [(r.community.name, r.share) for r in rows] == [
        ("Fictional Braes", pytest.approx(0.25)),
        ("Fictional Corran", pytest.approx(0.15)),
        ("Fictional Aird", pytest.approx(0.09)),
        ("Fictional Dalmore", None),
    ]
    page = _text(response)
    assert (
        "Fictional Braes 25% income deprived Fictional Corran 15% income deprived "
        "Fictional Aird 9% income deprived Fictional Dalmore income deprivation not known"
    ) in page
    html = response.content.decode()
    assert 'aria-current="true"><strong>Most deprived first</strong>' in html
    assert f'href="{reverse("public:area", args=[communities.code])}#communities"' in html
