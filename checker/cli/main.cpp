// atscheck: the command line. Parses the flags of each subcommand, runs it,
// and turns errors into the exit codes of checker/exit_code.hpp.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "checker/cli/commands.hpp"
#include "checker/conform/series.hpp"
#include "checker/conform/smmu_lockstep.hpp"
#include "checker/engines/auto_engine.hpp"
#include "checker/input/input_error.hpp"
#include "checker/version.hpp"

using namespace atscheck;
using namespace atscheck::cli;
namespace fs = std::filesystem;

namespace {

// The engine flags check, matrix and diff share; to_choice() runs after parsing.
struct EngineFlags {
    EngineChoice choice;
    std::string engine = cli_name(Engine::Auto);
    int depth = -1;
    double timeout = 0;
    size_t memory_limit = 0;
    bool no_lemmas = false;
    bool no_symmetry = false;
    unsigned threads = 0;
    CLI::Option* depth_option = nullptr;
    CLI::Option* timeout_option = nullptr;
    CLI::Option* memory_option = nullptr;

    void add_to(CLI::App* app) {
        app->add_option(
               "--engine,-e", engine,
               "auto: on alike PF/VF units (fleet), first proofs for every number of "
               "units (all-n); then an explicit search of up to " +
                   std::to_string(kAutoExplicitStates) +
                   " states settles small checks; beyond that, BMC for counterexamples and "
                   "k-induction/PDR for proofs, on "
                   "two threads; explicit: exhaustive breadth-first search (shortest "
                   "counterexamples; proved when it exhausts the state space); bmc: bounded "
                   "model checking on Z3 up to --depth; kind: k-induction with Houdini "
                   "lemmas, k up to --depth; pdr: IC3/PDR through Z3's Spacer; simulate: "
                   "seeded random walks; all-n: proofs for every number of alike PF/VF "
                   "units only, by unit decomposition")
            ->check(CLI::IsMember(engine_cli_names()))
            ->capture_default_str();
        depth_option = app->add_option(
            "--depth,-k", depth,
            "explore at most K steps (auto and bmc: BMC depth, default 10; explicit: default "
            "unbounded; kind: largest k, default 12; simulate: walk length, default 30)");
        timeout_option = app->add_option(
            "--timeout", timeout,
            "stop each check after SECONDS; unfinished properties become unknown (0 = none)");
        memory_option = app->add_option(
            "--memory-limit", memory_limit,
            "stop each check when the process's resident memory passes MB megabytes; "
            "unfinished properties become bounded/unknown, verdicts found are kept (0 = none)");
        app->add_flag("--no-lemmas", no_lemmas,
                      "kind and pdr: prove without Houdini's lemmas (properties/lemmas.hpp), to "
                      "see what the engine finds alone");
        app->add_flag("--no-symmetry", no_symmetry,
                      "explicit: store every state, not one per class of states equal up to "
                      "swapping identically configured PF/VF pairs (to measure the reduction)");
        app->add_option("--threads,-j", threads,
                        "explicit: threads that expand and check states (0, the default: one per "
                        "core, or the environment's ATSCHECK_THREADS); the verdicts, traces and "
                        "state counts do not depend on it");
        app->add_option("--seed", choice.seed, "random seed (simulate)")->capture_default_str();
        app->add_option("--runs", choice.runs, "number of random walks (simulate)")
            ->capture_default_str();
    }
    EngineChoice to_choice() const {
        EngineChoice e = choice;
        e.engine = *engine_from_cli(engine);
        if (depth_option && depth_option->count() > 0)
            e.depth = depth;
        if (timeout_option && timeout_option->count() > 0)
            e.timeout = timeout;
        if (memory_option && memory_option->count() > 0)
            e.memory_limit_mb = memory_limit;
        e.lemmas = !no_lemmas;
        e.symmetry = !no_symmetry;
        e.threads = threads;
        return e;
    }
};

void add_property_flags(CLI::App* app, PropertyFlags& p) {
    app->add_option("--properties", p.files,
                    "a JSON file of properties to check (repeatable; see docs/properties.md); "
                    "with it or --invariant, the default is to check those, not the shipped ones");
    app->add_option("--invariant", p.invariants,
                    "one property, 'NAME: EXPRESSION' (repeatable), e.g. 'vf_follows_pf: forall d "
                    "in vfs: pdev[d].ats_enabled -> pdev[pf(d)].ats_enabled'");
}

void add_out_flag(CLI::App* app, std::string& dir) {
    app->add_option("--out,-o", dir, "write each counterexample as ITF JSON into DIR");
}

// --format with the formats a subcommand offers; the first is the default.
void add_format_flag(CLI::App* app, std::string& format, std::vector<std::string> formats) {
    format = formats.front();
    app->add_option("--format,-f", format, "output format")
        ->check(CLI::IsMember(std::move(formats)))
        ->capture_default_str();
}

void add_report_flags(CLI::App* app, ReportFiles& r) {
    app->add_option("--junit", r.junit,
                    "write JUnit XML: a test case per revision/scenario/property, the trace in "
                    "each failure");
    app->add_option("--sarif", r.sarif,
                    "write SARIF 2.1.0: a result per violation, its steps as a code flow");
    app->add_option("--html", r.html,
                    "write one self-contained HTML page: the matrix, and per counterexample a "
                    "step table and a sequence diagram");
}

void add_vacuity_flag(CLI::App* app, std::string& level) {
    app->add_option("--vacuity", level,
                    "off: no coverage pass; warn: report actions that never fire; error: and "
                    "fail with exit 5, as for a property proved vacuously (an antecedent that "
                    "never holds; every report shows those) (a coverage pass explores every "
                    "reachable state)")
        ->check(CLI::IsMember({"off", "warn", "error"}))
        ->capture_default_str();
}

// The bounds of an exploration that is not an engine choice (coverage).
void add_limit_flags(CLI::App* app, std::optional<int>& depth, std::optional<double>& timeout,
                     std::optional<size_t>& memory_mb) {
    app->add_option("--depth,-k", depth, "explore at most K steps (default: unbounded)");
    app->add_option("--timeout", timeout, "stop after SECONDS (0 = none)");
    app->add_option("--memory-limit", memory_mb, "stop when resident memory passes MB (0 = none)");
}

// Everything is written and closed by now; the Z3 contexts still being
// deleted in the background (checker/engines/owned_context.hpp) need not be: the OS
// frees them at once. Sanitizer builds wait, so LeakSanitizer still checks.
[[noreturn]] void exit_without_cleanup(ExitCode exit_code) {
    const int code = static_cast<int>(exit_code);
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__)
    std::exit(code);
#else
    std::_Exit(code);
#endif
}

