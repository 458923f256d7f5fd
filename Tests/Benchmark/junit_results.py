#!/usr/bin/env python3
"""Writes a large JUnit XML results file for the results-reader benchmark (Tests/Benchmark/run.sh).

usage: junit_results.py CASES OUT.xml [PLANS | IDS_FILE]

CASES test cases in suites of 1,000, each linked to one of PLANS plan ids (default 10,000: P-00000 ...),
or, given a file of plan ids (one a line, e.g. the ids of gen_plans.py's plans), to those in turn
by an s1check.plan property on the case; every 100th case fails with a 2 KB trace and every 50th is
skipped. Suites carry a timestamp. About 500 bytes per case: a million cases make ~500 MB. Streams its
output (memory flat), deterministic.
"""
import sys

cases, out = int(sys.argv[1]), sys.argv[2]
arg = sys.argv[3] if len(sys.argv) > 3 else "10000"
ids = [line.strip() for line in open(arg) if line.strip()] if not arg.isdigit() else [f"P-{i:05d}" for i in range(int(arg))]
plans = len(ids)
trace = ("  at harness.step(harness.py:%d)\n" * 64) % tuple(range(64))
with open(out, "w", encoding="utf-8", buffering=1 << 20) as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="bench">\n')
    for s in range(0, cases, 1000):
        f.write(f'  <testsuite name="suite-{s // 1000}" timestamp="2023-06-{1 + (s // 1000) % 28:02d}T10:00:00" tests="1000">\n')
        f.write('    <properties><property name="s1check.combination" value="DMC-0001"/></properties>\n')
        for i in range(s, min(cases, s + 1000)):
            plan = ids[i % plans]
            f.write(f'    <testcase classname="bench.module_{i % 97}" name="test_case_{i}" file="tests/test_{i % 97}.py" line="{i % 400}" time="0.0{i % 10}">\n'
                    f'      <properties><property name="s1check.plan" value="{plan}"/><property name="rig" value="bench-{i % 7}"/></properties>\n')
            if i % 100 == 99:
                f.write(f'      <failure message="AssertionError: reading {i} off by one&#10;second line">{trace}</failure>\n')
            elif i % 50 == 49:
                f.write('      <skipped message="no rig"/>\n')
            else:
                f.write('      <system-out>ok &amp; done: meter read, tariff register within tolerance, log line padded to size: readings 0001 0002 0003 0004 0005 0006 0007 0008 0009 0010 0011 0012 0013 0014 0015 0016 0017 0018 0019 0020 0021 0022 0023</system-out>\n')
            f.write('    </testcase>\n')
        f.write('  </testsuite>\n')
    f.write('</testsuites>\n')
