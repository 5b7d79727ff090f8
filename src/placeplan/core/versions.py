"""No lost updates: an edit form carries the version of what it changes, as it was when the
form was read, and saving over a newer change is refused.

The version of a row is its ``updated_at`` (every save sets it); of a list of rows (a
meeting's attendance, its agenda) the newest ``updated_at`` and how many rows there are.
``edit_guard`` locks the row (``select_for_update``) and compares the version the form was
read at with the version now, inside one transaction that the save service joins, so two
saves of the same thing run one after the other and the second sees the first. The audit
history (django-simple-history) says who made the newer change, when and to which fields.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

FIELD = "edit_version"


@dataclass
class Difference:
    """One field the other person changed: what the form was read with and what it is now."""

    name: str
    label: str
    theirs: str
    yours: str = ""


@dataclass
class Change:
    """A newer change than the one an edit form was read at."""

    who: list[str]
    when: datetime.datetime | None
    what: list[str]
    differences: list[Difference] = field(default_factory=list)
    version: str = ""

    def message(self) -> str:
        who = " and ".join(self.who) if self.who else "Someone else"
        what = f" ({', '.join(self.what)})" if self.what else ""
        when = ""
        if self.when is not None:
            local = timezone.localtime(self.when)
            when = f" at {local:%H:%M} on {local:%-d %B %Y}"
        return (
            f"{who} saved a change{what}{when}, after you opened this form. Nothing you "
            "typed has been saved: it is kept below. Compare it with their change, then "
            "save again to replace theirs, or cancel to keep it."
        )


class StaleEdit(ValidationError):
    """Saving would overwrite a newer change; ``change`` says whose and what."""

    def __init__(self, change: Change):
        super().__init__(change.message(), code="stale")
        self.change = change


def version_of(target) -> str:
    """The version of a row (its last change), or of a list of rows (the newest change
    and how many rows there are, so a removal counts too)."""
    if target is None:
        return ""
    if isinstance(target, models.Model):
        return target.updated_at.isoformat()
    stamps = list(target.values_list("updated_at", flat=True))
    newest = max(stamps).isoformat() if stamps else ""
    return f"{len(stamps)}@{newest}"


def _when(version: str) -> datetime.datetime | None:
    """The time in a version; None for anything this module did not write."""
    try:
        when = datetime.datetime.fromisoformat(version.rpartition("@")[2])
    except ValueError:
        return None
    return when if timezone.is_aware(when) else None


def _person(user) -> str:
    # A colleague's name as the people list shows it, never their email address.
    if user is None:
        return "Someone else"
    return getattr(user, "full_name", "") or "Another user"


def _shown(instance, name: str) -> str:
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        return ", ".join(str(item) for item in getattr(instance, name).all()) or "—"
    if model_field.choices:
        return str(getattr(instance, f"get_{name}_display")()) or "—"
    value = getattr(instance, name)
    return "—" if value in (None, "") else str(value)


def _row_change(current: models.Model, version: str, fields) -> Change | None:
    """How the row changed since ``version``; None when none of ``fields`` changed."""
    history = getattr(current, "history", None)
    read = None
    if history is not None and _when(version) is not None:
        read = history.filter(updated_at=_when(version)).order_by("-history_id").first()
    if read is None:
        # No record of the version read: any newer change counts, without detail.
        return Change(who=[], when=current.updated_at, what=[], version=version_of(current))
    newer = list(history.filter(history_id__gt=read.history_id).order_by("-history_id"))
    if not newer:
        return Change(who=[], when=current.updated_at, what=[], version=version_of(current))
    changed = [
        name
        for name in newer[0].diff_against(read).changed_fields
        if name not in ("updated_at", "created_at")
    ]
    if fields:
        if not set(changed) & set(fields):
            return None
        changed = [name for name in changed if name in fields]
    meta = current._meta
    labels = {name: str(meta.get_field(name).verbose_name) for name in changed}
    who = list(dict.fromkeys(_person(row.history_user) for row in newer))
    return Change(
        who=who,
        when=newer[0].history_date,
        what=[labels[name] for name in changed],
        differences=[
            Difference(name=name, label=labels[name].capitalize(), theirs=_shown(current, name))
            for name in changed
        ],
        version=version_of(current),
    )


def _rows_change(rows, version: str) -> Change:
    """Which of a list of rows changed (or went) since ``version``, and by whom."""
    since = _when(version)
    newer = rows.filter(updated_at__gt=since) if since else rows
    who, when, what = [], None, []
    for row in newer.order_by("-updated_at"):
        latest = row.history.order_by("-history_id").first() if hasattr(row, "history") else None
        who.append(_person(latest.history_user if latest else None))
        when = when or row.updated_at
        what.append(str(row))
    if not what:
        what = ["a row was removed"]
    return Change(
        who=list(dict.fromkeys(who)),
        when=when,
        what=what,
        differences=[Difference(name="", label="Now", theirs=text) for text in what],
        version=version_of(rows),
    )


def _take_the_rest(target: models.Model, current: models.Model, fields) -> None:
    # The form writes only ``fields``; every other field of the row it saves is taken
    # from the locked row, so a change to them since the page was loaded is kept.
    for model_field in target._meta.concrete_fields:
        if model_field.name not in fields:
            setattr(target, model_field.attname, getattr(current, model_field.attname))


def version_check(*, target, version: str | None, fields=()) -> None:
    """Refuse (``StaleEdit``) when ``target`` changed since the form was read at
    ``version``: a row (locked until the transaction ends) or a queryset of rows.
    With ``fields``, only a change to one of those fields counts."""
    if target is None or not version:
        # A form that only adds, or a post from a page without the version (a page
        # opened before versions were carried): nothing to compare.
        return
    if isinstance(target, models.Model):
        current = type(target)._default_manager.select_for_update().get(pk=target.pk)
        if fields:
            _take_the_rest(target, current, fields)
        if version_of(current) == version:
            return
        change = _row_change(current, version, fields)
    else:
        if version_of(target) == version:
            return
        change = _rows_change(target, version)
    if change is not None:
        raise StaleEdit(change)


@contextlib.contextmanager
def edit_guard(*, target, version: str | None, lock: models.Model | None = None, fields=()):
    """One transaction for an edit: lock ``lock`` (or the row edited), refuse a stale
    version, then run the save inside the same transaction."""
    with transaction.atomic():
        if lock is not None:
            list(type(lock)._default_manager.select_for_update().filter(pk=lock.pk).values("pk"))
        version_check(target=target, version=version, fields=fields)
        yield


def with_yours(change: Change, form) -> list[Difference]:
    """The comparison: for each field they changed, their value and what the person typed."""
    for difference in change.differences:
        if difference.name and difference.name in form.fields:
            bound = form[difference.name]
            value = form.cleaned_data.get(difference.name, bound.value())
            choices = getattr(form.fields[difference.name], "choices", None)
            if choices is not None and isinstance(value, str):
                value = {str(k): v for k, v in choices if not isinstance(v, list)}.get(value, value)
            if hasattr(value, "all") or isinstance(value, (list, tuple)):
                value = ", ".join(str(item) for item in value)
            difference.yours = "—" if value in (None, "") else str(value)
            difference.label = str(bound.label or difference.label)
    return change.differences
