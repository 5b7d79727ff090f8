"""The joint resourcing return for a year, generated from the data, as an Excel workbook
and as a Word or PDF report in the Design System's look: contributions by outcome and
partner, aligned, pooled and delegated, the preventative share and its change from the
year before, the shift to prevention against the trajectory, the prevention plan's spend
and savings, and the partners that have not confirmed.

Every figure comes from ``selectors`` (and so from ``figures``); the return holds the
figures the person making it may see: in full for people with a role in the
partnership (marked so when it holds lines not for publication), published otherwise."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from placeplan.core.documents import (
    docx_footer,
    docx_styled,
    docx_summary,
    docx_table,
    font_urls,
    html_document,
)
from placeplan.core.downloads import safe_cell
from placeplan.core.numbers import number_text, pounds_text
from placeplan.resources import figures, selectors
from placeplan.resources.models import Line, Pool, Round


def _money(value) -> str:
    return pounds_text(value, exact=True)


def _share(value) -> str:
    return "–" if value is None else f"{number_text(float(value), 1)}%"


def _points(value) -> str:
    """A change of a share, in percentage points, signed."""
    if value is None:
        return "–"
    text = number_text(float(abs(value)), 1)
    return "no change" if text == "0.0" else f"{'+' if value > 0 else '−'}{text} points"


@dataclass
class Return:
    """Everything the return shows, worked out once for the three formats."""

    round: Round
    public: bool
    made_on: datetime.date
    figures: figures.Breakdown
    previous_share: Decimal | None
    cells: list  # [{"label", "total", "partners": [Row]}]
    pools: list  # [(Pool, Total)]
    shift: figures.Shift
    shift_rows: list
    savings: list
    unconfirmed: list
    confirmed: int
    partners: int
    holds_unpublished: bool
    is_demo: bool

    @property
    def title(self) -> str:
        return f"Joint resourcing return {self.round.label}"

    @property
    def change(self) -> Decimal | None:
        share = self.figures.total.share
        if share is None or self.previous_share is None:
            return None
        return share - self.previous_share

    def summary(self) -> list[tuple[str, str]]:
        total = self.figures.total
        return [
            ("Partnership", self.round.partnership.name),
            ("Financial year", self.round.label),
            ("Total resources", _money(total.amount)),
            ("Preventative", _money(total.preventative)),
            ("Preventative share", _share(total.share)),
            ("Change from the year before", _points(self.change)),
            ("Shift to prevention", f"{self.shift.status.label}; {self.shift.trend_label.lower()}"),
            ("Partners confirmed", f"{self.confirmed} of {self.partners}"),
            ("Figures", "Published figures only" if self.public else "In full"),
            ("Made", f"{self.made_on:%-d %B %Y}"),
        ]

    def outcome_rows(self) -> list[list[str]]:
        rows = []
        for cell in self.cells:
            total = cell["total"]
            rows.append(
                [
                    cell["label"],
                    "",
                    _money(total.amount),
                    _money(total.preventative),
                    _share(total.share),
                ]
            )
            for row in cell["partners"]:
                rows.append(
                    [
                        f"  {row.label}",
                        row.arrangements,
                        _money(row.total.amount),
                        _money(row.total.preventative),
                        _share(row.total.share),
                    ]
                )
        return rows

    def report_outcome_rows(self) -> list[list[str]]:
        """The report's (Word and PDF) table by outcome: by partner too while that fits a
        readable report (``REPORT_DETAIL_ROWS``); beyond it, each outcome's total and how
        many partners it has, the partners' rows being in the Excel return."""
        detail = self.outcome_rows()
        if len(detail) <= REPORT_DETAIL_ROWS:
            return detail
        return [
            [
                cell["label"],
                f"{len(cell['partners'])} partner rows: see the Excel return's “By outcome” sheet",
                _money(cell["total"].amount),
                _money(cell["total"].preventative),
                _share(cell["total"].share),
            ]
            for cell in self.cells
        ]

    def arrangement_rows(self) -> list[list[str]]:
        rows = [
            [
                row.label,
                _money(row.total.amount),
                _money(row.total.preventative),
                _share(row.total.share),
            ]
            for row in self.figures.by_arrangement
        ]
        rows += [
            [
                f"  {pool.name} ({pool.get_kind_display()})",
                _money(total.amount),
                _money(total.preventative),
                _share(total.share),
            ]
            for pool, total in self.pools
        ]
        return rows

    def partner_rows(self) -> list[list[str]]:
        return [
            [
                row.label,
                _money(row.total.amount),
                _money(row.total.preventative),
                _share(row.total.share),
            ]
            for row in self.figures.by_partner
        ]

    def shift_table(self) -> list[list[str]]:
        return [
            [row["label"], _share(row["share"]), _share(row["expected"]), _share(row["target"])]
            for row in self.shift_rows
        ]

    def savings_rows(self) -> list[list[str]]:
        return [
            [
                s.label,
                _money(s.spend),
                _money(s.expected_cashable),
                _money(s.expected_non_cashable),
                _money(s.realised_cashable),
                _money(s.realised_non_cashable),
            ]
            for s in self.savings
        ]


