"""A small harness for the sample plans (Plans/**/*.plan.json): each test names the plan it executes with
record_property("s1check.plan", ...), the property s1check links JUnit results by (docs/execution.md).

The story the committed results tell: most plans pass; one test fails (SVT-MOC-0030); one plan has no
test at all (SVT-IOC-0014: not executed); one test names a plan id no plan has (SVT-FOC-0099); one test
is skipped (its plan has others that ran); one test names no plan (counted as unlinked).

The committed sample (Plans/results/rig-*.xml) is three runs of this suite, each with its clock pinned
and its plans selected with -k: Plans/results/README.md gives the commands.
"""
import pytest

PASSING = [
    "SVT-FOC-0042", "SVT-FOC-0051", "SVT-FOC-0063", "SVT-FOC-0071", "SVT-FOC-0080",
    "SVT-IOC-0008", "SVT-IOC-0011", "SVT-MOC-0017", "SVT-MOC-0022",
]

# The device model combination each plan declares (deviceModelCombinations), as the rig reports it.
COMBINATION = {
    "SVT-FOC-0042": "DMC-0007", "SVT-FOC-0063": "DMC-0007", "SVT-FOC-0080": "DMC-0007",
    "SVT-IOC-0008": "DMC-0003", "SVT-IOC-0011": "DMC-0003",
    "SVT-MOC-0017": "DMC-0012", "SVT-MOC-0030": "DMC-0012",
}


def mark(record_property, plan):
    """Links the running test to its plan, and to the combination it ran on where the plan has one."""
    record_property("s1check.plan", plan)
    if plan in COMBINATION:
        record_property("s1check.combination", COMBINATION[plan])


def tariff_register(reading):
    """The code under test, in miniature: a read tariff register as the meter reports it."""
    return round(reading * 2, 3)


@pytest.mark.parametrize("plan", PASSING)
def test_read_tariff(plan, record_property):
    mark(record_property, plan)
    assert tariff_register(1.5) == 3.0


@pytest.mark.parametrize("plan", PASSING)
def test_read_tariff_rounding(plan, record_property):
    mark(record_property, plan)
    assert tariff_register(0.1234) == 0.247


def test_threshold_anomaly(record_property):
    mark(record_property, "SVT-MOC-0030")
    assert tariff_register(0.5) == 1.5, "threshold anomaly: register off by 0.5 at the boundary"


def test_threshold_nominal(record_property):
    mark(record_property, "SVT-MOC-0030")
    assert tariff_register(2) == 4


def test_gas_proxy_on_the_bench(record_property):
    mark(record_property, "SVT-FOC-0042")
    pytest.skip("no gas proxy on this rig")


def test_retired_plan(record_property):
    record_property("s1check.plan", "SVT-FOC-0099")
    assert tariff_register(1) == 2


def test_harness_self_check():
    assert tariff_register(0) == 0
