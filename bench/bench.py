#!/usr/bin/env python3
"""The atscheck benchmark: fleet-P scenarios per engine, and the issue-5 targets.

Runs the built binary (build-bench/atscheck by default) as a user would, one
process per measurement, under /usr/bin/time for wall time and peak resident
memory. For each engine, P grows from 1 until a run hits the cap (--cap
seconds) or --max-pairs. Then the default engine's latency on the small checks
a reviewer runs, and auto on the fleet of model-spec-2 (PFs that require ATS
and take PASIDs, bench/scenarios/fleet-pasid.json). Writes bench/results.json,
bench/results.md and, with gnuplot, bench/time-vs-pairs.png.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ENGINES = ["explicit", "explicit-nosym", "auto", "kind", "pdr", "bmc"]
BMC_DEPTH = 10  # atscheck's default --depth for bmc
LOADER_MAX_PAIRS = 32  # checker/input/load.hpp: kMaxDevices (64) devices, two per pair
PASID_FLEET = os.path.join(HERE, "scenarios", "fleet-pasid.json")
PASID_REVISIONS = ["rollback", "merged"]
LATENCY_LIMIT_S = 0.050  # issue 17: the default check on pf-vf, whole process
ALL_N_REVISIONS = ["rollback", "merged"]
ALL_N_LIMIT_S = 10.0  # issue 17: every holding fleet property proved for all N


def run(binary, args, cap):
    """One atscheck process: (json result or None, wall seconds, peak MB, exit code).
    Wall time from a monotonic clock (time's %e has 10 ms steps); peak from time's %M."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", tf.name, binary] + args
        start = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=cap + 60)
        except subprocess.TimeoutExpired:
            return None, float(cap + 60), 0.0, -1
        wall = time.perf_counter() - start
        peak_kb = tf.read().split()[-1]
    try:
        result = json.loads(p.stdout)
    except json.JSONDecodeError:
        result = None
    return result, float(wall), int(peak_kb) / 1024.0, p.returncode


def engine_args(engine):
    if engine == "explicit-nosym":
        return ["-e", "explicit", "--no-symmetry"]
    return ["-e", engine]


def pasid_fleet(pairs):
    """fleet-pasid with P pairs, as a file: a scenario file takes no -P suffix."""
    with open(PASID_FLEET) as f:
        scenario = json.load(f)
    scenario["fleet"]["pairs"] = pairs
    scenario["name"] = "fleet-pasid-%d" % pairs
    path = os.path.join(tempfile.gettempdir(), "atscheck-bench-fleet-pasid-%d.json" % pairs)
    with open(path, "w") as f:
        json.dump(scenario, f)
    return path


def fleet_row(binary, revision, engine, pairs, cap, memory_mb, scenario=None):
    """One check of fleet-P (or of the scenario file given) by one engine."""
    args = ["check", "-r", revision, "-s", scenario or "fleet-%d" % pairs, "--format", "json",
            "--timeout", str(cap), "--memory-limit", str(memory_mb)] + engine_args(engine)
    result, wall, peak, code = run(binary, args, cap)
    row = {"engine": engine, "pairs": pairs, "wall_s": wall, "peak_mb": round(peak, 1),
           "exit": code, "cap_s": cap, "revision": revision,
           "date": datetime.date.today().isoformat()}
    if result:
        verdicts = {}
        for p in result["properties"]:
            verdicts[p["verdict"]] = verdicts.get(p["verdict"], 0) + 1
        st = result["stats"]
        row.update({"verdicts": verdicts, "states": st["states"], "depth": st["depth"],
                    "solver_calls": st["solver_calls"], "exhaustive": st["exhaustive"],
                    "store_bytes": st.get("memory_bytes", 0)})
    # BMC proves nothing: for it, reaching its depth bound before the cap is settling.
    bmc_done = result is not None and result["stats"]["depth"] >= BMC_DEPTH
    unsettled = [p for p in result["properties"]
                 if p["verdict"] == "unknown" or (p["verdict"] == "bounded" and not
                                                  (engine == "bmc" and bmc_done))] if result else []
    row["open"] = [p["name"] for p in unsettled]
    row["finished"] = result is not None and not unsettled and code in (0, 1, 3)
    return row


def best_of(binary, args, runs):
    return min(run(binary, args, 60)[1] for _ in range(runs))


def latency_rows(binary):
    """The default engine on pf-vf for every shipped revision, and the CI gate."""
    revisions = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "examples", "revisions"))
                       if f.endswith(".json"))
    out = [("check -r %s -s pf-vf" % r, best_of(binary, ["check", "-r", r, "-s", "pf-vf"], 5),
            LATENCY_LIMIT_S) for r in revisions]
    gate = best_of(binary, ["ci", os.path.join(ROOT, "examples", "ci", "expectations.json")], 3)
    out.append(("ci examples/ci/expectations.json", gate, None))
    return out


