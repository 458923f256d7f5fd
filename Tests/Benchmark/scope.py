#!/usr/bin/env python3
"""Makes the release-scope benchmark's inputs from generated plans (../shared/bench/gen_plans.py N DIR):
gives each plan a test type and installation types (deterministically, by its index), and writes beside
the plans' folder a registry listing the combinations the plans name (DMC-0001 to DMC-0500, every phase)
and a scope of 2,000 cells (500 combinations x 2 test types x 2 installation types, in FOC).

usage: Tests/Benchmark/scope.py PLANS_DIR OUT_DIR    (writes OUT_DIR/devices.json and OUT_DIR/scope.json)
"""
import json, os, sys

plans, out = sys.argv[1], sys.argv[2]
test_types, installations = ["SRVT", "Regression"], ["Active", "Dormant"]
for i, name in enumerate(sorted(n for n in os.listdir(plans) if n.endswith(".plan.json"))):
    path = os.path.join(plans, name)
    with open(path) as f:
        plan = json.load(f)
    plan["testType"] = test_types[i % 2]
    plan["installationTypes"] = [installations[(i // 2) % 2]]
    plan["deviceModelCombinations"] = ["DMC-%04d" % (1 + i % 500)]
    with open(path, "w") as f:
        json.dump(plan, f, indent=2)
combinations = ["DMC-%04d" % n for n in range(1, 501)]
registry = {"deviceModels": [{"id": "DM-1", "type": "ESME", "manufacturer": "Maker 1", "model": "M-1", "firmware": ["1"], "phases": ["IOC", "MOC", "FOC"]}],
            "combinations": [{"id": c, "deviceModels": ["DM-1"], "phases": ["IOC", "MOC", "FOC"]} for c in combinations]}
scope = {"release": "benchmark", "require": [{"phase": "FOC", "combinations": combinations, "testTypes": test_types, "installationTypes": installations}]}
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "devices.json"), "w") as f:
    json.dump(registry, f, indent=2)
with open(os.path.join(out, "scope.json"), "w") as f:
    json.dump(scope, f, indent=2)
