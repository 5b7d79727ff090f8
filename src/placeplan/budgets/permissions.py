"""Who may do what with participatory budgeting.

Everybody working in the partnership reads its processes in the workspace (national
readers too: no personal data and, before publication, no vote counts are on those
pages). Support officers and partner officers run any of the partnership's processes; the
chair or lead officer of a body runs its own body's (a locality partnership's vote).
Running a process means: its settings, moderating and reviewing proposals, voting codes,
paper ballots, publishing the results and turning funded projects into actions.
Residents propose and vote on the public pages; who voted for what is shown to nobody."""

import rules

from placeplan.budgets.models import Process
from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_national_reader,
    is_owner_of,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
    owns_a_body_of,
)

runs_any_process = is_support_officer_of | is_partner_officer_of | is_site_admin


@rules.predicate
def runs_for_partnership(user, process):
    """A support officer or partner officer of the process's partnership."""
    return isinstance(process, Process) and runs_any_process.test(user, process.partnership)


@rules.predicate
def owns_process_body(user, process):
    """Chairs or is lead officer of the body that runs the process."""
    return bool(
        isinstance(process, Process) and process.body_id and is_owner_of(user, process.body)
    )


rules.add_perm("budgets.view_budgets", has_any_role_in | is_national_reader | is_site_admin)
# Starting a process: those who run any, and the chairs and lead officers of a body (for
# their own bodies: the form offers only those).
rules.add_perm("budgets.add_process", runs_any_process | owns_a_body_of)
rules.add_perm("budgets.run_process", runs_for_partnership | owns_process_body | is_site_admin)
