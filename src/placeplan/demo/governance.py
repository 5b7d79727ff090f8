"""Demonstration governance structures drawn from the seed documents: Highland (seeds
000 and 001), Perth and Kinross (seed 002) and East Lothian (seed 003).

The structures and remits follow the documents; every person is invented, with an
obviously fictional name, and every body and person is flagged ``is_demo``.
"""

from __future__ import annotations

import datetime
import itertools

from django.db import transaction
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.demo.services import DEMO_PEOPLE, demo_email
from placeplan.partnerships import services
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    OrganisationKind,
    Partner,
    Partnership,
    Person,
    Role,
)
from placeplan.places.models import Area

K = OrganisationKind
FIRST_NAMES = [
    "Ailsa",
    "Brodie",
    "Catriona",
    "Dougal",
    "Eilidh",
    "Fergus",
    "Gillian",
    "Hamish",
    "Iona",
    "Jock",
    "Kirsty",
    "Lachlan",
    "Morag",
    "Niall",
    "Oona",
    "Rhona",
    "Struan",
    "Torquil",
    "Una",
    "Wallace",
]
SURNAMES = [
    "Exampleton",
    "Sampleson",
    "Demoford",
    "Trialwood",
    "Testwell",
    "Placeholder",
    "Mockridge",
    "Fictionby",
    "Dummett",
    "Pretendal",
    "Notreal",
    "Madeupson",
]

COG_REMIT = [
    "Ensuring and challenging the partnership's delivery and performance against the SOA's "
    "outcomes targets - through the thematic groups individually and together across the SOA "
    "(and any supporting plans if relevant);",
    "Ensuring and challenging whether the partnership's work across all groups is reducing "
    "inequalities at the pace required;",
    "Ensuring and challenging whether the partnership's work across all the groups is making "
    "the decisive shift to prevention required;",
    "Ensuring and challenging whether the partnership can demonstrate best practice in "
    "community engagement through the thematic groups and across the SOA;",
    "Supporting the thematic groups by removing any barriers to reform that arise from current "
    "partnership arrangements, resources and behaviours.",
    "Promoting the on-going development of the SOA as a means of achieving public service reform.",
    "Supporting constructive challenge of the partnership through honest reflection, structured "
    "self-evaluation, peer review, audits of community planning and any consequential "
    "improvement activity.",
]

NATIONAL = {
    "Police Scotland": K.POLICE,
    "Scottish Fire and Rescue Service": K.FIRE,
    "Skills Development Scotland": K.SKILLS,
    "Highlands and Islands Enterprise": K.ENTERPRISE,
    "Scottish Enterprise": K.ENTERPRISE,
}

