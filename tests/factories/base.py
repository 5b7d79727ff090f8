"""What every factory here shares: rows are checked with ``full_clean()`` before they are
saved, so a factory can never hand a test an object the application would refuse."""

import factory


class CheckedFactory(factory.django.DjangoModelFactory):
    """Saves the model's own way (``save()``, so its audit history is written) after
    checking it. Factories for things made by a service override ``_create`` to call it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        instance = model_class(*args, **kwargs)
        instance.full_clean()
        instance.save()
        return instance
