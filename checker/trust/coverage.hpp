// The coverage (vacuity) report of one system: which actions ever fire and
// which branches of each kernel function are taken, over every reachable
// state. A property "proved" on a scenario where, say, ATS is never enabled
// proves little; this report shows that, and flags actions that never fire.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"
#include "checker/engines/vacuity.hpp"
#include "checker/exit_code.hpp"
#include "model/branches.hpp"

namespace atscheck {

struct CoverageOptions {
    RunLimits limits;
    std::optional<int> max_depth;
};

struct ActionFires {
    ActionInstance instance;
    std::string label; // e.g. attach_prepare(0000:01:00.1, dma)
    uint64_t fires = 0;
};

// How a branch point fared; `in_code` is false when this revision and
// scenario's code has no such branch (see branch_sites).
struct BranchOutcome {
    Branch id;
    bool in_code = false;
    uint64_t taken = 0, not_taken = 0;
    const char* flag() const; // "never taken", "always taken", "not reached", or ""
};

// A user's property under coverage: whether its failure and each of its
// antecedents are reachable (checker/engines/vacuity.hpp).
struct PropertyReach {
    PropertyResult failure; // the property checked: violated@N, proved, ...
    std::vector<AntecedentReach> antecedents;
};

struct CoverageReport {
    System system;
    std::vector<ActionFires> actions;
    std::vector<BranchOutcome> branches;
    std::vector<PropertyReach> properties; // coverage --properties/--invariant
    EngineStats stats;       // of the exploration; stats.exhaustive says if it is complete
    std::string stop_reason; // why it is not, when it is not

    // Action kinds the scenario has that no instance of ever fired, in
    // kActionNames order. Dead for sure only when stats.exhaustive.
    std::vector<ActionKind> dead_actions() const;
};

// Explores every reachable state with the explicit engine, counting as it goes.
CoverageReport measure_coverage(const System& sys, const CoverageOptions& opts);

// --vacuity: off (no coverage pass), warn (report dead actions), error (and fail).
enum class Vacuity { Off, Warn, Error };
// Exit code 5 when `vacuity` is error and an action is dead or a property is
// proved with an antecedent that never holds; 3 when it is error and the
// exploration was cut short with an action not yet seen; else 0.
ExitCode vacuity_exit_code(const std::vector<CoverageReport>& reports, Vacuity vacuity);
// Exit code 5 when `vacuity` is error and a property is proved vacuously.
ExitCode vacuity_exit_code(const std::vector<CheckedSystem>& checks, Vacuity vacuity);

} // namespace atscheck
