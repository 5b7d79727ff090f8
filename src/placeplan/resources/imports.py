"""A partner's lines for a round as an Excel workbook: the template (the partner's lines so
far, the choices each column takes and the definitions of the levels of prevention), and
its upload, checked row by row and saved all or nothing.

The upload replaces the partner's lines in the round with the rows of the file: a row
whose budget line and purpose match a line already entered changes that line (its assets
stay with it); a line the file no longer lists is removed; a new row adds a line. Every
problem of every row is reported by row and column, and nothing is saved unless every row
is good; then each row goes through ``services.line_save``, with the same rules as the
form. A partner that has confirmed its lines changes them one by one, with a reason."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from placeplan.core.downloads import CONTROL_CHARACTERS, safe_cell
from placeplan.partnerships.models import Partner
from placeplan.performance.imports import ImportRefused, RowError, table_read
from placeplan.resources import selectors, services
from placeplan.resources.models import (
    FIELD_OF_LEVEL,
    LEVEL_DEFINITIONS,
    Arrangement,
    Line,
    Round,
)

COLUMNS = (
    "budget_line",
    "for",
    "budget",
    "outturn",
    "staff_fte",
    "arrangement",
    "joint_budget",
    "primary",
    "secondary",
    "tertiary",
    "not_preventative",
    "not_for_publication",
)
REQUIRED = ("budget_line", "for", "budget", "arrangement", *FIELD_OF_LEVEL.values())
HEADINGS = {
    "budget_line": "The service or budget, as your organisation names it",
    "for": "The code of the outcome, commitment or locality (sheet Choices)",
    "budget": "Budget for the year, in pounds and pence (1234.56)",
    "outturn": "What was spent, once known (leave empty until then)",
    "staff_fte": "Staff, full-time equivalent (2.5)",
    "arrangement": "aligned, pooled or delegated (sheet Choices)",
    "joint_budget": "For pooled or delegated money: the joint budget's name (sheet Choices)",
    "primary": "Per cent that is primary prevention (whole number)",
    "secondary": "Per cent that is secondary prevention",
    "tertiary": "Per cent that is tertiary prevention",
    "not_preventative": "Per cent that is not preventative (the four add up to 100)",
    "not_for_publication": "yes to keep the line out of published figures",
}
MAX_PENCE = Decimal("999999999999.99")
YES = {"yes", "y", "true", "1"}
NO = {"", "no", "n", "false", "0"}
FIELD_COLUMNS = {
    "title": "budget_line",
    "outcome": "for",
    "commitment": "for",
    "locality": "for",
    "budget": "budget",
    "outturn": "outturn",
    "staff_fte": "staff_fte",
    "arrangement": "arrangement",
    "pool": "joint_budget",
    **{name: name for name in FIELD_OF_LEVEL.values()},
    "not_for_publication": "not_for_publication",
}


class RowsRefused(ValidationError):
    """Some rows are wrong: ``errors`` lists every problem, by row and column."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the file.")


def purpose_code(line: Line) -> str:
    if line.outcome_id:
        return f"O{line.outcome_id}"
    if line.commitment_id:
        return f"C{line.commitment_id}"
    return f"L{line.locality_id}"


@dataclass(frozen=True)
class Choices:
    """What the template's columns take, for a partnership."""

    purposes: dict  # code → (field name, object, label)
    pools: dict  # lower-case name → Pool

    @classmethod
    def of(cls, partnership) -> Choices:
        purposes = {}
        for outcome in selectors.outcome_choices(partnership=partnership):
            purposes[f"O{outcome.pk}"] = ("outcome", outcome, selectors.outcome_label(outcome))
        for commitment in selectors.commitment_choices(partnership=partnership):
            purposes[f"C{commitment.pk}"] = ("commitment", commitment, f"Commitment: {commitment}")
        for locality in partnership.localities.order_by("name"):
            purposes[f"L{locality.pk}"] = ("locality", locality, f"Locality: {locality.name}")
        pools = {pool.name.lower(): pool for pool in selectors.pool_list(partnership=partnership)}
        return cls(purposes, pools)