PARTNERSHIPS = {
    "S12000017": {
        "partners": [
            ("The Highland Council", K.COUNCIL),
            ("NHS Highland", K.HEALTH_BOARD),
            ("Police Scotland", K.POLICE),
            ("Scottish Fire and Rescue Service", K.FIRE),
            ("Highlands and Islands Enterprise", K.ENTERPRISE),
            ("University of the Highlands and Islands", K.COLLEGE),
            ("Highland Third Sector Interface", K.TSI),
            ("Skills Development Scotland", K.SKILLS),
        ],
        "bodies": [
            (
                "Members Partnership Board",
                "MPB",
                Body.Kind.BOARD,
                Body.Level.STRATEGIC,
                None,
                "Political leadership and expertise to drive and enable public service reform and "
                "better and fairer outcomes for the Highland population.",
                "Twice a year",
                8,
                [],
            ),
            (
                "Chief Officers Group",
                "COG",
                Body.Kind.EXECUTIVE,
                Body.Level.STRATEGIC,
                "Members Partnership Board",
                "To drive public service reform, including the delivery of the SOA and continuous "
                "improvement of partnership working to achieve better and fairer outcomes.",
                "More often than quarterly",
                9,
                COG_REMIT,
            ),
            *[
                (
                    name,
                    "",
                    Body.Kind.THEMATIC,
                    Body.Level.STRATEGIC,
                    "Chief Officers Group",
                    purpose,
                    "Quarterly",
                    7,
                    [],
                )
                for name, purpose in [
                    ("Safer Highland", "Community safety and public protection."),
                    (
                        "For Highland's Children",
                        "Outcomes for children, young people and families.",
                    ),
                    (
                        "Health Inequalities",
                        "Reducing health inequalities and increasing physical activity.",
                    ),
                    (
                        "Community Learning and Development",
                        "Community learning, development and engagement.",
                    ),
                    ("Employability", "Employment and economic recovery and growth."),
                    ("Environment", "A sustainable environment."),
                    (
                        "Strategic Commissioning for Adults",
                        "Outcomes for older people and adult services.",
                    ),
                ]
            ],
        ],
    },
    "S12000048": {
        "partners": [
            ("Perth and Kinross Council", K.COUNCIL),
            ("NHS Tayside", K.HEALTH_BOARD),
            ("Police Scotland", K.POLICE),
            ("Scottish Fire and Rescue Service", K.FIRE),
            ("Scottish Enterprise", K.ENTERPRISE),
            ("Perth and Kinross Integration Joint Board", K.IJB),
            ("Perth College UHI", K.COLLEGE),
            ("Perth and Kinross Association of Voluntary Service (PKAVS)", K.TSI),
        ],
        "bodies": [
            (
                "Community Planning Partnership Board",
                "CPPB",
                Body.Kind.BOARD,
                Body.Level.STRATEGIC,
                None,
                "Strategic leadership of community planning in Perth and Kinross.",
                "Quarterly",
                10,
                [],
            ),
            (
                "Integration Joint Board",
                "IJB",
                Body.Kind.IJB,
                Body.Level.STRATEGIC,
                "Community Planning Partnership Board",
                "Health and social care integration; reports to the CPP Board on health outcomes "
                "and health inequalities.",
                "Every two months",
                8,
                [],
            ),
            *[
                (
                    f"{theme} Outcome Delivery Group",
                    "",
                    Body.Kind.THEMATIC,
                    Body.Level.OPERATIONAL,
                    "Community Planning Partnership Board",
                    f"Delivering the {theme.lower()} outcomes; "
                    "reports to the CPP Board every six months.",
                    "Quarterly",
                    6,
                    [],
                )
                for theme in ["Children and Young People", "Community Safety", "Economy"]
            ],
        ],
        # Five local CPPs: at most 15, chair and lead officer from partners, reviewed at 12 months.
        "local": {
            "Perth City": (
                15,
                [
                    "Burghmuir and Oakbank",
                    "Central and South Inch",
                    "Gannochy and Walnut Grove",
                    "Hillyland, Tulloch and Inveralmond",
                    "Letham",
                    "Moncrieffe and Friarton",
                    "Muirton",
                    "North Inch",
                    "North Muirton and Old Scone",
                    "Viewlands, Craigie and Wellshill",
                    "Western Edge",
                ],
            ),
            "North Perthshire": (
                11,
                [
                    "Alyth",
                    "Blairgowrie East (Rattray)",
                    "Blairgowrie West",
                    "Coupar Angus and Meigle",
                    "Errol and Inchture",
                    "Invergowrie, Longforgan and Abernyte",
                    "Guildtown, Balbeggie and St Madoes",
                    "Scone",
                    "Stanley and Murthly",
                ],
            ),
            "Highland Perthshire": (
                9,
                [
                    "Blair Atholl, Strathardle and Glenshee",
                    "Luncarty and Dunkeld",
                    "Pitlochry",
                    "Rannoch and Aberfeldy",
                ],
            ),
            "Strathearn and Strathallan": (
                14,
                [
                    "Aberuthven and Almondbank",
                    "Auchterarder",
                    "Comrie, Gilmerton and St Fillans",
                    "Crieff North",
                    "Crieff South",
                    "Muthill, Greenloaning and Gleneagles",
                ],
            ),
            "South Perthshire": (
                10,
                [
                    "Bridge of Earn and Abernethy",
                    "Glenfarg, Dunning and Rhynd",
                    "Kinross",
                    "Milnathort and Crook of Devon",
                    "Powmill, Cleish and Scotlandwell",
                ],
            ),
        },
    },
    "S12000010": {
        "partners": [
            ("East Lothian Council", K.COUNCIL),
            ("NHS Lothian", K.HEALTH_BOARD),
            ("Police Scotland", K.POLICE),
            ("Scottish Fire and Rescue Service", K.FIRE),
            ("Scottish Enterprise", K.ENTERPRISE),
            ("Skills Development Scotland", K.SKILLS),
            ("Edinburgh College", K.COLLEGE),
            ("STRiVE (East Lothian TSI)", K.TSI),
        ],
        "bodies": [
            (
                "East Lothian Partnership",
                "ELP",
                Body.Kind.BOARD,
                Body.Level.STRATEGIC,
                None,
                "The community planning partnership for East Lothian.",
                "Quarterly",
                12,
                [],
            ),
            *[
                (
                    name,
                    "",
                    Body.Kind.THEMATIC,
                    Body.Level.STRATEGIC,
                    "East Lothian Partnership",
                    "Leading a culture of collaboration, developing and delivering priorities and "
                    f"outcomes, and scrutinising the delivery of outcomes: {focus}.",
                    "Quarterly",
                    8,
                    [],
                )
                for name, focus in [
                    ("Resilient People Partnership", "health and social care outcomes"),
                    ("Safe and Vibrant Communities Partnership", "safe and vibrant communities"),
                    ("Sustainable Economy Partnership", "a sustainable economy"),
                ]
            ],
            *[
                (
                    f"{area} Area Partnership",
                    "",
                    Body.Kind.LOCAL,
                    Body.Level.LOCAL,
                    "East Lothian Partnership",
                    f"The local voice in community planning for {area}.",
                    "Every two months",
                    None,
                    [],
                )
                for area in [
                    "Dunbar and East Linton",
                    "Fa'side",
                    "Haddington and Lammermuir",
                    "Musselburgh",
                    "North Berwick Coastal",
                    "Preston, Seton and Gosford",
                ]
            ],
        ],
    },
}


