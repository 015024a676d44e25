#!/usr/bin/env bash
# bench/run.sh — one job: time `khoa build` on synthetic courses of 1,000 and 10,000 lessons and
# report median wall time, lessons/s, peak RSS, a --timings breakdown and a lesson page's weight.
#
# Usage: bench/run.sh [SIZES...]   (default: 1000 10000; runs: 5 at 1,000, 3 at 10,000 plus a warm-up)
# Environment: BENCH_QUIZZES=1 adds quizzes to the generated lessons; RUNS_<N>=k overrides run counts;
# KHOA_BIN=path benchmarks that binary instead of building target/release/khoa.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
KHOA="${KHOA_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/khoa}"
SIZES=("$@")
[ "${#SIZES[@]}" -gt 0 ] || SIZES=(1000 10000)
QUIZ_FLAG=()
[ "${BENCH_QUIZZES:-0}" = 1 ] && QUIZ_FLAG=(--quizzes)

runs_for() {
  local var="RUNS_$1"
  if [ -n "${!var:-}" ]; then echo "${!var}"; elif [ "$1" -ge 10000 ]; then echo 3; else echo 5; fi
}

ensure_time() {
  [ -x /usr/bin/time ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null; }; then
    echo "(could not install Debian's time: peak RSS comes from python's resource module)"
  fi
}

# Runs one build; prints "<wall seconds> <peak RSS KiB>".
timed_build() {
  local project="$1" site="$2"
  if [ -x /usr/bin/time ]; then
    local log
    log="$(mktemp)"
    /usr/bin/time -f '%e %M' -o "$log" "$KHOA" build --root "$project" --out "$site" \
      >/dev/null 2>"$OUT/build.log" || { cat "$OUT/build.log" >&2; return 1; }
    cat "$log"
    rm -f "$log"
  else
    python3 - "$KHOA" "$project" "$site" <<'PY'
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run([sys.argv[1], "build", "--root", sys.argv[2], "--out", sys.argv[3]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
if r.returncode:
    sys.exit(r.stderr)
print(f"{wall:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
  fi
}

median() { LC_ALL=C sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench_size() {
  local n="$1" runs project site
  runs="$(runs_for "$n")"
  project="$OUT/project-$n${QUIZ_FLAG:+-quiz}"
  site="$OUT/site-$n"
  echo
  echo "==== N = $n lessons ($runs timed runs after one warm-up) ===="
  python3 "$ROOT/bench/gen_course.py" "$n" "$project" "${QUIZ_FLAG[@]}"
  echo "source: $(du -sh "$project/content" | cut -f1) of Markdown"
  timed_build "$project" "$site" >/dev/null # warm-up: page cache, first-run costs
  local results=() i
  for ((i = 1; i <= runs; i++)); do
    results+=("$(timed_build "$project" "$site")")
    echo "  run $i: ${results[-1]%% *} s, $(( ${results[-1]##* } / 1024 )) MiB peak RSS"
  done
  local med peak
  med="$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)"
  peak="$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | LC_ALL=C sort -g | tail -1)"
  echo "median wall time: ${med} s"
  echo "lessons/s: $(awk -v n="$n" -v t="$med" 'BEGIN {printf "%.0f", (t > 0 ? n / t : 0)}')"
  echo "peak RSS (max over runs): $((peak / 1024)) MiB"
  echo "output: $(du -sh "$site" | cut -f1), $(find "$site" -type f | wc -l) files"
  echo "--- khoa build --timings (one run) ---"
  "$KHOA" build --timings --root "$project" --out "$site" 2>&1 >/dev/null | sed 's/^/  /' ||
    echo "  (--timings failed)"
  local lesson
  lesson="$(find "$site" -mindepth 3 -name '*.html' -not -path '*/_khoa/*' | LC_ALL=C sort | sed -n 1p)"
  if [ -n "$lesson" ]; then
    echo "--- weight of one lesson page ---"
    python3 "$ROOT/bench/page_weight.py" "$lesson"
  fi
}

cd "$ROOT"
mkdir -p "$OUT"
ensure_time
if [ -z "${KHOA_BIN:-}" ]; then
  echo "==== cargo build --release ===="
  cargo build --release
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $("$KHOA" --version 2>/dev/null || echo khoa)"
for n in "${SIZES[@]}"; do bench_size "$n"; done
if [ -f "$ROOT/public/index.html" ]; then
  sample="$(find "$ROOT/public" -mindepth 3 -name '*.html' -not -path '*/_khoa/*' | LC_ALL=C sort | sed -n 1p)"
  if [ -n "$sample" ]; then
    echo
    echo "==== weight of a sample-course lesson page (public/) ===="
    python3 "$ROOT/bench/page_weight.py" "$sample"
  fi
fi
