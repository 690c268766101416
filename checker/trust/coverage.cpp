#include "checker/trust/coverage.hpp"

#include <algorithm>

#include "checker/engines/explicit_engine.hpp"
#include "model/symbolic.hpp"

namespace atscheck {

const char* BranchOutcome::flag() const {
    if (!in_code)
        return "";
    if (taken == 0 && not_taken == 0)
        return "not reached";
    if (taken == 0)
        return "never taken";
    if (not_taken == 0)
        return "always taken";
    return "";
}

std::vector<ActionKind> CoverageReport::dead_actions() const {
    std::vector<ActionKind> kinds, live;
    for (const auto& a : actions) {
        if (std::find(kinds.begin(), kinds.end(), a.instance.kind) == kinds.end())
            kinds.push_back(a.instance.kind);
        if (a.fires > 0)
            live.push_back(a.instance.kind);
    }
    std::vector<ActionKind> dead;
    for (ActionKind k : kinds)
        if (std::find(live.begin(), live.end(), k) == live.end())
            dead.push_back(k);
    return dead;
}

CoverageReport measure_coverage(const System& sys, const CoverageOptions& opts) {
    ExplicitCoverage counts;
    const CheckResult explored = check_explicit(sys, ExplicitOptions{.properties = {},
                                                                     .limits = opts.limits,
                                                                     .max_depth = opts.max_depth,
                                                                     .coverage = &counts});

    CoverageReport r{sys, {}, {}, {}, explored.stats, ""};
    const auto instances = action_instances(sys);
    for (size_t i = 0; i < instances.size(); ++i)
        r.actions.push_back({instances[i], action_label(sys, instances[i]), counts.fires[i]});
    const auto sites = branch_sites(sys);
    for (const auto& b : kBranches) {
        const size_t i = static_cast<size_t>(b.id);
        r.branches.push_back(
            {b.id, sites[i], counts.branches.taken[i], counts.branches.not_taken[i]});
    }
    r.stop_reason = counts.stop_reason;
    return r;
}

ExitCode vacuity_exit_code(const std::vector<CoverageReport>& reports, Vacuity vacuity) {
    ExitCode code = ExitCode::Ok;
    if (vacuity != Vacuity::Error)
        return code;
    // A dead action is only proved dead by an exploration that finished.
    for (const auto& r : reports) {
        if (!r.dead_actions().empty())
            code =
                most_severe(code, r.stats.exhaustive ? ExitCode::Vacuous : ExitCode::Inconclusive);
        for (const auto& p : r.properties)
            if (!p.failure.vacuous.empty())
                code = most_severe(code, ExitCode::Vacuous);
    }
    return code;
}

ExitCode vacuity_exit_code(const std::vector<CheckedSystem>& checks, Vacuity vacuity) {
    for (const auto& c : checks)
        for (const auto& r : c.result.properties)
            if (vacuity == Vacuity::Error && !r.vacuous.empty())
                return ExitCode::Vacuous;
    return ExitCode::Ok;
}

} // namespace atscheck
