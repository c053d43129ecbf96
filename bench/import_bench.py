"""Import of a large CSV into a draft plan: wall time and peak memory of the whole import
(reading, checking every cell, writing, one history append). Run on a scale database:

    OPENHROMADA_VAR_DIR=bench/results/var-sqlite DATABASE_URL=sqlite:///… \\
        .venv/bin/python bench/import_bench.py --rows 5000
"""

import argparse
import csv
import datetime as dt
import io
import os
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhromada.settings")
import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402

from openhromada.accounts.models import Role, User  # noqa: E402
from openhromada.places.models import Hromada  # noqa: E402
from openhromada.plans import columns, importer, services  # noqa: E402


def make_csv(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns.NAMES)
    writer.writeheader()
    per = 8
    for i in range(rows):
        c, m = i // per + 1, i % per + 1
        writer.writerow(
            {
                **dict.fromkeys(columns.NAMES, ""),
                "commitment_number": c,
                "commitment_title": f"Зобов’язання {c}",
                "problem": "Проблема",
                "objective": "Мета",
                "lead_body": "Управління",
                "commitment_start": "2031-01-01",
                "commitment_end": "2032-12-31",
                "ogp_values": "access_to_information",
                "milestone_number": m,
                "expected_output": f"Етап {m}",
                "milestone_start": "2031-01-01",
                "milestone_due": "2032-06-30",
                "responsible_body": "Управління",
                "weight": 1,
            }
        )
    return buffer.getvalue().encode()


def _run(official, hromada, data, *, trace: bool):
    """One import inside a transaction that is rolled back: seconds, or peak bytes if traced."""
    with transaction.atomic():
        plan = services.plan_create(
            actor=official,
            hromada=hromada,
            title="Bench import",
            start_date=dt.date(2031, 1, 1),
            end_date=dt.date(2032, 12, 31),
            slug=f"bench-{time.time_ns()}",
        )
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        rows = importer.read_rows(SimpleUploadedFile("bench.csv", data))
        result = importer.plan_import(actor=official, plan=plan, rows=rows)
        elapsed = time.perf_counter() - started
        if trace:
            elapsed = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert not result.problems, result.problems[:3]
        transaction.set_rollback(True)  # leave the database as it was
    return elapsed, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    hromada = Hromada.objects.get(slug="lutska")
    official = User.objects.filter(roles__role=Role.OFFICIAL, roles__hromada=hromada).first()
    if official is None:
        official = User.objects.create_user(f"bench-{time.time()}@bench.invalid", None)
        services_role = __import__("openhromada.accounts.services", fromlist=["role_grant"])
        services_role.role_grant(actor=None, user=official, role=Role.OFFICIAL, hromada=hromada)
        official = User.objects.get(pk=official.pk)
    data = make_csv(args.rows)
    elapsed, result = _run(official, hromada, data, trace=False)
    # Memory in a second run: tracemalloc itself slows Python down several times.
    peak, _result = _run(official, hromada, data, trace=True)
    print(
        f"import of {args.rows} rows ({len(data) / 1024:.0f} KiB CSV): "
        f"{result.commitments} commitments, {result.milestones} milestones in {elapsed:.2f} s "
        f"({args.rows / elapsed:,.0f} rows/s); peak Python memory {peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
