"""The site administrator's pages for partnerships."""

import re

import pytest

from placeplan.places.models import Area
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_new_partnership_is_offered_the_council_areas_only(client):
    """A partnership is of one of the 32 council areas: the form offers those, not every
    data zone and community of Scotland (8,300 areas, 1.6 s to draw)."""
    client.force_login(user_with_role("site_admin"))

    page = client.get("/admin/partnerships/partnership/add/").content.decode()

    select = re.search(r'<select name="council_area".*?</select>', page, re.S).group(0)
    offered = set(re.findall(r'<option value="(\d+)"', select))
    councils = Area.objects.filter(level=Area.Level.COUNCIL_AREA)
    assert offered == {str(pk) for pk in councils.values_list("pk", flat=True)}
    assert len(offered) == 32
