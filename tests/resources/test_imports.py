"""A partner's lines through the Excel template: the template lists the partner's lines
and round-trips; an upload is checked row by row, every problem reported by row and
column, and saved all or nothing; a confirmed partner's figures are not replaced by a
file."""

import io
from decimal import Decimal

import openpyxl
import pytest

from placeplan.performance.imports import ImportRefused
from placeplan.resources import imports
from placeplan.resources.models import Line, Pool, RoundShare
from tests.factories import (
    ConfirmationFactory,
    LineFactory,
    OutcomeFactory,
    PartnerFactory,
    PlanFactory,
    PoolFactory,
    ResourceAssetFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def setting():
    round = RoundFactory()
    partner = PartnerFactory(partnership=round.partnership)
    outcome = OutcomeFactory(plan=PlanFactory(partnership=round.partnership))
    pool = PoolFactory(partnership=round.partnership, name="Fictional prevention fund")
    return round, partner, outcome, pool


def _workbook(rows, columns=imports.COLUMNS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _import(setting, rows, **kwargs):
    round, partner, _outcome, _pool = setting
    return imports.template_import(
        round=round,
        partner=partner,
        content=_workbook(rows, **kwargs),
        filename="lines.xlsx",
        user=None,
    )


def test_a_good_file_saves_its_lines_to_the_penny(setting, django_capture_on_commit_callbacks):
    round, partner, outcome, pool = setting
    with django_capture_on_commit_callbacks(execute=True) as after:
        saved = _import(
            setting,
            [
                [
                    "Fictional health visiting",
                    f"O{outcome.pk}",
                    1234.56,
                    None,
                    2.5,
                    "aligned",
                    None,
                    10,
                    20,
                    30,
                    40,
                    "no",
                ],
                [
                    "Fictional fund share",
                    f"o{outcome.pk}",
                    "£2,000.05",
                    1990,
                    None,
                    "Pooled or integrated",
                    "fictional PREVENTION fund",
                    100,
                    0,
                    0,
                    0,
                    "yes",
                ],
            ],
        )
    assert len(saved) == 2
    # The round's share is worked out once for the whole file, not once a line:
    # 740.74 (1,234.56 split 10/20/30/40 to the penny) and 2,000.05 of 3,234.61.
    assert len(after) == 1
    assert RoundShare.objects.get(round=round).full == D("84.73")
    first, second = Line.objects.filter(partner=partner).order_by("title")
    assert second.budget == D("1234.56") and second.staff_fte == D("2.50")
    assert (second.primary, second.secondary, second.tertiary, second.not_preventative) == (
        10,
        20,
        30,
        40,
    )
    assert first.budget == D("2000.05") and first.outturn == D("1990.00")
    assert first.pool == pool and first.arrangement == "pooled" and first.not_for_publication


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_saved(setting):
    round, partner, outcome, _pool = setting
    kept = LineFactory(round=round, partner=partner, outcome=outcome, budget=D("5.00"))
    code = f"O{outcome.pk}"
    with pytest.raises(imports.RowsRefused) as refused:
        _import(
            setting,
            [
                ["", "X99", "12.345", None, None, "shared", None, 0, 0, 0, 100, "maybe"],
                [
                    "Fictional line",
                    code,
                    10,
                    "=A1*2",
                    -1,
                    "pooled",
                    "No such fund",
                    50,
                    0,
                    0,
                    40,
                    "",
                ],
                ["Fictional line", code, 10, None, None, "aligned", None, "half", 0, 0, 100, ""],
                ["Fictional line", code, 10, None, None, "aligned", None, 0, 0, 0, 100, ""],
            ],
        )
    found = {(e.row, e.column) for e in refused.value.errors}
    assert found == {
        (2, "budget_line"),
        (2, "for"),
        (2, "budget"),
        (2, "arrangement"),
        (2, "not_for_publication"),
        (3, "outturn"),
        (3, "staff_fte"),
        (3, "joint_budget"),
        (3, "primary"),
        (4, "primary"),
        (4, "budget_line"),
        (5, "budget_line"),
    }
    messages = {(e.row, e.column): e.message for e in refused.value.errors}
    assert messages[(3, "primary")] == (
        "The shares of the four levels must add up to 100%: this row's add up to 90%."
    )
    assert messages[(3, "outturn")] == "holds a formula; paste the values only."
    assert messages[(5, "budget_line")] == ("Repeats row 3: give each line for a purpose once.")
    assert list(Line.objects.filter(partner=partner)) == [kept]


def test_rules_of_the_service_are_reported_on_their_row_and_undo_the_rest(setting):
    round, partner, outcome, _pool = setting
    hosted = PoolFactory(partnership=round.partnership, kind=Pool.Kind.INTEGRATION, host=partner)
    kept = LineFactory(round=round, partner=partner, outcome=outcome, title="Kept fictional line")
    with pytest.raises(imports.RowsRefused) as refused:
        _import(
            setting,
            [
                [
                    "New fictional line",
                    f"O{outcome.pk}",
                    10,
                    None,
                    None,
                    "aligned",
                    None,
                    0,
                    0,
                    0,
                    100,
                    "",
                ],
                [
                    "Hosted fictional line",
                    f"O{outcome.pk}",
                    10,
                    None,
                    None,
                    "pooled",
                    hosted.name,
                    0,
                    0,
                    0,
                    100,
                    "",
                ],
            ],
        )
    (error,) = refused.value.errors
    assert (error.row, error.column) == (3, "joint_budget")
    assert "counted once" in error.message
    # The first row's new line and the removal of the kept line were undone.
    assert list(Line.objects.filter(partner=partner)) == [kept]


def test_the_template_round_trips_and_keeps_assets(setting):
    round, partner, outcome, pool = setting
    line = LineFactory(
        round=round, partner=partner, outcome=outcome, budget=D("99.99"), secondary=25
    )
    asset = ResourceAssetFactory(line=line)
    other = LineFactory(round=round, partner=partner, outcome=outcome, title="Dropped line")
    content = imports.template_workbook(round=round, partner=partner)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Lines", "Choices", "Definitions"]
    rows = list(workbook["Lines"].iter_rows(values_only=True))
    assert rows[0] == imports.COLUMNS
    assert any(r[0] == line.title and r[1] == f"O{outcome.pk}" for r in rows[1:])
    definitions = [r[0] for r in workbook["Definitions"].iter_rows(values_only=True)]
    assert "Primary prevention" in definitions
    # Upload it without the dropped line, and the budget changed.
    sheet = workbook["Lines"]
    for row in range(sheet.max_row, 1, -1):
        if sheet.cell(row, 1).value == other.title:
            sheet.delete_rows(row)
        elif sheet.cell(row, 1).value == line.title:
            sheet.cell(row, 3).value = 120.5
    stream = io.BytesIO()
    workbook.save(stream)
    imports.template_import(
        round=round, partner=partner, content=stream.getvalue(), filename="t.xlsx", user=None
    )
    (kept,) = Line.objects.filter(partner=partner)
    assert kept.pk == line.pk and kept.budget == D("120.50") and kept.secondary == 25
    assert list(kept.assets.all()) == [asset]


def test_a_file_that_cannot_be_read_or_lacks_columns_is_refused(setting):
    round, partner, _outcome, _pool = setting
    with pytest.raises(ImportRefused, match="not a readable .xlsx"):
        imports.template_import(
            round=round, partner=partner, content=b"not a workbook", filename="x.xlsx", user=None
        )
    with pytest.raises(ImportRefused, match="Missing: budget"):
        _import(setting, [["Fictional", "O1"]], columns=("budget_line", "for"))


def test_confirmed_figures_are_not_replaced_by_a_file(setting):
    round, partner, _outcome, _pool = setting
    ConfirmationFactory(round=round, partner=partner)
    with pytest.raises(ImportRefused, match="line by line, giving a reason"):
        _import(setting, [])