def _names():
    for surname, first in itertools.product(SURNAMES, FIRST_NAMES):
        yield f"{first} {surname}"


@transaction.atomic
def governance_demo_load(today: datetime.date | None = None) -> int:
    """Create the demonstration partners, bodies, localities and members. Bodies that
    already exist are left as they are, so running it again changes nothing."""
    today = today or timezone.localdate()
    created = 0
    for code, spec in PARTNERSHIPS.items():
        names = _names()  # people belong to one partnership each
        partnership = Partnership.objects.get(council_area__code=code)
        organisations = []
        for name, kind in spec["partners"]:
            organisation = services.organisation_ensure(
                name=name, kind=kind, is_national=name in NATIONAL
            )
            services.partner_add(partnership=partnership, organisation=organisation)
            organisations.append(organisation)
        bodies = {}
        for name, short, kind, level, parent, purpose, frequency, size, remit in spec["bodies"]:
            bodies[name], new = _body(
                partnership,
                name=name,
                short_name=short,
                kind=kind,
                level=level,
                reports_to=bodies.get(parent),
                purpose=purpose,
                meeting_frequency=frequency,
                remit=remit,
                requires_lead_officer=kind == Body.Kind.THEMATIC,
            )
            if new:
                created += 1
                _members(bodies[name], organisations, names, size or 9, today)
        for locality, (size, communities) in spec.get("local", {}).items():
            place = _locality(partnership, locality, communities)
            body, new = _body(
                partnership,
                name=f"{locality} Local Community Planning Partnership",
                short_name="",
                kind=Body.Kind.LOCAL,
                level=Body.Level.LOCAL,
                reports_to=bodies["Community Planning Partnership Board"],
                purpose=f"Local community planning for {locality}: "
                "its Story of Place and Plan for Place.",
                meeting_frequency="Every two months",
                remit=[],
                locality=place,
                max_members=15,
                requires_lead_officer=True,
                leads_from_partners=True,
                review_after_months=12,
            )
            if new:
                created += 1
                _members(body, organisations, names, size, today)
    _accounts_link(today)
    return created


