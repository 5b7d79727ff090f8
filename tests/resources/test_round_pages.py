"""The yearly round in the workspace: a support officer opens it; a partner officer enters
their own partner's lines (by form or by uploading the template) and confirms them; a
confirmed line changes only with a reason; the round shows who is yet to confirm."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from placeplan.partnerships.services import partnership_role_grant
from placeplan.resources import selectors
from placeplan.resources.models import Line, Round
from tests.factories import (
    BodyFactory,
    LineFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def round():
    return RoundFactory()


@pytest.fixture
def code(round):
    return round.partnership.council_area.code


@pytest.fixture
def outcome(round):
    return OutcomeFactory(plan=PlanFactory(partnership=round.partnership))


@pytest.fixture
def partners(round):
    return {
        name: PartnerFactory(
            partnership=round.partnership,
            organisation=OrganisationFactory(name=f"Fictional {name.title()} Board"),
        )
        for name in ("health", "fire")
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _officer_for(partner) -> Client:
    """A partner officer who sits for ``partner``'s organisation on one of its bodies."""
    partnership = partner.partnership
    user = UserFactory(full_name="Fictional Finance Officer")
    partnership_role_grant(user=user, partnership=partnership, role="partner_officer")
    MembershipFactory(
        body=BodyFactory(partnership=partnership),
        person=PersonFactory(partnership=partnership, user=user, name=user.full_name),
        organisation=partner.organisation,
        start=timezone.localdate() - datetime.timedelta(days=30),
    )
    return _client(user)


def _support(partnership) -> Client:
    user = UserFactory(full_name="Fictional Support Officer")
    partnership_role_grant(user=user, partnership=partnership, role="support_officer")
    return _client(user)


def _line_data(outcome, **fields) -> dict:
    return {
        "title": "Fictional health visiting",
        "outcome": outcome.pk,
        "budget": "120000.50",
        "staff_fte": "2.5",
        "arrangement": "aligned",
        "primary": "60",
        "secondary": "20",
        "tertiary": "0",
        "not_preventative": "20",
    } | fields


def _url(name, round, *args):
    return reverse(
        f"resources:{name}", args=[round.partnership.council_area.code, round.year, *args]
    )


def test_a_partner_officer_enters_and_confirms_their_own_lines(round, partners, outcome):
    health = partners["health"]
    officer = _officer_for(health)

    form = officer.get(_url("line_add", round, health.pk))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Stops a problem arising at all" in page  # the definitions, where levels are chosen
    assert "Parenting support and early learning" in page

    saved = officer.post(_url("line_add", round, health.pk), _line_data(outcome))
    assert saved.status_code == 302
    line = Line.objects.get(round=round, partner=health)
    assert (line.budget, line.staff_fte, line.primary, line.not_preventative) == (
        D("120000.50"),
        D("2.50"),
        60,
        20,
    )
    lines_page = officer.get(_url("partner_lines", round, health.pk)).content.decode()
    assert "£120,000.50" in lines_page
    assert "£96,000.40" in lines_page  # 80% preventative: 120,000.50 × 0.8

    assert (
        officer.post(_url("partner_lines", round, health.pk), {"action": "confirm"}).status_code
        == 302
    )
    assert selectors.is_confirmed(round=round, partner=health)

    # The other partner's lines are not theirs to change.
    fire = partners["fire"]
    assert officer.get(_url("line_add", round, fire.pk)).status_code == 403
    assert officer.post(_url("line_add", round, fire.pk), _line_data(outcome)).status_code == 403
    assert (
        officer.post(_url("partner_lines", round, fire.pk), {"action": "confirm"}).status_code
        == 403
    )
    assert not Line.objects.filter(partner=fire).exists()
    assert not selectors.is_confirmed(round=round, partner=fire)


def test_shares_not_adding_to_100_are_refused_with_every_problem(round, partners, outcome):
    health = partners["health"]
    officer = _officer_for(health)
    refused = officer.post(
        _url("line_add", round, health.pk),
        _line_data(outcome, primary="70", budget="lots", arrangement="pooled"),
    )
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "budget" in errors  # the form's own check
    assert not Line.objects.filter(round=round).exists()
    refused = officer.post(
        _url("line_add", round, health.pk), _line_data(outcome, primary="70", arrangement="pooled")
    )
    errors = refused.context["form"].errors
    assert errors["primary"] == [
        "The shares of the four levels must add up to 100%: these add up to 110%."
    ]
    assert errors["pool"] == ["Choose the joint budget the money goes into."]
    assert "There is a problem" in refused.content.decode()
    assert not Line.objects.filter(round=round).exists()


