#!/usr/bin/env bash
# Benchmark of the results reader (test execution evidence, docs/execution.md): a generated JUnit XML
# file of CASES cases (default 1,000,000, about 500 MB; Tests/Benchmark/junit_results.py) linked to
# 10,000 plan ids, read by s1check's reader (Tests/Benchmark/ReadResults.swift: read in 1 MiB chunks,
# linked, every plan judged) and, as the floor, by `xmllint --stream --noout` (libxml2's streaming
# parser, which checks well-formedness and keeps nothing). Run on a tenth of the file and on the whole to
# show time linear and memory flat. Prints median wall time, MB/s and peak memory (max RSS).
# Run by Tests/Benchmark/run.sh; alone: Tests/Benchmark/results.sh [CASES]   (RUNS=3 runs each)
# needs: python3, xmllint (Debian libxml2-utils)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
cases="${1:-1000000}"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One module: the library's sources, the embedded baseline as SwiftPM would generate it, and the driver.
mkdir -p "$work/src"
python3 - "$work/src/embedded_resources.swift" <<'PY'
import sys
data = open("Sources/S1CheckCore/Baseline/Data/tbrd-1.24.baseline.json", "rb").read()
open(sys.argv[1], "w").write("struct PackageResources {\nstatic let tbrd_1_24_baseline_json: [UInt8] = [" + ",".join(map(str, data)) + "]\n}\n")
PY
for f in $(find Sources/S1CheckCore -name '*.swift'); do cp "$f" "$work/src/$(echo "$f" | tr '/' '_')"; done
swiftc -O -parse-as-library -module-name ReadResults "$work"/src/*.swift Tests/Benchmark/ReadResults.swift -o "$work/read-results"

measure() { # median wall seconds and peak RSS (KB) of RUNS runs after a warm-up; the command's own RSS (wait4)
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
    if status != 0: sys.exit(f"{cmd[0]} exited with status {status}")
    if i: results.append((time.perf_counter() - t, usage.ru_maxrss))
print(f"{statistics.median(r[0] for r in results):.3f} {max(r[1] for r in results)}")
PY
}

printf "%-9s %8s %-24s %10s %10s %10s\n" cases MB command "wall (s)" "MB/s" "peak MB"
for n in $((cases / 10)) "$cases"; do
  python3 Tests/Benchmark/junit_results.py "$n" "$work/r.xml"
  mb=$(python3 -c "import os; print(os.path.getsize('$work/r.xml') / 1e6)")
  "$work/read-results" 10000 "$work/r.xml" | sed 's/^/          /'
  for tool in reader xmllint; do
    if [ "$tool" = reader ]; then
      read -r w m < <(measure "$work/read-results" 10000 "$work/r.xml"); name="s1check results reader"
    else
      read -r w m < <(measure xmllint --stream --noout "$work/r.xml"); name="xmllint --stream --noout"
    fi
    printf "%-9s %8.0f %-24s %10.2f %10.0f %10.1f\n" "$n" "$mb" "$name" "$w" "$(python3 -c "print($mb/max($w,1e-9))")" "$(python3 -c "print($m/1024)")"
  done
  rm -f "$work/r.xml"
done
