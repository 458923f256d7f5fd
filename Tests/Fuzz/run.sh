#!/usr/bin/env bash
# Builds the libFuzzer target (Tests/Fuzz/FuzzEntry.swift + the S1CheckCore and S1CheckReports sources)
# and fuzzes plan, baseline, registry and policy decoding for SECONDS (default 60), starting from a seed corpus
# of every JSON file in Plans/ and Tests/Fixtures/. A crash leaves its input in Tests/Fuzz/.out/ and
# fails the script; make each one a regression test (Tests/Fixtures/FuzzRegressions/).
#
# usage: Tests/Fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
out=Tests/Fuzz/.out
mkdir -p "$out/corpus" "$out/crashes"

# The embedded baseline reaches the library as SwiftPM's generated PackageResources; generate the same here.
python3 - "$out/embedded_resources.swift" <<'PY'
import sys
data = open("Sources/S1CheckCore/Baseline/Data/tbrd-1.24.baseline.json", "rb").read()
open(sys.argv[1], "w").write("struct PackageResources {\nstatic let tbrd_1_24_baseline_json: [UInt8] = [" + ",".join(map(str, data)) + "]\n}\n")
PY

# One module: the library sources lose their `import S1CheckCore` lines.
rm -rf "$out/src" && mkdir -p "$out/src"
for f in $(find Sources/S1CheckCore Sources/S1CheckReports -name '*.swift'); do
  sed '/^import S1CheckCore$/d' "$f" > "$out/src/$(echo "$f" | tr '/' '_')"
done
# (gold warns once per ASan helper symbol it cannot export; harmless, so those lines are dropped.)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name S1CheckFuzz \
  "$out"/src/*.swift "$out/embedded_resources.swift" Tests/Fuzz/FuzzEntry.swift -o "$out/fuzz-s1check" \
  2> >(grep -v "Cannot export local symbol" >&2)

# Seed corpus: each JSON file four times, once per target byte (0 plan, 1 baseline, 2 registry, 3 policy).
for f in $(find Plans Tests/Fixtures Sources/S1CheckCore/Baseline/Data -name '*.json'); do
  for t in 0 1 2 3; do
    { printf "\\x0$t"; cat "$f"; } > "$out/corpus/seed-$t-$(echo "$f" | tr '/' '_')"
  done
done

# -rss_limit_mb bounds memory; -timeout flags a hang. -max_len reaches 1 MiB, so inputs big enough to
# show a cost that grows faster than the file (a column scan per error, a suggestion per entry) can be
# found: at that size a quadratic step takes longer than -timeout. (libFuzzer still starts small and
# grows inputs gradually.)
"$out/fuzz-s1check" "$out/corpus" -max_total_time="$seconds" -max_len=1048576 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$out/crashes/" -print_final_stats=1 2>&1 | tail -n 25
echo "fuzz: clean run of ${seconds}s"
