"""Demonstration Stories of Place for Perth and Kinross's five localities (seed 002: "Stories
of Place have been drafted for the 5 localities"). The evidence panels are the real data;
the narrative is illustrative and labelled so. Perth City's "Work and money" section has
two approved versions (the second from a resident's proposal), and a resident's proposal
to its "Learning" section waits for moderation."""

from __future__ import annotations

from django.db import transaction

from placeplan.accounts.models import User
from placeplan.demo.services import DEMO_RESIDENT_EMAIL, demo_email
from placeplan.partnerships.models import Locality, Partnership
from placeplan.places.models import Area
from placeplan.stories import services
from placeplan.stories.models import Asset, Evidence, Proposal, Story

PERTH = "S12000048"
NOTE = "Illustrative text for the demonstration; the figures beside it are the real data."

NARRATIVE = {
    "Perth City": {
        Evidence.PLACE: "Perth City is the county's largest settlement, from the North Inch "
        "to Letham and the Western Edge. *(Demonstration text.)*",
        Evidence.HEALTH: "People told the local partnership that getting a GP appointment and "
        "support for mental health matter most. *(Demonstration text.)*",
        Evidence.WORK: "Most people work in services in the city centre; child poverty is "
        "highest in a few neighbourhoods. *(Demonstration text.)*",
        Evidence.SAFETY: "Most people feel safe; antisocial behaviour near the city centre "
        "at night is the concern raised most. *(Demonstration text.)*",
    },
    "North Perthshire": {
        Evidence.PLACE: "Blairgowrie, Coupar Angus, Alyth and the villages of Strathmore. "
        "*(Demonstration text.)*",
    },
    "Highland Perthshire": {
        Evidence.PLACE: "A large, sparsely populated area around Pitlochry, Aberfeldy and "
        "Dunkeld, where tourism and land-based work matter. *(Demonstration text.)*",
    },
    "Strathearn and Strathallan": {
        Evidence.PLACE: "Crieff, Auchterarder and the straths, with many small villages. "
        "*(Demonstration text.)*",
    },
    "South Perthshire": {
        Evidence.PLACE: "Kinross, Milnathort and the villages between the Ochils and Loch "
        "Leven. *(Demonstration text.)*",
    },
}
PERTH_CITY_WORK_RESIDENT = (
    "Most people work in services in the city centre; child poverty is highest in a few "
    "neighbourhoods, and the cost of the bus into town is a barrier to work for many in "
    "Letham and Hillyland. *(Demonstration text.)*"
)
PERTH_CITY_LEARNING_PENDING = (
    "The community campus in Letham is well used in the evenings, but families say there "
    "is too little for teenagers in the school holidays. *(Demonstration text.)*"
)
ASSETS = (
    ("Letham", Asset.Category.BUILDING, "Letham community campus (demonstration)"),
    ("North Inch", Asset.Category.GREEN_SPACE, "The North Inch (demonstration)"),
    ("Muirton", Asset.Category.GROUP, "Muirton residents' association (demonstration)"),
)


@transaction.atomic
def stories_demo_load() -> int:
    """Begin the five stories (once: a story already begun is left as it is) and return how
    many were begun."""
    partnership = Partnership.objects.get(council_area__code=PERTH)
    officer = User.objects.get(email=demo_email("perth", "support_officer"))
    resident = User.objects.get(email=DEMO_RESIDENT_EMAIL)
    begun = 0
    for locality in Locality.objects.filter(partnership=partnership).order_by("name"):
        if Story.objects.filter(locality=locality).exists():
            continue
        story = services.story_start(locality=locality, is_demo=True)
        begun += 1
        sections = {s.evidence: s for s in story.sections.all()}
        for evidence, text in NARRATIVE.get(locality.name, {}).items():
            services.section_write(section=sections[evidence], text=text, user=officer, note=NOTE)
        if locality.name != "Perth City":
            continue
        # A second version of "Work and money", proposed by a resident and approved.
        proposal = services.proposal_make(
            section=sections[Evidence.WORK],
            text=PERTH_CITY_WORK_RESIDENT,
            note="The bus fares are what people in Letham talk about. (Demonstration.)",
            user=resident,
        )
        services.proposal_approve(proposal=proposal, moderator=officer, notify=False)
        # And one waiting for the moderators.
        services.proposal_make(
            section=sections[Evidence.LEARNING],
            text=PERTH_CITY_LEARNING_PENDING,
            user=resident,
        )
        for community, category, name in ASSETS:
            area = Area.objects.get(
                level=Area.Level.INTERMEDIATE_ZONE, council_area__code=PERTH, name=community
            )
            asset = services.asset_propose(
                story=story, user=officer, community=area, category=category, name=name
            )
            Asset.objects.filter(pk=asset.pk).update(is_demo=True)
    return begun


def demo_pending_proposal() -> Proposal | None:
    """The demonstration resident's proposal waiting for moderation, if it still is."""
    return Proposal.objects.filter(proposer__email=DEMO_RESIDENT_EMAIL, status="pending").first()
