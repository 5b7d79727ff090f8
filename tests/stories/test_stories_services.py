"""Stories of Place: sections and versions, the moderation state machine (proposed →
approved or rejected; withdrawn; written against an older version), restore, assets, what
has waited too long, deleted accounts, and the evidence panels against the performance
selectors."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from placeplan.partnerships.models import Body
from placeplan.performance.localities import locality_evidence
from placeplan.performance.selectors import community_values
from placeplan.places.models import Area
from placeplan.residents.selectors import attribution
from placeplan.stories import contributions, selectors, services
from placeplan.stories.display import version_rows
from placeplan.stories.evidence import SECTION_MEASURES, story_evidence
from placeplan.stories.models import Asset, Evidence, Moderation, Proposal, Version
from tests.factories.accounts import user_with_role
from tests.factories.partnerships import BodyFactory, LocalityFactory
from tests.factories.stories import section_of

pytestmark = pytest.mark.django_db


def test_a_story_begins_with_the_default_sections_once(story):
    sections = list(story.sections.order_by("position"))
    assert [s.heading for s in sections] == [heading for _, heading in services.DEFAULT_SECTIONS]
    assert [s.position for s in sections] == list(range(1, 9))
    assert all(s.current is None for s in sections)
    services.story_start(locality=story.locality)
    assert story.sections.count() == 8


def test_writing_a_section_keeps_every_version(story, moderator):
    section = section_of(story, Evidence.HEALTH)
    first = services.section_write(section=section, text="One.", user=moderator)
    second = services.section_write(section=section, text="Two.", user=moderator, note="n")
    section.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert section.current == second and section.text == "Two."
    assert list(section.versions.values_list("text", flat=True)) == ["One.", "Two."]
    with pytest.raises(ValidationError, match="same as the current"):
        services.section_write(section=section, text=" Two. ", user=moderator)
    with pytest.raises(ValidationError, match="Enter the text"):
        services.section_write(section=section, text="  ", user=moderator)


def test_sections_are_renamed_and_reordered_and_positions_are_unique(story):
    sections = list(story.sections.order_by("position"))
    headings = {s.pk: (s.heading, s.position) for s in sections}
    first, last = sections[0], sections[-1]
    headings[first.pk] = ("Our place", last.position)
    headings[last.pk] = (last.heading, first.position)
    services.sections_arrange(story=story, headings=headings)
    assert [s.heading for s in selectors.sections_of(story=story)][0] == last.heading
    assert selectors.sections_of(story=story)[-1].heading == "Our place"
    headings[first.pk] = ("Our place", 2)
    with pytest.raises(ValidationError, match="different place"):
        services.sections_arrange(story=story, headings=headings)


def test_only_a_verified_resident_proposes(story, resident, unverified_resident, moderator):
    section = section_of(story, Evidence.LEARNING)
    for who in (unverified_resident, moderator):
        with pytest.raises(ValidationError, match="Confirm your email"):
            services.proposal_make(section=section, text="Mine.", user=who)
    proposal = services.proposal_make(section=section, text="Mine.", user=resident)
    assert proposal.status == Moderation.PENDING and proposal.base is None
    section.refresh_from_db()
    assert section.current is None  # nothing is published before a moderator approves


def test_approving_publishes_a_version_and_emails_the_proposer(
    story, resident, moderator, django_capture_on_commit_callbacks
):
    section = section_of(story, Evidence.WORK)
    services.section_write(section=section, text="Before.", user=moderator)
    proposal = services.proposal_make(section=section, text="After.", user=resident)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.proposal_approve(
            proposal=proposal, moderator=moderator, text="After, edited.", link="https://x/s"
        )
    proposal.refresh_from_db()
    assert proposal.status == Moderation.APPROVED and proposal.decided_by == moderator
    assert (version.number, version.text, version.by_resident) == (2, "After, edited.", True)
    assert version.author == resident and version.moderator == moderator
    assert version.proposal == proposal and "edited by the moderator" in version.note
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [resident.email]
    assert "with some changes by the moderator" in mail.outbox[0].body
    assert "https://x/s" in mail.outbox[0].body
    with pytest.raises(ValidationError, match="approved already"):
        services.proposal_reject(proposal=proposal, moderator=moderator, reason="No.")


def test_rejecting_needs_a_reason_the_proposer_is_emailed(
    story, resident, moderator, django_capture_on_commit_callbacks
):
    proposal = services.proposal_make(
        section=section_of(story, Evidence.SAFETY), text="Mine.", user=resident
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.proposal_reject(proposal=proposal, moderator=moderator, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_reject(proposal=proposal, moderator=moderator, reason="Not factual.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (Moderation.REJECTED, "Not factual.")
    assert "Not factual." in mail.outbox[0].body and mail.outbox[0].to == [resident.email]
    assert not Version.objects.filter(section__story=story).exists()


def test_only_the_proposer_withdraws_and_a_withdrawn_proposal_is_not_decided(
    story, resident, moderator
):
    proposal = services.proposal_make(
        section=section_of(story, Evidence.SAFETY), text="Mine.", user=resident
    )
    with pytest.raises(ValidationError, match="Only the person"):
        services.proposal_withdraw(proposal=proposal, user=moderator)
    services.proposal_withdraw(proposal=proposal, user=resident)
    with pytest.raises(ValidationError, match="withdrawn already"):
        services.proposal_approve(proposal=proposal, moderator=moderator)


def test_a_proposal_against_an_older_version_never_silently_overwrites(story, resident, moderator):
    section = section_of(story, Evidence.HEALTH)
    services.section_write(section=section, text="Version one.", user=moderator)
    proposal = services.proposal_make(section=section, text="Resident's.", user=resident)
    services.section_write(section=section, text="Version two, by staff.", user=moderator)
    proposal.refresh_from_db()
    assert proposal.is_stale
    with pytest.raises(ValidationError, match="written against version 1.*now at version 2"):
        services.proposal_approve(proposal=proposal, moderator=moderator)
    section.refresh_from_db()
    assert section.text == "Version two, by staff."
    version = services.proposal_approve(proposal=proposal, moderator=moderator, over_newer=True)
    assert version.number == 3 and version.text == "Resident's."


def test_restoring_an_earlier_version_adds_a_version(story, moderator):
    section = section_of(story, Evidence.PLACE)
    first = services.section_write(section=section, text="First.", user=moderator)
    services.section_write(section=section, text="Second.", user=moderator)
    restored = services.version_restore(version=first, moderator=moderator)
    section.refresh_from_db()
    assert (restored.number, restored.text, restored.restored_from) == (3, "First.", first)
    assert section.current == restored and section.versions.count() == 3
    with pytest.raises(ValidationError, match="current version already"):
        services.version_restore(version=restored, moderator=moderator)


def test_assets_are_moderated_for_residents_and_listed_at_once_for_staff(
    story, resident, moderator
):
    letham, muirton = story.locality.communities.order_by("name")
    elsewhere = Area.objects.filter(level=Area.Level.INTERMEDIATE_ZONE).exclude(
        pk__in=[letham.pk, muirton.pk]
    )[0]
    with pytest.raises(ValidationError) as refused:
        services.asset_propose(
            story=story, user=resident, community=elsewhere, category="other", name=""
        )
    assert set(refused.value.message_dict) == {"community", "name"}
    hall = services.asset_propose(
        story=story, user=resident, community=letham, category="building", name="Hall"
    )
    park = services.asset_propose(
        story=story, user=moderator, community=muirton, category="green_space", name="Park"
    )
    assert (hall.status, park.status) == (Moderation.PENDING, Moderation.APPROVED)
    assert list(selectors.listed_assets(story=story)) == [park]
    services.asset_approve(asset=hall, moderator=moderator)
    counts = {
        row["community"].name: row["count"] for row in selectors.assets_per_community(story=story)
    }
    assert counts == {"Letham": 1, "Muirton": 1}
    with pytest.raises(ValidationError, match="Say why"):
        services.asset_reject(asset=Asset.objects.get(pk=hall.pk), moderator=moderator, reason="")


def _age(item, days):
    type(item).objects.filter(pk=item.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_proposals_waiting_over_14_days_need_their_moderators(
    story, resident, moderator, local_chair, local_body, perth
):
    section = section_of(story, Evidence.LEARNING)
    old = services.proposal_make(section=section, text="Old.", user=resident)
    young = services.proposal_make(section=section, text="Young.", user=resident)
    _age(old, 15)
    _age(young, 13)
    today = timezone.localdate()
    for person in (moderator, local_chair):
        texts = [need.text for need in contributions.waiting_needs(person, today)]
        assert len(texts) == 1 and "waiting since" in texts[0], person
    partner_officer = user_with_role("partner_officer", council_code="S12000048")
    assert contributions.waiting_needs(partner_officer, today) == []
    # In the exception report of its local partnership's meetings, and the partnership's.
    for body in (local_body, None):
        lines = contributions.exception_lines(partnership=perth, on=today, body=body)
        assert [line.section for line in lines] == [contributions.WAITING]
    other_local = BodyFactory(
        partnership=perth,
        kind=Body.Kind.LOCAL,
        level=Body.Level.LOCAL,
        locality=LocalityFactory(partnership=perth),
        reports_to=local_body.reports_to,
    )
    assert contributions.exception_lines(partnership=perth, on=today, body=other_local) == []


def test_exactly_14_days_is_not_yet_too_long(story, resident, moderator):
    proposal = services.proposal_make(
        section=section_of(story, Evidence.LEARNING), text="Mine.", user=resident
    )
    on = timezone.localdate()
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=timezone.make_aware(
            datetime.datetime.combine(on - datetime.timedelta(days=14), datetime.time(9))
        )
    )
    assert selectors.waiting_too_long(localities=[story.locality], on=on) == ([], [])
    later = on + datetime.timedelta(days=1)
    assert len(selectors.waiting_too_long(localities=[story.locality], on=later)[0]) == 1


def test_a_deleted_resident_s_contributions_stay_as_a_resident_s(story, resident, moderator):
    section = section_of(story, Evidence.WORK)
    proposal = services.proposal_make(section=section, text="Theirs.", user=resident)
    version = services.proposal_approve(proposal=proposal, moderator=moderator)
    pending = services.proposal_make(
        section=section_of(story, Evidence.SAFETY), text="Also theirs.", user=resident
    )
    assert version_rows(section=section, named=True)[0]["author"].endswith("(resident)")
    resident.delete()
    version.refresh_from_db()
    pending.refresh_from_db()
    assert version.author is None and version.by_resident and version.text == "Theirs."
    assert pending.proposer is None and pending.text == "Also theirs."
    assert version_rows(section=section, named=True)[0]["author"] == "a resident"
    assert attribution(None) == "a resident"
    assert selectors.contributor_count(story=story) == 1


def test_the_evidence_panels_are_the_performance_selectors_figures(story):
    evidence = story_evidence(locality=story.locality)
    expected = {m.measure.code: m for m in locality_evidence(locality=story.locality).measures}
    shown = 0
    for section, codes in SECTION_MEASURES.items():
        panel = evidence.for_section(section)
        assert [row.measure.code for row in panel] == [c for c in codes if c in expected]
        for row in panel:
            latest, same = row.latest, expected[row.measure.code].latest
            assert (latest.period, latest.value) == (same.period, same.value)
            assert (latest.partnership, latest.scotland) == (same.partnership, same.scotland)
            values = {
                r["name"]: r["value"]
                for r in community_values(
                    measure=row.measure,
                    council_area=story.locality.partnership.council_area,
                    period=latest.period,
                )
                if r["name"] in ("Letham", "Muirton")
            }
            assert {row.best.name: row.best.value, row.worst.name: row.worst.value} == values
            assert row.gap == pytest.approx(abs(values["Letham"] - values["Muirton"]))
            shown += 1
    assert shown == 8  # every community measure, once
    assert evidence.community_count == 2