# -- the template -----------------------------------------------------------------------------


def template_workbook(*, round: Round, partner: Partner) -> bytes:
    """The partner's template for the round: sheet Lines (one row a line, the partner's
    lines so far), Choices (the codes of outcomes, commitments and localities, the
    arrangements and joint budgets) and Definitions (the levels of prevention)."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = Choices.of(round.partnership)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lines"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in selectors.line_list(round=round, partner=partner):
        sheet.append(
            [
                safe_cell(line.title),
                purpose_code(line),
                line.budget,
                line.outturn,
                line.staff_fte,
                line.arrangement,
                safe_cell(line.pool.name) if line.pool_id else None,
                *(getattr(line, name) for name in FIELD_OF_LEVEL.values()),
                "yes" if line.not_for_publication else "no",
            ]
        )
    for index, column in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=index).comment = openpyxl.comments.Comment(
            HEADINGS[column], "Placeplan"
        )
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 18
    listing = workbook.create_sheet("Choices")
    listing.append(["code", "what the line is for"])
    for code, (_field, _object, label) in choices.purposes.items():
        listing.append([code, safe_cell(label)])
    listing.append([])
    listing.append(["arrangement", "meaning"])
    for value, label in Arrangement.choices:
        listing.append([value, label])
    listing.append([])
    listing.append(["joint budget", "kind"])
    for pool in choices.pools.values():
        listing.append([safe_cell(pool.name), pool.get_kind_display()])
    definitions = workbook.create_sheet("Definitions")
    definitions.append(["level", "column", "definition", "examples"])
    for level, (definition, examples) in LEVEL_DEFINITIONS.items():
        definitions.append([level.label, FIELD_OF_LEVEL[level], definition, examples])
    last = max(len(choices.purposes) + 1, 2)
    for column, formula in (
        ("B", f"=Choices!$A$2:$A${last}"),
        ("F", '"aligned,pooled,delegated"'),
        ("L", '"yes,no"'),
    ):
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.add(f"{column}2:{column}1000")
        sheet.add_data_validation(validation)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# -- checking rows ----------------------------------------------------------------------------

PLACES = re.compile(r"-?\d+(\.\d{1,2})?")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return CONTROL_CHARACTERS.sub("", str(value)).strip()


def _decimal(value, *, what: str) -> Decimal:
    """An amount with at most two decimal places, not negative; ValueError with why."""
    if isinstance(value, bool):
        raise ValueError(f"is not {what}")
    text = _text(repr(value) if isinstance(value, float) else value)
    if text.startswith("="):
        raise ValueError("holds a formula; paste the values only")
    text = text.replace(",", "").removeprefix("£")
    if not PLACES.fullmatch(text):
        raise ValueError(f"“{text[:40]}” is not {what} with at most two decimal places (1234.56)")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ValueError(f"“{text[:40]}” is not {what}") from None
    if amount < 0:
        raise ValueError("cannot be negative")
    if amount > MAX_PENCE:
        raise ValueError("is too large")
    return amount


def _percent(value) -> int:
    text = _text(value).removesuffix("%").strip()
    if text == "":
        return 0
    if not text.isdecimal() or not text.isascii():
        raise ValueError(f"“{text[:40]}” is not a whole number of per cent")
    number = int(text)
    if number > 100:
        raise ValueError("is more than 100")
    return number


def rows_check(rows: list[dict], choices: Choices) -> tuple[list[dict], list[RowError]]:
    """Check every row: answer the lines' fields, row by row, and every problem found."""
    checked, errors, seen = [], [], {}
    for row in rows:
        number = row["_row"]
        fields: dict = {"outcome": None, "commitment": None, "locality": None, "pool": None}

        def problem(column: str, message: str, number=number) -> None:
            errors.append(RowError(number, column, message))

        title = _text(row.get("budget_line"))
        if not title:
            problem("budget_line", "Name the service or budget.")
        elif len(title) > Line._meta.get_field("title").max_length:
            problem("budget_line", "Is longer than 200 characters.")
        fields["title"] = title
        code = _text(row.get("for")).upper()
        if code not in choices.purposes:
            shown = f"“{code[:40]}”" if code else "An empty cell"
            problem("for", f"{shown} is not a code on the sheet Choices.")
        else:
            field, target, _label = choices.purposes[code]
            fields[field] = target
        for column, what, required in (
            ("budget", "an amount of money", True),
            ("outturn", "an amount of money", False),
            ("staff_fte", "a number of full-time staff", False),
        ):
            value = row.get(column)
            if _text(value) == "":
                if required:
                    problem(column, "Enter the amount.")
                fields[column] = None if column == "outturn" else Decimal(0)
                continue
            try:
                fields[column] = _decimal(value, what=what)
            except ValueError as error:
                problem(column, f"{error}.")
        arrangement = _text(row.get("arrangement")).lower()
        by_label = {label.lower(): value for value, label in Arrangement.choices}
        arrangement = by_label.get(arrangement, arrangement)
        if arrangement not in Arrangement.values:
            problem("arrangement", "Write aligned, pooled or delegated.")
        fields["arrangement"] = arrangement
        pool_name = _text(row.get("joint_budget"))
        if pool_name:
            pool = choices.pools.get(pool_name.lower())
            if pool is None:
                problem("joint_budget", f"“{pool_name[:60]}” is not a joint budget on Choices.")
            fields["pool"] = pool
        readable = True
        for name in FIELD_OF_LEVEL.values():
            try:
                fields[name] = _percent(row.get(name))
            except ValueError as error:
                problem(name, f"{error}.")
                readable = False
        total = sum(fields.get(name, 0) for name in FIELD_OF_LEVEL.values())
        if readable and total != 100:
            problem("primary", f"{services.SHARES_ADD_UP}: this row's add up to {total}%.")
        flag = _text(row.get("not_for_publication")).lower()
        if flag not in YES | NO:
            problem("not_for_publication", "Write yes or no.")
        fields["not_for_publication"] = flag in YES
        key = (title.lower(), code)
        if title and key in seen:
            problem("budget_line", f"Repeats row {seen[key]}: give each line for a purpose once.")
        seen.setdefault(key, number)
        checked.append({"_row": number, "fields": fields, "key": key})
    return checked, errors


