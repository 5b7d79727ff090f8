"""Meetings of a fictional body, through the meeting services: a meeting (with its
standard agenda items), further items, numbered papers, attendance, decisions and the
decisions partners must take. Meetings default to a date in the past, so attendance and
decisions can be recorded."""

import datetime

import factory

from placeplan.meetings import services
from placeplan.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PaperCounter,
    PartnerDecision,
)
from tests.factories.base import CheckedFactory
from tests.factories.partnerships import BodyFactory, PartnerFactory, PersonFactory

UTC = datetime.UTC


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.Sequence(
        lambda n: (
            datetime.datetime(2026, 3, 10, 14, 0, tzinfo=UTC) + datetime.timedelta(days=n % 200)
        )
    )
    place = factory.Sequence(lambda n: f"Fictional Hall, Room {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.meeting_save(meeting=model_class(*args, **kwargs))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An item added at the end of the agenda (after the four standard items)."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Fictional agenda item {n}")
    is_confidential = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.agenda_item_add(**kwargs)


class PaperCounterFactory(CheckedFactory):
    """A body's paper counter for a year (``paper_add`` makes and moves it)."""

    class Meta:
        model = PaperCounter

    body = factory.SubFactory(BodyFactory)
    year = 2026
    last = 0


class PaperFactory(factory.django.DjangoModelFactory):
    """A draft paper, numbered in its body's series by ``paper_add``."""

    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Fictional paper {n}")
    author = "Fictional Author, Fictional Officer"
    purpose = "To inform the fictional body."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.paper_add(**kwargs)


class AttendanceFactory(factory.django.DjangoModelFactory):
    """One more person's attendance, recorded with everyone already recorded
    (``attendance_record`` replaces the whole list)."""

    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..meeting.body.partnership")
    )
    partner = None
    status = Attendance.Status.PRESENT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        meeting, person = kwargs["meeting"], kwargs["person"]
        entries = [(a.person, a.partner, a.status) for a in meeting.attendance.all()]
        entries.append((person, kwargs["partner"], kwargs["status"]))
        services.attendance_record(meeting=meeting, entries=entries)
        return meeting.attendance.get(person=person)


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision under the meeting's first agenda item unless told; ``partners`` who must
    take it through their own governance may be given as a list."""

    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    agenda_item = factory.LazyAttribute(lambda o: o.meeting.items.order_by("number").first())
    text = factory.Sequence(lambda n: f"Fictional decision {n}.")
    action = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.decision_add(**kwargs)


class PartnerDecisionFactory(factory.django.DjangoModelFactory):
    """A decision a partner must take, pending unless ``taken_on`` (and ``taken_where``)
    are given, then recorded by ``partner_decision_record``."""

    class Meta:
        model = PartnerDecision

    decision = factory.SubFactory(DecisionFactory)
    partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..decision.meeting.body.partnership")
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        taken_on = kwargs.pop("taken_on", None)
        where = kwargs.pop("taken_where", "Fictional Partner Board")
        user = kwargs.pop("recorded_by", None)
        decision, partner = kwargs["decision"], kwargs["partner"]
        if decision.meeting.body.partnership_id != partner.partnership_id:
            raise ValueError("The partner must be of the meeting's partnership.")
        # decision_add makes these rows as a decision is recorded; a further one is added
        # the same way it adds them.
        item = model_class(**kwargs)
        item.full_clean()
        item.save()
        if taken_on is not None:
            item = services.partner_decision_record(item=item, where=where, on=taken_on, user=user)
        return item
