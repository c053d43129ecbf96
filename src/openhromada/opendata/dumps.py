"""The ZIP of everything, pre-built by a background task and served as a file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django_tasks import task

from .bulk import zip_stream

ZIP_NAME = "openhromada-opendata.zip"
REBUILD_LOCK = "opendata:dump-rebuild-queued"


def dump_path() -> Path:
    return Path(settings.OPENDATA_DUMP_DIR) / ZIP_NAME


def build_dump() -> Path:
    """Write the ZIP next to its final place, then rename: readers never see half a file."""
    target = dump_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    with partial.open("wb") as handle:
        for piece in zip_stream():
            handle.write(piece)
    partial.replace(target)
    cache.delete(REBUILD_LOCK)
    return target


def discard_dump(**_kwargs) -> None:
    """Drop the pre-built ZIP (it may hold what was just withheld); the next download rebuilds."""
    dump_path().unlink(missing_ok=True)


def fresh_dump() -> Path | None:
    """The pre-built ZIP if it is younger than OPENDATA_DUMP_MAX_AGE; otherwise queue a rebuild."""
    path = dump_path()
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        age = None
    if age is not None and age <= settings.OPENDATA_DUMP_MAX_AGE:
        return path
    if cache.add(REBUILD_LOCK, 1, timeout=3600):  # one rebuild queued at a time
        build_dump_task.enqueue()
    return None


@task()
def build_dump_task() -> str:
    """The ZIP built in the background (queued when a download finds none fresh)."""
    return str(build_dump())