def all_n_rows(binary):
    """The proof for every number of units (-e all-n) on fleet, against what holds on
    fleet-2 (explicit, exhaustive): (revision, wall s best of 3, proved, holding, open)."""
    out = []
    for revision in ALL_N_REVISIONS:
        args = ["check", "-r", revision, "-s", "fleet", "--format", "json"]
        wall = best_of(binary, args + ["-e", "all-n"], 3)
        proofs, _, _, _ = run(binary, args + ["-e", "all-n"], 60)
        sized, _, _, _ = run(binary, args + ["-e", "explicit"], 60)
        holding = {p["name"] for p in sized["properties"] if p["verdict"] == "proved"}
        proved = {p["name"] for p in proofs["properties"] if p.get("all_n")}
        out.append((revision, wall, len(proved & holding), len(holding),
                    sorted(holding - proved)))
    return out


def grow(label, max_pairs, measure):
    """measure(P) for P = 1, 2, ... until a run does not settle or P reaches max_pairs."""
    rows = []
    for pairs in range(1, max_pairs + 1):
        row = measure(pairs)
        rows.append(row)
        print("bench: %-24s P=%-2d %8.2f s %8.0f MB %s" % (
            label, pairs, row["wall_s"], row["peak_mb"], "settled" if row["finished"] else "open"),
            file=sys.stderr, flush=True)
        if not row["finished"]:
            break
    return rows


def pasid_fleet_rows(binary, max_pairs, cap, memory_mb):
    """auto on fleet-pasid-P, P growing until a run does not settle."""
    rows = []
    for revision in PASID_REVISIONS:
        rows += grow("fleet-pasid " + revision, max_pairs, lambda pairs: fleet_row(
            binary, revision, "auto", pairs, cap, memory_mb, pasid_fleet(pairs)))
    return rows


def targets(binary, rows, proofs_revision, all_n):
    """The targets of issues 5 and 17: (name, limit text, measured text, met)."""
    def find(engine, pairs):
        return next((r for r in rows if r["engine"] == engine and r["pairs"] == pairs), None)

    out = []
    cex = best_of(binary, ["check", "-r", "baseline", "-s", "pf-vf", "-e", "explicit",
                           "-p", "nr_ats_masters_consistent", "--format", "json"], 5)
    out.append(("shortest counterexample, baseline on pf-vf (explicit, whole process, best of 5)",
                "< 0.050 s", "%.3f s" % cex, cex < 0.050))
    # fleet-5: issue 17's compact states and two threads.
    for pairs, secs, mb in ((3, 10, 1024), (4, 300, 8192), (5, 600, 12288)):
        r = find("explicit", pairs)
        ok = bool(r and r.get("exhaustive") and r["wall_s"] < secs and r["peak_mb"] < mb)
        got = "%.1f s, %.0f MB, %s" % (r["wall_s"], r["peak_mb"], "exhaustive" if r.get("exhaustive")
                                       else "not exhaustive") if r else "not run"
        out.append(("explicit, every property, fleet-%d exhaustively" % pairs,
                    "< %d s, < %d MB" % (secs, mb), got, ok))
    sized = [(float(per_state(r)[0]), r["pairs"]) for r in rows
             if r["engine"] == "explicit" and per_state(r)[0] != "-"]
    if sized:
        worst, at = max(sized)
        out.append(("bytes per stored state, explicit, every fleet (table included)", "<= 64",
                    "%.0f (the most, at fleet-%d)" % (worst, at), worst <= 64))
    for pairs, secs in ((4, 10), (8, 60)):
        r = find("auto", pairs)
        ok = bool(r and r["finished"] and r["wall_s"] < secs and r["peak_mb"] < 2048)
        if r and r["exit"] == -1:
            got = "killed after %.0f s: atscheck overran its --timeout of %s s" % (
                r["wall_s"], r.get("cap_s", "?"))
        elif r:
            got = "%.1f s, %.0f MB%s" % (r["wall_s"], r["peak_mb"], "" if r["finished"]
                                         else ", open: " + ", ".join(r.get("open", [])))
        else:
            last = max((x["pairs"] for x in rows if x["engine"] == "auto"), default=0)
            got = "not run: auto already missed the cap at fleet-%d" % last
        out.append(("auto proves every holding property of %s on fleet-%d" % (proofs_revision, pairs),
                    "< %d s, < 2048 MB" % secs, got, ok))
    for revision, wall, proved, holding, missing in all_n:
        out.append(("every holding property of %s on fleet proved for all N (-e all-n, whole "
                    "process)" % revision, "< %.0f s" % ALL_N_LIMIT_S,
                    "%d of %d in %.2f s%s" % (proved, holding, wall, "; not: " + ", ".join(missing)
                                              if missing else ""),
                    proved == holding and wall < ALL_N_LIMIT_S))
    proved = [r["pairs"] for r in rows if r["engine"] == "auto" and r["finished"]]
    auto_rows = [r for r in rows if r["engine"] == "auto"]
    largest = "fleet-%d" % max(proved) if proved else "none"
    if proved and auto_rows[-1]["finished"]:
        largest += (" (every P tried; the scenario loader's limit)" if max(proved) == LOADER_MAX_PAIRS
                    else " (every P tried; raise --max-pairs to go further)")
    out.append(("largest fleet auto settles within the cap", "report", largest, True))
    return out


