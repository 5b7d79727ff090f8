"""Engagement's pages: residents' responses are private (the public page, another
resident, a reader without the right to record the activity and the API never see them;
the people who record it read them, sanitised); the response form is refused to people who
are not verified residents, and when the resident has sent too many; the public page, the
Place Standard page and their JSON twins agree; a draft is nowhere public.

Fictional records from tests/factories/, in a fictional partnership."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.engagement import services
from placeplan.engagement.models import PLACE_STANDARD_THEMES, Activity, ConsultationResponse
from placeplan.partnerships.models import Role
from tests.factories import (
    ActivityFactory,
    BodyFactory,
    LocalityFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    ThemeFactory,
    verified_resident,
)

pytestmark = pytest.mark.django_db

SECRET = "A fictional private view <script>alert(1)</script> **firmly held**"


@pytest.fixture
def ours():
    return PartnershipFactory()


@pytest.fixture
def code(ours):
    return ours.council_area.code


@pytest.fixture
def consultation(ours):
    today = timezone.localdate()
    return ActivityFactory(
        partnership=ours,
        takes_responses=True,
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=30),
    )


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _respond(client, code, activity, text=SECRET):
    return client.post(
        reverse("public:engagement_respond", args=[code, activity.pk]), {"text": text}
    )


def test_a_verified_resident_responds_and_only_the_recorders_read_it(ours, code, consultation):
    resident = verified_resident()
    sent = _respond(_client(resident), code, consultation)
    assert sent.status_code == 302
    assert sent["Location"] == reverse("public:engagement_activity", args=[code, consultation.pk])
    response = ConsultationResponse.objects.get(activity=consultation)
    assert response.user == resident and "firmly held" in response.text

    public_pages = [
        reverse("public:engagement", args=[code]),
        reverse("public:engagement_activity", args=[code, consultation.pk]),
    ]
    for client in (_client(), _client(verified_resident())):
        for url in public_pages:
            page = client.get(url)
            assert page.status_code == 200
            assert "fictional private view" not in page.content.decode()
    for name in ("engagement_list", "engagement_detail"):
        args = [code] if name == "engagement_list" else [code, consultation.pk]
        body = _client().get(reverse(f"api-v1:{name}", args=args)).content.decode()
        assert "fictional private view" not in body
        assert resident.email not in body and "Fictional Resident" not in body

    responses_url = reverse("engagement:responses", args=[code, consultation.pk])
    member = PartnershipRoleFactory(partnership=ours, role=Role.COMMUNITY_MEMBER).user
    assert _client(member).get(responses_url).status_code == 403
    assert _client(verified_resident()).get(responses_url).status_code == 403
    officer = PartnershipRoleFactory(partnership=ours, role=Role.SUPPORT_OFFICER).user
    page = _client(officer).get(responses_url).content.decode()
    assert "<strong>firmly held</strong>" in page  # through the sanitiser
    assert "<script>alert(1)</script>" not in page
    assert "(resident)" in page  # named to those who record it


def test_the_response_form_is_refused_to_an_unverified_resident(code, consultation):
    unverified = verified_resident()
    unverified.emailaddress_set.update(verified=False)
    refused = _respond(_client(unverified), code, consultation)
    assert refused.status_code == 403
    staff = PartnershipRoleFactory(partnership=consultation.partnership).user
    assert _respond(_client(staff), code, consultation).status_code == 403
    assert not ConsultationResponse.objects.filter(
        activity__partnership=consultation.partnership
    ).exists()


def test_the_response_form_is_refused_when_rate_limited(code, consultation, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "resident_response": "1/h/user",
    }
    client = _client(verified_resident())
    assert _respond(client, code, consultation, "First fictional response.").status_code == 302
    refused = _respond(client, code, consultation, "Second fictional response.")
    assert refused.status_code == 200
    assert "Please wait an hour" in refused.content.decode()
    assert list(
        ConsultationResponse.objects.filter(activity=consultation).values_list("text", flat=True)
    ) == ["First fictional response."]


def test_a_closed_or_draft_activity_takes_no_response(ours, code, consultation):
    closed = ActivityFactory(partnership=ours, takes_responses=True)
    assert _respond(_client(verified_resident()), code, closed).status_code == 302
    consultation.status = Activity.Status.DRAFT
    consultation.save()
    assert _respond(_client(verified_resident()), code, consultation).status_code == 404
    assert not ConsultationResponse.objects.filter(
        activity__partnership=consultation.partnership
    ).exists()


def test_a_draft_is_not_public(ours, code):
    draft = ActivityFactory(partnership=ours, status=Activity.Status.DRAFT)
    assert (
        _client().get(reverse("public:engagement_activity", args=[code, draft.pk])).status_code
        == 404
    )
    listed = _client().get(reverse("api-v1:engagement_list", args=[code])).json()
    assert draft.pk not in [a["id"] for a in listed]
    assert (
        draft.title not in _client().get(reverse("public:engagement", args=[code])).content.decode()
    )


def test_the_activity_page_and_its_twin_agree(ours, code):
    activity = ActivityFactory(partnership=ours, body=BodyFactory(partnership=ours))
    said = ThemeFactory(activity=activity, raised_by=40)
    services.we_did_record(theme=said, no_action_reason="A fictional reason.")
    ThemeFactory(activity=activity, raised_by=9)
    page = _client().get(reverse("public:engagement_activity", args=[code, activity.pk]))
    twin = _client().get(reverse("api-v1:engagement_detail", args=[code, activity.pk])).json()
    themes = page.context["themes"]
    assert [(t["id"], t["raised_by"]) for t in twin["themes"]] == [
        (t.pk, t.raised_by) for t in themes
    ]
    assert twin["themes"][0]["no_action_reason"] == "A fictional reason."
    assert twin["themes"][1]["we_did"] is None
    assert twin["run_by"] == activity.body.name
    assert "A fictional reason." in page.content.decode()


def test_the_place_standard_page_and_its_twin_agree(ours, code):
    locality = LocalityFactory(partnership=ours)

    def exercise(year, score):
        activity = ActivityFactory(
            partnership=ours,
            kind=Activity.Kind.PLACE_STANDARD,
            starts_on=datetime.date(year, 3, 1),
            ends_on=datetime.date(year, 4, 30),
        )
        return services.place_standard_summary_save(
            activity=activity,
            locality=locality,
            scores={key: (score, 30) for key, _ in PLACE_STANDARD_THEMES},
        )

    exercise(2019, "3.5")
    latest = exercise(2024, "4.2")
    page = _client().get(reverse("public:place_standard", args=[code, latest.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 = a lot of room for improvement, 7 = very little" in html
    assert "+0.7" in html  # 4.2 − 3.5
    spec = json.loads(
        re.search(r'<script id="place-standard-chart"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    twin = _client().get(reverse("api-v1:place_standard_detail", args=[code, latest.pk])).json()
    rows = page.context["result"].rows
    assert [(s["label"], s["score"]) for s in twin["scores"]] == [
        (r.label, float(r.latest.text)) for r in rows
    ]
    assert twin["earlier"]["scores"][0]["score"] == 3.5
    assert twin["respondents"] == 30


def test_the_staff_pages_show_an_activity_to_those_with_a_role(ours, code):
    activity = ActivityFactory(partnership=ours, kind=Activity.Kind.PLACE_STANDARD)
    services.place_standard_summary_save(
        activity=activity,
        locality=LocalityFactory(partnership=ours),
        scores={key: (5, 11) for key, _ in PLACE_STANDARD_THEMES},
    )
    member = _client(PartnershipRoleFactory(partnership=ours, role=Role.COMMUNITY_MEMBER).user)
    for url in (
        reverse("engagement:list", args=[code]),
        reverse("engagement:activity", args=[code, activity.pk]),
    ):
        page = member.get(url)
        assert page.status_code == 200
        assert activity.title in page.content.decode()
    assert "Enter Place Standard scores" not in page.content.decode()


def test_a_support_officer_records_an_activity_theme_and_we_did(ours, code):
    officer = _client(PartnershipRoleFactory(partnership=ours, role=Role.SUPPORT_OFFICER).user)
    added = officer.post(
        reverse("engagement:add", args=[code]),
        {
            "title": "Fictional survey of the glen",
            "kind": Activity.Kind.SURVEY,
            "body": "",
            "purpose": "Fictional purpose.",
            "who_asked": "Fictional residents.",
            "method": "Fictional method.",
            "starts_on": "2026-01-05",
            "ends_on": "2026-02-01",
            "participants": "50",
            "status": Activity.Status.PUBLISHED,
        },
    )
    assert added.status_code == 302, added.context and added.context["form"].errors
    activity = Activity.objects.get(title="Fictional survey of the glen")
    theme_url = reverse("engagement:theme_add", args=[code, activity.pk])
    too_many = officer.post(theme_url, {"title": "Buses", "said": "Fictional.", "raised_by": "51"})
    assert "50 took part" in too_many.content.decode()
    assert (
        officer.post(
            theme_url, {"title": "Buses", "said": "Fictional.", "raised_by": "20"}
        ).status_code
        == 302
    )
    theme = activity.themes.get()
    we_did_url = reverse("engagement:we_did", args=[code, activity.pk, theme.pk])
    form = officer.get(we_did_url)
    version = form.context["edit_version"]
    both = officer.post(
        we_did_url,
        {
            "we_did": "Something.",
            "no_action_reason": "And a reason.",
            "responded_on": "2026-03-01",
            "edit_version": version,
        },
    )
    assert "not both" in both.content.decode()
    done = officer.post(
        we_did_url,
        {
            "no_action_reason": "A fictional reason.",
            "responded_on": "2026-03-01",
            "edit_version": version,
        },
    )
    assert done.status_code == 302
    theme.refresh_from_db()
    assert theme.no_action_reason == "A fictional reason."


def test_a_story_of_place_panel_shows_the_localitys_place_standard(ours, rf):
    from placeplan.workspace.registry import panels_render

    locality = LocalityFactory(partnership=ours)
    request = rf.get("/")
    request.user = verified_resident()
    assert panels_render("story", request=request, subject=locality, partnership=ours) == []
    activity = ActivityFactory(partnership=ours, kind=Activity.Kind.PLACE_STANDARD)
    services.place_standard_summary_save(
        activity=activity,
        locality=locality,
        scores={key: (6, 8) for key, _ in PLACE_STANDARD_THEMES},
    )
    [panel] = panels_render("story", request=request, subject=locality, partnership=ours)
    assert f"What people said about {locality.name}" in panel
    assert panel.count("<tr>") == 15  # the header and the 14 themes
    assert "1 = a lot of room for improvement, 7 = very little" in panel
