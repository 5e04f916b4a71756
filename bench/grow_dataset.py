#!/usr/bin/env python3
"""Writes the built-in dataset grown TIMES over, for measuring how the
service's cost grows with its data: every family is copied TIMES - 1 more
times under a numbered slug (`discord-gateway-2`, …), with its translations
and curated comparisons. The copies are benchmark input, not facts: they are
never served from the real dataset.

Usage: bench/grow_dataset.py TIMES OUT_DIR
"""

import json
import shutil
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def copy_family(folder: Path, slug: str, copy_slug: str) -> None:
    """Copies folder/slug.json to folder/copy_slug.json, renaming the slug."""
    source = folder / f"{slug}.json"
    if not source.exists():
        return
    value = json.loads(source.read_text())
    if isinstance(value, dict) and value.get("slug") == slug:
        value["slug"] = copy_slug
        # Signals name one family each; a copy has none of its own.
        value.pop("signals", None)
    (folder / f"{copy_slug}.json").write_text(json.dumps(value, ensure_ascii=False, indent=2))


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit(__doc__)
    times, out = int(sys.argv[1]), Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DATA, out)
    slugs = sorted(path.stem for path in (DATA / "families").glob("*.json"))
    folders = [out / "families", out / "comparisons"]
    for translations in (out / "translations").iterdir():
        folders += [translations / "families", translations / "comparisons"]
    for copy in range(2, times + 1):
        for slug in slugs:
            # The standard family is the one every other family builds on.
            if slug == "websocket":
                continue
            for folder in folders:
                copy_family(folder, slug, f"{slug}-{copy}")


if __name__ == "__main__":
    main()
