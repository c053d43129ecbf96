"""Benchmark: independent monitoring's public pages at full scale, beside the floor view.

The scale dataset (bench/run.py's: demo + `generate-scale --hromadas 1469 --seed 1`) gets a
monitor's assignment, a published results report and an inception review for every completed
plan, with a current published assessment of every commitment in each (unless the scale
generator already made monitoring data). Then, as bench/run.py does, the real application under
gunicorn serves each URL to a separate load process, and the same-size floor view is measured
beside it.

    .venv/bin/python bench/monitoring_bench.py --db sqlite --cache both
    # reuse a database made elsewhere (e.g. by bench/run.py):
    .venv/bin/python bench/monitoring_bench.py --database-url sqlite:////path/bench.sqlite3 \
        --var-dir /path/var
"""

import argparse
import datetime as dt
import json
import os
import random
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run

ROOT = Path(__file__).resolve().parent.parent
URLS = [
    "/monitoring/comparison/",
    "/monitoring/comparison/?oblast=vinnytsia-oblast",
    "/monitoring/comparison/?kind=inception",
    "/en/monitoring/comparison/?oblast=lviv-oblast",
    "/monitoring/comparison/data.csv",
    "{plan}",
    "{commitment}",
]
BATCH = 2000


def seed() -> dict:
    """Monitoring for every completed plan (in this process: Django set up from the env).
    Returns the synthetic plan and commitment pages to measure."""
    import django  # noqa: PLC0415 - set up only in the child process that seeds

    django.setup()
    from django.db import connection, transaction  # noqa: PLC0415 - models load after django.setup()
    from django.utils import timezone  # noqa: PLC0415 - models load after django.setup()

    from openhromada.accounts.models import Role, RoleAssignment  # noqa: PLC0415 - models load after django.setup()
    from openhromada.monitoring import lifecycle  # noqa: PLC0415 - models load after django.setup()
    from openhromada.monitoring.models import (  # noqa: PLC0415 - models load after django.setup()
        Assessment,
        Assignment,
        MonitoringNetwork,
        Report,
    )
    from openhromada.plans.models import ActionPlan, Commitment  # noqa: PLC0415 - models load after django.setup()

    rng = random.Random(1)
    completed = ActionPlan.objects.filter(status="completed").order_by("pk")
    made = 0
    if not Assessment.objects.filter(commitment__plan__in=completed).exists():
        networks = list(MonitoringNetwork.objects.order_by("pk"))
        monitors = {}
        for network_id, user_id in RoleAssignment.objects.filter(
            role=Role.MONITOR, network__isnull=False
        ).values_list("network_id", "user_id"):
            monitors.setdefault(network_id, []).append(user_id)
        networks = [n for n in networks if n.pk in monitors]
        now = timezone.now()
        with transaction.atomic():
            plans = list(completed.values_list("pk", flat=True))
            chosen = {pk: rng.choice(networks) for pk in plans}
            Assignment.objects.bulk_create(
                [
                    Assignment(
                        network=chosen[pk],
                        plan_id=pk,
                        monitor_id=rng.choice(monitors[chosen[pk].pk]),
                        monitor_label="Синтетичний монітор",
                    )
                    for pk in plans
                ],
                batch_size=BATCH,
            )
            assignments = dict(
                Assignment.objects.filter(plan_id__in=plans).values_list("plan_id", "pk")
            )
            reports = []
            for pk in plans:
                for kind in lifecycle.ReportKind.values:
                    reports.append(
                        Report(
                            network=chosen[pk],
                            plan_id=pk,
                            kind=kind,
                            status=lifecycle.ReportStatus.PUBLISHED,
                            author_label="Синтетичний монітор",
                            sent_at=now,
                            reply_due=now.date(),
                            published_at=now,
                            origin="synthetic",
                        )
                    )
            Report.objects.bulk_create(reports, batch_size=BATCH)
            report_ids = {
                (plan, kind): pk
                for pk, plan, kind in Report.objects.filter(plan_id__in=plans).values_list(
                    "pk", "plan_id", "kind"
                )
            }
            batch = []
            for cid, plan_id in Commitment.objects.filter(plan_id__in=plans).values_list(
                "pk", "plan_id"
            ):
                for kind in lifecycle.ReportKind.values:
                    results = kind == lifecycle.ReportKind.RESULTS
                    values = {
                        "verifiable": rng.random() > 0.1,
                        "lens_transparency": rng.random() > 0.4,
                        "lens_participation": rng.random() > 0.6,
                        "lens_accountability": rng.random() > 0.7,
                        "potential": rng.choice(lifecycle.Potential.values),
                        "completion": rng.choice(lifecycle.Completion.values) if results else "",
                    }
                    batch.append(
                        Assessment(
                            assignment_id=assignments[plan_id],
                            commitment_id=cid,
                            kind=kind,
                            status=lifecycle.FindingStatus.SUBMITTED,
                            is_current=True,
                            narrative="Синтетична оцінка.",
                            links=["https://example.org/evidence"],
                            assessed_on=now.date() - dt.timedelta(days=30),
                            author_label="Синтетичний монітор",
                            submitted_at=now,
                            published_at=now,
                            report_id=report_ids[(plan_id, kind)],
                            opened_government=rng.choice(lifecycle.OpenedGovernment.values)
                            if results
                            else "",
                            star=lifecycle.is_star(
                                verifiable=values["verifiable"],
                                transparency=values["lens_transparency"],
                                participation=values["lens_participation"],
                                accountability=values["lens_accountability"],
                                potential=values["potential"],
                                completion=values["completion"],
                            ),
                            origin="synthetic",
                            **values,
                        )
                    )
                    if len(batch) >= BATCH:
                        made += len(Assessment.objects.bulk_create(batch))
                        batch = []
            made += len(Assessment.objects.bulk_create(batch))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    plan = (
        ActionPlan.objects.filter(status="completed", origin="synthetic")
        .select_related("hromada")
        .order_by("pk")
        .first()
    ) or completed.select_related("hromada").first()
    return {
        "made": made,
        "assessments": Assessment.objects.filter(published_at__isnull=False).count(),
        "completed_plans": completed.count(),
        "plan": f"/hromady/{plan.hromada.slug}/plans/{plan.slug}/",
        "commitment": f"/hromady/{plan.hromada.slug}/plans/{plan.slug}/commitments/1/",
    }


