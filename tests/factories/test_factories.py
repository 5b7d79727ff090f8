"""Every factory builds a valid, saved row (with its audit history where the model keeps
one), and every model of Placeplan's apps has a factory, so a new model without one fails
here."""

import inspect

import factory
import pytest
from django.apps import apps

import tests.factories as factories
from placeplan.core.models import AuditedModel

PROJECT_APPS = "placeplan."


def _all_factories():
    found = {}
    for name, value in vars(factories).items():
        if (
            inspect.isclass(value)
            and issubclass(value, factory.django.DjangoModelFactory)
            and not value._meta.abstract
        ):
            found.setdefault(value, name)
    return sorted(found, key=lambda f: f.__name__)


def _project_models():
    """Concrete models of the project's apps, without simple_history's copies of them."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if model._meta.app_config.name.startswith(PROJECT_APPS)
            and not model.__name__.startswith("Historical")
            and model.__module__ != "simple_history.models"
        ),
        key=lambda model: model._meta.label,
    )


FACTORIES = _all_factories()


def test_every_model_of_the_projects_apps_has_a_factory():
    covered = {f._meta.model for f in FACTORIES}
    missing = [model._meta.label for model in _project_models() if model not in covered]
    assert missing == [], f"Add a factory in tests/factories/ for: {', '.join(missing)}"
    assert len(_project_models()) >= 41  # the project's models when this test was written


@pytest.mark.django_db
@pytest.mark.parametrize("model_factory", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_saves_a_valid_row(model_factory):
    made = model_factory()
    model = model_factory._meta.model
    assert isinstance(made, model)
    stored = model.objects.get(pk=made.pk)
    stored.full_clean()
    if issubclass(model, AuditedModel):
        assert stored.history.exists()


@pytest.mark.django_db
def test_two_of_each_do_not_clash():
    for model_factory in FACTORIES:
        first, second = model_factory(), model_factory()
        assert first.pk != second.pk, model_factory.__name__
