"""Who may do what with the challenge log: raise a challenge, answer it for the
addressee, and accept or escalate the answer for the challenger. Reading the log goes
with reading the meetings (``meetings.view_meetings``)."""

import rules

from placeplan.partnerships.permissions import (
    is_owner_of,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
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


# The challenge log: raised by people who sit on the partnership's bodies (board members,
# chief officers, lead officers) and support officers; answered for the addressee;
# accepted or escalated for the challenger.
rules.add_perm("challenges.raise", sits_on_a_body_of | is_support_officer_of | is_site_admin)
rules.add_perm(
    "challenges.answer",
    answers_for_the_addressee | supports_the_challenges_partnership | is_site_admin,
)
rules.add_perm(
    "challenges.respond_to_answer",
    speaks_for_the_challenger | supports_the_challenges_partnership | is_site_admin,
)
