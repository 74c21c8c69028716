#!/usr/bin/env python3
"""Latency of the public portal under concurrent load, on loopback.

    python bench/portal_load.py [--requests 3000] [--concurrency 16] [--max-seconds 120]

Loads the five example plans (published) into a temporary SQLite database,
starts the real app with uvicorn on a free 127.0.0.1 port in a separate
process, then sends a bounded number of GET requests to public pages
(portal, provinces, plans, search, feedback, open data) from an asyncio
client with a fixed number of connections in flight. It stops after
--requests requests or --max-seconds, whichever comes first, stops the
server, and prints the median, p95 and p99 latency, requests per second
and the machine. Client and server share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "examples" / "plans"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_examples(data_dir: Path) -> list[int]:
    from tiendo.config import Settings
    from tiendo.domain.actor import Actor
    from tiendo.ingest.service import ingest_file
    from tiendo.runtime import build_runtime
    from tiendo.store.migrate import upgrade

    runtime = build_runtime(Settings(data_dir=data_dir))
    upgrade(runtime.engine)
    ids = []
    for path in sorted(PLANS.glob("*.txt")):
        outcome = ingest_file(path, runtime.uow(), actor=Actor.command_line(), publish=True)
        ids.append(outcome.plan_id)
    runtime.engine.dispose()
    return ids


def public_paths(plan_ids: list[int]) -> list[str]:
    paths = ["/", "/tinh-thanh", "/tinh-thanh/37", "/tinh-thanh/42", "/tinh-thanh/31"]
    paths += [f"/ke-hoach/{i}" for i in plan_ids]
    paths += ["/tim-kiem?q=chuyen+doi+so", "/tim-kiem?q=du+lieu", "/phan-anh", "/du-lieu-mo"]
    paths += ["/api/v1/plans", "/api/v1/open-data/ke-hoach.json"]
    return paths


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


async def drive(base: str, paths: list[str], total: int, concurrency: int, limit: float):
    """Send ``total`` requests round-robin over ``paths`` with ``concurrency`` in flight."""
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    counter = iter(range(total))
    deadline = time.monotonic() + limit
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def worker() -> None:
            for n in counter:
                if time.monotonic() > deadline:
                    return
                path = paths[n % len(paths)]
                started = time.perf_counter()
                response = await client.get(path)
                await response.aread()
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {path}")
                latencies[path].append(elapsed)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, failures, wall


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped before answering")
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        print("loading the example plans…", flush=True)
        plan_ids = load_examples(data_dir)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "TIENDO_DATA_DIR": str(data_dir), "TIENDO_BASE_URL": base}
        env.pop("TIENDO_DATABASE_URL", None)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "tiendo.web.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=env,
        )
        try:
            wait_until_up(base, server)
            paths = public_paths(plan_ids)
            asyncio.run(drive(base, paths, args.warmup, min(4, args.concurrency), 30))
            latencies, failures, wall = asyncio.run(
                drive(base, paths, args.requests, args.concurrency, args.max_seconds)
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    every = [v for values in latencies.values() for v in values]
    ms = 1000
    print(
        f"\nmachine: {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        f"server: uvicorn, 1 process, SQLite; client: asyncio + httpx, "
        f"{args.concurrency} connections, same machine"
    )
    print(
        f"requests: {len(every)} in {wall:.1f} s = {len(every) / wall:.0f} requests/s; "
        f"failures: {len(failures)}"
    )
    print(
        f"latency: median {statistics.median(every) * ms:.1f} ms, "
        f"p95 {percentile(every, 0.95) * ms:.1f} ms, p99 {percentile(every, 0.99) * ms:.1f} ms"
    )
    print("\nper page (median / p95 ms):")
    for path in paths:
        values = latencies.get(path)
        if values:
            print(
                f"  {path:40} {statistics.median(values) * ms:7.1f} {percentile(values, 0.95) * ms:7.1f}"
            )
    if failures:
        print("failures:", ", ".join(sorted(set(failures))[:10]))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
