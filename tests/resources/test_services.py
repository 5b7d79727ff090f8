"""Writes to resources and prevention: lines checked with every problem at once, shares
that add up to 100, pooled money counted once (the pool's host cannot enter it again),
confirmation locking the lines (a later change needs a reason and is in the history),
rounds once a year, the figures read from the database, and the review drafted from the
data."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from placeplan.resources import selectors, services
from placeplan.resources.models import Arrangement, Line, Pool, ReviewEntry, RoundShare
from tests.factories import (
    ConfirmationFactory,
    InterventionFactory,
    InterventionYearFactory,
    LineFactory,
    LocalityFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    PlanFactory,
    PoolFactory,
    ResourceAssetFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def round():
    return RoundFactory()


def _outcome(partnership):
    return OutcomeFactory(plan=PlanFactory(partnership=partnership))


def _save(round, partner, **fields):
    values = {
        "title": "Fictional health visiting",
        "outcome": _outcome(round.partnership),
        "budget": D("1000.00"),
        "not_preventative": 100,
    } | fields
    return services.line_save(round=round, partner=partner, user=None, **values)


def test_every_problem_with_a_line_is_given_at_once(round):
    partner = PartnerFactory(partnership=round.partnership)
    elsewhere = PartnershipFactory()
    with pytest.raises(ValidationError) as refused:
        _save(
            round,
            partner,
            outcome=_outcome(elsewhere),
            primary=50,
            not_preventative=40,
            arrangement=Arrangement.POOLED,
            budget=D("-1"),
        )
    problems = refused.value.message_dict
    assert problems["outcome"] == ["That outcome is not in this partnership's plans."]
    assert problems["primary"] == [
        "The shares of the four levels must add up to 100%: these add up to 90%."
    ]
    assert problems["pool"] == ["Choose the joint budget the money goes into."]
    assert "budget" in problems
    assert not Line.objects.filter(round=round).exists()


def test_the_database_holds_shares_to_100_and_one_purpose(round):
    line = LineFactory(round=round)
    with pytest.raises(IntegrityError):
        Line.objects.filter(pk=line.pk).update(primary=10)


def test_a_pools_host_cannot_enter_the_pooled_money_again(round):
    board = PartnerFactory(partnership=round.partnership)
    pool = PoolFactory(partnership=round.partnership, kind=Pool.Kind.INTEGRATION, host=board)
    nhs = PartnerFactory(partnership=round.partnership)
    _save(round, nhs, arrangement=Arrangement.POOLED, pool=pool, budget=D("500.00"))
    with pytest.raises(ValidationError) as refused:
        _save(round, board, arrangement=Arrangement.POOLED, pool=pool)
    assert "its money is counted once" in refused.value.message_dict["pool"][0]


def test_delegated_money_goes_to_a_locality_budget(round):
    partner = PartnerFactory(partnership=round.partnership)
    fund = PoolFactory(partnership=round.partnership, kind=Pool.Kind.PREVENTION)
    with pytest.raises(ValidationError) as refused:
        _save(round, partner, arrangement=Arrangement.DELEGATED, pool=fund)
    assert refused.value.message_dict["pool"] == [
        "Delegated money goes to a locality partnership's budget."
    ]
    locality = LocalityFactory(partnership=round.partnership)
    local = PoolFactory(partnership=round.partnership, kind=Pool.Kind.LOCALITY, locality=locality)
    assert _save(round, partner, arrangement=Arrangement.DELEGATED, pool=local).pool == local


def test_confirmed_lines_change_only_with_a_reason_kept_in_the_history(round):
    line = LineFactory(round=round, budget=D("100.00"))
    ConfirmationFactory(round=round, partner=line.partner)
    with pytest.raises(ValidationError) as refused:
        services.line_save(round=round, partner=line.partner, user=None, line=line, budget=D("150"))
    assert refused.value.message_dict == {"reason": [services.REASON_NEEDED]}
    line.refresh_from_db()
    assert line.budget == D("100.00")
    services.line_save(
        round=round,
        partner=line.partner,
        user=None,
        line=line,
        budget=D("150.00"),
        reason="The fictional board agreed a larger budget.",
    )
    latest = line.history.latest()
    assert latest.budget == D("150.00")
    assert latest.history_change_reason == "The fictional board agreed a larger budget."
    with pytest.raises(ValidationError):
        services.line_delete(line=line, user=None)
    with pytest.raises(ValidationError):
        ResourceAssetFactory(line=line)
    with pytest.raises(ValidationError, match="already confirmed"):
        services.lines_confirm(round=round, partner=line.partner, user=None)


def test_one_round_a_year(round):
    with pytest.raises(ValidationError, match="already open"):
        RoundFactory(partnership=round.partnership, year=round.year)


def test_figures_from_the_database_public_and_in_full(round):
    outcome = _outcome(round.partnership)
    a, b = (PartnerFactory(partnership=round.partnership) for _ in range(2))
    LineFactory(round=round, partner=a, outcome=outcome, budget=D("100.25"), primary=40)
    LineFactory(round=round, partner=b, outcome=outcome, budget=D("50.50"), tertiary=10)
    LineFactory(round=round, partner=b, outcome=outcome, budget=D("7.00"), not_for_publication=True)
    ConfirmationFactory(round=round, partner=b)
    full = selectors.year_figures(round=round, public=False)
    assert full.total.amount == D("157.75")
    # 40% of 100.25 (40.10) and 10% of 50.50 (5.05).
    assert full.total.preventative == D("45.15")
    public = selectors.year_figures(round=round, public=True)
    # Only b confirmed, and its line not for publication is alone: 50.50.
    assert public.total.amount == D("50.50")
    assert [p.organisation.name for p in selectors.unconfirmed_partners(round=round)] == [
        a.organisation.name
    ]


def test_the_review_is_drafted_from_the_data():
    slipping = InterventionYearFactory(
        expected_cashable=D("20000.00"), realised_cashable=D("12500.50")
    )
    partnership = slipping.intervention.partnership
    InterventionYearFactory(
        intervention=InterventionFactory(partnership=partnership),
        expected_cashable=D("1000.00"),
        realised_cashable=D("1000.00"),
    )
    review = services.review_draft(partnership=partnership, year=2026)
    entries = {e.intervention_id: e for e in review.entries.all()}
    first = entries[slipping.intervention_id]
    assert first.progress == ReviewEntry.Progress.SLIPPING
    assert "Savings realised £12,500.50 against £20,000 expected" in first.note
    assert "they spent £100,000" in review.summary
    services.review_agree(review=review)
    with pytest.raises(ValidationError, match="agreed"):
        services.review_save(review=review, summary="", entries={})


def test_each_rounds_share_is_kept_after_a_change_and_read_by_the_shift(
    round, django_capture_on_commit_callbacks
):
    """A round's preventative share is kept once a change to its lines or confirmations
    is saved; the shift to prevention reads it; a change removes it at once, so pages work
    it out from the lines until the new one is kept."""
    a, b = (PartnerFactory(partnership=round.partnership) for _ in range(2))
    with django_capture_on_commit_callbacks(execute=True):
        line = _save(round, a, budget=D("100.25"), primary=40, not_preventative=60)
    kept = RoundShare.objects.get(round=round)
    # 40% of 100.25 is 40.10: 40.00% in full; nobody has confirmed: no public money.
    assert (kept.full, kept.public) == (D("40.00"), None)
    with django_capture_on_commit_callbacks(execute=True):
        _save(round, b, budget=D("300.00"), tertiary=10, not_preventative=90)
        services.lines_confirm(round=round, partner=b, user=None)
    kept.refresh_from_db()
    # (40.10 + 30.00) / 400.25 = 17.5140…% in full; b's 30.00 of 300.00 for the public.
    assert (kept.full, kept.public) == (D("17.51"), D("10.00"))
    assert selectors.round_shares(round=round) == (kept.full, kept.public)

    # The shift reads what is kept (set here to a value no line gives)…
    RoundShare.objects.filter(round=round).update(full=D("99.00"))
    assert selectors.year_shares(partnership=round.partnership, public=False) == [
        (round.year, D("99.00"))
    ]
    # …and a change removes it at once: the share is worked out from the lines meanwhile.
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        services.line_delete(line=line, user=None)
        assert not RoundShare.objects.filter(round=round).exists()
        assert selectors.year_shares(partnership=round.partnership, public=False) == [
            (round.year, D("10.00"))
        ]
    assert len(waiting) == 1
    waiting[0]()
    assert RoundShare.objects.get(round=round).full == D("10.00")
