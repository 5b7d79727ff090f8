"""Stories of Place through the web: a resident proposes, a moderator approves with a
change and the public page shows it; nothing pending is public; a pending proposal is seen
by its author and the moderators only; residents' text is sanitised; proposals are rate
limited; forms show every error at once."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from placeplan.engagement import services as engagement_services
from placeplan.engagement.models import PLACE_STANDARD_THEMES, Activity
from placeplan.plans.models import Plan
from placeplan.stories import services
from placeplan.stories.models import Evidence, Moderation, Proposal
from tests.factories.accounts import user_with_role
from tests.factories.stories import resident as make_resident
from tests.factories.stories import section_of
from tests.plans.conftest import add_outcome, agree, new_plan, publish

pytestmark = pytest.mark.django_db
PK = "S12000048"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_resident_s_proposal_is_approved_with_a_change_and_published(
    story, resident, moderator, django_capture_on_commit_callbacks
):
    section = section_of(story, Evidence.HEALTH)
    services.section_write(section=section, text="The surgery is busy.", user=moderator)
    locality = story.locality_id
    public = reverse("public:story", args=[PK, locality])

    propose = reverse("contribute:propose", args=[PK, locality, section.pk])
    page = _client(resident).get(propose)
    assert page.status_code == 200 and "The surgery is busy." in page.content.decode()
    sent = _client(resident).post(
        propose, {"text": "The surgery is busy; the omnibus to it is rare.", "note": "Bus."}
    )
    assert sent.status_code == 302 and sent["Location"] == reverse("contribute:mine")
    proposal = Proposal.objects.get(section=section)
    assert "omnibus" not in Client().get(public).content.decode()
    api = Client().get(f"/api/v1/partnerships/{PK}/stories/{locality}").json()
    assert "omnibus" not in str(api)

    queue = _client(moderator).get(reverse("stories:queue", args=[PK])).content.decode()
    assert "omnibus" in queue and "[added: " in queue

    decide = reverse("stories:proposal", args=[PK, proposal.pk])
    with django_capture_on_commit_callbacks(execute=True):
        done = _client(moderator).post(
            decide,
            {"decision": "approve", "text": "The surgery is busy; buses to it are rare."},
        )
    assert done.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [resident.email]
    assert f"http://testserver{public}" in mail.outbox[0].body
    page = Client().get(public).content.decode()
    assert "buses to it are rare" in page and "Version 2" in page
    versions = Client().get(f"/api/v1/partnerships/{PK}/stories/{locality}/versions").json()
    [health] = [s for s in versions["sections"] if s["id"] == section.pk]
    assert [v["author"] for v in health["versions"]] == ["a resident", "the partnership"]
    assert resident.full_name not in str(versions)


def test_a_pending_proposal_is_seen_by_its_author_and_moderators_only(
    story, resident, moderator, perth
):
    section = section_of(story, Evidence.SAFETY)
    services.proposal_make(section=section, text="A fictional pending text.", user=resident)
    mine = _client(resident).get(reverse("contribute:mine")).content.decode()
    assert "A fictional pending text." in mine
    other = _client(make_resident()).get(reverse("contribute:mine")).content.decode()
    assert "A fictional pending text." not in other
    queue = reverse("stories:queue", args=[PK])
    assert "A fictional pending text." in _client(moderator).get(queue).content.decode()
    partner_officer = user_with_role("partner_officer", council_code=PK)
    assert _client(partner_officer).get(queue).status_code == 403
    staff_story = reverse("stories:story", args=[PK, story.locality_id])
    assert (
        "A fictional pending text."
        not in _client(partner_officer).get(staff_story).content.decode()
    )


def test_residents_text_is_shown_through_the_sanitiser(story, resident, moderator):
    section = section_of(story, Evidence.PLACE)
    proposal = services.proposal_make(
        section=section,
        text='**Ours** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror="y">',
        user=resident,
    )
    services.proposal_approve(proposal=proposal, moderator=moderator)
    page = Client().get(reverse("public:story", args=[PK, story.locality_id])).content.decode()
    assert "<strong>Ours</strong>" in page
    # Shown as the text it is, never as markup: no script, link to script, image or handler.
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript' not in page and "<img" not in page


def test_an_unverified_resident_is_asked_to_confirm_first(story, unverified_resident):
    section = section_of(story, Evidence.PLACE)
    url = reverse("contribute:propose", args=[PK, story.locality_id, section.pk])
    page = _client(unverified_resident).get(url).content.decode()
    assert "Confirm your email address" in page and "<textarea" not in page
    _client(unverified_resident).post(url, {"text": "Mine."})
    assert not Proposal.objects.filter(proposer=unverified_resident).exists()


def test_proposals_are_rate_limited(story, resident, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "resident_proposal": "2/h/user"}
    cache.clear()
    section = section_of(story, Evidence.PLACE)
    url = reverse("contribute:propose", args=[PK, story.locality_id, section.pk])
    client = _client(resident)
    for n in range(2):
        assert client.post(url, {"text": f"Text {n}."}).status_code == 302
    refused = client.post(url, {"text": "Text 3."})
    assert refused.status_code == 200 and "a lot in a short time" in refused.content.decode()
    assert Proposal.objects.filter(section=section).count() == 2


def test_a_decision_shows_every_error_at_once_and_changes_nothing(story, resident, moderator):
    proposal = services.proposal_make(
        section=section_of(story, Evidence.PLACE), text="Mine.", user=resident
    )
    url = reverse("stories:proposal", args=[PK, proposal.pk])
    refused = _client(moderator).post(url, {"decision": "reject", "reason": " "})
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    assert "Say why" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Moderation.PENDING


def test_a_stale_proposal_is_shown_as_such_and_needs_confirming(story, resident, moderator):
    section = section_of(story, Evidence.PLACE)
    services.section_write(section=section, text="One.", user=moderator)
    proposal = services.proposal_make(section=section, text="Resident's.", user=resident)
    services.section_write(section=section, text="Two.", user=moderator)
    url = reverse("stories:proposal", args=[PK, proposal.pk])
    page = _client(moderator).get(url).content.decode()
    assert "an older version" in page and "now at version 2" in page
    refused = _client(moderator).post(url, {"decision": "approve", "text": "Resident's."})
    assert "written against version 1" in refused.content.decode()
    done = _client(moderator).post(
        url, {"decision": "approve", "text": "Resident's.", "over_newer": "on"}
    )
    assert done.status_code == 302
    section.refresh_from_db()
    assert section.current.number == 3


def test_a_moderator_restores_an_earlier_version_and_versions_compare(story, moderator):
    section = section_of(story, Evidence.PLACE)
    services.section_write(section=section, text="The first words.", user=moderator)
    services.section_write(section=section, text="The second words.", user=moderator)
    code, locality = PK, story.locality_id
    compare = _client(moderator).get(
        reverse("stories:versions", args=[code, locality, section.pk]) + "?from=1&to=2"
    )
    page = compare.content.decode()
    assert "[removed: </span>first" in page and "[added: </span>second" in page
    restore = reverse("stories:restore", args=[code, locality, section.pk, 1])
    edit_version = compare.context["rows"][0]["version"].section.updated_at.isoformat()
    done = _client(moderator).post(restore, {"edit_version": edit_version})
    assert done.status_code == 302
    section.refresh_from_db()
    assert (section.current.number, section.current.text) == (3, "The first words.")
    public = Client().get(
        reverse("public:story_versions", args=[code, locality]) + f"?section={section.pk}"
    )
    assert "Version 1 restored" in public.content.decode()


def test_the_plan_for_place_and_the_story_link_to_each_other(story, local_body, perth):
    plan = new_plan(
        perth,
        local_body,
        title="Fictional Plan for Place",
        kind=Plan.Kind.LOCALITY,
        locality=story.locality,
    )
    add_outcome(plan, "A fictional local priority")
    agree(plan, local_body)
    publish(plan)
    story_page = Client().get(reverse("public:story", args=[PK, story.locality_id]))
    assert reverse("public:plan", args=[PK, plan.pk]) in story_page.content.decode()
    plan_page = Client().get(reverse("public:plan", args=[PK, plan.pk])).content.decode()
    assert reverse("public:story", args=[PK, story.locality_id]) in plan_page
    locality_page = Client().get(reverse("public:locality", args=[PK, story.locality_id]))
    assert reverse("public:story", args=[PK, story.locality_id]) in locality_page.content.decode()


def test_what_people_say_shows_the_locality_s_place_standard_results(story):
    activity = engagement_services.activity_save(
        activity=Activity(
            partnership=story.partnership,
            kind=Activity.Kind.PLACE_STANDARD,
            title="A fictional Place Standard exercise",
            purpose="To hear how people feel about the place.",
            who_asked="Residents.",
            method="Place Standard.",
            starts_on=datetime.date(2026, 3, 2),
            ends_on=datetime.date(2026, 3, 27),
            status=Activity.Status.PUBLISHED,
        )
    )
    engagement_services.place_standard_summary_save(
        activity=activity,
        locality=story.locality,
        scores={key: (5, 12) for key, _ in PLACE_STANDARD_THEMES},
    )
    page = Client().get(reverse("public:story", args=[PK, story.locality_id])).content.decode()
    assert "Place Standard:" in page and "1 = a lot of room for improvement" in page


def test_only_moderators_see_a_resident_s_display_name_in_the_versions(story, resident, moderator):
    section = section_of(story, Evidence.HEALTH)
    proposal = services.proposal_make(section=section, text="Theirs.", user=resident)
    services.proposal_approve(proposal=proposal, moderator=moderator)
    url = reverse("stories:versions", args=[PK, story.locality_id, section.pk])
    name = resident.resident.display_name
    assert name in _client(moderator).get(url).content.decode()
    partner_officer = user_with_role("partner_officer", council_code=PK)
    page = _client(partner_officer).get(url).content.decode()
    assert name not in page and "a resident" in page
