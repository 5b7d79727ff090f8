"""Create the demonstration accounts and print how to sign in with them."""

from django.core.management.base import BaseCommand

from placeplan.demo.budgets import budgets_demo_load
from placeplan.demo.delivery import delivery_demo_load
from placeplan.demo.engagement import engagement_demo_load
from placeplan.demo.governance import governance_demo_load
from placeplan.demo.meetings import meetings_demo_load
from placeplan.demo.plans import plans_demo_load
from placeplan.demo.resources import resources_demo_load
from placeplan.demo.services import DEMO_PASSWORD, demo_load
from placeplan.demo.stories import stories_demo_load


class Command(BaseCommand):
    help = "Create (or refresh) the demo accounts, one per role. Safe to run again."

    def handle(self, *args, **options):
        logins = demo_load()
        bodies = governance_demo_load()
        plans = plans_demo_load()
        actions = delivery_demo_load()
        meetings = meetings_demo_load()
        stories = stories_demo_load()
        activities = engagement_demo_load()
        # After engagement: publishing the results records the vote as an activity.
        budgets = budgets_demo_load()
        rounds = resources_demo_load()
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            f"Demonstration governance (Highland, Perth and Kinross, East Lothian): "
            f"{bodies} bodies created."
        )
        self.stdout.write(
            f"Demonstration plans (Highland SOA, Perth and Kinross LOIP and Perth City "
            f"locality plan): {plans} plan versions created."
        )
        self.stdout.write(
            f"Demonstration delivery (Highland SOA development plan, Audit Scotland 2013 "
            f"recommendations): {actions} improvement actions created."
        )
        self.stdout.write(
            f"Demonstration meetings (Highland Chief Officers Group, from report COG/1/13): "
            f"{meetings} meetings created."
        )
        self.stdout.write(
            f"Demonstration Stories of Place (Perth and Kinross's five localities): "
            f"{stories} stories begun."
        )
        self.stdout.write(
            f"Demonstration engagement (Perth and Kinross: Perth City Place Standard 2019 and "
            f"2024, you said, we did, an open consultation): {activities} activities created."
        )
        self.stdout.write(
            f"Demonstration participatory budgeting (Perth City: published results and "
            f"delivery, and a vote open now): {budgets} processes created."
        )
        self.stdout.write(
            f"Demonstration resources and prevention (Highland: partners' contributions "
            f"2023/24 to 2026/27, a prevention fund, the prevention plan): {rounds} "
            f"resourcing rounds created."
        )
        self.stdout.write("Demo sign-ins (demonstration accounts, fictional people):")
        for login in logins:
            self.stdout.write(f"  {login.role:<20} {login.email:<52} {login.partnership}")
        self.stdout.write(f"  Password for every demo account: {DEMO_PASSWORD}")
