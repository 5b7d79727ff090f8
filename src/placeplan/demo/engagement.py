"""Demonstration engagement for Perth and Kinross: two Place Standard exercises for the
Perth City locality (2019 and 2024, to compare), two activities whose themes say what was
done ("you said, we did") linked to the Perth and Kinross LOIP and the Perth City locality
plan (``demo/plans.py``), and one consultation open now taking residents' responses.

Every activity is flagged ``is_demo`` and named "(demonstration)"; the scores, numbers of
people and what they said are illustrative, not the partnership's."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.demo.services import DEMO_RESIDENT_EMAIL
from placeplan.engagement import services
from placeplan.engagement.models import PLACE_STANDARD_THEMES, Activity, Theme
from placeplan.partnerships.models import Body, Locality, Partnership
from placeplan.plans.models import Plan

D = datetime.date
PERTH = "S12000048"
LOCAL_CPP = "Perth City Local Community Planning Partnership"
BOARD = "Community Planning Partnership Board"

# Illustrative summary scores (1 to 7) per theme, in the tool's order: 2019, then 2024.
SCORES_2019 = [4.6, 4.9, 2.8, 3.9, 5.2, 3.4, 4.4, 3.1, 3.3, 4.0, 4.2, 3.2, 3.0, 2.6]
SCORES_2024 = [4.8, 4.7, 3.1, 4.3, 5.4, 4.1, 4.5, 3.4, 3.2, 4.3, 4.5, 3.9, 3.5, 3.3]


def _outcome(plan: Plan, statement: str):
    """The outcome under the priority of that statement (where its commitments are), or the
    priority itself; NULLs ordered first on every database (PostgreSQL puts them last)."""
    return (
        plan.outcomes.filter(statement=statement)
        .order_by(F("parent_id").asc(nulls_first=True))
        .last()
    )


def _place_standard(partnership, body, city, *, year, scores, respondents) -> Activity:
    activity = services.activity_save(
        activity=Activity(
            partnership=partnership,
            body=body,
            title=f"Perth City Place Standard {year} (demonstration)",
            kind=Activity.Kind.PLACE_STANDARD,
            purpose="To hear how people in Perth City rate their place on the Place "
            "Standard's 14 themes, to shape the locality plan (illustrative).",
            who_asked="Everyone living or working in the Perth City locality.",
            method="The Place Standard tool: paper and online questionnaires, and "
            "facilitated conversations in community centres (illustrative).",
            starts_on=D(year, 3, 1),
            ends_on=D(year, 4, 30),
            participants=respondents,
            status=Activity.Status.PUBLISHED,
            is_demo=True,
        )
    )
    services.place_standard_summary_save(
        activity=activity,
        locality=city,
        scores={
            key: (score, respondents - index % 3)
            for index, ((key, _), score) in enumerate(
                zip(PLACE_STANDARD_THEMES, scores, strict=True)
            )
        },
    )
    return activity


def _theme(activity, title, said, raised_by, **we_did) -> Theme:
    theme = services.theme_save(
        theme=Theme(activity=activity, title=title, said=said, raised_by=raised_by)
    )
    return services.we_did_record(
        theme=theme, on=activity.ends_on + datetime.timedelta(days=28), **we_did
    )


@transaction.atomic
def engagement_demo_load(today: datetime.date | None = None) -> int:
    """Create Perth and Kinross's demonstration engagement once; returns how many
    activities were created."""
    today = today or timezone.localdate()
    partnership = Partnership.objects.get(council_area__code=PERTH)
    if Activity.objects.filter(partnership=partnership, is_demo=True).exists():
        return 0
    bodies = {b.name: b for b in Body.objects.filter(partnership=partnership)}
    local_cpp, board = bodies[LOCAL_CPP], bodies[BOARD]
    city = Locality.objects.get(partnership=partnership, name="Perth City")
    loip = Plan.objects.get(partnership=partnership, kind=Plan.Kind.LOIP, is_demo=True)
    locality_plan = Plan.objects.get(
        partnership=partnership, kind=Plan.Kind.LOCALITY, locality=city, is_demo=True
    )

    _place_standard(partnership, local_cpp, city, year=2019, scores=SCORES_2019, respondents=286)
    _place_standard(partnership, local_cpp, city, year=2024, scores=SCORES_2024, respondents=412)

    conversation = services.activity_save(
        activity=Activity(
            partnership=partnership,
            body=local_cpp,
            title="Perth City locality plan conversations (demonstration)",
            kind=Activity.Kind.WORKSHOP,
            purpose="To agree the locality plan's priorities with the people of Muirton "
            "and North Muirton (illustrative).",
            who_asked="Residents, community groups and local services in Perth City.",
            method="Four evening workshops in Muirton and an online questionnaire (illustrative).",
            starts_on=D(2017, 8, 21),
            ends_on=D(2017, 9, 29),
            participants=164,
            status=Activity.Status.PUBLISHED,
            is_demo=True,
        )
    )
    _theme(
        conversation,
        "Help for families on low incomes",
        "Families said the cost of the school day and of getting to work kept them in "
        "poverty, and that help was hard to find (illustrative).",
        71,
        we_did="Made fewer children growing up in poverty in Muirton a local priority of the "
        "locality plan (illustrative).",
        outcome=_outcome(locality_plan, "Fewer children in Muirton grow up in poverty."),
    )
    _theme(
        conversation,
        "Feeling safe in the streets",
        "People said they avoided some streets and the riverside after dark (illustrative).",
        58,
        we_did="Made safety in Muirton and North Muirton a local priority, with Police Scotland "
        "leading the commitment (illustrative).",
        commitment=_outcome(
            locality_plan, "People in Muirton and North Muirton are safer."
        ).commitments.first(),
    )
    _theme(
        conversation,
        "A new swimming pool",
        "Some people asked for a swimming pool in North Muirton (illustrative).",
        12,
        no_action_reason="Leisure facilities are the council's to plan, not the locality "
        "plan's; the request was passed to Live Active Leisure (illustrative).",
    )

    survey = services.activity_save(
        activity=Activity(
            partnership=partnership,
            body=board,
            title="Perth and Kinross LOIP review survey (demonstration)",
            kind=Activity.Kind.SURVEY,
            purpose="To ask whether the LOIP's five objectives are still the right ones "
            "(illustrative).",
            who_asked="Residents of Perth and Kinross, and the partners' staff.",
            method="An online and paper survey, promoted through the partners and community "
            "councils (illustrative).",
            starts_on=D(2023, 1, 9),
            ends_on=D(2023, 2, 24),
            participants=938,
            status=Activity.Status.PUBLISHED,
            is_demo=True,
            takes_responses=False,
            response_summary="Most people who answered agreed with the five objectives. The "
            "strongest views were about the cost of living and young people's chances of "
            "work (illustrative).",
            summary_published_on=D(2023, 4, 3),
        )
    )
    _theme(
        survey,
        "Young people's chances of work",
        "Young people and parents said there were too few apprenticeships and too little "
        "help to reach them (illustrative).",
        214,
        we_did="The Children and Young People Outcome Delivery Group widened its commitment "
        "to cover apprenticeships with local employers (illustrative).",
        commitment=_outcome(
            loip, "More young people take part in learning, training or work."
        ).commitments.first(),
    )
    _theme(
        survey,
        "Children in poverty",
        "People said child poverty should stay the partnership's first objective (illustrative).",
        301,
        we_did="Kept “Giving every child the best start in life” as the LOIP's first "
        "objective (illustrative).",
        outcome=_outcome(loip, "Giving every child the best start in life."),
    )

    resident = User.objects.filter(email=DEMO_RESIDENT_EMAIL).first()
    consultation = services.activity_save(
        activity=Activity(
            partnership=partnership,
            body=local_cpp,
            title="Perth City centre streets and travel consultation (demonstration)",
            kind=Activity.Kind.CONSULTATION,
            purpose="To hear how people get around Perth City centre, and what would make "
            "its streets safer and easier to use (illustrative).",
            who_asked="Anyone who lives, works or studies in Perth City.",
            method="Online, on this site (verified residents), and at two drop-in sessions "
            "(illustrative).",
            starts_on=today - datetime.timedelta(days=14),
            ends_on=today + datetime.timedelta(days=42),
            status=Activity.Status.PUBLISHED,
            takes_responses=True,
            is_demo=True,
        )
    )
    if resident is not None:
        services.response_add(
            activity=consultation,
            user=resident,
            text="The crossing at the *South Street* junction is hard to use with a pram "
            "(demonstration response).",
            today=today,
        )
    return Activity.objects.filter(partnership=partnership, is_demo=True).count()
