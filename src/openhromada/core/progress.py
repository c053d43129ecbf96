"""Progress lines for long commands: done/total, rate and time left; silent when quiet or in CI."""

import os
import sys
import time


class Progress:
    def __init__(self, stream=None, *, quiet: bool = False):
        self.stream = stream or sys.stdout
        self.quiet = quiet or bool(os.environ.get("CI"))
        self.started = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate and total > done else 0
        self.stream.write(
            f"{stage}: {done}/{total} ({rate:,.0f}/s, {left:,.0f} s left, {elapsed:,.1f} s)\n"
        )
        self.stream.flush()
