"""Who may do what with meetings: read them, run a body's meetings, see draft papers,
and record partners' own decisions."""

import rules

from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_member_of,
    is_national_reader,
    is_owner_of,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
    is_support_officer_of_body,
    owns_a_body_of,
    sits_on_a_body_of,
)
from placeplan.partnerships.selectors import partners_acting_for


def _partnership(challenge):
    return challenge.partnership if challenge is not None else None


@rules.predicate
def supports_the_challenges_partnership(user, challenge):
    """Is a support officer of the challenge's partnership."""
    return challenge is not None and is_support_officer_of(user, _partnership(challenge))


@rules.predicate
def answers_for_the_addressee(user, challenge):
    """Answers for the addressee: when a partner is challenged, a partner officer who
    represents that partner on one of the partnership's bodies; when a body is, its chair
    or lead officer."""
    if challenge is None:
        return False
    if challenge.to_partner_id:
        return is_partner_officer_of(user, challenge.partnership) and (
            partners_acting_for(user=user, partnership=challenge.partnership)
            .filter(pk=challenge.to_partner_id)
            .exists()
        )
    return is_owner_of(user, challenge.to_body)


@rules.predicate
def speaks_for_the_challenger(user, challenge):
    """Raised the challenge, or chairs or leads the body that raised it."""
    if challenge is None or not user.is_authenticated:
        return False
    if challenge.raised_by_id == user.pk:
        return True
    return challenge.raised_by_body is not None and is_owner_of(user, challenge.raised_by_body)


rules.add_perm("meetings.view_meetings", has_any_role_in | is_national_reader | is_site_admin)
# A body's meetings are run by its chair or lead officer and the support officers.
rules.add_perm("meetings.run_meetings", is_support_officer_of_body | is_owner_of | is_site_admin)
# ... so in a partnership, meetings are scheduled by those who run some body's meetings.
rules.add_perm(
    "meetings.schedule_meetings", is_support_officer_of | owns_a_body_of | is_site_admin
)
# Draft papers and confidential business are for the body's members (and those who run
# its meetings) only.
rules.add_perm(
    "meetings.view_draft_papers",
    is_member_of | is_support_officer_of_body | is_owner_of | is_site_admin,
)
# The challenge log: raised by people who sit on the partnership's bodies (board members,
# chief officers, lead officers) and support officers; answered for the addressee;
# accepted or escalated for the challenger.
rules.add_perm(
    "meetings.raise_challenges", sits_on_a_body_of | is_support_officer_of | is_site_admin
)
rules.add_perm(
    "meetings.answer_challenge",
    answers_for_the_addressee | supports_the_challenges_partnership | is_site_admin,
)
rules.add_perm(
    "meetings.respond_to_answer",
    speaks_for_the_challenger | supports_the_challenges_partnership | is_site_admin,
)
rules.add_perm(
    "meetings.record_partner_decisions",
    is_support_officer_of | is_partner_officer_of | is_site_admin,
)
