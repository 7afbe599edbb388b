"""Helpers shared by the benchmark scripts: timing, formatting, the docs table."""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGE = ROOT / "docs" / "performance.md"
PAGE_RELIABILITY = ROOT / "docs" / "reliability.md"

Row = tuple[str, str, str, str]


def median_time(fn: Callable[[], object], repeat: int, number: int) -> float:
    """Median seconds per call over ``repeat`` batches of ``number`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def per_call(fn: Callable[[], object], repeat: int, budget: float = 0.02) -> float:
    """Median seconds per call, with batches sized to about ``budget`` seconds."""
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    return median_time(fn, repeat, max(1, min(20_000, int(budget / once))))


def fmt(seconds: float) -> str:
    """A duration with a unit that keeps three or four significant digits."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def times(ratio: float) -> str:
    """A ratio such as ``1.05×`` or ``35×``."""
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.2f}×"


def mb(size: float) -> str:
    """Bytes as whole mebibytes."""
    return f"{size / 2**20:.0f} MB"


def table(intro: str, rows: Sequence[Row], compared: str = "goal") -> str:
    """The Markdown table of a run: when and where it was measured, then the rows."""
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    lines = [
        f"Measured {dt.date.today().isoformat()} on {machine}; {intro}",
        "",
        f"| benchmark | median | {compared} | notes |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
    ]
    return "\n".join(lines) + "\n"


def splice(page: str, text: str, marker: str, section: str = "") -> str:
    """``page`` with ``text`` between ``<!-- marker:start/end -->``.

    When the markers are missing, ``section`` and the marked text are added
    at the end of the page.
    """
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if start not in page:
        return page.rstrip("\n") + "\n" + section + f"{start}\n{text}{end}\n"
    head, rest = page.split(start, 1)
    tail = rest.split(end, 1)[1]
    return f"{head}{start}\n{text}{end}{tail}"


def varied_profile_docs(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """Valid profile documents with random, (almost surely) distinct fact combinations.

    About a fifth of the facts are left unstated; the rest get random values.
    """
    from aigov.profile import ACTORS, DOMAINS, fact_specs  # noqa: PLC0415 - run.py times its own imports

    rng = random.Random(seed)
    specs = fact_specs()
    out = []
    for i in range(count):
        doc: dict[str, Any] = {
            "profile_version": "1",
            "id": f"p{i}",
            "name": f"Profile {i}",
            "domains": rng.sample(DOMAINS, rng.randint(1, 3)),
            "actors": rng.sample(ACTORS, rng.randint(1, 5)),
        }
        for spec in specs.values():
            if spec.kind == "text" or spec.path in ("domains", "actors"):
                continue
            if rng.random() < 0.2:
                continue  # left unstated
            target = doc
            for attr in spec.attrs[:-1]:
                target = target.setdefault(attr, {})
            if spec.kind == "bool":
                target[spec.attrs[-1]] = rng.random() < 0.4
            elif spec.kind == "enum":
                target[spec.attrs[-1]] = rng.choice(spec.choices)
            else:
                target[spec.attrs[-1]] = rng.sample(spec.choices, rng.randint(0, 2))
        out.append(doc)
    return out
