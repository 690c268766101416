#!/usr/bin/env python3
"""The code engine against the model: `check --kernel TREE` (the tree's
compiled SMMU slice and ats.c as the transition function) beside
`check -r REVISION --engine explicit` (the model, with the revision conform
drafts for the same tree), on the same scenarios, taking turns so that the
machine's noise falls on both alike. States per second are the engines' own
(explored states over search seconds); whole-process seconds include
loading, and for the code engine a cached tree (the first run fills the
cache). Prints a Markdown table. `--before OLD` adds the code engine of
another build (an older commit, built beside this one) in the same turns,
and the ratio of its search seconds to this one's. A scenario written
NAME@DEPTH is searched to that depth by every engine.

  python3 bench/code_engine.py TREE [--binary build/atscheck] [--before OLD]
      [--runs 3] [--scenario one-function --scenario fleet-3@12 ...]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(args):
    start = time.monotonic()
    out = subprocess.run(args, capture_output=True, text=True)
    wall = time.monotonic() - start
    if out.returncode not in (0, 1, 3):  # 3: bounded by a depth
        raise SystemExit(f"{' '.join(args)}: exit {out.returncode}: {out.stderr.strip()}")
    stats = json.loads(out.stdout)["stats"]
    return wall, stats["states"], stats["seconds"], stats["exhaustive"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("tree")
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "atscheck"))
    p.add_argument("--before", help="another build's atscheck, run in the same turns")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--scenario", action="append")
    a = p.parse_args()
    scenarios = a.scenario or ["one-function", "pf-vf", "pf-vf-third-party", "pasid", "fleet-3@10"]
    with tempfile.TemporaryDirectory() as tmp:
        revision = os.path.join(tmp, "kernel.json")
        subprocess.run([a.binary, "conform", "--kernel", a.tree, "--emit-revision", revision,
                        "-s", "one-function"], capture_output=True, check=False)
        engines = {"code": [a.binary, "check", "--kernel", a.tree, "--format", "json"]}
        if a.before:
            engines["code (before)"] = [a.before, "check", "--kernel", a.tree, "--format", "json"]
        engines["model"] = [a.binary, "check", "-r", revision, "--engine", "explicit",
                            "--format", "json"]
        for name, cmd in engines.items():
            if name != "model":
                run(cmd + ["-s", "one-function"])  # fills the cache
        print("| scenario | engine | states | exhaustive | search s | states/s | whole process s (median) |")
        print("|---|---|---|---|---|---|---|")
        for spec in scenarios:
            s, _, depth = spec.partition("@")
            bound = ["--depth", depth] if depth else []
            rows = {name: [] for name in engines}
            for _ in range(a.runs):
                for name, cmd in engines.items():
                    rows[name].append(run(cmd + ["-s", s] + bound))
            for engine, r in rows.items():
                wall = statistics.median(x[0] for x in r)
                search = statistics.median(x[2] for x in r)
                states, exhaustive = r[0][1], r[0][3]
                rate = states / search if search > 0 else float("inf")
                print(f"| {spec} | {engine} | {states} | {'yes' if exhaustive else 'no'} | "
                      f"{search:.3f} | {rate:,.0f} | {wall:.2f} |")
            if a.before:
                before = statistics.median(x[2] for x in rows["code (before)"])
                now = statistics.median(x[2] for x in rows["code"])
                print(f"| {spec} | before / now | | | {before / now:.1f}x | | |")

if __name__ == "__main__":
    main()
