"""A participatory budgeting fund linked to the vote it pays for: the service refuses a
vote of another partnership or a link from a joint budget of another kind (with every
problem at once); the joint budget's form offers only the partnership's votes; the vote's
pages show where its money comes from (the latest round's lines into the fund, in full
for staff and the published figures for the public, never naming a draft vote publicly);
the link is kept in the history.

Worked figures for 2026/27: the fund gets £1,000.25 from the Fictional Health Board
(confirmed) and £499.75 from the Fictional Fire Board (not confirmed): £1,500.00 in
full, £1,000.25 published. A £2,000.00 line into another joint budget counts for
neither."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from placeplan.budgets.models import Process
from placeplan.partnerships.services import partnership_role_grant
from placeplan.resources import contributions, services
from placeplan.resources.forms.rounds import PoolForm
from placeplan.resources.models import Arrangement, Pool
from tests.factories import (
    ConfirmationFactory,
    LineFactory,
    LocalityFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    PlanFactory,
    PoolFactory,
    ProcessFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def round():
    return RoundFactory()


@pytest.fixture
def partnership(round):
    return round.partnership


@pytest.fixture
def process(partnership):
    return ProcessFactory(partnership=partnership, title="Fictional Community Choices")


@pytest.fixture
def fund(partnership, process):
    return PoolFactory(
        partnership=partnership,
        name="Fictional community choices fund",
        kind=Pool.Kind.PB,
        process=process,
    )


@pytest.fixture
def funded(round, fund):
    """The worked figures of the module's docstring."""
    partnership = round.partnership
    outcome = OutcomeFactory(plan=PlanFactory(partnership=partnership))
    health, fire = (
        PartnerFactory(
            partnership=partnership,
            organisation=OrganisationFactory(name=f"Fictional {name} Board"),
        )
        for name in ("Health", "Fire")
    )
    other = PoolFactory(partnership=partnership, name="Fictional other fund")
    for partner, budget, pool in (
        (health, "1000.25", fund),
        (fire, "499.75", fund),
        (health, "2000.00", other),
    ):
        LineFactory(
            round=round,
            partner=partner,
            outcome=outcome,
            budget=D(budget),
            arrangement=Arrangement.POOLED,
            pool=pool,
        )
    ConfirmationFactory(round=round, partner=health)
    return fund


def _client(partnership, role="support_officer") -> Client:
    user = UserFactory(full_name=f"Fictional {role}")
    partnership_role_grant(user=user, partnership=partnership, role=role)
    client = Client()
    client.force_login(user)
    return client


def _staff_page(process, role="support_officer") -> str:
    url = reverse("budgets:process", args=[process.partnership.council_area.code, process.pk])
    return _client(process.partnership, role).get(url).content.decode()


def _public_page(process):
    url = reverse("public:budget", args=[process.partnership.council_area.code, process.pk])
    return Client().get(url)


def test_a_vote_of_another_partnership_is_refused_with_every_other_problem(partnership):
    elsewhere = ProcessFactory(partnership=PartnershipFactory())
    stranger = PartnerFactory(partnership=elsewhere.partnership)
    with pytest.raises(ValidationError) as refused:
        services.pool_save(
            partnership=partnership,
            name="Fictional fund",
            kind=Pool.Kind.PB,
            host=stranger,
            process=elsewhere,
        )
    assert refused.value.message_dict == {
        "host": ["That partner is not in this partnership."],
        "process": ["That participatory budgeting vote is not in this partnership."],
    }
    assert not Pool.objects.filter(partnership=partnership).exists()


def test_only_a_participatory_budgeting_fund_pays_for_a_vote(partnership, process):
    with pytest.raises(ValidationError) as refused:
        services.pool_save(
            partnership=partnership,
            name="Fictional fund",
            kind=Pool.Kind.LOCALITY,
            locality=LocalityFactory(partnership=PartnershipFactory()),
            process=process,
        )
    assert refused.value.message_dict == {
        "locality": ["That locality is not in this partnership."],
        "process": [
            "Only a participatory budgeting fund pays for a vote: choose that kind of joint "
            "budget, or leave the vote out."
        ],
    }
    fund = services.pool_save(
        partnership=partnership, name="Fictional fund", kind=Pool.Kind.PB, process=process
    )
    assert list(process.funds.all()) == [fund]


