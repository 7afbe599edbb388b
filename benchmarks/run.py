"""aigov's performance goals, each measured beside the tool a user would otherwise run.

Rerun everything and refresh the table in ``docs/performance.md``::

    bash benchmarks/setup.sh     # once: check-jsonschema and ai-atlas-nexus, in a venv of their own
    .venv/bin/python benchmarks/run.py --batch-100k --write-docs

The interpreter that runs this script is the one measured: ``import aigov``
and the one-liners run under it, and ``aigov`` is the console script beside
it (``python -m aigov`` when there is none).  The comparison tools come from
the venv that ``benchmarks/setup.sh`` made (``$AIGOV_COMPARE_VENV``, by
default ``${XDG_CACHE_HOME:-~/.cache}/aigov-bench-compare``; ``--compare-venv``
overrides it).  A tool that is missing or fails is reported and its row
skipped.

The goals, in users' terms:

1. ``aigov check PROFILE`` is no slower than ``check-jsonschema`` validating
   the same profile against aigov's published schema.
2. Starting, loading the built-in catalogue and answering a principle query
   takes at most a tenth of what IBM's ai-atlas-nexus takes for its query.
3. ``aigov check --format json FILE.jsonl`` checks 1,000 distinct profiles
   in under 2 s and 100,000 in under 90 s (``--batch-100k``), in flat memory.
4. ``import aigov`` costs under half of ``import pydantic``.

Every row is a whole process.  The commands compared in one row take turns
(A, B, A, B, ...) so that drift in the machine's speed hits both alike; the
table gives medians and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from _common import PAGE, PY, ROOT, fmt, splice, times, varied_profile_docs

PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FRAMEWORK = "jp-ai-util-2019"
AIGOV_QUERY = f"import aigov; aigov.builtin_catalog().filter_principles(framework={FRAMEWORK!r})"
ATLAS_QUERY = "from ai_atlas_nexus import AIAtlasNexus; AIAtlasNexus().get_principles()"
#: Seconds after which one run is stopped and counted as failed.
TIMEOUT = 900.0


def _default_compare_venv() -> Path:
    configured = os.environ.get("AIGOV_COMPARE_VENV")
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "aigov-bench-compare"


def _aigov_command() -> list[str]:
    script = Path(PY).parent / "aigov"
    return [str(script)] if script.exists() else [PY, "-m", "aigov"]


def _aigov_package() -> Path:
    spec = importlib.util.find_spec("aigov")
    if spec is None or spec.origin is None:
        raise SystemExit(f"aigov is not importable by {PY}")
    return Path(spec.origin).parent


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- running whole processes ------------------------------------------------------------------


def rss_bytes(ru_maxrss: int) -> int:
    """``ru_maxrss`` in bytes: it is counted in KiB on Linux, in bytes on macOS."""
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


class RunFailed(Exception):
    """A measured command exited with an error or ran out of time."""


@dataclasses.dataclass(frozen=True)
class Sample:
    """One run of a command: wall-clock seconds and the child's peak RSS in bytes."""

    seconds: float
    peak_rss: int


def run_once(argv: Sequence[str], stdout_lines: bool = False) -> tuple[Sample, int]:
    """Run ``argv`` once from the project root; its sample and, if asked, its output lines.

    The child's own resource usage comes from ``os.wait4``, so its peak RSS
    is not mixed up with that of earlier children.
    """
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out if stdout_lines else subprocess.DEVNULL,
            stderr=err,
        )
        timer = threading.Timer(TIMEOUT, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise RunFailed(
                f"`{' '.join(argv)}` exited with {proc.returncode}: " + " / ".join(tail)
            )
        lines = 0
        if stdout_lines:
            out.seek(0)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))
    return Sample(seconds, rss_bytes(usage.ru_maxrss)), lines


@dataclasses.dataclass
class Runs:
    """The samples of the commands that ran, and why the others did not."""

    samples: dict[str, list[Sample]]
    failed: dict[str, str]

    def why(self, name: str) -> str:
        return f"{name} did not run ({self.failed.get(name, 'unknown reason')})"