def serve(env: dict, workers: int, page_cache: bool):
    """bench/run.py's server, started without collecting the static files again (done once
    before) and given longer to come up on a busy machine."""
    port = run.free_port()
    env = {
        **env,
        "OPENHROMADA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "OPENHROMADA_BENCH": "1",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
        "PUBLIC_PAGE_CACHE_SECONDS": "60" if page_cache else "0",
    }
    command = [sys.executable, "-m", "openhromada", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers), "--no-collectstatic"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/", timeout=5)
            return server, base
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("server did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--var-dir", default="")
    parser.add_argument("--hromadas", type=int, default=1469)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", choices=["off", "on", "both"], default="both")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_only:
        print(json.dumps(seed()))
        return
    if args.database_url:
        env = {
            **os.environ,
            "CI": "true",
            "OPENHROMADA_ENV": "development",
            "DATABASE_URL": args.database_url,
            "OPENHROMADA_VAR_DIR": args.var_dir or str(ROOT / "bench" / "results" / "var-reuse"),
        }
    else:
        env = run.prepare(args.db, args.hromadas)
    seeded = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--seed-only"],
            env={**env, "DJANGO_SETTINGS_MODULE": "openhromada.settings"},
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(
        f"Monitoring data: {seeded['assessments']} published assessments "
        f"({seeded['made']} made now) over {seeded['completed_plans']} completed plans"
    )
    subprocess.run(
        [sys.executable, "-m", "openhromada", "collectstatic", "--noinput", "-v0"],
        env={**env, "OPENHROMADA_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(60)},
        check=True,
    )
    run.serve = serve  # run.bench starts its server through this name
    run.SUITES["monitoring"] = [u.format(**seeded) for u in URLS]
    args.suite = "monitoring"
    for page_cache in {"off": [False], "on": [True], "both": [False, True]}[args.cache]:
        run.bench(args.db, args, env, page_cache)


if __name__ == "__main__":
    main()
