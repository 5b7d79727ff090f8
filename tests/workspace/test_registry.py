"""The workspace frame's registries: what each capability contributes appears where it
should, for the people allowed to see it, and nothing is registered twice."""

from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from placeplan.partnerships.models import Body, OrganisationKind
from placeplan.workspace import registry
from tests.factories import (
    BodyFactory,
    OrganisationFactory,
    PartnerFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(code):
    return user_with_role("support_officer", council_code=code)


@pytest.fixture
def member(code):
    return user_with_role("community_member", council_code=code)


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
    before = (len(registry.sections), len(registry.panels), len(registry.need_sources))
    for config in apps.get_app_configs():
        if config.name.startswith("placeplan."):
            try:
                contributions = import_module(f"{config.name}.contributions")
            except ModuleNotFoundError:
                continue
            registry.plug_in(contributions)
    assert (len(registry.sections), len(registry.panels), len(registry.need_sources)) == before


def test_sections_needing_a_permission_are_shown_only_to_those_who_have_it(
    partnership, support, member
):
    for_support = [s.label for s, _ in registry.sections_for(support, partnership)]
    for_member = [s.label for s, _ in registry.sections_for(member, partnership)]
    assert "Accounts and roles" in for_support and "Import data" in for_support
    assert "Accounts and roles" not in for_member and "Import data" not in for_member
    assert "Plans" in for_member


def test_the_home_and_side_navigation_list_the_registered_sections(partnership, code, member):
    client = Client()
    client.force_login(member)
    page = client.get(reverse("workspace:home", args=[code])).content.decode()
    for section, url in registry.sections_for(member, partnership):
        assert f'href="{url}"' in page
        assert escape(section.description) in page
    assert reverse("governance:people", args=[code]) not in page


def test_a_panel_with_nothing_to_show_is_left_out(partnership, member):
    request = RequestFactory().get("/")
    request.user = member
    body = BodyFactory(
        partnership=partnership,
        name="Fictional Quiet Group",
        kind=Body.Kind.OTHER,
        level=Body.Level.STRATEGIC,
    )
    # No challenge is addressed to a new body: its page has no overdue-challenges panel.
    assert (
        registry.panels_render("body", request=request, subject=body, partnership=partnership) == []
    )


def test_a_partners_page_gathers_every_capabilitys_panel(partnership, code, support):
    police = PartnerFactory(
        partnership=partnership,
        organisation=OrganisationFactory(
            name="Fictional Constabulary", kind=OrganisationKind.POLICE
        ),
    )
    client = Client()
    client.force_login(support)
    page = client.get(reverse("governance:partner", args=[code, police.pk])).content.decode()
    # Plans, delivery and the challenge log each contribute their part, in order.
    positions = [
        page.index(f'id="{anchor}"')
        for anchor in ("commitments", "actions", "challenges", "attendance")
    ]
    assert positions == sorted(positions)
