"""The workspace frame's registries: what each capability contributes appears where it
should, for the people allowed to see it, and nothing is registered twice."""

from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from placeplan.accounts.models import User
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Body, Partner
from placeplan.workspace import registry

pytestmark = pytest.mark.django_db

HL = "S12000017"


def _user(role):
    return User.objects.get(email=demo_email("highland", role))


def test_every_capability_plugs_in_its_sections():
    labels = [section.label for section in registry.sections]
    # One section a capability, in the order the side navigation shows them.
    assert labels[0] == "Workspace home"
    assert labels[-1] == "Public pages"
    for label in (
        "Structure",
        "Plans",
        "Outcomes dashboard",
        "Meetings",
        "Challenge log",
        "Improvement actions",
        "Import data",
    ):
        assert label in labels
    assert len(labels) == len(set(labels))


def test_plugging_in_twice_registers_nothing_new():
    before = (len(registry.sections), len(registry.panels), len(registry.digest_sources))
    for config in apps.get_app_configs():
        if config.name.startswith("placeplan."):
            try:
                contributions = import_module(f"{config.name}.contributions")
            except ModuleNotFoundError:
                continue
            registry.plug_in(contributions)
    assert (len(registry.sections), len(registry.panels), len(registry.digest_sources)) == before


def test_sections_needing_a_permission_are_shown_only_to_those_who_have_it(highland):
    support = [s.label for s, _ in registry.sections_for(_user("support_officer"), highland)]
    member = [s.label for s, _ in registry.sections_for(_user("community_member"), highland)]
    assert "Accounts and roles" in support and "Import data" in support
    assert "Accounts and roles" not in member and "Import data" not in member
    assert "Plans" in member


def test_the_home_and_side_navigation_list_the_registered_sections(highland):
    client = Client()
    client.force_login(_user("community_member"))
    page = client.get(reverse("workspace:home", args=[HL])).content.decode()
    for section, url in registry.sections_for(_user("community_member"), highland):
        assert f'href="{url}"' in page
        assert escape(section.description) in page
    assert reverse("governance:people", args=[HL]) not in page


def test_a_panel_with_nothing_to_show_is_left_out(highland):
    request = RequestFactory().get("/")
    request.user = _user("community_member")
    body = Body.objects.create(
        partnership=highland, name="Fictional Quiet Group", kind="other", level="strategic"
    )
    # No challenge is addressed to a new body: its page has no overdue-challenges panel.
    assert registry.panels_render("body", request=request, subject=body, partnership=highland) == []


def test_a_partners_page_gathers_every_capabilitys_panel(highland):
    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")
    client = Client()
    client.force_login(_user("support_officer"))
    page = client.get(reverse("governance:partner", args=[HL, police.pk])).content.decode()
    # Plans, delivery and the challenge log each contribute their part, in order.
    positions = [
        page.index(f'id="{anchor}"')
        for anchor in ("commitments", "actions", "challenges", "attendance")
    ]
    assert positions == sorted(positions)
