"""A small closed-loop load generator, run as its own process: N requests over C keep-alive
connections; prints JSON with client latencies and the server's own Server-Timing figures."""

import argparse
import http.client
import json
import re
import threading
import time
from urllib.parse import urlsplit

SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")


def worker(host, port, path, count, out, errors):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    for _ in range(count):
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Language": "uk"})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors.append(1)
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        match = SERVER_TIMING.search(response.getheader("Server-Timing") or "")
        if response.status != 200:
            errors.append(response.status)
        out.append((elapsed, float(match.group(1)) if match else None, len(body)))
    conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    parts = urlsplit(args.url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    worker(parts.hostname, parts.port, path, args.warmup, [], [])
    out, errors, threads = [], [], []
    per = max(1, args.requests // args.concurrency)
    started = time.perf_counter()
    for _ in range(args.concurrency):
        t = threading.Thread(
            target=worker, args=(parts.hostname, parts.port, path, per, out, errors)
        )
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    print(
        json.dumps(
            {
                "latency_ms": [o[0] for o in out],
                "server_ms": [o[1] for o in out],
                "bytes": out[0][2] if out else 0,
                "errors": len(errors),
                "rps": len(out) / wall,
            }
        )
    )


if __name__ == "__main__":
    main()