OUTCOME_HEADERS = ["Outcome and partner", "Arrangement", "Amount", "Preventative", "Share"]
ARRANGEMENT_HEADERS = ["Arrangement and joint budget", "Amount", "Preventative", "Share"]
PARTNER_HEADERS = ["Partner", "Amount", "Preventative", "Share"]
SHIFT_HEADERS = ["Year", "Preventative share", "Trajectory", "Target"]
SAVINGS_HEADERS = [
    "Year",
    "Spend",
    "Savings expected (cashable)",
    "Savings expected (not cashable)",
    "Savings realised (cashable)",
    "Savings realised (not cashable)",
]


def return_make(*, round: Round, public: bool, today: datetime.date | None = None) -> Return:
    partnership = round.partnership
    breakdown = selectors.year_figures(round=round, public=public)
    labels = selectors.cell_labels(breakdown)
    arrangements = selectors.cell_partner_arrangements(round=round, public=public)
    cells = []
    for cell, total in sorted(breakdown.cells.items(), key=lambda item: labels[item[0]]):
        rows = breakdown.cell_partners[cell]
        for row in rows:
            row.arrangements = ", ".join(arrangements.get((cell, row.key), []))
        cells.append({"label": labels[cell], "total": total, "partners": rows})
    previous = Round.objects.filter(partnership=partnership, year=round.year - 1).first()
    pools = {pool.pk: pool for pool in Pool.objects.filter(pk__in=breakdown.by_pool)}
    states = selectors.round_states(round=round)
    shift = selectors.prevention_shift(
        partnership=partnership, public=public, today=today or timezone.localdate()
    )
    lines = Line.objects.filter(round=round)
    return Return(
        round=round,
        public=public,
        made_on=today or timezone.localdate(),
        figures=breakdown,
        previous_share=(
            selectors.year_figures(round=previous, public=public).total.share if previous else None
        ),
        cells=cells,
        pools=sorted(
            ((pools[pk], total) for pk, total in breakdown.by_pool.items()),
            key=lambda pair: pair[0].name,
        ),
        shift=shift,
        shift_rows=selectors.shift_rows(shift),
        savings=selectors.savings_by_year(
            interventions=selectors.intervention_list(partnership=partnership)
        ),
        unconfirmed=[state.partner for state in states if not state.confirmed],
        confirmed=sum(state.confirmed for state in states),
        partners=len(states),
        holds_unpublished=not public and lines.filter(not_for_publication=True).exists(),
        is_demo=round.is_demo,
    )


# -- Excel --------------------------------------------------------------------------------------