def test_a_confirmed_line_changes_only_with_a_reason_kept_in_the_history(round, partners, outcome):
    health = partners["health"]
    line = LineFactory(round=round, partner=health, outcome=outcome, budget=D("500.00"))
    officer = _officer_for(health)
    officer.post(_url("partner_lines", round, health.pk), {"action": "confirm"})
    url = _url("line_edit", round, health.pk, line.pk)
    opened = officer.get(url)
    version = opened.context["edit_version"]

    refused = officer.post(url, {**_line_data(outcome, budget="650.00"), "edit_version": version})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == [
        "These figures are confirmed: say why they change. The reason is kept with the change "
        "in the history."
    ]
    line.refresh_from_db()
    assert line.budget == D("500.00")

    done = officer.post(
        url,
        {
            **_line_data(outcome, budget="650.00"),
            "reason": "Fictional in-year grant added.",
            "edit_version": version,
        },
    )
    assert done.status_code == 302
    line.refresh_from_db()
    assert line.budget == D("650.00")
    assert line.history.first().history_change_reason == "Fictional in-year grant added."


def test_removing_a_line_and_adding_an_asset(round, partners, outcome):
    health = partners["health"]
    line = LineFactory(round=round, partner=health, outcome=outcome)
    officer = _officer_for(health)
    added = officer.post(
        _url("asset_add", round, health.pk, line.pk),
        {"kind": "building", "description": "Fictional community hub", "value": "25000"},
    )
    assert added.status_code == 302
    assert [(a.description, a.value) for a in line.assets.all()] == [
        ("Fictional community hub", D("25000.00"))
    ]
    url = _url("line_delete", round, health.pk, line.pk)
    version = officer.get(url).context["edit_version"]
    assert officer.post(url, {"edit_version": version}).status_code == 302
    assert not Line.objects.filter(pk=line.pk).exists()


def test_the_template_uploads_all_or_nothing(round, partners, outcome):
    health = partners["health"]
    officer = _officer_for(health)
    LineFactory(round=round, partner=health, outcome=outcome, title="Fictional kept line")
    downloaded = officer.get(_url("template", round, health.pk))
    assert downloaded.status_code == 200
    book = load_workbook(io.BytesIO(downloaded.content))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    budget = header.index("budget") + 1
    sheet.cell(row=2, column=budget, value="not money")
    broken = io.BytesIO()
    book.save(broken)
    broken.seek(0)
    broken.name = "fictional.xlsx"

    refused = officer.post(_url("upload", round, health.pk), {"file": broken})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Nothing has been saved" in page
    assert [e.row for e in refused.context["row_errors"]] == [2]
    assert Line.objects.get(round=round, partner=health).budget == D("1000.00")

    sheet.cell(row=2, column=budget, value=2500.25)
    good = io.BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "fictional.xlsx"
    assert officer.post(_url("upload", round, health.pk), {"file": good}).status_code == 302
    assert Line.objects.get(round=round, partner=health).budget == D("2500.25")


def test_the_support_officer_opens_a_round_and_sees_it_complete(round, partners, outcome):
    partnership = round.partnership
    support = _support(partnership)
    code = partnership.council_area.code
    opened = support.post(
        reverse("resources:round_open", args=[code]),
        {"year": "2027", "due": "2027-06-30", "request": "Fictional request."},
    )
    assert opened.status_code == 302
    assert Round.objects.filter(partnership=partnership, year=2027).exists()
    again = support.post(
        reverse("resources:round_open", args=[code]),
        {"year": "2027", "due": "2027-06-30", "request": ""},
    )
    assert again.context["form"].errors["year"] == ["The 2027/28 round is already open."]

    page = support.get(_url("round", round)).content.decode()
    assert "2 partners yet to confirm" in page
    for partner in partners.values():
        LineFactory(round=round, partner=partner, outcome=outcome)
        support.post(_url("partner_lines", round, partner.pk), {"action": "confirm"})
    page = support.get(_url("round", round)).content.decode()
    assert "every partner has confirmed" in page
    listing = support.get(reverse("resources:rounds", args=[code])).content.decode()
    assert "2 of 2" in listing


