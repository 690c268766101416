// The subcommands of atscheck, each filled in by main() from its flags.
#pragma once

#include <string>
#include <vector>

#include "checker/engines/run.hpp"
#include "checker/exit_code.hpp"
#include "checker/sweeps/matrix.hpp"
#include "checker/trust/coverage.hpp"

namespace atscheck::cli {

// --junit, --sarif, --html: report files a sweep may write.
struct ReportFiles {
    std::string junit, sarif, html;
};

// --properties FILE and --invariant 'NAME: EXPR' (each repeatable): the
// user's properties, checked instead of the shipped ones unless --property
// names others.
struct PropertyFlags {
    std::vector<std::string> files, invariants;
    std::vector<PropertyId> add() const { return add_user_properties(files, invariants); }
};

struct CheckArgs {
    PropertyFlags user_properties;
    std::vector<std::string> revisions;
    std::string scenario;
    std::vector<std::string> properties;
    EngineChoice engine;
    std::string out_dir;
    std::string smt2_dir; // --emit-smt2
    std::string format = "text";
    ReportFiles reports;
    std::string vacuity = "off"; // off | warn | error
    std::string kernel_dir;      // --kernel: check the tree's code (cmd_check_code)
    std::string mutant;          // --mutant: a seeded fault of the model
};

struct CoverageArgs {
    PropertyFlags user_properties;
    std::vector<std::string> revisions;
    std::string scenario;
    std::optional<int> depth;
    std::optional<double> timeout;
    std::optional<size_t> memory_limit_mb;
    std::string vacuity = "warn";
    std::string format = "text";
};

struct MutateArgs {
    PropertyFlags user_properties;
    std::vector<std::string> revisions;  // default: every shipped revision
    std::vector<std::string> scenarios;  // default: every shipped scenario
    std::vector<std::string> mutants;    // default: every mutant
    std::vector<std::string> properties; // default: all
    EngineChoice engine;
    std::string format = "text";
};

struct MergeArgs {
    PropertyFlags user_properties;
    std::vector<std::string> files; // matrix --format json outputs, one per shard
    std::string format = "markdown";
};

struct MatrixArgs {
    PropertyFlags user_properties;
    std::string shard;                  // "I/N", or empty for the whole sweep
    std::vector<std::string> revisions; // names, files or directories
    std::vector<std::string> scenarios;
    std::vector<std::string> properties;
    EngineChoice engine;
    std::string format = "markdown";
    std::string out_dir;
    ReportFiles reports;
};

struct CiArgs {
    std::string manifest;
    std::string kernel_dir; // --kernel DIR, else the manifest's "kernel"
    std::string format = "text";
    std::string out_dir;
    ReportFiles reports;
};

struct DiffArgs {
    PropertyFlags user_properties;
    std::string revision_a, revision_b, scenario;
    std::vector<std::string> properties;
    EngineChoice engine;
    std::string format = "text";
    std::string out_dir;
};

struct ConformArgs {
    std::string kernel_dir;
    std::string emit_revision; // --emit-revision FILE
    std::string format = "text";
    std::vector<std::string> scenarios; // -s: the lockstep's scenarios
    std::string itf;                    // --itf FILE: the path to the first divergence
};

struct SeriesArgs {
    PropertyFlags user_properties;
    std::string kernel_dir;           // a git tree
    std::string range;                // BASE..TIP, or empty with patches
    std::vector<std::string> patches; // --patch: applied in order to a copy
    std::string html;                 // --html FILE: the tables as a page
    std::vector<std::string> scenarios;
    std::vector<std::string> properties;
    std::string format = "text";
};

ExitCode cmd_check(const CheckArgs& a);
ExitCode cmd_check_code(const CheckArgs& a);
ExitCode cmd_conform(const ConformArgs& a);
ExitCode cmd_series(const SeriesArgs& a);
ExitCode cmd_coverage(const CoverageArgs& a);
ExitCode cmd_mutate(const MutateArgs& a);
// The mutant named on the command line; InputError (exit 2) for an unknown name.
Mutant mutant_from_cli(const std::string& name);

// --vacuity's level from its flag value (off, warn or error).
Vacuity parse_vacuity(const std::string& level);
// One coverage report per cell, each under the limits of `limits`.
std::vector<CoverageReport> measure_coverage_of(const std::vector<LoadedCell>& cells,
                                                const EngineChoice& limits);
ExitCode cmd_replay(const std::string& file, const std::string& format);
ExitCode cmd_list();
ExitCode cmd_matrix(const MatrixArgs& a);
ExitCode cmd_ci(const CiArgs& a);
ExitCode cmd_merge(const MergeArgs& a);
ExitCode cmd_diff(const DiffArgs& a);

} // namespace atscheck::cli
