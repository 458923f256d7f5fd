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

The wall-clock bounds the end-to-end tests once held (moved here so no test depends on a clock; the
tests keep the behaviour, and a timeout only as a safety net):

  repeats N    OUT_DIR/plans/big.plan.json: N repeats of one artefact and N waivers of it, padded to
               exactly 16 MiB with a long title (PlanCostTests.manyRepeatsAndManyWaiversAreLinear).
  sharedid N   OUT_DIR/plans/pNNNN.plan.json: N copies of one plan, sharing its id
               (manyPlansSharingAnIDNameAFewOthersAndCountTheRest).
  errors N     OUT_DIR/plans/big.plan.json: a one-line plan of at most N bytes, full of errors
               (a16MiBOneLinePlanFullOfErrorsIsAnsweredQuickly; N is 16 MiB there).
  registry N   OUT_DIR/devices.json with N device models and N combinations, and OUT_DIR/plans/ with N/5
               plans none of which the registry holds, and one near miss
               (aThousandPlansAgainstFiveThousandRegistryEntriesWithNoMatch).
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


def text(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(value)
    assert os.path.getsize(path) <= 16 << 20, f"{path} is over 16 MiB"


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
    elif kind == "repeats":
        artefact = '{"document": "SEC", "version": "72.0"}'
        waiver = '{"rule": "duplicate-document", "document": "SEC", "reason": "r"}'
        body = (', "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": ['
                + ", ".join([artefact] * n) + '], "waivers": [' + ", ".join([waiver] * n) + "]}")
        head = '{"id": "BIG-1", "title": "'
        text(os.path.join(out, "plans", "big.plan.json"), head + "t" * ((16 << 20) - len(head) - len(body) - 1) + '"' + body)
    elif kind == "sharedid":
        one = '{"id": "OK-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "SEC", "version": "72.0"}]}'
        for i in range(n):
            text(os.path.join(out, "plans", "p%04d.plan.json" % i), one)
    elif kind == "errors":
        parts = ['{"id": "BIG-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [']
        size, i = len(parts[0]), 0
        while size < n - 200:
            item = '{"document": "SEC", "version": 5.%d, "vesrion": "1"}, ' % i
            parts.append(item); size += len(item); i += 1
        parts.append('{"document": "SEC", "version": "72.0"}]}')
        text(os.path.join(out, "plans", "big.plan.json"), "".join(parts))
    elif kind == "registry":
        write(os.path.join(out, "devices.json"), {
            "deviceModels": [{"id": f"DM-{i}", "type": "ESME", "manufacturer": f"Maker {i} Meters Ltd", "model": f"EM-{i * 7}", "firmware": ["1.0"], "phases": ["FOC"]} for i in range(n)],
            "combinations": [{"id": f"DMC-{i}", "deviceModels": [f"DM-{i}"], "phases": ["FOC"]} for i in range(n)]})
        for i in range(n // 5):
            write(os.path.join(out, "plans", f"p{i}.plan.json"), {
                "id": f"P-{i}", "title": "t", "phase": "FOC", "tbrd": "1.24",
                "deviceModels": [{"type": "ESME", "manufacturer": f"Nobody Anywhere Corporation {i}", "model": f"QQ-{i}", "firmware": "9"}],
                "deviceModelCombinations": [f"XYZ-{i}"], "artefacts": [{"document": "SEC", "version": "72.0"}]})
        write(os.path.join(out, "plans", "near.plan.json"), {
            "id": "NEAR", "title": "t", "phase": "FOC", "tbrd": "1.24",
            "deviceModels": [{"type": "ESME", "manufacturer": "Makr 123 Meters Ltd", "model": "EM-861", "firmware": "1.0"}],
            "deviceModelCombinations": ["DMC-12x"], "artefacts": [{"document": "SEC", "version": "72.0"}]})
    else:
        sys.exit(f"unknown kind {kind}: coverage, baseline, diff, versions, repeats, sharedid, errors or registry")


if __name__ == "__main__":
    main()
