// atscheck mutate: runs the properties on seeded faults of the model
// (model/mutants.hpp) and says which fault no property notices. A mutant is
// killed on a revision x scenario when some property's verdict there differs
// from the real model's: proved on one and violated on the other.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/engines/run.hpp"
#include "checker/exit_code.hpp"
#include "checker/sweeps/matrix.hpp"

namespace atscheck {

// One property whose verdict the mutant changed.
struct Kill {
    std::string revision, scenario;
    PropertyId property;
    std::string real, mutated; // verdict cells, e.g. "proved" and "violated@4"
};

struct MutantOutcome {
    const MutantInfo* mutant;
    std::vector<Kill> kills;   // on the first cell that kills it; empty if it survived
    bool inconclusive = false; // survived, but some verdict was bounded or unknown
    bool killed() const { return !kills.empty(); }
};

struct MutationReport {
    Engine engine;
    size_t cells = 0;
    std::vector<MutantOutcome> mutants;
    size_t killed() const;
};

// Told when each mutant is done, for progress.
using MutantObserver = std::function<void(size_t index, size_t total, const MutantOutcome&)>;

// The real model on every cell first, then each mutant cell by cell until a
// cell kills it. Counterexamples of mutants are re-checked on the mutated model.
MutationReport run_mutants(const std::vector<LoadedCell>& cells, const std::vector<Mutant>& mutants,
                           const EngineChoice& engine, const MutantObserver& observer);

// Exit code: 0 when every mutant is killed, 1 when one survived, 3 when none
// survived but some comparison was inconclusive.
ExitCode mutation_exit_code(const MutationReport& r);

} // namespace atscheck