def test_a_joint_budget_is_added_by_the_support_officer_only(round, partners):
    partnership = round.partnership
    code = partnership.council_area.code
    data = {
        "name": "Fictional prevention fund",
        "kind": "prevention",
        "host": partners["health"].pk,
    }
    assert (
        _officer_for(partners["fire"])
        .post(reverse("resources:pool_add", args=[code]), data)
        .status_code
        == 403
    )
    assert (
        _support(partnership).post(reverse("resources:pool_add", args=[code]), data).status_code
        == 302
    )
    listing = _support(partnership).get(reverse("resources:pools", args=[code])).content.decode()
    assert "Fictional prevention fund" in listing
    assert "Fictional Health Board" in listing


def test_an_asset_is_removed_alone_with_a_reason_once_confirmed(round, partners, outcome):
    health = partners["health"]
    line = LineFactory(round=round, partner=health, outcome=outcome)
    officer = _officer_for(health)
    for description in ("Fictional community hub", "Fictional minibus"):
        officer.post(
            _url("asset_add", round, health.pk, line.pk),
            {"kind": "building", "description": description},
        )
    hub = line.assets.get(description="Fictional community hub")
    other = LineFactory(round=round, partner=health, outcome=outcome)
    page = officer.get(_url("partner_lines", round, health.pk)).content.decode()
    assert _url("asset_delete", round, health.pk, line.pk, hub.pk) in page
    officer.post(_url("partner_lines", round, health.pk), {"action": "confirm"})
    url = _url("asset_delete", round, health.pk, line.pk, hub.pk)
    version = officer.get(url).context["edit_version"]
    refused = officer.post(url, {"edit_version": version})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert line.assets.count() == 2
    done = officer.post(url, {"edit_version": version, "reason": "Fictionally sold."})
    assert done.status_code == 302
    assert [a.description for a in line.assets.all()] == ["Fictional minibus"]
    assert Line.objects.filter(pk=line.pk).exists()
    assert hub.history.first().history_change_reason == "Fictionally sold."
    # Another line's asset is not this line's.
    minibus = line.assets.get()
    elsewhere = _url("asset_delete", round, health.pk, other.pk, minibus.pk)
    assert officer.get(elsewhere).status_code == 404


def test_a_joint_budget_is_changed_and_removed_only_while_nothing_uses_it(round, partners, outcome):
    partnership = round.partnership
    code = partnership.council_area.code
    support = _support(partnership)
    support.post(
        reverse("resources:pool_add", args=[code]),
        {"name": "Fictional prevention fund", "kind": "prevention"},
    )
    pool = selectors.pool_list(partnership=partnership).get()
    edit = reverse("resources:pool_edit", args=[code, pool.pk])
    version = support.get(edit).context["edit_version"]
    changed = support.post(
        edit,
        {
            "name": "Fictional early help fund",
            "kind": "prevention",
            "host": partners["health"].pk,
            "edit_version": version,
        },
    )
    assert changed.status_code == 302
    pool.refresh_from_db()
    assert (pool.name, pool.host) == ("Fictional early help fund", partners["health"])
    LineFactory(
        round=round,
        partner=partners["fire"],
        outcome=outcome,
        arrangement="pooled",
        pool=pool,
    )
    remove = reverse("resources:pool_delete", args=[code, pool.pk])
    version = support.get(remove).context["edit_version"]
    refused = support.post(remove, {"edit_version": version})
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [
        "“Fictional early help fund” is used by 1 line of partners' contributions: move "
        "them to another joint budget first."
    ]
    assert selectors.pool_list(partnership=partnership).exists()
    Line.objects.filter(pool=pool).delete()
    assert support.post(remove, {"edit_version": version}).status_code == 302
    assert not selectors.pool_list(partnership=partnership).exists()
    assert pool.history.filter(history_type="-").exists()


def test_another_partnerships_partner_or_line_does_not_exist_here(round, partners, outcome):
    other = LineFactory(round=RoundFactory(partnership=PartnershipFactory()))
    support = _support(round.partnership)
    assert support.get(_url("partner_lines", round, other.partner.pk)).status_code == 404
    health = partners["health"]
    assert support.get(_url("line_edit", round, health.pk, other.pk)).status_code == 404
