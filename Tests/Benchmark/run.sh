#!/usr/bin/env bash
# Benchmark: s1check check with every report (JUnit, Markdown, JSON, SARIF, Code Quality, summary) on 100,
# 1,000, 10,000 and 100,000 generated plans, then s1check check alone and s1check fix on the same files (the
# diff; and up to 10,000 plans --write, each run on a fresh copy made before it is timed), with fix's time
# as a multiple of the check's (target: at most 2x; --write adds the file system's cost of replacing each
# changed plan atomically and durably), side by side in the same run with two references on the same
# files: `cat` (the I/O floor) and check-jsonschema validating them against Plans/schemas/plan.schema.json (a
# peer doing less work: shape only, no baseline, no reports). Prints median wall time, plans per second and
# peak memory (max RSS) per command. Above 10,000 plans the references are left out (check-jsonschema takes
# minutes there, and the file list outgrows the command line); the 100,000 row shows how time and memory
# grow with the plan count (targets: time at most 11x the 10,000-plan time, memory under 300 MB).
#
# Then (unless SUPERLINEAR=0) the inputs that once cost the square of their size (issue 26), each at most 16
# MiB, made by Tests/Benchmark/superlinear.py: a 40,000-cell scope with 40,000 exclusions (check, the
# console and with both evidence packs), a baseline with 40,000 versions in legal effect, aliases and parts,
# `baseline diff` to 20,000 versions in legal effect, and one plan declaring a document at 20,000 versions
# (target: each under 2 s); and the cases whose wall-clock bounds the end-to-end tests once held (no test
# depends on a clock now): a 16 MiB plan of 40,000 repeats and 40,000 waivers, 3,000 plans sharing an id
# (with JUnit), a 16 MiB one-line plan full of errors (target: each under 2 s), and 1,000 plans against a
# 5,000-entry registry matching none (target: under 2.5 s). A row over its target is marked OVER.
#
# usage: Tests/Benchmark/run.sh [SIZES...]      (default: 100 1000 10000 100000; RUNS=3 runs each)
# needs: python3, the plan generator (../shared/bench/gen_plans.py, or GEN=path), check-jsonschema (PyPI)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
sizes=("$@"); [ $# -eq 0 ] && sizes=(100 1000 10000 100000)
runs="${RUNS:-3}"
gen="${GEN:-../shared/bench/gen_plans.py}"
[ -f "$gen" ] || { echo "plan generator not found at $gen (set GEN=...)"; exit 2; }
# pip puts the script in the interpreter's scripts folder, which may not be on PATH (pyenv, --user).
export PATH="$PATH:$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
command -v check-jsonschema >/dev/null || python3 -m pip install -q check-jsonschema

swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/s1check"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Runs a command RUNS times (after one warm-up); prints "median_wall_s peak_rss_kb". The command is started
# with posix_spawn and reaped with wait4, so the max RSS is that process's own (not a forked parent's).
measure() {
  python3 - "$runs" "$@" <<'PY'
import os, shutil, sys, statistics, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
exe = shutil.which(cmd[0]) or cmd[0]
devnull = os.open(os.devnull, os.O_WRONLY)
results = []
for i in range(runs + 1):
    t = time.perf_counter()
    pid = os.posix_spawn(exe, cmd, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    if i: results.append((time.perf_counter() - t, usage.ru_maxrss))
print(f"{statistics.median(r[0] for r in results):.3f} {max(r[1] for r in results)}")
PY
}

echo "peak MB is the kernel's max RSS for the command; it includes ~14 MB the measuring Python process"
echo "holds when it spawns the command (the cat row shows that floor). Median of $runs runs after a warm-up."
printf "%-8s %-18s %10s %12s %10s\n" plans command "wall (s)" "plans/s" "peak MB"
for n in "${sizes[@]}"; do
  dir="$work/p$n"
  python3 "$gen" "$n" "$dir"
  files=("$dir"/*.plan.json)
  row() { # name wall rss
    printf "%-8s %-18s %10.3f %12.0f %10.1f\n" "$n" "$1" "$2" "$(python3 -c "print($n/max($2,1e-9))")" "$(python3 -c "print($3/1024)")"
  }
  read -r w m < <(measure "$bin" check "$dir" --as-of 2023-06-01 --junit "$work/j.xml" --markdown "$work/r.md" --json "$work/r.json" \
    --sarif "$work/r.sarif" --codequality "$work/cq.json" --summary "$work/s.md")
  row "s1check (6 reports)" "$w" "$m"; s1=$w
  [ "$n" = 10000 ] && t10k=$w
  read -r w m < <(measure "$bin" check "$dir" --as-of 2023-06-01)
  row "s1check check" "$w" "$m"; plain=$w
  read -r w m < <(measure "$bin" fix "$dir")
  row "s1check fix (diff)" "$w" "$m"
  python3 -c "print(f'{\"\":8} fix is {$w/$plain:.2f}x the check time ({$w/$s1:.2f}x the check with six reports)')"
  if [ "$n" -le 10000 ]; then
    # --write changes the files, so every run (and the warm-up) gets its own copy, made untimed.
    copies="$work/copies$n"; mkdir -p "$copies" "$work/used$n"
    for i in $(seq 0 "$runs"); do cp -r "$dir" "$copies/c$i"; done
    sync
    read -r w m < <(measure sh -c 'used=$2; set -- "$1"/*; "$0" fix "$1" --write >/dev/null 2>&1; mv "$1" "$used/"' "$bin" "$copies" "$work/used$n")
    row "s1check fix --write" "$w" "$m"
    python3 -c "print(f'{\"\":8} fix --write is {$w/$plain:.2f}x the check time ({$w/$s1:.2f}x the check with six reports)')"
    rm -rf "$copies" "$work/used$n"
  fi
  if [ "$n" -gt 10000 ]; then
    [ -n "${t10k:-}" ] && python3 -c "print(f'{\"\":8} {$w/$t10k:.1f}x the 10,000-plan time; {$m/1024:.0f} MB peak; {1e6*$w/$n:.0f} us per plan')"
    rm -rf "$dir"
    continue
  fi
  read -r w m < <(measure cat "${files[@]}")
  row "cat" "$w" "$m"
  read -r w m < <(measure check-jsonschema --schemafile Plans/schemas/plan.schema.json "${files[@]}")
  row "check-jsonschema" "$w" "$m"
  python3 -c "print(f'{\"\":8} s1check is {$w/$s1:.1f}x faster than check-jsonschema; {1e6*$s1/$n:.0f} us per plan')"
done

# The release gate: 10,000 plans checked with a device registry, without and with a 2,000-cell release
# scope (inputs made by Tests/Benchmark/scope.py). Target: the scope adds at most 10%, memory flat.
if [[ " ${sizes[*]} " == *" 10000 "* ]]; then
  dir="$work/scope"
  python3 "$gen" 10000 "$dir/plans" >/dev/null
  python3 Tests/Benchmark/scope.py "$dir/plans" "$dir"
  reports=(--junit "$work/j.xml" --markdown "$work/r.md" --json "$work/r.json" --sarif "$work/r.sarif" --codequality "$work/cq.json" --summary "$work/s.md")
  read -r w0 m0 < <(measure "$bin" check "$dir/plans" --devices "$dir/devices.json" --as-of 2023-06-01 "${reports[@]}")
  read -r w1 m1 < <(measure "$bin" check "$dir/plans" --devices "$dir/devices.json" --scope "$dir/scope.json" --as-of 2023-06-01 "${reports[@]}")
  printf "%-8s %-18s %10.3f %12s %10.1f\n" 10000 "registry" "$w0" "" "$(python3 -c "print($m0/1024)")"
  printf "%-8s %-18s %10.3f %12s %10.1f\n" 10000 "+ 2,000-cell scope" "$w1" "" "$(python3 -c "print($m1/1024)")"
  python3 -c "print(f'{\"\":8} the scope adds {100*($w1/$w0-1):.1f}% to the run, {($m1-$m0)/1024:.1f} MB to its peak')"
fi

# Superlinear costs (issue 26): each input once took time (or output) growing with its square.
if [ "${SUPERLINEAR:-1}" != 0 ]; then
  sl="$work/superlinear"
  for kind in coverage baseline versions; do python3 Tests/Benchmark/superlinear.py "$kind" 40000 "$sl/$kind"; done
  python3 Tests/Benchmark/superlinear.py versions 20000 "$sl/versions20k"
  python3 Tests/Benchmark/superlinear.py diff 20000 "$sl/diff"
  srow() { # name wall rss
    printf "%-28s %10.3f %10.1f\n" "$1" "$2" "$(python3 -c "print($3/1024)")"
  }
  printf "\n%-28s %10s %10s\n" "superlinear input" "wall (s)" "peak MB"
  c="$sl/coverage"
  read -r w m < <(measure "$bin" check "$c/plans" --devices "$c/devices.json" --scope "$c/scope.json" --as-of 2023-06-01)
  srow "scope 40k cells, 40k excl." "$w" "$m"
  read -r w m < <(measure "$bin" check "$c/plans" --devices "$c/devices.json" --scope "$c/scope.json" --as-of 2023-06-01 \
    --markdown "$work/pack.md" --html "$work/pack.html")
  srow "  + both evidence packs" "$w" "$m"
  read -r w m < <(measure "$bin" baseline --baseline "$sl/baseline/baseline.json")
  srow "baseline 40k versions" "$w" "$m"
  read -r w m < <(measure "$bin" baseline diff "$sl/diff/old.json" "$sl/diff/new.json")
  srow "baseline diff 1 -> 20k" "$w" "$m"
  printf "%-28s %10s bytes\n" "  its output" "$("$bin" baseline diff "$sl/diff/old.json" "$sl/diff/new.json" | wc -c)"
  read -r w m < <(measure "$bin" check "$sl/versions20k/plans" --as-of 2023-06-01)
  srow "plan: 1 doc at 20k versions" "$w" "$m"
  read -r w m < <(measure "$bin" check "$sl/versions/plans" --as-of 2023-06-01)
  srow "plan: 1 doc at 40k versions" "$w" "$m"
  # Once bounds in the end-to-end tests (GateTests, GateIntegrityTests): each against its target.
  python3 Tests/Benchmark/superlinear.py repeats 40000 "$sl/repeats"
  python3 Tests/Benchmark/superlinear.py sharedid 3000 "$sl/sharedid"
  python3 Tests/Benchmark/superlinear.py errors $((16 << 20)) "$sl/errors"
  python3 Tests/Benchmark/superlinear.py registry 5000 "$sl/registry"
  bounded() { # name target wall rss
    printf "%-28s %10.3f %10.1f  target %s s%s\n" "$1" "$3" "$(python3 -c "print($4/1024)")" "$2" \
      "$(python3 -c "print('  OVER' if $3 > $2 else '')")"
  }
  read -r w m < <(measure "$bin" check "$sl/repeats/plans" --as-of 2023-06-01)
  bounded "16 MiB: 40k repeats+waivers" 2 "$w" "$m"
  read -r w m < <(measure "$bin" check "$sl/sharedid/plans" --as-of 2023-06-01 --junit "$work/shared.xml")
  bounded "3,000 plans sharing an id" 2 "$w" "$m"
  read -r w m < <(measure "$bin" check "$sl/errors/plans" --as-of 2023-06-01)
  bounded "16 MiB one line of errors" 2 "$w" "$m"
  read -r w m < <(measure "$bin" check "$sl/registry/plans" --devices "$sl/registry/devices.json" --as-of 2023-06-01)
  bounded "1,000 plans, 5k registry" 2.5 "$w" "$m"
fi

# Test execution evidence: the JUnit results reader over a million cases (~500 MB) and a tenth of it,
# with `xmllint --stream --noout` as the floor (Tests/Benchmark/results.sh; RESULTS_CASES sets the size).
Tests/Benchmark/results.sh "${RESULTS_CASES:-1000000}"