def per_state(r):
    """Bytes per stored state (the explicit store, its table included) and states per
    second, for the rows of an explicit search."""
    if not r["engine"].startswith("explicit") or not r.get("states") or not r.get("store_bytes"):
        return "-", "-"
    return "%.0f" % (r["store_bytes"] / r["states"]), "%.0f" % (r["states"] / max(r["wall_s"], 1e-3))


def fleet_table(rows, with_revision=False):
    head = ("| engine | P | cap s | wall s | peak MB | states | B/state | states/s | depth | "
            "solver calls | verdicts | settled |")
    if with_revision:
        head = "| revision |" + head[1:]
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        v = ", ".join("%d %s" % (n, k) for k, n in sorted(r.get("verdicts", {}).items()))
        lines.append(("| %s " % r.get("revision", "?") if with_revision else "") +
                     "| %s | %d | %s | %.2f | %.0f | %s | %s | %s | %s | %s | %s | %s |" % (
            r["engine"], r["pairs"], r.get("cap_s", "?"), r["wall_s"], r["peak_mb"], r.get("states", "-"),
            *per_state(r), r.get("depth", "-"), r.get("solver_calls", "-"), v or "-",
            "yes" if r["finished"] else "no (" + (", ".join(r.get("open", [])) or "cap") + ")"))
    return lines


