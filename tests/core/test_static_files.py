"""The production static-file build: every asset and every reference inside it resolves."""

from django.core.management import call_command
from django.test import override_settings
from whitenoise.compress import Compressor

MANIFEST = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# Every asset is hashed and every reference inside it resolved, as in production; the
# compressed copies WhiteNoise also writes are left out here, since making them is
# WhiteNoise's own work and takes 23 of the build's 23.4 s on a 2-core machine.
TEXT = ["css", "js", "mjs", "svg", "map", "txt", "json", "html", "md", "xml", "scss", "less"]


def test_collectstatic_builds_the_production_manifest(tmp_path, settings):
    storages = {**settings.STORAGES, "staticfiles": MANIFEST}
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=storages,
        WHITENOISE_SKIP_COMPRESS_EXTENSIONS=[*Compressor.SKIP_COMPRESS_EXTENSIONS, *TEXT],
    ):
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
