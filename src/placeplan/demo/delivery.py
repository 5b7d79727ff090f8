"""Demonstration delivery for Highland: the SOA development plan's improvement activities
and timescales (seed 001), and Audit Scotland's March 2013 recommendations to CPPs (seed
003) with three present-day actions answering them. Everything is flagged ``is_demo``.

The seeds give each activity and its timescale, not how it went: the 2013–2018 activities
are recorded as complete on their timescale's date with an update saying so plainly.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from placeplan.delivery import services
from placeplan.delivery.models import ActionStatus, ImprovementAction, Recommendation
from placeplan.partnerships.models import Body, Partner, Partnership

D = datetime.date
HIGHLAND = "S12000017"
AUDIT_REPORT = (
    "Audit Scotland and the Accounts Commission, Improving community planning in Scotland"
)
AUDIT_DATE = D(2013, 3, 1)
DEVELOPMENT_NOTE = (
    "Demonstration record: the SOA development plan gives this activity and its timescale; "
    "it is shown here as completed by then."
)

# Recommendations directed at CPPs (seed 003, paragraph 79), by theme.
RECOMMENDATIONS = [
    (
        "Shared leadership",
        "Community planning needs to become a truly shared enterprise, rather than a "
        "council-led exercise. CPPs need to start acting as true leadership boards, setting a "
        "stretching ambitious programme for change and holding people to account for "
        "delivering them.",
    ),
    (
        "Governance and accountability",
        "CPPs need to significantly improve their governance and accountability, and planning "
        "and performance management arrangements by: successfully mobilising resources "
        "towards agreed goals; showing that partnership working is making a significant "
        "difference in improving services and delivering better outcomes for communities; "
        "clarifying roles and responsibilities for elected members, non-executives and "
        "officers; ensuring that CPP decision-making is reflected fully within the governance "
        "structures of all partners.",
    ),
    (
        "Health and social care integration",
        "CPPs need to assure themselves that the proposed arrangements for health and social "
        "care integration in their area reflect local circumstances and priorities, are clear "
        "about the respective roles and responsibilities of the CPP and H&SCP, will improve "
        "the quality of care and outcomes for older people, and will deliver improved value "
        "for money.",
    ),
    (
        "Clear priorities",
        "CPPs need to focus more clearly on where they can make the greatest difference. SOAs "
        "need to specify what will improve, how it will be done, by whom, and when.",
    ),
    (
        "Use of resources",
        "CPPs need to ensure that partners align their service and financial planning "
        "arrangements with community planning priorities.",
    ),
    (
        "Community engagement",
        "CPPs need to extend and improve their approach to engaging with communities if the "
        "potential of local people to participate, shape and improve local services is to be "
        "realised.",
    ),
]

# (area for improvement, activity, responsible body, accountable partner, start, due)
DEVELOPMENT_PLAN = [
    (
        "SOA to capture sufficient details about delivery, measures and the performance "
        "framework against which progress can be evaluated.",
        [
            ("Delivery plans for the seven themes within the SOA to be finalised.",
             "Chief Officers Group", None, D(2014, 3, 31)),
            ("Systems to be in place for performance data to be gathered, base-lines set, data "
             "analysed and reported as part of the new governance arrangements for the CPP.",
             "Chief Officers Group", None, D(2014, 3, 31)),
            ("An interim performance report drawing on available indicators and a narrative "
             "update on progress with the SOA for 2013/14 to be produced.",
             "Chief Officers Group", None, D(2014, 10, 31)),
            ("First performance report covering all themes and indicators, for the 2014/15 "
             "period.", "Chief Officers Group", None, D(2015, 10, 31)),
        ],
    ),
    (
        "Develop a strategic partnership approach to tackling inequalities and prevention.",
        [
            ("Establish the remit and working arrangements for the partnership theme group at "
             "Director level on deprivation and health inequalities.",
             "Health Inequalities", "NHS Highland", D(2013, 10, 31)),
            ("Establish the new Chief Officers Group with its role to ensure and challenge "
             "whether the CPP's work is reducing inequalities at the pace required and making "
             "the shift to prevention required.", "Chief Officers Group", None,
             D(2013, 9, 30)),
            ("Continue to develop the Partnership Prevention Plan and contribute to any further "
             "work done nationally.", "Chief Officers Group", None, D(2018, 3, 31)),
            ("Annual review of progress with the Partnership Prevention Plan to be reported.",
             "Chief Officers Group", None, D(2014, 6, 30)),
        ],
    ),
    (
        "Develop a clear line of sight between SOA priorities and local needs and "
        "intervention.",
        [
            ("Complete the review of community planning arrangements, including mapping the "
             "links across operational, local and strategic arrangements.",
             "Chief Officers Group", None, D(2014, 3, 31)),
            ("Each thematic group identifies how to reflect local variation in delivery plans.",
             "Chief Officers Group", None, D(2014, 3, 31)),
        ],
    ),
    (
        "Ensure local communities' needs drive the partnership action in areas of deprivation "
        "and rural fragility.",
        [
            ("Develop an asset-based approach and the employment of local health co-ordinators "
             "in the four most multiply deprived communities.",
             "Community Learning and Development", "NHS Highland", D(2013, 9, 30)),
            ("Develop further the asset-based approach in four fragile rural communities to be "
             "identified.", "Community Learning and Development", None, D(2013, 12, 31)),
        ],
    ),
    (
        "Culture of partnership working supported at operational as well as strategic levels.",
        [
            ("Develop and agree a programme of partnership self-evaluation across groups.",
             "Chief Officers Group", None, D(2014, 3, 31)),
        ],
    ),
    (
        "Identifying joint resources.",
        [
            ("Partnership resources for shared outcomes to be identified by each theme group, "
             "then aligned and integrated where appropriate.", "Chief Officers Group", None,
             D(2018, 3, 31)),
        ],
    ),
]  # fmt: skip

# Present-day actions answering the recommendations: (recommendation theme, title, what
# will improve, body, partner, start, due, status, progress narrative).
ANSWERS = [
    (
        "Governance and accountability",
        "Record where each partner takes CPP decisions through its own governance",
        "Every decision the board asks partners to take is tracked until each partner "
        "records where and when it took it.",
        "Chief Officers Group",
        "The Highland Council",
        D(2026, 4, 1),
        D(2026, 9, 30),
        ActionStatus.AT_RISK,
        "Two partners have not yet said where the joint resourcing decision will be taken.",
    ),
    (
        "Clear priorities",
        "Say what will improve, how, by whom and when for every LOIP commitment",
        "Every commitment in the next plan has an accountable partner, a date and an indicator.",
        "Chief Officers Group",
        "The Highland Council",
        D(2026, 6, 1),
        D(2027, 3, 31),
        ActionStatus.ON_TRACK,
        "Draft commitments reviewed with each thematic group's lead officer.",
    ),
    (
        "Community engagement",
        "Extend community engagement in the four most deprived communities",
        "Residents of the four most deprived communities shape their locality priorities.",
        "Community Learning and Development",
        "Highland Third Sector Interface",
        D(2026, 1, 1),
        D(2026, 6, 30),
        ActionStatus.NOT_STARTED,
        "",
    ),
]


def _partner(partnership, name):
    return Partner.objects.get(partnership=partnership, organisation__name=name)


@transaction.atomic
def delivery_demo_load() -> int:
    """Create Highland's demonstration recommendations and actions once; returns how many
    actions were created."""
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    if ImprovementAction.objects.filter(partnership=partnership, is_demo=True).exists():
        return 0
    bodies = {b.name: b for b in Body.objects.filter(partnership=partnership)}
    council = _partner(partnership, "The Highland Council")
    recommendations = {}
    for theme, text in RECOMMENDATIONS:
        recommendations[theme] = services.recommendation_save(
            recommendation=Recommendation(
                partnership=partnership,
                source_document=AUDIT_REPORT,
                reference=theme,
                text=text,
                made_on=AUDIT_DATE,
                is_demo=True,
            )
        )
    created = 0
    for area, activities in DEVELOPMENT_PLAN:
        for activity, body, partner, due in activities:
            action = services.action_save(
                action=ImprovementAction(
                    partnership=partnership,
                    title=activity[:200],
                    improvement=area,
                    source=ImprovementAction.Source.DEVELOPMENT_PLAN,
                    accountable_partner=_partner(partnership, partner) if partner else council,
                    responsible_body=bodies[body],
                    start=D(2013, 6, 13),
                    due=due,
                    is_demo=True,
                ),
                today=due,
            )
            services.progress_update_add(
                action=action,
                on=due,
                status=ActionStatus.COMPLETE,
                narrative=DEVELOPMENT_NOTE,
                today=due,
            )
            created += 1
    for theme, title, improvement, body, partner, start, due, status, narrative in ANSWERS:
        action = services.action_save(
            action=ImprovementAction(
                partnership=partnership,
                title=title,
                improvement=improvement,
                source=ImprovementAction.Source.RECOMMENDATION,
                recommendation=recommendations[theme],
                accountable_partner=_partner(partnership, partner),
                responsible_body=bodies[body],
                start=start,
                due=due,
                is_demo=True,
            ),
            today=start,
        )
        if narrative:
            on = start + datetime.timedelta(days=45)
            services.progress_update_add(
                action=action, on=on, status=status, narrative=narrative, today=on
            )
        created += 1
    return created