// Every subcommand's arguments, filled by CLI11 as it parses.
struct Commands {
    CheckArgs check;
    EngineFlags check_engine;
    CoverageArgs coverage;
    MutateArgs mutate;
    EngineFlags mutate_engine;
    MatrixArgs matrix;
    EngineFlags matrix_engine;
    MergeArgs merge;
    CiArgs ci;
    DiffArgs diff;
    EngineFlags diff_engine;
    ConformArgs conform;
    SeriesArgs series;
    std::string trace_file, replay_format = "text";
};

CLI::App* add_check(CLI::App& app, Commands& c) {
    auto* check = app.add_subcommand("check", "check properties of revisions on a scenario");
    auto* revision =
        check->add_option("--revision,-r", c.check.revisions,
                          "revision name (see `list`), a revision JSON file, or `all`; repeat to "
                          "check several (prints one verdict table); required unless --kernel");
    check
        ->add_option("--kernel", c.check.kernel_dir,
                     "check a kernel tree's own code instead of a revision: its SMMUv3 ATS "
                     "slice and drivers/pci/ats.c compiled, explored by the explicit search "
                     "(docs/conformance.md)")
        ->excludes(revision);
    check
        ->add_option("--scenario,-s", c.check.scenario,
                     "scenario name, fleet-N, or a scenario JSON file")
        ->required();
    check->add_option("--property,-p", c.check.properties,
                      "property to check (repeatable; default: all)");
    add_property_flags(check, c.check.user_properties);
    c.check_engine.add_to(check);
    add_out_flag(check, c.check.out_dir);
    check->add_option("--emit-smt2", c.check.smt2_dir,
                      "write each result's SMT-LIB 2 obligations into DIR (a proof's initiation, "
                      "consecution and safety, or its k-induction base and step, each unsat; a "
                      "counterexample's BMC query, sat) for re-checking with another solver");
    check
        ->add_option("--mutant", c.check.mutant,
                     "check the model with one seeded fault (`atscheck mutate` runs them all; "
                     "docs/cli.md lists them), e.g. to see what a proof method notices; "
                     "every report names it")
        ->excludes("--kernel");
    add_format_flag(check, c.check.format, {"text", "json", "mail"});
    add_report_flags(check, c.check.reports);
    add_vacuity_flag(check, c.check.vacuity);
    return check;
}