def write_markdown(path, meta, rows, target_rows, latency, pasid_rows):
    lines = ["# atscheck benchmark results", "",
             "Generated by `bench/bench.py %s` (via `bash bench/run.sh`) on %s (%s, %d cores), %s. "
             "Revision `%s`, "
             "scenario fleet-P (P PF/VF pairs, two paging domains and a blocked one, injected enable "
             "faults), every property. Cap per run: the table's cap column (this invocation: %d s); memory "
             "limit %d MB."
             % (" ".join(meta["argv"]), meta["date"], meta["machine"], meta["cores"], meta["tool"],
                meta["revision"], meta["cap"], meta["memory_mb"]), "",
             ] + (["Kept from earlier runs (`--keep-others`): " + "; ".join(
                 "%s from %s" % (", ".join("`%s`" % e for e in engines), date)
                 for date, engines in sorted(meta["kept"].items())) + ".", ""]
                  if meta.get("kept") else []) + [
             "## Targets (issues 5 and 17)", "", "| target | limit | measured | met |", "|---|---|---|---|"]
    for name, limit, got, ok in target_rows:
        lines.append("| %s | %s | %s | %s |" % (name, limit, got, "yes" if ok else "**no**"))
    lines += ["", "## Per engine and fleet size", "",
              "![time against pairs](time-vs-pairs.png)", "",
              ] + fleet_table(rows)
    lines += ["", "`explicit-nosym` is the explicit engine with `--no-symmetry`: the gain of "
              "symmetry reduction is the ratio of its states to `explicit`'s. An engine stops "
              "growing P after the first run that does not settle every property within the cap. "
              "B/state is the explicit store's memory as allocated (its records: the encoded state, "
              "parent link and step; and its hash table) over the states it holds; states/s is "
              "states over wall time, start-up included.",
              "", "## Default-engine latency", "",
              "Whole process, best of 5 (the gate: best of 3), engine `auto`, every property.", "",
              "| command | wall s | limit | met |", "|---|---|---|---|"]
    for name, wall, limit in latency:
        lines.append("| `atscheck %s` | %.3f | %s | %s |" % (
            name, wall, "< %.3f s" % limit if limit else "-",
            ("yes" if wall < limit else "**no**") if limit else "-"))
    lines += ["", "## A fleet of model-spec-2: PFs that require ATS and take PASIDs", "",
              "`bench/scenarios/fleet-pasid.json` with P pairs: each PF `ats_required` and "
              "`pasid`, an SVA domain beside two paging ones and a blocked one, the kernel's "
              "timing, no injected faults. Engine `auto`.", ""] + fleet_table(pasid_rows, True)
    lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def plot(rows, png):
    data = os.path.join(tempfile.mkdtemp(), "data")
    blocks = []
    with open(data, "w") as f:
        for engine in ENGINES:
            pts = [r for r in rows if r["engine"] == engine]
            if not pts:
                continue
            blocks.append(engine)
            f.write("# %s\n" % engine)
            for r in pts:
                f.write("%d %f\n" % (r["pairs"], max(r["wall_s"], 0.001)))
            f.write("\n\n")
    script = ("set terminal pngcairo size 900,540\nset output '%s'\nset logscale y\n"
              "set xlabel 'PF/VF pairs (fleet-P)'\nset ylabel 'wall time, s (log)'\n"
              "set key top left\nset grid\nplot " % png +
              ", ".join("'%s' index %d with linespoints title '%s'" % (data, i, e)
                        for i, e in enumerate(blocks)) + "\n")
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "build-bench", "atscheck"))
    ap.add_argument("--cap", type=int, default=600, help="seconds per run (default 600)")
    ap.add_argument("--memory-mb", type=int, default=16384, help="memory limit per run")
    ap.add_argument("--max-pairs", type=int, default=12)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--revision", default="rollback")
    ap.add_argument("--pasid-max-pairs", type=int, default=8,
                    help="largest fleet-pasid measured (default 8; 0 measures none, and with "
                         "--keep-others keeps the earlier rows)")
    ap.add_argument("--keep-others", action="store_true",
                    help="re-measure only --engines; keep the other engines' rows of results.json")
    ap.add_argument("--report-only", action="store_true",
                    help="measure nothing: rewrite results.md and the plot from results.json")
    args = ap.parse_args()
    if not 1 <= args.max_pairs <= LOADER_MAX_PAIRS:
        ap.error("--max-pairs: %d is not within 1..%d (the scenario loader's limit)"
                 % (args.max_pairs, LOADER_MAX_PAIRS))

    engines = [] if args.report_only else args.engines.split(",")
    rows, kept, kept_meta = [], {}, None
    if args.keep_others or args.report_only:
        with open(os.path.join(HERE, "results.json")) as f:
            kept = json.load(f)
        rows = [r for r in kept["rows"] if r["engine"] not in engines]
        kept_meta = kept["meta"]
    for engine in engines:
        rows += grow(engine, args.max_pairs, lambda pairs: fleet_row(
            args.binary, args.revision, engine, pairs, args.cap, args.memory_mb))
    tool = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    meta = kept_meta if args.report_only else {
        "argv": sys.argv[1:], "date": datetime.date.today().isoformat(),
        "machine": platform.machine(), "cores": os.cpu_count(), "tool": tool,
        "revision": args.revision, "cap": args.cap, "memory_mb": args.memory_mb}
    if args.keep_others and not args.report_only:  # say which rows are older, and from when
        kept_rows = {}
        for r in rows:
            if r["engine"] not in engines:
                kept_rows.setdefault(r.get("date", "an earlier run"), set()).add(r["engine"])
        meta["kept"] = {date: sorted(e) for date, e in kept_rows.items()}
    rows.sort(key=lambda r: (ENGINES.index(r["engine"]), r["pairs"]))
    all_n = all_n_rows(args.binary)
    target_rows = targets(args.binary, rows, args.revision, all_n)
    latency = latency_rows(args.binary)
    keep_pasid = args.report_only or (args.keep_others and args.pasid_max_pairs == 0)
    pasid_rows = kept.get("pasid_fleet", []) if keep_pasid else pasid_fleet_rows(
        args.binary, args.pasid_max_pairs, args.cap, args.memory_mb)
    with open(os.path.join(HERE, "results.json"), "w") as f:
        json.dump({"meta": meta, "rows": rows, "pasid_fleet": pasid_rows,
                   "latency": [dict(zip(("command", "wall_s", "limit_s"), l)) for l in latency],
                   "all_n": [dict(zip(("revision", "wall_s", "proved", "holding", "not_proved"), a))
                             for a in all_n],
                   "targets": [dict(zip(("target", "limit", "measured", "met"), t))
                               for t in target_rows]}, f, indent=1)
    write_markdown(os.path.join(HERE, "results.md"), meta, rows, target_rows, latency, pasid_rows)
    plot(rows, os.path.join(HERE, "time-vs-pairs.png"))
    print("bench: wrote bench/results.md, bench/results.json, bench/time-vs-pairs.png",
          file=sys.stderr)


if __name__ == "__main__":
    main()
