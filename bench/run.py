"""Benchmark: the platform under gunicorn on the scale dataset, each URL beside a floor view
(same process, same page size, no database work). Prints requests/s and p50/p95/p99.

    .venv/bin/python bench/run.py --db sqlite            # or postgres, or both
"""

import argparse
import base64
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/openhromada_bench")
URLS = [
    "/",
    "/hromady/",
    "/hromady/?page=30",
    "/hromady/?oblast=vinnytsia-oblast&kind=rural",
    "/hromady/?q=%D1%81%D1%8C%D0%BA%D0%B0&page=3",
    "/hromady/?member=yes",
    "/en/hromady/",
    "/hromady/khmelnytska/",
    "/hromady/khmelnytska/history/",
    "/plans/",
    "/plans/?sort=progress&page=40",
    "/plans/?oblast=vinnytsia-oblast&sort=overdue",
    "/hromady/khmelnytska/plans/2025-2026/",
    "/hromady/khmelnytska/plans/2025-2026/commitments/1/",
]


def _cursor(after: int) -> str:
    return base64.urlsafe_b64encode(f'{{"after":{after}}}'.encode()).decode().rstrip("=")


# Open-data list endpoints: first pages, filtered pages and deep keyset pages (cursor far in).
API_URLS = [
    "/api/v1/hromadas",
    "/api/v1/hromadas?kind=rural&ogp_member=false",
    "/api/v1/plans",
    "/api/v1/plans?status=implementation&cursor=" + _cursor(3000),
    "/api/v1/commitments?cursor=" + _cursor(40000),
    "/api/v1/commitments?completion=substantial",
    "/api/v1/milestones",
    "/api/v1/milestones?overdue=true&cursor=" + _cursor(250000),
    "/api/v1/progress-updates?cursor=" + _cursor(200000),
    "/api/v1/history",
    "/api/v1/history?object_type=plans.milestone&cursor=" + _cursor(400000),
    "/api/v1/plans/100",
    "/api/v1/milestones?limit=500",
]
# Council pages at scale: a synthetic council (24 meetings, 15–30 members, ~70 decisions) found
# through the API once the server runs; {c} is its hromada's slug, {p} one of its people.
COUNCIL_URLS = [
    "/hromady/{c}/council/",
    "/hromady/{c}/council/?page=2",
    "/hromady/{c}/council/decisions/",
    "/hromady/{c}/council/decisions/?page=2",
    "/hromady/{c}/council/decisions/?topic=commitment&result=adopted",
    "/hromady/{c}/council/decisions/?q=%D0%B7%D0%B0%D1%81%D1%96%D0%B4%D0%B0%D0%BD%D0%BD%D1%8F+12",
    "/hromady/{c}/council/meetings/12/",
    "/hromady/{c}/council/people/{p}/",
    "/hromady/khmelnytska/council/",
    "/api/v1/council-decisions?council={id}",
    "/api/v1/council-votes?cursor=" + _cursor(50000),
]
# Co-creation at scale: the big synthetic call ({call}: 2,000 proposals, 20,000 comments) and
# its proposal with 500 comments ({hot}), found through the API once the server runs.
PARTICIPATION_URLS = [
    "/calls/{call}/",
    "/calls/{call}/?page=20",
    "/calls/{call}/?sort=supported",
    "/calls/{call}/?sort=response&page=30",
    "/calls/{call}/?response=none&sort=supported",
    "/calls/{call}/?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82",
    "/calls/{call}/report/",
    "/proposals/{hot}/",
    "/proposals/{hot}/?page=8",
    "/feeds/calls/{call}.atom",
    "/api/v1/proposals?call={call}",
    "/api/v1/participation-comments?proposal={hot}",
]
SUITES = {
    "pages": URLS,
    "api": API_URLS,
    "councils": COUNCIL_URLS,
    "participation": PARTICIPATION_URLS,
    "all": URLS + API_URLS + COUNCIL_URLS + PARTICIPATION_URLS,
}


def council_params(base: str) -> dict:
    """A synthetic council to measure (the largest among the first page of councils)."""
    councils = json.load(urllib.request.urlopen(base + "/api/v1/councils?limit=500"))["items"]
    synthetic = [c for c in councils if c["origin"] == "synthetic"]
    if not synthetic:
        return {"c": "khmelnytska", "p": 1, "id": councils[0]["id"]}
    council = synthetic[0]
    members = json.load(
        urllib.request.urlopen(f"{base}/api/v1/council-members?council={council['id']}&limit=1")
    )["items"]
    slug = council["url"].rstrip("/").split("/")[-2]
    return {"c": slug, "p": members[0]["person_id"], "id": council["id"]}


