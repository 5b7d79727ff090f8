"""Reads of plans: the numbered tree, the checklist, lists for staff and the public, what
each partner is accountable for, comparing versions, locality coverage and the tables."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from placeplan.partnerships.models import Locality
from placeplan.partnerships.services import locality_save
from placeplan.plans import plan_rules, selectors, services
from placeplan.plans.models import Outcome, Plan, PolicyPriority, Target

from .conftest import (
    COMMITMENT_DUE,
    TARGET_DUE,
    add_commitment,
    add_outcome,
    agree,
    fresh,
    new_plan,
    publish,
)

pytestmark = pytest.mark.django_db
S = Plan.Status


def _mine(items, plans, attr=None):
    """Only the entries about the plans this test made (demo plans may exist too)."""
    series = {p.series for p in plans}
    return [i for i in items if (getattr(i, attr) if attr else i).series in series]


# --- plan_tree ---


def test_plan_tree_numbers_outcomes_by_position(highland, board):
    plan = new_plan(highland, board)
    a = add_outcome(plan, "Fictional A")
    b = add_outcome(plan, "Fictional B", is_priority=True)
    c = add_outcome(plan, "Fictional C")
    a1 = add_outcome(plan, "Fictional A1", parent=a)
    a2 = add_outcome(plan, "Fictional A2", parent=a, is_priority=True)
    b1 = add_outcome(plan, "Fictional B1", parent=b)

    tree = selectors.plan_tree(plan=plan)
    assert [(n.number, n.outcome) for n in tree.nodes()] == [
        ("1", a),
        ("1.1", a1),
        ("1.2", a2),
        ("2", b),
        ("2.1", b1),
        ("3", c),
    ]
    assert [n.number for n in tree.outcomes] == ["1", "2", "3"]
    assert [child.outcome for child in tree.outcomes[0].children] == [a1, a2]
    assert [(n.number, n.outcome) for n in tree.priorities] == [("1.2", a2), ("2", b)]

    # Removing the first outcome renumbers the rest.
    services.outcome_remove(outcome=a)
    tree = selectors.plan_tree(plan=plan)
    assert [(n.number, n.outcome) for n in tree.nodes()] == [("1", b), ("1.1", b1), ("2", c)]


def test_plan_tree_carries_indicators_targets_and_commitments(built):
    tree = selectors.plan_tree(plan=built.plan)
    (top,) = tree.outcomes
    assert top.indicators == [] and top.commitments == []
    (child,) = top.children
    assert child.indicators == [built.indicator]
    assert [(t.value, t.due) for t in child.indicators[0].targets.all()] == [(15.0, TARGET_DUE)]
    assert child.commitments == [built.commitment]


def test_plan_tree_of_an_empty_plan(highland, board):
    tree = selectors.plan_tree(plan=new_plan(highland, board))
    assert tree.outcomes == [] and tree.priorities == [] and list(tree.nodes()) == []


# --- plan_checklist ---


def _checklist(plan):
    return [
        (i.message, i.anchor, i.blocks)
        for i in selectors.plan_checklist(tree=selectors.plan_tree(plan=plan))
    ]


def test_checklist_of_an_empty_plan_blocks(highland, board):
    assert _checklist(new_plan(highland, board)) == [
        ("The plan has no outcomes yet.", "outcomes", True)
    ]


def test_checklist_of_a_complete_plan_only_advises(built):
    assert _checklist(built.plan) == [
        ("Outcome 1.1 has no lead body.", f"outcome-{built.intermediate.pk}", False)
    ]


def test_checklist_lists_blocking_commitments_and_advice(
    built, board, positive_destinations, highland_area, highland_partners
):
    incomplete = add_commitment(built.intermediate, "Fictional free bus travel for carers")
    no_date = add_commitment(
        built.intermediate, "Fictional job fairs", lead_partner=highland_partners[0]
    )
    second = add_outcome(built.plan, "Fictional good jobs for young people")
    under = add_outcome(built.plan, "Fictional more leavers in work", parent=second)
    lonely = add_outcome(built.plan, "Fictional lonely outcome", lead_body=board)
    services.indicator_add(outcome=under, measure=positive_destinations, area=highland_area)

    items = _checklist(built.plan)
    blocking = [(m, a) for m, a, blocks in items if blocks]
    assert blocking == [
        (
            "Commitment 1.1.2 “Fictional free bus travel for carers” needs an accountable "
            "partner and a date.",
            f"commitment-{incomplete.pk}",
        ),
        ("Commitment 1.1.3 “Fictional job fairs” needs a date.", f"commitment-{no_date.pk}"),
    ]
    advice = {m for m, _, blocks in items if not blocks}
    assert advice == {
        "Outcome 1.1 has no lead body.",
        "Outcome 2 has no lead body.",
        "Outcome 2.1 has no lead body.",
        "Outcome 2.1 has no commitments.",
        "Positive Destinations (outcome 2.1) has no baseline.",
        "Outcome 3 has no intermediate outcomes.",
    }
    assert (
        "Outcome 3 has no intermediate outcomes.",
        f"outcome-{lonely.pk}",
        False,
    ) in items

    # The plan cannot be agreed while the checklist has blocking items.
    with pytest.raises(ValidationError, match="2 commitments are incomplete"):
        agree(built.plan, board)


def test_checklist_notes_an_indicator_without_a_target_and_an_outcome_without_one(
    built, board, positive_destinations, highland_area
):
    services.target_remove(target=Target.objects.get(indicator=built.indicator))
    sibling = add_outcome(built.plan, "Fictional sibling", parent=built.long_term, lead_body=board)
    add_commitment(sibling, "Fictional", lead_partner=None)
    messages = {m for m, _, _ in _checklist(built.plan)}
    assert "Child Poverty (outcome 1.1) has no target." in messages
    assert "Outcome 1.2 has no indicator." in messages
    assert "Outcome 1.2 has no commitments." not in messages


# --- plan_list, plan_get and versions ---


@pytest.fixture
def two_plans(build, board):
    """Plan X: version 1 published, version 2 a draft. Plan Y: a draft only."""
    x1 = build(title="Fictional Plan X").plan
    publish(agree(x1, board))
    x2 = services.plan_amend(plan=x1)
    y = build(title="Fictional Plan Y").plan
    return fresh(x1), x2, y


def test_plan_list_for_the_public_holds_only_published_versions(highland, two_plans):
    x1, x2, y = two_plans
    listed = selectors.plan_list(partnership=highland, public=True)
    assert all(p.status == S.PUBLISHED for p in listed)
    assert _mine(listed, two_plans) == [x1]


def test_plan_list_for_staff_holds_one_entry_per_plan_with_its_versions(highland, two_plans):
    x1, x2, y = two_plans
    listed = _mine(selectors.plan_list(partnership=highland), two_plans)
    assert sorted(listed, key=lambda p: p.title) == [x2, y]
    by_title = {p.title: p for p in listed}
    assert by_title["Fictional Plan X"].versions == [x2, x1]
    assert by_title["Fictional Plan Y"].versions == [y]


def test_plan_list_of_another_partnership_holds_none_of_these(perth, two_plans):
    assert _mine(selectors.plan_list(partnership=perth), two_plans) == []


def test_plan_list_for_staff_shows_the_newest_version_after_a_rename(highland, build, board):
    # Regression: the list once ordered by title before version, so renaming a plan in an
    # amendment put the old version first.
    v1 = build(title="Fictional Plan Alpha").plan
    publish(agree(v1, board))
    v2 = services.plan_amend(plan=v1)
    v2.title = "Fictional Plan Omega"
    services.plan_save(plan=v2)
    (entry,) = _mine(selectors.plan_list(partnership=highland), [v1])
    assert entry == v2
    assert entry.versions == [v2, fresh(v1)]


def test_plan_get_for_the_public_refuses_drafts_and_agreed_versions(highland, build, board):
    plan = build().plan
    with pytest.raises(Plan.DoesNotExist):
        selectors.plan_get(partnership=highland, pk=plan.pk, public=True)
    assert selectors.plan_get(partnership=highland, pk=plan.pk) == plan
    agree(plan, board)
    with pytest.raises(Plan.DoesNotExist):
        selectors.plan_get(partnership=highland, pk=plan.pk, public=True)
    publish(plan)
    assert selectors.plan_get(partnership=highland, pk=plan.pk, public=True) == plan


def test_plan_get_for_the_public_shows_superseded_versions_but_not_new_drafts(
    highland, two_plans, board
):
    x1, x2, _ = two_plans
    with pytest.raises(Plan.DoesNotExist):
        selectors.plan_get(partnership=highland, pk=x2.pk, public=True)
    publish(agree(x2, board, on=datetime.date(2026, 8, 1)), on=datetime.date(2026, 8, 2))
    assert fresh(x1).status == S.SUPERSEDED
    assert selectors.plan_get(partnership=highland, pk=x1.pk, public=True) == x1
    assert selectors.plan_get(partnership=highland, pk=x2.pk, public=True) == x2


def test_plan_get_refuses_another_partnerships_plan(perth, two_plans):
    with pytest.raises(Plan.DoesNotExist):
        selectors.plan_get(partnership=perth, pk=two_plans[0].pk)


def test_plan_version_pair_puts_the_older_version_first(two_plans):
    x1, x2, y = two_plans
    assert selectors.plan_version_pair(plan=x2, other=x1) == (x1, x2)
    assert selectors.plan_version_pair(plan=x1, other=x2) == (x1, x2)
    with pytest.raises(Plan.DoesNotExist):
        selectors.plan_version_pair(plan=x1, other=x1)
    with pytest.raises(Plan.DoesNotExist):
        selectors.plan_version_pair(plan=x1, other=y)


def test_plan_versions_newest_first(two_plans):
    x1, x2, _ = two_plans
    assert selectors.plan_versions(plan=x1) == [x2, x1]
    assert selectors.plan_versions(plan=x2, public=True) == [x1]
    assert selectors.plan_published_version(plan=x2) == x1


# --- partner_accountability ---


@pytest.fixture
def accountability(build, board, highland_partners):
    """Plan A published: its commitment led by partner 0 with partner 1 contributing.
    Plan B a draft: a commitment led by partner 1."""
    a = build(title="Fictional Plan A")
    publish(agree(a.plan, board))
    b = build(title="Fictional Plan B")
    services.commitment_remove(commitment=b.commitment)
    led_by_1 = add_commitment(
        b.intermediate,
        "Fictional outreach in every glen",
        lead_partner=highland_partners[1],
        due=COMMITMENT_DUE,
    )
    return a, b, led_by_1


def _roles(partner, plans, public=False):
    return [
        (x.plan.title, x.plan.version, x.outcome_number, x.commitment.what, x.role)
        for x in _mine(
            selectors.partner_accountability(partner=partner, public=public), plans, "plan"
        )
    ]


def test_partner_accountability_says_who_leads_and_who_contributes(
    accountability, highland_partners
):
    a, b, _ = accountability
    plans = [a.plan, b.plan]
    what = "Income maximisation advice in every fictional school"
    assert _roles(highland_partners[0], plans) == [("Fictional Plan A", 1, "1.1", what, "Leads")]
    assert _roles(highland_partners[1], plans) == [
        ("Fictional Plan A", 1, "1.1", what, "Contributes"),
        ("Fictional Plan B", 1, "1.1", "Fictional outreach in every glen", "Leads"),
    ]
    assert _roles(highland_partners[2], plans) == []


def test_partner_accountability_for_the_public_shows_published_plans_only(
    accountability, highland_partners
):
    a, b, _ = accountability
    what = "Income maximisation advice in every fictional school"
    assert _roles(highland_partners[1], [a.plan, b.plan], public=True) == [
        ("Fictional Plan A", 1, "1.1", what, "Contributes")
    ]


def test_partner_accountability_leaves_out_superseded_versions(
    accountability, board, highland_partners
):
    a, b, _ = accountability
    v2 = services.plan_amend(plan=a.plan)
    what = "Income maximisation advice in every fictional school"
    # Staff see the published version and the draft amendment.
    assert _roles(highland_partners[0], [a.plan]) == [
        ("Fictional Plan A", 1, "1.1", what, "Leads"),
        ("Fictional Plan A", 2, "1.1", what, "Leads"),
    ]
    publish(agree(v2, board, on=datetime.date(2026, 8, 1)), on=datetime.date(2026, 8, 2))
    assert fresh(a.plan).status == S.SUPERSEDED
    for public in (False, True):
        assert _roles(highland_partners[0], [a.plan], public=public) == [
            ("Fictional Plan A", 2, "1.1", what, "Leads")
        ]


# --- plan_compare ---


def test_plan_compare_lists_what_was_added_removed_and_changed(build, board):
    b = build(title="Fictional Compared Plan")
    add_outcome(b.plan, "Fictional outcome to drop", lead_body=board)
    publish(agree(b.plan, board))
    v2 = services.plan_amend(plan=b.plan)

    v2.title = "Fictional Compared Plan, refreshed"
    v2.priority_limit = 4
    services.plan_save(plan=v2)
    services.outcome_remove(outcome=Outcome.objects.get(plan=v2, statement__contains="to drop"))
    add_outcome(v2, "Fictional new outcome", lead_body=board)
    intermediate = Outcome.objects.get(plan=v2, key=b.intermediate.key)
    intermediate.statement = "More families get the money they are due"
    services.outcome_save(outcome=intermediate)
    intermediate.policy_priorities.set([PolicyPriority.objects.get(code="early-years")])
    indicator = intermediate.indicators.get()
    services.target_remove(target=indicator.targets.get())
    services.target_add(indicator=indicator, value=12.0, due=TARGET_DUE)

    changes = [
        (c.kind, c.subject, c.details)
        for c in selectors.plan_compare(older=fresh(b.plan), newer=fresh(v2))
    ]
    assert changes == [
        (
            "changed",
            "The plan's details",
            [
                "Title: “Fictional Compared Plan” became “Fictional Compared Plan, refreshed”",
                "Priorities allowed: “5” became “4”",
            ],
        ),
        (
            "changed",
            "Intermediate outcome 1.1: More families get the money they are due",
            [
                "Statement: “More families claim what they are entitled to” became “More "
                "families get the money they are due”",
                "National policy priorities: “none” became “Early years”",
            ],
        ),
        (
            "changed",
            "Indicator Child Poverty for Highland (outcome 1.1)",
            ["Targets: “15 by March 2030” became “12 by March 2030”"],
        ),
        ("added", "Long-term outcome 2: Fictional new outcome", []),
        ("removed", "Long-term outcome 2: Fictional outcome to drop", []),
    ]


def test_plan_compare_of_identical_versions_finds_nothing(built, board):
    publish(agree(built.plan, board))
    v2 = services.plan_amend(plan=built.plan)
    assert selectors.plan_compare(older=fresh(built.plan), newer=v2) == []


def test_plan_compare_notices_commitment_and_baseline_changes(built, board, highland_partners):
    publish(agree(built.plan, board))
    v2 = services.plan_amend(plan=built.plan)
    commitment = v2.outcomes.get(key=built.intermediate.key).commitments.get()
    commitment.lead_partner = highland_partners[2]
    commitment.due = datetime.date(2029, 3, 31)
    services.commitment_save(commitment=commitment)
    indicator = commitment.indicator
    services.indicator_baseline_set(indicator=indicator, value=18.5, period="2023/24")
    changes = {c.subject: c.details for c in selectors.plan_compare(older=built.plan, newer=v2)}
    assert changes == {
        "Commitment 1.1.1: Income maximisation advice in every fictional school": [
            f"Lead partner: “{highland_partners[0].organisation.name}” became "
            f"“{highland_partners[2].organisation.name}”",
            "When: “31 March 2028” became “31 March 2029”",
        ],
        "Indicator Child Poverty for Highland (outcome 1.1)": [
            "Baseline: “20 (2021/22)” became “18.5 (2023/24)”"
        ],
    }


def test_plan_compare_refuses_versions_of_different_plans(build):
    one, other = build().plan, build(title="Fictional other").plan
    with pytest.raises(ValueError, match="same plan"):
        selectors.plan_compare(older=one, newer=other)


# --- locality_plan_coverage ---


def test_locality_plan_coverage(highland, board, highland_locality, highland_zone):
    settled = locality_save(
        locality=Locality(partnership=highland, name="Strath Fictional Settled"),
        communities=[highland_zone],
    )

    def coverage(public=False):
        return {
            c.locality: c
            for c in selectors.locality_plan_coverage(partnership=highland, public=public)
        }

    now = coverage()
    assert highland_locality.has_poorer_outcomes and now[highland_locality].plans == []
    assert now[highland_locality].is_missing is True
    assert now[settled].plans == [] and now[settled].is_missing is False

    plan = new_plan(
        highland,
        board,
        title="Fictional Glen Locality Plan",
        kind=Plan.Kind.LOCALITY,
        locality=highland_locality,
    )
    assert coverage()[highland_locality].plans == [plan]
    assert coverage()[highland_locality].is_missing is False
    assert coverage(public=True)[highland_locality].is_missing is True

    add_outcome(plan, "Fictional warmer homes in the glen")
    publish(agree(plan, board))
    v2 = services.plan_amend(plan=plan)
    assert coverage()[highland_locality].plans == [v2]  # one entry for the plan: the newest
    assert coverage(public=True)[highland_locality].plans == [fresh(plan)]
    assert coverage(public=True)[highland_locality].is_missing is False


def test_locality_plan_coverage_lists_only_the_partnerships_localities(
    highland, highland_locality, perth_locality
):
    localities = [c.locality for c in selectors.locality_plan_coverage(partnership=highland)]
    assert highland_locality in localities and perth_locality not in localities


# --- plan_table ---


def test_plan_table_rows_agree_with_a_hand_calculation(
    built, board, highland_partners, child_poverty
):
    plan, indicator = built.plan, built.indicator
    services.target_remove(target=indicator.targets.get())
    services.indicator_baseline_set(indicator=indicator, value=18.88276947285602, period="2021/22")
    services.target_add(
        indicator=indicator, value=10.0, due=datetime.date(2028, 3, 31), is_illustrative=True
    )
    services.target_add(indicator=indicator, value=12.25, due=TARGET_DUE)
    services.indicator_gap_target_set(
        indicator=indicator, reduction=50, by=datetime.date(2031, 3, 31)
    )
    built.intermediate.policy_priorities.set([PolicyPriority.objects.get(code="early-years")])
    tree = selectors.plan_tree(plan=plan)

    header, rows = selectors.plan_table(tree=tree, name="outcomes")
    assert header[:3] == ["Number", "Level", "Outcome"]
    assert rows == [
        [
            "1",
            "Long-term",
            "Fewer Highland children grow up in poverty",
            "Poverty",
            "Fictional Members Partnership Board",
            "No",
            "Poverty",
            "",
        ],
        [
            "1.1",
            "Intermediate",
            "More families claim what they are entitled to",
            "",
            "",
            "No",
            "",
            "Early years",
        ],
    ]

    header, rows = selectors.plan_table(tree=tree, name="indicators")
    assert len(header) == 11
    assert rows == [
        [
            "1.1",
            "Child Poverty",
            "Highland",
            "%",
            "Lower is better",
            "18.8828",
            "2021/22",
            "No",
            "10 by March 2028 (illustrative); 12.25 by March 2030",
            "Halve the gap between the most and least deprived fifth of communities by March 2031",
            child_poverty.source,
        ]
    ]

    header, rows = selectors.plan_table(tree=tree, name="commitments")
    assert header[1:3] == ["Number", "What will improve"]
    assert rows == [
        [
            "1.1",
            "1.1.1",
            "Income maximisation advice in every fictional school",
            "Child Poverty",
            "",
            highland_partners[0].organisation.name,
            highland_partners[1].organisation.name,
            "",
            "2028-03-31",
            "No",
        ]
    ]


def test_plan_table_marks_estimates_and_empty_baselines(
    built, observations, positive_destinations, highland_area
):
    _, estimate = observations
    services.target_remove(target=built.indicator.targets.get())
    services.indicator_baseline_set(indicator=built.indicator, observation=estimate)
    services.indicator_add(
        outcome=built.intermediate, measure=positive_destinations, area=highland_area
    )
    _, rows = selectors.plan_table(tree=selectors.plan_tree(plan=built.plan), name="indicators")
    by_name = {row[1]: row for row in rows}
    assert by_name["Child Poverty"][5:9] == [
        plan_rules.number_text(estimate.value),
        estimate.period.label,
        "Yes",
        "",
    ]
    assert by_name["Positive Destinations"][4:9] == ["Higher is better", "", "", "No", ""]


def test_plan_table_refuses_an_unknown_table(built):
    with pytest.raises(KeyError):
        selectors.plan_table(tree=selectors.plan_tree(plan=built.plan), name="budgets")


# --- The indicator library and baseline options ---


def _peat_stacks(partnership, levels):
    """A fictional local indicator of the partnership's, reported for ``levels``."""
    return services.local_indicator_create(
        partnership=partnership,
        name="Fictional Peat Stacks",
        definition="Fictional peat stacks counted each spring.",
        unit="stacks",
        higher_is_better=None,
        source="Fictional survey",
        frequency="Annual",
        levels=levels,
    )


