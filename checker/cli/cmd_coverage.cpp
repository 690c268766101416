// coverage: which actions fire and which kernel branches are taken.
#include <iostream>

#include "checker/cli/commands.hpp"
#include "checker/cli/progress.hpp"
#include "checker/input/load.hpp"
#include "checker/limits/memory_limit.hpp"
#include "checker/reports/coverage_report.hpp"
#include "checker/sweeps/matrix.hpp"

namespace atscheck::cli {

Vacuity parse_vacuity(const std::string& level) {
    if (level == "error")
        return Vacuity::Error;
    return level == "warn" ? Vacuity::Warn : Vacuity::Off;
}

std::vector<CoverageReport> measure_coverage_of(const std::vector<LoadedCell>& cells,
                                                const EngineChoice& limits) {
    std::vector<CoverageReport> reports;
    for (const auto& cell : cells) {
        std::optional<MemoryLimit> memory;
        if (limits.memory_limit_mb && *limits.memory_limit_mb > 0)
            memory.emplace(*limits.memory_limit_mb);
        const std::string what =
            "coverage of " + cell.system.revision.name + " on " + cell.system.scenario.name;
        reports.push_back(measure_coverage(
            cell.system, CoverageOptions{.limits = {.timeout = limits.timeout && *limits.timeout > 0
                                                                   ? limits.timeout
                                                                   : std::nullopt,
                                                    .progress = engine_progress(what)},
                                         .max_depth = limits.depth}));
    }
    return reports;
}

namespace {

// A user's property under coverage: checked by the explicit search (its
// failure reachable or not, vacuous or not), and its antecedents witnessed.
PropertyReach reach_of(const System& sys, const EngineChoice& limits, PropertyId p) {
    CheckedSystem c = check_system(sys, limits, {p}, nullptr);
    return {std::move(c.result.properties.front()), antecedent_reach(sys, limits, p)};
}

} // namespace

ExitCode cmd_coverage(const CoverageArgs& a) {
    EngineChoice limits;
    limits.engine = Engine::Explicit;
    limits.depth = a.depth;
    limits.timeout = a.timeout;
    limits.memory_limit_mb = a.memory_limit_mb;
    validate_engine_choice(limits);
    std::vector<std::string> revisions = a.revisions;
    if (revisions.size() == 1 && revisions[0] == "all")
        revisions = shipped_names("revisions");
    const auto props = a.user_properties.add();
    const auto cells = load_cells(cross_product(revisions, {a.scenario}, props));
    auto reports = measure_coverage_of(cells, limits);
    for (auto& r : reports)
        for (PropertyId p : props)
            r.properties.push_back(reach_of(r.system, limits, p));
    if (a.format == "json") {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& r : reports)
            all.push_back(render_coverage_json(r));
        std::cout << (all.size() == 1 ? all[0] : nlohmann::json{{"coverage", all}}).dump(2) << "\n";
    } else {
        for (size_t i = 0; i < reports.size(); ++i)
            std::cout << (i ? "\n" : "") << render_coverage_text(reports[i]);
    }
    return vacuity_exit_code(reports, parse_vacuity(a.vacuity));
}

} // namespace atscheck::cli
