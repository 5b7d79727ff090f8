"""The workspace: the record of a daily digest sent."""

import datetime

import factory

from placeplan.workspace.models import DigestSent
from tests.factories.accounts import UserFactory
from tests.factories.base import CheckedFactory


class DigestSentFactory(CheckedFactory):
    class Meta:
        model = DigestSent

    user = factory.SubFactory(UserFactory)
    day = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    items = 1