CLI::App* add_coverage(CLI::App& app, Commands& c) {
    auto* coverage = app.add_subcommand(
        "coverage",
        "explore every reachable state and report which actions fire and which "
        "branches of each kernel function are taken; flag actions that never fire; with "
        "--properties or --invariant, whether each property's failure and antecedents "
        "are reachable");
    coverage
        ->add_option("--revision,-r", c.coverage.revisions,
                     "revision name, JSON file, or `all` (repeatable)")
        ->required();
    coverage
        ->add_option("--scenario,-s", c.coverage.scenario, "scenario name, fleet-N or JSON file")
        ->required();
    add_limit_flags(coverage, c.coverage.depth, c.coverage.timeout, c.coverage.memory_limit_mb);
    add_property_flags(coverage, c.coverage.user_properties);
    add_format_flag(coverage, c.coverage.format, {"text", "json"});
    add_vacuity_flag(coverage, c.coverage.vacuity);
    return coverage;
}

CLI::App* add_mutate(CLI::App& app, Commands& c) {
    c.mutate_engine.engine = cli_name(Engine::Explicit);
    auto* mutate = app.add_subcommand(
        "mutate", "run the properties on seeded faults of the model (drop the decrement, skip "
                  "the disable, ...) and report the faults no property notices");
    mutate
        ->add_option("--revisions", c.mutate.revisions,
                     "revisions (comma-separated or repeated; default: every shipped revision)")
        ->delimiter(',');
    mutate
        ->add_option("--scenarios", c.mutate.scenarios,
                     "scenarios (default: every shipped scenario)")
        ->delimiter(',');
    mutate->add_option("--mutant,-m", c.mutate.mutants, "mutant to run (repeatable; default: all)");
    mutate->add_option("--property,-p", c.mutate.properties,
                       "property that may kill (repeatable; default: all)");
    add_property_flags(mutate, c.mutate.user_properties);
    c.mutate_engine.add_to(mutate);
    add_format_flag(mutate, c.mutate.format, {"text", "json"});
    return mutate;
}

CLI::App* add_matrix(CLI::App& app, Commands& c) {
    auto* matrix = app.add_subcommand(
        "matrix", "check every revision x scenario x property and print the verdict matrix "
                  "(Markdown, to paste into a review mail, or JSON)");
    matrix
        ->add_option("--revisions", c.matrix.revisions,
                     "revisions: names, files, directories of JSON files, or all (comma-separated "
                     "or repeated; default: every shipped revision)")
        ->delimiter(',');
    matrix
        ->add_option("--scenarios", c.matrix.scenarios,
                     "scenarios: names, fleet-N, files or directories (default: every shipped "
                     "scenario)")
        ->delimiter(',');
    matrix->add_option("--property,-p", c.matrix.properties, "property (repeatable; default: all)");
    add_property_flags(matrix, c.matrix.user_properties);
    c.matrix_engine.add_to(matrix);
    add_out_flag(matrix, c.matrix.out_dir);
    matrix->add_option("--shard", c.matrix.shard,
                       "run only shard I of N (e.g. 2/8): cells I, I+N, I+2N, ... of the sweep; "
                       "combine the shards' --format json outputs with `merge`");
    add_format_flag(matrix, c.matrix.format, {"markdown", "json"});
    add_report_flags(matrix, c.matrix.reports);
    return matrix;
}

