"""Copy the front-end assets installed by npm into Placeplan's static files (no CDN)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
TARGET = ROOT / "src" / "placeplan" / "core" / "static" / "vendor"

COPIES = {
    "@scottish-government/design-system/dist/css": "sgds/css",
    "@scottish-government/design-system/dist/images": "sgds/images",
    "@scottish-government/design-system/dist/scripts": "sgds/scripts",
    "vega/build/vega.min.js": "vega/vega.min.js",
    "vega-lite/build/vega-lite.min.js": "vega/vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js": "vega/vega-embed.min.js",
    # Roboto, the Design System's typeface, for the agenda packs' PDFs (SIL Open Font Licence).
    "@fontsource/roboto/files/roboto-latin-400-normal.woff": "fonts/roboto-latin-400-normal.woff",
    "@fontsource/roboto/files/roboto-latin-700-normal.woff": "fonts/roboto-latin-700-normal.woff",
    "@fontsource/roboto/LICENSE": "fonts/LICENSE-roboto.txt",
}


def main() -> int:
    missing = [source for source in COPIES if not (MODULES / source).exists()]
    if missing:
        print("Front-end packages are missing; run `npm ci` first:", *missing, sep="\n  ")
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    for source, destination in COPIES.items():
        src, dst = MODULES / source, TARGET / destination
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.d.ts"))
        else:
            shutil.copy2(src, dst)
            # The source map is kept: production static storage checks every reference.
            source_map = src.with_name(src.name + ".map")
            if source_map.exists():
                shutil.copy2(source_map, dst.with_name(dst.name + ".map"))
    print(f"Front-end assets copied to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
