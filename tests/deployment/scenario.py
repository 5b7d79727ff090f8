"""What the two-web-process test needs in its copy of the test database, made in a process
of its own against that copy (``manage.py shell -c``, with the web processes' settings):

    from tests.deployment.scenario import main; main()

A fictional partnership (tests/factories) with a published plan whose one indicator is the
partnership's own local measure for its council area (baseline 20 in 2021/22, target 15),
a partner, and an API token its support officer made for the partner's system. Prints, as
one JSON line, the indicator page's address, the measure, the council area code and the
token (shown once, as to the person who makes it)."""

from __future__ import annotations

import datetime
import json


def main() -> None:
    from placeplan.partnerships.models import Body, Role
    from placeplan.performance.services import api_token_create
    from placeplan.plans import services
    from tests.factories import (
        BodyFactory,
        IntermediateOutcomeFactory,
        LocalMeasureFactory,
        OutcomeIndicatorFactory,
        PartnerFactory,
        PartnershipFactory,
        PartnershipRoleFactory,
        PlanFactory,
        TargetFactory,
    )

    partnership = PartnershipFactory()
    board = BodyFactory(partnership=partnership, kind=Body.Kind.BOARD, level=Body.Level.STRATEGIC)
    plan = PlanFactory(partnership=partnership, owning_body=board)
    measure = LocalMeasureFactory(partnership=partnership, levels=["council_area"])
    indicator = OutcomeIndicatorFactory(
        outcome=IntermediateOutcomeFactory(parent__plan=plan), measure=measure
    )
    TargetFactory(indicator=indicator, due=datetime.date(2030, 3, 31))
    services.plan_agree(plan=plan, agreed_by=board, agreed_on=datetime.date(2026, 6, 1))
    services.plan_publish(plan=plan, published_on=datetime.date(2026, 7, 1))
    officer = PartnershipRoleFactory(partnership=partnership, role=Role.SUPPORT_OFFICER).user
    partner = PartnerFactory(partnership=partnership)
    _, secret = api_token_create(partner=partner, name="Fictional system", user=officer)
    code = partnership.council_area.code
    print(
        json.dumps(
            {
                "page": f"/areas/{code}/performance/indicators/{indicator.pk}/",
                "measure": measure.code,
                "area": code,
                "token": secret,
            }
        )
    )
