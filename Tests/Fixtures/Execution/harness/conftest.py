"""A fixed clock for the committed sample (Plans/results/rig-*.xml), so it can be regenerated exactly.

With S1CHECK_HARNESS_TIME set (seconds since the epoch, UTC), pytest's session start, which becomes the
<testsuite timestamp>, is that instant; without it the timestamp is the real time, as in any harness.
"""
import os

import pytest
import _pytest.timing


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    fixed = os.environ.get("S1CHECK_HARNESS_TIME")
    if fixed:
        _pytest.timing.time = lambda: float(fixed)


@pytest.fixture(scope="session", autouse=True)
def suite_properties(record_testsuite_property):
    """Properties of the whole <testsuite> (record_testsuite_property), for the tests that check linking
    by a suite's properties: S1CHECK_HARNESS_SUITE_PLAN links every case without its own s1check.plan,
    S1CHECK_HARNESS_SUITE_COMBINATION names the combination of every case without its own. The committed
    sample sets neither."""
    for variable, name in (("S1CHECK_HARNESS_SUITE_PLAN", "s1check.plan"),
                           ("S1CHECK_HARNESS_SUITE_COMBINATION", "s1check.combination")):
        value = os.environ.get(variable)
        if value:
            record_testsuite_property(name, value)
