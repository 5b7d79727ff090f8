"""The published results in the Pabulib format (pabulib.org, the PB research community's
standard data format), so anyone can recompute them: META (the election), PROJECTS (cost,
votes, selected) and VOTES (each ballot's projects, under a number that is not the voter).

``selected`` is 1 for a project the rule funded in full: under equal shares, 1 for the
projects equal shares funded and 2 for those funded with the money left (greedy, in order
of votes), so a checker recomputing equal shares finds the 1s. A part-funded project is 0, with its
amount in its ``description``, which says in words why each project was or was not
funded. Paper ballots, counted as piles of identical ballots, are one line each
(``voting_method`` paper)."""

from __future__ import annotations

import csv
import io

from placeplan.budgets import results
from placeplan.budgets.models import Process
from placeplan.budgets.selectors import choices
from placeplan.core.numbers import pounds_text

RULE_NAMES = {results.GREEDY: "greedy", results.EQUAL_SHARES: "equalshares"}


def _selected(reason: str) -> int:
    if reason in (results.FUNDED, results.FUNDED_SHARES):
        return 1
    if reason == results.FUNDED_LEFTOVER:
        return 2
    return 0


def _funding(row: dict) -> str:
    """The money a project gets and why, in words (a part-funded project's amount)."""
    if row["reason"] == results.PART_FUNDED:
        return f"Part funded: {pounds_text(row['funded_amount'])} of {pounds_text(row['cost'])}."
    return results.REASONS[row["reason"]]


def _line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerow(values)
    return buffer.getvalue()


def export(process: Process) -> str:
    """The process's published results as a Pabulib file (text)."""
    figures = process.result.figures
    projects = sorted(figures["projects"], key=lambda row: row["id"])
    ballots = choices(process)
    lines = []
    meta = [
        ("description", f"{process.title} ({process.runner}). {results.TIE_RULE}"),
        ("country", "United Kingdom"),
        ("unit", process.partnership.council_area.name),
        ("subunit", process.area_label),
        ("instance", str(process.voting_open.year)),
        ("num_projects", len(projects)),
        ("num_votes", sum(b.count for b in ballots)),
        ("budget", process.budget),
        ("vote_type", "approval"),
        ("rule", RULE_NAMES[process.rule]),
        ("date_begin", f"{process.voting_open:%d.%m.%Y}"),
        ("date_end", f"{process.voting_close:%d.%m.%Y}"),
        ("min_length", 1),
    ]
    if process.ballot == Process.BallotKind.KNAPSACK:
        meta.append(("max_sum_cost", process.budget))
    else:
        meta.append(("max_length", process.max_choices))
    if process.min_cost is not None:
        meta.append(("min_project_cost", process.min_cost))
    if process.max_cost is not None:
        meta.append(("max_project_cost", process.max_cost))
    meta += [("language", "en"), ("currency", "GBP")]
    if process.is_demo:
        meta.append(("comment", "Demonstration data: illustrative, not a real vote."))
    lines.append("META\n")
    lines.append(_line(["key", "value"]))
    lines.extend(_line([key, value]) for key, value in meta)
    lines.append("PROJECTS\n")
    lines.append(_line(["project_id", "cost", "votes", "name", "selected", "description"]))
    lines.extend(
        _line(
            [
                row["id"],
                row["cost"],
                row["votes"],
                row["title"],
                _selected(row["reason"]),
                _funding(row),
            ]
        )
        for row in projects
    )
    lines.append("VOTES\n")
    lines.append(_line(["voter_id", "vote", "voting_method"]))
    number = 0
    for ballot in ballots:
        vote = ",".join(str(pk) for pk in sorted(ballot.projects))
        channel = "paper" if ballot.paper else "internet"
        for _ in range(ballot.count):
            number += 1
            lines.append(_line([number, vote, channel]))
    return "".join(lines)
