"""The one rule for naming people who sit on a partnership's bodies (pure: no queries)."""

WITHHELD_NAME = "Community representative (name withheld)"


def name_withheld(*, represents_community: bool, consent: bool) -> bool:
    """A person who sits (or sat) on a body as a community representative is named only
    with their consent; officers, elected members and others sit in a public capacity
    and are named."""
    return represents_community and not consent
