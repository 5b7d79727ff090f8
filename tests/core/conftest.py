"""The core tests reuse the plan tests' partnership and plan builders. The lost-update
tests edit the demo's Highland board, its members, meetings and challenges, so ``board``,
``chief_officers`` and ``highland_partners`` here are the demo's (the plan tests build
fictional ones)."""

import pytest

from placeplan.partnerships.models import Body, Partner
from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    build,
    child_poverty,
    highland,
    highland_area,
    highland_locality,
    highland_zone,
)


@pytest.fixture
def board(highland):  # noqa: F811 (the fixture imported above)
    return Body.objects.get(partnership=highland, name="Members Partnership Board")


@pytest.fixture
def chief_officers(highland):  # noqa: F811
    return Body.objects.get(partnership=highland, name="Chief Officers Group")


@pytest.fixture
def highland_partners(highland):  # noqa: F811
    partners = list(
        Partner.objects.filter(partnership=highland).select_related("organisation").order_by("pk")
    )
    assert len(partners) >= 3
    return partners