CLI::App* add_merge(CLI::App& app, Commands& c) {
    auto* merge = app.add_subcommand(
        "merge", "combine the JSON outputs of `matrix --shard I/N` runs into the matrix of the "
                 "whole sweep, replaying the trace files the shards wrote");
    merge->add_option("SHARD", c.merge.files, "matrix --format json outputs, one per shard")
        ->required();
    add_property_flags(merge, c.merge.user_properties);
    add_format_flag(merge, c.merge.format, {"markdown", "json"});
    return merge;
}

CLI::App* add_ci(CLI::App& app, Commands& c) {
    auto* ci = app.add_subcommand(
        "ci", "check a manifest of expected verdicts (e.g. examples/ci/expectations.json) and "
              "fail on any deviation: a regression or a stale expectation");
    ci->add_option("MANIFEST", c.ci.manifest, "the expectations JSON (see docs/ci.md)")->required();
    ci->add_option("--kernel", c.ci.kernel_dir,
                   "a kernel tree: before any engine runs, fail (exit 1) when a mirrored "
                   "function's body differs from the fingerprint its revision carries "
                   "(default: the manifest's \"kernel\", if any; docs/conformance.md)");
    add_out_flag(ci, c.ci.out_dir);
    add_format_flag(ci, c.ci.format, {"text", "json"});
    add_report_flags(ci, c.ci.reports);
    return ci;
}

CLI::App* add_diff(CLI::App& app, Commands& c) {
    auto* diff = app.add_subcommand(
        "diff", "the properties whose verdict changes from revision A to revision B, each with "
                "the trace that shows it");
    diff->add_option("REV_A", c.diff.revision_a, "the older revision (name or file)")->required();
    diff->add_option("REV_B", c.diff.revision_b, "the newer revision (name or file)")->required();
    diff->add_option("--scenario,-s", c.diff.scenario, "scenario name, fleet-N or file")
        ->required();
    diff->add_option("--property,-p", c.diff.properties, "property (repeatable; default: all)");
    add_property_flags(diff, c.diff.user_properties);
    c.diff_engine.add_to(diff);
    add_out_flag(diff, c.diff.out_dir);
    add_format_flag(diff, c.diff.format, {"text", "json", "mail"});
    return diff;
}

