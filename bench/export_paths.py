#!/usr/bin/env python3
"""Prints the live URL path of every answer in a `closecodes export`
directory, one per line: the inverse of `export::file_for`.

Usage: bench/export_paths.py EXPORT_DIR
"""

import sys
from pathlib import Path

SKIPPED = {"nginx.conf", "_redirects", "nginx.pid"}


def live_path(relative: str, languages: set) -> str:
    if relative.startswith("api/v1/"):
        stem = relative[: -len(".json")]
        base, _, lang = stem.rpartition(".")
        if lang in languages:
            return f"/{base}?lang={lang}"
        return "/" + (relative if relative.endswith(("dataset.json", "openapi.json")) else stem)
    if relative.endswith("index.html"):
        return "/" + relative[: -len("index.html")]
    if relative.endswith(".html"):
        return "/" + relative[: -len(".html")]
    return "/" + relative


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    # A language is a top-level folder with its own 404 page.
    languages = {path.parent.name for path in root.glob("*/404.html")}
    paths = set()
    for file in root.rglob("*"):
        relative = file.relative_to(root).as_posix()
        if file.is_dir() or relative in SKIPPED or relative.endswith((".gz", "404.html")):
            continue
        if relative.endswith(".log"):
            continue
        paths.add(live_path(relative, languages))
    print("\n".join(sorted(paths)))


if __name__ == "__main__":
    main()