def test_the_form_offers_only_the_partnerships_votes(partnership, process):
    draft = ProcessFactory(partnership=partnership, status=Process.Status.DRAFT)
    elsewhere = ProcessFactory(partnership=PartnershipFactory())
    form = PoolForm(partnership=partnership)
    assert set(form.fields["process"].queryset) == {process, draft}
    assert form.fields["process"].label == "Vote it pays for"
    refused = PoolForm(
        {"name": "Fictional fund", "kind": "pb", "process": elsewhere.pk},
        partnership=partnership,
    )
    assert not refused.is_valid() and "process" in refused.errors
    code = partnership.council_area.code
    page = _client(partnership).get(reverse("resources:pool_add", args=[code]))
    html = page.content.decode()
    assert "Vote it pays for" in html and process.title in html
    assert f"{draft.title} (draft)" in html
    assert elsewhere.title not in html


def test_the_joint_budgets_list_links_the_fund_to_its_vote(partnership, fund, process):
    code = partnership.council_area.code
    page = _client(partnership).get(reverse("resources:pools", args=[code])).content.decode()
    url = reverse("budgets:process", args=[code, process.pk])
    assert f'Pays for the vote <a href="{url}">Fictional Community Choices</a>' in page


def test_the_staff_page_shows_the_lines_into_the_fund_in_full(funded, process):
    page = _staff_page(process)
    assert "Where the money comes from" in page
    assert "Fictional community choices fund" in page
    # £1,000.25 + £499.75, the £2,000.00 into another joint budget left out.
    assert "£1,500 put into it in 2026/27" in page
    # A national reader sees the published figures only.
    reader = Client()
    reader.force_login(UserFactory(is_national_reader=True))
    url = reverse("budgets:process", args=[process.partnership.council_area.code, process.pk])
    assert "£1,000.25 put into it in 2026/27" in reader.get(url).content.decode()


def test_the_public_page_leaves_out_an_unconfirmed_partners_line(funded, process):
    page = _public_page(process).content.decode()
    assert "Where the money comes from" in page
    assert "£1,000.25 put into it in 2026/27" in page
    assert "£1,500" not in page
    assert "Fictional community choices fund" in page
    assert reverse("resources:pools", args=[process.partnership.council_area.code]) not in page


def test_a_draft_vote_is_never_named_or_linked_publicly(funded, process):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
    process.refresh_from_db()
    assert _public_page(process).status_code == 404
    request = RequestFactory().get("/")
    request.user = UserFactory()
    assert (
        contributions.public_process_funds(
            request=request, subject=process, partnership=process.partnership
        )
        is None
    )
    code = process.partnership.council_area.code
    resources = Client().get(reverse("public:resources", args=[code])).content.decode()
    assert process.title not in resources
    # Staff still see where its money comes from.
    assert "£1,500 put into it in 2026/27" in _staff_page(process)


def test_a_vote_no_fund_pays_for_shows_no_panel(partnership, process):
    PoolFactory(partnership=partnership, kind=Pool.Kind.PB)
    assert "Where the money comes from" not in _staff_page(process)
    assert "Where the money comes from" not in _public_page(process).content.decode()


def test_a_fund_with_nothing_in_the_round_says_so(fund, process):
    assert "nothing entered for it in 2026/27 yet" in _staff_page(process)
    assert "nothing confirmed for it in 2026/27 yet" in _public_page(process).content.decode()


def test_the_history_keeps_the_change_of_vote(partnership, process):
    fund = PoolFactory(partnership=partnership, kind=Pool.Kind.PB)
    services.pool_save(partnership=partnership, pool=fund, process=process)
    later = ProcessFactory(partnership=partnership)
    services.pool_save(partnership=partnership, pool=fund, process=later)
    records = list(fund.history.order_by("history_date", "history_id"))
    assert [record.process_id for record in records] == [None, process.pk, later.pk]
    delta = records[2].diff_against(records[1])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("process", process.pk, later.pk)]
