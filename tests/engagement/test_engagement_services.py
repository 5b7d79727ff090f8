"""Engagement: the services' rules (a "we did" links the partnership's own plan or action,
or gives a reason, never both; Place Standard scores run 1 to 7 over the tool's 14 themes
with their numbers of respondents; only verified residents respond, to an open activity),
the means worked out by hand, the exception report at eight weeks, what needs people,
and a resident's responses in their data download.

Everything is fictional (tests/factories/), with fixed dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from placeplan.engagement import contributions, selectors, services
from placeplan.engagement.models import (
    PLACE_STANDARD_THEMES,
    Activity,
    ConsultationResponse,
    Theme,
)
from placeplan.residents.registry import sources
from placeplan.workspace.registry import exception_sources, need_sources
from tests.factories import (
    ActivityFactory,
    BodyFactory,
    CommitmentFactory,
    ImprovementActionFactory,
    IntermediateOutcomeFactory,
    LocalityFactory,
    OutcomeFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PlanFactory,
    ThemeFactory,
    UserFactory,
    verified_resident,
)

pytestmark = pytest.mark.django_db

D = datetime.date
CLOSED = D(2026, 2, 27)
EIGHT_WEEKS = CLOSED + datetime.timedelta(weeks=8)
EVERY_THEME = [key for key, _ in PLACE_STANDARD_THEMES]


@pytest.fixture
def ours():
    return PartnershipFactory()


@pytest.fixture
def theirs():
    return PartnershipFactory()


@pytest.fixture
def activity(ours):
    return ActivityFactory(partnership=ours, ends_on=CLOSED)


@pytest.fixture
def theme(activity):
    return ThemeFactory(activity=activity, title="Fictional buses", raised_by=30)


# -- activities and themes ---------------------------------------------------------------


def test_an_activity_closes_on_or_after_it_opens_and_its_body_is_ours(ours, theirs):
    with pytest.raises(ValidationError) as refused:
        ActivityFactory(
            partnership=ours,
            body=BodyFactory(partnership=theirs),
            starts_on=D(2026, 3, 1),
            ends_on=D(2026, 2, 1),
        )
    assert set(refused.value.message_dict) == {"body", "ends_on"}


def test_only_a_consultation_or_survey_takes_responses(ours):
    with pytest.raises(ValidationError) as refused:
        ActivityFactory(partnership=ours, kind=Activity.Kind.EVENT, takes_responses=True)
    assert "takes_responses" in refused.value.message_dict


def test_a_theme_is_raised_by_no_more_than_took_part(activity):
    with pytest.raises(ValidationError) as refused:
        ThemeFactory(activity=activity, raised_by=activity.participants + 1)
    assert "120 took part" in refused.value.message_dict["raised_by"][0]
    assert ThemeFactory(activity=activity, raised_by=activity.participants).raised_by == 120


# -- "you said, we did" ------------------------------------------------------------------


def test_we_did_links_our_own_outcome(ours, theme):
    outcome = OutcomeFactory(plan=PlanFactory(partnership=ours))
    services.we_did_record(
        theme=theme, we_did="Added a fictional bus priority.", outcome=outcome, on=D(2026, 3, 2)
    )
    theme.refresh_from_db()
    assert theme.has_response and theme.acted and theme.outcome == outcome


@pytest.mark.parametrize("kind", ["outcome", "commitment", "action"])
def test_we_did_refuses_another_partnerships_plan_or_action(theirs, theme, kind):
    links = {
        "outcome": lambda: OutcomeFactory(plan=PlanFactory(partnership=theirs)),
        "commitment": lambda: CommitmentFactory(
            outcome=IntermediateOutcomeFactory(
                parent=OutcomeFactory(plan=PlanFactory(partnership=theirs))
            )
        ),
        "action": lambda: ImprovementActionFactory(partnership=theirs),
    }
    with pytest.raises(ValidationError) as refused:
        services.we_did_record(theme=theme, we_did="Fictional.", **{kind: links[kind]()})
    assert kind in refused.value.message_dict
    theme.refresh_from_db()
    assert not theme.has_response


def test_we_did_is_a_link_or_a_reason_never_both_never_neither(ours, theme):
    action = ImprovementActionFactory(partnership=ours)
    with pytest.raises(ValidationError) as both:
        services.we_did_record(
            theme=theme, we_did="Fictional.", action=action, no_action_reason="Fictional."
        )
    assert "no_action_reason" in both.value.message_dict
    with pytest.raises(ValidationError) as neither:
        services.we_did_record(theme=theme)
    assert "__all__" in neither.value.message_dict
    with pytest.raises(ValidationError) as unlinked:
        services.we_did_record(theme=theme, we_did="We did something fictional.")
    assert "outcome" in unlinked.value.message_dict
    with pytest.raises(ValidationError) as unsaid:
        services.we_did_record(theme=theme, action=action)
    assert "we_did" in unsaid.value.message_dict

    services.we_did_record(
        theme=theme, no_action_reason="Outside the partnership's powers (fictional)."
    )
    theme.refresh_from_db()
    assert theme.has_response and not theme.acted


# -- residents' responses ----------------------------------------------------------------


@pytest.fixture
def open_consultation(ours):
    return ActivityFactory(
        partnership=ours, takes_responses=True, starts_on=D(2026, 5, 1), ends_on=D(2026, 6, 30)
    )


def test_a_verified_resident_responds_to_an_open_consultation(open_consultation):
    resident = verified_resident()
    response = services.response_add(
        activity=open_consultation, user=resident, text="Fictional view.", today=D(2026, 5, 2)
    )
    assert response.user == resident


def test_an_unverified_resident_or_staff_member_may_not_respond(open_consultation):
    unverified = verified_resident()
    unverified.emailaddress_set.update(verified=False)
    for user in (unverified, UserFactory()):
        with pytest.raises(ValidationError):
            services.response_add(
                activity=open_consultation, user=user, text="Fictional.", today=D(2026, 5, 2)
            )
    assert not ConsultationResponse.objects.filter(activity=open_consultation).exists()


@pytest.mark.parametrize("day", [D(2026, 4, 30), D(2026, 7, 1)])
def test_nobody_responds_before_it_opens_or_after_it_closes(open_consultation, day):
    with pytest.raises(ValidationError):
        services.response_add(
            activity=open_consultation, user=verified_resident(), text="Fictional.", today=day
        )


def test_a_deleted_account_keeps_its_response_from_a_resident(open_consultation):
    resident = verified_resident()
    response = services.response_add(
        activity=open_consultation, user=resident, text="Fictional view.", today=D(2026, 5, 2)
    )
    resident.delete()
    response.refresh_from_db()
    assert response.user is None and response.text == "Fictional view."


def test_a_residents_download_holds_their_responses(open_consultation):
    resident = verified_resident()
    services.response_add(
        activity=open_consultation, user=resident, text="Fictional view.", today=D(2026, 5, 2)
    )
    [source] = [s for s in sources if s.name == "Responses to consultations"]
    [item] = source.items(resident)
    assert item["text"] == "Fictional view." and item["activity"] == open_consultation.title
    assert source.items(verified_resident()) == []


# -- Place Standard ----------------------------------------------------------------------


@pytest.fixture
def place_standard(ours):
    return ActivityFactory(partnership=ours, kind=Activity.Kind.PLACE_STANDARD, participants=40)


@pytest.fixture
def locality(ours):
    return LocalityFactory(partnership=ours)


def _summary(score=4, respondents=20):
    return dict.fromkeys(EVERY_THEME, (score, respondents))


def test_a_summary_needs_every_theme_scored_1_to_7(place_standard, locality):
    scores = _summary()
    del scores["feeling_safe"]
    with pytest.raises(ValidationError) as missing:
        services.place_standard_summary_save(
            activity=place_standard, locality=locality, scores=scores
        )
    assert "Feeling safe" in missing.value.message_dict["__all__"][0]
    for bad in ("0.9", "7.1", "eight"):
        scores = {**_summary(), "natural_space": (bad, 20)}
        with pytest.raises(ValidationError) as refused:
            services.place_standard_summary_save(
                activity=place_standard, locality=locality, scores=scores
            )
        assert "natural_space" in refused.value.message_dict


def test_a_summarys_respondents_are_at_least_one_and_no_more_than_took_part(
    place_standard, locality
):
    for respondents in (0, 41):
        scores = {**_summary(), "social_contact": (5, respondents)}
        with pytest.raises(ValidationError) as refused:
            services.place_standard_summary_save(
                activity=place_standard, locality=locality, scores=scores
            )
        assert "social_contact_respondents" in refused.value.message_dict


def test_results_are_for_a_locality_or_a_community_of_ours(place_standard, theirs):
    with pytest.raises(ValidationError) as refused:
        services.place_standard_summary_save(
            activity=place_standard, locality=LocalityFactory(partnership=theirs), scores=_summary()
        )
    assert "locality" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.place_standard_summary_save(activity=place_standard, scores=_summary())


def test_only_a_place_standard_activity_has_results(activity, locality):
    with pytest.raises(ValidationError):
        services.place_standard_summary_save(
            activity=activity, locality=locality, scores=_summary()
        )


def test_the_means_of_respondents_scores_by_hand(place_standard, locality):
    """Three respondents. Moving around: 2, 5 and 6 → 13 ÷ 3 = 4.333… → "4.3". Feeling
    safe: 7 and 4 (the third left it blank) → 11 ÷ 2 = 5.5, scored by 2. Public transport:
    3, 3 and 4 → 10 ÷ 3 = 3.333… → "3.3". Every other theme 3, 3 and 3 → "3.0"."""
    rest = dict.fromkeys(EVERY_THEME, 3)
    exercise = services.place_standard_ratings_save(
        activity=place_standard,
        locality=locality,
        respondents=[
            {**rest, "moving_around": 2, "feeling_safe": 7},
            {**rest, "moving_around": 5, "feeling_safe": 4},
            {**rest, "moving_around": 6, "feeling_safe": "", **{"public_transport": 4}},
        ],
    )
    scores = {s.theme: s for s in selectors.theme_scores(exercise)}
    assert len(scores) == 14
    assert scores["moving_around"].mean == pytest.approx(13 / 3)
    assert scores["moving_around"].text == "4.3"
    assert (scores["feeling_safe"].mean, scores["feeling_safe"].respondents) == (5.5, 2)
    assert scores["feeling_safe"].text == "5.5"
    assert scores["public_transport"].text == "3.3"  # 3 + 3 + 4 = 10, ÷ 3
    assert scores["natural_space"].text == "3.0"
    assert selectors.respondent_count(exercise) == 3


def test_a_respondents_score_is_a_whole_number_1_to_7(place_standard, locality):
    for bad in (0, 8, "4.5", "x"):
        with pytest.raises(ValidationError) as refused:
            services.place_standard_ratings_save(
                activity=place_standard, locality=locality, respondents=[{"moving_around": bad}]
            )
        assert "Respondent 1, Moving around" in refused.value.message_dict["__all__"][0]


def test_the_latest_exercise_is_compared_with_the_earlier_one(ours, locality):
    def exercise(ends_on, score):
        activity = ActivityFactory(
            partnership=ours,
            kind=Activity.Kind.PLACE_STANDARD,
            starts_on=ends_on - datetime.timedelta(days=30),
            ends_on=ends_on,
        )
        return services.place_standard_summary_save(
            activity=activity,
            locality=locality,
            scores={**_summary(), "feeling_safe": (score, 18)},
        )

    exercise(D(2019, 5, 31), "3.2")
    exercise(D(2024, 5, 31), "4.5")
    draft = exercise(D(2025, 5, 31), "6.0")
    draft.activity.status = Activity.Status.DRAFT
    draft.activity.save()

    result = selectors.place_standard_for_locality(locality)
    assert result.activity.ends_on == D(2024, 5, 31)  # the draft is not public
    assert result.earlier.activity.ends_on == D(2019, 5, 31)
    row = {r.theme: r for r in result.rows}["feeling_safe"]
    assert (row.latest.text, row.earlier.text, row.change_text) == ("4.5", "3.2", "+1.3")
    assert {r.theme: r for r in result.rows}["moving_around"].change_text == "No change"
    assert result.respondents == 20
    assert selectors.place_standard_for_locality(LocalityFactory(partnership=ours)) is None


# -- the exception report and what needs people ------------------------------------------


def _lines(partnership, on, body=None):
    [source] = [s for s in exception_sources if contributions.NO_FEEDBACK in s.sections]
    assert source.per_body
    return source.lines(partnership=partnership, on=on, body=body)


def test_an_activity_without_we_did_is_an_exception_after_eight_weeks_not_at(ours, theme):
    assert _lines(ours, EIGHT_WEEKS) == []
    [line] = _lines(ours, EIGHT_WEEKS + datetime.timedelta(days=1))
    assert theme.activity.title in line.text and "1 of 1 themes" in line.text
    services.we_did_record(theme=theme, no_action_reason="Fictional reason.")
    assert _lines(ours, EIGHT_WEEKS + datetime.timedelta(days=1)) == []


def test_a_locality_partnerships_meeting_sees_its_own_activities(ours):
    local = BodyFactory(partnership=ours, locality=LocalityFactory(partnership=ours))
    board = BodyFactory(partnership=ours)
    mine = ThemeFactory(activity=ActivityFactory(partnership=ours, body=local, ends_on=CLOSED))
    other = ThemeFactory(activity=ActivityFactory(partnership=ours, body=board, ends_on=CLOSED))
    later = EIGHT_WEEKS + datetime.timedelta(days=1)
    assert [line.text.split(" (")[0] for line in _lines(ours, later, body=local)] == [
        mine.activity.title
    ]
    assert {line.text.split(" (")[0] for line in _lines(ours, later, body=board)} == {
        mine.activity.title,
        other.activity.title,
    }


def _needs(user, today):
    [source] = [s for s in need_sources if s.name == "engagement_feedback"]
    return source.items(user, today)


def test_feedback_due_needs_those_who_may_record_it(ours, theme):
    officer = PartnershipRoleFactory(partnership=ours, role="support_officer").user
    member = PartnershipRoleFactory(partnership=ours, role="community_member").user
    later = EIGHT_WEEKS + datetime.timedelta(days=1)
    assert _needs(officer, EIGHT_WEEKS) == []
    [need] = _needs(officer, later)
    assert theme.activity.title in need.text and need.overdue
    assert need.url == f"/workspace/{ours.council_area.code}/engagement/{theme.activity.pk}/"
    assert _needs(member, later) == []


def test_themes_are_listed_most_raised_first(activity):
    ThemeFactory(activity=activity, title="Fictional fewer", raised_by=3)
    ThemeFactory(activity=activity, title="Fictional more", raised_by=40)
    got = selectors.activity_get(partnership=activity.partnership, pk=activity.pk)
    assert [t.title for t in got.themes.all()] == ["Fictional more", "Fictional fewer"]
    assert isinstance(got.themes.all()[0], Theme)