@transaction.atomic
def template_import(
    *, round: Round, partner: Partner, content: bytes, filename: str, user
) -> list[Line]:
    """Save the partner's lines from the file, all or nothing (see the module's text)."""
    if partner.partnership_id != round.partnership_id:
        raise ImportRefused("That partner is not in this partnership.")
    if selectors.is_confirmed(round=round, partner=partner):
        raise ImportRefused(
            f"{partner.organisation.name} has confirmed its figures for {round.label}: change "
            "them line by line, giving a reason for each change."
        )
    rows = table_read(content=content, filename=filename, required=REQUIRED)
    checked, errors = rows_check(rows, Choices.of(round.partnership))
    if errors:
        raise RowsRefused(errors)
    existing = {
        (line.title.lower(), purpose_code(line)): line
        for line in Line.objects.select_for_update().filter(round=round, partner=partner)
    }
    saved = []
    keep = {row["key"] for row in checked}
    for key, line in existing.items():
        if key not in keep:
            services.line_delete(line=line, user=user, keep_share=False)
    for row in checked:
        try:
            saved.append(
                services.line_save(
                    round=round,
                    partner=partner,
                    user=user,
                    line=existing.get(row["key"]),
                    keep_share=False,
                    **row["fields"],
                )
            )
        except ValidationError as refusal:
            found = (
                refusal.error_dict if hasattr(refusal, "error_dict") else {"": refusal.error_list}
            )
            for name, problems in found.items():
                column = FIELD_COLUMNS.get(name, "budget_line")
                for problem in problems:
                    errors.extend(RowError(row["_row"], column, m) for m in problem.messages)
    if errors:
        # Raised inside the transaction: every line saved or removed above is undone.
        raise RowsRefused(errors)
    services.shares_changed(round=round)
    return saved
