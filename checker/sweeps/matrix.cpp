#include "checker/sweeps/matrix.hpp"

#include <chrono>
#include <map>

#include "checker/input/load.hpp"

namespace atscheck {

std::vector<CellSpec> cross_product(const std::vector<std::string>& revisions,
                                    const std::vector<std::string>& scenarios,
                                    const std::vector<PropertyId>& properties) {
    std::vector<CellSpec> out;
    for (const auto& r : revisions)
        for (const auto& s : scenarios)
            out.push_back({r, s, properties});
    return out;
}

std::vector<LoadedCell> load_cells(const std::vector<CellSpec>& specs) {
    std::map<std::string, Revision> revisions;
    std::map<std::string, Scenario> scenarios;
    std::vector<LoadedCell> out;
    for (const auto& spec : specs) {
        auto r = revisions.find(spec.revision);
        if (r == revisions.end())
            r = revisions.emplace(spec.revision, load_revision(spec.revision)).first;
        auto s = scenarios.find(spec.scenario);
        if (s == scenarios.end())
            s = scenarios.emplace(spec.scenario, load_scenario(spec.scenario)).first;
        out.push_back({System{r->second, s->second}, spec.properties});
        // A property may name a domain: the scenario must have it.
        check_properties_against(out.back().system, spec.properties);
    }
    return out;
}

std::vector<CheckedSystem> run_sweep(const std::vector<LoadedCell>& cells, const EngineChoice& e,
                                     const SweepObserver& observer) {
    std::vector<CheckedSystem> out;
    for (size_t i = 0; i < cells.size(); ++i) {
        const System& sys = cells[i].system;
        if (observer.started)
            observer.started(i, cells.size(), sys);
        const auto t0 = std::chrono::steady_clock::now();
        out.push_back(
            check_system(sys, e, cells[i].properties,
                         observer.engine_progress ? observer.engine_progress(sys) : ProgressFn()));
        const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
        if (observer.finished)
            observer.finished(i, cells.size(), out.back(), dt.count());
    }
    return out;
}

} // namespace atscheck