def return_xlsx(data: Return) -> bytes:
    """The return as a workbook: a sheet for each table, amounts as numbers to the penny."""
    import openpyxl
    from openpyxl.styles import Font

    def amount(value):
        return float(value) if isinstance(value, Decimal) else value

    workbook = openpyxl.Workbook()
    sheets = [
        ("Summary", ["", ""], data.summary()),
        (
            "By outcome",
            ["Outcome", "Partner", "Arrangement", "Amount (£)", "Preventative (£)"],
            [
                [
                    cell["label"],
                    row.label,
                    row.arrangements,
                    amount(row.total.amount),
                    amount(row.total.preventative),
                ]
                for cell in data.cells
                for row in cell["partners"]
            ],
        ),
        (
            "By partner",
            ["Partner", "Amount (£)", "Preventative (£)"],
            [
                [r.label, amount(r.total.amount), amount(r.total.preventative)]
                for r in data.figures.by_partner
            ],
        ),
        (
            "By arrangement",
            ["Arrangement", "Amount (£)", "Preventative (£)"],
            [
                [r.label, amount(r.total.amount), amount(r.total.preventative)]
                for r in data.figures.by_arrangement
            ]
            + [
                [f"Joint budget: {pool.name}", amount(t.amount), amount(t.preventative)]
                for pool, t in data.pools
            ],
        ),
        (
            "Shift to prevention",
            ["Year", "Preventative share (%)", "Trajectory (%)", "Target (%)"],
            [
                [r["label"], amount(r["share"]), r["expected"], amount(r["target"])]
                for r in data.shift_rows
            ],
        ),
        (
            "Prevention savings",
            SAVINGS_HEADERS,
            [
                [
                    s.label,
                    amount(s.spend),
                    amount(s.expected_cashable),
                    amount(s.expected_non_cashable),
                    amount(s.realised_cashable),
                    amount(s.realised_non_cashable),
                ]
                for s in data.savings
            ],
        ),
        (
            "Not confirmed",
            ["Partner", "Due"],
            [[p.organisation.name, f"{data.round.due:%-d %B %Y}"] for p in data.unconfirmed],
        ),
    ]
    first = True
    for name, headers, rows in sheets:
        sheet = workbook.active if first else workbook.create_sheet(name)
        sheet.title = name
        first = False
        if name == "Summary":
            sheet.append([data.title])
            sheet["A1"].font = Font(bold=True, size=14)
            if data.is_demo:
                sheet.append(["Demonstration content: illustrative figures"])
        else:
            sheet.append(headers)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(value) if isinstance(value, str) else value for value in row])
        for column, _header in enumerate(headers, start=1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 28
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# -- Word and PDF -------------------------------------------------------------------------------

# A report (Word, PDF) lists each outcome's partners while the table stays within this
# many rows (about 12 A4 pages); a larger partnership's report gives each outcome's total
# and the Excel return every partner's row. (WeasyPrint lays out about 170 table rows a
# second here: the 1,800 rows of 60 outcomes × 30 partners took 11 s; docs/benchmarks.md.)
REPORT_DETAIL_ROWS = 300

SECTIONS = (
    ("Resources by outcome and partner", OUTCOME_HEADERS, "report_outcome_rows", 2),
    ("Resources by partner", PARTNER_HEADERS, "partner_rows", 1),
    ("Aligned, pooled and delegated", ARRANGEMENT_HEADERS, "arrangement_rows", 1),
    ("The shift to prevention", SHIFT_HEADERS, "shift_table", 1),
    ("The prevention plan's spend and savings", SAVINGS_HEADERS, "savings_rows", 1),
)


def return_docx(data: Return) -> bytes:
    from docx import Document

    document = docx_styled(Document())
    docx_footer(document, f"{data.round.partnership.name}: {data.title}")
    document.core_properties.title = data.title
    document.add_paragraph(data.round.partnership.name)
    document.add_paragraph(data.title, style="Title")
    if data.is_demo:
        document.add_paragraph().add_run("Demonstration content: illustrative figures").bold = True
    if data.holds_unpublished:
        document.add_paragraph().add_run(
            "Holds lines partners marked not for publication: not for publication as it stands."
        ).bold = True
    docx_summary(document, data.summary())
    for heading, headers, rows, numeric_from in SECTIONS:
        document.add_heading(heading, level=1)
        found = getattr(data, rows)()
        if found:
            docx_table(document, headers, found, numeric_from=numeric_from)
        else:
            document.add_paragraph("None.")
    document.add_heading("Partners that have not confirmed", level=1)
    if data.unconfirmed:
        for partner in data.unconfirmed:
            document.add_paragraph(partner.organisation.name, style="List Bullet")
    else:
        document.add_paragraph("Every partner has confirmed its figures.")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def return_pdf(data: Return) -> bytes:
    fonts = font_urls()
    html = render_to_string(
        "resources/return.html",
        {
            "data": data,
            "fonts": fonts,
            "sections": [
                (heading, headers, getattr(data, rows)(), numeric_from)
                for heading, headers, rows, numeric_from in SECTIONS
            ],
        },
    )
    return html_document(html, fonts).write_pdf()


MAKERS = {"xlsx": return_xlsx, "docx": return_docx, "pdf": return_pdf}