CLI::App* add_replay(CLI::App& app, Commands& c) {
    auto* replay = app.add_subcommand(
        "replay", "re-check every step of an ITF trace against the model and name the property "
                  "it violates");
    replay->add_option("TRACE", c.trace_file, "a trace written by `check --out`")->required();
    add_format_flag(replay, c.replay_format, {"text", "json"});
    return replay;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

CLI::App* add_conform(CLI::App& app, Commands& c) {
    auto* conform = app.add_subcommand(
        "conform", "compare a kernel tree with the model: its drivers/pci/ats.c compiled against "
                   "atscheck's stub and run on every case (the PCI knobs it implements, its "
                   "WARN_ON lines), and the SMMU functions the model mirrors located, "
                   "fingerprinted and read for knobs (docs/conformance.md)");
    conform->add_option("--kernel", c.conform.kernel_dir, "the kernel tree (its top directory)")
        ->required();
    conform->add_option("--emit-revision", c.conform.emit_revision,
                        "write a revision JSON drafted from the tree: the knobs recognised, "
                        "ats.c's WARN lines, the fingerprints of the mirrored functions and the "
                        "tree's identity; fields not recognised are listed in kernel.unrecognised "
                        "and the file does not load until they are filled in");
    conform->add_option("-s,--scenario", c.conform.scenarios,
                        "a scenario the SMMU lockstep replays on the tree's code (repeatable; "
                        "default: " +
                            joined(default_lockstep_scenarios()) + ")");
    conform->add_option("--itf", c.conform.itf,
                        "where the code leaves the model, write the model's path there as an ITF "
                        "trace (atscheck replay reads it)");
    add_format_flag(conform, c.conform.format, {"text", "json"});
    return conform;
}

CLI::App* add_series(CLI::App& app, Commands& c) {
    auto* series = app.add_subcommand(
        "series", "check a patch series commit by commit: each commit's conformance, the SMMU "
                  "knobs drafted from its behaviour, and the verdicts of its own code "
                  "(check --kernel); then the first commit that changes each verdict "
                  "(docs/conformance.md)");
    series
        ->add_option("--kernel", c.series.kernel_dir,
                     "the kernel tree: a git checkout with RANGE, any tree with --patch")
        ->required();
    auto* range =
        series->add_option("RANGE", c.series.range, "BASE..TIP: the base and each commit after it");
    series
        ->add_option("--patch", c.series.patches,
                     "a patch or an mbox (git format-patch, a plain diff), applied in order to "
                     "a copy of the tree's checked files, each a step (repeatable; instead of "
                     "RANGE)")
        ->excludes(range);
    series->add_option("-s,--scenario", c.series.scenarios,
                       "a scenario to check each commit on (repeatable; default: " +
                           joined(default_series_scenarios()) + ")");
    series->add_option("--property,-p", c.series.properties,
                       "property to check (repeatable; default: all)");
    add_property_flags(series, c.series.user_properties);
    series->add_option("--html", c.series.html,
                       "also write the tables and the changes as an HTML page, in the style of "
                       "the HTML report");
    add_format_flag(series, c.series.format, {"text", "json", "markdown", "mail"});
    return series;
}

// Runs the subcommand that was parsed; bad input and internal errors become
// their exit codes here.
ExitCode dispatch(const CLI::App& app, Commands& c) {
    const auto parsed = [&](const char* name) { return app.got_subcommand(name); };
    try {
        if (parsed("check")) {
            c.check.engine = c.check_engine.to_choice();
            return cmd_check(c.check);
        }
        if (parsed("matrix")) {
            c.matrix.engine = c.matrix_engine.to_choice();
            return cmd_matrix(c.matrix);
        }
        if (parsed("ci"))
            return cmd_ci(c.ci);
        if (parsed("merge"))
            return cmd_merge(c.merge);
        if (parsed("diff")) {
            c.diff.engine = c.diff_engine.to_choice();
            return cmd_diff(c.diff);
        }
        if (parsed("coverage"))
            return cmd_coverage(c.coverage);
        if (parsed("mutate")) {
            c.mutate.engine = c.mutate_engine.to_choice();
            return cmd_mutate(c.mutate);
        }
        if (parsed("conform"))
            return cmd_conform(c.conform);
        if (parsed("series"))
            return cmd_series(c.series);
        if (parsed("replay"))
            return cmd_replay(c.trace_file, c.replay_format);
        if (parsed("list"))
            return cmd_list();
    } catch (const InputError& e) {
        std::cerr << "atscheck: " << e.what() << "\n";
        return ExitCode::BadInput;
    } catch (const fs::filesystem_error& e) {
        std::cerr << "atscheck: " << e.what() << "\n";
        return ExitCode::BadInput;
    } catch (const std::exception& e) { // InternalError, or an error atscheck did not expect
        std::cerr << "atscheck: internal error: " << e.what() << "\n";
        return ExitCode::Internal;
    }
    return ExitCode::BadInput;
}

ExitCode run(int argc, char** argv) {
    CLI::App app{std::string("atscheck ") + kToolVersion +
                 ": a model checker for the two-phase ATS commit of the Arm SMMUv3 driver and "
                 "the PCI ATS core"};
    app.footer(exit_codes_help());
    app.set_version_flag("--version", std::string("atscheck ") + kToolVersion);
    app.require_subcommand(1);
    Commands c;
    for (auto* add : {add_check, add_coverage, add_mutate, add_matrix, add_merge, add_ci, add_diff,
                      add_replay, add_conform, add_series})
        add(app, c)->footer(exit_codes_help());
    app.add_subcommand("list", "list the shipped revisions, scenarios and properties");
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) { // --help, --help-all, --version: CLI11 prints them
        app.exit(e);
        return ExitCode::Ok;
    } catch (const CLI::ParseError& e) {
        std::cerr << "atscheck: " << e.what() << " (see atscheck --help)\n";
        return ExitCode::BadInput;
    }
    return dispatch(app, c);
}

} // namespace

int main(int argc, char** argv) {
    exit_without_cleanup(run(argc, argv));
}