def interleaved(commands: dict[str, list[str]], repeat: int) -> Runs:
    """Samples of each command that runs; the commands take turns, A, B, A, B, ...

    Each command runs once first, unmeasured, to warm the file cache and the
    bytecode caches; a command that fails there is left out (with a message
    on stderr) and gets no samples.
    """
    alive: dict[str, list[str]] = {}
    failed: dict[str, str] = {}
    for name, argv in commands.items():
        try:
            run_once(argv)
        except (RunFailed, OSError) as exc:
            _say(f"SKIPPED {name}: {exc}")
            failed[name] = str(exc)
            continue
        alive[name] = argv
    samples: dict[str, list[Sample]] = {name: [] for name in alive}
    for i in range(repeat):
        _say(f"  round {i + 1}/{repeat}: " + ", ".join(alive))
        for name, argv in alive.items():
            samples[name].append(run_once(argv)[0])
    return Runs(samples, failed)


def median_seconds(samples: Sequence[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def peak_mb(samples: Sequence[Sample]) -> float:
    return max(s.peak_rss for s in samples) / 2**20


# -- the goals ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Result:
    """One row of the table; ``ratio`` and ``met`` are None when the row was skipped."""

    goal: str
    ours: str
    theirs: str
    ratio: float | None
    threshold: str
    met: bool | None

    def cells(self) -> tuple[str, ...]:
        ratio = "—" if self.ratio is None else times(self.ratio)
        verdict = {True: "met", False: "**missed**", None: "skipped"}[self.met]
        return (self.goal, self.ours, self.theirs, ratio, self.threshold, verdict)


@dataclasses.dataclass
class Report:
    """The rows of a run and the notes printed under the table."""

    results: list[Result] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)


def _skipped(goal: str, ours: str, threshold: str) -> Result:
    return Result(goal, ours, "not measured (see below)", None, threshold, None)


def goal_check(report: Report, repeat: int, compare: Path) -> None:
    """Goal 1: ``aigov check`` on one profile vs check-jsonschema on the same file."""
    goal, threshold = "1. `aigov check` one profile vs `check-jsonschema` on it", "≤ 1.00×"
    schema = _aigov_package() / "schemas" / "system-profile.schema.json"
    ours_cmd = [*_aigov_command(), "check", str(PROFILE), "--format", "json"]
    theirs_cmd = [
        *(str(compare / "bin" / "check-jsonschema"), "--schemafile", str(schema), str(PROFILE))
    ]
    _say("goal 1: aigov check vs check-jsonschema")
    runs = interleaved({"aigov": ours_cmd, "check-jsonschema": theirs_cmd}, repeat)
    samples = runs.samples
    if "aigov" not in samples:
        raise SystemExit(runs.why("aigov"))
    ours = median_seconds(samples["aigov"])
    if "check-jsonschema" not in samples:
        report.results.append(_skipped(goal, fmt(ours), threshold))
        report.notes.append(f"Goal 1 SKIPPED: {runs.why('check-jsonschema')}.")
        return
    theirs = median_seconds(samples["check-jsonschema"])
    ratio = ours / theirs
    report.results.append(Result(goal, fmt(ours), fmt(theirs), ratio, threshold, ratio <= 1.0))
    report.notes.append(
        f"Goal 1: peak RSS aigov {peak_mb(samples['aigov']):.0f} MB, "
        f"check-jsonschema {peak_mb(samples['check-jsonschema']):.0f} MB."
    )


def goal_query(report: Report, repeat: int, compare: Path) -> None:
    """Goal 2: start, load the catalogue, answer a principle query; vs ai-atlas-nexus."""
    threshold = "≤ 0.10×"
    commands = {
        "aigov one-liner": [PY, "-c", AIGOV_QUERY],
        "aigov list": [
            *_aigov_command(),
            *("list", "principles", "--framework", FRAMEWORK, "--format", "json"),
        ],
        "ai-atlas-nexus": [str(compare / "bin" / "python"), "-c", ATLAS_QUERY],
    }
    _say("goal 2: principle query vs ai-atlas-nexus")
    runs = interleaved(commands, repeat)
    samples = runs.samples
    for name in ("aigov one-liner", "aigov list"):
        if name not in samples:
            raise SystemExit(runs.why(name))
    rows = (
        ("aigov one-liner", "2. load catalogue + principle query (Python) vs ai-atlas-nexus"),
        ("aigov list", "2. the same through `aigov list principles` vs ai-atlas-nexus"),
    )
    if "ai-atlas-nexus" not in samples:
        for name, goal in rows:
            report.results.append(_skipped(goal, fmt(median_seconds(samples[name])), threshold))
        report.notes.append(f"Goal 2 SKIPPED: {runs.why('ai-atlas-nexus')}.")
        return
    theirs = median_seconds(samples["ai-atlas-nexus"])
    for name, goal in rows:
        ours = median_seconds(samples[name])
        ratio = ours / theirs
        report.results.append(Result(goal, fmt(ours), fmt(theirs), ratio, threshold, ratio <= 0.1))
    report.notes.append(
        f"Goal 2: peak RSS aigov {peak_mb(samples['aigov one-liner']):.0f} MB, "
        f"ai-atlas-nexus {peak_mb(samples['ai-atlas-nexus']):.0f} MB."
    )


def goal_import(report: Report, repeat: int) -> None:
    """Goal 4: ``import aigov`` vs ``import pydantic``, net of the interpreter's start."""
    goal, threshold = "4. `import aigov` vs `import pydantic`, net of `python -c pass`", "< 0.50×"
    _say("goal 4: import aigov vs import pydantic")
    runs = interleaved(
        {
            "pass": [PY, "-c", "pass"],
            "pydantic": [PY, "-c", "import pydantic"],
            "aigov": [PY, "-c", "import aigov"],
        },
        repeat,
    )
    samples = runs.samples
    for name in runs.failed:
        raise SystemExit(runs.why(name))
    bare, theirs, ours = (median_seconds(samples[k]) for k in ("pass", "pydantic", "aigov"))
    ratio = (ours - bare) / (theirs - bare)
    report.results.append(
        Result(goal, fmt(ours - bare), fmt(theirs - bare), ratio, threshold, ratio < 0.5)
    )
    report.notes.append(
        f"Goal 4, whole processes: `python -c pass` {fmt(bare)}, `import aigov` {fmt(ours)}, "
        f"`import pydantic` {fmt(theirs)} (raw ratio {times(ours / theirs)})."
    )


def write_profiles(path: Path, count: int) -> None:
    """Write ``count`` distinct profiles to ``path`` as JSON Lines (in this process)."""
    with path.open("w", encoding="utf-8") as handle:
        for doc in varied_profile_docs(count):
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")


def _write_profiles(path: Path, count: int) -> None:
    """Write the profiles from a child process.

    This process stays small: on Linux a child's peak RSS starts from its
    parent's peak at the time of the fork, so a driver holding 100,000
    generated profiles would inflate every figure measured after that.
    """
    subprocess.run([PY, __file__, "--write-profiles", str(count), str(path)], cwd=ROOT, check=True)


def goal_batch(report: Report, small_repeat: int, large_runs: int) -> None:
    """Goal 3: 1,000 and (if asked) 100,000 distinct profiles through one ``aigov check``."""
    with tempfile.TemporaryDirectory() as tmp:
        small_path = Path(tmp) / "profiles-1000.jsonl"
        _write_profiles(small_path, 1000)
        cmd = [*_aigov_command(), "check", "--format", "json"]
        _say("goal 3: 1,000 distinct profiles")
        warm, lines = run_once([*cmd, str(small_path)], stdout_lines=True)
        if lines != 1000:
            raise SystemExit(f"expected 1,000 assessments (one a line), got {lines:,}")
        small = [run_once([*cmd, str(small_path)])[0] for _ in range(small_repeat)]
        seconds = median_seconds(small)
        report.results.append(
            Result(
                "3. `aigov check --format json` on 1,000 distinct profiles (JSONL)",
                fmt(seconds),
                "budget 2 s",
                seconds / 2.0,
                "< 2 s",
                seconds < 2.0,
            )
        )
        small_mb = peak_mb([warm, *small])
        if large_runs <= 0:
            report.notes.append(
                f"Goal 3: peak RSS {small_mb:.0f} MB for 1,000 profiles; the 100,000-profile "
                "rows need `--batch-100k`."
            )
            return
        large_path = Path(tmp) / "profiles-100000.jsonl"
        _say("goal 3: writing 100,000 distinct profiles")
        _write_profiles(large_path, 100_000)
        large = []
        for i in range(large_runs):
            _say(f"goal 3: 100,000 distinct profiles, run {i + 1}/{large_runs}")
            large.append(run_once([*cmd, str(large_path)])[0])
        size_mb = large_path.stat().st_size / 2**20
    seconds = median_seconds(large)
    large_mb = peak_mb(large)
    report.results += [
        Result(
            "3. `aigov check --format json` on 100,000 distinct profiles (JSONL)",
            fmt(seconds),
            "budget 90 s",
            seconds / 90.0,
            "< 90 s",
            seconds < 90.0,
        ),
        Result(
            "3. peak RSS, 100,000 profiles vs 1,000 profiles (flat memory)",
            f"{large_mb:.0f} MB",
            f"{small_mb:.0f} MB",
            large_mb / small_mb,
            "≤ 1.50×",
            large_mb <= 1.5 * small_mb,
        ),
    ]
    report.notes.append(
        f"Goal 3: the 100,000-profile file is {size_mb:.0f} MB; "
        f"{100_000 / seconds:,.0f} profiles/s; output written to /dev/null."
    )


# -- the table ------------------------------------------------------------------------------


def _output(argv: Sequence[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (done.stdout or done.stderr).strip()


def machine() -> str:
    """The machine as ``nproc``, ``python -V`` and ``uname -r`` describe it."""
    cores = _output(["nproc"]) if shutil.which("nproc") else str(os.cpu_count())
    return (
        f"{platform.machine()}, `nproc` {cores}, `python -V` {_output([PY, '-V'])}, "
        f"`uname -r` {_output(['uname', '-r'])}"
    )


def versions(compare: Path) -> str:
    """aigov's version and commit, and the comparison tools' versions."""
    package = _aigov_package()
    version = _output([PY, "-c", "import aigov; print(aigov.__version__)"])
    commit = _output(["git", "-C", str(package), "describe", "--always", "--dirty", "--abbrev=7"])
    tools = _output(
        [
            str(compare / "bin" / "python"),
            "-c",
            "import importlib.metadata as m\n"
            "for name in ('check-jsonschema', 'ai-atlas-nexus'):\n"
            "    try: print(name, m.version(name))\n"
            "    except m.PackageNotFoundError: print(name, 'not installed')",
        ]
    )
    if not (compare / "bin" / "python").exists():
        tools = "comparison tools not installed"
    return f"aigov {version} (commit {commit}); " + ", ".join(tools.splitlines())


def render(report: Report, intro: str) -> str:
    header = ("goal", "aigov (median)", "comparison (median)", "ratio", "goal", "result")
    lines = [
        intro,
        "",
        "| " + " | ".join(header) + " |",
        "|---|---|---|---|---|---|",
        *("| " + " | ".join(r.cells()) + " |" for r in report.results),
        "",
        *(f"- {note}" for note in report.notes),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=15, help="interleaved runs per whole-process row (15)"
    )
    parser.add_argument(
        "--batch-repeat", type=int, default=5, help="runs of the 1,000-profile batch (5)"
    )
    parser.add_argument(
        "--batch-100k",
        type=int,
        nargs="?",
        const=1,
        default=0,
        metavar="RUNS",
        help="also check 100,000 profiles, RUNS times (1; about half a minute to a minute each)",
    )
    parser.add_argument(
        "--compare-venv",
        type=Path,
        default=_default_compare_venv(),
        help="venv of check-jsonschema and ai-atlas-nexus (default: $AIGOV_COMPARE_VENV or "
        "${XDG_CACHE_HOME:-~/.cache}/aigov-bench-compare; made by benchmarks/setup.sh)",
    )
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--write-profiles", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_profiles:
        count, path = args.write_profiles
        write_profiles(Path(path), int(count))
        return
    compare: Path = args.compare_venv
    if not (compare / "bin" / "python").exists():
        _say(f"NOTE: no comparison venv at {compare}; run `bash benchmarks/setup.sh` first.")

    report = Report()
    goal_check(report, args.repeat, compare)
    goal_query(report, args.repeat, compare)
    goal_batch(report, args.batch_repeat, args.batch_100k)
    goal_import(report, args.repeat)
    report.results.sort(key=lambda r: r.goal[:2])
    driver = rss_bytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 2**20
    report.notes.append(
        f"Peak RSS is each child's own `ru_maxrss`; on Linux it counts from the driver's "
        f"peak at the fork, {driver:.0f} MB here."
    )

    runs = (
        f"medians of {args.repeat} interleaved runs per row, "
        f"{args.batch_repeat} run(s) of the 1,000-profile batch"
    )
    if args.batch_100k:
        runs += f", {args.batch_100k} run(s) of the 100,000-profile batch"
    intro = f"Measured {dt.date.today().isoformat()} on {machine()}; {versions(compare)}; {runs}."
    text = render(report, intro)
    print(text)
    if args.write_docs:
        PAGE.write_text(splice(PAGE.read_text(encoding="utf-8"), text, "bench"), encoding="utf-8")


if __name__ == "__main__":
    main()
