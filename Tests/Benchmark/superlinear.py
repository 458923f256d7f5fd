#!/usr/bin/env python3
"""Makes the inputs of the superlinear-cost benchmark (issue 26, item 5): inputs of at most 16 MiB that
once cost time or output growing with the square of their size. Each is deterministic.

usage: Tests/Benchmark/superlinear.py KIND N OUT_DIR

  coverage N   OUT_DIR/{devices,scope}.json and OUT_DIR/plans/one.plan.json: a scope of N cells
               (N/4 combinations x 2 test types x 2 installation types, in FOC) with N exclusions, none of
               which matches a cell (each names a combination of the scope in IOC), and one plan covering
               one cell: every other cell is uncovered, so each looks for its exclusion.
  baseline N   OUT_DIR/baseline.json: the embedded baseline with Schedule 8 given N versions in legal
               effect, N aliases and N parts (each with one version), its source quoting every version.
  diff N       OUT_DIR/old.json and OUT_DIR/new.json: Schedule 8 with one version in legal effect in the
               old, N in the new (N - 1 of them entering legal effect).
  versions N   OUT_DIR/plans/versions.plan.json: one plan declaring Appendix AD at N distinct versions.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EMBEDDED = os.path.join(HERE, "..", "..", "Sources", "S1CheckCore", "Baseline", "Data", "tbrd-1.24.baseline.json")


def version(i):
    # 1.0 ... 1.999, 2.0 ...: distinct, valid (no leading zero), increasing.
    return f"{i // 1000 + 1}.{i % 1000}"


def embedded():
    with open(EMBEDDED) as f:
        return json.load(f)


def schedule8(b):
    return next(d for d in b["documents"] if d["kind"] == "schedule" and d["id"] == "8")


def quote(versions):
    return "SEC consolidated text, contents, every version listed: " + ", ".join(
        f"\u201cSchedule 8: Great Britain Companion Specification Version {v}\u201d" for v in versions)


def inflate(b, n, aliases=True, parts=True):
    d = schedule8(b)
    versions = [version(i) for i in range(n)]
    d["legalEffect"] = versions
    d["sources"]["legalEffect"] = quote(versions)
    if aliases:
        d["aliases"] = ["GBCS"] + [f"GBCS alias {i}" for i in range(n)]
    if parts:
        d["parts"] = [{"name": f"Part {i}", "title": f"Part {i} of the GBCS", "legalEffect": ["1.0"]} for i in range(n)]


def write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, indent=1, ensure_ascii=False)
    size = os.path.getsize(path)
    assert size <= 16 << 20, f"{path} is {size} bytes, over 16 MiB"


def plan(pid, artefacts, **extra):
    p = {"id": pid, "title": "superlinear benchmark", "phase": "FOC", "tbrd": "1.24",
         "deviceModels": [{"type": "ESME", "manufacturer": "Maker 1", "model": "M-1", "firmware": "1"}],
         "artefacts": artefacts}
    p.update(extra)
    return p


def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "coverage":
        combinations = ["DMC-%06d" % i for i in range(max(1, n // 4))]
        write(os.path.join(out, "devices.json"), {
            "deviceModels": [{"id": "DM-1", "type": "ESME", "manufacturer": "Maker 1", "model": "M-1", "firmware": ["1"], "phases": ["IOC", "MOC", "FOC"]}],
            "combinations": [{"id": c, "deviceModels": ["DM-1"], "phases": ["IOC", "MOC", "FOC"]} for c in combinations]})
        exclusions = [{"combination": combinations[i % len(combinations)], "phase": "IOC",
                       "testType": ["SRVT", "Regression"][i % 2], "installationType": ["Active", "Dormant"][(i // 2) % 2],
                       "reason": "DMCT: uneconomic to test", "approvedBy": "TAG", "expires": "2099-12-31"} for i in range(n)]
        write(os.path.join(out, "scope.json"), {
            "release": "superlinear benchmark", "tbrd": "1.24",
            "require": [{"phase": "FOC", "combinations": combinations, "testTypes": ["SRVT", "Regression"],
                         "installationTypes": ["Active", "Dormant"]}],
            "exclusions": exclusions})
        write(os.path.join(out, "plans", "one.plan.json"), plan(
            "COVER-1", [{"document": "SEC", "version": "72.0"}], testType="SRVT", installationTypes=["Active"],
            deviceModelCombinations=[combinations[0]]))
    elif kind == "baseline":
        b = embedded()
        inflate(b, n)
        write(os.path.join(out, "baseline.json"), b)
    elif kind == "diff":
        old, new = embedded(), embedded()
        inflate(old, 1, aliases=False, parts=False)
        inflate(new, n, aliases=False, parts=False)
        write(os.path.join(out, "old.json"), old)
        write(os.path.join(out, "new.json"), new)
    elif kind == "versions":
        write(os.path.join(out, "plans", "versions.plan.json"), plan(
            "VERSIONS-1", [{"document": "Appendix AD", "version": version(i)} for i in range(n)]))
    else:
        sys.exit(f"unknown kind {kind}: coverage, baseline, diff or versions")


if __name__ == "__main__":
    main()
