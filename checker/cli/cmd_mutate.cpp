// mutate: the mutation score of the property set on seeded model faults.
#include <algorithm>
#include <iostream>

#include "checker/cli/commands.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/load.hpp"
#include "checker/reports/mutation_report.hpp"

namespace atscheck::cli {

namespace {

constexpr int kDefaultMutantDepth = 12;

std::vector<Mutant> selected_mutants(const std::vector<std::string>& names) {
    std::vector<Mutant> out;
    for (const auto& info : kMutants)
        if (names.empty())
            out.push_back(info.id);
    for (const auto& n : names)
        out.push_back(mutant_from_cli(n));
    return out;
}

// fleet-N for each mutant that needs more pairs than the shipped fleet has,
// last, so that the other mutants are killed before they reach it.
std::vector<std::string> larger_fleets(const std::vector<Mutant>& mutants) {
    std::vector<std::string> out;
    for (const auto& info : kMutants) {
        const std::string name = "fleet-" + std::to_string(info.min_pairs);
        if (info.min_pairs > 0 && std::count(mutants.begin(), mutants.end(), info.id) > 0 &&
            std::count(out.begin(), out.end(), name) == 0)
            out.push_back(name);
    }
    return out;
}

} // namespace

Mutant mutant_from_cli(const std::string& name) {
    if (const MutantInfo* info = find_mutant(name))
        return info->id;
    std::string known;
    for (const auto& m : kMutants)
        known += (known.empty() ? "" : ", ") + std::string(m.name);
    throw InputError("--mutant", name, "unknown mutant; known: " + known);
}

ExitCode cmd_mutate(const MutateArgs& a) {
    EngineChoice engine = a.engine;
    // A mutant that breaks a counter has infinitely many states.
    if (engine.engine == Engine::Explicit && !engine.depth)
        engine.depth = kDefaultMutantDepth;
    validate_engine_choice(engine);
    const auto mutants = selected_mutants(a.mutants);
    const auto revisions = a.revisions.empty() ? shipped_names("revisions") : a.revisions;
    auto scenarios = a.scenarios.empty() ? shipped_names("scenarios") : a.scenarios;
    if (a.scenarios.empty())
        for (const auto& extra : larger_fleets(mutants))
            scenarios.push_back(extra);
    const auto cells = load_cells(cross_product(
        revisions, scenarios, selected_properties(a.properties, a.user_properties.add())));
    std::cerr << "atscheck: the real model on " << cells.size() << " cells, then " << mutants.size()
              << " mutants\n";
    const MutationReport report =
        run_mutants(cells, mutants, engine, [](size_t i, size_t n, const MutantOutcome& m) {
            std::cerr << "[" << i + 1 << "/" << n << "] " << m.mutant->name << ": "
                      << (m.killed()       ? "killed"
                          : m.inconclusive ? "inconclusive"
                                           : "survived")
                      << "\n";
        });
    if (a.format == "json")
        std::cout << render_mutation_json(report).dump(2) << "\n";
    else
        std::cout << render_mutation_text(report);
    return mutation_exit_code(report);
}

} // namespace atscheck::cli