def participation_params(base: str) -> dict:
    """The big synthetic call (the first one generated) and its proposal no. 1 (500 comments)."""
    calls = json.load(urllib.request.urlopen(base + "/api/v1/calls?limit=500"))["items"]
    synthetic = [c for c in calls if c["origin"] == "synthetic"] or calls
    call = min(synthetic, key=lambda c: c["id"])
    first = json.load(urllib.request.urlopen(f"{base}/api/v1/proposals?call={call['id']}&limit=1"))[
        "items"
    ][0]
    return {"call": call["id"], "hot": first["id"]}


def pct(values, p):
    values = sorted(v for v in values if v is not None)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(db: str, hromadas: int) -> dict:
    env = {**os.environ, "CI": "true", "OPENHROMADA_ENV": "development"}
    var = ROOT / "bench" / "results" / f"var-{db}"
    var.mkdir(parents=True, exist_ok=True)
    env["OPENHROMADA_VAR_DIR"] = str(var)
    if db == "postgres":
        env["DATABASE_URL"] = PG_URL
        name = PG_URL.rsplit("/", 1)[1]
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    else:
        env["DATABASE_URL"] = f"sqlite:///{var / 'bench.sqlite3'}"
    run = [sys.executable, "-m", "openhromada"]
    subprocess.run([*run, "demo", "--no-serve", "--quiet"], env=env, check=True)
    subprocess.run(
        [*run, "generate-scale", "--hromadas", str(hromadas), "--seed", "1", "--quiet"],
        env=env,
        check=True,
    )
    return env


def serve(env: dict, workers: int, page_cache: bool):
    port = free_port()
    env = {
        **env,
        "OPENHROMADA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "OPENHROMADA_BENCH": "1",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
        "PUBLIC_PAGE_CACHE_SECONDS": "60" if page_cache else "0",
        "API_RATE_ANONYMOUS": "10000000/m",  # measure the endpoints, not the rate limiter
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "openhromada",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("server did not start")


def load(url, requests, concurrency):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "load.py"),
            url,
            "--requests",
            str(requests),
            "--concurrency",
            str(concurrency),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def bench(db, args, env, page_cache):
    server, base = serve(env, args.workers, page_cache)
    rows = []
    try:
        params = council_params(base) if args.suite in ("councils", "all") else {}
        if args.suite in ("participation", "all"):
            params.update(participation_params(base))
        for template in SUITES[args.suite]:
            path = template.format(**params) if params else template
            page = load(base + path, args.requests, args.concurrency)
            floor = load(
                f"{base}/_bench/floor/?bytes={page['bytes']}", args.requests, args.concurrency
            )
            rows.append((path, page, floor))
    finally:
        server.terminate()
        server.wait(timeout=20)
    mode = "anonymous page cache on" if page_cache else "page cache off (every request renders)"
    print(
        f"\n## {db}, {mode}: {args.hromadas} hromadas, {args.workers} gunicorn workers, "
        f"{args.requests} requests × concurrency {args.concurrency}"
    )
    print(
        "| URL | KB | req/s | p50 | p95 | p99 | server p95 | floor req/s | floor p95 "
        "| floor server p95 | p95 ÷ floor p95 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path, page, floor in rows:
        lat, flat = page["latency_ms"], floor["latency_ms"]
        print(
            f"| `{path}` | {page['bytes'] / 1024:.0f} | {page['rps']:.0f} | "
            f"{pct(lat, 50):.1f} | {pct(lat, 95):.1f} | {pct(lat, 99):.1f} | "
            f"{pct(page['server_ms'], 95):.1f} | {floor['rps']:.0f} | {pct(flat, 95):.1f} | "
            f"{pct(floor['server_ms'], 95):.2f} | {pct(lat, 95) / pct(flat, 95):.1f}× |"
            + (f" errors: {page['errors']}" if page["errors"] else "")
        )
    floor_p95 = statistics.mean(pct(floor["latency_ms"], 95) for _p, _x, floor in rows)
    print(f"(latencies in ms; mean floor p95 {floor_p95:.1f} ms)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--hromadas", type=int, default=1469)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", choices=["off", "on", "both"], default="both")
    parser.add_argument("--suite", choices=list(SUITES), default="all")
    args = parser.parse_args()
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        env = prepare(db, args.hromadas)
        for page_cache in {"off": [False], "on": [True], "both": [False, True]}[args.cache]:
            bench(db, args, env, page_cache)


if __name__ == "__main__":
    main()