def test_indicator_library_counts_uses_in_current_plans(
    highland, perth, board, child_poverty, highland_area
):
    def uses(partnership, name):
        library = selectors.indicator_library(partnership=partnership)
        return {m.name: m.uses for group in library.values() for m in group}.get(name)

    measure = _peat_stacks(highland, ["council_area"])
    before = uses(highland, "Child Poverty")
    assert uses(highland, "Fictional Peat Stacks") == 0
    assert uses(perth, "Fictional Peat Stacks") is None  # not in another partnership's library
    outcome = add_outcome(new_plan(highland, board), "Fictional outcome")
    services.indicator_add(outcome=outcome, measure=measure, area=highland_area)
    services.indicator_add(outcome=outcome, measure=child_poverty, area=highland_area)
    assert uses(highland, "Fictional Peat Stacks") == 1
    assert uses(highland, "Child Poverty") == before + 1
    library = selectors.indicator_library(partnership=highland)
    assert measure in library["Local indicator"]


def test_the_library_gives_levels_in_words_and_links_national_measures_to_compare_and_profile(
    highland, child_poverty
):
    from django.test import Client

    from tests.factories import user_with_role

    local = _peat_stacks(highland, ["council_area", "intermediate_zone"])
    assert local.levels_label == "Council area, intermediate zone"
    assert child_poverty.is_compared_nationally and not local.is_compared_nationally
    client = Client()
    client.force_login(user_with_role("support_officer", council_code=highland.council_area.code))
    page = client.get(f"/workspace/{highland.council_area.code}/indicators/").content.decode()
    assert "councilarea" not in page
    assert "Council area, intermediate zone; Annual" in page
    assert f'href="/compare/?measure={child_poverty.code}"' in page
    assert f'href="/compare/?measure={local.code}"' not in page
    # ... and each national measure to its section of the partnership's outcomes profile.
    code = highland.council_area.code
    assert f'href="/areas/{code}/outcomes/#measure-{child_poverty.code}"' in page
    assert f"#measure-{local.code}" not in page


def test_baseline_options_are_the_indicators_own_values_newest_first(built, child_poverty):
    options = selectors.baseline_options(indicator=built.indicator, limit=5)
    assert len(options) == 5
    assert all(o.measure == child_poverty and o.area == built.indicator.area for o in options)
    starts = [o.period.start for o in options]
    assert starts == sorted(starts, reverse=True)
    newest = child_poverty.observations.filter(area=built.indicator.area).latest("period__start")
    assert options[0] == newest