# Roles flow from membership: these demo accounts hold seats on Highland's bodies.
ACCOUNT_SEATS = [
    (Role.PARTNER_OFFICER, "Safer Highland", Membership.MemberRole.LEAD_OFFICER),
    (Role.BOARD_MEMBER, "Members Partnership Board", Membership.MemberRole.CHAIR),
]


def _accounts_link(today):
    """Make the Highland demo partner officer Safer Highland's lead officer and the board
    member the Members Partnership Board's chair, so their accounts show what holding
    those seats allows. Does nothing when the demo accounts are not loaded."""
    for role, body_name, seat in ACCOUNT_SEATS:
        user = User.objects.filter(email=demo_email("highland", role)).first()
        membership = (
            Membership.objects.filter(
                body__partnership__council_area__code="S12000017",
                body__name=body_name,
                role=seat,
                end__isnull=True,
            )
            .select_related("person")
            .first()
        )
        if user is None or membership is None or membership.person.user_id == user.pk:
            continue
        person = membership.person
        person.user = user
        person.name = DEMO_PEOPLE[role]
        services.person_save(person=person)
        if role == Role.PARTNER_OFFICER:
            # The partner officer represents Police Scotland on Safer Highland, so records
            # (and answers) for that partner: one acts only for what one represents.
            membership.organisation = Partner.objects.get(
                partnership=membership.body.partnership, organisation__name="Police Scotland"
            ).organisation
            membership.full_clean()
            membership.save()


def _body(partnership, *, name, remit, **fields):
    existing = Body.objects.filter(partnership=partnership, name=name).first()
    if existing:
        return existing, False
    body = Body(partnership=partnership, name=name, is_demo=True, **fields)
    return services.body_save(body=body, remit=remit), True


def _locality(partnership, name, communities):
    locality, _ = Locality.objects.get_or_create(partnership=partnership, name=name)
    zones = Area.objects.filter(
        council_area=partnership.council_area,
        level=Area.Level.INTERMEDIATE_ZONE,
        name__in=communities,
    )
    locality.communities.set(zones)
    return locality


def _members(body, organisations, names, size, today):
    """``size`` representatives: a chair and (where asked) a lead officer from the partners,
    then officers, elected members, third sector and community representatives."""
    council, health = organisations[0], organisations[1]
    tsi = organisations[-1]
    roles = [(Membership.MemberRole.CHAIR, Membership.Category.OFFICER, council, True)]
    if body.requires_lead_officer:
        roles.append(
            (Membership.MemberRole.LEAD_OFFICER, Membership.Category.OFFICER, health, True)
        )
    cycle = itertools.cycle(
        [
            (Membership.Category.OFFICER, None),
            (Membership.Category.ELECTED, council),
            (Membership.Category.THIRD_SECTOR, tsi),
            (Membership.Category.COMMUNITY, None),
        ]
    )
    while len(roles) < size:
        category, organisation = next(cycle)
        if category == Membership.Category.OFFICER:
            organisation = organisations[len(roles) % len(organisations)]
        roles.append((Membership.MemberRole.MEMBER, category, organisation, False))
    for index, (role, category, organisation, senior) in enumerate(roles):
        person = Person.objects.create(
            partnership=body.partnership,
            name=next(names),
            is_demo=True,
            job_title="Senior officer" if senior else "",
            public_name_consent=index % 2 == 0,
        )
        # Most joined ten months ago; every fifth a little over a year ago (review due).
        start = today - datetime.timedelta(days=400 if index % 5 == 4 else 300)
        services.membership_add(
            body=body,
            person=person,
            role=role,
            category=category,
            start=start,
            organisation=organisation,
            is_senior_officer=senior,
            today=today,
        )
