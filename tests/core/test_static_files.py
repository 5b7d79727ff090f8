"""The production static-file build: every asset and every reference inside it resolves."""

from django.core.management import call_command
from django.test import override_settings

MANIFEST = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def test_collectstatic_builds_the_production_manifest(tmp_path, settings):
    storages = {**settings.STORAGES, "staticfiles": MANIFEST}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    for asset in (
        "vendor/sgds/css/design-system.min.css",
        "vendor/sgds/scripts/design-system.js",
        "vendor/vega/vega-embed.min.js",
        "placeplan/charts.js",
        "placeplan/placeplan.js",
    ):
        assert f'"{asset}"' in manifest, asset
