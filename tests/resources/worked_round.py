"""A resourcing round with figures worked by hand, shared by the tests of the public
resources page and its API twin.

2026/27 of a fictional partnership, two outcomes of one plan ("Fictional outcome A" and
"…B"), partners A, B, C and D confirmed, E not:

Outcome A
  A  £1,000.10 aligned, 25% primary: 25% of 100,010p is 25,002.5p and 75% is 75,007.5p;
     the penny left goes to primary (a tie, primary first): £250.03 preventative,
     £750.07 not.
  B  £2,500.00 aligned, not preventative.
  B  £55.55 pooled, not for publication; C £999.99 not for publication: two partners
     only, so both are left out (and B's pooled arrangement is never shown).
  Outcome A: £3,500.10, £250.03 preventative.
Outcome B
  D  £400.00 pooled, all secondary prevention: £400.00 preventative.
  A £100.00, B £200.00, C £300.00, each not for publication and half primary: three
     partners, so one row "Partners not published separately": £600.00, £300.00
     preventative.
  E  £5,000.00, not confirmed: not counted.
  Outcome B: £1,000.00, £700.00 preventative.
The year: £4,500.10, £950.03 preventative; 950.03 × 100 / 4,500.10 = 21.111…% → 21.11%.
By partner: B £2,500.00, A £1,000.10 (25.00%), D £400.00 (100.00%), then the combined
£600.00 (50.00%): 2,500.00 + 1,000.10 + 400.00 + 600.00 = 4,500.10.
The trajectory: 40% by 2030/31; 2026/27 is the baseline (its trajectory 21.11%)."""

from decimal import Decimal

from placeplan.resources.models import Arrangement
from tests.factories.partnerships import OrganisationFactory, PartnerFactory
from tests.factories.plans import OutcomeFactory, PlanFactory
from tests.factories.resources import (
    ConfirmationFactory,
    LineFactory,
    PoolFactory,
    PreventionTargetFactory,
    RoundFactory,
)

D = Decimal


def worked_round(**round_fields):
    round = RoundFactory(**round_fields)
    partnership = round.partnership
    plan = PlanFactory(partnership=partnership, title="Fictional Outcomes Plan")
    outcome_a = OutcomeFactory(plan=plan, statement="Fictional outcome A")
    outcome_b = OutcomeFactory(plan=plan, statement="Fictional outcome B")
    pool = PoolFactory(partnership=partnership, name="Fictional prevention fund")
    partners = {
        name: PartnerFactory(
            partnership=partnership,
            organisation=OrganisationFactory(name=f"Fictional Partner {name}"),
        )
        for name in "ABCDE"
    }

    def line(partner, outcome, budget, **fields):
        return LineFactory(
            round=round, partner=partners[partner], outcome=outcome, budget=D(budget), **fields
        )

    line("A", outcome_a, "1000.10", primary=25)
    line("B", outcome_a, "2500.00")
    line(
        "B",
        outcome_a,
        "55.55",
        arrangement=Arrangement.POOLED,
        pool=pool,
        not_for_publication=True,
    )
    line("C", outcome_a, "999.99", not_for_publication=True)
    line("D", outcome_b, "400.00", secondary=100, arrangement=Arrangement.POOLED, pool=pool)
    line("A", outcome_b, "100.00", primary=50, not_for_publication=True)
    line("B", outcome_b, "200.00", primary=50, not_for_publication=True)
    line("C", outcome_b, "300.00", primary=50, not_for_publication=True)
    line("E", outcome_b, "5000.00", primary=100)
    for name in "ABCD":
        ConfirmationFactory(round=round, partner=partners[name])
    PreventionTargetFactory(partnership=partnership, year=2030, share=D("40.00"))
    return {"round": round, "partnership": partnership, "code": partnership.council_area.code}
