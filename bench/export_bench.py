"""Bulk export benchmark: rows/s and the serving worker's peak memory, at two data sizes.

A gunicorn worker (production settings) streams each download to this process; we count rows
and bytes as they arrive and read the worker's peak resident memory (VmHWM) afterwards. If the
exports stream, the peak does not grow with the data.

    .venv/bin/python bench/export_bench.py --db sqlite     # small (demo only) and full scale
    .venv/bin/python bench/export_bench.py --only /data/councils.popolo.json   # one download
"""

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = [
    "/data/councils.popolo.json",  # first: the worker's peak then is the Popolo stream's alone
    "/data/council-votes.csv",
    "/data/hromadas.csv",
    "/data/milestones.csv",
    "/data/milestones.jsonl",
    "/data/progress-updates.csv",
    "/data/history.jsonl",
    "/data/openhromada.zip",
]


def small_env(db: str) -> dict:
    """The demo data alone (no scale generator): a few hundred plan rows."""
    env = {**os.environ, "CI": "true", "OPENHROMADA_ENV": "development"}
    var = ROOT / "bench" / "results" / f"var-{db}-small"
    var.mkdir(parents=True, exist_ok=True)
    env["OPENHROMADA_VAR_DIR"] = str(var)
    if db == "postgres":
        env["DATABASE_URL"] = run.PG_URL + "_small"
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    else:
        env["DATABASE_URL"] = f"sqlite:///{var / 'bench.sqlite3'}"
    subprocess.run(
        [sys.executable, "-m", "openhromada", "demo", "--no-serve", "--quiet"], env=env, check=True
    )
    return env


def worker_pid(master: int) -> int:
    for _ in range(50):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("no gunicorn worker")


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(label: str, env: dict, downloads=DOWNLOADS) -> None:
    env = {**env, "OPENDATA_DUMP_MAX_AGE": "0"}  # the ZIP is streamed live, not served pre-built
    server, base = run.serve(env, 1, False)
    try:
        pid = worker_pid(server.pid)
        urllib.request.urlopen(base + "/data/").read()
        start_peak = peak_mib(pid)
        print(f"\n## {label}: worker peak after start-up {start_peak:.0f} MiB")
        print("| download | rows | MiB | seconds | rows/s | MiB/s | worker peak MiB |")
        print("|---|---|---|---|---|---|---|")
        for path in downloads:
            started = time.perf_counter()
            size = rows = 0
            with urllib.request.urlopen(base + path, timeout=600) as response:
                while chunk := response.read(1 << 16):
                    size += len(chunk)
                    rows += chunk.count(b"\n")
            seconds = time.perf_counter() - started
            print(
                f"| `{path}` | {rows if not path.endswith('.zip') else '—'} | "
                f"{size / 2**20:.1f} | {seconds:.2f} | "
                f"{(rows / seconds) if not path.endswith('.zip') else 0:,.0f} | "
                f"{size / 2**20 / seconds:.1f} | {peak_mib(pid):.0f} |"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--hromadas", type=int, default=1469)
    parser.add_argument("--only", nargs="*", help="measure these downloads only, in this order")
    args = parser.parse_args()
    downloads = args.only or DOWNLOADS
    measure(f"{args.db}, demo data only", small_env(args.db), downloads)
    measure(
        f"{args.db}, full scale ({args.hromadas} hromadas)",
        run.prepare(args.db, args.hromadas),
        downloads,
    )


if __name__ == "__main__":
    main()
