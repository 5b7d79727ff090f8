"""The production settings (``placeplan.config.settings``) as they are, except where the
collected static files are: ``STATIC_ROOT`` is the folder named by
``PLACEPLAN_STATIC_ROOT``, which the test fills with ``collectstatic``. With DEBUG off the
pages need that build's manifest; the production settings always read it from the
checkout's ``staticfiles/``, which may be missing or out of date and is not a test's to
write while a server or another run may be using it."""

import os

from placeplan.config.settings import *  # noqa: F403

STATIC_ROOT = os.environ["PLACEPLAN_STATIC_ROOT"]
